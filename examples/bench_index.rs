//! Times bringing the index up to date after one cooperative edit ([`Index::apply`]) against
//! building it again ([`Index::build`]), on a large dataset.
//!
//! ```text
//! cargo run --release --example generate -- 100000 > big.ron
//! cargo run --release --example bench_index -- big.ron
//! cargo run --release --example bench_index -- big.ron --runs 500
//! ```
//!
//! Prints the median and slowest of `--runs` repetitions (200 by default; the full build a
//! tenth as many) of: the full build; the update after a rename in the middle of the file (the
//! entry moves in its province's list), after a change of members (the lists stand), after a
//! deletion in the middle and its undoing (every later position shifts), and after an addition
//! at the end; and, for scale, the edit itself on the data ([`Edit::apply`]). It is a
//! measurement, not a test: run it on a quiet machine.

use std::time::{Duration, Instant};

use htx::app::Index;
use htx::model::Dataset;
use htx::model::edit::Edit;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut runs = 200usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--runs needs a positive number")?;
            }
            _ if path.is_none() => path = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}").into()),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: bench_index FILE [--runs N]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path)?;
    let mut dataset: Dataset = ron::Options::default().from_str(&text)?;
    let count = dataset.cooperatives.len();
    if count < 2 {
        return Err("the file needs at least two cooperatives".into());
    }
    println!(
        "{count} cooperatives in {} provinces",
        dataset.provinces.len()
    );

    let builds: Vec<Duration> = (0..runs.div_ceil(10).max(3))
        .map(|_| {
            let started = Instant::now();
            let index = Index::build(&dataset);
            let took = started.elapsed();
            drop(index);
            took
        })
        .collect();
    report("Index::build", builds);

    let mut index = Index::build(&dataset);
    let middle = count / 2;
    // Each run: (the edit on the data, the update of the index).
    let mut times: Vec<(Duration, Duration)> = Vec::new();

    // A rename to the front of the alphabet and back: the entry leaves its place in the list.
    let original = htx::model::Cooperative::clone(&dataset.cooperatives[middle]);
    let mut renamed = original.clone();
    renamed.name = format!("A {}", original.name);
    for n in 0..runs {
        let (from, to) = if n % 2 == 0 {
            (&original, &renamed)
        } else {
            (&renamed, &original)
        };
        times.push(timed(&mut dataset, &mut index, change(middle, from, to))?);
    }
    report("rename: Index::apply", times.iter().map(|t| t.1).collect());
    report(
        "rename: Edit::apply",
        times.drain(..).map(|t| t.0).collect(),
    );

    let mut more = original.clone();
    for n in 0..runs {
        let before = more.clone();
        more.members = original.members + u32::from(n % 2 == 0);
        times.push(timed(
            &mut dataset,
            &mut index,
            change(middle, &before, &more),
        )?);
    }
    report("members: Index::apply", times.iter().map(|t| t.1).collect());
    report(
        "members: Edit::apply",
        times.drain(..).map(|t| t.0).collect(),
    );

    let deleted = Edit::Cooperative {
        id: dataset.cooperatives[middle].id.clone(),
        before: Some((
            middle,
            htx::model::Cooperative::clone(&dataset.cooperatives[middle]),
        )),
        after: None,
    };
    let mut undone = Vec::new();
    for _ in 0..runs {
        times.push(timed(&mut dataset, &mut index, deleted.clone())?);
        undone.push(timed(&mut dataset, &mut index, deleted.inverse())?);
    }
    report(
        "delete middle: Index::apply",
        times.iter().map(|t| t.1).collect(),
    );
    report(
        "delete middle: Edit::apply",
        times.drain(..).map(|t| t.0).collect(),
    );
    report(
        "undo delete: Index::apply",
        undone.iter().map(|t| t.1).collect(),
    );
    report(
        "undo delete: Edit::apply",
        undone.drain(..).map(|t| t.0).collect(),
    );

    let mut added = original.clone();
    added.id = "HTX-BENCH-NEW".into();
    added.name = "HTX Mới thêm".into();
    let addition = Edit::Cooperative {
        id: added.id.clone(),
        before: None,
        after: Some((dataset.cooperatives.len(), added)),
    };
    for _ in 0..runs {
        times.push(timed(&mut dataset, &mut index, addition.clone())?);
        timed(&mut dataset, &mut index, addition.inverse())?;
    }
    report(
        "add at end: Index::apply",
        times.iter().map(|t| t.1).collect(),
    );
    report(
        "add at end: Edit::apply",
        times.drain(..).map(|t| t.0).collect(),
    );

    if index != Index::build(&dataset) {
        return Err("the updated index is not the rebuilt one".into());
    }
    Ok(())
}

/// Applies `edit` to the data, then updates the index from the edit as made: how long each
/// took.
fn timed(
    dataset: &mut Dataset,
    index: &mut Index,
    edit: Edit,
) -> Result<(Duration, Duration), String> {
    let started = Instant::now();
    let made = edit.apply(dataset).map_err(|r| r.what())?;
    let edited = started.elapsed();
    let started = Instant::now();
    index.apply(dataset, &made);
    Ok((edited, started.elapsed()))
}

fn change(at: usize, from: &htx::model::Cooperative, to: &htx::model::Cooperative) -> Edit {
    Edit::Cooperative {
        id: from.id.clone(),
        before: Some((at, from.clone())),
        after: Some((at, to.clone())),
    }
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let slowest = times.last().copied().unwrap_or_default();
    println!(
        "{what:<30} {:>5} runs  median {:>10.3?}  slowest {:>10.3?}",
        times.len(),
        median,
        slowest
    );
}
