//! Shared libraries as Jenkins lays them out: `vars/NAME.groovy` (global variables, with
//! `vars/NAME.txt` as their help), `src/**/*.groovy` (classes) and `resources/**`. This module
//! knows where libraries come from (`--library NAME=PATH|GIT_URL` and `[libraries.NAME]` in
//! `.jfrun.toml`), which ones a Jenkinsfile asks for (`@Library`, the `library` step, the
//! `libraries { lib(...) }` section) and which global variables a library folder defines. It
//! reads files only: cloning a git library is the runtime's business.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::source::Span;
use crate::syntax::ast::{Annotation, Arg, Callee, Expr, ExprKind, Script, Stmt, StmtKind};
use crate::syntax::visit::{Visitor, walk_expr, walk_script, walk_stmt};

/// A library jfrun knows of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Library {
    /// The name Jenkinsfiles load it by.
    pub name: String,
    /// Where its files are.
    pub source: Source,
    /// Loaded without being asked for, like Jenkins' "Load implicitly".
    pub implicit: bool,
    /// The ref used when a request names none.
    pub version: Option<String>,
}

/// Where a library's files are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A folder, used as it is on disk (uncommitted edits included).
    Folder(PathBuf),
    /// A git repository, cloned at the requested ref.
    Git(String),
}

/// `[libraries.NAME]` in `.jfrun.toml`: `path` or `git`, `implicit`, `version`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryConfig {
    /// A folder, relative to the file.
    pub path: Option<PathBuf>,
    /// A git repository's URL.
    pub git: Option<String>,
    /// Load it without `@Library`.
    #[serde(default)]
    pub implicit: bool,
    /// The default ref.
    pub version: Option<String>,
}

/// Whether `text` names a git repository rather than a folder.
fn is_git_url(text: &str) -> bool {
    ["https://", "http://", "ssh://", "git://", "file://", "git@"]
        .iter()
        .any(|p| text.starts_with(p))
        || text.to_ascii_lowercase().ends_with(".git")
}

/// `NAME=PATH` or `NAME=GIT_URL`, as `--library` takes it; a relative path is taken from
/// `base`. A library named on the command line loads implicitly.
pub fn parse_flag(spec: &str, base: &Path) -> Result<Library, String> {
    let (name, location) = spec
        .split_once('=')
        .filter(|(n, l)| !n.is_empty() && !l.is_empty())
        .ok_or_else(|| format!("--library takes NAME=PATH or NAME=GIT_URL, not '{spec}'"))?;
    let source = if is_git_url(location) {
        Source::Git(location.to_owned())
    } else {
        Source::Folder(base.join(location))
    };
    Ok(Library {
        name: name.to_owned(),
        source,
        implicit: true,
        version: None,
    })
}

/// The libraries of a `.jfrun.toml`'s `[libraries]` table; relative paths are taken from
/// `base`, the file's folder.
pub fn from_config(
    table: &BTreeMap<String, LibraryConfig>,
    base: &Path,
) -> Result<Vec<Library>, String> {
    table
        .iter()
        .map(|(name, c)| {
            let source = match (&c.path, &c.git) {
                (Some(p), None) => Source::Folder(base.join(p)),
                (None, Some(url)) => Source::Git(url.clone()),
                _ => {
                    return Err(format!(
                        "library '{name}': give either `path` or `git` in [libraries.{name}]"
                    ));
                }
            };
            Ok(Library {
                name: name.clone(),
                source,
                implicit: c.implicit,
                version: c.version.clone(),
            })
        })
        .collect()
}

/// The libraries of the `.jfrun.toml` at `path`, for the checks that run without a build
/// (lint, the language server): a file that cannot be read gives none.
#[must_use]
pub fn configured(path: &Path) -> Vec<Library> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let Some(libraries) = table.get("libraries").cloned() else {
        return Vec::new();
    };
    let Ok(libraries) = libraries.try_into::<BTreeMap<String, LibraryConfig>>() else {
        return Vec::new();
    };
    from_config(&libraries, path.parent().unwrap_or(Path::new("."))).unwrap_or_default()
}

/// A library a Jenkinsfile asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The library's name.
    pub name: String,
    /// The ref after `@`, if any.
    pub version: Option<String>,
    /// Where it is asked for.
    pub span: Span,
    /// Asked for by the `library` step, while the build runs; otherwise (`@Library`,
    /// `libraries { }`) before the build starts.
    pub by_step: bool,
}

/// `name@ref` split.
fn request(text: &str, span: Span, by_step: bool) -> Request {
    let (name, version) = match text.split_once('@') {
        Some((name, version)) => (name, Some(version.to_owned())),
        None => (text, None),
    };
    Request {
        name: name.to_owned(),
        version,
        span,
        by_step,
    }
}

/// Every library the script asks for, in order: `@Library('a')`, `@Library(['a', 'b@1.0'])`,
/// `library('a@ref')`, `library identifier: 'a@ref', ...` and `libraries { lib('a') }`.
#[must_use]
pub fn requests(script: &Script) -> Vec<Request> {
    let mut finder = Requests {
        found: Vec::new(),
        in_libraries: 0,
        by_step: false,
    };
    walk_script(&mut finder, script);
    finder.found
}

struct Requests {
    found: Vec<Request>,
    /// How many `libraries { }` blocks enclose the walk (`lib` means a library only there).
    in_libraries: usize,
    /// Whether the strings being read are the `library` step's.
    by_step: bool,
}

impl Requests {
    fn annotations(&mut self, annotations: &[Annotation]) {
        for a in annotations.iter().filter(|a| a.name.name == "Library") {
            for arg in a.args.iter().filter(|arg| arg.name.is_none()) {
                self.strings(&arg.value);
            }
        }
    }

    /// A string or a list of strings.
    fn strings(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Str(s) => self.found.push(request(s, e.span, self.by_step)),
            ExprKind::List(items) => items.iter().for_each(|i| self.strings(i)),
            _ => {}
        }
    }
}

impl Visitor for Requests {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::VarDecl(v) => self.annotations(&v.modifiers.annotations),
            StmtKind::Import(i) => self.annotations(&i.annotations),
            _ => {}
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &Expr) {
        if let ExprKind::Call(call) = &expr.kind
            && let Callee::Name(id) = &call.callee
            && id.name == "libraries"
        {
            self.in_libraries += 1;
            walk_expr(self, expr);
            self.in_libraries -= 1;
            return;
        }
        if let ExprKind::Call(call) = &expr.kind
            && let Callee::Name(id) = &call.callee
            && (id.name == "library" || (id.name == "lib" && self.in_libraries > 0))
        {
            self.by_step = id.name == "library";
            for arg in &call.args.items {
                match arg {
                    Arg::Positional(e) => self.strings(e),
                    Arg::Named {
                        key: crate::syntax::ast::MapKey::Name(k),
                        value,
                    } if k.name == "identifier" => {
                        self.strings(value);
                    }
                    _ => {}
                }
            }
            self.by_step = false;
        }
        walk_expr(self, expr);
    }
}

/// A global variable a library defines: `vars/NAME.groovy`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Global {
    /// Its name.
    pub name: String,
    /// Its script.
    pub path: PathBuf,
    /// `vars/NAME.txt`, the help Jenkins shows for it, when there is one.
    pub help: Option<String>,
}

/// The global variables of the library in `folder`, by name.
#[must_use]
pub fn globals(folder: &Path) -> Vec<Global> {
    let Ok(entries) = std::fs::read_dir(folder.join("vars")) else {
        return Vec::new();
    };
    let mut out: Vec<Global> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "groovy") && p.is_file())
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_owned();
            let help = std::fs::read_to_string(path.with_extension("txt")).ok();
            Some(Global { name, path, help })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Where the cache keeps a git library's checkout of `version` for the project in `project`.
#[must_use]
pub fn cache_folder(project: &Path, name: &str, version: &str) -> PathBuf {
    let safe: String = version
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    project
        .join(".jfrun/libraries")
        .join(format!("{name}@{safe}"))
}

/// A library a script uses: implicit, or asked for.
#[derive(Debug)]
pub struct Use<'l> {
    /// The library.
    pub library: &'l Library,
    /// The ref: the first request's, else the configured default.
    pub version: Option<String>,
    /// Loaded when the build starts (implicit, `@Library`, `libraries { }`); otherwise when
    /// the `library` step asks for it.
    pub at_start: bool,
}

impl Use<'_> {
    /// Where its files are for the project in `project`: the folder given, or the cache's
    /// checkout of a git library at its ref.
    #[must_use]
    pub fn folder(&self, project: &Path) -> PathBuf {
        match &self.library.source {
            Source::Folder(f) => f.clone(),
            Source::Git(_) => cache_folder(
                project,
                &self.library.name,
                self.version.as_deref().unwrap_or("HEAD"),
            ),
        }
    }
}

/// The libraries of `libraries` that a script making `requests` uses, in the order they
/// load: those asked for in the order they are asked for, the implicit ones after.
#[must_use]
pub fn used<'l>(libraries: &'l [Library], requests: &[Request]) -> Vec<Use<'l>> {
    let mut order: Vec<&Library> = Vec::new();
    for r in requests {
        if let Some(lib) = libraries.iter().find(|l| l.name == r.name) {
            if !order.iter().any(|o| o.name == lib.name) {
                order.push(lib);
            }
        }
    }
    order.extend(
        libraries
            .iter()
            .filter(|l| l.implicit && !requests.iter().any(|r| r.name == l.name)),
    );
    order
        .into_iter()
        .map(|library| {
            // The first request names the version, as in Jenkins.
            let request = requests.iter().find(|r| r.name == library.name);
            Use {
                version: request
                    .and_then(|r| r.version.clone())
                    .or_else(|| library.version.clone()),
                at_start: library.implicit
                    || requests
                        .iter()
                        .any(|r| r.name == library.name && !r.by_step),
                library,
            }
        })
        .collect()
}

/// The global variables a script may call, for the checks that run without a build: those of
/// the implicit libraries and of the libraries it asks for, read from their folders (a git
/// library from the cache, once a run has cloned it). `project` holds `.jfrun/`.
#[must_use]
pub fn visible_globals(libraries: &[Library], script: &Script, project: &Path) -> Vec<Global> {
    used(libraries, &requests(script))
        .iter()
        .flat_map(|u| globals(&u.folder(project)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn flags_and_config_name_folders_and_repositories() {
        let base = Path::new("/work");
        assert_eq!(
            parse_flag("acme=libs/acme", base).expect("flag").source,
            Source::Folder(PathBuf::from("/work/libs/acme"))
        );
        let git = parse_flag("acme=https://git.example.com/acme.git", base).expect("flag");
        assert_eq!(
            git.source,
            Source::Git("https://git.example.com/acme.git".to_owned())
        );
        assert!(git.implicit);
        assert!(parse_flag("acme", base).is_err());
        let table: BTreeMap<String, LibraryConfig> = toml::from_str(
            "[acme]\npath = \"../acme\"\nimplicit = true\n[tools]\ngit = \"file:///srv/tools.git\"\nversion = \"v2\"\n",
        )
        .expect("toml");
        let libs = from_config(&table, base).expect("libraries");
        assert_eq!(
            libs[0].source,
            Source::Folder(PathBuf::from("/work/../acme"))
        );
        assert_eq!(libs[1].version.as_deref(), Some("v2"));
        let both: BTreeMap<String, LibraryConfig> =
            toml::from_str("[x]\npath = \"a\"\ngit = \"b.git\"\n").expect("toml");
        assert!(from_config(&both, base).is_err());
    }

    #[test]
    fn every_way_of_asking_for_a_library_is_read() {
        let text = "@Library(['acme', 'tools@v1.2']) _\n@Library('classes') import com.acme.Thing\nlibrary 'dyn@main'\ndef lib(x) { x }\nlib('not-a-library')\ndef l = library(identifier: 'other@x', retriever: modernSCM([$class: 'GitSCMSource']))\npipeline { agent any\n libraries { lib('decl@2') }\n stages { stage('a') { steps { echo 'x' } } } }\n";
        let parsed = crate::syntax::parse(&SourceFile::new("Jenkinsfile", text));
        let got: Vec<(String, Option<String>)> = requests(&parsed.script.expect("parses"))
            .into_iter()
            .map(|r| (r.name, r.version))
            .collect();
        let want = [
            ("acme", None),
            ("tools", Some("v1.2")),
            ("classes", None),
            ("dyn", Some("main")),
            ("other", Some("x")),
            ("decl", Some("2")),
        ]
        .map(|(n, v)| (n.to_owned(), v.map(str::to_owned)));
        assert_eq!(got, want);
    }
}
