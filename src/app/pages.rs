//! The text of the scrolling pages (the help, a province's entry on an item), laid out in
//! rows for a width. `update` uses the row count to bound the scroll, the drawing code draws
//! the same rows, so the last line is always reachable and never passed.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{App, Mode, layout};
use crate::keymap::Keymap;
use crate::lang::{self, tr};
use crate::model::{Origin, ProgressStatus};

/// One row of the help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpRow {
    Heading(&'static str),
    Blank,
    /// A command's keys (on its first row only) and a piece of its description.
    Entry {
        keys: String,
        text: String,
    },
}

/// Width of the keys column for this keymap.
pub fn help_key_width(keymap: &Keymap, ascii: bool) -> usize {
    Mode::ALL
        .iter()
        .flat_map(|&mode| keymap.help(mode))
        .map(|(_, keys)| keys_text(&keys, ascii).width())
        .max()
        .unwrap_or(0)
        .min(24)
}

fn keys_text(keys: &[crate::keymap::Key], ascii: bool) -> String {
    keys.iter()
        .map(|&k| key_name(k, ascii))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A key as the screen writes it: `Key::name`, with words for the arrows in ASCII.
pub fn key_name(key: crate::keymap::Key, ascii: bool) -> String {
    let symbols = if ascii {
        &crate::theme::ASCII
    } else {
        &crate::theme::UNICODE
    };
    key.name_with(symbols)
}

/// The help's rows for an inner width of `width` columns: a wrapped description continues
/// under itself, not under the keys.
pub fn help_rows(keymap: &Keymap, width: usize, ascii: bool) -> Vec<HelpRow> {
    let key_width = help_key_width(keymap, ascii);
    // " KEYS  description": one space before, two after the keys column.
    let text_width = width.saturating_sub(key_width + 3).max(10);
    let entry = |rows: &mut Vec<HelpRow>, mut keys: String, text: &str| {
        for piece in wrap(text, text_width) {
            rows.push(HelpRow::Entry {
                keys: std::mem::take(&mut keys),
                text: piece,
            });
        }
    };
    let mut rows = Vec::new();
    for (mode, heading) in Mode::ALL.into_iter().zip(tr().help_headings) {
        if !rows.is_empty() {
            rows.push(HelpRow::Blank);
        }
        rows.push(HelpRow::Heading(heading));
        for (command, keys) in keymap.help(mode) {
            entry(&mut rows, keys_text(&keys, ascii), command.doc());
        }
    }
    // Last, the words the header and the lists abbreviate.
    rows.push(HelpRow::Blank);
    rows.push(HelpRow::Heading(tr().terms_heading));
    for (term, meaning) in tr().terms {
        entry(&mut rows, term.to_string(), meaning);
    }
    rows
}

/// `text` broken into lines of at most `width` columns, at spaces where it can be; a word
/// longer than a line is broken where it must. Line breaks in the text are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|paragraph| wrap_line(Line::raw(paragraph.to_string()), width))
        .map(|line| {
            let text: String = line
                .spans
                .iter()
                .map(|span| span.content.as_ref())
                .collect();
            text.trim_end().to_string()
        })
        .collect()
}

/// A line broken into rows of at most `width` columns at spaces (a word longer than a row
/// is broken where it must), each piece keeping its span's style.
pub fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut rows: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for span in line.spans {
        for word in crate::text::runs(&span.content) {
            let w = word.width();
            if used + w > width && used > 0 {
                if word.trim().is_empty() {
                    rows.push(Vec::new());
                    used = 0;
                    continue;
                }
                rows.push(Vec::new());
                used = 0;
            }
            if w <= width {
                push_piece(&mut rows, word, span.style);
                used += w;
                continue;
            }
            for grapheme in word.graphemes(true) {
                let g = grapheme.width();
                if used + g > width {
                    rows.push(Vec::new());
                    used = 0;
                }
                push_piece(&mut rows, grapheme, span.style);
                used += g;
            }
        }
    }
    rows.into_iter()
        .map(|spans| Line::from(spans).style(line.style))
        .collect()
}

fn push_piece(rows: &mut [Vec<Span<'static>>], piece: &str, style: Style) {
    let Some(row) = rows.last_mut() else {
        return;
    };
    match row.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push_str(piece),
        _ => row.push(Span::styled(piece.to_string(), style)),
    }
}

/// The entry page: a plan item's id and title, the province, and the entry in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryPage {
    pub title: String,
    /// (label, value) rows above the note.
    pub facts: Vec<(&'static str, String)>,
    pub status: ProgressStatus,
    /// The note, wrapped.
    pub note: Vec<String>,
}

/// One row of a cooperative's page, before wrapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageRow {
    Title(String),
    Blank,
    Heading(&'static str),
    /// A label and its value.
    Field(&'static str, String),
    Text(String),
    /// Text that says something is missing ("not rated").
    Note(&'static str),
}

/// How wide a field's label is on a page, the value starting after it.
const FIELD_LABEL_WIDTH: usize = 17;

/// A field's label padded to `FIELD_LABEL_WIDTH` (17) columns, at least one space after it.
pub fn field_label(label: &str) -> String {
    let pad = FIELD_LABEL_WIDTH.saturating_sub(label.width()).max(1);
    format!("{label}{}", " ".repeat(pad))
}

impl PageRow {
    /// The row as plain text (what wrapping measures).
    pub fn text(&self) -> String {
        match self {
            PageRow::Title(text) | PageRow::Text(text) => text.clone(),
            PageRow::Blank => String::new(),
            PageRow::Heading(text) | PageRow::Note(text) => (*text).to_string(),
            PageRow::Field(label, value) => format!("{}{value}", field_label(label)),
        }
    }
}

impl App {
    /// A key as the screen writes it (words for the arrows in ASCII).
    pub fn key_name(&self, key: crate::keymap::Key) -> String {
        key.name_with(self.theme.symbols())
    }

    /// The page of cooperative `c`: every field, its ratings newest first, its notes.
    pub fn cooperative_page(&self, c: usize) -> Vec<PageRow> {
        let data = &self.dataset;
        let Some(coop) = data.cooperatives.get(c) else {
            return Vec::new();
        };
        let text =
            |value: &str| crate::text::display(&value.replace(['\n', '\r'], " ")).into_owned();
        // A missing value: an em dash, `-` in ASCII.
        let missing = if self.theme.ascii { "-" } else { "\u{2014}" };
        let province = self.index.province(&coop.province).map_or_else(
            || text(&coop.province),
            |p| {
                format!(
                    "{} ({})",
                    text(&data.provinces[p].name),
                    text(&coop.province)
                )
            },
        );
        let label = &tr().field_labels;
        let mut rows = vec![
            PageRow::Title(text(&coop.name)),
            PageRow::Blank,
            PageRow::Field(label.id, text(&coop.id)),
            PageRow::Field(label.province, province),
            PageRow::Field(
                label.district,
                coop.district.as_deref().map_or(missing.to_string(), text),
            ),
            PageRow::Field(
                label.sector,
                text(self.index.sector_name(data, &coop.sector)),
            ),
            PageRow::Field(
                label.founded,
                coop.founded.map_or(missing.to_string(), |y| y.to_string()),
            ),
            PageRow::Field(label.members, lang::number(coop.members.into())),
            PageRow::Field(label.status, (tr().coop_status)(coop.status).to_string()),
            PageRow::Field(
                label.alliance,
                coop.alliance_member_since
                    .map_or(tr().no.to_string(), tr().since),
            ),
            PageRow::Field(label.record, (tr().origin)(coop.origin).to_string()),
        ];
        // Fields invented in a record that is otherwise not (an illustrative record says so
        // above, for all of them).
        if coop.origin != Origin::Illustrative && !coop.illustrative.is_empty() {
            let fields: Vec<&str> = coop.illustrative.iter().map(|f| (tr().field)(f)).collect();
            rows.push(PageRow::Field(
                tr().illustrative_label,
                format!(
                    "{}: {}",
                    text(&fields.join(", ")),
                    (tr().invented)(coop.origin)
                ),
            ));
        }
        rows.extend([PageRow::Blank, PageRow::Heading(label.ratings)]);
        let mut ratings: Vec<_> = coop.ratings.iter().collect();
        ratings.sort_by_key(|r| std::cmp::Reverse(r.year));
        if ratings.is_empty() {
            rows.push(PageRow::Note(tr().not_rated));
        }
        for rating in ratings {
            rows.push(PageRow::Text((tr().rating_line)(
                rating.year,
                &text(&rating.grade),
                &text(&rating.scheme),
                rating.score,
            )));
        }
        if !coop.notes.is_empty() {
            rows.push(PageRow::Blank);
            rows.push(PageRow::Heading(label.notes));
            rows.extend(coop.notes.lines().map(|line| PageRow::Text(text(line))));
        }
        rows
    }

    /// The cooperative page's scroll step and last scroll position, for this window.
    pub(super) fn cooperative_page_bounds(&self) -> (usize, usize) {
        let area = layout::Frame::new(self.size).body;
        let inner = usize::from(area.width.saturating_sub(2));
        let visible = layout::pane_rows(area).max(1);
        let rows: usize = self
            .selected_cooperative()
            .map_or_else(Vec::new, |c| self.cooperative_page(c))
            .iter()
            .map(|row| wrap(&row.text(), inner).len())
            .sum();
        (visible, rows.saturating_sub(visible))
    }

    /// The help's scroll step (a page) and its last scroll position, for this window.
    pub(super) fn help_bounds(&self) -> (usize, usize) {
        let popup = layout::help_popup(self.size);
        let inner = usize::from(popup.width.saturating_sub(2));
        let visible = layout::pane_rows(popup).max(1);
        let rows = help_rows(&self.keymap, inner, self.theme.ascii).len();
        (visible, rows.saturating_sub(visible))
    }

    /// The selected province's entry on the selected plan item, laid out for `width`.
    pub fn entry_page(&self, width: usize) -> Option<EntryPage> {
        let item = self.dataset.plan.items.get(self.plan_items.selected)?;
        let province = &self.dataset.provinces[self.selected_plan_province()?];
        let (status, entry) = crate::model::figures::status_of(item, &province.code);
        let mut facts = vec![
            (
                tr().province_label,
                format!("{} ({})", province.name, province.code),
            ),
            (tr().status_label, (tr().status)(status).to_string()),
        ];
        if let Some(due) = item.due {
            let due = if item.is_illustrative("due") {
                (tr().marked_illustrative)(&lang::date(due))
            } else {
                lang::date(due)
            };
            facts.push((tr().due_label, due));
        }
        let by = entry.and_then(|e| e.changed_by.as_deref());
        let at = entry.and_then(|e| e.changed_at).map(lang::time);
        if by.is_some() || at.is_some() {
            facts.push((tr().changed_label, (tr().changed)(by, at.as_deref())));
        }
        // A person's entry needs no word on where it comes from.
        if let Some(entry) = entry.filter(|e| e.origin != Origin::Entered) {
            // Short: a fact is one line of the side pane.
            let origin = match entry.origin {
                Origin::Illustrative => tr().entry_illustrative,
                origin => (tr().origin)(origin),
            };
            facts.push((tr().record_label, origin.to_string()));
        }
        let note = entry.map_or("", |e| e.note.as_str());
        let note = if note.trim().is_empty() {
            vec![tr().no_note.to_string()]
        } else {
            wrap(note, width)
        };
        Some(EntryPage {
            title: format!("{} {}", item.id, item.title),
            facts,
            status,
            note,
        })
    }

    /// The entry page's scroll step and last scroll position, for this window.
    pub(super) fn entry_page_bounds(&self) -> (usize, usize) {
        let inner = layout::entry_popup_width(self.size).saturating_sub(2);
        let rows = self
            .entry_page(usize::from(inner))
            .map_or(0, |page| entry_rows(&page, inner));
        let visible = layout::pane_rows(layout::entry_popup(self.size, rows)).max(1);
        (visible, rows.saturating_sub(visible))
    }
}

/// Rows the entry page takes at an inner width: the title wrapped, the facts, a blank row,
/// the note.
pub fn entry_rows(page: &EntryPage, inner_width: u16) -> usize {
    wrap(&page.title, usize::from(inner_width)).len() + page.facts.len() + 1 + page.note.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_line_breaks() {
        assert_eq!(
            wrap("Đã gửi dự thảo báo cáo", 10),
            ["Đã gửi dự", "thảo báo", "cáo"]
        );
        assert_eq!(wrap("một\nhai ba", 20), ["một", "hai ba"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn every_wrapped_line_fits() {
        let text = "Thu thập số liệu, xây dựng đề cương và dự thảo báo cáo tổng kết 10 năm";
        for width in 1..40 {
            for line in wrap(text, width) {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn help_rows_continue_under_the_description() {
        let keymap = Keymap::default();
        let rows = help_rows(&keymap, 50, false);
        let key_width = help_key_width(&keymap, false);
        let mut continued = 0;
        for row in &rows {
            if let HelpRow::Entry { keys, text } = row {
                assert!(
                    key_width + 3 + text.width() <= 50 || text.width() <= 10,
                    "{row:?}"
                );
                continued += usize::from(keys.is_empty());
            }
        }
        assert!(continued > 0, "nothing wrapped at 50 columns");
        for mode in Mode::ALL {
            assert!(
                !keymap.help(mode).is_empty(),
                "{mode:?} has no keys in the help"
            );
        }
    }
}
