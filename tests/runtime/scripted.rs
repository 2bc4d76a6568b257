//! Scripted pipelines: `node`, `stage` and a `parallel` map.

use super::{expect_exit, has_line, markers, pipeline};

#[test]
fn node_and_stage_run_sh() {
    let run = pipeline("node { stage('A') { sh 'echo hi-from-sh' } }\n").run();
    expect_exit(&run, 0);
    assert_eq!(markers(&run.stdout, "hi-from-"), ["sh"], "{}", run.stdout);
    assert!(has_line(&run.stdout, "Finished: SUCCESS"), "{}", run.stdout);
}

#[test]
fn parallel_map_runs_every_branch() {
    let run = pipeline(
        r#"
        node {
            def branches = [:]
            for (name in ['one', 'two', 'three']) {
                def n = name
                branches[n] = { sh "echo branch=${n}" }
            }
            parallel branches
            echo 'joined'
        }
        "#,
    )
    .run();
    expect_exit(&run, 0);
    let mut seen = markers(&run.stdout, "branch=");
    seen.sort_unstable();
    assert_eq!(seen, ["one", "three", "two"], "{}", run.stdout);
    assert!(has_line(&run.stdout, "joined"), "{}", run.stdout);
}

#[test]
fn a_failing_parallel_branch_fails_the_build() {
    let run = pipeline(
        r"
        node {
            parallel a: { echo 'a ran' }, b: { error 'b broke' }
        }
        ",
    )
    .run();
    expect_exit(&run, 1);
    assert!(has_line(&run.stdout, "a ran"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "b broke"), "{}", run.stdout);
}
