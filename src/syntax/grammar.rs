//! The pest parser generated from `grammar/jenkinsfile.pest`; nothing else lives here.

/// Generated parser; its `Rule` enum never leaves the `syntax` module.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/jenkinsfile.pest"]
pub(super) struct GroovyParser;
