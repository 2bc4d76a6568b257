//! `jfrun lsp`: a Language Server for Jenkinsfiles on stdio.
//!
//! It publishes the diagnostics of `jfrun lint` (the same [`crate::lint::check`]) for every open
//! document, shows a step's catalogue entry on hover, completes what belongs where the cursor
//! is ([`completion`], with the pod template's [`containers`] and the project's
//! [`credential_ids`]), and gives the file's outline: the stage tree and functions as document
//! symbols, and folding ranges ([`outline`]). It finds, and renames, the functions and
//! variables the file defines ([`navigate`]), and offers the lints' fixes as quick fixes
//! ([`actions`]).
//!
//! The protocol layer is `lsp-server` with `lsp-types`, the pair rust-analyzer is built on and
//! maintains: a synchronous loop over a channel of messages, with the stdio framing
//! (`Content-Length`) done for us. It fits jfrun's checks, which are synchronous and fast, better
//! than `tower-lsp`, whose async trait design would need a runtime for nothing and whose
//! maintenance has moved to a fork. The loop owns its state, so debouncing is a receive with a
//! timeout, and tests can drive the same loop in memory or over stdio.
//!
//! Layering: this module depends on `source`, `syntax`, `pipeline`, `lint`, `diagnostic`,
//! `catalog`, `library` and `project` only, never on the evaluator or the runtime.

mod actions;
mod completion;
mod containers;
mod credential_ids;
mod diagnostics;
mod documents;
mod hover;
mod libraries;
mod navigate;
mod outline;
mod server;

pub use server::serve;

/// Runs the server on stdin/stdout until the client asks it to exit.
pub fn run_stdio() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    serve(&connection)?;
    // The reader thread ends at `exit` (or end of input), the writer once the sender is dropped.
    drop(connection);
    io_threads.join()?;
    Ok(())
}
