//! `when { }`: branch, environment, expression, not/allOf/anyOf and beforeAgent; skipped
//! stages are reported.

use super::{expect_exit, has_line, pipeline};

const WHEN: &str = r"
pipeline {
    agent any
    environment { DEPLOY_TO = 'prod' }
    stages {
        stage('OnMain') {
            when { branch 'main' }
            steps { echo 'ran:OnMain' }
        }
        stage('OnRelease') {
            when { branch 'release/*' }
            steps { echo 'ran:OnRelease' }
        }
        stage('Env') {
            when { environment name: 'DEPLOY_TO', value: 'prod' }
            steps { echo 'ran:Env' }
        }
        stage('Expr') {
            when { expression { return env.BRANCH_NAME.startsWith('rel') } }
            steps { echo 'ran:Expr' }
        }
        stage('Combined') {
            when {
                allOf {
                    not { branch 'main' }
                    anyOf {
                        environment name: 'DEPLOY_TO', value: 'test'
                        expression { true }
                    }
                }
            }
            steps { echo 'ran:Combined' }
        }
        stage('BeforeAgent') {
            agent any
            when {
                beforeAgent true
                branch 'main'
            }
            steps { echo 'ran:BeforeAgent' }
        }
    }
}
";

fn ran(out: &str) -> Vec<&str> {
    out.lines()
        .filter_map(|l| l.split_once("ran:").map(|(_, s)| s.trim()))
        .collect()
}

#[test]
fn when_conditions_on_the_main_branch() {
    let run = pipeline(WHEN).run_with(&["--branch", "main"]);
    expect_exit(&run, 0);
    assert_eq!(
        ran(&run.stdout),
        ["OnMain", "Env", "BeforeAgent"],
        "{}",
        run.stdout
    );
    for skipped in ["OnRelease", "Expr", "Combined"] {
        assert!(
            has_line(
                &run.stdout,
                &format!("Stage \"{skipped}\" skipped due to when conditional")
            ),
            "{skipped}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn when_conditions_on_a_release_branch() {
    let run = pipeline(WHEN).run_with(&["--branch", "release/1.0"]);
    expect_exit(&run, 0);
    assert_eq!(
        ran(&run.stdout),
        ["OnRelease", "Env", "Expr", "Combined"],
        "{}",
        run.stdout
    );
    assert!(has_line(
        &run.stdout,
        "Stage \"BeforeAgent\" skipped due to when conditional"
    ));
}

#[test]
fn changelog_and_changeset_look_at_the_commits_since_the_previous_build() {
    let t = pipeline(
        r"
pipeline {
    agent any
    stages {
        stage('Deps') {
            when { changelog '.*^\\[DEPENDENCY\\] .+$' }
            steps { echo 'ran:Deps' }
        }
        stage('Docs') {
            when { changeset 'docs/**' }
            steps { echo 'ran:Docs' }
        }
    }
}
",
    );
    let first = t.run();
    expect_exit(&first, 0);
    assert!(
        has_line(
            &first.stdout,
            "Warning, empty changelog. Probably because this is the first build."
        ),
        "{}",
        first.stdout
    );
    assert!(ran(&first.stdout).is_empty(), "{}", first.stdout);

    std::fs::create_dir_all(t.path().join("docs")).expect("mkdir");
    std::fs::write(t.path().join("docs/guide.md"), "# Guide\n").expect("write");
    t.commit("[DEPENDENCY] bump the guide");
    let second = t.run();
    expect_exit(&second, 0);
    assert_eq!(ran(&second.stdout), ["Deps", "Docs"], "{}", second.stdout);

    std::fs::write(t.path().join("README"), "more\n").expect("write");
    t.commit("an ordinary change");
    let third = t.run();
    expect_exit(&third, 0);
    assert!(ran(&third.stdout).is_empty(), "{}", third.stdout);
}

#[test]
fn branch_falls_back_to_the_local_branch_without_branch_name() {
    let run = pipeline(
        r"
pipeline {
    agent any
    environment { BRANCH_NAME = '' }
    stages {
        stage('OnMain') {
            when { branch 'main' }
            steps { echo 'ran:OnMain' }
        }
    }
}
",
    )
    .run();
    expect_exit(&run, 0);
    assert_eq!(ran(&run.stdout), ["OnMain"], "{}", run.stdout);
}
