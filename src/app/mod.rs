//! The state of a session and the one function that changes it: `update(&mut App, Action)`.
//! Pure: no terminal, no disk, no clock. Every change is an [`Action`], so a test can replay
//! a session key by key.

mod command;
mod cursor;
mod index;
pub mod layout;

pub use command::Command;
pub use cursor::{Cursor, visible_offset};
pub use index::Index;

use ratatui::layout::Rect;

use crate::model::Dataset;

/// The screens a user moves between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Provinces,
    Cooperatives,
    /// One cooperative on a page of its own.
    CooperativeDetail,
    Plan,
}

/// Which list of the plan view has the selection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlanFocus {
    #[default]
    Items,
    Provinces,
}

/// Which keys apply: the keymap has a table per mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Browse,
    Help,
}

/// A change to the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// The user asked for something with a key.
    Command(Command),
    /// The terminal now has this size; lists re-fit their scroll offsets.
    Resize { width: u16, height: u16 },
}

/// What the loop must do after an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
}

/// Everything a frame shows.
#[derive(Clone, Debug)]
pub struct App {
    pub dataset: Dataset,
    pub index: Index,
    /// What the header says the data comes from (a file name).
    pub source: String,
    pub view: View,
    pub provinces: Cursor,
    /// The province whose cooperatives the cooperatives view shows, by position in
    /// `dataset.provinces`.
    pub province: Option<usize>,
    pub cooperatives: Cursor,
    /// Lines scrolled in the cooperative detail page.
    pub detail_scroll: usize,
    pub plan_items: Cursor,
    pub plan_provinces: Cursor,
    pub plan_focus: PlanFocus,
    /// `Some(scroll)` while the help overlay is open.
    pub help: Option<usize>,
    /// A one-line message for the footer, cleared by the next key.
    pub message: Option<String>,
    pub size: Rect,
}

impl App {
    pub fn new(dataset: Dataset, source: impl Into<String>) -> Self {
        let index = Index::build(&dataset);
        let province = index.provinces.first().copied();
        Self {
            dataset,
            index,
            source: source.into(),
            view: View::Provinces,
            provinces: Cursor::default(),
            province,
            cooperatives: Cursor::default(),
            detail_scroll: 0,
            plan_items: Cursor::default(),
            plan_provinces: Cursor::default(),
            plan_focus: PlanFocus::Items,
            help: None,
            message: None,
            size: Rect::new(0, 0, 80, 24),
        }
    }

    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else {
            Mode::Browse
        }
    }

    /// The cooperatives of the selected province, in display order.
    pub fn province_cooperatives(&self) -> &[usize] {
        self.province
            .and_then(|p| self.index.cooperatives.get(p))
            .map_or(&[], Vec::as_slice)
    }

    /// The cooperative under the selection in the cooperatives view.
    pub fn selected_cooperative(&self) -> Option<usize> {
        self.province_cooperatives()
            .get(self.cooperatives.selected)
            .copied()
    }

    /// The province under the selection in the provinces view.
    pub fn selected_province(&self) -> Option<usize> {
        self.index.provinces.get(self.provinces.selected).copied()
    }

    /// The province under the selection in the plan view's province list.
    pub fn selected_plan_province(&self) -> Option<usize> {
        self.index
            .provinces
            .get(self.plan_provinces.selected)
            .copied()
    }

    fn page(&self) -> usize {
        layout::focused_rows(
            self.size,
            self.view,
            self.plan_focus,
            self.dataset.plan.items.len(),
        )
        .max(1)
    }

    /// The list the movement keys act on, with its length.
    fn focused(&mut self) -> (&mut Cursor, usize) {
        let provinces = self.index.provinces.len();
        match self.view {
            View::Provinces => (&mut self.provinces, provinces),
            View::Cooperatives | View::CooperativeDetail => {
                let len = self.province_cooperatives().len();
                (&mut self.cooperatives, len)
            }
            View::Plan => match self.plan_focus {
                PlanFocus::Items => (&mut self.plan_items, self.dataset.plan.items.len()),
                PlanFocus::Provinces => (&mut self.plan_provinces, provinces),
            },
        }
    }

    fn move_selection(&mut self, delta: isize) {
        if self.view == View::CooperativeDetail {
            self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
            return;
        }
        let page = self.page();
        let (cursor, len) = self.focused();
        cursor.move_by(delta, len, page);
    }

    fn jump(&mut self, to_end: bool) {
        if self.view == View::CooperativeDetail {
            self.detail_scroll = if to_end { usize::MAX / 2 } else { 0 };
            return;
        }
        let page = self.page();
        let (cursor, len) = self.focused();
        cursor.select(if to_end { len.saturating_sub(1) } else { 0 }, len, page);
    }

    fn show(&mut self, view: View) {
        if view == View::Cooperatives && self.view == View::Provinces {
            self.open_province();
        }
        self.view = view;
        self.refit();
    }

    /// Makes the province under the selection the one the cooperatives view shows.
    fn open_province(&mut self) {
        let chosen = self.selected_province();
        if chosen != self.province {
            self.province = chosen;
            self.cooperatives = Cursor::default();
        }
    }

    fn enter(&mut self) {
        match self.view {
            View::Provinces => self.show(View::Cooperatives),
            View::Cooperatives if self.selected_cooperative().is_some() => {
                self.detail_scroll = 0;
                self.view = View::CooperativeDetail;
            }
            View::Plan if self.plan_focus == PlanFocus::Items => {
                self.plan_focus = PlanFocus::Provinces;
                self.refit();
            }
            _ => {}
        }
    }

    fn back(&mut self) {
        match self.view {
            View::CooperativeDetail => self.view = View::Cooperatives,
            View::Cooperatives => {
                // Come back to the province whose cooperatives were shown.
                if let Some(at) = self
                    .index
                    .provinces
                    .iter()
                    .position(|&p| Some(p) == self.province)
                {
                    self.provinces.selected = at;
                }
                self.view = View::Provinces;
            }
            View::Plan if self.plan_focus == PlanFocus::Provinces => {
                self.plan_focus = PlanFocus::Items
            }
            View::Plan | View::Provinces => {}
        }
        self.refit();
    }

    fn cycle_view(&mut self, forward: bool) {
        const ORDER: [View; 3] = [View::Provinces, View::Cooperatives, View::Plan];
        let current = match self.view {
            View::CooperativeDetail => View::Cooperatives,
            other => other,
        };
        let at = ORDER.iter().position(|&v| v == current).unwrap_or(0);
        let next = if forward {
            (at + 1) % ORDER.len()
        } else {
            (at + ORDER.len() - 1) % ORDER.len()
        };
        self.show(ORDER[next]);
    }

    /// Re-fits every list's scroll offset to the current window.
    fn refit(&mut self) {
        let size = self.size;
        let items = self.dataset.plan.items.len();
        let provinces = self.index.provinces.len();
        let coops = self.province_cooperatives().len();
        let rows = |view, focus| layout::focused_rows(size, view, focus, items);
        self.provinces
            .refit(provinces, rows(View::Provinces, PlanFocus::Items));
        self.cooperatives
            .refit(coops, rows(View::Cooperatives, PlanFocus::Items));
        self.plan_items
            .refit(items, rows(View::Plan, PlanFocus::Items));
        self.plan_provinces
            .refit(provinces, rows(View::Plan, PlanFocus::Provinces));
    }
}

/// Applies one action to the session.
pub fn update(app: &mut App, action: Action) -> Effect {
    let command = match action {
        Action::Resize { width, height } => {
            app.size = Rect::new(0, 0, width, height);
            app.refit();
            return Effect::None;
        }
        Action::Command(command) => command,
    };
    app.message = None;
    if let Some(scroll) = app.help.as_mut() {
        match command {
            Command::Up => *scroll = scroll.saturating_sub(1),
            Command::Down => *scroll = scroll.saturating_add(1),
            Command::ToggleHelp | Command::Back => app.help = None,
            Command::Quit => return Effect::Quit,
            _ => {}
        }
        return Effect::None;
    }
    let page = isize::try_from(app.page()).unwrap_or(isize::MAX);
    match command {
        Command::Up => app.move_selection(-1),
        Command::Down => app.move_selection(1),
        Command::PageUp => app.move_selection(-page),
        Command::PageDown => app.move_selection(page),
        Command::HalfPageUp => app.move_selection(-(page / 2).max(1)),
        Command::HalfPageDown => app.move_selection((page / 2).max(1)),
        Command::Top => app.jump(false),
        Command::Bottom => app.jump(true),
        Command::Enter => app.enter(),
        Command::Back => app.back(),
        Command::NextView => app.cycle_view(true),
        Command::PreviousView => app.cycle_view(false),
        Command::ShowProvinces => app.show(View::Provinces),
        Command::ShowCooperatives => app.show(View::Cooperatives),
        Command::ShowPlan => app.show(View::Plan),
        Command::ToggleHelp => app.help = Some(0),
        Command::Quit => return Effect::Quit,
    }
    Effect::None
}
