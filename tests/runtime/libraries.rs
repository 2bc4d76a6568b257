//! Shared libraries in runs: the library in `fixtures/libraries/acme` (globals in `vars/`,
//! classes in `src/`, files in `resources/`) loaded from its folder, and libraries in real
//! local git repositories cloned at the ref asked for into `.jfrun/libraries`.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{expect_exit, has_line, pipeline};
use crate::support::Test;

/// The fixture library's folder.
fn acme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/libraries/acme")
}

/// `--library acme=<the fixture>`.
fn acme_flag() -> String {
    format!("--library=acme={}", acme().display())
}

/// `.jfrun.toml` configuring the fixture library, not implicitly.
fn acme_config() -> String {
    format!("[libraries.acme]\npath = \"{}\"\n", acme().display())
}

/// Fails unless `lines` appear in `out` in this order (other lines may come between).
fn expect_in_order(out: &str, lines: &[&str]) {
    let mut rest = out.lines();
    for want in lines {
        assert!(
            rest.any(|l| l.contains(want)),
            "missing (in order) {want:?} in\n{out}"
        );
    }
}

/// Every way of calling library code from a Jenkinsfile that asks for the library with
/// `@Library` on an import: a global's `call` (with and without arguments), its other
/// methods and `@Field` state, globals calling globals, the closure-configuration pattern,
/// a global handing the script to a `src/` class whose methods call `sh` and use a class of
/// the same package without importing it, the class used directly (constructor, static
/// method, constant, `import static`), a class of no package, and `libraryResource`.
#[test]
fn library_globals_classes_and_resources_run() {
    let t = pipeline(
        r#"
        @Library('acme') import com.acme.Deployer
        import static com.acme.Naming.release

        properties([parameters([string(name: 'TARGET', defaultValue: 'eu')])])
        node {
            greet()
            greet 'jfrun'
            echo util.shout('quiet')
            util.shout('again')
            echo "calls=${util.count()}"
            util.loudGreet('team')
            def n = buildApp {
                name = 'web'
                version = '1.2'
            }
            echo "built ${n}"
            echo deployTo('staging', '2.0')
            def d = new Deployer(this, 'prod')
            echo d.deploy('3.0')
            echo Deployer.describe('4.0')
            echo "tool=${Deployer.TOOL}"
            def cfg = readJSON text: libraryResource('com/acme/config.json')
            echo "replicas=${cfg.replicas}"
            echo "encoded=${libraryResource(resource: 'com/acme/config.json', encoding: 'Base64').take(8)}"
            echo "description=${currentBuild.description}"
            echo "static import: ${release('9')}"
            echo "no package: ${new Options().describe()}"
        }
        "#,
    );
    let run = t.run_with(&[&acme_flag()]);
    expect_exit(&run, 0);
    expect_in_order(
        &run.stdout,
        &[
            "Loading library acme",
            "Hello, world!",
            "Hello, jfrun!",
            "QUIET!",
            "calls=2",
            "Hello, TEAM!!",
            "building web 1.2 as build 1 with target eu",
            "compiled web",
            "built web",
            "deploying 2.0 to staging with kubectl",
            "deployed release-2.0",
            "staging:2.0",
            "deploying 3.0 to prod with kubectl",
            "prod:3.0",
            "release of 4.0",
            "tool=kubectl",
            "replicas=3",
            "encoded=eyJyZXBs",
            "description=web 1.2",
            "static import: release-9",
            "no package: region eu",
            "Finished: SUCCESS",
        ],
    );
    // `sh` from library code runs a real shell, traced as the Jenkinsfile's own are.
    assert!(
        has_line(&run.stdout, "+ echo compiled web"),
        "{}",
        run.stdout
    );
}

/// A library configured in `.jfrun.toml` without `implicit` loads only when asked for: the
/// `library` step puts its globals in use from then on and returns its classes
/// (`library('acme').com.acme.Deployer.new(...)`, static methods and fields).
#[test]
fn the_library_step_loads_globals_and_returns_classes() {
    let t = pipeline(
        r#"
        def acme = library('acme').com.acme
        echo acme.Deployer.describe('1')
        echo "tool=${acme.Deployer.TOOL}"
        def d = library('acme').com.acme.Deployer.new(this, 'dyn')
        node { echo d.deploy('5') }
        greet 'after the step'
        "#,
    )
    .file(".jfrun.toml", &acme_config())
    .git();
    let run = t.run();
    expect_exit(&run, 0);
    expect_in_order(
        &run.stdout,
        &[
            "Loading library acme",
            "release of 1",
            "tool=kubectl",
            "Only using first definition of library acme",
            "deploying 5 to dyn with kubectl",
            "dyn:5",
            "Hello, after the step!",
        ],
    );
}

/// Declarative's `libraries { lib('acme') }` loads the library before the stages run; its
/// globals are callable in `steps` and in `script` blocks.
#[test]
fn the_declarative_libraries_section_loads_the_library() {
    let t = pipeline(
        r"
        pipeline {
            agent any
            libraries { lib('acme') }
            stages {
                stage('Use') {
                    steps {
                        greet 'declarative'
                        script { echo util.shout('x') }
                    }
                }
            }
        }
        ",
    )
    .file(".jfrun.toml", &acme_config())
    .git();
    let run = t.run();
    expect_exit(&run, 0);
    expect_in_order(
        &run.stdout,
        &["Loading library acme", "Hello, declarative!", "X!"],
    );
}

/// A library named on the command line loads implicitly, so a Jenkinsfile calls its
/// globals without `@Library`; the folder is used as it is on disk, an uncommitted edit
/// included.
#[test]
fn a_library_given_on_the_command_line_loads_implicitly_from_the_folder_as_it_is() {
    let lib = Test::new()
        .file("vars/hello.groovy", "def call() { echo 'first text' }\n")
        .git();
    std::fs::write(
        lib.path().join("vars/hello.groovy"),
        "def call() { echo 'edited, not committed' }\n",
    )
    .expect("edit");
    let t = pipeline("node { hello() }\n");
    let run = t.run_with(&[&format!("--library=tools={}", lib.path().display())]);
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "edited, not committed"),
        "{}",
        run.stdout
    );
}

/// A bare git repository holding a library with two refs: tag `v1` and branch `main`, whose
/// `hello` global says which it is.
fn git_library() -> (Test, String) {
    let src = Test::new()
        .file("vars/hello.groovy", "def call() { echo 'hello from v1' }\n")
        .git();
    git(src.path(), &["tag", "v1"]);
    std::fs::write(
        src.path().join("vars/hello.groovy"),
        "def call() { echo 'hello from main' }\n",
    )
    .expect("write");
    src.commit("main");
    let bare = src.path().join("lib.git");
    git(
        src.path(),
        &[
            "clone",
            "--quiet",
            "--bare",
            ".",
            bare.to_str().expect("utf-8"),
        ],
    );
    let url = format!("file://{}", bare.display());
    (src, url)
}

fn git(dir: &Path, args: &[&str]) {
    let st = Command::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git");
    assert!(st.success(), "git {args:?}");
}

/// A git library is cloned with real git at the ref the Jenkinsfile asks for, into
/// `.jfrun/libraries/NAME@REF`; without a ref the remote's default branch is used, and a
/// later run fetches again, so a new commit on the branch is picked up. `@Library` takes a
/// list, mixing folder and git libraries.
#[test]
fn a_git_library_is_cloned_at_the_requested_ref() {
    let (src, url) = git_library();
    let config = format!(
        "[libraries.hello]\ngit = \"{url}\"\n[libraries.acme]\npath = \"{}\"\n",
        acme().display()
    );
    let t = pipeline("@Library(['hello@v1', 'acme']) _\nnode { hello(); greet 'both' }\n")
        .file(".jfrun.toml", &config)
        .git();
    let run = t.run();
    expect_exit(&run, 0);
    expect_in_order(
        &run.stdout,
        &[
            "Loading library hello@v1",
            "Loading library acme",
            "hello from v1",
            "Hello, both!",
        ],
    );
    assert!(
        t.path()
            .join(".jfrun/libraries/hello@v1/vars/hello.groovy")
            .is_file()
    );

    std::fs::write(
        t.path().join("Jenkinsfile"),
        "@Library('hello') _\nnode { hello() }\n",
    )
    .expect("write");
    let run = t.run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "hello from main"), "{}", run.stdout);
    assert!(t.path().join(".jfrun/libraries/hello@HEAD").is_dir());

    // A new commit on the remote's branch reaches the next run through the cache.
    std::fs::write(
        src.path().join("vars/hello.groovy"),
        "def call() { echo 'hello from a newer main' }\n",
    )
    .expect("write");
    src.commit("newer");
    git(src.path(), &["push", "--quiet", "lib.git", "main"]);
    let run = t.run();
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "hello from a newer main"),
        "{}",
        run.stdout
    );

    // The library step clones the ref it names.
    std::fs::write(
        t.path().join("Jenkinsfile"),
        "library 'hello@v1'\nnode { hello() }\n",
    )
    .expect("write");
    let run = t.run();
    expect_exit(&run, 0);
    expect_in_order(&run.stdout, &["Loading library hello@v1", "hello from v1"]);
}

/// `.jfrun.toml` gives a git library a default version and can load it implicitly: a
/// Jenkinsfile that names no ref, or does not ask for the library at all, gets that version.
#[test]
fn a_configured_default_version_and_implicit_loading_apply_to_git_libraries() {
    let (_src, url) = git_library();
    let t = pipeline("node { hello() }\n")
        .file(
            ".jfrun.toml",
            &format!("[libraries.hello]\ngit = \"{url}\"\nversion = \"v1\"\nimplicit = true\n"),
        )
        .git();
    let run = t.run();
    expect_exit(&run, 0);
    expect_in_order(&run.stdout, &["Loading library hello@v1", "hello from v1"]);
    std::fs::write(
        t.path().join("Jenkinsfile"),
        "@Library('hello') _\nnode { hello() }\n",
    )
    .expect("write");
    let run = t.run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "hello from v1"), "{}", run.stdout);
    std::fs::write(
        t.path().join("Jenkinsfile"),
        "@Library('hello@main') _\nnode { hello() }\n",
    )
    .expect("write");
    let run = t.run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "hello from main"), "{}", run.stdout);
}

/// A ref the repository does not have stops the run before it starts, naming it.
#[test]
fn an_unknown_git_ref_is_refused() {
    let (_src, url) = git_library();
    let t = pipeline("@Library('hello@v9') _\nnode { hello() }\n")
        .file(
            ".jfrun.toml",
            &format!("[libraries.hello]\ngit = \"{url}\"\n"),
        )
        .git();
    let run = t.run();
    expect_exit(&run, 2);
    assert!(
        run.stderr.contains("has no branch, tag or commit named v9"),
        "{}",
        run.stderr
    );
}

/// Jenkins' messages for what cannot be found: `@Library` naming an unknown library stops
/// the run before it starts, the `library` step fails the build, an unknown global or an
/// import of a class no library defines say where jfrun looked.
#[test]
fn missing_libraries_globals_and_classes_are_reported_as_jenkins_does() {
    let run = pipeline("@Library('nope') _\nnode { echo 'never' }\n").run();
    expect_exit(&run, 2);
    assert!(
        run.stderr
            .contains("Could not find any definition of libraries [nope]"),
        "{}",
        run.stderr
    );
    assert!(!has_line(&run.stdout, "never"), "{}", run.stdout);

    let run = pipeline("library 'nope'\n").run();
    expect_exit(&run, 1);
    assert!(
        has_line(&run.stdout, "ERROR: No library named nope found"),
        "{}",
        run.stdout
    );

    let run = pipeline("node { greet 'x'; deployEverything() }\n").run_with(&[&acme_flag()]);
    expect_exit(&run, 1);
    let looked = acme().join("vars/deployEverything.groovy");
    assert!(
        has_line(
            &run.stdout,
            &format!("jfrun looked for {} (acme)", looked.display())
        ),
        "{}",
        run.stdout
    );
    assert!(
        has_line(&run.stdout, "No such DSL method 'deployEverything'"),
        "{}",
        run.stdout
    );

    let run = pipeline("@Library('acme') import com.acme.Missing\nnode { echo 'never' }\n")
        .run_with(&[&acme_flag()]);
    expect_exit(&run, 2);
    let looked = acme().join("src/com/acme/Missing.groovy");
    assert!(
        run.stderr.contains(&format!(
            "unable to resolve class com.acme.Missing (jfrun looked for {} (acme))",
            looked.display()
        )),
        "{}",
        run.stderr
    );

    let run =
        pipeline("echo library('acme').com.acme.Nope.describe('1')\n").run_with(&[&acme_flag()]);
    expect_exit(&run, 1);
    assert!(
        has_line(
            &run.stdout,
            &format!(
                "java.lang.ClassNotFoundException: com.acme.Nope (jfrun looked for {} in library acme)",
                acme().join("src/com/acme/Nope.groovy").display()
            )
        ),
        "{}",
        run.stdout
    );

    // A global of a configured library that the Jenkinsfile does not load.
    let run = pipeline("node { greet 'x' }\n")
        .file(".jfrun.toml", &acme_config())
        .git()
        .run();
    expect_exit(&run, 1);
    assert!(
        has_line(
            &run.stdout,
            "greet is a global variable of the library acme, which this Jenkinsfile does not load"
        ),
        "{}",
        run.stdout
    );
}

/// A library script that does not parse stops the run with the diagnostic pointing into
/// that file; so does a library folder with neither `vars/` nor `src/`.
#[test]
fn a_broken_library_stops_the_run_before_it_starts() {
    let lib = Test::new().file("vars/broken.groovy", "def call() {\n    echo 'x'\n");
    let run = pipeline("node { broken() }\n")
        .run_with(&[&format!("--library=b={}", lib.path().display())]);
    expect_exit(&run, 2);
    assert!(run.stderr.contains("vars/broken.groovy"), "{}", run.stderr);
    assert!(
        run.stderr.contains("the shared library file"),
        "{}",
        run.stderr
    );
    assert!(!has_line(&run.stdout, "Started"), "{}", run.stdout);

    let empty = Test::new().file("README", "nothing here\n");
    let run = pipeline("node { echo 'x' }\n")
        .run_with(&[&format!("--library=e={}", empty.path().display())]);
    expect_exit(&run, 2);
    assert!(
        run.stderr
            .contains("Library e expected to contain at least one of src or vars directories"),
        "{}",
        run.stderr
    );
}

/// When two libraries define the same global, the first one loaded wins, as the first entry
/// of a class path does: the library the Jenkinsfile asks for loads before implicit ones.
#[test]
fn the_first_library_to_define_a_global_wins() {
    let implicit = Test::new().file(
        "vars/common.groovy",
        "def call() { echo 'common from the implicit library' }\n",
    );
    let asked = Test::new().file(
        "vars/common.groovy",
        "def call() { echo 'common from the library asked for' }\n",
    );
    let t = pipeline("@Library('asked') _\nnode { common() }\n");
    let run = t.run_with(&[
        &format!("--library=implicit={}", implicit.path().display()),
        &format!("--library=asked={}", asked.path().display()),
    ]);
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "common from the library asked for"),
        "{}",
        run.stdout
    );
}
