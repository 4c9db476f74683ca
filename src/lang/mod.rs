//! The interface in the officers' language, or in English.
//!
//! Every string a person reads is a field of a table: [`tui::Tui`] for the full-screen
//! interface, [`cli::Cli`] for the command line's human messages, [`import::Import`],
//! [`export::Export`], [`report::Report`] and [`merge::Merge`] for `htx import`, `htx export`,
//! `htx report` and `htx merge`,
//! [`errors::Errors`] for the
//! errors of files, data and config that both of them show. Each table has one constant
//! per language, so a string missing from either language is a compile error, never a silent
//! fall-back at run time (the way lazygit keeps its translation sets). A message with
//! something in it is a `fn` field that builds it, so each language orders its own words.
//!
//! What stays English in every language is machine output: CSV and JSON keys, `find`'s
//! tab-separated fields, status words in JSON, the data file itself.
//!
//! The command line's `--help` is English in clap's words and the command line's doc
//! comments; [`help::Help`] holds its Vietnamese, which [`help::localize`] puts in place.
//!
//! The language is a setting of the process, chosen once by `main` ([`choose`]) before any
//! text is made, and read wherever text is made through [`tr`], [`cli`] and [`errors`]: the
//! screens, the command line and the error types' `Display` alike, so no signature carries it.
//! A test pins a language for its own thread ([`pin`]), so tests in both languages run side by
//! side in one process.

pub mod cli;
pub mod errors;
pub mod export;
pub mod help;
pub mod import;
pub mod merge;
pub mod report;
pub mod tui;

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::model::{Date, Timestamp};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Vi];

    /// `vi` or `en`, as `--lang` and the config say it.
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The code `--lang` takes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    /// The language a locale asks for: `vi`, `vi_VN.UTF-8`, `vi-VN` are Vietnamese, anything
    /// else (`C`, `POSIX`, `en_US.UTF-8`, `fr_FR`) English, the one other language htx has.
    pub fn of_locale(locale: &str) -> Lang {
        let language = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default();
        if language.eq_ignore_ascii_case("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// The language of the environment as POSIX has it: the first of `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` that is set and not empty decides; none set means English.
    pub fn of_environment(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty())
            .map_or(Lang::En, |locale| Lang::of_locale(&locale))
    }

    pub fn tui(self) -> &'static tui::Tui {
        match self {
            Lang::En => &tui::EN,
            Lang::Vi => &tui::VI,
        }
    }

    pub fn cli(self) -> &'static cli::Cli {
        match self {
            Lang::En => &cli::EN,
            Lang::Vi => &cli::VI,
        }
    }

    pub fn import(self) -> &'static import::Import {
        match self {
            Lang::En => &import::EN,
            Lang::Vi => &import::VI,
        }
    }

    pub fn report(self) -> &'static report::Report {
        match self {
            Lang::En => &report::EN,
            Lang::Vi => &report::VI,
        }
    }

    pub fn errors(self) -> &'static errors::Errors {
        match self {
            Lang::En => &errors::EN,
            Lang::Vi => &errors::VI,
        }
    }

    /// The help's texts to put over clap's English; `None` in English, which is clap's own.
    pub fn help(self) -> Option<&'static help::Help> {
        match self {
            Lang::En => None,
            Lang::Vi => Some(&help::VI),
        }
    }

    /// A date as people of this language write it: `21/06/2011` in Vietnamese, `2011-06-21`
    /// in English. The data file always says `2011-06-21`.
    pub fn date(self, date: Date) -> String {
        match self {
            Lang::Vi => format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year()),
            Lang::En => date.to_string(),
        }
    }

    /// Day and minute of a UTC time, the precision a person reads in a table cell.
    pub fn time(self, time: Timestamp) -> String {
        format!(
            "{} {:02}:{:02}",
            self.date(time.date()),
            time.hour(),
            time.minute()
        )
    }

    /// A whole number with its thousands grouped: `9.532` in Vietnamese, `9,532` in English.
    pub fn number(self, n: u64) -> String {
        let mark = match self {
            Lang::Vi => '.',
            Lang::En => ',',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(mark);
            }
            out.push(c);
        }
        out
    }
}

/// The process's language; 0 English, 1 Vietnamese.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static PINNED: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the language of the whole process (`main`, once, before any text is made).
pub fn choose(lang: Lang) {
    CHOSEN.store(
        match lang {
            Lang::En => 0,
            Lang::Vi => 1,
        },
        Ordering::Relaxed,
    );
}

/// Sets the language of this thread only, over the process's: for tests that draw both
/// languages in one process.
pub fn pin(lang: Lang) {
    PINNED.with(|pinned| pinned.set(Some(lang)));
}

/// The language text is made in on this thread.
pub fn current() -> Lang {
    PINNED.with(Cell::get).unwrap_or_else(|| {
        if CHOSEN.load(Ordering::Relaxed) == 1 {
            Lang::Vi
        } else {
            Lang::En
        }
    })
}

/// The full-screen interface's words in the current language.
pub fn tr() -> &'static tui::Tui {
    current().tui()
}

/// The command line's words in the current language.
pub fn cli() -> &'static cli::Cli {
    current().cli()
}

/// `htx import`'s words in the current language.
pub fn import() -> &'static import::Import {
    current().import()
}

/// `htx report`'s words in the current language.
pub fn report() -> &'static report::Report {
    current().report()
}

/// The errors of files, data and config in the current language.
pub fn errors() -> &'static errors::Errors {
    current().errors()
}

/// An I/O error in the current language (the system's errors in words, htx's own as they are).
pub fn io(err: &std::io::Error) -> String {
    (errors().io)(err)
}

/// A date in the current language's way.
pub fn date(date: Date) -> String {
    current().date(date)
}

/// Day and minute of a UTC time in the current language's way.
pub fn time(time: Timestamp) -> String {
    current().time(time)
}

/// A whole number grouped in the current language's way.
pub fn number(n: u64) -> String {
    current().number(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_locale_variable_set_and_not_empty_decides() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_string())
            }
        };
        assert_eq!(Lang::of_environment(env(&[])), Lang::En);
        assert_eq!(
            Lang::of_environment(env(&[("LANG", "vi_VN.UTF-8")])),
            Lang::Vi
        );
        assert_eq!(
            Lang::of_environment(env(&[("LC_ALL", ""), ("LANG", "vi_VN.UTF-8")])),
            Lang::Vi
        );
        assert_eq!(
            Lang::of_environment(env(&[("LC_MESSAGES", "C"), ("LANG", "vi_VN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::of_environment(env(&[("LC_ALL", "vi"), ("LC_MESSAGES", "en_US")])),
            Lang::Vi
        );
        assert_eq!(Lang::of_locale("vi-VN"), Lang::Vi);
        assert_eq!(Lang::of_locale("vietnamese"), Lang::En);
        assert_eq!(Lang::of_locale("fr_FR.UTF-8"), Lang::En);
    }

    #[test]
    fn dates_and_numbers_per_language() {
        let date: Date = "2011-06-21".parse().unwrap();
        assert_eq!(Lang::Vi.date(date), "21/06/2011");
        assert_eq!(Lang::En.date(date), "2011-06-21");
        assert_eq!(Lang::Vi.number(9532), "9.532");
        assert_eq!(Lang::En.number(9532), "9,532");
        assert_eq!(Lang::Vi.number(1_000_000), "1.000.000");
        assert_eq!(Lang::En.number(999), "999");
        assert_eq!(Lang::Vi.number(0), "0");
        let time: Timestamp = "2011-11-30T09:05:00Z".parse().unwrap();
        assert_eq!(Lang::En.time(time), "2011-11-30 09:05");
        assert_eq!(Lang::Vi.time(time), "30/11/2011 09:05");
    }

    #[test]
    fn a_pinned_thread_speaks_its_own_language() {
        pin(Lang::Vi);
        assert_eq!(current(), Lang::Vi);
        let other = std::thread::spawn(current).join().unwrap();
        assert_eq!(other, Lang::En);
    }
}
