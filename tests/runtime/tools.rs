//! `--tool NAME=PATH` (and `.jfrun.toml`'s `[tools]`): where the `tool` step and the
//! `tools { }` section find a tool installation.

use std::os::unix::fs::PermissionsExt;

use super::{expect_exit, has_line, pipeline};
use crate::support::Test;

/// A test with a fake Maven installation under `tools/maven` whose `bin/mvn` prints its home.
fn with_fake_maven(jenkinsfile: &str) -> Test {
    let t = pipeline(jenkinsfile).file(
        "tools/maven/bin/mvn",
        "#!/bin/sh\necho \"fake-maven home=$MAVEN_HOME m2=$M2_HOME\"\n",
    );
    let mvn = t.path().join("tools/maven/bin/mvn");
    std::fs::set_permissions(&mvn, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    t.git()
}

#[test]
fn the_tool_step_gives_the_mapped_home() {
    let t = with_fake_maven(
        r#"
        node {
            echo "home=${tool 'M3'}"
            echo "typed=${tool name: 'M3', type: 'maven'}"
        }
        "#,
    );
    let home = t.path().join("tools/maven").display().to_string();
    let run = t.run_with(&["--tool", "M3=tools/maven"]);
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, &format!("home={home}")),
        "{}",
        run.stdout
    );
    assert!(
        has_line(&run.stdout, &format!("typed={home}")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_tools_section_puts_the_bin_folder_first_and_sets_the_home_variables() {
    let t = with_fake_maven(
        r"
        pipeline {
            agent any
            tools { maven 'M3' }
            stages {
                stage('Build') { steps { sh 'mvn' } }
            }
        }
        ",
    );
    let home = t.path().join("tools/maven").display().to_string();
    let run = t.run_with(&["--tool", "M3=tools/maven"]);
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, &format!("fake-maven home={home} m2={home}")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_stage_tools_section_reads_the_mapping_from_jfrun_toml() {
    let t = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('Build') {
                    tools { jdk 'jdk17' }
                    steps { sh 'echo java=$JAVA_HOME' }
                }
                stage('After') { steps { sh 'echo after=${JAVA_HOME:-unset}' } }
            }
        }
        ",
    )
    .file("jdks/17/bin/.keep", "")
    .file(".jfrun.toml", "[tools]\njdk17 = \"jdks/17\"\n")
    .git();
    let home = t.path().join("jdks/17").display().to_string();
    let run = t.command().env_remove("JAVA_HOME").output().expect("run");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{stdout}");
    assert!(has_line(&stdout, &format!("java={home}")), "{stdout}");
    assert!(has_line(&stdout, "after=unset"), "{stdout}");
}

#[test]
fn an_unmapped_tool_is_taken_from_the_path() {
    let run = pipeline(
        r"
        pipeline {
            agent any
            tools { maven 'nowhere' }
            stages { stage('A') { steps { echo 'ran' } } }
        }
        ",
    )
    .run();
    expect_exit(&run, 0);
    assert!(
        has_line(
            &run.stdout,
            "tools: maven 'nowhere' is not installed by jfrun; the one on PATH is used"
        ),
        "{}",
        run.stdout
    );
}
