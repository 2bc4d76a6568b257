//! `docker build` through the Engine API, as `docker.build('name', 'args')` and
//! `agent { dockerfile }` run it: the arguments read as the `docker build` command line the
//! plugin runs (options, then the context folder, `.` by default), the context folder sent as a
//! tar without what its `.dockerignore` excludes, the builder's output streamed into the log,
//! its error a failure with its message. Legacy builder (no BuildKit). The image is labelled
//! with the run (`jfrun.build=<job>#<n>`).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bollard::auth::DockerCredentials;
use bollard::query_parameters::{
    BuildImageOptions, RemoveImageOptionsBuilder, TagImageOptionsBuilder,
};
use futures_util::{Stream, StreamExt};
use parking_lot::Mutex;

use super::args::{OptionWord, words};
use super::dockerignore::Dockerignore;
use super::inside::{BUILD_LABEL, build_label};
use super::{Engine, registry};

/// The label of images the run alone needs, removed when it ends: the process id of the
/// `jfrun` that built it, so that `jfrun clean` can tell a live run's images from leftovers.
pub const DISPOSABLE_LABEL: &str = "jfrun.disposable";
use crate::eval::error::{Signal, exception};
use crate::runtime::build::Build;
use crate::runtime::credentials::Credential;
use crate::runtime::log::LineWriter;
use crate::runtime::{context, env, interrupt};

/// The `docker build` arguments jfrun honours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildArgs {
    /// The context folder (the one positional argument), `.` by default.
    pub context: String,
    /// `-f`/`--file`: the Dockerfile, relative to the current folder (not to the context), as
    /// with the CLI; `<context>/Dockerfile` when not given.
    pub file: Option<String>,
    /// `--build-arg NAME=value`, and `--build-arg NAME` (value `None`: taken from the step's
    /// environment, left out when it has none).
    pub build_args: Vec<(String, Option<String>)>,
    /// `--target`.
    pub target: Option<String>,
    /// `--no-cache`.
    pub no_cache: bool,
    /// `--pull`.
    pub pull: bool,
    /// `--label key=value` (`--label key` is an empty value).
    pub labels: Vec<(String, String)>,
    /// `-t`/`--tag`: tags besides the one the image is built as.
    pub tags: Vec<String>,
    /// `--network`.
    pub network: Option<String>,
    /// `--rm` (true by default): intermediate containers are removed after a successful build.
    pub rm: bool,
    /// `--force-rm`: they are removed after a failed one too.
    pub force_rm: bool,
}

impl Default for BuildArgs {
    fn default() -> Self {
        Self {
            context: ".".to_owned(),
            file: None,
            build_args: Vec::new(),
            target: None,
            no_cache: false,
            pull: false,
            labels: Vec::new(),
            tags: Vec::new(),
            network: None,
            rm: true,
            force_rm: false,
        }
    }
}

impl BuildArgs {
    /// Reads a `docker build` argument string (words split as the shell splits them: quotes
    /// group, a backslash escapes). Any option jfrun does not know is an error naming it.
    pub fn parse(args: &str) -> Result<Self, String> {
        let mut out = Self::default();
        let mut positional: Vec<String> = Vec::new();
        let mut it = words(args).into_iter();
        while let Some(w) = it.next() {
            if !w.starts_with('-') || w == "-" {
                positional.push(w);
                continue;
            }
            let opt = OptionWord::read(&w, &[]);
            let name = &opt.name;
            let mut value = || opt.value(&mut it, "docker build");
            let flag = || opt.flag("docker build");
            match name.as_str() {
                "-f" | "--file" => out.file = Some(value()?),
                "--build-arg" => {
                    let v = value()?;
                    out.build_args.push(match v.split_once('=') {
                        Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                        None => (v, None),
                    });
                }
                "--target" => out.target = Some(value()?),
                "--label" => {
                    let v = value()?;
                    let (k, v) = v.split_once('=').unwrap_or((v.as_str(), ""));
                    out.labels.push((k.to_owned(), v.to_owned()));
                }
                "-t" | "--tag" => out.tags.push(value()?),
                "--network" => out.network = Some(value()?),
                "--no-cache" => out.no_cache = flag()?,
                "--pull" => out.pull = flag()?,
                "--rm" => out.rm = flag()?,
                "--force-rm" => out.force_rm = flag()?,
                _ => {
                    return Err(format!(
                        "docker build: jfrun does not support the option {name} (supported: -f/--file, --build-arg, --target, --no-cache, --pull, --label, -t/--tag, --network, --rm, --force-rm)"
                    ));
                }
            }
        }
        match positional.len() {
            0 => {}
            1 => out.context = positional.remove(0),
            _ => {
                return Err(format!(
                    "docker build: one context folder expected, got {}: {}",
                    positional.len(),
                    positional.join(" ")
                ));
            }
        }
        if out.context == "-" {
            return Err("docker build: a context read from standard input is not supported".into());
        }
        if out.context.contains("://") {
            return Err(format!(
                "docker build: only a local context folder is supported, not {}",
                out.context
            ));
        }
        Ok(out)
    }
}

/// A build context, checked and ready to be written as a tar: the folder, the Dockerfile and
/// what `.dockerignore` excludes.
pub struct Context {
    dir: PathBuf,
    file: PathBuf,
    /// The Dockerfile's name in the tar: its path in the folder, or a name of its own when it
    /// is outside, as the CLI does.
    pub dockerfile: String,
    inside: bool,
    ignore: Dockerignore,
}

impl Context {
    /// Checks that `dir` is a folder and `dockerfile` a file, and reads `dir/.dockerignore`;
    /// the Dockerfile and the `.dockerignore` are always sent.
    pub fn new(dir: &Path, dockerfile: &Path) -> Result<Self, String> {
        let meta = std::fs::metadata(dir).map_err(|_| {
            format!(
                "unable to prepare context: path \"{}\" not found",
                dir.display()
            )
        })?;
        if !meta.is_dir() {
            return Err(format!(
                "unable to prepare context: context must be a directory: {}",
                dir.display()
            ));
        }
        if !dockerfile.is_file() {
            return Err(format!(
                "Cannot locate specified Dockerfile: {}",
                dockerfile.display()
            ));
        }
        let mut ignore = match std::fs::read_to_string(dir.join(".dockerignore")) {
            Ok(text) => Dockerignore::parse(&text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Dockerignore::default(),
            Err(e) => return Err(format!("cannot read {}/.dockerignore: {e}", dir.display())),
        };
        // Symbolic links and `..` resolved, as the CLI does, to tell whether the Dockerfile is
        // in the context.
        let (dir, file) = (real(dir)?, real(dockerfile)?);
        let inside = file
            .strip_prefix(&dir)
            .ok()
            .map(|p| p.to_string_lossy().into_owned())
            .filter(|p| !p.is_empty());
        for keep in [Some(".dockerignore".to_owned()), inside.clone()]
            .into_iter()
            .flatten()
        {
            if ignore.excludes(&keep) {
                ignore.push(&format!("!{keep}"))?;
            }
        }
        Ok(Self {
            dir,
            file,
            inside: inside.is_some(),
            dockerfile: inside
                .unwrap_or_else(|| format!(".dockerfile.jfrun-{}", std::process::id())),
            ignore,
        })
    }

    /// Writes the tar into `out`; returns `out`.
    pub fn write<W: Write>(&self, out: W) -> Result<W, String> {
        let mut tar = tar::Builder::new(out);
        tar.follow_symlinks(false);
        add_dir(&mut tar, &self.dir, "", &self.ignore)?;
        if !self.inside {
            tar.append_path_with_name(&self.file, &self.dockerfile)
                .map_err(|e| format!("cannot read {}: {e}", self.file.display()))?;
        }
        tar.into_inner()
            .map_err(|e| format!("cannot send the build context: {e}"))
    }

    /// Streams the tar, written by a thread of its own, chunk by chunk; a failure to read the
    /// folder ends the stream with an error, and is also left in `failure`.
    fn stream(
        self,
        failure: Arc<Mutex<Option<String>>>,
    ) -> impl Stream<Item = Result<bytes::Bytes, std::io::Error>> + Send + 'static {
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        std::thread::spawn(move || {
            let out = Chunks {
                tx: tx.clone(),
                buf: Vec::new(),
            };
            let written = self.write(out).and_then(|mut out| {
                out.flush()
                    .map_err(|e| format!("cannot send the build context: {e}"))
            });
            // When the engine stopped reading, its own error says why.
            if let Err(e) = written {
                if !tx.is_closed() {
                    *failure.lock() = Some(e.clone());
                    let _ = tx.blocking_send(Err(std::io::Error::other(e)));
                }
            }
        });
        futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|chunk| (chunk, rx))
        })
    }
}

/// A writer sending what it is given, in chunks, to a channel.
struct Chunks {
    tx: tokio::sync::mpsc::Sender<Result<bytes::Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl Chunks {
    const SIZE: usize = 1 << 16;

    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = bytes::Bytes::from(std::mem::take(&mut self.buf));
        self.tx.blocking_send(Ok(chunk)).map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "the engine stopped reading the build context",
            )
        })
    }
}

impl Write for Chunks {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= Self::SIZE {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// The tar of `dir` as [`Context`] writes it, in memory, with the Dockerfile's name in it.
pub fn context_tar(dir: &Path, dockerfile: &Path) -> Result<(Vec<u8>, String), String> {
    let ctx = Context::new(dir, dockerfile)?;
    Ok((ctx.write(Vec::new())?, ctx.dockerfile))
}

fn real(p: &Path) -> Result<PathBuf, String> {
    p.canonicalize()
        .map_err(|e| format!("{}: {e}", p.display()))
}

/// Adds the entries of `dir` (whose path in the tar is `rel`) that are not excluded.
fn add_dir<W: Write>(
    tar: &mut tar::Builder<W>,
    dir: &Path,
    rel: &str,
    ignore: &Dockerignore,
) -> Result<(), String> {
    let read_err = |p: &Path, e: std::io::Error| format!("cannot read {}: {e}", p.display());
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| read_err(dir, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| read_err(dir, e))?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        let excluded = ignore.excludes(&rel);
        let kind = entry.file_type().map_err(|e| read_err(&path, e))?;
        if kind.is_dir() {
            if !excluded {
                tar.append_dir(&rel, &path)
                    .map_err(|e| read_err(&path, e))?;
            }
            // An excluded folder may still hold an exception.
            if !excluded || ignore.has_exceptions() {
                add_dir(tar, &path, &rel, ignore)?;
            }
        } else if !excluded && (kind.is_file() || kind.is_symlink()) {
            tar.append_path_with_name(&path, &rel)
                .map_err(|e| read_err(&path, e))?;
        }
    }
    Ok(())
}

/// The image name and tag of `name` (`repo[:tag]`, a registry port not taken for a tag).
fn split_tag(name: &str) -> (&str, &str) {
    match name.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => (repo, tag),
        _ => (name, "latest"),
    }
}

impl Engine {
    /// Builds an image from `context` (a tar) with `options`, writing the builder's output to `out`;
    /// returns the image id. Stops (the engine cancels the build) when `cancel` is cancelled:
    /// `Ok(None)`.
    pub async fn build(
        &self,
        options: BuildImageOptions,
        auth: Option<HashMap<String, DockerCredentials>>,
        context: impl Stream<Item = Result<bytes::Bytes, std::io::Error>> + Send + 'static,
        out: &mut LineWriter,
        cancel: &tokio_util::sync::CancellationToken,
    ) -> Result<Option<String>, String> {
        let tag = options.t.clone();
        let mut stream =
            self.client()
                .build_image(options, auth, Some(bollard::body_try_stream(context)));
        let mut id = None;
        loop {
            let item = tokio::select! {
                item = stream.next() => item,
                () = cancel.cancelled() => return Ok(None),
            };
            let Some(item) = item else { break };
            let info = item.map_err(|e| match e {
                bollard::errors::Error::DockerStreamError { error } => error,
                e => e.to_string(),
            })?;
            if let Some(detail) = info.error_detail.and_then(|d| d.message) {
                return Err(detail);
            }
            if let Some(s) = &info.stream {
                let _ = std::io::Write::write_all(out, s.as_bytes());
            } else if let Some(status) = &info.status {
                // A pull's progress: its steps, not every byte count.
                let counting = info
                    .progress_detail
                    .as_ref()
                    .is_some_and(|p| p.current.is_some());
                if !counting {
                    let line = match &info.id {
                        Some(id) => format!("{id}: {status}\n"),
                        None => format!("{status}\n"),
                    };
                    let _ = std::io::Write::write_all(out, line.as_bytes());
                }
            }
            if let Some(i) = info.aux.and_then(|a| a.id) {
                id = Some(i);
            }
        }
        let _ = std::io::Write::flush(out);
        if id.is_none() {
            if let Some(tag) = tag {
                id = self
                    .client()
                    .inspect_image(&tag)
                    .await
                    .map_err(|e| e.to_string())?
                    .id;
            }
        }
        id.map(Some)
            .ok_or_else(|| "the engine did not report the image built".to_owned())
    }

    /// Tags `image` as `name` (`repo[:tag]`).
    pub async fn tag(&self, image: &str, name: &str) -> Result<(), String> {
        let (repo, tag) = split_tag(name);
        let opts = TagImageOptionsBuilder::default()
            .repo(repo)
            .tag(tag)
            .build();
        self.client()
            .tag_image(image, Some(opts))
            .await
            .map_err(|e| e.to_string())
    }

    /// Removes an image by name or id (`docker rmi --no-prune`, not forced: an image a container
    /// still uses, or with other tags when named by id, stays); one already gone is no error.
    /// Its untagged parents stay, as the build cache of the next run, except the layers the
    /// builder made for the run's own labels, which carry them too.
    pub async fn remove_image(&self, name: &str) -> Result<(), String> {
        let labelled = |info: &bollard::models::ImageInspect| {
            info.config
                .as_ref()
                .and_then(|c| c.labels.as_ref())
                .and_then(|l| l.get(BUILD_LABEL).cloned())
        };
        let run = match self.client().inspect_image(name).await {
            Ok(info) => labelled(&info),
            Err(_) => None,
        };
        // The image's ancestors, nearest first, as far as they are on this engine.
        let ancestors: Vec<String> = match self.client().image_history(name).await {
            Ok(h) => h
                .into_iter()
                .skip(1)
                .map(|l| l.id)
                .take_while(|id| id != "<missing>")
                .collect(),
            Err(_) => Vec::new(),
        };
        self.remove_one_image(name).await?;
        let Some(run) = run else { return Ok(()) };
        for id in ancestors {
            let Ok(info) = self.client().inspect_image(&id).await else {
                break;
            };
            let untagged = info.repo_tags.as_ref().is_none_or(Vec::is_empty);
            if !untagged || labelled(&info).as_deref() != Some(run.as_str()) {
                break;
            }
            // A layer other images still build on stays.
            if self.remove_one_image(&id).await.is_err() {
                break;
            }
        }
        Ok(())
    }

    async fn remove_one_image(&self, name: &str) -> Result<(), String> {
        let opts = RemoveImageOptionsBuilder::default().noprune(true).build();
        match self.client().remove_image(name, Some(opts), None).await {
            Ok(_) => Ok(()),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// The credentials of `docker.withRegistry` for the base images the build pulls (the engine
/// picks them by registry), sent with the request as `docker build` sends its logins.
fn registry_auth(
    b: &Build<'_>,
    ctx: &context::Context,
) -> Option<HashMap<String, DockerCredentials>> {
    let (url, id) = ctx.docker_registry.clone()?;
    match b.credentials.get(&id)? {
        Credential::UsernamePassword { username, password } => {
            let creds = registry::credentials(&url, username, password);
            let server = creds.serveraddress.clone().unwrap_or_default();
            Some(HashMap::from([(server, creds)]))
        }
        _ => None,
    }
}

fn abort<'a>(message: String) -> Signal<'a> {
    Signal::Throw(exception("hudson.AbortException", Some(message)), None)
}

/// Builds the image `tag` as `docker build -t <tag> <args>` would in the current folder, the
/// command and the builder's output in the log; returns the image id. The image carries the
/// run's label. A wrong argument, a missing context or Dockerfile, or a failed build throws
/// `hudson.AbortException` with the message; an interruption throws it as one.
pub fn build_image<'a>(b: &Build<'a>, tag: &str, args: &str) -> Result<String, Signal<'a>> {
    build(b, tag, args, false)
}

/// [`build_image`] for an image the run alone needs (a Dockerfile agent's): it is removed when
/// the run ends, and `jfrun clean` removes it if the run could not.
pub fn build_disposable_image<'a>(
    b: &Build<'a>,
    tag: &str,
    args: &str,
) -> Result<String, Signal<'a>> {
    b.containers.image_built(tag);
    build(b, tag, args, true)
}

fn build<'a>(b: &Build<'a>, tag: &str, args: &str, disposable: bool) -> Result<String, Signal<'a>> {
    b.log
        .line(format!("+ docker build -t {tag} {}", args.trim()).trim_end());
    let parsed = BuildArgs::parse(args).map_err(abort)?;
    let ctx = context::current();
    let dir = ctx.cwd.join(&parsed.context);
    let dockerfile = parsed
        .file
        .as_ref()
        .map_or_else(|| dir.join("Dockerfile"), |f| ctx.cwd.join(f));
    let context = Context::new(&dir, &dockerfile).map_err(abort)?;
    let mut build_args = HashMap::new();
    for (k, v) in &parsed.build_args {
        let v = v.clone().or_else(|| env::lookup(b, &ctx, k));
        if let Some(v) = v {
            build_args.insert(k.clone(), v);
        }
    }
    let mut labels: HashMap<String, String> = parsed.labels.iter().cloned().collect();
    labels.insert(BUILD_LABEL.to_owned(), build_label(b));
    if disposable {
        labels.insert(DISPOSABLE_LABEL.to_owned(), std::process::id().to_string());
    }
    let options = BuildImageOptions {
        dockerfile: context.dockerfile.clone(),
        t: Some(tag.to_owned()),
        nocache: parsed.no_cache,
        pull: parsed.pull.then(|| "1".to_owned()),
        rm: parsed.rm,
        // No intermediate container outlives the build, unless `--rm=false` asks for them.
        forcerm: parsed.force_rm || parsed.rm,
        buildargs: Some(build_args),
        labels: Some(labels),
        networkmode: parsed.network.clone(),
        target: parsed.target.clone().unwrap_or_default(),
        ..BuildImageOptions::default()
    };
    // The engine of `docker.withServer`, or the default one.
    let engine =
        b.rt.block_on(b.containers.engine_at(ctx.docker_host.as_deref()))
            .map_err(abort)?;
    let unreadable = Arc::new(Mutex::new(None));
    let tar = context.stream(unreadable.clone());
    let mut out = LineWriter::new(b.log.clone());
    let auth = registry_auth(b, &ctx);
    let built =
        b.rt.block_on(engine.build(options, auth, tar, &mut out, &ctx.cancel));
    drop(out);
    let id = match built {
        Ok(Some(id)) => id,
        Ok(None) => return interrupt::thrown(b),
        // The context's own failure, rather than what the engine made of a cut tar.
        Err(e) => {
            let e = unreadable.lock().take().unwrap_or(e);
            return Err(abort(e.trim_end().to_owned()));
        }
    };
    for extra in &parsed.tags {
        b.rt.block_on(engine.tag(&id, extra))
            .map_err(|e| abort(format!("cannot tag {id} as {extra}: {e}")))?;
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_context_defaults_to_the_current_folder() {
        assert_eq!(BuildArgs::parse("").expect("parses"), BuildArgs::default());
        assert_eq!(BuildArgs::parse(".").expect("parses").context, ".");
        assert_eq!(
            BuildArgs::parse("  sub/dir ").expect("parses").context,
            "sub/dir"
        );
    }

    #[test]
    fn options_as_the_plugin_passes_them() {
        let a = BuildArgs::parse(
            "--build-arg A=1 --build-arg B --build-arg=C=x=y -f \"sub/Dockerfile.x\" --target=t \
             --no-cache --pull --label k=v --label bare -t extra:1 --tag=other --network host \
             --rm --force-rm \"sub\"",
        )
        .expect("parses");
        assert_eq!(
            a,
            BuildArgs {
                context: "sub".into(),
                file: Some("sub/Dockerfile.x".into()),
                build_args: vec![
                    ("A".into(), Some("1".into())),
                    ("B".into(), None),
                    ("C".into(), Some("x=y".into())),
                ],
                target: Some("t".into()),
                no_cache: true,
                pull: true,
                labels: vec![("k".into(), "v".into()), ("bare".into(), String::new())],
                tags: vec!["extra:1".into(), "other".into()],
                network: Some("host".into()),
                rm: true,
                force_rm: true,
            }
        );
    }

    #[test]
    fn boolean_options_take_an_explicit_value() {
        let a = BuildArgs::parse("--rm=false --no-cache=true --pull=false .").expect("parses");
        assert!(!a.rm && a.no_cache && !a.pull);
        let e = BuildArgs::parse("--rm=maybe .").expect_err("refused");
        assert!(e.contains("--rm"), "{e}");
    }

    #[test]
    fn unknown_options_are_refused_by_name() {
        let e = BuildArgs::parse("--squash .").expect_err("refused");
        assert!(e.contains("--squash"), "{e}");
        let e = BuildArgs::parse("-q .").expect_err("refused");
        assert!(e.contains("-q"), "{e}");
    }

    #[test]
    fn missing_values_and_extra_words_are_errors() {
        let e = BuildArgs::parse("--build-arg").expect_err("refused");
        assert!(e.contains("--build-arg needs a value"), "{e}");
        let e = BuildArgs::parse("a b").expect_err("refused");
        assert!(e.contains("one context folder"), "{e}");
        assert!(BuildArgs::parse("-").is_err());
        assert!(BuildArgs::parse("https://example.com/repo.git").is_err());
    }

    #[test]
    fn tags_split_off_the_repository() {
        assert_eq!(split_tag("app"), ("app", "latest"));
        assert_eq!(split_tag("app:1.0"), ("app", "1.0"));
        assert_eq!(
            split_tag("localhost:5000/app"),
            ("localhost:5000/app", "latest")
        );
        assert_eq!(
            split_tag("localhost:5000/app:2"),
            ("localhost:5000/app", "2")
        );
    }

    fn names(tar: &[u8]) -> Vec<String> {
        let mut a = tar::Archive::new(tar);
        a.entries()
            .expect("entries")
            .map(|e| {
                e.expect("entry")
                    .path()
                    .expect("path")
                    .to_string_lossy()
                    .trim_end_matches('/')
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn the_context_leaves_out_what_dockerignore_excludes() {
        let d = tempfile::tempdir().expect("tmp");
        let p = d.path();
        for f in [
            "Dockerfile",
            "app.txt",
            "secret",
            "logs/a.log",
            "logs/keep.log",
            "node_modules/x/y.js",
        ] {
            let path = p.join(f);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, f).expect("write");
        }
        std::fs::write(
            p.join(".dockerignore"),
            "# not these\nsecret\nnode_modules\nlogs\n!logs/keep.log\nDockerfile\n.dockerignore\n",
        )
        .expect("write");
        let (tar, dockerfile) = context_tar(p, &p.join("Dockerfile")).expect("tar");
        assert_eq!(dockerfile, "Dockerfile");
        assert_eq!(
            names(&tar),
            [".dockerignore", "Dockerfile", "app.txt", "logs/keep.log"]
        );
    }

    #[test]
    fn a_dockerfile_outside_the_context_is_sent_under_its_own_name() {
        let d = tempfile::tempdir().expect("tmp");
        let p = d.path();
        std::fs::create_dir_all(p.join("ctx")).expect("mkdir");
        std::fs::write(p.join("ctx/a"), "a").expect("write");
        std::fs::write(p.join("Dockerfile.x"), "FROM scratch\n").expect("write");
        let (tar, dockerfile) = context_tar(&p.join("ctx"), &p.join("Dockerfile.x")).expect("tar");
        assert!(dockerfile.starts_with(".dockerfile."), "{dockerfile}");
        assert_eq!(names(&tar), ["a".to_owned(), dockerfile]);
    }

    #[test]
    fn the_streamed_context_is_the_same_tar() {
        let d = tempfile::tempdir().expect("tmp");
        let p = d.path();
        std::fs::write(p.join("Dockerfile"), "FROM scratch\n").expect("write");
        // Several chunks.
        std::fs::write(p.join("big"), vec![7u8; 3 * Chunks::SIZE + 5]).expect("write");
        let (whole, _) = context_tar(p, &p.join("Dockerfile")).expect("tar");
        let failure = Arc::new(Mutex::new(None));
        let stream = Context::new(p, &p.join("Dockerfile"))
            .expect("context")
            .stream(failure.clone());
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let chunks: Vec<_> = rt.block_on(stream.collect());
        let streamed: Vec<u8> = chunks
            .into_iter()
            .flat_map(|c| c.expect("chunk").to_vec())
            .collect();
        assert!(
            streamed == whole,
            "{} bytes, not {}",
            streamed.len(),
            whole.len()
        );
        assert_eq!(*failure.lock(), None);
    }

    #[test]
    fn a_missing_dockerfile_or_context_is_named() {
        let d = tempfile::tempdir().expect("tmp");
        let e =
            context_tar(&d.path().join("nope"), &d.path().join("Dockerfile")).expect_err("error");
        assert!(e.contains("nope"), "{e}");
        let e = context_tar(d.path(), &d.path().join("Dockerfile")).expect_err("error");
        assert!(e.contains("Cannot locate specified Dockerfile"), "{e}");
    }
}
