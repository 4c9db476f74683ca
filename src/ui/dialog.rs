//! Questions that wait for an answer: quitting with unsaved edits, conflicts settled one field
//! at a time, and a save that would change the file's owner.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{editor, theme, widgets};
use crate::app::{AfterSettling, App, Dialog, Settling};
use crate::model::merge::{Conflict, RecordKey};

pub fn render(app: &App, dialog: &Dialog, area: Rect, frame: &mut Frame) {
    let (title, mut lines) = match dialog {
        Dialog::Quit => (
            " Unsaved edits ".to_string(),
            vec![
                Line::raw(format!(
                    "{} {} not saved to {}.",
                    app.history.pending.len(),
                    if app.history.pending.len() == 1 {
                        "edit is"
                    } else {
                        "edits are"
                    },
                    widgets::one_line(&app.source)
                )),
                Line::raw(""),
                key("s", " save and quit"),
                key("d", " quit without saving"),
                key("Esc", " go back"),
            ],
        ),
        Dialog::Conflicts(settling) => {
            if let Some(text) = &settling.editing {
                let title = Line::from(vec![
                    Span::styled(
                        format!(" Value for {} ", conflict_subject(app, settling)),
                        theme::title(),
                    ),
                    Span::styled("Ctrl-s keep · Esc back ", theme::dim()),
                ]);
                editor::render_text(title, text, area, frame);
                return;
            }
            conflict(app, settling)
        }
        Dialog::OwnerChange { reason, .. } => (
            " Owner would change ".to_string(),
            vec![
                Line::raw(widgets::one_line(reason)),
                Line::raw(""),
                key("y", " save anyway (the file becomes yours)"),
                key("w", " save under another name"),
                key("Esc", " not now (your edits stay unsaved)"),
            ],
        ),
    };
    lines.insert(0, Line::raw(""));
    let width = area.width.saturating_sub(4).min(72);
    // Rows once wrapped, so a long line never pushes the last one out of the box.
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| wrapped_rows(l, inner)).sum();
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX).min(area.height);
    let popup = widgets::popup(area, width, height, frame);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(widgets::block(title, true)),
        popup,
    );
}

/// How many rows a line takes when wrapped at word boundaries to `width` columns (as the
/// paragraph wraps it; a word longer than the width is cut).
fn wrapped_rows(line: &Line<'_>, width: usize) -> usize {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let mut rows = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let w = unicode_width::UnicodeWidthStr::width(word);
        let needed = if used == 0 { w } else { used + 1 + w };
        if needed <= width {
            used = needed;
        } else {
            rows += 1;
            used = w;
            while used > width {
                rows += 1;
                used -= width;
            }
        }
    }
    rows
}

fn key(k: &'static str, what: &'static str) -> Line<'static> {
    Line::from(vec![Span::styled(k, theme::key()), Span::raw(what)])
}

fn conflict_subject(app: &App, settling: &Settling) -> String {
    settling
        .conflicts
        .get(settling.at)
        .map_or_else(String::new, |c| widgets::one_line(&describe(app, c)))
}

/// The conflict's record and field, with the province's name where there is one:
/// "KH-01 · Bắc Ninh (27), status".
fn describe(app: &App, conflict: &Conflict) -> String {
    let province_name = |code: &str| {
        app.dataset
            .provinces
            .iter()
            .find(|p| p.code == code)
            .map_or_else(|| code.to_owned(), |p| format!("{} ({code})", p.name))
    };
    let record = match &conflict.record {
        RecordKey::Progress { item, province } => {
            format!("{item} · {}", province_name(province))
        }
        RecordKey::Province(code) => format!("province {}", province_name(code)),
        _ => return conflict.describe(),
    };
    match &conflict.field {
        Some(field) => format!("{record}, {field}"),
        None => conflict
            .describe()
            .replacen(&conflict.record.to_string(), &record, 1),
    }
}

/// One conflict: what it is about, the value both started from, mine and theirs.
fn conflict(app: &App, settling: &Settling) -> (String, Vec<Line<'static>>) {
    let title = format!(
        " Conflict {} of {} ",
        (settling.at + 1).min(settling.conflicts.len()),
        settling.conflicts.len()
    );
    let Some(conflict) = settling.conflicts.get(settling.at) else {
        return (title, Vec::new());
    };
    let value = |side: &Option<String>| match side {
        Some(text) if text.is_empty() => "(empty)".to_string(),
        Some(text) => widgets::one_line(text),
        None => "(no such record)".to_string(),
    };
    let row = |label: &'static str, side: &Option<String>, style| {
        Line::from(vec![
            Span::styled(label, theme::dim()),
            Span::styled(value(side), style),
        ])
    };
    let waiting = match settling.then {
        AfterSettling::Save { .. } => "Nothing is written until every conflict is settled.",
        AfterSettling::Reload => "Nothing changes here until every conflict is settled.",
    };
    let mut lines = vec![
        Line::raw("Both you and the file changed this, differently."),
        Line::raw(waiting),
        Line::raw(""),
        Line::styled(widgets::one_line(&describe(app, conflict)), theme::title()),
        row("  was:    ", &conflict.base, theme::dim()),
        row(
            "  mine:   ",
            &conflict.ours,
            ratatui::style::Style::default(),
        ),
        row("  theirs: ", &conflict.theirs, theme::warning()),
        Line::raw(""),
        key("m", " keep mine"),
        key("t", " take theirs"),
    ];
    if conflict.editable() {
        lines.push(key("e", " type the value"));
    }
    lines.push(key("Esc", " decide later (your edits stay unsaved)"));
    (title, lines)
}
