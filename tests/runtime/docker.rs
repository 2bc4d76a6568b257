//! `agent { docker }` against a real Docker engine: steps run in a container of an image built
//! here from scratch with busybox, files land in the workspace owned by the invoking user, and
//! no container is left behind. Without an engine these tests say so loudly and pass, unless
//! `JFRUN_REQUIRE_DOCKER` is set, when they fail.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use super::{expect_exit, has_line, pipeline};

pub const IMAGE: &str = "jfrun-test-busybox";

/// The `docker` client: Debian's (which matches the engine) when installed.
pub fn docker() -> Command {
    let bin = if Path::new("/usr/bin/docker").exists() {
        "/usr/bin/docker"
    } else {
        "docker"
    };
    Command::new(bin)
}

/// Whether an engine answers and the test image exists (built on first use); `false` after a
/// loud message when there is no engine and none is required.
pub fn engine() -> bool {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    match READY.get_or_init(prepare) {
        Ok(()) => true,
        Err(why) => {
            assert!(
                std::env::var_os("JFRUN_REQUIRE_DOCKER").is_none(),
                "JFRUN_REQUIRE_DOCKER is set but {why}"
            );
            #[allow(clippy::print_stderr)] // a skipped test must be seen
            {
                eprintln!("SKIPPED: Docker tests: {why} (scripts/docker-engine starts one)");
            }
            false
        }
    }
}

fn prepare() -> Result<(), String> {
    let up = docker()
        .args(["version", "--format", "{{.Server.Version}}"])
        .output()
        .map_err(|e| format!("no docker client: {e}"))?;
    if !up.status.success() {
        return Err("no Docker engine answers".to_owned());
    }
    let have = docker().args(["image", "inspect", IMAGE]).output();
    if have.is_ok_and(|o| o.status.success()) {
        return Ok(());
    }
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::copy("/bin/busybox", dir.path().join("busybox"))
        .map_err(|e| format!("no /bin/busybox (busybox-static) to build {IMAGE}: {e}"))?;
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n\
         RUN mkdir -p /tmp /etc && chmod 1777 /tmp && echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd && echo 'root:x:0:' > /etc/group\n\
         ENV PATH=/bin\nCMD [\"/bin/sh\"]\n",
    )
    .map_err(|e| e.to_string())?;
    let out = docker()
        .args(["build", "-q", "-t", IMAGE])
        .arg(dir.path())
        .env("DOCKER_BUILDKIT", "0")
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "cannot build {IMAGE}: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// The containers, running or not, started for workspaces under `dir`.
pub fn containers_under(dir: &Path) -> Vec<String> {
    let out = docker()
        .args([
            "ps",
            "-a",
            "--filter",
            "label=jfrun.build",
            "--format",
            "{{.ID}} {{.Label \"jfrun.workspace\"}}",
        ])
        .output()
        .expect("docker ps");
    let dir = dir.display().to_string();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains(&dir))
        .map(str::to_owned)
        .collect()
}

#[test]
fn sh_runs_in_the_container_as_the_user_in_the_workspace() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent { docker { image 'jfrun-test-busybox' } }
            stages {
                stage('In') {
                    steps {
                        sh 'echo hello; id -u; pwd; test -f /.dockerenv && echo IN-CONTAINER; echo made > made.txt'
                    }
                }
            }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(has_line(out, "hello"), "{out}");
    assert!(has_line(out, "IN-CONTAINER"), "{out}");
    let uid = nix::unistd::getuid().as_raw().to_string();
    assert!(
        out.lines()
            .any(|l| l.trim_end().ends_with(&uid) && !l.contains('+')),
        "uid {uid}\n{out}"
    );
    assert!(has_line(out, "$ docker run -t -d -u "), "{out}");
    let ws = t.path().join(".jfrun/workspace");
    let made = std::fs::read_dir(&ws)
        .expect("workspaces")
        .map(|e| e.expect("entry").path().join("made.txt"))
        .find(|p| p.exists())
        .expect("made.txt in the workspace");
    assert!(
        has_line(out, &made.parent().expect("ws").display().to_string()),
        "pwd\n{out}"
    );
    assert_eq!(
        std::fs::metadata(&made).expect("meta").uid(),
        nix::unistd::getuid().as_raw()
    );
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}

#[test]
fn a_failing_step_in_a_stage_container_removes_it_too() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent none
            stages {
                stage('In') {
                    agent { docker { image 'jfrun-test-busybox'; args '-e FROM_ARGS=yes' } }
                    steps {
                        sh 'echo from-args=$FROM_ARGS; exit 3'
                    }
                }
            }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 1);
    assert!(has_line(&r.stdout, "from-args=yes"), "{}", r.stdout);
    assert!(
        has_line(&r.stdout, "script returned exit code 3"),
        "{}",
        r.stdout
    );
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}

#[test]
fn unsupported_run_options_are_refused_by_name() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent { docker { image 'jfrun-test-busybox'; args '--privileged' } }
            stages { stage('In') { steps { sh 'true' } } }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 1);
    assert!(has_line(&r.stdout, "--privileged"), "{}", r.stdout);
}
