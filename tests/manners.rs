//! The help, the key-hint bar and the entry page: what they show, where the user is, and
//! that their keys reach every line and only keys that do something are offered.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{app, draw, keys, screen_text, type_text};
use htx::app::{Action, App, Effect, Layer, Mode, update};

/// The screen's last row: the hint bar.
fn hint_bar(app: &App) -> String {
    let (width, height) = (app.size.width, app.size.height);
    screen_text(&draw(app, width, height))
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// The app with a three-line note on Hà Nam's entry of KH-04 (which had none), stamped, on
/// the plan's province list with Hà Nam selected.
fn with_long_note(width: u16, height: u16) -> App {
    let mut app = app(width, height);
    app.user = "lan.nguyen".into();
    update(
        &mut app,
        Action::Clock("2011-11-30T09:05:00Z".parse().unwrap()),
    );
    keys(&mut app, "3 j j j Enter");
    while app
        .selected_plan_province()
        .is_none_or(|p| app.dataset.provinces[p].name != "Hà Nam")
    {
        keys(&mut app, "j");
    }
    keys(&mut app, "e");
    assert_eq!(
        app.editor().unwrap().text.text(),
        "",
        "Hà Nam has no note on KH-04"
    );
    type_text(&mut app, "Đã hoàn thành dự thảo báo cáo tổng kết.");
    keys(&mut app, "Enter");
    type_text(
        &mut app,
        "Chờ Tỉnh ủy cho ý kiến trước ngày 15-12; sau đó gửi Liên minh HTX Việt Nam.",
    );
    keys(&mut app, "Enter");
    type_text(&mut app, "Người phụ trách: chị Lan.");
    keys(&mut app, "Ctrl-s");
    assert!(app.editor().is_none(), "{:?}", app.message);
    app
}

#[test]
fn the_help_scrolls_to_its_last_line_and_no_further() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = app(width, height);
        keys(&mut app, "? G");
        let at_end = app.help_scroll().unwrap();
        assert!(
            at_end > 0,
            "{width}x{height}: the help fits, nothing to scroll"
        );
        insta::assert_snapshot!(
            format!("help_end_{width}x{height}"),
            screen_text(&draw(&app, width, height))
        );
        keys(&mut app, "j j j PgDn");
        assert_eq!(app.help_scroll(), Some(at_end), "bounded at the end");
        keys(&mut app, "k");
        assert_eq!(
            app.help_scroll(),
            Some(at_end - 1),
            "k moves at once from the end"
        );
        keys(&mut app, "g");
        assert_eq!(app.help_scroll(), Some(0));
        keys(&mut app, "PgDn");
        assert!(app.help_scroll().unwrap() > 1, "PgDn moves a page");
        for _ in 0..240 {
            keys(&mut app, "j");
        }
        assert_eq!(app.help_scroll(), Some(at_end));
        keys(&mut app, "Esc");
        assert_eq!(app.mode(), Mode::Browse);
    }
}

#[test]
fn the_help_lists_every_mode_and_its_last_line_is_reachable() {
    let mut app = app(80, 24);
    keys(&mut app, "? G");
    let screen = screen_text(&draw(&app, 80, 24));
    // The last section is the help's own keys, and its last row is on screen.
    assert!(
        screen.contains("Give the terminal back to the shell"),
        "{screen}"
    );
    let mut seen = String::new();
    keys(&mut app, "g");
    loop {
        seen.push_str(&screen_text(&draw(&app, 80, 24)));
        let before = app.help_scroll();
        keys(&mut app, "PgDn");
        if app.help_scroll() == before {
            break;
        }
    }
    for heading in [
        "Moving around and editing",
        "Reading an entry",
        "In the search prompt",
        "In the filter popup",
        "In the note editor",
        "In a form",
        "When htx asks",
        "Yes or no",
        "In this help",
    ] {
        assert!(seen.contains(heading), "{heading} is not in the help");
    }
}

/// Every place and mode a user meets, with the key script that gets there.
const PLACES: [(&str, &str); 14] = [
    ("provinces", ""),
    ("cooperatives", "Enter"),
    ("cooperative page", "Enter Enter"),
    ("plan items", "3"),
    ("plan provinces", "3 Enter"),
    ("plan provinces after an edit", "3 Enter Space"),
    ("entry page", "3 Enter Enter"),
    ("search", "/ nam"),
    ("filter", "2 f"),
    ("note editor", "3 Enter e"),
    ("item form", "3 e"),
    ("delete question", "3 d"),
    ("quit dialog", "3 Enter Space q"),
    ("help", "?"),
];

fn at(place: &str, script: &str) -> App {
    let mut app = app(80, 24);
    if let Some(query) = script.strip_prefix("/ ") {
        keys(&mut app, "/");
        type_text(&mut app, query);
    } else {
        keys(&mut app, script);
    }
    assert_ne!(app.size.width, 0, "{place}");
    app
}

#[test]
fn the_hint_bar_follows_the_user() {
    let mut bars = String::new();
    for (place, script) in PLACES {
        let app = at(place, script);
        bars.push_str(&format!("{place:<30}|{}\n", hint_bar(&app)));
    }
    insta::assert_snapshot!("hint_bars_80x24", bars);
}

/// What a key could change that a user sees.
fn seen(app: &App) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {:?} {:?} {:?} {:?}",
        app.view,
        app.plan_focus,
        app.provinces,
        app.cooperatives,
        app.plan_items,
        app.plan_provinces,
        app.detail_scroll,
        app.layers,
        app.history.pending.len(),
        app.message,
        app.mode(),
        app.coop_filter,
        app.plan_filter,
    )
}

#[test]
fn every_hint_does_something_where_it_is_shown() {
    for (place, script) in PLACES {
        let app = at(place, script);
        let mode = app.mode();
        if matches!(mode, Mode::Dialog | Mode::Question) {
            assert!(
                app.hints().is_empty(),
                "{place}: a question lists its own keys"
            );
            continue;
        }
        for (commands, label) in app.hints() {
            // A pair (`j/k`, `g/G`) is one hint: from the top one of the two moves nowhere.
            let changed = commands.iter().any(|&command| {
                let mut tried = app.clone();
                let before = seen(&tried);
                let effect = update(&mut tried, Action::Command(command));
                effect != Effect::None || seen(&tried) != before
            });
            assert!(
                changed,
                "{place}: the hint {label:?} ({commands:?}) does nothing"
            );
            assert!(
                !app.keymap.keys_for(mode, commands[0]).is_empty(),
                "{place}: {commands:?} has no key in {mode:?}"
            );
        }
    }
}

#[test]
fn the_provinces_view_offers_no_way_back_and_the_plan_offers_its_edits() {
    let app = app(80, 24);
    let bar = hint_bar(&app);
    assert!(!bar.contains("Esc"), "{bar}");
    let app = at("plan provinces", "3 Enter Space");
    let bar = hint_bar(&app);
    for wanted in ["Space status", "- n/a", "e note", "u undo", "s save"] {
        assert!(bar.contains(wanted), "{wanted} is not in {bar}");
    }
}

#[test]
fn the_entry_page_shows_the_whole_note_who_and_when() {
    let mut app = with_long_note(80, 24);
    keys(&mut app, "Enter");
    assert!(matches!(app.layers.last(), Some(Layer::Entry { .. })));
    let screen = screen_text(&draw(&app, 80, 24));
    insta::assert_snapshot!("entry_page_80x24", screen);
    for line in [
        "Hà Nam (35)",
        "2011-11-30 09:05 UTC by lan.nguyen",
        "Người phụ trách: chị Lan.",
    ] {
        assert!(screen.contains(line), "{line} not on the page:\n{screen}");
    }
    // Nothing to scroll at this size: j stays, e edits the note.
    keys(&mut app, "j j G");
    assert_eq!(app.entry_scroll(), Some(0));
    keys(&mut app, "e");
    assert_eq!(app.mode(), Mode::Edit);
}

#[test]
fn a_long_entry_page_scrolls_to_its_end_and_stops() {
    let mut app = with_long_note(60, 14);
    keys(&mut app, "Enter");
    keys(&mut app, "G");
    let end = app.entry_scroll().unwrap();
    assert!(end > 0, "the page fits at 60x14");
    let screen = screen_text(&draw(&app, 60, 14));
    assert!(
        screen.contains("chị Lan."),
        "the last line is reachable:\n{screen}"
    );
    keys(&mut app, "j PgDn");
    assert_eq!(app.entry_scroll(), Some(end));
    keys(&mut app, "k");
    assert_eq!(app.entry_scroll(), Some(end - 1));
    keys(&mut app, "Esc");
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn the_header_keeps_the_file_and_the_count_at_80_columns() {
    let mut app = at("plan provinces after an edit", "3 Enter Space j Space");
    app.source = "/srv/lien-minh/ke-hoach/cum-dong-bang-song-hong-2011.ron".into();
    let screen = screen_text(&draw(&app, 80, 24));
    let title = screen.lines().next().unwrap();
    assert!(title.contains("● 2 unsaved"), "{title}");
    assert!(title.trim_end().ends_with("-song-hong-2011.ron"), "{title}");
    assert!(
        title.contains(" …"),
        "the file name is shortened from the left: {title}"
    );
    assert!(title.contains("as of 2011-06-21"), "{title}");
    assert!(unicode_width::UnicodeWidthStr::width(title) <= 80);
}

#[test]
fn the_cooperatives_tab_names_the_province_it_would_show() {
    let mut app = app(80, 24);
    keys(&mut app, "j j j j j j j j j");
    let name = app.dataset.provinces[app.selected_province().unwrap()]
        .name
        .clone();
    let screen = screen_text(&draw(&app, 80, 24));
    let tabs = screen.lines().nth(2).unwrap();
    assert!(tabs.contains(&format!("2 Cooperatives: {name}")), "{tabs}");
}

/// A question's box is as tall as its wrapped lines: the last answer is never cut, however
/// narrow the terminal.
#[test]
fn the_conflict_question_shows_its_last_line_at_every_width() {
    use htx::app::SaveOutcome;
    use htx::model::merge::{Conflict, RecordKey};
    for width in [50, 60, 80, 100] {
        let mut app = app(width, 24);
        keys(&mut app, "3 Enter Space s");
        let conflict = Conflict {
            record: RecordKey::Progress {
                item: "KH-01".into(),
                province: "01".into(),
            },
            field: Some("note".into()),
            base: Some("Đã triển khai".into()),
            ours: Some("Đã triển khai ở 10 huyện, thị xã và thành phố trực thuộc".into()),
            theirs: Some("Đã triển khai ở các huyện; chờ báo cáo của thành phố".into()),
            labels: None,
        };
        update(
            &mut app,
            Action::SaveFinished(SaveOutcome::Conflicts {
                conflicts: vec![conflict],
            }),
        );
        let screen = screen_text(&draw(&app, width, 24));
        let tail: String = screen
            .lines()
            .map(|line| line.trim_matches(|c: char| c == '│' || c.is_whitespace()))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            tail.contains("(your edits stay unsaved)"),
            "{width} columns:\n{screen}"
        );
    }
}
