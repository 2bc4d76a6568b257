//! The container image (Dockerfile, scripts/image), built from the local sources with the real
//! Docker engine and nothing pulled: its size, and Jenkinsfiles run through it the way
//! jenkinsfile-runner's image runs them. Without an engine these tests say so and pass, unless
//! `JFRUN_REQUIRE_DOCKER` is set.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use super::docker::{IMAGE, docker, engine};
use super::has_line;
use crate::support::Test;

const TAG: &str = "jfrun-test-image:local";

/// At most 30 MB, as the image is promised to be.
const MAX_BYTES: u64 = 30_000_000;

/// Builds the image once per test run.
fn image() -> &'static Result<u64, String> {
    static BUILT: OnceLock<Result<u64, String>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = Command::new(root.join("scripts/image"))
            .arg(TAG)
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "scripts/image failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let size = docker()
            .args(["image", "inspect", "--format", "{{.Size}}", TAG])
            .output()
            .map_err(|e| e.to_string())?;
        String::from_utf8_lossy(&size.stdout)
            .trim()
            .parse()
            .map_err(|e| format!("image size: {e}"))
    })
}

/// The Docker socket the engine listens on.
fn socket() -> String {
    std::env::var("DOCKER_HOST")
        .ok()
        .and_then(|h| h.strip_prefix("unix://").map(str::to_owned))
        .unwrap_or_else(|| "/var/run/docker.sock".to_owned())
}

#[test]
fn the_image_is_small_and_runs_the_mounted_jenkinsfile() {
    if !engine() {
        return;
    }
    let size = *image().as_ref().expect("the image builds");
    assert!(size <= MAX_BYTES, "the image has {size} bytes");
    let t = Test::new()
        .jenkinsfile(
            r#"
            pipeline {
                agent any
                stages {
                    stage('Inside') {
                        steps {
                            sh 'echo "shell=$(readlink /bin/sh) in $(pwd)"; git --version'
                            echo "commit=${env.GIT_COMMIT}"
                        }
                    }
                }
            }
            "#,
        )
        .git();
    let volume = format!("{}:/workspace", t.path().display());
    let out = docker()
        .args(["run", "--rm", "-v", &volume, TAG])
        .output()
        .expect("docker run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        has_line(
            &stdout,
            "shell=busybox in /workspace/.jfrun/workspace/workspace"
        ),
        "{stdout}"
    );
    assert!(has_line(&stdout, "git version"), "{stdout}");
    assert!(!has_line(&stdout, "commit=null"), "{stdout}");
    assert!(has_line(&stdout, "Finished: SUCCESS"), "{stdout}");
}

/// With the Docker socket mounted and the project at the same path inside and outside, the
/// image runs `agent { docker }` stages in containers of the host's engine.
#[test]
fn the_image_runs_docker_agents_through_the_mounted_socket() {
    if !engine() {
        return;
    }
    image().as_ref().expect("the image builds");
    let t = Test::new()
        .jenkinsfile(&format!(
            r#"
            pipeline {{
                agent {{ docker {{ image '{IMAGE}' }} }}
                stages {{
                    stage('In a container') {{ steps {{ sh 'echo "inside $(cat /etc/passwd | head -1)"' }} }}
                }}
            }}
            "#
        ))
        .git();
    let dir = t.path().display().to_string();
    let project = format!("{dir}:{dir}");
    let sock = socket();
    let docker_sock = format!("{sock}:/var/run/docker.sock");
    let out = docker()
        .args([
            "run",
            "--rm",
            "-v",
            &project,
            "-w",
            &dir,
            "-v",
            &docker_sock,
            TAG,
            "run",
            "-f",
            &dir,
        ])
        .output()
        .expect("docker run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(has_line(&stdout, "inside root:x:0:0:root"), "{stdout}");
    assert_eq!(
        super::docker::containers_under(t.path()),
        Vec::<String>::new()
    );
}
