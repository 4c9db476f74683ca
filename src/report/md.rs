//! The report as GitHub-flavoured Markdown: a heading per section, the figures in tables.
//!
//! Data text is put on one line ([`one_line`]) and every character Markdown could read as
//! markup is backslash-escaped ([`escape`]), so a name holding `|` stays in its table cell,
//! one starting with `#` is not a heading, and `<b>` is shown, not run.

use std::fmt::Write as _;

use super::{NotDone, Place, Report, STATUSES, glyph};
use crate::cli::output::one_line;

/// This writer's sections.
const SECTIONS: super::Sections = super::Sections {
    header,
    totals,
    matrix,
    not_done,
    overdue,
    ratings,
    sectors,
    new_members,
};

/// The report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    SECTIONS.write(report, &mut out);
    out
}

/// Data text on one line with Markdown's special characters backslash-escaped (CommonMark
/// lets any ASCII punctuation be escaped so). Leading and trailing spaces are dropped: two
/// at the end of a line would be a line break.
pub fn escape(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.trim().chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One table row.
fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for cell in cells {
        let _ = write!(out, " {cell} |");
    }
    out.push('\n');
}

/// A header row, then the delimiter row: the first column left, the others as `align` says
/// (`"--:"` right, `":-:"` centred), the last as `last` says.
fn head(out: &mut String, cells: &[String], align: &str) {
    head_last(out, cells, align, align);
}

fn head_last(out: &mut String, cells: &[String], align: &str, last: &str) {
    row(out, cells);
    out.push_str("|---|");
    for c in 1..cells.len() {
        out.push_str(if c + 1 == cells.len() { last } else { align });
        out.push('|');
    }
    out.push('\n');
}

fn heading(out: &mut String, text: &str) {
    let _ = write!(out, "\n## {text}\n\n");
}

fn header(report: &Report, out: &mut String) {
    let words = report.words();
    let h = &report.header;
    let _ = writeln!(out, "# {}\n", escape(&report.title()));
    let _ = writeln!(out, "- **{}:** {}", words.region, escape(&h.region));
    if let Some(p) = &report.province {
        let _ = writeln!(
            out,
            "- **{}:** {} ({})",
            words.kind_label,
            escape(&p.full_name()),
            escape(&p.code)
        );
    }
    let _ = writeln!(out, "- **{}:** {}", words.as_of, report.date(h.as_of));
    if !h.source.trim().is_empty() {
        let _ = writeln!(out, "- **{}:** {}", words.source, escape(&h.source));
    }
    let _ = writeln!(out, "- **{}:** {}", words.today, report.date(report.today));
    if let Some(note) = report.illustrative_note() {
        let _ = writeln!(out, "\n> {}", escape(&note));
    }
}

fn totals(report: &Report, out: &mut String) {
    let words = report.words();
    let t = &report.totals;
    heading(out, words.totals);
    let mut titles = vec![
        words.figure.to_string(),
        words.stated.to_string(),
        format!("{} ({})", words.in_data, words.whole_region),
    ];
    if let Some(p) = &report.province {
        titles.push(format!("{} ({})", words.in_data, escape(&p.full_name())));
    }
    head(out, &titles, "--:");
    let none = "–".to_string();
    let province = t.province;
    let lines = [
        (
            words.cooperative_groups,
            report.number(t.cooperative_groups),
            none.clone(),
            province.map(|_| none.clone()),
        ),
        (
            words.cooperatives,
            report.number(t.cooperatives),
            report.number(t.region.cooperatives),
            province.map(|p| report.number(p.cooperatives)),
        ),
        (
            words.unions,
            report.number(t.unions),
            none.clone(),
            province.map(|_| none.clone()),
        ),
        (
            words.members,
            none.clone(),
            report.number(t.region.members),
            province.map(|p| report.number(p.members)),
        ),
    ];
    for (label, stated, counted, of_province) in lines {
        let mut cells = vec![label.to_string(), stated, counted];
        cells.extend(of_province);
        row(out, &cells);
    }
}

fn matrix(report: &Report, out: &mut String) {
    let words = report.words();
    heading(out, words.progress);
    let one = report.provinces.len() == 1;
    let mut titles = vec![words.item.to_string()];
    titles.extend(report.provinces.iter().map(|p| escape(&p.code)));
    titles.push(format!("{} ({})", words.share_done, words.whole_region));
    head_last(out, &titles, ":-:", "--:");
    for r in &report.matrix.rows {
        let mut cells = vec![format!("{} {}", escape(&r.item.id), escape(&r.item.title))];
        cells.extend(r.statuses.iter().map(|&s| {
            if one {
                report.status(s)
            } else {
                glyph(s).to_string()
            }
        }));
        cells.push(report.percent(r.percent));
        row(out, &cells);
    }
    let mut cells = vec![format!("**{}**", words.provinces_done)];
    cells.extend(report.matrix.columns.iter().map(|&p| report.percent(p)));
    cells.push(format!("**{}**", report.percent(report.matrix.total)));
    row(out, &cells);
    let legend: Vec<String> = STATUSES.iter().map(|&s| report.status(s)).collect();
    let _ = writeln!(out, "\n**{}:** {}.", words.legend, legend.join("; "));
    let names: Vec<String> = report
        .provinces
        .iter()
        .map(|p| format!("{} {}", escape(&p.code), escape(&p.full_name())))
        .collect();
    let _ = writeln!(out, "**{}:** {}.", words.kind_label, names.join("; "));
    let _ = writeln!(
        out,
        "**{}:** {}.",
        words.share_done_region,
        report.percent(report.matrix.total)
    );
    let _ = writeln!(out, "\n*{}*", words.item_share_note);
}

/// `(hạn 30/09/2011)`, or `(không có hạn)`.
fn due(report: &Report, due: Option<crate::model::Date>) -> String {
    let words = report.words();
    match due {
        Some(date) => format!("({} {})", words.due, report.date(date)),
        None => format!("({})", words.no_due),
    }
}

fn entry_line(report: &Report, entry: &super::Entry) -> String {
    let note = if entry.note.trim().is_empty() {
        format!("*{}*", report.words().no_note)
    } else {
        escape(&entry.note)
    };
    format!(
        "- {}: {} — {}",
        escape(&entry.province.full_name()),
        report.status(entry.status),
        note
    )
}

fn not_done(report: &Report, out: &mut String) {
    let words = report.words();
    heading(out, words.not_done);
    for NotDone { item, entries } in &report.not_done {
        let _ = writeln!(
            out,
            "### {} {} {}\n",
            escape(&item.id),
            escape(&item.title),
            due(report, item.due)
        );
        if entries.is_empty() {
            let _ = writeln!(out, "{}\n", words.all_done);
            continue;
        }
        for entry in entries {
            let _ = writeln!(out, "{}", entry_line(report, entry));
        }
        out.push('\n');
    }
    // One blank line between sections, whatever the last item was.
    while out.ends_with("\n\n") {
        out.pop();
    }
}

fn overdue(report: &Report, out: &mut String) {
    let words = report.words();
    heading(out, &(words.overdue)(&report.date(report.today)));
    if report.overdue.is_empty() {
        let _ = writeln!(out, "{}", words.nothing_overdue);
        return;
    }
    head(
        out,
        &[
            words.item.to_string(),
            words.due_column.to_string(),
            words.late.to_string(),
        ],
        "---",
    );
    for late in &report.overdue {
        let provinces = report.entries_line(&late.entries, escape);
        row(
            out,
            &[
                format!("{} {}", escape(&late.item.id), escape(&late.item.title)),
                late.item.due.map_or_else(String::new, |d| report.date(d)),
                provinces,
            ],
        );
    }
}

fn place(report: &Report, place: &Place) -> String {
    match place {
        Place::Region => format!("**{}**", report.words().whole_region),
        Place::Province(p) => escape(&p.full_name()),
    }
}

fn ratings(report: &Report, out: &mut String) {
    let words = report.words();
    let r = &report.ratings;
    heading(out, words.ratings);
    let _ = writeln!(out, "{}\n", words.ratings_note);
    let mut titles = vec![String::new()];
    titles.extend(r.grades.iter().map(|g| escape(g)));
    titles.push(words.rated.to_string());
    titles.push(words.unrated.to_string());
    head(out, &titles, "--:");
    for line in &r.rows {
        let mut cells = vec![place(report, &line.place)];
        cells.extend(line.grades.iter().map(|&p| report.percent(p)));
        cells.push(report.number(line.rated));
        cells.push(report.number(line.unrated));
        row(out, &cells);
    }
    if r.bands.is_empty() {
        return;
    }
    let _ = write!(out, "\n### {}\n\n", words.against_stated);
    let mut titles = vec![String::new()];
    titles.extend(r.bands.iter().map(|b| escape(&b.grade)));
    head(out, &titles, "--:");
    let mut stated = vec![format!("*{}*", words.stated_share)];
    stated.extend(
        r.bands
            .iter()
            .map(|b| format!("*{}*", (words.band_range)(b.min, b.max))),
    );
    row(out, &stated);
    for line in &r.rows {
        let mut cells = vec![place(report, &line.place)];
        cells.extend(line.bands.iter().map(|&p| report.percent(p)));
        row(out, &cells);
    }
}

fn sectors(report: &Report, out: &mut String) {
    let words = report.words();
    let s = &report.sectors;
    heading(out, words.sectors);
    let columns = s.provinces_then_region();
    let mut titles = vec![words.sector.to_string()];
    titles.extend(columns.iter().map(|c| match &c.place {
        Place::Region => words.whole_region.to_string(),
        Place::Province(p) => escape(&p.code),
    }));
    head(out, &titles, "--:");
    for (at, name) in s.names.iter().enumerate() {
        let mut cells = vec![escape(name)];
        cells.extend(
            columns
                .iter()
                .map(|c| report.number(c.counts.get(at).copied().unwrap_or(0))),
        );
        row(out, &cells);
    }
    let mut cells = vec![format!("**{}**", words.total)];
    cells.extend(columns.iter().map(|c| report.number(c.total)));
    row(out, &cells);
}

fn new_members(report: &Report, out: &mut String) {
    let words = report.words();
    let n = &report.new_members;
    heading(out, &(words.new_members)(n.year));
    head(
        out,
        &[
            words.kind_label.to_string(),
            words.stated_new.to_string(),
            (words.joined)(n.year),
        ],
        "--:",
    );
    for line in n.provinces_then_region() {
        row(
            out,
            &[
                place(report, &line.place),
                line.stated
                    .map_or_else(|| words.none_stated.to_string(), |s| report.number(s)),
                report.number(line.joined),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_data_is_escaped_and_stays_on_one_line() {
        assert_eq!(escape("HTX A|B"), "HTX A\\|B");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(escape("a\nb\tc\u{1b}[31m"), "a b c \\[31m");
        assert_eq!(escape("HTX \u{202e}abc"), "HTX  abc");
        assert_eq!(escape("*_[x](y)_*"), "\\*\\_\\[x\\](y)\\_\\*");
        assert_eq!(escape("Nam Đi\u{323}nh  "), "Nam Định");
    }

    #[test]
    fn a_hostile_province_name_does_not_break_the_matrix() {
        let mut dataset = crate::store::builtin().unwrap();
        dataset.provinces[0].name = "A | B\n# C \u{202e}D".into();
        dataset.provinces[0].code = "0|1".into();
        let report = super::super::build(
            &dataset,
            super::super::Options {
                province: None,
                today: crate::model::Date::new(2011, 12, 31).unwrap(),
            },
        )
        .unwrap();
        let text = render(&report);
        // Every row of the matrix has as many unescaped bars as its header.
        let table: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("| Item") && !l.starts_with("| Nội dung"))
            .take_while(|l| l.starts_with('|'))
            .collect();
        let bars = |l: &str| l.replace("\\|", "").matches('|').count();
        assert!(table.len() > 3, "{text}");
        assert!(table.iter().all(|l| bars(l) == bars(table[0])), "{text}");
        assert!(text.contains("A \\| B \\# C  D"), "{text}");
        assert!(!text.contains('\u{202e}'));
    }
}
