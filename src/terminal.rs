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

use std::cell::{Cell, RefCell};
use std::io::{self, IsTerminal, Write};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{SystemTime, UNIX_EPOCH};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Buffer;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event as TermEvent, KeyCode, KeyEvent,
    KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::{Position, Rect, Size};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use std::path::PathBuf;

use crate::app::mouse::{self, Mouse};
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
    /// Take the mouse: clicks select rows and tabs, the wheel scrolls. Off by default, so
    /// that the terminal's own selection (copying text, over SSH too) keeps working.
    pub mouse: bool,
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

/// What the terminal can show, found before the screen is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Draw with ASCII only: the Linux console and the DEC and ANSI terminals have no line
    /// drawing in their character sets (or none that a UTF-8 stream reaches).
    pub ascii: bool,
    /// Wrap each frame in synchronized-output marks (DEC mode 2026). Terminals that do not
    /// know the mode ignore it; the ASCII ones are not sent it at all, since a real VT100 or
    /// console may show it.
    pub synchronized: bool,
}

/// Looks at this process's terminal before the screen is taken: `Err` is the one line to
/// print when the full screen cannot work here (output to a pipe or file, no terminal to read
/// keys from, `TERM=dumb`, no `TERM`).
pub fn check() -> Result<Capabilities, String> {
    let term = std::env::var("TERM").ok();
    capabilities(
        term.as_deref(),
        io::stdin().is_terminal(),
        io::stdout().is_terminal(),
    )
}

const LOOKUPS: &str = "use htx find, htx list or htx show";

/// [`check`] on what it found: the value of `TERM` and whether standard input and output are
/// terminals.
pub fn capabilities(
    term: Option<&str>,
    stdin_tty: bool,
    stdout_tty: bool,
) -> Result<Capabilities, String> {
    if !stdout_tty {
        return Err(format!(
            "htx: standard output is not a terminal, so the full screen cannot be shown; {LOOKUPS} to print to a pipe or a file"
        ));
    }
    if !stdin_tty {
        return Err(format!(
            "htx: standard input is not a terminal, so keys cannot be read; {LOOKUPS}, or run htx in a terminal"
        ));
    }
    let term = term.unwrap_or("").trim();
    match terminal_kind(term) {
        Kind::Refused => {
            let which = if term.is_empty() {
                "TERM is not set".to_string()
            } else {
                format!("TERM={term}")
            };
            Err(format!(
                "htx: this terminal ({which}) cannot show the full screen; {LOOKUPS}, or run htx in a terminal such as xterm"
            ))
        }
        Kind::Ascii => Ok(Capabilities {
            ascii: true,
            synchronized: false,
        }),
        Kind::Full => Ok(Capabilities {
            ascii: false,
            synchronized: true,
        }),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// No cursor addressing: `dumb`, no `TERM`, the VT52 (no ANSI sequences at all).
    Refused,
    /// Cursor addressing and attributes, but no line drawing reached from UTF-8.
    Ascii,
    Full,
}

fn terminal_kind(term: &str) -> Kind {
    // `vt220-8bit`, `linux-16color`, `ansi.sys`: the family is the name's first part.
    let family = term
        .split(['-', '.', '+'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let dec = family
        .strip_prefix("vt")
        .and_then(|number| number.parse::<u32>().ok());
    match (family.as_str(), dec) {
        ("" | "dumb", _) => Kind::Refused,
        (_, Some(number)) if number < 100 => Kind::Refused,
        (_, Some(_)) => Kind::Ascii,
        ("linux" | "ansi" | "pcansi" | "cons25", _) => Kind::Ascii,
        _ => Kind::Full,
    }
}

/// The terminal as the loop draws on it.
type Tui = Terminal<Scrolling<Output<io::Stdout>>>;

/// Runs the interactive session on the current terminal until the user quits or a signal
/// ends it. The terminal is restored before this returns, whatever happened.
pub fn run(app: &mut App, keymap: &Keymap, session: Session) -> io::Result<Exit> {
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
    let searcher = Searcher::spawn(sender.clone());
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

/// Whether the screen is taken, and with the mouse, for the panic hook.
static TAKEN: AtomicBool = AtomicBool::new(false);
static MOUSE_TAKEN: AtomicBool = AtomicBool::new(false);

/// Mouse reporting: button presses and the wheel (1000) in SGR coordinates (1006). Not the
/// motion modes crossterm's `EnableMouseCapture` adds, which send an event for every move
/// of the pointer.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

/// Gives the terminal back as the shell expects it: no mouse reporting, no bracketed paste,
/// the main screen, a visible cursor, line editing and echo.
fn give_back(out: &mut impl Write, mouse: bool) -> io::Result<()> {
    if mouse {
        out.write_all(MOUSE_OFF)?;
    }
    queue!(out, DisableBracketedPaste, LeaveAlternateScreen, Show)?;
    out.flush()?;
    TAKEN.store(false, Ordering::SeqCst);
    disable_raw_mode()
}

/// A panic gives the terminal back before the message is printed, so that it can be read.
fn restore_on_panic() {
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
enum Redraw {
    Nothing,
    /// What changed since the last frame.
    Changed,
    /// Everything: the screen was given away (Ctrl-z) or scribbled on (SIGSTOP, then the
    /// shell).
    Full,
}

/// The terminal's modes while htx has it.
struct Screen {
    mouse: bool,
    synchronized: bool,
    /// Set while a frame is being put together: the output is written in one piece at its end.
    held: Rc<Cell<bool>>,
    /// The whole of the frame being drawn, for the backend (which is handed only the cells
    /// that differ from the last frame, and may do better by scrolling).
    frame: Rc<RefCell<Option<Buffer>>>,
    /// htx stopped itself; the SIGCONT that woke it needs no second redraw.
    continue_expected: bool,
}

impl Screen {
    /// Takes the terminal: raw mode, the alternate screen, bracketed paste (pasted text
    /// arrives as one event, not as keys that would trigger commands), the mouse if asked for.
    /// Safe to repeat: after a SIGSTOP the shell may have put the terminal back in line mode.
    fn take(&self, terminal: &mut Tui) -> io::Result<()> {
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

    fn give_back(&self, terminal: &mut Tui) -> io::Result<()> {
        give_back(terminal.backend_mut(), self.mouse)
    }

    /// Gives the terminal back and stops, as job control expects of Ctrl-z: the whole
    /// process group stops, as it would for a Ctrl-z typed in line mode, so that a shell
    /// waiting on a wrapper or a pipeline sees the job stop. Returns once continued (`fg`),
    /// with the terminal taken again; the caller redraws everything.
    fn suspend(&mut self, terminal: &mut Tui) -> io::Result<()> {
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
    fn draw(&self, terminal: &mut Tui, app: &App, redraw: Redraw) -> io::Result<()> {
        if redraw == Redraw::Nothing {
            return Ok(());
        }
        self.held.set(true);
        let drawn = self.draw_held(terminal, app, redraw);
        self.held.set(false);
        drawn?;
        Write::flush(terminal.backend_mut())
    }

    fn draw_held(&self, terminal: &mut Tui, app: &App, redraw: Redraw) -> io::Result<()> {
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

/// crossterm's backend behind a copy of what the screen shows. A frame whose rows moved up or
/// down (a list scrolled by `j`, Ctrl-d, the wheel) is written as a scroll of those rows,
/// then the cells that still differ: a line or so instead of every row of the list, which
/// matters over a slow link.
struct Scrolling<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the screen shows, when known.
    shown: Option<Buffer>,
    /// The whole frame being drawn, handed over by the draw closure.
    frame: Rc<RefCell<Option<Buffer>>>,
}

impl<W: Write> Scrolling<W> {
    fn new(writer: W, frame: Rc<RefCell<Option<Buffer>>>) -> Self {
        Self {
            inner: CrosstermBackend::new(writer),
            shown: None,
            frame,
        }
    }
}

impl<W: Write> Write for Scrolling<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.inner.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for Scrolling<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        let Some(next) = self.frame.borrow_mut().take() else {
            // Not a frame of the loop's: what the screen shows is no longer known.
            self.shown = None;
            return self.inner.draw(content);
        };
        let mut shown = match self.shown.take() {
            Some(shown) if shown.area == next.area => shown,
            _ => {
                self.inner.clear_region(ClearType::All)?;
                Buffer::empty(next.area)
            }
        };
        write_frame(&mut self.inner, &mut shown, &next)?;
        self.shown = Some(next);
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)?;
        self.shown = match clear_type {
            ClearType::All => {
                let size = self.inner.size()?;
                Some(Buffer::empty(Rect::new(0, 0, size.width, size.height)))
            }
            _ => None,
        };
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// Rows `top..bottom` of the screen moved by `by` rows: up (`by` > 0, what was at row
/// `r + by` is now at `r`) or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Shift {
    top: u16,
    bottom: u16,
    by: i32,
}

/// Cells a scroll must save, at the least, to be worth its escape sequences.
const WORTH_SCROLLING: i64 = 48;

/// Writes `next` over `shown` (what the screen shows), scrolling first where rows moved, and
/// leaves `shown` as the screen is before the differing cells are written.
fn write_frame<W: Write>(
    out: &mut CrosstermBackend<W>,
    shown: &mut Buffer,
    next: &Buffer,
) -> io::Result<()> {
    if let Some(shift) = best_shift(shown, next) {
        out.write_all(&scroll_sequence(shift))?;
        apply_shift(shown, shift);
    }
    let updates = with_small_gaps(shown.diff(next), next);
    out.draw(updates.into_iter())
}

/// Moving the cursor (`ESC [ row ; column H`) takes 6 to 9 bytes: a gap of this many
/// unchanged cells between two changed ones on a row is written again instead.
const SMALL_GAP: u16 = 4;

/// The cells to write: those that differ, and the few unchanged ones between two of them on a
/// row where writing them again is shorter than moving the cursor over them (one column wide,
/// in the style of the cell before, so that no style change is added).
fn with_small_gaps<'a>(
    updates: Vec<(u16, u16, &'a ratatui::buffer::Cell)>,
    next: &'a Buffer,
) -> Vec<(u16, u16, &'a ratatui::buffer::Cell)> {
    use unicode_width::UnicodeWidthStr;
    let styled = |a: &ratatui::buffer::Cell, b: &ratatui::buffer::Cell| {
        a.fg == b.fg
            && a.bg == b.bg
            && a.underline_color == b.underline_color
            && a.modifier == b.modifier
    };
    let mut out = Vec::with_capacity(updates.len());
    // The column after the last cell written, its row, and the cell.
    let mut after: Option<(u16, u16, &ratatui::buffer::Cell)> = None;
    for (x, y, cell) in updates {
        if let Some((end, row, last)) = after
            && row == y
            && x > end
            && x - end <= SMALL_GAP
            && (end..x).all(|gap| {
                let between = &next[(gap, y)];
                between.symbol().width() == 1 && styled(between, last)
            })
        {
            out.extend((end..x).map(|gap| (gap, y, &next[(gap, y)])));
        }
        out.push((x, y, cell));
        let width = u16::try_from(cell.symbol().width().max(1)).unwrap_or(1);
        after = Some((x.saturating_add(width), y, cell));
    }
    out
}

/// The escape sequences that scroll rows `top..bottom` by `by`: the region's margins, then
/// line feeds at its bottom (up) or reverse index at its top (down), which every VT100
/// descendant and the Linux console know; then the margins back to the whole screen.
fn scroll_sequence(shift: Shift) -> Vec<u8> {
    let Shift { top, bottom, by } = shift;
    let mut bytes = format!("\x1b[0m\x1b[{};{}r", top + 1, bottom).into_bytes();
    if by > 0 {
        bytes.extend_from_slice(format!("\x1b[{bottom};1H").as_bytes());
        bytes.extend(std::iter::repeat_n(b'\n', by.unsigned_abs() as usize));
    } else {
        bytes.extend_from_slice(format!("\x1b[{};1H", top + 1).as_bytes());
        for _ in 0..-by {
            bytes.extend_from_slice(b"\x1bM");
        }
    }
    bytes.extend_from_slice(b"\x1b[r");
    bytes
}

/// What the screen shows after `shift`: the rows moved, the rows scrolled in blank.
fn apply_shift(buffer: &mut Buffer, shift: Shift) {
    let width = usize::from(buffer.area.width);
    let (top, bottom) = (usize::from(shift.top), usize::from(shift.bottom));
    let by = shift.by.unsigned_abs() as usize;
    let rows = &mut buffer.content[top * width..bottom * width];
    let blank = ratatui::buffer::Cell::EMPTY;
    if shift.by > 0 {
        rows.rotate_left(by * width);
        let len = rows.len();
        rows[len - by * width..].fill(blank);
    } else {
        rows.rotate_right(by * width);
        rows[..by * width].fill(blank);
    }
}

/// Rows are compared in pieces of this many cells, by hash.
const PIECE: usize = 8;

/// Each row of `buffer` as the hashes of its pieces.
fn piece_hashes(buffer: &Buffer) -> Vec<Vec<u64>> {
    use std::hash::{Hash, Hasher};
    let width = usize::from(buffer.area.width).max(1);
    buffer
        .content
        .chunks(width)
        .map(|row| {
            row.chunks(PIECE)
                .map(|piece| {
                    let mut hasher = std::hash::DefaultHasher::new();
                    piece.hash(&mut hasher);
                    hasher.finish()
                })
                .collect()
        })
        .collect()
}

/// The scroll that saves the most cells from being written again, if one saves enough. Rows
/// are compared piece by piece, so that a list beside a pane that changed is seen to move.
fn best_shift(shown: &Buffer, next: &Buffer) -> Option<Shift> {
    let width = usize::from(next.area.width);
    let height = usize::from(next.area.height);
    if shown.area != next.area || height < 3 || width == 0 {
        return None;
    }
    let (old, new) = (piece_hashes(shown), piece_hashes(next));
    let piece_width: Vec<i64> = (0..width.div_ceil(PIECE))
        .map(|i| (width - i * PIECE).min(PIECE) as i64)
        .collect();
    // Cells of row `a` (hashes) the same as in row `b`.
    let same = |a: &[u64], b: &[u64]| -> i64 {
        a.iter()
            .zip(b)
            .zip(&piece_width)
            .filter(|((a, b), _)| a == b)
            .map(|(_, &w)| w)
            .sum()
    };
    let blank_row = piece_hashes(&Buffer::empty(Rect::new(0, 0, next.area.width, 1)))
        .pop()
        .unwrap_or_default();
    // Cells of each row already right without scrolling, and right if blank.
    let staying: Vec<i64> = (0..height).map(|r| same(&old[r], &new[r])).collect();
    let blank: Vec<i64> = (0..height).map(|r| same(&blank_row, &new[r])).collect();
    let mut best: Option<(i64, Shift)> = None;
    for by in 1..=height / 2 {
        for up in [true, false] {
            // Row `r` of the next frame against the row that scrolling brings there.
            let rows: Vec<usize> = if up {
                (0..height - by).collect()
            } else {
                (by..height).collect()
            };
            let gain = rows.iter().map(|&r| {
                let from = if up { r + by } else { r - by };
                same(&old[from], &new[r]) - staying[r]
            });
            // The run of rows where scrolling gains the most (Kadane).
            let (mut sum, mut start, mut found) = (0i64, 0usize, (0i64, 0usize, 0usize));
            for (i, g) in gain.enumerate() {
                if sum <= 0 {
                    sum = 0;
                    start = i;
                }
                sum += g;
                if sum > found.0 {
                    found = (sum, start, i + 1);
                }
            }
            let (mut total, first, end) = found;
            if total <= 0 {
                continue;
            }
            // The region: the run's rows and the rows that scroll in blank.
            let (top, bottom) = if up {
                (rows[first], rows[end - 1] + 1 + by)
            } else {
                (rows[first] - by, rows[end - 1] + 1)
            };
            let scrolled_in = if up {
                bottom - by..bottom
            } else {
                top..top + by
            };
            total += scrolled_in.map(|r| blank[r] - staying[r]).sum::<i64>();
            let shift = Shift {
                top: top as u16,
                bottom: bottom as u16,
                by: if up { by as i32 } else { -(by as i32) },
            };
            if best.is_none_or(|(score, _)| total > score) {
                best = Some((total, shift));
            }
        }
    }
    best.filter(|&(score, _)| score >= WORTH_SCROLLING)
        .map(|(_, shift)| shift)
}

/// Replaces what is left of line drawing and block elements (U+2500–U+259F) by ASCII, for
/// the terminals that have none: whatever a widget drew, the screen stays readable.
fn ascii_only(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        let symbol = cell.symbol();
        if symbol.chars().any(is_drawing) {
            let plain: String = symbol
                .chars()
                .map(|c| if is_drawing(c) { ascii_for(c) } else { c })
                .collect();
            cell.set_symbol(&plain);
        }
    }
}

fn is_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{259F}').contains(&c)
}

fn ascii_for(c: char) -> char {
    match c {
        '─' | '━' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '═' | '╴' | '╶' | '╸' | '╺' | '╼' | '╾' => {
            '-'
        }
        '│' | '┃' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' | '║' | '╵' | '╷' | '╹' | '╻' | '╽' | '╿' => {
            '|'
        }
        '\u{2500}'..='\u{257F}' => '+',
        '░' => '.',
        '▒' | '▓' => ':',
        _ => '#',
    }
}

/// The session's output. Collects what is written and hands it to the terminal on `flush`
/// (in one piece per frame while `held`); a theme without colour has every colour taken out
/// of the SGR sequences on the way.
struct Output<W: Write> {
    inner: W,
    buffer: Vec<u8>,
    colour: bool,
    filter: SgrFilter,
    held: Rc<Cell<bool>>,
}

impl<W: Write> Output<W> {
    fn new(inner: W, colour: bool, held: Rc<Cell<bool>>) -> Self {
        Self {
            inner,
            buffer: Vec::with_capacity(16 * 1024),
            colour,
            filter: SgrFilter::default(),
            held,
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.colour {
            self.buffer.extend_from_slice(bytes);
        } else {
            self.filter.feed(bytes, &mut self.buffer);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.held.get() {
            return Ok(());
        }
        if !self.buffer.is_empty() {
            let written = self.inner.write_all(&self.buffer);
            self.buffer.clear();
            written?;
        }
        self.inner.flush()
    }
}

/// Takes the colour out of SGR sequences (`ESC [ … m`) and keeps the rest (bold, underline,
/// reverse video, resets); a sequence left with nothing is dropped. Other bytes pass as they
/// are. Works on a stream: a sequence may arrive in pieces.
#[derive(Default)]
struct SgrFilter {
    /// The control sequence read so far, from its ESC.
    pending: Vec<u8>,
}

/// Longer control sequences are not SGR sequences that need rewriting; they pass as they are.
const LONGEST_SEQUENCE: usize = 256;

impl SgrFilter {
    fn feed(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        for &byte in bytes {
            self.push(byte, out);
        }
    }

    fn push(&mut self, byte: u8, out: &mut Vec<u8>) {
        const ESC: u8 = 0x1b;
        match self.pending.len() {
            0 if byte == ESC => self.pending.push(byte),
            0 => out.push(byte),
            1 if byte == b'[' => self.pending.push(byte),
            1 => {
                // Not a control sequence: ESC and whatever follows it.
                out.push(ESC);
                self.pending.clear();
                self.push(byte, out);
            }
            _ => match byte {
                // Parameter and intermediate bytes.
                0x20..=0x3f if self.pending.len() < LONGEST_SEQUENCE => self.pending.push(byte),
                0x40..=0x7e => {
                    self.pending.push(byte);
                    if byte == b'm' {
                        rewrite_sgr(&self.pending, out);
                    } else {
                        out.extend_from_slice(&self.pending);
                    }
                    self.pending.clear();
                }
                _ => {
                    // Not a well-formed sequence: pass it on untouched.
                    out.extend_from_slice(&self.pending);
                    self.pending.clear();
                    if byte == ESC {
                        self.pending.push(byte);
                    } else {
                        out.push(byte);
                    }
                }
            },
        }
    }
}

/// Writes `sequence` (a whole `ESC [ … m`) without its colour parameters.
fn rewrite_sgr(sequence: &[u8], out: &mut Vec<u8>) {
    let params = &sequence[2..sequence.len() - 1];
    if params.is_empty()
        || !params
            .iter()
            .all(|b| b.is_ascii_digit() || b";:".contains(b))
    {
        // A bare reset, or a private form this does not know: as it is.
        out.extend_from_slice(sequence);
        return;
    }
    let mut kept: Vec<&[u8]> = Vec::new();
    let mut parts = params.split(|&b| b == b';');
    while let Some(part) = parts.next() {
        // `38:5:1` carries its colour in one parameter; `38;5;1` and `38;2;r;g;b` in several.
        let code = part.split(|&b| b == b':').next().unwrap_or_default();
        let number = std::str::from_utf8(code)
            .ok()
            .and_then(|code| code.parse::<u32>().ok());
        match number {
            Some(38 | 48 | 58) if !part.contains(&b':') => {
                let skip = match parts.next() {
                    Some(b"5") => 1,
                    Some(b"2") => 3,
                    _ => 0,
                };
                for _ in 0..skip {
                    parts.next();
                }
            }
            Some(30..=39 | 40..=49 | 58 | 59 | 90..=97 | 100..=107) => {}
            _ => kept.push(part),
        }
    }
    if kept.is_empty() {
        return;
    }
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(&kept.join(&b';'));
    out.push(b'm');
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
                        eprintln!("htx: the recovery journal could not be removed: {err}");
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

    #[test]
    fn today_is_a_plausible_date() {
        let date = today().unwrap();
        assert!(date.year() >= 2024);
    }

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

    #[test]
    fn dumb_and_unknown_terminals_are_refused_and_the_old_ones_get_ascii() {
        let full = Ok(Capabilities {
            ascii: false,
            synchronized: true,
        });
        let ascii = Ok(Capabilities {
            ascii: true,
            synchronized: false,
        });
        for term in [
            "xterm-256color",
            "tmux-256color",
            "screen",
            "alacritty",
            "foot",
        ] {
            assert_eq!(capabilities(Some(term), true, true), full, "{term}");
        }
        for term in [
            "linux",
            "vt100",
            "vt102",
            "vt220",
            "vt220-8bit",
            "vt320",
            "ansi",
            "VT100",
        ] {
            assert_eq!(capabilities(Some(term), true, true), ascii, "{term}");
        }
        for term in [None, Some(""), Some("dumb"), Some("vt52")] {
            let refused = capabilities(term, true, true).unwrap_err();
            assert!(refused.starts_with("htx: this terminal ("), "{refused}");
            assert!(
                refused.contains("htx find, htx list or htx show"),
                "{refused}"
            );
            assert!(!refused.contains('\n'));
        }
        assert!(
            capabilities(Some("dumb"), true, true)
                .unwrap_err()
                .contains("(TERM=dumb)")
        );
        assert!(
            capabilities(None, true, true)
                .unwrap_err()
                .contains("(TERM is not set)")
        );
        let piped = capabilities(Some("xterm"), true, false).unwrap_err();
        assert!(
            piped.contains("standard output is not a terminal"),
            "{piped}"
        );
        let no_keys = capabilities(Some("xterm"), false, true).unwrap_err();
        assert!(
            no_keys.contains("standard input is not a terminal"),
            "{no_keys}"
        );
    }

    fn filtered(pieces: &[&[u8]]) -> Vec<u8> {
        let mut filter = SgrFilter::default();
        let mut out = Vec::new();
        for piece in pieces {
            filter.feed(piece, &mut out);
        }
        out
    }

    #[test]
    fn colour_is_taken_out_of_sgr_sequences_and_the_rest_kept() {
        let cases: [(&[u8], &[u8]); 14] = [
            (b"\x1b[31mred", b"red"),
            (b"\x1b[1;31mbold", b"\x1b[1mbold"),
            (b"\x1b[38;5;9;7mx", b"\x1b[7mx"),
            (b"\x1b[48;2;1;2;3;4mx", b"\x1b[4mx"),
            (b"\x1b[38:2::1:2:3;1mx", b"\x1b[1mx"),
            (b"\x1b[39m\x1b[49m\x1b[59m\x1b[0m", b"\x1b[0m"),
            (b"\x1b[92;104;58;5;3m", b""),
            (b"\x1b[7m\x1b[27m", b"\x1b[7m\x1b[27m"),
            (b"\x1b[m", b"\x1b[m"),
            (b"\x1b[1;4;22;24m", b"\x1b[1;4;22;24m"),
            // Other sequences pass untouched.
            (
                b"\x1b[2;5H\x1b[?25l\x1b[?2026h",
                b"\x1b[2;5H\x1b[?25l\x1b[?2026h",
            ),
            (b"\x1b7\x1b[K", b"\x1b7\x1b[K"),
            // Text around, and UTF-8.
            ("Định \x1b[36m│\x1b[39m".as_bytes(), "Định │".as_bytes()),
            (b"\x1b\x1b[31mx", b"\x1bx"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                String::from_utf8_lossy(&filtered(&[input])),
                String::from_utf8_lossy(expected),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn a_sequence_written_in_pieces_is_filtered_whole() {
        // crossterm writes `ESC [`, the parameters and `m` separately.
        assert_eq!(filtered(&[b"\x1b", b"[", b"38;5;", b"9", b"m", b"a"]), b"a");
        assert_eq!(filtered(&[b"\x1b[", b"7", b"m"]), b"\x1b[7m");
    }

    #[test]
    fn output_writes_a_frame_in_one_piece_and_only_when_let_go() {
        let held = Rc::new(Cell::new(true));
        let mut output = Output::new(Vec::new(), false, Rc::clone(&held));
        output.write_all(b"\x1b[7;31mx").unwrap();
        output.flush().unwrap();
        assert!(output.inner.is_empty());
        held.set(false);
        output.flush().unwrap();
        assert_eq!(output.inner, b"\x1b[7mx");
        let mut coloured = Output::new(Vec::new(), true, Rc::new(Cell::new(false)));
        coloured.write_all(b"\x1b[31mx").unwrap();
        coloured.flush().unwrap();
        assert_eq!(coloured.inner, b"\x1b[31mx");
    }

    /// A bordered list of numbered rows from `offset`, with row `selected` reversed, and a
    /// pane under it that says which row is selected; some rows hold wide characters.
    fn list_frame(width: u16, height: u16, offset: usize, selected: usize) -> Buffer {
        use ratatui::style::{Modifier, Style};
        use ratatui::widgets::{Block, Paragraph, Widget};
        let area = Rect::new(0, 0, width, height);
        let mut buffer = Buffer::empty(area);
        let list = Rect::new(0, 0, width, height.saturating_sub(4));
        let inner = Block::bordered().inner(list);
        Block::bordered()
            .title(format!(" Rows from {offset} "))
            .render(list, &mut buffer);
        for (i, y) in (inner.y..inner.bottom()).enumerate() {
            let n = offset + i;
            let text = if n % 7 == 3 {
                format!("{n:>5} 日本語の行 Định {}", "x".repeat(n % 13))
            } else {
                format!("{n:>5} Hợp tác xã số {n} {}", "y".repeat(n % 11))
            };
            let style = if n == selected {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            buffer.set_stringn(inner.x, y, &text, usize::from(inner.width), style);
            if n == selected {
                buffer.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            }
        }
        let pane = Rect::new(0, list.bottom(), width, height - list.height);
        Paragraph::new(format!("Row {selected} is selected"))
            .block(Block::bordered())
            .render(pane, &mut buffer);
        buffer
    }

    /// A writer whose bytes the test can take.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn take(&self) -> Vec<u8> {
            std::mem::take(&mut self.0.borrow_mut())
        }
    }

    /// Writes `frames` one after the other as the loop would and reads them back through a
    /// terminal emulator, checking after each that the screen shows the frame (its text and
    /// its reverse video). Returns the bytes written for each frame.
    fn emulate(frames: &[Buffer]) -> Vec<usize> {
        let area = frames[0].area;
        let mut parser = vt100::Parser::new(
            std::num::NonZeroU16::new(area.height).unwrap(),
            std::num::NonZeroU16::new(area.width).unwrap(),
            0,
        );
        let mut shown = Buffer::empty(area);
        let mut sizes = Vec::new();
        for (n, frame) in frames.iter().enumerate() {
            let writer = Shared::default();
            let mut out = CrosstermBackend::new(writer.clone());
            write_frame(&mut out, &mut shown, frame).unwrap();
            shown = frame.clone();
            let bytes = writer.take();
            sizes.push(bytes.len());
            parser.process(&bytes);
            let screen = parser.screen();
            for y in 0..area.height {
                let mut expected = String::new();
                let mut skip = 0;
                for x in 0..area.width {
                    let cell = &frame[(x, y)];
                    let on_screen = screen.cell(y, x).unwrap();
                    // The emulator keeps no attributes for the right half of a wide character.
                    assert!(
                        on_screen.is_wide_continuation()
                            || on_screen.inverse()
                                == cell.modifier.contains(ratatui::style::Modifier::REVERSED),
                        "frame {n}, reverse video at ({x}, {y})"
                    );
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    expected.push_str(cell.symbol());
                    skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
                }
                let row: String = screen
                    .rows(0, area.width)
                    .nth(usize::from(y))
                    .unwrap_or_default();
                assert_eq!(row.trim_end(), expected.trim_end(), "frame {n}, row {y}");
            }
        }
        sizes
    }

    #[test]
    fn a_list_moved_by_a_row_is_scrolled_not_written_again() {
        let first = list_frame(120, 40, 0, 33);
        let next = list_frame(120, 40, 1, 34);
        let mut shown = first.clone();
        let shift = best_shift(&shown, &next).unwrap();
        assert_eq!((shift.top, shift.by), (1, 1), "{shift:?}");
        assert!((34..=35).contains(&shift.bottom), "{shift:?}");
        let sizes = emulate(&[first.clone(), next.clone(), first.clone()]);
        // Without scrolling, every row of the list would be written again.
        let writer = Shared::default();
        CrosstermBackend::new(writer.clone())
            .draw(shown.diff(&next).into_iter())
            .unwrap();
        let plain = writer.take().len();
        assert!(
            sizes[1] * 3 < plain && sizes[2] * 3 < plain,
            "scrolled {} and {} bytes, written {plain}",
            sizes[1],
            sizes[2]
        );
        // Nothing moved: no scroll.
        shown = next.clone();
        assert_eq!(best_shift(&shown, &next), None);
    }

    #[test]
    fn frames_scrolled_any_way_show_exactly_what_was_drawn() {
        // A list paged, scrolled by one and by several rows both ways, a frame that changes
        // everything, and back.
        let mut state: u64 = 7;
        let mut random = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n
        };
        for (width, height) in [(120, 40), (80, 24), (50, 12), (200, 60)] {
            let mut frames = vec![list_frame(width, height, 0, 0)];
            let (mut offset, mut selected) = (0usize, 0usize);
            for _ in 0..60 {
                let step = [1, 1, 1, 3, 2, 5, 20, 40][random(8)];
                if random(2) == 0 {
                    offset += step;
                    selected += step;
                } else {
                    offset = offset.saturating_sub(step);
                    selected = selected.saturating_sub(step);
                }
                selected = (selected + random(3)).saturating_sub(1).max(offset);
                frames.push(list_frame(width, height, offset, selected));
            }
            emulate(&frames);
        }
    }

    #[test]
    fn ascii_terminals_get_no_line_drawing_whatever_a_widget_drew() {
        use ratatui::widgets::{Block, Widget};
        let area = Rect::new(0, 0, 12, 4);
        let mut buffer = Buffer::empty(area);
        Block::bordered().render(area, &mut buffer);
        buffer[(3, 1)].set_symbol("█");
        buffer[(4, 1)].set_symbol("▌");
        buffer[(5, 1)].set_symbol("é");
        ascii_only(&mut buffer);
        let text: String = buffer.content.iter().map(|c| c.symbol()).collect();
        assert!(!text.chars().any(is_drawing), "{text}");
        assert_eq!(buffer[(0, 0)].symbol(), "+");
        assert_eq!(buffer[(1, 0)].symbol(), "-");
        assert_eq!(buffer[(0, 1)].symbol(), "|");
        assert_eq!(buffer[(3, 1)].symbol(), "#");
        assert_eq!(buffer[(5, 1)].symbol(), "é");
    }
}
