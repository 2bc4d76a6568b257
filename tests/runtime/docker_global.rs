//! The `docker` global of scripted pipelines against a real Docker engine and the local
//! registry (127.0.0.1:5000): `docker.image().inside`, a `withRun` sidecar reached over a
//! network, push and pull with credentials that never show, a missing image's failure, and no
//! container left behind. Skipped loudly without an engine (or registry) unless
//! `JFRUN_REQUIRE_DOCKER` is set.

use super::docker::{IMAGE, containers_under, docker, engine};
use super::{expect_exit, has_line, pipeline};

const REGISTRY: &str = "127.0.0.1:5000";

const CREDENTIALS: &str = r#"
[reg-creds]
type = "usernamePassword"
username = "pushuser"
password = "regPassw0rdSecret"
"#;

/// Whether the local registry answers; loud when it does not.
fn registry() -> bool {
    if std::net::TcpStream::connect(REGISTRY).is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("JFRUN_REQUIRE_DOCKER").is_none(),
        "JFRUN_REQUIRE_DOCKER is set but no registry answers at {REGISTRY}"
    );
    #[allow(clippy::print_stderr)] // a skipped test must be seen
    {
        eprintln!(
            "SKIPPED: registry test: no registry at {REGISTRY} (scripts/docker-engine --registry starts one)"
        );
    }
    false
}

#[test]
fn inside_runs_the_block_in_a_container_with_the_args() {
    if !engine() {
        return;
    }
    let t = pipeline(&format!(
        r"
        node {{
            def img = docker.image('{IMAGE}')
            echo 'name=' + img.imageName() + ' id=' + img.id
            img.inside('-e X=1') {{
                sh 'echo X=$X; test -f /.dockerenv && echo IN-CONTAINER'
            }}
        }}
        "
    ));
    let r = t.run();
    expect_exit(&r, 0);
    assert!(
        has_line(&r.stdout, &format!("name={IMAGE} id={IMAGE}")),
        "{}",
        r.stdout
    );
    assert!(has_line(&r.stdout, "X=1"), "{}", r.stdout);
    assert!(has_line(&r.stdout, "IN-CONTAINER"), "{}", r.stdout);
    assert!(
        has_line(&r.stdout, &format!("$ docker inspect -f . {IMAGE}")),
        "{}",
        r.stdout
    );
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}

#[test]
fn a_with_run_sidecar_is_reachable_over_a_network_and_removed() {
    if !engine() {
        return;
    }
    let net = format!("jfrun-test-net-{}", std::process::id());
    let made = docker()
        .args(["network", "create", &net])
        .output()
        .expect("docker network create");
    assert!(made.status.success(), "{made:?}");
    let t = pipeline(&format!(
        r#"
        node {{
            docker.image('{IMAGE}').withRun('--network {net} -p 8080', "sh -c 'trap \"exit 0\" TERM; mkdir -p /www; echo sidecar-ok > /www/index.html; httpd -f -p 8080 -h /www & wait'") {{ c ->
                echo "port=${{c.port(8080)}}"
                def host = c.id.take(12)
                docker.image('{IMAGE}').inside("--network {net}") {{
                    sh "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://${{host}}:8080/ && break; sleep 1; done"
                }}
            }}
            def left = docker.image('{IMAGE}').run('', "sh -c 'trap \"exit 0\" TERM; sleep 300 & wait'")
            echo "left=${{left.id}}"
            docker.image('{IMAGE}').withRun('', 'sleep 300') {{ c -> error 'boom' }}
        }}
        "#
    ));
    let r = t.run();
    let _ = docker().args(["network", "rm", &net]).output();
    expect_exit(&r, 1);
    assert!(has_line(&r.stdout, "sidecar-ok"), "{}", r.stdout);
    assert!(has_line(&r.stdout, "port=0.0.0.0:"), "{}", r.stdout);
    assert!(
        has_line(
            &r.stdout,
            &format!("$ docker run -d --network {net} -p 8080 {IMAGE} sh -c")
        ),
        "{}",
        r.stdout
    );
    assert!(has_line(&r.stdout, "boom"), "{}", r.stdout);
    let left = docker()
        .args(["ps", "-a", "-q", "--filter", "label=jfrun.build"])
        .output()
        .expect("docker ps");
    let left = String::from_utf8_lossy(&left.stdout).into_owned();
    for line in r.stdout.lines().filter_map(|l| l.split_once("left=")) {
        assert!(!left.contains(&line.1[..12]), "{} still there", line.1);
    }
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}

#[test]
fn push_and_pull_through_a_registry_with_credentials_that_never_show() {
    if !engine() || !registry() {
        return;
    }
    let tag = format!("t{}", std::process::id());
    let name = format!("jfrun-pushed-{}", std::process::id());
    let pushed = format!("{REGISTRY}/{name}:{tag}");
    let t = pipeline(&format!(
        r"
        node {{
            checkout scm
            docker.withRegistry('http://{REGISTRY}', 'reg-creds') {{
                def img = docker.build('{name}', 'ctx')
                echo 'qualified=' + img.imageName()
                img.push('{tag}')
            }}
            sh 'docker rmi {pushed} {name}'
            docker.image('{pushed}').pull()
            docker.image('{pushed}').inside {{ sh 'cat /marker' }}
            echo 'pw=regPassw0rdSecret'
        }}
        "
    ))
    .file("creds.toml", CREDENTIALS)
    .file(
        "ctx/Dockerfile",
        &format!("FROM {IMAGE}\nRUN echo PUSHED-AND-PULLED > /marker\n"),
    );
    let r = t.run_with(&["--credentials", "creds.toml"]);
    let _ = docker().args(["rmi", &pushed, &name]).output();
    expect_exit(&r, 0);
    assert!(has_line(&r.stdout, "PUSHED-AND-PULLED"), "{}", r.stdout);
    assert!(
        has_line(&r.stdout, &format!("qualified={REGISTRY}/{name}")),
        "{}",
        r.stdout
    );
    assert!(
        has_line(&r.stdout, &format!("$ docker push {pushed}")),
        "{}",
        r.stdout
    );
    assert!(
        has_line(&r.stdout, &format!("{tag}: digest: sha256:")),
        "{}",
        r.stdout
    );
    assert!(
        has_line(&r.stdout, &format!("$ docker pull {pushed}")),
        "{}",
        r.stdout
    );
    assert!(has_line(&r.stdout, "pw=****"), "{}", r.stdout);
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains("regPassw0rdSecret"), "{out}");
    }
    let log = std::fs::read_to_string(t.path().join(".jfrun/builds/1/log")).expect("build log");
    assert!(!log.contains("regPassw0rdSecret"), "{log}");
}

#[test]
fn a_missing_image_fails_naming_the_image_and_the_registry() {
    if !engine() || !registry() {
        return;
    }
    let t = pipeline(&format!(
        r"
        node {{
            try {{
                docker.image('{REGISTRY}/jfrun-no-such-image:1').pull()
            }} catch (e) {{
                echo 'first: ' + e.message
            }}
            docker.image('127.0.0.1:5999/jfrun-no-such-image:1').pull()
        }}
        "
    ));
    let r = t.run();
    expect_exit(&r, 1);
    assert!(
        has_line(
            &r.stdout,
            &format!(
                "first: Failed to pull image '{REGISTRY}/jfrun-no-such-image:1' from the registry {REGISTRY}:"
            )
        ),
        "{}",
        r.stdout
    );
    assert!(
        has_line(
            &r.stdout,
            "Failed to pull image '127.0.0.1:5999/jfrun-no-such-image:1' from the registry 127.0.0.1:5999:"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn with_server_points_steps_and_jfrun_at_that_engine() {
    if !engine() {
        return;
    }
    let sock = "unix:///var/run/docker.sock";
    if !std::path::Path::new("/var/run/docker.sock").exists() {
        return;
    }
    let t = pipeline(&format!(
        r"
        docker.withServer('{sock}') {{
            sh 'echo host=$DOCKER_HOST'
            docker.image('{IMAGE}').inside {{
                sh 'echo inside=$DOCKER_HOST'
            }}
        }}
        "
    ));
    let r = t.run();
    expect_exit(&r, 0);
    assert!(
        has_line(&r.stdout, "Running on built-in in"),
        "{}",
        r.stdout
    );
    assert!(has_line(&r.stdout, &format!("host={sock}")), "{}", r.stdout);
    assert!(
        has_line(&r.stdout, &format!("inside={sock}")),
        "{}",
        r.stdout
    );
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}

#[test]
fn build_gives_an_image_to_run_in() {
    if !engine() {
        return;
    }
    let name = format!("jfrun-test-built-{}:1", std::process::id());
    let t = pipeline(&format!(
        r"
        node {{
            writeFile file: 'ctx/Dockerfile', text: 'FROM {IMAGE}\nRUN echo built-here > /built.txt\n'
            def img = docker.build('{name}', 'ctx')
            echo 'built=' + img.id
            img.inside {{
                sh 'cat /built.txt'
            }}
        }}
        "
    ));
    let r = t.run();
    let _ = docker().args(["rmi", &name]).output();
    expect_exit(&r, 0);
    assert!(
        has_line(&r.stdout, &format!("built={name}")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .lines()
            .any(|l| l.trim_end().ends_with("built-here") && !l.contains("echo")),
        "{}",
        r.stdout
    );
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
}

/// The seed's advanced Docker agent, whose `environment` and `command` blocks Jenkins rejects:
/// refused before anything runs as written; once those two blocks are removed (and its empty
/// `stages` given a stage, which Jenkins requires too), it pulls its image from the registry
/// (`registryUrl`, `registryCredentialsId`, `alwaysPull`) and runs in it with its `args`.
#[test]
fn seed_advanced_docker_agent_is_refused_then_pulls_from_the_registry_and_runs() {
    if !engine() || !registry() {
        return;
    }
    let seed =
        include_str!("../../fixtures/jenkinsfiles/seed/02-docker-agent-advanced.Jenkinsfile");
    let refused = pipeline(seed).run();
    expect_exit(&refused, 2);
    let said = format!("{}{}", refused.stdout, refused.stderr);
    for text in [
        "Invalid config option \"environment\" for agent type \"docker\"",
        "Invalid config option \"command\" for agent type \"docker\"",
    ] {
        assert!(said.contains(text), "{text}\n{said}");
    }
    assert!(!said.contains("$ docker run"), "{said}");

    // The stand-in for the seed's builder image, only in the registry.
    let local = format!("{REGISTRY}/custom-java-builder:latest");
    super::docker::stand_in(&local, "java-builder", "#!/bin/sh\necho builder ready\n");
    let pushed = docker()
        .args(["push", &local])
        .output()
        .expect("docker push");
    assert!(
        pushed.status.success(),
        "{}",
        String::from_utf8_lossy(&pushed.stderr)
    );
    let _ = docker()
        .args(["rmi", &local, "custom-java-builder:latest"])
        .output();

    let start = seed
        .find("            // 环境变量")
        .expect("environment block");
    let end = seed.find("            reuseNode true").expect("reuseNode");
    let fixed = format!("{}{}", &seed[..start], &seed[end..])
        .replace(
            "https://registry.example.com",
            &format!("http://{REGISTRY}"),
        )
        .replace(
            "        // 构建阶段\n",
            "        stage('Build') { steps { sh 'java-builder; echo cpus=$(nproc)' } }\n",
        );
    let t = pipeline(&fixed).file(
        "creds.toml",
        &CREDENTIALS.replace("reg-creds", "docker-registry-creds"),
    );
    let r = t.run_with(&["--credentials", "creds.toml"]);
    expect_exit(&r, 0);
    let out = &r.stdout;
    for line in [
        &format!("$ docker pull {local}"),
        "builder ready",
        "--memory=2g",
        "--network=host",
    ] {
        assert!(has_line(out, line), "{line}\n{out}");
    }
    assert!(!out.contains("regPassw0rdSecret"), "{out}");
    assert_eq!(containers_under(t.path()), Vec::<String>::new());
    let _ = docker().args(["rmi", &local]).output();
}

/// `docker.script` is the pipeline script, as in the plugin's `Docker` class: its steps run
/// from it.
#[test]
fn docker_script_is_the_pipeline_script() {
    let t =
        pipeline("node { docker.script.echo 'from the script'; docker.script.sh 'echo SH-OK' }");
    let r = t.run();
    expect_exit(&r, 0);
    assert!(has_line(&r.stdout, "from the script"), "{}", r.stdout);
    assert!(has_line(&r.stdout, "SH-OK"), "{}", r.stdout);
}
