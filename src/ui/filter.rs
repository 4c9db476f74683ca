//! The filter popup: one row per filter of the current list, its value changed in place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets;
use crate::app::{App, Command, Mode};
use crate::lang::tr;
use unicode_width::UnicodeWidthStr as _;

pub fn render(app: &App, row: usize, area: Rect, frame: &mut Frame) {
    let rows = app.filter_rows();
    let width = 56.min(area.width);
    let inner_width = usize::from(width.saturating_sub(2));
    // Columns of a filter's name: the longest name of the language, the value keeping 20.
    let label_room = inner_width.saturating_sub(20 + 3);
    let longest = rows.iter().map(|r| r.label().width()).max().unwrap_or(0);
    let label = longest.min(label_room).max(8);
    // " Label            ‹ value › "
    let value_room = inner_width.saturating_sub(label + 3);
    let mut lines: Vec<Line<'static>> = rows
        .iter()
        .enumerate()
        .map(|(i, &filter)| {
            let style = if i == row {
                app.theme.selected
            } else {
                Style::new()
            };
            let name = widgets::cut(app, filter.label(), label);
            let value = widgets::choice(
                app,
                &widgets::one_line(&app.filter_value(filter)),
                value_room,
            );
            let line = Line::from(vec![
                Span::styled(format!(" {}", widgets::pad(&name, label)), style),
                Span::styled(format!(" {value} "), style),
            ]);
            widgets::cut_line(app, line, inner_width)
        })
        .collect();
    lines.push(Line::raw(""));
    let keys = widgets::key_groups(
        app,
        Mode::Filter,
        &[
            (&[Command::Down, Command::Up], tr().choose),
            (&[Command::NextValue, Command::PreviousValue], tr().change),
            (&[Command::ClearFilters], tr().clear),
            (&[Command::Back], tr().close),
        ],
    );
    lines.extend(widgets::wrap_line(
        Line::styled(format!(" {keys}"), app.theme.dim),
        inner_width,
    ));
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = widgets::popup(area, width, height, frame);
    let block = widgets::block(&app.theme, widgets::title(app, tr().filters, width), true);
    let inner = block.inner(popup);
    let lines = widgets::fit_rows(app, lines, inner_width, usize::from(inner.height));
    debug_assert!(lines.iter().all(|line| line.width() <= inner_width));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
