//! `htx import`: the alliances' own spreadsheets into the dataset.
//!
//! A file goes through these rooms in order:
//!
//! 1. [`workbook`] or [`delimited`]: what the file is, by its first bytes and not its name
//!    (XLSX and ODS are zip archives, XLS a compound document, anything else delimited text),
//!    read into a [`table::Table`] whose every cell knows its place;
//! 2. [`encoding`]: the text's encoding (UTF-8, UTF-16, Windows-1258, TCVN3, VNI), found by
//!    how much of it reads as Vietnamese ([`syllable`]); in a workbook, cell by cell, since a
//!    cell typed in a `.VnTime` font is stored as Latin-1-looking text;
//! 3. [`columns`]: the header row and what each column means;
//! 4. [`values`]: numbers, years and dates as people write them;
//! 5. [`records`]: each row matched to a record and changed, or rejected at the cell to fix.
//!
//! Nothing here writes: the command (`crate::cli`) shows the outcome and saves it through the
//! store, like a session's save.

pub mod columns;
pub mod delimited;
pub mod encoding;
pub mod records;
pub mod syllable;
pub mod table;
pub mod values;
pub mod workbook;

use std::io;
use std::path::Path;

use columns::{Field, Header, Kind, Mapping};
use encoding::Encoding;
use table::Table;
use values::Value;

/// The largest file an import reads (a national registry of 100,000 cooperatives is about
/// 15 MB as CSV); larger ones are refused before they are read.
pub const FILE_LIMIT: u64 = 256 * 1024 * 1024;

/// What a person asked for on the command line.
#[derive(Clone, Debug)]
pub struct Options {
    pub kind: Kind,
    pub sheet: Option<String>,
    /// Forced, instead of detected.
    pub encoding: Option<Encoding>,
    pub map: Vec<Mapping>,
}

/// What a file turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Format {
    Delimited {
        delimiter: char,
        encoding: Encoding,
        /// Whether the encoding was forced with `--encoding`.
        forced: bool,
    },
    Workbook {
        format: workbook::Format,
        sheet: String,
        sheets: Vec<String>,
        /// Cells typed in a legacy font and decoded, by encoding.
        legacy_cells: Vec<(Encoding, usize)>,
    },
}

impl Format {
    /// The sheet name for cell addresses (`FILE:SHEET!C7`).
    pub fn sheet(&self) -> Option<&str> {
        match self {
            Format::Workbook { sheet, .. } => Some(sheet),
            Format::Delimited { .. } => None,
        }
    }
}

/// The longest cell shown as a sample of the decoded text.
const SAMPLE_LIMIT: usize = 300;

/// A file read: its table and what its columns mean.
#[derive(Debug)]
pub struct Read {
    pub format: Format,
    pub table: Table,
    pub header: Header,
}

impl Read {
    /// A few names from the first rows, for a person to see at once that the text reads right.
    pub fn samples(&self, kind: Kind) -> Vec<String> {
        // Names, or for progress its notes: text in the words of the file.
        let fields: &[Field] = match kind {
            Kind::Cooperatives => &[Field::Name],
            Kind::Progress => &[Field::Note, Field::Province],
        };
        let Some(column) = fields.iter().find_map(|f| self.header.column(*f)) else {
            return Vec::new();
        };
        self.table
            .rows
            .iter()
            .skip(self.header.row + 1)
            .filter_map(|row| match &row.get(column.index)?.value {
                Value::Text(text) if text.len() <= SAMPLE_LIMIT => Some(values::clean_text(text)),
                _ => None,
            })
            .filter(|t| !t.is_empty())
            .take(3)
            .collect()
    }
}

/// Why a file cannot be imported at all.
#[derive(Debug)]
pub enum Refused {
    /// Not readable (missing, a directory, a device, over [`FILE_LIMIT`]).
    Io(io::Error),
    /// A workbook htx cannot open.
    Workbook(workbook::Refusal),
    /// Bytes that are not text in any encoding htx knows: the place of the first one.
    Binary { line: u32, column: u32 },
    /// Delimited text with a quote never closed.
    Delimited(delimited::Unreadable),
    /// The header row cannot be found or a `--map` does not fit it.
    Columns(columns::Problem),
    /// Not one row.
    Empty,
}

/// Reads `path` as the person asked.
pub fn read(path: &Path, options: &Options) -> Result<Read, Refused> {
    let (bytes, _) = crate::store::files::read_regular(path, FILE_LIMIT).map_err(Refused::Io)?;
    read_bytes(bytes, options)
}

/// [`read`] on bytes already read.
pub fn read_bytes(bytes: Vec<u8>, options: &Options) -> Result<Read, Refused> {
    let (format, table) = match workbook::sniff(&bytes) {
        workbook::Container::Zip | workbook::Container::Compound => {
            let read =
                workbook::read(bytes, options.sheet.as_deref()).map_err(Refused::Workbook)?;
            let mut table = read.table;
            let legacy_cells = repair_cells(&mut table, options.encoding);
            (
                Format::Workbook {
                    format: read.format,
                    sheet: read.sheet,
                    sheets: read.sheets,
                    legacy_cells,
                },
                table,
            )
        }
        workbook::Container::Text => {
            let (encoding, text) = match options.encoding {
                Some(encoding) => {
                    let text = encoding::decode(&bytes, encoding).map_err(|err| {
                        let (line, column) = place_of(&bytes, err.offset, encoding);
                        Refused::Binary { line, column }
                    })?;
                    (encoding, text)
                }
                None => {
                    let detected = encoding::detect(&bytes);
                    (detected.encoding, detected.text)
                }
            };
            drop(bytes);
            if let Some((line, column)) = binary_at(&text) {
                return Err(Refused::Binary { line, column });
            }
            let delimiter = delimited::detect_delimiter(&text);
            let table = delimited::parse(&text, delimiter).map_err(Refused::Delimited)?;
            (
                Format::Delimited {
                    delimiter,
                    encoding,
                    forced: options.encoding.is_some(),
                },
                table,
            )
        }
    };
    if table.rows.is_empty() {
        return Err(Refused::Empty);
    }
    let header = columns::header(&table, options.kind, &options.map).map_err(|problem| {
        Refused::Columns(match problem {
            columns::Problem::NoSuchColumn { column, .. } => columns::Problem::NoSuchColumn {
                column,
                titles: columns::likely_titles(&table),
            },
            other => other,
        })
    })?;
    Ok(Read {
        format,
        table,
        header,
    })
}

/// The line and column of byte `offset` of `bytes`, which decode as `encoding` up to it.
fn place_of(bytes: &[u8], offset: usize, encoding: Encoding) -> (u32, u32) {
    let before =
        encoding::decode(bytes.get(..offset).unwrap_or_default(), encoding).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// Where text stops being text: a NUL, or control characters (other than tab and line
/// breaks) in more than one character in a hundred. Returns the place of the first one.
fn binary_at(text: &str) -> Option<(u32, u32)> {
    let controls = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let total = text.chars().count().max(1);
    let count = text.chars().filter(|&c| controls(c)).count();
    if !text.contains('\0') && count * 100 <= total {
        return None;
    }
    let first = text.find(|c: char| c == '\0' || controls(c))?;
    let before = &text[..first];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    ))
}

/// Decodes the text cells of a workbook that were typed in a legacy font (each one on its
/// own, or all of them in the encoding `forced`); returns how many, by encoding.
///
/// A cell of one short word can read as Vietnamese both ways ("Toát" is a word, and the VNI
/// bytes of "Tốt"); the sheet decides those: once cells were found in one legacy encoding,
/// a cell that reads at least as well in it is taken in it too.
fn repair_cells(table: &mut Table, forced: Option<Encoding>) -> Vec<(Encoding, usize)> {
    let mut counts: Vec<(Encoding, usize)> = Vec::new();
    fn count(counts: &mut Vec<(Encoding, usize)>, encoding: Encoding) {
        match counts.iter_mut().find(|(e, _)| *e == encoding) {
            Some((_, n)) => *n += 1,
            None => counts.push((encoding, 1)),
        }
    }
    let mut undecided = Vec::new();
    for (r, row) in table.rows.iter_mut().enumerate() {
        for (c, cell) in row.cells.iter_mut().enumerate() {
            let Value::Text(text) = &cell.value else {
                continue;
            };
            let repaired = match forced {
                Some(encoding) => encoding::reencode_cell(text, encoding).map(|t| (t, encoding)),
                None => encoding::repair_cell(text),
            };
            match repaired {
                Some((fixed, encoding)) => {
                    cell.value = Value::Text(fixed);
                    count(&mut counts, encoding);
                }
                None if forced.is_none() && !text.is_ascii() => undecided.push((r, c)),
                None => {}
            }
        }
    }
    let sheet = counts.iter().max_by_key(|(_, n)| *n).map(|(e, _)| *e);
    if let Some(encoding) = sheet {
        for (r, c) in undecided {
            let Some(cell) = table.rows.get_mut(r).and_then(|row| row.cells.get_mut(c)) else {
                continue;
            };
            let Value::Text(text) = &cell.value else {
                continue;
            };
            let Some(decoded) = encoding::reencode_cell(text, encoding) else {
                continue;
            };
            let (now, then) = (syllable::score(text), syllable::score(&decoded));
            if then.syllables >= now.syllables && then.strays() <= now.strays() {
                cell.value = Value::Text(decoded);
                count(&mut counts, encoding);
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_with_nul_or_many_control_characters_is_not_text() {
        assert_eq!(binary_at("Tên,Tỉnh\r\nA,B\r\n"), None);
        assert_eq!(binary_at("a,b\nc\0d"), Some((2, 2)));
        assert_eq!(binary_at("\u{1}\u{2}\u{3}abc"), Some((1, 1)));
        // One stray control character in a long text is a cell's problem, not the file's.
        let long = format!("{}\u{b}", "x".repeat(200));
        assert_eq!(binary_at(&long), None);
    }
}
