//! The state of a session and the one function that changes it: `update(&mut App, Action)`.
//! Pure: no terminal, no disk, no clock. Every change is an [`Action`], so a test can replay
//! a session key by key.

mod command;
mod cursor;
pub mod dashboard;
mod edit;
mod filter;
mod form;
mod hints;
mod index;
mod layer;
pub mod layout;
mod modes;
pub mod mouse;
pub mod pages;
mod search;
mod textarea;

pub use crate::model::figures::overdue;
pub use command::Command;
pub use cursor::{Cursor, visible_offset};
pub use dashboard::Matrix;
pub use edit::{
    AfterSettling, Dialog, History, JournalWork, NoteEditor, ReloadOutcome, ReloadRequest,
    SaveOutcome, SaveRequest, Settling,
};
pub use filter::{CooperativeFilter, FilterRow, PlanFilter, SortKey};
pub use form::{FieldKind, Form, FormField, FormTarget};
pub use index::{Index, Update};
pub use layer::{Layer, Question};
pub use search::{
    CacheWrite, Place, RESULT_LIMIT, Results, Search, SearchRequest, SearchWorker, StartCache,
};
pub use textarea::TextArea;

use std::sync::Arc;

use ratatui::layout::Rect;

use crate::keymap::Keymap;
use crate::model::{Dataset, Date, Timestamp};
use crate::search::{Hit, SearchIndex};
use crate::theme::Theme;

/// The screens a user moves between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Provinces,
    Cooperatives,
    /// One cooperative on a page of its own.
    CooperativeDetail,
    Plan,
    /// The plan as a matrix, the ratings, sectors, new members and overdue items at a glance.
    Dashboard,
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
    /// A page to read (a province's entry on an item in full).
    Read,
    /// The search prompt is open: printable keys type into it.
    Search,
    /// The filter popup is open.
    Filter,
    /// A text editor is open: printable keys type.
    Edit,
    /// A form is open: printable keys type into the focused field.
    Form,
    /// A question (quit with unsaved edits, conflicts) waits for an answer.
    Dialog,
    /// A yes/no question (delete this? throw away what was typed?) waits for `y` or `n`.
    Question,
}

impl Mode {
    /// Every mode, in the keymap's order (the order of the help's and the README's tables).
    pub const ALL: [Mode; 9] = [
        Mode::Browse,
        Mode::Read,
        Mode::Search,
        Mode::Filter,
        Mode::Edit,
        Mode::Form,
        Mode::Dialog,
        Mode::Question,
        Mode::Help,
    ];
}

/// A change to the session.
#[derive(Clone, Debug)]
pub enum Action {
    /// The user asked for something with a key.
    Command(Command),
    /// Text typed (or pasted) into the search prompt.
    Input(String),
    /// The terminal now has this size; lists re-fit their scroll offsets.
    Resize { width: u16, height: u16 },
    /// Today's date, from the loop's clock (the overdue filter needs it).
    Today(Date),
    /// The time now, from the loop's clock, for stamping edits.
    Clock(Timestamp),
    /// A save asked for with [`Effect::Save`] ended.
    SaveFinished(SaveOutcome),
    /// Another process saved the file since this session loaded or saved it.
    ChangedOnDisk,
    /// The file read again after [`Effect::Reload`], with the unsaved edits carried onto it.
    Reloaded(ReloadOutcome),
    /// The results of the search of `generation`.
    SearchResults {
        generation: u64,
        hits: Vec<Hit>,
        /// The index the hits point into.
        index: Arc<SearchIndex>,
    },
    /// A click or a turn of the wheel, when the mouse is on.
    Mouse(mouse::Mouse),
}

/// What the loop must do after an update.
#[derive(Clone, Debug)]
pub enum Effect {
    None,
    Quit,
    /// Run this search and answer with [`Action::SearchResults`].
    Search(SearchRequest),
    /// Save the data (off the UI thread) and answer with [`Action::SaveFinished`].
    Save(SaveRequest),
    /// Quit, dropping the unsaved edits and their recovery journal.
    QuitDiscarding,
    /// Read the file again, carry the unsaved edits onto it, and answer with
    /// [`Action::Reloaded`].
    Reload(ReloadRequest),
    /// Give the terminal back and stop the process until the shell continues it (Ctrl-z).
    Suspend,
}

impl PartialEq for Effect {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Effect::None, Effect::None)
            | (Effect::Quit, Effect::Quit)
            | (Effect::Suspend, Effect::Suspend)
            | (Effect::QuitDiscarding, Effect::QuitDiscarding) => true,
            (Effect::Reload(a), Effect::Reload(b)) => a.edits == b.edits,
            (Effect::Save(a), Effect::Save(b)) => a.edits == b.edits && a.then_quit == b.then_quit,
            (Effect::Search(a), Effect::Search(b)) => {
                a.generation == b.generation && a.query == b.query
            }
            _ => false,
        }
    }
}

/// Everything a frame shows.
#[derive(Clone, Debug)]
pub struct App {
    /// Shared with a running save or index build; an edit copies it only while one runs.
    pub dataset: Arc<Dataset>,
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
    /// The dashboard's selected cell of the plan's matrix.
    pub dashboard: Matrix,
    /// What is open over the list views, bottom to top; the top one takes the keys.
    pub layers: Vec<Layer>,
    /// The index the shown search results point into, as the search worker built it.
    pub search_index: Arc<SearchIndex>,
    /// Bumped whenever the data changes, so the search worker knows to index it again.
    pub data_version: u64,
    /// Search requests made so far in the session: each one's generation, so that a late
    /// answer for an earlier prompt is never taken for the current one.
    pub searches_asked: u64,
    /// The last search jumped from, for `n`/`N`.
    pub results: Option<Results>,
    pub coop_filter: CooperativeFilter,
    pub coop_sort: SortKey,
    pub coop_descending: bool,
    pub plan_filter: PlanFilter,
    /// The cooperatives table's rows: the province's cooperatives, filtered and sorted.
    pub visible: Vec<usize>,
    pub today: Option<Date>,
    /// The time of the last clock tick; edits are stamped with it.
    pub now: Option<Timestamp>,
    /// Who edits: the login name, written into every change.
    pub user: String,
    pub history: History,
    /// Another process saved the file; `R` reloads.
    pub changed_on_disk: bool,
    /// A one-line message for the footer, cleared by the next key.
    pub message: Option<String>,
    pub size: Rect,
    /// The keys, as the user's config set them: the help, the hints and every message that
    /// names a key are written from it.
    pub keymap: Arc<Keymap>,
    pub theme: Theme,
}

impl App {
    pub fn new(dataset: Dataset, source: impl Into<String>) -> Self {
        Self::with_orders(dataset, source, None)
    }

    /// [`App::new`] with the sorted views kept in the file's cache, when they fit the data:
    /// then nothing is sorted before the first frame.
    pub fn with_orders(
        dataset: Dataset,
        source: impl Into<String>,
        orders: Option<&crate::store::cache::Orders>,
    ) -> Self {
        let index = orders
            .and_then(|orders| Index::from_orders(&dataset, orders))
            .unwrap_or_else(|| Index::build(&dataset));
        // The search worker builds the real one when the session starts.
        let search_index = Arc::new(SearchIndex::default());
        let province = index.provinces.first().copied();
        let mut app = Self {
            dataset: Arc::new(dataset),
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
            dashboard: Matrix::default(),
            layers: Vec::new(),
            search_index,
            data_version: 0,
            searches_asked: 0,
            results: None,
            coop_filter: CooperativeFilter::default(),
            coop_sort: SortKey::Name,
            coop_descending: false,
            plan_filter: PlanFilter::default(),
            visible: Vec::new(),
            today: None,
            now: None,
            user: "unknown".to_string(),
            history: History::default(),
            changed_on_disk: false,
            message: None,
            size: Rect::new(0, 0, 80, 24),
            keymap: Arc::new(Keymap::default()),
            theme: Theme::default(),
        };
        app.refresh_lists();
        // A file a merge left conflicts in opens on their list.
        if !app.dataset.conflicts.is_empty() {
            app.show_file_conflicts();
        }
        app
    }

    /// `text` after the key bound to `command` in the list views: "u undoes …". Messages
    /// name keys this way so that they follow the user's keymap.
    pub fn keys_say(&self, command: Command, text: &str) -> String {
        match self.keymap.keys_for(Mode::Browse, command).first() {
            Some(&key) => format!("{} {text}", self.key_name(key)),
            None => format!("({}) {text}", (crate::lang::tr().no_key)(command.label())),
        }
    }

    /// The tabs' text, ` 1 Provinces `, ` 2 Cooperatives: Nam Định `, ` 3 Plan `,
    /// ` 4 Dashboard `, as the tab row draws them and a click finds them. Tab 2 names the
    /// province it would show: the one selected in the provinces view.
    pub fn tab_names(&self) -> [String; 4] {
        let shown = match self.view {
            View::Provinces => self.selected_province(),
            _ => self.province,
        };
        let province = shown.map_or(String::new(), |p| {
            format!(
                ": {}",
                crate::text::display(&self.dataset.provinces[p].name)
            )
        });
        let [provinces, cooperatives, plan, dashboard] = crate::lang::tr().tabs;
        [
            format!(" 1 {provinces} "),
            format!(" 2 {cooperatives}{province} "),
            format!(" 3 {plan} "),
            format!(" 4 {dashboard} "),
        ]
    }

    /// The cooperatives table's rows: the selected province's cooperatives, filtered and
    /// sorted.
    pub fn province_cooperatives(&self) -> &[usize] {
        &self.visible
    }

    /// Makes `province` the one the cooperatives view shows.
    fn set_province(&mut self, province: Option<usize>) {
        if province != self.province {
            self.province = province;
            self.cooperatives = Cursor::default();
            self.refresh_lists();
        }
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
        self.plan_rows().get(self.plan_provinces.selected).copied()
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
                PlanFocus::Provinces => {
                    let len = self.plan_rows().len();
                    (&mut self.plan_provinces, len)
                }
            },
            View::Dashboard => (&mut self.dashboard.items, self.dataset.plan.items.len()),
        }
    }

    fn move_selection(&mut self, delta: isize) {
        if self.view == View::CooperativeDetail {
            let (_, last) = self.cooperative_page_bounds();
            self.detail_scroll = self.detail_scroll.saturating_add_signed(delta).min(last);
            return;
        }
        let page = self.page();
        let (cursor, len) = self.focused();
        cursor.move_by(delta, len, page);
        if self.view == View::Plan {
            // Another item may list other provinces under the filters.
            self.refit();
        }
    }

    fn jump(&mut self, to_end: bool) {
        if self.view == View::CooperativeDetail {
            self.detail_scroll = if to_end {
                self.cooperative_page_bounds().1
            } else {
                0
            };
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
        self.set_province(self.selected_province());
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
            View::Plan if self.selected_plan_province().is_some() => {
                self.open(Layer::Entry { scroll: 0 });
            }
            View::Dashboard => self.open_dashboard_entry(),
            View::Cooperatives | View::CooperativeDetail | View::Plan => {}
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
            View::Plan | View::Provinces | View::Dashboard => {}
        }
        self.refit();
    }

    fn cycle_view(&mut self, forward: bool) {
        const ORDER: [View; 4] = [
            View::Provinces,
            View::Cooperatives,
            View::Plan,
            View::Dashboard,
        ];
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
        let plan_rows = self.plan_rows().len();
        let coops = self.province_cooperatives().len();
        let rows = |view, focus| layout::focused_rows(size, view, focus, items);
        self.provinces
            .refit(provinces, rows(View::Provinces, PlanFocus::Items));
        self.cooperatives
            .refit(coops, rows(View::Cooperatives, PlanFocus::Items));
        self.plan_items
            .refit(items, rows(View::Plan, PlanFocus::Items));
        self.plan_provinces
            .refit(plan_rows, rows(View::Plan, PlanFocus::Provinces));
        self.dashboard
            .items
            .refit(items, rows(View::Dashboard, PlanFocus::Items));
        self.move_column(0);
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
        Action::Today(date) => {
            app.today = Some(date);
            app.refit();
            return Effect::None;
        }
        Action::SearchResults {
            generation,
            hits,
            index,
        } => {
            app.receive(generation, hits, index);
            return Effect::None;
        }
        Action::Clock(now) => {
            app.now = Some(now);
            return Effect::None;
        }
        Action::SaveFinished(outcome) => return app.finish_save(outcome),
        Action::ChangedOnDisk => {
            app.changed_on_disk = true;
            app.message = Some((crate::lang::tr().changed_on_disk)(&app.source));
            return Effect::None;
        }
        Action::Reloaded(outcome) => return app.finish_reload(outcome),
        Action::Input(text) => return modes::input(app, &text),
        Action::Mouse(event) => return mouse::update(app, event),
        Action::Command(command) => command,
    };
    app.message = None;
    modes::update(app, command)
}
