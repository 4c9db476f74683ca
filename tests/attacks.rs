//! The attacks of issue 8 on the save path, each tried against the real binary in a
//! pseudo-terminal, in a temporary folder: planted links at temporary, backup and lock names,
//! a linked data file, read-only files (as root, and as `nobody`), files of another owner, a
//! private dataset, and the lost update through an intermediate value.
//!
//! Not here: the crash loop (20 kill -9 during saves, the file valid, leftovers never more
//! readable than the dataset and gone after the next start) is
//! `a_save_killed_at_any_moment_leaves_a_complete_file` in `tests/durability.rs`; the
//! stale, corrupted and FIFO cache cases are in `tests/lookup_cli.rs`; hostile JSON, CSV and
//! table output is with the CLI tests.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use common::pty::{Session, in_home};
use htx::model::ProgressStatus;
use portable_pty::CommandBuilder;

/// How long any one thing may take before the test gives up (and kills the child).
const DEADLINE: Duration = Duration::from_secs(10);

/// Who runs the binary.
#[derive(Clone, Copy, PartialEq, Eq)]
enum As {
    /// The test's own user (root in CI).
    Me,
    /// `nobody`, through `setpriv` (only when the test runs as root).
    Nobody,
}

/// The real binary in a pseudo-terminal, read through a terminal emulator. Killed when
/// dropped, so a failed wait never leaves it running.
struct Tui {
    session: Session,
    exited: bool,
}

impl Tui {
    /// Starts htx on `file` with `home` holding its XDG directories, in a wide terminal so
    /// that whole messages (with their long temporary paths) fit on a line.
    fn start(file: &Path, home: &Path, who: As) -> Self {
        Self::start_as(file, home, who, "tester")
    }

    /// As [`Tui::start`], with `user` as the name htx stamps on the entries it changes.
    fn start_as(file: &Path, home: &Path, who: As, user: &str) -> Self {
        let binary = env!("CARGO_BIN_EXE_htx");
        let mut command = match who {
            As::Me => CommandBuilder::new(binary),
            As::Nobody => {
                let mut command = CommandBuilder::new("setpriv");
                command.args([
                    "--reuid=nobody",
                    "--regid=nogroup",
                    "--clear-groups",
                    binary,
                ]);
                command
            }
        };
        command.arg(file);
        command.cwd(home);
        command.env("HOME", home);
        in_home(&mut command, home);
        command.env("USER", user);
        Self {
            session: Session::spawn(command, home, 30, 250),
            exited: false,
        }
    }

    fn pid(&self) -> u32 {
        self.session.pid()
    }

    fn text(&self) -> String {
        self.session.text()
    }

    /// Waits until the screen shows `needle`; fails (killing the child) after the deadline.
    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + DEADLINE;
        while Instant::now() < deadline {
            if self.text().contains(needle) {
                return;
            }
            if let Ok(Some(status)) = self.session.child.try_wait() {
                self.exited = true;
                thread::sleep(Duration::from_millis(100));
                panic!(
                    "htx exited ({status:?}) before {needle:?} appeared; the screen shows:\n{}",
                    self.text()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{needle:?} never appeared within {DEADLINE:?}; the screen shows:\n{}",
            self.text()
        );
    }

    /// Waits until one line of the screen holds every one of `parts`.
    fn wait_for_row(&mut self, parts: &[&str]) {
        let deadline = Instant::now() + DEADLINE;
        while Instant::now() < deadline {
            if self
                .text()
                .lines()
                .any(|line| parts.iter().all(|part| line.contains(part)))
            {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "no line held {parts:?} within {DEADLINE:?}; the screen shows:\n{}",
            self.text()
        );
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys);
    }

    /// Waits for the exit and returns its code; fails (killing the child) after the deadline.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.session.child.try_wait().unwrap() {
                self.exited = true;
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "htx did not exit within {DEADLINE:?}; the screen shows:\n{}",
                self.text()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// `q`, and `d` (discard) if unsaved edits make it ask; exit code 0.
    fn quit(&mut self) {
        self.send("q");
        thread::sleep(Duration::from_millis(200));
        if self.text().contains("Unsaved edits") {
            self.send("d");
        }
        assert_eq!(self.wait_exit(), 0, "the screen shows:\n{}", self.text());
    }

    /// The edit every test makes: the plan (`3`), into the provinces of KH-01 (Enter), then
    /// Space on the first row, Nam Định, whose status is done in `tests/data/minimal.ron`:
    /// done → not started.
    fn cycle_first_status(&mut self) {
        self.wait_for("Provinces (2)");
        self.send("3");
        self.wait_for("Provinces on KH-01");
        self.send("\r ");
        self.wait_for("1 unsaved");
    }

    /// `s`; waits for whatever the save ends with (saved, not saved, a question) and returns
    /// the screen then.
    fn save(&mut self) -> String {
        const OUTCOMES: [&str; 4] = ["Saved", "not saved", "Owner would change", "Conflict 1 of"];
        self.send("s");
        let deadline = Instant::now() + DEADLINE;
        loop {
            let screen = self.text();
            if OUTCOMES.iter().any(|outcome| screen.contains(outcome)) {
                // The rest of the frame.
                thread::sleep(Duration::from_millis(50));
                return self.text();
            }
            assert!(
                Instant::now() < deadline,
                "the save said nothing within {DEADLINE:?}; the screen shows:\n{screen}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the message that the file is read-only for this user (`not saved: …` when
    /// `refused`, else the one shown at the start), which must name `w`, the way out.
    fn wait_read_only(&mut self, refused: bool) {
        let wanted = |line: &str| {
            line.contains("plan.ron is read-only for you")
                && line.contains("not saved") == refused
                && line
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| word == "w")
        };
        let deadline = Instant::now() + DEADLINE;
        loop {
            let screen = self.text();
            if screen.lines().any(wanted) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no read-only message naming w ({}) within {DEADLINE:?}; the screen shows:\n{screen}",
                if refused { "not saved" } else { "at the start" }
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// `s`, and a save that ends with `needle` on the screen.
    fn save_and_wait(&mut self, needle: &str) {
        let screen = self.save();
        assert!(
            screen.contains(needle),
            "the save did not end with {needle:?}; the screen shows:\n{screen}"
        );
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if !self.exited {
            let _ = self.session.child.kill();
            let _ = self.session.child.wait();
        }
    }
}

/// A temporary folder for one test, holding its data files and the homes (XDG directories) of
/// the sessions it starts.
struct Scene {
    dir: tempfile::TempDir,
}

impl Scene {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A new folder (and its parents) inside the scene.
    fn folder(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        fs::create_dir_all(&path).unwrap();
        path
    }

    /// `tests/data/minimal.ron` copied to `name`.
    fn dataset(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::copy("tests/data/minimal.ron", &path).unwrap();
        path
    }

    /// A file holding `text` at `name`.
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn home(&self, name: &str) -> PathBuf {
        self.folder(name)
    }
}

/// The status of Nam Định (36) on KH-01 in the file at `path`.
fn nam_dinh(path: &Path) -> ProgressStatus {
    let dataset = htx::store::load(path, &|_| {})
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
        .dataset;
    dataset.plan.items[0]
        .progress_of("36")
        .map_or(ProgressStatus::NotStarted, |e| e.status)
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().mode() & 0o7777
}

/// The permission bits of `path`, as `ls` shows them in octal.
fn octal(path: &Path) -> String {
    format!("{:o}", mode(path))
}

/// Names in `dir` that look like temporary files of a save: htx's `.htx-tmp` and the old
/// `.tmp`, links excluded (the ones a test planted).
fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| !t.is_symlink()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(htx::store::files::TEMP_SUFFIX) || name.ends_with(".tmp"))
        .collect()
}

/// The process id the system will most likely give next (a process started and ended now).
fn next_pid() -> u32 {
    let mut probe = std::process::Command::new("true").spawn().unwrap();
    let pid = probe.id();
    probe.wait().unwrap();
    pid + 1
}

/// Every name a save of `name` ever used or might use for its temporary file, for process
/// `pid`: the old `NAME.PID.tmp`, its hidden form, and htx's prefix with guessed random parts,
/// also for the backup.
fn temp_names(name: &str, pid: u32) -> Vec<String> {
    let suffix = htx::store::files::TEMP_SUFFIX;
    vec![
        format!("{name}.{pid}.tmp"),
        format!(".{name}.{pid}.tmp"),
        format!(".{name}.{pid}{suffix}"),
        format!(".{name}.{pid}.x{suffix}"),
        format!(".{name}.{pid}.000000000000{suffix}"),
        format!(".{name}.bak.{pid}.x{suffix}"),
        format!("{name}.bak.{pid}.tmp"),
    ]
}

/// Links planted at the temporary names of a range of likely process ids, and of the child's
/// own id before it saves, never redirect the save: the file they point at is untouched, the
/// data file is a regular file holding the edit.
#[test]
fn planted_links_at_temporary_names_never_redirect_a_save() {
    let scene = Scene::new();
    let data = scene.dataset("shared/plan.ron");
    let shared = data.parent().unwrap().to_owned();
    // Any file the saving user can write: someone's authorized_keys.
    let victim = scene.file("victim/.ssh/authorized_keys", "ssh-ed25519 AAAA precious\n");
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o600)).unwrap();
    let victim_before = fs::read(&victim).unwrap();

    let mut planted = 0;
    let mut plant = |pid: u32| {
        for name in temp_names("plan.ron", pid) {
            let link = shared.join(name);
            if fs::symlink_metadata(&link).is_err() {
                symlink(&victim, &link).unwrap();
                planted += 1;
            }
        }
    };
    let first = next_pid();
    for pid in first.saturating_sub(50)..first + 400 {
        plant(pid);
    }
    let mut tui = Tui::start(&data, &scene.home("home"), As::Me);
    // The child's own id, learnt before it saves.
    plant(tui.pid());
    assert!(planted > 3000, "only {planted} links planted");
    tui.cycle_first_status();
    tui.save_and_wait("Saved plan.ron");
    tui.quit();

    assert_eq!(
        String::from_utf8_lossy(&fs::read(&victim).unwrap()),
        String::from_utf8_lossy(&victim_before),
        "the save wrote through a planted link"
    );
    assert_eq!(
        octal(&victim),
        "600",
        "the planted link's target changed mode"
    );
    let kind = fs::symlink_metadata(&data).unwrap().file_type();
    assert!(
        kind.is_file(),
        "plan.ron is no longer a regular file: {kind:?}"
    );
    assert_eq!(
        nam_dinh(&data),
        ProgressStatus::NotStarted,
        "the edit is not in the file"
    );
    assert_eq!(temporary_files(&shared), Vec::<String>::new());
}

/// A link planted at the backup's name is replaced by the backup, not written through.
#[test]
fn a_planted_link_at_the_backup_name_is_replaced_not_followed() {
    let scene = Scene::new();
    let data = scene.dataset("shared/plan.ron");
    let before = fs::read(&data).unwrap();
    let victim = scene.file("victim/notes", "precious");
    let backup = htx::store::save::backup_path(&data);
    symlink(&victim, &backup).unwrap();

    let mut tui = Tui::start(&data, &scene.home("home"), As::Me);
    tui.cycle_first_status();
    tui.save_and_wait("Saved plan.ron");
    tui.quit();

    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        fs::symlink_metadata(&backup).unwrap().file_type().is_file(),
        "the backup is still a link"
    );
    assert_eq!(
        fs::read(&backup).unwrap(),
        before,
        "the backup is not the old file"
    );
    assert_eq!(nam_dinh(&data), ProgressStatus::NotStarted);
}

/// A link planted at the lock file's name is never followed, not even to create the file it
/// names: the save is refused with the reason, nothing appears where the link points, and the
/// data file is unchanged.
#[test]
fn a_planted_link_at_the_lock_name_is_refused() {
    let scene = Scene::new();
    let data = scene.dataset("shared/plan.ron");
    let before = fs::read(&data).unwrap();
    // Where the attacker wants a file of the saving user's to appear.
    let elsewhere = scene.folder("victim").join("created-by-htx");
    let lock = scene.path("shared/plan.ron.lock");
    symlink(&elsewhere, &lock).unwrap();

    let mut tui = Tui::start(&data, &scene.home("home"), As::Me);
    tui.cycle_first_status();
    let screen = tui.save();
    tui.quit();

    assert!(
        fs::symlink_metadata(&elsewhere).is_err(),
        "the lock was created through the planted link"
    );
    assert!(
        fs::symlink_metadata(&lock)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&data).unwrap(), before, "the file was written");
    assert!(
        screen.contains("not saved") && screen.contains("htx never follows one there"),
        "{screen}"
    );
}

/// `plan.ron -> real/plan.ron`: the save writes the link's target, keeps the link a link to
/// the same target, and keeps the backup (and the lock) beside the target, not the link.
#[test]
fn a_linked_data_file_keeps_its_link_and_its_target_gets_the_edit() {
    let scene = Scene::new();
    let target = scene.dataset("real/plan.ron");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    let before = fs::read(&target).unwrap();
    let link = scene.path("plan.ron");
    symlink("real/plan.ron", &link).unwrap();

    let mut tui = Tui::start(&link, &scene.home("home"), As::Me);
    tui.cycle_first_status();
    tui.save_and_wait("Saved plan.ron");
    tui.quit();

    let kind = fs::symlink_metadata(&link).unwrap().file_type();
    assert!(kind.is_symlink(), "plan.ron is no longer a link: {kind:?}");
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/plan.ron"));
    assert!(fs::symlink_metadata(&target).unwrap().file_type().is_file());
    assert_eq!(
        nam_dinh(&target),
        ProgressStatus::NotStarted,
        "the target lacks the edit"
    );
    assert_eq!(octal(&target), "640", "the target's mode changed");

    let backup = scene.path("real/plan.ron.bak");
    let backup_kind = fs::symlink_metadata(&backup)
        .expect("no backup beside the target")
        .file_type();
    assert!(
        backup_kind.is_file(),
        "the backup is not a regular file: {backup_kind:?}"
    );
    assert_eq!(
        fs::read(&backup).unwrap(),
        before,
        "the backup is not the old file"
    );
    for beside_link in ["plan.ron.bak", "plan.ron.lock"] {
        assert!(
            fs::symlink_metadata(scene.path(beside_link)).is_err(),
            "{beside_link} was made beside the link"
        );
    }
    assert_eq!(temporary_files(scene.dir.path()), Vec::<String>::new());
    assert_eq!(temporary_files(&scene.path("real")), Vec::<String>::new());
}

/// A `0444` file is refused even to root (who could write it): the read-only message,
/// naming `w`, at the start and on `s`; bytes and mode unchanged; `w` saves elsewhere.
#[test]
fn a_read_only_file_is_refused_and_unchanged_even_for_root() {
    let scene = Scene::new();
    let data = scene.dataset("shared/plan.ron");
    fs::set_permissions(&data, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&data).unwrap();
    let copy = scene.path("shared/copy.ron");

    let mut tui = Tui::start(&data, &scene.home("home"), As::Me);
    tui.wait_read_only(false);
    tui.cycle_first_status();
    tui.save();
    assert_eq!(
        fs::read(&data).unwrap(),
        before,
        "the read-only file was written"
    );
    assert_eq!(octal(&data), "444");
    tui.wait_read_only(true);

    // The way out: save as.
    tui.send("w");
    tui.wait_for("Save as");
    tui.send(copy.to_str().unwrap());
    tui.send("\r");
    tui.wait_for("Saved as");
    tui.quit();

    assert_eq!(
        fs::read(&data).unwrap(),
        before,
        "the read-only file was written"
    );
    assert_eq!(octal(&data), "444");
    assert!(
        fs::symlink_metadata(scene.path("shared/plan.ron.bak")).is_err(),
        "a backup was made of a file that was not saved"
    );
    assert_eq!(
        nam_dinh(&copy),
        ProgressStatus::NotStarted,
        "save as lost the edit"
    );
    assert_eq!(octal(&copy), "600", "save as made a file others can read");
    assert_eq!(temporary_files(&scene.path("shared")), Vec::<String>::new());
}

/// `nobody`'s uid and gid.
fn nobody() -> (u32, u32) {
    let id = |flag: &str| -> u32 {
        let out = std::process::Command::new("id")
            .args([flag, "nobody"])
            .output()
            .unwrap();
        assert!(out.status.success(), "id {flag} nobody failed");
        String::from_utf8(out.stdout)
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    (id("-u"), id("-g"))
}

/// Whether the test runs as root (then `nobody` can be tried); prints why not if not.
fn root_or_note(test: &str) -> bool {
    let root = rustix::process::geteuid().is_root();
    if !root {
        println!("{test}: skipped: not root, so it cannot run htx as another user");
    }
    root
}

/// A home for `nobody`: a folder it owns, inside the scene (which it can traverse).
fn home_of_nobody(scene: &Scene) -> PathBuf {
    let (uid, gid) = nobody();
    fs::set_permissions(scene.dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let home = scene.home("nobody-home");
    std::os::unix::fs::chown(&home, Some(uid), Some(gid)).unwrap();
    home
}

/// Root's `0644` file in root's `0755` folder, with a home for `nobody`; the file's bytes.
fn roots_file_for_nobody(scene: &Scene) -> (PathBuf, PathBuf, Vec<u8>) {
    let home = home_of_nobody(scene);
    let data = scene.dataset("shared/plan.ron");
    fs::set_permissions(scene.path("shared"), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o644)).unwrap();
    let before = fs::read(&data).unwrap();
    (home, data, before)
}

/// The file keeps its bytes, mode and owner, and the folder holds only `expected`.
fn unchanged_roots_file(data: &Path, before: &[u8], expected: &[&str]) {
    let metadata = fs::symlink_metadata(data).unwrap();
    assert_eq!(fs::read(data).unwrap(), before, "the file was written");
    assert_eq!(format!("{:o}", metadata.mode() & 0o7777), "644");
    assert_eq!((metadata.uid(), metadata.gid()), (0, 0));
    let mut left: Vec<String> = fs::read_dir(data.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, expected, "nobody made files in root's folder");
}

/// As `nobody`: root's `0644` file in root's folder is read-only for them. Told so at the
/// start (naming `w`); `s` does not save; the file keeps its bytes, mode and owner, and
/// nothing is created beside it.
#[test]
fn a_file_another_user_owns_is_refused_to_nobody() {
    if !root_or_note("a_file_another_user_owns_is_refused_to_nobody") {
        return;
    }
    let scene = Scene::new();
    let (home, data, before) = roots_file_for_nobody(&scene);

    let mut tui = Tui::start(&data, &home, As::Nobody);
    tui.wait_read_only(false);
    tui.cycle_first_status();
    tui.save_and_wait("not saved: ");
    tui.quit();
    unchanged_roots_file(&data, &before, &["plan.ron"]);
}

/// As above, once root has saved the file (so its lock file exists, readable by all): the
/// save is refused with the read-only message naming `w`.
#[test]
fn a_file_another_user_owns_and_has_saved_is_refused_to_nobody_as_read_only() {
    if !root_or_note("a_file_another_user_owns_and_has_saved_is_refused_to_nobody_as_read_only") {
        return;
    }
    let scene = Scene::new();
    let (home, data, before) = roots_file_for_nobody(&scene);
    let lock = scene.path("shared/plan.ron.lock");
    fs::write(&lock, "").unwrap();
    fs::set_permissions(&lock, fs::Permissions::from_mode(0o644)).unwrap();

    let mut tui = Tui::start(&data, &home, As::Nobody);
    tui.wait_read_only(false);
    tui.cycle_first_status();
    tui.save();
    unchanged_roots_file(&data, &before, &["plan.ron", "plan.ron.lock"]);
    tui.wait_read_only(true);
    tui.quit();
}

/// The same without a lock file yet: the save says the file is read-only and offers `w`
/// (the check comes before the lock, whose file `nobody` could not create in root's folder).
#[test]
fn a_file_in_a_folder_nobody_can_write_is_refused_as_read_only() {
    if !root_or_note("a_file_in_a_folder_nobody_can_write_is_refused_as_read_only") {
        return;
    }
    let scene = Scene::new();
    let (home, data, before) = roots_file_for_nobody(&scene);

    let mut tui = Tui::start(&data, &home, As::Nobody);
    tui.cycle_first_status();
    tui.save_and_wait("not saved: ");
    tui.wait_read_only(true);
    tui.quit();
    unchanged_roots_file(&data, &before, &["plan.ron"]);
}

/// As `nobody`: their own file in root's folder can be written, but not replaced atomically
/// (no new file can be made beside it). htx refuses rather than overwrite it in place, says
/// why and offers `w`; the file is untouched.
#[test]
fn a_writable_file_in_a_folder_that_takes_no_new_file_is_not_overwritten_in_place() {
    if !root_or_note(
        "a_writable_file_in_a_folder_that_takes_no_new_file_is_not_overwritten_in_place",
    ) {
        return;
    }
    let scene = Scene::new();
    let (home, data, before) = roots_file_for_nobody(&scene);
    let (uid, gid) = nobody();
    std::os::unix::fs::chown(&data, Some(uid), Some(gid)).unwrap();

    let mut tui = Tui::start(&data, &home, As::Nobody);
    tui.cycle_first_status();
    tui.save_and_wait("you cannot create files in");
    assert!(
        tui.text().contains("w saves under another name"),
        "{}",
        tui.text()
    );
    tui.quit();
    assert_eq!(fs::read(&data).unwrap(), before, "the file was written");
    let left: Vec<String> = fs::read_dir(data.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["plan.ron"], "nothing made beside it");
}

/// As `nobody`: root's `0666` file in a folder anyone can write could be replaced, but the
/// new file would be nobody's. htx asks first; Esc leaves the file (and its owner) as it was;
/// `y` saves and the file becomes nobody's, as the dialog said.
#[test]
fn replacing_another_users_file_asks_before_the_owner_changes() {
    if !root_or_note("replacing_another_users_file_asks_before_the_owner_changes") {
        return;
    }
    let (uid, gid) = nobody();
    let scene = Scene::new();
    let home = home_of_nobody(&scene);
    let data = scene.dataset("shared/plan.ron");
    let shared = scene.path("shared");
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o666)).unwrap();
    let before = fs::read(&data).unwrap();

    let mut tui = Tui::start(&data, &home, As::Nobody);
    tui.cycle_first_status();
    tui.save_and_wait("Owner would change");
    tui.wait_for("belongs to user 0");
    assert_eq!(
        fs::read(&data).unwrap(),
        before,
        "written before the answer"
    );
    tui.send("\x1b");
    thread::sleep(Duration::from_millis(300));
    assert!(!tui.text().contains("Owner would change"), "{}", tui.text());
    let metadata = fs::symlink_metadata(&data).unwrap();
    assert_eq!(fs::read(&data).unwrap(), before, "written after Esc");
    assert_eq!((metadata.uid(), metadata.gid()), (0, 0));

    tui.save_and_wait("Owner would change");
    tui.send("y");
    tui.wait_for("Saved plan.ron");
    tui.quit();
    let metadata = fs::symlink_metadata(&data).unwrap();
    assert_eq!(nam_dinh(&data), ProgressStatus::NotStarted);
    assert_eq!((metadata.uid(), metadata.gid()), (uid, gid));
    assert_eq!(
        format!("{:o}", metadata.mode() & 0o7777),
        "666",
        "the mode changed"
    );
}

/// Root saving a file that belongs to `nobody` keeps its owner and group (and mode): the
/// officer is not locked out of their own plan.
#[test]
fn root_saving_another_users_file_keeps_its_owner() {
    if !root_or_note("root_saving_another_users_file_keeps_its_owner") {
        return;
    }
    let (uid, gid) = nobody();
    let scene = Scene::new();
    let data = scene.dataset("shared/plan.ron");
    fs::set_permissions(&data, fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::chown(&data, Some(uid), Some(gid)).unwrap();

    let mut tui = Tui::start(&data, &scene.home("home"), As::Me);
    tui.cycle_first_status();
    tui.save_and_wait("Saved plan.ron");
    tui.quit();

    let metadata = fs::symlink_metadata(&data).unwrap();
    assert_eq!(nam_dinh(&data), ProgressStatus::NotStarted);
    assert_eq!(
        (metadata.uid(), metadata.gid()),
        (uid, gid),
        "the saved file changed owner"
    );
    assert_eq!(format!("{:o}", metadata.mode() & 0o7777), "640");
}

/// A private (`0600`) dataset stays private: after a save the file, its backup and its lock
/// are no more readable than it; while edits are unsaved, the journal is `0600` in a `0700`
/// folder.
#[test]
fn files_made_beside_a_private_dataset_and_journals_are_private() {
    let scene = Scene::new();
    let data = scene.dataset("shared/plan.ron");
    fs::set_permissions(&data, fs::Permissions::from_mode(0o600)).unwrap();
    let home = scene.home("home");

    let mut tui = Tui::start(&data, &home, As::Me);
    tui.cycle_first_status();
    let journals = home.join("state").join("htx").join("journals");
    assert_eq!(octal(&journals), "700", "the journals' folder");
    let written: Vec<PathBuf> = fs::read_dir(&journals)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "journal"))
        .collect();
    assert_eq!(
        written.len(),
        1,
        "no journal of the unsaved edit: {written:?}"
    );
    for entry in fs::read_dir(&journals).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(octal(&path), "600", "{}", path.display());
    }
    tui.save_and_wait("Saved plan.ron");
    tui.quit();

    assert_eq!(octal(&data), "600");
    for beside in ["plan.ron.bak", "plan.ron.lock"] {
        let path = scene.path("shared").join(beside);
        let bits = mode(&path);
        assert_eq!(
            bits & !0o600,
            0,
            "{beside} is {bits:o}, more open than the dataset"
        );
    }
    assert_eq!(
        fs::metadata(scene.path("shared/plan.ron.lock"))
            .unwrap()
            .len(),
        0
    );
}

/// Two officers, alice and bob, open the same file; each changes Nam Định, which is done.
/// Alice: done → not started, and saves. Bob: done → not started → in progress, then saves.
/// Bob's last step started from the value alice saved, but both changed the value they
/// loaded, differently: bob is asked, and nothing is written until he answers. Returns the
/// two sessions, the file, and the file as alice saved it.
fn lost_update(scene: &Scene) -> (Tui, Tui, PathBuf, Vec<u8>) {
    let data = scene.dataset("shared/plan.ron");
    let mut alice = Tui::start_as(&data, &scene.home("alice"), As::Me, "alice");
    let mut bob = Tui::start_as(&data, &scene.home("bob"), As::Me, "bob");
    alice.cycle_first_status();
    bob.cycle_first_status();
    alice.save_and_wait("Saved plan.ron");
    let after_alice = fs::read(&data).unwrap();
    assert_eq!(nam_dinh(&data), ProgressStatus::NotStarted);
    bob.send(" ");
    // Two edits of one record: still one record unsaved.
    bob.wait_for_row(&["Nam Định", "in progress"]);
    bob.wait_for("1 unsaved");
    bob.save_and_wait("Conflict 1 of 1");
    for shown in [
        "was:    done",
        "mine:   in progress",
        "theirs: not started",
        "m keep mine",
        "t take theirs",
    ] {
        bob.wait_for(shown);
    }
    let screen = bob.text();
    assert!(!screen.contains("meanwhile"), "{screen}");
    assert_eq!(
        fs::read(&data).unwrap(),
        after_alice,
        "written before the conflict was settled"
    );
    (alice, bob, data, after_alice)
}

/// The file at `path` is the one in `reference` but for Nam Định's entry on KH-01, which
/// has `status` and the stamp of `by`, whose value was kept.
fn only_nam_dinh_differs(path: &Path, reference: &[u8], status: ProgressStatus, by: &str) {
    let saved = htx::store::load(path, &|_| {}).unwrap().dataset;
    let mut expected = htx::store::parse(reference, &|_| {}).unwrap().dataset;
    let entry = saved.plan.items[0].progress_of("36").unwrap().clone();
    assert_eq!(entry.status, status, "{entry:?}");
    assert_eq!(entry.changed_by.as_deref(), Some(by), "{entry:?}");
    let slot = expected.plan.items[0]
        .progress
        .iter_mut()
        .find(|e| e.province == "36")
        .unwrap();
    *slot = entry;
    assert_eq!(saved, expected, "more than the settled entry changed");
}

/// `t`: bob takes alice's value; the file keeps "not started" (with bob's stamp).
#[test]
fn the_lost_update_ends_in_a_conflict_and_theirs_can_be_taken() {
    let scene = Scene::new();
    let (mut alice, mut bob, data, after_alice) = lost_update(&scene);
    bob.send("t");
    bob.wait_for("Saved plan.ron");
    assert_eq!(
        nam_dinh(&data),
        ProgressStatus::NotStarted,
        "alice's change is lost"
    );
    only_nam_dinh_differs(&data, &after_alice, ProgressStatus::NotStarted, "alice");
    bob.quit();
    alice.quit();
}

/// `m`: bob keeps his value; the file has "in progress", alice's file is the backup.
#[test]
fn the_lost_update_ends_in_a_conflict_and_mine_can_be_kept() {
    let scene = Scene::new();
    let (mut alice, mut bob, data, after_alice) = lost_update(&scene);
    bob.send("m");
    bob.wait_for("Saved plan.ron");
    assert_eq!(
        nam_dinh(&data),
        ProgressStatus::InProgress,
        "bob's choice is lost"
    );
    only_nam_dinh_differs(&data, &after_alice, ProgressStatus::InProgress, "bob");
    assert_eq!(
        fs::read(htx::store::save::backup_path(&data)).unwrap(),
        after_alice,
        "the backup is not alice's file"
    );
    bob.quit();
    alice.quit();
}

/// As `nobody`, in their own folder: a leftover of a process that is gone is removed at
/// start-up, but one named for a live process of another user (pid 1, which `nobody` may not
/// signal) is kept: its save may still be running.
#[test]
fn leftovers_of_live_processes_of_other_users_are_kept() {
    if !root_or_note("leftovers_of_live_processes_of_other_users_are_kept") {
        return;
    }
    let scene = Scene::new();
    let home = home_of_nobody(&scene);
    let (uid, gid) = nobody();
    let data = home.join("plan.ron");
    fs::copy("tests/data/minimal.ron", &data).unwrap();
    let live = home.join(".plan.ron.1.abc.htx-tmp");
    let dead = home.join(".plan.ron.999999999.abc.htx-tmp");
    for path in [&data, &live, &dead] {
        if path != &data {
            fs::write(path, "half a save").unwrap();
        }
        std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
    }
    let mut tui = Tui::start(&data, &home, As::Nobody);
    tui.wait_for("Provinces");
    tui.quit();
    assert!(!dead.exists(), "a dead process's leftover stays");
    assert!(live.exists(), "a live process's temporary file was removed");
}
