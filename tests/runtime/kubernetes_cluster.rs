//! The cluster backend of Kubernetes agents against a fake API server replaying HTTP exchanges
//! written from the Kubernetes API reference (`tests/data/kubernetes/`): pod objects, watch
//! events, Status objects and the exec channel protocol. No real cluster is involved; the
//! fake server checks every request it receives, so a wrong path, body or script fails.

mod fake_api;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use fake_api::FakeApi;
use jfrun::runtime::executor::kubernetes::cluster::Cluster;
use jfrun::runtime::log::{Log, LogFormat};
use jfrun::runtime::process::{Command, Exit};
use k8s_openapi::api::core::v1::Pod;
use tokio_util::sync::CancellationToken;

const POD: &str = "jfrun-demo-1";
const CWD: &str = "/home/jenkins/agent/workspace/demo";

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => true}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

fn cluster(api: &FakeApi) -> Cluster {
    Cluster::from_url(&api.url, None).expect("cluster")
}

/// The pod as jfrun hands it over: the pod template with the workspace volume.
fn pod() -> Pod {
    serde_json::from_value(serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": POD, "labels": {"jenkins/label": "jfrun-demo"}},
        "spec": {
            "containers": [{
                "name": "maven", "image": "maven:3.9-eclipse-temurin-17",
                "command": ["sleep"], "args": ["infinity"],
                "workingDir": "/home/jenkins/agent",
                "volumeMounts": [{"name": "workspace-volume", "mountPath": "/home/jenkins/agent"}]
            }],
            "restartPolicy": "Never",
            "volumes": [{"name": "workspace-volume", "emptyDir": {}}]
        }
    }))
    .expect("pod")
}

/// Waits for the pod; the progress lines and the result, as text.
async fn wait(api: &FakeApi, timeout: Duration) -> String {
    let mut lines = Vec::new();
    let result = cluster(api)
        .wait_ready(
            POD,
            timeout,
            &mut |l: &str| lines.push(l.to_owned()),
            &CancellationToken::new(),
        )
        .await;
    let mut out = String::new();
    for l in &lines {
        let _ = writeln!(out, "progress: {l}");
    }
    match result {
        Ok(()) => out.push_str("ready\n"),
        Err(e) => {
            let _ = writeln!(out, "error: {e}");
        }
    }
    out
}

/// Runs a command in the container; the log and the exit, as text.
async fn exec(api: &FakeApi, argv: &[&str], env: &[(&str, &str)], capture: bool) -> String {
    let log = Arc::new(Log::new(Box::new(std::io::sink()), LogFormat::Human, false));
    let cmd = Command {
        argv: argv.iter().map(|a| (*a).to_owned()).collect(),
        cwd: PathBuf::from(CWD),
        env: env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        capture_stdout: capture,
    };
    let exit = cluster(api)
        .exec(POD, "maven", cmd, &log, &CancellationToken::new())
        .await;
    let mut out = log.transcript();
    match exit {
        Ok(Exit::Code { status, stdout }) => {
            let _ = writeln!(out, "exit: {status}\ncaptured: {stdout:?}");
        }
        Ok(Exit::Cancelled) => out.push_str("cancelled\n"),
        Err(e) => {
            let _ = writeln!(out, "error: {e}");
        }
    }
    out
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// the pod is created from the template (the body checked), then watched from Pending to
/// Running, each change of what it waits for reported once.
#[tokio::test]
async fn create_then_watch_until_running() {
    let api = FakeApi::start("create-and-run").await;
    let name = cluster(&api).create(&pod()).await.expect("create");
    assert_eq!(name, POD);
    let out = wait(&api, Duration::from_secs(60)).await;
    api.finish();
    snapshot!("create_then_watch_until_running", out);
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// ImagePullBackOff fails the wait at once, naming the container and the image.
#[tokio::test]
async fn image_pull_back_off_names_the_image() {
    let api = FakeApi::start("image-pull-back-off").await;
    let out = wait(&api, Duration::from_secs(60)).await;
    api.finish();
    assert!(out.contains("\"maven:no-such-tag\""), "{out}");
    snapshot!("image_pull_back_off_names_the_image", out);
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// an Unschedulable pod fails the wait with the scheduler's message.
#[tokio::test]
async fn unschedulable_pod_says_why() {
    let api = FakeApi::start("unschedulable").await;
    let out = wait(&api, Duration::from_secs(60)).await;
    api.finish();
    snapshot!("unschedulable_pod_says_why", out);
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// CrashLoopBackOff fails the wait, naming the container and its last exit code.
#[tokio::test]
async fn crash_loop_back_off_names_the_container() {
    let api = FakeApi::start("crash-loop-back-off").await;
    let out = wait(&api, Duration::from_secs(60)).await;
    api.finish();
    snapshot!("crash_loop_back_off_names_the_container", out);
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// a pod that stays Pending fails the wait when the time is up, with its last status.
#[tokio::test]
async fn waiting_times_out_with_the_last_status() {
    let api = FakeApi::start("timeout").await;
    let out = wait(&api, Duration::from_secs(1)).await;
    api.finish();
    snapshot!("waiting_times_out_with_the_last_status", out);
}

const STEP: [&str; 3] = ["sh", "-c", "echo building; echo warning >&2; exit $CODE"];

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// exec over v4 (standard input never closed), output streamed by lines from both streams,
/// exit 0 from a Success status.
#[tokio::test]
async fn exec_over_v4_exit_0() {
    let api = FakeApi::start("exec-v4-exit-0").await;
    let out = exec(&api, &STEP, &[], false).await;
    api.finish();
    snapshot!("exec_over_v4_exit_0", out);
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// exec over v4, exit 3 from a NonZeroExitCode status.
#[tokio::test]
async fn exec_over_v4_exit_3() {
    let api = FakeApi::start("exec-v4-exit-3").await;
    let out = exec(&api, &STEP, &[], false).await;
    api.finish();
    assert!(out.contains("exit: 3\n"), "{out}");
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// exec over v5, standard input closed with the close signal, exit 0.
#[tokio::test]
async fn exec_over_v5_exit_0() {
    let api = FakeApi::start("exec-v5-exit-0").await;
    let out = exec(&api, &STEP, &[], false).await;
    api.finish();
    assert!(out.contains("exit: 0\n"), "{out}");
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// exec over v5, exit 3 from a NonZeroExitCode status.
#[tokio::test]
async fn exec_over_v5_exit_3() {
    let api = FakeApi::start("exec-v5-exit-3").await;
    let out = exec(&api, &STEP, &[], false).await;
    api.finish();
    snapshot!("exec_over_v5_exit_3", out);
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// with capture_stdout, standard output is returned and only standard error is logged.
#[tokio::test]
async fn exec_captures_stdout() {
    let api = FakeApi::start("exec-capture").await;
    let out = exec(&api, &["git", "rev-parse", "HEAD"], &[], true).await;
    api.finish();
    snapshot!("exec_captures_stdout", out);
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// a secret in the environment goes to the shell's standard input, never into the request
/// (URL or headers); PATH is never passed.
#[tokio::test]
async fn secret_never_in_the_request_url() {
    let api = FakeApi::start("exec-secret").await;
    let secret = "s3cr3t-'value";
    let out = exec(
        &api,
        &["sh", "-c", "deploy"],
        &[
            ("JFRUN_CLUSTER_TEST_TOKEN", secret),
            ("PATH", "/opt/custom/bin"),
        ],
        false,
    )
    .await;
    api.finish();
    assert!(out.contains("exit: 0\n"), "{out}");
    for head in api.heads() {
        assert!(!head.contains("s3cr3t"), "{head}");
    }
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// exec refused before the upgrade (400 with a Status) gives the server's message.
#[tokio::test]
async fn exec_refused_gives_the_server_message() {
    let api = FakeApi::start("exec-refused").await;
    let out = exec(&api, &STEP, &[], false).await;
    api.finish();
    snapshot!("exec_refused_gives_the_server_message", out);
}

/// Copies a small tree in and back out over `protocol` against the recorded exchanges.
async fn copy_round_trip(fixture: &str) {
    let api = FakeApi::start(fixture).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("sub")).expect("mkdir");
    std::fs::File::create(src.join("a.txt"))
        .and_then(|mut f| f.write_all(b"alpha\n"))
        .expect("a.txt");
    std::fs::write(src.join("sub/b.txt"), "beta\n").expect("b.txt");
    let c = cluster(&api);
    c.copy_in(POD, "maven", &src, CWD).await.expect("copy in");
    let back = dir.path().join("back");
    c.copy_out(POD, "maven", CWD, &back)
        .await
        .expect("copy out");
    api.finish();
    assert_eq!(
        std::fs::read_to_string(back.join("a.txt")).expect("a.txt"),
        "alpha\n"
    );
    assert_eq!(
        std::fs::read_to_string(back.join("sub/b.txt")).expect("b.txt"),
        "beta\n"
    );
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// a tree copied in (the archive checked by the server) and out again over v4, where the
/// archive in whole records lets tar end without the end of its input.
#[tokio::test]
async fn copy_round_trip_over_v4() {
    copy_round_trip("copy-round-trip-v4").await;
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// the same copy over v5, standard input closed after the archive.
#[tokio::test]
async fn copy_round_trip_over_v5() {
    copy_round_trip("copy-round-trip-v5").await;
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// delete with grace period 0; deleting a pod already gone (404) is not an error.
#[tokio::test]
async fn delete_and_delete_again() {
    let api = FakeApi::start("delete").await;
    let c = cluster(&api);
    c.delete(POD).await.expect("delete");
    c.delete(POD).await.expect("a pod already gone");
    api.finish();
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// a container's log, for containerLog.
#[tokio::test]
async fn logs_of_a_container() {
    let api = FakeApi::start("logs").await;
    let text = cluster(&api)
        .logs(POD, "maven", None, None, None)
        .await
        .expect("logs");
    api.finish();
    assert_eq!(
        text,
        "[INFO] Scanning for projects...\n[INFO] BUILD SUCCESS\n"
    );
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// cancelling a running command (timeout, Ctrl-C) returns at once, the connection left.
#[tokio::test]
async fn exec_cancelled_while_running() {
    let api = FakeApi::start("exec-cancel").await;
    let c = cluster(&api);
    let log = Arc::new(Log::new(Box::new(std::io::sink()), LogFormat::Human, false));
    let cancel = CancellationToken::new();
    let later = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        later.cancel();
    });
    let cmd = Command {
        argv: vec!["sleep".to_owned(), "600".to_owned()],
        cwd: PathBuf::from(CWD),
        env: Vec::new(),
        capture_stdout: false,
    };
    let exit = tokio::time::timeout(
        Duration::from_secs(10),
        c.exec(POD, "maven", cmd, &log, &cancel),
    )
    .await
    .expect("returns on cancellation");
    assert!(matches!(exit, Ok(Exit::Cancelled)));
    assert_eq!(log.transcript(), "started\n");
    // The server sees the client leave.
    tokio::time::sleep(Duration::from_millis(100)).await;
    api.finish();
}

/// No server at all: the error names the API address that could not be reached.
#[tokio::test]
async fn unreachable_api_is_named() {
    let c = Cluster::from_url("http://127.0.0.1:9", None).expect("cluster");
    let err = c.create(&pod()).await.expect_err("nothing listens there");
    assert!(
        err.starts_with(
            "cannot create the pod: cannot reach the Kubernetes API at http://127.0.0.1:9/"
        ),
        "{err}"
    );
}

/// A kubeconfig with the contexts `ci` (namespace `builds`) and `other` (no namespace, the
/// current one), both on `server`.
fn kubeconfig(server: &str) -> kube::config::Kubeconfig {
    kube::config::Kubeconfig::from_yaml(&format!(
        "apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster:
    server: {server}
users:
- name: me
  user: {{}}
contexts:
- name: ci
  context: {{cluster: fake, user: me, namespace: builds}}
- name: other
  context: {{cluster: fake, user: me}}
current-context: other
"
    ))
    .expect("kubeconfig")
}

/// The namespace: the one given, else the context's, else `default`; an unknown context is
/// named in the error.
#[tokio::test]
async fn namespace_from_the_option_the_context_or_default() {
    let k = || kubeconfig("http://127.0.0.1:9");
    let ns = |c: Cluster| c.namespace().to_owned();
    let of = |context, namespace| Cluster::from_kubeconfig(k(), context, namespace);
    assert_eq!(ns(of(Some("ci"), None).await.expect("ci")), "builds");
    assert_eq!(ns(of(None, None).await.expect("current")), "default");
    assert_eq!(ns(of(Some("ci"), Some("x")).await.expect("given")), "x");
    let err = of(Some("nope"), None).await.err().expect("unknown context");
    assert!(
        err.starts_with("cannot use context nope of the Kubernetes configuration"),
        "{err}"
    );
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// a connection made from a kubeconfig reaches its server, and the error names its context.
#[tokio::test]
async fn kubeconfig_context_is_named_when_unreachable() {
    let c = Cluster::from_kubeconfig(kubeconfig("http://127.0.0.1:9"), Some("ci"), None)
        .await
        .expect("cluster");
    let err = c
        .logs(POD, "maven", None, None, None)
        .await
        .expect_err("nothing listens there");
    assert!(
        err.contains("cannot reach the Kubernetes API at http://127.0.0.1:9/ (context ci)"),
        "{err}"
    );
    let api = FakeApi::start("logs").await;
    let c = Cluster::from_kubeconfig(kubeconfig(&api.url), None, None)
        .await
        .expect("cluster");
    c.logs(POD, "maven", None, None, None).await.expect("logs");
    api.finish();
}

const ON_CLUSTER: &str = r#"
pipeline {
    agent {
        kubernetes {
            yaml '''
spec:
  containers:
  - name: shell
    image: jfrun-test-busybox
    command: ['sleep']
    args: ['infinity']
'''
            defaultContainer 'shell'
            showRawYaml false
        }
    }
    options { skipDefaultCheckout() }
    stages {
        stage('Build') {
            steps {
                writeFile file: 'in.txt', text: 'from-jfrun'
                sh '''
cat in.txt
echo made-in-pod > made.txt
'''
                echo "read on jfrun's side: ${readFile('made.txt').trim()}"
                containerLog 'shell'
            }
        }
    }
}
"#;

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// `jfrun --kubernetes cluster` with the Kubernetes configuration's context creates the agent's
/// pod in the namespace given, waits for it, copies in what `writeFile` made, runs the step
/// over exec (its script written on standard input, never as an argument), copies the
/// workspace out so that `readFile` sees the file the step made, reads the container's log
/// for `containerLog`, and deletes the pod. The pod submitted is snapshotted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pipeline_runs_on_the_cluster_of_the_current_context() {
    let api = FakeApi::start("run-on-cluster").await;
    let out = run_on_cluster(&api, ON_CLUSTER, &["--kubernetes", "cluster"]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    api.finish();
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    for line in [
        "from-jfrun",
        "read on jfrun's side: made-in-pod",
        "> start log of container 'shell' in pod '",
        "shell ready",
        "Finished: SUCCESS",
    ] {
        assert!(stdout.contains(line), "no {line:?} in\n{stdout}");
    }
    assert!(
        stdout.contains("Created Pod: kubernetes ci/demo-1-"),
        "{stdout}"
    );
    let mut created = api.created();
    assert_eq!(created.len(), 1);
    let pod = &mut created[0];
    let name = pod["metadata"]["name"].as_str().expect("name").to_owned();
    // The name's last part is made up per run; the label carries it too.
    let suffix = name.rsplit('-').next().expect("suffix").to_owned();
    let text = serde_json::to_string_pretty(pod)
        .expect("json")
        .replace(&name, "<pod name>")
        .replace(&suffix, "<suffix>");
    snapshot!("a_pipeline_runs_on_the_cluster_pod", text);
}

/// Runs `jenkinsfile` with `jfrun --namespace ci` and `args` against `api`, named by the
/// current context of a Kubernetes configuration of its own.
async fn run_on_cluster(api: &FakeApi, jenkinsfile: &str, args: &[&str]) -> std::process::Output {
    let kubeconfig = format!(
        "apiVersion: v1\nkind: Config\ncurrent-context: fake\n\
         clusters:\n- name: fake\n  cluster:\n    server: {}\n\
         users:\n- name: fake\n  user: {{}}\n\
         contexts:\n- name: fake\n  context:\n    cluster: fake\n    user: fake\n",
        api.url
    );
    let t = super::pipeline(jenkinsfile).file("kubeconfig", &kubeconfig);
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        t.command()
            .env("KUBECONFIG", "kubeconfig")
            .args(["--namespace", "ci", "--job-name", "demo"])
            .args(args)
            .output()
            .expect("run jfrun")
    })
    .await
    .expect("join")
}

/// Runs against HTTP exchanges written from the Kubernetes API reference, not a real cluster:
/// a container step still running when its `timeout` expires is left (its exec connection
/// dropped), nothing is copied out, the pod is deleted, and the build ends ABORTED. The
/// cluster is chosen without `--kubernetes`, the configuration having a current context.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timeout_on_the_cluster_deletes_the_pod() {
    let api = FakeApi::start("run-on-cluster-timeout").await;
    let jenkinsfile = r"
pipeline {
    agent {
        kubernetes {
            yaml '''
spec:
  containers:
  - name: shell
    image: jfrun-test-busybox
    command: ['sleep']
    args: ['infinity']
'''
            defaultContainer 'shell'
            showRawYaml false
        }
    }
    options { skipDefaultCheckout() }
    stages {
        stage('Slow') {
            steps {
                timeout(time: 2, unit: 'SECONDS') {
                    sh 'sleep 600'
                }
            }
        }
    }
}
";
    let out = run_on_cluster(&api, jenkinsfile, &[]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    api.finish();
    assert_ne!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("Timeout has been exceeded"), "{stdout}");
    assert!(stdout.contains("Finished: ABORTED"), "{stdout}");
}
