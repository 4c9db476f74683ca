//! The report as plain text, for a terminal or an e-mail: headings underlined, tables aligned
//! by display width (a Vietnamese letter is one column whether it came precomposed or not),
//! at most [`WIDTH`] columns wherever the data allows it. Long titles and notes wrap on word
//! boundaries; a table with more province columns than fit is cut into blocks of columns,
//! each repeating the first column.

use std::fmt::Write as _;

use unicode_segmentation::UnicodeSegmentation as _;
use unicode_width::UnicodeWidthStr as _;

use super::{Place, Report, STATUSES, glyph};
use crate::cli::output::one_line;

/// The widest line the text aims at.
pub const WIDTH: usize = 100;

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

/// The report as plain text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    SECTIONS.write(report, &mut out);
    out
}

/// Data text on one line, with no space at either end.
fn clean(text: &str) -> String {
    one_line(text).trim().to_string()
}

/// `text` cut into lines of at most `width` columns on spaces, the first line after `first`
/// and the others after `rest` (both counted in the width). A word wider than a line is cut
/// between letters (graphemes, so a mark stays with its letter).
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let room = width.saturating_sub(line.width());
        let needed = word.width() + usize::from(!empty);
        if needed <= room {
            if !empty {
                line.push(' ');
            }
            line.push_str(word);
            empty = false;
            continue;
        }
        if !empty {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
        }
        // The word on lines of its own, cut where it must be.
        for g in word.graphemes(true) {
            if line.width() + g.width() > width && !empty {
                lines.push(std::mem::replace(&mut line, rest.to_string()));
            }
            line.push_str(g);
            empty = false;
        }
    }
    if !empty || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

fn push_wrapped(out: &mut String, text: &str, first: &str, rest: &str) {
    for line in wrap(text, WIDTH, first, rest) {
        out.push_str(&line);
        out.push('\n');
    }
}

fn heading(out: &mut String, text: &str) {
    out.push('\n');
    let lines = wrap(text, WIDTH, "", "");
    let width = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{}\n", "─".repeat(width));
}

/// Pads `text` to `width` columns: on the right, or on the left when `right`.
fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

/// A table: a header and rows of cells, the first column text (left-aligned), the others
/// figures (right-aligned). Columns are two spaces apart; when they do not fit in
/// [`WIDTH`], they go in blocks, each starting with the first column again.
pub fn table(out: &mut String, head: &[String], rows: &[Vec<String>]) {
    let columns = head.len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .chain(head.get(c))
                .map(|cell| cell.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let first = widths.first().copied().unwrap_or(0);
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut block: Vec<usize> = Vec::new();
    let mut used = first;
    for (c, &w) in widths.iter().enumerate().skip(1) {
        if !block.is_empty() && used + 2 + w > WIDTH {
            blocks.push(std::mem::take(&mut block));
            used = first;
        }
        block.push(c);
        used += 2 + w;
    }
    if !block.is_empty() || blocks.is_empty() {
        blocks.push(block);
    }
    for (b, block) in blocks.iter().enumerate() {
        if b > 0 {
            out.push('\n');
        }
        let line = |cells: &[String]| {
            let mut line = pad(cells.first().map_or("", String::as_str), first, false);
            for &c in block {
                line.push_str("  ");
                line.push_str(&pad(
                    cells.get(c).map_or("", String::as_str),
                    widths[c],
                    true,
                ));
            }
            line.trim_end().to_string()
        };
        let _ = writeln!(out, "{}", line(head));
        let rule: usize = first + block.iter().map(|&c| widths[c] + 2).sum::<usize>();
        let _ = writeln!(out, "{}", "─".repeat(rule));
        for r in rows {
            let _ = writeln!(out, "{}", line(r));
        }
    }
}

fn header(report: &Report, out: &mut String) {
    let words = report.words();
    let h = &report.header;
    let title = clean(&report.title());
    let lines = wrap(&title, WIDTH, "", "");
    let width = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{}\n", "═".repeat(width));
    let mut fields = vec![(words.region, clean(&h.region))];
    if let Some(p) = &report.province {
        fields.push((
            words.kind_label,
            format!("{} ({})", clean(&p.full_name()), clean(&p.code)),
        ));
    }
    fields.push((words.as_of, report.date(h.as_of)));
    if !h.source.trim().is_empty() {
        fields.push((words.source, clean(&h.source)));
    }
    fields.push((words.today, report.date(report.today)));
    let label = fields.iter().map(|(l, _)| l.width() + 1).max().unwrap_or(0);
    for (name, value) in fields {
        let first = pad(&format!("{name}:"), label + 2, false);
        push_wrapped(out, &value, &first, &" ".repeat(label + 2));
    }
    if let Some(note) = report.illustrative_note() {
        out.push('\n');
        push_wrapped(out, &note, "", "");
    }
}

fn totals(report: &Report, out: &mut String) {
    let words = report.words();
    let t = &report.totals;
    heading(out, words.totals);
    let mut head = vec![
        words.figure.to_string(),
        words.stated.to_string(),
        format!("{} ({})", words.in_data, words.whole_region),
    ];
    if let Some(p) = &report.province {
        head.push(format!("{} ({})", words.in_data, clean(&p.name)));
    }
    let none = || "–".to_string();
    let of_province = |f: &dyn Fn(super::Counted) -> String| t.province.map(f);
    let mut rows = vec![
        vec![
            words.cooperative_groups.to_string(),
            report.number(t.cooperative_groups),
            none(),
        ],
        vec![
            words.cooperatives.to_string(),
            report.number(t.cooperatives),
            report.number(t.region.cooperatives),
        ],
        vec![words.unions.to_string(), report.number(t.unions), none()],
        vec![
            words.members.to_string(),
            none(),
            report.number(t.region.members),
        ],
    ];
    let extra = [
        of_province(&|_| none()),
        of_province(&|p| report.number(p.cooperatives)),
        of_province(&|_| none()),
        of_province(&|p| report.number(p.members)),
    ];
    for (row, cell) in rows.iter_mut().zip(extra) {
        row.extend(cell);
    }
    table(out, &head, &rows);
}

fn matrix(report: &Report, out: &mut String) {
    let words = report.words();
    heading(out, words.progress);
    let one = report.provinces.len() == 1;
    let mut head = vec![words.item.to_string()];
    head.extend(report.provinces.iter().map(|p| clean(&p.code)));
    head.push(format!("{} ({})", words.share_done, words.whole_region));
    let mut rows: Vec<Vec<String>> = report
        .matrix
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![clean(&r.item.id)];
            cells.extend(r.statuses.iter().map(|&s| {
                if one {
                    report.status(s)
                } else {
                    glyph(s).to_string()
                }
            }));
            cells.push(report.percent(r.percent));
            cells
        })
        .collect();
    let mut last = vec![words.provinces_done.to_string()];
    last.extend(report.matrix.columns.iter().map(|&p| report.percent(p)));
    last.push(report.percent(report.matrix.total));
    rows.push(last);
    table(out, &head, &rows);
    out.push('\n');
    let legend: Vec<String> = STATUSES.iter().map(|&s| report.status(s)).collect();
    push_wrapped(
        out,
        &format!("{}: {}.", words.legend, legend.join("; ")),
        "",
        "  ",
    );
    push_wrapped(out, words.item_share_note, "", "");
    out.push('\n');
    let code = report
        .provinces
        .iter()
        .map(|p| clean(&p.code).width())
        .max()
        .unwrap_or(0);
    for p in &report.provinces {
        let first = format!("{}  ", pad(&clean(&p.code), code, false));
        push_wrapped(out, &clean(&p.full_name()), &first, &" ".repeat(code + 2));
    }
    out.push('\n');
    let id = report
        .matrix
        .rows
        .iter()
        .map(|r| clean(&r.item.id).width())
        .max()
        .unwrap_or(0);
    for r in &report.matrix.rows {
        let first = format!("{}  ", pad(&clean(&r.item.id), id, false));
        push_wrapped(out, &clean(&r.item.title), &first, &" ".repeat(id + 2));
    }
}

fn due(report: &Report, due: Option<crate::model::Date>) -> String {
    let words = report.words();
    match due {
        Some(date) => format!("({} {})", words.due, report.date(date)),
        None => format!("({})", words.no_due),
    }
}

fn entry(report: &Report, out: &mut String, entry: &super::Entry) {
    let note = if entry.note.trim().is_empty() {
        report.words().no_note.to_string()
    } else {
        clean(&entry.note)
    };
    push_wrapped(
        out,
        &format!(
            "{}: {} — {note}",
            clean(&entry.province.full_name()),
            report.status(entry.status),
        ),
        "  - ",
        "    ",
    );
}

fn not_done(report: &Report, out: &mut String) {
    let words = report.words();
    heading(out, words.not_done);
    for (n, item) in report.not_done.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let id = clean(&item.item.id);
        let indent = " ".repeat(id.width() + 1);
        push_wrapped(
            out,
            &format!("{} {}", clean(&item.item.title), due(report, item.item.due)),
            &format!("{id} "),
            &indent,
        );
        if item.entries.is_empty() {
            push_wrapped(out, words.all_done, "  ", "  ");
        }
        for e in &item.entries {
            entry(report, out, e);
        }
    }
}

fn overdue(report: &Report, out: &mut String) {
    let words = report.words();
    heading(out, &(words.overdue)(&report.date(report.today)));
    if report.overdue.is_empty() {
        let _ = writeln!(out, "{}", words.nothing_overdue);
        return;
    }
    for (n, late) in report.overdue.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let id = clean(&late.item.id);
        push_wrapped(
            out,
            &format!("{} {}", clean(&late.item.title), due(report, late.item.due)),
            &format!("{id} "),
            &" ".repeat(id.width() + 1),
        );
        let provinces = report.entries_line(&late.entries, clean);
        push_wrapped(out, &format!("{}: {}", words.late, provinces), "  ", "    ");
    }
}

fn place(report: &Report, place: &Place) -> String {
    clean(&report.place_name(place))
}

fn ratings(report: &Report, out: &mut String) {
    let words = report.words();
    let r = &report.ratings;
    heading(out, words.ratings);
    push_wrapped(out, words.ratings_note, "", "");
    out.push('\n');
    let mut head = vec![String::new()];
    head.extend(r.grades.iter().map(|g| clean(g)));
    head.push(words.rated.to_string());
    head.push(words.unrated.to_string());
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|line| {
            let mut cells = vec![place(report, &line.place)];
            cells.extend(line.grades.iter().map(|&p| report.percent(p)));
            cells.push(report.number(line.rated));
            cells.push(report.number(line.unrated));
            cells
        })
        .collect();
    table(out, &head, &rows);
    if r.bands.is_empty() {
        return;
    }
    let _ = write!(out, "\n{}\n\n", words.against_stated);
    let mut head = vec![String::new()];
    head.extend(r.bands.iter().map(|b| clean(&b.grade)));
    let mut rows = vec![{
        let mut cells = vec![words.stated_share.to_string()];
        cells.extend(r.bands.iter().map(|b| (words.band_range)(b.min, b.max)));
        cells
    }];
    rows.extend(r.rows.iter().map(|line| {
        let mut cells = vec![place(report, &line.place)];
        cells.extend(line.bands.iter().map(|&p| report.percent(p)));
        cells
    }));
    table(out, &head, &rows);
}

fn sectors(report: &Report, out: &mut String) {
    let words = report.words();
    let s = &report.sectors;
    heading(out, words.sectors);
    let columns = s.provinces_then_region();
    let mut head = vec![words.sector.to_string()];
    head.extend(columns.iter().map(|c| match &c.place {
        Place::Region => words.whole_region.to_string(),
        Place::Province(p) => clean(&p.code),
    }));
    let mut rows: Vec<Vec<String>> = s
        .names
        .iter()
        .enumerate()
        .map(|(at, name)| {
            let mut cells = vec![clean(name)];
            cells.extend(
                columns
                    .iter()
                    .map(|c| report.number(c.counts.get(at).copied().unwrap_or(0))),
            );
            cells
        })
        .collect();
    let mut last = vec![words.total.to_string()];
    last.extend(columns.iter().map(|c| report.number(c.total)));
    rows.push(last);
    table(out, &head, &rows);
}

fn new_members(report: &Report, out: &mut String) {
    let words = report.words();
    let n = &report.new_members;
    heading(out, &(words.new_members)(n.year));
    let head = vec![
        words.kind_label.to_string(),
        words.stated_new.to_string(),
        (words.joined)(n.year),
    ];
    let rows: Vec<Vec<String>> = n
        .provinces_then_region()
        .into_iter()
        .map(|line| {
            vec![
                place(report, &line.place),
                line.stated
                    .map_or_else(|| words.none_stated.to_string(), |s| report.number(s)),
                report.number(line.joined),
            ]
        })
        .collect();
    table(out, &head, &rows);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_counts_display_columns_and_keeps_marks_with_their_letters() {
        let text = "Quán triệt và tổ chức thực hiện Nghị quyết Đại hội Đảng toàn quốc lần thứ XI.";
        let lines = wrap(text, 30, "KH-01 ", "      ");
        assert!(lines.iter().all(|l| l.width() <= 30), "{lines:?}");
        assert!(lines[0].starts_with("KH-01 Quán"), "{lines:?}");
        assert!(lines[1].starts_with("      "), "{lines:?}");
        assert_eq!(
            lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "),
            format!("KH-01 {text}")
        );
        // Decomposed letters are as wide as precomposed ones, and a long word is cut
        // between letters, never between a letter and its mark.
        let nfd = "Đi\u{323}nh".repeat(10);
        let lines = wrap(&nfd, 7, "", "");
        assert!(lines.iter().all(|l| l.width() <= 7), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with('\u{323}')), "{lines:?}");
    }

    #[test]
    fn tables_align_by_display_width() {
        let head = vec!["Tỉnh".to_string(), "Xong".to_string()];
        let rows = vec![
            vec!["Nam Đi\u{323}nh".to_string(), "5%".to_string()],
            vec!["Thành phố Hải Phòng".to_string(), "100%".to_string()],
        ];
        let mut out = String::new();
        table(&mut out, &head, &rows);
        let lines: Vec<&str> = out.lines().collect();
        let widths: Vec<usize> = lines.iter().map(|l| l.width()).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{out}");
        assert!(lines[2].ends_with("  5%"), "{out}");
    }

    #[test]
    fn a_table_wider_than_the_page_goes_in_blocks() {
        let head: Vec<String> = std::iter::once("Nội dung".to_string())
            .chain((0..63).map(|n| format!("{n:02}")))
            .collect();
        let rows = vec![head.iter().map(|_| "✓".to_string()).collect::<Vec<_>>()];
        let mut out = String::new();
        table(&mut out, &head, &rows);
        assert!(out.lines().all(|l| l.width() <= WIDTH), "{out}");
        assert!(out.matches("Nội dung").count() > 1, "{out}");
        assert!(out.contains(" 62"), "{out}");
    }

    #[test]
    fn hostile_text_reaches_the_text_as_spaces() {
        assert_eq!(clean("  HTX\u{1b}[2J \u{202e}cba\r\n"), "HTX [2J  cba");
    }
}
