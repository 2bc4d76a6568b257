//! `agent { dockerfile }` against a real Docker engine: the image is built through the API from
//! the checkout (without what `.dockerignore` excludes), named as the plugin names it, the steps
//! run in a container of it, and neither the container nor the image outlives the run, whether
//! the build succeeds or fails. Without an engine these tests say so loudly and pass, unless
//! `JFRUN_REQUIRE_DOCKER` is set.

use super::docker::{docker, engine};
use super::{expect_exit, has_line, pipeline};

/// The job and number of the run, from its `Started <job> #<n>` line.
fn run_label(out: &str) -> String {
    let line = out
        .lines()
        .find_map(|l| l.strip_prefix("Started "))
        .expect("a Started line");
    let mut words = line.split_whitespace();
    let job = words.next().expect("job");
    let number = words.next().expect("number").trim_start_matches('#');
    format!("{job}#{number}")
}

/// The containers and images carrying the run's label.
fn leftovers(label: &str) -> Vec<String> {
    let filter = format!("label=jfrun.build={label}");
    let mut out = Vec::new();
    for args in [
        ["ps", "-a", "-q", "--filter", filter.as_str()],
        ["images", "-a", "-q", "--filter", filter.as_str()],
    ] {
        let o = docker().args(args).output().expect("docker");
        assert!(o.status.success(), "docker {args:?}");
        out.extend(
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .map(|l| format!("{} {l}", args[0])),
        );
    }
    out
}

/// The image name on the `docker build -t <name>` line.
fn built_tag(out: &str) -> String {
    let line = out
        .lines()
        .find(|l| l.contains("+ docker build -t "))
        .expect("a docker build line");
    let rest = line.split_once("+ docker build -t ").expect("tag").1;
    rest.split_whitespace().next().expect("tag").to_owned()
}

#[test]
fn a_dockerfile_agent_builds_its_image_without_ignored_files_and_runs_the_steps_in_it() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent {
                dockerfile {
                    additionalBuildArgs '--build-arg X=1'
                    args '-e FROM_ARGS=yes'
                }
            }
            stages {
                stage('Check') {
                    steps {
                        sh 'cat /built; test -f /ctx/app.txt && echo HAS-APP'
                        sh 'test ! -e /ctx/secret && test ! -e /ctx/big && echo NO-SECRET'
                        sh 'echo args=$FROM_ARGS'
                    }
                }
            }
        }
        ",
    )
    .file(
        "Dockerfile",
        "FROM jfrun-test-busybox\nARG X=0\nRUN echo built-with-$X > /built\nCOPY . /ctx\n",
    )
    .file(".dockerignore", "# not sent\nsecret\nbig\n")
    .file("app.txt", "app\n")
    .file("secret", "do not send\n")
    .file("big/blob", &"x".repeat(1 << 20))
    .git();
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    let tag = built_tag(out);
    assert!(
        tag.len() == 40 && tag.chars().all(|c| c.is_ascii_hexdigit()),
        "the plugin's SHA-1 name: {tag}\n{out}"
    );
    assert!(
        has_line(
            out,
            &format!("+ docker build -t {tag} --build-arg X=1 -f \"Dockerfile\" \".\"")
        ),
        "{out}"
    );
    // The image is built in a stage of its own, before the pipeline's stages.
    let setup = out.find("> Declarative: Agent Setup").expect("setup stage");
    let done = out
        .find("< Declarative: Agent Setup (SUCCESS")
        .expect("setup done");
    let check = out.find("> Check").expect("stage");
    assert!(setup < done && done < check, "{out}");
    assert!(has_line(out, "Step 1/"), "the builder's output\n{out}");
    assert!(has_line(out, "built-with-1"), "{out}");
    assert!(has_line(out, "HAS-APP"), "{out}");
    assert!(has_line(out, "NO-SECRET"), "{out}");
    assert!(has_line(out, "args=yes"), "{out}");
    assert!(has_line(out, "-e FROM_ARGS=yes"), "{out}");
    assert_eq!(leftovers(&run_label(out)), Vec::<String>::new());
    let tagged = docker()
        .args(["image", "inspect", &tag])
        .output()
        .expect("docker");
    assert!(!tagged.status.success(), "the image {tag} is removed");
}

#[test]
fn a_stage_builds_from_another_dockerfile_in_a_subfolder() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent none
            environment { FROM_ENV = 'env-value' }
            stages {
                stage('Sub') {
                    agent {
                        dockerfile {
                            filename 'Dockerfile.ci'
                            dir 'ci'
                            additionalBuildArgs '--build-arg FROM_ENV --build-arg UNSET'
                        }
                    }
                    steps { sh 'cat /from-ci /args' }
                }
            }
        }
        ",
    )
    .file(
        "ci/Dockerfile.ci",
        "FROM jfrun-test-busybox\nARG FROM_ENV\nARG UNSET=default\nCOPY marker /from-ci\n\
         RUN echo \"args:$FROM_ENV:$UNSET\" > /args\n",
    )
    .file("ci/marker", "marker-from-ci\n")
    .git();
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(
        has_line(out, "-f \"ci/Dockerfile.ci\" \"ci\""),
        "dir and filename\n{out}"
    );
    assert!(!out.contains("Declarative: Agent Setup"), "{out}");
    assert!(has_line(out, "marker-from-ci"), "{out}");
    // `--build-arg NAME` takes the value from the environment, or leaves the default.
    assert!(has_line(out, "args:env-value:default"), "{out}");
    assert_eq!(leftovers(&run_label(out)), Vec::<String>::new());
}

#[test]
fn a_failing_dockerfile_fails_the_build_with_the_builders_message_and_leaves_nothing() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent { dockerfile true }
            stages {
                stage('Never') { steps { echo 'MARK:never' } }
            }
            post { always { echo 'MARK:post' } }
        }
        ",
    )
    .file(
        "Dockerfile",
        "FROM jfrun-test-busybox\nRUN echo about-to-fail && false\n",
    )
    .git();
    let r = t.run();
    expect_exit(&r, 1);
    let out = &r.stdout;
    assert!(has_line(out, "about-to-fail"), "{out}");
    assert!(
        has_line(out, "returned a non-zero code: 1"),
        "the builder's message\n{out}"
    );
    assert!(
        has_line(out, "< Declarative: Agent Setup (FAILURE"),
        "{out}"
    );
    assert!(!has_line(out, "MARK:never"), "{out}");
    assert!(has_line(out, "MARK:post"), "{out}");
    assert_eq!(leftovers(&run_label(out)), Vec::<String>::new());
}

#[test]
fn a_missing_dockerfile_is_named() {
    let t = pipeline(
        r"
        pipeline {
            agent none
            stages {
                stage('S') {
                    agent { dockerfile { dir 'nowhere' } }
                    steps { echo 'never' }
                }
            }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 1);
    assert!(
        has_line(
            &r.stdout,
            "No Dockerfile found at nowhere/Dockerfile in repository - failing."
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn unsupported_build_options_are_refused_by_name() {
    let t = pipeline(
        r"
        pipeline {
            agent none
            stages {
                stage('S') {
                    agent { dockerfile { additionalBuildArgs '--squash' } }
                    steps { echo 'never' }
                }
            }
        }
        ",
    )
    .file("Dockerfile", "FROM jfrun-test-busybox\n")
    .git();
    let r = t.run();
    expect_exit(&r, 1);
    assert!(
        has_line(&r.stdout, "jfrun does not support the option --squash"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_timeout_stops_the_build_of_the_image() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent none
            stages {
                stage('Slow') {
                    options { timeout(time: 2, unit: 'SECONDS') }
                    agent { dockerfile true }
                    steps { echo 'MARK:never' }
                }
            }
        }
        ",
    )
    .file(
        "Dockerfile",
        "FROM jfrun-test-busybox\nRUN echo sleeping && sleep 60\n",
    )
    .git();
    let started = std::time::Instant::now();
    let r = t.run();
    expect_exit(&r, 4);
    let out = &r.stdout;
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "the build was not waited for\n{out}"
    );
    assert!(has_line(out, "sleeping"), "{out}");
    assert!(has_line(out, "Timeout has been exceeded"), "{out}");
    assert!(has_line(out, "< Slow (ABORTED"), "{out}");
    assert!(!has_line(out, "MARK:never"), "{out}");
    assert_eq!(leftovers(&run_label(out)), Vec::<String>::new());
}

#[test]
fn reuse_node_builds_and_runs_in_the_enclosing_workspace() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('Host') { steps { sh 'echo host > host.txt' } }
                stage('In') {
                    agent { dockerfile { reuseNode true } }
                    steps { sh 'cat host.txt; cat /built; echo container > made.txt' }
                }
                stage('After') { steps { sh 'cat made.txt' } }
            }
        }
        ",
    )
    .file(
        "Dockerfile",
        "FROM jfrun-test-busybox\nRUN echo built-image > /built\n",
    )
    .git();
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert_eq!(
        out.matches("Running on built-in").count(),
        1,
        "one workspace\n{out}"
    );
    for line in ["host", "built-image", "container"] {
        assert!(has_line(out, line), "{line}\n{out}");
    }
    assert_eq!(leftovers(&run_label(out)), Vec::<String>::new());
}
