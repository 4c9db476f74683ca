//! Every view, overlay and dialog in Vietnamese and in English, at 80×24 and 120×40; and no
//! word of one language's table on the other language's screens.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::{app, draw, keys, screen_text, type_text};
use htx::app::{Action, App, Command, SaveOutcome, update};
use htx::lang::{self, Lang};
use htx::model::merge::{Conflict, RecordKey};

/// How a screen is reached from the start.
enum Reach {
    /// Keys, then text typed.
    Keys(&'static str, &'static str),
    /// A save that met two conflicts, then keys.
    Conflicts(&'static str),
    /// A save that would change the file's owner.
    OwnerChange,
}

use Reach::{Conflicts, Keys, OwnerChange};

/// The views, the overlays over them and the questions, as a user reaches them.
const SCREENS: &[(&str, Reach)] = &[
    ("provinces", Keys("", "")),
    ("provinces_nam_dinh", Keys("j j j j j j", "")),
    ("cooperatives", Keys("j j j j j j Enter", "")),
    (
        "cooperatives_filtered",
        Keys("j j j j j j Enter f j l j l Esc o", ""),
    ),
    (
        "cooperatives_none_match",
        Keys("j j j j j j Enter f l l l l", ""),
    ),
    ("cooperative_page", Keys("j j j j j j Enter j j Enter", "")),
    ("plan", Keys("3", "")),
    ("plan_provinces", Keys("3 j j j Enter j j", "")),
    ("plan_filtered", Keys("3 f l Esc", "")),
    ("entry_page", Keys("3 j j j Enter j j Enter", "")),
    ("help", Keys("?", "")),
    ("help_end", Keys("? G", "")),
    ("search_empty", Keys("/", "")),
    ("search", Keys("/", "nam dinh")),
    ("search_result", Keys("/", "nam dinh")),
    ("search_notes", Keys("/", "hoi nghi")),
    ("filters", Keys("j j j j j j Enter f", "")),
    ("note_editor", Keys("3 j j j Enter j j e", "")),
    ("throw_away_typing", Keys("3 j j j Enter j j e", "x")),
    ("item_form", Keys("3 a", "")),
    (
        "item_form_error",
        Keys(
            "3 a Tab Tab Backspace Backspace Backspace Backspace Backspace Backspace Backspace Backspace Backspace Backspace",
            "31/02/2011",
        ),
    ),
    ("cooperative_form", Keys("j j j j j j Enter e", "")),
    ("save_as", Keys("w", "")),
    ("delete_item", Keys("3 d", "")),
    ("delete_cooperative", Keys("j j j j j j Enter d", "")),
    ("unsaved_edits", Keys("3 Enter Space q", "")),
    ("undone", Keys("3 Enter Space u", "")),
    ("conflicts", Conflicts("")),
    ("conflict_value", Conflicts("m e")),
    ("owner_change", OwnerChange),
];

/// The app on the screen `name` at a size, in the current thread's language.
fn reach(name: &str, reach: &Reach, width: u16, height: u16) -> App {
    let mut app = app(width, height);
    match reach {
        Keys(script, typed) => {
            keys(&mut app, script);
            type_text(&mut app, typed);
            match name {
                "throw_away_typing" => {
                    keys(&mut app, "Esc");
                }
                "search_result" | "item_form_error" => {
                    keys(&mut app, "Enter");
                }
                _ => {}
            }
        }
        Conflicts(script) => {
            keys(&mut app, "3 j j j Enter j j Space s");
            let mut conflicts = common::two_conflicts_on_kh04();
            conflicts.push(Conflict {
                record: RecordKey::Cooperative("HTX-36-001".into()),
                field: None,
                base: Some("(…)".into()),
                ours: None,
                theirs: Some("(…)".into()),
                labels: None,
            });
            update(
                &mut app,
                Action::SaveFinished(SaveOutcome::Conflicts { conflicts }),
            );
            keys(&mut app, script);
        }
        OwnerChange => {
            keys(&mut app, "3 j j j Enter j j Space s");
            // The store's reason, as it reads in the language.
            let reason = match lang::current() {
                Lang::Vi => {
                    "chưa lưu: ke-hoach-2011.ron thuộc người dùng 1001 (nhóm 1001); lưu bây giờ thì tệp mới sẽ thuộc về bạn"
                }
                Lang::En => {
                    "not saved yet: ke-hoach-2011.ron belongs to user 1001 (group 1001); a save would make the new file yours"
                }
            };
            update(
                &mut app,
                Action::SaveFinished(SaveOutcome::OwnerWouldChange(reason.into())),
            );
        }
    }
    app
}

fn snapshots(lang: Lang, width: u16, height: u16) {
    lang::pin(lang);
    for (name, how) in SCREENS {
        let app = reach(name, how, width, height);
        let text = screen_text(&draw(&app, width, height));
        insta::assert_snapshot!(format!("{}_{name}_{width}x{height}", lang.code()), text);
    }
    let app = app(40, 10);
    insta::assert_snapshot!(
        format!("{}_too_small_40x10", lang.code()),
        screen_text(&draw(&app, 40, 10))
    );
}

#[test]
fn vietnamese_at_80x24() {
    snapshots(Lang::Vi, 80, 24);
}

#[test]
fn vietnamese_at_120x40() {
    snapshots(Lang::Vi, 120, 40);
}

#[test]
fn english_at_80x24() {
    snapshots(Lang::En, 80, 24);
}

#[test]
fn english_at_120x40() {
    snapshots(Lang::En, 120, 40);
}

/// The words of one language's table: every string literal of its constant in
/// `src/lang/tui.rs` but match patterns (placeholders left out), and every command's help and
/// hint words.
fn table_words(lang: Lang) -> BTreeSet<String> {
    let source = include_str!("../src/lang/tui.rs");
    let start = source
        .find(&format!("pub const {}: Tui", lang.code().to_uppercase()))
        .unwrap();
    let end = source[start..].find("\n};\n").unwrap() + start;
    let mut text = String::new();
    let mut rest = &source[start..end];
    while let Some(open) = rest.find('"') {
        let after = &rest[open + 1..];
        let close = after.find('"').unwrap();
        rest = &after[close + 1..];
        // A match arm's pattern is a name of the file's, not words of the table.
        let pattern = rest.trim_start().starts_with("=>") || rest.trim_start().starts_with('|');
        if !pattern {
            text.push_str(&after[..close]);
            text.push(' ');
        }
    }
    lang::pin(lang);
    for command in Command::ALL {
        text.push_str(command.doc_in(lang));
        text.push(' ');
        text.push_str(command.label());
        text.push(' ');
    }
    words(&strip_placeholders(&text))
}

fn strip_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Words of two letters or more, lower-cased.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

/// Words of the data: names, notes, titles, who changed what. They are on the screens in
/// whatever language they were written in.
fn data_words() -> BTreeSet<String> {
    let data = htx::store::builtin().unwrap();
    let mut text: Vec<&str> = vec![
        data.region.name.as_str(),
        data.region.source.as_str(),
        data.plan.title.as_str(),
    ];
    text.extend(data.region.rating_shares.iter().map(|s| s.grade.as_str()));
    text.extend(
        data.sectors
            .iter()
            .flat_map(|s| [s.id.as_str(), s.name.as_str()]),
    );
    for province in &data.provinces {
        text.extend([
            province.code.as_str(),
            province.name.as_str(),
            province.kind.as_str(),
        ]);
        if let Some(successor) = &province.successor {
            text.extend([successor.code.as_str(), successor.name.as_str()]);
        }
    }
    for coop in &data.cooperatives {
        text.extend([
            coop.id.as_str(),
            coop.name.as_str(),
            coop.notes.as_str(),
            coop.sector.as_str(),
        ]);
        text.extend(coop.district.as_deref());
        for rating in &coop.ratings {
            text.extend([rating.scheme.as_str(), rating.grade.as_str()]);
        }
    }
    for item in &data.plan.items {
        text.extend([item.id.as_str(), item.title.as_str(), item.detail.as_str()]);
        text.extend(item.owner.as_deref());
        for entry in &item.progress {
            text.push(&entry.note);
            text.extend(entry.changed_by.as_deref());
        }
    }
    words(&text.join(" "))
}

/// Words both tables may use: the program's and the records' names, the abbreviations the
/// Vietnamese interface keeps, the keys as keyboards label them, and the file format.
const SHARED: &[&str] = &[
    "htx",
    "tht",
    "lh",
    "lm",
    "kh",
    "id",
    "utc",
    "ron",
    "enter",
    "esc",
    "tab",
    "ctrl",
    "pgup",
    "pgdn",
    "home",
    "end",
    "space",
    "backspace",
    "delete",
    "shift",
    "fg",
    "khá",
    "giỏi",
    "tổ",
    "hợp",
    "tác",
    "xã",
    "liên",
    "hiệp",
    "minh",
    "tốt",
    // A word of both languages: "phóng to" is "enlarge".
    "to",
];

#[test]
fn no_word_of_one_language_on_the_others_screens() {
    let data = data_words();
    let shared: BTreeSet<String> = SHARED.iter().map(|w| (*w).to_string()).collect();
    let english = table_words(Lang::En);
    let vietnamese = table_words(Lang::Vi);
    // A word the data holds says nothing about which language is on the screen; a word in
    // both tables must be one of the shared words, or it is a translation left undone.
    let only = |mine: &BTreeSet<String>| -> BTreeSet<String> {
        mine.iter()
            .filter(|w| !data.contains(*w) && !shared.contains(*w))
            .cloned()
            .collect()
    };
    let only_english = only(&english);
    let only_vietnamese = only(&vietnamese);
    assert!(only_english.contains("unsaved") && only_vietnamese.contains("lưu"));
    let both: Vec<&String> = only_english.intersection(&only_vietnamese).collect();
    assert!(both.is_empty(), "words in both tables: {both:?}");
    let mut wrong = Vec::new();
    for (lang, foreign) in [(Lang::Vi, &only_english), (Lang::En, &only_vietnamese)] {
        lang::pin(lang);
        for (width, height) in [(80, 24), (120, 40)] {
            for (name, how) in SCREENS {
                let app = reach(name, how, width, height);
                let text = screen_text(&draw(&app, width, height));
                // The file's name is the user's, in any language.
                let file = words(&app.source);
                let found: Vec<String> = words(&text)
                    .into_iter()
                    .filter(|w| foreign.contains(w) && !file.contains(w))
                    .collect();
                if !found.is_empty() {
                    wrong.push(format!("{lang:?} {name} {width}x{height} shows {found:?}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Vietnamese places a tone mark two ways ("hóa" and "hoá", "thủy" and "thuỷ"); the interface
/// uses one, the one the seed report uses ("khóa IX"), so no word ends in the other.
#[test]
fn one_way_of_placing_tones() {
    let sources = [
        include_str!("../src/lang/tui.rs"),
        include_str!("../src/lang/cli.rs"),
        include_str!("../src/lang/errors.rs"),
        include_str!("../src/lang/help.rs"),
        include_str!("../src/app/command.rs"),
    ];
    let old_style = [
        "oá", "oà", "oả", "oã", "oạ", "oé", "oè", "oẻ", "oẽ", "oẹ", "uý", "uỳ", "uỷ", "uỹ", "uỵ",
    ];
    let found: BTreeSet<String> = sources
        .iter()
        .flat_map(|source| words(source))
        .filter(|word| old_style.iter().any(|ending| word.ends_with(ending)))
        .collect();
    assert!(found.is_empty(), "{found:?}");
}
