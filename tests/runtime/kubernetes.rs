//! `agent { kubernetes }` on a pod emulated on a real Docker engine, with the busybox image of
//! the Docker tests: the containers share the workspace and `localhost`, `container('x')` and
//! `defaultContainer` choose where steps run, limits reach the engine, and nothing labelled is
//! left behind, whether the build succeeds or fails. Without an engine these tests say so
//! loudly and pass, unless `JFRUN_REQUIRE_DOCKER` is set.

use std::fmt::Write as _;
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
                        script {
                            docker.image('jfrun-test-busybox').inside {
                                sh 'echo "inside=$(cat back.txt)"'
                            }
                        }
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
    assert!(has_line(out, "inside=from-client"), "{out}");
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
                            yamlMergeStrategy merge()
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
                        container('side') {
                            sh 'echo "inherited=$POD_CONTAINER"'
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
    assert!(
        has_line(out, "yamlMergeStrategy merge(): the YAMLs are combined"),
        "{out}"
    );
    assert!(has_line(out, "inherited=side"), "{out}");
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

    let never = pipeline(
        r"
        pipeline {
            agent {
                kubernetes {
                    yaml '''
spec:
  containers:
  - name: main
    image: jfrun-test-absent:never
    imagePullPolicy: Never
'''
                }
            }
            stages { stage('X') { steps { echo 'never' } } }
        }
        ",
    );
    let r = never.run();
    expect_exit(&r, 1);
    assert!(
        has_line(
            &r.stdout,
            "image jfrun-test-absent:never is not on the engine and its imagePullPolicy is Never"
        ),
        "{}",
        r.stdout
    );
    nothing_left(never.path(), &r.stdout);

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
    }
    let volumes = volumes_under(t.path());
    // Removed here rather than by `jfrun clean`, which would race with the other tests' kept
    // containers.
    for line in &kept {
        let id = line.split_whitespace().next().expect("id");
        let _ = docker().args(["rm", "-f", id]).output();
    }
    for v in &volumes {
        let name = v.split_whitespace().next().expect("name");
        let _ = docker().args(["volume", "rm", "-f", name]).output();
    }
    nothing_left(t.path(), &r.stdout);
    assert_eq!(volumes.len(), 1, "the workspace volume is kept too");
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

/// Builds `tag` from the test image with the commands `bins` (name, script) installed: a
/// stand-in for images no registry here can provide.
fn stand_in_with(tag: &str, bins: &[(&str, &str)]) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut dockerfile = format!("FROM {}\n", super::docker::IMAGE);
    for (bin, script) in bins {
        std::fs::write(dir.path().join(bin), script).expect("script");
        let _ = write!(
            dockerfile,
            "COPY {bin} /bin/{bin}\nRUN chmod 755 /bin/{bin}\n"
        );
    }
    std::fs::write(dir.path().join("Dockerfile"), dockerfile).expect("Dockerfile");
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

/// A command that says how it was called, and where.
fn says(name: &str) -> String {
    format!("#!/bin/sh\necho \"[{name}] $* in $(pwd) as $POD_CONTAINER\"\n")
}

#[test]
fn seed_kubernetes_multi_container_pipeline_runs_each_stage_in_its_container() {
    if !engine() {
        return;
    }
    stand_in_with("openjdk:17-jdk-slim", &[("java", &says("java"))]);
    stand_in_with("node:16-alpine", &[("npm", &says("npm"))]);
    stand_in_with(
        "python:3.9-slim",
        &[("pip", &says("pip")), ("python", &says("python"))],
    );
    stand_in_with("docker:20.10.7", &[("docker", &says("docker"))]);
    let mut seed =
        include_str!("../../fixtures/jenkinsfiles/seed/04-kubernetes-multi-container.Jenkinsfile")
            .to_owned();
    // Some engines (in containers, without every capability) cannot start privileged ones.
    let privileged = docker()
        .args(["run", "--rm", "--privileged", super::docker::IMAGE, "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !privileged {
        #[allow(clippy::print_stderr)] // a weakened test must be seen
        {
            eprintln!("NOTE: this engine cannot run privileged containers: seed 04 runs without");
        }
        seed = seed.replace("privileged: true", "privileged: false");
    }
    let t = pipeline(&seed)
    .file(
        "creds.toml",
        "[docker-registry]\ntype = \"usernamePassword\"\nusername = \"robot\"\npassword = \"s3cretPass\"\n",
    )
    .file("gradlew", "#!/bin/sh\necho \"[gradlew] $* with $(which java)\"\n");
    let gradlew = t.path().join("gradlew");
    let mut perms = std::fs::metadata(&gradlew).expect("gradlew").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&gradlew, perms).expect("chmod");
    t.commit("gradlew");
    let r = t.run_with(&["--credentials", "creds.toml"]);
    expect_exit(&r, 0);
    let out = &r.stdout;
    for line in [
        "[npm] install in /home/jenkins/agent/workspace/",
        "[npm] run build",
        "[gradlew] clean build with /bin/java",
        "[gradlew] test with /bin/java",
        "[pip] install -r requirements.txt",
        "[python] -m pytest tests/",
        "[docker] build -t frontend:latest -f Dockerfile.frontend .",
        "-p **** registry.example.com",
        "[docker] push registry.example.com/backend:1",
    ] {
        assert!(has_line(out, line), "{line}\n{out}");
    }
    assert!(has_line(out, "as nodejs"), "{out}");
    assert!(!out.contains("s3cretPass"), "{out}");
    nothing_left(t.path(), out);
}

#[test]
fn seed_kubernetes_dynamic_pod_pipeline_builds_in_its_containers_until_the_push() {
    if !engine() {
        return;
    }
    stand_in_with(
        "maven:3.8.1-openjdk-17",
        &[(
            "mvn",
            "#!/bin/sh\necho \"[INFO] mvn $* with MAVEN_OPTS=$MAVEN_OPTS\"\nmkdir -p target\necho \"$*\" >> target/mvn.log\n",
        )],
    );
    stand_in_with("docker:20.10.7", &[("docker", &says("docker"))]);
    let t = pipeline(include_str!(
        "../../fixtures/jenkinsfiles/seed/03-kubernetes-dynamic-pod.Jenkinsfile"
    ))
    .file(
        "Dockerfile",
        "FROM jfrun-test-busybox\nCOPY target/mvn.log /mvn.log\n",
    );
    t.commit("Dockerfile");
    let r = t.run();
    let out = &r.stdout;
    // Pushing to Docker Hub needs the internet, which the tests do without.
    expect_exit(&r, 1);
    for line in [
        "the claim 'maven-cache-pvc' is the Docker volume jfrun-pvc-maven-cache-pvc",
        "[INFO] mvn clean compile with MAVEN_OPTS=-Xmx1g",
        "[INFO] mvn test with MAVEN_OPTS=-Xmx1g",
        "docker build -t myapp:1 .",
        "docker push myapp:1",
        "Failed to push image 'myapp:1' to the registry docker.io",
    ] {
        assert!(has_line(out, line), "{line}\n{out}");
    }
    let _ = docker().args(["rmi", "-f", "myapp:1"]).output();
    let _ = docker()
        .args(["volume", "rm", "-f", "jfrun-pvc-maven-cache-pvc"])
        .output();
    nothing_left(t.path(), out);
}

/// A pod whose build is cut short, by `timeout` or by Ctrl-C, leaves no container or volume.
#[test]
fn kubernetes_pod_is_removed_after_a_timeout_and_an_interrupt() {
    if !engine() {
        return;
    }
    let body = |options: &str| {
        format!(
            r"
        pipeline {{
            agent {{
                kubernetes {{
                    defaultContainer 'main'
                    yaml '''
spec:
  containers:
  - name: main
    image: jfrun-test-busybox
    command: ['cat']
    tty: true
'''
                }}
            }}
            {options}
            stages {{
                stage('Slow') {{
                    steps {{
                        sh 'echo MARK-sleeping; sleep 60; echo after sleep'
                    }}
                }}
            }}
        }}
        "
        )
    };
    let timed = pipeline(&body("options { timeout(time: 3, unit: 'SECONDS') }"));
    let r = timed.run();
    expect_exit(&r, 4);
    assert!(has_line(&r.stdout, "MARK-sleeping"), "{}", r.stdout);
    assert!(!has_line(&r.stdout, "after sleep"), "{}", r.stdout);
    nothing_left(timed.path(), &r.stdout);

    let interrupted = pipeline(&body(""));
    let running = super::Running::until(&interrupted, "MARK-sleeping");
    assert_eq!(
        containers_under(interrupted.path()).len(),
        2,
        "the pod's container and its holder: {}",
        running.seen
    );
    let (code, seen) = running.interrupt();
    assert_eq!(code, Some(4), "{seen}");
    assert!(!has_line(&seen, "after sleep"), "{seen}");
    nothing_left(interrupted.path(), &seen);
}

/// `inheritFrom` takes the pod templates of `.jfrun.toml`; a persistent volume claim keeps
/// its files from one run to the next while everything else goes; `podRetention always()`
/// keeps the pod, which `jfrun clean` then removes.
#[test]
fn kubernetes_named_templates_claims_that_persist_and_retention() {
    if !engine() {
        return;
    }
    let claim = format!(
        "cache-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    );
    let t = pipeline(
        r"
        pipeline {
            agent {
                kubernetes {
                    inheritFrom 'builder'
                    defaultContainer 'main'
                }
            }
            stages {
                stage('Cache') {
                    steps {
                        sh 'cat /cache/count 2>/dev/null || echo 0 > /cache/count; echo $(( $(cat /cache/count) + 1 )) > /cache/count; echo runs=$(cat /cache/count)'
                    }
                }
            }
        }
        ",
    )
    .file(
        ".jfrun.toml",
        &format!(
            r#"
            [pod_templates.builder]
            yaml = """
            spec:
              containers:
              - name: main
                image: jfrun-test-busybox
                command: ['cat']
                tty: true
                volumeMounts:
                - name: cache
                  mountPath: /cache
              volumes:
              - name: cache
                persistentVolumeClaim:
                  claimName: {claim}
            """
            "#
        ),
    );
    let volume = format!("jfrun-pvc-{claim}");
    let first = t.run();
    expect_exit(&first, 0);
    assert!(has_line(&first.stdout, "runs=1"), "{}", first.stdout);
    let second = t.run();
    expect_exit(&second, 0);
    assert!(has_line(&second.stdout, "runs=2"), "{}", second.stdout);
    nothing_left(t.path(), &second.stdout);

    let kept = pipeline(
        r"
        pipeline {
            agent {
                kubernetes {
                    podRetention always()
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
            stages { stage('X') { steps { echo 'done' } } }
        }
        ",
    );
    let r = kept.run();
    expect_exit(&r, 0);
    assert!(has_line(&r.stdout, "Keeping pod"), "{}", r.stdout);
    assert_eq!(containers_under(kept.path()).len(), 2, "{}", r.stdout);
    let clean = std::process::Command::new(env!("CARGO_BIN_EXE_jfrun"))
        .arg("clean")
        .output()
        .expect("jfrun clean");
    assert!(clean.status.success(), "{clean:?}");
    nothing_left(kept.path(), &String::from_utf8_lossy(&clean.stdout));
    let _ = docker().args(["volume", "rm", "-f", &volume]).output();
}

/// The scripted `podTemplate` with `containerTemplate`s, environment and an `emptyDir` volume:
/// `node(POD_LABEL)` runs on its pod, whose containers share the volume.
#[test]
fn kubernetes_scripted_pod_template_runs_node_on_its_pod() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        podTemplate(containers: [
            containerTemplate(name: 'main', image: 'jfrun-test-busybox', command: 'cat', ttyEnabled: true,
                envVars: [envVar(key: 'GREETING', value: 'hi')]),
            containerTemplate(name: 'side', image: 'jfrun-test-busybox', command: 'sleep', args: '3600'),
        ], volumes: [emptyDirVolume(mountPath: '/scratch')]) {
            node(POD_LABEL) {
                stage('In pod') {
                    container('main') {
                        sh 'echo greeting=$GREETING container=$POD_CONTAINER; echo shared > /scratch/f'
                    }
                    container('side') {
                        sh 'echo side=$(cat /scratch/f)'
                    }
                }
            }
        }
        node {
            echo 'after the pod'
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(has_line(out, "greeting=hi container=main"), "{out}");
    assert!(has_line(out, "side=shared"), "{out}");
    assert!(has_line(out, "Running on built-in"), "{out}");
    nothing_left(t.path(), out);
}

/// Seed 08, the Helm deployment, against stand-in images: the chart is linted and packaged in
/// the `helm` container, and the upload to the chart repository fails as it does without one
/// (no such host here), which fails the build before any deployment.
#[test]
fn seed_helm_deploy_pipeline_runs_until_it_needs_a_chart_repository() {
    if !engine() {
        return;
    }
    // A curl that really tries: busybox's wget to the same address.
    let curl =
        "#!/bin/sh\nfor a; do url=$a; done\necho \"[curl] $url\"\nexec wget -q -O- \"$url\"\n";
    stand_in_with(
        "alpine/helm:3.7.1",
        &[("helm", &says("helm")), ("curl", curl)],
    );
    stand_in_with("bitnami/kubectl:1.22.0", &[("kubectl", &says("kubectl"))]);
    let seed = include_str!("../../fixtures/jenkinsfiles/seed/08-helm-deploy.Jenkinsfile");
    let t = pipeline(seed).file(
        "creds.toml",
        "[chartmuseum]\ntype = \"usernamePassword\"\nusername = \"robot\"\npassword = \"chartPass\"\n",
    );
    let r = t.run_with(&["--credentials", "creds.toml"]);
    expect_exit(&r, 1);
    let out = &r.stdout;
    for line in [
        "[helm] lint charts/app in /home/jenkins/agent/workspace/",
        "[helm] package charts/app --version 1",
        "[curl] http://chartmuseum.example.com/api/charts",
    ] {
        assert!(has_line(out, line), "{line}\n{out}");
    }
    assert!(!has_line(out, "[helm] upgrade"), "{out}");
    assert!(!out.contains("chartPass"), "{out}");
    let row = |stage: &str, result: &str| {
        out.lines()
            .any(|l| l.starts_with(stage) && l.split_whitespace().any(|w| w == result))
    };
    assert!(row("Lint Chart", "SUCCESS"), "{out}");
    assert!(row("Package Chart", "FAILURE"), "{out}");
    assert!(!row("Deploy to Staging", "SUCCESS"), "{out}");
    nothing_left(t.path(), out);
}

/// Parallel branches with their own kubernetes agents run their pods at the same time: each
/// branch's container leaves a mark in a shared host folder and waits for the other's, which
/// only comes if both pods run together. `containerLog` prints (and returns) what a
/// container's own process wrote.
#[test]
fn kubernetes_parallel_branches_run_their_pods_together_and_container_log_reads_them() {
    if !engine() {
        return;
    }
    let pod = |name: &str| {
        format!(
            r"
                    agent {{
                        kubernetes {{
                            defaultContainer 'shell'
                            showRawYaml false
                            yaml '''
spec:
  containers:
  - name: shell
    image: jfrun-test-busybox
    command: ['sh', '-c', 'echo process-of-{name}-started; exec cat']
    tty: true
    volumeMounts:
    - name: meeting
      mountPath: /meeting
  volumes:
  - name: meeting
    hostPath:
      path: MEETING
'''
                        }}
                    }}"
        )
    };
    let wait = |me: &str, other: &str| {
        format!(
            "sh 'touch /meeting/{me}; for i in $(seq 1 600); do test -f /meeting/{other} && break; sleep 0.1; done; test -f /meeting/{other} && echo {me}-met-{other}'"
        )
    };
    let t = pipeline(&format!(
        r#"
        pipeline {{
            agent none
            stages {{
                stage('Together') {{
                    parallel {{
                        stage('A') {{
                            {}
                            steps {{
                                {}
                                containerLog 'shell'
                            }}
                        }}
                        stage('B') {{
                            {}
                            steps {{
                                {}
                                script {{
                                    def log = containerLog(name: 'shell', returnLog: true)
                                    echo "returned: ${{log.trim()}}"
                                }}
                            }}
                        }}
                    }}
                }}
            }}
        }}
        "#,
        pod("a"),
        wait("a", "b"),
        pod("b"),
        wait("b", "a")
    ));
    let meeting = t.path().join("meeting");
    std::fs::create_dir_all(&meeting).expect("mkdir");
    let jenkinsfile = t.path().join("Jenkinsfile");
    let text = std::fs::read_to_string(&jenkinsfile).expect("read");
    std::fs::write(
        &jenkinsfile,
        text.replace("MEETING", &meeting.display().to_string()),
    )
    .expect("write");
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(out.contains("a-met-b"), "{out}");
    assert!(out.contains("b-met-a"), "{out}");
    assert!(
        out.contains("> start log of container 'shell' in pod '"),
        "{out}"
    );
    assert!(has_line(out, "process-of-a-started"), "{out}");
    assert!(out.contains("returned: process-of-b-started"), "{out}");
    nothing_left(t.path(), out);
}

/// The folders of volume files left under the project's workspaces (none once a pod is gone).
fn volume_files_under(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir.join(".jfrun/workspace"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("@volumes"))
        .collect()
}

/// A `secret` volume and `secretKeyRef` variables read jfrun's credentials (a credentials file
/// and `--secret`): the container sees the values, read-only, and the log only `****`.
#[test]
fn kubernetes_secret_volume_and_env_come_from_the_credentials_masked() {
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
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
    - name: API_TOKEN
      valueFrom:
        secretKeyRef: {name: api-token, key: text}
    volumeMounts:
    - name: creds
      mountPath: /etc/creds
  volumes:
  - name: creds
    secret:
      secretName: db
'''
                }
            }
            stages {
                stage('Secrets') {
                    steps {
                        sh 'test "$(cat /etc/creds/password)" = s3cr3t && test "$(cat /etc/creds/username)" = ci && echo files-ok'
                        sh 'test "$DB_PASSWORD" = s3cr3t && test "$API_TOKEN" = t0kenValue && echo env-ok'
                        sh 'echo "pw=$DB_PASSWORD token=$API_TOKEN file=$(cat /etc/creds/password)"; touch /etc/creds/x 2>/dev/null || echo read-only'
                    }
                }
            }
        }
        "#,
    )
    .file(
        "creds.toml",
        r#"
        [db]
        type = "usernamePassword"
        username = "ci"
        password = "s3cr3t"
        "#,
    );
    let r = t.run_with(&[
        "--credentials",
        "creds.toml",
        "--secret",
        "api-token=t0kenValue",
    ]);
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(has_line(out, "files-ok"), "{out}");
    assert!(has_line(out, "env-ok"), "{out}");
    assert!(has_line(out, "pw=**** token=**** file=****"), "{out}");
    assert!(has_line(out, "read-only"), "{out}");
    for secret in ["s3cr3t", "t0kenValue"] {
        assert!(!out.contains(secret) && !r.stderr.contains(secret), "{out}");
    }
    assert_eq!(volume_files_under(t.path()), Vec::<String>::new());
    nothing_left(t.path(), out);
}

/// A `configMap` volume with `items`, `configMapKeyRef` and `envFrom` read `.jfrun.toml`'s
/// `[config_maps.NAME]`; `fieldRef` gives the pod's name.
#[test]
fn kubernetes_config_map_volume_and_env_come_from_the_configuration() {
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
    envFrom:
    - configMapRef: {name: app-config}
      prefix: CFG_
    env:
    - name: LEVEL
      valueFrom:
        configMapKeyRef: {name: app-config, key: LOG_LEVEL}
    - name: MY_POD
      valueFrom:
        fieldRef: {fieldPath: metadata.name}
    volumeMounts:
    - name: config
      mountPath: /etc/app
  volumes:
  - name: config
    configMap:
      name: app-config
      items:
      - key: application.yml
        path: conf/app.yml
'''
                }
            }
            stages {
                stage('Config') {
                    steps {
                        sh 'cat /etc/app/conf/app.yml; test -e /etc/app/LOG_LEVEL || echo only-items'
                        sh 'echo "level=$LEVEL cfg=$CFG_LOG_LEVEL"; test "$MY_POD" = "$NODE_NAME" && echo pod-name-ok'
                    }
                }
            }
        }
        "#,
    )
    .file(
        ".jfrun.toml",
        r#"
        [config_maps.app-config]
        "application.yml" = "server:\n  port: 8081\n"
        LOG_LEVEL = "debug"
        "#,
    );
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(has_line(out, "port: 8081"), "{out}");
    assert!(has_line(out, "only-items"), "{out}");
    assert!(has_line(out, "level=debug cfg=debug"), "{out}");
    assert!(has_line(out, "pod-name-ok"), "{out}");
    assert_eq!(volume_files_under(t.path()), Vec::<String>::new());
    nothing_left(t.path(), out);
}

/// A Secret no credential provides fails the run, naming it, its key and where jfrun looked.
#[test]
fn kubernetes_missing_secret_names_the_secret_and_where_jfrun_looked() {
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
    env:
    - name: PUSH_PASSWORD
      valueFrom:
        secretKeyRef: {name: registry-creds, key: password}
'''
                }
            }
            stages { stage('X') { steps { echo 'never' } } }
        }
        ",
    );
    let r = t.run();
    expect_exit(&r, 1);
    let out = &r.stdout;
    assert!(
        has_line(
            out,
            "container 'main': env 'PUSH_PASSWORD': secret 'registry-creds' not found"
        ),
        "{out}"
    );
    assert!(has_line(out, "--secret registry-creds=VALUE"), "{out}");
    assert!(!has_line(out, "never"), "{out}");
}

/// The scripted `secretEnvVar`, `configMapVolume` and `podEnvVar` of `podTemplate`, read from
/// the project's credentials file and `.jfrun.toml`.
#[test]
fn kubernetes_scripted_pod_template_reads_secrets_and_config_maps() {
    if !engine() {
        return;
    }
    let t = pipeline(
        r"
        podTemplate(containers: [
            containerTemplate(name: 'main', image: 'jfrun-test-busybox', command: 'cat', ttyEnabled: true,
                envVars: [secretEnvVar(key: 'DEPLOY_PW', secretName: 'deploy', secretKey: 'password')]),
        ], volumes: [configMapVolume(configMapName: 'app-config', mountPath: '/etc/app')],
           envVars: [podEnvVar(key: 'STAGE', value: 'qa')]) {
            node(POD_LABEL) {
                container('main') {
                    sh 'echo pw=$DEPLOY_PW stage=$STAGE level=$(cat /etc/app/LOG_LEVEL)'
                }
            }
        }
        ",
    )
    .file(
        ".jfrun/credentials.toml",
        r#"
        [deploy]
        type = "usernamePassword"
        username = "deployer"
        password = "hunter22"
        "#,
    )
    .file(".jfrun.toml", "[config_maps.app-config]\nLOG_LEVEL = \"info\"\n");
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(has_line(out, "secretKeyRef"), "{out}");
    assert!(has_line(out, "pw=**** stage=qa level=info"), "{out}");
    assert!(!out.contains("hunter22"), "{out}");
    nothing_left(t.path(), out);
}

/// `container` and `containerLog` need the pod of a kubernetes agent; elsewhere they fail
/// saying so (no engine involved).
#[test]
fn container_steps_outside_a_pod_say_so() {
    let t = pipeline(
        r#"
        node {
            try { container('maven') { echo 'never' } } catch (e) { echo "caught: ${e.message}" }
            try { containerLog 'maven' } catch (e) { echo "caught: ${e.message}" }
        }
        "#,
    );
    let r = t.run();
    expect_exit(&r, 0);
    let out = &r.stdout;
    assert!(
        has_line(
            out,
            "caught: container('maven') runs in a pod of agent { kubernetes }; this code does not run on one"
        ),
        "{out}"
    );
    assert!(
        has_line(
            out,
            "caught: containerLog('maven') reads a container of a pod of agent { kubernetes }; this code does not run on one"
        ),
        "{out}"
    );
    assert!(!out.contains("never"), "{out}");
}
