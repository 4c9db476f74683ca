//! Editing the plan: a province's status and note on an item, undo and redo, and saving
//! (the save itself runs in the loop, off this pure code; its outcome comes back as an action).

use std::sync::Arc;

use std::path::PathBuf;

use super::textarea::TextArea;
use super::{App, Effect, Layer, PlanFocus, View};
use crate::app::Command;
use crate::lang::tr;
use crate::model::edit::{Edit, Rejected};
use crate::model::merge::{Conflict, Pick, Resolution, Resolutions};
use crate::model::{Dataset, Progress, ProgressStatus};
use crate::store::cache::Orders;
use crate::store::save::Fingerprint;

/// The note editor, open on one province's entry of one plan item. It names the entry by its
/// ids and keeps the entry as it was when opened: if the data is reloaded meanwhile, the note
/// still goes to that entry, merged with what others changed there.
#[derive(Clone, Debug)]
pub struct NoteEditor {
    /// The plan item's id.
    pub item: String,
    /// The province's code.
    pub province: String,
    /// The entry when the editor opened (`None`: it had none).
    pub opened: Option<Progress>,
    pub text: TextArea,
}

/// A question the user must answer before going on.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// Quit with unsaved edits: save, discard or stay.
    Quit,
    /// Fields that this session and the file on disk changed differently, settled one at a
    /// time.
    Conflicts(Box<Settling>),
    /// Replacing the file would change its owner or group: save anyway, save under another
    /// name, or not now.
    OwnerChange {
        reason: String,
        then_quit: bool,
        /// Conflicts already settled for this save, kept for the save after.
        settled: Resolutions,
    },
}

/// The conflicts of a save or a reload, and how far the user has got through them.
#[derive(Clone, Debug)]
pub struct Settling {
    pub conflicts: Vec<Conflict>,
    /// The conflict shown now.
    pub at: usize,
    pub settled: Resolutions,
    /// The value being typed for the conflict shown (`e`), while the editor is open.
    pub editing: Option<TextArea>,
    /// What to do once every conflict is settled.
    pub then: AfterSettling,
    /// The user already agreed that the file's owner changes (kept for the save after).
    pub allow_owner_change: bool,
}

/// What settling conflicts was for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterSettling {
    Save {
        then_quit: bool,
    },
    Reload,
    /// The conflicts a merge kept in the file: each choice is an edit at once (undone with
    /// the others), and the conflict leaves the list.
    File,
}

/// What the loop asks for when the user saves.
#[derive(Clone, Debug)]
pub struct SaveRequest {
    /// The data as it is now, shared: an edit made while the save runs copies it first.
    pub dataset: Arc<Dataset>,
    /// Edits since the file was loaded or last saved: undone from `dataset`, they give the
    /// state the session started from, the base of a three-way merge.
    pub edits: Vec<Edit>,
    /// The file as the session loaded or last saved it.
    pub base: Option<Fingerprint>,
    /// Conflicts the user settled for this save.
    pub settled: Resolutions,
    /// The user agreed that the file's owner or group changes.
    pub allow_owner_change: bool,
    /// Save under this new name instead ("save as"); the session then edits that file.
    pub save_as: Option<PathBuf>,
    /// Quit once the save succeeded.
    pub then_quit: bool,
    /// The sorted views of `dataset`, kept in the file's cache with it once it is saved.
    pub orders: Orders,
}

/// How a save ended, as the loop reports it.
#[derive(Clone, Debug)]
pub enum SaveOutcome {
    Written {
        fingerprint: Fingerprint,
    },
    /// Another session had saved; the file now holds the merge of both sessions' data.
    Merged {
        dataset: Box<Dataset>,
        fingerprint: Fingerprint,
    },
    /// Saved under a new name; the session now edits that file.
    SavedAs {
        path: PathBuf,
        /// The new name as the header shows it.
        source: String,
        fingerprint: Fingerprint,
    },
    /// Fields both sides changed differently; nothing was written.
    Conflicts {
        conflicts: Vec<Conflict>,
    },
    /// Replacing the file would change its owner: nothing was written; ask.
    OwnerWouldChange(String),
    Failed(String),
}

/// What the loop asks for when the file must be read again (`R`, or after a merged save
/// that ran while the user kept editing).
#[derive(Clone, Debug)]
pub struct ReloadRequest {
    pub dataset: Arc<Dataset>,
    pub edits: Vec<Edit>,
    pub settled: Resolutions,
}

/// How reading the file again ended.
#[derive(Clone, Debug)]
pub enum ReloadOutcome {
    /// The file, with this session's unsaved work carried onto it.
    Rebased {
        dataset: Box<Dataset>,
        /// The unsaved edits as they stand against the file now.
        pending: Vec<Edit>,
        fingerprint: Option<Fingerprint>,
    },
    Conflicts(Vec<Conflict>),
    Failed(String),
}

/// What the recovery journal must be told after a batch of actions.
#[derive(Clone, Debug, PartialEq)]
pub enum JournalWork {
    Nothing,
    /// These edits are new: append them.
    Append(Vec<Edit>),
    /// The unsaved edits are now these (after a save or a reload): replace the journal.
    Replace(Vec<Edit>),
}

/// Editing state of a session.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub undo: Vec<Edit>,
    pub redo: Vec<Edit>,
    /// Records whose net change since the file was loaded or saved is not nothing
    /// ([`History::recount`] after `pending` changes).
    pub unsaved: usize,
    /// Every edit applied since the file was loaded or saved, undos included, in order, each
    /// as it was actually made: what a save undoes to find the common base, and what the
    /// journal holds.
    pub pending: Vec<Edit>,
    /// Edits not yet written to the recovery journal; the loop takes them after each batch.
    pub unjournaled: Vec<Edit>,
    /// The journal must be rewritten with `pending` (it changed other than by appending).
    pub rejournal: bool,
    /// The file as this session loaded or last saved it.
    pub base: Option<Fingerprint>,
    /// `Some(n)` while a save of the first `n` pending edits runs.
    pub saving: Option<usize>,
    /// `Some(n)` while the file is read again for the first `n` pending edits.
    pub reloading: Option<usize>,
    pub quit_after_save: bool,
    /// The choices the running save was asked with, so that a question it raises (conflicts,
    /// the owner) starts from them rather than asking again.
    pub save_choices: (Resolutions, bool),
}

impl History {
    /// Counts again the records that differ from the file.
    pub fn recount(&mut self) {
        self.unsaved = crate::model::edit::net_count(&self.pending);
    }
}

impl App {
    /// `q` (or Ctrl-c anywhere): quits, or asks first when there are unsaved edits. Edits
    /// that undo each other are nothing to save: their journal goes with the session.
    pub(super) fn quit(&mut self) -> Effect {
        if self.dirty() {
            self.open(Layer::Dialog(Dialog::Quit));
            Effect::None
        } else if self.history.pending.is_empty() {
            Effect::Quit
        } else {
            Effect::QuitDiscarding
        }
    }

    /// Whether the data differs from the file: some record's net change is not nothing.
    pub fn dirty(&self) -> bool {
        self.history.unsaved > 0
    }

    /// How many records differ from the file (an edit and its undo count for nothing).
    pub fn unsaved_count(&self) -> usize {
        self.history.unsaved
    }

    /// What the recovery journal needs after this batch of actions; the loop calls this after
    /// every batch and reports a failure back as a message.
    pub fn take_journal_work(&mut self) -> JournalWork {
        let new = std::mem::take(&mut self.history.unjournaled);
        if std::mem::take(&mut self.history.rejournal) {
            JournalWork::Replace(self.history.pending.clone())
        } else if new.is_empty() {
            JournalWork::Nothing
        } else {
            JournalWork::Append(new)
        }
    }

    /// The journal could not be written: the edits are still here, in memory and in the undo
    /// history, and the next batch tries to write the whole journal again.
    pub fn journal_failed(&mut self, reason: String) {
        self.history.rejournal = true;
        self.message = Some((tr().journal_failed)(&reason));
    }

    fn record(&mut self, edit: Edit) {
        if edit.is_noop() {
            return;
        }
        self.history.pending.push(edit.clone());
        self.history.unjournaled.push(edit);
        self.history.recount();
    }

    /// Applies a new edit: recorded for undo, the journal and the next save.
    pub(super) fn apply(&mut self, edit: Edit) {
        if let Err(rejected) = self.try_apply(&edit) {
            // Cannot happen for edits built from the current data; say so rather than lose it.
            self.message = Some((tr().not_applied)(&(tr().rejected)(&rejected.reason)));
        }
    }

    /// [`App::apply`] that hands a refusal back to the caller.
    fn try_apply(&mut self, edit: &Edit) -> Result<(), Rejected> {
        let made = edit.apply(Arc::make_mut(&mut self.dataset))?;
        self.applied(made);
        Ok(())
    }

    /// Records an edit already made to the data ([`Edit::apply`]'s result): for undo, the
    /// journal and the next save, with what is derived from the data brought up to date.
    pub(super) fn applied(&mut self, made: Edit) {
        if made.is_noop() {
            return;
        }
        self.history.redo.clear();
        self.reindex_after(&made);
        self.history.undo.push(made.clone());
        self.record(made);
    }

    /// Rebuilds what is derived from the data after an edit.
    pub(super) fn reindex(&mut self) {
        self.index = super::Index::build(&self.dataset);
        self.forget_search();
        self.refresh_lists();
    }

    /// Updates what `edit` changed, in place ([`super::Index::apply`]): after a progress
    /// entry or a plan item only the tallies, after a cooperative its entry in the lists and
    /// its figures, and after a settlement that keeps the value nothing; that is what keeps
    /// a key press on a 100k-cooperative dataset instant. Undo and redo come here too, with
    /// the edit (or its inverse) as it was made.
    fn reindex_after(&mut self, edit: &Edit) {
        match edit {
            Edit::Progress { .. } => self.reindex_progress(),
            // A settlement that keeps the value changes only the list of conflicts, which
            // nothing is derived from; one of a province's entry, only the tallies.
            // Nothing derived changes, but the data does (its list of conflicts): a search
            // index, or a cache, of the data as it was is not of the data now.
            Edit::Settle { before, after, .. } if before == after => self.forget_search(),
            Edit::Settle { conflict, .. }
                if matches!(
                    conflict.record,
                    crate::model::merge::RecordKey::Progress { .. }
                ) =>
            {
                self.reindex_progress();
            }
            Edit::Item { .. } | Edit::Cooperative { .. } | Edit::Settle { .. } => {
                self.index.apply(&self.dataset, edit);
                self.forget_search();
                self.refresh_lists();
            }
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

    /// The entry under the selection in the plan's province list, or in the dashboard's
    /// matrix: (item, province).
    fn selected_entry(&mut self) -> Option<(usize, usize)> {
        if self.view == View::Dashboard {
            return self.dashboard_entry();
        }
        if self.view != View::Plan || self.plan_focus != PlanFocus::Provinces {
            self.message = Some(tr().choose_entry_first.into());
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
        let mut after = before
            .clone()
            .unwrap_or_else(|| Progress::not_started(code.clone()));
        change(&mut after);
        if let Some(before) = &before {
            after.claim_edited(before);
        }
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

    /// The text being typed: a note, or a value for a conflict.
    pub(super) fn text_area(&mut self) -> Option<&mut TextArea> {
        self.layers.iter_mut().rev().find_map(|layer| match layer {
            Layer::Dialog(Dialog::Conflicts(settling)) => settling.editing.as_mut(),
            Layer::Note(editor) => Some(&mut editor.text),
            _ => None,
        })
    }

    /// Ctrl-s in an editor: keeps the note, or settles the conflict with the typed value.
    pub(super) fn accept_text(&mut self) -> Effect {
        if let Some(Dialog::Conflicts(settling)) = self.dialog_mut()
            && let Some(editing) = settling.editing.take()
        {
            return self.settle_one(Pick::Text(editing.text()));
        }
        self.accept_note();
        Effect::None
    }

    /// Esc in an editor: drops what was typed (a conflict goes back to its question).
    pub(super) fn close_text(&mut self) {
        if let Some(Dialog::Conflicts(settling)) = self.dialog_mut()
            && settling.editing.is_some()
        {
            settling.editing = None;
            return;
        }
        self.take_editor();
    }

    pub(super) fn open_note_editor(&mut self) {
        let Some((item, province)) = self.selected_entry() else {
            return;
        };
        let plan_item = &self.dataset.plan.items[item];
        let code = self.dataset.provinces[province].code.clone();
        let opened = plan_item.progress_of(&code).cloned();
        let note = opened.as_ref().map_or("", |e| e.note.as_str());
        self.open(Layer::Note(NoteEditor {
            item: plan_item.id.clone(),
            text: TextArea::new(note, false),
            province: code,
            opened,
        }));
    }

    /// Ctrl-s in the editor: keeps the note (as one edit) if it changed. The edit starts from
    /// the entry as the editor opened it, so a status someone else set meanwhile stays; if
    /// they changed the note too, the editor stays open and says so.
    pub(super) fn accept_note(&mut self) {
        let Some(editor) = self.take_editor() else {
            return;
        };
        let note = editor.text.text().trim_end().to_string();
        if note == editor.opened.as_ref().map_or("", |e| e.note.as_str()) {
            return;
        }
        let mut after = editor
            .opened
            .clone()
            .unwrap_or_else(|| Progress::not_started(editor.province.clone()));
        after.note = note;
        if let Some(opened) = &editor.opened {
            after.claim_edited(opened);
        }
        after.changed_by = Some(self.user.clone());
        after.changed_at = self.now;
        let edit = Edit::Progress {
            item: editor.item.clone(),
            province: editor.province.clone(),
            before: editor.opened.clone(),
            after: Some(after),
        };
        if let Err(rejected) = self.try_apply(&edit) {
            self.message = Some((tr().note_not_kept)(&(tr().rejected)(&rejected.reason)));
            self.open(Layer::Note(editor));
        }
    }

    /// `u`: undoes the last edit. After a reload the record may have changed since; the undo
    /// then merges like any edit (only the fields this edit changed go back), and if the same
    /// fields changed there, it is refused and stays on the undo list.
    pub(super) fn undo(&mut self) {
        self.step_history(true);
    }

    pub(super) fn redo(&mut self) {
        self.step_history(false);
    }

    /// Takes the last edit off the undo list and undoes it (`back`), or off the redo list and
    /// makes it again; a refused step stays on its list.
    fn step_history(&mut self, back: bool) {
        let (nothing, done, cannot) = if back {
            (tr().nothing_to_undo, tr().undid, tr().cannot_undo)
        } else {
            (tr().nothing_to_redo, tr().redid, tr().cannot_redo)
        };
        let taken = if back {
            self.history.undo.pop()
        } else {
            self.history.redo.pop()
        };
        let Some(edit) = taken else {
            self.message = Some(nothing.into());
            return;
        };
        let change = if back { edit.inverse() } else { edit.clone() };
        let outcome = change.apply(Arc::make_mut(&mut self.dataset));
        let (kept_on, moved_to) = if back {
            (&mut self.history.undo, &mut self.history.redo)
        } else {
            (&mut self.history.redo, &mut self.history.undo)
        };
        match outcome {
            Ok(made) => {
                self.message = Some(done(&(tr().record_key)(&edit.record())));
                moved_to.push(edit);
                self.reindex_after(&made);
                self.record(made);
            }
            Err(rejected) => {
                kept_on.push(edit);
                self.message = Some(cannot(&(tr().rejected)(&rejected.reason)));
            }
        }
    }

    /// Re-applies edits recovered from journals (one list per dead session), one net edit per
    /// record and session (so a value a record only passed through never hides a change made
    /// in the file meanwhile); returns those that no longer apply. The undo history gets the
    /// ones that did.
    pub fn restore_edits(&mut self, journals: &[Vec<Edit>]) -> Vec<Edit> {
        let mut rejected = Vec::new();
        // Each journal is one session's: netted on its own, so one session's change is never
        // hidden behind another's.
        for edit in journals
            .iter()
            .flat_map(|edits| crate::model::edit::net(edits))
        {
            match edit.apply(Arc::make_mut(&mut self.dataset)) {
                Ok(made) if made.is_noop() => {}
                Ok(made) => {
                    self.history.undo.push(made.clone());
                    self.history.pending.push(made);
                }
                Err(_) => rejected.push(edit),
            }
        }
        // The journal is rewritten with the edits as they now stand.
        self.history.rejournal = true;
        self.history.recount();
        self.reindex();
        rejected
    }

    /// `s`: asks the loop to save, unless a save or a reload is already running.
    pub(super) fn request_save(&mut self, then_quit: bool) -> Effect {
        self.save_with(then_quit, Resolutions::default(), false, None)
    }

    fn save_with(
        &mut self,
        then_quit: bool,
        settled: Resolutions,
        allow_owner_change: bool,
        save_as: Option<PathBuf>,
    ) -> Effect {
        if self.history.saving.is_some() {
            self.message = Some(tr().already_saving.into());
            return Effect::None;
        }
        if self.history.reloading.is_some() {
            self.message = Some(tr().reloading_first.into());
            return Effect::None;
        }
        if !self.dirty() && save_as.is_none() {
            // Edits that undo each other: nothing is written, and they are nothing to keep.
            if !self.history.pending.is_empty() {
                self.history.pending.clear();
                self.history.rejournal = true;
                self.history.recount();
            }
            self.message = Some(tr().no_changes.into());
            return if then_quit {
                Effect::Quit
            } else {
                Effect::None
            };
        }
        self.history.saving = Some(self.history.pending.len());
        self.history.quit_after_save = then_quit;
        self.history.save_choices = (settled.clone(), allow_owner_change);
        self.message = Some(tr().saving_now.into());
        Effect::Save(SaveRequest {
            dataset: Arc::clone(&self.dataset),
            edits: self.history.pending.clone(),
            base: self.history.base,
            settled,
            allow_owner_change,
            save_as,
            then_quit,
            orders: self.index.orders(),
        })
    }

    /// `R`: reads the file again and carries the unsaved edits onto it.
    pub(super) fn request_reload(&mut self, settled: Resolutions) -> Effect {
        if self.history.saving.is_some() {
            self.message = Some(tr().saving_first.into());
            return Effect::None;
        }
        if self.history.reloading.is_some() {
            // One at a time: the answer is matched to the edits it was asked for.
            self.message = Some(tr().already_reloading.into());
            return Effect::None;
        }
        self.history.reloading = Some(self.history.pending.len());
        self.message = Some(tr().reloading.into());
        Effect::Reload(ReloadRequest {
            dataset: Arc::clone(&self.dataset),
            edits: self.history.pending.clone(),
            settled,
        })
    }

    pub(super) fn finish_reload(&mut self, outcome: ReloadOutcome) -> Effect {
        let asked_for = self.history.reloading.take();
        match outcome {
            // Edits made while the file was read: the answer is for older data; ask again.
            _ if asked_for != Some(self.history.pending.len()) => {
                self.request_reload(Resolutions::default())
            }
            ReloadOutcome::Rebased {
                dataset,
                pending,
                fingerprint,
            } => {
                self.changed_on_disk = false;
                self.dataset = Arc::new(*dataset);
                self.history.base = fingerprint;
                self.history.pending = pending;
                self.history.recount();
                self.history.unjournaled.clear();
                self.history.rejournal = true;
                self.reindex();
                self.message = Some(if self.dirty() {
                    (tr().reloaded_carried)(&self.source)
                } else {
                    (tr().reloaded)(&self.source)
                });
                Effect::None
            }
            ReloadOutcome::Conflicts(conflicts) => {
                self.settle(
                    conflicts,
                    AfterSettling::Reload,
                    Resolutions::default(),
                    false,
                );
                Effect::None
            }
            ReloadOutcome::Failed(reason) => {
                self.message = Some((tr().not_reloaded)(&reason));
                Effect::None
            }
        }
    }

    pub(super) fn finish_save(&mut self, outcome: SaveOutcome) -> Effect {
        let saved = self.history.saving.take().unwrap_or(0);
        let quit = std::mem::take(&mut self.history.quit_after_save);
        let saved = saved.min(self.history.pending.len());
        match outcome {
            SaveOutcome::Written { fingerprint } => {
                self.history.pending.drain(..saved);
                self.history.recount();
                self.history.base = Some(fingerprint);
                self.history.rejournal = true;
                self.message = Some((tr().saved)(&self.source));
            }
            SaveOutcome::SavedAs {
                source,
                fingerprint,
                ..
            } => {
                self.history.pending.drain(..saved);
                self.history.recount();
                self.history.base = Some(fingerprint);
                self.history.rejournal = true;
                self.source = source;
                self.message = Some((tr().saved_as)(&self.source));
            }
            SaveOutcome::Merged {
                dataset,
                fingerprint,
            } => {
                let later = self.history.pending.split_off(saved);
                self.history.pending = later;
                self.history.recount();
                self.history.rejournal = true;
                self.message = Some((tr().saved_merged)(&self.source));
                if self.history.pending.is_empty() {
                    self.dataset = Arc::new(*dataset);
                    self.history.base = Some(fingerprint);
                    self.history.rejournal = true;
                    self.changed_on_disk = false;
                    self.reindex();
                } else {
                    // Edits made while the save ran sit on the data as it was saved, not on
                    // the merged file: carry them onto it. Until then `base` stays the old
                    // file, so a save meanwhile still merges.
                    return self.request_reload(Resolutions::default());
                }
            }
            SaveOutcome::Conflicts { conflicts } => {
                self.message = None;
                let (settled, allow_owner_change) = std::mem::take(&mut self.history.save_choices);
                self.settle(
                    conflicts,
                    AfterSettling::Save { then_quit: quit },
                    settled,
                    allow_owner_change,
                );
                return Effect::None;
            }
            SaveOutcome::OwnerWouldChange(reason) => {
                self.message = None;
                let (settled, _) = std::mem::take(&mut self.history.save_choices);
                self.open(Layer::Dialog(Dialog::OwnerChange {
                    reason,
                    then_quit: quit,
                    settled,
                }));
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

    /// Shows the conflicts, one at a time, keeping what was settled before for the same save.
    fn settle(
        &mut self,
        conflicts: Vec<Conflict>,
        then: AfterSettling,
        settled: Resolutions,
        allow_owner_change: bool,
    ) {
        self.open(Layer::Dialog(Dialog::Conflicts(Box::new(Settling {
            conflicts,
            at: 0,
            settled,
            editing: None,
            then,
            allow_owner_change,
        }))));
    }

    /// `m`, `t`, `b`, or a value typed after `e`: settles the conflict shown and moves to the
    /// next one not yet settled; after the last, the save or reload runs again with every
    /// choice. The file's own conflicts are settled at once, one edit each.
    pub(super) fn settle_one(&mut self, pick: Pick) -> Effect {
        let Some(Dialog::Conflicts(settling)) = self.dialog_mut() else {
            return Effect::None;
        };
        let Some(conflict) = settling.conflicts.get(settling.at).cloned() else {
            return Effect::None;
        };
        if matches!(pick, Pick::Text(_)) && !conflict.editable() {
            self.message = Some(tr().whole_record.into());
            return Effect::None;
        }
        if pick == Pick::Base && !conflict.has_base() {
            self.message = Some(tr().no_base.into());
            return Effect::None;
        }
        if settling.then == AfterSettling::File {
            self.settle_in_file(&conflict, &pick);
            return Effect::None;
        }
        settling.editing = None;
        settling.settled.add(Resolution { conflict, pick });
        let count = settling.conflicts.len();
        let next = (1..=count)
            .map(|step| (settling.at + step) % count)
            .find(|&at| !settling.settled.covers(&settling.conflicts[at]));
        if let Some(next) = next {
            settling.at = next;
            return Effect::None;
        }
        let Some(Dialog::Conflicts(settling)) = self.take_dialog() else {
            return Effect::None;
        };
        match settling.then {
            AfterSettling::Save { then_quit } => self.save_with(
                then_quit,
                settling.settled,
                settling.allow_owner_change,
                None,
            ),
            AfterSettling::Reload => self.request_reload(settling.settled),
            AfterSettling::File => Effect::None,
        }
    }

    /// `j`/`k` in the list of conflicts: shows another one.
    pub(super) fn choose_conflict(&mut self, step: isize) {
        if let Some(Dialog::Conflicts(settling)) = self.dialog_mut()
            && settling.editing.is_none()
            && !settling.conflicts.is_empty()
        {
            let last = settling.conflicts.len() - 1;
            settling.at = settling.at.saturating_add_signed(step).min(last);
        }
    }

    /// `C`, and on opening a file that holds conflicts: lists the conflicts a merge kept in
    /// the file, to settle one by one.
    pub fn show_file_conflicts(&mut self) {
        if self.dataset.conflicts.is_empty() {
            self.message = Some(tr().no_conflicts_in_file.into());
            return;
        }
        self.open(Layer::Dialog(Dialog::Conflicts(Box::new(Settling {
            conflicts: self.dataset.conflicts.clone(),
            at: 0,
            settled: Resolutions::default(),
            editing: None,
            then: AfterSettling::File,
            allow_owner_change: false,
        }))));
    }

    /// Settles one of the file's conflicts as an edit, and shows the next (the list as the
    /// data now holds it); after the last, says that a save writes a clean file.
    fn settle_in_file(&mut self, conflict: &Conflict, pick: &Pick) {
        let outcome = match self.dataset.conflicts.iter().position(|c| c == conflict) {
            Some(at) => crate::model::settle::settle(&self.dataset, at, pick),
            None => Err(crate::model::settle::Unsettled::NotListed),
        };
        match outcome {
            Ok(mut edit) => {
                // A province's entry records who decided and when, as any edit of it does.
                if let Edit::Settle {
                    after: Some(crate::model::settle::Record::Progress(_, entry)),
                    before: Some(_),
                    ..
                } = &mut edit
                {
                    entry.changed_by = Some(self.user.clone());
                    entry.changed_at = self.now;
                }
                self.apply(edit);
                self.message = None;
            }
            Err(why) => self.message = Some((tr().not_settled)(&why)),
        }
        let left = self.dataset.conflicts.clone();
        if left.is_empty() {
            self.take_dialog();
            self.message = Some(format!(
                "{} · {}",
                tr().all_settled,
                self.keys_say(Command::Save, tr().saves_clean)
            ));
            return;
        }
        if let Some(Dialog::Conflicts(settling)) = self.dialog_mut() {
            settling.editing = None;
            settling.at = settling.at.min(left.len() - 1);
            settling.conflicts = left;
        }
    }

    /// After the list of the file's conflicts is closed with some left: how many, and the key
    /// that lists them again.
    pub(super) fn say_conflicts_left(&mut self) {
        let left = self.dataset.conflicts.len();
        if left > 0 {
            self.message = Some(format!(
                "{} · {}",
                (tr().conflicts_left)(left),
                self.keys_say(Command::ShowConflicts, tr().lists_them)
            ));
        }
    }

    /// `e` on a conflict: opens an editor on this session's value.
    pub(super) fn edit_conflict(&mut self) {
        if let Some(Dialog::Conflicts(settling)) = self.dialog_mut()
            && let Some(conflict) = settling.conflicts.get(settling.at)
        {
            if conflict.editable() {
                let value = conflict.ours.as_deref().unwrap_or_default();
                settling.editing = Some(TextArea::new(value, false));
            } else {
                self.message = Some(tr().whole_record.into());
            }
        }
    }

    /// `y` when the file's owner cannot be kept: save anyway.
    pub(super) fn save_changing_owner(&mut self) -> Effect {
        let Some(Dialog::OwnerChange {
            then_quit, settled, ..
        }) = self.take_dialog()
        else {
            return Effect::None;
        };
        self.save_with(then_quit, settled, true, None)
    }

    /// The path typed in the "save as" prompt.
    pub(super) fn save_as(&mut self, path: &str) -> Result<Effect, String> {
        let path = path.trim();
        if path.is_empty() {
            return Err(tr().type_file_name.into());
        }
        self.take_dialog();
        Ok(self.save_with(
            false,
            Resolutions::default(),
            false,
            Some(PathBuf::from(path)),
        ))
    }
}
