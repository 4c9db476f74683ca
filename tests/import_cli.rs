//! `htx import` as a person and a script meet it: the real binary, its preview, its question,
//! its one write, its refusals of hostile files, and its write meeting another session's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::pty::Session;

/// A folder holding a dataset (`d.ron`, the built-in one) and the files to import, with a
/// home of its own; commands run inside it, so paths in the output are short and stable.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Self {
        let desk = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::write(desk.path("d.ron"), htx::store::BUILTIN).unwrap();
        desk
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Copies a fixture of `tests/data/import/` onto the desk.
    fn fixture(&self, name: &str) -> &Self {
        fs::copy(fixture(name), self.path(name)).unwrap();
        self
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_htx"));
        common::in_english(&mut command)
            .args(args)
            .current_dir(self.dir.path())
            .env("XDG_DATA_HOME", self.path("home/data"))
            .env("XDG_STATE_HOME", self.path("home/state"))
            .env("XDG_CACHE_HOME", self.path("home/cache"))
            .env("XDG_CONFIG_HOME", self.path("home/config"))
            .env("USER", "tester")
            .stdin(Stdio::null());
        command
    }

    /// Runs htx with no terminal, within a minute (a hang is a failure, not a stuck suite).
    fn run(&self, args: &[&str]) -> Output {
        let mut child = self
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                child.kill().unwrap();
                panic!("htx {args:?} did not finish within a minute");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
    }

    /// Runs htx in a 120×40 pseudo-terminal on the desk, to answer its question.
    fn on_terminal(&self, args: &[&str]) -> Session {
        let mut command = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_htx"));
        command.args(args);
        command.cwd(self.dir.path());
        common::pty::in_home(&mut command, &self.path("home"));
        Session::spawn(command, &self.path("home"), 40, 120)
    }

    fn dataset(&self) -> Vec<u8> {
        fs::read(self.path("d.ron")).unwrap()
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn ids(path: &Path) -> Vec<String> {
    let dataset = htx::store::load(path, &|_| {}).unwrap().dataset;
    dataset.cooperatives.iter().map(|c| c.id.clone()).collect()
}

#[test]
fn the_preview_says_what_was_read_and_what_would_change() {
    let desk = Desk::new();
    desk.fixture("titled.xlsx");
    let output = desk.run(&["import", "titled.xlsx", "--file", "d.ron", "--dry-run"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!("preview_en", stdout(&output));
    assert_eq!(
        desk.dataset(),
        htx::store::BUILTIN.as_bytes(),
        "a dry run writes nothing"
    );
}

#[test]
fn the_preview_in_vietnamese() {
    let desk = Desk::new();
    desk.fixture("cooperatives-utf8.csv");
    let output = desk
        .command(&[
            "import",
            "cooperatives-utf8.csv",
            "--file",
            "d.ron",
            "--dry-run",
        ])
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!("preview_vi", stdout(&output));
}

#[test]
fn without_a_terminal_nothing_is_written_unless_yes() {
    let desk = Desk::new();
    desk.fixture("cooperatives.xlsx");
    let output = desk.run(&["import", "cooperatives.xlsx", "--file", "d.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("without a terminal to ask on, import needs --yes"));
    assert_eq!(desk.dataset(), htx::store::BUILTIN.as_bytes());

    let output = desk.run(&["import", "cooperatives.xlsx", "--file", "d.ron", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("Imported 6 new and 2 updated records into d.ron."));
    let now = ids(&desk.path("d.ron"));
    assert!(now.contains(&"HTX-36-007".to_owned()) && now.contains(&"HTX-01-007".to_owned()));
    // A save: the file it replaced is the backup, and the result passes `htx check`.
    assert_eq!(
        fs::read(desk.path("d.ron.bak")).unwrap(),
        htx::store::BUILTIN.as_bytes()
    );
    let check = desk.run(&["check", "d.ron"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    // The same file again changes nothing.
    let again = desk.run(&["import", "cooperatives.xlsx", "--file", "d.ron", "--yes"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(stdout(&again).contains("0 new, 0 updated, 8 unchanged, 0 rejected"));
    assert!(stdout(&again).contains("Nothing to import"));
}

#[test]
fn rejected_rows_are_named_by_their_cell_and_nothing_is_written() {
    let desk = Desk::new();
    fs::write(
        desk.path("bad.csv"),
        "Tên HTX,Tỉnh,Lĩnh vực,Số thành viên,Năm thành lập\r\n\
         HTX Mới Một,Nam Định,Nông nghiệp,12,2001\r\n\
         HTX Mới Hai,Nam Định,Nông nghiệp,\"12,5\",2001\r\n\
         HTX Mới Ba,Vũng Tàu,Nông nghiệp,3,2001\r\n\
         HTX Mới Bốn,Hà Nam,Lâm nghiệp,3,01/02/2003\r\n",
    )
    .unwrap();
    let output = desk.run(&["import", "bad.csv", "--file", "d.ron"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    for line in [
        "bad.csv:3:34: “12,5” is not a whole number",
        "bad.csv:4:12: no province “Vũng Tàu” in the dataset",
        "bad.csv:5:20: no sector “Lâm nghiệp” in the dataset",
        "Nothing written: 3 rows cannot be taken.",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    assert_eq!(desk.dataset(), htx::store::BUILTIN.as_bytes());

    // The good row goes in with --skip-bad-rows.
    let output = desk.run(&[
        "import",
        "bad.csv",
        "--file",
        "d.ron",
        "--yes",
        "--skip-bad-rows",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(ids(&desk.path("d.ron")).contains(&"HTX-36-007".to_owned()));
}

#[test]
fn a_formula_error_is_named_by_sheet_and_cell() {
    let desk = Desk::new();
    desk.fixture("formula-error.xlsx");
    let output = desk.run(&[
        "import",
        "formula-error.xlsx",
        "--file",
        "d.ron",
        "--dry-run",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output)
            .contains("formula-error.xlsx:HTX!H3: the cell's formula gives the error #DIV/0!"),
        "{}",
        stdout(&output)
    );
}

/// Each hostile file is refused with a message and changes nothing; none panics or hangs.
#[test]
fn hostile_files_are_refused_and_change_nothing() {
    let desk = Desk::new();
    // A 1 GB CSV (sparse: it costs no disk) and a CSV with a 10 MB cell.
    let big = fs::File::create(desk.path("huge.csv")).unwrap();
    big.set_len(1 << 30).unwrap();
    let mut cell = fs::File::create(desk.path("long-cell.csv")).unwrap();
    write!(cell, "Tên HTX,Tỉnh,Lĩnh vực\r\nHTX ").unwrap();
    cell.write_all(&vec![b'a'; 10 << 20]).unwrap();
    write!(cell, ",Nam Định,Nông nghiệp\r\n").unwrap();
    drop(cell);
    let cases: [(&str, &str); 8] = [
        ("encrypted.xlsx", "protected by a password"),
        (
            "corrupt.xlsx",
            "not a spreadsheet htx can read, or it is damaged",
        ),
        ("zipbomb.xlsx", "inflates to more than"),
        ("garbage.csv", "binary data"),
        ("not-a-spreadsheet.xlsx", "binary data"),
        ("formula-error.xlsx", "#DIV/0!"),
        ("huge.csv", "larger than"),
        ("long-cell.csv", "a field holds at most 65536"),
    ];
    for (name, expected) in cases {
        if fixture(name).exists() {
            desk.fixture(name);
        }
        let output = desk.run(&["import", name, "--file", "d.ron", "--yes"]);
        let said = format!("{}{}", stdout(&output), stderr(&output));
        assert_eq!(output.status.code(), Some(1), "{name}: {said}");
        assert!(
            said.contains(expected),
            "{name}: {expected:?} not in {said}"
        );
        assert!(!said.contains("panicked"), "{name}: {said}");
        assert_eq!(desk.dataset(), htx::store::BUILTIN.as_bytes(), "{name}");
    }
}

#[test]
fn with_no_dataset_yet_the_import_starts_from_the_built_in_one() {
    let desk = Desk::new();
    desk.fixture("cooperatives.ods");
    let output = desk.run(&["import", "cooperatives.ods", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let created = desk.path("home/data/htx/dataset.ron");
    assert!(stdout(&output).contains("(created from the built-in dataset)"));
    let builtin = htx::store::builtin().unwrap();
    assert_eq!(ids(&created).len(), builtin.cooperatives.len() + 6);
}

#[test]
fn on_a_terminal_it_asks_and_merges_with_a_save_made_while_it_asked() {
    let desk = Desk::new();
    desk.fixture("cooperatives.xlsx").fixture("progress.csv");
    let dataset = desk.path("d.ron");
    let mut session = desk.on_terminal(&["import", "cooperatives.xlsx", "--file", "d.ron"]);
    session.wait_for("Write 8 changes to d.ron? [y/N]");
    // Meanwhile another process saves the same dataset: an officer's progress report.
    let other = desk.run(&[
        "import",
        "progress.csv",
        "--kind",
        "progress",
        "--file",
        "d.ron",
        "--yes",
    ]);
    assert_eq!(other.status.code(), Some(0), "{}", stdout(&other));
    session.send("y\r");
    session.wait_for("Imported 6 new and 2 updated records into d.ron.");
    assert_eq!(session.wait_exit(), 0);
    assert!(
        session
            .text()
            .contains("Another session had saved meanwhile")
    );
    let merged = htx::store::load(&dataset, &|_| {}).unwrap().dataset;
    assert!(merged.cooperatives.iter().any(|c| c.id == "HTX-36-007"));
    let kh06 = merged.plan.items.iter().find(|i| i.id == "KH-06").unwrap();
    assert_eq!(
        kh06.progress_of("36").map(|e| e.note.as_str()),
        Some("Đã tổ chức hội chợ hàng nông sản tháng 11.")
    );
}

#[test]
fn answering_no_writes_nothing() {
    let desk = Desk::new();
    desk.fixture("cooperatives.xlsx");
    let mut session = desk.on_terminal(&["import", "cooperatives.xlsx", "--file", "d.ron"]);
    session.wait_for("[y/N]");
    session.send("\r");
    session.wait_for("Nothing written.");
    assert_eq!(session.wait_exit(), 1);
    assert_eq!(desk.dataset(), htx::store::BUILTIN.as_bytes());
}

#[test]
fn a_running_session_saves_after_an_import_and_both_are_kept() {
    let desk = Desk::new();
    desk.fixture("cooperatives.xlsx");
    let dataset = desk.path("d.ron");
    let mut tui = Session::start_at(&[dataset.to_str().unwrap()], &desk.path("home"));
    tui.wait_for("Provinces (11)");
    // The session edits a province's entry on KH-01 and has not saved yet.
    tui.send("3\r ");
    tui.wait_for("1 unsaved");
    let output = desk.run(&["import", "cooperatives.xlsx", "--file", "d.ron", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    tui.send("s");
    tui.wait_for("both sets of changes are in");
    tui.send("q");
    tui.wait_exit();
    let saved = htx::store::load(&dataset, &|_| {}).unwrap().dataset;
    assert!(
        saved.cooperatives.iter().any(|c| c.id == "HTX-36-007"),
        "the import is kept"
    );
    // The import does not touch the plan: a change there is the session's.
    let builtin = htx::store::builtin().unwrap();
    assert!(saved.plan != builtin.plan, "the session's edit is kept");
}

#[test]
fn a_listing_of_the_dataset_imports_back_as_nothing_to_do() {
    let desk = Desk::new();
    let listing = desk.run(&["list", "cooperatives", "--file", "d.ron", "--format", "csv"]);
    assert_eq!(listing.status.code(), Some(0));
    fs::write(desk.path("list.csv"), &listing.stdout).unwrap();
    let output = desk.run(&["import", "list.csv", "--file", "d.ron", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let builtin = htx::store::builtin().unwrap();
    let totals = format!(
        "0 new, 0 updated, {} unchanged, 0 rejected",
        builtin.cooperatives.len()
    );
    assert!(stdout(&output).contains(&totals), "{}", stdout(&output));
    assert_eq!(desk.dataset(), htx::store::BUILTIN.as_bytes());
}

#[test]
fn a_map_or_encoding_htx_cannot_read_is_a_usage_error() {
    let desk = Desk::new();
    desk.fixture("cooperatives.xlsx");
    for args in [
        ["--map", "Đơn vị"],
        ["--map", "Đơn vị=tên gọi"],
        ["--encoding", "latin9"],
    ] {
        let mut all = vec!["import", "cooperatives.xlsx", "--file", "d.ron"];
        all.extend(args);
        let output = desk.run(&all);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("Usage: htx import"),
            "{}",
            stderr(&output)
        );
    }
    let output = desk.run(&["import", "cooperatives.xlsx", "--encoding", "latin9"]);
    assert!(stderr(&output).contains("utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni"));
}

/// On a terminal the preview lists the first 20 of each section before asking; a dry run and
/// output without a terminal list every one.
#[test]
fn the_preview_lists_twenty_on_a_terminal_and_all_otherwise() {
    let desk = Desk::new();
    let mut csv = String::from("Tên HTX,Tỉnh,Lĩnh vực\r\n");
    for n in 1..=25 {
        csv.push_str(&format!("HTX Mới số {n},Nam Định,Muối\r\n"));
    }
    fs::write(desk.path("many.csv"), csv).unwrap();
    let output = desk.run(&["import", "many.csv", "--file", "d.ron", "--dry-run"]);
    let text = stdout(&output);
    assert!(
        text.contains("HTX Mới số 25") && !text.contains("more"),
        "{text}"
    );

    let mut session = desk.on_terminal(&["import", "many.csv", "--file", "d.ron"]);
    session.wait_for("[y/N]");
    let screen = session.text();
    assert!(
        screen.contains("… and 5 more (--dry-run lists them all)"),
        "{screen}"
    );
    assert!(screen.contains("HTX Mới số 20") && !screen.contains("HTX Mới số 21"));
    session.send("n\r");
    assert_eq!(session.wait_exit(), 1);
}
