//! A sweep of sizes from 1×1 to 300×100 that every screen must draw at without panicking, and
//! data that must never reach the terminal raw. The snapshots of every screen, in both
//! languages, are in `languages.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{app, draw, keys, screen_text, type_text};

/// The screens a user can reach, as key scripts from the start.
const SCREENS: &[(&str, &str)] = &[
    ("provinces", ""),
    ("provinces_nam_dinh", "j j j j j j"),
    ("cooperatives", "j j j j j j Enter"),
    ("cooperative_page", "j j j j j j Enter j j Enter"),
    ("plan", "3"),
    ("plan_provinces", "3 j j j Enter j j"),
    ("dashboard", "4 l l l j j"),
    ("help", "?"),
];

#[test]
fn every_screen_draws_at_every_size() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for width in 1..=90 {
        for height in 1..=30 {
            sizes.push((width, height));
        }
    }
    for width in (90..=300).step_by(7) {
        for height in (30..=100).step_by(7) {
            sizes.push((width, height));
        }
    }
    sizes.push((300, 100));
    for (_, script) in SCREENS {
        for &(width, height) in &sizes {
            let mut app = app(width, height);
            keys(&mut app, script);
            // Move around at this size too, so offsets computed for it are exercised.
            keys(&mut app, "G PgUp Ctrl-d");
            draw(&app, width, height);
        }
    }
    // The overlays: search with results, filters, the note editor, a form showing an error,
    // and the question asked when quitting with unsaved edits.
    let overlays: [(&str, &str); 5] = [
        ("/", "nam dinh"),
        ("2 f j l", ""),
        (
            "3 Enter j j e End",
            " Đã họp, thêm một dòng rất dài để cuộn ngang",
        ),
        ("3 a Enter", ""),
        ("3 Enter Space q", ""),
    ];
    for (script, typed) in overlays {
        for &(width, height) in sizes.iter().step_by(3) {
            let mut app = app(width, height);
            keys(&mut app, script);
            type_text(&mut app, typed);
            draw(&app, width, height);
        }
    }
}

#[test]
fn escape_sequences_in_data_are_never_drawn_raw() {
    let mut app = app(100, 30);
    std::sync::Arc::make_mut(&mut app.dataset).provinces[0].name =
        "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J".into();
    app.index = htx::app::Index::build(&app.dataset);
    let terminal = draw(&app, 100, 30);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "control character drawn: {:?}",
            cell.symbol()
        );
    }
    assert!(screen_text(&terminal).contains("Evil\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J"));
}
