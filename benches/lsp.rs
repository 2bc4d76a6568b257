//! How long `jfrun lsp` takes to publish diagnostics after a change, measured from a client
//! process as an editor sees it: a 2,000-line declarative Jenkinsfile is opened, then edited
//! 100 times (one character in a string, each edit a new version), and for each edit the time
//! from writing the `didChange` to reading the `publishDiagnostics` of that version is taken.
//!
//!     cargo bench --bench lsp [EDITS]
//!
//! Prints the median, the 90th percentile and the slowest. Run it on a release build (what
//! `cargo bench` builds).

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const URI: &str = "file:///bench/Jenkinsfile";

/// A declarative pipeline of about `lines` lines: stages with `when`, `environment`, steps and
/// `post`, and a function.
fn jenkinsfile(lines: usize) -> String {
    let mut s = String::from(
        "def notify(String what) {\n    echo \"notify: ${what}\"\n}\npipeline {\n    agent any\n    options { timeout(time: 1, unit: 'HOURS') }\n    stages {\n",
    );
    let mut n = 0;
    while s.lines().count() + 14 < lines {
        n += 1;
        let _ = write!(
            s,
            "        stage('Stage {n}') {{\n            when {{ branch 'main' }}\n            environment {{ STEP = '{n}' }}\n            steps {{\n                sh 'make step-{n}'\n                echo \"step ${{env.STEP}}\"\n                notify('stage {n}')\n            }}\n            post {{\n                failure {{ echo 'stage {n} failed' }}\n                always {{ echo 'stage {n} done' }}\n            }}\n        }}\n",
        );
    }
    s.push_str("    }\n    post { always { echo 'done' } }\n}\n");
    s
}

fn send(stdin: &mut impl Write, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
    stdin.flush().expect("flush");
}

fn read(reader: &mut impl BufRead) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).expect("read") > 0,
            "server closed"
        );
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse().expect("length");
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("body");
    serde_json::from_slice(&body).expect("json")
}

#[allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]
fn main() {
    let edits: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let text = jenkinsfile(2000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_jfrun"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("jfrun lsp");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    while read(&mut reader)["id"] != 1 {}
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "groovy", "version": 1, "text": text}}}),
    );
    while read(&mut reader)["method"] != "textDocument/publishDiagnostics" {}
    // The line of the last `sh 'make step-N'`, and the column of its `N`.
    let (line, column) = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("sh 'make step-"))
        .last()
        .map(|(i, l)| (i, l.find("step-").expect("step") + 5))
        .expect("a sh step");
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = i64::try_from(i).expect("edits") + 2;
        let digit = (i % 10).to_string();
        let change = json!({"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 1}}, "text": digit});
        let started = Instant::now();
        send(
            &mut stdin,
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}}),
        );
        loop {
            let m = read(&mut reader);
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
            {
                break;
            }
        }
        times.push(started.elapsed());
    }
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    while read(&mut reader)["id"] != 2 {}
    send(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    let _ = child.wait();
    times.sort();
    let at = |percent: usize| times[(times.len() - 1) * percent / 100];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} lines, {edits} edits: diagnostics after a change: median {:.1} ms, p90 {:.1} ms, slowest {:.1} ms",
        text.lines().count(),
        ms(at(50)),
        ms(at(90)),
        ms(times[times.len() - 1])
    );
}
