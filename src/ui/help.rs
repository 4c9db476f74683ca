//! The help overlay: every key of the keymap, mode by mode, with its command's doc.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{theme, widgets};
use crate::app::Mode;
use crate::keymap::Keymap;

const SECTIONS: [(Mode, &str); 3] = [
    (Mode::Browse, "Moving around"),
    (
        Mode::Search,
        "In the search prompt (/), printable keys type",
    ),
    (Mode::Filter, "In the filter popup (f)"),
];

pub fn render(keymap: &Keymap, scroll: usize, area: Rect, frame: &mut Frame) {
    let mut lines: Vec<Line> = Vec::new();
    let key_width = SECTIONS
        .iter()
        .flat_map(|&(mode, _)| keymap.help(mode))
        .map(|(_, keys)| {
            keys.iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .count()
        })
        .max()
        .unwrap_or(0);
    for (i, (mode, heading)) in SECTIONS.into_iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(format!(" {heading}"), theme::header_row()));
        for (command, keys) in keymap.help(mode) {
            let keys = keys.iter().map(|k| k.name()).collect::<Vec<_>>().join(" ");
            lines.push(Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), theme::key()),
                Span::raw(command.doc()),
            ]));
        }
    }

    let width = area.width.saturating_sub(4).min(96);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2));
    let popup = widgets::popup(area, width, height, frame);
    let visible = usize::from(height.saturating_sub(2)).max(1);
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let title = Line::from(vec![
        Span::styled(" Keys ", theme::title()),
        Span::styled("(j/k scroll, ? or Esc closes) ", theme::dim()),
    ]);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(widgets::block(title, true)),
        popup,
    );
}
