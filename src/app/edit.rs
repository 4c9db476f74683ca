//! Editing the plan: a province's status and note on an item, undo and redo, and saving
//! (the save itself runs in the loop, off this pure code; its outcome comes back as an action).

use std::sync::Arc;

use super::textarea::TextArea;
use super::{App, Effect, PlanFocus, View};
use crate::model::edit::{Conflict, Edit};
use crate::model::{Dataset, Origin, Progress, ProgressStatus};

/// The note editor, open on one province's entry of one plan item.
#[derive(Clone, Debug)]
pub struct NoteEditor {
    pub item: usize,
    pub province: usize,
    pub text: TextArea,
}

/// A question the user must answer before going on.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// Quit with unsaved edits: save, discard or stay.
    Quit,
    /// A save found records changed both here and in the file on disk.
    Conflicts {
        theirs: Box<Dataset>,
        conflicts: Vec<Conflict>,
    },
}

/// What the loop asks for when the user saves.
#[derive(Clone, Debug)]
pub struct SaveRequest {
    /// The data as it is now, shared: an edit made while the save runs copies it first.
    pub dataset: Arc<Dataset>,
    /// Edits since the file was loaded or last saved, to re-apply if it changed meanwhile.
    pub edits: Vec<Edit>,
    /// Quit once the save succeeded.
    pub then_quit: bool,
}

/// How a save ended, as the loop reports it.
#[derive(Clone, Debug)]
pub enum SaveOutcome {
    Written,
    /// Another session had saved; the file now holds both sessions' edits.
    Merged {
        dataset: Box<Dataset>,
        merged: usize,
    },
    /// Another session had saved changes to the same records; nothing was written.
    Conflicts {
        theirs: Box<Dataset>,
        conflicts: Vec<Conflict>,
    },
    Failed(String),
}

/// Editing state of a session.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub undo: Vec<Edit>,
    pub redo: Vec<Edit>,
    /// Every edit applied since the file was loaded or saved, undos included, in order: what a
    /// save re-applies to a file someone else changed, and what the journal holds.
    pub pending: Vec<Edit>,
    /// Edits not yet written to the recovery journal; the loop takes them after each batch.
    pub unjournaled: Vec<Edit>,
    /// `Some(n)` while a save of the first `n` pending edits runs.
    pub saving: Option<usize>,
    pub quit_after_save: bool,
}

impl App {
    /// `q` (or Ctrl-c anywhere): quits, or asks first when there are unsaved edits.
    pub(super) fn quit(&mut self) -> Effect {
        if self.dirty() {
            self.dialog = Some(Dialog::Quit);
            Effect::None
        } else {
            Effect::Quit
        }
    }

    /// Whether there are edits not yet in the file.
    pub fn dirty(&self) -> bool {
        !self.history.pending.is_empty()
    }

    /// Edits for the recovery journal; the loop calls this after every batch of events.
    pub fn take_unjournaled(&mut self) -> Vec<Edit> {
        std::mem::take(&mut self.history.unjournaled)
    }

    fn record(&mut self, edit: Edit) {
        self.history.pending.push(edit.clone());
        self.history.unjournaled.push(edit);
    }

    /// Applies a new edit: recorded for undo, the journal and the next save.
    pub(super) fn apply(&mut self, edit: Edit) {
        if let Err(conflict) = edit.apply(Arc::make_mut(&mut self.dataset)) {
            // Cannot happen for edits built from the current data; say so rather than lose it.
            self.message = Some(format!("Edit not applied: {}", conflict.what));
            return;
        }
        self.history.redo.clear();
        self.reindex_after(&edit);
        self.history.undo.push(edit.clone());
        self.record(edit);
    }

    /// Rebuilds what is derived from the data after an edit.
    pub(super) fn reindex(&mut self) {
        self.index = super::Index::build(&self.dataset);
        self.forget_search();
        self.refresh_lists();
    }

    /// Rebuilds what `edit` changed: after a progress entry only the tallies, which is what
    /// keeps a key press on a 100k-cooperative dataset instant.
    fn reindex_after(&mut self, edit: &Edit) {
        if matches!(edit, Edit::Progress { .. }) {
            self.reindex_progress();
        } else {
            self.reindex();
        }
    }

    /// After an edit of progress entries only: the orders stand, the tallies change.
    fn reindex_progress(&mut self) {
        self.index.retally(&self.dataset);
        self.forget_search();
        self.refit();
    }

    /// The next search runs on a new index of the data as it is now, and results of an older
    /// search, which point into the old one, are dropped.
    fn forget_search(&mut self) {
        self.data_version += 1;
        self.results = None;
    }

    /// The entry under the selection in the plan's province list: (item, province).
    fn selected_entry(&mut self) -> Option<(usize, usize)> {
        if self.view != View::Plan || self.plan_focus != PlanFocus::Provinces {
            self.message =
                Some("Choose a province on an item first: 3, select the item, Enter".into());
            return None;
        }
        let item = self.plan_items.selected;
        let province = self.selected_plan_province()?;
        (item < self.dataset.plan.items.len()).then_some((item, province))
    }

    fn progress_edit(
        &self,
        item: usize,
        province: usize,
        change: impl FnOnce(&mut Progress),
    ) -> Edit {
        let plan_item = &self.dataset.plan.items[item];
        let code = self.dataset.provinces[province].code.clone();
        let before = plan_item.progress_of(&code).cloned();
        let mut after = before.clone().unwrap_or(Progress {
            province: code.clone(),
            status: ProgressStatus::NotStarted,
            note: String::new(),
            changed_by: None,
            changed_at: None,
            origin: Origin::Illustrative,
        });
        change(&mut after);
        after.changed_by = Some(self.user.clone());
        after.changed_at = self.now;
        Edit::Progress {
            item: plan_item.id.clone(),
            province: code,
            before,
            after: Some(after),
        }
    }

    /// Space: not started → in progress → done → not started (n/a → not started).
    pub(super) fn cycle_status(&mut self) {
        let Some((item, province)) = self.selected_entry() else {
            return;
        };
        let edit = self.progress_edit(item, province, |entry| {
            entry.status = match entry.status {
                ProgressStatus::NotStarted => ProgressStatus::InProgress,
                ProgressStatus::InProgress => ProgressStatus::Done,
                ProgressStatus::Done | ProgressStatus::NotApplicable => ProgressStatus::NotStarted,
            };
        });
        self.apply(edit);
    }

    /// `-`: not applicable, or back to not started.
    pub(super) fn toggle_not_applicable(&mut self) {
        let Some((item, province)) = self.selected_entry() else {
            return;
        };
        let edit = self.progress_edit(item, province, |entry| {
            entry.status = if entry.status == ProgressStatus::NotApplicable {
                ProgressStatus::NotStarted
            } else {
                ProgressStatus::NotApplicable
            };
        });
        self.apply(edit);
    }

    pub(super) fn open_note_editor(&mut self) {
        let Some((item, province)) = self.selected_entry() else {
            return;
        };
        let code = &self.dataset.provinces[province].code;
        let note = self.dataset.plan.items[item]
            .progress_of(code)
            .map_or("", |e| e.note.as_str());
        self.editor = Some(NoteEditor {
            item,
            province,
            text: TextArea::new(note, false),
        });
    }

    /// Ctrl-s in the editor: keeps the note (as one edit) if it changed.
    pub(super) fn accept_note(&mut self) {
        let Some(editor) = self.editor.take() else {
            return;
        };
        let note = editor.text.text().trim_end().to_string();
        let code = &self.dataset.provinces[editor.province].code;
        let current = self.dataset.plan.items[editor.item]
            .progress_of(code)
            .map_or("", |e| e.note.as_str());
        if note == current {
            return;
        }
        let edit = self.progress_edit(editor.item, editor.province, |entry| entry.note = note);
        self.apply(edit);
    }

    pub(super) fn undo(&mut self) {
        let Some(edit) = self.history.undo.pop() else {
            self.message = Some("Nothing to undo".into());
            return;
        };
        let inverse = edit.inverse();
        if inverse.apply(Arc::make_mut(&mut self.dataset)).is_ok() {
            self.message = Some(format!("Undid the change to {}", edit.subject()));
            self.reindex_after(&inverse);
            self.history.redo.push(edit);
            self.record(inverse);
        }
    }

    pub(super) fn redo(&mut self) {
        let Some(edit) = self.history.redo.pop() else {
            self.message = Some("Nothing to redo".into());
            return;
        };
        if edit.apply(Arc::make_mut(&mut self.dataset)).is_ok() {
            self.message = Some(format!("Redid the change to {}", edit.subject()));
            self.reindex_after(&edit);
            self.history.undo.push(edit.clone());
            self.record(edit);
        }
    }

    /// The file as another session saved it: this session's unsaved edits are re-applied on
    /// top; those whose records changed there too become conflicts to settle.
    pub(super) fn reloaded(&mut self, theirs: Dataset) {
        self.changed_on_disk = false;
        let mut dataset = theirs.clone();
        let conflicts: Vec<Conflict> = self
            .history
            .pending
            .iter()
            .filter_map(|edit| edit.apply(&mut dataset).err())
            .collect();
        if conflicts.is_empty() {
            self.dataset = Arc::new(dataset);
            self.history.undo.clear();
            self.history.redo.clear();
            self.reindex();
            self.message = Some(if self.dirty() {
                format!(
                    "Reloaded {}; your {} unsaved edits are re-applied",
                    self.source,
                    self.history.pending.len()
                )
            } else {
                format!("Reloaded {}", self.source)
            });
        } else {
            self.dialog = Some(Dialog::Conflicts {
                theirs: Box::new(theirs),
                conflicts,
            });
        }
    }

    /// Re-applies edits recovered from a journal; returns those that no longer apply.
    pub fn restore_edits(&mut self, edits: Vec<Edit>) -> Vec<Edit> {
        let mut rejected = Vec::new();
        for edit in edits {
            match edit.apply(Arc::make_mut(&mut self.dataset)) {
                Ok(()) => {
                    self.history.undo.push(edit.clone());
                    // Already in the journal: pending only.
                    self.history.pending.push(edit);
                }
                Err(_) => rejected.push(edit),
            }
        }
        self.reindex();
        rejected
    }

    /// `s`: asks the loop to save, unless a save is already running.
    pub(super) fn request_save(&mut self, then_quit: bool) -> Effect {
        if self.history.saving.is_some() {
            self.message = Some("Already saving…".into());
            return Effect::None;
        }
        if !self.dirty() {
            self.message = Some("No changes to save".into());
            return if then_quit {
                Effect::Quit
            } else {
                Effect::None
            };
        }
        self.history.saving = Some(self.history.pending.len());
        self.history.quit_after_save = then_quit;
        self.message = Some("Saving…".into());
        Effect::Save(SaveRequest {
            dataset: Arc::clone(&self.dataset),
            edits: self.history.pending.clone(),
            then_quit,
        })
    }

    pub(super) fn finish_save(&mut self, outcome: SaveOutcome) -> Effect {
        let saved = self.history.saving.take().unwrap_or(0);
        let quit = std::mem::take(&mut self.history.quit_after_save);
        match outcome {
            SaveOutcome::Written => {
                self.history
                    .pending
                    .drain(..saved.min(self.history.pending.len()));
                self.message = Some(format!("Saved {}", self.source));
            }
            SaveOutcome::Merged { dataset, merged } => {
                let later: Vec<Edit> = self.history.pending.drain(..).skip(saved).collect();
                self.dataset = Arc::new(*dataset);
                for edit in &later {
                    let _ = edit.apply(Arc::make_mut(&mut self.dataset));
                }
                self.history.pending = later;
                self.reindex();
                self.message = Some(format!(
                    "Saved {}: someone else had saved meanwhile; merged {merged} edits of yours with theirs",
                    self.source
                ));
            }
            SaveOutcome::Conflicts { theirs, conflicts } => {
                self.message = None;
                self.dialog = Some(Dialog::Conflicts { theirs, conflicts });
                return Effect::None;
            }
            SaveOutcome::Failed(reason) => {
                self.message = Some(reason);
                return Effect::None;
            }
        }
        if quit && !self.dirty() {
            Effect::Quit
        } else {
            Effect::None
        }
    }

    /// Settles conflicts: `keep_mine` writes this session's version of each conflicting
    /// record over theirs; otherwise their version stays and this session's edit is dropped.
    /// Edits to other records are re-applied either way; then the save is asked again.
    pub(super) fn resolve_conflicts(&mut self, keep_mine: bool) -> Effect {
        let Some(Dialog::Conflicts { theirs, conflicts }) = self.dialog.take() else {
            return Effect::None;
        };
        let mut dataset = *theirs;
        let mut pending = Vec::new();
        for edit in self.history.pending.drain(..) {
            match edit.apply(&mut dataset) {
                Ok(()) => pending.push(edit),
                Err(_) if keep_mine => {
                    let forced = force(&edit, &dataset);
                    if forced.apply(&mut dataset).is_ok() {
                        pending.push(forced);
                    }
                }
                Err(_) => {}
            }
        }
        let dropped = conflicts.len();
        self.dataset = Arc::new(dataset);
        self.history.undo.clear();
        self.history.redo.clear();
        self.history.unjournaled.extend(pending.iter().cloned());
        self.history.pending = pending;
        self.reindex();
        if keep_mine {
            self.request_save(false)
        } else {
            self.message = Some(format!(
                "Kept their version of {dropped} record(s); your other edits stay unsaved"
            ));
            if self.dirty() {
                self.request_save(false)
            } else {
                Effect::None
            }
        }
    }
}

/// The same change as `edit`, but starting from whatever `dataset` holds now.
fn force(edit: &Edit, dataset: &Dataset) -> Edit {
    match edit {
        Edit::Progress {
            item,
            province,
            after,
            ..
        } => {
            let before = dataset
                .plan
                .items
                .iter()
                .find(|i| &i.id == item)
                .and_then(|i| i.progress_of(province))
                .cloned();
            Edit::Progress {
                item: item.clone(),
                province: province.clone(),
                before,
                after: after.clone(),
            }
        }
        Edit::Item { id, after, .. } => {
            let before = dataset
                .plan
                .items
                .iter()
                .position(|i| &i.id == id)
                .map(|at| (at, dataset.plan.items[at].clone()));
            Edit::Item {
                id: id.clone(),
                before,
                after: after.clone(),
            }
        }
        Edit::Cooperative { id, after, .. } => {
            let before = dataset
                .cooperatives
                .iter()
                .position(|c| &c.id == id)
                .map(|at| (at, dataset.cooperatives[at].clone()));
            Edit::Cooperative {
                id: id.clone(),
                before,
                after: after.clone(),
            }
        }
    }
}
