//! The seed chapter's pipelines that call its shared library (`getChangedFiles()`,
//! `securityScan(image)`, `getBuildMetrics()`, `collectBuildLogs()`...) and tools no
//! network or cluster here can serve. They run unchanged, end to end: the library is the
//! stand-in in `fixtures/libraries/chapter`, given with `--library`, and the tools are the
//! stand-ins of `fixtures/stand-ins` on `PATH`. Images are built by the real Docker engine
//! (the Docker tests' rules apply: without an engine these two say so and pass, unless
//! `JFRUN_REQUIRE_DOCKER` is set).

use std::path::{Path, PathBuf};

use super::docker::{docker, engine};
use super::{expect_exit, has_line};
use crate::support::{Run, Test};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(root().join("fixtures/jenkinsfiles/seed").join(name)).expect("seed")
}

/// A checkout holding the seed `name` as its Jenkinsfile and `files`, committed.
fn checkout(name: &str, files: &[(&str, &str)]) -> Test {
    let mut t = Test::new().jenkinsfile(&seed(name));
    for (path, text) in files {
        t = t.file(path, text);
    }
    t.git().args(["run"])
}

/// Runs `jfrun` in `t` with the chapter's library and the tools' stand-ins first on `PATH`.
fn run(t: &Test, extra: &[&str]) -> Run {
    let stand_ins: PathBuf = root().join("fixtures/stand-ins");
    let path = format!(
        "{}:{}",
        stand_ins.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let library = format!(
        "--library=chapter={}",
        root().join("fixtures/libraries/chapter").display()
    );
    let out = t
        .command()
        .arg(&library)
        .args(extra)
        .env("PATH", path)
        // The kubectl stand-in, like kubectl, wants a configuration when KUBECONFIG is set.
        .env_remove("KUBECONFIG")
        .output()
        .expect("run jfrun");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The stages that ended, with their results, in the order they ended: `Name RESULT`.
fn stage_flow(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| l.strip_prefix("< "))
        .map(|s| {
            let (name, rest) = s.split_once(" (").unwrap_or((s, ""));
            let result = rest.split([',', ')']).next().unwrap_or("");
            format!("{name} {result}")
        })
        .collect()
}

fn expect_lines(out: &str, lines: &[&str]) {
    for line in lines {
        assert!(has_line(out, line), "missing {line:?} in\n{out}");
    }
}

const MANIFEST: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\n";

#[test]
fn seed_container_monitoring_pushes_metrics_and_alerts_when_slow() {
    let files: Vec<(String, String)> = ["prometheus-config", "grafana-dashboard"]
        .iter()
        .map(|n| (format!("monitoring/{n}.yaml"), MANIFEST.replace("NAME", n)))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let t = checkout("09-container-monitoring.Jenkinsfile", &refs);
    let r = run(&t, &[]);
    expect_exit(&r, 0);
    assert_eq!(
        stage_flow(&r.stdout),
        [
            "Deploy Monitoring SUCCESS",
            "Monitor Build SUCCESS",
            "Generate Report SUCCESS"
        ],
        "{}",
        r.stdout
    );
    expect_lines(
        &r.stdout,
        &[
            "Loading library chapter",
            "configmap/prometheus-config configured",
            "configmap/grafana-dashboard configured",
            "Build metrics: [job:",
            "http://pushgateway.example.com:9091/metrics/job/",
            "\"accepted\":true,\"host\":\"pushgateway.example.com\"",
            "Monitoring report written to monitoring-report.md",
            "Performance issues: false (limit 300 s)",
        ],
    );
    assert!(!has_line(&r.stdout, "alertmanager"), "{}", r.stdout);
    let report = t
        .path()
        .join(".jfrun/builds/1/artifacts/monitoring-report.md");
    assert!(
        std::fs::read_to_string(&report).is_ok_and(|s| s.contains("| result | SUCCESS |")),
        "{}",
        report.display()
    );

    // A limit every build exceeds sends the alert.
    let r = run(&t, &["-e", "BUILD_TIME_LIMIT=-1"]);
    expect_exit(&r, 0);
    expect_lines(
        &r.stdout,
        &[
            "Performance issues: true (limit -1 s)",
            "\"accepted\":true,\"host\":\"alertmanager.example.com\"",
        ],
    );
}

#[test]
fn seed_elk_logging_ships_and_analyses_the_logs() {
    let files: Vec<(String, String)> = ["fluentd-config", "elasticsearch", "kibana"]
        .iter()
        .map(|n| (format!("logging/{n}.yaml"), MANIFEST.replace("NAME", n)))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let t = checkout("10-elk-logging.Jenkinsfile", &refs);
    let r = run(&t, &[]);
    expect_exit(&r, 0);
    assert_eq!(
        stage_flow(&r.stdout),
        [
            "Configure Logging SUCCESS",
            "Collect Build Logs SUCCESS",
            "Log Analysis SUCCESS"
        ],
        "{}",
        r.stdout
    );
    expect_lines(
        &r.stdout,
        &[
            "configmap/kibana configured",
            "Collected 20 log lines",
            "\"accepted\":true,\"host\":\"elasticsearch.example.com\"",
            "Log levels: [INFO:14, WARN:4, ERROR:2]",
            "Log analysis: [total:20, errors:2, warnings:4]",
            "Anomalies: false (errors 2 of 20, limit 0.1)",
        ],
    );
    let analysis =
        std::fs::read_to_string(t.path().join(".jfrun/builds/1/artifacts/log-analysis.json"))
            .expect("the analysis is archived");
    assert!(analysis.contains("\"errors\": 2"), "{analysis}");
    assert!(!has_line(&r.stdout, "alertmanager"), "{}", r.stdout);

    let r = run(&t, &["-e", "MAX_ERROR_SHARE=0.05"]);
    expect_exit(&r, 0);
    expect_lines(
        &r.stdout,
        &[
            "Anomalies: true (errors 2 of 20, limit 0.05)",
            "\"accepted\":true,\"host\":\"alertmanager.example.com\"",
        ],
    );
}

#[test]
fn seed_blue_green_deploy_switches_traffic_and_checks_the_version() {
    let t = checkout(
        "07-blue-green-deploy.Jenkinsfile",
        &[(
            "creds.toml",
            "[kubeconfig]\ntype = \"file\"\nfilename = \"kubeconfig\"\ncontent = \"apiVersion: v1\\nkind: Config\\n\"\n",
        )],
    );
    let r = run(&t, &["--credentials", "creds.toml"]);
    expect_exit(&r, 0);
    assert_eq!(
        stage_flow(&r.stdout),
        [
            "Prepare Deployment SUCCESS",
            "Deploy Green SUCCESS",
            "Switch Traffic SUCCESS",
            "Cleanup Blue SUCCESS"
        ],
        "{}",
        r.stdout
    );
    expect_lines(
        &r.stdout,
        &[
            "+ kubectl apply -f deployment-green.yaml -n production",
            "deployment/app-green-1 configured",
            "deployment \"app-green-1\" successfully rolled out",
            "service/app-service patched",
            "+ curl -s http://app-service.production/version",
        ],
    );
}

/// Seeds 05 and 06 build `app:<BUILD_ID>` with the real engine, so they run one after the
/// other in one test, and the images they tagged are removed at the end.
#[test]
fn seed_image_pipelines_build_scan_sign_and_push() {
    if !engine() {
        return;
    }
    let dockerfile =
        "FROM jfrun-test-busybox\nCOPY app.sh /app.sh\nCMD [\"/bin/sh\", \"/app.sh\"]\n";
    let t = checkout(
        "05-smart-image-build.Jenkinsfile",
        &[
            ("Dockerfile.standard", dockerfile),
            ("Dockerfile.optimized", dockerfile),
            ("Dockerfile.minimal", dockerfile),
            ("app.sh", "echo app\n"),
            (
                "creds.toml",
                "[registry-creds]\ntype = \"usernamePassword\"\nusername = \"ci\"\npassword = \"r3gistryPass\"\n",
            ),
        ],
    );
    // An application change: a minimal build, pushed to production as asked.
    std::fs::write(t.path().join("app.sh"), "echo app v2\n").expect("write");
    t.commit("change the app");
    let args = [
        "--credentials",
        "creds.toml",
        "-p",
        "BUILD_STRATEGY=minimal",
        "-p",
        "PUSH_TO_PROD=true",
    ];
    let r = run(&t, &args);
    expect_exit(&r, 0);
    assert_eq!(
        stage_flow(&r.stdout),
        [
            "Analyze Dependencies SUCCESS",
            "Build Image SUCCESS",
            "Push Image SUCCESS"
        ],
        "{}",
        r.stdout
    );
    expect_lines(
        &r.stdout,
        &[
            "Changed files: app.sh",
            "Dependency changes: [patch]",
            "+ docker build -t app:1 -f Dockerfile.minimal .",
            "Successfully tagged app:1",
            "Security scan of app:1: 0 vulnerabilities",
            "Stage \"Optimize Image\" skipped due to when conditional",
            "+ docker login -u ci -p **** registry.dev.example.com",
            "The push refers to repository [registry.dev.example.com/app]",
            "The push refers to repository [registry.prod.example.com/app]",
        ],
    );
    assert!(!r.stdout.contains("r3gistryPass"), "{}", r.stdout);

    // A dependency manifest changes: an optimized build, slimmed, and not pushed to
    // production.
    std::fs::write(t.path().join("package.json"), "{}\n").expect("write");
    t.commit("add a dependency");
    let r = run(&t, &["--credentials", "creds.toml"]);
    expect_exit(&r, 0);
    assert_eq!(
        stage_flow(&r.stdout),
        [
            "Analyze Dependencies SUCCESS",
            "Build Image SUCCESS",
            "Optimize Image SUCCESS",
            "Push Image SUCCESS"
        ],
        "{}",
        r.stdout
    );
    expect_lines(
        &r.stdout,
        &[
            "Dependency changes: [minor]",
            "+ docker build -t app:2 -f Dockerfile.optimized .",
            "status='MINIFIED' image.name='app.slim'",
            "Total reclaimed space: 0B",
        ],
    );
    assert!(
        !has_line(&r.stdout, "registry.prod.example.com"),
        "{}",
        r.stdout
    );

    // Seed 06: the parallel scans, the report published in `post`, and the signature.
    let s = checkout(
        "06-image-security-scan.Jenkinsfile",
        &[
            (
                "Dockerfile",
                "FROM jfrun-test-busybox\nCOPY app.sh /app.sh\n",
            ),
            ("app.sh", "echo app\n"),
            (
                "creds.toml",
                "[cosign-key]\ntype = \"string\"\nsecret = \"c0signKey\"\n",
            ),
        ],
    );
    let r = run(&s, &["--credentials", "creds.toml"]);
    expect_exit(&r, 0);
    let mut flow = stage_flow(&r.stdout);
    // The three scans run in parallel: they end in any order, between the build and the
    // signature.
    flow[1..4].sort();
    assert_eq!(
        flow,
        [
            "Build Image SUCCESS",
            "Security Scan / Clair Scan SUCCESS",
            "Security Scan / Docker Bench Security SUCCESS",
            "Security Scan / Trivy Scan SUCCESS",
            "Security Scan SUCCESS",
            "Image Signing SUCCESS"
        ],
        "{}",
        r.stdout
    );
    expect_lines(
        &r.stdout,
        &[
            "[Security Scan / Trivy Scan] Total: 0 (HIGH: 0, CRITICAL: 0)",
            "[Security Scan / Trivy Scan] Post stage",
            "publishHTML: not published",
            "no findings for docker/docker-bench-security",
            "+ cosign sign --key env://COSIGN_KEY registry.example.com/app:1",
            "Pushing signature to: registry.example.com/app",
        ],
    );
    assert!(
        s.path()
            .join(".jfrun/workspace")
            .read_dir()
            .expect("workspace")
            .flatten()
            .any(|w| w.path().join("trivy-report.html").is_file()),
        "the HTML report is written"
    );
    for tag in ["app:1", "app:2"] {
        let _ = docker().args(["rmi", "-f", tag]).output();
    }
}
