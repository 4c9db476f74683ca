//! How htx looks, beyond what the text snapshots show: cut text always ends in the ellipsis,
//! ASCII mode draws ASCII only (data text aside), `mono` uses no colour and shows the
//! selection in reverse video, and snapshots of every view in `light`, `mono` and ASCII that
//! include the styles, so that a change of colour or modifier shows up in review.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{app, draw, keys, screen_text, styled, type_text};
use htx::app::{App, PlanFocus, View, visible_offset};
use htx::lang::number as thousands;
use htx::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use unicode_segmentation::UnicodeSegmentation;

/// The views, as key scripts from the start.
const VIEWS: &[(&str, &str)] = &[
    ("provinces", ""),
    ("cooperatives", "j j j j j j Enter"),
    ("cooperative_page", "j j j j j j Enter j j Enter"),
    ("plan_items", "3"),
    ("plan_provinces", "3 j j j Enter j j"),
    ("entry_page", "3 j j j Enter j j Enter"),
    ("dashboard", "4 l l l l l l j j"),
];

/// Every popup a key opens, as a key script, text typed after it and the layer it opens.
const POPUPS: &[(&str, &str, &str, &str)] = &[
    ("help", "?", "", "Help"),
    ("search", "/", "nam dinh", "Search"),
    ("filter", "j j j j j j Enter f", "", "Filter"),
    ("filter_set", "j j j j j j Enter f l j l", "", "Filter"),
    ("plan_filter", "3 f", "", "Filter"),
    ("item_form", "3 j j j e", "", "Form"),
    ("note_editor", "3 j j j Enter j j e", "", "Note"),
    ("delete_question", "3 d", "", "Question"),
    ("quit_dialog", "3 Enter Space q", "", "Dialog"),
];

/// Every view and popup, reached by its keys; a script that does not get where it says
/// fails here rather than checking the wrong screen.
fn every_screen(width: u16, height: u16, theme: &Theme) -> Vec<(&'static str, App)> {
    let mut screens = Vec::new();
    for &(name, script) in VIEWS {
        let app = reach(width, height, theme.clone(), script, "");
        let place = match app.layers.last() {
            Some(layer) => format!("{layer:?}"),
            None => format!("{:?} {:?}", app.view, app.plan_focus),
        };
        let expected = match name {
            "provinces" => "Provinces",
            "cooperatives" => "Cooperatives",
            "cooperative_page" => "CooperativeDetail",
            "plan_items" => "Plan Items",
            "plan_provinces" => "Plan Provinces",
            "entry_page" => "Entry",
            "dashboard" => "Dashboard",
            other => panic!("{other} is not a view"),
        };
        assert!(place.starts_with(expected), "{name}: {place}");
        screens.push((name, app));
    }
    for &(name, script, typed, layer) in POPUPS {
        let app = reach(width, height, theme.clone(), script, typed);
        let top = app.layers.last().map(|l| format!("{l:?}"));
        assert!(
            top.as_deref().is_some_and(|top| top.starts_with(layer)),
            "{name}: {top:?}"
        );
        screens.push((name, app));
    }
    screens
}

const DATA: &str = include_str!("../data/builtin.ron");

fn themed(width: u16, height: u16, theme: Theme) -> App {
    let mut app = app(width, height);
    app.theme = theme;
    app
}

fn reach(width: u16, height: u16, theme: Theme, script: &str, typed: &str) -> App {
    let mut app = themed(width, height, theme);
    keys(&mut app, script);
    type_text(&mut app, typed);
    app
}

/// `reach` on data whose industry sector has the longer name registries use, with an en dash
/// (the built-in data uses the seed report's short "Công nghiệp").
fn reach_long_sector(width: u16, height: u16, theme: Theme, script: &str) -> App {
    let mut app = themed(width, height, theme);
    let data = std::sync::Arc::make_mut(&mut app.dataset);
    let sector = data
        .sectors
        .iter_mut()
        .find(|s| s.id == "cong-nghiep")
        .unwrap();
    sector.name = LONG_SECTOR.to_string();
    keys(&mut app, script);
    app
}

const LONG_SECTOR: &str = "Công nghiệp – tiểu thủ công nghiệp";

fn rows(terminal: &Terminal<TestBackend>) -> Vec<Vec<String>> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

// --- Cut text ends in the ellipsis ------------------------------------------------------

/// A table on the screen: the row of its header and the columns inside its border.
struct TableBox {
    header: usize,
    left: usize,
    right: usize,
}

/// Finds the table whose header row holds `labels` in order, and the border around it.
fn find_table(screen: &[Vec<String>], labels: &[&str], vertical: &str) -> TableBox {
    for (y, row) in screen.iter().enumerate() {
        let text: String = row.concat();
        let mut at = 0;
        let found = labels.iter().all(|label| match text[at..].find(label) {
            Some(i) => {
                at += i + label.len();
                true
            }
            None => false,
        });
        if !found {
            continue;
        }
        let cells: Vec<usize> = row
            .iter()
            .enumerate()
            .filter(|(_, s)| *s == vertical)
            .map(|(x, _)| x)
            .collect();
        // The border left of the first label and the next one after it.
        let first = text.find(labels[0]).unwrap();
        let first_x = row
            .iter()
            .scan(0, |bytes, s| {
                let here = *bytes;
                *bytes += s.len();
                Some(here)
            })
            .position(|bytes| bytes == first)
            .unwrap();
        let left = cells.iter().rev().find(|&&x| x < first_x).copied().unwrap();
        let right = cells.iter().find(|&&x| x > first_x).copied().unwrap();
        return TableBox {
            header: y,
            left,
            right,
        };
    }
    panic!("no table with the header {labels:?} on the screen");
}

/// The text of row `y` inside the table's border.
fn inside(screen: &[Vec<String>], table: &TableBox, y: usize) -> String {
    screen[y][table.left + 1..table.right].concat()
}

/// Whether `value` shows in `row` whole, or cut: a non-empty beginning of it followed by the
/// ellipsis (`value`'s beginning may lose spaces at the cut).
fn whole_or_cut(row: &str, value: &str, ellipsis: &str) -> bool {
    if row.contains(value) {
        return true;
    }
    let ends: Vec<usize> = value.grapheme_indices(true).map(|(i, _)| i).collect();
    ends.iter().skip(1).any(|&end| {
        let start = value[..end].trim_end();
        !start.is_empty() && row.contains(&format!("{start}{ellipsis}"))
    })
}

/// The data a table row shows, by view; values that are not text (bars, counts drawn as
/// numbers) are checked where they are text.
struct Shown {
    /// The header labels that find the table.
    header: &'static [&'static str],
    /// The records' values, in the table's order, and the selected record.
    records: Vec<Vec<String>>,
    selected: usize,
    offset: usize,
}

fn shown(app: &App) -> Shown {
    let data = &app.dataset;
    match (app.view, app.plan_focus) {
        (View::Provinces, _) => Shown {
            header: &["Code", "Province", "Kind", "HTX", "Plan done"],
            records: app
                .index
                .provinces
                .iter()
                .map(|&p| {
                    let province = &data.provinces[p];
                    vec![
                        province.code.clone(),
                        province.name.clone(),
                        province.kind.clone(),
                        thousands(app.index.cooperatives[p].len() as u64),
                    ]
                })
                .collect(),
            selected: app.provinces.selected,
            offset: app.provinces.offset,
        },
        (View::Cooperatives, _) => Shown {
            header: &["Name", "Sector", "Rating", "Members", "Alliance"],
            records: app
                .province_cooperatives()
                .iter()
                .map(|&c| {
                    let coop = &data.cooperatives[c];
                    let mut values = vec![
                        coop.name.clone(),
                        app.index.sector_name(data, &coop.sector).to_string(),
                        thousands(coop.members.into()),
                    ];
                    if let Some(r) = coop.latest_rating() {
                        values.push(format!("{} {}", r.grade, r.year));
                    }
                    values
                })
                .collect(),
            selected: app.cooperatives.selected,
            offset: app.cooperatives.offset,
        },
        (View::Plan, PlanFocus::Items) => Shown {
            header: &["Id", "Action item", "Due", "Done"],
            records: data
                .plan
                .items
                .iter()
                .map(|item| {
                    let mut values = vec![item.id.clone(), item.title.clone()];
                    values.extend(item.due.map(|d| d.to_string()));
                    values
                })
                .collect(),
            selected: app.plan_items.selected,
            offset: app.plan_items.offset,
        },
        (View::Plan, PlanFocus::Provinces) => {
            let item = &data.plan.items[app.plan_items.selected];
            Shown {
                header: &["Province", "Status", "Note", "Changed"],
                records: app
                    .plan_rows()
                    .iter()
                    .map(|&p| {
                        let province = &data.provinces[p];
                        let entry = item.progress_of(&province.code);
                        let mut values = vec![province.name.clone()];
                        if let Some(entry) = entry {
                            values.push(entry.status.label().to_string());
                            let note = entry.note.trim();
                            values.extend(note.lines().next().map(str::to_string));
                            let more = note.lines().count().saturating_sub(1);
                            if more > 0 {
                                values.push(format!("[+{more}]"));
                            }
                            if let Some(at) = entry.changed_at {
                                values.push(at.date().to_string());
                            }
                        }
                        values
                    })
                    .collect(),
                selected: app.plan_provinces.selected,
                offset: app.plan_provinces.offset,
            }
        }
        (View::CooperativeDetail, _) => unreachable!("the page has no table"),
        (View::Dashboard, _) => unreachable!("the matrix selects a cell, not a row"),
    }
}

/// Checks every data row of the current view's table: each value shows whole or ends in the
/// ellipsis. Returns how many values were seen cut (so a test can tell that cutting was
/// exercised at all).
fn check_table(app: &App, width: u16, height: u16, what: &str) -> usize {
    let terminal = draw(app, width, height);
    let screen = rows(&terminal);
    let symbols = app.theme.symbols();
    let vertical = symbols.border.vertical_left;
    let shown = shown(app);
    let table = find_table(&screen, shown.header, vertical);
    // Data rows run from under the header to the bottom border.
    let first = table.header + 1;
    let last = (first..screen.len())
        .find(|&y| screen[y][table.left] != vertical)
        .unwrap();
    let visible = last - first;
    let offset = visible_offset(shown.selected, shown.offset, shown.records.len(), visible);
    let mut cut = 0;
    for (i, record) in shown.records.iter().enumerate().skip(offset).take(visible) {
        let y = first + i - offset;
        let row = inside(&screen, &table, y);
        for value in record {
            let value = htx::text::display(value);
            assert!(
                whole_or_cut(&row, &value, symbols.ellipsis),
                "{what} at {width}x{height}: {value:?} is cut without the ellipsis in row {y}:\n{row:?}\n\n{}",
                screen_text(&terminal)
            );
            cut += usize::from(!row.contains(value.as_ref()));
        }
    }
    cut
}

const TABLE_VIEWS: &[(&str, &str)] = &[
    ("provinces", ""),
    ("cooperatives", "j j j j j j Enter"),
    ("plan_items", "3"),
    ("plan_provinces", "3 j j j Enter j j"),
    ("plan_provinces_long_notes", "3 j j j j j j Enter"),
];

#[test]
fn cut_table_cells_end_in_the_ellipsis() {
    let mut cut = 0;
    for theme in [Theme::default(), Theme::default().in_ascii()] {
        for (width, height) in [(80, 24), (120, 40), (64, 20), (100, 30), (160, 50)] {
            for (name, script) in TABLE_VIEWS {
                let app = reach(width, height, theme.clone(), script, "");
                let what = format!("{name} ascii={}", theme.ascii);
                cut += check_table(&app, width, height, &what);
            }
        }
    }
    assert!(
        cut > 20,
        "only {cut} values were cut: the test checks little"
    );
}

/// A note of several lines shows its first line and ` [+N]`, the marker in sight even when
/// the first line is cut, in both symbol sets.
#[test]
fn a_note_of_several_lines_shows_how_many_more() {
    for theme in [Theme::default(), Theme::default().in_ascii()] {
        for (width, height) in [(80, 24), (120, 40)] {
            let mut app = reach(width, height, theme.clone(), "3 j j j Enter j j e End", "");
            type_text(
                &mut app,
                " Thêm một câu rất dài để dòng đầu không vừa cột ghi chú của bảng",
            );
            keys(&mut app, "Enter");
            type_text(&mut app, "Dòng thứ hai");
            keys(&mut app, "Enter");
            type_text(&mut app, "Dòng thứ ba");
            keys(&mut app, "Ctrl-s");
            assert!(app.layers.is_empty(), "the note editor is still open");
            let screen = rows(&draw(&app, width, height));
            let table = find_table(
                &screen,
                &["Province", "Status", "Note", "Changed"],
                theme.symbols().border.vertical_left,
            );
            let y = table.header + 1 + app.plan_provinces.selected;
            let row = inside(&screen, &table, y);
            let ellipsis = theme.symbols().ellipsis;
            assert!(
                row.contains(&format!("{ellipsis} [+2]")),
                "{width}x{height} ascii={}: {row:?}",
                theme.ascii
            );
            assert!(row.contains("Thành ủy chủ trì"), "{row:?}");
            // Checked the way every other cell is.
            check_table(&app, width, height, "plan_provinces with a long note");
        }
    }
}

/// The part of `row` after `label` up to the next border (the popup's).
fn after_label(row: &str, label: &str, vertical: &str) -> String {
    let start = row.find(label).unwrap() + label.len();
    let rest = &row[start..];
    rest[..rest.find(vertical).unwrap_or(rest.len())]
        .trim()
        .to_string()
}

/// A form's values are cut with the ellipsis; the focused one may scroll, and then shows an
/// ellipsis on each side where text is out of sight.
#[test]
fn form_values_are_cut_with_the_ellipsis() {
    let mut cut = 0;
    for theme in [Theme::default(), Theme::default().in_ascii()] {
        let ellipsis = theme.symbols().ellipsis;
        let vertical = theme.symbols().border.vertical_left;
        for (width, height) in [(50, 16), (80, 24), (120, 40)] {
            let mut app = reach(width, height, theme.clone(), "3 e", "");
            let count = match app.layers.last() {
                Some(htx::app::Layer::Form(form)) => form.fields.len(),
                other => panic!("no form: {other:?}"),
            };
            for turn in 0..count {
                let text = screen_text(&draw(&app, width, height));
                let Some(htx::app::Layer::Form(form)) = app.layers.last() else {
                    unreachable!()
                };
                for (i, field) in form.fields.iter().enumerate() {
                    let value = htx::text::display(&field.input.text()).replace('\n', " ");
                    let row = text
                        .lines()
                        .find(|line| line.contains(&format!("{vertical}{:<18} ", field.label())))
                        .unwrap_or_else(|| panic!("{} is not on screen:\n{text}", field.label()));
                    let shown = after_label(row, field.label(), vertical);
                    let what =
                        format!("{width}x{height} turn {turn}, {}: {shown:?}", field.label());
                    if value.is_empty() || matches!(field.kind, htx::app::FieldKind::Choice(_)) {
                        continue;
                    }
                    if i != form.focus {
                        assert!(whole_or_cut(&shown, &value, ellipsis), "{what}");
                    } else {
                        let left = shown.starts_with(ellipsis);
                        let right = shown.ends_with(ellipsis);
                        let core = shown
                            .trim_start_matches(ellipsis)
                            .trim_end_matches(ellipsis);
                        assert!(value.contains(core.trim()), "{what}");
                        assert!(left || right || shown == value, "{what}");
                    }
                    cut += usize::from(shown != value);
                }
                keys(&mut app, "Tab");
            }
        }
    }
    assert!(cut > 10, "only {cut} values were cut");
}

/// The filter popup cuts a long value inside its arrows, which stay in sight.
#[test]
fn the_filter_popup_cuts_a_long_value_inside_its_arrows() {
    for theme in [Theme::default(), Theme::default().in_ascii()] {
        let symbols = theme.symbols();
        let mut app = reach_long_sector(50, 16, theme.clone(), "j j j j j j Enter f");
        let long = LONG_SECTOR;
        for _ in 0..20 {
            if app.filter_value(htx::app::FilterRow::Sector) == long {
                break;
            }
            keys(&mut app, "l");
        }
        assert_eq!(app.filter_value(htx::app::FilterRow::Sector), long);
        let text = screen_text(&draw(&app, 50, 16));
        let row = text.lines().find(|line| line.contains("Sector  ")).unwrap();
        let (open, close) = if theme.ascii {
            ("<", ">")
        } else {
            ("‹", "›")
        };
        let value = after_label(row, "Sector", symbols.border.vertical_left);
        let value = value
            .strip_prefix(open)
            .and_then(|v| v.strip_suffix(close))
            .unwrap_or_else(|| panic!("no arrows around the value: {row:?}"))
            .trim();
        assert!(value.len() < long.len(), "{row:?}");
        assert!(whole_or_cut(value, long, symbols.ellipsis), "{row:?}");
        assert!(value.ends_with(symbols.ellipsis), "{row:?}");
    }
}

/// At 120 columns the side pane follows the focus: the selected province's entry with the
/// province list focused, the item with the item list focused.
#[test]
fn the_side_pane_shows_the_entry_when_the_provinces_have_the_focus() {
    let app = reach(120, 40, Theme::default(), "3 j j j Enter j j", "");
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains("┐┌ Entry ─"), "{text}");
    // The entry's facts and its note, beside the list.
    for shown in [
        "Province  Hà Nội (01)",
        "Status    n/a",
        "Thành ủy chủ trì tổng kết;",
    ] {
        assert!(
            text.lines()
                .any(|line| line.contains(&format!("││{shown}"))),
            "{shown:?} is not in the side pane:\n{text}"
        );
    }
    let app = reach(120, 40, Theme::default(), "3 j j j", "");
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains("┐┌ KH-04 ─"), "{text}");
    assert!(!text.contains(" Entry "), "{text}");
}

/// An entry longer than the side pane ends with a row that is the ellipsis alone.
#[test]
fn an_entry_too_long_for_the_side_pane_ends_in_the_ellipsis() {
    let mut app = reach(120, 40, Theme::default(), "3 j j j Enter j j e End", "");
    for i in 0..30 {
        keys(&mut app, "Enter");
        type_text(&mut app, &format!("Dòng {i}"));
    }
    keys(&mut app, "Ctrl-s");
    let screen = rows(&draw(&app, 120, 40));
    let pane_left = 120 - 44;
    let column: Vec<String> = screen
        .iter()
        .map(|row| row[pane_left + 1..119].concat().trim_end().to_string())
        .collect();
    let bottom = (1..screen.len())
        .rev()
        .find(|&y| screen[y][pane_left] == "└")
        .unwrap();
    assert_eq!(column[bottom - 1], "…", "{column:#?}");
    assert!(column[bottom - 2].starts_with("Dòng"), "{column:#?}");
}

// --- ASCII ------------------------------------------------------------------------------

/// Characters that carry meaning in Unicode mode; none may be drawn in ASCII mode except as
/// part of data text.
const UNICODE_SYMBOLS: &str = "…·●–↑↓←→‹›—▏█▉▊▋▌▍▎";

/// Whether the character at `i` of `row` is part of data text: some run of five characters
/// around it is in the dataset (or in the long sector name some tests give it).
fn in_data(row: &[char], i: usize) -> bool {
    let from = i.saturating_sub(4);
    (from..=i).any(|start| {
        let end = (start + 5).min(row.len());
        let run: String = row[start..end].iter().collect();
        end > i && (DATA.contains(&run) || LONG_SECTOR.contains(&run))
    })
}

/// What is not ASCII on a screen drawn in ASCII mode, outside data text.
fn not_ascii(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let mut found = Vec::new();
    for (y, line) in screen_text(terminal).lines().enumerate() {
        let row: Vec<char> = line.chars().collect();
        for (i, &c) in row.iter().enumerate() {
            if c.is_ascii() {
                continue;
            }
            let block = ('\u{2500}'..='\u{259f}').contains(&c);
            let symbol = UNICODE_SYMBOLS.contains(c);
            // Vietnamese letters are data; any other character must be too.
            let letter = c.is_alphabetic();
            if block || ((symbol || !letter) && !in_data(&row, i)) {
                found.push(format!("{c:?} in row {y}: {line}"));
            }
        }
    }
    found
}

#[test]
fn ascii_mode_draws_ascii_outside_data_text() {
    let mut problems = Vec::new();
    for (width, height) in [(80, 24), (120, 40)] {
        for (name, app) in every_screen(width, height, &Theme::default().in_ascii()) {
            let terminal = draw(&app, width, height);
            for problem in not_ascii(&terminal) {
                problems.push(format!("{name} {width}x{height}: {problem}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check itself: the same screens in Unicode are full of symbols it catches.
#[test]
fn the_ascii_check_catches_unicode_symbols() {
    let app = reach(80, 24, Theme::default(), "3", "");
    let found = not_ascii(&draw(&app, 80, 24));
    for symbol in ['┌', '│', '█', '·', '–'] {
        assert!(
            found.iter().any(|f| f.starts_with(&format!("{symbol:?}"))),
            "{symbol} not caught: {found:#?}"
        );
    }
    // Data text is not caught: the en dash inside a sector's name.
    let app = reach_long_sector(80, 24, Theme::default().in_ascii(), "j j j j j j Enter");
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("Công nghiệp –"), "{text}");
    assert!(not_ascii(&draw(&app, 80, 24)).is_empty());
}

// --- Styles -----------------------------------------------------------------------------

/// The size a view's snapshot is taken at: the plan's provinces at 120×40, for the side pane.
fn snapshot_size(name: &str) -> (u16, u16) {
    if name == "plan_provinces" {
        (120, 40)
    } else {
        (80, 24)
    }
}

#[test]
fn snapshots_in_light_mono_and_ascii() {
    for &(name, script) in VIEWS {
        let (width, height) = snapshot_size(name);
        for (theme_name, theme) in [("light", Theme::light()), ("mono", Theme::mono())] {
            let app = reach(width, height, theme, script, "");
            insta::assert_snapshot!(
                format!("{name}_{theme_name}_{width}x{height}"),
                styled(&draw(&app, width, height))
            );
        }
        let app = reach(width, height, Theme::default().in_ascii(), script, "");
        insta::assert_snapshot!(
            format!("{name}_ascii_{width}x{height}"),
            screen_text(&draw(&app, width, height))
        );
    }
}

/// `mono` sets no colour anywhere, and the selected row of every list is in reverse video
/// (and no other row is).
#[test]
fn mono_has_no_colour_and_reverses_the_selection() {
    for (width, height) in [(80, 24), (120, 40)] {
        for (name, app) in every_screen(width, height, &Theme::mono()) {
            let terminal = draw(&app, width, height);
            for cell in terminal.backend().buffer().content() {
                assert_eq!(
                    (cell.fg, cell.bg),
                    (Color::Reset, Color::Reset),
                    "{name} {width}x{height}: {cell:?}"
                );
            }
            if !app.layers.is_empty() || app.view == View::CooperativeDetail {
                continue;
            }
            if app.view == View::Dashboard {
                // Below the tabs, the matrix's selected cell alone is reversed: its glyph
                // and the space after it.
                let buffer = terminal.backend().buffer();
                let reversed: Vec<(u16, u16)> = (3..height - 1)
                    .flat_map(|y| (0..width).map(move |x| (x, y)))
                    .filter(|&at| buffer[at].modifier.contains(Modifier::REVERSED))
                    .collect();
                assert_eq!(reversed.len(), 2, "{name} {width}x{height}: {reversed:?}");
                assert_eq!(reversed[0].1, reversed[1].1);
                continue;
            }
            check_reversed_selection(&app, &terminal, &format!("{name} {width}x{height}"));
        }
    }
}

fn check_reversed_selection(app: &App, terminal: &Terminal<TestBackend>, what: &str) {
    let screen = rows(terminal);
    let buffer = terminal.backend().buffer();
    let shown = shown(app);
    let table = find_table(
        &screen,
        shown.header,
        app.theme.symbols().border.vertical_left,
    );
    let first = table.header + 1;
    let visible = (first..screen.len())
        .find(|&y| screen[y][table.left] != app.theme.symbols().border.vertical_left)
        .unwrap()
        - first;
    let offset = visible_offset(shown.selected, shown.offset, shown.records.len(), visible);
    let selected_y = first + shown.selected - offset;
    assert!(
        inside(&screen, &table, selected_y).contains(
            &shown.records[shown.selected][0]
                .chars()
                .take(3)
                .collect::<String>()
        ),
        "{what}: the selected record is not in row {selected_y}"
    );
    for y in first..first + visible {
        let reversed = (table.left + 1..table.right).all(|x| {
            buffer[(u16::try_from(x).unwrap(), u16::try_from(y).unwrap())]
                .modifier
                .contains(Modifier::REVERSED)
        });
        assert_eq!(reversed, y == selected_y, "{what}: row {y}");
    }
}
