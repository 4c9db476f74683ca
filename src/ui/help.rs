//! The help overlay: every key of the keymap, mode by mode, with its command's doc. The rows
//! come from `app::pages::help_rows`, which `update` also counts to bound the scroll.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets;
use crate::app::pages::{HelpRow, help_key_width, help_rows};
use crate::app::{App, Command, Mode, layout};
use crate::lang::tr;

pub fn render(app: &App, scroll: usize, area: Rect, frame: &mut Frame) {
    let popup = layout::help_popup(area);
    frame.render_widget(ratatui::widgets::Clear, popup);
    let inner_width = usize::from(popup.width.saturating_sub(2));
    let key_width = help_key_width(&app.keymap, app.theme.ascii);
    let rows = help_rows(&app.keymap, inner_width, app.theme.ascii);
    let visible = layout::pane_rows(popup).max(1);
    let scroll = scroll.min(rows.len().saturating_sub(visible));
    let lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .take(visible)
        .map(|row| match row {
            HelpRow::Heading(heading) => Line::styled(format!(" {heading}"), app.theme.header_row),
            HelpRow::Blank => Line::raw(""),
            HelpRow::Entry { keys, text } => Line::from(vec![
                Span::raw(" "),
                Span::styled(
                    widgets::pad(&widgets::cut(app, keys, key_width), key_width),
                    app.theme.key,
                ),
                Span::raw("  "),
                Span::raw(text.clone()),
            ]),
        })
        .collect();
    let mut position = widgets::position(app, scroll, visible, rows.len());
    if !position.is_empty() {
        position.push(' ');
    }
    let keys = |command| {
        app.keymap
            .keys_for(Mode::Help, command)
            .first()
            .map_or_else(String::new, |&key| app.key_name(key))
    };
    let title = Line::from(vec![
        Span::styled(tr().keys, app.theme.title),
        Span::styled(
            format!(
                "{} {position}",
                (tr().help_scroll)(
                    &keys(Command::Down),
                    &keys(Command::Up),
                    &keys(Command::Close)
                )
            ),
            app.theme.dim,
        ),
    ]);
    frame.render_widget(
        Paragraph::new(lines).block(widgets::block(&app.theme, title, true)),
        popup,
    );
}
