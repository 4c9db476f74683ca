//! The dashboard (view 4): snapshots at 80×24 and 120×40 in both languages, in `dark`,
//! `mono` and ASCII; every size from 1×1 up without a panic, on the built-in data and on
//! generated data with all 63 provinces (the matrix scrolls sideways); its keys: moving across
//! the matrix, Space cycling a status in place, Enter opening the entry in the plan view.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

#[allow(dead_code)]
#[path = "../examples/generate.rs"]
mod generate;

use common::{app, draw, keys, screen_text, styled};
use htx::app::{Action, App, PlanFocus, View, update};
use htx::lang::{self, Lang};
use htx::model::{Date, ProgressStatus, figures};
use htx::theme::Theme;
use std::sync::Arc;

/// The dashboard on the built-in data on 1 December 2011 (five items overdue), with Nam
/// Định's entry on KH-03 selected.
fn dashboard(width: u16, height: u16, theme: Theme) -> App {
    let mut app = app(width, height);
    app.theme = theme;
    update(&mut app, Action::Today(Date::new(2011, 12, 1).unwrap()));
    keys(&mut app, "4 l l l l l l j j");
    assert_eq!(app.view, View::Dashboard);
    app
}

fn snapshots(lang: Lang) {
    lang::pin(lang);
    for (width, height) in [(80, 24), (120, 40)] {
        let name = |theme: &str| format!("{}_{theme}_{width}x{height}", lang.code());
        for (theme_name, theme) in [("dark", Theme::dark()), ("mono", Theme::mono())] {
            let app = dashboard(width, height, theme);
            insta::assert_snapshot!(name(theme_name), styled(&draw(&app, width, height)));
        }
        let app = dashboard(width, height, Theme::dark().in_ascii());
        insta::assert_snapshot!(name("ascii"), screen_text(&draw(&app, width, height)));
    }
}

#[test]
fn snapshots_in_english() {
    snapshots(Lang::En);
}

#[test]
fn snapshots_in_vietnamese() {
    snapshots(Lang::Vi);
}

/// The dashboard on generated data: 63 provinces, more than any matrix shows at once.
fn generated(width: u16, height: u16) -> App {
    static DATA: std::sync::OnceLock<htx::model::Dataset> = std::sync::OnceLock::new();
    let data = DATA.get_or_init(|| generate::dataset(3000, 7).unwrap());
    let mut app = App::new(data.clone(), "big.ron");
    update(&mut app, Action::Resize { width, height });
    update(&mut app, Action::Today(Date::new(2011, 12, 1).unwrap()));
    app
}

#[test]
fn every_size_draws_without_a_panic() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for width in 1..=130 {
        for height in 1..=45 {
            sizes.push((width, height));
        }
    }
    sizes.extend([(200, 60), (300, 100), (1000, 300)]);
    let mut big = generated(80, 24);
    keys(
        &mut big,
        "4 G l l l l l l l l l l l l l l l l l l l l l l l l l",
    );
    for &(width, height) in &sizes {
        for script in ["4", "4 G l l l l l l l l l l l l", "4 j h h h h"] {
            let mut app = app(width, height);
            keys(&mut app, script);
            draw(&app, width, height);
        }
        let mut app = big.clone();
        update(&mut app, Action::Resize { width, height });
        draw(&app, width, height);
    }
}

#[test]
fn the_matrix_scrolls_sideways_to_keep_the_selected_province_in_sight() {
    let mut app = generated(80, 24);
    keys(&mut app, "4");
    for _ in 0..40 {
        keys(&mut app, "l");
    }
    let province = app.dashboard_province().unwrap();
    let code = &app.dataset.provinces[province].code;
    let name = &app.dataset.provinces[province].name;
    let screen = screen_text(&draw(&app, 80, 24));
    let header = screen.lines().nth(4).unwrap();
    assert!(
        header.contains(&format!(" {code} ")) || header.contains(&format!(" {code}  ")),
        "{header}"
    );
    assert!(screen.contains(name.as_str()), "{screen}");
    // Past the last province the column stays on it.
    for _ in 0..100 {
        keys(&mut app, "l");
    }
    assert_eq!(app.dashboard.column, app.index.provinces.len() - 1);
}

#[test]
fn space_cycles_the_selected_entry_and_enter_opens_it_in_the_plan_view() {
    let mut app = app(100, 30);
    keys(&mut app, "4 l l j");
    let (item, province) = app.dashboard_entry().unwrap();
    assert_eq!((item, province), (1, app.index.provinces[2]));
    let code = app.dataset.provinces[province].code.clone();
    let before = figures::status(&app.dataset.plan.items[item], &code);
    keys(&mut app, "Space");
    let after = figures::status(&app.dataset.plan.items[item], &code);
    let expected = match before {
        ProgressStatus::NotStarted => ProgressStatus::InProgress,
        ProgressStatus::InProgress => ProgressStatus::Done,
        ProgressStatus::Done | ProgressStatus::NotApplicable => ProgressStatus::NotStarted,
    };
    assert_eq!(after, expected);
    // The matrix and the shares follow at once.
    assert_eq!(app.index.plan.status(item, province), after);
    assert_eq!(app.view, View::Dashboard);
    assert_eq!(app.unsaved_count(), 1);

    keys(&mut app, "Enter");
    assert_eq!(app.view, View::Plan);
    assert_eq!(app.plan_focus, PlanFocus::Provinces);
    assert_eq!(app.plan_items.selected, item);
    assert_eq!(app.selected_plan_province(), Some(province));

    keys(&mut app, "u");
    assert_eq!(
        figures::status(&app.dataset.plan.items[item], &code),
        before
    );
}

#[test]
fn enter_clears_a_plan_filter_that_would_hide_the_entry() {
    let mut app = app(100, 30);
    // The plan filtered to entries done; KH-10 has none in Bắc Ninh.
    keys(&mut app, "3 f l l l Esc 4 G");
    assert!(app.plan_filter.status.is_some(), "{:?}", app.plan_filter);
    let (_, province) = app.dashboard_entry().unwrap();
    keys(&mut app, "Enter");
    assert_eq!(app.selected_plan_province(), Some(province));
}

#[test]
fn tab_goes_through_the_dashboard_and_the_arrows_still_open_and_go_back_in_the_lists() {
    let mut app = app(100, 30);
    keys(&mut app, "3 Tab");
    assert_eq!(app.view, View::Dashboard);
    keys(&mut app, "Tab");
    assert_eq!(app.view, View::Provinces);
    keys(&mut app, "BackTab");
    assert_eq!(app.view, View::Dashboard);
    keys(&mut app, "1 l");
    assert_eq!(app.view, View::Cooperatives);
    keys(&mut app, "h");
    assert_eq!(app.view, View::Provinces);
    keys(&mut app, "Right Left");
    assert_eq!(app.view, View::Provinces);
}

#[test]
fn the_matrix_shows_each_items_share_as_list_prints_it() {
    let app = dashboard(80, 24, Theme::dark());
    let screen = screen_text(&draw(&app, 80, 24));
    for (i, item) in app.dataset.plan.items.iter().enumerate() {
        let row = screen
            .lines()
            .find(|line| line.contains(&format!("│{} ", item.id)))
            .unwrap_or_else(|| panic!("{} not on screen:\n{screen}", item.id));
        let percent = figures::plan_progress(&app.dataset).items[i]
            .percent()
            .unwrap();
        assert!(row.contains(&format!(" {percent}%│")), "{row}");
    }
}

#[test]
fn three_digit_codes_widen_the_matrix_columns_and_a_click_still_lands() {
    let mut data = htx::store::builtin().unwrap();
    let longer = |code: &mut String| code.insert(0, '1');
    data.provinces.iter_mut().for_each(|p| longer(&mut p.code));
    data.cooperatives
        .iter_mut()
        .for_each(|c| longer(&mut Arc::make_mut(c).province));
    for item in &mut data.plan.items {
        item.progress
            .iter_mut()
            .for_each(|e| longer(&mut e.province));
    }
    data.region
        .new_members
        .iter_mut()
        .for_each(|n| longer(&mut n.province));
    let mut app = App::new(data, "codes.ron");
    update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    keys(&mut app, "4");
    let screen = screen_text(&draw(&app, 100, 30));
    let header = screen.lines().nth(4).unwrap();
    for province in &app.dataset.provinces {
        assert!(header.contains(&format!(" {} ", province.code)), "{header}");
    }
    // A click on the last digit of Nam Định's code selects its column.
    let column = header.find(" 136 ").unwrap() + 3;
    let row = screen.lines().position(|l| l.contains("│KH-02 ")).unwrap();
    let click = htx::app::mouse::Mouse::Click {
        column: u16::try_from(header[..column].chars().count()).unwrap(),
        row: u16::try_from(row).unwrap(),
    };
    update(&mut app, Action::Mouse(click));
    let nam_dinh = app.index.province("136").unwrap();
    assert_eq!(app.dashboard_entry(), Some((1, nam_dinh)));
}
