//! End to end: the real binary in a pseudo-terminal. It draws, follows keys, and gives the
//! terminal back (main screen, cooked mode, visible cursor) however it ends.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::pty::{Session, nz};
use portable_pty::PtySize;

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
    let mut session = Session::start(&[]);
    let path = session.home.join("data").join("htx").join("dataset.ron");
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

#[test]
fn searching_without_marks_finds_the_province_and_jumps_to_it() {
    let mut session = Session::start(&[]);
    session.wait_for("Provinces (11)");
    session.send("/nam dinh");
    session.wait_for("province 36 Nam Định");
    session.send("\r");
    session.wait_for("Result 1 of");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}

#[test]
fn a_large_file_shows_how_much_of_it_is_parsed() {
    // 60,000 cooperatives (about 20 MB): long enough to parse that the line shows several
    // counts on any machine.
    let home = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/minimal.ron"
    ))
    .unwrap();
    let mut dataset = htx::store::parse(&bytes, &|_| {}).unwrap().dataset;
    let first = (*dataset.cooperatives[0]).clone();
    for n in 0..60_000 {
        let mut coop = first.clone();
        coop.id = format!("G-{n}");
        coop.name = format!("HTX Diêm nghiệp số {n}");
        dataset.cooperatives.push(std::sync::Arc::new(coop));
    }
    let path = home.path().join("large.ron");
    std::fs::write(&path, htx::store::to_ron_string(&dataset).unwrap()).unwrap();

    let mut session = Session::start_at(&[path.to_str().unwrap()], home.path());
    session.wait_for("Provinces (");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&session.raw.lock().unwrap()).into_owned();
    let counts: Vec<u32> = raw
        .split("parsing ")
        .skip(1)
        .filter_map(|after| after.split_once('%')?.0.parse().ok())
        .collect();
    assert!(
        counts.iter().any(|&percent| 0 < percent && percent < 100),
        "no count part of the way through: {counts:?}"
    );
    assert!(
        counts.windows(2).all(|pair| pair[0] <= pair[1]) && counts.iter().all(|&p| p <= 100),
        "counts go back or past the end: {counts:?}"
    );
}
