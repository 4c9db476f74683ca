//! The real binary in a pseudo-terminal, read through a terminal emulator.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

pub struct Session {
    pub master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub home: std::path::PathBuf,
    _data: Option<tempfile::TempDir>,
}

impl Session {
    /// Starts htx with its own empty home (data, state and cache directories).
    pub fn start(args: &[&str]) -> Self {
        let data = tempfile::tempdir().unwrap();
        let home = data.path().to_owned();
        let mut session = Self::start_at(args, &home);
        session._data = Some(data);
        session
    }

    /// Starts htx with `home` holding its XDG data, state and cache directories, so two
    /// sessions can share one.
    pub fn start_at(args: &[&str], home: &std::path::Path) -> Self {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_htx"));
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        in_home(&mut command, home);
        Self::spawn(command, home, 24, 80)
    }

    /// Runs `command` in a new pseudo-terminal of `rows` × `cols`, read through a terminal
    /// emulator.
    pub fn spawn(command: CommandBuilder, home: &std::path::Path, rows: u16, cols: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (screen_in, raw_in) = (Arc::clone(&screen), Arc::clone(&raw));
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen_in.lock().unwrap().process(&buf[..n]);
                raw_in.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Self {
            master: pair.master,
            writer,
            child,
            screen,
            raw,
            home: home.to_owned(),
            _data: None,
        }
    }

    /// The process id of the program.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.text().contains(needle) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{needle:?} never appeared; the screen shows:\n{}",
            self.text()
        );
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let status = std::process::Command::new("kill")
            .args(["-s", name, &pid])
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what the program wrote last.
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "htx did not exit");
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is as the shell left it: main screen, cursor shown, line editing and echo on.
    pub fn assert_restored(&self) {
        let parser = self.screen.lock().unwrap();
        assert!(
            !parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!parser.screen().hide_cursor(), "cursor left hidden");
        let termios = self.master.get_termios().unwrap();
        assert!(
            termios
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
            "left in raw mode"
        );
    }
}

/// Points htx's XDG directories into `home`, as user `tester` on an xterm, in English (no
/// locale variables, whatever the machine running the tests is set to).
pub fn in_home(command: &mut CommandBuilder, home: &std::path::Path) {
    for name in super::LOCALE {
        command.env_remove(name);
    }
    command.env("XDG_DATA_HOME", home.join("data"));
    command.env("XDG_STATE_HOME", home.join("state"));
    command.env("XDG_CACHE_HOME", home.join("cache"));
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.env("USER", "tester");
    command.env("TERM", "xterm-256color");
    // English unless a test asks for another language: the machine's locale must not change
    // what the tests read.
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
}

/// Starts htx in a `rows` × `cols` pseudo-terminal with its own empty home, as
/// [`Session::start`] does, with `env` set after the usual environment (`None` removes a
/// variable: `("TERM", None)` starts it with no `TERM`).
pub fn start_with(args: &[&str], env: &[(&str, Option<&str>)], rows: u16, cols: u16) -> Session {
    let data = tempfile::tempdir().unwrap();
    let home = data.path().to_owned();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_htx"));
    command.args(args);
    command.cwd(env!("CARGO_MANIFEST_DIR"));
    in_home(&mut command, &home);
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        }
    }
    let mut session = Session::spawn(command, &home, rows, cols);
    session._data = Some(data);
    session
}

/// Waits up to `deadline` for `condition`, checking every 20 ms; panics with `what` and the
/// screen otherwise.
pub fn wait_until(session: &Session, deadline: Duration, what: &str, condition: impl Fn() -> bool) {
    let end = Instant::now() + deadline;
    while Instant::now() < end {
        if condition() {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "{what}: not within {deadline:?}; the screen shows:\n{}",
        session.text()
    );
}

/// The state letter of process `pid` in `/proc/PID/stat`: `S` sleeping, `R` running, `T`
/// stopped, `Z` a zombie; `None` once it is gone.
pub fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The name in parentheses may hold spaces; the state follows its closing parenthesis.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().next()?.chars().next()
}

/// How many bytes the program has written to the terminal so far.
pub fn written(session: &Session) -> usize {
    session.raw.lock().unwrap().len()
}

/// Waits until the program has written nothing for `quiet` (its first frames have settled),
/// for at most `deadline`.
pub fn wait_quiet(session: &Session, quiet: Duration, deadline: Duration) {
    let end = Instant::now() + deadline;
    let mut last = written(session);
    let mut since = Instant::now();
    while Instant::now() < end {
        thread::sleep(Duration::from_millis(50));
        let now = written(session);
        if now != last {
            last = now;
            since = Instant::now();
        } else if since.elapsed() >= quiet {
            return;
        }
    }
    panic!("htx kept writing for {deadline:?}");
}

/// The screen's row `row` as text.
pub fn row_text(session: &Session, row: u16) -> String {
    let parser = session.screen.lock().unwrap();
    let (_, cols) = parser.screen().size();
    parser
        .screen()
        .rows(0, cols.get())
        .nth(usize::from(row))
        .unwrap_or_default()
}

/// The rows of the screen from `from` on with a quarter or more of their cells in reverse
/// video (a selected row), with their text.
pub fn reversed_rows(session: &Session, from: u16) -> Vec<(u16, String)> {
    let parser = session.screen.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    let rows_text: Vec<String> = screen.rows(0, cols.get()).collect();
    (from..rows.get())
        .filter(|&row| {
            let inverse = (0..cols.get())
                .filter(|&col| screen.cell(row, col).is_some_and(vt100::Cell::inverse))
                .count();
            inverse >= usize::from(cols.get()) / 4
        })
        .map(|row| (row, rows_text[usize::from(row)].clone()))
        .collect()
}
