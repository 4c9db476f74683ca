//! The user's settings: `$XDG_CONFIG_HOME/htx/config.ron` (by default
//! `~/.config/htx/config.ron`). Every setting is optional; a missing file means the defaults.
//! `htx config --default` prints them all; the README's "Your keys and colours" says what each
//! means.
//!
//! ```ron
//! (
//!     autosave_seconds: 120,
//!     theme: "light",
//!     styles: { "key": (fg: "blue", modifiers: ["bold"]) },
//!     ascii: false,
//!     mouse: true,
//!     keys: { "browse": { "x": "delete", "d": "none" } },
//! )
//! ```
//!
//! Every problem is an error `FILE:LINE:COLUMN: message` saying what would be right; the
//! checks are made while reading (see [`de`]), so each error stands where the problem is.

mod de;
mod default;

use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};

pub use default::default_text;

use crate::app::{Command, Mode};
use crate::keymap::{Key, Keymap};
use crate::lang::Lang;
use crate::store::files;
use crate::text::shown_path;
use crate::theme::Theme;

/// What a config file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Save by itself after this many seconds without a key press while there are unsaved
    /// edits; `None`: only a key saves.
    pub autosave_seconds: Option<u32>,
    /// The interface's language; `None`: the environment's (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub lang: Option<Lang>,
    /// One of [`crate::theme::NAMES`].
    pub theme: &'static str,
    /// Roles restyled, in the file's order.
    pub styles: Vec<(&'static str, StyleOverride)>,
    pub ascii: bool,
    /// Take mouse events (clicks and the wheel).
    pub mouse: bool,
    /// Each mode's changes to the default keymap, in the file's order: a key and its new
    /// command, or `None` to unbind it.
    pub keys: Vec<(Mode, KeyChanges)>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            autosave_seconds: None,
            lang: None,
            theme: "dark",
            styles: Vec::new(),
            ascii: false,
            mouse: false,
            keys: Vec::new(),
        }
    }
}

/// One mode's changes to the keymap, in the file's order: a key and its new command, or `None`
/// to unbind it.
pub type KeyChanges = Vec<(Key, Option<Command>)>;

/// A role's style as a config gives it. It replaces the theme's style for the role whole:
/// what is left out is the terminal's own (no colour, no modifier).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StyleOverride {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
    pub modifiers: Modifier,
}

impl StyleOverride {
    /// The style; without its colours when `no_color`.
    pub fn style(self, no_color: bool) -> Style {
        let mut style = Style::new().add_modifier(self.modifiers);
        if !no_color {
            style.fg = self.fg;
            style.bg = self.bg;
        }
        style
    }
}

impl Config {
    /// The default keymap with this config's changes.
    pub fn keymap(&self) -> Keymap {
        let mut keymap = Keymap::default();
        for (mode, changes) in &self.keys {
            keymap.patch(*mode, changes);
        }
        keymap
    }

    /// The theme named, its roles restyled, in ASCII if asked. With `no_color` (`NO_COLOR`
    /// set): `mono` whatever the name, and the restyled roles keep their modifiers only.
    pub fn theme(&self, no_color: bool) -> Theme {
        let name = if no_color { "mono" } else { self.theme };
        let mut theme = Theme::named(name).unwrap_or_default();
        for (role, style) in &self.styles {
            if let Some(slot) = theme.role_mut(role) {
                *slot = style.style(no_color);
            }
        }
        if self.ascii { theme.in_ascii() } else { theme }
    }

    /// What `htx config --check` says after `FILE: ok: `: the theme, how many keys are rebound
    /// and unbound, how many roles restyled, and the other settings.
    pub fn summary(&self, no_color: bool) -> String {
        let defaults = Keymap::default();
        let keymap = self.keymap();
        let rebound = keymap
            .bindings()
            .iter()
            .filter(|b| defaults.bound(b.mode, b.key) != Some(b.command))
            .count();
        let unbound = defaults
            .bindings()
            .iter()
            .filter(|b| keymap.bound(b.mode, b.key).is_none())
            .count();
        (crate::lang::cli().config_summary)(crate::lang::cli::ConfigSummary {
            theme: self.theme,
            no_color,
            rebound,
            unbound,
            restyled: self.styles.len(),
            autosave_seconds: self.autosave_seconds,
            ascii: self.ascii,
            mouse: self.mouse,
        })
    }
}

/// Whether `NO_COLOR` asks for no colour: set to anything but the empty string.
pub fn no_color() -> bool {
    no_color_in(std::env::var_os("NO_COLOR").as_deref())
}

/// [`no_color`] for a given value of `NO_COLOR`.
pub fn no_color_in(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|value| !value.is_empty())
}

/// Where the config file is looked for.
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "htx").map(|dirs| dirs.config_dir().join("config.ron"))
}

/// Reads the config at `path`; a missing file gives the defaults. See [`read`].
pub fn load(path: &Path) -> Result<Config, String> {
    Ok(read(path)?.unwrap_or_default())
}

/// Reads the config at `path`; `None` if there is no such file. A broken file is an error
/// `FILE:LINE:COLUMN: message`, like a data file; one that cannot be read (not a regular
/// file, too large, not UTF-8) is an error naming the path.
pub fn read(path: &Path) -> Result<Option<Config>, String> {
    let bytes = match files::read_regular(path, files::CONFIG_LIMIT) {
        Ok((bytes, _)) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => {
            let said = crate::lang::errors();
            return Err((said.cannot_read)(
                &shown_path(path).to_string(),
                &(said.io)(&err),
            ));
        }
    };
    let text = String::from_utf8(bytes).map_err(|err| {
        (crate::lang::errors().config_not_utf8)(
            &shown_path(path).to_string(),
            err.utf8_error().valid_up_to(),
        )
    })?;
    parse(&text).map(Some).map_err(|(line, column, message)| {
        format!("{}:{line}:{column}: {message}", shown_path(path))
    })
}

/// The language the user's config asks for, if it reads and says one. A config that does not
/// read says nothing here: its problem is told when the config is used, in the environment's
/// language.
pub fn lang() -> Option<Lang> {
    let path = path()?;
    read(&path).ok().flatten()?.lang
}

/// Reads a config from its text; an error is its line, column (both from 1) and message.
pub fn parse(text: &str) -> Result<Config, (usize, usize, String)> {
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let first = de::Pass::default();
    let err = match options.from_str_seed(text, de::ConfigSeed(&first)) {
        Ok(config) => return Ok(config),
        Err(err) => err,
    };
    // A mode left without a way out is known only at the end of its section: read again and
    // stop at the entry to blame.
    let err = match first.found.take() {
        Some(blame) => {
            let second = de::Pass {
                blame: Some(blame),
                ..de::Pass::default()
            };
            options
                .from_str_seed(text, de::ConfigSeed(&second))
                .err()
                .unwrap_or(err)
        }
        None => err,
    };
    let said = crate::lang::errors();
    let message = match err.code {
        ron::Error::Message(message) => message,
        other => (said.config_is_ron)(&(said.ron)(&other)),
    };
    let (line, column) = past_blanks(text, err.span.start.line, err.span.start.col);
    Err((line, column, message))
}

/// The position of the first character at or after `line`:`column` that is not whitespace
/// (ron puts some errors on the blank before the offending value).
fn past_blanks(text: &str, line: usize, column: usize) -> (usize, usize) {
    let (mut line, mut column) = (line.max(1), column.max(1));
    let Some(start) = text.split_inclusive('\n').nth(line - 1) else {
        return (line, column);
    };
    let offset: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>()
        + start
            .char_indices()
            .nth(column - 1)
            .map_or(start.len(), |(at, _)| at);
    for c in text[offset..].chars() {
        if !c.is_whitespace() {
            break;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_empty_and_set_configs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        assert_eq!(load(&path).unwrap(), Config::default());
        std::fs::write(&path, "()").unwrap();
        assert_eq!(load(&path).unwrap(), Config::default());
        std::fs::write(&path, "// comment\n(autosave_seconds: Some(90))").unwrap();
        assert_eq!(load(&path).unwrap().autosave_seconds, Some(90));
        std::fs::write(&path, "(autosave_seconds: 90)").unwrap();
        assert_eq!(load(&path).unwrap().autosave_seconds, Some(90));
        std::fs::write(&path, " \n").unwrap();
        assert_eq!(load(&path).unwrap(), Config::default());
        assert_eq!(read(&dir.path().join("nothing.ron")).unwrap(), None);
    }

    #[test]
    fn broken_configs_say_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        std::fs::write(&path, "(\n  autosave: 3,\n)").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.contains("config.ron:2:3"), "{err}");
        std::fs::write(&path, "(autosave_seconds: Some(0))").unwrap();
        let err = load(&path).unwrap_err();
        assert!(
            err.contains("config.ron:1:25: autosave_seconds must be at least 1"),
            "{err}"
        );
        std::fs::write(&path, b"(autosave_seconds: Some(9)) // \xff").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.starts_with(&format!("{}: ", path.display())), "{err}");
        assert!(err.contains("UTF-8"), "{err}");
    }

    /// The error `parse` gives, as `LINE:COLUMN: message`.
    fn error(text: &str) -> String {
        match parse(text) {
            Ok(config) => panic!("parsed: {config:?}\n{text}"),
            Err((line, column, message)) => format!("{line}:{column}: {message}"),
        }
    }

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap()
    }

    #[test]
    fn every_setting_is_read() {
        let config = parse(
            r##"(
                autosave_seconds: 120,
                theme: "high-contrast",
                styles: {
                    "dim": (fg: "gray", modifiers: ["dim"]),
                    "key": (fg: "#5f87ff", bg: 17, modifiers: ["bold", "underlined"]),
                },
                ascii: true,
                mouse: true,
                keys: {
                    "browse": { "x": "delete", "d": "none" },
                    "edit": { "ctrl-enter": "accept" },
                },
            )"##,
        )
        .unwrap();
        assert_eq!(config.autosave_seconds, Some(120));
        assert_eq!(config.theme, "high-contrast");
        assert_eq!(
            config.styles,
            [
                (
                    "dim",
                    StyleOverride {
                        fg: Some(Color::Gray),
                        bg: None,
                        modifiers: Modifier::DIM
                    }
                ),
                (
                    "key",
                    StyleOverride {
                        fg: Some(Color::Rgb(0x5f, 0x87, 0xff)),
                        bg: Some(Color::Indexed(17)),
                        modifiers: Modifier::BOLD | Modifier::UNDERLINED
                    }
                ),
            ]
        );
        assert!(config.ascii && config.mouse);
        assert_eq!(
            config.keys,
            [
                (
                    Mode::Browse,
                    vec![(key("x"), Some(Command::Delete)), (key("d"), None)]
                ),
                (Mode::Edit, vec![(key("ctrl-enter"), Some(Command::Accept))]),
            ]
        );
    }

    #[test]
    fn keys_are_patched_over_each_modes_defaults() {
        let config = parse(
            r#"(keys: {
                "browse": { "x": "delete", "d": "none", "C-n": "next_result" },
                "help": { "q": "toggle_help" },
            })"#,
        )
        .unwrap();
        let keymap = config.keymap();
        let defaults = Keymap::default();
        assert_eq!(keymap.bound(Mode::Browse, key("x")), Some(Command::Delete));
        assert_eq!(keymap.bound(Mode::Browse, key("d")), None);
        assert_eq!(
            keymap.keys_for(Mode::Browse, Command::NextResult),
            [key("n"), key("ctrl-n")]
        );
        assert_eq!(
            keymap.bound(Mode::Help, key("q")),
            Some(Command::ToggleHelp)
        );
        assert_eq!(keymap.keys_for(Mode::Help, Command::Close), [key("Esc")]);
        // `x` and `d` keep their defaults where the config does not name them.
        assert_eq!(
            keymap.bound(Mode::Filter, key("x")),
            Some(Command::ClearFilters)
        );
        assert_eq!(keymap.bound(Mode::Dialog, key("d")), Some(Command::Discard));
        for mode in [Mode::Read, Mode::Search, Mode::Edit, Mode::Dialog] {
            assert_eq!(keymap.help(mode), defaults.help(mode), "{mode:?}");
        }
        assert_eq!(
            config.summary(false),
            "theme dark, 3 keys rebound and 1 key unbound, 0 roles restyled, autosave off, \
             ascii off, mouse off"
        );
    }

    #[test]
    fn two_spellings_of_one_key_are_one_key() {
        let err =
            error("(keys: { \"browse\": {\n \"C-d\": \"page_down\",\n \"ctrl-D\": \"top\" } })");
        assert!(
            err.starts_with(
                "3:3: \"ctrl-D\" is Ctrl-d again: the key is already bound in browse (as \"C-d\")"
            ),
            "{err}"
        );
        let err = error("(keys: { \"help\": { \"up\": \"up\", \"↑\": \"down\" } })");
        assert!(err.starts_with("1:33: \"↑\" is ↑ again"), "{err}");
        // The same key in two modes is two bindings.
        assert!(parse(r#"(keys: { "read": { "x": "close" }, "help": { "x": "close" } })"#).is_ok());
    }

    #[test]
    fn a_command_is_taken_only_in_the_modes_that_have_it() {
        let err = error(r#"(keys: { "edit": { "ctrl-w": "save" } })"#);
        assert!(
            err.starts_with("1:31: \"save\" does nothing in edit; the commands of edit are accept, back, new_line,"),
            "{err}"
        );
        assert!(
            err.ends_with("quit, suspend; \"none\" unbinds the key"),
            "{err}"
        );
        assert!(
            parse(r#"(keys: { "browse": { "ctrl-w": "save" }, "dialog": { "S": "save" } })"#)
                .is_ok()
        );
        let err = error(r#"(keys: { "browse": { "x": "delet" } })"#);
        assert!(
            err.starts_with(
                "1:28: unknown command \"delet\"; the commands of browse are down, up,"
            ),
            "{err}"
        );
        let err = error(r#"(keys: { "read": { "x": "Close" } })"#);
        assert!(err.contains("unknown command \"Close\""), "{err}");
    }

    #[test]
    fn printable_keys_type_in_the_prompt_the_editor_and_forms() {
        for mode in ["search", "edit", "form"] {
            let err = error(&format!(r#"(keys: {{ "{mode}": {{ "q": "back" }} }})"#));
            assert!(
                err.contains(&format!("\"q\" types itself in {mode}")),
                "{err}"
            );
            assert!(
                parse(&format!(
                    r#"(keys: {{ "{mode}": {{ "ctrl-q": "back" }} }})"#
                ))
                .is_ok()
            );
        }
        assert!(parse(r#"(keys: { "filter": { "Q": "back" } })"#).is_ok());
    }

    #[test]
    fn a_mode_left_without_a_way_out_blames_the_entry_that_took_the_last_one() {
        let text = "(keys: {\n  \"browse\": {\n    \"q\": \"none\",\n    \"x\": \"delete\",\n    \"Ctrl-c\": \"save\",\n    \"Q\": \"save_as\",\n  },\n})";
        let err = error(text);
        assert_eq!(
            err,
            "5:6: this leaves browse with no key to quit htx; keep `q` or `Ctrl-c`, or bind \
             another key to \"quit\""
        );
        // The order of the entries does not matter: the last one to take a way out is blamed.
        let err = error(
            "(keys: { \"help\": {\n\"esc\": \"none\",\n\"?\": \"top\",\n\"q\": \"none\" } })",
        );
        assert!(err.starts_with("4:2: this leaves help with no key to leave it; keep `Esc`, `q` or `?`, or bind another key to \"close\" or \"toggle_help\""), "{err}");
        // Another key for the way out is enough, wherever it stands.
        assert!(
            parse(r#"(keys: { "browse": { "Q": "quit", "q": "none", "ctrl-c": "none" } })"#)
                .is_ok()
        );
        assert!(
            parse(r#"(keys: { "question": { "n": "none", "esc": "none", "ctrl-g": "no" } })"#)
                .is_ok()
        );
        let err = error(r#"(keys: { "question": { "n": "none", "esc": "yes" } })"#);
        assert!(
            err.starts_with(
                "1:38: this leaves question with no key to leave it; keep `n` or `Esc`"
            ),
            "{err}"
        );
    }

    #[test]
    fn names_that_are_not_known_are_refused_with_the_known_ones() {
        let cases = [
            (
                r#"(keys: { "Browse": {} })"#,
                "1:11: unknown mode \"Browse\"; the modes are browse, read, search, filter, edit, form, dialog, question, help",
            ),
            (
                r#"(keys: { "browse": {}, "browse": {} })"#,
                "1:25: the mode \"browse\" has two sections",
            ),
            (
                r#"(keys: { "browse": { "alt-x": "delete" } })"#,
                "1:23: `alt-x`: Alt keys cannot be bound",
            ),
            (
                r#"(keys: { "browse": { "PageDn": "top" } })"#,
                "1:23: unknown key `PageDn`",
            ),
            (
                r#"(theme: "solarized")"#,
                "1:10: unknown theme \"solarized\"; the themes are \"dark\", \"light\", \"high-contrast\", \"mono\"",
            ),
            (
                r#"(styles: { "titel": () })"#,
                "1:13: unknown role \"titel\"; the roles are title, dim,",
            ),
            (
                r#"(styles: { "key": (fg: "blu") })"#,
                "1:25: unknown colour \"blu\"; a colour is one of black, red,",
            ),
            (
                r#"(styles: { "key": (bg: 256) })"#,
                "1:24: no colour has the index 256",
            ),
            (
                r#"(styles: { "key": (modifiers: ["bold", "blink"]) })"#,
                "1:41: unknown modifier \"blink\"; the modifiers are bold, dim, italic, underlined, reversed",
            ),
            (
                r#"(styles: { "key": (bold: true) })"#,
                "1:20: unknown style field `bold`; a style has fg, bg, modifiers",
            ),
            (
                r#"(styles: { "key": (), "key": () })"#,
                "1:24: the role \"key\" is styled twice",
            ),
            (
                "(\n  autosave: 3)",
                "2:3: unknown setting `autosave`; the settings are autosave_seconds, lang, theme, styles, ascii, mouse, keys",
            ),
            ("(mouse: true, mouse: false)", "1:15: `mouse` is set twice"),
            (
                "(mouse: \"yes\")",
                "1:9: Expected boolean (the config is RON",
            ),
            (
                "(theme: \"dark\"\n ascii: true)",
                "2:2: Expected comma (the config is RON",
            ),
        ];
        for (text, start) in cases {
            let err = error(text);
            assert!(
                err.starts_with(start),
                "{text}\n  gave {err}\n  not  {start}"
            );
        }
    }

    #[test]
    fn errors_and_the_summary_are_in_the_interface_language() {
        crate::lang::pin(Lang::Vi);
        assert_eq!(
            error("(mouse: true, mouse: false)"),
            "1:15: `mouse` được đặt hai lần; hãy giữ một"
        );
        assert_eq!(
            error("(theme: \"dark\"\n ascii: true)"),
            "2:2: thiếu dấu phẩy (tệp cấu hình viết theo RON: `htx config --default` in ra một \
             tệp có đủ mọi thiết lập)"
        );
        assert!(
            error(r#"(keys: { "browse": { "alt-x": "delete" } })"#)
                .starts_with("1:23: `alt-x`: không gán được phím Alt"),
        );
        assert!(
            error(r#"(styles: { "key": (fg: "blu") })"#)
                .starts_with("1:25: không có màu \"blu\"; màu là một trong black, red,"),
        );
        let text =
            "(keys: {\n  \"help\": {\n\"esc\": \"none\",\n\"?\": \"top\",\n\"q\": \"none\" } })";
        assert!(
            error(text).ends_with(
                "hãy giữ `Esc`, `q` hoặc `?`, hoặc gán một phím khác cho \"close\" hoặc \
                 \"toggle_help\""
            ),
            "{}",
            error(text)
        );
        let config = parse("(autosave_seconds: 90, mouse: true)").unwrap();
        assert_eq!(
            config.summary(false),
            "giao diện màu dark, 0 phím được gán lại và 0 phím bỏ gán, 0 vai trò định kiểu lại, \
             tự động lưu sau 90 giây, ascii tắt, chuột bật"
        );
    }

    #[test]
    fn styles_replace_their_role_and_no_color_means_mono_without_colours() {
        let config = parse(
            r##"(theme: "light", ascii: true, styles: {
                "key": (fg: "red", bg: "#000000", modifiers: ["italic"]),
                "dim": (),
            })"##,
        )
        .unwrap();
        let theme = config.theme(false);
        assert_eq!(theme.name, "light");
        assert_eq!(
            theme.key,
            Style::new()
                .fg(Color::Red)
                .bg(Color::Rgb(0, 0, 0))
                .add_modifier(Modifier::ITALIC)
        );
        assert_eq!(theme.dim, Style::new());
        assert_eq!(theme.done, Theme::light().done);
        assert!(theme.ascii);

        let mono = config.theme(true);
        assert_eq!(mono.name, "mono");
        assert!(!mono.has_colour(), "{mono:?}");
        assert_eq!(mono.key, Style::new().add_modifier(Modifier::ITALIC));
        assert_eq!(mono.done, Theme::mono().done);
        assert!(mono.ascii);
        assert_eq!(Config::default().theme(true), Theme::mono());
        assert_eq!(Config::default().theme(false), Theme::dark());
        assert!(
            config
                .summary(true)
                .starts_with("theme mono (NO_COLOR is set; the config says light)")
        );
    }

    #[test]
    fn no_color_counts_only_when_not_empty() {
        use std::ffi::OsStr;
        assert!(!no_color_in(None));
        assert!(!no_color_in(Some(OsStr::new(""))));
        assert!(no_color_in(Some(OsStr::new("1"))));
        assert!(no_color_in(Some(OsStr::new("0"))));
    }

    #[test]
    fn the_default_text_reads_back_as_every_default_binding_in_order() {
        let config = parse(&default_text()).unwrap();
        let listed: Vec<(Mode, Key, Command)> = config
            .keys
            .iter()
            .flat_map(|(mode, changes)| {
                changes
                    .iter()
                    .map(move |&(key, command)| (*mode, key, command.unwrap()))
            })
            .collect();
        let defaults: Vec<(Mode, Key, Command)> = Keymap::default()
            .bindings()
            .iter()
            .map(|b| (b.mode, b.key, b.command))
            .collect();
        assert_eq!(listed, defaults);
        assert_eq!(config.keymap(), Keymap::default());
        assert_eq!(
            Config {
                keys: Vec::new(),
                ..config.clone()
            },
            Config::default()
        );
        assert_eq!(config.theme(false), Theme::dark());
        // The styles example, uncommented, reads too.
        let example = default_text()
            .replace("    // styles: {", "    styles: {")
            .replace("    //     \"", "        \"")
            .replace("    // },\n", "    },\n")
            .replace("    styles: {},\n", "");
        assert_eq!(parse(&example).unwrap().styles.len(), 3, "{example}");
    }

    /// `load(path)` on a thread, waited for at most ten seconds: a read that blocks fails the
    /// test instead of hanging it.
    fn load_within_seconds(path: &Path) -> Result<Config, String> {
        let (send, receive) = std::sync::mpsc::channel();
        let path = path.to_owned();
        std::thread::spawn(move || send.send(load(&path)));
        receive
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading the config blocked for ten seconds")
    }

    #[test]
    fn a_fifo_a_device_or_a_folder_is_an_error_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("config.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        for (path, what) in [
            (fifo.as_path(), "a FIFO"),
            (Path::new("/dev/zero"), "a device"),
            (dir.path(), "a directory"),
        ] {
            let err = load_within_seconds(path).unwrap_err();
            assert!(
                err.starts_with(&format!("{}: cannot read: {what}", path.display())),
                "{err}"
            );
        }
    }

    #[test]
    fn a_config_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(files::CONFIG_LIMIT + 1).unwrap();
        let err = load(&path).unwrap_err();
        assert!(
            err.starts_with(&format!("{}: cannot read: ", path.display())),
            "{err}"
        );
        assert!(err.contains("larger than"), "{err}");
    }
}
