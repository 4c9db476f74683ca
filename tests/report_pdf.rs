//! The HTML report printed by a real browser: headless Chromium prints the built-in dataset's
//! report to PDF, and poppler's `pdfinfo` and `pdftotext` read the PDF back. The pages are
//! A4, there are at least as many as the sections that start a new page, and the text holds
//! the progress matrix's figures: each item beside its share done, each province's name.
//!
//! Needs `chromium` and `pdftotext`/`pdfinfo` (poppler-utils); `.ci/run` installs them.
//! Without them this test fails, rather than passing without having looked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use htx::cli::{ReportFormat, report_text};
use htx::lang::{self, Lang};
use htx::model::Date;
use htx::report::{self, Options};

/// How long Chromium may take to print before it is killed.
const TIMEOUT: Duration = Duration::from_secs(60);

fn missing(tool: &str, err: &std::io::Error) -> ! {
    panic!(
        "cannot run {tool} ({err}): this test needs chromium and poppler-utils \
         (pdfinfo, pdftotext); .ci/run installs them (apt-get install chromium poppler-utils)"
    )
}

/// Prints `html` to `pdf` with headless Chromium, in a fresh profile, with everything that
/// would reach for the network turned off (without them it can hang trying).
fn print_to_pdf(html: &Path, pdf: &Path, profile: &Path) {
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|err| missing("chromium", &err));
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not print within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        std::fs::metadata(pdf).is_ok_and(|m| m.len() > 0),
        "no PDF written"
    );
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|err| missing(tool, &err));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_html_report_prints_on_a4_with_the_matrix_figures() {
    let dataset = htx::store::builtin().unwrap();
    let options = Options {
        province: None,
        today: Date::new(2011, 12, 31).unwrap(),
    };
    lang::pin(Lang::En);
    let built = report::build(&dataset, options).unwrap();
    let html = report_text(&dataset, ReportFormat::Html, options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (page, pdf) = (
        dir.path().join("report.html"),
        dir.path().join("report.pdf"),
    );
    std::fs::write(&page, &html).unwrap();
    print_to_pdf(&page, &pdf, &dir.path().join("profile"));
    let pdf = pdf.to_str().unwrap();

    let info = poppler("pdfinfo", &[pdf]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in:\n{info}"));
    // The first page, then each section that starts a page of its own.
    let page_broken = html.matches(" class=\"page\">").count();
    assert!(page_broken >= 3, "{page_broken} sections start a page");
    assert!(
        (page_broken + 1..=16).contains(&pages),
        "{pages} pages for {page_broken} page-broken sections"
    );
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_default();
    // A4 is 210 × 297 mm, 595 × 842 points; poppler names it.
    assert!(size.trim_end().ends_with("(A4)"), "{size}");

    let text = poppler("pdftotext", &["-layout", pdf, "-"]);
    for row in &built.matrix.rows {
        let percent = built.percent(row.percent);
        let line = text
            .lines()
            .find(|l| l.contains(&format!("{} ", row.item.id)) && l.contains('%'))
            .unwrap_or_else(|| panic!("no matrix line for {} in:\n{text}", row.item.id));
        assert!(
            line.trim_end().ends_with(&percent),
            "{} should show {percent}: {line:?}",
            row.item.id
        );
    }
    for province in &built.provinces {
        assert!(
            text.contains(&province.full_name()),
            "{} is not in the PDF",
            province.full_name()
        );
    }
    let done_row = text
        .lines()
        .find(|l| l.contains("Done, by province"))
        .expect("the matrix's row of province shares");
    let shares: Vec<String> = built
        .matrix
        .columns
        .iter()
        .map(|&p| built.percent(p))
        .chain([built.percent(built.matrix.total)])
        .collect();
    let printed: Vec<&str> = done_row
        .split_whitespace()
        .filter(|w| w.ends_with('%'))
        .collect();
    assert_eq!(printed, shares, "{done_row}");
}
