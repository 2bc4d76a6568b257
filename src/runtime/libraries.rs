//! Shared libraries in a run. Before the build starts, the libraries it uses (the implicit
//! ones, and those the Jenkinsfile asks for) are fetched (a git library is cloned at its ref
//! into `.jfrun/libraries/NAME@REF`, with real git) and their `vars/` and `src/` scripts
//! parsed. While it runs, their global variables are exposed to the script (at the start, or
//! when the `library` step asks for them), `library('x').com.acme.Thing` reaches their
//! classes, and `libraryResource` reads their `resources/`.

use std::path::{Path, PathBuf};

use parking_lot::Mutex;

use crate::diagnostic::Diagnostic;
use crate::eval::interp::Interp;
use crate::library::{self, Library, Source};
use crate::source::SourceFile;
use crate::syntax::ast::{Script, StmtKind};

use super::build::Build;

pub mod classes;
mod git;

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
    /// A library's script does not compile: a syntax error, or a class nothing declares.
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
    let mut out: Vec<Loaded> = Vec::new();
    for used in library::used(libraries, &requests) {
        let lib = used.library;
        let folder = used.folder(project);
        if let Source::Git(url) = &lib.source {
            crate::project::state_dir(project).map_err(|e| {
                PrepareError::Message(format!("cannot create {}/.jfrun: {e}", project.display()))
            })?;
            git::fetch(url, used.version.as_deref(), &folder, note)
                .map_err(|e| PrepareError::Message(format!("library {}: {e}", lib.name)))?;
        }
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
            version: used.version,
            folder,
            globals,
            classes,
            at_start: used.at_start,
            is_folder: matches!(lib.source, Source::Folder(_)),
        });
    }
    check_imports(script, &out)?;
    check_classes(&out)?;
    Ok(out)
}

/// The classes the libraries' `src/` files declare: package (empty for none) and name.
fn declared_classes(loaded: &[Loaded]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for file in loaded.iter().flat_map(|l| &l.classes) {
        let package = file
            .script
            .package
            .as_ref()
            .map_or_else(String::new, |p| p.name.clone());
        for stmt in &file.script.statements {
            if let StmtKind::Class(c) = &stmt.kind {
                out.push((package.clone(), c.name.name.clone()));
            }
        }
    }
    out
}

/// The library classes a file in `package` (empty for none: the Jenkinsfile, `vars/`) sees
/// without importing them: those of its own package, and those of no package.
fn visible_classes(declared: &[(String, String)], package: &str) -> Vec<String> {
    declared
        .iter()
        .filter(|(p, _)| p.is_empty() || p == package)
        .map(|(_, name)| name.clone())
        .collect()
}

/// The library classes the Jenkinsfile sees without importing them: those of no package.
#[must_use]
pub fn classes_visible_to_the_script(loaded: &[Loaded]) -> Vec<String> {
    visible_classes(&declared_classes(loaded), "")
}

/// What Groovy's compiler rejects in the libraries' files (`new` of a class nothing
/// declares), each file seeing the library classes of its own package.
fn check_classes(loaded: &[Loaded]) -> Result<(), PrepareError> {
    let declared = declared_classes(loaded);
    let files = loaded
        .iter()
        .flat_map(|l| l.globals.iter().map(|(_, f)| f).chain(&l.classes));
    for file in files {
        let package = file.script.package.as_ref().map_or("", |p| p.name.as_str());
        let errors =
            crate::eval::compile::errors_with(&file.script, &visible_classes(&declared, package));
        if !errors.is_empty() {
            return Err(PrepareError::Syntax(file.source.clone(), errors));
        }
    }
    Ok(())
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
    let errors = parsed.diagnostics();
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

/// The libraries of a running build: what was loaded, and which are in use.
pub struct Libraries<'a> {
    /// The libraries prepared before the build.
    pub loaded: &'a [Loaded],
    /// Per library, whether the build uses it yet.
    pub(super) active: Mutex<Vec<bool>>,
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
    pub(super) fn activate(&self, b: &Build<'_>, i: &Interp<'_>, n: usize) {
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
    pub(super) fn active_folders(&self) -> Vec<(String, PathBuf)> {
        let active = self.active.lock();
        self.loaded
            .iter()
            .zip(active.iter())
            .filter(|(_, a)| **a)
            .map(|(l, _)| (l.name.clone(), l.folder.clone()))
            .collect()
    }

    /// The folder of the library called `name`, if it was prepared.
    #[must_use]
    pub fn folder(&self, name: &str) -> Option<&Path> {
        self.loaded
            .iter()
            .find(|l| l.name == name)
            .map(|l| l.folder.as_path())
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
