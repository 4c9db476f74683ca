//! The search prompt: the query, and the results as they arrive, tagged by kind, with the
//! matched characters highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme;
use super::widgets::block;
use crate::app::{App, Search, layout, visible_offset};
use crate::search::{Hit, Kind, SearchIndex};
use crate::text::thousands;

pub fn render(app: &App, search: &Search, area: Rect, frame: &mut Frame) {
    let popup = layout::search_popup(area);
    frame.render_widget(Clear, popup);
    let status = if search.pending {
        "searching…".to_string()
    } else if search.query.trim().is_empty() {
        "type to search names, codes, ids, districts and notes".to_string()
    } else if search.hits.len() >= crate::app::RESULT_LIMIT {
        format!("best {} results", search.hits.len())
    } else {
        let n = search.hits.len();
        format!(
            "{} result{}",
            thousands(n as u64),
            if n == 1 { "" } else { "s" }
        )
    };
    let outer = block(
        Line::from(vec![
            Span::styled(" Search ", theme::title()),
            Span::styled(format!("{status} "), theme::dim()),
        ]),
        true,
    );
    let inner = outer.inner(popup);
    frame.render_widget(outer, popup);
    let [prompt, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let query = super::widgets::one_line(&search.query);
    frame.render_widget(
        Line::from(vec![
            Span::styled("/ ", theme::key()),
            Span::raw(query),
            Span::styled("▏", theme::key()),
        ]),
        prompt,
    );

    let height = usize::from(list.height);
    let offset = visible_offset(
        search.cursor.selected,
        search.cursor.offset,
        search.hits.len(),
        height,
    );
    let lines: Vec<Line> = search
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, hit)| {
            result_line(
                &app.search_index,
                hit,
                row == search.cursor.selected,
                usize::from(list.width),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn tag(kind: Kind) -> &'static str {
    match kind {
        Kind::Province => "province ",
        Kind::Plan => "plan     ",
        Kind::Cooperative => "HTX      ",
    }
}

/// One result: kind, label, and the matched field with its matched characters highlighted
/// (the label itself when the name matched).
fn result_line(index: &SearchIndex, hit: &Hit, selected: bool, width: usize) -> Line<'static> {
    let record = &index.records[hit.record];
    let base = if selected {
        theme::selected()
    } else {
        Style::new()
    };
    let mark = base.patch(theme::highlight());
    let text = index.text(hit.entry);
    let field = index.entries[hit.entry].field;
    let mut spans = vec![Span::styled(
        tag(record.target.kind()),
        base.patch(theme::dim()),
    )];
    let shows_label = text == record.label;
    if !shows_label {
        let label = super::widgets::one_line(&record.label);
        let label = crate::text::truncate(&label, width.saturating_sub(9) * 2 / 5).into_owned();
        spans.push(Span::styled(label, base.patch(theme::title())));
        spans.push(Span::styled(
            format!("  {}: ", field.name()),
            base.patch(theme::dim()),
        ));
    }
    // Show the part of a long field around the first match.
    let first = hit.highlight.first().map_or(0, |r| r.start);
    let room = width.saturating_sub(spans.iter().map(Span::width).sum());
    let start = if first > room / 2 && !shows_label {
        text.char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i <= first)
            .rev()
            .nth(room / 3)
            .unwrap_or(0)
    } else {
        0
    };
    if start > 0 {
        spans.push(Span::styled("…", base));
    }
    let mut at = start;
    for range in hit.highlight.iter().filter(|r| r.start >= start) {
        if range.start > at {
            spans.push(Span::styled(
                super::widgets::one_line(&text[at..range.start]),
                base,
            ));
        }
        spans.push(Span::styled(
            super::widgets::one_line(&text[range.clone()]),
            mark,
        ));
        at = range.end;
    }
    if at < text.len() {
        spans.push(Span::styled(super::widgets::one_line(&text[at..]), base));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    if selected && used < width {
        spans.push(Span::styled(" ".repeat(width - used), base));
    }
    Line::from(spans)
}
