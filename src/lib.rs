//! jfrun: run, lint and serve Jenkinsfiles natively.
//!
//! The layers, each a module: [`source`] (files and spans) → [`syntax`] (Groovy 2.4 AST and
//! syntax errors) → [`pipeline`] (the declarative model and Jenkins' validation rules, against
//! the [`catalog`] of steps and directives) → [`lint`] (the lint engine and jfrun's own rules,
//! with [`cron`] and [`java_regex`] for the strings Jenkins parses) → [`diagnostic`] (what is
//! shown to people and machines) → [`cli`] (the `jfrun` command).

pub mod catalog;
pub mod cli;
pub mod cron;
pub mod diagnostic;
pub mod eval;
pub mod java_regex;
pub mod library;
pub mod lint;
pub mod lsp;
pub mod pipeline;
pub mod project;
pub mod runtime;
pub mod source;
pub mod syntax;
