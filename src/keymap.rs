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

    /// The key as the help overlay writes it: `j`, `↓`, `Ctrl-d`, `PgDn`.
    pub fn name(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// One row of the keymap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub command: Command,
    /// Shown in the key-hint bar (the first key of a command that has this set).
    pub hint: bool,
}

/// All bindings, in the order the help overlay lists them.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Command as C;
        use KeyCode as K;
        let browse = [
            (Key::char('j'), C::Down, true),
            (Key::char('k'), C::Up, true),
            (Key::plain(K::Down), C::Down, false),
            (Key::plain(K::Up), C::Up, false),
            (Key::plain(K::PageUp), C::PageUp, false),
            (Key::plain(K::PageDown), C::PageDown, false),
            (Key::ctrl('u'), C::HalfPageUp, false),
            (Key::ctrl('d'), C::HalfPageDown, false),
            (Key::char('g'), C::Top, false),
            (Key::plain(K::Home), C::Top, false),
            (Key::char('G'), C::Bottom, false),
            (Key::plain(K::End), C::Bottom, false),
            (Key::plain(K::Enter), C::Enter, true),
            (Key::char('l'), C::Enter, false),
            (Key::plain(K::Right), C::Enter, false),
            (Key::plain(K::Esc), C::Back, true),
            (Key::plain(K::Backspace), C::Back, false),
            (Key::char('h'), C::Back, false),
            (Key::plain(K::Left), C::Back, false),
            (Key::plain(K::Tab), C::NextView, false),
            (Key::plain(K::BackTab), C::PreviousView, false),
            (Key::char('1'), C::ShowProvinces, false),
            (Key::char('2'), C::ShowCooperatives, false),
            (Key::char('3'), C::ShowPlan, false),
            (Key::char(' '), C::CycleStatus, false),
            (Key::char('-'), C::NotApplicable, false),
            (Key::char('e'), C::Edit, false),
            (Key::char('a'), C::Add, false),
            (Key::char('d'), C::Delete, false),
            (Key::char('J'), C::MoveDown, false),
            (Key::char('K'), C::MoveUp, false),
            (Key::char('u'), C::Undo, false),
            (Key::ctrl('r'), C::Redo, false),
            (Key::char('s'), C::Save, true),
            (Key::ctrl('s'), C::Save, false),
            (Key::char('w'), C::SaveAs, false),
            (Key::char('R'), C::Reload, false),
            (Key::char('/'), C::Search, true),
            (Key::char('n'), C::NextResult, false),
            (Key::char('N'), C::PreviousResult, false),
            (Key::char('f'), C::Filter, false),
            (Key::char('x'), C::ClearFilters, false),
            (Key::char('o'), C::Sort, false),
            (Key::char('O'), C::ReverseSort, false),
            (Key::char('?'), C::ToggleHelp, true),
            (Key::char('q'), C::Quit, true),
            (Key::ctrl('c'), C::Quit, false),
            (Key::ctrl('z'), C::Suspend, false),
        ];
        let read = [
            (Key::char('j'), C::Down, true),
            (Key::char('k'), C::Up, true),
            (Key::plain(K::Down), C::Down, false),
            (Key::plain(K::Up), C::Up, false),
            (Key::plain(K::PageDown), C::PageDown, false),
            (Key::plain(K::PageUp), C::PageUp, false),
            (Key::ctrl('d'), C::HalfPageDown, false),
            (Key::ctrl('u'), C::HalfPageUp, false),
            (Key::char('g'), C::Top, false),
            (Key::plain(K::Home), C::Top, false),
            (Key::char('G'), C::Bottom, false),
            (Key::plain(K::End), C::Bottom, false),
            (Key::char('e'), C::Edit, true),
            (Key::plain(K::Esc), C::Close, true),
            (Key::plain(K::Enter), C::Close, false),
            (Key::char('q'), C::Close, false),
            (Key::ctrl('c'), C::Quit, false),
            (Key::ctrl('z'), C::Suspend, false),
        ];
        // In the prompt, printable keys type; only these keys are commands.
        let search = [
            (Key::plain(K::Enter), C::Enter, true),
            (Key::plain(K::Esc), C::Back, true),
            (Key::plain(K::Down), C::Down, true),
            (Key::plain(K::Up), C::Up, true),
            (Key::ctrl('n'), C::Down, false),
            (Key::ctrl('p'), C::Up, false),
            (Key::plain(K::PageDown), C::PageDown, false),
            (Key::plain(K::PageUp), C::PageUp, false),
            (Key::plain(K::Backspace), C::DeleteBackward, false),
            (Key::ctrl('w'), C::DeleteWord, false),
            (Key::ctrl('u'), C::ClearInput, true),
            (Key::ctrl('c'), C::Quit, false),
            (Key::ctrl('z'), C::Suspend, false),
        ];
        let filter = [
            (Key::char('j'), C::Down, true),
            (Key::char('k'), C::Up, true),
            (Key::plain(K::Down), C::Down, false),
            (Key::plain(K::Up), C::Up, false),
            (Key::char('l'), C::NextValue, true),
            (Key::plain(K::Right), C::NextValue, false),
            (Key::char(' '), C::NextValue, false),
            (Key::plain(K::Enter), C::NextValue, false),
            (Key::char('h'), C::PreviousValue, false),
            (Key::plain(K::Left), C::PreviousValue, false),
            (Key::char('x'), C::ClearFilters, true),
            (Key::char('f'), C::Filter, false),
            (Key::plain(K::Esc), C::Back, true),
            (Key::char('q'), C::Back, false),
            (Key::ctrl('c'), C::Quit, false),
            (Key::ctrl('z'), C::Suspend, false),
        ];
        // In an editor, printable keys type; Enter breaks the line and Ctrl-s keeps the text.
        let edit = [
            (Key::ctrl('s'), C::Accept, true),
            (Key::plain(K::Esc), C::Back, true),
            (Key::plain(K::Enter), C::NewLine, false),
            (Key::plain(K::Backspace), C::DeleteBackward, false),
            (Key::plain(K::Delete), C::DeleteForward, false),
            (Key::plain(K::Left), C::CursorLeft, false),
            (Key::plain(K::Right), C::CursorRight, false),
            (Key::plain(K::Up), C::CursorUp, false),
            (Key::plain(K::Down), C::CursorDown, false),
            (Key::plain(K::Home), C::LineStart, false),
            (Key::plain(K::End), C::LineEnd, false),
            (Key::ctrl('c'), C::Quit, false),
            (Key::ctrl('z'), C::Suspend, false),
        ];
        let form = [
            (Key::plain(K::Enter), C::Accept, true),
            (Key::ctrl('s'), C::Accept, false),
            (Key::plain(K::Esc), C::Back, true),
            (Key::plain(K::Tab), C::NextField, true),
            (Key::plain(K::BackTab), C::PreviousField, false),
            (Key::plain(K::Down), C::NextField, false),
            (Key::plain(K::Up), C::PreviousField, false),
            (Key::plain(K::Backspace), C::DeleteBackward, false),
            (Key::plain(K::Delete), C::DeleteForward, false),
            (Key::plain(K::Left), C::CursorLeft, false),
            (Key::plain(K::Right), C::CursorRight, false),
            (Key::plain(K::Home), C::LineStart, false),
            (Key::plain(K::End), C::LineEnd, false),
            (Key::ctrl('c'), C::Quit, false),
            (Key::ctrl('z'), C::Suspend, false),
        ];
        let dialog = [
            (Key::char('s'), C::Save, true),
            (Key::char('d'), C::Discard, true),
            (Key::char('m'), C::KeepMine, true),
            (Key::char('t'), C::TakeTheirs, true),
            (Key::char('e'), C::TypeValue, true),
            (Key::char('y'), C::Confirm, true),
            (Key::char('w'), C::SaveAs, true),
            (Key::plain(K::Esc), C::Back, true),
            (Key::ctrl('z'), C::Suspend, false),
        ];
        let question = [
            (Key::char('y'), C::Yes, true),
            (Key::char('n'), C::No, true),
            (Key::plain(K::Esc), C::No, false),
            (Key::ctrl('z'), C::Suspend, false),
        ];
        let help = [
            (Key::char('j'), C::Down, true),
            (Key::char('k'), C::Up, true),
            (Key::plain(K::Down), C::Down, false),
            (Key::plain(K::Up), C::Up, false),
            (Key::plain(K::PageDown), C::PageDown, true),
            (Key::plain(K::PageUp), C::PageUp, false),
            (Key::ctrl('d'), C::HalfPageDown, false),
            (Key::ctrl('u'), C::HalfPageUp, false),
            (Key::char('g'), C::Top, false),
            (Key::plain(K::Home), C::Top, false),
            (Key::char('G'), C::Bottom, false),
            (Key::plain(K::End), C::Bottom, false),
            (Key::char('?'), C::ToggleHelp, true),
            (Key::plain(K::Esc), C::Close, true),
            (Key::char('q'), C::Close, false),
            (Key::ctrl('c'), C::Quit, false),
            (Key::ctrl('z'), C::Suspend, false),
        ];
        let rows = |mode, table: &[(Key, Command, bool)]| {
            table
                .iter()
                .map(move |&(key, command, hint)| Binding {
                    mode,
                    key,
                    command,
                    hint,
                })
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

    /// The key-hint bar's entries for `mode`: keys and their label, keys that share a label
    /// (`j`/`k` move) together.
    pub fn hints(&self, mode: Mode) -> Vec<(Vec<Key>, &'static str)> {
        let mut hints: Vec<(Vec<Key>, &'static str)> = Vec::new();
        for binding in self.bindings.iter().filter(|b| b.mode == mode && b.hint) {
            let label = binding.command.label();
            match hints.iter_mut().find(|(_, l)| *l == label) {
                Some((keys, _)) => keys.push(binding.key),
                None => hints.push((vec![binding.key], label)),
            }
        }
        hints
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
