//! What users see from `jfrun groovy FILE`: stdout, Groovy's `Caught:` line, exit codes, and
//! the sandbox's refusals.

use crate::support::{Run, Test};

fn groovy(script: &str) -> Run {
    Test::new()
        .file("build-helpers.groovy", script)
        .args(["groovy", "build-helpers.groovy"])
        .run()
}

#[test]
fn prints_and_exits_zero() {
    let run = groovy(
        "
        def versions = ['1.10.0', '1.9.2', '1.2.15']
        println versions.sort { v -> v.tokenize('.').collect { it.padLeft(4, '0') }.join('.') }
        println 10 / 4
        ",
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "[1.2.15, 1.9.2, 1.10.0]\n2.5\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn an_uncaught_exception_prints_caught_and_exits_one() {
    let run = groovy(
        "
        println 'before'
        def config = [env: 'dev']
        println config.region.toUpperCase()
        ",
    );
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, "before\n");
    let first = run.stderr.lines().next().unwrap_or("");
    assert_eq!(
        first,
        "Caught: java.lang.NullPointerException: Cannot invoke method toUpperCase() on null object"
    );
    assert!(
        run.stderr.contains("build-helpers.groovy:3:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_script_named_like_a_class_is_that_class() {
    let run = Test::new()
        .file("Helpers.groovy", "println this.class.name\nprintln missing")
        .args(["groovy", "Helpers.groovy"])
        .run();
    assert_eq!(run.stdout, "Helpers\n");
    assert!(
        run.stderr
            .starts_with("Caught: groovy.lang.MissingPropertyException: No such property: missing for class: Helpers"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_syntax_error_is_reported_as_groovy_does() {
    let run = groovy("def x = [1, 2\nprintln x\n");
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with(
            "org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("build-helpers.groovy"),
        "{}",
        run.stderr
    );
}

#[test]
fn runaway_recursion_is_a_stack_overflow_error_not_a_crash() {
    let run = groovy("def down(n) { down(n + 1) }\nprintln 'start'\ndown(0)\n");
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, "start\n");
    assert!(
        run.stderr
            .starts_with("Caught: java.lang.StackOverflowError"),
        "{}",
        run.stderr
    );
}

/// Each refused call fails with Jenkins' exception, naming the call and what to use instead.
#[test]
fn the_sandbox_refuses_processes_files_exit_and_reflection() {
    let cases = [
        (
            "println 'ls -la'.execute().text",
            "method java.lang.String execute",
            "sh step",
        ),
        (
            "println new File('/etc/passwd').text",
            "new java.io.File",
            "readFile",
        ),
        (
            "System.exit(3)",
            "staticMethod java.lang.System exit int",
            "error(",
        ),
        (
            "println System.getenv('HOME')",
            "staticMethod java.lang.System getenv",
            "env.NAME",
        ),
        (
            "Runtime.getRuntime().exec('ls')",
            "staticMethod java.lang.Runtime getRuntime",
            "sh step",
        ),
        (
            "println this.class.classLoader",
            "getClassLoader",
            "library",
        ),
        (
            "evaluate('1 + 1')",
            "method groovy.lang.Script evaluate",
            "load step",
        ),
        (
            "new URL('http://example.com').text",
            "staticMethod org.codehaus.groovy.runtime.DefaultGroovyMethods getText java.net.URL",
            "httpRequest",
        ),
    ];
    for (script, call, instead) in cases {
        let run = groovy(script);
        assert_eq!(run.status, 1, "{script}: {}", run.stderr);
        let first = run.stderr.lines().next().unwrap_or("");
        assert!(
            first.starts_with(
                "Caught: org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException: Scripts not permitted to use"
            ),
            "{script}: {first}"
        );
        assert!(first.contains(call), "{script}: {first}");
        assert!(first.contains(instead), "{script}: {first}");
    }
}

#[test]
fn grab_is_refused_before_anything_runs() {
    let run = groovy(
        "
        @Grab('org.apache.commons:commons-lang3:3.12.0')
        import org.apache.commons.lang3.StringUtils
        println 'never printed'
        ",
    );
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("@Grab is not permitted"),
        "{}",
        run.stderr
    );
}
