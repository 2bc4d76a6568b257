//! The single integration-test binary: one module per concern.

mod cli;
mod editor_neovim;
mod groovy_cli;
mod groovy_eval;
mod groovy_oracle;
mod integrations;
mod lint_output;
mod lint_rules;
mod lsp;
mod parse;
mod robustness;
mod runtime;
mod runtime_steps;
mod support;
