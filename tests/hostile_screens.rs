//! Untrusted text on the full screen (issue 8, "Output hygiene"): a dataset whose every name,
//! note and title carries escape sequences, C1 controls, DEL and bidirectional formatting
//! characters is drawn on every screen and overlay, and no cell holds one of them raw.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{draw, keys, screen_text, type_text};
use htx::app::{Action, App, update};
use htx::text::is_unsafe_for_terminal;
use std::sync::Arc;

/// Appended to every text of the dataset: a word to search for, then an override, an escape
/// sequence, a one-character CSI, an isolate, DEL, the marks and a C1 line break.
const HOSTILE: &str = " pwned\u{202e}x\u{1b}[31m\u{9b}2J\u{2066}y\u{2069}\u{7f}\u{200f}\u{200e}\u{61c}\u{202a}\u{202b}\u{202c}\u{202d}\u{2067}\u{2068}\u{85}z";

fn hostile_app(width: u16, height: u16) -> App {
    let mut dataset = htx::store::builtin().unwrap();
    let spoil = |text: &mut String| text.push_str(HOSTILE);
    spoil(&mut dataset.region.name);
    for sector in &mut dataset.sectors {
        spoil(&mut sector.name);
    }
    for province in &mut dataset.provinces {
        spoil(&mut province.name);
        spoil(&mut province.kind);
    }
    for coop in &mut dataset.cooperatives {
        let coop = Arc::make_mut(coop);
        spoil(&mut coop.name);
        spoil(&mut coop.notes);
        coop.district = Some(format!("Huyện{HOSTILE}"));
        for rating in &mut coop.ratings {
            spoil(&mut rating.grade);
        }
    }
    for item in &mut dataset.plan.items {
        spoil(&mut item.title);
        spoil(&mut item.detail);
        item.owner = Some(format!("Ban{HOSTILE}"));
        for entry in &mut item.progress {
            spoil(&mut entry.note);
            entry.changed_by = Some(format!("an{HOSTILE}"));
        }
    }
    let mut app = App::new(dataset, format!("plan{HOSTILE}.ron"));
    update(&mut app, Action::Resize { width, height });
    app
}

/// Every cell drawn of `app`, checked: nothing unsafe raw, and (when `shown`) the hostile
/// text drawn at all, its characters as `�`.
fn assert_clean(app: &App, width: u16, height: u16, what: &str, shown: bool) {
    let terminal = draw(app, width, height);
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(is_unsafe_for_terminal),
            "{what}: drawn raw: {:?}",
            cell.symbol()
        );
    }
    let text = screen_text(&terminal);
    if shown {
        assert!(
            text.contains("pwned\u{FFFD}x\u{FFFD}[31m"),
            "{what}:\n{text}"
        );
    }
}

#[test]
fn hostile_text_is_never_drawn_raw_on_any_screen() {
    let screens = [
        ("provinces", "", ""),
        ("provinces_nam_dinh", "j j j j j j", ""),
        ("cooperatives", "j j j j j j Enter", ""),
        ("cooperative_page", "j j j j j j Enter j j Enter", ""),
        ("plan", "3", ""),
        ("plan_provinces", "3 j j j Enter j j", ""),
        ("search", "/", "pwned"),
        ("note_editor", "3 Enter j j e", ""),
    ];
    for (width, height) in [(80, 24), (160, 50)] {
        for (what, script, typed) in screens {
            let mut app = hostile_app(width, height);
            keys(&mut app, script);
            type_text(&mut app, typed);
            assert_clean(&app, width, height, what, true);
        }
        // Overlays that may show no data text: checked for raw characters only.
        for script in ["2 f j l", "3 a Enter", "3 Enter Space q", "?"] {
            let mut app = hostile_app(width, height);
            keys(&mut app, script);
            assert_clean(&app, width, height, script, false);
        }
    }
}
