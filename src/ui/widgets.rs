//! Small drawing helpers the views share: safe text, progress bars, bordered blocks.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Command, Mode};
use crate::model::Tally;
use crate::text;
use crate::theme::Theme;

/// Data text made safe for the terminal (see [`text::display`]); never draw data without it.
pub fn safe(value: &str) -> Cow<'_, str> {
    text::display(value)
}

/// A one-line span of data text; line breaks become spaces.
pub fn one_line(value: &str) -> String {
    let flat = value.replace(['\n', '\r'], " ");
    text::display(&flat).into_owned()
}

/// A bar of `width` cells filled in eighths, followed by the percentage: `████▌    45%`.
pub fn bar(theme: &Theme, tally: Tally, width: usize) -> Line<'static> {
    let Some(percent) = tally.percent() else {
        return Line::styled("n/a", theme.dim);
    };
    let symbols = theme.symbols();
    let width = width.max(1);
    let eighths = (tally.done as usize * width * 8) / (tally.applicable.max(1) as usize);
    let full = eighths / 8;
    let part = eighths % 8;
    let mut filled = symbols.bar_full.to_string().repeat(full);
    if part > 0 {
        filled.push(symbols.bar_eighths[part]);
    }
    let used = full + usize::from(part > 0);
    Line::from(vec![
        Span::styled(filled, theme.bar),
        Span::styled(
            symbols.bar_empty.to_string().repeat(width - used),
            theme.dim,
        ),
        Span::raw(format!(" {percent:>3}%")),
    ])
}

/// `text` cut to `width` columns, ending with the theme's ellipsis when cut.
pub fn cut(app: &App, text: &str, width: usize) -> String {
    cut_with(app.theme.symbols().ellipsis, text, width)
}

fn cut_with(ellipsis: &str, text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w > room {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    if width >= ellipsis.width() {
        out.truncate(out.trim_end().len());
        out.push_str(ellipsis);
    }
    out
}

/// "Ctrl-s keep · Esc cancel": each command's first key in `mode` and its word, for a
/// popup's title; a command without a key is left out.
pub fn keys_line(app: &App, mode: Mode, commands: &[(Command, &str)]) -> String {
    let words: Vec<String> = commands
        .iter()
        .filter_map(|&(command, word)| {
            let key = *app.keymap.keys_for(mode, command).first()?;
            Some(format!("{} {word}", key.name()))
        })
        .collect();
    format!("{} ", words.join(app.theme.symbols().separator))
}

/// A question's answer line: the keys bound to `command` in `mode`, then what it does.
pub fn answer(app: &App, mode: Mode, command: Command, what: &str) -> Line<'static> {
    let keys: Vec<String> = app
        .keymap
        .keys_for(mode, command)
        .iter()
        .map(|key| key.name())
        .collect();
    Line::from(vec![
        Span::styled(keys.join("/"), app.theme.key),
        Span::raw(format!(" {what}")),
    ])
}

/// A line broken into rows of at most `width` columns at spaces (a word longer than a row
/// is broken where it must), each piece keeping its span's style.
pub fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut rows: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for span in line.spans {
        for word in crate::text::runs(&span.content) {
            let w = word.width();
            if used + w > width && used > 0 {
                if word.trim().is_empty() {
                    rows.push(Vec::new());
                    used = 0;
                    continue;
                }
                rows.push(Vec::new());
                used = 0;
            }
            if w <= width {
                push_piece(&mut rows, word, span.style);
                used += w;
                continue;
            }
            for grapheme in word.graphemes(true) {
                let g = grapheme.width();
                if used + g > width {
                    rows.push(Vec::new());
                    used = 0;
                }
                push_piece(&mut rows, grapheme, span.style);
                used += g;
            }
        }
    }
    rows.into_iter()
        .map(|spans| Line::from(spans).style(line.style))
        .collect()
}

fn push_piece(rows: &mut [Vec<Span<'static>>], piece: &str, style: ratatui::style::Style) {
    let Some(row) = rows.last_mut() else {
        return;
    };
    match row.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push_str(piece),
        _ => row.push(Span::styled(piece.to_string(), style)),
    }
}

/// `text` padded with spaces to `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// `text` cut from the left to `width` columns (a file name keeps its end): `…/htx/data.ron`.
pub fn cut_left(app: &App, text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let ellipsis = app.theme.symbols().ellipsis;
    let room = width.saturating_sub(ellipsis.width());
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for grapheme in text.graphemes(true).rev() {
        let w = grapheme.width();
        if used + w > room {
            break;
        }
        kept.push(grapheme);
        used += w;
    }
    kept.reverse();
    format!("{ellipsis}{}", kept.concat())
}

/// A line cut to `width` columns, its last span ending with the ellipsis when cut.
pub fn cut_line(app: &App, line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let ellipsis = app.theme.symbols().ellipsis;
    let room = width.saturating_sub(ellipsis.width());
    let mut spans = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let w = span.width();
        if used + w <= room {
            used += w;
            spans.push(span);
            continue;
        }
        let content = cut_with("", &span.content, room - used);
        spans.push(Span::styled(format!("{content}{ellipsis}"), span.style));
        return Line::from(spans).style(line.style);
    }
    Line::from(spans).style(line.style)
}

/// A `width` × `height` area centred in `area` and cleared, for a popup drawn over the views.
pub fn popup(area: Rect, width: u16, height: u16, frame: &mut Frame) -> Rect {
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    popup
}

/// A bordered block titled `title`, highlighted when it has the focus.
pub fn block(theme: &Theme, title: impl Into<Line<'static>>, focused: bool) -> Block<'static> {
    let block = Block::bordered().title(title.into());
    if focused {
        block.border_style(theme.border_focused)
    } else {
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn bars_fill_in_eighths() {
        let half = Tally {
            done: 1,
            in_progress: 0,
            applicable: 2,
        };
        let theme = Theme::default();
        let bar = |tally, width| bar(&theme, tally, width);
        assert_eq!(plain(&bar(half, 4)), "██··  50%");
        let third = Tally {
            done: 1,
            in_progress: 0,
            applicable: 3,
        };
        assert_eq!(plain(&bar(third, 4)), "█▎··  33%");
        let all = Tally {
            done: 3,
            in_progress: 0,
            applicable: 3,
        };
        assert_eq!(plain(&bar(all, 4)), "████ 100%");
        assert_eq!(plain(&bar(Tally::default(), 4)), "n/a");
        let ascii = Theme::default().in_ascii();
        assert_eq!(plain(&super::bar(&ascii, third, 4)), "#...  33%");
        assert_eq!(plain(&super::bar(&ascii, half, 4)), "##..  50%");
    }

    #[test]
    fn wrapped_lines_fit_and_keep_their_styles() {
        let key = ratatui::style::Style::new().bold();
        let line = Line::from(vec![
            Span::styled("Esc", key),
            Span::raw(" decide later (your edits stay unsaved)"),
        ]);
        let rows = wrap_line(line, 16);
        let text: Vec<String> = rows.iter().map(plain).collect();
        assert_eq!(text, ["Esc decide later", "(your edits stay", "unsaved)"]);
        assert_eq!(rows[0].spans[0].style, key);
        for width in 1..30 {
            let line = Line::raw("Đã gửi dự thảo báo cáo lên Tỉnh ủy, chờ ý kiến.");
            for row in wrap_line(line, width) {
                assert!(row.width() <= width, "{width}: {row:?}");
            }
        }
    }

    #[test]
    fn one_line_flattens_and_neutralises() {
        assert_eq!(one_line("a\nb\u{1b}[31m"), "a b\u{FFFD}[31m");
    }
}
