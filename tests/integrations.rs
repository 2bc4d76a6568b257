//! The ready-made CI integrations in the repository: the GitHub Action (`action.yml`) and the
//! GitLab CI template (`ci/jfrun.gitlab-ci.yml`). Their shell steps are read out of the YAML
//! and run as the CI would run them, with the CI's variables and jfrun on the PATH (the
//! steps that build jfrun with cargo are left out: the tests have it built).

use std::path::{Path, PathBuf};
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

use crate::support::Test;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &str) -> Yaml {
    let text = std::fs::read_to_string(root().join(path)).expect("read");
    YamlLoader::load_from_str(&text)
        .expect("valid YAML")
        .into_iter()
        .next()
        .expect("one document")
}

/// PATH with the jfrun under test first.
fn path_with_jfrun() -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_jfrun"));
    format!(
        "{}:{}",
        bin.parent().expect("folder").display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

const JENKINSFILE: &str = r#"
    pipeline {
        agent any
        parameters { string(name: 'WHO', defaultValue: 'nobody') }
        stages {
            stage('Greet') { steps { echo "hello ${params.WHO} on ${env.BRANCH_NAME}" } }
        }
    }
"#;

/// The action's run step, with the inputs as the action passes them: the build runs, its
/// result is an output of the step, and the log carries GitHub's groups.
#[test]
fn the_github_action_runs_the_jenkinsfile_and_sets_the_result_output() {
    let action = load("action.yml");
    let steps = action["runs"]["steps"].as_vec().expect("steps");
    let run = steps
        .iter()
        .find(|s| s["id"].as_str() == Some("run"))
        .and_then(|s| s["run"].as_str())
        .expect("the run step");
    assert_eq!(
        action["inputs"]["file"]["default"].as_str(),
        Some("Jenkinsfile")
    );
    let t = Test::new().file("ci/Jenkinsfile", JENKINSFILE).git();
    let output = t.path().join("github-output");
    let mut cmd = Command::new("bash");
    cmd.args(["-e", "-c", run])
        .current_dir(t.path())
        .env("PATH", path_with_jfrun())
        .env("JFRUN_FILE", "ci")
        .env("JFRUN_ARGS", "-p WHO=action  --stage Greet")
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_REF", "refs/heads/main")
        .env("GITHUB_REPOSITORY", "acme/app")
        .env("GITHUB_RUN_NUMBER", "12")
        .env("NO_COLOR", "1");
    for var in jfrun::runtime::ci::DETECTION_VARIABLES {
        if *var != "GITHUB_ACTIONS" {
            cmd.env_remove(var);
        }
    }
    let out = cmd.output().expect("bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("hello action on main"), "{stdout}");
    assert!(stdout.lines().any(|l| l == "::group::Greet"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&output).expect("outputs"),
        "result=SUCCESS\n"
    );
    assert!(t.path().join(".jfrun/builds/12").is_dir());

    // A failing build fails the step, with FAILURE as its result.
    std::fs::write(
        t.path().join("ci/Jenkinsfile"),
        "pipeline { agent any\n stages { stage('x') { steps { error 'broken' } } } }\n",
    )
    .expect("write");
    std::fs::remove_file(&output).expect("reset");
    let out = cmd.output().expect("bash");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&output).expect("outputs"),
        "result=FAILURE\n"
    );
}

/// The template's script, as GitLab's runner runs it in a merge request pipeline: the build
/// sees the merge request, the stages are sections, and the stage report is where the
/// template's `reports: junit` looks for it.
#[test]
fn the_gitlab_template_runs_the_jenkinsfile_in_a_merge_request() {
    let template = load("ci/jfrun.gitlab-ci.yml");
    let job = &template[".jfrun"];
    let script: Vec<&str> = job["script"]
        .as_vec()
        .expect("script")
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    assert_eq!(
        job["artifacts"]["reports"]["junit"].as_str(),
        Some(".jfrun/builds/*/stages.xml")
    );
    let t = Test::new()
        .file(
            "Jenkinsfile",
            &JENKINSFILE.replace(
                "${env.BRANCH_NAME}",
                "${env.BRANCH_NAME} into ${env.CHANGE_TARGET}",
            ),
        )
        .git();
    let mut cmd = Command::new("sh");
    cmd.args(["-e", "-c", &script.join("\n")])
        .current_dir(t.path())
        .env("PATH", path_with_jfrun())
        .env("JFRUN_FILE", "Jenkinsfile")
        .env("JFRUN_ARGS", "-p WHO=gitlab")
        .env("GITLAB_CI", "true")
        .env("CI_PIPELINE_IID", "5")
        .env("CI_PROJECT_PATH", "group/app")
        .env("CI_MERGE_REQUEST_IID", "9")
        .env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")
        .env("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature")
        .env("NO_COLOR", "1");
    for var in jfrun::runtime::ci::DETECTION_VARIABLES {
        if *var != "GITLAB_CI" {
            cmd.env_remove(var);
        }
    }
    let out = cmd.output().expect("sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("hello gitlab on MR-9 into main"),
        "{stdout}"
    );
    assert!(stdout.contains("section_start:"), "{stdout}");
    assert!(t.path().join(".jfrun/builds/5/stages.xml").is_file());
}
