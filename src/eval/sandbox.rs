//! The sandbox: like Jenkins' script security, Groovy code run by jfrun cannot start
//! processes, touch files or the network, exit the process, load classes or fetch code; each
//! refusal names the call (in Jenkins' words, `Scripts not permitted to use ...`) and the step
//! that does the job instead.

use super::error::{Signal, throw};
use super::types::type_of;
use super::value::Value;
use crate::syntax::ast::{self, StmtKind};

/// Jenkins' exception for a call its sandbox refuses.
pub const REJECTED: &str = "org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException";

/// A refused call: what Jenkins calls it, and what to use instead.
struct Rule {
    receiver: &'static str,
    method: &'static str,
    signature: &'static str,
    instead: &'static str,
}

/// Calls on values (`receiver` is the class of the value, or `Class:` + a class for static
/// calls).
const RULES: &[Rule] = &[
    Rule {
        receiver: "java.lang.String",
        method: "execute",
        signature: "method java.lang.String execute",
        instead: "the sh step (def out = sh(script: '...', returnStdout: true))",
    },
    Rule {
        receiver: "org.codehaus.groovy.runtime.GStringImpl",
        method: "execute",
        signature: "method java.lang.String execute",
        instead: "the sh step (def out = sh(script: \"...\", returnStdout: true))",
    },
    Rule {
        receiver: "java.util.ArrayList",
        method: "execute",
        signature: "method java.util.List execute",
        instead: "the sh step",
    },
    Rule {
        receiver: "Class:java.lang.System",
        method: "exit",
        signature: "staticMethod java.lang.System exit int",
        instead: "error('message') to fail the build",
    },
    Rule {
        receiver: "Class:java.lang.System",
        method: "getenv",
        signature: "staticMethod java.lang.System getenv",
        instead: "env.NAME",
    },
    Rule {
        receiver: "Class:java.lang.System",
        method: "setProperty",
        signature: "staticMethod java.lang.System setProperty java.lang.String java.lang.String",
        instead: "withEnv",
    },
    Rule {
        receiver: "Class:java.lang.Runtime",
        method: "getRuntime",
        signature: "staticMethod java.lang.Runtime getRuntime",
        instead: "the sh step",
    },
    Rule {
        receiver: "Class:java.lang.Thread",
        method: "sleep",
        signature: "staticMethod java.lang.Thread sleep long",
        instead: "the sleep step",
    },
    Rule {
        receiver: "*",
        method: "getClassLoader",
        signature: "method java.lang.Class getClassLoader",
        instead: "the library step to load code",
    },
    Rule {
        receiver: "*",
        method: "getDeclaredMethods",
        signature: "method java.lang.Class getDeclaredMethods",
        instead: "plain calls",
    },
    Rule {
        receiver: "*",
        method: "getDeclaredField",
        signature: "method java.lang.Class getDeclaredField java.lang.String",
        instead: "plain property access",
    },
    Rule {
        receiver: "*",
        method: "getMethod",
        signature: "method java.lang.Class getMethod java.lang.String java.lang.Class[]",
        instead: "plain calls or invokeMethod",
    },
    Rule {
        receiver: "java.net.URL",
        method: "getText",
        signature: "staticMethod org.codehaus.groovy.runtime.DefaultGroovyMethods getText java.net.URL",
        instead: "sh 'curl ...' or httpRequest",
    },
    Rule {
        receiver: "java.net.URL",
        method: "openConnection",
        signature: "method java.net.URL openConnection",
        instead: "sh 'curl ...' or httpRequest",
    },
    Rule {
        receiver: "java.net.URL",
        method: "openStream",
        signature: "method java.net.URL openStream",
        instead: "sh 'curl ...' or httpRequest",
    },
    Rule {
        receiver: "java.net.URL",
        method: "newReader",
        signature: "staticMethod org.codehaus.groovy.runtime.DefaultGroovyMethods newReader java.net.URL",
        instead: "sh 'curl ...' or httpRequest",
    },
    Rule {
        receiver: "java.net.URL",
        method: "newInputStream",
        signature: "staticMethod org.codehaus.groovy.runtime.DefaultGroovyMethods newInputStream java.net.URL",
        instead: "sh 'curl ...' or httpRequest",
    },
    Rule {
        receiver: "java.net.URL",
        method: "withReader",
        signature: "staticMethod org.codehaus.groovy.runtime.DefaultGroovyMethods withReader java.net.URL groovy.lang.Closure",
        instead: "sh 'curl ...' or httpRequest",
    },
    Rule {
        receiver: "java.net.URL",
        method: "withInputStream",
        signature: "staticMethod org.codehaus.groovy.runtime.DefaultGroovyMethods withInputStream java.net.URL groovy.lang.Closure",
        instead: "sh 'curl ...' or httpRequest",
    },
    Rule {
        receiver: "java.net.URL",
        method: "eachLine",
        signature: "staticMethod org.codehaus.groovy.runtime.DefaultGroovyMethods eachLine java.net.URL groovy.lang.Closure",
        instead: "sh 'curl ...' or httpRequest",
    },
    Rule {
        receiver: "java.net.URL",
        method: "readLines",
        signature: "staticMethod org.codehaus.groovy.runtime.DefaultGroovyMethods readLines java.net.URL",
        instead: "sh 'curl ...' or httpRequest",
    },
    Rule {
        receiver: "java.net.URL",
        method: "getBytes",
        signature: "staticMethod org.codehaus.groovy.runtime.DefaultGroovyMethods getBytes java.net.URL",
        instead: "sh 'curl ...' or httpRequest",
    },
];

/// Script-level functions refused.
const FUNCTIONS: &[Rule] = &[
    Rule {
        receiver: "script",
        method: "evaluate",
        signature: "method groovy.lang.Script evaluate java.lang.String",
        instead: "the load step",
    },
    Rule {
        receiver: "script",
        method: "exit",
        signature: "staticMethod java.lang.System exit int",
        instead: "error('message') to fail the build",
    },
];

fn refuse<'a, T>(rule: &Rule) -> Result<T, Signal<'a>> {
    throw(
        REJECTED,
        format!(
            "Scripts not permitted to use {} (Groovy runs sandboxed in jfrun, as in Jenkins; use {} instead)",
            rule.signature, rule.instead
        ),
    )
}

/// Fails when calling `name` on `recv` is outside the sandbox.
pub fn check_call<'a>(recv: &Value<'a>, name: &str) -> Result<(), Signal<'a>> {
    let class = match recv {
        Value::Class(t) => format!("Class:{}", t.name()),
        _ => type_of(recv).name(),
    };
    for rule in RULES {
        if rule.method == name && (rule.receiver == "*" || rule.receiver == class) {
            return refuse(rule);
        }
    }
    Ok(())
}

/// Fails when a script-level function call `name(...)` is outside the sandbox.
pub fn check_function<'a>(name: &str) -> Result<(), Signal<'a>> {
    match FUNCTIONS.iter().find(|r| r.method == name) {
        Some(rule) => refuse(rule),
        None => Ok(()),
    }
}

/// Annotations that fetch or run code at compile time (`@Grab`, `@GrabResolver`, `@Grapes`,
/// `@GrabConfig`, `@ASTTest`): the message refusing the first one found, if any.
#[must_use]
pub fn check_script(script: &ast::Script) -> Option<String> {
    fn annotations(stmt: &ast::Stmt) -> Vec<&ast::Annotation> {
        match &stmt.kind {
            StmtKind::Import(i) => i.annotations.iter().collect(),
            StmtKind::VarDecl(v) => v.modifiers.annotations.iter().collect(),
            StmtKind::Method(m) => m.modifiers.annotations.iter().collect(),
            StmtKind::Class(c) => c.modifiers.annotations.iter().collect(),
            _ => Vec::new(),
        }
    }
    for stmt in &script.statements {
        for a in annotations(stmt) {
            let name = a.name.name.rsplit('.').next().unwrap_or(&a.name.name);
            if matches!(
                name,
                "Grab" | "GrabResolver" | "Grapes" | "GrabConfig" | "GrabExclude" | "ASTTest"
            ) {
                return Some(format!(
                    "{REJECTED}: @{name} is not permitted: Groovy runs sandboxed in jfrun, as in Jenkins, and fetches no code; use a shared library (@Library) or a tool installed on the agent instead"
                ));
            }
        }
    }
    None
}
