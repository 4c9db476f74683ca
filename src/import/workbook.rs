//! Workbooks (XLSX, XLS, ODS) through `calamine`: one sheet's cells as a [`Table`], formula
//! cells by the value the spreadsheet last computed, merged cells given their value in every
//! cell they cover, and a zip archive measured before it is opened, so a file that inflates
//! to gigabytes is refused instead of filling the memory.

use std::io::{self, Cursor, Read as _};

use calamine::{Data, Dimensions, Range, Reader as _, Sheets};

use super::table::{Cell, Place, Row, Table};
use super::values::{self, Value};
use crate::model::Date;

/// What a file's first bytes say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// A zip archive: XLSX or ODS.
    Zip,
    /// A compound document: XLS, or an Office file under a password.
    Compound,
    /// Anything else is read as delimited text.
    Text,
}

pub fn sniff(bytes: &[u8]) -> Container {
    if bytes.starts_with(b"PK\x03\x04") {
        Container::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Container::Compound
    } else {
        Container::Text
    }
}

/// The most an archive may inflate to: a national registry of 100,000 cooperatives is about
/// 70 MB of sheet XML.
pub const INFLATED_LIMIT: u64 = 512 * 1024 * 1024;

/// Why a workbook cannot be read.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Encrypted with a password.
    Password,
    /// It inflates past [`INFLATED_LIMIT`].
    Inflates { at_least: u64 },
    /// Not a workbook htx can read, or damaged; the reader's words.
    Damaged(String),
    /// `--sheet` names no sheet of the workbook.
    NoSuchSheet { asked: String, sheets: Vec<String> },
    /// The workbook has no sheet.
    NoSheets,
}

/// The format a workbook turned out to be, for the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Xlsb,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "XLSX",
            Format::Xls => "XLS",
            Format::Ods => "ODS",
            Format::Xlsb => "XLSB",
        }
    }
}

/// One sheet read from a workbook.
#[derive(Debug)]
pub struct Read {
    pub format: Format,
    pub sheet: String,
    pub sheets: Vec<String>,
    pub table: Table,
}

/// Reads the sheet `wanted` (else the first) of the workbook in `bytes`.
pub fn read(bytes: Vec<u8>, wanted: Option<&str>) -> Result<Read, Refusal> {
    if sniff(&bytes) == Container::Zip {
        measure_archive(&bytes)?;
    }
    let mut book = open(&bytes)?;
    let format = match &book {
        Sheets::Xlsx(_) => Format::Xlsx,
        Sheets::Xls(_) => Format::Xls,
        Sheets::Ods(_) => Format::Ods,
        Sheets::Xlsb(_) => Format::Xlsb,
    };
    let sheets = book.sheet_names();
    let sheet = match wanted {
        Some(asked) => sheets
            .iter()
            .find(|s| *s == asked)
            .or_else(|| {
                let folded = crate::search::fold::fold(asked);
                sheets
                    .iter()
                    .find(|s| crate::search::fold::fold(s).trim() == folded.trim())
            })
            .cloned()
            .ok_or_else(|| Refusal::NoSuchSheet {
                asked: asked.to_owned(),
                sheets: sheets.clone(),
            })?,
        None => sheets.first().cloned().ok_or(Refusal::NoSheets)?,
    };
    let range = book.worksheet_range(&sheet).map_err(|err| refusal(&err))?;
    let merged = match &mut book {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(&sheet).unwrap_or_default(),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(&sheet).unwrap_or_default(),
        Sheets::Ods(_) => ods_merges(&bytes, &sheet),
        Sheets::Xlsb(_) => Vec::new(),
    };
    Ok(Read {
        format,
        sheet,
        sheets,
        table: table(&range, &merged),
    })
}

/// The merged regions of an ODS sheet, which the reader does not give: the cells of
/// `content.xml` that span rows or columns (`table:number-rows-spanned`,
/// `table:number-columns-spanned`), placed by counting rows and cells with their repeats. A
/// part that cannot be read gives no regions, never an error: the cells are still read.
fn ods_merges(bytes: &[u8], sheet: &str) -> Vec<Dimensions> {
    use quick_xml::events::{BytesStart, Event};
    fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
        element
            .attributes()
            .flatten()
            .find(|a| a.key.local_name().into_inner() == name)
            .and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
    }
    fn count(element: &BytesStart<'_>, name: &str) -> u32 {
        attribute(element, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Vec::new();
    };
    let mut reader = quick_xml::Reader::from_reader(io::BufReader::new(content));
    let mut buffer = Vec::new();
    let mut merges = Vec::new();
    let (mut inside, mut row, mut column, mut repeated) = (false, 0u32, 0u32, 1u32);
    loop {
        let event = match reader.read_event_into(&mut buffer) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match &event {
            Event::Start(element) | Event::Empty(element) => {
                let empty = matches!(event, Event::Empty(_));
                match element.local_name().into_inner() {
                    "table" => {
                        inside = attribute(element, "name").as_deref() == Some(sheet);
                        row = 0;
                    }
                    "table-row" if inside => {
                        column = 0;
                        repeated = count(element, "number-rows-repeated");
                        if empty {
                            row = row.saturating_add(repeated);
                        }
                    }
                    "table-cell" | "covered-table-cell" if inside => {
                        let rows = count(element, "number-rows-spanned");
                        let columns = count(element, "number-columns-spanned");
                        if rows > 1 || columns > 1 {
                            merges.push(Dimensions::new(
                                (row, column),
                                (row + rows - 1, column + columns - 1),
                            ));
                        }
                        column = column.saturating_add(count(element, "number-columns-repeated"));
                    }
                    _ => {}
                }
            }
            Event::End(element) => match element.local_name().into_inner() {
                "table" if inside => break,
                "table-row" if inside => row = row.saturating_add(repeated),
                _ => {}
            },
            _ => {}
        }
        buffer.clear();
    }
    merges
}

/// Opens the workbook by what its container holds, so that each reader's own refusal (a
/// password above all) reaches the person rather than "not any format".
fn open(bytes: &[u8]) -> Result<Sheets<Cursor<&[u8]>>, Refusal> {
    use calamine::{Ods, Xls, Xlsb, Xlsx, open_workbook_from_rs};
    let cursor = Cursor::new(bytes);
    let book = match sniff(bytes) {
        Container::Compound if is_encrypted_package(bytes) => return Err(Refusal::Password),
        Container::Compound => Sheets::Xls(
            open_workbook_from_rs::<Xls<_>, _>(cursor)
                .map_err(|e| refusal(&calamine::Error::Xls(e)))?,
        ),
        Container::Zip => {
            let archive = zip::ZipArchive::new(Cursor::new(bytes))
                .map_err(|e| Refusal::Damaged(e.to_string()))?;
            let has = |name: &str| archive.index_for_name(name).is_some();
            if has("xl/workbook.xml") {
                Sheets::Xlsx(
                    open_workbook_from_rs::<Xlsx<_>, _>(cursor)
                        .map_err(|e| refusal(&calamine::Error::Xlsx(e)))?,
                )
            } else if has("xl/workbook.bin") {
                Sheets::Xlsb(
                    open_workbook_from_rs::<Xlsb<_>, _>(cursor)
                        .map_err(|e| refusal(&calamine::Error::Xlsb(e)))?,
                )
            } else if has("content.xml") {
                Sheets::Ods(
                    open_workbook_from_rs::<Ods<_>, _>(cursor)
                        .map_err(|e| refusal(&calamine::Error::Ods(e)))?,
                )
            } else {
                return Err(Refusal::Damaged("no workbook in the archive".into()));
            }
        }
        Container::Text => return Err(Refusal::Damaged("not a workbook".into())),
    };
    Ok(book)
}

/// Whether a compound document is an Office file encrypted with a password: its directory
/// holds the stream `EncryptedPackage` (names are UTF-16LE).
fn is_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    memchr::memmem::find(bytes, &name).is_some()
}

fn refusal(err: &calamine::Error) -> Refusal {
    use calamine::{Error, XlsError, XlsxError};
    match err {
        Error::Xlsx(XlsxError::Password) | Error::Xls(XlsError::Password) => Refusal::Password,
        other => Refusal::Damaged(other.to_string()),
    }
}

/// Inflates every member of the archive into nothing, counting, and refuses past
/// [`INFLATED_LIMIT`]: the sizes an archive declares can lie, the bytes cannot.
fn measure_archive(bytes: &[u8]) -> Result<(), Refusal> {
    let damaged = |err: &dyn std::fmt::Display| Refusal::Damaged(err.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|e| damaged(&e))?;
        if entry.encrypted() {
            return Err(Refusal::Password);
        }
        let budget = INFLATED_LIMIT - total;
        let inflated =
            io::copy(&mut entry.take(budget + 1), &mut io::sink()).map_err(|e| damaged(&e))?;
        total += inflated;
        if total > INFLATED_LIMIT {
            return Err(Refusal::Inflates { at_least: total });
        }
    }
    Ok(())
}

/// The cells of `range` by absolute row and column, merged regions filled, blank rows left out.
fn table(range: &Range<Data>, merged: &[Dimensions]) -> Table {
    let Some((first_row, first_column)) = range.start() else {
        return Table::default();
    };
    let mut rows: Vec<Row> = range
        .rows()
        .enumerate()
        .map(|(r, cells)| {
            let row = first_row + r as u32;
            let mut out: Vec<Cell> = (0..first_column)
                .map(|column| Cell {
                    value: Value::Empty,
                    place: Place::Sheet { row, column },
                })
                .collect();
            out.extend(cells.iter().enumerate().map(|(c, data)| Cell {
                value: value(data),
                place: Place::Sheet {
                    row,
                    column: first_column + c as u32,
                },
            }));
            Row { cells: out }
        })
        .collect();
    for region in merged {
        fill(&mut rows, first_row, region);
    }
    rows.retain(|row| !row.is_blank());
    Table { rows }
}

/// Gives every cell a merged region covers the value of its first cell (a province named once
/// beside the rows of its cooperatives belongs to each of them). Regions larger than any
/// table's (a whole-sheet merge) are left as they are.
fn fill(rows: &mut [Row], first_row: u32, region: &Dimensions) {
    const LARGEST: u64 = 100_000;
    if region.len() > LARGEST || region.start.0 < first_row {
        return;
    }
    let top = (region.start.0 - first_row) as usize;
    let left = region.start.1 as usize;
    let Some(value) = rows
        .get(top)
        .and_then(|row| row.get(left))
        .map(|cell| cell.value.clone())
    else {
        return;
    };
    let bottom = (region.end.0 - first_row) as usize;
    for (r, row) in rows.iter_mut().enumerate().take(bottom + 1).skip(top) {
        for column in left..=region.end.1 as usize {
            if (r, column) == (top, left) {
                continue;
            }
            if let Some(cell) = row.cells.get_mut(column)
                && cell.value.is_blank()
            {
                cell.value = value.clone();
            }
        }
    }
}

fn value(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(text) => Value::Text(text.clone()),
        Data::Int(n) => Value::Number(*n as f64),
        Data::Float(n) => Value::Number(*n),
        Data::Bool(b) => Value::Bool(*b),
        Data::Error(error) => Value::Error(error.to_string()),
        Data::DateTime(moment) if moment.is_datetime() => {
            let (year, month, day, ..) = moment.to_ymd_hms_milli();
            Date::new(year, month, day).map_or(Value::Number(moment.as_f64()), Value::Date)
        }
        Data::DateTime(moment) => Value::Number(moment.as_f64()),
        Data::DateTimeIso(text) => {
            values::date(&Value::Text(text.clone())).map_or(Value::Text(text.clone()), Value::Date)
        }
        Data::DurationIso(text) => Value::Text(text.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_bytes_say_what_a_file_is() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Container::Zip);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Container::Compound
        );
        assert_eq!(sniff(b"Ten,Tinh\r\n"), Container::Text);
        assert_eq!(sniff(b"\x89PNG"), Container::Text);
    }

    #[test]
    fn a_merged_province_belongs_to_every_row_it_covers() {
        let mut range = Range::new((3, 0), (6, 1));
        range.set_value((3, 0), Data::String("Tỉnh".into()));
        range.set_value((3, 1), Data::String("Tên".into()));
        range.set_value((4, 0), Data::String("Quảng Ninh".into()));
        range.set_value((4, 1), Data::String("A".into()));
        range.set_value((5, 1), Data::String("B".into()));
        range.set_value((6, 0), Data::String("Nam Định".into()));
        range.set_value((6, 1), Data::String("C".into()));
        let merged = [Dimensions::new((4, 0), (5, 0))];
        let table = table(&range, &merged);
        let provinces: Vec<String> = table
            .rows
            .iter()
            .map(|r| r.cells[0].value.shown())
            .collect();
        assert_eq!(provinces, ["Tỉnh", "Quảng Ninh", "Quảng Ninh", "Nam Định"]);
        assert_eq!(
            table.rows[2].cells[0].place,
            Place::Sheet { row: 5, column: 0 }
        );
    }

    #[test]
    fn cells_by_their_cached_values() {
        assert_eq!(value(&Data::Int(1067)), Value::Number(1067.0));
        assert_eq!(
            value(&Data::Error(calamine::CellErrorType::Div0)),
            Value::Error("#DIV/0!".into())
        );
        assert_eq!(
            value(&Data::DateTimeIso("2011-11-15".into())),
            Value::Date(Date::new(2011, 11, 15).expect("a date"))
        );
    }

    #[test]
    fn what_is_not_a_workbook_is_refused_not_panicked_on() {
        for bytes in [
            b"PK\x03\x04garbage".to_vec(),
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        ] {
            assert!(matches!(read(bytes, None), Err(Refusal::Damaged(_))));
        }
    }
}
