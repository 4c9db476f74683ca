//! Times saving a large dataset the way `s` does: serialising to RON and the atomic replace
//! (temporary file, flush to disk, backup, rename, directory flush).
//!
//! ```text
//! cargo run --release --example generate -- 100000 > big.ron
//! cargo run --release --example bench_save -- big.ron
//! ```
//! Writes into a temporary directory beside nothing of yours; prints the median and slowest of
//! seven runs of each stage.

use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bench_save FILE");
        std::process::exit(2);
    };
    let dataset = htx::store::load(std::path::Path::new(&path), &|_| {})?.dataset;
    let dir = tempfile::tempdir()?;
    let target = dir.path().join("bench.ron");
    htx::store::save::write_atomic(&target, &dataset)?;
    let mut serialise = Vec::new();
    let mut save = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let text = htx::store::to_ron_string(&dataset)?;
        serialise.push(started.elapsed());
        drop(text);
        let started = Instant::now();
        htx::store::save::write_atomic(&target, &dataset)?;
        save.push(started.elapsed());
    }
    let size = std::fs::metadata(&target)?.len();
    report(
        "serialise to RON",
        &mut serialise,
        &format!("{:.1} MB", size as f64 / 1e6),
    );
    report(
        "whole atomic save",
        &mut save,
        "serialise + write + fsync + backup + rename",
    );
    let started = Instant::now();
    let clone = dataset.clone();
    println!(
        "{:<24} {:>8.1} ms  (the UI thread's part of a save)",
        "clone of the dataset",
        started.elapsed().as_secs_f64() * 1e3
    );
    drop(clone);
    Ok(())
}

fn report(what: &str, times: &mut [Duration], note: &str) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what:<24} {:>8.1} ms median, {:>8.1} ms slowest  {note}",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}
