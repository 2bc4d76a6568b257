//! Waiting for a pod to run: a watch on the pod (one object, selected by name), each version
//! of it judged by [`diagnose`](super::diagnose::diagnose), a progress line reported when what it
//! waits for changes, an error as soon as it never will run, or when the time is up. The pod's
//! events (scheduling, image pulls, back-offs) are watched too and reported as progress lines;
//! they are extras: a cluster that does not let them be watched only loses those lines.

use std::time::Duration;

use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use k8s_openapi::api::core::v1::{Event, Pod};
use kube::api::{Api, WatchEvent, WatchParams};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::Cluster;
use super::diagnose::{State, diagnose};

/// How long a single watch request asks to stay open (the API server's limit is lower than
/// 300 s); the wait's own deadline is kept here, and after a watch ends it watches again from
/// the last version seen.
const WATCH_SECONDS: u32 = 290;

/// Waits for the pod `name` (see [`Cluster::wait_ready`]).
pub async fn wait(
    cluster: &Cluster,
    name: &str,
    timeout: Duration,
    progress: &mut dyn FnMut(&str),
    cancel: &CancellationToken,
) -> Result<(), String> {
    let pods: Api<Pod> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let deadline = Instant::now() + timeout;
    let mut version = "0".to_owned();
    let mut last = String::new();
    let timed_out = |last: &str| {
        format!(
            "Pod {}/{name} was not running after {} s; its last status: {last}",
            cluster.namespace,
            timeout.as_secs()
        )
    };
    let cancelled = || format!("cancelled while waiting for the pod {name}");
    let events_api: Api<Event> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let events_params = WatchParams::default()
        .fields(&format!("involvedObject.name={name}"))
        .timeout(WATCH_SECONDS);
    let mut events = tokio::select! {
        s = events_api.watch(&events_params, "0") => s.ok().map(StreamExt::boxed),
        () = cancel.cancelled() => return Err(cancelled()),
    };
    loop {
        let params = WatchParams::default()
            .fields(&format!("metadata.name={name}"))
            .timeout(WATCH_SECONDS);
        let stream = tokio::select! {
            s = pods.watch(&params, &version) => s
                .map_err(|e| cluster.error(&format!("cannot watch the pod {name}"), &e))?,
            () = tokio::time::sleep_until(deadline) => return Err(timed_out(&last)),
            () = cancel.cancelled() => return Err(cancelled()),
        };
        let mut stream = std::pin::pin!(stream);
        loop {
            // Events first: what led to a status is told before the status.
            let event = tokio::select! {
                biased;
                () = cancel.cancelled() => return Err(cancelled()),
                line = next_event(&mut events) => {
                    if let Some(line) = line {
                        progress(&line);
                    }
                    continue;
                }
                e = stream.try_next() => e
                    .map_err(|e| cluster.error(&format!("cannot watch the pod {name}"), &e))?,
                () = tokio::time::sleep_until(deadline) => return Err(timed_out(&last)),
            };
            let pod = match event {
                // The watch ended (its time is up): watch again from where it was.
                None => break,
                Some(WatchEvent::Added(pod) | WatchEvent::Modified(pod)) => pod,
                Some(WatchEvent::Deleted(_)) => {
                    return Err(format!(
                        "Pod {}/{name} was deleted while waiting for it to run",
                        cluster.namespace
                    ));
                }
                Some(WatchEvent::Bookmark(b)) => {
                    version = b.metadata.resource_version;
                    continue;
                }
                // 410 Gone: the version is too old to resume from; start again from now.
                Some(WatchEvent::Error(s)) if s.code == 410 => {
                    "0".clone_into(&mut version);
                    break;
                }
                Some(WatchEvent::Error(s)) => {
                    return Err(format!("cannot watch the pod {name}: {}", s.message));
                }
            };
            if let Some(v) = &pod.metadata.resource_version {
                v.clone_into(&mut version);
            }
            match diagnose(&pod) {
                State::Ready => return Ok(()),
                State::Failed(error) => return Err(error),
                State::Pending(line) => {
                    if line != last {
                        progress(&line);
                        last = line;
                    }
                }
            }
        }
    }
}

/// The pod's events as they come.
type Events<'a> = Option<BoxStream<'a, Result<WatchEvent<Event>, kube::Error>>>;

/// The next event's progress line, if it has one to tell; once the events end (or cannot be
/// read), never ready again.
async fn next_event(events: &mut Events<'_>) -> Option<String> {
    let Some(stream) = events else {
        return std::future::pending().await;
    };
    match stream.next().await {
        Some(Ok(WatchEvent::Added(e))) => event_line(&e),
        Some(Ok(_)) => None,
        Some(Err(_)) | None => {
            *events = None;
            None
        }
    }
}

/// An event as a line: its message, with `Warning <reason>:` before it for a warning.
fn event_line(e: &Event) -> Option<String> {
    let message = e
        .message
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())?;
    Some(match e.type_.as_deref() {
        Some("Warning") => format!(
            "Warning {}: {message}",
            e.reason.as_deref().unwrap_or("Event")
        ),
        _ => message.to_owned(),
    })
}
