//! Times the search prompt per keystroke: a fixed query script typed character by character,
//! each prefix searched as the prompt's worker searches it, at one or more dataset sizes.
//!
//! ```text
//! cargo build --release --examples
//! target/release/examples/generate 10000 > /tmp/g10k.ron
//! target/release/examples/generate 100000 > /tmp/big.ron
//! target/release/examples/generate 1000000 > /tmp/g1m.ron
//! target/release/examples/bench_search /tmp/g10k.ron /tmp/big.ron /tmp/g1m.ron
//! ```
//! (or `cargo run --release --example bench_search -- FILE...`; the 1M file is ~600 MB and
//! needs a few GB of memory to load.)
//!
//! For each file: the time to load it, to build the [`SearchIndex`] of its fields and then its
//! word index ([`SearchIndex::prepare`], as the search worker does before its first search),
//! the index's size, then the script replayed five times (the first a warm-up, not counted), each keystroke timed as
//! `search(prefix, None, RESULT_LIMIT, never cancelled)` — the time from a key to the result
//! list, less the channel hop to the worker and the redraw. Reports p50/p90/p99/max over all
//! counted keystrokes and the three slowest keystrokes (median of their counted runs);
//! "fallback" marks a search whose exact passes found fewer than 50 records, so it also ran the
//! all-words or letters-in-order pass. Then, at the largest size, the cancellation the worker
//! relies on: the slowest keystroke's search started on a thread, its cancel flag flipped after
//! 1 ms, and the time from the flip until the search returns, over 50 tries. Run it on a quiet
//! machine; it is a measurement, not a test.

use std::error::Error;
use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use htx::app::RESULT_LIMIT;
use htx::search::{Level, Record, SearchIndex};

/// The queries, each typed one char at a time.
const QUERIES: [&str; 10] = [
    "nam dinh",
    "dong tien",
    "htx nong nghiep",
    "thuy san hai phong",
    "Đồng",
    "G-01-00001",
    "ktcb",
    "hoà bình",
    "quyet thang",
    "xyzq",
];
/// After typing this query, its last chars are deleted one by one.
const BACKSPACE_QUERY: &str = "thuy san hai phong";
const BACKSPACES: usize = 4;
/// Replays of the script; the first warms caches and is not counted.
const RUNS: usize = 5;
const CANCEL_TRIES: usize = 50;
const CANCEL_AFTER: Duration = Duration::from_millis(1);

/// One keystroke's timings at one size.
struct Key {
    query: String,
    times: Vec<Duration>,
    /// The exact phase found fewer than 50 records, so the looser pass ran.
    fallback: bool,
}

/// What is kept of the largest file for the cancellation test.
struct Largest {
    cooperatives: usize,
    index: SearchIndex,
    query: String,
    median: Duration,
}

fn main() -> Result<(), Box<dyn Error>> {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: bench_search FILE...");
        std::process::exit(2);
    }
    let script = script();
    println!(
        "{} keystrokes a script, {RUNS} runs (first a warm-up), limit {RESULT_LIMIT}",
        script.len()
    );
    println!(
        "{:<16} {:>8} {:>7} {:>9} {:>9} {:>14} {:>5} {:>7} {:>7} {:>7} {:>7}",
        "file",
        "coops",
        "load s",
        "build ms",
        "words ms",
        "index MB",
        "keys",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms"
    );
    let mut largest: Option<Largest> = None;
    let mut slowest_lines = Vec::new();
    for file in &files {
        let started = Instant::now();
        let loaded = htx::store::load(Path::new(file), &|_| {})?;
        let load = started.elapsed();
        let cooperatives = loaded.dataset.cooperatives.len();

        let started = Instant::now();
        let index = SearchIndex::build(&loaded.dataset);
        let build = started.elapsed();
        drop(loaded);
        let started = Instant::now();
        index.prepare();
        let words = started.elapsed();
        let (text_bytes, table_bytes) = index_bytes(&index);

        let keys = replay(&index, &script);
        let mut all: Vec<Duration> = keys.iter().flat_map(|k| k.times.iter().copied()).collect();
        all.sort_unstable();
        let mut by_median: Vec<(Duration, &Key)> = keys
            .iter()
            .filter_map(|key| Some((median(&key.times)?, key)))
            .collect();
        by_median.sort_by_key(|&(time, _)| std::cmp::Reverse(time));

        println!(
            "{:<16} {:>8} {:>7.2} {:>9.1} {:>9.1} {:>14} {:>5} {:>7} {:>7} {:>7} {:>7}",
            short_name(file),
            cooperatives,
            load.as_secs_f64(),
            ms(build),
            ms(words),
            format!(
                "{:.1}+{:.1}",
                text_bytes as f64 / 1e6,
                table_bytes as f64 / 1e6
            ),
            keys.len(),
            percentile(&all, 50.0).map_or("-".into(), fmt_ms),
            percentile(&all, 90.0).map_or("-".into(), fmt_ms),
            percentile(&all, 99.0).map_or("-".into(), fmt_ms),
            all.last().copied().map_or("-".into(), fmt_ms),
        );
        let slowest: Vec<String> = by_median
            .iter()
            .take(3)
            .map(|(time, key)| {
                let tag = if key.fallback { " fallback" } else { "" };
                format!("{:?} {}{tag}", key.query, fmt_ms(*time))
            })
            .collect();
        slowest_lines.push(format!(
            "  {:<14} slowest (median ms): {}",
            short_name(file),
            slowest.join(", ")
        ));

        let bigger = largest
            .as_ref()
            .is_none_or(|l| cooperatives > l.cooperatives);
        if let (true, Some(&(median, key))) = (bigger, by_median.first()) {
            largest = Some(Largest {
                cooperatives,
                index,
                query: key.query.clone(),
                median,
            });
        }
    }
    for line in &slowest_lines {
        println!("{line}");
    }
    println!("index MB = folded + original text, + records and entries tables");

    if let Some(largest) = largest {
        let (latencies, finished) = cancel_latency(&largest.index, &largest.query)?;
        let mut latencies = latencies;
        latencies.sort_unstable();
        println!(
            "cancel at {} coops, query {:?} (uncancelled median {} ms), flag flipped after {} ms: \
             returned None in {}/{CANCEL_TRIES}, finished first in {finished}; flip to return \
             p50 {} ms, p99 {} ms, max {} ms",
            largest.cooperatives,
            largest.query,
            fmt_ms(largest.median),
            fmt_ms(CANCEL_AFTER),
            latencies.len(),
            percentile(&latencies, 50.0).map_or("-".into(), fmt_ms),
            percentile(&latencies, 99.0).map_or("-".into(), fmt_ms),
            latencies.last().copied().map_or("-".into(), fmt_ms),
        );
    }
    Ok(())
}

/// Every keystroke of the script: each query's prefixes, then the backspace run.
fn script() -> Vec<String> {
    let mut keys = Vec::new();
    for query in QUERIES {
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            keys.push(typed.clone());
        }
        if query == BACKSPACE_QUERY {
            for _ in 0..BACKSPACES {
                typed.pop();
                keys.push(typed.clone());
            }
        }
    }
    keys
}

/// Runs the script `RUNS` times and keeps the timings of all but the first.
fn replay(index: &SearchIndex, script: &[String]) -> Vec<Key> {
    let mut keys: Vec<Key> = script
        .iter()
        .map(|query| Key {
            query: query.clone(),
            times: Vec::with_capacity(RUNS - 1),
            fallback: false,
        })
        .collect();
    for run in 0..RUNS {
        for key in &mut keys {
            let started = Instant::now();
            let hits = index.search(&key.query, None, RESULT_LIMIT, &|| false);
            let took = started.elapsed();
            let hits = black_box(hits).unwrap_or_default();
            if run > 0 {
                key.times.push(took);
            }
            let exact = hits.iter().filter(|h| h.level >= Level::Substring).count();
            key.fallback = exact < 50;
        }
    }
    keys
}

/// Starts `query`'s search on a thread, flips its cancel flag after [`CANCEL_AFTER`], and times
/// the flip to the search's return. Gives the times of the searches that returned `None`, and
/// how many finished before the flip.
fn cancel_latency(
    index: &SearchIndex,
    query: &str,
) -> Result<(Vec<Duration>, usize), Box<dyn Error>> {
    let mut latencies = Vec::with_capacity(CANCEL_TRIES);
    let mut finished = 0;
    for _ in 0..CANCEL_TRIES {
        let flag = AtomicBool::new(false);
        let (flipped, returned, cancelled) = thread::scope(|scope| {
            let search = scope.spawn(|| {
                let hits =
                    index.search(query, None, RESULT_LIMIT, &|| flag.load(Ordering::Relaxed));
                (Instant::now(), black_box(hits).is_none())
            });
            thread::sleep(CANCEL_AFTER);
            let flipped = Instant::now();
            flag.store(true, Ordering::Relaxed);
            search
                .join()
                .map(|(returned, cancelled)| (flipped, returned, cancelled))
                .map_err(|_| "search thread panicked")
        })?;
        if cancelled {
            latencies.push(returned.saturating_duration_since(flipped));
        } else {
            finished += 1;
        }
    }
    Ok((latencies, finished))
}

/// Bytes of the index: its three text buffers, and its records and entries tables.
fn index_bytes(index: &SearchIndex) -> (usize, usize) {
    let text = index.folded.len() + index.original.len() + index.names.len();
    let records: usize = index.records.capacity() * size_of::<Record>();
    let entries = index.entries.capacity() * size_of::<htx::search::Entry>();
    (text, records + entries)
}

/// Nearest-rank percentile of sorted `times`.
fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.saturating_sub(1)).copied()
}

fn median(times: &[Duration]) -> Option<Duration> {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    percentile(&sorted, 50.0)
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}

fn fmt_ms(time: Duration) -> String {
    format!("{:.2}", ms(time))
}

fn short_name(file: &str) -> &str {
    Path::new(file)
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or(file)
}
