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
//!
//! ```text
//! cargo run --release --example bench_startup -- target/release/htx big.ron --cache cold --runs 7
//! cargo run --release --example bench_startup -- target/release/htx big.ron --cache warm --runs 7
//! ```
//!
//! With `--cache`, the XDG cache, state, config and data directories point into a temporary
//! directory (the user's are not touched) and the figures are printed as `key value` lines,
//! for scripts (`first_byte_ms`, `first_frame_ms`, `key_to_frame_ms`, medians; `peak_mb`, the
//! largest). `cold` empties the cache directory before each launch, so htx parses the RON
//! text; `warm` first launches once and waits (up to 60 s after its first frame) until htx
//! has written its cache file, which it does from a background thread once its search index
//! is built, then times the launches that read it. `--runs N` launches N times (5 by default).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
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

/// Which cache the launches find.
#[derive(Clone, Copy, PartialEq)]
enum Cache {
    /// The user's own directories, as they are (the figures printed as a table).
    User,
    /// Private directories, the cache emptied before each launch.
    Cold,
    /// Private directories, the cache written by a launch before the timed ones.
    Warm,
}

fn usage() -> ! {
    eprintln!("usage: bench_startup HTX_BINARY FILE [--cache cold|warm] [--runs N]");
    std::process::exit(2);
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut paths = Vec::new();
    let mut cache = Cache::User;
    let mut count = 5usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--cache" => {
                cache = match args.next().as_deref() {
                    Some("cold") => Cache::Cold,
                    Some("warm") => Cache::Warm,
                    _ => usage(),
                }
            }
            "--runs" => {
                count = match args.next().and_then(|n| n.parse().ok()) {
                    Some(n) if n > 0 => n,
                    _ => usage(),
                }
            }
            _ if !arg.starts_with('-') && paths.len() < 2 => paths.push(arg),
            _ => usage(),
        }
    }
    let [binary, file] = paths.as_slice() else {
        usage()
    };
    // The private XDG directories, kept until the end.
    let home = match cache {
        Cache::User => None,
        Cache::Cold | Cache::Warm => Some(tempfile::tempdir()?),
    };
    let env: Vec<(&str, PathBuf)> = home
        .iter()
        .flat_map(|home| {
            [
                ("XDG_CACHE_HOME", home.path().join("cache")),
                ("XDG_STATE_HOME", home.path().join("state")),
                ("XDG_CONFIG_HOME", home.path().join("config")),
                ("XDG_DATA_HOME", home.path().join("data")),
            ]
        })
        .collect();
    let cache_dir = home.as_ref().map(|h| h.path().join("cache").join("htx"));
    if cache == Cache::Warm
        && let Some(dir) = &cache_dir
    {
        launch(binary, file, &env, Some(dir))?;
    }
    let mut runs = Vec::new();
    for _ in 0..count {
        if cache == Cache::Cold
            && let Some(dir) = &cache_dir
        {
            match std::fs::remove_dir_all(dir) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err.into()),
                _ => {}
            }
        }
        runs.push(launch(binary, file, &env, None)?);
    }
    let median = |pick: fn(&Run) -> Duration| {
        let mut v: Vec<Duration> = runs.iter().map(pick).collect();
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1e3
    };
    let peak = runs.iter().filter_map(|r| r.peak_kb).max();
    if cache != Cache::User {
        println!("runs {}", runs.len());
        println!("first_byte_ms {:.1}", median(|r| r.first_byte));
        println!("first_frame_ms {:.1}", median(|r| r.first_frame));
        println!("key_to_frame_ms {:.2}", median(|r| r.key_to_frame));
        match peak {
            Some(kb) => println!("peak_mb {:.1}", kb as f64 / 1024.0),
            None => println!("peak_mb unavailable"),
        }
        return Ok(());
    }
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
    match peak {
        Some(kb) => println!("peak memory (VmHWM)    {:>8.1} MB", kb as f64 / 1024.0),
        None => println!("peak memory (VmHWM)    unavailable"),
    }
    Ok(())
}

/// Whether `dir` holds a cache file (`*.cache`, not a temporary file being written).
fn has_cache(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            !name.starts_with('.') && name.ends_with(".cache")
        })
    })
}

/// Launches htx on `file` with `env` set; with `cache_in`, waits after the first frame until
/// a cache file appears there (up to 60 s) before going on.
fn launch(
    binary: &str,
    file: &str,
    env: &[(&str, PathBuf)],
    cache_in: Option<&Path>,
) -> Result<Run, Box<dyn std::error::Error>> {
    let pair = native_pty_system().openpty(PtySize {
        rows: 24,
        cols: 80,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let mut command = CommandBuilder::new(std::fs::canonicalize(binary)?);
    command.arg(file);
    command.env("TERM", "xterm-256color");
    for (name, value) in env {
        command.env(name, value);
    }
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
    if let Some(dir) = cache_in {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !has_cache(dir) {
            if Instant::now() > deadline {
                return Err(format!("no cache file in {} after 60 s", dir.display()).into());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
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
