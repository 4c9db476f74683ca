//! The dashboard's cursor: a cell of the plan's matrix (an item down, a province across),
//! moved with the arrows, opened in the plan view with Enter, its status cycled in place.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::layout::{self, DashboardAreas};
use super::{App, Cursor, PlanFocus, View, visible_offset};
use crate::lang::tr;
use crate::model::ProgressStatus;

/// The statuses in the legend's order, as the matrix shows them.
pub const LEGEND: [ProgressStatus; 4] = ProgressStatus::BY_PROGRESS;

/// Where the matrix draws its parts inside its pane, shared by the drawing and the mouse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MatrixGeometry {
    /// The table: the header row, the items' rows, the provinces' shares.
    pub table: Rect,
    /// The legend's row, under the table, when every item fits above it.
    pub legend: Option<Rect>,
    /// The first province column shown (a position in `index.provinces`), how many fit, and
    /// how wide each is with the space before it.
    pub first: usize,
    pub columns: usize,
    pub cell: u16,
    /// Item rows shown and the first one.
    pub rows: usize,
    pub offset: usize,
}

/// The selected cell of the dashboard's matrix: the item by position in the plan, the
/// province by position in the provinces' order (`index.provinces`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Matrix {
    pub items: Cursor,
    pub column: usize,
}

impl App {
    /// The legend's width: each status's glyph, its word and the spaces between.
    pub fn legend_width(&self) -> u16 {
        let symbols = self.theme.symbols();
        let width: usize = LEGEND
            .iter()
            .map(|&status| {
                symbols.status[status as usize].width() + (tr().status)(status).width() + 2
            })
            .sum();
        u16::try_from(width).unwrap_or(u16::MAX)
    }

    /// The dashboard's panes in `body`.
    pub fn dashboard_areas(&self, body: Rect) -> DashboardAreas {
        layout::dashboard(
            body,
            self.dataset.plan.items.len(),
            (self.index.provinces.len(), self.matrix_cell()),
            self.legend_width(),
        )
    }

    /// A province's column in the matrix with the space before it: as wide as the longest
    /// code needs ([`layout::matrix_cell`]).
    pub fn matrix_cell(&self) -> u16 {
        let longest = self
            .dataset
            .provinces
            .iter()
            .map(|p| crate::text::display(&p.code).width())
            .max()
            .unwrap_or(0);
        layout::matrix_cell(longest)
    }

    /// The matrix's parts inside its pane's borders (`inner`).
    pub fn matrix_geometry(&self, inner: Rect) -> MatrixGeometry {
        let items = self.dataset.plan.items.len();
        let mut table = inner;
        let legend = (usize::from(inner.height) > items + 2).then(|| {
            table.height -= 1;
            Rect {
                y: table.bottom(),
                height: 1,
                ..table
            }
        });
        // Each province takes two columns and the space before it; the id and share columns
        // take the rest.
        let fixed = layout::MATRIX_ID + 1 + layout::MATRIX_SHARE;
        let cell = self.matrix_cell();
        let columns =
            usize::from(table.width.saturating_sub(fixed) / cell).min(self.index.provinces.len());
        let first = (self.dashboard.column + 1).saturating_sub(columns.max(1));
        let rows = usize::from(table.height.saturating_sub(2));
        let cursor = self.dashboard.items;
        let offset = visible_offset(cursor.selected, cursor.offset, items, rows);
        MatrixGeometry {
            table,
            legend,
            first,
            columns,
            cell,
            rows,
            offset,
        }
    }

    /// Selects the matrix's cell of item `item` and province column `column`.
    pub(super) fn select_cell(&mut self, item: usize, column: Option<usize>) {
        let items = self.dataset.plan.items.len();
        let rows = layout::focused_rows(self.size, View::Dashboard, PlanFocus::Items, items);
        self.dashboard.items.select(item, items, rows);
        if let Some(column) = column {
            self.dashboard.column = column;
            self.move_column(0);
        }
    }

    /// The dashboard's selected entry: (item, province), positions in the dataset.
    pub fn dashboard_entry(&self) -> Option<(usize, usize)> {
        let item = self.dashboard.items.selected;
        let province = *self.index.provinces.get(self.dashboard.column)?;
        (item < self.dataset.plan.items.len()).then_some((item, province))
    }

    /// The province the dashboard's ratings and sectors are about: the matrix's column.
    pub fn dashboard_province(&self) -> Option<usize> {
        self.index.provinces.get(self.dashboard.column).copied()
    }

    /// Moves the matrix's column by `delta` provinces, within the row.
    pub(super) fn move_column(&mut self, delta: isize) {
        let last = self.index.provinces.len().saturating_sub(1);
        self.dashboard.column = self.dashboard.column.saturating_add_signed(delta).min(last);
    }

    /// Enter on the dashboard: the plan view with the selected entry selected in it, the
    /// item's provinces focused; the plan's filters are cleared if they would hide it.
    pub(super) fn open_dashboard_entry(&mut self) {
        let Some((item, province)) = self.dashboard_entry() else {
            return;
        };
        let items = self.dataset.plan.items.len();
        let rows = layout::focused_rows(self.size, View::Plan, PlanFocus::Items, items);
        self.plan_items.select(item, items, rows);
        let mut rows = self.plan_rows();
        if !rows.contains(&province) {
            self.plan_filter = Default::default();
            rows = self.plan_rows();
        }
        let at = rows.iter().position(|&p| p == province).unwrap_or(0);
        self.view = View::Plan;
        self.plan_focus = PlanFocus::Provinces;
        let len = rows.len();
        let rows = layout::focused_rows(self.size, View::Plan, PlanFocus::Provinces, items);
        self.plan_provinces.select(at, len, rows);
    }
}
