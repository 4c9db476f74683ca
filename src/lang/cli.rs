//! The command line's human messages (errors, notes on stderr, `--help`) in each language.
//! Machine output (`find`'s fields, CSV and JSON) is not here: it is English in every language.

/// Every message of the command line, in one language.
pub struct Cli {
    /// `--lang` was given a language htx does not have.
    pub unknown_lang: fn(&str) -> String,
}

pub const EN: Cli = Cli {
    unknown_lang: |given| {
        format!("htx: no interface language {given:?}; use --lang vi or --lang en")
    },
};

pub const VI: Cli = Cli {
    unknown_lang: |given| {
        format!("htx: không có ngôn ngữ giao diện {given:?}; dùng --lang vi hoặc --lang en")
    },
};
