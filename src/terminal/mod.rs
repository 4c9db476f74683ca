//! The full-screen session: takes the terminal, runs the event loop, and gives the terminal
//! back on every way out (quit, error, panic, SIGTERM, SIGHUP) and while the process is stopped
//! (Ctrl-z, SIGTSTP). The only module that reads the clock or touches the terminal.
//!
//! Input, signals and search results arrive on one channel. After each event every event
//! already queued is applied before the next frame is drawn, so a burst of keys (a paste, an
//! input method's backspace-and-replace, a held arrow key over a slow link) costs one frame.
//! A frame is drawn only after something that can change the screen, and written in one piece,
//! between synchronized-output marks where the terminal understands them, so an idle session
//! writes nothing at all; rows that moved are scrolled rather than written again. Searches run
//! on a worker thread; a newer query cancels the one running.

mod check;
mod clock;
mod output;
mod screen;
mod workers;

pub use check::{Capabilities, capabilities, check};
pub use clock::now;

/// Who is at the keyboard, for the "changed by" of what they change: `$USER`, else
/// `$LOGNAME`, else "unknown".
pub fn user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown".to_string())
}

use check::{Kind, terminal_kind};
use clock::today;
use output::{Output, Scrolling, ascii_only};
use screen::{Redraw, Screen, restore_on_panic};
use workers::{Saver, Searcher, spawn_input, spawn_ticker};

use std::cell::{Cell, RefCell};
use std::io;
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver};
use std::thread;

use ratatui::Terminal;
use ratatui::crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use std::path::PathBuf;

use crate::app::mouse::{self, Mouse};
use crate::app::{Action, App, Effect, Mode, SaveOutcome, update};
use crate::keymap::Keymap;
use crate::store::save::{Fingerprint, Journal};

/// The file a session edits: where it is, what it looked like when loaded, and where the
/// unsaved edits are journaled.
pub struct Session {
    pub path: PathBuf,
    /// The file as it was loaded (or last saved by this session).
    pub base: Option<Fingerprint>,
    pub journal: Option<Journal>,
    /// Save by itself after this long without a key while there are unsaved edits.
    pub autosave: Option<std::time::Duration>,
    /// Take the mouse: clicks select rows and tabs, the wheel scrolls. Off by default, so
    /// that the terminal's own selection (copying text, over SSH too) keeps working.
    pub mouse: bool,
    /// The file's cache for the data as opened: read or written by the search worker.
    pub cache: Option<crate::app::StartCache>,
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

/// The terminal as the loop draws on it.
type Tui = Terminal<Scrolling<Output<io::Stdout>>>;

/// Runs the interactive session on the current terminal until the user quits or a signal
/// ends it. The terminal is restored before this returns, whatever happened.
pub fn run(app: &mut App, keymap: &Keymap, mut session: Session) -> io::Result<Exit> {
    let (sender, events) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGTSTP, SIGCONT])?;
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
    // The cache serves (or is written for) the data as opened, not once edits were recovered.
    let start = session
        .cache
        .take()
        .filter(|start| start.version == app.data_version);
    let searcher = Searcher::spawn(sender.clone(), start);
    // Index the data now, beside the first frames, so the first search is answered at once.
    searcher.ask(app.index_request());
    app.history.base = session.base;
    let mut screen = Screen {
        mouse: session.mouse,
        synchronized: terminal_kind(&std::env::var("TERM").unwrap_or_default()) == Kind::Full,
        held: Rc::new(Cell::new(false)),
        frame: Rc::new(RefCell::new(None)),
        continue_expected: false,
    };
    let mut session = Saver {
        session,
        results: sender,
        notified: false,
        unchanged: None,
        journal_problem: None,
        autosaved_after: None,
    };

    // Colour is the theme's business: crossterm would otherwise turn every colour into an
    // empty SGR sequence under NO_COLOR, which resets reverse video halfway through a row.
    ratatui::crossterm::style::force_color_output(true);
    let output = Output::new(
        io::stdout(),
        app.theme.has_colour(),
        Rc::clone(&screen.held),
    );
    let mut terminal = Terminal::new(Scrolling::new(output, Rc::clone(&screen.frame)))?;
    restore_on_panic();
    screen.take(&mut terminal)?;
    let result = event_loop(
        &mut terminal,
        app,
        keymap,
        &events,
        &searcher,
        &mut session,
        &mut screen,
    );
    // Restoring may fail when the terminal is gone (SIGHUP); there is nothing left to tell.
    let _ = screen.give_back(&mut terminal);
    handle.close();
    result
}

fn event_loop(
    terminal: &mut Tui,
    app: &mut App,
    keymap: &Keymap,
    events: &Receiver<Event>,
    searcher: &Searcher,
    saver: &mut Saver,
    screen: &mut Screen,
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
    let mut redraw = Redraw::Full;
    loop {
        screen.draw(terminal, app, redraw)?;
        redraw = Redraw::Nothing;
        let Ok(first) = events.recv() else {
            return Ok(Exit::Quit);
        };
        if let Some(now) = now() {
            update(app, Action::Clock(now));
        }
        // Past midnight, other items are overdue.
        if let Some(date) = today()
            && app.today != Some(date)
        {
            update(app, Action::Today(date));
            redraw = redraw.max(Redraw::Changed);
        }
        let batch = std::iter::once(first)
            .chain(events.try_iter())
            .flat_map(split_alt_event);
        for event in batch {
            if matches!(
                event,
                Event::Terminal(TermEvent::Key(_) | TermEvent::Paste(_))
            ) {
                last_key = std::time::Instant::now();
            }
            let event = match event {
                Event::Signal(SIGTSTP) => {
                    // From outside (`kill -TSTP`): as Ctrl-z.
                    saver.journal(app);
                    screen.suspend(terminal)?;
                    redraw = Redraw::Full;
                    continue;
                }
                Event::Signal(SIGCONT) => {
                    if std::mem::take(&mut screen.continue_expected) {
                        continue;
                    }
                    // Continued after a SIGSTOP from outside: the shell had the terminal
                    // meanwhile and may have put it in line mode and written over the screen.
                    screen.take(terminal)?;
                    redraw = Redraw::Full;
                    continue;
                }
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
                Event::Terminal(TermEvent::Mouse(event)) => {
                    match screen.mouse.then(|| mouse_action(app, event)).flatten() {
                        Some(action) => Event::Action(action),
                        None => continue,
                    }
                }
                other => other,
            };
            let Some(action) = action(app, keymap, event)? else {
                continue;
            };
            redraw = redraw.max(Redraw::Changed);
            let effect = match action {
                Ok(action) => update(app, action),
                Err(exit) => {
                    saver.journal(app);
                    return Ok(exit);
                }
            };
            // Every edit reaches the journal before anything else happens (stopping too).
            saver.journal(app);
            match effect {
                Effect::Quit => return Ok(Exit::Quit),
                Effect::QuitDiscarding => {
                    if let Err(err) = saver.discard() {
                        eprintln!(
                            "{}",
                            (crate::lang::cli().journal_not_removed)(&crate::lang::io(&err))
                        );
                    }
                    return Ok(Exit::Quit);
                }
                Effect::Search(request) => searcher.ask(request),
                Effect::Save(request) => saver.save(request),
                Effect::Reload(request) => saver.reload(request),
                Effect::Suspend => {
                    screen.suspend(terminal)?;
                    redraw = Redraw::Full;
                }
                Effect::None => {}
            }
        }
    }
}

/// A click or a turn of the wheel that lands on something, as an action. Releases, drags and
/// the other buttons do nothing (and draw nothing).
fn mouse_action(app: &App, event: MouseEvent) -> Option<Action> {
    let (column, row) = (event.column, event.row);
    let mouse = match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Mouse::Click { column, row },
        MouseEventKind::ScrollDown => Mouse::Scroll {
            column,
            row,
            down: true,
        },
        MouseEventKind::ScrollUp => Mouse::Scroll {
            column,
            row,
            down: false,
        },
        _ => return None,
    };
    mouse::lands(app, mouse).then_some(Action::Mouse(mouse))
}

/// A key with Alt and without Ctrl as the two keys it almost always was: Esc, then the key.
/// htx binds nothing to Alt, and a terminal sends Esc followed quickly by `j` (a laggy link
/// delivers both in one read) exactly as it sends Alt-j. Only the keys whose Alt form is an
/// Esc before them (characters, Enter, Tab, Backspace); an arrow or PgDn with Alt comes in a
/// sequence of its own, from a real Alt (or Option) key, and passes as it is.
pub fn split_alt(key: KeyEvent) -> impl Iterator<Item = KeyEvent> {
    let alt = key.modifiers.contains(KeyModifiers::ALT)
        && !key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(
            key.code,
            KeyCode::Char(_) | KeyCode::Enter | KeyCode::Tab | KeyCode::Backspace
        );
    let esc = alt.then_some(KeyEvent {
        code: KeyCode::Esc,
        modifiers: KeyModifiers::NONE,
        ..key
    });
    let plain = if alt {
        KeyEvent {
            modifiers: key.modifiers - KeyModifiers::ALT,
            ..key
        }
    } else {
        key
    };
    esc.into_iter().chain(std::iter::once(plain))
}

/// [`split_alt`] on an event of the loop; other events pass as they are.
fn split_alt_event(event: Event) -> Vec<Event> {
    match event {
        Event::Terminal(TermEvent::Key(key)) => split_alt(key)
            .map(|key| Event::Terminal(TermEvent::Key(key)))
            .collect(),
        other => vec![other],
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

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn alt_and_a_key_is_esc_then_the_key() {
        let split: Vec<KeyEvent> = split_alt(key(KeyCode::Char('j'), KeyModifiers::ALT)).collect();
        assert_eq!(
            split,
            [
                key(KeyCode::Esc, KeyModifiers::NONE),
                key(KeyCode::Char('j'), KeyModifiers::NONE)
            ]
        );
        // Shift stays with the key: Esc then `G`.
        let split: Vec<KeyEvent> = split_alt(key(
            KeyCode::Char('G'),
            KeyModifiers::ALT | KeyModifiers::SHIFT,
        ))
        .collect();
        assert_eq!(
            split,
            [
                key(KeyCode::Esc, KeyModifiers::NONE),
                key(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ]
        );
        let split: Vec<KeyEvent> = split_alt(key(KeyCode::Enter, KeyModifiers::ALT)).collect();
        assert_eq!(split.len(), 2);
        assert_eq!(split[1], key(KeyCode::Enter, KeyModifiers::NONE));
    }

    #[test]
    fn keys_without_alt_or_with_ctrl_or_in_sequences_of_their_own_pass_as_they_are() {
        for event in [
            key(KeyCode::Char('j'), KeyModifiers::NONE),
            key(KeyCode::Esc, KeyModifiers::NONE),
            key(KeyCode::Char('d'), KeyModifiers::CONTROL),
            key(
                KeyCode::Char('d'),
                KeyModifiers::CONTROL | KeyModifiers::ALT,
            ),
            // Option-Left in an editor: one key, as it came.
            key(KeyCode::Left, KeyModifiers::ALT),
            key(KeyCode::PageDown, KeyModifiers::ALT),
        ] {
            let split: Vec<KeyEvent> = split_alt(event).collect();
            assert_eq!(split, [event]);
        }
    }

    #[test]
    fn esc_j_in_the_search_prompt_closes_it_then_moves_the_list() {
        // The mode is looked up again between the two halves, as the loop does.
        let mut app = App::new(crate::store::builtin().unwrap(), "dataset.ron");
        let keymap = Keymap::default();
        update(
            &mut app,
            Action::Resize {
                width: 80,
                height: 24,
            },
        );
        update(&mut app, Action::Command(crate::app::Command::Search));
        assert_eq!(app.mode(), Mode::Search);
        for key in split_alt(key(KeyCode::Char('j'), KeyModifiers::ALT)) {
            let event = Event::Terminal(TermEvent::Key(key));
            if let Some(Ok(action)) = action(&app, &keymap, event).unwrap() {
                update(&mut app, action);
            }
        }
        assert_eq!(app.mode(), Mode::Browse);
        assert_eq!(app.provinces.selected, 1);
    }
}
