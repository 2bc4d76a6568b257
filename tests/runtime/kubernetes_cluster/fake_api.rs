//! A stand-in for the Kubernetes API server that replays recorded HTTP exchanges
//! (`tests/data/kubernetes/*.json`) in order, and checks what the client sends: each request's
//! method and path with its query, the body of a create, the WebSocket subprotocols offered for
//! exec and what is written to the command's standard input. A request that does not match
//! is answered 500 and reported by [`FakeApi::finish`], as is an exchange never made.
//!
//! A fixture is `{"exchanges": [...]}`, each exchange a `request` (`method`, `path`, optional
//! JSON `body`) and either a `response` (`status`, `headers`, then a JSON `body`, a text
//! `text`, or `watch`: the events of a watch, sent as newline-delimited JSON, with `hold` to
//! keep the watch open after them and `delay_ms` to send them only after a while) or a `websocket` (`protocol` chosen, the expected `stdin`
//! text or `stdin_tar` files, whether stdin is closed by `stdin_close`, the `frames` sent:
//! each a `channel` and its `text`, `json` or `tar` payload, and `hold` to keep the connection
//! open after them, as for a command still running).
//!
//! A pod name jfrun makes up cannot be written in a fixture: `{pod}` in a fixture's paths,
//! bodies and frames stands for the name of the last pod created, and a create without an
//! expected `body` has its body recorded ([`FakeApi::created`]) for the test to look at. For
//! a script whose exported environment depends on the machine, `stdin_contains` lists the
//! texts standard input must hold instead of the whole `stdin`.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use parking_lot::Mutex;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

/// The answer to a request that matches no exchange.
const UNEXPECTED: &[u8] =
    br#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"unexpected request (see the fake API server's report)","code":500}"#;

/// The recorded exchanges and what went wrong so far.
#[derive(Default)]
struct State {
    exchanges: VecDeque<Value>,
    failures: Vec<String>,
    /// Every request line received (method and path with query).
    requests: Vec<String>,
    /// Every request head received, headers included.
    heads: Vec<String>,
    /// The bodies of the pods created.
    created: Vec<Value>,
    /// The name of the last pod created (`{pod}`).
    pod: String,
}

/// A running fake API server.
pub struct FakeApi {
    /// `http://127.0.0.1:port`.
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl FakeApi {
    /// Serves the exchanges of `tests/data/kubernetes/<fixture>.json`.
    pub async fn start(fixture: &str) -> FakeApi {
        let path = format!(
            "{}/tests/data/kubernetes/{fixture}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let exchanges = doc["exchanges"].as_array().expect("exchanges").clone();
        let state = Arc::new(Mutex::new(State {
            exchanges: exchanges.into(),
            ..State::default()
        }));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, shared.clone()));
            }
        });
        FakeApi { url, state }
    }

    /// The pods created, as the client sent them.
    pub fn created(&self) -> Vec<Value> {
        self.state.lock().created.clone()
    }

    /// The request heads (request line and headers) received so far.
    pub fn heads(&self) -> Vec<String> {
        self.state.lock().heads.clone()
    }

    /// Fails the test if a request did not match or a recorded exchange was never made.
    pub fn finish(&self) {
        let state = self.state.lock();
        assert!(
            state.failures.is_empty(),
            "the fake API server saw unexpected traffic:\n{}\nrequests: {:#?}",
            state.failures.join("\n"),
            state.requests
        );
        assert!(
            state.exchanges.is_empty(),
            "exchanges never made: {:#?}\nrequests: {:#?}",
            state.exchanges,
            state.requests
        );
    }
}

/// One request's head and body.
struct Request {
    method: String,
    path: String,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

/// Reads one request from `socket`; `None` at the end of the connection.
async fn read_request(socket: &mut TcpStream) -> Option<Request> {
    let mut buf = Vec::new();
    let end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let mut chunk = [0u8; 4096];
        // Read a byte at a time past the head would be slow; the client sends nothing after a
        // request until it has the response, so whole reads never take the next request's bytes.
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let mut body = buf[end + 4..].to_vec();
    let mut lines = head.lines();
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let path = first.next()?.to_owned();
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while body.len() < length {
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

/// Serves the requests of one connection.
async fn serve(mut socket: TcpStream, state: Arc<Mutex<State>>) {
    while let Some(request) = read_request(&mut socket).await {
        let line = format!("{} {}", request.method, request.path);
        let exchange = {
            let mut s = state.lock();
            s.requests.push(line.clone());
            let mut head = line.clone();
            for (k, v) in &request.headers {
                let _ = write!(head, "\n{k}: {v}");
            }
            s.heads.push(head);
            if request.method == "POST" && request.path.ends_with("/pods?") {
                if let Ok(body) = serde_json::from_slice::<Value>(&request.body) {
                    if let Some(name) = body["metadata"]["name"].as_str() {
                        name.clone_into(&mut s.pod);
                    }
                    s.created.push(body);
                }
            }
            let pod = s.pod.clone();
            s.exchanges.pop_front().map(|e| with_pod(&e, &pod))
        };
        let Some(exchange) = exchange else {
            fail(&state, format!("no exchange left for {line}"));
            respond(&mut socket, 500, &json!({}), UNEXPECTED).await;
            continue;
        };
        if let Err(e) = check_request(&exchange["request"], &request) {
            fail(&state, e);
            respond(&mut socket, 500, &json!({}), UNEXPECTED).await;
            continue;
        }
        if exchange.get("websocket").is_some() {
            websocket(socket, &exchange["websocket"], &request, &state).await;
            return;
        }
        let response = &exchange["response"];
        let status = response["status"].as_u64().unwrap_or(200) as u16;
        if let Some(events) = response["watch"].as_array() {
            watch(&mut socket, status, response, events).await;
            continue;
        }
        let body = match (&response["body"], response["text"].as_str()) {
            (_, Some(text)) => text.as_bytes().to_vec(),
            (Value::Null, None) => Vec::new(),
            (body, None) => body.to_string().into_bytes(),
        };
        respond(&mut socket, status, &response["headers"], &body).await;
    }
}

/// `exchange` with `{pod}` replaced by the name of the last pod created.
fn with_pod(exchange: &Value, pod: &str) -> Value {
    if pod.is_empty() {
        return exchange.clone();
    }
    let text = exchange.to_string().replace("{pod}", pod);
    serde_json::from_str(&text).expect("an exchange stays JSON")
}

fn fail(state: &Mutex<State>, failure: String) {
    state.lock().failures.push(failure);
}

/// Whether `request` is the one `expected` records.
fn check_request(expected: &Value, request: &Request) -> Result<(), String> {
    let method = expected["method"].as_str().unwrap_or("");
    let path = expected["path"].as_str().unwrap_or("");
    if request.method != method || request.path != path {
        return Err(format!(
            "expected {method} {path}\n     got {} {}",
            request.method, request.path
        ));
    }
    if let Some(body) = expected.get("body") {
        let got: Value = serde_json::from_slice(&request.body)
            .map_err(|e| format!("{method} {path}: body is not JSON: {e}"))?;
        if &got != body {
            return Err(format!(
                "{method} {path}: body\nexpected {body:#}\n     got {got:#}"
            ));
        }
    }
    Ok(())
}

/// Writes a complete response.
async fn respond(socket: &mut TcpStream, status: u16, headers: &Value, body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    if let Some(map) = headers.as_object() {
        for (k, v) in map {
            let _ = write!(head, "{k}: {}\r\n", v.as_str().unwrap_or(""));
        }
    }
    let _ = write!(head, "Content-Length: {}\r\n\r\n", body.len());
    let _ = socket.write_all(head.as_bytes()).await;
    let _ = socket.write_all(body).await;
}

/// Streams watch events, one JSON object per line in chunked encoding, as the API server
/// does; with `hold`, the watch then stays open until the client leaves.
async fn watch(socket: &mut TcpStream, status: u16, response: &Value, events: &[Value]) {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    if let Some(map) = response["headers"].as_object() {
        for (k, v) in map {
            let _ = write!(head, "{k}: {}\r\n", v.as_str().unwrap_or(""));
        }
    }
    head.push_str("Transfer-Encoding: chunked\r\n\r\n");
    let _ = socket.write_all(head.as_bytes()).await;
    let _ = socket.flush().await;
    // Events sent a while after the head (`delay_ms`) let another watch's events be read first.
    if let Some(ms) = response["delay_ms"].as_u64() {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
    for event in events {
        let line = format!("{event}\n");
        let chunk = format!("{:x}\r\n{line}\r\n", line.len());
        let _ = socket.write_all(chunk.as_bytes()).await;
        let _ = socket.flush().await;
    }
    if response["hold"].as_bool() == Some(true) {
        let mut rest = [0u8; 64];
        while matches!(socket.read(&mut rest).await, Ok(n) if n > 0) {}
    } else {
        let _ = socket.write_all(b"0\r\n\r\n").await;
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        404 => "Not Found",
        _ => "Internal Server Error",
    }
}

/// The exec WebSocket: checks the subprotocols offered, answers with the recorded one, reads
/// and checks standard input, then sends the recorded frames and closes.
async fn websocket(mut socket: TcpStream, ws: &Value, request: &Request, state: &Mutex<State>) {
    let offered = request
        .headers
        .get("sec-websocket-protocol")
        .cloned()
        .unwrap_or_default();
    if offered != "v5.channel.k8s.io, v4.channel.k8s.io" {
        fail(state, format!("exec offered the subprotocols {offered:?}"));
    }
    let protocol = ws["protocol"].as_str().unwrap_or("");
    let key = request
        .headers
        .get("sec-websocket-key")
        .cloned()
        .unwrap_or_default();
    let head = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Accept: {}\r\nSec-WebSocket-Protocol: {protocol}\r\n\r\n",
        derive_accept_key(key.as_bytes())
    );
    let _ = socket.write_all(head.as_bytes()).await;
    let mut stream = WebSocketStream::from_raw_socket(socket, Role::Server, None).await;
    let v5 = protocol == "v5.channel.k8s.io";
    let expect_text = ws["stdin"].as_str();
    let expect_tar = ws.get("stdin_tar");
    let expect_lines = ws["stdin_contains"].as_array();
    if expect_text.is_some() || expect_tar.is_some() || expect_lines.is_some() {
        let mut stdin = Vec::new();
        let mut closed = false;
        loop {
            let done = if v5 {
                closed
            } else if let Some(text) = expect_text {
                stdin.len() >= text.len()
            } else {
                tar_complete(&stdin)
            };
            if done {
                break;
            }
            match stream.next().await {
                Some(Ok(Message::Binary(b))) => match b.split_first() {
                    Some((0, data)) => stdin.extend_from_slice(data),
                    Some((255, [0])) => closed = true,
                    _ => fail(state, format!("unexpected frame {b:?}")),
                },
                Some(Ok(_)) => {}
                _ => {
                    fail(state, "the client left before closing stdin".to_owned());
                    return;
                }
            }
        }
        if ws["stdin_close"].as_bool() == Some(true) && !closed {
            fail(state, "stdin was not closed with [255, 0]".to_owned());
        }
        if let Some(text) = expect_text
            && stdin != text.as_bytes()
        {
            fail(
                state,
                format!(
                    "stdin\nexpected {text:?}\n     got {:?}",
                    String::from_utf8_lossy(&stdin)
                ),
            );
        }
        let got = String::from_utf8_lossy(&stdin);
        for part in expect_lines.into_iter().flatten() {
            let part = part.as_str().unwrap_or("");
            if !got.contains(part) {
                fail(state, format!("stdin lacks {part:?}\n     got {got:?}"));
            }
        }
        if let Some(files) = expect_tar {
            if !stdin.len().is_multiple_of(10240) {
                fail(
                    state,
                    format!(
                        "stdin archive of {} bytes is not in whole records",
                        stdin.len()
                    ),
                );
            }
            let got = untar(&stdin);
            if &json!(got) != files {
                fail(
                    state,
                    format!("stdin archive\nexpected {files}\n     got {got:?}"),
                );
            }
        }
    }
    for frame in ws["frames"].as_array().cloned().unwrap_or_default() {
        let channel = frame["channel"].as_u64().unwrap_or(0) as u8;
        let mut message = vec![channel];
        if let Some(text) = frame["text"].as_str() {
            message.extend_from_slice(text.as_bytes());
        } else if let Some(files) = frame["tar"].as_object() {
            message.extend_from_slice(&make_tar(files));
        } else if !frame["json"].is_null() {
            message.extend_from_slice(frame["json"].to_string().as_bytes());
        }
        if stream.send(Message::binary(message)).await.is_err() {
            fail(
                state,
                "the client left before the end of the output".to_owned(),
            );
            return;
        }
    }
    // With `hold` the command is still running: the connection stays open until the client
    // leaves.
    if ws["hold"].as_bool() != Some(true) {
        let _ = stream.close(None).await;
    }
    while let Some(Ok(_)) = stream.next().await {}
}

/// Whether `data` is a whole archive: full records ending in zero blocks.
fn tar_complete(data: &[u8]) -> bool {
    !data.is_empty()
        && data.len().is_multiple_of(10240)
        && data[data.len() - 1024..].iter().all(|&b| b == 0)
}

/// The regular files of a tar archive, path → content.
fn untar(data: &[u8]) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut archive = tar::Archive::new(data);
    for entry in archive.entries().expect("archive") {
        let mut entry = entry.expect("entry");
        if entry.header().entry_type() != tar::EntryType::Regular {
            continue;
        }
        let path = entry.path().expect("path").display().to_string();
        let mut content = String::new();
        std::io::Read::read_to_string(&mut entry, &mut content).expect("content");
        files.insert(path, content);
    }
    files
}

/// A tar archive of `files` (path → text), as `tar cf - -C dir .` writes it.
fn make_tar(files: &serde_json::Map<String, Value>) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (path, content) in files {
        let content = content.as_str().unwrap_or("").as_bytes();
        let mut header = tar::Header::new_gnu();
        header.set_size(content.len() as u64);
        header.set_mode(0o644);
        header.set_entry_type(tar::EntryType::Regular);
        builder
            .append_data(&mut header, path, content)
            .expect("append");
    }
    builder.into_inner().expect("archive")
}
