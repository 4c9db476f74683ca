//! The search prompt: the query, and the results as they arrive, tagged by kind, with the
//! matched characters highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::widgets::block;
use crate::app::{App, Search, layout, visible_offset};
use crate::search::{Hit, Kind, SearchIndex, Target};
use unicode_width::UnicodeWidthStr;

use super::widgets::{cut, one_line, pad};
use crate::lang::{self, tr};

pub fn render(app: &App, search: &Search, area: Rect, frame: &mut Frame) {
    let popup = layout::search_popup(area);
    frame.render_widget(Clear, popup);
    let status = if search.pending {
        format!("{}{}", tr().searching, app.theme.symbols().ellipsis)
    } else if search.query.trim().is_empty() {
        tr().search_prompt.to_string()
    } else if search.hits.len() >= crate::app::RESULT_LIMIT {
        (tr().best_results)(search.hits.len())
    } else {
        let n = search.hits.len();
        (tr().results)(n, &lang::number(n as u64))
    };
    let outer = block(
        &app.theme,
        Line::from(vec![
            Span::styled(tr().search, app.theme.title),
            Span::styled(format!("{status} "), app.theme.dim),
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
            Span::styled("/ ", app.theme.key),
            Span::raw(query),
            Span::styled(if app.theme.ascii { "_" } else { "▏" }, app.theme.key),
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
    let shown =
        &search.hits[offset.min(search.hits.len())..(offset + height).min(search.hits.len())];
    let columns = columns(app, &app.search_index, shown, usize::from(list.width));
    let lines: Vec<Line> = search
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, hit)| {
            result_line(
                app,
                &app.search_index,
                hit,
                &columns,
                row == search.cursor.selected,
                usize::from(list.width),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn tag(kind: Kind) -> &'static str {
    match kind {
        Kind::Province => tr().tag_province,
        Kind::Plan => tr().tag_plan,
        Kind::Cooperative => tr().tag_cooperative,
    }
}

/// Where a result is: a cooperative's province and district, an entry's province.
fn place(app: &App, target: Target) -> String {
    let province = |p: usize| app.dataset.provinces.get(p).map(|p| p.name.as_str());
    match target {
        Target::Cooperative(c) => {
            app.dataset
                .cooperatives
                .get(c)
                .map_or_else(String::new, |coop| {
                    let name = app
                        .index
                        .province(&coop.province)
                        .and_then(province)
                        .unwrap_or(coop.province.as_str());
                    match &coop.district {
                        Some(district) => format!("{name}, {district}"),
                        None => name.to_string(),
                    }
                })
        }
        // An entry's label already names its province.
        Target::Progress { .. } | Target::Province(_) | Target::PlanItem(_) => String::new(),
    }
}

/// Widths of the result columns: kind, id, label, place; the matched text takes the rest.
struct Columns {
    id: usize,
    label: usize,
    place: usize,
}

const KIND_WIDTH: usize = 8;

fn columns(app: &App, index: &SearchIndex, hits: &[Hit], width: usize) -> Columns {
    let widest = |f: &dyn Fn(&Hit) -> usize| hits.iter().map(f).max().unwrap_or(0);
    let id = widest(&|hit| index.id(hit.record).width()).min(14);
    let place = widest(&|hit| place(app, index.records[hit.record].target).width());
    let rest = width.saturating_sub(KIND_WIDTH + 1 + id + 1);
    // The name gets a third of what is left, the place up to three tenths, the matched
    // field the rest.
    let label = (rest / 3).max(8);
    let place = place.min(rest * 3 / 10);
    Columns { id, label, place }
}

/// One result in aligned columns: kind, id, name, where, and the matched field with its
/// matched letters highlighted (the name itself when the name matched).
fn result_line(
    app: &App,
    index: &SearchIndex,
    hit: &Hit,
    columns: &Columns,
    selected: bool,
    width: usize,
) -> Line<'static> {
    let record = &index.records[hit.record];
    let base = if selected {
        app.theme.selected
    } else {
        Style::new()
    };
    let mark = base.patch(app.theme.highlight);
    let dim = base.patch(app.theme.dim);
    let text = index.text(hit.entry);
    let field = index.entries[hit.entry].field;
    let cell = |text: &str, width: usize| pad(&cut(app, &one_line(text), width), width);
    let shows_label = text == index.label(hit.record);
    let mut spans = vec![
        Span::styled(cell(tag(record.target.kind()), KIND_WIDTH), dim),
        Span::styled(" ", base),
        Span::styled(cell(index.id(hit.record), columns.id), base),
        Span::styled(" ", base),
    ];
    if shows_label {
        let start = window(text, hit, columns.label);
        highlighted(app, &mut spans, text, hit, start, columns.label, base, mark);
    } else {
        spans.push(Span::styled(
            cell(index.label(hit.record), columns.label),
            base.patch(app.theme.title),
        ));
    }
    if columns.place > 0 {
        spans.push(Span::styled(" ", base));
        spans.push(Span::styled(
            cell(&place(app, record.target), columns.place),
            dim,
        ));
    }
    if !shows_label {
        let label = format!("  {}: ", (tr().field)(field.name()));
        spans.push(Span::styled(label, dim));
        let room = width.saturating_sub(spans.iter().map(Span::width).sum());
        let start = window(text, hit, room);
        highlighted(app, &mut spans, text, hit, start, room, base, mark);
    }
    let used: usize = spans.iter().map(Span::width).sum();
    if selected && used < width {
        spans.push(Span::styled(" ".repeat(width - used), base));
    }
    Line::from(spans)
}

/// Where to start showing `text` in `room` columns so that its first match is in view: a
/// long text starts a third of the room before the match.
fn window(text: &str, hit: &Hit, room: usize) -> usize {
    let first = hit.highlight.first().map_or(0, |r| r.start);
    let end = hit.highlight.first().map_or(0, |r| r.end);
    if text
        .get(..end)
        .is_none_or(|before| before.width() < room.saturating_sub(1))
    {
        return 0;
    }
    text.char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i <= first)
        .rev()
        .nth(room / 3)
        .unwrap_or(0)
}

/// `text` from byte `start`, at most `room` columns wide (padded to it), its matched ranges
/// in `mark`; cut text ends with the ellipsis, and one that starts later begins with it.
#[allow(clippy::too_many_arguments)]
fn highlighted(
    app: &App,
    spans: &mut Vec<Span<'static>>,
    text: &str,
    hit: &Hit,
    start: usize,
    room: usize,
    base: Style,
    mark: Style,
) {
    let ellipsis = app.theme.symbols().ellipsis;
    let mut pieces: Vec<(String, Style)> = Vec::new();
    if start > 0 {
        pieces.push((ellipsis.to_string(), base));
    }
    let mut at = start;
    for range in hit.highlight.iter().filter(|r| r.start >= start) {
        if range.start > at {
            pieces.push((one_line(&text[at..range.start]), base));
        }
        pieces.push((one_line(&text[range.clone()]), mark));
        at = range.end;
    }
    if at < text.len() {
        pieces.push((one_line(&text[at..]), base));
    }
    let line = Line::from(
        pieces
            .into_iter()
            .map(|(text, style)| Span::styled(text, style))
            .collect::<Vec<_>>(),
    );
    let line = super::widgets::cut_line(app, line, room);
    let used = line.width();
    spans.extend(line.spans);
    if used < room {
        spans.push(Span::styled(" ".repeat(room - used), base));
    }
}
