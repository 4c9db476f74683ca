//! Delimited text as spreadsheets save it (RFC 4180 CSV, Excel's "Unicode text", TSV): the
//! delimiter found among `,` `;` and tab, quoted cells with doubled quotes and line breaks,
//! and every cell's line and column kept for messages.

use super::table::{Cell, Place, Row, Table};
use super::values::Value;

/// The delimiters a spreadsheet writes: Excel uses `;` where the decimal mark is a comma.
pub const DELIMITERS: [char; 3] = [',', ';', '\t'];

/// How many lines the delimiter is guessed from.
const SAMPLE_LINES: usize = 50;

/// The delimiter of `text`: the one that splits the most sample lines into the same number
/// (above one) of cells, quotes respected; on a tie the one giving more cells, then tab, `;`,
/// `,`. Text with none of them is one column, read with `,`.
pub fn detect_delimiter(text: &str) -> char {
    let mut best = (',', 0usize, 0usize);
    for delimiter in DELIMITERS {
        let counts = sample_counts(text, delimiter);
        let mut tally: Vec<(usize, usize)> = Vec::new();
        for &count in counts.iter().filter(|&&c| c > 0) {
            match tally.iter_mut().find(|(c, _)| *c == count) {
                Some((_, lines)) => *lines += 1,
                None => tally.push((count, 1)),
            }
        }
        let (count, lines) = tally
            .into_iter()
            .max_by_key(|&(count, lines)| (lines, count))
            .unwrap_or((0, 0));
        // Later candidates win ties: tab before `;` before `,`.
        if (lines, count) >= (best.1, best.2) && lines > 0 {
            best = (delimiter, lines, count);
        }
    }
    best.0
}

/// Delimiters outside quotes on each of the first lines (a quoted line break continues the
/// line).
fn sample_counts(text: &str, delimiter: char) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut count = 0;
    let mut quoted = false;
    let mut at_cell_start = true;
    for c in text.chars() {
        match c {
            '"' if quoted => quoted = false,
            '"' if at_cell_start => quoted = true,
            '\n' if !quoted => {
                counts.push(count);
                count = 0;
                if counts.len() == SAMPLE_LINES {
                    return counts;
                }
            }
            c if c == delimiter && !quoted => count += 1,
            _ => {}
        }
        at_cell_start = !quoted && (c == delimiter || c == '\n' || c == '\r');
    }
    counts.push(count);
    counts
}

/// Why the text cannot be read as a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// A quote opened at this place is never closed.
    OpenQuote { line: u32, column: u32 },
}

/// The rows of `text`, blank ones left out.
pub fn parse(text: &str, delimiter: char) -> Result<Table, Unreadable> {
    let mut rows = Vec::new();
    let mut row = Row::default();
    let mut cell = String::new();
    let (mut line, mut column) = (1u32, 1u32);
    let mut start = (1u32, 1u32);
    let mut quoted: Option<(u32, u32)> = None;
    let mut chars = text.chars().peekable();
    let mut fresh = true;
    let finish_cell = |row: &mut Row, cell: &mut String, start: (u32, u32)| {
        let value = if cell.is_empty() {
            Value::Empty
        } else {
            Value::Text(std::mem::take(cell))
        };
        row.cells.push(Cell {
            value,
            place: Place::Text {
                line: start.0,
                column: start.1,
            },
        });
    };
    while let Some(c) = chars.next() {
        if let Some(opened) = quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                    column += 2;
                    continue;
                }
                '"' => quoted = None,
                '\n' => {
                    cell.push('\n');
                    line += 1;
                    column = 1;
                    continue;
                }
                '\r' => {
                    if chars.peek() != Some(&'\n') {
                        cell.push('\n');
                        line += 1;
                        column = 1;
                    }
                    continue;
                }
                c => cell.push(c),
            }
            let _ = opened;
            column += 1;
            continue;
        }
        match c {
            '"' if fresh => {
                quoted = Some((line, column));
                fresh = false;
                column += 1;
            }
            c if c == delimiter => {
                finish_cell(&mut row, &mut cell, start);
                column += 1;
                start = (line, column);
                fresh = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                finish_cell(&mut row, &mut cell, start);
                let done = std::mem::take(&mut row);
                if !done.is_blank() {
                    rows.push(done);
                }
                line += 1;
                column = 1;
                start = (line, column);
                fresh = true;
            }
            c => {
                cell.push(c);
                fresh = false;
                column += 1;
            }
        }
    }
    if let Some((line, column)) = quoted {
        return Err(Unreadable::OpenQuote { line, column });
    }
    if !cell.is_empty() || !row.cells.is_empty() {
        finish_cell(&mut row, &mut cell, start);
    }
    if !row.is_blank() {
        rows.push(row);
    }
    Ok(Table { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(table: &Table) -> Vec<Vec<String>> {
        table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.value.shown()).collect())
            .collect()
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_lines_alike() {
        assert_eq!(detect_delimiter("a,b,c\r\n1,2,3\r\n"), ',');
        assert_eq!(
            detect_delimiter("Tên;Tỉnh;Số\n\"HTX A, B\";36;1,5\nX;Y;Z\n"),
            ';'
        );
        assert_eq!(detect_delimiter("a\tb\tc\n1,5\t2\t3\n"), '\t');
        // A title line above the header does not sway it.
        assert_eq!(
            detect_delimiter("DANH SÁCH HTX, năm 2011\na;b;c\n1;2;3\n4;5;6\n"),
            ';'
        );
        assert_eq!(detect_delimiter("one column\nno delimiter\n"), ',');
    }

    #[test]
    fn quoted_cells_doubled_quotes_and_line_breaks() {
        let table = parse(
            "a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",x,\r\n",
            ',',
        )
        .expect("parses");
        assert_eq!(
            texts(&table),
            vec![vec!["a", "b, c", "say \"hi\""], vec!["two\nlines", "x", ""],]
        );
    }

    #[test]
    fn every_cell_knows_its_line_and_column() {
        let table = parse("Tên,Tỉnh\n\n\"HTX\nMới\",Nam Định\nx,  y", ',').expect("parses");
        let places: Vec<Vec<Place>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.place).collect())
            .collect();
        let at = |line, column| Place::Text { line, column };
        assert_eq!(
            places,
            vec![
                vec![at(1, 1), at(1, 5)],
                vec![at(3, 1), at(4, 6)],
                vec![at(5, 1), at(5, 3)],
            ]
        );
    }

    #[test]
    fn blank_rows_are_left_out_and_the_last_line_needs_no_break() {
        let table = parse("a;b\n;\n\n1;2", ';').expect("parses");
        assert_eq!(texts(&table), vec![vec!["a", "b"], vec!["1", "2"]]);
    }

    #[test]
    fn an_unclosed_quote_is_named_where_it_opened() {
        assert_eq!(
            parse("a,b\n1,\"open\n2,3\n", ','),
            Err(Unreadable::OpenQuote { line: 2, column: 3 })
        );
    }
}
