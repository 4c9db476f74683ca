//! Small drawing helpers the views share: safe text, progress bars, bordered blocks.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Row, Table};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub use crate::app::pages::wrap_line;
use crate::app::{App, Command, Mode};
use crate::model::Tally;
use crate::text;
use crate::theme::Theme;

/// Data text made safe for the terminal (see [`text::display`]); never draw data without it.
pub fn safe(value: &str) -> Cow<'_, str> {
    text::display(value)
}

/// A one-line span of data text; line breaks become spaces.
pub fn one_line(value: &str) -> String {
    let flat = value.replace(['\n', '\r'], " ");
    text::display(&flat).into_owned()
}

/// A bar of `width` cells filled in eighths, followed by the percentage: `████▌    45%`.
pub fn bar(theme: &Theme, tally: Tally, width: usize) -> Line<'static> {
    let Some(percent) = tally.percent() else {
        return Line::styled("n/a", theme.dim);
    };
    let symbols = theme.symbols();
    let width = width.max(1);
    let filled = filled(
        theme,
        eighths(tally.done.into(), tally.applicable.into(), width),
    );
    let used = filled.chars().count();
    Line::from(vec![
        Span::styled(filled, theme.bar),
        Span::styled(
            symbols.bar_empty.to_string().repeat(width - used),
            theme.dim,
        ),
        Span::raw(format!(" {percent:>3}%")),
    ])
}

/// The eighths of a bar `width` cells long that `part` of `whole` fills (none of nothing):
/// the one scale of every bar htx draws, so bars side by side compare.
pub fn eighths(part: u64, whole: u64, width: usize) -> usize {
    if whole == 0 {
        return 0;
    }
    usize::try_from(part.min(whole) * width as u64 * 8 / whole).unwrap_or(0)
}

/// `eighths` of a bar as cells: the full ones, then the partial one.
pub fn filled(theme: &Theme, eighths: usize) -> String {
    let symbols = theme.symbols();
    let mut text = symbols.bar_full.to_string().repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        text.push(symbols.bar_eighths[eighths % 8]);
    }
    text
}

/// `text` cut to `width` columns, ending with the theme's ellipsis when cut.
pub fn cut(app: &App, text: &str, width: usize) -> String {
    cut_with(app.theme.symbols().ellipsis, text, width)
}

fn cut_with(ellipsis: &str, text: &str, width: usize) -> String {
    let cut = crate::text::truncate_with(text, width, usize::MAX, ellipsis);
    match cut.strip_suffix(ellipsis) {
        // The ellipsis follows the last word, not the space after it.
        Some(kept) if cut.len() != text.len() => format!("{}{ellipsis}", kept.trim_end()),
        _ => cut.into_owned(),
    }
}

/// "Ctrl-s keep · Esc cancel": each command's first key in `mode` and its word, for a
/// popup's title; a command without a key is left out.
pub fn keys_line(app: &App, mode: Mode, commands: &[(Command, &str)]) -> String {
    let words: Vec<String> = commands
        .iter()
        .filter_map(|&(command, word)| {
            let key = *app.keymap.keys_for(mode, command).first()?;
            Some(format!("{} {word}", app.key_name(key)))
        })
        .collect();
    format!("{} ", words.join(app.theme.symbols().separator))
}

/// A question's answer line: the keys bound to `command` in `mode`, then what it does.
pub fn answer(app: &App, mode: Mode, command: Command, what: &str) -> Line<'static> {
    let keys: Vec<String> = app
        .keymap
        .keys_for(mode, command)
        .iter()
        .map(|&key| app.key_name(key))
        .collect();
    Line::from(vec![
        Span::styled(keys.join("/"), app.theme.key),
        Span::raw(format!(" {what}")),
    ])
}

/// `lines` in `block`, wrapped and fitted to it (the last row `…` when they do not fit).
pub fn pane(
    app: &App,
    block: Block<'static>,
    lines: Vec<Line<'static>>,
    area: Rect,
    frame: &mut Frame,
) {
    let inner = block.inner(area);
    let rows = fit_rows(
        app,
        lines,
        usize::from(inner.width),
        usize::from(inner.height),
    );
    frame.render_widget(ratatui::widgets::Paragraph::new(rows).block(block), area);
}

/// Where a scrolled page is, for its title: `11–30 of 168` (rows `scroll + 1` to the last
/// one shown); empty when the whole page fits.
pub fn position(app: &App, scroll: usize, visible: usize, total: usize) -> String {
    if total <= visible {
        return String::new();
    }
    (crate::lang::tr().position)(
        scroll + 1,
        app.theme.symbols().range,
        (scroll + visible).min(total),
        total,
    )
}

/// `text` padded with spaces to `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// `text` cut from the left to `width` columns (a file name keeps its end): `…/htx/data.ron`.
pub fn cut_left(app: &App, text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let ellipsis = app.theme.symbols().ellipsis;
    let room = width.saturating_sub(ellipsis.width());
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for grapheme in text.graphemes(true).rev() {
        let w = grapheme.width();
        if used + w > room {
            break;
        }
        kept.push(grapheme);
        used += w;
    }
    kept.reverse();
    format!("{ellipsis}{}", kept.concat())
}

/// A line cut to `width` columns, its last span ending with the ellipsis when cut. The
/// line keeps its style and alignment.
pub fn cut_line(app: &App, line: Line<'static>, width: usize) -> Line<'static> {
    cut_line_with(app.theme.symbols().ellipsis, line, width)
}

fn cut_line_with(ellipsis: &str, line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    // Too narrow for the ellipsis: cut without it rather than overflow.
    let ellipsis = if ellipsis.width() <= width {
        ellipsis
    } else {
        ""
    };
    let room = width - ellipsis.width();
    let mut spans = Vec::new();
    let mut used = 0;
    let mut last_style = line.style;
    for span in line.spans {
        let w = span.width();
        if used + w <= room {
            used += w;
            spans.push(span);
            continue;
        }
        let content = cut_with("", &span.content, room - used);
        last_style = span.style;
        if !content.is_empty() {
            spans.push(Span::styled(content, span.style));
        }
        break;
    }
    // A cut right after a space: the ellipsis follows the last word, not the space.
    while let Some(last) = spans.last_mut() {
        let trimmed = last.content.trim_end().len();
        if trimmed == last.content.len() {
            break;
        }
        if trimmed == 0 {
            spans.pop();
            continue;
        }
        last.content.to_mut().truncate(trimmed);
        break;
    }
    let style = spans.last().map_or(last_style, |span| span.style);
    spans.push(Span::styled(ellipsis.to_string(), style));
    let mut cut = Line::from(spans).style(line.style);
    cut.alignment = line.alignment;
    cut
}

/// Ratatui's `Table` defaults, set on every table htx draws so that [`column_widths`] gives
/// the widths the table uses.
pub const COLUMN_SPACING: u16 = 1;
pub const COLUMN_FLEX: Flex = Flex::Start;

/// The widths ratatui's `Table` gives columns with `constraints` in a table whose inner
/// width (inside its block) is `inner_width`, as its `get_column_widths` lays them out: the
/// selection column (`selection_width`, the highlight symbol's width when it is shown) comes
/// off first, the rest is split by a horizontal layout with the table's flex and spacing.
pub fn column_widths(
    constraints: &[Constraint],
    inner_width: u16,
    selection_width: u16,
    spacing: u16,
    flex: Flex,
) -> Vec<usize> {
    column_areas(constraints, inner_width, selection_width, spacing, flex)
        .into_iter()
        .map(|(_, width)| usize::from(width))
        .collect()
}

/// Where each column starts (from the table's inner left edge) and how wide it is.
fn column_areas(
    constraints: &[Constraint],
    inner_width: u16,
    selection_width: u16,
    spacing: u16,
    flex: Flex,
) -> Vec<(u16, u16)> {
    let [_selection, columns] =
        Layout::horizontal([Constraint::Length(selection_width), Constraint::Fill(0)])
            .areas(Rect::new(0, 0, inner_width, 1));
    Layout::horizontal(constraints.iter().copied())
        .flex(flex)
        .spacing(spacing)
        .split(columns)
        .iter()
        .map(|column| (column.x, column.width))
        .collect()
}

/// The columns of a bordered table htx cuts itself: every cell is cut to its column's real
/// width, ending with the ellipsis, before ratatui sees it (ratatui would cut it hard).
pub struct Columns {
    constraints: Vec<Constraint>,
    widths: Vec<usize>,
}

impl Columns {
    /// The columns of a table drawn in `area` inside `block`, with no selection column.
    pub fn new(block: &Block, area: Rect, constraints: impl Into<Vec<Constraint>>) -> Self {
        let constraints = constraints.into();
        let inner = block.inner(area).width;
        let widths = column_widths(&constraints, inner, 0, COLUMN_SPACING, COLUMN_FLEX);
        Self {
            constraints,
            widths,
        }
    }

    /// The width of column `column` (0 past the last one).
    pub fn width(&self, column: usize) -> usize {
        self.widths.get(column).copied().unwrap_or(0)
    }

    /// A row of `cells`, each cut to its column.
    pub fn row(&self, app: &App, cells: Vec<Line<'static>>) -> Row<'static> {
        Row::new(
            cells
                .into_iter()
                .enumerate()
                .map(|(i, line)| Cell::from(cut_line(app, line, self.width(i)))),
        )
    }

    /// The table of `rows` under `header`, laid out as [`column_widths`] says.
    pub fn table(
        &self,
        rows: Vec<Row<'static>>,
        header: Row<'static>,
        block: Block<'static>,
    ) -> Table<'static> {
        Table::new(rows, self.constraints.clone())
            .header(header)
            .column_spacing(COLUMN_SPACING)
            .flex(COLUMN_FLEX)
            .block(block)
    }
}

/// A progress bar as wide as fits in a column of `width` (at most `max` cells of bar); the
/// percentage alone when no bar fits.
pub fn bar_in(theme: &Theme, tally: Tally, width: usize, max: usize) -> Line<'static> {
    // " 100%" after the bar.
    let room = width.saturating_sub(5).min(max);
    if room == 0 {
        return match tally.percent() {
            Some(percent) => Line::raw(format!("{percent}%")),
            None => Line::styled(crate::lang::tr().not_applicable, theme.dim),
        };
    }
    bar(theme, tally, room)
}

/// A block's title cut to fit on the top border of a block `area_width` wide.
pub fn title(app: &App, title: impl Into<Line<'static>>, area_width: u16) -> Line<'static> {
    cut_line(app, title.into(), usize::from(area_width.saturating_sub(2)))
}

/// `lines` wrapped at spaces to `width` columns and fitted into `height` rows: when they
/// need more rows, the last row shown is the ellipsis alone, so a pane never ends on a row
/// that looks complete while more follows.
pub fn fit_rows(
    app: &App,
    lines: Vec<Line<'static>>,
    width: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let mut rows: Vec<Line<'static>> = lines
        .into_iter()
        .flat_map(|line| wrap_line(line, width))
        .collect();
    if rows.len() > height {
        rows.truncate(height.saturating_sub(1));
        if height > 0 {
            rows.push(Line::styled(
                cut(app, app.theme.symbols().ellipsis, width),
                app.theme.dim,
            ));
        }
    }
    rows
}

/// A choice's value between the arrows that say it can be changed, `‹ any ›` (`< any >` in
/// ASCII), the value cut so that the whole fits in `width` columns.
pub fn choice(app: &App, value: &str, width: usize) -> String {
    let (left, right) = if app.theme.ascii {
        ("<", ">")
    } else {
        ("\u{2039}", "\u{203a}")
    };
    let room = width.saturating_sub(left.width() + right.width() + 2);
    format!("{left} {} {right}", cut(app, value, room))
}

/// The keys of each group of commands in `mode` (the first key of each command, joined by
/// `/`) followed by its word, the groups joined by the separator: `j/k choose · x clear`. A
/// group none of whose commands has a key is left out.
pub fn key_groups(app: &App, mode: Mode, groups: &[(&[Command], &str)]) -> String {
    groups
        .iter()
        .filter_map(|&(commands, word)| {
            let keys: Vec<String> = commands
                .iter()
                .filter_map(|&command| app.keymap.keys_for(mode, command).first().copied())
                .map(|key| app.key_name(key))
                .collect();
            (!keys.is_empty()).then(|| format!("{} {word}", keys.join("/")))
        })
        .collect::<Vec<_>>()
        .join(app.theme.symbols().separator)
}

/// A `width` × `height` area centred in `area` and cleared, for a popup drawn over the views.
pub fn popup(area: Rect, width: u16, height: u16, frame: &mut Frame) -> Rect {
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    popup
}

/// A bordered block titled `title`, highlighted when it has the focus; its border is drawn
/// with the theme's symbols (`+`, `-` and `|` in ASCII).
pub fn block(theme: &Theme, title: impl Into<Line<'static>>, focused: bool) -> Block<'static> {
    let block = Block::bordered()
        .border_set(theme.symbols().border)
        .title(title.into());
    if focused {
        block.border_style(theme.border_focused)
    } else {
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn bars_fill_in_eighths() {
        let half = Tally {
            done: 1,
            in_progress: 0,
            applicable: 2,
        };
        let theme = Theme::default();
        let bar = |tally, width| bar(&theme, tally, width);
        assert_eq!(plain(&bar(half, 4)), "██··  50%");
        let third = Tally {
            done: 1,
            in_progress: 0,
            applicable: 3,
        };
        assert_eq!(plain(&bar(third, 4)), "█▎··  33%");
        let all = Tally {
            done: 3,
            in_progress: 0,
            applicable: 3,
        };
        assert_eq!(plain(&bar(all, 4)), "████ 100%");
        assert_eq!(plain(&bar(Tally::default(), 4)), "n/a");
        let ascii = Theme::default().in_ascii();
        assert_eq!(plain(&super::bar(&ascii, third, 4)), "#...  33%");
        assert_eq!(plain(&super::bar(&ascii, half, 4)), "##..  50%");
    }

    #[test]
    fn a_page_position_uses_the_theme_range_and_is_empty_when_the_page_fits() {
        let mut app = App::new(crate::store::builtin().unwrap(), "dataset.ron");
        assert_eq!(position(&app, 10, 20, 168), "11–30 of 168");
        assert_eq!(position(&app, 160, 20, 168), "161–168 of 168");
        assert_eq!(position(&app, 0, 20, 20), "");
        app.theme = app.theme.clone().in_ascii();
        assert_eq!(position(&app, 0, 10, 40), "1-10 of 40");
    }

    #[test]
    fn wrapped_lines_fit_and_keep_their_styles() {
        let key = ratatui::style::Style::new().bold();
        let line = Line::from(vec![
            Span::styled("Esc", key),
            Span::raw(" decide later (your edits stay unsaved)"),
        ]);
        let rows = wrap_line(line, 16);
        let text: Vec<String> = rows.iter().map(plain).collect();
        assert_eq!(text, ["Esc decide later", "(your edits stay", "unsaved)"]);
        assert_eq!(rows[0].spans[0].style, key);
        for width in 1..30 {
            let line = Line::raw("Đã gửi dự thảo báo cáo lên Tỉnh ủy, chờ ý kiến.");
            for row in wrap_line(line, width) {
                assert!(row.width() <= width, "{width}: {row:?}");
            }
        }
    }

    /// Draws a one-row table whose columns are filled with `a`, `b`, `c`… and reads back
    /// where each letter starts and how many cells it takes.
    fn drawn_columns(
        constraints: &[Constraint],
        width: u16,
        selection: &'static str,
        spacing: u16,
        flex: Flex,
    ) -> Vec<(u16, u16)> {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        use ratatui::widgets::{HighlightSpacing, TableState};
        let letters: Vec<char> = ('a'..='z').take(constraints.len()).collect();
        let row = Row::new(
            letters
                .iter()
                .map(|&c| Cell::from(c.to_string().repeat(300))),
        );
        let table = Table::new([row], constraints.to_vec())
            .column_spacing(spacing)
            .flex(flex)
            .highlight_symbol(selection)
            .highlight_spacing(HighlightSpacing::Always);
        let mut terminal = Terminal::new(TestBackend::new(width, 1)).unwrap();
        terminal
            .draw(|frame| {
                frame.render_stateful_widget(table, frame.area(), &mut TableState::default());
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        let drawn: Vec<String> = (0..width)
            .map(|x| buffer[(x, 0)].symbol().to_string())
            .collect();
        letters
            .iter()
            .map(|&c| {
                let c = c.to_string();
                let width = drawn.iter().filter(|&s| *s == c).count();
                let x = drawn.iter().position(|s| *s == c).unwrap_or(0);
                (u16::try_from(x).unwrap(), u16::try_from(width).unwrap())
            })
            .collect()
    }

    #[test]
    fn column_widths_are_the_ones_ratatui_draws() {
        use Constraint::{Fill, Length, Max, Min, Percentage};
        let sets: [&[Constraint]; 5] = [
            // The views' own shapes…
            &[Length(4), Fill(1), Length(9), Length(7), Length(15)],
            &[Fill(1), Length(16), Length(15), Length(7), Length(8)],
            &[Length(12), Length(13), Fill(1), Length(28)],
            // …and others, so the helper is right for any table.
            &[Percentage(30), Min(5), Max(10), Fill(2), Fill(1)],
            &[Length(3), Length(3), Length(3)],
        ];
        let mut checked = 0;
        for constraints in sets {
            for width in (1..=130).step_by(3) {
                for (selection, selection_width) in [("", 0), (">> ", 3)] {
                    for spacing in [0, 1, 2] {
                        for flex in [Flex::Start, Flex::Legacy, Flex::SpaceBetween, Flex::Center] {
                            let drawn = drawn_columns(constraints, width, selection, spacing, flex);
                            let computed =
                                column_areas(constraints, width, selection_width, spacing, flex);
                            let widths =
                                column_widths(constraints, width, selection_width, spacing, flex);
                            for (i, (&(x, w), &(cx, cw))) in drawn.iter().zip(&computed).enumerate()
                            {
                                let at = format!(
                                    "{constraints:?} width {width} selection {selection_width} \
                                     spacing {spacing} {flex:?} column {i}"
                                );
                                assert_eq!(w, cw, "width of {at}");
                                assert_eq!(widths[i], usize::from(w), "{at}");
                                if w > 0 {
                                    assert_eq!(x, cx, "start of {at}");
                                    checked += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000, "only {checked} columns were compared");
    }

    #[test]
    fn cut_lines_end_with_the_ellipsis_and_keep_their_alignment() {
        let bold = ratatui::style::Style::new().bold();
        let line = Line::from(vec![
            Span::styled("Công nghiệp", bold),
            Span::raw(" – tiểu thủ công nghiệp"),
        ])
        .right_aligned();
        let cut = cut_line_with("…", line.clone(), 16);
        assert_eq!(plain(&cut), "Công nghiệp – t…");
        assert_eq!(cut.alignment, line.alignment);
        assert_eq!(cut.spans[0].style, bold);
        // A cut right after a space or a whole span: the ellipsis follows the word.
        assert_eq!(plain(&cut_line_with("…", line.clone(), 13)), "Công nghiệp…");
        assert_eq!(
            plain(&cut_line_with("…", line.clone(), 14)),
            "Công nghiệp –…"
        );
        assert_eq!(
            plain(&cut_line_with("...", line.clone(), 16)),
            "Công nghiệp –..."
        );
        for width in 0..40 {
            let cut = cut_line_with("...", line.clone(), width);
            assert!(cut.width() <= width, "{width}: {cut:?}");
            if width >= 3 && width < line.width() {
                assert!(plain(&cut).ends_with("..."), "{width}: {cut:?}");
            }
        }
        assert_eq!(cut_line_with("…", line.clone(), 40), line);
    }

    #[test]
    fn one_line_flattens_and_neutralises() {
        assert_eq!(one_line("a\nb\u{1b}[31m"), "a b\u{FFFD}[31m");
    }
}
