//! Questions that wait for an answer: quitting with unsaved edits, and save conflicts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{theme, widgets};
use crate::app::{App, Dialog};

pub fn render(app: &App, dialog: &Dialog, area: Rect, frame: &mut Frame) {
    let key =
        |k: &'static str, what: &'static str| vec![Span::styled(k, theme::key()), Span::raw(what)];
    let (title, mut lines) = match dialog {
        Dialog::Quit => (
            " Unsaved edits ",
            vec![
                Line::raw(format!(
                    "{} {} not saved to {}.",
                    app.history.pending.len(),
                    if app.history.pending.len() == 1 {
                        "edit is"
                    } else {
                        "edits are"
                    },
                    widgets::one_line(&app.source)
                )),
                Line::raw(""),
                Line::from(key("s", " save and quit")),
                Line::from(key("d", " quit without saving")),
                Line::from(key("Esc", " go back")),
            ],
        ),
        Dialog::Conflicts { conflicts, .. } => {
            let mut lines = vec![
                Line::raw(
                    "Someone else saved other values in the same fields. Nothing was written.",
                ),
                Line::raw(""),
            ];
            lines.extend(conflicts.iter().take(8).map(|c| {
                Line::styled(
                    format!("• {}", widgets::one_line(&c.what)),
                    theme::warning(),
                )
            }));
            if conflicts.len() > 8 {
                lines.push(Line::raw(format!("… and {} more", conflicts.len() - 8)));
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(key(
                "m",
                " keep mine: write my version of these records",
            )));
            lines.push(Line::from(key(
                "t",
                " take theirs: keep their version, drop my edits of them",
            )));
            lines.push(Line::from(key(
                "Esc",
                " decide later (my edits stay unsaved)",
            )));
            (" Conflicts ", lines)
        }
    };
    lines.insert(0, Line::raw(""));
    let width = area.width.saturating_sub(4).min(72);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = widgets::popup(area, width, height, frame);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(widgets::block(title, true)),
        popup,
    );
}
