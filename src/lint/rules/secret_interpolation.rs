//! `lint/secret-interpolation`: a secret put into a step's text by Groovy (`sh "curl -u
//! $PASS"`), where the shell should have expanded it (`sh 'curl -u $PASS'`). Groovy builds the
//! string before the step runs, so the secret's value ends up in the process's command line and
//! can leak through `ps`, shell tracing and error messages; Jenkins only warns about it at run
//! time ("A secret was passed to \"sh\" using Groovy String interpolation, which is insecure").
//!
//! Secrets are the variables an enclosing `withCredentials([...]) { }` binds, and the
//! environment variables a declarative `environment { }` in scope defines with
//! `credentials('id')` (with their `_USR` and `_PSW` companions).

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::pipeline::model::{EnvValue, Environment, Pipeline, Stage, Stages};
use crate::source::Span;
use crate::syntax::ast::{
    Access, Arg, BinaryOp, Call, Callee, Expr, ExprKind, GStringPart, MapEntry, MapKey, Member,
};
use crate::syntax::visit::{Visitor, walk_expr, walk_script};

const CODE: &str = "lint/secret-interpolation";

/// Steps whose text argument Groovy interpolates, with that argument's name (it may also be
/// given as the only positional argument) and whether they run a shell.
const SINKS: &[(&str, &str, bool)] = &[
    ("bat", "script", true),
    ("echo", "message", false),
    ("error", "message", false),
    ("powershell", "script", true),
    ("pwsh", "script", true),
    ("sh", "script", true),
    ("unstable", "message", false),
    ("writeFile", "text", false),
];

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut scopes = Vec::new();
    if let Some(p) = cx.pipeline {
        declarative_scopes(p, &mut scopes);
    }
    let mut v = Finder {
        source: cx.source.text(),
        env_scopes: scopes,
        bound: Vec::new(),
        out,
    };
    walk_script(&mut v, cx.script);
}

/// A part of the file where declarative `credentials()` variables are defined.
struct EnvScope {
    span: Span,
    secrets: Vec<String>,
}

fn declarative_scopes(p: &Pipeline<'_>, out: &mut Vec<EnvScope>) {
    env_scope(p.span, p.environment.as_ref(), out);
    if let Some(s) = &p.stages {
        stages_scopes(s, out);
    }
}

fn stages_scopes(stages: &Stages<'_>, out: &mut Vec<EnvScope>) {
    for s in &stages.stages {
        stage_scopes(s, out);
    }
}

fn stage_scopes(s: &Stage<'_>, out: &mut Vec<EnvScope>) {
    env_scope(s.span, s.environment.as_ref(), out);
    for nested in [&s.parallel, &s.stages].into_iter().flatten() {
        stages_scopes(nested, out);
    }
    if let Some(m) = &s.matrix {
        env_scope(m.span, m.environment.as_ref(), out);
        if let Some(st) = &m.stages {
            stages_scopes(st, out);
        }
    }
}

fn env_scope(span: Span, env: Option<&Environment<'_>>, out: &mut Vec<EnvScope>) {
    let mut secrets = Vec::new();
    for (key, value) in env.iter().flat_map(|e| &e.vars) {
        if matches!(value, EnvValue::Credentials { .. }) {
            secrets.push(key.name.clone());
            // A username/password credential also defines NAME_USR and NAME_PSW.
            secrets.push(format!("{}_USR", key.name));
            secrets.push(format!("{}_PSW", key.name));
        }
    }
    if !secrets.is_empty() {
        out.push(EnvScope { span, secrets });
    }
}

struct Finder<'s, 'o> {
    source: &'s str,
    env_scopes: Vec<EnvScope>,
    /// The variables bound by each enclosing `withCredentials`, innermost last.
    bound: Vec<Vec<String>>,
    out: &'o mut Vec<Diagnostic>,
}

impl Finder<'_, '_> {
    fn is_secret(&self, name: &str, at: Span) -> bool {
        self.bound.iter().flatten().any(|b| b == name)
            || self
                .env_scopes
                .iter()
                .filter(|s| s.span.start <= at.start && at.end <= s.span.end)
                .any(|s| s.secrets.iter().any(|b| b == name))
    }

    /// The secret an interpolated expression reads: `X`, `env.X`, or either inside it.
    fn secret_in(&self, e: &Expr, at: Span) -> Option<String> {
        let mut found = SecretRead {
            finder: self,
            at,
            found: None,
        };
        found.visit_expr(e);
        found.found
    }

    fn sink(&mut self, step: &str, call: &Call) {
        let Some(&(_, param, shell)) = SINKS.iter().find(|(n, _, _)| *n == step) else {
            return;
        };
        let positional: Vec<&Expr> = call
            .args
            .items
            .iter()
            .filter_map(|a| match a {
                Arg::Positional(e) => Some(e),
                _ => None,
            })
            .collect();
        let mut texts: Vec<&Expr> = call
            .args
            .items
            .iter()
            .filter_map(|a| match a {
                Arg::Named {
                    key: MapKey::Name(k),
                    value,
                } if k.name == param => Some(value),
                _ => None,
            })
            .collect();
        if let [only] = positional.as_slice() {
            texts.push(only);
        }
        for t in texts {
            let mut strings = Vec::new();
            gstrings(t, &mut strings);
            for string in strings {
                let ExprKind::GString(parts) = &string.kind else {
                    continue;
                };
                for part in parts {
                    if let GStringPart::Expr(e) = part
                        && let Some(name) = self.secret_in(e, e.span)
                    {
                        let fixes = if shell {
                            self.fixes(step, string, parts, e)
                        } else {
                            Vec::new()
                        };
                        self.report(step, shell, &name, e.span, fixes);
                    }
                }
            }
        }
    }

    /// The secret a whole interpolation is, when it is nothing more: `$X`, `${X}`, `${env.X}`.
    fn plain_secret(&self, e: &Expr) -> Option<String> {
        let name = match &e.kind {
            ExprKind::Ident(name) => name,
            ExprKind::Property {
                object,
                name: Member::Name(id),
                access: Access::Dot | Access::Safe,
            } if matches!(&object.kind, ExprKind::Ident(env) if env == "env") => &id.name,
            _ => return None,
        };
        self.is_secret(name, e.span).then(|| name.clone())
    }

    /// The quick fixes for the secret interpolated as `e` into `string` for a shell step:
    /// let the shell expand that one variable (`\$X` in the GString), and, when every
    /// interpolation of the string is a secret, turn the whole string into a single-quoted one.
    fn fixes(&self, step: &str, string: &Expr, parts: &[GStringPart], e: &Expr) -> Vec<Fix> {
        let Some(name) = self.plain_secret(e) else {
            return Vec::new();
        };
        // Inside the script's own single quotes the shell would not expand the variable.
        let hole = interpolation_span(self.source, e.span);
        if step != "bat" && in_shell_single_quotes(self.source, string.span, hole.start as usize) {
            return Vec::new();
        }
        let mut fixes = vec![Fix {
            title: format!("Let the shell expand `{name}`"),
            edits: vec![Edit {
                span: interpolation_span(self.source, e.span),
                text: shell_reference(step, &name, true),
            }],
        }];
        if let Some(text) = self.single_quoted(step, string, parts) {
            fixes.push(Fix {
                title: "Use single quotes, so that the shell expands the secrets".to_owned(),
                edits: vec![Edit {
                    span: string.span,
                    text,
                }],
            });
        }
        fixes
    }

    /// `string` written with single quotes, every interpolation (each a secret) left to the
    /// shell; `None` when something else is interpolated or the string is not a plain
    /// `"..."` or `"""..."""` literal.
    fn single_quoted(&self, step: &str, string: &Expr, parts: &[GStringPart]) -> Option<String> {
        let literal = self
            .source
            .get(string.span.start as usize..string.span.end as usize)?;
        let quote =
            if literal.starts_with("\"\"\"") && literal.ends_with("\"\"\"") && literal.len() >= 6 {
                "\"\"\""
            } else if literal.starts_with('"') && literal.ends_with('"') && literal.len() >= 2 {
                "\""
            } else {
                return None;
            };
        let mut holes = Vec::new();
        for part in parts {
            if let GStringPart::Expr(e) = part {
                let name = self.plain_secret(e)?;
                holes.push((interpolation_span(self.source, e.span), name));
            }
        }
        let body_start = string.span.start as usize + quote.len();
        let body_end = string.span.end as usize - quote.len();
        let single = if quote.len() == 3 { "'''" } else { "'" };
        let mut out = String::from(single);
        let mut at = body_start;
        let bytes = self.source.as_bytes();
        while at < body_end {
            if let Some((span, name)) = holes.iter().find(|(s, _)| s.start as usize == at) {
                out.push_str(&shell_reference(step, name, false));
                at = span.end as usize;
                continue;
            }
            let c = self.source[at..].chars().next()?;
            match c {
                '\\' => {
                    let next = *bytes.get(at + 1)?;
                    match next {
                        b'$' | b'"' => out.push(next as char),
                        _ if next.is_ascii() => {
                            out.push('\\');
                            out.push(next as char);
                        }
                        _ => return None,
                    }
                    at += 2;
                    continue;
                }
                '\'' => out.push_str("\\'"),
                '$' => return None,
                _ => out.push(c),
            }
            at += c.len_utf8();
        }
        out.push_str(single);
        Some(out)
    }

    fn report(&mut self, step: &str, shell: bool, name: &str, expr: Span, fixes: Vec<Fix>) {
        let span = interpolation_span(self.source, expr);
        let help = if shell {
            format!(
                "use single quotes so the shell expands it: {step} 'curl -u {} ...' \u{2014} Jenkins only warns about this at run time, and the secret may leak into the command line and logs",
                shell_reference(step, name, false)
            )
        } else {
            format!(
                "leave the secret out of `{step}`'s text \u{2014} Jenkins only warns about this at run time, and the secret may leak into logs and files"
            )
        };
        let mut diagnostic = Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(
                CODE,
                format!("the secret `{name}` is interpolated by Groovy into this string"),
                span,
            )
        }
        .with_label("Groovy puts the secret's value here before the step runs")
        .with_help(help);
        diagnostic.fixes = fixes;
        self.out.push(diagnostic);
    }
}

/// Whether `at`, inside the string literal at `literal`, falls between single quotes of the
/// shell script the literal holds (`"curl -H 'Token: $T'"`).
fn in_shell_single_quotes(source: &str, literal: Span, at: usize) -> bool {
    let Some(text) = source.get(literal.start as usize..at) else {
        return false;
    };
    let (mut single, mut double, mut escaped) = (false, false, false);
    for c in text.chars().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' if !single => escaped = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            _ => {}
        }
    }
    single
}

/// How `step`'s shell reads the environment variable `name`; `in_gstring` escapes the `$`
/// that Groovy would otherwise interpolate.
fn shell_reference(step: &str, name: &str, in_gstring: bool) -> String {
    let dollar = if in_gstring { "\\$" } else { "$" };
    match step {
        "bat" => format!("%{name}%"),
        "powershell" | "pwsh" => format!("{dollar}env:{name}"),
        _ => format!("{dollar}{name}"),
    }
}

/// The GStrings an argument is built from: itself, parenthesised, joined with `+`, or with a
/// method called on it (`"""...""".stripIndent()`).
fn gstrings<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match &e.kind {
        ExprKind::GString(_) => out.push(e),
        ExprKind::Paren(inner) => gstrings(inner, out),
        ExprKind::Binary {
            op: BinaryOp::Add,
            lhs,
            rhs,
        } => {
            gstrings(lhs, out);
            gstrings(rhs, out);
        }
        ExprKind::Call(Call {
            callee: Callee::Method { object, .. },
            ..
        }) => gstrings(object, out),
        _ => {}
    }
}

/// `${expr}` or `$name` around an interpolated expression's span.
fn interpolation_span(source: &str, expr: Span) -> Span {
    let b = source.as_bytes();
    let (start, end) = (expr.start as usize, expr.end as usize);
    if start >= 1 && b.get(start - 1) == Some(&b'$') {
        return Span::new(start - 1, end);
    }
    let mut open = start;
    while open > 0 && b.get(open - 1).is_some_and(u8::is_ascii_whitespace) {
        open -= 1;
    }
    if open >= 2 && b.get(open - 1) == Some(&b'{') && b.get(open - 2) == Some(&b'$') {
        let mut close = end;
        while b.get(close).is_some_and(u8::is_ascii_whitespace) {
            close += 1;
        }
        if b.get(close) == Some(&b'}') {
            return Span::new(open - 2, close + 1);
        }
    }
    expr
}

/// Finds the first secret an expression reads.
struct SecretRead<'f, 's, 'o> {
    finder: &'f Finder<'s, 'o>,
    at: Span,
    found: Option<String>,
}

impl Visitor for SecretRead<'_, '_, '_> {
    fn visit_expr(&mut self, expr: &Expr) {
        if self.found.is_some() {
            return;
        }
        match &expr.kind {
            ExprKind::Ident(name) if self.finder.is_secret(name, self.at) => {
                self.found = Some(name.clone());
                return;
            }
            ExprKind::Property {
                object,
                name: Member::Name(id),
                access: Access::Dot | Access::Safe,
            } if matches!(&object.kind, ExprKind::Ident(env) if env == "env") => {
                if self.finder.is_secret(&id.name, self.at) {
                    self.found = Some(id.name.clone());
                }
                return;
            }
            _ => {}
        }
        walk_expr(self, expr);
    }
}

/// The variables a `withCredentials` call binds, read from its list of bindings.
fn bound_variables(call: &Call) -> Vec<String> {
    let mut names = Vec::new();
    let Some(Arg::Positional(first)) = call.args.items.first() else {
        return names;
    };
    let ExprKind::List(bindings) = &first.kind else {
        return names;
    };
    for b in bindings {
        match &b.kind {
            ExprKind::Call(c) => {
                let Callee::Name(binding) = &c.callee else {
                    continue;
                };
                let pairs: Vec<(&str, &Expr)> = c
                    .args
                    .items
                    .iter()
                    .filter_map(|a| match a {
                        Arg::Named {
                            key: MapKey::Name(k),
                            value,
                        } => Some((k.name.as_str(), value)),
                        _ => None,
                    })
                    .collect();
                variables_of(&pairs, &mut names);
                match binding.name.as_str() {
                    "aws" => {
                        for (param, default) in [
                            ("accessKeyVariable", "AWS_ACCESS_KEY_ID"),
                            ("secretKeyVariable", "AWS_SECRET_ACCESS_KEY"),
                        ] {
                            if !pairs.iter().any(|(k, _)| *k == param) {
                                names.push(default.to_owned());
                            }
                        }
                    }
                    "gitUsernamePassword" => {
                        names.push("GIT_USERNAME".to_owned());
                        names.push("GIT_PASSWORD".to_owned());
                    }
                    _ => {}
                }
            }
            // `[$class: 'UsernamePasswordMultiBinding', usernameVariable: 'U', ...]`
            ExprKind::Map(entries) => {
                let pairs: Vec<(&str, &Expr)> = entries
                    .iter()
                    .filter_map(|e| match e {
                        MapEntry::Pair {
                            key: MapKey::Name(k),
                            value,
                        } => Some((k.name.as_str(), value)),
                        MapEntry::Pair {
                            key: MapKey::Expr(k),
                            value,
                        } => match &k.kind {
                            ExprKind::Str(s) => Some((s.as_str(), value)),
                            _ => None,
                        },
                        MapEntry::Spread(_) => None,
                    })
                    .collect();
                variables_of(&pairs, &mut names);
            }
            _ => {}
        }
    }
    names
}

/// The values of `variable` and `...Variable` arguments that are string literals.
fn variables_of(pairs: &[(&str, &Expr)], out: &mut Vec<String>) {
    for (key, value) in pairs {
        if (*key == "variable" || key.ends_with("Variable"))
            && let ExprKind::Str(s) = &value.kind
        {
            out.push(s.clone());
        }
    }
}

impl Visitor for Finder<'_, '_> {
    fn visit_expr(&mut self, expr: &Expr) {
        if let ExprKind::Call(call) = &expr.kind
            && let Callee::Name(id) = &call.callee
        {
            if id.name == "withCredentials" {
                let bound = bound_variables(call);
                self.bound.push(bound);
                walk_expr(self, expr);
                self.bound.pop();
                return;
            }
            self.sink(&id.name, call);
        }
        walk_expr(self, expr);
    }
}
