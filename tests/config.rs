//! The config file as a user meets it: `htx config --check` on each broken file of
//! `tests/bad-config/` (the error, its line and column, and what would be right), `htx FILE`
//! refusing a broken config before it does anything, `htx config --default` reading back as the
//! defaults, and the README's example.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use htx::app::Mode;
use htx::config::{self, Config};
use htx::keymap::Keymap;
use htx::theme::Theme;

/// `htx ARGS` in the crate's folder with `XDG_CONFIG_HOME` (and the data and state folders) in
/// `home`, `NO_COLOR` as given, stdin empty and stdout and stderr captured.
fn htx(args: &[&str], home: &Path, no_color: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_htx"));
    common::in_english(&mut command)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("HOME", home)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Each broken config, where its problem is and words of the message (what is wrong and what
/// would be right).
const BROKEN: &[(&str, usize, usize, &[&str])] = &[
    (
        "syntax.ron",
        4,
        5,
        &["Expected comma", "htx config --default"],
    ),
    (
        "unknown_setting.ron",
        2,
        5,
        &[
            "unknown setting `autosave`",
            "autosave_seconds, lang, theme, styles, ascii, mouse, keys",
        ],
    ),
    ("setting_twice.ron", 4, 5, &["`theme` is set twice"]),
    (
        "zero_autosave.ron",
        2,
        23,
        &["autosave_seconds must be at least 1", "leave it out"],
    ),
    ("wrong_type.ron", 2, 12, &["Expected boolean"]),
    (
        "unknown_mode.ron",
        3,
        10,
        &[
            "unknown mode \"brwose\"",
            "browse, read, search, filter, edit, form, dialog, question, help",
        ],
    ),
    ("mode_twice.ron", 5, 10, &["\"browse\" has two sections"]),
    (
        "unknown_key.ron",
        5,
        14,
        &["unknown key `PageDn`", "PgDn", "`Ctrl-`"],
    ),
    (
        "alt_key.ron",
        4,
        14,
        &["`alt-x`: Alt keys cannot be bound", "Esc"],
    ),
    (
        "ctrl_i.ron",
        3,
        22,
        &["`ctrl-i`: a terminal sends Ctrl-i as Tab", "bind `tab`"],
    ),
    (
        "key_twice.ron",
        6,
        14,
        &["\"ctrl-d\" is Ctrl-d again", "(as \"C-d\")"],
    ),
    (
        "typing_key.ron",
        5,
        14,
        &["\"q\" types itself in search", "Ctrl-"],
    ),
    (
        "unknown_command.ron",
        4,
        19,
        &[
            "unknown command \"delet\"",
            "the commands of browse are down, up,",
            "delete",
            "\"none\" unbinds the key",
        ],
    ),
    (
        "command_not_in_mode.ron",
        5,
        24,
        &[
            "\"save\" does nothing in edit",
            "the commands of edit are accept, back, new_line",
        ],
    ),
    (
        "no_way_out.ron",
        6,
        14,
        &[
            "this leaves browse with no key to quit htx",
            "keep `q` or `Ctrl-c`",
            "\"quit\"",
        ],
    ),
    (
        "unknown_theme.ron",
        2,
        13,
        &[
            "unknown theme \"solarized\"",
            "\"dark\", \"light\", \"high-contrast\", \"mono\"",
        ],
    ),
    (
        "unknown_role.ron",
        4,
        10,
        &["unknown role \"titel\"", "title, dim, header_row"],
    ),
    (
        "unknown_colour.ron",
        3,
        22,
        &["unknown colour \"blu\"", "blue", "\"#rrggbb\"", "0-255"],
    ),
    (
        "colour_index.ron",
        3,
        21,
        &["no colour has the index 256", "0-255"],
    ),
    (
        "unknown_modifier.ron",
        3,
        53,
        &[
            "unknown modifier \"blink\"",
            "bold, dim, italic, underlined, reversed",
        ],
    ),
    (
        "style_field.ron",
        3,
        29,
        &["unknown style field `bold`", "modifiers: [\"bold\"]"],
    ),
];

#[test]
fn check_refuses_each_broken_config_at_its_line_and_column_and_says_what_would_do() {
    let home = tempfile::tempdir().unwrap();
    for &(name, line, column, words) in BROKEN {
        let file = format!("tests/bad-config/{name}");
        let out = htx(&["config", "--check", &file], home.path(), None);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}");
        let at = format!("{file}:{line}:{column}: ");
        assert!(err.starts_with(&at), "{name}: wanted {at}\n{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        for word in words {
            assert!(err.contains(word), "{name}: no {word:?} in\n{err}");
        }
    }
}

#[test]
fn every_broken_config_is_in_the_table() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-config");
    let mut files: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = BROKEN.iter().map(|(name, ..)| name.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn htx_refuses_a_broken_config_before_it_does_anything_else() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("config/htx");
    std::fs::create_dir_all(&folder).unwrap();
    for &(name, line, column, _) in BROKEN {
        let config = folder.join("config.ron");
        std::fs::copy(format!("tests/bad-config/{name}"), &config).unwrap();
        let checked = htx(&["config", "--check"], home.path(), None);
        let opened = htx(&["tests/data/minimal.ron"], home.path(), None);
        let err = text(&opened.stderr);
        assert_eq!(checked.status.code(), Some(1), "{name}");
        assert_ne!(opened.status.code(), Some(0), "{name}");
        assert!(
            err.starts_with(&format!("{}:{line}:{column}: ", config.display())),
            "{name}: {err}"
        );
        assert_eq!(err, text(&checked.stderr), "{name}");
        // Nothing was drawn, and no journal or dataset was made.
        assert!(opened.stdout.is_empty(), "{name}");
        assert!(!home.path().join("state").exists(), "{name}");
        assert!(!home.path().join("data").exists(), "{name}");
        let default = htx(&[], home.path(), None);
        assert_eq!(text(&default.stderr), err, "{name}");
        assert!(
            !home.path().join("data").exists(),
            "{name}: the first run wrote a dataset"
        );
    }
}

#[test]
fn the_default_config_is_every_setting_and_every_key_and_reads_back_as_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    let out = htx(&["config", "--default"], home.path(), None);
    assert!(out.status.success());
    let default = text(&out.stdout);
    let file = home.path().join("default.ron");
    std::fs::write(&file, &default).unwrap();
    let file = file.to_str().unwrap();
    let out = htx(&["config", "--check", file], home.path(), None);
    assert_eq!(
        text(&out.stdout),
        format!(
            "{file}: ok: theme dark, 0 keys rebound and 0 keys unbound, 0 roles restyled, \
             autosave off, ascii off, mouse off\n"
        )
    );
    assert!(out.status.success());

    let config = config::parse(&default).unwrap();
    let mut lines = default.lines();
    for binding in Keymap::default().bindings() {
        let line = format!(
            "{:?}: {:?}, // {}",
            binding.key.name(),
            htx::keymap::command_name(binding.command),
            binding.command.doc()
        );
        assert!(
            lines.any(|l| l.trim() == line),
            "not in order: {line}\n{default}"
        );
    }
    for mode in Mode::ALL {
        let name = htx::keymap::mode_name(mode);
        assert!(
            default.contains(&format!("        {name:?}: {{\n")),
            "{name}"
        );
    }
    for setting in [
        "autosave_seconds: None,",
        "theme: \"dark\",",
        "styles: {},",
        "ascii: false,",
        "mouse: false,",
        "// styles: {",
    ] {
        assert!(default.contains(setting), "{setting}");
    }
    assert_eq!(config.keymap(), Keymap::default());
    assert_eq!(config.theme(false), Theme::dark());
    assert_eq!(
        Config {
            keys: Vec::new(),
            ..config
        },
        Config::default()
    );
}

#[test]
fn check_looks_at_the_config_in_use_and_summarises_it() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("config/htx/config.ron");
    let out = htx(&["config", "--check"], home.path(), None);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        format!("{}: no config; the defaults apply\n", path.display())
    );
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        r#"(
            theme: "light",
            autosave_seconds: 120,
            mouse: true,
            styles: { "key": (fg: "blue") },
            keys: { "browse": { "x": "delete", "d": "none" } },
        )"#,
    )
    .unwrap();
    let summary = "theme light, 1 key rebound and 1 key unbound, 1 role restyled, autosave after 120 s, ascii off, mouse on";
    let out = htx(&["config", "--check"], home.path(), None);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        format!("{}: ok: {summary}\n", path.display())
    );
    // An empty NO_COLOR is no NO_COLOR; any other value makes the theme mono.
    let out = htx(&["config", "--check"], home.path(), Some(""));
    assert_eq!(
        text(&out.stdout),
        format!("{}: ok: {summary}\n", path.display())
    );
    let out = htx(&["config", "--check"], home.path(), Some("1"));
    assert!(
        text(&out.stdout).contains(": ok: theme mono (NO_COLOR is set; the config says light), "),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn check_of_a_named_file_that_is_missing_fails_and_config_needs_a_flag() {
    let home = tempfile::tempdir().unwrap();
    let out = htx(&["config", "--check", "nowhere.ron"], home.path(), None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "nowhere.ron: no such file\n");
    let out = htx(&["config"], home.path(), None);
    assert_eq!(out.status.code(), Some(2));
    let out = htx(&["config", "--default", "--check"], home.path(), None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_readme_example_is_a_good_config() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("\n## Your keys and colours\n")
        .nth(1)
        .expect("README.md has no \"## Your keys and colours\" section");
    let example = section
        .split("```ron\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("no ```ron example in the section");
    let config = config::parse(example).unwrap_or_else(|err| panic!("{err:?}\n{example}"));
    assert_eq!(config.autosave_seconds, Some(120));
    assert_eq!(config.theme, "light");
    assert_eq!(config.styles.len(), 2);
    assert!(config.ascii && config.mouse);
    assert_eq!(config.keys.len(), 3);
    // Just before the key tables it points to.
    assert_eq!(
        section.lines().find(|line| line.starts_with("## ")),
        Some("## Keys")
    );
}
