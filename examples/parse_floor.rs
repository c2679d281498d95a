//! The parse-only floor for benchmarks: reads and parses every `*.toml` under a folder with the
//! `toml` crate on one thread, doing nothing else. `kam check` is measured against this.
//!
//! usage: `cargo run --release --example parse_floor -- DIR [--owned]`
//!   --owned  parse into `toml::Table` (owned values) instead of the borrowed spanned tree kam uses

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: parse_floor DIR [--owned]");
        std::process::exit(2);
    };
    let owned = args.iter().any(|a| a == "--owned");
    let mut files = Vec::new();
    collect(Path::new(dir), &mut files);
    files.sort();
    let start = std::time::Instant::now();
    let (mut ok, mut bad, mut keys) = (0usize, 0usize, 0usize);
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            bad += 1;
            continue;
        };
        if owned {
            match text.parse::<toml::Table>() {
                Ok(t) => {
                    ok += 1;
                    keys += t.len();
                }
                Err(_) => bad += 1,
            }
        } else {
            match toml::de::DeTable::parse(&text) {
                Ok(t) => {
                    ok += 1;
                    keys += t.get_ref().len();
                }
                Err(_) => bad += 1,
            }
        }
    }
    println!(
        "parsed {ok} files ({bad} failed, {keys} top-level keys) in {:.3} s",
        start.elapsed().as_secs_f64()
    );
}
