//! `htx config --default`: every setting at its default, the whole keymap included, each with
//! a comment; the text parses back to exactly the defaults. The comments are English in every
//! interface language: the text is a file, kept and shared like one, and the same file should
//! not read differently depending on who printed it.

use std::fmt::Write as _;

use crate::app::Mode;
use crate::keymap::{self, Keymap};
use crate::lang::Lang;
use crate::theme;

/// A string as RON writes it, in double quotes.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where the keys of `mode` apply, for the comment over its section.
fn about(mode: Mode) -> &'static str {
    match mode {
        Mode::Browse => "The lists and a cooperative's page.",
        Mode::Read => "A page to read (a province's entry on an item in full).",
        Mode::Search => "The search prompt: printable keys type into the query.",
        Mode::Filter => "The filter popup.",
        Mode::Edit => "The note editor: printable keys type.",
        Mode::Form => "A form: printable keys type into the field.",
        Mode::Dialog => "A question: quit with unsaved edits, a conflict, a failed save.",
        Mode::Question => "A yes/no question (delete this? throw away what was typed?).",
        Mode::Help => "The help overlay.",
    }
}

/// The names of a table of names.
fn names<T>(list: &[(&str, T)]) -> String {
    list.iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` as `//` comment lines indented by `indent`, wrapped before column 97.
fn comment(out: &mut String, indent: &str, text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + 3 + line.len() + 1 + word.chars().count() > 96 {
            let _ = writeln!(out, "{indent}// {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}// {line}");
    }
}

/// The default config, as `htx config --default` prints it.
pub fn default_text() -> String {
    let themes: Vec<String> = theme::NAMES.iter().map(|name| quoted(name)).collect();
    let mut out = String::new();
    comment(
        &mut out,
        "",
        "htx's settings, each at its default. htx reads them from \
         $XDG_CONFIG_HOME/htx/config.ron (by default ~/.config/htx/config.ron). Every setting \
         may be left out: keep only what you change. `htx config --check` checks the file.",
    );
    out.push_str("(\n");
    let setting = |out: &mut String, about: &str, line: &str| {
        comment(out, "    ", about);
        let _ = writeln!(out, "    {line}\n");
    };
    setting(
        &mut out,
        "Save by itself after this many seconds without a key press while there are unsaved \
         edits, e.g. `autosave_seconds: 120`. None: only a key saves.",
        "autosave_seconds: None,",
    );
    setting(
        &mut out,
        "The interface's language: \"vi\" (tiếng Việt) or \"en\" (English). None: the \
         environment's (LC_ALL, LC_MESSAGES or LANG starting with vi means Vietnamese). \
         `htx --lang` overrides it.",
        "lang: None,",
    );
    setting(
        &mut out,
        &format!(
            "The theme: {} (\"mono\" has no colour). NO_COLOR set in the environment means \"mono\" whatever this says.",
            themes.join(", ")
        ),
        "theme: \"dark\",",
    );
    comment(
        &mut out,
        "    ",
        &format!(
            "Roles of the theme restyled. A role given here gets exactly this style; what is \
             left out is the terminal's own. fg and bg are a colour: {} (case, - and _ do not \
             matter), \"#rrggbb\", or an index 0-255. modifiers are any of {}. With NO_COLOR \
             only the modifiers apply. The roles: {}. For example:",
            names(&theme::COLOURS),
            names(&theme::MODIFIERS),
            theme::ROLES.join(", ")
        ),
    );
    out.push_str(
        r##"    // styles: {
    //     "dim": (fg: "gray", modifiers: ["dim"]),
    //     "key": (fg: "#5f87ff", modifiers: ["bold", "underlined"]),
    //     "selected": (fg: "black", bg: "light_yellow"),
    // },
"##,
    );
    let _ = writeln!(out, "    styles: {{}},\n");
    setting(
        &mut out,
        "Draw with ASCII characters only (for the Linux console and old terminals).",
        "ascii: false,",
    );
    setting(
        &mut out,
        "Take the mouse: clicks select rows and tabs, the wheel scrolls. Off, the terminal's \
         own selection (copying text) works as usual.",
        "mouse: false,",
    );
    comment(
        &mut out,
        "    ",
        "The keys, a section per mode, \"KEY\": \"COMMAND\". A key given here replaces that \
         key's binding in that mode, \"none\" unbinds it, and keys not given keep their \
         defaults. A key is a character (\"x\", \"G\" for shift-g, \"?\") or Enter, Esc, Tab, \
         Shift-Tab, Backspace, Delete, Space, Up, Down, Left, Right, PgUp, PgDn, Home, End, \
         F1-F12, any of them after \"Ctrl-\"; no Alt. A mode takes only the commands it has \
         here, and must keep a key that leaves it (in browse: one that quits).",
    );
    out.push_str("    keys: {\n");
    let keymap = Keymap::default();
    for mode in Mode::ALL {
        comment(&mut out, "        ", about(mode));
        let _ = writeln!(out, "        {}: {{", quoted(&keymap::mode_name(mode)));
        for binding in keymap.bindings().iter().filter(|b| b.mode == mode) {
            let _ = writeln!(
                out,
                "            {}: {}, // {}",
                quoted(&binding.key.name()),
                quoted(&keymap::command_name(binding.command)),
                binding.command.doc_in(Lang::En).replace('\n', " ")
            );
        }
        out.push_str("        },\n");
    }
    out.push_str("    },\n)\n");
    out
}
