//! The dashboard's cursor: a cell of the plan's matrix (an item down, a province across),
//! moved with the arrows, opened in the plan view with Enter, its status cycled in place.

use super::{App, Cursor, PlanFocus, View, layout};

/// The selected cell of the dashboard's matrix: the item by position in the plan, the
/// province by position in the provinces' order (`index.provinces`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Matrix {
    pub items: Cursor,
    pub column: usize,
}

impl App {
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
        if !self.plan_rows().contains(&province) {
            self.plan_filter = Default::default();
        }
        let at = self
            .plan_rows()
            .iter()
            .position(|&p| p == province)
            .unwrap_or(0);
        self.view = View::Plan;
        self.plan_focus = PlanFocus::Provinces;
        let len = self.plan_rows().len();
        let rows = layout::focused_rows(self.size, View::Plan, PlanFocus::Provinces, items);
        self.plan_provinces.select(at, len, rows);
    }
}
