//! Keystroke scripts through the keymap and `update`, as a user would type them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{app, keys, run};
use htx::app::{Command, Effect, PlanFocus, View};

fn province_name(app: &htx::app::App) -> &str {
    &app.dataset.provinces[app.selected_province().unwrap()].name
}

#[test]
fn enter_opens_a_province_and_escape_comes_back_to_it() {
    let mut app = app(80, 24);
    keys(&mut app, "j j j j j j");
    assert_eq!(province_name(&app), "Nam Định");
    keys(&mut app, "Enter");
    assert_eq!(app.view, View::Cooperatives);
    assert_eq!(app.province_cooperatives().len(), 6);
    let first = &app.dataset.cooperatives[app.selected_cooperative().unwrap()];
    assert_eq!(first.province, "36");
    keys(&mut app, "j Enter");
    assert_eq!(app.view, View::CooperativeDetail);
    keys(&mut app, "Esc");
    assert_eq!(app.view, View::Cooperatives);
    assert_eq!(
        app.cooperatives.selected, 1,
        "the selection survives a visit to the page"
    );
    keys(&mut app, "Backspace");
    assert_eq!(app.view, View::Provinces);
    assert_eq!(province_name(&app), "Nam Định");
}

#[test]
fn vim_and_arrow_keys_agree() {
    let mut a = app(80, 24);
    let mut b = app(80, 24);
    keys(&mut a, "j j k l j h");
    keys(&mut b, "Down Down Up Right Down Left");
    assert_eq!(
        (a.view, a.provinces, a.cooperatives),
        (b.view, b.provinces, b.cooperatives)
    );
}

#[test]
fn jumps_and_pages_stay_in_the_list() {
    let mut app = app(80, 24);
    keys(&mut app, "G");
    assert_eq!(province_name(&app), "Vĩnh Phúc");
    keys(&mut app, "g");
    assert_eq!(app.provinces.selected, 0);
    keys(&mut app, "End");
    assert_eq!(app.provinces.selected, 10);
    keys(&mut app, "Home PgDn PgDn PgDn");
    assert_eq!(app.provinces.selected, 10, "paging stops at the last row");
    keys(&mut app, "PgUp");
    assert_eq!(app.provinces.selected, 0, "a page is all 11 rows at 80×24");
    keys(&mut app, "Ctrl-d");
    assert_eq!(app.provinces.selected, 5, "half a page of 11 rows");
    keys(&mut app, "Ctrl-u");
    assert_eq!(app.provinces.selected, 0);
}

#[test]
fn small_windows_page_by_what_they_show() {
    let mut app = app(60, 14);
    // 14 rows: 4 of frame, 10 of body; no room for the detail pane, so 7 rows of data.
    keys(&mut app, "PgDn");
    assert_eq!(app.provinces.selected, 7);
    assert!(
        app.provinces.offset > 0,
        "the selection is scrolled into view"
    );
}

#[test]
fn tab_and_digits_switch_views() {
    let mut app = app(80, 24);
    keys(&mut app, "Tab");
    assert_eq!(app.view, View::Cooperatives);
    keys(&mut app, "Tab");
    assert_eq!(app.view, View::Plan);
    keys(&mut app, "Tab");
    assert_eq!(app.view, View::Dashboard);
    keys(&mut app, "Tab");
    assert_eq!(app.view, View::Provinces);
    keys(&mut app, "BackTab");
    assert_eq!(app.view, View::Dashboard);
    keys(&mut app, "4");
    assert_eq!(app.view, View::Dashboard);
    keys(&mut app, "1");
    assert_eq!(app.view, View::Provinces);
    keys(&mut app, "j 2");
    assert_eq!(app.view, View::Cooperatives);
    assert_eq!(
        app.dataset.provinces[app.province.unwrap()].name,
        "Hà Nam",
        "2 opens the selected province"
    );
    keys(&mut app, "3");
    assert_eq!(app.view, View::Plan);
}

#[test]
fn the_plan_moves_between_items_and_provinces() {
    let mut app = app(80, 24);
    keys(&mut app, "3 j j j");
    assert_eq!(app.dataset.plan.items[app.plan_items.selected].id, "KH-04");
    keys(&mut app, "Enter");
    assert_eq!(app.plan_focus, PlanFocus::Provinces);
    keys(&mut app, "j j");
    assert_eq!(
        app.dataset.provinces[app.selected_plan_province().unwrap()].name,
        "Hà Nội"
    );
    assert_eq!(
        app.dataset.plan.items[app.plan_items.selected].id, "KH-04",
        "the item stays put"
    );
    keys(&mut app, "Esc");
    assert_eq!(app.plan_focus, PlanFocus::Items);
    keys(&mut app, "G");
    assert_eq!(app.dataset.plan.items[app.plan_items.selected].id, "KH-10");
}

#[test]
fn help_opens_scrolls_and_closes_without_quitting() {
    let mut app = app(80, 24);
    keys(&mut app, "?");
    assert!(app.help_scroll().is_some());
    keys(&mut app, "j j");
    assert_eq!(app.help_scroll(), Some(2));
    assert_eq!(keys(&mut app, "q"), Effect::None, "q closes the help first");
    assert!(app.help_scroll().is_none());
    keys(&mut app, "? Esc");
    assert!(app.help_scroll().is_none());
    assert_eq!(keys(&mut app, "? Ctrl-c"), Effect::Quit);
}

#[test]
fn q_quits() {
    let mut app = app(80, 24);
    assert_eq!(keys(&mut app, "j q"), Effect::Quit);
    assert_eq!(run(&mut app, &[Command::Quit]), Effect::Quit);
}

#[test]
fn unbound_keys_do_nothing() {
    let mut app = app(80, 24);
    let before = (app.view, app.provinces, app.help_scroll());
    keys(&mut app, "x z Ctrl-h Ctrl-j");
    assert_eq!((app.view, app.provinces, app.help_scroll()), before);
}

#[test]
fn resizing_keeps_the_selection_visible() {
    let mut app = app(120, 40);
    keys(&mut app, "G");
    assert_eq!(app.provinces.offset, 0, "all rows fit");
    htx::app::update(
        &mut app,
        htx::app::Action::Resize {
            width: 60,
            height: 13,
        },
    );
    let rows = 6;
    assert!(
        app.provinces.selected < app.provinces.offset + rows
            && app.provinces.selected >= app.provinces.offset
    );
}

#[test]
#[should_panic(expected = "no key is named \"Shift-Tab-\"")]
fn a_script_with_a_key_that_does_not_exist_fails() {
    let mut app = app(80, 24);
    keys(&mut app, "j Shift-Tab- j");
}

#[test]
fn a_misspelt_key_name_is_not_read_as_its_first_letter() {
    for word in [
        "Entre",
        "PageDown",
        "Ctrl-",
        "Ctrl-Escape",
        "Shift-j",
        "Del",
        "space",
    ] {
        assert_eq!(
            common::key_event(word),
            None,
            "{word:?} was taken for a key"
        );
    }
}

/// Every key as the help overlay (and the README) writes it can be used in a script, and
/// means there what the keymap says.
#[test]
fn every_key_the_help_names_can_be_written_in_a_script() {
    use htx::app::Mode;
    let keymap = htx::keymap::Keymap::default();
    for mode in Mode::ALL {
        for (command, bound) in keymap.help(mode) {
            for key in bound {
                let name = key.name();
                let event = common::key_event(&name)
                    .unwrap_or_else(|| panic!("the help's key {name:?} cannot be scripted"));
                assert_eq!(
                    keymap.command(mode, event),
                    Some(command),
                    "{name:?} in {mode:?}"
                );
            }
        }
    }
}
