//! The threads beside the loop: the input reader, the ticker that watches the file, the
//! search worker, and the saver that runs saves and reloads and keeps the journal.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::SystemTime;

use ratatui::crossterm::event::{self};

use std::path::PathBuf;

use crate::app::{
    Action, App, JournalWork, Mode, ReloadOutcome, ReloadRequest, SaveOutcome, SaveRequest,
    SearchRequest, SearchWorker, StartCache,
};
use crate::store::cache;
use crate::store::save::{self, Fingerprint, Journal, Reloaded, SaveOptions, Saved};

use super::*;

/// How often the file on disk is checked for another session's save.
pub(super) const WATCH_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

pub(super) fn spawn_ticker(sender: Sender<Event>) {
    thread::spawn(move || {
        loop {
            thread::sleep(WATCH_EVERY);
            if sender.send(Event::Tick).is_err() {
                break;
            }
        }
    });
}

pub(super) fn spawn_input(sender: Sender<Event>) {
    thread::spawn(move || {
        loop {
            let event = match event::read() {
                Ok(event) => Event::Terminal(event),
                Err(err) => Event::InputFailed(err),
            };
            let failed = matches!(event, Event::InputFailed(_));
            if sender.send(event).is_err() || failed {
                break;
            }
        }
    });
}

/// The search worker: runs the newest request, drops older ones, and cancels a running
/// search as soon as a newer one is asked for.
pub(super) struct Searcher {
    pub(super) requests: Sender<SearchRequest>,
    pub(super) latest: Arc<AtomicU64>,
}

impl Searcher {
    pub(super) fn spawn(results: Sender<Event>, start: Option<StartCache>) -> Self {
        let (requests, queue) = mpsc::channel::<SearchRequest>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        thread::spawn(move || {
            let mut worker = SearchWorker::starting(start);
            while let Ok(mut request) = queue.recv() {
                // Only the newest queued request matters.
                while let Ok(newer) = queue.try_recv() {
                    request = newer;
                }
                let generation = request.generation;
                let cancelled = || newest.load(Ordering::Relaxed) != generation;
                let Some(action) = worker.answer(request, &cancelled) else {
                    continue;
                };
                if results.send(Event::Action(action)).is_err() {
                    break;
                }
            }
        });
        Self { requests, latest }
    }

    pub(super) fn ask(&self, request: SearchRequest) {
        self.latest.store(request.generation, Ordering::Relaxed);
        let _ = self.requests.send(request);
    }
}

/// Runs saves and reloads on their own threads and keeps the session's file and journal.
pub(super) struct Saver {
    pub(super) session: Session,
    pub(super) results: Sender<Event>,
    /// The user was told about the change on disk; not again until the next reload or save.
    pub(super) notified: bool,
    /// Size and time of the file when its contents were last hashed and found unchanged, so
    /// a touched file is not read again every two seconds.
    pub(super) unchanged: Option<(u64, Option<SystemTime>)>,
    /// A journal problem met outside a batch of actions, shown with the next one.
    pub(super) journal_problem: Option<String>,
    /// The key after which autosave last ran.
    pub(super) autosaved_after: Option<std::time::Instant>,
}

impl Saver {
    pub(super) fn save(&self, request: SaveRequest) {
        let path = self.session.path.clone();
        let results = self.results.clone();
        thread::spawn(move || {
            let mut written = None;
            let outcome = match &request.save_as {
                Some(new_path) => match save::save_as(new_path, &request.dataset) {
                    Ok(fingerprint) => SaveOutcome::SavedAs {
                        path: new_path.clone(),
                        source: crate::text::shown_path(new_path).to_string(),
                        fingerprint,
                    },
                    Err(err) => SaveOutcome::Failed(err.to_string()),
                },
                None => {
                    let options = SaveOptions {
                        settled: request.settled.clone(),
                        allow_owner_change: request.allow_owner_change,
                    };
                    match save::save(
                        &path,
                        request.base,
                        &request.dataset,
                        &request.edits,
                        &options,
                    ) {
                        Ok(Saved::Written { fingerprint, stamp }) => {
                            written = stamp.map(|stamp| (stamp, fingerprint));
                            SaveOutcome::Written { fingerprint }
                        }
                        Ok(Saved::Merged {
                            dataset,
                            fingerprint,
                        }) => SaveOutcome::Merged {
                            dataset,
                            fingerprint,
                        },
                        Ok(Saved::Conflicts { conflicts }) => SaveOutcome::Conflicts { conflicts },
                        Err(err @ save::SaveError::OwnerWouldChange { .. }) => {
                            SaveOutcome::OwnerWouldChange(err.to_string())
                        }
                        Err(err) => SaveOutcome::Failed(err.to_string()),
                    }
                }
            };
            // The cache of the saved data, encoded before the data is let go of (while the
            // data is shared, an edit copies the list of its records) and written after the
            // UI heard of the save, so nothing waits for the disk.
            let cache = written.and_then(|(stamp, fingerprint)| {
                cache::encoded(
                    &stamp,
                    &cache::Contents {
                        dataset: &request.dataset,
                        fingerprint: &fingerprint,
                        // A saved file is written in NFC.
                        normalized: 0,
                        orders: Some(&request.orders),
                        search: None,
                    },
                )
            });
            drop(request);
            let _ = results.send(Event::Saved(outcome));
            if let Some(cache) = cache {
                cache.write();
            }
        });
    }

    /// After "save as", the session edits the new file, with a journal of its own.
    /// The edits saved under the new name leave the old file's journal; a problem is shown
    /// after the save's own message.
    pub(super) fn saved_as(&mut self, new_path: PathBuf) {
        self.session.path = new_path;
        self.notified = false;
        self.unchanged = None;
        if let Some(journal) = &mut self.session.journal {
            match Journal::open(journal.dir(), &self.session.path) {
                Ok(new) => {
                    if let Err(err) = journal.clear() {
                        self.journal_problem = Some(err.to_string());
                    }
                    *journal = new;
                }
                Err(err) => self.journal_problem = Some(err.to_string()),
            }
        }
    }

    /// Writes what the journal needs after a batch of actions; a failure is shown and the
    /// edits stay in memory (the next batch writes the whole journal again).
    pub(super) fn journal(&mut self, app: &mut App) {
        if let Some(problem) = self.journal_problem.take() {
            app.journal_failed(problem);
        }
        let work = app.take_journal_work();
        let Some(journal) = &self.session.journal else {
            return;
        };
        let written = match &work {
            JournalWork::Nothing => Ok(()),
            JournalWork::Append(edits) => journal.append(edits),
            JournalWork::Replace(edits) => journal.replace(edits),
        };
        if let Err(err) = written {
            app.journal_failed(format!(
                "{}: {err}",
                crate::text::shown_path(journal.path())
            ));
        }
    }

    /// Whether another process saved the file since this session loaded or saved it.
    pub(super) fn changed_on_disk(&mut self, app: &App) -> bool {
        if app.history.saving.is_some() || app.history.reloading.is_some() || self.notified {
            return false;
        }
        let Some(base) = app.history.base else {
            return false;
        };
        if !base.looks_changed(&self.session.path) {
            return false;
        }
        let stat = std::fs::metadata(&self.session.path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()));
        if stat.is_some() && stat == self.unchanged {
            return false;
        }
        let changed =
            Fingerprint::of_file(&self.session.path).is_some_and(|now| now.hash != base.hash);
        self.notified = changed;
        self.unchanged = if changed { None } else { stat };
        changed
    }

    pub(super) fn reload(&mut self, request: ReloadRequest) {
        self.notified = false;
        let path = self.session.path.clone();
        let results = self.results.clone();
        thread::spawn(move || {
            let outcome =
                match save::reload(&path, &request.dataset, &request.edits, &request.settled) {
                    Ok(Reloaded::Rebased(rebased)) => ReloadOutcome::Rebased {
                        dataset: Box::new(rebased.dataset),
                        pending: rebased.pending,
                        fingerprint: rebased.fingerprint,
                    },
                    Ok(Reloaded::Conflicts(conflicts)) => ReloadOutcome::Conflicts(conflicts),
                    Err(message) => ReloadOutcome::Failed(message),
                };
            drop(request);
            let _ = results.send(Event::Action(Action::Reloaded(outcome)));
        });
    }

    /// Whether to save by itself now. Once per pause: a save that fails (a read-only file) is
    /// not tried again every tick, only after the next key and pause.
    pub(super) fn autosave_due(&mut self, app: &App, last_key: std::time::Instant) -> bool {
        let due = self.autosaved_after != Some(last_key)
            && self.session.autosave.is_some_and(|after| {
                app.dirty()
                    && app.history.saving.is_none()
                    && app.history.reloading.is_none()
                    && app.mode() == Mode::Browse
                    && last_key.elapsed() >= after
            });
        if due {
            self.autosaved_after = Some(last_key);
        }
        due
    }

    /// Quitting without saving: the journal goes. A failure is reported on the way out.
    pub(super) fn discard(&self) -> io::Result<()> {
        match &self.session.journal {
            Some(journal) => journal.clear(),
            None => Ok(()),
        }
    }
}
