//! The cache the full screen starts from, through the real binary: written once the search
//! index is built, written again after each save, and never trusted once the file changed
//! otherwise or another build of htx wrote it. (The cache's own checks, corruption and
//! truncation, are tested beside it in `src/store/cache.rs` and by `tests/fuzz.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::pty::{Session, wait_until};

/// A home for htx (its XDG directories) holding a copy of `tests/data/minimal.ron`.
fn home() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("plan.ron");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimal.ron"),
        &path,
    )
    .unwrap();
    (home, path)
}

/// `program` with `args`, its XDG directories in `home`, in English.
fn run(program: &Path, home: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(program);
    common::in_english(&mut command)
        .args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"));
    let out = command.output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    out
}

fn htx(home: &Path, args: &[&str]) -> String {
    String::from_utf8(run(Path::new(env!("CARGO_BIN_EXE_htx")), home, args).stdout).unwrap()
}

/// The one cache file in `home`, if there is one.
fn cache_file(home: &Path) -> Option<PathBuf> {
    let files: Vec<PathBuf> = fs::read_dir(home.join("cache/htx"))
        .ok()?
        .map(|entry| entry.unwrap().path())
        .collect();
    assert!(files.len() <= 1, "one cache per data file: {files:?}");
    files.into_iter().next()
}

fn plan(home: &Path, path: &Path) -> String {
    htx(
        home,
        &[
            "list",
            "plan",
            "--file",
            path.to_str().unwrap(),
            "--format",
            "csv",
        ],
    )
}

#[test]
fn a_save_in_the_full_screen_leaves_the_cache_of_the_saved_file() {
    let (home, path) = home();
    let before = plan(home.path(), &path);
    fs::remove_dir_all(home.path().join("cache")).unwrap();

    let mut session = Session::start_at(&[path.to_str().unwrap()], home.path());
    session.wait_for("Provinces (");
    // Written from the text once the search index is built.
    wait_until(&session, Duration::from_secs(20), "the cache", || {
        cache_file(home.path()).is_some()
    });
    let loaded = fs::read(cache_file(home.path()).unwrap()).unwrap();
    // A province's status on the first plan item, cycled, then saved.
    session.send("3");
    session.send("\r");
    session.send(" ");
    session.send("s");
    session.wait_for("Saved plan.ron");
    wait_until(
        &session,
        Duration::from_secs(20),
        "the cache of the save",
        || fs::read(cache_file(home.path()).unwrap()).unwrap() != loaded,
    );
    session.send("q");
    assert_eq!(session.wait_exit(), 0);

    // Read from the cache: the saved data, and the cache left as it is.
    let cache = cache_file(home.path()).unwrap();
    let saved = fs::read(&cache).unwrap();
    let cached = plan(home.path(), &path);
    assert_ne!(cached, before, "the edit is not in the cache");
    assert_eq!(
        fs::read(&cache).unwrap(),
        saved,
        "a current cache was rewritten"
    );
    // The same as the saved text says.
    fs::remove_dir_all(home.path().join("cache")).unwrap();
    assert_eq!(plan(home.path(), &path), cached);
}

#[test]
fn a_save_by_another_program_makes_the_cache_stale() {
    let (home, path) = home();
    let before = plan(home.path(), &path);
    let cache = cache_file(home.path()).unwrap();
    let written = fs::read(&cache).unwrap();
    assert_eq!(plan(home.path(), &path), before);
    assert_eq!(fs::read(&cache).unwrap(), written, "served from the cache");
    // Another program writes the file anew (a longer text: another size and time).
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replacen("status: Done", "status: InProgress", 1);
    assert_ne!(edited, text);
    fs::write(&path, edited).unwrap();
    let after = plan(home.path(), &path);
    assert_ne!(after, before, "the stale cache was read");
    assert_ne!(
        fs::read(&cache).unwrap(),
        written,
        "the cache was not rebuilt"
    );
}

#[test]
fn a_cache_another_build_of_htx_wrote_is_not_used() {
    let (home, path) = home();
    // The same program under another name is another build as far as the cache can tell
    // (a build is known by its executable's path, size and times).
    let other = home.path().join("htx-other");
    fs::copy(env!("CARGO_BIN_EXE_htx"), &other).unwrap();
    // A copy just written may be busy for a moment: a test forking on another thread can
    // hold the writer's descriptor until its child execs.
    for _ in 0..100 {
        match Command::new(&other).arg("--version").output() {
            Err(err) if err.raw_os_error() == Some(26) => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => break,
        }
    }
    let file = path.to_str().unwrap();
    let theirs =
        String::from_utf8(run(&other, home.path(), &["list", "plan", "--file", file]).stdout)
            .unwrap();
    let cache = cache_file(home.path()).unwrap();
    let written = fs::read(&cache).unwrap();
    let ours = htx(home.path(), &["list", "plan", "--file", file]);
    assert_eq!(ours, theirs);
    assert_ne!(
        fs::read(&cache).unwrap(),
        written,
        "another build's cache was used"
    );
}
