//! The note editor: a bordered text area over the plan, with a visible cursor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::widgets;
use crate::app::{App, Command, Mode, NoteEditor, TextArea};
use crate::lang::tr;

pub fn render(app: &App, editor: &NoteEditor, area: Rect, frame: &mut Frame) {
    let province = app
        .dataset
        .provinces
        .iter()
        .find(|p| p.code == editor.province)
        .map_or(editor.province.as_str(), |p| p.name.as_str());
    let title = Line::from(vec![
        Span::styled(
            (tr().note_title)(
                &widgets::one_line(&editor.item),
                app.theme.symbols().separator,
                &widgets::one_line(province),
            ),
            app.theme.title,
        ),
        Span::styled(
            widgets::keys_line(
                app,
                Mode::Edit,
                &[(Command::Accept, tr().keep), (Command::Back, tr().cancel)],
            ),
            app.theme.dim,
        ),
    ]);
    render_text(app, title, &editor.text, area, frame);
}

/// A text being typed, in a bordered popup with a visible cursor.
pub fn render_text(
    app: &App,
    title: Line<'static>,
    text: &TextArea,
    area: Rect,
    frame: &mut Frame,
) {
    let width = area.width.saturating_sub(4).min(90);
    let height = area.height.saturating_sub(2).min(14);
    let popup = widgets::popup(area, width, height, frame);
    let block = widgets::block(&app.theme, title, true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let (row, col) = text.cursor();
    let rows = usize::from(inner.height).max(1);
    let first = row.saturating_sub(rows - 1);
    let lines: Vec<Line> = text
        .lines()
        .iter()
        .skip(first)
        .take(rows)
        .map(|l| Line::raw(widgets::one_line(l)))
        .collect();
    // Long lines scroll sideways so the cursor stays in view.
    let line = &text.lines()[row];
    let before: String = line.graphemes(true).take(col).collect();
    let cursor_x = before.width();
    let shift = cursor_x.saturating_sub(usize::from(inner.width).saturating_sub(1));
    frame.render_widget(
        Paragraph::new(lines).scroll((0, u16::try_from(shift).unwrap_or(0))),
        inner,
    );
    let x = inner.x + u16::try_from(cursor_x - shift).unwrap_or(0);
    let y = inner.y + u16::try_from(row - first).unwrap_or(0);
    if inner.contains(Position { x, y }) {
        frame.set_cursor_position(Position { x, y });
    }
}
