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

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event as TermEvent};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Action, App, Effect, Mode, RESULT_LIMIT, SearchRequest, update};
use crate::keymap::Keymap;
use crate::model::Date;
use crate::ui;

/// Something the loop reacts to.
enum Event {
    Terminal(TermEvent),
    /// Reading the terminal failed (it went away).
    InputFailed(io::Error),
    Signal(i32),
    Action(Action),
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
pub fn run(app: &mut App, keymap: &Keymap) -> io::Result<Exit> {
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
    let searcher = Searcher::spawn(sender);

    let mut terminal = ratatui::try_init()?;
    // Pasted text arrives as one event, not as keys that would trigger commands.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, app, keymap, &events, &searcher);
    // Restoring may fail when the terminal is gone (SIGHUP); there is nothing left to tell.
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
    handle.close();
    result
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
            while let Ok(mut request) = queue.recv() {
                // Only the newest queued request matters.
                while let Ok(newer) = queue.try_recv() {
                    request = newer;
                }
                let cancelled = || newest.load(Ordering::Relaxed) != request.generation;
                let Some(hits) = request.index.search(&request.query, None, RESULT_LIMIT, &cancelled) else {
                    continue;
                };
                let action = Action::SearchResults { generation: request.generation, hits };
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

/// Today's date in UTC, from the system clock.
fn today() -> Option<Date> {
    let days = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs() / 86_400;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = i64::try_from(days).ok()? + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    keymap: &Keymap,
    events: &Receiver<Event>,
    searcher: &Searcher,
) -> io::Result<Exit> {
    let size = terminal.size()?;
    update(app, Action::Resize { width: size.width, height: size.height });
    if let Some(date) = today() {
        update(app, Action::Today(date));
    }
    loop {
        terminal.draw(|frame| ui::render(app, keymap, frame))?;
        let Ok(first) = events.recv() else {
            return Ok(Exit::Quit);
        };
        for event in std::iter::once(first).chain(events.try_iter()) {
            let Some(action) = action(app, keymap, event)? else { continue };
            match action {
                Ok(action) => match update(app, action) {
                    Effect::Quit => return Ok(Exit::Quit),
                    Effect::Search(request) => searcher.ask(request),
                    Effect::None => {}
                },
                Err(exit) => return Ok(exit),
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
        Event::Terminal(TermEvent::Paste(text)) if app.mode() == Mode::Search => Action::Input(text),
        Event::Terminal(TermEvent::Key(key)) => match keymap.action(app.mode(), key) {
            Some(action) => action,
            None => return Ok(None),
        },
        Event::Terminal(_) => return Ok(None),
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
