//! Waiting for a pod to run: a watch on the pod (one object, selected by name), each version
//! of it judged by [`diagnose`](super::diagnose::diagnose), a progress line reported when what it
//! waits for changes, an error as soon as it never will run, or when the time is up.

use std::time::Duration;

use futures_util::TryStreamExt;
use k8s_openapi::api::core::v1::Pod;
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
    loop {
        let params = WatchParams::default()
            .fields(&format!("metadata.name={name}"))
            .timeout(WATCH_SECONDS);
        let stream = tokio::select! {
            s = pods.watch(&params, &version) => s
                .map_err(|e| cluster.error(&format!("cannot watch the pod {name}"), &e))?,
            () = tokio::time::sleep_until(deadline) => return Err(timed_out(&last)),
            () = cancel.cancelled() => return Err(format!("cancelled while waiting for the pod {name}")),
        };
        let mut stream = std::pin::pin!(stream);
        loop {
            let event = tokio::select! {
                e = stream.try_next() => e
                    .map_err(|e| cluster.error(&format!("cannot watch the pod {name}"), &e))?,
                () = tokio::time::sleep_until(deadline) => return Err(timed_out(&last)),
                () = cancel.cancelled() => return Err(format!("cancelled while waiting for the pod {name}")),
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
