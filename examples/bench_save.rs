//! Times saving a large dataset the way `s` does: serialising to RON and the atomic replace
//! (temporary file, flush to disk, backup, rename, directory flush); and a save that finds the
//! file changed by someone else and merges three ways (read and parse their file, undo the
//! session's edits to find the base, merge, write).
//!
//! ```text
//! cargo run --release --example generate -- 100000 > big.ron
//! cargo run --release --example bench_save -- big.ron
//! ```
//! Writes into a temporary directory beside nothing of yours; prints the median and slowest of
//! seven runs of each stage.

use std::sync::Arc;
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
    // Someone else changed a cooperative and saved; this session changed a plan entry.
    let loaded = htx::store::save::Fingerprint::of_file(&target);
    let mut theirs = dataset.clone();
    Arc::make_mut(&mut theirs.cooperatives[0]).members += 1;
    let entry = dataset.plan.items[0].progress.first().cloned();
    let mut changed = entry.clone().ok_or("the plan's first item has no entry")?;
    changed.note.push_str(" (bench)");
    let edit = htx::model::edit::Edit::Progress {
        item: dataset.plan.items[0].id.clone(),
        province: changed.province.clone(),
        before: entry,
        after: Some(changed),
    };
    let mut ours = dataset.clone();
    edit.apply(&mut ours).map_err(|err| err.what())?;
    let mut merged_save = Vec::new();
    for _ in 0..7 {
        htx::store::save::write_atomic(&target, &dataset)?;
        htx::store::save::write_atomic(&target, &theirs)?;
        let started = Instant::now();
        let saved = htx::store::save::save(
            &target,
            loaded,
            &ours,
            std::slice::from_ref(&edit),
            &htx::store::save::SaveOptions::default(),
        )?;
        merged_save.push(started.elapsed());
        if !matches!(saved, htx::store::save::Saved::Merged { .. }) {
            return Err("the save did not merge".into());
        }
    }
    report(
        "merged save",
        &mut merged_save,
        "read + parse theirs + base + merge + write",
    );
    // Its parts that are not parsing or writing.
    let (mut base_times, mut merge_times) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let started = Instant::now();
        let base = htx::model::edit::base_of(&ours, std::slice::from_ref(&edit))
            .map_err(|err| err.what())?;
        base_times.push(started.elapsed());
        let started = Instant::now();
        let merged = htx::model::merge::merge(
            &base,
            &ours,
            &theirs,
            &htx::model::merge::Resolutions::default(),
        );
        merge_times.push(started.elapsed());
        drop(merged);
    }
    report(
        "  of which: base",
        &mut base_times,
        "the session's edits undone on a copy",
    );
    report(
        "  of which: merge",
        &mut merge_times,
        "three-way, every record",
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
