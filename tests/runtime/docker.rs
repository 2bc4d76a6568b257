//! `agent { docker }` against a real Docker engine: steps run in a container of an image built
//! here from scratch with busybox, files land in the workspace owned by the invoking user, and
//! no container is left behind. Without an engine these tests say so loudly and pass, unless
//! `JFRUN_REQUIRE_DOCKER` is set, when they fail.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use super::{Running, expect_exit, has_line, markers, pipeline};

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

/// `docker inspect --format FORMAT ID`, trimmed.
fn inspect(id: &str, format: &str) -> String {
    let out = docker()
        .args(["inspect", "--format", format, id])
        .output()
        .expect("docker inspect");
    assert!(out.status.success(), "docker inspect {id}");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn run_options_in_args_take_effect_and_kept_containers_are_cleaned_later() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r#"
        pipeline {
            agent {
                docker {
                    image 'jfrun-test-busybox'
                    args "-v ${env.WORKSPACE}/host:/c -e X=1 --memory=256m --cpus=1 --tmpfs /scratch --add-host db:10.1.2.3 --init"
                }
            }
            stages {
                stage('In') {
                    steps {
                        sh 'echo x=$X; cat /c/note; grep db /etc/hosts; echo made > /c/made'
                    }
                }
            }
        }
        "#,
    )
    .file("host/note", "from the host\n");
    let r = t.run_with(&["--keep-containers", "--in-place"]);
    expect_exit(&r, 0);
    assert!(has_line(&r.stdout, "x=1"), "{}", r.stdout);
    assert!(has_line(&r.stdout, "from the host"), "{}", r.stdout);
    assert!(has_line(&r.stdout, "10.1.2.3"), "{}", r.stdout);
    assert_eq!(
        std::fs::read_to_string(t.path().join("host/made")).expect("made"),
        "made\n"
    );
    let kept = containers_under(t.path());
    assert_eq!(kept.len(), 1, "{kept:?}\n{}", r.stdout);
    let id = kept[0].split_whitespace().next().expect("id");
    assert!(
        has_line(&r.stdout, &format!("docker exec -it {id}")),
        "{}",
        r.stdout
    );
    assert_eq!(
        inspect(
            id,
            "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.Init}} {{.HostConfig.ExtraHosts}}"
        ),
        "268435456 1000000000 true [db:10.1.2.3]"
    );
    assert!(inspect(id, "{{.HostConfig.Tmpfs}}").contains("/scratch"));
    let clean = Command::new(env!("CARGO_BIN_EXE_jfrun"))
        .arg("clean")
        .output()
        .expect("jfrun clean");
    let said = String::from_utf8_lossy(&clean.stdout);
    assert!(clean.status.success(), "{said}");
    assert!(
        has_line(&said, &format!("removed container {id}")),
        "{said}"
    );
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}

#[test]
fn a_timeout_in_a_container_aborts_the_step_and_removes_the_container() {
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
                        timeout(time: 1, unit: 'SECONDS') {
                            sh 'echo MARK-sleeping; sleep 30'
                        }
                        echo 'after sleep'
                    }
                }
            }
            post { aborted { echo 'P:aborted' } }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 4);
    assert!(has_line(&r.stdout, "MARK-sleeping"), "{}", r.stdout);
    assert!(
        has_line(&r.stdout, "Timeout has been exceeded"),
        "{}",
        r.stdout
    );
    assert!(!has_line(&r.stdout, "after sleep"), "{}", r.stdout);
    assert_eq!(markers(&r.stdout, "P:"), ["aborted"], "{}", r.stdout);
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}

#[test]
fn ctrl_c_in_a_container_step_aborts_the_build_and_removes_the_container() {
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
                        sh 'echo MARK-sleeping; sleep 30'
                        echo 'after sleep'
                    }
                }
            }
            post { aborted { echo 'P:aborted' } }
        }
        ",
    );
    let running = Running::until(&t, "MARK-sleeping");
    assert_eq!(containers_under(t.path()).len(), 1, "{}", running.seen);
    let (code, seen) = running.interrupt();
    assert_eq!(code, Some(4), "{seen}");
    assert!(!has_line(&seen, "after sleep"), "{seen}");
    assert_eq!(markers(&seen, "P:"), ["aborted"], "{seen}");
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
            agent { docker { image 'jfrun-test-busybox'; args '--pid=host' } }
            stages { stage('In') { steps { sh 'true' } } }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 1);
    assert!(
        has_line(
            &r.stdout,
            "jfrun does not support the docker run option --pid"
        ),
        "{}",
        r.stdout
    );
}

/// Builds `tag` from the test image with `script` installed as the command `bin` (a stand-in
/// for images no registry here can provide), once per test run.
pub fn stand_in(tag: &str, bin: &str, script: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join(bin), script).expect("script");
    std::fs::write(
        dir.path().join("Dockerfile"),
        format!("FROM {IMAGE}\nCOPY {bin} /bin/{bin}\nRUN chmod 755 /bin/{bin}\n"),
    )
    .expect("Dockerfile");
    let out = docker()
        .args(["build", "-q", "-t", tag])
        .arg(dir.path())
        .env("DOCKER_BUILDKIT", "0")
        .output()
        .expect("docker build");
    assert!(
        out.status.success(),
        "cannot build {tag}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A `mvn` that says what it was asked and leaves a `target/` as Maven would.
const FAKE_MVN: &str =
    "#!/bin/sh\necho \"[INFO] mvn $*\"\nmkdir -p target\necho \"$*\" >> target/mvn.log\n";

#[test]
fn seed_docker_agent_pipeline_runs_its_stages_in_the_maven_stand_in() {
    if !engine() {
        return;
    }
    stand_in("maven:3.8.1-openjdk-17", "mvn", FAKE_MVN);
    let t = pipeline(include_str!(
        "../../fixtures/jenkinsfiles/seed/01-docker-agent-basic.Jenkinsfile"
    ));
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    for line in [
        "[INFO] mvn clean compile",
        "[INFO] mvn test",
        "[INFO] mvn package -DskipTests",
        "-v /var/jenkins_home/m2:/root/.m2",
    ] {
        assert!(has_line(out, line), "{line}\n{out}");
    }
    let stages: Vec<&str> = out.lines().filter_map(|l| l.strip_prefix("< ")).collect();
    assert_eq!(
        stages
            .iter()
            .map(|s| s.split(" (").next().unwrap_or(""))
            .collect::<Vec<_>>(),
        ["Build", "Test", "Package"],
        "{out}"
    );
    assert!(stages.iter().all(|s| s.contains("(SUCCESS")), "{out}");
    assert!(has_line(out, "Finished: SUCCESS"), "{out}");
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}

#[test]
fn new_container_per_stage_gives_each_stage_its_own_container_on_one_node() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent { docker { image 'jfrun-test-busybox' } }
            options { newContainerPerStage() }
            stages {
                stage('One') { steps { sh 'echo c1=$(hostname); echo one > one.txt' } }
                stage('Two') { steps { sh 'echo c2=$(hostname); cat one.txt' } }
            }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    let c1 = markers(out, "c1=");
    let c2 = markers(out, "c2=");
    assert_eq!((c1.len(), c2.len()), (1, 1), "{out}");
    assert_ne!(c1, c2, "{out}");
    assert!(has_line(out, "one"), "{out}");
    assert_eq!(
        out.matches("$ docker run -t -d").count(),
        2,
        "one container per stage\n{out}"
    );
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}

/// Every other `docker run` option of `args`, as the engine records it. `--privileged` is left to
/// the unit tests: a privileged container cannot start where the engine itself runs in an
/// unprivileged container, as in this project's CI.
#[test]
fn the_other_run_options_reach_the_engine() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r#"
        pipeline {
            agent {
                docker {
                    image 'jfrun-test-busybox'
                    customWorkspace 'custom-ws'
                    args "--env-file vars.env --name jfrun-opts-${env.BUILD_TAG} -h box --cap-add SYS_PTRACE --cap-drop NET_RAW --group-add 999 --shm-size 64m -p 127.0.0.1::80 --ulimit nofile=1024:2048 --cpu-shares 512 --network bridge --label team=qa -it --rm"
                }
            }
            stages {
                stage('In') {
                    steps {
                        sh 'echo from-file=$FROM_FILE host=$(hostname); pwd'
                    }
                }
            }
        }
        "#,
    )
    .file("vars.env", "# a comment\nFROM_FILE=yes\n");
    let r = t.run_with(&["--keep-containers"]);
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(has_line(out, "from-file=yes host=box"), "{out}");
    assert!(has_line(out, "/custom-ws"), "the custom workspace\n{out}");
    let kept = containers_under(t.path());
    assert_eq!(kept.len(), 1, "{kept:?}\n{out}");
    let id = kept[0].split_whitespace().next().expect("id").to_owned();
    let seen = inspect(
        &id,
        "{{.Name}} {{.Config.Hostname}} {{.HostConfig.Privileged}} {{.HostConfig.CapAdd}} {{.HostConfig.CapDrop}} {{.HostConfig.GroupAdd}} {{.HostConfig.ShmSize}} {{.HostConfig.CpuShares}} {{.HostConfig.NetworkMode}} {{index .Config.Labels \"team\"}} {{range .HostConfig.Ulimits}}{{.Name}}={{.Soft}}:{{.Hard}}{{end}}",
    );
    let _ = docker().args(["rm", "-f", &id]).output();
    let words: Vec<&str> = seen.split_whitespace().collect();
    assert!(words[0].starts_with("/jfrun-opts-"), "{seen}");
    assert_eq!(
        &words[1..],
        [
            "box",
            "false",
            "[SYS_PTRACE]",
            "[NET_RAW]",
            "[999]",
            "67108864",
            "512",
            "bridge",
            "qa",
            "nofile=1024:2048"
        ],
        "{seen}"
    );
}

#[test]
fn container_per_stage_root_makes_the_top_level_agent_a_node_only() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent { docker { image 'jfrun-test-busybox'; containerPerStageRoot true } }
            stages {
                stage('Host') { steps { sh 'echo ON-HOST' } }
            }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 0);
    assert!(has_line(&r.stdout, "ON-HOST"), "{}", r.stdout);
    assert!(!has_line(&r.stdout, "$ docker run"), "{}", r.stdout);
}

#[test]
fn dir_moves_the_step_and_a_container_that_does_not_stay_up_gets_the_plugins_warning() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent none
            stages {
                stage('Dir') {
                    agent { docker { image 'jfrun-test-busybox' } }
                    steps {
                        dir('sub/deeper') { sh 'echo in=$(pwd)' }
                    }
                }
                stage('Exits') {
                    agent { docker { image 'jfrun-test-busybox'; args '--entrypoint=/bin/true' } }
                    steps { sh 'echo never' }
                }
            }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 1);
    let out = &r.stdout;
    assert!(
        out.lines()
            .any(|l| l.contains("in=/") && l.trim_end().ends_with("/sub/deeper")),
        "{out}"
    );
    assert!(
        has_line(
            out,
            "The container started but didn't run the expected command"
        ),
        "{out}"
    );
    assert!(!has_line(out, "] never"), "{out}");
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}
