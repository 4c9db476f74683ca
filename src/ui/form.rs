//! A form: one field a line, the focused one with a cursor, choice fields with arrows, and the
//! reason the last attempt to accept was refused.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::widgets;
use crate::app::{App, FieldKind, Form};

const LABEL: usize = 18;

pub fn render(app: &App, form: &Form, area: Rect, frame: &mut Frame) {
    let width = area.width.saturating_sub(4).min(80);
    let extra = if form.error.is_some() { 2 } else { 0 };
    let height = u16::try_from(form.fields.len() + extra + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = widgets::popup(area, width, height, frame);
    let title = Line::from(vec![
        Span::styled(
            format!(" {} ", widgets::one_line(&form.title)),
            app.theme.title,
        ),
        Span::styled("Tab next · Enter keep · Esc cancel ", app.theme.dim),
    ]);
    let block = widgets::block(&app.theme, title, true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let room = usize::from(inner.width).saturating_sub(LABEL + 1);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_style = if focused {
            app.theme.key
        } else {
            app.theme.dim
        };
        let label = Span::styled(format!("{:<LABEL$} ", field.label), label_style);
        let value = match &field.kind {
            FieldKind::Choice(_) => {
                let style = if focused {
                    app.theme.selected
                } else {
                    Style::new()
                };
                Span::styled(format!("‹ {} ›", widgets::one_line(&field.shown())), style)
            }
            _ => {
                let text = widgets::one_line(&field.input.text());
                if focused {
                    let (_, col) = field.input.cursor();
                    let before: String = text.graphemes(true).take(col).collect();
                    let x = before.width();
                    // Long values scroll so the cursor stays visible.
                    let shift = x.saturating_sub(room.saturating_sub(1));
                    cursor = Some((x - shift, i));
                    let shown: String = text
                        .graphemes(true)
                        .scan(0, |w, g| {
                            *w += g.width();
                            Some((*w, g))
                        })
                        .filter(|(w, _)| *w > shift)
                        .map(|(_, g)| g)
                        .collect();
                    Span::raw(shown)
                } else {
                    Span::raw(crate::text::truncate(&text, room).into_owned())
                }
            }
        };
        lines.push(Line::from(vec![label, value]));
    }
    if let Some(error) = &form.error {
        lines.push(Line::raw(""));
        lines.push(Line::styled(widgets::one_line(error), app.theme.warning));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if let Some((x, row)) = cursor {
        let position = Position {
            x: inner.x + u16::try_from(LABEL + 1 + x).unwrap_or(0),
            y: inner.y + u16::try_from(row).unwrap_or(0),
        };
        if inner.contains(position) {
            frame.set_cursor_position(position);
        }
    }
}
