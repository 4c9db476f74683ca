//! Nothing is lost: a dropped connection leaves its edits recoverable, two sessions saving the
//! same file merge or ask, and a save killed at any moment leaves a complete file.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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

/// An edit and its undo are nothing to save and nothing to recover: the next start asks no
/// question and leaves no journal behind.
#[test]
fn edits_that_undo_each_other_are_nothing_to_recover() {
    let home = tempfile::tempdir().unwrap();
    let path = copy_minimal(home.path());
    let file = path.to_str().unwrap();
    let mut session = Session::start_at(&[file], home.path());
    session.wait_for("Provinces (2)");
    session.send("3\rj ");
    session.wait_for("1 unsaved");
    session.send("u");
    session.wait_for("Undid");
    assert!(!session.text().contains("unsaved"), "{}", session.text());
    session.signal("HUP");
    assert_eq!(session.wait_exit(), 129);

    let mut session = Session::start_at(&[file], home.path());
    session.wait_for("Provinces (2)");
    assert!(!session.text().contains("restore"), "{}", session.text());
    session.send("q");
    assert_eq!(session.wait_exit(), 0, "nothing unsaved: q quits at once");
    let journals: Vec<_> = walk(home.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("journal"))
        .filter(|p| p.is_file())
        .collect();
    assert!(journals.is_empty(), "{journals:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
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
    session.wait_for("r restore them");
    // One key, no Enter; the edits are shown with the province by name.
    session.send("s");
    session.wait_for("KH-01 · Thái Bình: in progress");
    session.send("r");
    session.wait_for("Restored 1 unsaved change (s saves them)");
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
    assert!(!session.text().contains("r restore them"));
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
    b.wait_for("both sets of changes are in");
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
    b.wait_for("Conflict 1 of 1");
    b.wait_for("Both you and the file changed this");
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

/// The built-in data with its cooperatives repeated (new ids), 3.2 MB of RON: a save takes a
/// few hundred milliseconds in a debug build. The region's name is short, so the header has
/// room for "1 unsaved".
fn large_dataset_text() -> String {
    let mut dataset = htx::store::builtin().unwrap();
    dataset.region.name = "Test".into();
    let copies = dataset.cooperatives.clone();
    for round in 0..80 {
        dataset.cooperatives.extend(copies.iter().map(|c| {
            let mut c = (**c).clone();
            c.id = format!("{}-{round}", c.id);
            Arc::new(c)
        }));
    }
    htx::store::to_ron_string(&dataset).unwrap()
}

/// The status of the plan's first row as `3 Enter Space` cycles it: the first item, the
/// first province in alphabetical order (Bắc Ninh).
fn first_status(bytes: &[u8]) -> Result<ProgressStatus, String> {
    let dataset = htx::store::parse(bytes, &|_| {})
        .map_err(|problems| format!("{:?}", problems.first()))?
        .dataset;
    let code = &dataset
        .provinces
        .iter()
        .find(|p| p.name == "Bắc Ninh")
        .ok_or("no Bắc Ninh")?
        .code;
    Ok(dataset.plan.items[0]
        .progress_of(code)
        .map_or(ProgressStatus::NotStarted, |e| e.status))
}

fn cycled(status: ProgressStatus) -> ProgressStatus {
    match status {
        ProgressStatus::NotStarted => ProgressStatus::InProgress,
        ProgressStatus::InProgress => ProgressStatus::Done,
        ProgressStatus::Done | ProgressStatus::NotApplicable => ProgressStatus::NotStarted,
    }
}

/// Temporary files of a save beside `path`, with their permission bits: htx's own naming,
/// `.NAME.PID.RANDOM.htx-tmp`, and the older `NAME.PID.tmp`.
fn leftovers(path: &Path) -> Vec<(String, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let file = entry.file_name().to_string_lossy().into_owned();
            let temp = file.contains(&name)
                && (file.ends_with(htx::store::files::TEMP_SUFFIX) || file.ends_with(".tmp"));
            let mode = entry.metadata().ok()?.permissions().mode();
            temp.then_some((file, mode & 0o7777))
        })
        .collect()
}

/// The real binary saves a 3.2 MB file and is killed with SIGKILL at a random moment of the
/// save, 20 times. After every kill the file is a whole dataset, the old version or the new
/// one; a temporary file left behind is never more readable than the data file; and the next
/// start of htx removes what the killed saves left.
#[test]
fn a_save_killed_at_any_moment_leaves_a_complete_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    fs::write(&path, large_dataset_text()).unwrap();
    // A private dataset: a temporary file created with the usual 0644 would expose it.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let file = path.to_str().unwrap();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut random = seed;
    let mut next_random = move || {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        random
    };

    // One save to the end, to know how long a save takes here and now.
    let initial = first_status(&fs::read(&path).unwrap()).unwrap();
    let mut session = Session::start(&[file]);
    session.wait_for("Provinces (");
    session.send("3\r ");
    session.wait_for("1 unsaved");
    let started = std::time::Instant::now();
    session.send("s");
    session.wait_for("Saved d.ron");
    let save = started.elapsed();
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(
        first_status(&fs::read(&path).unwrap()),
        Ok(cycled(initial)),
        "the save did not write the edit"
    );

    let (mut old, mut new, mut mid_write) = (0, 0, 0);
    for kill in 1..=20 {
        let delay = save.mul_f64((next_random() % 1000) as f64 / 1000.0 * 1.2);
        let context = format!("kill {kill} after {delay:?} of a {save:?} save (seed {seed})");
        let (rewritten, left) = kill_during_save(&path, delay, &context);
        if rewritten {
            new += 1;
        } else {
            old += 1;
        }
        mid_write += usize::from(left > 0);
    }
    assert!(
        mid_write > 0,
        "no kill landed while a temporary file was written (old {old}, new {new}, seed {seed}): \
         the test proved nothing"
    );
    // Every start and every save removes what earlier killed saves left, so only the last
    // kill's leftovers can be there now: kill in the middle of saves until one leaves some.
    let mut extra = 0;
    while leftovers(&path).is_empty() {
        extra += 1;
        assert!(
            extra <= 10,
            "10 kills in the middle of a save left no temporary file (seed {seed})"
        );
        let context = format!("extra kill {extra}, half way through a {save:?} save");
        kill_during_save(&path, save / 2, &context);
    }

    // The next start removes what the killed saves left behind.
    let mut session = Session::start(&[file]);
    session.wait_for("Provinces (");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let left: Vec<String> = leftovers(&path)
        .into_iter()
        .map(|(name, mode)| format!("{name} ({mode:o})"))
        .collect();
    assert!(
        left.is_empty(),
        "the next start of htx left the killed saves' temporary files: {left:?}"
    );
}

/// Starts htx on `path`, makes one edit, saves and kills it with SIGKILL `delay` after the
/// `s`. Checks that the file is whole, the old version or the new one, and that no
/// temporary file left beside it is more readable than it. Returns whether the file is the
/// new version, and how many temporary files were left.
fn kill_during_save(path: &Path, delay: Duration, context: &str) -> (bool, usize) {
    use std::os::unix::fs::PermissionsExt;
    let before = fs::read(path).unwrap();
    let status = first_status(&before).unwrap();
    // A home of its own each time, so no recovery question is asked at the start.
    let mut session = Session::start(&[path.to_str().unwrap()]);
    session.wait_for("Provinces (");
    session.send("3\r ");
    session.wait_for("1 unsaved");
    session.send("s");
    std::thread::sleep(delay);
    session.signal("KILL");
    session.wait_exit();

    let after = fs::read(path).unwrap();
    let now = first_status(&after)
        .unwrap_or_else(|problem| panic!("{context}: the file is broken: {problem}"));
    let rewritten = after != before;
    if rewritten {
        assert_eq!(
            now,
            cycled(status),
            "{context}: the file is neither the old version nor the new one"
        );
    }
    let data_mode = fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let left = leftovers(path);
    for (name, mode) in &left {
        assert_eq!(
            mode & 0o444 & !data_mode,
            0,
            "{context}: {name} is {mode:o}, more readable than the data file ({data_mode:o})"
        );
    }
    (rewritten, left.len())
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
    b.wait_for("your unsaved edits are carried over");
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

#[test]
fn the_recovery_question_is_asked_in_the_interface_language() {
    let home = tempfile::tempdir().unwrap();
    let path = copy_minimal(home.path());
    let file = path.to_str().unwrap();
    let start = || {
        let mut command = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_htx"));
        command.arg(file);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        common::pty::in_home(&mut command, home.path());
        command.env("LANG", "vi_VN.UTF-8");
        Session::spawn(command, home.path(), 24, 80)
    };
    let mut session = start();
    session.wait_for("Các tỉnh (2)");
    session.send("3\rj ");
    session.wait_for("1 chưa lưu");
    session.signal("HUP");
    assert_eq!(session.wait_exit(), 129);

    let mut session = start();
    session.wait_for("r khôi phục · d bỏ đi · s xem");
    session.send("s");
    session.wait_for("KH-01 · Thái Bình: đang làm");
    session.send("r");
    session.wait_for("Đã khôi phục 1 thay đổi chưa lưu (s để lưu)");
    session.send("s");
    session.wait_for("Đã lưu plan.ron");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(status(&path, "34"), ProgressStatus::InProgress);
}
