//! The workspace, data and reporting steps as users see them from `jfrun run`: stash and
//! unstash, archiveArtifacts, junit, cleanWs, readJSON/readYaml and friends, tool, and the
//! notification steps that a local run does not deliver.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::unindent;

/// A git project in a temporary folder with a Jenkinsfile and other files, all committed.
struct Project {
    dir: tempfile::TempDir,
}

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Whether a log line reads `line`, after the `[stage] ` prefix lines in a stage carry.
    fn has_line(&self, line: &str) -> bool {
        let staged = format!("] {line}");
        self.stdout.lines().map(str::trim_end).any(|l| {
            l == line || (l.starts_with('[') && l.ends_with(&staged) && !l[1..].contains("] ["))
        })
    }
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git")
        .status
        .success();
    assert!(ok, "git {args:?}");
}

impl Project {
    fn new(jenkinsfile: &str, files: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("Jenkinsfile"), unindent(jenkinsfile)).expect("write");
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, unindent(text)).expect("write");
        }
        git(dir.path(), &["init", "-q", "-b", "main"]);
        git(dir.path(), &["add", "-A"]);
        git(dir.path(), &["commit", "-q", "-m", "init"]);
        Project { dir }
    }

    fn run(&self) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_jfrun"))
            .args(["run", "--no-color"])
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run jfrun");
        Run {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn build_dir(&self, n: u32) -> PathBuf {
        self.dir.path().join(format!(".jfrun/builds/{n}"))
    }
}

const REPORT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="demo" tests="4" failures="1" errors="0" skipped="1">
  <testcase classname="demo.A" name="passes"/>
  <testcase classname="demo.A" name="passes too"><system-out>ok</system-out></testcase>
  <testcase classname="demo.A" name="fails"><failure message="expected 1">trace</failure></testcase>
  <testcase classname="demo.A" name="skipped"><skipped/></testcase>
</testsuite>
"#;

#[test]
fn junit_with_a_failure_makes_the_build_unstable() {
    let p = Project::new(
        "
        pipeline {
          agent any
          stages {
            stage('Test') {
              steps {
                script {
                  def r = junit 'reports/*.xml'
                  echo \"total=${r.totalCount} fail=${r.failCount} skip=${r.skipCount} pass=${r.passCount}\"
                }
              }
            }
          }
        }
        ",
        &[("reports/TEST-demo.xml", REPORT)],
    );
    let run = p.run();
    assert_eq!(run.status, 3, "{}\n{}", run.stdout, run.stderr);
    assert!(run.has_line("Recording test results"), "{}", run.stdout);
    assert!(
        run.has_line("total=4 fail=1 skip=1 pass=2"),
        "{}",
        run.stdout
    );
}

#[test]
fn junit_with_passing_tests_keeps_success_and_no_reports_fail() {
    let passing = REPORT
        .replace("<failure message=\"expected 1\">trace</failure>", "")
        .replace("<skipped/>", "");
    let p = Project::new(
        "
        node {
          checkout scm
          def r = junit testResults: 'reports/*.xml'
          echo \"fail=${r.failCount} pass=${r.passCount}\"
          junit testResults: 'nothing/*.xml', allowEmptyResults: true
          junit 'nothing/*.xml'
          echo 'not reached'
        }
        ",
        &[("reports/TEST-ok.xml", &passing)],
    );
    let run = p.run();
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.has_line("fail=0 pass=4"), "{}", run.stdout);
    assert!(
        p.dir
            .path()
            .join(".jfrun/builds/1/test-results/reports/TEST-ok.xml")
            .is_file(),
        "the reports are kept with the build"
    );
    assert!(
        run.stdout
            .contains("No test report files were found. Configuration error?"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("not reached"), "{}", run.stdout);
}

#[test]
fn stash_in_one_stage_and_unstash_in_another() {
    let p = Project::new(
        "
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps {
                writeFile file: 'out/app.txt', text: 'built'
                writeFile file: 'out/deep/more.txt', text: 'deep'
                writeFile file: 'out/skip.log', text: 'log'
                stash name: 'app', includes: 'out/**', excludes: '**/*.log'
                sh 'rm -rf out'
              }
            }
            stage('Use') {
              steps {
                unstash 'app'
                echo \"app=${readFile 'out/app.txt'} deep=${readFile 'out/deep/more.txt'} log=${fileExists 'out/skip.log'}\"
                unstash 'missing'
              }
            }
          }
        }
        ",
        &[],
    );
    let run = p.run();
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.has_line("Stashed 2 file(s)"), "{}", run.stdout);
    assert!(
        run.has_line("app=built deep=deep log=false"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("No such saved stash ‘missing’"),
        "{}",
        run.stdout
    );
    assert!(
        p.build_dir(1)
            .join("stashes/app/out/deep/more.txt")
            .is_file()
    );
}

#[test]
fn empty_stash_fails_unless_allowed() {
    let p = Project::new(
        "
        node {
          stash name: 'none', includes: 'nope/**', allowEmpty: true
          echo 'allowed'
          stash name: 'git', includes: '.git/**'
        }
        ",
        &[],
    );
    let run = p.run();
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.has_line("allowed"), "{}", run.stdout);
    assert!(
        run.stdout.contains("No files included in stash ‘git’"),
        "{}",
        run.stdout
    );
}

#[test]
fn archive_artifacts_keeps_paths_in_the_build_record() {
    let p = Project::new(
        "
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps {
                writeFile file: 'target/app.jar', text: 'jar'
                writeFile file: 'target/lib/dep.jar', text: 'dep'
                writeFile file: 'target/notes.txt', text: 'txt'
                archiveArtifacts artifacts: 'target/**/*.jar', fingerprint: true
                archiveArtifacts artifacts: 'nothing/*.zip', allowEmptyArchive: true
                archiveArtifacts 'nothing/*.zip'
              }
            }
          }
        }
        ",
        &[],
    );
    let run = p.run();
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    let artifacts = p.build_dir(1).join("artifacts");
    assert!(artifacts.join("target/app.jar").is_file());
    assert!(artifacts.join("target/lib/dep.jar").is_file());
    assert!(!artifacts.join("target/notes.txt").exists());
    let msg =
        "No artifacts found that match the file pattern \"nothing/*.zip\". Configuration error?";
    assert_eq!(run.stdout.matches(msg).count(), 2, "{}", run.stdout);
}

#[test]
fn read_json_and_yaml_give_groovy_values() {
    let p = Project::new(
        "
        node {
          checkout scm
          def j = readJSON file: 'conf.json'
          echo \"name=${j.name} ports=${j.ports} first=${j.ports[0] + 1} nested=${j.db.host}\"
          def y = readYaml file: 'conf.yaml'
          echo \"image=${y.image} replicas=${y.replicas * 2} tags=${y.tags}\"
          def docs = readYaml text: 'a: 1\\n---\\nb: 2\\n'
          echo \"docs=${docs.size()} b=${docs[1].b}\"
          writeJSON file: 'out.json', json: [k: 'v', n: [1, 2]]
          echo readFile('out.json')
          writeYaml file: 'out.yaml', data: [k: 'v', n: [1, 2]]
          echo readYaml(file: 'out.yaml').n.toString()
          def props = readProperties text: 'a=1\\nb = two', defaults: [c: '3']
          echo \"props=${props.a},${props.b},${props.c}\"
          def csv = readCSV text: 'x,\"y,z\"\\n1,2'
          echo \"csv=${csv[0][1]} rows=${csv.size()}\"
          def found = findFiles glob: '**/*.json'
          echo \"found=${found.collect { it.path }.sort()}\"
          echo \"sha=${sha256 'conf.json'}\"
        }
        ",
        &[
            (
                "conf.json",
                r#"{"name": "app", "ports": [8080, 8443], "db": {"host": "localhost"}}"#,
            ),
            (
                "conf.yaml",
                "image: app:1\nreplicas: 3\ntags:\n  - a\n  - b\n",
            ),
        ],
    );
    let run = p.run();
    assert_eq!(run.status, 0, "{}\n{}", run.stdout, run.stderr);
    for line in [
        "name=app ports=[8080, 8443] first=8081 nested=localhost",
        "image=app:1 replicas=6 tags=[a, b]",
        "docs=2 b=2",
        r#"{"k":"v","n":[1,2]}"#,
        "[1, 2]",
        "props=1,two,3",
        "csv=y,z rows=2",
        "found=[conf.json, out.json]",
    ] {
        assert!(run.has_line(line), "missing {line:?} in\n{}", run.stdout);
    }
    let sha = Command::new("sha256sum")
        .arg(p.dir.path().join("conf.json"))
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if let Some(sum) = sha.split_whitespace().next() {
        assert!(run.has_line(&format!("sha={sum}")), "{}", run.stdout);
    }
}

#[test]
fn clean_ws_empties_only_the_workspace() {
    let p = Project::new(
        "
        node {
          checkout scm
          writeFile file: 'build/out.txt', text: 'x'
          cleanWs()
          echo \"after=${fileExists 'build/out.txt'} ${fileExists 'keep.txt'}\"
        }
        ",
        &[("keep.txt", "mine")],
    );
    let run = p.run();
    assert_eq!(run.status, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.has_line("after=false false"), "{}", run.stdout);
    assert!(run.has_line("[WS-CLEANUP] done"), "{}", run.stdout);
    assert!(p.dir.path().join("keep.txt").is_file());
}

#[test]
fn notifications_are_reported_not_sent_and_tool_comes_from_path() {
    let p = Project::new(
        "
        node {
          slackSend channel: '#builds', message: 'done'
          mail to: 'dev@example.com', subject: 'Build', body: 'ok'
          echo \"sh home=${tool 'sh'}\"
          tool 'no-such-tool-anywhere'
        }
        ",
        &[],
    );
    let run = p.run();
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.has_line("slackSend: not sent (jfrun does not deliver notifications): #builds: done"),
        "{}",
        run.stdout
    );
    assert!(
        run.has_line(
            "mail: not sent (jfrun does not deliver notifications): to dev@example.com: Build"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.lines().any(|l| l.starts_with("sh home=/")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("No tool named no-such-tool-anywhere"),
        "{}",
        run.stdout
    );
}
