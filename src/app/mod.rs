//! The state of a session and the one function that changes it: `update(&mut App, Action)`.
//! Pure: no terminal, no disk, no clock. Every change is an [`Action`], so a test can replay
//! a session key by key.

mod command;
mod cursor;
mod edit;
mod filter;
mod form;
mod index;
pub mod layout;
mod search;
mod textarea;

pub use command::Command;
pub use cursor::{Cursor, visible_offset};
pub use edit::{
    AfterSettling, Dialog, History, JournalWork, NoteEditor, ReloadOutcome, ReloadRequest,
    SaveOutcome, SaveRequest, Settling,
};
pub use filter::{CooperativeFilter, FilterRow, PlanFilter, SortKey, overdue};
pub use form::{FieldKind, Form, FormField, FormTarget};
pub use index::Index;
pub use search::{Place, RESULT_LIMIT, Results, Search, SearchRequest, SearchWorker};
pub use textarea::TextArea;

use std::sync::Arc;

use ratatui::layout::Rect;

use crate::model::{Dataset, Date, Timestamp};
use crate::search::{Hit, SearchIndex};

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
}

impl Mode {
    /// Every mode, in the keymap's order (the order of the help's and the README's tables).
    pub const ALL: [Mode; 7] = [
        Mode::Browse,
        Mode::Search,
        Mode::Filter,
        Mode::Edit,
        Mode::Form,
        Mode::Dialog,
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
}

impl PartialEq for Effect {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Effect::None, Effect::None)
            | (Effect::Quit, Effect::Quit)
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
    /// `Some(scroll)` while the help overlay is open.
    pub help: Option<usize>,
    /// The index the shown search results point into, as the search worker built it.
    pub search_index: Arc<SearchIndex>,
    /// Bumped whenever the data changes, so the search worker knows to index it again.
    pub data_version: u64,
    /// The search prompt, while it is open.
    pub search: Option<Search>,
    /// Search requests made so far in the session: each one's generation, so that a late
    /// answer for an earlier prompt is never taken for the current one.
    pub searches_asked: u64,
    /// The last search jumped from, for `n`/`N`.
    pub results: Option<Results>,
    /// `Some(row)` while the filter popup is open.
    pub filter_popup: Option<usize>,
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
    /// The note editor, while it is open.
    pub editor: Option<NoteEditor>,
    /// A plan item's or a cooperative's form, while it is open.
    pub form: Option<Form>,
    /// A question waiting for an answer.
    pub dialog: Option<Dialog>,
    /// Another process saved the file; `R` reloads.
    pub changed_on_disk: bool,
    /// A one-line message for the footer, cleared by the next key.
    pub message: Option<String>,
    pub size: Rect,
}

impl App {
    pub fn new(dataset: Dataset, source: impl Into<String>) -> Self {
        let index = Index::build(&dataset);
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
            help: None,
            search_index,
            data_version: 0,
            search: None,
            searches_asked: 0,
            results: None,
            filter_popup: None,
            coop_filter: CooperativeFilter::default(),
            coop_sort: SortKey::Name,
            coop_descending: false,
            plan_filter: PlanFilter::default(),
            visible: Vec::new(),
            today: None,
            now: None,
            user: "unknown".to_string(),
            history: History::default(),
            editor: None,
            form: None,
            dialog: None,
            changed_on_disk: false,
            message: None,
            size: Rect::new(0, 0, 80, 24),
        };
        app.refresh_lists();
        app
    }

    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else if let Some(Dialog::Conflicts(settling)) = &self.dialog
            && settling.editing.is_some()
        {
            Mode::Edit
        } else if self.dialog.is_some() {
            Mode::Dialog
        } else if self.editor.is_some() {
            Mode::Edit
        } else if self.form.is_some() {
            Mode::Form
        } else if self.search.is_some() {
            Mode::Search
        } else if self.filter_popup.is_some() {
            Mode::Filter
        } else {
            Mode::Browse
        }
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
        if self.view == View::Plan {
            // Another item may list other provinces under the filters.
            self.refit();
        }
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
            app.message = Some(format!(
                "{} was saved by someone else: R reloads it (your unsaved edits are carried over)",
                app.source
            ));
            return Effect::None;
        }
        Action::Reloaded(outcome) => return app.finish_reload(outcome),
        Action::Input(text) => {
            if let Some(field) = app.form.as_mut().and_then(Form::field) {
                if !matches!(field.kind, FieldKind::Choice(_)) {
                    field.input.insert(&text);
                }
                return Effect::None;
            }
            if let Some(text_area) = app.text_area() {
                text_area.insert(&text);
                return Effect::None;
            }
            return app.type_text(&text);
        }
        Action::Command(command) => command,
    };
    app.message = None;
    let page = app.page();
    let step = isize::try_from(page).unwrap_or(isize::MAX);
    match app.mode() {
        Mode::Help => {
            match command {
                Command::Up => app.help = app.help.map(|s| s.saturating_sub(1)),
                Command::Down => app.help = app.help.map(|s| s.saturating_add(1)),
                Command::ToggleHelp | Command::Back => app.help = None,
                Command::Quit => {
                    app.help = None;
                    return app.quit();
                }
                _ => {}
            }
            return Effect::None;
        }
        Mode::Search => {
            let results_page = layout::search_rows(app.size);
            let results_step = isize::try_from(results_page).unwrap_or(isize::MAX);
            match command {
                Command::Up => app.move_in_results(-1, results_page),
                Command::Down => app.move_in_results(1, results_page),
                Command::PageUp => app.move_in_results(-results_step, results_page),
                Command::PageDown => app.move_in_results(results_step, results_page),
                Command::Enter => app.accept_search(),
                Command::Back => app.cancel_search(),
                Command::DeleteBackward => return app.delete_backward(false),
                Command::DeleteWord => return app.delete_backward(true),
                Command::ClearInput => return app.clear_query(),
                Command::Quit => {
                    app.search = None;
                    return app.quit();
                }
                _ => {}
            }
            return Effect::None;
        }
        Mode::Filter => {
            let rows = app.filter_rows();
            let row = app
                .filter_popup
                .unwrap_or(0)
                .min(rows.len().saturating_sub(1));
            match command {
                Command::Up => app.filter_popup = Some(row.saturating_sub(1)),
                Command::Down => {
                    app.filter_popup = Some((row + 1).min(rows.len().saturating_sub(1)))
                }
                Command::NextValue | Command::Enter => app.cycle_filter(rows[row], true),
                Command::PreviousValue => app.cycle_filter(rows[row], false),
                Command::ClearFilters => app.clear_filters(),
                Command::Filter | Command::Back => app.filter_popup = None,
                Command::Quit => {
                    app.filter_popup = None;
                    return app.quit();
                }
                _ => {}
            }
            return Effect::None;
        }
        Mode::Edit => {
            if let Some(text) = app.text_area() {
                match command {
                    Command::NewLine => text.newline(),
                    Command::DeleteBackward => text.backspace(),
                    Command::DeleteForward => text.delete(),
                    Command::CursorLeft => text.left(),
                    Command::CursorRight => text.right(),
                    Command::CursorUp => text.up(),
                    Command::CursorDown => text.down(),
                    Command::LineStart => text.home(),
                    Command::LineEnd => text.end(),
                    Command::Accept => return app.accept_text(),
                    Command::Back => app.close_text(),
                    Command::Quit => {
                        app.close_text();
                        return app.quit();
                    }
                    _ => {}
                }
            }
            return Effect::None;
        }
        Mode::Form => {
            if let Some(form) = app.form.as_mut() {
                let last = form.fields.len().saturating_sub(1);
                match command {
                    Command::NextField | Command::Down => form.focus = (form.focus + 1).min(last),
                    Command::PreviousField | Command::Up => {
                        form.focus = form.focus.saturating_sub(1)
                    }
                    Command::Accept | Command::Enter => return app.accept_form(),
                    Command::Back => app.form = None,
                    Command::Quit => {
                        app.form = None;
                        return app.quit();
                    }
                    Command::CursorLeft if form.cycle(false) => {}
                    Command::CursorRight if form.cycle(true) => {}
                    other => {
                        if let Some(field) = form.field() {
                            let text = &mut field.input;
                            match other {
                                Command::DeleteBackward => text.backspace(),
                                Command::DeleteForward => text.delete(),
                                Command::CursorLeft => text.left(),
                                Command::CursorRight => text.right(),
                                Command::LineStart => text.home(),
                                Command::LineEnd => text.end(),
                                _ => {}
                            }
                        }
                    }
                }
            }
            return Effect::None;
        }
        Mode::Dialog => {
            return match (app.dialog.as_ref(), command) {
                (Some(Dialog::Quit), Command::Save) => app.request_save(true),
                (Some(Dialog::Quit), Command::Discard) => Effect::QuitDiscarding,
                (Some(Dialog::Conflicts(_)), Command::KeepMine) => {
                    app.settle_one(crate::model::merge::Pick::Ours)
                }
                (Some(Dialog::Conflicts(_)), Command::TakeTheirs) => {
                    app.settle_one(crate::model::merge::Pick::Theirs)
                }
                (Some(Dialog::Conflicts(_)), Command::TypeValue) => {
                    app.edit_conflict();
                    Effect::None
                }
                (Some(Dialog::OwnerChange { .. }), Command::Confirm) => app.save_changing_owner(),
                (Some(Dialog::OwnerChange { .. }), Command::SaveAs) => {
                    app.open_save_as();
                    Effect::None
                }
                (Some(Dialog::Conflicts(_)), Command::Back) => {
                    app.dialog = None;
                    app.message = Some(
                        "Nothing was written; your edits stay unsaved (s or R asks again)".into(),
                    );
                    Effect::None
                }
                (_, Command::Back) => {
                    app.dialog = None;
                    Effect::None
                }
                _ => Effect::None,
            };
        }
        Mode::Browse => {}
    }
    match command {
        Command::Up => app.move_selection(-1),
        Command::Down => app.move_selection(1),
        Command::PageUp => app.move_selection(-step),
        Command::PageDown => app.move_selection(step),
        Command::HalfPageUp => app.move_selection(-(step / 2).max(1)),
        Command::HalfPageDown => app.move_selection((step / 2).max(1)),
        Command::Top => app.jump(false),
        Command::Bottom => app.jump(true),
        Command::Enter => app.enter(),
        Command::Back => app.back(),
        Command::NextView => app.cycle_view(true),
        Command::PreviousView => app.cycle_view(false),
        Command::ShowProvinces => app.show(View::Provinces),
        Command::ShowCooperatives => app.show(View::Cooperatives),
        Command::ShowPlan => app.show(View::Plan),
        Command::Search => return app.open_search(),
        Command::NextResult => app.step_results(true),
        Command::PreviousResult => app.step_results(false),
        Command::Filter => match app.view {
            View::Cooperatives | View::CooperativeDetail | View::Plan => {
                if app.view == View::CooperativeDetail {
                    app.view = View::Cooperatives;
                }
                app.filter_popup = Some(0);
            }
            View::Provinces => {
                app.message = Some("Filters apply to the cooperatives (2) and the plan (3)".into())
            }
        },
        Command::ClearFilters => {
            app.clear_filters();
            app.coop_sort = SortKey::Name;
            app.coop_descending = false;
            app.refresh_lists();
            app.message = Some("Filters and sort cleared".into());
        }
        Command::Sort => app.cycle_sort(),
        Command::ReverseSort => app.reverse_sort(),
        Command::ToggleHelp => app.help = Some(0),
        Command::CycleStatus => app.cycle_status(),
        Command::NotApplicable => app.toggle_not_applicable(),
        Command::Edit => match (app.view, app.plan_focus) {
            (View::Plan, PlanFocus::Provinces) => app.open_note_editor(),
            (View::Plan, PlanFocus::Items) => app.open_item_form(false),
            (View::Cooperatives | View::CooperativeDetail, _) => app.open_cooperative_form(false),
            (View::Provinces, _) => {
                app.message = Some("e edits a note or an item (3) or a cooperative (2)".into())
            }
        },
        Command::Add => match app.view {
            View::Plan => app.open_item_form(true),
            View::Cooperatives | View::CooperativeDetail => app.open_cooperative_form(true),
            View::Provinces => {
                app.message = Some("a adds a plan item (3) or a cooperative (2)".into())
            }
        },
        Command::Delete => app.delete_selected(),
        Command::MoveDown => app.move_item(true),
        Command::MoveUp => app.move_item(false),
        Command::Undo => app.undo(),
        Command::Redo => app.redo(),
        Command::Save => return app.request_save(false),
        Command::Reload => {
            return app.request_reload(crate::model::merge::Resolutions::default());
        }
        Command::SaveAs => app.open_save_as(),
        Command::Quit => return app.quit(),
        Command::Discard
        | Command::Confirm
        | Command::Accept
        | Command::NextField
        | Command::PreviousField
        | Command::KeepMine
        | Command::TakeTheirs
        | Command::TypeValue
        | Command::CursorLeft
        | Command::CursorRight
        | Command::CursorUp
        | Command::CursorDown
        | Command::NewLine
        | Command::LineStart
        | Command::LineEnd
        | Command::DeleteForward => {}
        Command::DeleteBackward
        | Command::DeleteWord
        | Command::ClearInput
        | Command::NextValue
        | Command::PreviousValue => {}
    }
    Effect::None
}
