//! Reading a config: serde visitors that check every name as they read it, so that an error
//! is raised while the parser stands on the offending key or value and ron's error carries
//! its line and column.
//!
//! One check needs a whole section: whether a mode still has a way out. It is made when the
//! section ends; the entry to blame is then known, but the parser has moved past it, so the
//! file is read a second time and the error raised at that entry's key ([`Pass`]).

use std::cell::RefCell;
use std::fmt;

use ratatui::style::{Color, Modifier};
use serde::de::{self, DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};

use super::{Config, KeyChanges, StyleOverride};
use crate::app::{Command, Mode};
use crate::keymap::{self, Key, Keymap};
use crate::lang::{self, Lang};
use crate::theme;

/// The settings, in the order `htx config --default` writes them.
pub const SETTINGS: [&str; 7] = [
    "autosave_seconds",
    "lang",
    "theme",
    "styles",
    "ascii",
    "mouse",
    "keys",
];

/// An entry of the `keys` section that left its mode without a way out.
#[derive(Clone, Debug)]
pub struct Blame {
    mode: Mode,
    /// The entry's place in its mode's section, from 0.
    entry: usize,
    message: String,
}

/// What one reading of the file knows: the first reading records a mode left without a way
/// out in `found`; the second is given it as `blame` and fails at that entry.
#[derive(Default)]
pub struct Pass {
    pub found: RefCell<Option<Blame>>,
    pub blame: Option<Blame>,
}

fn list<T: AsRef<str>>(names: impl IntoIterator<Item = T>) -> String {
    names
        .into_iter()
        .map(|name| name.as_ref().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The whole file.
pub struct ConfigSeed<'a>(pub &'a Pass);

impl<'de> DeserializeSeed<'de> for ConfigSeed<'_> {
    type Value = Config;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Config, D::Error> {
        deserializer.deserialize_struct("Config", &SETTINGS, self)
    }
}

impl<'de> Visitor<'de> for ConfigSeed<'_> {
    type Value = Config;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(lang::errors().expect_settings)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Config, A::Error> {
        let mut config = Config::default();
        let mut seen: Vec<String> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            if seen.contains(&name) {
                return Err(A::Error::custom((lang::errors().set_twice)(&name)));
            }
            match name.as_str() {
                "autosave_seconds" => {
                    config.autosave_seconds = map.next_value::<Option<Seconds>>()?.map(|s| s.0);
                }
                "lang" => config.lang = map.next_value::<Option<LangName>>()?.map(|l| l.0),
                "theme" => config.theme = map.next_value::<ThemeName>()?.0,
                "styles" => config.styles = map.next_value::<Styles>()?.0,
                "ascii" => config.ascii = map.next_value()?,
                "mouse" => config.mouse = map.next_value()?,
                "keys" => config.keys = map.next_value_seed(KeysSeed(self.0))?,
                _ => {
                    return Err(A::Error::custom((lang::errors().unknown_setting)(
                        &name,
                        &list(SETTINGS),
                    )));
                }
            }
            seen.push(name);
        }
        Ok(config)
    }
}

/// `autosave_seconds`: at least 1.
struct Seconds(u32);

impl<'de> de::Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = Seconds;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(lang::errors().expect_seconds)
            }
            fn visit_u64<E: de::Error>(self, seconds: u64) -> Result<Seconds, E> {
                match u32::try_from(seconds) {
                    Ok(0) => Err(E::custom(lang::errors().autosave_at_least_one)),
                    Ok(seconds) => Ok(Seconds(seconds)),
                    Err(_) => Err(E::custom((lang::errors().autosave_at_most)(u32::MAX))),
                }
            }
            fn visit_i64<E: de::Error>(self, seconds: i64) -> Result<Seconds, E> {
                match u64::try_from(seconds) {
                    Ok(seconds) => self.visit_u64(seconds),
                    Err(_) => self.visit_u64(0),
                }
            }
        }
        deserializer.deserialize_u64(Visit)
    }
}

/// `lang`: one of the interface's languages.
struct LangName(Lang);

impl<'de> de::Deserialize<'de> for LangName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = LangName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(lang::errors().expect_lang)
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<LangName, E> {
                Lang::parse(name)
                    .map(LangName)
                    .ok_or_else(|| E::custom((lang::errors().unknown_lang)(name)))
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

/// `theme`: one of the built-in themes.
struct ThemeName(&'static str);

impl<'de> de::Deserialize<'de> for ThemeName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = ThemeName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&(lang::errors().expect_theme)(&list(theme::NAMES)))
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<ThemeName, E> {
                theme::NAMES
                    .into_iter()
                    .find(|&known| known == name)
                    .map(ThemeName)
                    .ok_or_else(|| {
                        E::custom((lang::errors().unknown_theme)(
                            name,
                            &list(theme::NAMES.map(|n| format!("{n:?}"))),
                        ))
                    })
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

/// `styles`: a map from role to style.
struct Styles(Vec<(&'static str, StyleOverride)>);

impl<'de> de::Deserialize<'de> for Styles {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Styles;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(lang::errors().expect_styles)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Styles, A::Error> {
                let mut styles: Vec<(&'static str, StyleOverride)> = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let Some(role) = theme::ROLES.into_iter().find(|&role| role == name) else {
                        return Err(A::Error::custom((lang::errors().unknown_role)(
                            &name,
                            &list(theme::ROLES),
                        )));
                    };
                    if styles.iter().any(|(seen, _)| *seen == role) {
                        return Err(A::Error::custom((lang::errors().role_twice)(role)));
                    }
                    styles.push((role, map.next_value::<StyleOverride>()?));
                }
                Ok(Styles(styles))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

const STYLE_FIELDS: [&str; 3] = ["fg", "bg", "modifiers"];

impl<'de> de::Deserialize<'de> for StyleOverride {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = StyleOverride;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(lang::errors().expect_style)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StyleOverride, A::Error> {
                let mut style = StyleOverride::default();
                let mut seen: Vec<String> = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    if seen.contains(&name) {
                        return Err(A::Error::custom((lang::errors().style_field_twice)(&name)));
                    }
                    match name.as_str() {
                        "fg" => style.fg = map.next_value::<Option<Colour>>()?.map(|c| c.0),
                        "bg" => style.bg = map.next_value::<Option<Colour>>()?.map(|c| c.0),
                        "modifiers" => {
                            style.modifiers = map
                                .next_value::<Vec<ModifierName>>()?
                                .into_iter()
                                .fold(Modifier::empty(), |all, one| all | one.0);
                        }
                        _ => {
                            return Err(A::Error::custom((lang::errors().unknown_style_field)(
                                &name,
                                &list(STYLE_FIELDS),
                            )));
                        }
                    }
                    seen.push(name);
                }
                Ok(style)
            }
        }
        deserializer.deserialize_struct("Style", &STYLE_FIELDS, Visit)
    }
}

/// A colour: a name or `#rrggbb` in a string, or a palette index as a number or a string.
struct Colour(Color);

impl<'de> de::Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = Colour;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&theme::colour_help())
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Colour, E> {
                theme::parse_colour(text).map(Colour).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, index: u64) -> Result<Colour, E> {
                theme::colour_index(index).map(Colour).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, index: i64) -> Result<Colour, E> {
                Err(E::custom((lang::errors().no_colour_index)(
                    &index.to_string(),
                    &theme::colour_help(),
                )))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

struct ModifierName(Modifier);

impl<'de> de::Deserialize<'de> for ModifierName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = ModifierName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(lang::errors().expect_modifier)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<ModifierName, E> {
                theme::parse_modifier(text)
                    .map(ModifierName)
                    .map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

/// `keys`: a section per mode.
struct KeysSeed<'a>(&'a Pass);

impl<'de> DeserializeSeed<'de> for KeysSeed<'_> {
    type Value = Vec<(Mode, KeyChanges)>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for KeysSeed<'_> {
    type Value = Vec<(Mode, KeyChanges)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(lang::errors().expect_keys)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut modes: Vec<(Mode, KeyChanges)> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let Some(mode) = keymap::mode_named(&name) else {
                return Err(A::Error::custom((lang::errors().unknown_mode)(
                    &name,
                    &list(Mode::ALL.map(keymap::mode_name)),
                )));
            };
            if modes.iter().any(|(seen, _)| *seen == mode) {
                return Err(A::Error::custom((lang::errors().mode_twice)(&name)));
            }
            let changes = map.next_value_seed(ModeSeed { mode, pass: self.0 })?;
            modes.push((mode, changes));
        }
        Ok(modes)
    }
}

/// One mode's section: key to command.
struct ModeSeed<'a> {
    mode: Mode,
    pass: &'a Pass,
}

impl<'de> DeserializeSeed<'de> for ModeSeed<'_> {
    type Value = KeyChanges;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<KeyChanges, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ModeSeed<'_> {
    type Value = KeyChanges;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(lang::errors().expect_mode_keys)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyChanges, A::Error> {
        let mode = self.mode;
        let name = keymap::mode_name(mode);
        let mut changes: KeyChanges = Vec::new();
        let mut spellings: Vec<String> = Vec::new();
        while let Some(spelling) = map.next_key::<String>()? {
            if let Some(blame) = &self.pass.blame
                && blame.mode == mode
                && blame.entry == changes.len()
            {
                return Err(A::Error::custom(&blame.message));
            }
            let key = Key::parse(&spelling).map_err(A::Error::custom)?;
            if let Some(at) = changes.iter().position(|(seen, _)| *seen == key) {
                let earlier = spellings.get(at).filter(|&earlier| *earlier != spelling);
                return Err(A::Error::custom((lang::errors().key_again)(
                    &spelling,
                    &key.name(),
                    &name,
                    earlier.map(String::as_str),
                )));
            }
            if keymap::types_text(mode)
                && !key.ctrl
                && matches!(key.code, ratatui::crossterm::event::KeyCode::Char(_))
            {
                return Err(A::Error::custom((lang::errors().key_types_itself)(
                    &spelling, &name,
                )));
            }
            let command = map.next_value_seed(CommandSeed { mode })?;
            changes.push((key, command));
            spellings.push(spelling);
        }
        if let Some(blame) = lost_way_out(mode, &changes) {
            let message = blame.message.clone();
            *self.pass.found.borrow_mut() = Some(blame);
            return Err(A::Error::custom(message));
        }
        Ok(changes)
    }
}

/// When `changes` leave `mode` with no key for any of its [`keymap::ways_out`]: the last entry
/// that took such a key away, and what to say there.
fn lost_way_out(mode: Mode, changes: &[(Key, Option<Command>)]) -> Option<Blame> {
    let defaults = Keymap::default();
    let mut patched = defaults.clone();
    patched.patch(mode, changes);
    if patched.has_way_out(mode) {
        return None;
    }
    let ways = keymap::ways_out(mode);
    let entry = changes.iter().rposition(|&(key, command)| {
        defaults
            .bound(mode, key)
            .is_some_and(|old| ways.contains(&old) && command != Some(old))
    })?;
    let said = lang::errors();
    let names = ways
        .iter()
        .map(|&c| format!("{:?}", keymap::command_name(c)))
        .collect::<Vec<_>>()
        .join(&format!(" {} ", said.or));
    let keys = either(
        ways.iter()
            .flat_map(|&c| defaults.keys_for(mode, c))
            .map(|key| format!("`{}`", key.name()))
            .collect(),
    );
    Some(Blame {
        mode,
        entry,
        message: (said.no_way_out)(
            &keymap::mode_name(mode),
            mode == Mode::Browse,
            &keys,
            &names,
        ),
    })
}

/// `a`, `a or b`, `a, b or c`.
fn either(items: Vec<String>) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), lang::errors().or),
        None => String::new(),
    }
}

/// A command's name, or `"none"`; the command must be one the default keymap has in `mode`.
struct CommandSeed {
    mode: Mode,
}

impl CommandSeed {
    fn commands(&self) -> String {
        let names: Vec<String> = Keymap::default()
            .commands(self.mode)
            .into_iter()
            .map(keymap::command_name)
            .collect();
        (lang::errors().commands_and_none)(&names.join(", "))
    }
}

impl<'de> DeserializeSeed<'de> for CommandSeed {
    type Value = Option<Command>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for CommandSeed {
    type Value = Option<Command>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&(lang::errors().expect_command)(&self.commands()))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<Command>, E> {
        if name == "none" {
            return Ok(None);
        }
        let mode = keymap::mode_name(self.mode);
        let Some(command) = keymap::command_named(name) else {
            return Err(E::custom((lang::errors().unknown_command)(
                name,
                &mode,
                &self.commands(),
            )));
        };
        if !Keymap::default().commands(self.mode).contains(&command) {
            return Err(E::custom((lang::errors().command_not_in_mode)(
                name,
                &mode,
                &self.commands(),
            )));
        }
        Ok(Some(command))
    }
}
