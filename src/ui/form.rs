//! A form: one field a line, the focused one with a cursor, choice fields with arrows, and the
//! reason the last attempt to accept was refused. Every value is cut to the form's width with
//! the ellipsis; the focused one scrolls so the cursor stays in sight, the ellipsis marking
//! text scrolled off either side.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::widgets;
use crate::app::{App, Command, FieldKind, Form, Mode};
use crate::lang::tr;

const LABEL: usize = 18;

pub fn render(app: &App, form: &Form, area: Rect, frame: &mut Frame) {
    let width = area.width.saturating_sub(4).min(80);
    let inner_width = usize::from(width.saturating_sub(2));
    let error: Vec<Line<'static>> = form.error.as_ref().map_or_else(Vec::new, |error| {
        let mut lines = vec![Line::raw("")];
        lines.extend(widgets::wrap_line(
            Line::styled(widgets::one_line(error), app.theme.warning),
            inner_width,
        ));
        lines
    });
    let height = u16::try_from(form.fields.len() + error.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = widgets::popup(area, width, height, frame);
    let keys = widgets::keys_line(
        app,
        Mode::Form,
        &[
            (Command::NextField, tr().next),
            (Command::Accept, tr().keep),
            (Command::Back, tr().cancel),
        ],
    );
    let title = Line::from(vec![
        Span::styled(
            format!(" {} ", widgets::one_line(&form.title)),
            app.theme.title,
        ),
        Span::styled(keys, app.theme.dim),
    ]);
    let block = widgets::block(&app.theme, widgets::title(app, title, width), true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let room = inner_width.saturating_sub(LABEL + 1);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_style = if focused {
            app.theme.key
        } else {
            app.theme.dim
        };
        let label = Span::styled(
            format!(
                "{} ",
                widgets::pad(&widgets::cut(app, field.label(), LABEL), LABEL)
            ),
            label_style,
        );
        let value = match &field.kind {
            FieldKind::Choice(_) => {
                let style = if focused {
                    app.theme.selected
                } else {
                    Style::new()
                };
                Span::styled(
                    widgets::choice(app, &widgets::one_line(&field.shown()), room),
                    style,
                )
            }
            _ => {
                let text = widgets::one_line(&field.input.text());
                if focused {
                    let (_, col) = field.input.cursor();
                    let before: String = text.graphemes(true).take(col).collect();
                    let (shown, x) =
                        window(app.theme.symbols().ellipsis, &text, before.width(), room);
                    cursor = Some((x, i));
                    Span::raw(shown)
                } else {
                    Span::raw(widgets::cut(app, &text, room))
                }
            }
        };
        lines.push(widgets::cut_line(
            app,
            Line::from(vec![label, value]),
            inner_width,
        ));
    }
    lines.extend(error);
    let lines = widgets::fit_rows(app, lines, inner_width, usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((x, row)) = cursor {
        let position = Position {
            x: inner.x + u16::try_from(LABEL + 1 + x).unwrap_or(u16::MAX),
            y: inner.y + u16::try_from(row).unwrap_or(u16::MAX),
        };
        if inner.contains(position) {
            frame.set_cursor_position(position);
        }
    }
}

/// What a field `room` columns wide shows of `text` with the cursor at column `x` (which may
/// be just past the end), and the cursor's column in it. Text that does not fit scrolls so
/// the cursor stays in sight; text scrolled off the left or the right is marked with
/// `ellipsis`, and the cursor is never under a mark.
fn window(ellipsis: &str, text: &str, x: usize, room: usize) -> (String, usize) {
    let total = text.width();
    // The cursor just past the end needs a column of its own.
    if total.max(x + 1) <= room {
        return (text.to_string(), x);
    }
    let e = ellipsis.width();
    let (start, marks) = if room < 2 * e + 2 {
        // Too narrow for the marks: scroll without them.
        (x.saturating_sub(room.saturating_sub(1)), false)
    } else if x + 1 + e <= room {
        (0, true)
    } else {
        // The cursor one column before the right mark, or the end of the text in sight.
        (
            (x + 1 + e - room).min((total + 1).saturating_sub(room)),
            true,
        )
    };
    let left_mark = marks && start > 0;
    let right_mark = marks && total > start + room;
    let low = start + if left_mark { e } else { 0 };
    let high = start + room - if right_mark { e } else { 0 };
    let mut out = String::new();
    if left_mark {
        out.push_str(ellipsis);
    }
    let mut at = low;
    let mut column = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if column >= low && column + w <= high {
            // A wide letter cut by the left edge leaves a blank, so columns stay put.
            out.push_str(&" ".repeat(column - at));
            out.push_str(grapheme);
            at = column + w;
        }
        column += w;
    }
    if right_mark {
        out.push_str(&" ".repeat(high - at));
        out.push_str(ellipsis);
    }
    (out, x.saturating_sub(start))
}

#[cfg(test)]
mod tests {
    use super::window;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn short_text_is_shown_as_it_is() {
        assert_eq!(window("…", "Hà Nam", 6, 10), ("Hà Nam".to_string(), 6));
        assert_eq!(window("…", "Hà Nam", 0, 7), ("Hà Nam".to_string(), 0));
    }

    #[test]
    fn long_text_scrolls_with_marks_on_the_cut_sides() {
        let text = "Đã họp, thêm một dòng rất dài để cuộn ngang";
        // At the start: cut on the right only.
        let (shown, x) = window("…", text, 0, 12);
        assert_eq!((shown.as_str(), x), ("Đã họp, thê…", 0));
        // At the end: cut on the left only, the cursor after the last letter.
        let end = text.width();
        let (shown, x) = window("…", text, end, 12);
        assert_eq!((shown.as_str(), x), ("…cuộn ngang", 11));
        // In the middle: cut on both sides, the cursor between the marks.
        let (shown, x) = window("...", text, 20, 12);
        assert!(
            shown.starts_with("...") && shown.ends_with("..."),
            "{shown}"
        );
        assert!((3..9).contains(&x), "{x}");
        for room in 1..50 {
            for cursor in 0..=end {
                for ellipsis in ["…", "..."] {
                    let (shown, x) = window(ellipsis, text, cursor, room);
                    assert!(shown.width() <= room, "{room} {cursor}: {shown:?}");
                    assert!(x < room, "{room} {cursor}: {x}");
                    if room >= 2 * ellipsis.width() + 2 && end >= room {
                        // The cursor is on text, never on a mark.
                        let before: String = shown.chars().take(x).collect();
                        let marked_left =
                            shown.starts_with(ellipsis) && !text.starts_with(ellipsis);
                        assert!(
                            !marked_left || before.width() >= ellipsis.width(),
                            "{room} {cursor}: {shown:?} {x}"
                        );
                        let tail = shown.width() - x;
                        let marked_right = shown.ends_with(ellipsis);
                        assert!(
                            !marked_right || tail > ellipsis.width(),
                            "{room} {cursor}: {shown:?} {x}"
                        );
                    }
                }
            }
        }
    }
}
