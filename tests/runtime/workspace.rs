//! The user's checkout is never touched: a build works in a copy under
//! `.jfrun/workspace/<job>` unless `--in-place` is given.

use std::collections::BTreeMap;
use std::path::Path;

use super::{expect_exit, pipeline};

/// Every file and folder under `dir` (but `.jfrun`), with its contents.
fn listing(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            let rel = p
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            if rel == ".jfrun" || rel == ".git/index" {
                continue;
            }
            if p.is_dir() {
                out.insert(rel, None);
                todo.push(p);
            } else {
                out.insert(rel, Some(std::fs::read(&p).expect("read")));
            }
        }
    }
    out
}

#[test]
fn the_checkout_is_unchanged_after_deleting_the_workspace() {
    let t = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('Wipe') {
                    steps {
                        sh 'ls src/main.c'
                        sh 'rm -rf ./*'
                        deleteDir()
                        writeFile file: 'new.txt', text: 'created'
                    }
                }
            }
        }
        ",
    )
    .file("src/main.c", "int main(void) { return 0; }\n")
    .file("README", "read me\n")
    .git()
    .file("untracked.txt", "not committed\n");
    let before = listing(t.path());
    assert!(before.contains_key("src/main.c"));
    let run = t.run();
    expect_exit(&run, 0);
    let after = listing(t.path());
    assert_eq!(before, after, "{}", run.stdout);
}

fn git_out(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn git_facts_reach_the_environment() {
    let t = pipeline(
        r#"
        node {
            echo "B:${env.BRANCH_NAME}"
            echo "C:${env.GIT_COMMIT}"
            echo "P:${env.GIT_PREVIOUS_COMMIT}"
            echo "U:${env.GIT_URL}"
        }
        "#,
    );
    let first = git_out(t.path(), &["rev-parse", "HEAD"]);
    let run = t.run();
    expect_exit(&run, 0);
    assert!(run.stdout.contains("B:main\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("C:{first}\n")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("P:null\n"), "{}", run.stdout);
    assert!(run.stdout.contains("U:null\n"), "{}", run.stdout);

    git_out(
        t.path(),
        &["remote", "add", "origin", "https://example.com/p.git"],
    );
    git_out(t.path(), &["checkout", "-q", "-b", "feature/x"]);
    let t = t.file("more.txt", "more\n").git();
    let second = git_out(t.path(), &["rev-parse", "HEAD"]);
    let run = t.run();
    expect_exit(&run, 0);
    assert!(run.stdout.contains("B:feature/x\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("C:{second}\n")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("P:{first}\n")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("U:https://example.com/p.git\n"),
        "{}",
        run.stdout
    );
}
