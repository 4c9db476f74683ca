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

/// Points htx's XDG directories into `home`, as user `tester` on an xterm.
pub fn in_home(command: &mut CommandBuilder, home: &std::path::Path) {
    command.env("XDG_DATA_HOME", home.join("data"));
    command.env("XDG_STATE_HOME", home.join("state"));
    command.env("XDG_CACHE_HOME", home.join("cache"));
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.env("USER", "tester");
    command.env("TERM", "xterm-256color");
}
