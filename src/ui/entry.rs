//! A province's entry on a plan item, in full: status, who changed it and when, and the
//! whole note with its line breaks. The rows come from `App::entry_page`, which `update`
//! also counts to bound the scroll.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::widgets;
use crate::app::pages::{entry_rows, wrap};
use crate::app::{App, layout};
use crate::lang::tr;
use unicode_width::UnicodeWidthStr as _;

pub fn render(app: &App, scroll: usize, area: Rect, frame: &mut Frame) {
    let inner_width = layout::entry_popup_width(area).saturating_sub(2);
    let Some(page) = app.entry_page(usize::from(inner_width)) else {
        return;
    };
    let total = entry_rows(&page, inner_width);
    let popup = layout::entry_popup(area, total);
    frame.render_widget(Clear, popup);
    let visible = layout::pane_rows(popup).max(1);
    let scroll = scroll.min(total.saturating_sub(visible));
    let lines = entry_lines(app, &page, usize::from(inner_width));
    let mut position = widgets::position(app, scroll, visible, total);
    if !position.is_empty() {
        position.push(' ');
    }
    let title = Line::from(vec![
        Span::styled(tr().entry, app.theme.title),
        Span::styled(position, app.theme.dim),
    ]);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(widgets::block(&app.theme, title, true)),
        popup,
    );
}

/// The page's lines: the item wrapped, the facts, a blank line, the note.
pub fn entry_lines(
    app: &App,
    page: &crate::app::pages::EntryPage,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = wrap(&widgets::one_line(&page.title), width)
        .into_iter()
        .map(|line| Line::styled(line, app.theme.title))
        .collect();
    let label_width = page.facts.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    for (label, value) in &page.facts {
        let style = if *label == tr().status_label {
            app.theme.status(page.status)
        } else {
            ratatui::style::Style::new()
        };
        let room = width.saturating_sub(label_width + 2);
        lines.push(Line::from(vec![
            Span::styled(
                format!("{}  ", widgets::pad(label, label_width)),
                app.theme.dim,
            ),
            Span::styled(widgets::cut(app, &widgets::one_line(value), room), style),
        ]));
    }
    lines.push(Line::raw(""));
    lines.extend(
        page.note
            .iter()
            .map(|line| Line::raw(widgets::one_line(line))),
    );
    lines
}
