//! The single integration-test binary: one module per concern.

mod cli;
mod parse;
mod robustness;
mod support;
