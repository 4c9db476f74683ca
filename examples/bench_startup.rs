//! Measures `htx` as a user meets it: the real binary in an 80×24 pseudo-terminal.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example generate -- 100000 > big.ron
//! cargo run --release --example bench_startup -- target/release/htx big.ron
//! ```
//! Reports, over five launches: time from launch to the first byte on the terminal (the
//! progress line), to the first full frame (the provinces table), the time from a key press
//! to the redrawn screen, and the peak resident memory of the process (VmHWM, Linux only).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Run {
    first_byte: Duration,
    first_frame: Duration,
    key_to_frame: Duration,
    peak_kb: Option<u64>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [binary, file] = args.as_slice() else {
        eprintln!("usage: bench_startup HTX_BINARY FILE");
        std::process::exit(2);
    };
    let mut runs = Vec::new();
    for _ in 0..5 {
        runs.push(launch(binary, file)?);
    }
    let median = |pick: fn(&Run) -> Duration| {
        let mut v: Vec<Duration> = runs.iter().map(pick).collect();
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1e3
    };
    println!(
        "launch to first byte   {:>8.1} ms (median of {})",
        median(|r| r.first_byte),
        runs.len()
    );
    println!(
        "launch to first frame  {:>8.1} ms",
        median(|r| r.first_frame)
    );
    println!(
        "key press to frame     {:>8.1} ms",
        median(|r| r.key_to_frame)
    );
    let peak = runs.iter().filter_map(|r| r.peak_kb).max();
    match peak {
        Some(kb) => println!("peak memory (VmHWM)    {:>8.1} MB", kb as f64 / 1024.0),
        None => println!("peak memory (VmHWM)    unavailable"),
    }
    Ok(())
}

fn launch(binary: &str, file: &str) -> Result<Run, Box<dyn std::error::Error>> {
    let pair = native_pty_system().openpty(PtySize {
        rows: 24,
        cols: 80,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let mut command = CommandBuilder::new(std::fs::canonicalize(binary)?);
    command.arg(file);
    command.env("TERM", "xterm-256color");
    if let Ok(dir) = std::env::current_dir() {
        command.cwd(dir);
    }
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(command)?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader()?;
    let mut writer = pair.master.take_writer()?;
    let size = |n| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
    let screen = Arc::new(Mutex::new(vt100::Parser::new(size(24), size(80), 0)));
    let first_byte = Arc::new(Mutex::new(None));
    let (screen_in, first_in) = (Arc::clone(&screen), Arc::clone(&first_byte));
    thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut first) = first_in.lock() {
                first.get_or_insert_with(|| started.elapsed());
            }
            if let Ok(mut parser) = screen_in.lock() {
                parser.process(&buf[..n]);
            }
        }
    });
    let contents = || {
        screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    };
    let wait = |what: &dyn Fn(&str) -> bool| -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if what(&contents()) {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(1));
        }
        Err(format!("timed out; the screen shows:\n{}", contents()))
    };
    wait(&|s| s.contains("Provinces ("))?;
    let first_frame = started.elapsed();
    let pid = child.process_id();
    let peak_kb = pid.and_then(|pid| {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    });
    // The first data row is selected; one `j` moves the selection, which shows in the side
    // pane's title (a different province name).
    let before = contents();
    let pressed = Instant::now();
    writer.write_all(b"j")?;
    writer.flush()?;
    wait(&|s| s != before)?;
    let key_to_frame = pressed.elapsed();
    writer.write_all(b"q")?;
    writer.flush()?;
    child.wait()?;
    let first_byte = first_byte
        .lock()
        .ok()
        .and_then(|f| *f)
        .unwrap_or(first_frame);
    Ok(Run {
        first_byte,
        first_frame,
        key_to_frame,
        peak_kb,
    })
}
