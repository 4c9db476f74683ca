//! The full-screen session: takes the terminal, runs the event loop, and gives the terminal
//! back on every way out (quit, error, panic, SIGTERM, SIGHUP). The only module that reads the
//! clock or touches the terminal.
//!
//! Input, signals and search results arrive on one channel. After each event every event
//! already queued is applied before the next frame is drawn, so a burst of keys (a paste, an
//! input method's backspace-and-replace, a held arrow key over a slow link) costs one frame.
//! Searches run on a worker thread; a newer query cancels the one running.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{SystemTime, UNIX_EPOCH};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event as TermEvent,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use std::path::PathBuf;

use crate::app::{
    Action, App, Effect, JournalWork, Mode, ReloadOutcome, ReloadRequest, SaveOutcome, SaveRequest,
    SearchRequest, SearchWorker, update,
};
use crate::keymap::Keymap;
use crate::model::{Date, Timestamp};
use crate::store::save::{self, Fingerprint, Journal, Reloaded, SaveOptions, Saved};
use crate::ui;

/// The file a session edits: where it is, what it looked like when loaded, and where the
/// unsaved edits are journaled.
pub struct Session {
    pub path: PathBuf,
    /// The file as it was loaded (or last saved by this session).
    pub base: Option<Fingerprint>,
    pub journal: Option<Journal>,
    /// Save by itself after this long without a key while there are unsaved edits.
    pub autosave: Option<std::time::Duration>,
}

/// Something the loop reacts to.
enum Event {
    Terminal(TermEvent),
    /// Reading the terminal failed (it went away).
    InputFailed(io::Error),
    Signal(i32),
    Action(Action),
    Saved(SaveOutcome),
    /// Time to look whether the file changed on disk.
    Tick,
}

/// How a session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Ended by a signal; the process should exit with `128 + signal`.
    Signal(i32),
}

/// Runs the interactive session on the current terminal until the user quits or a signal
/// ends it. The terminal is restored before this returns, whatever happened.
pub fn run(app: &mut App, keymap: &Keymap, session: Session) -> io::Result<Exit> {
    let (sender, events) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    let handle = signals.handle();
    let signal_sender = sender.clone();
    thread::spawn(move || {
        for signal in signals.forever() {
            if signal_sender.send(Event::Signal(signal)).is_err() {
                break;
            }
        }
    });
    spawn_input(sender.clone());
    spawn_ticker(sender.clone());
    let searcher = Searcher::spawn(sender.clone());
    // Index the data now, beside the first frames, so the first search is answered at once.
    searcher.ask(app.index_request());
    app.history.base = session.base;
    let mut session = Saver {
        session,
        results: sender,
        notified: false,
        unchanged: None,
        journal_problem: None,
        autosaved_after: None,
    };

    let mut terminal = ratatui::try_init()?;
    // Pasted text arrives as one event, not as keys that would trigger commands.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, app, keymap, &events, &searcher, &mut session);
    // Restoring may fail when the terminal is gone (SIGHUP); there is nothing left to tell.
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
    handle.close();
    result
}

/// How often the file on disk is checked for another session's save.
const WATCH_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

fn spawn_ticker(sender: Sender<Event>) {
    thread::spawn(move || {
        loop {
            thread::sleep(WATCH_EVERY);
            if sender.send(Event::Tick).is_err() {
                break;
            }
        }
    });
}

fn spawn_input(sender: Sender<Event>) {
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
struct Searcher {
    requests: Sender<SearchRequest>,
    latest: Arc<AtomicU64>,
}

impl Searcher {
    fn spawn(results: Sender<Event>) -> Self {
        let (requests, queue) = mpsc::channel::<SearchRequest>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        thread::spawn(move || {
            let mut worker = SearchWorker::default();
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

    fn ask(&self, request: SearchRequest) {
        self.latest.store(request.generation, Ordering::Relaxed);
        let _ = self.requests.send(request);
    }
}

/// Runs saves and reloads on their own threads and keeps the session's file and journal.
struct Saver {
    session: Session,
    results: Sender<Event>,
    /// The user was told about the change on disk; not again until the next reload or save.
    notified: bool,
    /// Size and time of the file when its contents were last hashed and found unchanged, so
    /// a touched file is not read again every two seconds.
    unchanged: Option<(u64, Option<SystemTime>)>,
    /// A journal problem met outside a batch of actions, shown with the next one.
    journal_problem: Option<String>,
    /// The key after which autosave last ran.
    autosaved_after: Option<std::time::Instant>,
}

impl Saver {
    fn save(&self, request: SaveRequest) {
        let path = self.session.path.clone();
        let results = self.results.clone();
        thread::spawn(move || {
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
                        Ok(Saved::Written { fingerprint }) => SaveOutcome::Written { fingerprint },
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
            // Let go of the data before the UI hears of it: while shared, an edit copies it.
            drop(request);
            let _ = results.send(Event::Saved(outcome));
        });
    }

    /// After "save as", the session edits the new file, with a journal of its own.
    /// The edits saved under the new name leave the old file's journal; a problem is shown
    /// after the save's own message.
    fn saved_as(&mut self, new_path: PathBuf) {
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
    fn journal(&mut self, app: &mut App) {
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
    fn changed_on_disk(&mut self, app: &App) -> bool {
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

    fn reload(&mut self, request: ReloadRequest) {
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
    fn autosave_due(&mut self, app: &App, last_key: std::time::Instant) -> bool {
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
    fn discard(&self) -> io::Result<()> {
        match &self.session.journal {
            Some(journal) => journal.clear(),
            None => Ok(()),
        }
    }
}

fn civil(days: i64) -> Option<Date> {
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
    .ok()
}

/// The time now in UTC, from the system clock.
fn now() -> Option<Timestamp> {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    let date = civil(i64::try_from(seconds / 86_400).ok()?)?;
    let of_day = seconds % 86_400;
    let part = |n: u64| u8::try_from(n).ok();
    Timestamp::new(
        date,
        part(of_day / 3600)?,
        part(of_day / 60 % 60)?,
        part(of_day % 60)?,
    )
    .ok()
}

/// Today's date in UTC, from the system clock.
fn today() -> Option<Date> {
    now().map(Timestamp::date)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    keymap: &Keymap,
    events: &Receiver<Event>,
    searcher: &Searcher,
    saver: &mut Saver,
) -> io::Result<Exit> {
    let size = terminal.size()?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    if let Some(date) = today() {
        update(app, Action::Today(date));
    }
    let mut last_key = std::time::Instant::now();
    loop {
        terminal.draw(|frame| ui::render(app, frame))?;
        let Ok(first) = events.recv() else {
            return Ok(Exit::Quit);
        };
        if let Some(now) = now() {
            update(app, Action::Clock(now));
        }
        for event in std::iter::once(first).chain(events.try_iter()) {
            if matches!(
                event,
                Event::Terminal(TermEvent::Key(_) | TermEvent::Paste(_))
            ) {
                last_key = std::time::Instant::now();
            }
            let event = match event {
                Event::Saved(outcome) => {
                    if let SaveOutcome::SavedAs { path, .. } = &outcome {
                        saver.saved_as(path.clone());
                    }
                    if matches!(
                        outcome,
                        SaveOutcome::Written { .. } | SaveOutcome::Merged { .. }
                    ) {
                        saver.notified = false;
                    }
                    Event::Action(Action::SaveFinished(outcome))
                }
                Event::Tick if saver.changed_on_disk(app) => Event::Action(Action::ChangedOnDisk),
                Event::Tick if saver.autosave_due(app, last_key) => {
                    Event::Action(Action::Command(crate::app::Command::Save))
                }
                other => other,
            };
            let Some(action) = action(app, keymap, event)? else {
                continue;
            };
            let effect = match action {
                Ok(action) => update(app, action),
                Err(exit) => {
                    saver.journal(app);
                    return Ok(exit);
                }
            };
            // Every edit reaches the journal before anything else happens.
            saver.journal(app);
            match effect {
                Effect::Quit => return Ok(Exit::Quit),
                Effect::QuitDiscarding => {
                    if let Err(err) = saver.discard() {
                        eprintln!("htx: the recovery journal could not be removed: {err}");
                    }
                    return Ok(Exit::Quit);
                }
                Effect::Search(request) => searcher.ask(request),
                Effect::Save(request) => saver.save(request),
                Effect::Reload(request) => saver.reload(request),
                Effect::Suspend => {}
                Effect::None => {}
            }
        }
    }
}

/// What an event asks of the app: an action, an exit, or nothing.
fn action(app: &App, keymap: &Keymap, event: Event) -> io::Result<Option<Result<Action, Exit>>> {
    Ok(Some(Ok(match event {
        Event::Signal(signal) => return Ok(Some(Err(Exit::Signal(signal)))),
        Event::InputFailed(err) => return Err(err),
        Event::Action(action) => action,
        Event::Terminal(TermEvent::Resize(width, height)) => Action::Resize { width, height },
        Event::Terminal(TermEvent::Paste(text))
            if matches!(app.mode(), Mode::Search | Mode::Edit | Mode::Form) =>
        {
            Action::Input(text)
        }
        Event::Terminal(TermEvent::Key(key)) => match keymap.action(app.mode(), key) {
            Some(action) => action,
            None => return Ok(None),
        },
        Event::Terminal(_) | Event::Saved(_) | Event::Tick => return Ok(None),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_a_plausible_date() {
        let date = today().unwrap();
        assert!(date.year() >= 2024);
    }
}
