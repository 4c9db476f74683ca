//! Nothing is lost: a dropped connection leaves its edits recoverable, two sessions saving the
//! same file merge or ask, and a save killed at any moment leaves a complete file.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::pty::Session;
use htx::model::ProgressStatus;

fn copy_minimal(dir: &Path) -> PathBuf {
    let path = dir.join("plan.ron");
    fs::copy("tests/data/minimal.ron", &path).unwrap();
    path
}

fn status(path: &Path, province: &str) -> ProgressStatus {
    let dataset = htx::store::load(path, &|_| {}).unwrap().dataset;
    dataset.plan.items[0]
        .progress_of(province)
        .map_or(ProgressStatus::NotStarted, |e| e.status)
}

/// Two officers, each with a home of their own, open the same file.
fn two_officers(file: &str) -> (Session, Session, [tempfile::TempDir; 2]) {
    let homes = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let a = Session::start_at(&[file], homes[0].path());
    let b = Session::start_at(&[file], homes[1].path());
    a.wait_for("Provinces (2)");
    b.wait_for("Provinces (2)");
    (a, b, homes)
}

fn quit_both(a: &mut Session, b: &mut Session) {
    for session in [a, b] {
        session.send("q");
        assert_eq!(session.wait_exit(), 0);
    }
}

#[test]
fn sighup_with_unsaved_edits_then_restore_on_the_next_start() {
    let home = tempfile::tempdir().unwrap();
    let path = copy_minimal(home.path());
    let file = path.to_str().unwrap();
    let before = fs::read(&path).unwrap();

    let mut session = Session::start_at(&[file], home.path());
    session.wait_for("Provinces (2)");
    // Plan, into the provinces of KH-01, Thái Bình, start it.
    session.send("3\rj ");
    session.wait_for("1 unsaved");
    session.signal("HUP");
    assert_eq!(session.wait_exit(), 129);
    assert_eq!(fs::read(&path).unwrap(), before, "the file is untouched");

    let mut session = Session::start_at(&[file], home.path());
    session.wait_for("[r]estore");
    session.send("r\r");
    session.wait_for("Restored 1 unsaved edits");
    session.send("3\rj");
    session.wait_for("in progress");
    session.send("s");
    session.wait_for("Saved plan.ron");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(status(&path, "34"), ProgressStatus::InProgress);

    // Saved: nothing left to restore.
    let mut session = Session::start_at(&[file], home.path());
    session.wait_for("Provinces (2)");
    assert!(!session.text().contains("[r]estore"));
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn two_sessions_editing_different_entries_both_end_up_in_the_file() {
    let shared = tempfile::tempdir().unwrap();
    let path = copy_minimal(shared.path());
    let file = path.to_str().unwrap();
    // Two officers: two homes, one file.
    let (mut a, mut b, _homes) = two_officers(file);

    // A: Nam Định on KH-01, done → not started; saves.
    a.send("3\r ");
    a.wait_for("1 unsaved");
    a.send("s");
    a.wait_for("Saved plan.ron");
    // B, who loaded before A saved: Thái Bình, not started → in progress; saves.
    b.send("3\rj ");
    b.wait_for("1 unsaved");
    b.send("s");
    b.wait_for("merged 1 edits");
    assert_eq!(
        status(&path, "36"),
        ProgressStatus::NotStarted,
        "A's edit is kept"
    );
    assert_eq!(
        status(&path, "34"),
        ProgressStatus::InProgress,
        "B's edit is kept"
    );
    quit_both(&mut a, &mut b);
}

#[test]
fn two_sessions_editing_the_same_entry_get_a_conflict_to_decide() {
    let shared = tempfile::tempdir().unwrap();
    let path = copy_minimal(shared.path());
    let file = path.to_str().unwrap();
    let (mut a, mut b, _homes) = two_officers(file);

    a.send("3\r ");
    a.wait_for("1 unsaved");
    a.send("s");
    a.wait_for("Saved plan.ron");
    let after_a = fs::read(&path).unwrap();

    // B changes the same entry differently: done → n/a.
    b.send("3\r-");
    b.wait_for("1 unsaved");
    b.send("s");
    b.wait_for("Conflicts");
    b.wait_for("was changed by someone else");
    assert_eq!(
        fs::read(&path).unwrap(),
        after_a,
        "nothing written while undecided"
    );
    b.send("m");
    b.wait_for("Saved plan.ron");
    assert_eq!(
        status(&path, "36"),
        ProgressStatus::NotApplicable,
        "B chose to keep theirs over A's"
    );
    // A's version is the backup beside the file.
    let backup = htx::store::save::backup_path(&path);
    assert_eq!(fs::read(&backup).unwrap(), after_a);
    quit_both(&mut a, &mut b);
}

/// Run by `a_save_killed_at_any_moment_leaves_a_complete_file` in a child process: saves
/// two alternating versions of a dataset in a loop until killed.
#[test]
fn child_save_loop() {
    let Ok(path) = std::env::var("HTX_TEST_SAVE_LOOP") else {
        return;
    };
    let mut dataset = htx::store::builtin().unwrap();
    let copies = dataset.cooperatives.clone();
    for round in 0..20 {
        dataset
            .cooperatives
            .extend(copies.iter().cloned().map(|mut c| {
                c.id = format!("{}-{round}", c.id);
                c
            }));
    }
    for i in 0u64.. {
        dataset.region.source = format!("version {}", i % 2);
        htx::store::save::write_atomic(Path::new(&path), &dataset).unwrap();
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_a_complete_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    htx::store::write_new(&path, &htx::store::builtin().unwrap()).unwrap();
    let initial = htx::store::builtin().unwrap().region.source;
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut rewritten = 0;
    for _ in 0..30 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_save_loop",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("HTX_TEST_SAVE_LOOP", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(40 + seed % 160));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let loaded = htx::store::load(&path, &|_| {})
            .unwrap_or_else(|err| panic!("broken file after a kill: {err}"));
        let source = &loaded.dataset.region.source;
        assert!(
            source == "version 0" || source == "version 1" || *source == initial,
            "{source}"
        );
        rewritten += usize::from(source.starts_with("version "));
    }
    assert!(
        rewritten > 0,
        "the child never got to save: the test proved nothing"
    );
}

#[test]
fn a_running_session_notices_another_save_and_reloads_keeping_its_edits() {
    let shared = tempfile::tempdir().unwrap();
    let path = copy_minimal(shared.path());
    let file = path.to_str().unwrap();
    let (mut a, mut b, _homes) = two_officers(file);
    // B has an unsaved edit of Thái Bình.
    b.send("3\rj ");
    b.wait_for("1 unsaved");
    // A saves a change to Nam Định.
    a.send("3\r ");
    a.wait_for("1 unsaved");
    a.send("s");
    a.wait_for("Saved plan.ron");
    b.wait_for("was saved by someone else");
    b.send("R");
    b.wait_for("your 1 unsaved edits are re-applied");
    b.send("s");
    b.wait_for("Saved plan.ron");
    assert_eq!(status(&path, "36"), ProgressStatus::NotStarted);
    assert_eq!(status(&path, "34"), ProgressStatus::InProgress);
    quit_both(&mut a, &mut b);
}

#[test]
fn autosave_saves_after_the_configured_idle_time() {
    let home = tempfile::tempdir().unwrap();
    let path = copy_minimal(home.path());
    let config = home.path().join("config").join("htx");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.ron"), "(autosave_seconds: Some(1))").unwrap();
    let mut session = Session::start_at(&[path.to_str().unwrap()], home.path());
    session.wait_for("Provinces (2)");
    session.send("3\rj ");
    session.wait_for("Saved plan.ron");
    assert_eq!(status(&path, "34"), ProgressStatus::InProgress);
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
