//! A file's rows as the importer sees them, whatever the file was: each cell's value and its
//! place, so every message can send a person to the cell (`FILE:SHEET!C7`) or the line and
//! column (`FILE:12:5`) to fix.

use std::fmt;

use super::values::Value;

/// Where a cell is in its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Delimited text: 1-based line and column (in characters) where the cell starts.
    Text { line: u32, column: u32 },
    /// A workbook's sheet: 0-based row and column, shown as `C7`.
    Sheet { row: u32, column: u32 },
}

impl Place {
    /// The cell's row for sorting and grouping: the line or the sheet row.
    pub fn row(self) -> u32 {
        match self {
            Place::Text { line, .. } => line,
            Place::Sheet { row, .. } => row,
        }
    }

    /// "row 7" (as the spreadsheet numbers it) or "line 12", in the interface's language.
    pub fn describe(self) -> String {
        let said = crate::lang::import();
        match self {
            Place::Text { line, .. } => (said.line)(u64::from(line)),
            Place::Sheet { row, .. } => (said.row)(u64::from(row) + 1),
        }
    }
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
pub fn column_letters(column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A place written after the file's name: `:12:5` or `:Danh sách!C7`.
pub struct Address<'a> {
    pub file: &'a str,
    pub sheet: Option<&'a str>,
    pub place: Place,
}

impl fmt::Display for Address<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.place, self.sheet) {
            (Place::Text { line, column }, _) => write!(f, "{}:{line}:{column}", self.file),
            (Place::Sheet { row, column }, Some(sheet)) => write!(
                f,
                "{}:{sheet}!{}{}",
                self.file,
                column_letters(column),
                u64::from(row) + 1
            ),
            (Place::Sheet { row, column }, None) => {
                write!(
                    f,
                    "{}:{}{}",
                    self.file,
                    column_letters(column),
                    u64::from(row) + 1
                )
            }
        }
    }
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub place: Place,
}

/// One row: its cells in column order (a short row simply has fewer).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.value.is_blank())
    }

    /// The cell of column `index`, if the row reaches it.
    pub fn get(&self, index: usize) -> Option<&Cell> {
        self.cells.get(index)
    }
}

/// The rows of one sheet or one text file, blank rows already left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
}

impl Table {
    /// A text file's table from rows of cell texts (an empty text is an empty cell), each cell
    /// at its line and column: for tests of what comes after reading.
    #[cfg(test)]
    pub(crate) fn of_texts(rows: &[&[&str]]) -> Table {
        let rows = rows
            .iter()
            .zip(1..)
            .map(|(cells, line)| Row {
                cells: cells
                    .iter()
                    .zip(1..)
                    .map(|(text, column)| Cell {
                        value: if text.is_empty() {
                            Value::Empty
                        } else {
                            Value::Text((*text).into())
                        },
                        place: Place::Text { line, column },
                    })
                    .collect(),
            })
            .collect();
        Table { rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_as_spreadsheets_and_compilers_write_them() {
        let at = |place, sheet| {
            Address {
                file: "htx.xlsx",
                sheet,
                place,
            }
            .to_string()
        };
        assert_eq!(
            at(Place::Sheet { row: 6, column: 2 }, Some("Danh sách")),
            "htx.xlsx:Danh sách!C7"
        );
        assert_eq!(
            at(Place::Sheet { row: 0, column: 26 }, Some("HTX")),
            "htx.xlsx:HTX!AA1"
        );
        assert_eq!(
            at(
                Place::Text {
                    line: 12,
                    column: 5
                },
                None
            ),
            "htx.xlsx:12:5"
        );
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
