//! `agent { kubernetes }` on a pod emulated on a real Docker engine, with the busybox image of
//! the Docker tests: the containers share the workspace and `localhost`, `container('x')` and
//! `defaultContainer` choose where steps run, limits reach the engine, and nothing labelled is
//! left behind, whether the build succeeds or fails. Without an engine these tests say so
//! loudly and pass, unless `JFRUN_REQUIRE_DOCKER` is set.

use std::path::Path;

use super::docker::{containers_under, docker, engine};
use super::{expect_exit, has_line, pipeline};

/// The volumes made for pods whose workspace is under `dir`.
fn volumes_under(dir: &Path) -> Vec<String> {
    let out = docker()
        .args([
            "volume",
            "ls",
            "--filter",
            "label=jfrun.pod",
            "--format",
            "{{.Name}} {{.Label \"jfrun.workspace\"}}",
        ])
        .output()
        .expect("docker volume ls");
    let dir = dir.display().to_string();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains(&dir))
        .map(str::to_owned)
        .collect()
}

fn nothing_left(dir: &Path, out: &str) {
    assert_eq!(containers_under(dir), Vec::<String>::new(), "{out}");
    assert_eq!(volumes_under(dir), Vec::<String>::new(), "{out}");
}

#[test]
fn kubernetes_pod_containers_share_the_workspace_and_localhost() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r#"
        pipeline {
            agent {
                kubernetes {
                    yaml '''
apiVersion: v1
kind: Pod
spec:
  containers:
  - name: jnlp
    image: jenkins/inbound-agent
  - name: web
    image: jfrun-test-busybox
    command: ['httpd']
    args: ['-f', '-p', '8080', '-h', '/home/jenkins/agent']
  - name: client
    image: jfrun-test-busybox
    command: ['cat']
    tty: true
'''
                }
            }
            stages {
                stage('Share') {
                    steps {
                        container('web') {
                            sh 'echo "in-web=$POD_CONTAINER"; pwd; echo from-web > shared.txt'
                        }
                        writeFile file: 'host.txt', text: 'from-host'
                        container('client') {
                            sh '''
                                echo "in-client=$POD_CONTAINER"
                                echo "seen=$(cat shared.txt) $(cat host.txt)"
                                for i in 1 2 3 4 5 6 7 8 9 10; do
                                    wget -q -O - "http://localhost:8080${WORKSPACE#/home/jenkins/agent}/shared.txt" && break
                                    sleep 0.3
                                done
                                echo from-client > back.txt
                            '''
                        }
                        echo "read=${readFile('back.txt').trim()}"
                        echo "label=${env.POD_LABEL} node=${env.NODE_NAME}"
                    }
                }
            }
        }
        "#,
    );
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(has_line(out, "container 'jnlp' left out"), "{out}");
    assert!(has_line(out, "in-web=web"), "{out}");
    assert!(has_line(out, "in-client=client"), "{out}");
    assert!(has_line(out, "/home/jenkins/agent/workspace/"), "{out}");
    assert!(has_line(out, "seen=from-web from-host"), "{out}");
    assert!(
        out.lines().any(|l| l.trim_end().ends_with("from-web")
            && !l.contains("seen=")
            && !l.contains('+')),
        "served on localhost\n{out}"
    );
    assert!(has_line(out, "read=from-client"), "{out}");
    assert!(!has_line(out, "label=null"), "{out}");
    assert!(!has_line(out, "node=built-in"), "{out}");
    nothing_left(t.path(), out);
}

#[test]
fn kubernetes_default_container_runs_the_steps_and_stage_agents_get_their_pod() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r#"
        pipeline {
            agent {
                kubernetes {
                    defaultContainer 'main'
                    yaml '''
spec:
  containers:
  - name: main
    image: jfrun-test-busybox
    command: ['cat']
    tty: true
    env:
    - name: FROM_POD
      value: 42
  - name: side
    image: jfrun-test-busybox
    command: ['sleep']
    args: ['3600']
'''
                }
            }
            stages {
                stage('Default') {
                    steps {
                        sh 'echo "default=$POD_CONTAINER pod=$FROM_POD"; test -f /.dockerenv && echo IN-CONTAINER; hostname'
                        container('side') {
                            sh 'echo "side=$POD_CONTAINER"'
                        }
                    }
                }
                stage('Own pod') {
                    agent {
                        kubernetes {
                            yaml '''
spec:
  containers:
  - name: other
    image: jfrun-test-busybox
    command: ['cat']
    tty: true
'''
                        }
                    }
                    steps {
                        container('other') {
                            sh 'echo "other=$POD_CONTAINER"'
                        }
                    }
                }
            }
        }
        "#,
    );
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(has_line(out, "default=main pod=42"), "{out}");
    assert!(has_line(out, "IN-CONTAINER"), "{out}");
    assert!(has_line(out, "side=side"), "{out}");
    assert!(has_line(out, "other=other"), "{out}");
    assert!(has_line(out, "does not inherit the containers"), "{out}");
    nothing_left(t.path(), out);
}

#[test]
fn kubernetes_failures_name_the_cause_and_leave_nothing() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent {
                kubernetes {
                    yaml '''
spec:
  containers:
  - name: main
    image: jfrun-test-busybox
    command: ['cat']
    tty: true
  volumes:
  - name: scratch
    emptyDir: {}
'''
                }
            }
            stages {
                stage('Fails') {
                    steps {
                        container('main') {
                            sh 'echo before-failure; exit 3'
                        }
                    }
                }
            }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 1);
    assert!(has_line(&r.stdout, "before-failure"), "{}", r.stdout);
    assert!(
        has_line(&r.stdout, "script returned exit code 3"),
        "{}",
        r.stdout
    );
    nothing_left(t.path(), &r.stdout);

    let missing = pipeline(
        r"
        pipeline {
            agent {
                kubernetes {
                    yaml '''
spec:
  containers:
  - name: main
    image: jfrun-test-busybox
    command: ['cat']
    tty: true
'''
                }
            }
            stages {
                stage('Missing') {
                    steps {
                        container('nope') {
                            sh 'echo never'
                        }
                    }
                }
            }
        }
        ",
    );
    let r = missing.run();
    expect_exit(&r, 1);
    assert!(
        has_line(&r.stdout, "container 'nope' is not in pod"),
        "{}",
        r.stdout
    );
    nothing_left(missing.path(), &r.stdout);

    let exits = pipeline(
        r"
        pipeline {
            agent {
                kubernetes {
                    yaml '''
spec:
  containers:
  - name: main
    image: jfrun-test-busybox
    command: ['cat']
'''
                }
            }
            stages { stage('X') { steps { echo 'never' } } }
        }
        ",
    );
    let r = exits.run();
    expect_exit(&r, 1);
    assert!(has_line(&r.stdout, "exited at once"), "{}", r.stdout);
    nothing_left(exits.path(), &r.stdout);
}

#[test]
fn kubernetes_limits_reach_the_engine() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        pipeline {
            agent {
                kubernetes {
                    yaml '''
spec:
  containers:
  - name: limited
    image: jfrun-test-busybox
    command: ['cat']
    tty: true
    resources:
      limits:
        memory: 64Mi
        cpu: 500m
'''
                }
            }
            stages { stage('X') { steps { container('limited') { sh 'echo ran' } } } }
        }
        ",
    );
    let r = t.run_with(&["--keep-containers"]);
    expect_exit(&r, 0);
    let kept = containers_under(t.path());
    let mut seen = Vec::new();
    for line in &kept {
        let id = line.split_whitespace().next().expect("id");
        let out = docker()
            .args([
                "inspect",
                "--format",
                "{{index .Config.Labels \"jfrun.pod.container\"}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.NetworkMode}}",
                id,
            ])
            .output()
            .expect("docker inspect");
        seen.push(String::from_utf8_lossy(&out.stdout).trim().to_owned());
        let _ = docker().args(["rm", "-f", id]).output();
    }
    for v in volumes_under(t.path()) {
        let name = v.split_whitespace().next().expect("name");
        let _ = docker().args(["volume", "rm", "-f", name]).output();
    }
    assert_eq!(kept.len(), 2, "the holder and the container\n{}", r.stdout);
    let limited = seen
        .iter()
        .find(|s| s.starts_with("limited "))
        .unwrap_or_else(|| panic!("{seen:?}"));
    let words: Vec<&str> = limited.split_whitespace().collect();
    assert_eq!(words[1..3], ["67108864", "500000000"], "{seen:?}");
    assert!(words[3].starts_with("container:"), "{seen:?}");
}

#[test]
fn kubernetes_options_jfrun_cannot_honour_are_named() {
    let t = pipeline(
        r"
        pipeline {
            agent { kubernetes { inheritFrom 'maven-template' } }
            stages { stage('X') { steps { echo 'never' } } }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 1);
    assert!(
        has_line(&r.stdout, "inheritFrom 'maven-template'"),
        "{}",
        r.stdout
    );

    let outside = pipeline(
        r"
        pipeline {
            agent any
            stages { stage('X') { steps { container('x') { echo 'never' } } } }
        }
        ",
    );
    let r = outside.run();
    expect_exit(&r, 1);
    assert!(
        has_line(&r.stdout, "runs in a pod of agent { kubernetes }"),
        "{}",
        r.stdout
    );
}
