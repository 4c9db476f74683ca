//! The README's key tables are the keymap: section by section (a table per mode, as the help
//! overlay groups the keys), the same rows, keys and text, in the same order. A key added,
//! changed, dropped or moved to another mode without the README fails here, and so does a
//! README row that the keymap no longer has.
#![allow(clippy::expect_used)]

use htx::app::Mode;
use htx::keymap::Keymap;

/// The modes in keymap order, which is the order of the README's tables.
const MODES: [Mode; 9] = Mode::ALL;

/// The bold heading over a mode's table in the README's "Keys" section. Exhaustive: a new
/// mode does not compile until its table has a heading (and a place in [`MODES`]).
fn heading(mode: Mode) -> &'static str {
    match mode {
        Mode::Browse => "Moving around and editing",
        Mode::Read => "On an entry's page",
        Mode::Search => "In the search prompt",
        Mode::Filter => "In the filter popup",
        Mode::Edit => "In the note editor",
        Mode::Form => "In a form",
        Mode::Dialog => "In a question",
        Mode::Question => "In a yes/no question",
        Mode::Help => "In the help overlay",
    }
}

/// One table: its heading and its rows as written.
type Section = (String, Vec<String>);

/// The tables the keymap asks for, one per mode, rows as the help overlay lists them.
fn expected() -> Vec<Section> {
    let keymap = Keymap::default();
    MODES
        .into_iter()
        .map(|mode| {
            let rows = keymap
                .help(mode)
                .into_iter()
                .map(|(command, keys)| {
                    let keys: Vec<String> =
                        keys.iter().map(|k| format!("`{}`", k.name())).collect();
                    format!("| {} | {} |", keys.join(" "), command.doc())
                })
                .collect();
            (heading(mode).to_string(), rows)
        })
        .collect()
}

/// The tables of the README's `## Keys` section: each bold line starts a section (its bold
/// part is the heading), each table row under it is one of its rows. Rows before any
/// heading come under the heading `""`, so they cannot hide.
fn readme_sections(readme: &str) -> Vec<Section> {
    let mut lines = readme
        .lines()
        .skip_while(|line| line.trim_end() != "## Keys");
    assert!(
        lines.next().is_some(),
        "README.md has no \"## Keys\" section"
    );
    let mut sections: Vec<Section> = Vec::new();
    for line in lines.take_while(|line| !line.starts_with("## ")) {
        if let Some(rest) = line.strip_prefix("**") {
            let title = rest.split("**").next().unwrap_or(rest);
            sections.push((title.to_string(), Vec::new()));
        } else if line.starts_with('|') {
            let header = line == "| keys | what they do |" || line.starts_with("|--");
            if !header {
                if sections.is_empty() {
                    sections.push((String::new(), Vec::new()));
                }
                if let Some((_, rows)) = sections.last_mut() {
                    rows.push(line.trim_end().to_string());
                }
            }
        }
    }
    sections
}

/// Everything in which `readme`'s key tables differ from the keymap, one line each.
fn differences(readme: &str) -> Vec<String> {
    let found = readme_sections(readme);
    let wanted = expected();
    let mut problems = Vec::new();
    let titles = |sections: &[Section]| sections.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>();
    if titles(&found) != titles(&wanted) {
        problems.push(format!(
            "the README's key sections are {:?}, the keymap's {:?}",
            titles(&found),
            titles(&wanted)
        ));
    }
    for (title, rows) in &wanted {
        let Some((_, readme_rows)) = found.iter().find(|(t, _)| t == title) else {
            problems.push(format!("no table under **{title}**"));
            continue;
        };
        for row in rows.iter().filter(|row| !readme_rows.contains(row)) {
            problems.push(format!("**{title}** lacks the row\n    {row}"));
        }
        for row in readme_rows.iter().filter(|row| !rows.contains(row)) {
            problems.push(format!(
                "**{title}** has a row the keymap does not have there\n    {row}"
            ));
        }
        let common = |of: &[String], other: &[String]| {
            of.iter()
                .filter(|row| other.contains(row))
                .cloned()
                .collect::<Vec<_>>()
        };
        let (theirs, ours) = (common(readme_rows, rows), common(rows, readme_rows));
        if theirs != ours {
            problems.push(format!(
                "**{title}** lists its rows in another order than the keymap:\n    {}",
                ours.join("\n    ")
            ));
        }
    }
    problems
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md cannot be read")
}

#[test]
fn readme_lists_every_key_as_the_keymap_has_it_section_by_section() {
    let problems = differences(&readme());
    assert!(problems.is_empty(), "README.md:\n{}", problems.join("\n"));
}

#[test]
fn every_mode_has_one_section() {
    for (i, mode) in MODES.iter().enumerate() {
        assert!(!MODES[i + 1..].contains(mode), "{mode:?} twice");
        assert!(
            !Keymap::default().help(*mode).is_empty(),
            "{mode:?} has no keys"
        );
    }
}

/// The check itself catches what it is for: a stale row, a row in the wrong section, rows
/// out of order, a missing row, a section too many. Each is made in a copy of the README.
#[test]
fn the_check_catches_stale_moved_reordered_and_missing_rows() {
    let readme = readme();
    let search_row = "| `/` | Search everything: provinces, cooperatives, plan items and notes. |";
    let undo_row = "| `u` | Undo the last edit. |";
    let redo_row = "| `Ctrl-r` | Redo the last undone edit. |";
    for row in [search_row, undo_row, redo_row] {
        assert_eq!(
            readme.matches(row).count(),
            1,
            "the README no longer has {row}"
        );
    }
    let help_heading = "**In the help overlay**\n";
    assert!(readme.contains(help_heading));

    let stale = readme.replacen(
        undo_row,
        &format!("{undo_row}\n| `F5` | Draw the screen again. |"),
        1,
    );
    let moved = readme.replacen(&format!("{search_row}\n"), "", 1).replacen(
        "| `?` | Show or hide this help. |\n| `Esc` `q` |",
        &format!("| `?` | Show or hide this help. |\n{search_row}\n| `Esc` `q` |"),
        1,
    );
    let swapped = readme.replacen(
        &format!("{undo_row}\n{redo_row}"),
        &format!("{redo_row}\n{undo_row}"),
        1,
    );
    let missing = readme.replacen(&format!("{redo_row}\n"), "", 1);
    let extra_section = readme.replacen(
        help_heading,
        &format!(
            "**In a popup**\n\n| keys | what they do |\n|---|---|\n{undo_row}\n\n{help_heading}"
        ),
        1,
    );
    let cases = [
        ("a stale row", stale, "`F5`"),
        ("a row in the wrong section", moved, search_row),
        ("rows out of order", swapped, "another order"),
        ("a missing row", missing, redo_row),
        ("a section too many", extra_section, "In a popup"),
    ];
    for (what, copy, mentioned) in cases {
        assert!(
            copy != readme,
            "{what}: the copy of the README was not changed"
        );
        let problems = differences(&copy).join("\n");
        assert!(
            problems.contains(mentioned),
            "{what} was not caught (looked for {mentioned:?}):\n{problems}"
        );
    }
}
