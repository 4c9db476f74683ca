//! Where each part of the screen goes, for a given terminal size and view. Shared by the
//! drawing code and by `update`, which needs the height of a list to page through it.

use ratatui::layout::{Constraint, Layout, Rect};

use super::{PlanFocus, View};

/// Below this size the screen shows a "terminal too small" message instead of the views.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

/// Wide enough to put a detail pane beside the provinces or the plan's province list rather
/// than under it.
const WIDE: u16 = 110;
/// The same for cooperatives, whose names need the room.
const WIDE_COOPERATIVES: u16 = 140;

/// The fixed frame around every view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    pub title: Rect,
    pub totals: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub footer: Rect,
}

impl Frame {
    pub fn new(area: Rect) -> Self {
        let [title, totals, tabs, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Self {
            title,
            totals,
            tabs,
            body,
            footer,
        }
    }
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// A list with a detail pane beside it (wide terminals) or under it (tall enough ones);
/// `detail` is empty when there is no room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    pub list: Rect,
    pub detail: Rect,
}

fn split(body: Rect, wide: u16, side_width: u16, below_height: u16) -> Split {
    if body.width >= wide {
        let [list, detail] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)]).areas(body);
        Split { list, detail }
    } else if body.height >= below_height * 2 + 2 {
        let [list, detail] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(below_height)]).areas(body);
        Split { list, detail }
    } else {
        Split {
            list: body,
            detail: Rect::new(body.x, body.bottom(), body.width, 0),
        }
    }
}

pub fn provinces(body: Rect) -> Split {
    split(body, WIDE, 46, 6)
}

pub fn cooperatives(body: Rect) -> Split {
    split(body, WIDE_COOPERATIVES, 50, 8)
}

/// The plan view: the items on top, and under them the provinces' status on the selected
/// item, with the item's full text beside it when the terminal is wide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanAreas {
    pub items: Rect,
    pub item: Rect,
    pub provinces: Rect,
}

pub fn plan(body: Rect, item_count: usize) -> PlanAreas {
    let wanted = u16::try_from(item_count)
        .unwrap_or(u16::MAX)
        .saturating_add(3);
    let [items, rest] = Layout::vertical([
        Constraint::Length(wanted.min(body.height / 2)),
        Constraint::Fill(1),
    ])
    .areas(body);
    if rest.width >= WIDE {
        let [provinces, item] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(44)]).areas(rest);
        PlanAreas {
            items,
            item,
            provinces,
        }
    } else {
        PlanAreas {
            items,
            item: Rect::new(rest.right(), rest.y, 0, rest.height),
            provinces: rest,
        }
    }
}

/// The dashboard: the plan's matrix and the ratings beside it on top (the ratings under
/// the matrix's row when the terminal is too narrow for both), and under them the sectors,
/// the new members and the overdue items side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DashboardAreas {
    pub matrix: Rect,
    pub ratings: Rect,
    pub sectors: Rect,
    pub members: Rect,
    pub overdue: Rect,
}

/// Columns of the matrix besides the provinces: the item's id and its share done.
pub const MATRIX_ID: u16 = 6;
pub const MATRIX_SHARE: u16 = 4;
/// Each province's column in the matrix and the space before it, for two-digit codes: a
/// longer code widens it ([`matrix_cell`]).
pub const MATRIX_CELL: u16 = 3;
/// Codes are shown whole up to this width; a longer one is cut.
const MATRIX_CODE_MAX: u16 = 4;

/// A province's column in the matrix with the space before it, for codes of `code_width`.
pub fn matrix_cell(code_width: usize) -> u16 {
    u16::try_from(code_width)
        .unwrap_or(u16::MAX)
        .clamp(MATRIX_CELL - 1, MATRIX_CODE_MAX)
        + 1
}
/// The new members' pane at most.
const MEMBERS_WIDTH: u16 = 34;
/// The ratings pane is no narrower than this beside the matrix.
const RATINGS_MIN: u16 = 34;

/// Where the dashboard's parts go for `item_count` plan items and `provinces` columns of
/// `cell` each ([`matrix_cell`]), the matrix at least `at_least` wide (for its legend) when
/// the ratings keep their room.
pub fn dashboard(
    body: Rect,
    item_count: usize,
    (provinces, cell): (usize, u16),
    at_least: u16,
) -> DashboardAreas {
    // The matrix's borders, header, share and legend rows take five rows; the bottom row of
    // panes keeps six when it can (the legend goes first).
    let wanted = u16::try_from(item_count)
        .unwrap_or(u16::MAX)
        .saturating_add(5);
    let top_height = wanted.min(body.height.saturating_sub(6).max(body.height / 2));
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Fill(1)]).areas(body);
    let matrix_width = (MATRIX_ID + 1 + MATRIX_SHARE + 2).saturating_add(
        u16::try_from(provinces)
            .unwrap_or(u16::MAX)
            .saturating_mul(cell),
    );
    let matrix_width = matrix_width
        .max(at_least.saturating_add(2))
        .min(top.width.saturating_sub(RATINGS_MIN));
    let [matrix, ratings] = if matrix_width >= MATRIX_ID + MATRIX_SHARE + 2 + cell * 4 {
        Layout::horizontal([Constraint::Length(matrix_width), Constraint::Fill(1)]).areas(top)
    } else {
        [top, Rect::new(top.right(), top.y, 0, top.height)]
    };
    // The new members' pane is as wide as a province's name and two numbers need.
    let [sectors, members, overdue] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Max(MEMBERS_WIDTH.min(bottom.width / 3 + 4)),
        Constraint::Fill(1),
    ])
    .areas(bottom);
    DashboardAreas {
        matrix,
        ratings,
        sectors,
        members,
        overdue,
    }
}

/// Rows of data a bordered table in `area` shows (borders and the header row take three).
pub fn table_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(3))
}

/// Rows of text a bordered pane in `area` shows.
pub fn pane_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2))
}

/// Height of the list the user is moving through, for paging.
pub fn focused_rows(area: Rect, view: View, focus: PlanFocus, item_count: usize) -> usize {
    let body = Frame::new(area).body;
    match view {
        View::Provinces => table_rows(provinces(body).list),
        View::Cooperatives => table_rows(cooperatives(body).list),
        View::CooperativeDetail => pane_rows(body),
        View::Plan => {
            let areas = plan(body, item_count);
            match focus {
                PlanFocus::Items => table_rows(areas.items),
                PlanFocus::Provinces => table_rows(areas.provinces),
            }
        }
        // The matrix's share row takes one more than a table's.
        View::Dashboard => {
            table_rows(dashboard(body, item_count, (0, MATRIX_CELL), 0).matrix).saturating_sub(1)
        }
    }
}

/// Rows of results the search popup shows.
pub fn search_rows(area: Rect) -> usize {
    usize::from(search_popup(area).height.saturating_sub(4)).max(1)
}

/// The search popup: over the body, leaving the header and the key hints visible.
pub fn search_popup(area: Rect) -> Rect {
    Frame::new(area).body
}

/// `width` × `height` centred in `area`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The help popup: nearly the whole window, at most 96 columns wide.
pub fn help_popup(area: Rect) -> Rect {
    centred(
        area,
        area.width.saturating_sub(4).min(96),
        area.height.saturating_sub(2),
    )
}

/// The width of the popup of a province's entry on an item.
pub fn entry_popup_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(84)
}

/// The popup of a province's entry on an item, as tall as its `rows` (and the window allows).
pub fn entry_popup(area: Rect, rows: usize) -> Rect {
    let wanted = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    centred(
        area,
        entry_popup_width(area),
        wanted.min(area.height.saturating_sub(4)).min(32),
    )
}
