//! The help overlay: every key of the current keymap with its command's doc.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{theme, widgets};
use crate::app::Mode;
use crate::keymap::Keymap;

pub fn render(keymap: &Keymap, scroll: usize, area: Rect, frame: &mut Frame) {
    let rows = keymap.help(Mode::Browse);
    let keys: Vec<String> = rows
        .iter()
        .map(|(_, keys)| keys.iter().map(|k| k.name()).collect::<Vec<_>>().join(" "))
        .collect();
    let key_width = keys
        .iter()
        .map(|k| unicode_width::UnicodeWidthStr::width(k.as_str()))
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .zip(&keys)
        .map(|((command, _), keys)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), theme::key()),
                Span::raw(command.doc()),
            ])
        })
        .collect();

    let width = area.width.saturating_sub(4).min(96);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2));
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    let visible = usize::from(height.saturating_sub(2)).max(1);
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let title = Line::from(vec![
        Span::styled(" Keys ", theme::title()),
        Span::styled("(? or Esc closes) ", theme::dim()),
    ]);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(widgets::block(title, true)),
        popup,
    );
}
