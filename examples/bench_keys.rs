//! Measures what `htx` writes to the terminal for one key: the real binary in a 120×40
//! pseudo-terminal, on a large dataset.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example generate -- 100000 > big.ron
//! cargo run --release --example bench_keys -- big.ron
//! cargo run --release --example bench_keys -- big.ron --htx target/release/htx --presses 200
//! ```
//!
//! For each of `j` in the cooperatives table, PgDn there, and a letter typed into the search
//! prompt, prints the median, mean and largest number of bytes written per key over
//! `--presses` presses (200 by default), and the frames per key. A key's bytes are everything
//! written from the key until its frame ends (frames end with the synchronized-output mark
//! `ESC [ ? 2026 l`); for a letter in the search prompt, until the results have come in too
//! (nothing more written for 300 ms). PgDn starts again from the top (`g`, not measured) when
//! the table's end is reached; the search prompt is cleared (Ctrl-u, not measured) after each
//! word.

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
}

fn parse_args() -> Result<Options, String> {
    let mut htx = "target/release/htx".to_string();
    let mut file = None;
    let mut presses = 200;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--htx" => htx = args.next().ok_or("--htx needs a path")?,
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
    Ok(Options { htx, file, presses })
}

fn main() {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "bench_keys: {message}\nusage: bench_keys FILE [--htx PATH] [--presses N]   (FILE from: cargo run --release --example generate -- 100000 > big.ron)"
            );
            std::process::exit(2);
        }
    };
    if let Err(err) = run(&options) {
        eprintln!("bench_keys: {err}");
        std::process::exit(1);
    }
}

/// htx in a pseudo-terminal, with what it wrote and a terminal emulator's view of it.
struct Tui {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Bytes written so far, and frames ended so far.
    written: Arc<Mutex<(usize, usize)>>,
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
        let written = Arc::new(Mutex::new((0, 0)));
        let (screen_in, written_in) = (Arc::clone(&screen), Arc::clone(&written));
        thread::spawn(move || {
            let mut buf = [0u8; 65536];
            // The end of the last read, for a frame mark cut in two.
            let mut tail: Vec<u8> = Vec::new();
            while let Ok(n) = reader.read(&mut buf) {
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
                if let Ok(mut parser) = screen_in.lock() {
                    parser.process(&buf[..n]);
                }
                if let Ok(mut written) = written_in.lock() {
                    written.0 += n;
                    written.1 += frames;
                }
            }
        });
        Ok(Self {
            _master: pair.master,
            writer,
            child,
            screen,
            written,
            _home: home,
        })
    }

    fn written(&self) -> (usize, usize) {
        self.written.lock().map_or((0, 0), |w| *w)
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

    fn wait_for(&self, needle: &str) -> Result<(), Error> {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if self.text().contains(needle) {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(5));
        }
        Err(format!(
            "{needle:?} never appeared; the screen shows:\n{}",
            self.text()
        )
        .into())
    }

    /// Waits until a frame has ended after `frames` frames, for at most `limit`.
    fn frame_after(&self, frames: usize, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.written().1 > frames {
                return true;
            }
            thread::sleep(Duration::from_micros(200));
        }
        false
    }

    /// Waits until nothing has been written for `quiet`.
    fn quiet(&self, quiet: Duration) {
        let mut last = self.written().0;
        let mut since = Instant::now();
        while since.elapsed() < quiet {
            thread::sleep(Duration::from_millis(5));
            let now = self.written().0;
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }

    /// Presses `key` and waits for its frame (and, with `settle`, for whatever follows it
    /// until `settle` passes in silence): the bytes and frames written, or `None` when the
    /// key drew nothing.
    fn press(&mut self, key: &str, settle: Option<Duration>) -> Result<Option<Press>, Error> {
        let (bytes, frames) = self.written();
        self.send(key)?;
        if !self.frame_after(frames, Duration::from_secs(2)) {
            return Ok(None);
        }
        if let Some(quiet) = settle {
            self.quiet(quiet);
        }
        let (after, frames_after) = self.written();
        Ok(Some(Press {
            bytes: after - bytes,
            frames: frames_after - frames,
        }))
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Clone, Copy)]
struct Press {
    bytes: usize,
    frames: usize,
}

fn report(what: &str, presses: &[Press]) {
    let mut bytes: Vec<usize> = presses.iter().map(|p| p.bytes).collect();
    bytes.sort_unstable();
    let frames: usize = presses.iter().map(|p| p.frames).sum();
    let median = bytes.get(bytes.len() / 2).copied().unwrap_or(0);
    let max = bytes.last().copied().unwrap_or(0);
    let mean = bytes.iter().sum::<usize>() as f64 / bytes.len().max(1) as f64;
    println!(
        "{what:<28} {:>5} presses  median {median:>6} B  mean {mean:>8.0} B  max {max:>6} B  {:.2} frames/key",
        presses.len(),
        frames as f64 / presses.len().max(1) as f64
    );
}

fn run(options: &Options) -> Result<(), Error> {
    let mut tui = Tui::start(options)?;
    tui.wait_for("Provinces (")?;
    tui.quiet(Duration::from_millis(500));
    // The cooperatives of the first province.
    tui.send("2")?;
    tui.wait_for("Cooperatives of")?;
    tui.quiet(Duration::from_millis(300));
    println!(
        "htx {} on {} at {WIDTH}×{HEIGHT}, {} presses per key",
        options.htx, options.file, options.presses
    );

    let mut down = Vec::new();
    while down.len() < options.presses {
        match tui.press("j", None)? {
            Some(press) => down.push(press),
            None => {
                tui.press("g", None)?;
            }
        }
    }
    report("j (cooperatives table)", &down);

    tui.press("g", None)?;
    let mut page = Vec::new();
    while page.len() < options.presses {
        match tui.press("\x1b[6~", None)? {
            Some(press) => page.push(press),
            None => {
                tui.press("g", None)?;
            }
        }
    }
    report("PgDn (cooperatives table)", &page);

    tui.press("g", None)?;
    tui.press("/", None)?;
    tui.wait_for("Esc cancel")?;
    let words = [
        "nong", "nghiep", "dich", "vu", "thuong", "mai", "xay", "dung", "thuy", "san", "dien",
    ];
    let mut typed = Vec::new();
    'typing: loop {
        for word in words {
            for letter in word.chars() {
                if let Some(press) =
                    tui.press(&letter.to_string(), Some(Duration::from_millis(300)))?
                {
                    typed.push(press);
                }
                if typed.len() >= options.presses {
                    break 'typing;
                }
            }
            // Ctrl-u clears the prompt for the next word.
            tui.press("\x15", Some(Duration::from_millis(300)))?;
        }
    }
    report("a letter in the search", &typed);
    Ok(())
}
