//! `htx report`: golden files, figures held to `htx list` and `htx show`, and the command.
//!
//! The golden files are `tests/data/report/builtin.{en,vi}.{md,txt,html}` (the built-in
//! dataset's report on 31 December 2011, when some items are overdue and some are not yet
//! due) and `builtin-36.{en,vi}.md` (Nam Định's own report). Each is compared byte for byte;
//! on a difference the test prints the first lines that differ. After an intended change,
//! regenerate them with
//!
//! ```text
//! HTX_BLESS=1 cargo test --test report
//! ```
//!
//! and review the change in `git diff` as you would review code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

#[allow(dead_code, clippy::all, clippy::pedantic)]
#[path = "../examples/generate.rs"]
mod generate;

use std::path::PathBuf;
use std::process::Command;

use htx::cli::{ListOptions, Listing, ReportFormat, report_text};
use htx::lang::{self, Lang};
use htx::model::{Dataset, Date};
use htx::report::{self, Options};

fn today() -> Date {
    Date::new(2011, 12, 31).unwrap()
}

fn builtin() -> Dataset {
    htx::store::builtin().unwrap()
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/report")
}

/// The report in `lang` (pinned to this thread, as the process's language would be).
fn text(dataset: &Dataset, format: ReportFormat, lang: Lang, province: Option<&str>) -> String {
    lang::pin(lang);
    report_text(
        dataset,
        format,
        Options {
            province,
            today: today(),
        },
    )
    .unwrap()
}

/// Compares `actual` with the golden file `name`, or writes it under `HTX_BLESS=1`.
fn golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("HTX_BLESS").is_some_and(|v| !v.is_empty()) {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err}; make it with HTX_BLESS=1 cargo test --test report",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let first = old
        .iter()
        .zip(&new)
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    let mut diff = String::new();
    let from = first.saturating_sub(3);
    for n in from..(first + 8).min(old.len().max(new.len())) {
        match (old.get(n), new.get(n)) {
            (Some(a), Some(b)) if a == b => diff.push_str(&format!("  {:4} {a}\n", n + 1)),
            (a, b) => {
                if let Some(a) = a {
                    diff.push_str(&format!("- {:4} {a}\n", n + 1));
                }
                if let Some(b) = b {
                    diff.push_str(&format!("+ {:4} {b}\n", n + 1));
                }
            }
        }
    }
    panic!(
        "{} differs from the report made now (- golden, + now; {} lines vs {}), first at line {}:\n{diff}\
         If the change is intended: HTX_BLESS=1 cargo test --test report, and review git diff.",
        path.display(),
        old.len(),
        new.len(),
        first + 1
    );
}

#[test]
fn the_builtin_report_in_every_format_and_language_matches_its_golden_file() {
    let dataset = builtin();
    for lang in Lang::ALL {
        for (format, ext) in [
            (ReportFormat::Md, "md"),
            (ReportFormat::Txt, "txt"),
            (ReportFormat::Html, "html"),
        ] {
            golden(
                &format!("builtin.{}.{ext}", lang.code()),
                &text(&dataset, format, lang, None),
            );
        }
        golden(
            &format!("builtin-36.{}.md", lang.code()),
            &text(&dataset, ReportFormat::Md, lang, Some("36")),
        );
    }
}

#[test]
fn the_golden_report_shows_overdue_items_and_items_not_yet_due() {
    let dataset = builtin();
    let report = {
        lang::pin(Lang::En);
        report::build(
            &dataset,
            Options {
                province: None,
                today: today(),
            },
        )
        .unwrap()
    };
    assert!(!report.overdue.is_empty());
    assert!(report.overdue.len() < dataset.plan.items.len());
    let md = text(&dataset, ReportFormat::Md, Lang::En, None);
    assert!(md.contains("## Overdue items (on 2011-12-31)"), "{md}");
}

/// `htx list provinces`' `done_percent` by province code.
fn listed_done_percent(dataset: &Dataset) -> Vec<(String, Option<u64>)> {
    let mut out = Vec::new();
    let options = ListOptions {
        format: htx::cli::Format::Json,
        ..ListOptions::default()
    };
    htx::cli::list(dataset, Listing::Provinces, None, options, &mut out).unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["code"].as_str().unwrap().to_string(),
                row["done_percent"].as_u64(),
            )
        })
        .collect()
}

/// The cells of the Markdown matrix's last row ("Done, by province"), without the label.
fn md_province_row(md: &str) -> Vec<String> {
    let row = md
        .lines()
        .find(|l| l.starts_with("| **Done, by province**"))
        .expect("the matrix has its province row");
    row.trim_matches('|')
        .split('|')
        .skip(1)
        .map(|c| c.trim().trim_matches('*').to_string())
        .collect()
}

fn assert_report_agrees_with_list_and_show(dataset: &Dataset) {
    lang::pin(Lang::En);
    let built = report::build(
        dataset,
        Options {
            province: None,
            today: today(),
        },
    )
    .unwrap();
    let listed = listed_done_percent(dataset);
    let md = text(dataset, ReportFormat::Md, Lang::En, None);
    let row = md_province_row(&md);
    assert_eq!(row.len(), dataset.provinces.len() + 1, "{row:?}");
    for (at, province) in built.provinces.iter().enumerate() {
        let (_, listed) = listed
            .iter()
            .find(|(code, _)| *code == province.code)
            .unwrap();
        let listed = listed.map(|p| u32::try_from(p).unwrap());
        assert_eq!(built.matrix.columns[at], listed, "{}", province.code);
        let shown = listed.map_or("–".to_string(), |p| format!("{p}%"));
        assert_eq!(row[at], shown, "{}", province.code);
    }
    // Each item's share is `htx show ITEM`'s done out of applicable.
    for (i, item) in dataset.plan.items.iter().enumerate() {
        let mut out = Vec::new();
        assert!(htx::cli::show(dataset, &item.id, true, &mut out).unwrap());
        let shown: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let (done, applicable) = (
            shown["done"].as_u64().unwrap(),
            shown["applicable"].as_u64().unwrap(),
        );
        let percent = (applicable > 0).then(|| u32::try_from(done * 100 / applicable).unwrap());
        assert_eq!(built.matrix.rows[i].percent, percent, "{}", item.id);
    }
    // And each province's members and cooperatives are `htx show CODE`'s.
    for province in &built.provinces {
        let mut out = Vec::new();
        assert!(htx::cli::show(dataset, &province.code, true, &mut out).unwrap());
        let shown: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let column = built
            .sectors
            .columns
            .iter()
            .find(|c| c.place == report::Place::Province(province.clone()))
            .unwrap();
        assert_eq!(
            u64::from(column.total),
            shown["cooperatives"].as_u64().unwrap()
        );
        let joined = built
            .new_members
            .rows
            .iter()
            .find(|r| r.place == report::Place::Province(province.clone()))
            .unwrap();
        assert_eq!(
            u64::from(joined.joined),
            shown["new_alliance_members_in_data"].as_u64().unwrap()
        );
        assert_eq!(
            joined.stated.map(u64::from),
            shown["new_alliance_members"].as_u64()
        );
    }
}

#[test]
fn the_report_figures_are_list_and_shows_on_the_builtin_dataset() {
    assert_report_agrees_with_list_and_show(&builtin());
}

#[test]
fn the_report_figures_are_list_and_shows_on_a_generated_dataset() {
    let dataset = generate::dataset(3000, 7).unwrap();
    assert_eq!(dataset.provinces.len(), 63);
    assert_report_agrees_with_list_and_show(&dataset);
    // Wide as it is, the text report stays within its width, in blocks of columns.
    let txt = text(&dataset, ReportFormat::Txt, Lang::Vi, None);
    let width = |l: &str| unicode_width::UnicodeWidthStr::width(l);
    let too_wide: Vec<&str> = txt.lines().filter(|l| width(l) > 100).collect();
    assert!(too_wide.is_empty(), "{too_wide:#?}");
}

// ---------------------------------------------------------------------------------------------
// The command

fn htx(args: &[&str]) -> std::process::Output {
    common::in_english(&mut Command::new(env!("CARGO_BIN_EXE_htx")))
        .args(args)
        .env("XDG_DATA_HOME", "/nonexistent-htx-test")
        .env("HOME", "/nonexistent-htx-test")
        .output()
        .unwrap()
}

#[test]
fn the_command_speaks_the_process_language_and_writes_the_golden_report() {
    let vi = htx(&["--lang", "vi", "report", "--date", "31/12/2011"]);
    assert!(
        vi.status.success(),
        "{}",
        String::from_utf8_lossy(&vi.stderr)
    );
    // The golden report (held to its file by the test above; compared with what the library
    // makes, not read from the file, so that blessing cannot race with this test).
    let golden = text(&builtin(), ReportFormat::Md, Lang::Vi, None);
    assert_eq!(String::from_utf8(vi.stdout).unwrap(), golden);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let en = htx(&[
        "report",
        "--format",
        "html",
        "--date",
        "2011-12-31",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        en.status.success(),
        "{}",
        String::from_utf8_lossy(&en.stderr)
    );
    assert!(en.stdout.is_empty());
    assert!(String::from_utf8_lossy(&en.stderr).contains("wrote"));
    let golden = text(&builtin(), ReportFormat::Html, Lang::En, None);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), golden);
}

#[test]
fn an_unknown_province_is_an_error_naming_it_and_the_known_codes() {
    let out = htx(&["report", "--province", "99", "--date", "2011-12-31"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("\"99\""), "{said}");
    assert!(
        said.contains("01, 22, 26, 27, 30, 31, 33, 34, 35, 36, 37"),
        "{said}"
    );
}

#[test]
fn without_a_date_the_report_is_of_today() {
    let out = htx(&["report", "--format", "txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let now = htx::terminal::now().unwrap().date();
    assert!(text.contains(&format!("Progress as of:  {now}")), "{text}");
}

#[test]
fn the_vietnamese_report_has_none_of_the_english_words() {
    let en = &htx::lang::report::EN;
    let english = [
        en.kind_label,
        en.region,
        en.as_of,
        en.source,
        en.today,
        en.totals,
        en.stated,
        en.in_data,
        en.cooperative_groups,
        en.members,
        en.whole_region,
        en.progress,
        en.share_done,
        en.provinces_done,
        en.legend,
        en.not_done,
        en.no_note,
        en.nothing_overdue,
        en.late,
        en.ratings,
        en.rated,
        en.unrated,
        en.against_stated,
        en.sectors,
        en.sector,
        en.total,
    ]
    .into_iter()
    // The statuses are the screens' words.
    .chain(htx::model::ProgressStatus::BY_PROGRESS.map(htx::lang::tui::EN.status));
    let english: Vec<&str> = english.collect();
    let dataset = builtin();
    for province in [None, Some("36")] {
        for format in [ReportFormat::Md, ReportFormat::Txt] {
            let vi = text(&dataset, format, Lang::Vi, province);
            for &word in &english {
                assert!(!vi.contains(word), "{format:?} {province:?} says {word:?}");
            }
        }
    }
}
