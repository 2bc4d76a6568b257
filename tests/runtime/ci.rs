//! Runs inside CI systems: the CI's variables for a push, a tag and a pull (merge) request
//! become Jenkins' multibranch variables, so `when { branch / changeRequest() /
//! buildingTag() / tag }` decide as in a multibranch job; flags override what is detected, and
//! `jfrun env` shows it.

use super::{expect_exit, has_line, markers, pipeline};
use crate::support::{Run, Test};

const WHEN: &str = r#"
    pipeline {
        agent any
        stages {
            stage('Main') {
                when { branch 'main' }
                steps { echo 'RAN:main' }
            }
            stage('Change') {
                when { changeRequest() }
                steps { echo "RAN:change id=${env.CHANGE_ID} target=${env.CHANGE_TARGET} from=${env.CHANGE_BRANCH} title=${env.CHANGE_TITLE} author=${env.CHANGE_AUTHOR}" }
            }
            stage('Change to main') {
                when { changeRequest target: 'main' }
                steps { echo 'RAN:change-to-main' }
            }
            stage('Tag') {
                when { buildingTag() }
                steps { echo "RAN:tag ${env.TAG_NAME}" }
            }
            stage('Release tag') {
                when { tag 'v*' }
                steps { echo 'RAN:release-tag' }
            }
            stage('Facts') {
                steps {
                    echo "FACTS branch=${env.BRANCH_NAME} build=${env.BUILD_NUMBER} number=${currentBuild.number} job=${env.JOB_NAME} commit=${env.GIT_COMMIT} url=${env.BUILD_URL} git=${env.GIT_URL}"
                }
            }
        }
    }
"#;

/// Runs `t` with `vars` (`NAME=VALUE` separated by spaces) in its environment.
fn run_in(t: &Test, vars: &str, extra: &[&str]) -> Run {
    let mut cmd = t.command();
    for kv in vars.split_whitespace() {
        let (k, v) = kv.split_once('=').expect("NAME=VALUE");
        cmd.env(k, v);
    }
    let out = cmd.args(extra).output().expect("run jfrun");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn facts(out: &str) -> String {
    out.lines()
        .find_map(|l| l.split_once("FACTS ").map(|(_, f)| f.to_owned()))
        .unwrap_or_default()
}

const GITHUB: &str = "GITHUB_ACTIONS=true GITHUB_REPOSITORY=octocat/Hello-World GITHUB_SERVER_URL=https://github.com GITHUB_RUN_ID=1658821493 GITHUB_SHA=ffac537e6cbbf934b08745a378932722df287a53";

#[test]
fn a_github_push_to_main_runs_the_branch_stages() {
    let t = pipeline(WHEN);
    let r = run_in(
        &t,
        &format!(
            "{GITHUB} GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main GITHUB_REF_NAME=main GITHUB_RUN_NUMBER=3"
        ),
        &[],
    );
    expect_exit(&r, 0);
    assert_eq!(markers(&r.stdout, "RAN:"), ["main"], "{}", r.stdout);
    assert_eq!(
        facts(&r.stdout),
        "branch=main build=3 number=3 job=octocat/Hello-World/main commit=ffac537e6cbbf934b08745a378932722df287a53 url=https://github.com/octocat/Hello-World/actions/runs/1658821493 git=https://github.com/octocat/Hello-World.git"
    );
    assert!(t.path().join(".jfrun/builds/3").is_dir());
}

#[test]
fn a_github_tag_runs_the_tag_stages() {
    let t = pipeline(WHEN);
    let r = run_in(
        &t,
        &format!(
            "{GITHUB} GITHUB_EVENT_NAME=push GITHUB_REF=refs/tags/v1.2.0 GITHUB_REF_NAME=v1.2.0 GITHUB_RUN_NUMBER=4"
        ),
        &[],
    );
    expect_exit(&r, 0);
    assert_eq!(
        markers(&r.stdout, "RAN:"),
        ["tag", "release-tag"],
        "{}",
        r.stdout
    );
    assert!(has_line(&r.stdout, "RAN:tag v1.2.0"), "{}", r.stdout);
}

/// The pull request's title and author come from the event payload GitHub writes.
#[test]
fn a_github_pull_request_is_a_change_request_named_pr_n() {
    let t = pipeline(WHEN).file(
        "event.json",
        r#"{"number":1347,"pull_request":{"html_url":"https://github.com/octocat/Hello-World/pull/1347","title":"Amazing new feature","user":{"login":"octocat"}}}"#,
    );
    let event = t.path().join("event.json");
    let r = run_in(
        &t,
        &format!(
            "{GITHUB} GITHUB_EVENT_NAME=pull_request GITHUB_REF=refs/pull/1347/merge GITHUB_HEAD_REF=new-topic GITHUB_BASE_REF=main GITHUB_RUN_NUMBER=5 GITHUB_EVENT_PATH={}",
            event.display()
        ),
        &[],
    );
    expect_exit(&r, 0);
    assert_eq!(
        markers(&r.stdout, "RAN:"),
        ["change", "change-to-main"],
        "{}",
        r.stdout
    );
    assert!(
        has_line(
            &r.stdout,
            "RAN:change id=1347 target=main from=new-topic title=Amazing new feature author=octocat"
        ),
        "{}",
        r.stdout
    );
    assert!(
        facts(&r.stdout).starts_with("branch=PR-1347 build=5"),
        "{}",
        r.stdout
    );
}

/// A GitLab merge request into another branch: a change request, named as Jenkins' GitLab
/// branch source names it; `changeRequest target: 'main'` does not match.
#[test]
fn a_gitlab_merge_request_is_a_change_request_named_mr_n() {
    let t = pipeline(WHEN);
    let r = run_in(
        &t,
        "GITLAB_CI=true CI=true CI_PIPELINE_IID=44 CI_PROJECT_PATH=group/app CI_PROJECT_URL=https://gitlab.example.com/group/app CI_COMMIT_SHA=1ecfd275763eff1d6b4844ea3168962458c9f27a CI_MERGE_REQUEST_IID=7 CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=feature CI_MERGE_REQUEST_TARGET_BRANCH_NAME=develop GITLAB_USER_LOGIN=jdoe",
        &[],
    );
    expect_exit(&r, 0);
    assert_eq!(markers(&r.stdout, "RAN:"), ["change"], "{}", r.stdout);
    assert!(
        facts(&r.stdout).starts_with("branch=MR-7 build=44 number=44 job=group/app/MR-7"),
        "{}",
        r.stdout
    );
}

/// `--branch`, `-b`, `-n` and `-e` win over what the CI says.
#[test]
fn flags_override_the_detection() {
    let t = pipeline(WHEN);
    let r = run_in(
        &t,
        &format!(
            "{GITHUB} GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/feature GITHUB_RUN_NUMBER=9"
        ),
        &[
            "--branch",
            "main",
            "-e",
            "GIT_COMMIT=abc123",
            "-b",
            "77",
            "-n",
            "nightly",
        ],
    );
    expect_exit(&r, 0);
    assert_eq!(markers(&r.stdout, "RAN:"), ["main"], "{}", r.stdout);
    let f = facts(&r.stdout);
    assert!(f.contains("commit=abc123"), "{f}");
    assert!(f.contains("build=77 number=77 job=nightly "), "{f}");
}

/// Outside CI the branch and the number are the checkout's and jfrun's own.
#[test]
fn outside_ci_the_branch_comes_from_git() {
    let t = pipeline(WHEN);
    let r = run_in(&t, "", &[]);
    expect_exit(&r, 0);
    assert_eq!(markers(&r.stdout, "RAN:"), ["main"], "{}", r.stdout);
    assert!(
        facts(&r.stdout).starts_with("branch=main build=1 number=1"),
        "{}",
        r.stdout
    );
}

#[test]
fn jfrun_env_prints_what_was_detected() {
    let t = Test::new().file("README", "x\n").git().args(["env"]);
    let r = run_in(
        &t,
        "CI=true BUILDKITE=true BUILDKITE_BUILD_NUMBER=1516 BUILDKITE_BRANCH=fix-login BUILDKITE_PULL_REQUEST=123 BUILDKITE_PULL_REQUEST_BASE_BRANCH=main BUILDKITE_REPO=git@github.com:acme-inc/my-project.git",
        &[],
    );
    expect_exit(&r, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "# CI: Buildkite", "{}", r.stdout);
    for want in [
        "BRANCH_NAME=PR-123",
        "CHANGE_ID=123",
        "CHANGE_TARGET=main",
        "CHANGE_BRANCH=fix-login",
        "CHANGE_URL=https://github.com/acme-inc/my-project/pull/123",
        "BUILD_NUMBER=1516",
        "GIT_URL=git@github.com:acme-inc/my-project.git",
    ] {
        assert!(lines.contains(&want), "{want}\n{}", r.stdout);
    }
    // What the CI does not give comes from git.
    assert!(r.stdout.contains("GIT_COMMIT="), "{}", r.stdout);

    let r = run_in(&t, "", &[]);
    expect_exit(&r, 0);
    assert!(r.stdout.starts_with("# CI: none detected"), "{}", r.stdout);
    assert!(r.stdout.contains("BRANCH_NAME=main"), "{}", r.stdout);
}

const OUTPUT: &str = r#"
    pipeline {
        agent any
        stages {
            stage('Build') {
                steps {
                    withCredentials([string(credentialsId: 'token', variable: 'T')]) {
                        sh 'echo "token is $T"'
                    }
                }
            }
            stage('Checks') {
                parallel {
                    stage('Unit') { steps { echo 'unit ok' } }
                    stage('Lint') { steps { echo 'lint ok' } }
                }
            }
            stage('Deploy') {
                steps {
                    sh 'exit 3'
                }
            }
            stage('Never') { steps { echo 'not reached' } }
        }
    }
"#;

/// On GitHub Actions: a group per top-level stage (parallel branches inside their stage's),
/// the secret registered with `::add-mask::` (and kept out of the build's own log), an
/// annotation on the line of the step that failed, and the stage table appended to the job's
/// summary.
#[test]
fn github_actions_gets_groups_masks_annotations_and_a_step_summary() {
    let t = pipeline(OUTPUT);
    let summary = t.path().join("summary.md");
    std::fs::write(&summary, "earlier step's summary\n").expect("write");
    let r = run_in(
        &t,
        &format!(
            "{GITHUB} GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main GITHUB_RUN_NUMBER=8 GITHUB_STEP_SUMMARY={}",
            summary.display()
        ),
        &["--secret", "token=s3cr3t-value"],
    );
    expect_exit(&r, 1);
    let commands: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(
        commands,
        [
            "::add-mask::s3cr3t-value",
            "::group::Build",
            "::endgroup::",
            "::group::Checks",
            "::endgroup::",
            "::group::Deploy",
            "::endgroup::",
            "::error file=Jenkinsfile,line=19,col=17,title=jfrun::script returned exit code 3",
        ],
        "{}",
        r.stdout
    );
    assert!(has_line(&r.stdout, "token is ****"), "{}", r.stdout);
    let log = std::fs::read_to_string(t.path().join(".jfrun/builds/8/log")).expect("log");
    assert!(
        !log.contains("s3cr3t-value") && !log.contains("::"),
        "{log}"
    );
    let md = std::fs::read_to_string(&summary).expect("summary");
    assert!(md.starts_with("earlier step's summary\n"), "{md}");
    for row in [
        "| Stage | Result | Duration |",
        "| Build | SUCCESS |",
        "| &nbsp;&nbsp;Unit | SUCCESS |",
        "| Deploy | FAILURE |",
        "| Never | skipped (earlier failure(s)) |  |",
        "| **Build** | **FAILURE** |",
    ] {
        assert!(md.contains(row), "{row}\n{md}");
    }
}

/// A Jenkinsfile jfrun refuses gets the errors as annotations too.
#[test]
fn github_actions_annotates_a_refused_jenkinsfile() {
    let t = pipeline("pipeline {\n    agent any\n    stages { }\n}\n");
    let r = run_in(&t, &format!("{GITHUB} GITHUB_REF=refs/heads/main"), &[]);
    expect_exit(&r, 2);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("::error file=Jenkinsfile,line=3")),
        "{}",
        r.stdout
    );
}

/// On GitLab CI: a collapsible section per top-level stage.
#[test]
fn gitlab_ci_gets_collapsible_sections() {
    let t = pipeline(OUTPUT);
    let r = run_in(
        &t,
        "GITLAB_CI=true CI_PIPELINE_IID=3 CI_PROJECT_PATH=group/app CI_COMMIT_BRANCH=main",
        &["--secret", "token=s3cr3t-value"],
    );
    expect_exit(&r, 1);
    let starts: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.split_once("section_start:").map(|(_, rest)| rest))
        .map(|rest| rest.split_once(':').map_or("", |(_, name)| name))
        .collect();
    assert_eq!(
        starts,
        [
            "build[collapsed=false]\r\u{1b}[0KBuild",
            "checks[collapsed=false]\r\u{1b}[0KChecks",
            "deploy[collapsed=false]\r\u{1b}[0KDeploy"
        ],
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.matches("section_end:").count(), 3, "{}", r.stdout);
    assert!(!r.stdout.contains("::add-mask::"), "{}", r.stdout);
}

/// Everywhere, the stages are written as a JUnit report beside the build's log.
#[test]
fn the_stages_are_written_as_a_junit_report() {
    let t = pipeline(OUTPUT);
    let r = run_in(&t, "", &["--secret", "token=s3cr3t-value"]);
    expect_exit(&r, 1);
    let xml = std::fs::read_to_string(t.path().join(".jfrun/builds/1/stages.xml")).expect("report");
    for want in [
        r#"tests="6" failures="1" skipped="1""#,
        r#"name="Checks / Unit""#,
        r#"<failure type="FAILURE" message="stage result: FAILURE"/>"#,
        r#"<skipped message="earlier failure(s)"/>"#,
    ] {
        assert!(xml.contains(want), "{want}\n{xml}");
    }
}
