//! Times each stage of opening a data file, and the drawing of a frame on it.
//!
//! ```text
//! cargo run --release --example generate -- 100000 > big.ron
//! cargo run --release --example bench_load -- big.ron
//! ```
//! Prints one line per stage: reading, parsing (ron + serde), NFC normalisation, validation,
//! building the sorted index, and then the render time of each view (the dashboard in both
//! languages) at 80×24 and 200×60
//! (median and slowest of 200 frames). Run it on a quiet machine; it is a measurement, not a
//! test.

use std::time::{Duration, Instant};

use htx::app::{Action, App, Command, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bench_load FILE");
        std::process::exit(2);
    };
    let total = Instant::now();
    let started = Instant::now();
    let bytes = std::fs::read(&path)?;
    let text = std::str::from_utf8(&bytes)?;
    report(
        "read",
        started.elapsed(),
        &format!("{:.1} MB", bytes.len() as f64 / 1e6),
    );

    let started = Instant::now();
    let mut dataset: htx::model::Dataset = ron::Options::default().from_str(text)?;
    let parse = started.elapsed();
    report(
        "parse",
        parse,
        &format!("{:.0} MB/s", bytes.len() as f64 / 1e6 / parse.as_secs_f64()),
    );

    let started = Instant::now();
    let changed = dataset.normalize_text();
    report(
        "nfc",
        started.elapsed(),
        &format!("{changed} strings changed"),
    );

    let started = Instant::now();
    let problems = htx::model::validate::validate(&dataset);
    report(
        "validate",
        started.elapsed(),
        &format!("{} problems", problems.len()),
    );

    let started = Instant::now();
    let mut app = App::new(dataset, "bench");
    report(
        "index",
        started.elapsed(),
        &format!("{} cooperatives", app.dataset.cooperatives.len()),
    );
    report("total", total.elapsed(), "read to first frame's data");

    let largest = (0..app.index.provinces.len())
        .max_by_key(|&row| app.index.cooperatives[app.index.provinces[row]].len())
        .unwrap_or(0);
    for (width, height) in [(80, 24), (200, 60)] {
        update(&mut app, Action::Resize { width, height });
        let mut terminal = Terminal::new(TestBackend::new(width, height))?;
        for (view, commands) in [
            ("provinces", vec![Command::ShowProvinces]),
            ("cooperatives", vec![Command::ShowProvinces, Command::Top]),
            ("plan", vec![Command::ShowPlan]),
            // The dashboard in both languages, on the province with the most cooperatives.
            ("dashboard", vec![Command::ShowDashboard]),
            ("dashboard vi", vec![Command::ShowDashboard]),
        ] {
            htx::lang::pin(if view.ends_with(" vi") {
                htx::lang::Lang::Vi
            } else {
                htx::lang::Lang::En
            });
            for command in commands {
                update(&mut app, Action::Command(command));
            }
            if view.starts_with("dashboard") {
                for _ in 0..largest {
                    update(&mut app, Action::Command(Command::Right));
                }
                update(&mut app, Action::Today(htx::model::Date::new(2011, 12, 1)?));
            }
            if view == "cooperatives" {
                for _ in 0..largest {
                    update(&mut app, Action::Command(Command::Down));
                }
                update(&mut app, Action::Command(Command::ShowCooperatives));
                // Start mid-list, as a user scrolling a long table would.
                update(&mut app, Action::Command(Command::HalfPageDown));
            }
            let mut times = Vec::with_capacity(200);
            for _ in 0..200 {
                let started = Instant::now();
                terminal.draw(|frame| htx::ui::render(&app, frame))?;
                times.push(started.elapsed());
            }
            times.sort();
            let rows = app.province_cooperatives().len();
            report(
                &format!("render {view} {width}x{height}"),
                times[times.len() / 2],
                &format!(
                    "slowest {:.3} ms (list of {rows})",
                    times[times.len() - 1].as_secs_f64() * 1e3
                ),
            );
        }
    }
    Ok(())
}

fn report(stage: &str, took: Duration, note: &str) {
    println!("{stage:<28} {:>9.3} ms  {note}", took.as_secs_f64() * 1e3);
}
