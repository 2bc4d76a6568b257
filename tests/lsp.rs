//! `jfrun lsp`: the server spoken to over its stdio, with the protocol's `Content-Length`
//! framing, as an editor would.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};

/// A `jfrun lsp` process and the messages it sent, read on a thread so a silent server fails
/// the test instead of hanging it.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jfrun"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("jfrun lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(m) = read_message(&mut reader) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            stdin,
            messages,
            next_id: 0,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let mut message = json!({"jsonrpc": "2.0", "method": method});
        message["params"] = params;
        self.send(&message);
    }

    /// Sends a request and returns its response's `result`.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"jsonrpc": "2.0", "id": id, "method": method});
        message["params"] = params;
        self.send(&message);
        let response = self.wait_for(|m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    /// The next message the server sends that satisfies `pred` (others are skipped).
    fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(20))
                .expect("the server answers");
            if pred(&m) {
                return m;
            }
        }
    }

    fn diagnostics(&mut self) -> Value {
        self.wait_for(|m| m["method"] == "textDocument/publishDiagnostics")["params"].clone()
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin);
        let status = self.child.wait().expect("jfrun lsp exits");
        assert!(status.success(), "{status}");
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

const URI: &str = "file:///project/Jenkinsfile";

/// A misspelt step after an emoji, which takes two UTF-16 units: the warning starts at
/// character 19 of line 5, not at the 18th code point.
const MISSPELT: &str = "pipeline {
    agent any
    stages {
        stage('ü') {
            steps {
        echo '😀'; ehco 'x'
            }
        }
    }
}
";

fn initialize() -> Client {
    let mut client = Client::start();
    let result = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(result["capabilities"]["textDocumentSync"], 2, "{result}");
    assert_eq!(result["capabilities"]["hoverProvider"], true, "{result}");
    client.notify("initialized", json!({}));
    client
}

#[test]
fn diagnostics_on_open_cleared_by_an_incremental_fix() {
    let mut client = initialize();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "groovy", "version": 1, "text": MISSPELT}}),
    );
    let published = client.diagnostics();
    insta::assert_snapshot!(serde_json::to_string_pretty(&published).expect("json"));
    let first = &published["diagnostics"][0];
    assert_eq!(first["code"], "lint/unknown-step");
    assert_eq!(first["range"]["start"], json!({"line": 5, "character": 19}));

    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 5, "character": 19}, "end": {"line": 5, "character": 23}},
                "text": "echo"
            }]
        }),
    );
    let published = client.diagnostics();
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]), "{published}");
    client.shutdown();
}

#[test]
fn syntax_error_after_a_full_change_with_its_docs_link() {
    let mut client = initialize();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "groovy", "version": 1, "text": "node {\n  echo 'hi'\n}\n"}}),
    );
    assert_eq!(client.diagnostics()["diagnostics"], json!([]));
    // Two quick full changes: diagnostics follow once the typing pauses.
    for (version, text) in [
        (2, "node {\n  echo 'h\n}\n"),
        (3, "node {\n  echo 'hi\n}\n"),
    ] {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }
    // Only version 3 is linted when both arrive before the server reads the first; the server
    // may read between the two writes, so wait for version 3 rather than assert that 2 never
    // comes.
    let published = client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 3
    })["params"]
        .clone();
    insta::assert_snapshot!(serde_json::to_string_pretty(&published).expect("json"));
    client.shutdown();
}

#[test]
fn hover_on_a_step_shows_its_catalogue_entry_and_on_a_section_what_it_is_for() {
    let mut client = initialize();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "groovy", "version": 1, "text": MISSPELT}}),
    );
    client.diagnostics();
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 5, "character": 10}}),
    );
    assert_eq!(
        hover["range"],
        json!({"start": {"line": 5, "character": 8}, "end": {"line": 5, "character": 12}})
    );
    insta::assert_snapshot!(hover["contents"]["value"].as_str().expect("markdown"));
    // A section: what it is for.
    let section = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 1, "character": 5}}),
    );
    let text = section["contents"]["value"].as_str().unwrap_or("");
    assert!(text.starts_with("**agent** (section)"), "{section}");
    // The misspelt `ehco` names nothing: no hover.
    let none = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 5, "character": 20}}),
    );
    assert_eq!(none, Value::Null);
    client.shutdown();
}

const OUTLINED: &str = r"def greet(who) {
    echo who
}
pipeline {
    agent any
    parameters { string(name: 'TARGET', defaultValue: 'qa') }
    stages {
        stage('Build') {
            steps { greet('x') }
        }
        stage('Checks') {
            parallel {
                stage('Unit') { steps { sh 'make test' } }
                stage('Lint') { steps { sh 'make lint' } }
            }
        }
        stage('Matrix') {
            matrix {
                axes { axis { name 'OS'; values 'linux', 'mac' } }
                stages { stage('On OS') { steps { echo params.TARGET } } }
            }
        }
    }
    post { always { echo 'done' } }
}
";

/// Names and kinds of the document symbols, as an indented tree.
fn tree(symbols: &Value, depth: usize, out: &mut String) {
    for s in symbols.as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "{}{} (kind {}, line {}){}",
            "  ".repeat(depth),
            s["name"].as_str().unwrap_or(""),
            s["kind"],
            s["selectionRange"]["start"]["line"],
            s["detail"]
                .as_str()
                .map_or(String::new(), |d| format!(" {d}"))
        );
        tree(&s["children"], depth + 1, out);
    }
}

#[test]
fn outline_folding_and_completion_follow_the_pipeline() {
    let mut client = initialize();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "groovy", "version": 1, "text": OUTLINED}}),
    );
    client.diagnostics();
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let mut shown = String::new();
    tree(&symbols, 0, &mut shown);
    insta::assert_snapshot!("outline_symbols", shown);
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": URI}}),
    );
    let folds: Vec<String> = folds
        .as_array()
        .expect("ranges")
        .iter()
        .map(|f| format!("{}-{}", f["startLine"], f["endLine"]))
        .collect();
    insta::assert_snapshot!("outline_folds", folds.join("\n"));
    // In a stage: its sections; after `params.`: the parameters declared.
    let mut labels = |line: u32, character: u32| -> Vec<String> {
        let r = client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}}),
        );
        r.as_array()
            .expect("items")
            .iter()
            .map(|i| i["label"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    let in_stage = labels(8, 12);
    assert!(in_stage.contains(&"when".to_owned()), "{in_stage:?}");
    assert!(!in_stage.contains(&"sh".to_owned()), "{in_stage:?}");
    let in_steps = labels(8, 20);
    assert!(in_steps.contains(&"sh".to_owned()), "{in_steps:?}");
    assert_eq!(labels(19, 62), ["TARGET"]);
    // `greet('x')` on line 8: defined on line 0; renamed in both places.
    let at = json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": 22}});
    let def = client.request("textDocument/definition", at.clone());
    assert_eq!(
        def[0]["range"]["start"],
        json!({"line": 0, "character": 4}),
        "{def}"
    );
    let mut refs = at.clone();
    refs["context"] = json!({"includeDeclaration": true});
    let found = client.request("textDocument/references", refs);
    let lines: Vec<&Value> = found
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| &l["range"]["start"]["line"])
        .collect();
    assert_eq!(lines, [&json!(0), &json!(8)], "{found}");
    let mut rename = at.clone();
    rename["newName"] = json!("welcome");
    let edit = client.request("textDocument/rename", rename);
    insta::assert_snapshot!(
        "outline_rename",
        serde_json::to_string_pretty(&edit["changes"][URI]).expect("json")
    );
    client.shutdown();
}

const LEAKY: &str = "node {
    withCredentials([string(credentialsId: 'api', variable: 'TOKEN')]) {
        sh \"curl -H 'Accept: json' -u ${TOKEN} https://example.com\"
    }
}
";

#[test]
fn quick_fixes_for_a_lint_with_a_fix_and_applying_one_clears_it() {
    let mut client = initialize();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "groovy", "version": 1, "text": LEAKY}}),
    );
    let published = client.diagnostics();
    let diagnostic = published["diagnostics"][0].clone();
    assert_eq!(
        diagnostic["code"], "lint/secret-interpolation",
        "{published}"
    );
    // The cursor inside `${TOKEN}`, and, the editor asks, the diagnostics there.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": {"start": {"line": 2, "character": 40}, "end": {"line": 2, "character": 40}},
            "context": {"diagnostics": [diagnostic]}
        }),
    );
    insta::assert_snapshot!(serde_json::to_string_pretty(&actions).expect("json"));
    let titles: Vec<&str> = actions
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a["title"].as_str().expect("title"))
        .collect();
    assert_eq!(
        titles,
        [
            "Let the shell expand `TOKEN`",
            "Use single quotes, so that the shell expands the secrets"
        ],
        "{actions}"
    );
    // Elsewhere on the line, nothing.
    let none = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 4}},
            "context": {"diagnostics": []}
        }),
    );
    assert_eq!(none, json!([]));

    // The editor applies the edit as a change of the document.
    let edits = actions[0]["edit"]["changes"][URI].clone();
    let changes: Vec<Value> = edits
        .as_array()
        .expect("edits")
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": changes}),
    );
    let published = client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 2
    });
    assert_eq!(published["params"]["diagnostics"], json!([]), "{published}");
    client.shutdown();
}

/// Completion inside a string: the credential ids of the project's credentials file (read
/// from the folder of the document's `file:` URI, its secrets never sent) and the containers
/// of the pod template in scope.
#[test]
fn completion_of_credential_ids_and_container_names() {
    let project = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(project.path().join(".jfrun")).expect("mkdir");
    std::fs::write(
        project.path().join(".jfrun/credentials.toml"),
        "[registry]\ntype = \"usernamePassword\"\nusername = \"ci\"\npassword = \"s3cr3t-value\"\n\n[slack-token]\ntype = \"string\"\nsecret = \"xoxb-secret\"\n",
    )
    .expect("credentials");
    let uri = format!("file://{}/Jenkinsfile", project.path().display());
    let text = "pipeline {
    agent {
        kubernetes {
            yaml '''
                spec:
                  containers:
                  - name: maven
                    image: maven:3.9
                  - name: kaniko
                    image: gcr.io/kaniko-project/executor:debug
            '''
        }
    }
    stages {
        stage('Build') {
            steps {
                container('') { sh 'mvn -B package' }
                withCredentials([usernamePassword(credentialsId: '', usernameVariable: 'U', passwordVariable: 'P')]) {
                    sh 'true'
                }
            }
        }
    }
}
";
    let mut client = initialize();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "groovy", "version": 1, "text": text}}),
    );
    client.diagnostics();
    let mut seen = String::new();
    for (line, character) in [(16, 27), (17, 66)] {
        let items = client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        );
        for i in items.as_array().expect("items") {
            let _ = writeln!(
                seen,
                "{line}:{character} {} ({}) -> {}",
                i["label"].as_str().expect("label"),
                i["detail"].as_str().unwrap_or(""),
                i["textEdit"]["newText"]
            );
        }
    }
    assert!(!seen.contains("s3cr3t") && !seen.contains("xoxb"), "{seen}");
    insta::assert_snapshot!(seen);
    client.shutdown();
}

/// A project whose `.jfrun.toml` configures a shared library folder: its global is no unknown
/// step in the editor, hover shows its `vars/NAME.txt`, and go to definition opens its script.
#[test]
fn shared_library_globals_in_the_editor() {
    let project = tempfile::tempdir().expect("tempdir");
    let vars = project.path().join("libs/acme/vars");
    std::fs::create_dir_all(&vars).expect("mkdir");
    std::fs::write(
        vars.join("sayHello.groovy"),
        "def call(String name) {\n    echo \"Hello, ${name}.\"\n}\n",
    )
    .expect("var");
    std::fs::write(
        vars.join("sayHello.txt"),
        "Greets `name` in the build log.\n",
    )
    .expect("help");
    std::fs::write(
        project.path().join(".jfrun.toml"),
        "[libraries.acme]\npath = \"libs/acme\"\n",
    )
    .expect("config");
    let uri = format!("file://{}/Jenkinsfile", project.path().display());
    let text = "@Library('acme') _\nnode {\n    sayHello 'World'\n}\n";
    let mut client = initialize();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "groovy", "version": 1, "text": text}}),
    );
    assert_eq!(client.diagnostics()["diagnostics"], json!([]));
    let position = json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 6}});
    let hover = client.request("textDocument/hover", position.clone());
    let shown = hover["contents"]["value"].as_str().expect("markdown");
    assert!(shown.contains("Greets `name` in the build log."), "{shown}");
    let found = client.request("textDocument/definition", position);
    let target = found[0]["uri"].as_str().expect("uri");
    assert!(
        target.ends_with("/libs/acme/vars/sayHello.groovy"),
        "{found}"
    );
    client.shutdown();
}

/// The same server loop driven inside the test's own process over an in-memory connection:
/// initialize, diagnostics, a hover, the quick fixes and a clean shutdown.
#[test]
fn in_process_over_a_memory_connection() {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    let (server, client) = Connection::memory();
    let running = thread::spawn(move || jfrun::lsp::serve(&server).map_err(|e| e.to_string()));
    let request = |id: i32, method: &str, params: Value| {
        client
            .sender
            .send(Message::Request(Request::new(
                RequestId::from(id),
                method.to_owned(),
                params,
            )))
            .expect("send");
        loop {
            match client
                .receiver
                .recv_timeout(Duration::from_secs(20))
                .expect("answer")
            {
                Message::Response(r) if r.id == RequestId::from(id) => {
                    return r.response_result.expect("no error");
                }
                _ => {}
            }
        }
    };
    let init = request(1, "initialize", json!({"capabilities": {}}));
    assert_eq!(
        init["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    let notify = |method: &str, params: Value| {
        client
            .sender
            .send(Message::Notification(Notification::new(
                method.to_owned(),
                params,
            )))
            .expect("send");
    };
    notify("initialized", json!({}));
    notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "groovy", "version": 1, "text": LEAKY}}),
    );
    let published = loop {
        if let Message::Notification(n) = client
            .receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("diagnostics")
        {
            if n.method == "textDocument/publishDiagnostics" {
                break n.params;
            }
        }
    };
    assert_eq!(
        published["diagnostics"][0]["code"],
        "lint/secret-interpolation"
    );
    let hover = request(
        2,
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 9}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .expect("markdown")
            .starts_with("**sh**"),
        "{hover}"
    );
    let actions = request(
        3,
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": {"start": {"line": 2, "character": 40}, "end": {"line": 2, "character": 40}},
            "context": {"diagnostics": []}
        }),
    );
    assert_eq!(actions.as_array().map(Vec::len), Some(2), "{actions}");
    request(4, "shutdown", Value::Null);
    notify("exit", Value::Null);
    assert_eq!(running.join().expect("server thread"), Ok(()));
}
