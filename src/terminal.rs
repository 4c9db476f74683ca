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
    Action, App, Effect, Mode, SaveOutcome, SaveRequest, SearchRequest, SearchWorker, update,
};
use crate::keymap::Keymap;
use crate::model::{Date, Timestamp};
use crate::store::save::{self, Fingerprint, Journal, Saved};
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
    Saved(Result<Saved, save::SaveError>),
    /// Time to look whether the file changed on disk.
    Tick,
    /// A reload asked for with `Effect::Reload` finished.
    Reloaded(Result<Box<(crate::model::Dataset, Option<Fingerprint>)>, String>),
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
    let mut session = Saver {
        session,
        results: sender,
        reloading: false,
        notified: false,
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

/// Runs saves on their own thread and keeps the session's file state and journal.
struct Saver {
    session: Session,
    results: Sender<Event>,
    reloading: bool,
    /// The user was told about the change on disk; not again until the next reload or save.
    notified: bool,
}

impl Saver {
    fn save(&self, request: SaveRequest) {
        let path = self.session.path.clone();
        let base = self.session.base;
        let results = self.results.clone();
        thread::spawn(move || {
            let outcome = save::save(&path, base, &request.dataset, &request.edits);
            // Let go of the data before the UI hears of it: while shared, an edit copies it.
            drop(request);
            let _ = results.send(Event::Saved(outcome));
        });
    }

    /// Records the outcome of a save and turns it into the app's terms.
    fn finished(&mut self, outcome: Result<Saved, save::SaveError>, app: &App) -> SaveOutcome {
        match outcome {
            Ok(Saved::Written { fingerprint }) => {
                self.session.base = Some(fingerprint);
                self.notified = false;
                self.rejournal(app, true);
                SaveOutcome::Written
            }
            Ok(Saved::Merged {
                dataset,
                fingerprint,
                merged,
            }) => {
                self.session.base = Some(fingerprint);
                self.rejournal(app, true);
                SaveOutcome::Merged { dataset, merged }
            }
            Ok(Saved::Conflicts {
                theirs,
                fingerprint,
                conflicts,
            }) => {
                // Settling the conflicts starts from their file: it becomes the base.
                self.session.base = Some(fingerprint);
                SaveOutcome::Conflicts { theirs, conflicts }
            }
            Err(err) => SaveOutcome::Failed(err.to_string()),
        }
    }

    /// After a save the journal holds only the edits made while it ran.
    fn rejournal(&self, app: &App, saved: bool) {
        if let (Some(journal), true) = (&self.session.journal, saved) {
            let _ = journal.clear();
            let saving = app.history.saving.unwrap_or(0);
            let later = app.history.pending.get(saving..).unwrap_or(&[]);
            let _ = journal.append(later);
        }
    }

    fn journal(&self, app: &mut App) {
        let edits = app.take_unjournaled();
        if let Some(journal) = &self.session.journal
            && let Err(err) = journal.append(&edits)
        {
            app.message = Some(format!(
                "Cannot write the recovery journal {}: {err}",
                journal.path().display()
            ));
        }
    }

    /// Whether another process saved the file since this session loaded or saved it.
    fn changed_on_disk(&mut self, app: &App) -> bool {
        if app.history.saving.is_some() || self.reloading || self.notified {
            return false;
        }
        let Some(base) = self.session.base else {
            return false;
        };
        if !base.looks_changed(&self.session.path) {
            return false;
        }
        let changed =
            Fingerprint::of_file(&self.session.path).is_some_and(|now| now.hash != base.hash);
        self.notified = changed;
        changed
    }

    fn reload(&mut self) {
        self.reloading = true;
        let path = self.session.path.clone();
        let results = self.results.clone();
        thread::spawn(move || {
            let outcome = crate::store::load(&path, &|_| {})
                .map(|loaded| Box::new((loaded.dataset, loaded.fingerprint)))
                .map_err(|err| err.to_string());
            let _ = results.send(Event::Reloaded(outcome));
        });
    }

    fn reloaded(&mut self, fingerprint: Option<Fingerprint>) {
        self.reloading = false;
        self.notified = false;
        self.session.base = fingerprint;
    }

    fn autosave_due(&self, app: &App, last_key: std::time::Instant) -> bool {
        self.session.autosave.is_some_and(|after| {
            app.dirty()
                && app.history.saving.is_none()
                && app.mode() == Mode::Browse
                && last_key.elapsed() >= after
        })
    }

    fn discard(&self) {
        if let Some(journal) = &self.session.journal {
            let _ = journal.clear();
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
        terminal.draw(|frame| ui::render(app, keymap, frame))?;
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
                    Event::Action(Action::SaveFinished(saver.finished(outcome, app)))
                }
                Event::Tick if saver.changed_on_disk(app) => Event::Action(Action::ChangedOnDisk),
                Event::Tick if saver.autosave_due(app, last_key) => {
                    Event::Action(Action::Command(crate::app::Command::Save))
                }
                Event::Reloaded(Ok(reloaded)) => {
                    let (dataset, fingerprint) = *reloaded;
                    saver.reloaded(fingerprint);
                    Event::Action(Action::Reloaded(Box::new(dataset)))
                }
                Event::Reloaded(Err(message)) => {
                    saver.reloading = false;
                    Event::Action(Action::ReloadFailed(message))
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
                    saver.discard();
                    return Ok(Exit::Quit);
                }
                Effect::Search(request) => searcher.ask(request),
                Effect::Save(request) => saver.save(request),
                Effect::Reload => saver.reload(),
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
        Event::Terminal(_) | Event::Saved(_) | Event::Tick | Event::Reloaded(_) => return Ok(None),
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
