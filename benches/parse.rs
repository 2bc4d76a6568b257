//! Parse throughput: reads every Jenkinsfile under a folder and reports MB/s for the whole
//! front end (scan, parse, recovery, AST), on one thread.
//!
//! `cargo bench --bench parse -- [FOLDER] [ROUNDS]` (default: `fixtures/jenkinsfiles`, 5).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jfrun::source::SourceFile;
use jfrun::syntax;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "groovy" || e == "Jenkinsfile")
            || path.file_name().is_some_and(|n| n == "Jenkinsfile")
        {
            out.push(path);
        }
    }
}

#[allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]
fn main() {
    // `cargo bench` passes `--bench`; skip flags.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dir = PathBuf::from(args.first().map_or("fixtures/jenkinsfiles", String::as_str));
    let rounds: u32 = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut paths = Vec::new();
    collect(&dir, &mut paths);
    paths.sort();
    let files: Vec<SourceFile> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read(p).ok()?;
            Some(SourceFile::new(
                p.display().to_string(),
                String::from_utf8_lossy(&text).into_owned(),
            ))
        })
        .collect();
    let bytes: usize = files.iter().map(|f| f.text().len()).sum();
    if files.is_empty() {
        println!("no Jenkinsfiles under {}", dir.display());
        return;
    }
    let mut best = Duration::MAX;
    let mut errors = 0;
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        errors = 0;
        for f in &files {
            errors += syntax::parse(f).errors.len();
        }
        best = best.min(start.elapsed());
    }
    #[allow(clippy::cast_precision_loss, reason = "megabytes for a report")]
    let mb = bytes as f64 / 1_000_000.0;
    println!(
        "parse: {} files, {:.2} MB, best of {rounds}: {:.1} ms, {:.1} MB/s on one thread ({errors} syntax errors)",
        files.len(),
        mb,
        best.as_secs_f64() * 1000.0,
        mb / best.as_secs_f64()
    );
}
