//! What a pod's status says about its start: ready, still on its way (with a line saying
//! where it is), or never going to run (with an error saying why). The wording follows the
//! kubernetes plugin where it has one: its `Reaper` reports "Container x was terminated" and
//! "Pod just failed" with the reason and message, and "Unable to pull container image".

use k8s_openapi::api::core::v1::{ContainerStatus, Pod};

/// Where a pod is in its start.
#[derive(Debug, PartialEq, Eq)]
pub enum State {
    /// Every container runs.
    Ready,
    /// Not yet: a line for the user about what it waits for.
    Pending(String),
    /// It never will: why.
    Failed(String),
}

/// Container waiting reasons that mean the image cannot be had.
const IMAGE_FAILURES: [&str; 4] = [
    "ErrImagePull",
    "ImagePullBackOff",
    "InvalidImageName",
    "ErrImageNeverPull",
];

/// Container waiting reasons that mean the container cannot be created as specified.
const CREATE_FAILURES: [&str; 3] = [
    "CreateContainerConfigError",
    "CreateContainerError",
    "RunContainerError",
];

/// The state of `pod` from its status.
#[must_use]
pub fn diagnose(pod: &Pod) -> State {
    let ns = pod.metadata.namespace.as_deref().unwrap_or("default");
    let name = pod.metadata.name.as_deref().unwrap_or("");
    let id = format!("{ns}/{name}");
    let Some(status) = &pod.status else {
        return State::Pending(format!("Pod {name} is Pending"));
    };
    let phase = status.phase.as_deref().unwrap_or("Pending");
    if phase == "Failed" {
        return State::Failed(format!(
            "{id} Pod just failed.{}",
            details(status.reason.as_deref(), None, status.message.as_deref())
        ));
    }
    if phase == "Succeeded" {
        return State::Failed(format!(
            "{id} Pod has already completed: its containers exited."
        ));
    }
    let conditions = status.conditions.as_deref().unwrap_or_default();
    if let Some(c) = conditions.iter().find(|c| {
        c.type_ == "PodScheduled"
            && c.status == "False"
            && c.reason.as_deref() == Some("Unschedulable")
    }) {
        return State::Failed(format!(
            "{id} Pod cannot be scheduled: {}",
            c.message.as_deref().unwrap_or("no node fits it")
        ));
    }
    let init = status
        .init_container_statuses
        .as_deref()
        .unwrap_or_default();
    let main = status.container_statuses.as_deref().unwrap_or_default();
    for c in init.iter().chain(main) {
        let init = init.iter().any(|i| i.name == c.name);
        if let Some(error) = container_failure(&id, c, init) {
            return State::Failed(error);
        }
    }
    let expected = pod.spec.as_ref().map_or(0, |s| s.containers.len());
    let all_running = !main.is_empty()
        && main.len() >= expected
        && main
            .iter()
            .all(|c| c.state.as_ref().is_some_and(|s| s.running.is_some()));
    let containers_ready = conditions
        .iter()
        .any(|c| c.type_ == "ContainersReady" && c.status == "True");
    if phase == "Running" && (all_running || containers_ready) {
        return State::Ready;
    }
    let waiting: Vec<String> = init
        .iter()
        .chain(main)
        .filter_map(|c| {
            let w = c.state.as_ref()?.waiting.as_ref()?;
            let reason = w.reason.as_deref().unwrap_or("Waiting");
            Some(match w.message.as_deref() {
                Some(m) if !m.is_empty() => format!("container {} is {reason}: {m}", c.name),
                _ => format!("container {} is {reason}", c.name),
            })
        })
        .collect();
    let line = if !waiting.is_empty() {
        waiting.join(", ")
    } else if let Some(c) = conditions.iter().rev().find(|c| c.status == "True") {
        match c.type_.as_str() {
            "PodScheduled" => "Scheduled".to_owned(),
            other => other.to_owned(),
        }
    } else {
        return State::Pending(format!("Pod {name} is {phase}"));
    };
    State::Pending(format!("Pod {name} is {phase}: {line}"))
}

/// Why container `c` will not run, if its status says so. An init container that completed
/// (exit code 0) is not a failure.
fn container_failure(id: &str, c: &ContainerStatus, init: bool) -> Option<String> {
    let state = c.state.as_ref()?;
    if let Some(w) = &state.waiting {
        let reason = w.reason.as_deref().unwrap_or("");
        let message = w.message.as_deref().unwrap_or("").trim();
        if IMAGE_FAILURES.contains(&reason) {
            let message = if message.is_empty() {
                String::new()
            } else {
                format!(": {message}")
            };
            return Some(format!(
                "Unable to pull container image \"{}\" for container {} ({reason}{message}). \
                 Check if image tag name is spelled correctly.",
                c.image, c.name
            ));
        }
        if reason == "CrashLoopBackOff" {
            let last = c.last_state.as_ref().and_then(|s| s.terminated.as_ref());
            return Some(format!(
                "{id} Container {} was terminated.{}",
                c.name,
                details(Some(reason), last.map(|t| t.exit_code), Some(message))
            ));
        }
        if CREATE_FAILURES.contains(&reason) {
            return Some(format!(
                "{id} Container {} cannot be started.{}",
                c.name,
                details(Some(reason), None, Some(message))
            ));
        }
    }
    let t = state.terminated.as_ref()?;
    if init && t.exit_code == 0 {
        return None;
    }
    Some(format!(
        "{id} Container {} was terminated.{}",
        c.name,
        details(t.reason.as_deref(), Some(t.exit_code), t.message.as_deref())
    ))
}

/// " Reason: r, Exit code: n, Message: m." with the parts there are (one final period, even
/// when the message has its own).
fn details(reason: Option<&str>, exit_code: Option<i32>, message: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(r) = reason.filter(|r| !r.is_empty()) {
        parts.push(format!("Reason: {r}"));
    }
    if let Some(code) = exit_code {
        parts.push(format!("Exit code: {code}"));
    }
    if let Some(m) = message.map(str::trim).filter(|m| !m.is_empty()) {
        parts.push(format!("Message: {m}"));
    }
    let text = parts.join(", ");
    if text.is_empty() || text.ends_with('.') {
        format!(" {text}").trim_end().to_owned()
    } else {
        format!(" {text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pod named jfrun-x in `default` with one container `maven` and `status`.
    fn pod(status: serde_json::Value) -> Pod {
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "jfrun-x", "namespace": "default"},
            "spec": {"containers": [{"name": "maven", "image": "maven:3"}]},
            "status": status,
        }))
        .expect("pod")
    }

    #[test]
    fn failed_pod_gives_its_reason_and_message() {
        let p = pod(serde_json::json!({
            "phase": "Failed", "reason": "Evicted",
            "message": "The node was low on resource: memory."
        }));
        assert_eq!(
            diagnose(&p),
            State::Failed(
                "default/jfrun-x Pod just failed. Reason: Evicted, Message: The node was low on \
                 resource: memory."
                    .to_owned()
            )
        );
    }

    #[test]
    fn terminated_container_gives_its_exit_code() {
        let p = pod(serde_json::json!({
            "phase": "Running",
            "containerStatuses": [{
                "name": "maven", "image": "maven:3", "imageID": "", "ready": false,
                "restartCount": 0,
                "state": {"terminated": {"exitCode": 137, "reason": "OOMKilled"}}
            }]
        }));
        assert_eq!(
            diagnose(&p),
            State::Failed(
                "default/jfrun-x Container maven was terminated. Reason: OOMKilled, Exit code: 137."
                    .to_owned()
            )
        );
    }

    #[test]
    fn missing_secret_fails_the_container_creation() {
        let p = pod(serde_json::json!({
            "phase": "Pending",
            "containerStatuses": [{
                "name": "maven", "image": "maven:3", "imageID": "", "ready": false,
                "restartCount": 0,
                "state": {"waiting": {"reason": "CreateContainerConfigError",
                                      "message": "secret \"registry\" not found"}}
            }]
        }));
        assert_eq!(
            diagnose(&p),
            State::Failed(
                "default/jfrun-x Container maven cannot be started. Reason: \
                 CreateContainerConfigError, Message: secret \"registry\" not found."
                    .to_owned()
            )
        );
    }

    #[test]
    fn running_when_every_container_runs() {
        let p = pod(serde_json::json!({
            "phase": "Running",
            "containerStatuses": [{
                "name": "maven", "image": "maven:3", "imageID": "", "ready": true,
                "restartCount": 0, "state": {"running": {}}
            }]
        }));
        assert_eq!(diagnose(&p), State::Ready);
        let starting = pod(serde_json::json!({"phase": "Pending"}));
        assert_eq!(
            diagnose(&starting),
            State::Pending("Pod jfrun-x is Pending".to_owned())
        );
    }
}
