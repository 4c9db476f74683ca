//! Colours and text styles, in one place. Meaning never rests on colour alone: statuses are
//! also written out, and the selection is reversed video.

use ratatui::style::{Color, Modifier, Style};

use crate::model::ProgressStatus;

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn header_row() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// The selection in a list that does not have the focus.
pub fn selected_unfocused() -> Style {
    Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan)
}

pub fn active_tab() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
}

pub fn border_focused() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn message() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn status(status: ProgressStatus) -> Style {
    match status {
        ProgressStatus::Done => Style::new().fg(Color::Green),
        ProgressStatus::InProgress => Style::new().fg(Color::Yellow),
        ProgressStatus::NotStarted => Style::new(),
        ProgressStatus::NotApplicable => dim(),
    }
}

pub fn bar() -> Style {
    Style::new().fg(Color::Green)
}

/// Matched characters in search results.
pub fn highlight() -> Style {
    Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn warning() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
