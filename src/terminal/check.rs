//! Whether this terminal can show the full screen, and how: found before the screen is taken.

use std::io::{self, IsTerminal};

/// What the terminal can show, found before the screen is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Draw with ASCII only: the Linux console and the DEC and ANSI terminals have no line
    /// drawing in their character sets (or none that a UTF-8 stream reaches).
    pub ascii: bool,
    /// Wrap each frame in synchronized-output marks (DEC mode 2026). Terminals that do not
    /// know the mode ignore it; the ASCII ones are not sent it at all, since a real VT100 or
    /// console may show it.
    pub synchronized: bool,
}

/// Looks at this process's terminal before the screen is taken: `Err` is the one line to
/// print when the full screen cannot work here (output to a pipe or file, no terminal to read
/// keys from, `TERM=dumb`, no `TERM`).
pub fn check() -> Result<Capabilities, String> {
    let term = std::env::var("TERM").ok();
    capabilities(
        term.as_deref(),
        io::stdin().is_terminal(),
        io::stdout().is_terminal(),
    )
}

/// [`check`] on what it found: the value of `TERM` and whether standard input and output are
/// terminals.
pub fn capabilities(
    term: Option<&str>,
    stdin_tty: bool,
    stdout_tty: bool,
) -> Result<Capabilities, String> {
    let said = crate::lang::cli();
    if !stdout_tty {
        return Err(said.stdout_not_terminal.to_string());
    }
    if !stdin_tty {
        return Err(said.stdin_not_terminal.to_string());
    }
    let term = term.unwrap_or("").trim();
    match terminal_kind(term) {
        Kind::Refused => Err((said.terminal_refused)(
            Some(term).filter(|term| !term.is_empty()),
        )),
        Kind::Ascii => Ok(Capabilities {
            ascii: true,
            synchronized: false,
        }),
        Kind::Full => Ok(Capabilities {
            ascii: false,
            synchronized: true,
        }),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// No cursor addressing: `dumb`, no `TERM`, the VT52 (no ANSI sequences at all).
    Refused,
    /// Cursor addressing and attributes, but no line drawing reached from UTF-8.
    Ascii,
    Full,
}

pub(super) fn terminal_kind(term: &str) -> Kind {
    // `vt220-8bit`, `linux-16color`, `ansi.sys`: the family is the name's first part.
    let family = term
        .split(['-', '.', '+'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let dec = family
        .strip_prefix("vt")
        .and_then(|number| number.parse::<u32>().ok());
    match (family.as_str(), dec) {
        ("" | "dumb", _) => Kind::Refused,
        (_, Some(number)) if number < 100 => Kind::Refused,
        (_, Some(_)) => Kind::Ascii,
        ("linux" | "ansi" | "pcansi" | "cons25", _) => Kind::Ascii,
        _ => Kind::Full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_in_the_interface_language() {
        crate::lang::pin(crate::lang::Lang::Vi);
        assert_eq!(
            capabilities(Some("dumb"), true, true).unwrap_err(),
            "htx: thiết bị đầu cuối này (TERM=dumb) không hiện được giao diện toàn màn hình; hãy \
             dùng htx find, htx list hoặc htx show, hoặc chạy htx trong một thiết bị đầu cuối như \
             xterm"
        );
        assert!(
            capabilities(None, true, true)
                .unwrap_err()
                .contains("(chưa đặt TERM)")
        );
        assert!(
            capabilities(Some("xterm"), false, true)
                .unwrap_err()
                .starts_with("htx: đầu vào không phải là thiết bị đầu cuối")
        );
    }

    #[test]
    fn dumb_and_unknown_terminals_are_refused_and_the_old_ones_get_ascii() {
        let full = Ok(Capabilities {
            ascii: false,
            synchronized: true,
        });
        let ascii = Ok(Capabilities {
            ascii: true,
            synchronized: false,
        });
        for term in [
            "xterm-256color",
            "tmux-256color",
            "screen",
            "alacritty",
            "foot",
        ] {
            assert_eq!(capabilities(Some(term), true, true), full, "{term}");
        }
        for term in [
            "linux",
            "vt100",
            "vt102",
            "vt220",
            "vt220-8bit",
            "vt320",
            "ansi",
            "VT100",
        ] {
            assert_eq!(capabilities(Some(term), true, true), ascii, "{term}");
        }
        for term in [None, Some(""), Some("dumb"), Some("vt52")] {
            let refused = capabilities(term, true, true).unwrap_err();
            assert!(refused.starts_with("htx: this terminal ("), "{refused}");
            assert!(
                refused.contains("htx find, htx list or htx show"),
                "{refused}"
            );
            assert!(!refused.contains('\n'));
        }
        assert!(
            capabilities(Some("dumb"), true, true)
                .unwrap_err()
                .contains("(TERM=dumb)")
        );
        assert!(
            capabilities(None, true, true)
                .unwrap_err()
                .contains("(TERM is not set)")
        );
        let piped = capabilities(Some("xterm"), true, false).unwrap_err();
        assert!(
            piped.contains("standard output is not a terminal"),
            "{piped}"
        );
        let no_keys = capabilities(Some("xterm"), false, true).unwrap_err();
        assert!(
            no_keys.contains("standard input is not a terminal"),
            "{no_keys}"
        );
    }
}
