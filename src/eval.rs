//! Groovy 2.4, evaluated: the language Jenkinsfiles are written in, with the semantics Jenkins
//! users know (BigDecimal literals, GString keys, Groovy truth, `sort` mutating...), Groovy's
//! error messages, and a sandbox like Jenkins' script security.
//!
//! Values live in [`value`] (numbers in [`number`] and [`decimal`], text forms in [`text`]),
//! classes in [`types`] and [`classes`], the evaluator in [`interp`], the runtime's methods in
//! [`gdk`] (the Groovy Development Kit's methods). [`run_script`] runs a plain script as `jfrun groovy` does.

// Java's narrowing and widening conversions (`(int) 3.7`, `long` to `int`, `char` codes) are
// the semantics being reproduced here, so numeric casts are deliberate throughout.
#![allow(
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss,
    clippy::cast_lossless
)]
// The runtime's method tables are long matches on (name, arguments), where short names
// (`i` for the interpreter, `s` for the receiver's text) and arms with the same body for
// different method names read best.
#![allow(
    clippy::many_single_char_names,
    clippy::match_same_arms,
    clippy::unnested_or_patterns,
    clippy::too_many_lines,
    clippy::similar_names,
    clippy::unused_self,
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps,
    clippy::items_after_statements,
    clippy::new_ret_no_self
)]

mod assertion;
pub mod call;
pub mod classes;
pub mod closure;
pub mod compile;
pub mod decimal;
pub mod error;
mod expr;
pub mod gdk;
pub mod host;
pub mod interp;
pub mod number;
mod object;
pub mod ops;
mod property;
pub mod regex;
pub mod sandbox;
pub mod scope;
mod stmt;
pub mod text;
pub mod types;
pub mod value;

use std::io::Write;

use crate::source::SourceFile;
use crate::syntax;
use error::Signal;

/// How a script run ended.
#[derive(Debug, Eq, PartialEq)]
pub enum Outcome {
    /// It ran to the end.
    Completed,
    /// An exception escaped: Groovy's `Caught: ...` line and the location it was thrown at.
    Failed {
        /// `java.lang.ArithmeticException: Division by zero`
        exception: String,
        /// `file:line:column`, when known.
        location: Option<String>,
    },
    /// The file is not valid Groovy.
    SyntaxError(Vec<crate::diagnostic::Diagnostic>),
}

/// Runs a plain Groovy script, printing to `out`, as the class `class_name` (Jenkins names a
/// Jenkinsfile's class `WorkflowScript`).
#[must_use]
pub fn run_script(file: &SourceFile, class_name: &str, out: Box<dyn Write + Send + '_>) -> Outcome {
    let parsed = syntax::parse(file);
    if !parsed.is_ok() {
        return Outcome::SyntaxError(parsed.diagnostics());
    }
    let Some(script) = parsed.script else {
        return Outcome::SyntaxError(parsed.diagnostics());
    };
    if let Some(refusal) = sandbox::check_script(&script) {
        return Outcome::Failed {
            exception: refusal,
            location: None,
        };
    }
    let errors = compile::errors(&script);
    if !errors.is_empty() {
        return Outcome::SyntaxError(errors);
    }
    stacker::grow(interp::SCRIPT_STACK, || {
        let interp = interp::Interp::new(&script, class_name, out);
        let result = interp.run();
        interp.flush();
        match result {
            Ok(_) | Err(Signal::Return(_) | Signal::Break(_) | Signal::Continue(_)) => {
                Outcome::Completed
            }
            Err(Signal::Throw(exc, span)) => {
                let exception = caught_text(&interp, &exc);
                let location = span.map(|s| {
                    let lc = file.line_col(s.start as usize);
                    format!("{}:{}:{}", file.name(), lc.line, lc.column)
                });
                Outcome::Failed {
                    exception,
                    location,
                }
            }
        }
    })
}

/// What Groovy prints after `Caught: ` for an uncaught exception.
fn caught_text<'a>(interp: &interp::Interp<'a>, exc: &value::Value<'a>) -> String {
    let class = types::type_of(exc).name();
    if class == "org.codehaus.groovy.runtime.powerassert.PowerAssertionError" {
        let message = match exc {
            value::Value::Object(o) => o
                .field("message")
                .map(|m| text::display(&m))
                .unwrap_or_default(),
            _ => String::new(),
        };
        return message;
    }
    interp
        .to_s(exc)
        .unwrap_or_else(|_| text::throwable_text(exc))
}
