//! Measures how long `htx` takes to answer a key: the real binary in a 120×40
//! pseudo-terminal, on a large dataset, from the key written to the first byte of the redraw
//! read back (and to the end of that frame).
//!
//! ```text
//! cargo build --release
//! cargo run --release --example generate -- 100000 > big.ron
//! cargo run --release --example bench_latency -- big.ron
//! cargo run --release --example bench_latency -- big.ron --htx target/release/htx --presses 50
//! cargo run --release --example bench_latency -- big.ron --kv    # also `key value` lines
//! ```
//!
//! The file is saved to (`s`) many times: use a copy. The scripted session, the first step
//! `--presses` times (50 by default), the others at most 20 times:
//!
//! - `Space` on a province's entry in the plan (cycles its status), typed as soon as the frame
//!   of an `s` before it has been drawn, while that save runs; then the save is waited for.
//! - the same `Space` with no save running;
//! - `Enter` in a cooperative's form (its name one letter longer or shorter), after `s` and
//!   without;
//! - `y` to `d` (delete a cooperative) after `s` (a form edit before it, then undone), and
//!   without (undone);
//! - `u` (undo) and `Ctrl-r` (redo) after `s`, and without.
//!
//! A search (`/`, "nam dinh" typed, its results waited for, `Esc`) comes before the first
//! step, once the first frame is drawn, and another after the last, so the search index is in
//! memory for the whole session and is built again after the edits. At the end it prints the
//! peak resident memory of htx over the session (VmHWM, read from `/proc` before quitting;
//! Linux only).
//!
//! For each it prints the median, 99th percentile and slowest latency in milliseconds, to the
//! first byte written after the key and to the end of the frame it starts (the
//! synchronized-output mark `ESC [ ? 2026 l`). XDG directories point into a temporary
//! directory, so the user's configuration, cache and journals are not touched.
//!
//! With `--kv`, each step is also printed as one line for scripts,
//! `step NAME keys N first_median MS first_p99 MS first_max MS frame_median MS frame_p99 MS
//! frame_max MS`, and the peak memory as `peak_mb MB`.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// The end of a synchronized frame.
const FRAME_END: &[u8] = b"\x1b[?2026l";

type Error = Box<dyn std::error::Error>;

struct Options {
    htx: String,
    file: String,
    presses: usize,
    kv: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut htx = "target/release/htx".to_string();
    let mut file = None;
    let mut presses = 50;
    let mut kv = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--htx" => htx = args.next().ok_or("--htx needs a path")?,
            "--kv" => kv = true,
            "--presses" => {
                let value = args.next().ok_or("--presses needs a number")?;
                presses = value
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or(format!("--presses: {value:?} is not a positive number"))?;
            }
            _ if file.is_none() && !arg.starts_with('-') => file = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    let file = file.ok_or("the dataset FILE is missing")?;
    Ok(Options {
        htx,
        file,
        presses,
        kv,
    })
}

fn main() {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "bench_latency: {message}\nusage: bench_latency FILE [--htx PATH] [--presses N] [--kv]   (FILE, a copy: it is saved to)"
            );
            std::process::exit(2);
        }
    };
    if let Err(err) = run(&options) {
        eprintln!("bench_latency: {err}");
        std::process::exit(1);
    }
}

/// What the reader thread has seen: every read, when it came, with the bytes and frame ends
/// counted up to its end.
#[derive(Default)]
struct Seen {
    reads: Vec<(Instant, usize, usize)>,
    bytes: usize,
    frames: usize,
}

/// htx in a pseudo-terminal, with what it wrote and a terminal emulator's view of it.
struct Tui {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    seen: Arc<Mutex<Seen>>,
    _home: tempfile::TempDir,
}

impl Tui {
    fn start(options: &Options) -> Result<Self, Error> {
        let pair = native_pty_system().openpty(PtySize {
            rows: HEIGHT,
            cols: WIDTH,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let home = tempfile::tempdir()?;
        let mut command = CommandBuilder::new(std::fs::canonicalize(&options.htx)?);
        command.arg(std::fs::canonicalize(&options.file)?);
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        for (name, dir) in [
            ("XDG_DATA_HOME", "data"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_CONFIG_HOME", "config"),
        ] {
            command.env(name, home.path().join(dir));
        }
        command.cwd(home.path());
        let child = pair.slave.spawn_command(command)?;
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader()?;
        let writer = pair.master.take_writer()?;
        let size = |n| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(HEIGHT), size(WIDTH), 0)));
        let seen = Arc::new(Mutex::new(Seen::default()));
        let (screen_in, seen_in) = (Arc::clone(&screen), Arc::clone(&seen));
        thread::spawn(move || {
            let mut buf = [0u8; 65536];
            // The end of the last read, for a frame mark cut in two.
            let mut tail: Vec<u8> = Vec::new();
            while let Ok(n) = reader.read(&mut buf) {
                let at = Instant::now();
                if n == 0 {
                    break;
                }
                tail.extend_from_slice(&buf[..n]);
                let frames = tail
                    .windows(FRAME_END.len())
                    .filter(|w| *w == FRAME_END)
                    .count();
                let keep = tail.len().saturating_sub(FRAME_END.len() - 1);
                tail.drain(..keep);
                if let Ok(mut seen) = seen_in.lock() {
                    seen.bytes += n;
                    seen.frames += frames;
                    let (bytes, frames) = (seen.bytes, seen.frames);
                    seen.reads.push((at, bytes, frames));
                }
                if let Ok(mut parser) = screen_in.lock() {
                    parser.process(&buf[..n]);
                }
            }
        });
        Ok(Self {
            _master: pair.master,
            writer,
            child,
            screen,
            seen,
            _home: home,
        })
    }

    fn counts(&self) -> (usize, usize) {
        self.seen.lock().map_or((0, 0), |s| (s.bytes, s.frames))
    }

    fn text(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    fn send(&mut self, keys: &str) -> Result<(), Error> {
        self.writer.write_all(keys.as_bytes())?;
        self.writer.flush()?;
        Ok(())
    }

    /// Opens the search, types `query`, waits for its results and closes it.
    fn search(&mut self, query: &str) -> Result<(), Error> {
        self.must("/")?;
        self.wait_for("Esc")?;
        self.send(query)?;
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let text = self.text();
            // "N results" (or "best N results"), in English or Vietnamese, once the index is
            // built and the last letter answered.
            if text.contains(query) && (text.contains(" result") || text.contains("kết quả")) {
                break;
            }
            if Instant::now() > deadline {
                return Err(format!("no results for {query:?}; the screen shows:\n{text}").into());
            }
            thread::sleep(Duration::from_millis(2));
        }
        self.quiet(Duration::from_millis(200));
        self.must("\x1b")?;
        self.quiet(Duration::from_millis(200));
        Ok(())
    }

    /// The peak resident memory of htx so far, in kB (VmHWM; Linux only).
    fn peak_kb(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    fn wait_for(&self, needle: &str) -> Result<(), Error> {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if self.text().contains(needle) {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(2));
        }
        Err(format!(
            "{needle:?} never appeared; the screen shows:\n{}",
            self.text()
        )
        .into())
    }

    /// Waits until nothing has been written for `quiet`.
    fn quiet(&self, quiet: Duration) {
        let mut last = self.counts().0;
        let mut since = Instant::now();
        while since.elapsed() < quiet {
            thread::sleep(Duration::from_millis(5));
            let now = self.counts().0;
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }

    /// Presses `key` and waits for the frame it starts to end: the time to its first byte and
    /// to that end, or `None` when nothing was drawn within two seconds.
    fn press(&mut self, key: &str) -> Result<Option<Latency>, Error> {
        let (bytes, frames) = self.counts();
        let sent = Instant::now();
        self.send(key)?;
        let deadline = sent + Duration::from_secs(2);
        let mut first = None;
        while Instant::now() < deadline {
            if let Ok(seen) = self.seen.lock() {
                // Reads are in order: the first past `bytes` is the first byte of the answer.
                if first.is_none() {
                    first = seen
                        .reads
                        .iter()
                        .rev()
                        .take_while(|r| r.1 > bytes)
                        .last()
                        .map(|r| r.0);
                }
                if let Some(end) = seen.reads.iter().rev().take_while(|r| r.2 > frames).last() {
                    let first = first.unwrap_or(end.0);
                    return Ok(Some(Latency {
                        first: ms(first.duration_since(sent)),
                        frame: ms(end.0.duration_since(sent)),
                    }));
                }
            }
            thread::sleep(Duration::from_micros(100));
        }
        Ok(None)
    }

    /// Presses `key`, which must draw.
    fn must(&mut self, key: &str) -> Result<Latency, Error> {
        self.press(key)?.ok_or_else(|| {
            format!("{key:?} drew nothing; the screen shows:\n{}", self.text()).into()
        })
    }

    /// `s`, waiting for its frame ("Saving…").
    fn start_save(&mut self) -> Result<(), Error> {
        self.must("s")?;
        if !self.text().contains("Saving") {
            return Err(format!("no save started; the screen shows:\n{}", self.text()).into());
        }
        Ok(())
    }

    /// Waits until the save running has ended.
    fn saved(&self) -> Result<(), Error> {
        self.wait_for("Saved ")
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

#[derive(Clone, Copy)]
struct Latency {
    /// To the first byte written after the key.
    first: f64,
    /// To the end of the frame.
    frame: f64,
}

fn report(options: &Options, what: &str, presses: &[Latency]) {
    let stats = |pick: fn(&Latency) -> f64| {
        let mut values: Vec<f64> = presses.iter().map(pick).collect();
        values.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let i = ((values.len() as f64 - 1.0) * q).round() as usize;
            values.get(i).copied().unwrap_or(f64::NAN)
        };
        (
            at(0.5),
            at(0.99),
            values.last().copied().unwrap_or(f64::NAN),
        )
    };
    let (median, p99, max) = stats(|l| l.first);
    let (frame_median, frame_p99, frame_max) = stats(|l| l.frame);
    println!(
        "{what:<34} {:>4} keys  first byte: median {median:>7.2} ms  p99 {p99:>7.2} ms  max {max:>7.2} ms   frame end: median {frame_median:>7.2} ms  max {frame_max:>7.2} ms",
        presses.len(),
    );
    if options.kv {
        let name = what
            .to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        println!(
            "step {name} keys {} first_median {median:.2} first_p99 {p99:.2} first_max {max:.2} frame_median {frame_median:.2} frame_p99 {frame_p99:.2} frame_max {frame_max:.2}",
            presses.len()
        );
    }
}

fn run(options: &Options) -> Result<(), Error> {
    let n = options.presses;
    // The other steps, slower (a save each), fewer times.
    let m = n.min(20);
    let mut tui = Tui::start(options)?;
    tui.wait_for("Provinces (")?;
    tui.quiet(Duration::from_millis(500));
    println!(
        "htx {} on {} at {WIDTH}×{HEIGHT}, {n} keys for the first step, {m} for the others",
        options.htx, options.file
    );

    tui.search("nam dinh")?;

    // The plan, the first item's provinces: Space cycles the first province's status.
    tui.must("3")?;
    tui.must("\r")?;
    tui.quiet(Duration::from_millis(300));
    // One edit, so that the first `s` has something to save.
    tui.must(" ")?;

    let mut after_save = Vec::new();
    for _ in 0..n {
        tui.start_save()?;
        after_save.push(tui.must(" ")?);
        tui.saved()?;
    }
    report(options, "Space (plan status) right after s", &after_save);

    let mut plain = Vec::new();
    for _ in 0..m {
        plain.push(tui.must(" ")?);
    }
    report(options, "Space (plan status), no save", &plain);

    // The cooperatives of the first province, the first one selected.
    tui.must("1")?;
    tui.must("g")?;
    tui.must("2")?;
    tui.wait_for("Cooperatives of")?;
    tui.quiet(Duration::from_millis(300));
    // The form opens with the name focused: one letter more, then one less.
    let letter = |at: usize| if at.is_multiple_of(2) { "x" } else { "\x7f" };
    let mut edits = Vec::new();
    for at in 0..m {
        tui.must("e")?;
        tui.must(letter(at))?;
        edits.push(tui.must("\r")?);
    }
    report(options, "Enter in a cooperative's form", &edits);

    // Something unsaved for the first `s` of a step (the edits before may have cancelled out).
    let unsaved = |tui: &mut Tui| -> Result<(), Error> {
        tui.must("e")?;
        tui.must("z")?;
        tui.must("\r")?;
        Ok(())
    };
    unsaved(&mut tui)?;
    let mut saved_edits = Vec::new();
    for at in 0..m {
        tui.start_save()?;
        tui.must("e")?;
        tui.must(letter(at))?;
        saved_edits.push(tui.must("\r")?);
        tui.saved()?;
    }
    report(options, "Enter in the form, right after s", &saved_edits);

    let mut undo = Vec::new();
    let mut redo = Vec::new();
    unsaved(&mut tui)?;
    for _ in 0..m {
        tui.start_save()?;
        undo.push(tui.must("u")?);
        tui.saved()?;
        tui.start_save()?;
        redo.push(tui.must("\x12")?);
        tui.saved()?;
    }
    report(options, "u right after s", &undo);
    report(options, "Ctrl-r right after s", &redo);

    let mut plain_undo = Vec::new();
    for _ in 0..m {
        plain_undo.push(tui.must("u")?);
        plain_undo.push(tui.must("\x12")?);
    }
    report(options, "u and Ctrl-r, no save", &plain_undo);

    let mut delete = Vec::new();
    for at in 0..m {
        // Something to save: the undo below leaves the data as saved.
        tui.must("e")?;
        tui.must(letter(at))?;
        tui.must("\r")?;
        tui.start_save()?;
        tui.must("d")?;
        delete.push(tui.must("y")?);
        tui.saved()?;
        tui.must("u")?;
    }
    report(options, "y (delete a cooperative) after s", &delete);

    let mut plain_delete = Vec::new();
    for _ in 0..m {
        tui.must("d")?;
        plain_delete.push(tui.must("y")?);
        tui.must("u")?;
    }
    report(options, "y (delete a cooperative), no save", &plain_delete);

    tui.search("nam dinh")?;
    match tui.peak_kb() {
        Some(kb) => {
            let mb = kb as f64 / 1024.0;
            println!("peak memory (VmHWM) over the session, searches included: {mb:.1} MB");
            if options.kv {
                println!("peak_mb {mb:.1}");
            }
        }
        None => {
            println!("peak memory (VmHWM): unavailable");
            if options.kv {
                println!("peak_mb unavailable");
            }
        }
    }
    Ok(())
}
