//! Keys to commands, per mode. The help overlay and the key-hint bar are generated from this
//! table and from each command's doc, so what the screen says is what the keys do.
//!
//! No Alt or Ctrl-h/j/k/l bindings: terminal multiplexers take those.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, Command, Mode};

/// A key with the modifiers that matter (Shift is part of the character itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    const fn plain(code: KeyCode) -> Self {
        Self { code, ctrl: false }
    }
    const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }
    const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// The key a config file names: a name as [`Key::name`] writes it (`j`, `G`, `Ctrl-d`,
    /// `PgDn`, `Shift-Tab`, `↑`) or an ASCII spelling in any case (`ctrl-d`, `C-d`, `up`,
    /// `pagedown`, `backtab`, `f5`). One character stands for itself (`G` is shift-g); after
    /// Ctrl a letter is the same key in either case (terminals send Ctrl-D as Ctrl-d).
    /// Refused with a sentence saying why: Alt (terminals send Esc then the key for it, so it
    /// cannot be told from Esc), Ctrl with Shift, Ctrl-i, Ctrl-m and Ctrl-[ (Tab, Enter and Esc
    /// to a terminal), and control characters.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return match c {
                '↑' => Ok(Key::plain(KeyCode::Up)),
                '↓' => Ok(Key::plain(KeyCode::Down)),
                '←' => Ok(Key::plain(KeyCode::Left)),
                '→' => Ok(Key::plain(KeyCode::Right)),
                c if c.is_control() => Err((crate::lang::errors().key_control)(text)),
                c => Ok(Key::char(c)),
            };
        }
        let (mut ctrl, mut shift) = (false, false);
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = |names: &[&str]| {
                names
                    .iter()
                    .find(|name| lower.starts_with(*name) && lower.len() > name.len())
                    .map(|name| name.len())
            };
            if let Some(len) = prefix(&["ctrl-", "ctrl+", "control-", "c-"]) {
                ctrl = true;
                rest = &rest[len..];
            } else if let Some(len) = prefix(&["shift-", "shift+", "s-"]) {
                shift = true;
                rest = &rest[len..];
            } else if prefix(&["alt-", "alt+", "a-", "m-", "meta-", "option-"]).is_some() {
                return Err((crate::lang::errors().key_alt)(text));
            } else {
                break;
            }
        }
        if ctrl && shift {
            return Err((crate::lang::errors().key_ctrl_shift)(text));
        }
        let code = match named_code(rest) {
            Some(code) => code,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                    _ => return Err(unknown_key(text)),
                }
            }
        };
        let code = match (code, shift) {
            (KeyCode::Tab, true) => KeyCode::BackTab,
            (KeyCode::Char(c), true) if c.is_ascii_alphabetic() => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            (_, true) => {
                return Err((crate::lang::errors().key_shift)(text));
            }
            (KeyCode::Char(c), false) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            (code, false) => code,
        };
        if let (true, KeyCode::Char(c @ ('i' | 'm' | '['))) = (ctrl, code) {
            let same = match c {
                'i' => "Tab",
                'm' => "Enter",
                _ => "Esc",
            };
            return Err((crate::lang::errors().key_same_as)(text, c, same));
        }
        Ok(Key { code, ctrl })
    }

    /// The key as the help overlay writes it: `j`, `↓`, `Ctrl-d`, `PgDn`.
    pub fn name(self) -> String {
        self.name_with(&crate::theme::UNICODE)
    }

    /// The key as the screen writes it with `symbols`: the arrows as words in ASCII.
    pub fn name_with(self, symbols: &crate::theme::Symbols) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => symbols.up.into(),
            KeyCode::Down => symbols.down.into(),
            KeyCode::Left => symbols.left.into(),
            KeyCode::Right => symbols.right.into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// A named key (not a single character), in any case: `enter`, `PgDn`, `pagedown`, `f5`.
fn named_code(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "↑" | "up" => KeyCode::Up,
        "↓" | "down" => KeyCode::Down,
        "←" | "left" => KeyCode::Left,
        "→" | "right" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        _ => {
            // `f5` or `F5` (as `Key::name` writes a function key), and `F(5)`.
            let number = lower
                .strip_prefix("f(")
                .and_then(|n| n.strip_suffix(')'))
                .or_else(|| lower.strip_prefix('f'))?;
            if number.starts_with('0') {
                return None;
            }
            match number.parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return None,
            }
        }
    })
}

fn unknown_key(text: &str) -> String {
    (crate::lang::errors().unknown_key)(text)
}

/// The name of a mode in a config file: the variant in lower case (`browse`, `help`).
pub fn mode_name(mode: Mode) -> String {
    format!("{mode:?}").to_lowercase()
}

/// The mode a config file names, if any.
pub fn mode_named(name: &str) -> Option<Mode> {
    Mode::ALL.into_iter().find(|&mode| mode_name(mode) == name)
}

/// The name of a command in a config file: the variant in snake case (`half_page_down`).
pub fn command_name(command: Command) -> String {
    let mut name = String::new();
    for c in format!("{command:?}").chars() {
        if c.is_ascii_uppercase() && !name.is_empty() {
            name.push('_');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

/// The command a config file names, if any.
pub fn command_named(name: &str) -> Option<Command> {
    Command::ALL
        .iter()
        .copied()
        .find(|&command| command_name(command) == name)
}

/// The commands that leave `mode`, of which a keymap must keep a key: `quit` in the lists,
/// elsewhere those of back, close, no and toggle help that the default keymap has there.
pub fn ways_out(mode: Mode) -> Vec<Command> {
    if mode == Mode::Browse {
        return vec![Command::Quit];
    }
    let defaults = Keymap::default();
    [
        Command::Back,
        Command::Close,
        Command::No,
        Command::ToggleHelp,
    ]
    .into_iter()
    .filter(|&command| !defaults.keys_for(mode, command).is_empty())
    .collect()
}

/// Whether printable keys type text in `mode` (so a plain character cannot be a command there).
pub fn types_text(mode: Mode) -> bool {
    matches!(mode, Mode::Search | Mode::Edit | Mode::Form)
}

/// One row of the keymap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub command: Command,
}

/// All bindings, in the order the help overlay lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Command as C;
        use KeyCode as K;
        let browse = [
            (Key::char('j'), C::Down),
            (Key::char('k'), C::Up),
            (Key::plain(K::Down), C::Down),
            (Key::plain(K::Up), C::Up),
            (Key::plain(K::PageUp), C::PageUp),
            (Key::plain(K::PageDown), C::PageDown),
            (Key::ctrl('u'), C::HalfPageUp),
            (Key::ctrl('d'), C::HalfPageDown),
            (Key::char('g'), C::Top),
            (Key::plain(K::Home), C::Top),
            (Key::char('G'), C::Bottom),
            (Key::plain(K::End), C::Bottom),
            (Key::plain(K::Enter), C::Enter),
            (Key::char('l'), C::Right),
            (Key::plain(K::Right), C::Right),
            (Key::plain(K::Esc), C::Back),
            (Key::plain(K::Backspace), C::Back),
            (Key::char('h'), C::Left),
            (Key::plain(K::Left), C::Left),
            (Key::plain(K::Tab), C::NextView),
            (Key::plain(K::BackTab), C::PreviousView),
            (Key::char('1'), C::ShowProvinces),
            (Key::char('2'), C::ShowCooperatives),
            (Key::char('3'), C::ShowPlan),
            (Key::char('4'), C::ShowDashboard),
            (Key::char(' '), C::CycleStatus),
            (Key::char('-'), C::NotApplicable),
            (Key::char('e'), C::Edit),
            (Key::char('a'), C::Add),
            (Key::char('d'), C::Delete),
            (Key::char('J'), C::MoveDown),
            (Key::char('K'), C::MoveUp),
            (Key::char('u'), C::Undo),
            (Key::ctrl('r'), C::Redo),
            (Key::char('s'), C::Save),
            (Key::ctrl('s'), C::Save),
            (Key::char('w'), C::SaveAs),
            (Key::char('R'), C::Reload),
            (Key::char('C'), C::ShowConflicts),
            (Key::char('/'), C::Search),
            (Key::char('n'), C::NextResult),
            (Key::char('N'), C::PreviousResult),
            (Key::char('f'), C::Filter),
            (Key::char('x'), C::ClearFilters),
            (Key::char('o'), C::Sort),
            (Key::char('O'), C::ReverseSort),
            (Key::char('?'), C::ToggleHelp),
            (Key::char('q'), C::Quit),
            (Key::ctrl('c'), C::Quit),
            (Key::ctrl('z'), C::Suspend),
        ];
        // A page to read (the entry, the help) scrolls with the same keys.
        let scrolling = [
            (Key::char('j'), C::Down),
            (Key::char('k'), C::Up),
            (Key::plain(K::Down), C::Down),
            (Key::plain(K::Up), C::Up),
            (Key::plain(K::PageDown), C::PageDown),
            (Key::plain(K::PageUp), C::PageUp),
            (Key::ctrl('d'), C::HalfPageDown),
            (Key::ctrl('u'), C::HalfPageUp),
            (Key::char('g'), C::Top),
            (Key::plain(K::Home), C::Top),
            (Key::char('G'), C::Bottom),
            (Key::plain(K::End), C::Bottom),
        ];
        let read = [
            &scrolling[..],
            &[
                (Key::char('e'), C::Edit),
                (Key::plain(K::Esc), C::Close),
                (Key::plain(K::Enter), C::Close),
                (Key::char('q'), C::Close),
                (Key::ctrl('c'), C::Quit),
                (Key::ctrl('z'), C::Suspend),
            ],
        ]
        .concat();
        // In the prompt, printable keys type; only these keys are commands.
        let search = [
            (Key::plain(K::Enter), C::Enter),
            (Key::plain(K::Esc), C::Back),
            (Key::plain(K::Down), C::Down),
            (Key::plain(K::Up), C::Up),
            (Key::ctrl('n'), C::Down),
            (Key::ctrl('p'), C::Up),
            (Key::plain(K::PageDown), C::PageDown),
            (Key::plain(K::PageUp), C::PageUp),
            (Key::plain(K::Backspace), C::DeleteBackward),
            (Key::ctrl('w'), C::DeleteWord),
            (Key::ctrl('u'), C::ClearInput),
            (Key::ctrl('c'), C::Quit),
            (Key::ctrl('z'), C::Suspend),
        ];
        let filter = [
            (Key::char('j'), C::Down),
            (Key::char('k'), C::Up),
            (Key::plain(K::Down), C::Down),
            (Key::plain(K::Up), C::Up),
            (Key::char('l'), C::NextValue),
            (Key::plain(K::Right), C::NextValue),
            (Key::char(' '), C::NextValue),
            (Key::plain(K::Enter), C::NextValue),
            (Key::char('h'), C::PreviousValue),
            (Key::plain(K::Left), C::PreviousValue),
            (Key::char('x'), C::ClearFilters),
            (Key::char('f'), C::Filter),
            (Key::plain(K::Esc), C::Back),
            (Key::char('q'), C::Back),
            (Key::ctrl('c'), C::Quit),
            (Key::ctrl('z'), C::Suspend),
        ];
        // In an editor, printable keys type; Enter breaks the line and Ctrl-s keeps the text.
        let edit = [
            (Key::ctrl('s'), C::Accept),
            (Key::plain(K::Esc), C::Back),
            (Key::plain(K::Enter), C::NewLine),
            (Key::plain(K::Backspace), C::DeleteBackward),
            (Key::plain(K::Delete), C::DeleteForward),
            (Key::plain(K::Left), C::CursorLeft),
            (Key::plain(K::Right), C::CursorRight),
            (Key::plain(K::Up), C::CursorUp),
            (Key::plain(K::Down), C::CursorDown),
            (Key::plain(K::Home), C::LineStart),
            (Key::plain(K::End), C::LineEnd),
            (Key::ctrl('c'), C::Quit),
            (Key::ctrl('z'), C::Suspend),
        ];
        let form = [
            (Key::plain(K::Enter), C::Accept),
            (Key::ctrl('s'), C::Accept),
            (Key::plain(K::Esc), C::Back),
            (Key::plain(K::Tab), C::NextField),
            (Key::plain(K::BackTab), C::PreviousField),
            (Key::plain(K::Down), C::NextField),
            (Key::plain(K::Up), C::PreviousField),
            (Key::plain(K::Backspace), C::DeleteBackward),
            (Key::plain(K::Delete), C::DeleteForward),
            (Key::plain(K::Left), C::CursorLeft),
            (Key::plain(K::Right), C::CursorRight),
            (Key::plain(K::Home), C::LineStart),
            (Key::plain(K::End), C::LineEnd),
            (Key::ctrl('c'), C::Quit),
            (Key::ctrl('z'), C::Suspend),
        ];
        let dialog = [
            (Key::char('s'), C::Save),
            (Key::char('d'), C::Discard),
            (Key::char('m'), C::KeepMine),
            (Key::char('t'), C::TakeTheirs),
            (Key::char('e'), C::TypeValue),
            (Key::char('b'), C::TakeBase),
            (Key::char('j'), C::Down),
            (Key::char('k'), C::Up),
            (Key::plain(K::Down), C::Down),
            (Key::plain(K::Up), C::Up),
            (Key::char('y'), C::Confirm),
            (Key::char('w'), C::SaveAs),
            (Key::plain(K::Esc), C::Back),
            (Key::ctrl('z'), C::Suspend),
        ];
        let question = [
            (Key::char('y'), C::Yes),
            (Key::char('n'), C::No),
            (Key::plain(K::Esc), C::No),
            (Key::ctrl('z'), C::Suspend),
        ];
        let help = [
            &scrolling[..],
            &[
                (Key::char('?'), C::ToggleHelp),
                (Key::plain(K::Esc), C::Close),
                (Key::char('q'), C::Close),
                (Key::ctrl('c'), C::Quit),
                (Key::ctrl('z'), C::Suspend),
            ],
        ]
        .concat();
        let rows = |mode, table: &[(Key, Command)]| {
            table
                .iter()
                .map(move |&(key, command)| Binding { mode, key, command })
                .collect::<Vec<_>>()
        };
        let mut bindings = rows(Mode::Browse, &browse);
        bindings.extend(rows(Mode::Read, &read));
        bindings.extend(rows(Mode::Search, &search));
        bindings.extend(rows(Mode::Filter, &filter));
        bindings.extend(rows(Mode::Edit, &edit));
        bindings.extend(rows(Mode::Form, &form));
        bindings.extend(rows(Mode::Dialog, &dialog));
        bindings.extend(rows(Mode::Question, &question));
        bindings.extend(rows(Mode::Help, &help));
        Self { bindings }
    }
}

impl Keymap {
    /// Every binding, mode by mode, in the order the help overlay lists them.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The command `key` is bound to in `mode`, if any.
    pub fn bound(&self, mode: Mode, key: Key) -> Option<Command> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.key == key)
            .map(|b| b.command)
    }

    /// The commands bound in `mode`, in keymap order.
    pub fn commands(&self, mode: Mode) -> Vec<Command> {
        self.help(mode)
            .into_iter()
            .map(|(command, _)| command)
            .collect()
    }

    /// Whether `mode` still has a key for one of its [`ways_out`].
    pub fn has_way_out(&self, mode: Mode) -> bool {
        ways_out(mode)
            .into_iter()
            .any(|command| !self.keys_for(mode, command).is_empty())
    }

    /// Applies a config's changes to `mode`, in order: a key bound there is rebound (`Some`) or
    /// unbound (`None`); a new key is added. A key that now does another command joins that
    /// command's keys, after them (where the command's first default key was, if none is left),
    /// so the help keeps its order (but for a command whose first key went elsewhere: it is
    /// listed at its first key left). Nothing is checked here: the config checks first that each command
    /// belongs to the mode, that no key is given twice and that a way out is left.
    pub fn patch(&mut self, mode: Mode, changes: &[(Key, Option<Command>)]) {
        let defaults = Keymap::default();
        let default_rows: Vec<Binding> = defaults
            .bindings
            .iter()
            .filter(|b| b.mode == mode)
            .copied()
            .collect();
        let mut rows: Vec<Binding> = self
            .bindings
            .iter()
            .filter(|b| b.mode == mode)
            .copied()
            .collect();
        for &(key, command) in changes {
            match (rows.iter().position(|b| b.key == key), command) {
                (Some(at), Some(command)) => rows[at].command = command,
                (Some(at), None) => {
                    rows.remove(at);
                }
                (None, Some(command)) => rows.push(Binding { mode, key, command }),
                (None, None) => {}
            }
        }
        // A default row keeps its place; any other goes after the last default row of its
        // command, or where that command's first default row was.
        let unchanged = |row: &Binding| {
            default_rows
                .iter()
                .position(|d| d.key == row.key && d.command == row.command)
        };
        let anchors: Vec<(usize, usize)> = rows
            .iter()
            .enumerate()
            .map(|(at, row)| match unchanged(row) {
                Some(place) => (place, 0),
                None => {
                    let last_kept = rows
                        .iter()
                        .filter_map(|other| {
                            unchanged(other).filter(|_| other.command == row.command)
                        })
                        .max();
                    let first_default = default_rows.iter().position(|d| d.command == row.command);
                    (last_kept.or(first_default).unwrap_or(usize::MAX), at + 1)
                }
            })
            .collect();
        let mut placed: Vec<(usize, usize, Binding)> = anchors
            .into_iter()
            .zip(rows)
            .map(|((place, then), row)| (place, then, row))
            .collect();
        placed.sort_by_key(|&(place, then, _)| (place, then));
        let rows: Vec<Binding> = placed.into_iter().map(|(_, _, row)| row).collect();
        let mut bindings = Vec::with_capacity(self.bindings.len());
        for each in Mode::ALL {
            if each == mode {
                bindings.extend(rows.iter().copied());
            } else {
                bindings.extend(self.bindings.iter().filter(|b| b.mode == each).copied());
            }
        }
        self.bindings = bindings;
    }

    /// The command a key press asks for in `mode`, if any. Key releases and repeats of
    /// non-movement keys are ignored by the caller; here only the key itself matters.
    pub fn command(&self, mode: Mode, event: KeyEvent) -> Option<Command> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        };
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.key == key)
            .map(|b| b.command)
    }

    /// What a key press asks of the app in `mode`: a bound command, or in the search prompt a
    /// typed character.
    pub fn action(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        if let Some(command) = self.command(mode, event) {
            return Some(Action::Command(command));
        }
        let typed = !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (mode, event.code) {
            (Mode::Search | Mode::Edit | Mode::Form, KeyCode::Char(c))
                if typed && event.kind != KeyEventKind::Release =>
            {
                Some(Action::Input(c.to_string()))
            }
            _ => None,
        }
    }

    /// The keys bound to `command` in `mode`, in keymap order.
    pub fn keys_for(&self, mode: Mode, command: Command) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode && b.command == command)
            .map(|b| b.key)
            .collect()
    }

    /// Every command bound in `mode` with its keys, in keymap order: the help overlay's rows.
    pub fn help(&self, mode: Mode) -> Vec<(Command, Vec<Key>)> {
        let mut rows: Vec<(Command, Vec<Key>)> = Vec::new();
        for binding in self.bindings.iter().filter(|b| b.mode == mode) {
            match rows
                .iter_mut()
                .find(|(command, _)| *command == binding.command)
            {
                Some((_, keys)) => keys.push(binding.key),
                None => rows.push((binding.command, vec![binding.key])),
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn shifted_characters_match_without_the_shift_flag() {
        let keymap = Keymap::default();
        assert_eq!(
            keymap.command(Mode::Browse, press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Command::Bottom)
        );
        assert_eq!(
            keymap.command(Mode::Browse, press(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Command::ToggleHelp)
        );
        assert_eq!(
            keymap.command(
                Mode::Browse,
                press(KeyCode::Char('d'), KeyModifiers::CONTROL)
            ),
            Some(Command::HalfPageDown)
        );
        assert_eq!(
            keymap.command(Mode::Browse, press(KeyCode::Char('d'), KeyModifiers::NONE)),
            Some(Command::Delete)
        );
    }

    #[test]
    fn no_binding_uses_alt_or_ctrl_hjkl() {
        for binding in &Keymap::default().bindings {
            if let KeyCode::Char(c) = binding.key.code {
                assert!(!(binding.key.ctrl && "hjkl".contains(c)), "{binding:?}");
            }
        }
    }

    #[test]
    fn each_key_means_one_thing_per_mode() {
        let keymap = Keymap::default();
        for (i, a) in keymap.bindings.iter().enumerate() {
            for b in &keymap.bindings[i + 1..] {
                assert!(!(a.mode == b.mode && a.key == b.key), "{a:?} and {b:?}");
            }
        }
    }

    fn parse(text: &str) -> Key {
        Key::parse(text).unwrap_or_else(|err| panic!("{text:?}: {err}"))
    }

    #[test]
    fn every_default_key_is_read_back_from_its_name() {
        for binding in Keymap::default().bindings() {
            assert_eq!(
                Key::parse(&binding.key.name()),
                Ok(binding.key),
                "{binding:?}"
            );
        }
    }

    #[test]
    fn ascii_spellings_name_the_same_keys_in_any_case() {
        let ctrl_d = Key::ctrl('d');
        for text in [
            "ctrl-d",
            "C-d",
            "c-d",
            "Ctrl-D",
            "CTRL+d",
            "control-d",
            "Ctrl-d",
        ] {
            assert_eq!(parse(text), ctrl_d, "{text}");
        }
        let cases = [
            ("up", KeyCode::Up),
            ("DOWN", KeyCode::Down),
            ("left", KeyCode::Left),
            ("Right", KeyCode::Right),
            ("pgup", KeyCode::PageUp),
            ("pageup", KeyCode::PageUp),
            ("PgDn", KeyCode::PageDown),
            ("pagedown", KeyCode::PageDown),
            ("home", KeyCode::Home),
            ("END", KeyCode::End),
            ("tab", KeyCode::Tab),
            ("backtab", KeyCode::BackTab),
            ("shift-tab", KeyCode::BackTab),
            ("S-Tab", KeyCode::BackTab),
            ("space", KeyCode::Char(' ')),
            (" ", KeyCode::Char(' ')),
            ("enter", KeyCode::Enter),
            ("return", KeyCode::Enter),
            ("esc", KeyCode::Esc),
            ("Escape", KeyCode::Esc),
            ("backspace", KeyCode::Backspace),
            ("delete", KeyCode::Delete),
            ("f1", KeyCode::F(1)),
            ("F12", KeyCode::F(12)),
            ("F(5)", KeyCode::F(5)),
            ("G", KeyCode::Char('G')),
            ("shift-g", KeyCode::Char('G')),
            ("g", KeyCode::Char('g')),
            ("?", KeyCode::Char('?')),
            ("é", KeyCode::Char('é')),
        ];
        for (text, code) in cases {
            assert_eq!(parse(text), Key::plain(code), "{text}");
        }
        assert_eq!(
            parse("ctrl-enter"),
            Key {
                code: KeyCode::Enter,
                ctrl: true
            }
        );
        assert_eq!(parse("C--"), Key::ctrl('-'));
        assert_eq!(parse("ctrl-space"), Key::ctrl(' '));
        // A function key is written the way people write it, and read back.
        let f5 = Key::plain(KeyCode::F(5));
        assert_eq!(f5.name(), "F5");
        assert_eq!(parse(&f5.name()), f5);
    }

    #[test]
    fn keys_that_cannot_work_are_refused_with_the_reason() {
        let cases = [
            ("alt-x", "Alt keys cannot be bound"),
            ("A-x", "Alt keys cannot be bound"),
            ("M-x", "Alt keys cannot be bound"),
            ("meta-enter", "Alt keys cannot be bound"),
            ("ctrl-shift-d", "Ctrl and Shift together"),
            ("shift-/", "write the character itself"),
            ("shift-enter", "write the character itself"),
            ("ctrl-i", "sends Ctrl-i as Tab"),
            ("C-m", "sends Ctrl-m as Enter"),
            ("ctrl-[", "sends Ctrl-[ as Esc"),
            ("\t", "control character"),
            ("", "unknown key ``"),
            ("PageDn", "unknown key `PageDn`"),
            ("f13", "unknown key `f13`"),
            ("f0", "unknown key"),
            ("f01", "unknown key"),
            ("ctrl-", "unknown key"),
            ("ctrl-xy", "unknown key"),
            ("jk", "unknown key"),
        ];
        for (text, reason) in cases {
            match Key::parse(text) {
                Ok(key) => panic!("{text:?} was read as {key:?}"),
                Err(err) => assert!(err.contains(reason), "{text:?}: {err}"),
            }
        }
    }

    #[test]
    fn every_key_that_parses_is_read_back_from_its_name() {
        let mut texts: Vec<String> = ["up", "pgdn", "ctrl-enter", "ctrl-space", "C-Home", "f7"]
            .map(String::from)
            .to_vec();
        texts.extend((1..=12).map(|n| format!("ctrl-f{n}")));
        texts.extend(('!'..='~').map(|c| c.to_string()));
        texts.extend(('a'..='z').map(|c| format!("ctrl-{c}")));
        for text in texts {
            if let Ok(key) = Key::parse(&text) {
                assert_eq!(
                    Key::parse(&key.name()),
                    Ok(key),
                    "{text} named {}",
                    key.name()
                );
            }
        }
    }

    #[test]
    fn command_and_mode_names_are_the_variants_in_snake_case_and_read_back() {
        let mut seen = Vec::new();
        for &command in Command::ALL {
            let name = command_name(command);
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{name}"
            );
            assert_eq!(command_named(&name), Some(command), "{name}");
            assert_eq!(name.replace('_', ""), format!("{command:?}").to_lowercase());
            assert!(!seen.contains(&name), "{name} twice");
            seen.push(name);
        }
        assert_eq!(command_name(Command::HalfPageDown), "half_page_down");
        assert_eq!(command_name(Command::ToggleHelp), "toggle_help");
        assert_eq!(command_named("cycle_status"), Some(Command::CycleStatus));
        assert_eq!(command_named("CycleStatus"), None);
        assert_eq!(command_named("none"), None);
        for mode in Mode::ALL {
            assert_eq!(mode_named(&mode_name(mode)), Some(mode));
        }
        assert_eq!(mode_name(Mode::Question), "question");
        assert_eq!(mode_named("Browse"), None);
    }

    #[test]
    fn a_rebound_key_does_its_new_command_and_the_old_command_keeps_its_other_keys() {
        let mut keymap = Keymap::default();
        keymap.patch(
            Mode::Browse,
            &[
                (parse("j"), Some(Command::Bottom)),
                (parse("x"), Some(Command::Delete)),
                (parse("d"), None),
                (parse("ctrl-j"), Some(Command::Down)),
            ],
        );
        let at = |key: &str| keymap.bound(Mode::Browse, parse(key));
        assert_eq!(at("j"), Some(Command::Bottom));
        assert_eq!(at("x"), Some(Command::Delete));
        assert_eq!(at("d"), None);
        assert_eq!(at("ctrl-j"), Some(Command::Down));
        assert_eq!(
            keymap.keys_for(Mode::Browse, Command::Down),
            [parse("↓"), parse("ctrl-j")]
        );
        assert_eq!(
            keymap.keys_for(Mode::Browse, Command::Bottom),
            [parse("G"), parse("End"), parse("j")]
        );
        assert!(
            keymap
                .keys_for(Mode::Browse, Command::ClearFilters)
                .is_empty()
        );
        // The help lists the commands in the default order, but for Down, whose first key left
        // is after k's; the other modes are untouched.
        let mut order: Vec<Command> = Keymap::default()
            .commands(Mode::Browse)
            .into_iter()
            .filter(|&c| c != Command::ClearFilters)
            .collect();
        order.swap(0, 1);
        assert_eq!(keymap.commands(Mode::Browse), order);
        for mode in Mode::ALL.into_iter().filter(|&m| m != Mode::Browse) {
            assert_eq!(keymap.help(mode), Keymap::default().help(mode), "{mode:?}");
        }
    }

    #[test]
    fn a_key_joins_its_new_commands_keys_and_the_help_keeps_its_order() {
        let mut keymap = Keymap::default();
        keymap.patch(
            Mode::Browse,
            &[
                (parse("d"), None),
                (parse("x"), Some(Command::Delete)),
                (parse("X"), Some(Command::ClearFilters)),
                (parse("ctrl-k"), Some(Command::Up)),
            ],
        );
        assert_eq!(
            keymap.commands(Mode::Browse),
            Keymap::default().commands(Mode::Browse)
        );
        let rows: Vec<(Command, Vec<Key>)> = keymap.help(Mode::Browse);
        let keys = |command| {
            rows.iter()
                .find(|(c, _)| *c == command)
                .map(|(_, keys)| keys.clone())
        };
        assert_eq!(keys(Command::Delete), Some(vec![parse("x")]));
        assert_eq!(keys(Command::ClearFilters), Some(vec![parse("X")]));
        assert_eq!(
            keys(Command::Up),
            Some(vec![parse("k"), parse("↑"), parse("ctrl-k")])
        );
        // Where Delete's row was: right after Add's.
        let place = |command| rows.iter().position(|(c, _)| *c == command);
        assert_eq!(place(Command::Delete), place(Command::Add).map(|at| at + 1));
    }

    #[test]
    fn patching_nothing_gives_the_default_keymap() {
        let mut keymap = Keymap::default();
        for mode in Mode::ALL {
            keymap.patch(mode, &[]);
        }
        assert_eq!(keymap, Keymap::default());
        // Unbinding a key that has no binding changes nothing either.
        keymap.patch(Mode::Edit, &[(parse("ctrl-w"), None)]);
        assert_eq!(keymap, Keymap::default());
    }

    #[test]
    fn a_mode_needs_a_key_that_leaves_it() {
        assert_eq!(ways_out(Mode::Browse), [Command::Quit]);
        assert_eq!(ways_out(Mode::Help), [Command::Close, Command::ToggleHelp]);
        assert_eq!(ways_out(Mode::Question), [Command::No]);
        for mode in Mode::ALL {
            assert!(!ways_out(mode).is_empty(), "{mode:?}");
            assert!(Keymap::default().has_way_out(mode), "{mode:?}");
        }
        let mut keymap = Keymap::default();
        keymap.patch(Mode::Browse, &[(parse("q"), None)]);
        assert!(keymap.has_way_out(Mode::Browse));
        keymap.patch(Mode::Browse, &[(parse("ctrl-c"), Some(Command::Save))]);
        assert!(!keymap.has_way_out(Mode::Browse));
        keymap.patch(Mode::Browse, &[(parse("F10"), Some(Command::Quit))]);
        assert!(keymap.has_way_out(Mode::Browse));
        keymap.patch(Mode::Help, &[(parse("esc"), None), (parse("q"), None)]);
        assert!(keymap.has_way_out(Mode::Help), "? still closes the help");
        keymap.patch(Mode::Help, &[(parse("?"), None)]);
        assert!(!keymap.has_way_out(Mode::Help));
    }

    #[test]
    fn every_command_is_reachable_in_some_mode() {
        let keymap = Keymap::default();
        for command in Command::ALL {
            let bound = Mode::ALL
                .iter()
                .any(|&mode| keymap.help(mode).iter().any(|(c, _)| c == command));
            assert!(bound, "{command:?} has no key");
        }
    }
}
