//! `htx find`, `htx list` and `htx show` as a script sees them: output formats, exit codes,
//! and the index cache (used when current, never when the data file changed).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// A home of its own: no dataset in the data directory (so the built-in one is used) and an
/// empty cache directory.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_htx"));
        common::in_english(&mut command)
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"));
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    fn cache_dir(&self) -> PathBuf {
        self.dir.path().join("cache").join("htx")
    }

    /// The cache files, by name.
    fn cache_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.cache_dir()) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        files
    }

    /// A copy of `tests/data/minimal.ron` to edit, with `edit` applied to its text.
    fn data_file(&self, edit: impl FnOnce(String) -> String) -> PathBuf {
        let path = self.dir.path().join("plan.ron");
        let text = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimal.ron"),
        )
        .unwrap();
        fs::write(&path, edit(text)).unwrap();
        path
    }
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn assert_ok(out: &Output) {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
}

/// Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes and line
/// breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                other => field.push(other),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            '\n' => panic!("a bare LF ends a record: {text:?}"),
            other => field.push(other),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "no CRLF after the last record"
    );
    records
}

#[test]
fn find_puts_the_best_match_first_as_tab_separated_fields() {
    let home = Home::new();
    let out = home.run(&["find", "nam dinh"]);
    assert_ok(&out);
    let text = stdout(&out);
    assert_eq!(
        text.lines().next(),
        Some("province\t36\tNam Định\tname\tNam Định"),
        "{text}"
    );
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 5, "{line}");
        assert!(
            ["province", "cooperative", "plan"].contains(&fields[0]),
            "{line}"
        );
    }
    assert!(
        !home.dir.path().join("data").exists(),
        "find wrote a dataset"
    );
}

#[test]
fn find_narrows_by_kind_and_limit() {
    let home = Home::new();
    let out = home.run(&["find", "--kind", "cooperative", "diem nghiep"]);
    assert_ok(&out);
    let text = stdout(&out);
    assert!(text.lines().count() > 1, "{text}");
    assert!(
        text.lines().all(|l| l.starts_with("cooperative\tHTX-")),
        "{text}"
    );

    let out = home.run(&["find", "--limit", "1", "diem nghiep"]);
    assert_ok(&out);
    assert_eq!(stdout(&out).lines().count(), 1);

    let out = home.run(&[
        "find", "--limit", "3", "--kind", "plan", "--kind", "province", "a",
    ]);
    assert_ok(&out);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(!text.contains("cooperative\t"), "{text}");
}

#[test]
fn find_json_has_every_field() {
    let home = Home::new();
    let out = home.run(&["find", "--json", "--limit", "5", "nam định"]);
    assert_ok(&out);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let hits = value.as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5);
    let first = &hits[0];
    assert_eq!(first["kind"], "province");
    assert_eq!(first["id"], "36");
    assert_eq!(first["label"], "Nam Định");
    assert_eq!(first["field"], "name");
    assert_eq!(first["text"], "Nam Định");
    assert_eq!(first["level"], "whole_word");
    assert_eq!(first["highlight"], serde_json::json!([[0, 8]]));
    for hit in hits {
        let object = hit.as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        for key in ["kind", "id", "label", "field", "text", "level", "highlight"] {
            assert!(keys.contains(&key), "{key} missing in {hit}");
        }
        let level = hit["level"].as_str().unwrap();
        assert!(
            ["whole_word", "prefix", "substring", "all_words", "fuzzy"].contains(&level),
            "{level}"
        );
        let chars = hit["text"].as_str().unwrap().chars().count() as u64;
        for range in hit["highlight"].as_array().unwrap() {
            let (start, end) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
            assert!(start <= end && end <= chars, "{hit}");
        }
    }
}

#[test]
fn find_without_a_match_exits_1_with_empty_stdout() {
    let home = Home::new();
    for args in [&["find", "zqxjv"][..], &["find", "--json", "zqxjv"]] {
        let out = home.run(args);
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty(), "{}", stdout(&out));
        assert!(stderr(&out).contains("nothing matches"), "{}", stderr(&out));
    }
}

#[test]
fn find_answers_from_the_cache_the_second_time() {
    let home = Home::new();
    let file = home.data_file(|text| text);
    let file = file.to_str().unwrap();
    let first = home.run(&["find", "--file", file, "diem nghiep"]);
    assert_ok(&first);
    assert!(
        stdout(&first).starts_with("cooperative\tA-"),
        "{}",
        stdout(&first)
    );
    let caches = home.cache_files();
    assert_eq!(caches.len(), 1, "{caches:?}");
    assert!(caches[0].extension().is_some_and(|e| e == "cache"));
    let mut written = modified(&caches[0]);

    let second = home.run(&["find", "--file", file, "diem nghiep"]);
    assert_ok(&second);
    assert_eq!(stdout(&second), stdout(&first));
    assert_eq!(home.cache_files(), caches);
    assert_eq!(
        modified(&caches[0]),
        written,
        "a current cache was rewritten"
    );

    // From the cache (which reads the original text of the hits alone, or all of it for a
    // query with marks) as from the text, highlights included.
    for query in [
        &["--json", "diem nghiep"][..],
        &["Diêm"],
        &["--json", "nam"],
    ] {
        let args = [&["find", "--file", file][..], query].concat();
        let cached = home.run(&args);
        assert_eq!(
            modified(&caches[0]),
            written,
            "{query:?}: not from the cache"
        );
        std::fs::remove_file(&caches[0]).unwrap();
        let parsed = home.run(&args);
        assert_ok(&parsed);
        assert!(!stdout(&parsed).is_empty(), "{query:?}");
        assert_eq!(stdout(&cached), stdout(&parsed), "{query:?}");
        written = modified(&caches[0]);
    }
}

#[test]
fn list_and_show_write_the_cache_for_find() {
    let home = Home::new();
    let file = home.data_file(|text| text);
    let file = file.to_str().unwrap();
    assert_ok(&home.run(&["show", "--file", file, "A-1"]));
    let caches = home.cache_files();
    assert_eq!(caches.len(), 1, "{caches:?}");
    let written = modified(&caches[0]);
    assert_ok(&home.run(&["list", "--file", file, "provinces"]));
    let out = home.run(&["find", "--file", file, "thai binh"]);
    assert_ok(&out);
    assert!(stdout(&out).starts_with("province\t34\tThái Bình\t"));
    assert_eq!(
        modified(&caches[0]),
        written,
        "a current cache was rewritten"
    );
}

#[test]
fn a_changed_data_file_is_read_again() {
    let home = Home::new();
    let path = home.data_file(|text| text);
    let file = path.to_str().unwrap();
    let out = home.run(&["find", "--file", file, "van ly"]);
    assert_ok(&out);
    assert!(stdout(&out).starts_with("cooperative\tA-1\tHTX Diêm nghiệp Văn Lý\t"));
    let before = modified(&path);

    // The same number of bytes ("ý" and "ê" are two bytes each), so only the time tells.
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("Văn Lý", "Văn Lê")).unwrap();
    if modified(&path) == before {
        // A file system with coarse timestamps: make the change visible as it would be a
        // moment later.
        let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_modified(before + Duration::from_secs(2)).unwrap();
    }
    let out = home.run(&["find", "--file", file, "van ly"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let out = home.run(&["find", "--file", file, "van le"]);
    assert_ok(&out);
    assert!(stdout(&out).starts_with("cooperative\tA-1\tHTX Diêm nghiệp Văn Lê\t"));

    // A longer name: another size.
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("Văn Lê", "Văn Lê Mới")).unwrap();
    let out = home.run(&["find", "--file", file, "moi"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("HTX Diêm nghiệp Văn Lê Mới"));
    assert_eq!(home.cache_files().len(), 1, "one cache per data file");
}

#[test]
fn a_broken_file_is_reported_at_its_place_and_not_cached() {
    let home = Home::new();
    let path = home.data_file(|text| text.replace("members: 265", "memebers: 265"));
    let out = home.run(&["find", "--file", path.to_str().unwrap(), "van ly"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("{}:38:13: ", path.display())),
        "{err}"
    );
    assert!(home.cache_files().is_empty());

    let out = home.run(&["show", "--file", "nowhere.ron", "36"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nowhere.ron: no such file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn list_provinces_as_table_csv_and_json() {
    let home = Home::new();
    let out = home.run(&["list", "provinces"]);
    assert_ok(&out);
    let table = stdout(&out);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 12, "{table}");
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["code", "name", "kind", "cooperatives", "done_percent"]
    );
    assert!(
        lines.iter().any(|l| l.starts_with("36    Nam Định ")),
        "{table}"
    );

    let out = home.run(&["list", "provinces", "--format", "csv"]);
    assert_ok(&out);
    let records = parse_csv(&stdout(&out));
    assert_eq!(
        records[0],
        ["code", "name", "kind", "cooperatives", "done_percent"]
    );
    assert_eq!(records.len(), 12);
    // Vietnamese order: Hà Nam before Hà Nội before Hải Dương.
    let names: Vec<&str> = records[1..].iter().map(|r| r[1].as_str()).collect();
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
    assert!(
        at("Hà Nam") < at("Hà Nội") && at("Hà Nội") < at("Hải Dương"),
        "{names:?}"
    );

    let out = home.run(&["list", "provinces", "--format", "json"]);
    assert_ok(&out);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = value.as_array().unwrap();
    assert_eq!(rows.len(), 11);
    let nam_dinh = rows.iter().find(|r| r["code"] == "36").unwrap();
    assert_eq!(nam_dinh["name"], "Nam Định");
    assert_eq!(nam_dinh["kind"], "Tỉnh");
    assert_eq!(nam_dinh["cooperatives"], 6);
    assert!(nam_dinh["done_percent"].is_u64());
}

#[test]
fn list_cooperatives_of_a_province_as_csv() {
    let home = Home::new();
    let out = home.run(&[
        "list",
        "cooperatives",
        "--province",
        "36",
        "--format",
        "csv",
    ]);
    assert_ok(&out);
    let records = parse_csv(&stdout(&out));
    assert_eq!(
        records[0],
        [
            "id",
            "name",
            "province",
            "district",
            "sector",
            "founded",
            "members",
            "latest_grade",
            "latest_rating_year",
            "alliance_member_since",
            "status"
        ]
    );
    assert_eq!(records.len(), 7, "header + 6 rows");
    assert!(records[1..].iter().all(|r| r.len() == 11 && r[2] == "36"));
    assert!(records.iter().any(|r| r[0] == "HTX-36-001"));
}

#[test]
fn csv_quotes_a_field_so_it_reads_back_the_same() {
    let home = Home::new();
    let name = r#"HTX "Văn Lý", Hải Hậu"#;
    let path = home.data_file(|text| {
        text.replace(
            r#"name: "HTX Diêm nghiệp Văn Lý""#,
            r#"name: "HTX \"Văn Lý\", Hải Hậu""#,
        )
    });
    let out = home.run(&[
        "list",
        "cooperatives",
        "--province",
        "36",
        "--format",
        "csv",
        "--file",
        path.to_str().unwrap(),
    ]);
    assert_ok(&out);
    let text = stdout(&out);
    assert!(text.contains(r#","HTX ""Văn Lý"", Hải Hậu","#), "{text}");
    let records = parse_csv(&text);
    assert_eq!(records.len(), 2);
    assert_eq!(records[1][1], name);
}

#[test]
fn list_of_an_unknown_province_exits_1() {
    let home = Home::new();
    let out = home.run(&["list", "cooperatives", "--province", "99"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("\"99\""), "{}", stderr(&out));
}

#[test]
fn list_plan_with_and_without_a_province() {
    let home = Home::new();
    let out = home.run(&["list", "plan", "--format", "json"]);
    assert_ok(&out);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = value.as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0]["id"], "KH-01", "plan order");
    assert!(rows[0]["applicable"].as_u64().unwrap() <= 11);

    let out = home.run(&["list", "plan", "--province", "36", "--format", "csv"]);
    assert_ok(&out);
    let records = parse_csv(&stdout(&out));
    assert_eq!(
        records[0],
        [
            "id",
            "title",
            "due",
            "status",
            "note",
            "changed_by",
            "changed_at"
        ]
    );
    assert_eq!(records.len(), 11);
}

#[test]
fn show_prints_a_record_in_full() {
    let home = Home::new();
    let out = home.run(&["show", "HTX-36-001"]);
    assert_ok(&out);
    let text = stdout(&out);
    assert!(
        text.starts_with("type: cooperative\nid: HTX-36-001\nname: "),
        "{text}"
    );
    assert!(
        text.contains("\nprovince: 36\nprovince_name: Nam Định\n"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.contains(": ")), "{text}");

    let out = home.run(&["show", "--json", "36"]);
    assert_ok(&out);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["type"], "province");
    assert_eq!(value["name"], "Nam Định");
    assert_eq!(value["progress"].as_array().unwrap().len(), 10);

    let out = home.run(&["show", "KH-01/36"]);
    assert_ok(&out);
    assert!(stdout(&out).starts_with("type: progress\nid: KH-01/36\n"));
}

#[test]
fn show_of_an_unknown_id_exits_1() {
    let home = Home::new();
    let out = home.run(&["show", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("\"nope\""), "{}", stderr(&out));
}

#[test]
fn bad_arguments_exit_2() {
    let home = Home::new();
    for args in [
        &["find"][..],
        &["list", "bogus"],
        &["list"],
        &["find", "--kind", "bogus", "nam"],
        &["find", "--limit", "0", "nam"],
        &["find", "--limit", "many", "nam"],
        &["list", "provinces", "--format", "bogus"],
        &["show"],
    ] {
        let out = home.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let home = Home::new();
    // Enough rows to fill a pipe: the built-in cooperatives, many times over.
    let mut dataset = htx::store::builtin().unwrap();
    let base = dataset.cooperatives.clone();
    for copy in 1..60 {
        for coop in &base {
            let mut coop = (**coop).clone();
            coop.id = format!("{}-{copy}", coop.id);
            dataset.cooperatives.push(Arc::new(coop));
        }
    }
    let path = home.dir.path().join("many.ron");
    fs::write(&path, htx::store::to_ron_string(&dataset).unwrap()).unwrap();
    for args in [
        &["list", "cooperatives", "--format", "csv"][..],
        &["find", "--limit", "100000", "h"],
    ] {
        let mut child = home
            .command(args)
            .args(["--file", path.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
    }
}

/// `command`'s output, waiting at most `seconds`: past that it is killed and the test fails,
/// so a read that blocks is a failure instead of a hang.
fn output_within(seconds: u64, mut command: Command) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} was still running after {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_at_the_cache_path_is_passed_over_and_replaced() {
    let home = Home::new();
    let path = home.data_file(|text| text);
    let file = path.to_str().unwrap();
    let find = ["find", "--file", file, "van ly"];
    let good = output_within(20, home.command(&find));
    assert_ok(&good);
    assert!(stdout(&good).starts_with("cooperative\tA-1\tHTX Diêm nghiệp Văn Lý\t"));
    let caches = home.cache_files();
    assert_eq!(caches.len(), 1, "{caches:?}");

    for args in [&find[..], &["show", "--file", file, "A-1"]] {
        fs::remove_file(&caches[0]).unwrap();
        mkfifo(&caches[0]);
        let out = output_within(20, home.command(args));
        assert_ok(&out);
        if args == find {
            assert_eq!(stdout(&out), stdout(&good));
        }
        // Rebuilt in its place, as a regular file.
        assert!(
            fs::symlink_metadata(&caches[0]).unwrap().is_file(),
            "{args:?}"
        );
        assert_eq!(home.cache_files(), caches);
        let again = output_within(20, home.command(&find));
        assert_eq!(stdout(&again), stdout(&good));
    }
}

#[test]
fn a_data_file_rewritten_in_place_with_size_and_mtime_kept_is_read_again() {
    use std::io::Write as _;
    use std::os::unix::fs::MetadataExt as _;
    let home = Home::new();
    let path = home.data_file(|text| text);
    let file = path.to_str().unwrap();
    let out = home.run(&["find", "--file", file, "van ly"]);
    assert_ok(&out);
    assert!(stdout(&out).starts_with("cooperative\tA-1\tHTX Diêm nghiệp Văn Lý\t"));
    assert_eq!(home.cache_files().len(), 1);

    // In place (same inode, no truncation), the same number of bytes ("ý" and "ê" are two
    // each), and the modification time put back, as `touch -r` would.
    let before = fs::metadata(&path).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Văn Lý", "Văn Lê");
    let mut data = fs::OpenOptions::new().write(true).open(&path).unwrap();
    data.write_all(text.as_bytes()).unwrap();
    data.set_modified(before.modified().unwrap()).unwrap();
    drop(data);
    let after = fs::metadata(&path).unwrap();
    assert_eq!(
        (after.len(), after.modified().unwrap(), after.ino()),
        (before.len(), before.modified().unwrap(), before.ino())
    );

    let out = home.run(&["find", "--file", file, "van le"]);
    assert_ok(&out);
    assert!(stdout(&out).starts_with("cooperative\tA-1\tHTX Diêm nghiệp Văn Lê\t"));
    let out = home.run(&["find", "--file", file, "van ly"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

// ---------------------------------------------------------------------------------------------
// A hostile dataset (issue 8, "Output hygiene"): escape sequences, C1 controls, bidi
// overrides, formula-leading text and a 10 MB name, through every output format.

/// Escape sequences that clear the screen, retitle the window and colour what follows.
const ESCAPES: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}[31mred\u{1b}[0m";
/// C1 controls: U+009B is a one-character CSI, U+0085 a line break to some terminals; DEL.
const C1: &str = "\u{9b}2J \u{85}next \u{90}dcs\u{9c} \u{7f}";
/// A name that reads "HTX Đông ahc" on screen when its override is honoured.
const BIDI: &str = "HTX \u{202e}chà gnôĐ\u{202c} \u{2066}isolated\u{2069} \u{200f}\u{200e}\u{61c}";
const HYPERLINK: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";

/// Ids and province of the records below.
const BIG: &str = "HOSTILE-BIG";
const LONG: &str = "HOSTILE-LONG";

/// The built-in dataset with hostile text in names, districts, notes, a province, a plan
/// item and its notes, and with `big_name` a 10 MB name (each command then takes seconds in a
/// debug build, so only a few are run on it), as the file htx reads and as htx loads it back.
fn hostile_dataset(home: &Home, big_name: bool) -> (PathBuf, htx::model::Dataset) {
    let mut dataset = htx::store::builtin().unwrap();
    let hostile_names = [
        HYPERLINK.to_string(),
        format!("{ESCAPES} HTX"),
        format!("{C1} HTX"),
        BIDI.to_string(),
        "+1".to_string(),
        "-abc".to_string(),
        "@SUM(A1:A9)".to_string(),
        "\t=1+1".to_string(),
        "\r\n=1+1".to_string(),
        " \u{1b}=1+1".to_string(),
        // One column wide, 200 kB long.
        format!("a{}", "\u{301}".repeat(100_000)),
    ];
    let districts = ["-abc", "+1", "@x", "=1", "\u{202e}=1"];
    for (i, name) in hostile_names.into_iter().enumerate() {
        let coop = Arc::make_mut(&mut dataset.cooperatives[i]);
        coop.name = name;
        coop.notes = format!("{ESCAPES}\n{C1}\n{BIDI}\n=cmd|' /C calc'!A0");
        coop.district = Some(districts[i % districts.len()].to_string());
    }
    // The 10 MB name and a 300-column one, in different provinces.
    if big_name {
        let mut big = (*dataset.cooperatives[0]).clone();
        big.id = BIG.to_string();
        big.province = "34".to_string();
        big.name = "Hợp tác xã ".repeat(10_000_000 / "Hợp tác xã ".len() + 1);
        dataset.cooperatives.push(Arc::new(big));
    }
    let mut long = (*dataset.cooperatives[0]).clone();
    long.id = LONG.to_string();
    long.province = "36".to_string();
    long.name = format!("{} end", "Đông Hải ".repeat(33));
    dataset.cooperatives.push(Arc::new(long));
    dataset.provinces[0].name = "=1+1".to_string();
    dataset.provinces[1].kind = format!("{ESCAPES}{C1}{BIDI}");
    let item = &mut dataset.plan.items[0];
    item.title = format!("-{BIDI}");
    for entry in &mut item.progress {
        entry.note = format!("@{ESCAPES}{C1}");
        entry.changed_by = Some(HYPERLINK.to_string());
    }
    let path = home
        .dir
        .path()
        .join(if big_name { "big.ron" } else { "hostile.ron" });
    fs::write(&path, htx::store::to_ron_string(&dataset).unwrap()).unwrap();
    let loaded = htx::store::load(&path, &|_| {}).unwrap().dataset;
    assert!(loaded.cooperatives.iter().any(|c| c.name == BIDI));
    (path, loaded)
}

/// The characters of `text` that must not reach a terminal raw (C0, DEL, C1, bidi controls),
/// other than `allowed` (the format's own line ends and separators).
fn raw_controls(text: &str, allowed: &[char]) -> Vec<char> {
    let mut found: Vec<char> = text
        .chars()
        .filter(|&c| htx::text::is_unsafe_for_terminal(c) && !allowed.contains(&c))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Whether a spreadsheet would run a CSV cell as a formula (OWASP's list, and the same after
/// leading whitespace, which a spreadsheet may trim).
fn formula_leading(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        || cell.trim_start().starts_with(['=', '+', '-', '@'])
}

#[test]
fn json_of_a_hostile_dataset_escapes_every_control_and_reads_back_the_same() {
    let home = Home::new();
    let (path, dataset) = hostile_dataset(&home, false);
    let file = path.to_str().unwrap();
    let (big_path, big_dataset) = hostile_dataset(&home, true);
    let coop = |id: &str| {
        big_dataset
            .cooperatives
            .iter()
            .find(|c| c.id == id)
            .unwrap()
    };

    let out = home.run(&[
        "list",
        "cooperatives",
        "--format",
        "json",
        "--file",
        big_path.to_str().unwrap(),
    ]);
    assert_ok(&out);
    let text = stdout(&out);
    assert_eq!(
        raw_controls(&text, &['\n']),
        [],
        "raw in list --format json"
    );
    let rows: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), big_dataset.cooperatives.len());
    assert!(rows.iter().any(|r| r["id"] == BIG));
    for row in rows {
        let id = row["id"].as_str().unwrap();
        assert_eq!(row["name"].as_str().unwrap(), coop(id).name, "{id}");
        assert_eq!(row["district"].as_str(), coop(id).district.as_deref());
    }
    assert!(rows.iter().any(|r| r["name"] == BIDI));
    assert!(text.contains(r"\u202e") && text.contains(r"\u009b") && text.contains(r"\u001b"));

    let hostile = &dataset.cooperatives[1];
    let out = home.run(&["show", &hostile.id, "--json", "--file", file]);
    assert_ok(&out);
    let text = stdout(&out);
    assert_eq!(raw_controls(&text, &['\n']), [], "raw in show --json");
    let record: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(record["name"].as_str().unwrap(), hostile.name);
    assert_eq!(record["notes"].as_str().unwrap(), hostile.notes);

    for args in [
        &["list", "provinces", "--format", "json"][..],
        &["list", "plan", "--province", "36", "--format", "json"],
        &["show", "KH-01", "--json"],
        &["find", "pwned", "--json", "--limit", "100"],
        &["find", "isolated", "--json"],
    ] {
        let out = home.command(args).args(["--file", file]).output().unwrap();
        assert_ok(&out);
        let text = stdout(&out);
        assert_eq!(raw_controls(&text, &['\n']), [], "{args:?}");
        serde_json::from_str::<serde_json::Value>(&text).unwrap();
    }
    let out = home.run(&["show", "KH-01", "--json", "--file", file]);
    let item: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(item["title"].as_str().unwrap(), dataset.plan.items[0].title);
}

#[test]
fn csv_of_a_hostile_dataset_has_no_formula_leading_cell_and_no_raw_control() {
    let home = Home::new();
    let (path, _) = hostile_dataset(&home, false);
    let file = path.to_str().unwrap();
    let (big_path, _) = hostile_dataset(&home, true);
    let big_file = big_path.to_str().unwrap();
    for (args, file) in [
        (&["list", "cooperatives", "--format", "csv"][..], big_file),
        (&["list", "cooperatives", "--format", "csv"], file),
        (&["list", "provinces", "--format", "csv"], file),
        (&["list", "plan", "--format", "csv"], file),
        (
            &["list", "plan", "--province", "36", "--format", "csv"],
            file,
        ),
    ] {
        let out = home.command(args).args(["--file", file]).output().unwrap();
        assert_ok(&out);
        let text = stdout(&out);
        // CR and LF end records and may sit in quoted cells; a tab may sit in a cell.
        assert_eq!(raw_controls(&text, &['\r', '\n', '\t']), [], "{args:?}");
        let records = parse_csv(&text);
        for cell in records.iter().flatten() {
            assert!(!formula_leading(cell), "{args:?}: {cell:?}");
        }
    }

    let out = home.run(&["list", "cooperatives", "--format", "csv", "--file", file]);
    let records = parse_csv(&stdout(&out));
    let names: Vec<&str> = records.iter().map(|r| r[1].as_str()).collect();
    // The text is all there after the quote, as a spreadsheet shows it.
    for neutralised in [
        format!("'{HYPERLINK}"),
        "'+1".to_string(),
        "'-abc".to_string(),
        "'\t=1+1".to_string(),
        "'\r\n=1+1".to_string(),
        "'  =1+1".to_string(),
    ] {
        assert!(
            names.contains(&neutralised.as_str()),
            "{neutralised:?}: {names:?}"
        );
    }
    assert!(stdout(&out).contains(r#""'=HYPERLINK(""http://evil.example"",""click"")""#));

    // --csv-formulas writes them as they are.
    let out = home.run(&[
        "list",
        "cooperatives",
        "--format",
        "csv",
        "--csv-formulas",
        "--file",
        file,
    ]);
    assert_ok(&out);
    let records = parse_csv(&stdout(&out));
    assert!(records.iter().any(|r| r[1] == HYPERLINK));
    assert!(records.iter().any(|r| r[1] == "-abc"));
    assert!(records.iter().any(|r| r[3] == "@x"));
}

#[test]
fn table_of_a_hostile_dataset_is_capped_and_clean() {
    let home = Home::new();
    let (path, dataset) = hostile_dataset(&home, true);
    let file = path.to_str().unwrap();
    let out = home.run(&["list", "cooperatives", "--file", file]);
    assert_ok(&out);
    let text = stdout(&out);
    assert_eq!(raw_controls(&text, &['\n']), [], "raw in the table");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), dataset.cooperatives.len() + 1);
    // Eleven columns of at most 60 columns, two spaces apart: a bound whatever the data.
    let columns = 11;
    for line in &lines {
        assert!(
            unicode_width::UnicodeWidthStr::width(*line) <= columns * 62,
            "{}",
            line.len()
        );
    }
    // Bytes too, on every line: at most sixteen a column (a letter under 100,000 accents is
    // left out), so the whole output is bounded by rows × capped width.
    for line in &lines {
        assert!(
            line.len() <= columns * (60 * 16 + 2),
            "{} bytes",
            line.len()
        );
    }
    let big = lines.iter().find(|l| l.starts_with(BIG)).unwrap();
    assert!(
        big.contains("Hợp tác xã Hợp tác xã") && big.contains('…'),
        "{big}"
    );
    assert!(
        text.contains("HTX  chà gnôĐ   isolated "),
        "bidi controls as spaces"
    );

    // --wide shows a cell in full.
    let (path, dataset) = hostile_dataset(&home, false);
    let file = path.to_str().unwrap();
    let long = &dataset
        .cooperatives
        .iter()
        .find(|c| c.id == LONG)
        .unwrap()
        .name;
    let out = home.run(&["list", "cooperatives", "--province", "36", "--file", file]);
    assert_ok(&out);
    assert!(!stdout(&out).contains(long.as_str()), "cut without --wide");
    let out = home.run(&[
        "list",
        "cooperatives",
        "--province",
        "36",
        "--wide",
        "--file",
        file,
    ]);
    assert_ok(&out);
    assert!(stdout(&out).contains(long.as_str()), "{}", stdout(&out));
}

#[test]
fn line_outputs_of_a_hostile_dataset_carry_no_raw_control() {
    let home = Home::new();
    let (path, dataset) = hostile_dataset(&home, false);
    let file = path.to_str().unwrap();
    let out = home.run(&["find", "pwned", "--limit", "100", "--file", file]);
    assert_ok(&out);
    let text = stdout(&out);
    assert!(text.lines().count() > 1, "{text}");
    assert_eq!(raw_controls(&text, &['\n', '\t']), [], "raw in find");
    assert!(text.lines().all(|l| l.split('\t').count() == 5), "{text}");

    let out = home.run(&["find", "isolated", "--file", file]);
    assert_ok(&out);
    assert_eq!(raw_controls(&stdout(&out), &['\n', '\t']), []);

    for id in [
        dataset.cooperatives[1].id.as_str(),
        "KH-01",
        "KH-01/36",
        "34",
    ] {
        let out = home.run(&["show", id, "--file", file]);
        assert_ok(&out);
        assert_eq!(raw_controls(&stdout(&out), &['\n']), [], "show {id}");
    }

    // A query that matches nothing is echoed in the note, made safe.
    let out = home.run(&["find", "\u{1b}[2J\u{202e}zzqqxx", "--file", file]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(raw_controls(&stderr(&out), &['\n']), [], "{}", stderr(&out));
}

#[test]
fn list_flags_for_another_format_are_usage_errors() {
    let home = Home::new();
    for args in [
        &["list", "provinces", "--wide", "--format", "csv"][..],
        &["list", "provinces", "--wide", "--format", "json"],
        &["list", "provinces", "--csv-formulas"],
        &["list", "provinces", "--csv-formulas", "--format", "json"],
    ] {
        let out = home.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
    let out = home.run(&["list", "provinces", "--wide"]);
    assert_ok(&out);
    let out = home.run(&["list", "provinces", "--format", "csv", "--csv-formulas"]);
    assert_ok(&out);
}

#[test]
fn a_corrupted_cache_is_refused_and_rebuilt() {
    let home = Home::new();
    let path = home.data_file(|text| text);
    let file = path.to_str().unwrap();
    let find = ["find", "--file", file, "van ly"];
    let good = home.run(&find);
    assert_ok(&good);
    assert!(stdout(&good).starts_with("cooperative\tA-1\tHTX Diêm nghiệp Văn Lý\t"));
    let caches = home.cache_files();
    assert_eq!(caches.len(), 1, "{caches:?}");
    let sound = fs::read(&caches[0]).unwrap();

    // The name as written changed inside the cache, keeping its length and valid UTF-8: the
    // folded text still matches "van ly", so only the checksum can tell.
    let (from, to) = ("Văn Lý".as_bytes(), "Văn Lê".as_bytes());
    assert_eq!(from.len(), to.len());
    let mut corrupt = sound.clone();
    let mut changed = 0;
    for at in 0..corrupt.len() - from.len() {
        if corrupt[at..].starts_with(from) {
            corrupt[at..at + to.len()].copy_from_slice(to);
            changed += 1;
        }
    }
    assert!(changed > 0);
    fs::write(&caches[0], &corrupt).unwrap();
    let out = home.run(&find);
    assert_ok(&out);
    assert_eq!(stdout(&out), stdout(&good));
    assert_eq!(fs::read(&caches[0]).unwrap(), sound, "not rebuilt");

    // Cut short: the same.
    fs::write(&caches[0], &sound[..sound.len() / 2]).unwrap();
    let out = home.run(&find);
    assert_eq!(stdout(&out), stdout(&good));
    assert_eq!(fs::read(&caches[0]).unwrap(), sound, "not rebuilt");
}
