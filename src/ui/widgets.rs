//! Small drawing helpers the views share: safe text, progress bars, bordered blocks.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use super::theme;
use crate::model::Tally;
use crate::text;

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
pub fn bar(tally: Tally, width: usize) -> Line<'static> {
    let Some(percent) = tally.percent() else {
        return Line::styled("n/a", theme::dim());
    };
    let width = width.max(1);
    let eighths = (tally.done as usize * width * 8) / (tally.applicable.max(1) as usize);
    let full = eighths / 8;
    let part = eighths % 8;
    let mut filled = "█".repeat(full);
    if part > 0 {
        filled.push([' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][part]);
    }
    let used = full + usize::from(part > 0);
    Line::from(vec![
        Span::styled(filled, theme::bar()),
        Span::styled("·".repeat(width - used), theme::dim()),
        Span::raw(format!(" {percent:>3}%")),
    ])
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
pub fn block(title: impl Into<Line<'static>>, focused: bool) -> Block<'static> {
    let block = Block::bordered().title(title.into());
    if focused {
        block.border_style(theme::border_focused())
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
    }

    #[test]
    fn one_line_flattens_and_neutralises() {
        assert_eq!(one_line("a\nb\u{1b}[31m"), "a b\u{FFFD}[31m");
    }
}
