//! The report as one self-contained HTML file: its style inline, its charts inline SVG, no
//! script and nothing fetched (no link, font or image), so it can be mailed, opened offline
//! and printed as it is.
//!
//! It reads on a phone (a viewport, tables that scroll sideways in their own box) and prints
//! on A4 (`@page`, each of the main parts on a new page, no table row cut in two, colours
//! kept). Every status is a glyph as well as a colour, so a black-and-white print still says
//! it; the charts carry their figures as text too.
//!
//! Every text from the data is put on one line ([`one_line`]) and HTML-escaped ([`escape`]),
//! in the page and in the SVG alike.

use std::fmt::Write as _;

use super::{Late, NotDone, Place, Report, STATUSES, glyph};
use crate::cli::output::one_line;
use crate::model::ProgressStatus;

/// Data text on one line, with `& < > " '` written as entities: safe between tags and in a
/// quoted attribute.
pub fn escape(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.trim().chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// This writer's sections.
const SECTIONS: super::Sections = super::Sections {
    header: header_and_key_figures,
    totals,
    matrix,
    not_done,
    overdue,
    ratings,
    sectors,
    new_members,
};

/// The report as an HTML document.
pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let words = report.words();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n",
        words.html_lang,
        escape(&report.title())
    );
    SECTIONS.write(report, &mut out);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The style: screen first, then the narrow screen, then print.
const STYLE: &str = r#":root {
  --ink: #1b1b1b; --muted: #5a5a5a; --rule: #c9c4ba; --head: #efe9df; --accent: #9b2226;
  --done: #1e6b34; --done-bg: #d5ecd9; --doing: #7a4b00; --doing-bg: #fbe3b0;
  --todo: #444; --todo-bg: #f2f2f2; --na: #777; --na-bg: #fff;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45; font-size: 15px;
  font-family: "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
header.cover { border-top: 6px solid var(--accent); padding-top: .8rem; }
.kicker { margin: 0; color: var(--accent); font-weight: 700; font-size: .8rem;
  letter-spacing: .05em; text-transform: uppercase; }
h1 { font-size: 1.55rem; line-height: 1.25; margin: .3rem 0 .9rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .7rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--accent); }
h3 { font-size: .95rem; margin: 1.1rem 0 .3rem; }
p { margin: .4rem 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0;
  font-size: .9rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.note { margin: .8rem 0 0; padding: .35rem .7rem; border-left: 3px solid var(--rule);
  color: var(--muted); font-size: .82rem; }
.small { color: var(--muted); font-size: .8rem; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .4rem 0 .6rem; }
table { border-collapse: collapse; font-size: .84rem; }
th, td { border: 1px solid var(--rule); padding: .22rem .45rem; vertical-align: top; }
thead th { background: var(--head); text-align: left; font-weight: 600; }
tbody th { text-align: left; font-weight: 600; }
abbr { text-decoration: none; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.c { text-align: center; }
tr.sum > * { font-weight: 700; border-top: 2px solid var(--ink); }
table.matrix { width: 100%; }
table.matrix td.item { width: 44%; min-width: 13rem; }
table.matrix th.c { padding: .22rem .1rem; }
table.matrix .id { font-weight: 600; white-space: nowrap; }
td.s { text-align: center; width: 1.9rem; padding: .22rem .1rem; font-size: .95rem;
  line-height: 1.2; }
td.s.word { width: auto; white-space: nowrap; text-align: left; padding: .22rem .5rem;
  font-size: .84rem; }
.s.done { background: var(--done-bg); color: var(--done); font-weight: 700; }
.s.doing { background: var(--doing-bg); color: var(--doing); font-weight: 700; }
.s.todo { background: var(--todo-bg); color: var(--todo); }
.s.na { background: var(--na-bg); color: var(--na); }
ul.keys { list-style: none; padding: 0; margin: 1.1rem 0 .4rem; display: grid;
  grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .6rem; }
ul.keys li { border: 1px solid var(--rule); border-top: 4px solid var(--accent);
  padding: .45rem .7rem .55rem; background: #faf7f2; }
ul.keys b { display: block; font-size: 1.7rem; line-height: 1.15; color: var(--accent); }
ul.keys span { display: block; font-size: .78rem; color: var(--muted); line-height: 1.3; }
ul.legend { list-style: none; padding: 0; margin: .4rem 0; display: flex; flex-wrap: wrap;
  gap: .3rem 1.2rem; font-size: .82rem; }
ul.legend .s { display: inline-block; min-width: 1.4rem; text-align: center;
  border: 1px solid var(--rule); margin-right: .3rem; }
ol.names { columns: 2 16rem; margin: .3rem 0; padding-left: 0; list-style: none;
  font-size: .82rem; }
ol.names b { display: inline-block; min-width: 2.2rem; }
ul.entries { margin: .2rem 0 .6rem; padding-left: 1.2rem; }
ul.entries li { margin: .12rem 0; }
.status { white-space: nowrap; font-size: .8rem; padding: 0 .3rem; border-radius: 3px; }
.late { white-space: nowrap; }
.late .s { padding: 0 .25rem; border-radius: 3px; }
table.overdue { width: 100%; }
table.overdue td:first-child { width: 45%; }
.muted { color: var(--muted); font-style: italic; }
.due { color: var(--muted); font-weight: 400; font-size: .85rem; }
figure { margin: .8rem 0 1rem; }
figcaption { font-size: .82rem; color: var(--muted); margin-bottom: .3rem; }
svg { display: block; width: 100%; max-width: 44rem; height: auto; }
svg text { font-family: "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; fill: #1b1b1b; }
@media (max-width: 40rem) {
  main { padding: 1rem .7rem 2rem; }
  body { font-size: 14px; }
  h1 { font-size: 1.3rem; }
  dl.meta { grid-template-columns: 1fr; }
  dl.meta dd { margin-bottom: .3rem; }
  table.matrix td.item { min-width: 11rem; }
  figure { overflow-x: auto; }
  figure svg { min-width: 34rem; }
}
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
@media print {
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .page { break-before: page; page-break-before: always; }
  h2, h3, figcaption { break-after: avoid; page-break-after: avoid; }
  tr, li, figure, dl.meta, .keep { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  table { font-size: 8.5pt; }
  h2 { margin-top: 0; }
  section:not(.page) h2 { margin-top: 1.2rem; }
}
"#;

/// The class of a status's cell.
fn class(status: ProgressStatus) -> &'static str {
    match status {
        ProgressStatus::Done => "done",
        ProgressStatus::InProgress => "doing",
        ProgressStatus::NotStarted => "todo",
        ProgressStatus::NotApplicable => "na",
    }
}

/// A status as a glyph and its word, coloured.
fn status(report: &Report, s: ProgressStatus) -> String {
    format!(
        "<span class=\"status s {}\">{} {}</span>",
        class(s),
        glyph(s),
        report.status_word(s)
    )
}

fn section(out: &mut String, id: &str, page: bool, title: &str) {
    let _ = write!(
        out,
        "<section id=\"{id}\"{}>\n<h2>{title}</h2>\n",
        if page { " class=\"page\"" } else { "" }
    );
}

/// A table inside its sideways-scrolling box.
fn table_start(out: &mut String, class: &str) {
    let _ = writeln!(out, "<div class=\"scroll\"><table class=\"{class}\">");
}

fn table_end(out: &mut String) {
    out.push_str("</tbody></table></div>\n");
}

fn head(out: &mut String, cells: &[(String, &str)]) {
    out.push_str("<thead><tr>");
    for (cell, class) in cells {
        if class.is_empty() {
            let _ = write!(out, "<th>{cell}</th>");
        } else {
            let _ = write!(out, "<th class=\"{class}\">{cell}</th>");
        }
    }
    out.push_str("</tr></thead><tbody>\n");
}

fn header(report: &Report, out: &mut String) {
    let words = report.words();
    let h = &report.header;
    let _ = write!(
        out,
        "<header class=\"cover\">\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<dl class=\"meta\">\n",
        escape(&h.region),
        escape(&report.title())
    );
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "<dt>{name}</dt><dd>{value}</dd>");
    };
    // The region's name is the kicker over the title.
    if let Some(p) = &report.province {
        field(
            words.kind_label,
            format!("{} ({})", escape(&p.full_name()), escape(&p.code)),
        );
    }
    field(words.as_of, report.date(h.as_of));
    if !h.source.trim().is_empty() {
        field(words.source, escape(&h.source));
    }
    field(words.today, report.date(report.today));
    out.push_str("</dl>\n");
    if let Some(note) = report.illustrative_note() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&note));
    }
    out.push_str("</header>\n");
}

/// The cover, then the key figures under it.
fn header_and_key_figures(report: &Report, out: &mut String) {
    header(report, out);
    key_figures(report, out);
}

/// Four figures in large type under the title: the share done, the items overdue, the
/// cooperatives counted and the first stated rating band, of the province or the region.
fn key_figures(report: &Report, out: &mut String) {
    let words = report.words();
    let done = match report.province {
        Some(_) => report.matrix.columns.first().copied().flatten(),
        None => report.matrix.total,
    };
    let counted = report.totals.province.unwrap_or(report.totals.region);
    let mut figures = vec![
        (report.percent(done), words.key_done.to_string()),
        (
            report.number(report.overdue.len() as u64),
            (words.key_overdue)(&report.number(report.matrix.rows.len() as u64)),
        ),
        (
            report.number(counted.cooperatives),
            words.key_cooperatives.to_string(),
        ),
    ];
    if let (Some(band), Some(row)) = (report.ratings.bands.first(), report.ratings.rows.first()) {
        figures.push((
            report.percent(row.bands.first().copied().flatten()),
            (words.key_band)(
                &escape(&band.grade),
                &(words.band_range)(band.min, band.max),
            ),
        ));
    }
    let _ = write!(
        out,
        "<ul class=\"keys\" aria-label=\"{}\">",
        words.key_figures
    );
    for (figure, label) in figures {
        let _ = write!(out, "<li><b>{figure}</b><span>{label}</span></li>");
    }
    out.push_str("</ul>\n");
}

fn totals(report: &Report, out: &mut String) {
    let words = report.words();
    let t = &report.totals;
    section(out, "totals", false, words.totals);
    table_start(out, "totals");
    let mut titles = vec![
        (words.figure.to_string(), ""),
        (words.stated.to_string(), "n"),
        (format!("{} ({})", words.in_data, words.whole_region), "n"),
    ];
    if let Some(p) = &report.province {
        titles.push((
            format!("{} ({})", words.in_data, escape(&p.full_name())),
            "n",
        ));
    }
    head(out, &titles);
    let none = || "–".to_string();
    let lines = [
        (
            words.cooperative_groups,
            report.number(t.cooperative_groups),
            none(),
            t.province.map(|_| none()),
        ),
        (
            words.cooperatives,
            report.number(t.cooperatives),
            report.number(t.region.cooperatives),
            t.province.map(|p| report.number(p.cooperatives)),
        ),
        (
            words.unions,
            report.number(t.unions),
            none(),
            t.province.map(|_| none()),
        ),
        (
            words.members,
            none(),
            report.number(t.region.members),
            t.province.map(|p| report.number(p.members)),
        ),
    ];
    for (label, stated, counted, of_province) in lines {
        let _ = write!(
            out,
            "<tr><th>{label}</th><td class=\"n\">{stated}</td><td class=\"n\">{counted}</td>"
        );
        if let Some(value) = of_province {
            let _ = write!(out, "<td class=\"n\">{value}</td>");
        }
        out.push_str("</tr>\n");
    }
    table_end(out);
    out.push_str("</section>\n");
}

fn matrix(report: &Report, out: &mut String) {
    let words = report.words();
    let one = report.provinces.len() == 1;
    section(out, "progress", false, words.progress);
    table_start(out, "matrix");
    let mut titles = vec![(words.item.to_string(), "")];
    for p in &report.provinces {
        titles.push((
            format!(
                "<abbr title=\"{}\">{}</abbr>",
                escape(&p.full_name()),
                escape(&p.code)
            ),
            "c",
        ));
    }
    titles.push((
        format!(
            "{}<br><span class=\"small\">{}</span>",
            words.share_done, words.whole_region
        ),
        "n",
    ));
    head(out, &titles);
    for r in &report.matrix.rows {
        let _ = write!(
            out,
            "<tr><td class=\"item\"><span class=\"id\">{}</span> {}</td>",
            escape(&r.item.id),
            escape(&r.item.title)
        );
        for (s, p) in r.statuses.iter().zip(&report.provinces) {
            let text = if one {
                format!("{} {}", glyph(*s), report.status_word(*s))
            } else {
                glyph(*s).to_string()
            };
            let _ = write!(
                out,
                "<td class=\"s {}{}\" title=\"{}: {}\">{text}</td>",
                class(*s),
                if one { " word" } else { "" },
                escape(&p.full_name()),
                report.status_word(*s)
            );
        }
        let _ = writeln!(
            out,
            "<td class=\"n\">{}</td></tr>",
            report.percent(r.percent)
        );
    }
    let _ = write!(out, "<tr class=\"sum\"><th>{}</th>", words.provinces_done);
    for p in &report.matrix.columns {
        let _ = write!(out, "<td class=\"n\">{}</td>", report.percent(*p));
    }
    let _ = writeln!(
        out,
        "<td class=\"n\">{}</td></tr>",
        report.percent(report.matrix.total)
    );
    table_end(out);
    let _ = write!(out, "<ul class=\"legend\" aria-label=\"{}\">", words.legend);
    for s in STATUSES {
        let _ = write!(
            out,
            "<li><span class=\"s {}\">{}</span>{}</li>",
            class(s),
            glyph(s),
            report.status_word(s)
        );
    }
    out.push_str("</ul>\n");
    let _ = writeln!(out, "<p class=\"small\">{}</p>", words.item_share_note);
    if !one {
        out.push_str("<ol class=\"names\">");
        for p in &report.provinces {
            let _ = write!(
                out,
                "<li><b>{}</b>{}</li>",
                escape(&p.code),
                escape(&p.full_name())
            );
        }
        out.push_str("</ol>\n");
    }
    progress_chart(report, out);
    out.push_str("</section>\n");
}

// ---------------------------------------------------------------------------------------------
// Charts

/// The width of every chart's view box; it scales to the page.
const CHART_WIDTH: u64 = 640;
/// Where the bars start, after the labels.
const BARS_X: u64 = 170;
const BARS_WIDTH: u64 = 400;
const ROW: u64 = 20;

/// A number of rows or columns, for coordinates.
fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX / 1024)
}

/// A label that fits beside a bar: short enough, on one line, escaped.
fn label(text: &str) -> String {
    escape(&crate::text::truncate(&one_line(text), 24))
}

/// `x` of `percent` on the bars' scale.
fn at(percent: u32) -> u64 {
    BARS_X + BARS_WIDTH * u64::from(percent.min(100)) / 100
}

/// The 0–100 % grid over `rows` rows.
fn grid(out: &mut String, top: u64, height: u64) {
    for tick in [0, 25, 50, 75, 100] {
        let x = at(tick);
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{}\" stroke=\"#d0cbc2\" stroke-width=\"1\"/>\
             <text x=\"{x}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5a5a5a\">{tick}%</text>",
            top + height,
            top + height + 12
        );
    }
}

fn svg_start(out: &mut String, height: u64, title: &str) {
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {CHART_WIDTH} {height}\" role=\"img\" aria-label=\"{title}\" \
         xmlns=\"http://www.w3.org/2000/svg\">"
    );
}

fn progress_chart(report: &Report, out: &mut String) {
    let words = report.words();
    let bars: Vec<(String, Option<u32>, bool)> = report
        .provinces
        .iter()
        .zip(&report.matrix.columns)
        .map(|(p, &percent)| (label(&p.name), percent, false))
        .chain([(escape(words.whole_region), report.matrix.total, true)])
        .collect();
    let top = 4;
    let height = top + ROW * count(bars.len()) + 18;
    let _ = write!(
        out,
        "<figure class=\"keep\"><figcaption>{}</figcaption>",
        words.chart_progress
    );
    svg_start(out, height, words.chart_progress);
    grid(out, top, height - top - 18);
    for (n, (name, percent, total)) in bars.iter().enumerate() {
        let y = top + ROW * count(n);
        let weight = if *total { " font-weight=\"700\"" } else { "" };
        let fill = if *total { "#9b2226" } else { "#2f6f4f" };
        let bar = Bar {
            fill,
            top: 4,
            height: 13,
            text: 14,
        };
        bar_row(report, out, y, (name, weight), *percent, bar);
    }
    out.push_str("</svg></figure>\n");
}

/// How a chart draws its bars: the colour, and where in a row the bar and its figure sit.
struct Bar<'a> {
    fill: &'a str,
    /// The bar's top and height, from the row's top.
    top: u64,
    height: u64,
    /// The baseline of the share written after the bar.
    text: u64,
}

/// One row of a bar chart at `y`: the name right-aligned before the bars, the bar for
/// `percent` (none when it cannot be counted), and the share after it.
fn bar_row(
    report: &Report,
    out: &mut String,
    y: u64,
    (name, weight): (&str, &str),
    percent: Option<u32>,
    bar: Bar<'_>,
) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\"{weight}>{name}</text>",
        BARS_X - 6,
        y + 14
    );
    if let Some(p) = percent {
        let _ = write!(
            out,
            "<rect x=\"{BARS_X}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            y + bar.top,
            at(p) - BARS_X,
            bar.height,
            bar.fill
        );
    }
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\"{weight}>{}</text>",
        percent.map_or(BARS_X, at) + 4,
        y + bar.text,
        report.percent(percent)
    );
}

/// One chart per stated band: each place's share in the band, over the stated range shaded.
fn ratings_charts(report: &Report, out: &mut String) {
    let words = report.words();
    let r = &report.ratings;
    let rows = count(r.rows.len());
    for (b, band) in r.bands.iter().enumerate() {
        let top = 4;
        let height = top + ROW * rows + 18;
        let caption = format!(
            "{}: {} ({} {})",
            words.chart_ratings,
            escape(&band.grade),
            words.stated_share.to_lowercase(),
            (words.band_range)(band.min, band.max)
        );
        let _ = write!(
            out,
            "<figure class=\"keep\"><figcaption>{caption}</figcaption>"
        );
        svg_start(out, height, &caption);
        let (low, high) = (u32::from(band.min), band.max.map_or(100, u32::from));
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{top}\" width=\"{}\" height=\"{}\" fill=\"#f4d9a8\" \
             stroke=\"#9b6a00\" stroke-dasharray=\"3 2\"/>",
            at(low),
            at(high).saturating_sub(at(low)).max(1),
            ROW * rows
        );
        grid(out, top, ROW * rows);
        for (n, line) in r.rows.iter().enumerate() {
            let y = top + ROW * count(n);
            let (name, weight) = match &line.place {
                Place::Region => (escape(words.whole_region), " font-weight=\"700\""),
                Place::Province(p) => (label(&p.name), ""),
            };
            let percent = line.bands.get(b).copied().flatten();
            let bar = Bar {
                fill: "#33526e",
                top: 5,
                height: 12,
                text: 15,
            };
            bar_row(report, out, y, (&name, weight), percent, bar);
        }
        out.push_str("</svg></figure>\n");
    }
}

/// Colours for the sectors, dark and light in turn so neighbours differ in grey too.
const SECTOR_COLOURS: [&str; 12] = [
    "#1f4e79", "#9dc3e6", "#7b2c2c", "#f4b183", "#375623", "#a9d18e", "#5b3f8c", "#c9b3e6",
    "#7f6000", "#ffd966", "#3a3a3a", "#bfbfbf",
];

/// Whether text on `colour` should be white.
fn dark(colour: &str) -> bool {
    SECTOR_COLOURS
        .iter()
        .position(|c| *c == colour)
        .is_some_and(|at| at % 2 == 0)
}

/// The provinces' cooperatives as stacked bars, a segment per sector, labelled with counts.
fn sectors_chart(report: &Report, out: &mut String) {
    let words = report.words();
    let s = &report.sectors;
    let columns: Vec<_> = s
        .provinces_then_region()
        .into_iter()
        .filter(|c| matches!(c.place, Place::Province(_)))
        .collect();
    let max = columns.iter().map(|c| c.total).max().unwrap_or(0).max(1);
    let top = 4;
    let rows = count(columns.len());
    let legend_rows = count(s.names.len().div_ceil(3));
    let height = top + ROW * rows + 10 + 18 * legend_rows;
    let _ = write!(
        out,
        "<figure class=\"keep\"><figcaption>{}</figcaption>",
        words.chart_sectors
    );
    svg_start(out, height, words.chart_sectors);
    for (n, column) in columns.iter().enumerate() {
        let y = top + ROW * count(n);
        let name = match &column.place {
            Place::Province(p) => label(&p.name),
            Place::Region => escape(words.whole_region),
        };
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{name}</text>",
            BARS_X - 6,
            y + 14
        );
        let mut x = BARS_X;
        for (k, &count) in column.counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let width = BARS_WIDTH * u64::from(count) / u64::from(max);
            let colour = SECTOR_COLOURS[k % SECTOR_COLOURS.len()];
            let _ = write!(
                out,
                "<rect x=\"{x}\" y=\"{}\" width=\"{width}\" height=\"14\" fill=\"{colour}\" \
                 stroke=\"#fff\" stroke-width=\"1\"/>",
                y + 3
            );
            if width >= 14 {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\"{}>{}</text>",
                    x + width / 2,
                    y + 14,
                    if dark(colour) {
                        " style=\"fill:#fff\""
                    } else {
                        ""
                    },
                    report.number(count)
                );
            }
            x += width;
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" font-weight=\"700\">{}</text>",
            x + 4,
            y + 14,
            report.number(column.total)
        );
    }
    let legend_top = top + ROW * rows + 10;
    for (k, name) in s.names.iter().enumerate() {
        let (col, line) = (count(k % 3), count(k / 3));
        let (x, y) = (10 + col * 210, legend_top + line * 18);
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            SECTOR_COLOURS[k % SECTOR_COLOURS.len()],
            x + 17,
            y + 10,
            label(name)
        );
    }
    out.push_str("</svg></figure>\n");
}

// ---------------------------------------------------------------------------------------------
// The lists

fn due(report: &Report, due: Option<crate::model::Date>) -> String {
    let words = report.words();
    let text = match due {
        Some(date) => format!("{} {}", words.due, report.date(date)),
        None => words.no_due.to_string(),
    };
    format!("<span class=\"due\">({text})</span>")
}

fn entry(report: &Report, out: &mut String, entry: &super::Entry) {
    let note = if entry.note.trim().is_empty() {
        format!("<span class=\"muted\">{}</span>", report.words().no_note)
    } else {
        escape(&entry.note)
    };
    let _ = writeln!(
        out,
        "<li><b>{}</b> {} {note}</li>",
        escape(&entry.province.full_name()),
        status(report, entry.status)
    );
}

fn not_done(report: &Report, out: &mut String) {
    let words = report.words();
    section(out, "not-done", true, words.not_done);
    for NotDone { item, entries } in &report.not_done {
        let _ = writeln!(
            out,
            "<h3>{} {} {}</h3>",
            escape(&item.id),
            escape(&item.title),
            due(report, item.due)
        );
        if entries.is_empty() {
            let _ = writeln!(out, "<p class=\"muted\">{}</p>", words.all_done);
            continue;
        }
        out.push_str("<ul class=\"entries\">\n");
        for e in entries {
            entry(report, out, e);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn overdue(report: &Report, out: &mut String) {
    let words = report.words();
    section(
        out,
        "overdue",
        false,
        &(words.overdue)(&report.date(report.today)),
    );
    if report.overdue.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", words.nothing_overdue);
        out.push_str("</section>\n");
        return;
    }
    table_start(out, "overdue");
    head(
        out,
        &[
            (words.item.to_string(), ""),
            (words.due_column.to_string(), "n"),
            (words.late.to_string(), ""),
        ],
    );
    for Late { item, entries } in &report.overdue {
        let late: Vec<String> = entries
            .iter()
            .map(|e| {
                format!(
                    "<span class=\"late\">{} <span class=\"s {}\" title=\"{}\">{}</span></span>",
                    escape(&e.province.full_name()),
                    class(e.status),
                    report.status_word(e.status),
                    glyph(e.status)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><td><b>{}</b> {}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&item.id),
            escape(&item.title),
            item.due.map_or_else(String::new, |d| report.date(d)),
            late.join(", ")
        );
    }
    table_end(out);
    out.push_str("</section>\n");
}

fn place(report: &Report, place: &Place) -> String {
    match place {
        Place::Region => format!("<b>{}</b>", report.words().whole_region),
        Place::Province(p) => escape(&p.full_name()),
    }
}

fn ratings(report: &Report, out: &mut String) {
    let words = report.words();
    let r = &report.ratings;
    section(out, "ratings", true, words.ratings);
    let _ = writeln!(out, "<p class=\"small\">{}</p>", words.ratings_note);
    table_start(out, "ratings");
    let mut titles = vec![(String::new(), "")];
    titles.extend(r.grades.iter().map(|g| (escape(g), "n")));
    titles.push((words.rated.to_string(), "n"));
    titles.push((words.unrated.to_string(), "n"));
    head(out, &titles);
    for line in &r.rows {
        let _ = write!(out, "<tr><th>{}</th>", place(report, &line.place));
        for p in &line.grades {
            let _ = write!(out, "<td class=\"n\">{}</td>", report.percent(*p));
        }
        let _ = writeln!(
            out,
            "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            report.number(line.rated),
            report.number(line.unrated)
        );
    }
    table_end(out);
    if !r.bands.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>", words.against_stated);
        table_start(out, "bands");
        let mut titles = vec![(String::new(), "")];
        titles.extend(r.bands.iter().map(|b| (escape(&b.grade), "n")));
        head(out, &titles);
        let _ = write!(
            out,
            "<tr class=\"stated\"><th><i>{}</i></th>",
            words.stated_share
        );
        for b in &r.bands {
            let _ = write!(
                out,
                "<td class=\"n\"><i>{}</i></td>",
                (words.band_range)(b.min, b.max)
            );
        }
        out.push_str("</tr>\n");
        for line in &r.rows {
            let _ = write!(out, "<tr><th>{}</th>", place(report, &line.place));
            for p in &line.bands {
                let _ = write!(out, "<td class=\"n\">{}</td>", report.percent(*p));
            }
            out.push_str("</tr>\n");
        }
        table_end(out);
        ratings_charts(report, out);
    }
    out.push_str("</section>\n");
}

fn sectors(report: &Report, out: &mut String) {
    let words = report.words();
    let s = &report.sectors;
    section(out, "sectors", true, words.sectors);
    let columns = s.provinces_then_region();
    table_start(out, "sectors");
    let mut titles = vec![(words.sector.to_string(), "")];
    titles.extend(columns.iter().map(|c| match &c.place {
        Place::Region => (words.whole_region.to_string(), "n"),
        Place::Province(p) => (
            format!(
                "<abbr title=\"{}\">{}</abbr>",
                escape(&p.full_name()),
                escape(&p.code)
            ),
            "n",
        ),
    }));
    head(out, &titles);
    for (at, name) in s.names.iter().enumerate() {
        let _ = write!(out, "<tr><th>{}</th>", escape(name));
        for c in &columns {
            let _ = write!(
                out,
                "<td class=\"n\">{}</td>",
                report.number(c.counts.get(at).copied().unwrap_or(0))
            );
        }
        out.push_str("</tr>\n");
    }
    let _ = write!(out, "<tr class=\"sum\"><th>{}</th>", words.total);
    for c in &columns {
        let _ = write!(out, "<td class=\"n\">{}</td>", report.number(c.total));
    }
    out.push_str("</tr>\n");
    table_end(out);
    sectors_chart(report, out);
    out.push_str("</section>\n");
}

fn new_members(report: &Report, out: &mut String) {
    let words = report.words();
    let n = &report.new_members;
    section(out, "new-members", false, &(words.new_members)(n.year));
    table_start(out, "new-members");
    head(
        out,
        &[
            (words.kind_label.to_string(), ""),
            (words.stated_new.to_string(), "n"),
            ((words.joined)(n.year), "n"),
        ],
    );
    for line in n.provinces_then_region() {
        let sum = if line.place == Place::Region {
            " class=\"sum\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<tr{sum}><th>{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            place(report, &line.place),
            line.stated
                .map_or_else(|| words.none_stated.to_string(), |s| report.number(s)),
            report.number(line.joined)
        );
    }
    table_end(out);
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_text_is_escaped_for_html_and_attributes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("A\u{202e}B\nC\u{9b}D"), "A B C D");
    }

    #[test]
    fn a_hostile_name_reaches_the_page_and_the_charts_escaped() {
        let mut dataset = crate::store::builtin().unwrap();
        dataset.provinces[0].name = "<img src=x onerror=alert(1)>\u{202e}".into();
        dataset.sectors[0].name = "</text><script>".into();
        dataset.plan.items[0].progress[0].note = "a\"b'c<d>&".into();
        let report = super::super::build(
            &dataset,
            super::super::Options {
                province: None,
                today: crate::model::Date::new(2011, 12, 31).unwrap(),
            },
        )
        .unwrap();
        let page = render(&report);
        assert!(!page.contains("<img"), "a tag from the data");
        assert!(!page.contains("<script"), "a tag from the data");
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(page.contains("&lt;/text&gt;&lt;script&gt;"));
        assert!(!page.contains('\u{202e}'));
        // Nothing is fetched and nothing runs.
        for needle in ["http://", "https://", "<link", "@import", "url(", "<script"] {
            let outside_svg_namespace = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assert!(!outside_svg_namespace.contains(needle), "{needle}");
        }
    }
}
