//! The mouse, when the config turns it on: a click on a row of a list selects it, a click on
//! a tab shows its view, the wheel moves through the list under the pointer (or the help, the
//! entry page, a cooperative's page). Screen positions are mapped with the same layout the
//! drawing code uses, so a click lands where the row is drawn.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::layout::{self, Frame};
use super::{App, Command, Cursor, Effect, Mode, PlanFocus, View, visible_offset};

/// Rows a notch of the wheel moves.
pub const WHEEL_ROWS: usize = 3;

/// What the mouse did, at a cell of the screen (0-based, as the terminal reports it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mouse {
    /// The left button went down.
    Click { column: u16, row: u16 },
    /// The wheel turned one notch.
    Scroll { column: u16, row: u16, down: bool },
}

/// A list of the views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    Provinces,
    Cooperatives,
    PlanItems,
    PlanProvinces,
}

/// What a mouse event lands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// A tab: the command its key gives.
    Tab(Command),
    /// Row `index` of a list.
    Row(List, usize),
    /// The wheel over a list.
    Wheel(List, bool),
    /// The wheel over a page (the help, the entry, a cooperative's page).
    Page(bool),
    /// A cell of the dashboard's matrix: the item, and the province column (a position in
    /// `index.provinces`) unless the click was on the item's id or share.
    Cell(usize, Option<usize>),
    /// The wheel over the dashboard's matrix.
    MatrixWheel(bool),
}

/// Whether the event lands on something that it changes; the loop draws nothing otherwise.
pub fn lands(app: &App, mouse: Mouse) -> bool {
    target(app, mouse).is_some()
}

/// Applies a mouse event (see the module's doc).
pub(super) fn update(app: &mut App, mouse: Mouse) -> Effect {
    let Some(target) = target(app, mouse) else {
        return Effect::None;
    };
    // As a key would, a click or a turn of the wheel puts the footer's message away.
    app.message = None;
    match target {
        Target::Tab(command) => return super::modes::update(app, command),
        Target::Row(list, index) => {
            focus(app, list);
            let (page, len) = (app.page(), list_len(app, list));
            cursor_mut(app, list).select(index, len, page);
            if list == List::PlanItems {
                // Another item may list other provinces under the filters.
                app.refit();
            }
        }
        Target::Wheel(list, down) => {
            focus(app, list);
            app.move_selection(signed(down));
        }
        Target::Cell(item, column) => app.select_cell(item, column),
        Target::MatrixWheel(down) => app.move_selection(signed(down)),
        Target::Page(down) if app.mode() == Mode::Browse => app.move_selection(signed(down)),
        Target::Page(down) => {
            let command = if down { Command::Down } else { Command::Up };
            for _ in 0..WHEEL_ROWS {
                super::modes::update(app, command);
            }
        }
    }
    Effect::None
}

fn signed(down: bool) -> isize {
    let rows = WHEEL_ROWS as isize;
    if down { rows } else { -rows }
}

fn focus(app: &mut App, list: List) {
    match list {
        List::PlanItems => app.plan_focus = PlanFocus::Items,
        List::PlanProvinces => app.plan_focus = PlanFocus::Provinces,
        List::Provinces | List::Cooperatives => {}
    }
}

fn cursor(app: &App, list: List) -> Cursor {
    match list {
        List::Provinces => app.provinces,
        List::Cooperatives => app.cooperatives,
        List::PlanItems => app.plan_items,
        List::PlanProvinces => app.plan_provinces,
    }
}

fn cursor_mut(app: &mut App, list: List) -> &mut Cursor {
    match list {
        List::Provinces => &mut app.provinces,
        List::Cooperatives => &mut app.cooperatives,
        List::PlanItems => &mut app.plan_items,
        List::PlanProvinces => &mut app.plan_provinces,
    }
}

fn list_len(app: &App, list: List) -> usize {
    match list {
        List::Provinces => app.index.provinces.len(),
        List::Cooperatives => app.province_cooperatives().len(),
        List::PlanItems => app.dataset.plan.items.len(),
        List::PlanProvinces => app.plan_rows().len(),
    }
}

/// The lists on the screen in the current view, with the area each is drawn in (its border
/// included).
fn lists(app: &App, body: Rect) -> Vec<(List, Rect)> {
    match app.view {
        View::Provinces => vec![(List::Provinces, layout::provinces(body).list)],
        View::Cooperatives => vec![(List::Cooperatives, layout::cooperatives(body).list)],
        View::CooperativeDetail | View::Dashboard => Vec::new(),
        View::Plan => {
            let areas = layout::plan(body, app.dataset.plan.items.len());
            vec![
                (List::PlanItems, areas.items),
                (List::PlanProvinces, areas.provinces),
            ]
        }
    }
}

fn inside(area: Rect, column: u16, row: u16) -> bool {
    area.contains(ratatui::layout::Position::new(column, row))
}

/// The row of `list` (drawn in `area`) at screen row `row`: a bordered table has its header
/// under the top border, and shows its rows from its cursor's offset on.
fn row_at(app: &App, list: List, area: Rect, column: u16, row: u16) -> Option<usize> {
    let first = area.y.checked_add(2)?;
    let height = layout::table_rows(area);
    let inner_columns = area.x.saturating_add(1)..area.right().saturating_sub(1);
    if row < first || !inner_columns.contains(&column) {
        return None;
    }
    let shown = usize::from(row - first);
    if shown >= height {
        return None;
    }
    let len = list_len(app, list);
    let at = cursor(app, list);
    let index = visible_offset(at.selected, at.offset, len, height) + shown;
    (index < len).then_some(index)
}

/// The tab drawn at `column` of the tab row: ` 1 Provinces `, ` 2 Cooperatives: … `,
/// ` 3 Plan `, one space before each.
fn tab_at(app: &App, tabs: Rect, column: u16) -> Option<Command> {
    let names = app.tab_names().into_iter().zip([
        Command::ShowProvinces,
        Command::ShowCooperatives,
        Command::ShowPlan,
        Command::ShowDashboard,
    ]);
    let column = usize::from(column.checked_sub(tabs.x)?);
    let mut start = 1;
    for (name, command) in names {
        let end = start + name.width();
        if (start..end).contains(&column) {
            return Some(command);
        }
        start = end + 1;
    }
    None
}

/// The cell of the dashboard's matrix drawn at (`column`, `row`), as its drawing lays it out.
fn cell_at(app: &App, body: Rect, column: u16, row: u16) -> Option<Target> {
    let matrix = app.dashboard_areas(body).matrix;
    let inner = ratatui::widgets::Block::bordered().inner(matrix);
    let geometry = app.matrix_geometry(inner);
    if !inside(geometry.table, column, row) {
        return None;
    }
    // The header row first, then the items' rows.
    let shown = usize::from(row - geometry.table.y).checked_sub(1)?;
    let item = geometry.offset + shown;
    if shown >= geometry.rows || item >= app.dataset.plan.items.len() {
        return None;
    }
    let x = column - geometry.table.x;
    let province = x
        .checked_sub(layout::MATRIX_ID + 1)
        .map(|x| usize::from(x / geometry.cell))
        .filter(|&at| at < geometry.columns)
        .map(|at| geometry.first + at);
    Some(Target::Cell(item, province))
}

/// What `mouse` lands on, if anything.
fn target(app: &App, mouse: Mouse) -> Option<Target> {
    if layout::too_small(app.size) {
        return None;
    }
    let frame = Frame::new(app.size);
    match mouse {
        Mouse::Click { column, row } => {
            if app.mode() != Mode::Browse {
                return None;
            }
            if inside(frame.tabs, column, row) {
                return tab_at(app, frame.tabs, column).map(Target::Tab);
            }
            if app.view == View::Dashboard {
                return cell_at(app, frame.body, column, row);
            }
            let (list, area) = lists(app, frame.body)
                .into_iter()
                .find(|&(_, area)| inside(area, column, row))?;
            row_at(app, list, area, column, row).map(|index| Target::Row(list, index))
        }
        Mouse::Scroll { column, row, down } => match app.mode() {
            Mode::Help | Mode::Read => Some(Target::Page(down)),
            Mode::Browse if app.view == View::CooperativeDetail => {
                inside(frame.body, column, row).then_some(Target::Page(down))
            }
            Mode::Browse if app.view == View::Dashboard => {
                let matrix = app.dashboard_areas(frame.body).matrix;
                inside(matrix, column, row).then_some(Target::MatrixWheel(down))
            }
            Mode::Browse => lists(app, frame.body)
                .into_iter()
                .find(|&(list, area)| inside(area, column, row) && list_len(app, list) > 0)
                .map(|(list, _)| Target::Wheel(list, down)),
            Mode::Search
            | Mode::Filter
            | Mode::Edit
            | Mode::Form
            | Mode::Dialog
            | Mode::Question => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn app(width: u16, height: u16) -> App {
        let mut app = App::new(crate::store::builtin().unwrap(), "dataset.ron");
        update(&mut app, Action::Resize { width, height });
        app
    }

    /// The screen's rows as text.
    fn screen(app: &App) -> Vec<String> {
        let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height))
            .expect("a test terminal");
        terminal
            .draw(|frame| crate::ui::render(app, frame))
            .expect("drawn");
        let buffer = terminal.backend().buffer();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect()
            })
            .collect()
    }

    fn click(app: &mut App, column: u16, row: u16) {
        let mouse = Mouse::Click { column, row };
        update(app, Action::Mouse(mouse));
    }

    /// The screen row that shows `text`, and its column.
    fn find(app: &App, text: &str) -> (u16, u16) {
        for (y, line) in screen(app).iter().enumerate() {
            if let Some(at) = line.find(text) {
                let column = line[..at].width();
                return (column as u16, y as u16);
            }
        }
        panic!("{text:?} is not on the screen:\n{}", screen(app).join("\n"));
    }

    #[test]
    fn a_click_on_a_row_selects_the_row_drawn_there() {
        for (width, height) in [(80, 12), (60, 14), (80, 24), (120, 40), (200, 50)] {
            let mut app = app(width, height);
            // Scrolled, so that the offset counts.
            for _ in 0..8 {
                update(&mut app, Action::Command(Command::Down));
            }
            let fifth = app.index.provinces[4];
            let name = app.dataset.provinces[fifth].name.clone();
            let (column, row) = find(&app, &name);
            click(&mut app, column, row);
            assert_eq!(app.selected_province(), Some(fifth), "{width}×{height}");
        }
    }

    #[test]
    fn a_click_on_the_dashboards_matrix_selects_the_cell_drawn_there() {
        for (width, height) in [(80, 24), (120, 40), (100, 16)] {
            let mut app = app(width, height);
            update(&mut app, Action::Command(Command::ShowDashboard));
            // Nam Định's column, by its code in the header row, on KH-02's row.
            let nam_dinh = app.index.province("36").unwrap();
            let (column, _) = find(&app, " 36 ");
            let (_, row) = find(&app, "KH-02 ");
            // On the 6 of 36: the cell's second column.
            click(&mut app, column + 2, row);
            assert_eq!(
                app.dashboard_entry(),
                Some((1, nam_dinh)),
                "{width}×{height}"
            );
            // On the item's id: the item, the province kept.
            let (id, row) = find(&app, "KH-01 ");
            click(&mut app, id, row);
            assert_eq!(app.dashboard_entry(), Some((0, nam_dinh)));
            // The wheel moves through the items.
            let wheel = Mouse::Scroll {
                column: id,
                row,
                down: true,
            };
            update(&mut app, Action::Mouse(wheel));
            assert_eq!(app.dashboard.items.selected, WHEEL_ROWS);
            // Scrolled to the last item (not all fit at 16 rows): the rows drawn are the
            // ones hit.
            update(&mut app, Action::Command(Command::Bottom));
            let (_, row) = find(&app, "KH-09 ");
            click(&mut app, column + 1, row);
            assert_eq!(
                app.dashboard_entry(),
                Some((8, nam_dinh)),
                "{width}×{height}"
            );
        }
    }

    #[test]
    fn a_click_selects_in_each_list_of_the_plan() {
        let mut app = app(120, 40);
        update(&mut app, Action::Command(Command::ShowPlan));
        let second = app.dataset.plan.items[1].id.clone();
        let (column, row) = find(&app, &format!("{second} "));
        click(&mut app, column, row);
        assert_eq!(app.plan_items.selected, 1);
        assert_eq!(app.plan_focus, PlanFocus::Items);
        // The provinces on that item: a click there moves the focus down to them.
        let third = app.plan_rows()[2];
        let name = app.dataset.provinces[third].name.clone();
        let (column, row) = find(&app, &name);
        click(&mut app, column, row);
        assert_eq!(app.plan_focus, PlanFocus::Provinces);
        assert_eq!(app.selected_plan_province(), Some(third));
    }

    #[test]
    fn a_click_on_a_tab_shows_its_view() {
        let mut app = app(100, 30);
        let (column, row) = find(&app, "3 Plan");
        click(&mut app, column, row);
        assert_eq!(app.view, View::Plan);
        let (column, row) = find(&app, "2 Cooperatives");
        click(&mut app, column + 3, row);
        assert_eq!(app.view, View::Cooperatives);
        let (column, row) = find(&app, "1 Provinces");
        click(&mut app, column, row);
        assert_eq!(app.view, View::Provinces);
        // A tab is its label with a space either side; between two tabs is one more space.
        let (column, row) = find(&app, "3 Plan");
        let tab = |column| Mouse::Click { column, row };
        assert!(!lands(&app, tab(column - 2)));
        for column in column - 1..=column + 6 {
            let mut app = app.clone();
            click(&mut app, column, row);
            assert_eq!(app.view, View::Plan, "column {column}");
        }
        assert!(!lands(&app, tab(column + 7)));
    }

    #[test]
    fn a_click_outside_any_list_does_nothing() {
        let mut app = app(80, 24);
        update(&mut app, Action::Command(Command::Down));
        let before = (app.view, app.provinces, app.plan_focus);
        let frame = Frame::new(app.size);
        let body = layout::provinces(frame.body).list;
        let outside = [
            // The title, the totals, the footer.
            (10, frame.title.y),
            (10, frame.totals.y),
            (10, frame.footer.y),
            // The list's border, its header row, past its last row.
            (body.x, body.y + 3),
            (10, body.y),
            (10, body.y + 1),
            (10, body.bottom() - 1),
            // The tab row, right of the last tab.
            (frame.tabs.right() - 1, frame.tabs.y),
        ];
        for (column, row) in outside {
            let mouse = Mouse::Click { column, row };
            assert!(!lands(&app, mouse), "({column}, {row}) landed");
            click(&mut app, column, row);
            assert_eq!((app.view, app.provinces, app.plan_focus), before);
        }
        // Under the list's last row: the provinces list here is shorter than the window.
        let mut tall = self::app(80, 60);
        let list = layout::provinces(Frame::new(tall.size).body).list;
        let last = list.y + 2 + tall.index.provinces.len() as u16 - 1;
        assert!(last + 1 < list.bottom() - 1, "the list fills its area");
        let below = Mouse::Click {
            column: 10,
            row: last + 1,
        };
        assert!(!lands(&tall, below));
        update(&mut tall, Action::Mouse(below));
        assert_eq!(tall.provinces.selected, 0);
    }

    #[test]
    fn clicks_are_for_the_lists_only_and_the_wheel_scrolls_what_is_open() {
        let mut app = app(80, 24);
        let (column, row) = find(&app, "3 Plan");
        update(&mut app, Action::Command(Command::ToggleHelp));
        click(&mut app, column, row);
        assert_eq!(app.view, View::Provinces, "a click through the help");
        let wheel = |down| Mouse::Scroll {
            column: 10,
            row: 10,
            down,
        };
        update(&mut app, Action::Mouse(wheel(true)));
        assert_eq!(app.help_scroll(), Some(WHEEL_ROWS));
        update(&mut app, Action::Mouse(wheel(false)));
        assert_eq!(app.help_scroll(), Some(0));
        update(&mut app, Action::Command(Command::Close));
        update(&mut app, Action::Mouse(wheel(true)));
        assert_eq!(app.provinces.selected, WHEEL_ROWS);
        update(&mut app, Action::Mouse(wheel(false)));
        assert_eq!(app.provinces.selected, 0);
    }

    #[test]
    fn the_wheel_scrolls_the_plan_list_under_the_pointer() {
        let mut app = app(120, 40);
        update(&mut app, Action::Command(Command::ShowPlan));
        let areas = layout::plan(Frame::new(app.size).body, app.dataset.plan.items.len());
        let over = |area: Rect, down| Mouse::Scroll {
            column: area.x + 3,
            row: area.y + 3,
            down,
        };
        update(&mut app, Action::Mouse(over(areas.provinces, true)));
        assert_eq!(app.plan_focus, PlanFocus::Provinces);
        assert_eq!(app.plan_provinces.selected, WHEEL_ROWS);
        assert_eq!(app.plan_items.selected, 0);
        update(&mut app, Action::Mouse(over(areas.items, true)));
        assert_eq!(app.plan_focus, PlanFocus::Items);
        assert_eq!(app.plan_items.selected, WHEEL_ROWS);
    }
}
