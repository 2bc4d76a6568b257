//! `jfrun env`: the CI system jfrun finds itself in, and the Jenkins variables a build would
//! get from it (and from git where the CI says nothing).

use super::EXIT_OK;
use crate::runtime::ci;

/// Prints the detection: a comment naming the CI system, then `NAME=VALUE` lines.
#[allow(clippy::print_stdout)]
pub(super) fn env() -> u8 {
    let detected = ci::from_process();
    let mut vars: Vec<(String, String)> = Vec::new();
    match &detected {
        Some(d) => {
            println!("# CI: {}", d.system.name());
            vars.extend(d.vars.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        None => println!("# CI: none detected (a local run)"),
    }
    let here = std::env::current_dir().unwrap_or_default();
    let scm = crate::runtime::workspace::scm(&here);
    let mut from_git = Vec::new();
    if let Some(b) = &scm.branch {
        from_git.push(("BRANCH_NAME".to_owned(), b.clone()));
        from_git.push(("GIT_BRANCH".to_owned(), b.clone()));
    }
    from_git.extend(scm.vars);
    for (k, v) in from_git {
        if !vars.iter().any(|(n, _)| *n == k) {
            vars.push((k, v));
        }
    }
    for (k, v) in &vars {
        println!("{k}={v}");
    }
    EXIT_OK
}
