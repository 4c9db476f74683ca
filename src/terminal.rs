//! The full-screen session: takes the terminal, runs the event loop, and gives the terminal
//! back on every way out (quit, error, panic, SIGTERM, SIGHUP).
//!
//! Input and signals arrive on one channel from two small threads. After each event every
//! event already queued is applied before the next frame is drawn, so a burst of keys (a paste,
//! an input method's backspace-and-replace, a held arrow key over a slow link) costs one frame.

use std::io;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use ratatui::crossterm::event::{self, Event as TermEvent};
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Action, App, Effect, update};
use crate::keymap::Keymap;
use crate::ui;

/// Something the loop reacts to.
enum Event {
    Terminal(TermEvent),
    /// Reading the terminal failed (it went away).
    InputFailed(io::Error),
    Signal(i32),
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
    spawn_input(sender);

    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, app, keymap, &events);
    // Restoring may fail when the terminal is gone (SIGHUP); there is nothing left to tell.
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

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    keymap: &Keymap,
    events: &Receiver<Event>,
) -> io::Result<Exit> {
    let size = terminal.size()?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    loop {
        terminal.draw(|frame| ui::render(app, keymap, frame))?;
        let Ok(first) = events.recv() else {
            return Ok(Exit::Quit);
        };
        for event in std::iter::once(first).chain(events.try_iter()) {
            if let Some(exit) = handle(app, keymap, event)? {
                return Ok(exit);
            }
        }
    }
}

fn handle(app: &mut App, keymap: &Keymap, event: Event) -> io::Result<Option<Exit>> {
    let action = match event {
        Event::Signal(signal) => return Ok(Some(Exit::Signal(signal))),
        Event::InputFailed(err) => return Err(err),
        Event::Terminal(TermEvent::Resize(width, height)) => Action::Resize { width, height },
        Event::Terminal(TermEvent::Key(key)) => match keymap.command(app.mode(), key) {
            Some(command) => Action::Command(command),
            None => return Ok(None),
        },
        Event::Terminal(_) => return Ok(None),
    };
    Ok(match update(app, action) {
        Effect::Quit => Some(Exit::Quit),
        Effect::None => None,
    })
}
