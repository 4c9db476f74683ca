//! The filter popup: one row per filter of the current list, its value changed in place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets;
use crate::app::App;

pub fn render(app: &App, row: usize, area: Rect, frame: &mut Frame) {
    let rows = app.filter_rows();
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, &filter)| {
            let style = if i == row {
                app.theme.selected
            } else {
                ratatui::style::Style::new()
            };
            Line::from(vec![
                Span::styled(format!(" {:<16}", filter.label()), style),
                Span::styled(
                    format!(" ‹ {} › ", widgets::one_line(&app.filter_value(filter))),
                    style,
                ),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " j/k choose · l/h change · x clear · Esc close",
        app.theme.dim,
    ));
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = widgets::popup(area, 56.min(area.width), height, frame);
    frame.render_widget(
        Paragraph::new(lines).block(widgets::block(&app.theme, " Filters ", true)),
        popup,
    );
}
