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
    /// Draw with ASCII only (the Linux console, vt100, or `ascii: true` in the config).
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

/// The colours a config may name, as ratatui names them (case, `-`, `_` and spaces do not
/// matter: `dark_gray`, `DarkGray`, `dark-gray`), with `reset` for the terminal's own colour.
pub const COLOURS: [(&str, Color); 17] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark_gray", Color::DarkGray),
    ("light_red", Color::LightRed),
    ("light_green", Color::LightGreen),
    ("light_yellow", Color::LightYellow),
    ("light_blue", Color::LightBlue),
    ("light_magenta", Color::LightMagenta),
    ("light_cyan", Color::LightCyan),
    ("white", Color::White),
    ("reset", Color::Reset),
];

/// The modifiers a config may name.
pub const MODIFIERS: [(&str, Modifier); 5] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
];

/// A colour by its name in a config: one of [`COLOURS`] (`grey` is `gray`), `#rrggbb`, or an
/// index `0`-`255` written as a string. The error says what a colour may be.
pub fn parse_colour(text: &str) -> Result<Color, String> {
    let folded = text
        .to_ascii_lowercase()
        .replace([' ', '-', '_'], "")
        .replace("grey", "gray");
    if let Some(&(_, colour)) = COLOURS
        .iter()
        .find(|(name, _)| name.replace('_', "") == folded)
    {
        return Ok(colour);
    }
    if let Some(hex) = text.strip_prefix('#') {
        let channel = |at: usize| {
            hex.get(at..at + 2)
                .filter(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|digits| u8::from_str_radix(digits, 16).ok())
        };
        if let (6, Some(r), Some(g), Some(b)) = (hex.len(), channel(0), channel(2), channel(4)) {
            return Ok(Color::Rgb(r, g, b));
        }
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return colour_index(text.parse::<u64>().unwrap_or(u64::MAX));
    }
    Err((crate::lang::errors().unknown_colour)(text, &colour_help()))
}

/// A colour by its index in the terminal's 256-colour palette.
pub fn colour_index(index: u64) -> Result<Color, String> {
    u8::try_from(index)
        .map(Color::Indexed)
        .map_err(|_| (crate::lang::errors().no_colour_index)(&index.to_string(), &colour_help()))
}

/// What a colour may be, for error messages.
pub fn colour_help() -> String {
    let names: Vec<&str> = COLOURS.iter().map(|(name, _)| *name).collect();
    (crate::lang::errors().colour_help)(&names.join(", "))
}

/// A modifier by its name in a config: one of [`MODIFIERS`].
pub fn parse_modifier(text: &str) -> Result<Modifier, String> {
    MODIFIERS
        .iter()
        .find(|(name, _)| *name == text)
        .map(|&(_, modifier)| modifier)
        .ok_or_else(|| {
            let names: Vec<&str> = MODIFIERS.iter().map(|(name, _)| *name).collect();
            (crate::lang::errors().unknown_modifier)(text, &names.join(", "))
        })
}

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
    /// A plan entry's status in the dashboard's matrix, by [`ProgressStatus`]: not started,
    /// in progress, done, not applicable.
    pub status: [&'static str; 4],
    /// After a share above or below the range the report states.
    pub above: &'static str,
    pub below: &'static str,
    /// The part of a stated range's bar between its two ends.
    pub bar_range: char,
    /// The bar set of ratatui's bar charts.
    pub bar_set: ratatui::symbols::bar::Set<'static>,
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
    status: ["·", "◐", "✓", "–"],
    above: "↑",
    below: "↓",
    bar_range: '░',
    bar_set: ratatui::symbols::bar::NINE_LEVELS,
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
    status: [".", "~", "x", "-"],
    above: "^",
    below: "v",
    bar_range: ':',
    bar_set: ratatui::symbols::bar::Set {
        full: "#",
        seven_eighths: "#",
        three_quarters: "=",
        five_eighths: "=",
        half: "=",
        three_eighths: "-",
        one_quarter: "-",
        one_eighth: ".",
        empty: " ",
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
    fn colours_are_read_by_name_hex_and_index() {
        for (name, colour) in COLOURS {
            assert_eq!(parse_colour(name), Ok(colour), "{name}");
        }
        let cases = [
            ("DarkGray", Color::DarkGray),
            ("dark-gray", Color::DarkGray),
            ("Light Cyan", Color::LightCyan),
            ("grey", Color::Gray),
            ("RESET", Color::Reset),
            ("#5f87FF", Color::Rgb(0x5f, 0x87, 0xff)),
            ("#000000", Color::Rgb(0, 0, 0)),
            ("0", Color::Indexed(0)),
            ("208", Color::Indexed(208)),
            ("255", Color::Indexed(255)),
        ];
        for (text, colour) in cases {
            assert_eq!(parse_colour(text), Ok(colour), "{text}");
        }
        assert_eq!(colour_index(17), Ok(Color::Indexed(17)));
        for text in [
            "blu",
            "",
            "#5f87f",
            "#5f87fff",
            "#gg0000",
            "#+f+f+f",
            "256",
            "-1",
            "bright red",
        ] {
            let err = parse_colour(text).unwrap_err();
            assert!(
                err.contains("a colour is one of black, red,"),
                "{text}: {err}"
            );
        }
        assert!(
            colour_index(256)
                .unwrap_err()
                .starts_with("no colour has the index 256")
        );
    }

    #[test]
    fn modifiers_are_read_by_name() {
        for (name, modifier) in MODIFIERS {
            assert_eq!(parse_modifier(name), Ok(modifier));
        }
        for text in ["Bold", "blink", "underline", ""] {
            let err = parse_modifier(text).unwrap_err();
            assert!(
                err.ends_with("the modifiers are bold, dim, italic, underlined, reversed"),
                "{text}: {err}"
            );
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
