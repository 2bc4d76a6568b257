//! Shared libraries in a run. Before the build starts, the libraries it uses (the implicit
//! ones, and those the Jenkinsfile asks for) are fetched (a git library is cloned at its ref
//! into `.jfrun/libraries/NAME@REF`, with real git) and their `vars/` and `src/` scripts
//! parsed. While it runs, their global variables are exposed to the script (at the start, or
//! when the `library` step asks for them), `library('x').com.acme.Thing` reaches their
//! classes, and `libraryResource` reads their `resources/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use parking_lot::Mutex;

use crate::diagnostic::Diagnostic;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::host::{Found, global};
use crate::eval::interp::Interp;
use crate::eval::types::Type;
use crate::eval::value::Value;
use crate::library::{self, Library, Source};
use crate::source::SourceFile;
use crate::syntax::ast::{Script, StmtKind};

use super::build::Build;
use super::steps::{Call, StepArgs};

/// A parsed script of a library.
pub struct File {
    /// Its text, for messages.
    pub source: SourceFile,
    /// Its syntax tree.
    pub script: Script,
}

/// A library fetched and parsed before the build.
pub struct Loaded {
    /// Its name.
    pub name: String,
    /// The version asked for (or configured), if any.
    pub version: Option<String>,
    /// Where its files are: the folder given, or the git checkout in the cache.
    pub folder: PathBuf,
    /// `vars/NAME.groovy` by name.
    pub globals: Vec<(String, File)>,
    /// `src/**/*.groovy`.
    pub classes: Vec<File>,
    /// Given as a folder (used as it is on disk), not cloned.
    pub is_folder: bool,
    /// Loaded when the build starts (implicit, `@Library`, `libraries { }`); otherwise when
    /// the `library` step asks for it.
    pub at_start: bool,
}

impl Loaded {
    /// `NAME@VERSION` as Jenkins' log names a library.
    fn label(&self) -> String {
        match &self.version {
            Some(v) => format!("{}@{v}", self.name),
            None => self.name.clone(),
        }
    }
}

/// Why the libraries could not be prepared: the build does not start.
#[derive(Debug)]
pub enum PrepareError {
    /// A library's script does not parse.
    Syntax(SourceFile, Vec<Diagnostic>),
    /// Anything else: an unknown library, a failed clone, a folder without `vars/` or `src/`.
    Message(String),
}

/// The libraries a run of `script` uses: the implicit ones of `libraries`, and those the
/// script asks for (the `library` step's too, when its argument is a literal). `project` is
/// where `.jfrun/libraries` caches git checkouts; `note` receives progress lines.
pub fn prepare(
    libraries: &[Library],
    script: &Script,
    project: &Path,
    note: &dyn Fn(&str),
) -> Result<Vec<Loaded>, PrepareError> {
    let requests = library::requests(script);
    let missing: Vec<&str> = requests
        .iter()
        .filter(|r| !r.by_step && !libraries.iter().any(|l| l.name == r.name))
        .map(|r| r.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(PrepareError::Message(format!(
            "Could not find any definition of libraries [{}] (jfrun knows the libraries given with --library and in .jfrun.toml's [libraries]; see docs/libraries.md)",
            missing.join(", ")
        )));
    }
    // Libraries asked for load in the order they are asked for, implicit ones after.
    let mut order: Vec<&Library> = Vec::new();
    for r in &requests {
        if let Some(lib) = libraries.iter().find(|l| l.name == r.name) {
            if !order.iter().any(|o| o.name == lib.name) {
                order.push(lib);
            }
        }
    }
    for lib in libraries {
        if !order.iter().any(|o| o.name == lib.name) {
            order.push(lib);
        }
    }
    let mut out: Vec<Loaded> = Vec::new();
    for lib in order {
        // The first request names the version, as in Jenkins.
        let request = requests.iter().find(|r| r.name == lib.name);
        let at_start = lib.implicit || requests.iter().any(|r| r.name == lib.name && !r.by_step);
        if request.is_none() && !lib.implicit {
            continue;
        }
        let version = request
            .and_then(|r| r.version.clone())
            .or_else(|| lib.version.clone());
        let folder = match &lib.source {
            Source::Folder(f) => f.clone(),
            Source::Git(url) => {
                crate::project::state_dir(project).map_err(|e| {
                    PrepareError::Message(format!(
                        "cannot create {}/.jfrun: {e}",
                        project.display()
                    ))
                })?;
                let folder =
                    library::cache_folder(project, &lib.name, version.as_deref().unwrap_or("HEAD"));
                fetch(url, version.as_deref(), &folder, note)
                    .map_err(|e| PrepareError::Message(format!("library {}: {e}", lib.name)))?;
                folder
            }
        };
        if !folder.join("vars").is_dir() && !folder.join("src").is_dir() {
            return Err(PrepareError::Message(format!(
                "Library {} expected to contain at least one of src or vars directories (looked in {})",
                lib.name,
                folder.display()
            )));
        }
        let mut globals = Vec::new();
        for g in library::globals(&folder) {
            globals.push((g.name, parse(&g.path)?));
        }
        let mut class_paths = Vec::new();
        collect_groovy(&folder.join("src"), &mut class_paths);
        class_paths.sort();
        let mut classes = Vec::new();
        for path in &class_paths {
            classes.push(parse(path)?);
        }
        out.push(Loaded {
            name: lib.name.clone(),
            version,
            folder,
            globals,
            classes,
            at_start,
            is_folder: matches!(lib.source, Source::Folder(_)),
        });
    }
    check_imports(script, &out)?;
    Ok(out)
}

/// Fails as Groovy's compiler does (`unable to resolve class`) for an import of a library
/// class that no library defines: an import that `@Library` annotates, or one in a package
/// of a library's `src/`. The message says where jfrun looked.
fn check_imports(script: &Script, loaded: &[Loaded]) -> Result<(), PrepareError> {
    let mut defined: Vec<String> = Vec::new();
    let mut packages: Vec<String> = Vec::new();
    for file in loaded.iter().flat_map(|l| &l.classes) {
        let package = file.script.package.as_ref().map(|p| p.name.clone());
        let prefix = package
            .as_ref()
            .map_or_else(String::new, |p| format!("{p}."));
        for stmt in &file.script.statements {
            if let StmtKind::Class(c) = &stmt.kind {
                defined.push(format!("{prefix}{}", c.name.name));
            }
        }
        packages.extend(package);
    }
    for stmt in &script.statements {
        let StmtKind::Import(import) = &stmt.kind else {
            continue;
        };
        let name = &import.name.name;
        let package = name.rsplit_once('.').map_or("", |(p, _)| p);
        let for_library = import.annotations.iter().any(|a| a.name.name == "Library")
            || packages.iter().any(|p| p == package);
        if import.is_static || import.star || !for_library || defined.contains(name) {
            continue;
        }
        let file = format!("src/{}.groovy", name.replace('.', "/"));
        let looked: Vec<String> = loaded
            .iter()
            .map(|l| format!("{} ({})", l.folder.join(&file).display(), l.name))
            .collect();
        let looked = if looked.is_empty() {
            "no library is loaded".to_owned()
        } else {
            format!("jfrun looked for {}", looked.join(", "))
        };
        return Err(PrepareError::Message(format!(
            "WorkflowScript: unable to resolve class {name} ({looked})"
        )));
    }
    Ok(())
}

/// Reads and parses one script of a library.
fn parse(path: &Path) -> Result<File, PrepareError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| PrepareError::Message(format!("cannot read {}: {e}", path.display())))?;
    let source = SourceFile::new(path.display().to_string(), text);
    let parsed = crate::syntax::parse(&source);
    let mut errors = parsed.diagnostics();
    if let Some(script) = &parsed.script {
        errors.extend(crate::eval::compile::errors(script));
    }
    match parsed.script {
        Some(script) if errors.is_empty() => Ok(File { source, script }),
        _ => Err(PrepareError::Syntax(source, errors)),
    }
}

/// Every `*.groovy` file under `dir`.
fn collect_groovy(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_groovy(&path, out);
        } else if path.extension().is_some_and(|x| x == "groovy") {
            out.push(path);
        }
    }
}

/// Runs git in `dir` (or without one), failing with its message.
fn git(dir: Option<&Path>, args: &[&str]) -> Result<String, String> {
    let mut cmd = Command::new("git");
    if let Some(d) = dir {
        cmd.arg("-C").arg(d);
    }
    let out = cmd
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

/// Brings the cache's checkout of `url` in `folder` to `version` (a branch, a tag or a
/// commit; the remote's default branch when `None`): cloned the first time, fetched again
/// on later runs, as Jenkins retrieves a library for every build.
fn fetch(
    url: &str,
    version: Option<&str>,
    folder: &Path,
    note: &dyn Fn(&str),
) -> Result<(), String> {
    if folder.join(".git").is_dir() {
        if let Err(e) = git(
            Some(folder),
            &[
                "fetch",
                "--quiet",
                "--force",
                "--tags",
                "origin",
                "+refs/heads/*:refs/remotes/origin/*",
            ],
        ) {
            note(&format!(
                "Could not update the cached library from {url} ({e}); using the copy in {}",
                folder.display()
            ));
        }
    } else {
        if let Some(parent) = folder.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        note(&format!("Cloning {url} into {}", folder.display()));
        let target = folder.display().to_string();
        git(None, &["clone", "--quiet", "--no-checkout", url, &target])
            .map_err(|e| format!("cannot clone {url}: {e}"))?;
    }
    let candidates: Vec<String> = match version {
        None => vec!["origin/HEAD".to_owned()],
        Some(v) => vec![
            format!("origin/{v}"),
            format!("refs/tags/{v}"),
            v.to_owned(),
        ],
    };
    let commit = candidates
        .iter()
        .find_map(|c| {
            git(
                Some(folder),
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    &format!("{c}^{{commit}}"),
                ],
            )
            .ok()
        })
        .ok_or_else(|| {
            format!(
                "{url} has no branch, tag or commit named {}",
                version.unwrap_or("HEAD")
            )
        })?;
    git(
        Some(folder),
        &["checkout", "--quiet", "--force", "--detach", &commit],
    )
    .map_err(|e| format!("cannot check out {commit}: {e}"))?;
    git(Some(folder), &["clean", "--quiet", "-fdx"]).map(|_| ())
}

/// The libraries of a running build: what was loaded, and which are in use.
pub struct Libraries<'a> {
    /// The libraries prepared before the build.
    pub loaded: &'a [Loaded],
    /// Per library, whether the build uses it yet.
    active: Mutex<Vec<bool>>,
}

impl<'a> Libraries<'a> {
    /// The libraries prepared for the build.
    #[must_use]
    pub fn new(loaded: &'a [Loaded]) -> Self {
        Libraries {
            loaded,
            active: Mutex::new(vec![false; loaded.len()]),
        }
    }

    /// Loads every library's code into the evaluator, and exposes the global variables of
    /// those used from the start, logging `Loading library` as Jenkins does.
    pub fn load<'s>(&self, b: &Build<'s>, i: &mut Interp<'s>)
    where
        'a: 's,
    {
        let class_files: Vec<&'a Script> = self
            .loaded
            .iter()
            .flat_map(|l| l.classes.iter().map(|f| &f.script))
            .collect();
        let global_scripts: Vec<(&'a str, &'a Script)> = self
            .loaded
            .iter()
            .flat_map(|l| l.globals.iter().map(|(n, f)| (n.as_str(), &f.script)))
            .collect();
        i.load(&class_files, &global_scripts);
        for (n, l) in self.loaded.iter().enumerate() {
            if l.at_start {
                self.activate(b, i, n);
            }
        }
    }

    /// Puts library `n` in use: its global variables become reachable.
    fn activate(&self, b: &Build<'_>, i: &Interp<'_>, n: usize) {
        let l = &self.loaded[n];
        b.log.line(&format!("Loading library {}", l.label()));
        if l.is_folder {
            b.log.note(&format!(
                "(library {} is the folder {}, as it is on disk)",
                l.name,
                l.folder.display()
            ));
        }
        // Global scripts were loaded in library order.
        let first: usize = self.loaded[..n].iter().map(|l| l.globals.len()).sum();
        for (k, (name, _)) in l.globals.iter().enumerate() {
            i.expose(name, first + k);
        }
        self.active.lock()[n] = true;
    }

    /// The folders of the libraries in use, for the messages that say where jfrun looked.
    fn active_folders(&self) -> Vec<(String, PathBuf)> {
        let active = self.active.lock();
        self.loaded
            .iter()
            .zip(active.iter())
            .filter(|(_, a)| **a)
            .map(|(l, _)| (l.name.clone(), l.folder.clone()))
            .collect()
    }

    /// Where jfrun looked for a global variable `name`, when libraries are in use; or which
    /// configured library, not loaded, defines it.
    #[must_use]
    pub fn searched_for_global(&self, name: &str, configured: &[Library]) -> Option<String> {
        let folders = self.active_folders();
        if folders.is_empty() {
            let defining = configured.iter().find(|l| match &l.source {
                Source::Folder(f) => f.join("vars").join(format!("{name}.groovy")).is_file(),
                Source::Git(_) => false,
            })?;
            return Some(format!(
                "{name} is a global variable of the library {lib}, which this Jenkinsfile does not load: add @Library('{lib}') _, or set implicit = true in [libraries.{lib}]",
                lib = defining.name
            ));
        }
        let places: Vec<String> = folders
            .iter()
            .map(|(lib, f)| {
                format!(
                    "{} ({lib})",
                    f.join("vars").join(format!("{name}.groovy")).display()
                )
            })
            .collect();
        Some(format!(
            "No global variable {name} in the shared libraries in use: jfrun looked for {}",
            places.join(", ")
        ))
    }
}

/// Prefix of the host globals that stand for a library's classes (Jenkins' `LoadedClasses`):
/// `library:NAME:PACKAGE.:CLASS`.
const CLASSES_PREFIX: &str = "library:";

/// Whether a host global stands for a library's classes.
#[must_use]
pub fn owns(g: &str) -> bool {
    g.starts_with(CLASSES_PREFIX)
}

fn classes_value<'a>(library: &str, prefix: &str, class: &str) -> Value<'a> {
    global(
        "org.jenkinsci.plugins.workflow.libs.LibraryStep$LoadedClasses",
        &format!("{CLASSES_PREFIX}{library}:{prefix}:{class}"),
    )
}

/// `library 'name@ref'` (or `library identifier: 'name@ref'`): puts the library in use and
/// returns its classes.
pub fn library_step<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("library", Some("identifier"), args)?;
    let identifier = a.required(c.i, "identifier")?;
    let name = identifier
        .split_once('@')
        .map_or(identifier.as_str(), |(n, _)| n)
        .to_owned();
    let libs = &c.b.libraries;
    let Some(n) = libs.loaded.iter().position(|l| l.name == name) else {
        let configured = c.b.opts.libraries.iter().any(|l| l.name == name);
        let why = if configured {
            format!(
                "No library named {name} found (jfrun loads the libraries a `library` step names with a literal string before the build starts; write '{identifier}' as a literal)"
            )
        } else {
            format!("No library named {name} found")
        };
        return throw("hudson.AbortException", why);
    };
    if libs.active.lock()[n] {
        c.b.log
            .line(&format!("Only using first definition of library {name}"));
    } else {
        libs.activate(c.b, c.i, n);
    }
    Ok(classes_value(&name, "", ""))
}

/// `libraryResource 'path'`: a file of the `resources/` folder of the libraries in use, as
/// text (or Base64 with `encoding: 'Base64'`).
pub fn library_resource<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("libraryResource", Some("resource"), args)?;
    let resource = a.required(c.i, "resource")?;
    let encoding = a.string(c.i, "encoding")?;
    if resource.split(['/', '\\']).any(|p| p == "..") {
        return throw(
            "hudson.AbortException",
            format!("No such library resource {resource} could be found."),
        );
    }
    let found: Vec<(String, PathBuf)> =
        c.b.libraries
            .active_folders()
            .into_iter()
            .map(|(lib, f)| (lib, f.join("resources").join(&resource)))
            .filter(|(_, p)| p.is_file())
            .collect();
    match found.as_slice() {
        [] => throw(
            "hudson.AbortException",
            format!("No such library resource {resource} could be found."),
        ),
        [(_, path)] => {
            let bytes = std::fs::read(path).map_err(|e| {
                crate::eval::error::exception(
                    "java.io.IOException",
                    Some(format!("{}: {e}", path.display())),
                )
            });
            let bytes = match bytes {
                Ok(b) => b,
                Err(exc) => return Err(Signal::Throw(exc, None)),
            };
            Ok(Value::str(match encoding.as_deref() {
                Some("Base64") => {
                    use base64::Engine;
                    base64::engine::general_purpose::STANDARD.encode(&bytes)
                }
                _ => String::from_utf8_lossy(&bytes).into_owned(),
            }))
        }
        many => throw(
            "hudson.AbortException",
            format!(
                "Library resource {resource} ambiguous among libraries [{}]",
                many.iter()
                    .map(|(l, _)| l.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    }
}

/// `library('x').com.acme`... : a package component, or a class once the name is
/// capitalised, then a static field of that class.
pub fn get<'a>(i: &Interp<'a>, g: &str, property: &str) -> Found<'a> {
    let (library, prefix, class) = split(g);
    if !class.is_empty() {
        if let Some(Type::User(c)) = class_named(i, &format!("{prefix}{class}")) {
            let target = Value::Class(Type::User(c));
            if let Ok(v) = i.get_property(&target, property, crate::source::Span::default()) {
                return Ok(Some(v));
            }
        }
    }
    if property.starts_with(|ch: char| ch.is_ascii_uppercase()) {
        let full_class = if class.is_empty() {
            property.to_owned()
        } else {
            format!("{class}${property}")
        };
        if class_named(i, &format!("{prefix}{full_class}")).is_none() {
            return throw(
                "groovy.lang.GroovyRuntimeException",
                format!(
                    "java.lang.ClassNotFoundException: {prefix}{full_class} (jfrun looked for src/{}.groovy in library {library})",
                    prefix.replace('.', "/")
                        + class
                            .split('$')
                            .next()
                            .filter(|c| !c.is_empty())
                            .unwrap_or(property)
                ),
            );
        }
        return Ok(Some(classes_value(library, prefix, &full_class)));
    }
    if !class.is_empty() {
        return throw(
            "groovy.lang.MissingPropertyException",
            format!("No such property: {property} for class: {prefix}{class}"),
        );
    }
    Ok(Some(classes_value(
        library,
        &format!("{prefix}{property}."),
        "",
    )))
}

/// `library('x').com.acme.Thing.new(...)` and static methods.
pub fn invoke<'a>(
    i: &Interp<'a>,
    g: &str,
    method: &str,
    args: Vec<Value<'a>>,
    span: crate::source::Span,
) -> Found<'a> {
    let (_, prefix, class) = split(g);
    let Some(Type::User(c)) = class_named(i, &format!("{prefix}{class}")) else {
        return Ok(None);
    };
    if method == "new" {
        return i.construct(&c, args).map(Some);
    }
    i.invoke_method(&Value::Class(Type::User(c)), method, args, span)
        .map(Some)
}

fn split(g: &str) -> (&str, &str, &str) {
    let rest = &g[CLASSES_PREFIX.len()..];
    let mut parts = rest.splitn(3, ':');
    let library = parts.next().unwrap_or_default();
    let prefix = parts.next().unwrap_or_default();
    let class = parts.next().unwrap_or_default();
    (library, prefix, class)
}

fn class_named<'a>(i: &Interp<'a>, full: &str) -> Option<Type<'a>> {
    i.classes.get(full).map(|c| Type::User(c.clone()))
}
