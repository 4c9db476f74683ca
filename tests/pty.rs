//! End to end: the real binary in a pseudo-terminal. It draws, follows keys, and gives the
//! terminal back (main screen, cooked mode, visible cursor) however it ends.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    _data: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str]) -> Self {
        let data = tempfile::tempdir().unwrap();
        Self::start_in(args, data)
    }

    fn start_in(args: &[&str], data: tempfile::TempDir) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_htx"));
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("XDG_DATA_HOME", data.path());
        command.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(24), nz(80), 0)));
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
            _data: data,
        }
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) {
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

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let status = std::process::Command::new("kill")
            .args(["-s", name, &pid])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn wait_exit(&mut self) -> u32 {
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
    fn assert_restored(&self) {
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

#[test]
fn navigate_and_quit_restores_the_terminal() {
    let mut session = Session::start(&[]);
    session.wait_for("Provinces (11)");
    session.wait_for("First run: wrote the built-in dataset");
    session.send("jjjjjj\r");
    session.wait_for("Cooperatives of Nam Định (6)");
    session.send("\r");
    session.wait_for("Alliance member");
    session.send("\x1b");
    // Esc alone must not wait for a sequence that never comes.
    session.wait_for("Cooperatives of Nam Định (6)");
    session.send("3");
    session.wait_for("Provinces on KH-01");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}

#[test]
fn first_run_writes_the_builtin_dataset_where_xdg_says() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("htx").join("dataset.ron");
    let mut session = Session::start_in(&[], data);
    session.wait_for("Provinces (11)");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, htx::store::BUILTIN);
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut session = Session::start(&["tests/data/minimal.ron"]);
    session.wait_for("Provinces (2)");
    session.signal("TERM");
    assert_eq!(session.wait_exit(), 128 + 15);
    session.assert_restored();
}

#[test]
fn sighup_ends_the_session_cleanly() {
    let mut session = Session::start(&["tests/data/minimal.ron"]);
    session.wait_for("Provinces (2)");
    session.signal("HUP");
    assert_eq!(session.wait_exit(), 128 + 1);
    session.assert_restored();
}

#[test]
fn a_bad_file_is_reported_in_the_ordinary_terminal() {
    let mut session = Session::start(&["tests/bad/duplicate_id.ron"]);
    assert_eq!(session.wait_exit(), 1);
    let raw = String::from_utf8_lossy(&session.raw.lock().unwrap()).into_owned();
    assert!(
        raw.contains("tests/bad/duplicate_id.ron:42:17: duplicate cooperative id"),
        "{raw}"
    );
    assert!(!raw.contains("\x1b[?1049h"), "the full screen was entered");
    session.assert_restored();
}

#[test]
fn resizing_redraws_at_the_new_size() {
    let mut session = Session::start(&[]);
    session.wait_for("Provinces (11)");
    session
        .master
        .resize(PtySize {
            rows: 10,
            cols: 40,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    session.screen.lock().unwrap().set_size(nz(10), nz(40));
    session.wait_for("Terminal too small (40×10)");
    session
        .master
        .resize(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    session.screen.lock().unwrap().set_size(nz(30), nz(100));
    session.wait_for("Provinces (11)");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
