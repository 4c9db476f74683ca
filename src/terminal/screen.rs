//! Taking the terminal and giving it back: on exit, on a panic, and around a stop (Ctrl-z,
//! SIGTSTP); and which of the next frame must be written.

use std::cell::{Cell, RefCell};
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::buffer::Buffer;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;

use crate::app::App;
use crate::ui;

use super::*;

/// Whether the screen is taken, and with the mouse, for the panic hook.
pub(super) static TAKEN: AtomicBool = AtomicBool::new(false);
pub(super) static MOUSE_TAKEN: AtomicBool = AtomicBool::new(false);

/// Mouse reporting: button presses and the wheel (1000) in SGR coordinates (1006). Not the
/// motion modes crossterm's `EnableMouseCapture` adds, which send an event for every move
/// of the pointer.
pub(super) const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
pub(super) const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

/// Gives the terminal back as the shell expects it: no mouse reporting, no bracketed paste,
/// the main screen, a visible cursor, line editing and echo.
pub(super) fn give_back(out: &mut impl Write, mouse: bool) -> io::Result<()> {
    if mouse {
        out.write_all(MOUSE_OFF)?;
    }
    queue!(out, DisableBracketedPaste, LeaveAlternateScreen, Show)?;
    out.flush()?;
    TAKEN.store(false, Ordering::SeqCst);
    disable_raw_mode()
}

/// A panic gives the terminal back before the message is printed, so that it can be read.
pub(super) fn restore_on_panic() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if TAKEN.load(Ordering::SeqCst) {
                let _ = give_back(&mut io::stdout(), MOUSE_TAKEN.load(Ordering::SeqCst));
            }
            previous(info);
        }));
    });
}

/// How much of the screen the next frame must write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Redraw {
    Nothing,
    /// What changed since the last frame.
    Changed,
    /// Everything: the screen was given away (Ctrl-z) or scribbled on (SIGSTOP, then the
    /// shell).
    Full,
}

/// The terminal's modes while htx has it.
pub(super) struct Screen {
    pub(super) mouse: bool,
    pub(super) synchronized: bool,
    /// Set while a frame is being put together: the output is written in one piece at its end.
    pub(super) held: Rc<Cell<bool>>,
    /// The whole of the frame being drawn, for the backend (which is handed only the cells
    /// that differ from the last frame, and may do better by scrolling).
    pub(super) frame: Rc<RefCell<Option<Buffer>>>,
    /// htx stopped itself; the SIGCONT that woke it needs no second redraw.
    pub(super) continue_expected: bool,
}

impl Screen {
    /// Takes the terminal: raw mode, the alternate screen, bracketed paste (pasted text
    /// arrives as one event, not as keys that would trigger commands), the mouse if asked for.
    /// Safe to repeat: after a SIGSTOP the shell may have put the terminal back in line mode.
    pub(super) fn take(&self, terminal: &mut Tui) -> io::Result<()> {
        // crossterm remembers it set raw mode and would not set it again.
        disable_raw_mode()?;
        enable_raw_mode()?;
        TAKEN.store(true, Ordering::SeqCst);
        MOUSE_TAKEN.store(self.mouse, Ordering::SeqCst);
        let out = terminal.backend_mut();
        queue!(out, EnterAlternateScreen, EnableBracketedPaste, Hide)?;
        if self.mouse {
            out.write_all(MOUSE_ON)?;
        }
        Write::flush(out)
    }

    pub(super) fn give_back(&self, terminal: &mut Tui) -> io::Result<()> {
        give_back(terminal.backend_mut(), self.mouse)
    }

    /// Gives the terminal back and stops, as job control expects of Ctrl-z: the whole
    /// process group stops, as it would for a Ctrl-z typed in line mode, so that a shell
    /// waiting on a wrapper or a pipeline sees the job stop. Returns once continued (`fg`),
    /// with the terminal taken again; the caller redraws everything.
    pub(super) fn suspend(&mut self, terminal: &mut Tui) -> io::Result<()> {
        self.give_back(terminal)?;
        // SIGSTOP, as SIGTSTP is caught here (to give the terminal back when it comes from
        // outside).
        self.continue_expected = true;
        if let Err(err) = rustix::process::kill_current_process_group(rustix::process::Signal::STOP)
        {
            self.continue_expected = false;
            self.take(terminal)?;
            return Err(err.into());
        }
        self.take(terminal)
    }

    /// Draws a frame, if anything is to be drawn, and writes it in one piece.
    pub(super) fn draw(&self, terminal: &mut Tui, app: &App, redraw: Redraw) -> io::Result<()> {
        if redraw == Redraw::Nothing {
            return Ok(());
        }
        self.held.set(true);
        let drawn = self.draw_held(terminal, app, redraw);
        self.held.set(false);
        drawn?;
        Write::flush(terminal.backend_mut())
    }

    pub(super) fn draw_held(
        &self,
        terminal: &mut Tui,
        app: &App,
        redraw: Redraw,
    ) -> io::Result<()> {
        if self.synchronized {
            queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
        }
        if redraw == Redraw::Full {
            // Clears the screen and forgets the last frame, so all of the next is written.
            // (Not `Terminal::clear`, which asks the terminal where the cursor is: the answer
            // would go to the input thread.)
            let size = terminal.size()?;
            terminal.resize(Rect::new(0, 0, size.width, size.height))?;
        }
        terminal.draw(|frame| {
            ui::render(app, frame);
            if app.theme.ascii {
                ascii_only(frame.buffer_mut());
            }
            *self.frame.borrow_mut() = Some(frame.buffer_mut().clone());
        })?;
        if self.synchronized {
            queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
        }
        Ok(())
    }
}
