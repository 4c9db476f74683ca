//! The command line: `check`, `init`, and their errors, as a script would see them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn htx(args: &[&str], data_home: &std::path::Path) -> Output {
    common::in_english(&mut Command::new(env!("CARGO_BIN_EXE_htx")))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_DATA_HOME", data_home)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn check_summarises_a_sound_file_in_one_line() {
    let home = tempfile::tempdir().unwrap();
    let out = htx(&["check", "tests/data/minimal.ron"], home.path());
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "tests/data/minimal.ron: ok: 2 provinces, 1 sector, 2 cooperatives, 1 plan item, 1 progress entry\n"
    );
}

#[test]
fn check_prints_every_problem_with_its_position() {
    let home = tempfile::tempdir().unwrap();
    let out = htx(&["check", "tests/bad/duplicate_progress.ron"], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.starts_with(
            "tests/bad/duplicate_progress.ron:73:35: a second entry for province \"36\""
        ),
        "{err}"
    );
}

#[test]
fn check_of_a_missing_file_says_how_to_make_one() {
    let home = tempfile::tempdir().unwrap();
    let out = htx(&["check", "nowhere.ron"], home.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("nowhere.ron: no such file; `htx init nowhere.ron`"),
        "{err}"
    );
}

#[test]
fn init_writes_the_builtin_dataset_once_and_never_over_a_file() {
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("plan.ron");
    let target_str = target.to_str().unwrap();
    let out = htx(&["init", target_str], home.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        htx::store::BUILTIN
    );

    std::fs::write(&target, "my own edits").unwrap();
    let out = htx(&["init", target_str], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "my own edits");
}

#[test]
fn init_without_a_path_uses_the_data_directory() {
    let home = tempfile::tempdir().unwrap();
    let out = htx(&["init"], home.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = home.path().join("htx").join("dataset.ron");
    assert!(text(&out.stdout).contains(path.to_str().unwrap()));
    let out = htx(&["check", path.to_str().unwrap()], home.path());
    assert!(
        text(&out.stdout).contains("11 provinces, 9 sectors"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn bad_arguments_are_usage_errors() {
    let home = tempfile::tempdir().unwrap();
    let out = htx(&["--bogus"], home.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Usage"));
    let out = htx(&["check"], home.path());
    assert_eq!(out.status.code(), Some(2));
}

/// Runs htx like [`htx`], with no input, but waits at most `seconds`: past that it is killed
/// and the test fails, so a read that blocks (a FIFO) or never ends (`/dev/zero`) is a failure
/// instead of a hang.
fn htx_within(seconds: u64, args: &[&str], data_home: &std::path::Path) -> Output {
    let mut child = common::in_english(&mut Command::new(env!("CARGO_BIN_EXE_htx")))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_DATA_HOME", data_home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("htx {args:?} was still running after {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn check_of_a_fifo_or_a_device_fails_at_once() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("plan.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    for (path, what) in [
        (fifo, "a FIFO (named pipe), not a regular file"),
        ("/dev/zero", "a device, not a regular file"),
        ("/dev/null", "a device, not a regular file"),
    ] {
        let out = htx_within(10, &["check", path], home.path());
        assert_eq!(out.status.code(), Some(1), "{path}");
        assert!(out.stdout.is_empty(), "{path}");
        let err = text(&out.stderr);
        assert!(
            err.starts_with(&format!("{path}: cannot read: {what}")),
            "{path}: {err}"
        );
    }
}

/// A file name with an escape sequence, a one-character CSI (C1), DEL, a line break and a
/// bidi override, and the form every message shows it in.
const HOSTILE_NAME: &str = "plan\u{1b}[2J\u{9b}31m\u{7f}\n\u{202e}nor.ron";
const HOSTILE_SHOWN: &str = r"plan\u{1b}[2J\u{9b}31m\u{7f}\u{a}\u{202e}nor.ron";

/// The characters of `text` that must not reach a terminal raw, line breaks aside.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && htx::text::is_unsafe_for_terminal(c))
        .collect()
}

#[test]
fn paths_in_messages_show_controls_and_bidi_controls_escaped() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().to_str().unwrap();
    let minimal = std::fs::read_to_string("tests/data/minimal.ron").unwrap();

    let sound = home.path().join(HOSTILE_NAME);
    std::fs::write(&sound, &minimal).unwrap();
    let out = htx(&["check", sound.to_str().unwrap()], home.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(
        summary.starts_with(&format!("{dir}/{HOSTILE_SHOWN}: ok: 2 provinces")),
        "{summary}"
    );
    assert_eq!(raw_controls(&summary), [], "{summary:?}");

    // Every problem of a broken file, as FILE:LINE:COLUMN, one a line.
    let broken = home.path().join(format!("bad-{HOSTILE_NAME}"));
    let bad_text = minimal
        .replace("members: 265", "memebers: 265")
        .replace("province: \"34\"", "province: \"99\"");
    std::fs::write(&broken, bad_text).unwrap();
    let out = htx(&["check", broken.to_str().unwrap()], home.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(raw_controls(&err), [], "{err:?}");
    let prefix = format!("{dir}/bad-{HOSTILE_SHOWN}:");
    assert!(err.lines().count() >= 1, "{err}");
    assert!(err.lines().all(|l| l.starts_with(&prefix)), "{err}");

    // A file that is not there, for check, the lookups and the full screen.
    let missing = home.path().join(format!("missing-{HOSTILE_NAME}"));
    let missing = missing.to_str().unwrap();
    for args in [
        &["check", missing][..],
        &["list", "provinces", "--file", missing],
        &["find", "nam", "--file", missing],
        &["show", "36", "--file", missing],
        &[missing],
    ] {
        let out = htx(args, home.path());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        assert_eq!(raw_controls(&err), [], "{args:?}: {err:?}");
        let shown = format!("{dir}/missing-{HOSTILE_SHOWN}");
        assert!(
            err.starts_with(&format!(
                "{shown}: no such file; `htx init {shown}` writes the built-in dataset there"
            )),
            "{args:?}: {err}"
        );
    }
}
