//! Images and registries through the Engine API: `docker pull`, `docker push`, `docker tag` and
//! `docker inspect` of an image, as the docker-workflow plugin runs them for
//! `docker.image(...)`, and the image names of docker-commons: how a name is checked
//! (`ImageNameValidator`), split into repository and tag (`ImageNameTokens`) and qualified with
//! a registry's host (`DockerRegistryEndpoint.imageName`).
//!
//! Registry credentials are sent with each request that needs them (the `X-Registry-Auth`
//! header bollard builds from [`DockerCredentials`]); nothing is written to disk and no
//! `docker login` is run.

use std::collections::HashMap;

use bollard::auth::DockerCredentials;
use bollard::query_parameters::{CreateImageOptions, PushImageOptions, TagImageOptions};
use futures_util::StreamExt;

use super::Engine;
use crate::runtime::log::Log;

/// The registry of images named without one.
pub const DOCKER_HUB: &str = "docker.io";

/// Checks an image name as docker-commons' `ImageNameValidator.checkUserAndRepo` does; the
/// error is its message.
pub fn check_name(name: &str) -> Result<(), String> {
    let (_, repo, tag, digest) = split_user_and_repo(name);
    if repo.is_none() && tag.is_none() && digest.is_none() && name.is_empty() {
        return Err(format!("Bad imageName format: {name}"));
    }
    match repo {
        None | Some("") => return Err("Missing name.".to_owned()),
        Some(r) if !valid_name_component(r) => {
            return Err(format!(
                "Name must follow the pattern '{}'",
                "^[a-zA-Z0-9]+((\\.|_|__|-+)[a-zA-Z0-9]+)*$"
            ));
        }
        Some(_) => {}
    }
    if let Some(t) = tag {
        let body = &t[1..];
        let ok = t.len() <= 128
            && body
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && body
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !ok {
            return Err(format!(
                "Tag must follow the pattern '{}'",
                "^:[a-zA-Z0-9_]([a-zA-Z0-9_.-]){0,127}"
            ));
        }
    }
    if let Some(d) = digest {
        let ok = d[1..].split_once(':').is_some_and(|(alg, hex)| {
            !alg.is_empty()
                && !hex.is_empty()
                && alg
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+._-".contains(c))
                && hex
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "=_-".contains(c))
        });
        if !ok {
            return Err(format!("Bad digest: {d}"));
        }
    }
    Ok(())
}

/// `ImageNameValidator.splitUserAndRepo`: (user, name, `:tag`, `@digest`).
fn split_user_and_repo(s: &str) -> (Option<&str>, Option<&str>, Option<&str>, Option<&str>) {
    if s.is_empty() {
        return (None, None, None, None);
    }
    let slash = s.rfind('/');
    let colon = s.rfind(':');
    let at = s.rfind('@');
    let (mut user, mut name, mut tag, mut digest) = (None, None, None, None);
    if slash.is_none() && colon.is_none() && at.is_none() {
        name = Some(s);
    } else if colon < slash {
        let i = slash.unwrap_or(0);
        user = Some(&s[..i]);
        name = Some(&s[i + 1..]);
    } else {
        if let Some(i) = slash {
            user = Some(&s[..i]);
            name = Some(&s[i + 1..]);
        }
        let start = slash.map_or(0, |i| i + 1);
        if let Some(d) = at.filter(|&d| d > 0) {
            let n = &s[start.min(d)..d];
            name = Some(n);
            if let Some(t) = n.rfind(':').filter(|&t| t > 0) {
                name = Some(&n[..t]);
                tag = Some(&n[t..]);
            }
            digest = Some(&s[d..]);
        } else if let Some(t) = colon.filter(|&t| t > 0) {
            name = Some(&s[start.min(t)..t]);
            tag = Some(&s[t..]);
        }
    }
    (user, name, tag, digest)
}

/// `^[a-zA-Z0-9]+((\.|_|__|-+)[a-zA-Z0-9]+)*$`
fn valid_name_component(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: u8| c.is_ascii_alphanumeric();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &s[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-')) {
            return false;
        }
    }
    true
}

/// The plugin's `ImageNameTokens`: the name before the last `:` and the tag after it (`latest`
/// when there is none or it is empty). As in the plugin, the `:` of a registry's port counts
/// when the name has no tag.
#[must_use]
pub fn split_tag(name: &str) -> (String, String) {
    match name.rfind(':') {
        Some(i) if i + 1 < name.len() => (name[..i].to_owned(), name[i + 1..].to_owned()),
        Some(i) => (name[..i].to_owned(), "latest".to_owned()),
        None => (name.to_owned(), "latest".to_owned()),
    }
}

/// The `host[:port]` of a registry URL (`https://registry.example.com:5000/` gives
/// `registry.example.com:5000`).
#[must_use]
pub fn url_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.to_owned()
}

/// `DockerRegistryEndpoint.imageName`: `user_and_repo` prefixed with the host (and port) of the
/// registry `url`, unless already; unchanged without a registry.
pub fn qualified(url: Option<&str>, user_and_repo: &str) -> Result<String, String> {
    check_name(user_and_repo)?;
    let Some(url) = url.filter(|u| !u.is_empty()) else {
        return Ok(user_and_repo.to_owned());
    };
    let host = url_host(url);
    if user_and_repo.starts_with(&host) {
        return Ok(user_and_repo.to_owned());
    }
    Ok(format!("{host}/{user_and_repo}"))
}

/// The registry an image reference names: its first component when that looks like a host
/// (has a `.` or a `:`, or is `localhost`), else Docker Hub.
#[must_use]
pub fn registry_of(image: &str) -> &str {
    match image.split_once('/') {
        Some((first, _)) if first.contains(['.', ':']) || first == "localhost" => first,
        _ => DOCKER_HUB,
    }
}

/// The registry of a registry URL, as [`registry_of`] names them (Docker Hub's URLs, and no
/// URL, give `docker.io`).
#[must_use]
pub fn registry_of_url(url: &str) -> String {
    let host = url_host(url);
    match host.as_str() {
        ""
        | "index.docker.io"
        | "registry-1.docker.io"
        | "registry.hub.docker.com"
        | "docker.io" => DOCKER_HUB.to_owned(),
        _ => host,
    }
}

/// A reference split into repository and tag (or digest), with `latest` when it has neither,
/// as `docker pull` completes it.
#[must_use]
pub fn repo_and_tag(image: &str) -> (String, String) {
    if let Some((repo, digest)) = image.split_once('@') {
        return (repo.to_owned(), digest.to_owned());
    }
    let last_slash = image.rfind('/').map_or(0, |i| i + 1);
    match image[last_slash..].rfind(':') {
        Some(i) => (
            image[..last_slash + i].to_owned(),
            image[last_slash + i + 1..].to_owned(),
        ),
        None => (image.to_owned(), "latest".to_owned()),
    }
}

/// The credentials for a registry, as the engine's `X-Registry-Auth` header carries them.
#[must_use]
pub fn credentials(url: &str, username: &str, password: &str) -> DockerCredentials {
    let server = if registry_of_url(url) == DOCKER_HUB {
        "https://index.docker.io/v1/".to_owned()
    } else {
        url_host(url)
    };
    DockerCredentials {
        username: Some(username.to_owned()),
        password: Some(password.to_owned()),
        serveraddress: Some(server),
        ..DockerCredentials::default()
    }
}

/// Whether the engine has the image (`docker inspect -f . image`).
pub async fn exists(engine: &Engine, image: &str) -> Result<bool, String> {
    match engine.client().inspect_image(image).await {
        Ok(_) => Ok(true),
        Err(bollard::errors::Error::DockerResponseServerError {
            status_code: 404, ..
        }) => Ok(false),
        Err(e) => Err(e.to_string()),
    }
}

/// Writes progress as `docker pull` and `docker push` print it, one line per change of a
/// layer's status (not per byte of progress).
#[derive(Default)]
struct Progress {
    last: HashMap<String, String>,
    /// Bytes done and to do, per layer, for the progress bar.
    bytes: HashMap<String, (u64, u64)>,
}

impl Progress {
    /// Counts a layer's download on the bar: the sum of the layers' bytes done over theirs to
    /// do (extraction, which follows, is not counted again).
    fn count(
        &mut self,
        bar: &indicatif::ProgressBar,
        id: &str,
        status: Option<&str>,
        detail: &bollard::models::ProgressDetail,
    ) {
        let entry = self.bytes.entry(id.to_owned()).or_default();
        match status {
            Some("Downloading") => {
                entry.0 = detail.current.unwrap_or(0).max(0).cast_unsigned();
                entry.1 = detail.total.unwrap_or(0).max(0).cast_unsigned();
            }
            Some("Download complete") => entry.0 = entry.1,
            _ => return,
        }
        let (done, total) = self
            .bytes
            .values()
            .fold((0, 0), |(d, t), (ld, lt)| (d + ld, t + lt));
        bar.set_length(total);
        bar.set_position(done);
    }

    fn show(&mut self, log: &Log, id: Option<&str>, status: Option<&str>) {
        let Some(status) = status.filter(|s| !s.is_empty()) else {
            return;
        };
        match id.filter(|i| !i.is_empty()) {
            Some(id) => {
                if self.last.get(id).map(String::as_str) != Some(status) {
                    self.last.insert(id.to_owned(), status.to_owned());
                    log.line(&format!("{id}: {status}"));
                }
            }
            None => log.line(status),
        }
    }
}

/// `docker pull image`: progress in the log; fails naming the image and its registry.
pub async fn pull(
    engine: &Engine,
    image: &str,
    auth: Option<DockerCredentials>,
    log: &Log,
) -> Result<(), String> {
    let (repo, tag) = repo_and_tag(image);
    if !image.contains(['@']) && repo == image {
        log.line("Using default tag: latest");
    }
    let opts = CreateImageOptions {
        from_image: Some(repo.clone()),
        tag: Some(tag.clone()),
        ..CreateImageOptions::default()
    };
    let failed = |e: &dyn std::fmt::Display| {
        format!(
            "Failed to pull image '{image}' from the registry {}: {e}",
            registry_of(image)
        )
    };
    let mut stream = engine.client().create_image(Some(opts), None, auth);
    let mut progress = Progress::default();
    // The bar shows once there is something to download.
    let mut bar = None;
    let pulled = async {
        while let Some(item) = stream.next().await {
            let info = item.map_err(|e| failed(&e))?;
            if let Some(err) = info.error_detail.and_then(|d| d.message) {
                return Err(failed(&err));
            }
            if bar.is_none() && info.status.as_deref() == Some("Downloading") {
                bar = log.transfer_started(&format!("pull {image}"));
            }
            if let (Some(bar), Some(id), Some(detail)) =
                (&bar, info.id.as_deref(), info.progress_detail.as_ref())
            {
                progress.count(bar, id, info.status.as_deref(), detail);
            }
            progress.show(log, info.id.as_deref(), info.status.as_deref());
        }
        Ok(())
    }
    .await;
    log.transfer_finished(bar.as_ref());
    pulled?;
    let sep = if tag.contains(':') { '@' } else { ':' };
    log.line(&format!("{repo}{sep}{tag}"));
    Ok(())
}

/// `docker push image`: progress in the log; fails naming the image and its registry.
pub async fn push(
    engine: &Engine,
    image: &str,
    auth: Option<DockerCredentials>,
    log: &Log,
) -> Result<(), String> {
    let (repo, tag) = repo_and_tag(image);
    let opts = PushImageOptions {
        tag: Some(tag),
        ..PushImageOptions::default()
    };
    let failed = |e: &dyn std::fmt::Display| {
        format!(
            "Failed to push image '{image}' to the registry {}: {e}",
            registry_of(image)
        )
    };
    let mut stream = engine.client().push_image(&repo, Some(opts), auth);
    // The engine's push messages name their layer in a field bollard does not keep: each
    // status is shown once in a row, and the byte-by-byte `Pushing` not at all.
    let mut last = String::new();
    while let Some(item) = stream.next().await {
        let info = item.map_err(|e| failed(&e))?;
        if let Some(err) = info.error_detail.and_then(|d| d.message) {
            return Err(failed(&err));
        }
        let Some(status) = info.status.filter(|s| !s.is_empty() && s != "Pushing") else {
            continue;
        };
        if status != last {
            log.line(&status);
            last = status;
        }
    }
    Ok(())
}

/// `docker tag source target`.
pub async fn tag(engine: &Engine, source: &str, target: &str) -> Result<(), String> {
    let (repo, tag) = repo_and_tag(target);
    let opts = TagImageOptions {
        repo: Some(repo),
        tag: Some(tag),
    };
    engine
        .client()
        .tag_image(source, Some(opts))
        .await
        .map_err(|e| format!("Failed to tag image '{source}' as '{target}': {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_qualified_with_the_registry_host() {
        assert_eq!(
            qualified(Some("http://127.0.0.1:5000"), "app/web:1").as_deref(),
            Ok("127.0.0.1:5000/app/web:1")
        );
        assert_eq!(
            qualified(Some("https://reg.example.com/"), "reg.example.com/x").as_deref(),
            Ok("reg.example.com/x")
        );
        assert_eq!(qualified(None, "busybox").as_deref(), Ok("busybox"));
        assert_eq!(qualified(Some(""), "busybox").as_deref(), Ok("busybox"));
        assert!(qualified(None, "Bad Name").is_err());
    }

    #[test]
    fn names_are_checked_as_docker_commons_checks_them() {
        for ok in [
            "busybox",
            "library/busybox:1.36",
            "127.0.0.1:5000/x",
            "127.0.0.1:5000/x:y",
            "a/b-c__d.e",
        ] {
            assert_eq!(check_name(ok), Ok(()), "{ok}");
        }
        assert!(check_name("").is_err());
        assert!(check_name("has space").is_err());
        assert!(check_name("a/-b").is_err());
        assert!(check_name("x:t!").is_err());
    }

    #[test]
    fn tags_split_as_image_name_tokens() {
        assert_eq!(split_tag("a/b:1"), ("a/b".into(), "1".into()));
        assert_eq!(split_tag("a/b"), ("a/b".into(), "latest".into()));
        assert_eq!(split_tag("a/b:"), ("a/b".into(), "latest".into()));
        assert_eq!(
            split_tag("127.0.0.1:5000/x"),
            ("127.0.0.1".into(), "5000/x".into())
        );
    }

    #[test]
    fn references_name_their_registry() {
        assert_eq!(registry_of("busybox"), DOCKER_HUB);
        assert_eq!(registry_of("library/busybox"), DOCKER_HUB);
        assert_eq!(registry_of("127.0.0.1:5000/x"), "127.0.0.1:5000");
        assert_eq!(registry_of("localhost/x"), "localhost");
        assert_eq!(registry_of_url("https://index.docker.io/v1/"), DOCKER_HUB);
        assert_eq!(registry_of_url("http://127.0.0.1:5000"), "127.0.0.1:5000");
        assert_eq!(registry_of_url(""), DOCKER_HUB);
        assert_eq!(
            repo_and_tag("127.0.0.1:5000/x"),
            ("127.0.0.1:5000/x".into(), "latest".into())
        );
        assert_eq!(repo_and_tag("a:1"), ("a".into(), "1".into()));
        assert_eq!(
            repo_and_tag("a@sha256:00"),
            ("a".into(), "sha256:00".into())
        );
    }
}
