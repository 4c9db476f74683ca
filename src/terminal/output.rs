//! What goes to the terminal: a backend that scrolls rows which moved instead of writing
//! them again, frames written in one piece, colour taken out for a theme without colour, and
//! ASCII in place of line drawing where the terminal has none.

use std::cell::{Cell, RefCell};
use std::io::{self, Write};
use std::rc::Rc;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect, Size};

/// crossterm's backend behind a copy of what the screen shows. A frame whose rows moved up or
/// down (a list scrolled by `j`, Ctrl-d, the wheel) is written as a scroll of those rows,
/// then the cells that still differ: a line or so instead of every row of the list, which
/// matters over a slow link.
pub(super) struct Scrolling<W: Write> {
    pub(super) inner: CrosstermBackend<W>,
    /// What the screen shows, when known.
    pub(super) shown: Option<Buffer>,
    /// The whole frame being drawn, handed over by the draw closure.
    pub(super) frame: Rc<RefCell<Option<Buffer>>>,
}

impl<W: Write> Scrolling<W> {
    pub(super) fn new(writer: W, frame: Rc<RefCell<Option<Buffer>>>) -> Self {
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
pub(super) struct Shift {
    pub(super) top: u16,
    pub(super) bottom: u16,
    pub(super) by: i32,
}

/// Cells a scroll must save, at the least, to be worth its escape sequences.
pub(super) const WORTH_SCROLLING: i64 = 48;

/// Writes `next` over `shown` (what the screen shows), scrolling first where rows moved, and
/// leaves `shown` as the screen is before the differing cells are written.
pub(super) fn write_frame<W: Write>(
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
pub(super) const SMALL_GAP: u16 = 4;

/// The cells to write: those that differ, and the few unchanged ones between two of them on a
/// row where writing them again is shorter than moving the cursor over them (one column wide,
/// in the style of the cell before, so that no style change is added).
pub(super) fn with_small_gaps<'a>(
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
pub(super) fn scroll_sequence(shift: Shift) -> Vec<u8> {
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
pub(super) fn apply_shift(buffer: &mut Buffer, shift: Shift) {
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
pub(super) const PIECE: usize = 8;

/// Each row of `buffer` as the hashes of its pieces.
pub(super) fn piece_hashes(buffer: &Buffer) -> Vec<Vec<u64>> {
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
pub(super) fn best_shift(shown: &Buffer, next: &Buffer) -> Option<Shift> {
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
pub(super) fn ascii_only(buffer: &mut Buffer) {
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

pub(super) fn is_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{259F}').contains(&c)
}

pub(super) fn ascii_for(c: char) -> char {
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
pub(super) struct Output<W: Write> {
    pub(super) inner: W,
    pub(super) buffer: Vec<u8>,
    pub(super) colour: bool,
    pub(super) filter: SgrFilter,
    pub(super) held: Rc<Cell<bool>>,
}

impl<W: Write> Output<W> {
    pub(super) fn new(inner: W, colour: bool, held: Rc<Cell<bool>>) -> Self {
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
pub(super) struct SgrFilter {
    /// The control sequence read so far, from its ESC.
    pub(super) pending: Vec<u8>,
}

/// Longer control sequences are not SGR sequences that need rewriting; they pass as they are.
pub(super) const LONGEST_SEQUENCE: usize = 256;

impl SgrFilter {
    pub(super) fn feed(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        for &byte in bytes {
            self.push(byte, out);
        }
    }

    pub(super) fn push(&mut self, byte: u8, out: &mut Vec<u8>) {
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
pub(super) fn rewrite_sgr(sequence: &[u8], out: &mut Vec<u8>) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
