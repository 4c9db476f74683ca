//! How the screen looks: one style per role and the symbols that carry meaning. Four built-in
//! themes (`dark`, `light`, `high-contrast`, `mono`); the config picks one and may override
//! any role. Meaning never rests on colour alone: statuses are written out, the selection is
//! reverse video, and `mono` (what `NO_COLOR` gives) uses no colour at all.

use ratatui::style::{Color, Modifier, Style};

use crate::model::ProgressStatus;

/// A style for each role on the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// The built-in theme this one started from.
    pub name: &'static str,
    pub title: Style,
    /// Secondary text: separators, dates, the file name.
    pub dim: Style,
    pub header_row: Style,
    /// The selected row of the list that has the focus.
    pub selected: Style,
    /// The selected row of a list without the focus.
    pub selected_unfocused: Style,
    pub active_tab: Style,
    pub border_focused: Style,
    /// Key names in the hint bar, the help and the questions.
    pub key: Style,
    /// The footer's one-line message.
    pub message: Style,
    pub done: Style,
    pub in_progress: Style,
    pub not_started: Style,
    pub not_applicable: Style,
    /// The filled part of a progress bar.
    pub bar: Style,
    /// Matched letters in search results.
    pub highlight: Style,
    /// Unsaved edits, errors.
    pub warning: Style,
    /// Draw with ASCII only (the Linux console, vt100, or `ascii = true`).
    pub ascii: bool,
}

/// Every role a config may restyle, by the name it uses there.
pub const ROLES: [&str; 16] = [
    "title",
    "dim",
    "header_row",
    "selected",
    "selected_unfocused",
    "active_tab",
    "border_focused",
    "key",
    "message",
    "done",
    "in_progress",
    "not_started",
    "not_applicable",
    "bar",
    "highlight",
    "warning",
];

/// The built-in themes, by name.
pub const NAMES: [&str; 4] = ["dark", "light", "high-contrast", "mono"];

const BOLD: Modifier = Modifier::BOLD;
const REVERSED: Modifier = Modifier::REVERSED;
const UNDERLINED: Modifier = Modifier::UNDERLINED;

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

impl Theme {
    /// For dark backgrounds (the default). Secondary text is the terminal's own colour made
    /// faint where that works, never colour 8 alone (the background on Solarized Dark).
    pub fn dark() -> Self {
        Self {
            name: "dark",
            title: Style::new().add_modifier(BOLD),
            dim: Style::new().fg(Color::Gray).add_modifier(Modifier::DIM),
            header_row: Style::new().add_modifier(BOLD | UNDERLINED),
            selected: Style::new().add_modifier(REVERSED),
            selected_unfocused: Style::new().fg(Color::Cyan).add_modifier(BOLD | UNDERLINED),
            active_tab: Style::new().add_modifier(BOLD | REVERSED),
            border_focused: Style::new().fg(Color::Cyan),
            key: Style::new().fg(Color::Cyan).add_modifier(BOLD),
            message: Style::new().fg(Color::Yellow).add_modifier(BOLD),
            done: Style::new().fg(Color::Green),
            in_progress: Style::new().fg(Color::Yellow),
            not_started: Style::new(),
            not_applicable: Style::new().add_modifier(Modifier::DIM),
            bar: Style::new().fg(Color::Green),
            highlight: Style::new()
                .fg(Color::Yellow)
                .add_modifier(BOLD | UNDERLINED),
            warning: Style::new().fg(Color::Red).add_modifier(BOLD),
            ascii: false,
        }
    }

    /// For light backgrounds: dark blue, dark green, magenta instead of cyan and yellow.
    pub fn light() -> Self {
        Self {
            name: "light",
            selected_unfocused: Style::new().fg(Color::Blue).add_modifier(BOLD | UNDERLINED),
            border_focused: Style::new().fg(Color::Blue),
            key: Style::new().fg(Color::Blue).add_modifier(BOLD),
            message: Style::new().fg(Color::Magenta).add_modifier(BOLD),
            done: Style::new().fg(Color::Green).add_modifier(BOLD),
            in_progress: Style::new().fg(Color::Magenta),
            bar: Style::new().fg(Color::Green),
            highlight: Style::new()
                .fg(Color::Magenta)
                .add_modifier(BOLD | UNDERLINED),
            dim: Style::new().add_modifier(Modifier::DIM),
            ..Self::dark()
        }
    }

    /// Strong colours and bold everywhere that matters, for projectors and tired eyes.
    pub fn high_contrast() -> Self {
        Self {
            name: "high-contrast",
            dim: Style::new(),
            selected: Style::new().add_modifier(REVERSED | BOLD),
            selected_unfocused: Style::new().add_modifier(BOLD | UNDERLINED),
            border_focused: Style::new().fg(Color::LightCyan).add_modifier(BOLD),
            key: Style::new().fg(Color::LightCyan).add_modifier(BOLD),
            message: Style::new().fg(Color::LightYellow).add_modifier(BOLD),
            done: Style::new().fg(Color::LightGreen).add_modifier(BOLD),
            in_progress: Style::new().fg(Color::LightYellow).add_modifier(BOLD),
            not_applicable: Style::new(),
            bar: Style::new().fg(Color::LightGreen),
            highlight: Style::new()
                .fg(Color::LightYellow)
                .add_modifier(BOLD | UNDERLINED),
            warning: Style::new().fg(Color::LightRed).add_modifier(BOLD),
            ..Self::dark()
        }
    }

    /// No colour at all: reverse video, bold and underline carry the meaning (`NO_COLOR`).
    pub fn mono() -> Self {
        Self {
            name: "mono",
            title: Style::new().add_modifier(BOLD),
            dim: Style::new(),
            header_row: Style::new().add_modifier(BOLD | UNDERLINED),
            selected: Style::new().add_modifier(REVERSED),
            selected_unfocused: Style::new().add_modifier(BOLD | UNDERLINED),
            active_tab: Style::new().add_modifier(BOLD | REVERSED),
            border_focused: Style::new().add_modifier(BOLD),
            key: Style::new().add_modifier(BOLD),
            message: Style::new().add_modifier(BOLD),
            done: Style::new().add_modifier(BOLD),
            in_progress: Style::new(),
            not_started: Style::new(),
            not_applicable: Style::new(),
            bar: Style::new(),
            highlight: Style::new().add_modifier(BOLD | UNDERLINED),
            warning: Style::new().add_modifier(BOLD),
            ascii: false,
        }
    }

    /// A built-in theme by its name.
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "dark" => Some(Self::dark()),
            "light" => Some(Self::light()),
            "high-contrast" => Some(Self::high_contrast()),
            "mono" => Some(Self::mono()),
            _ => None,
        }
    }

    /// The style of a role, by its name in the config.
    pub fn role_mut(&mut self, role: &str) -> Option<&mut Style> {
        Some(match role {
            "title" => &mut self.title,
            "dim" => &mut self.dim,
            "header_row" => &mut self.header_row,
            "selected" => &mut self.selected,
            "selected_unfocused" => &mut self.selected_unfocused,
            "active_tab" => &mut self.active_tab,
            "border_focused" => &mut self.border_focused,
            "key" => &mut self.key,
            "message" => &mut self.message,
            "done" => &mut self.done,
            "in_progress" => &mut self.in_progress,
            "not_started" => &mut self.not_started,
            "not_applicable" => &mut self.not_applicable,
            "bar" => &mut self.bar,
            "highlight" => &mut self.highlight,
            "warning" => &mut self.warning,
            _ => return None,
        })
    }

    /// The same theme drawn in ASCII only.
    pub fn in_ascii(self) -> Self {
        Self {
            ascii: true,
            ..self
        }
    }

    pub fn status(&self, status: ProgressStatus) -> Style {
        match status {
            ProgressStatus::Done => self.done,
            ProgressStatus::InProgress => self.in_progress,
            ProgressStatus::NotStarted => self.not_started,
            ProgressStatus::NotApplicable => self.not_applicable,
        }
    }

    /// The symbols to draw with.
    pub fn symbols(&self) -> &'static Symbols {
        if self.ascii { &ASCII } else { &UNICODE }
    }

    /// Whether any role sets a colour (`mono` sets none).
    pub fn has_colour(&self) -> bool {
        let mut copy = self.clone();
        ROLES.iter().any(|role| {
            copy.role_mut(role)
                .is_some_and(|style| style.fg.is_some() || style.bg.is_some())
        })
    }
}

/// Characters that carry meaning, in Unicode and in ASCII.
#[derive(Debug, PartialEq, Eq)]
pub struct Symbols {
    /// Ends text that was cut.
    pub ellipsis: &'static str,
    /// Between hints and header fields.
    pub separator: &'static str,
    /// Before the unsaved count.
    pub unsaved: &'static str,
    /// Between the two ends of a range (`35–40%`, dates).
    pub range: &'static str,
    /// A progress bar's filled cell and its partial cells in eighths (index 0 unused).
    pub bar_full: char,
    pub bar_eighths: [char; 8],
    /// A progress bar's empty cell.
    pub bar_empty: char,
    /// Marks a row whose text has more lines than shown: `[+2]` in both sets.
    pub more_lines: &'static str,
    /// Arrow keys as the help writes them.
    pub up: &'static str,
    pub down: &'static str,
    pub left: &'static str,
    pub right: &'static str,
    pub border: ratatui::symbols::border::Set<'static>,
}

pub static UNICODE: Symbols = Symbols {
    ellipsis: "…",
    separator: " · ",
    unsaved: "●",
    range: "–",
    bar_full: '█',
    bar_eighths: [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'],
    bar_empty: '·',
    more_lines: "+",
    up: "↑",
    down: "↓",
    left: "←",
    right: "→",
    border: ratatui::symbols::border::PLAIN,
};

pub static ASCII: Symbols = Symbols {
    ellipsis: "...",
    separator: " | ",
    unsaved: "*",
    range: "-",
    bar_full: '#',
    bar_eighths: ['.', '.', '.', '.', '=', '=', '=', '='],
    bar_empty: '.',
    more_lines: "+",
    up: "Up",
    down: "Down",
    left: "Left",
    right: "Right",
    border: ratatui::symbols::border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_sets_no_colour_and_the_others_do() {
        assert!(!Theme::mono().has_colour());
        for name in ["dark", "light", "high-contrast"] {
            assert!(Theme::named(name).unwrap().has_colour(), "{name}");
        }
    }

    #[test]
    fn every_role_has_a_name_and_every_theme_a_constructor() {
        let mut theme = Theme::dark();
        for role in ROLES {
            assert!(theme.role_mut(role).is_some(), "{role}");
        }
        for name in NAMES {
            assert_eq!(Theme::named(name).unwrap().name, name);
        }
    }

    #[test]
    fn no_role_rests_on_colour_8() {
        for name in NAMES {
            let mut theme = Theme::named(name).unwrap();
            for role in ROLES {
                let style = *theme.role_mut(role).unwrap();
                assert_ne!(style.fg, Some(Color::DarkGray), "{name} {role}");
                assert_ne!(style.bg, Some(Color::DarkGray), "{name} {role}");
            }
        }
    }

    #[test]
    fn ascii_symbols_are_ascii() {
        let s = &ASCII;
        let text = [
            s.ellipsis,
            s.separator,
            s.unsaved,
            s.range,
            s.more_lines,
            s.up,
            s.down,
            s.left,
            s.right,
            s.border.top_left,
            s.border.horizontal_top,
            s.border.vertical_left,
        ]
        .concat();
        assert!(text.is_ascii(), "{text}");
        assert!(s.bar_full.is_ascii() && s.bar_empty.is_ascii());
        assert!(s.bar_eighths.iter().all(char::is_ascii));
    }
}
