//! The `zip` and `unzip` steps: archives made from the current directory, extracted, read
//! and tested, with the plugin's messages.

use super::{expect_exit, has_line, pipeline};

#[test]
fn zip_then_unzip_round_trips_the_selected_files() {
    let t = pipeline(
        r"
        node {
            zip zipFile: 'out/a.zip', dir: 'src', glob: '**/*.txt', exclude: '**/skip.txt'
            unzip zipFile: 'out/a.zip', dir: 'unpacked'
        }
        ",
    )
    .file("src/one.txt", "one\n")
    .file("src/deep/two.txt", "two\n")
    .file("src/skip.txt", "skip\n")
    .file("src/other.md", "md\n")
    .git();
    let run = t.run_with(&["--in-place"]);
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "filtered by [**/*.txt] - [**/skip.txt]"),
        "{}",
        run.stdout
    );
    assert!(
        has_line(&run.stdout, "Compressed 2 entries."),
        "{}",
        run.stdout
    );
    assert!(
        has_line(&run.stdout, "Extracted: 2 files"),
        "{}",
        run.stdout
    );
    let out = t.path().join("unpacked");
    assert_eq!(
        std::fs::read_to_string(out.join("one.txt")).ok().as_deref(),
        Some("one\n")
    );
    assert_eq!(
        std::fs::read_to_string(out.join("deep/two.txt"))
            .ok()
            .as_deref(),
        Some("two\n")
    );
    assert!(!out.join("skip.txt").exists());
    assert!(!out.join("other.md").exists());
}

#[test]
fn zip_refuses_to_overwrite_unless_asked() {
    let run = pipeline(
        r"
        node {
            writeFile file: 'a.txt', text: 'a'
            zip zipFile: 'a.zip', glob: 'a.txt'
            zip zipFile: 'a.zip', glob: 'a.txt', overwrite: true
            echo 'overwritten'
            zip zipFile: 'a.zip', glob: 'a.txt'
        }
        ",
    )
    .run();
    expect_exit(&run, 1);
    assert!(has_line(&run.stdout, "overwritten"), "{}", run.stdout);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains("ERROR: ") && l.ends_with("/a.zip exists.")),
        "{}",
        run.stdout
    );
}

#[test]
fn unzip_read_gives_the_contents_and_test_checks_the_archive() {
    let run = pipeline(
        r#"
        node {
            writeFile file: 'd/x.txt', text: 'hello'
            writeFile file: 'd/y.cfg', text: 'cfg'
            zip zipFile: 'd.zip', dir: 'd'
            def m = unzip zipFile: 'd.zip', glob: '*.txt', read: true
            echo "keys=${m.keySet()} x=${m['x.txt']}"
            echo "sound=${unzip zipFile: 'd.zip', test: true}"
            writeFile file: 'bad.zip', text: 'not a zip'
            echo "bad=${unzip zipFile: 'bad.zip', test: true}"
            echo "missing=${unzip zipFile: 'missing.zip', test: true}"
        }
        "#,
    )
    .run();
    expect_exit(&run, 0);
    for line in [
        "Reading: x.txt",
        "Read: 1 files",
        "keys=[x.txt] x=hello",
        "sound=true",
        "ERROR: Error validating zip file",
        "bad=false",
        "missing.zip does not exist.",
        "missing=false",
    ] {
        assert!(has_line(&run.stdout, line), "{line}\n{}", run.stdout);
    }
}

#[test]
fn zip_archive_keeps_the_file_with_the_build() {
    let t = pipeline(
        r"
        node {
            writeFile file: 'r.txt', text: 'r'
            zip zipFile: 'dist/r.zip', glob: 'r.txt', archive: true
        }
        ",
    );
    let run = t.run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "Archiving "), "{}", run.stdout);
    assert!(
        t.path()
            .join(".jfrun/builds/1/artifacts/dist/r.zip")
            .is_file(),
        "{}",
        run.stdout
    );
}

#[test]
fn unzip_of_a_missing_file_fails() {
    let run = pipeline("node { unzip zipFile: 'nope.zip' }\n").run();
    expect_exit(&run, 1);
    assert!(
        has_line(&run.stdout, "nope.zip does not exist."),
        "{}",
        run.stdout
    );
}
