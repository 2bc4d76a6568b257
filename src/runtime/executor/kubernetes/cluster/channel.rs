//! The exec WebSocket and its channel protocol. Every binary message starts with a channel
//! byte: 0 standard input, 1 standard output, 2 standard error, 3 the exit status (a v1
//! `Status` object), 4 terminal resize. `v5.channel.k8s.io` adds the close signal: a message
//! `[255, channel]` half-closes a stream, which is how standard input reaches its end. With
//! `v4.channel.k8s.io` standard input cannot be closed short of closing the whole connection
//! (which loses the output still to come), so the commands run here never need its end: the
//! script given to `sh` ends with `exec`, and tar stops at its end-of-archive records.
//!
//! Both protocols are offered, v5 first; the server picks one and this module speaks it.

use std::pin::Pin;

use futures_util::{Sink, SinkExt, Stream, StreamExt};
use kube::api::AttachParams;
use serde::Deserialize;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};

use super::Cluster;

const STDIN: u8 = 0;
const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const STATUS: u8 = 3;
/// The v5 close signal, followed by the channel it closes.
const CLOSE: u8 = 255;
/// The largest standard-input payload sent in one message.
const CHUNK: usize = 32 * 1024;

/// What the server sent on the exec connection.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// Bytes of standard output.
    Stdout(Vec<u8>),
    /// Bytes of standard error.
    Stderr(Vec<u8>),
    /// The process ended with this exit code.
    Exit(i32),
}

type Tx = Pin<Box<dyn Sink<Message, Error = WsError> + Send>>;
type Rx = Pin<Box<dyn Stream<Item = Result<Message, WsError>> + Send>>;

/// An open exec connection to a container.
pub struct Channel {
    tx: Tx,
    rx: Rx,
    v5: bool,
    /// `pod/container`, for error messages.
    target: String,
}

impl Channel {
    /// Starts `argv` in `container` of `pod` with standard output and error attached, and
    /// standard input when `stdin`.
    pub async fn open(
        cluster: &Cluster,
        pod: &str,
        container: &str,
        argv: &[&str],
        stdin: bool,
    ) -> Result<Self, String> {
        let target = format!("{pod}/{container}");
        let params = AttachParams::default()
            .container(container)
            .stdin(stdin)
            .stdout(true)
            .stderr(true);
        let request =
            kube::core::Request::new(format!("/api/v1/namespaces/{}/pods", cluster.namespace))
                .exec(pod, argv.iter().copied(), &params)
                .map_err(|e| format!("cannot build the exec request for {target}: {e}"))?;
        let connection = cluster
            .client
            .connect(request)
            .await
            .map_err(|e| cluster.error(&format!("cannot execute a command in {target}"), &e))?;
        let v5 = connection.supports_stream_close();
        let (tx, rx) = connection.into_stream().split();
        Ok(Channel {
            tx: Box::pin(tx),
            rx: Box::pin(rx),
            v5,
            target,
        })
    }

    /// Whether the server chose `v5.channel.k8s.io` (standard input can be closed).
    #[must_use]
    pub fn is_v5(&self) -> bool {
        self.v5
    }

    /// Sends `data` to the process's standard input.
    pub async fn write_stdin(&mut self, data: &[u8]) -> Result<(), String> {
        for chunk in data.chunks(CHUNK) {
            let mut message = Vec::with_capacity(chunk.len() + 1);
            message.push(STDIN);
            message.extend_from_slice(chunk);
            self.send(message).await?;
        }
        Ok(())
    }

    /// Closes the process's standard input with v5; with v4 there is no way to, and nothing is
    /// sent (see the module documentation).
    pub async fn close_stdin(&mut self) -> Result<(), String> {
        if self.v5 {
            self.send(vec![CLOSE, STDIN]).await?;
        }
        Ok(())
    }

    /// Sends a WebSocket ping: a connection silent for long (a quiet command) is kept open
    /// through proxies and load balancers that close idle ones.
    pub async fn ping(&mut self) -> Result<(), String> {
        self.tx
            .send(Message::Ping(bytes::Bytes::new()))
            .await
            .map_err(|e| format!("cannot write to the command in {}: {e}", self.target))
    }

    async fn send(&mut self, message: Vec<u8>) -> Result<(), String> {
        self.tx
            .send(Message::binary(message))
            .await
            .map_err(|e| format!("cannot write to the command in {}: {e}", self.target))
    }

    /// The next frame; `None` when the server closed the connection.
    pub async fn next(&mut self) -> Result<Option<Frame>, String> {
        loop {
            let message = match self.rx.next().await {
                None | Some(Ok(Message::Close(_))) => return Ok(None),
                Some(Err(e)) => {
                    return Err(format!(
                        "the connection to the command in {} broke: {e}",
                        self.target
                    ));
                }
                Some(Ok(Message::Binary(b))) => b,
                // Pings are answered by the WebSocket layer; text is not part of the protocol.
                Some(Ok(_)) => continue,
            };
            let Some((&channel, data)) = message.split_first() else {
                continue;
            };
            // An empty message opens a stream (the server sends one first); it carries nothing.
            match channel {
                STDOUT if !data.is_empty() => return Ok(Some(Frame::Stdout(data.to_vec()))),
                STDERR if !data.is_empty() => return Ok(Some(Frame::Stderr(data.to_vec()))),
                STATUS if !data.is_empty() => {
                    return exit_code(data)
                        .map(|c| Some(Frame::Exit(c)))
                        .map_err(|e| format!("{e} in {}", self.target));
                }
                _ => {}
            }
        }
    }
}

/// The v1 `Status` object sent on channel 3.
#[derive(Deserialize)]
struct ExecStatus {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: Option<Details>,
}

#[derive(Deserialize)]
struct Details {
    #[serde(default)]
    causes: Vec<Cause>,
}

#[derive(Deserialize)]
struct Cause {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    message: String,
}

/// The exit code a status object reports: `Success` is 0, a `Failure` with the reason
/// `NonZeroExitCode` carries the code as the message of its `ExitCode` cause; any other
/// failure (the command could not be started) is an error with the server's message.
pub fn exit_code(json: &[u8]) -> Result<i32, String> {
    let status: ExecStatus = serde_json::from_slice(json).map_err(|e| {
        format!(
            "unreadable exit status {:?} ({e})",
            String::from_utf8_lossy(json)
        )
    })?;
    if status.status == "Success" {
        return Ok(0);
    }
    if status.reason == "NonZeroExitCode" {
        let code = status
            .details
            .iter()
            .flat_map(|d| &d.causes)
            .find(|c| c.reason == "ExitCode")
            .and_then(|c| c.message.trim().parse().ok());
        if let Some(code) = code {
            return Ok(code);
        }
    }
    Err(format!("the command failed: {}", status.message))
}

#[cfg(test)]
mod tests {
    use super::exit_code;

    #[test]
    fn status_objects_give_exit_codes() {
        assert_eq!(exit_code(br#"{"metadata":{},"status":"Success"}"#), Ok(0));
        let failed = br#"{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}"#;
        assert_eq!(exit_code(failed), Ok(3));
        let not_started = br#"{"metadata":{},"status":"Failure","message":"executable file not found in $PATH","reason":"InternalError"}"#;
        assert_eq!(
            exit_code(not_started),
            Err("the command failed: executable file not found in $PATH".to_owned())
        );
        assert!(exit_code(b"not json").is_err());
    }
}
