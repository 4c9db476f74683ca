//! `htx export`: the cooperatives, the plan items and the plan's progress as an XLSX workbook
//! (a sheet each) or one of them as CSV, for colleagues who only use a spreadsheet.
//!
//! The tables are `htx list`'s own ([`super::list`]), so the columns of an export and of a
//! listing cannot drift apart, and `htx import` reads an export back as it was written. The
//! sheets' names and the header rows are English in every interface language, like every
//! machine output of htx: an import or a script finds them by those names.
//!
//! In a workbook every cell has its type: a number is a number, a day a date cell shown
//! `yyyy-mm-dd`, a moment a date-time cell (UTC, as the data keeps it), and every text a
//! string cell, whatever it starts with, so a name like `=HYPERLINK(…)` is shown as text and
//! never runs as a formula (no `'` is needed, unlike CSV). Texts are cleaned as for CSV
//! ([`csv_text`]): NFC, control and bidirectional formatting characters as spaces, tabs and
//! line breaks kept.

use std::borrow::Cow;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr as _;

use super::list::{cooperatives_table, plan_table, progress_table};
use super::output::{Table, Value, csv_text, to_stdout, write_csv, write_file};
use super::source::{Source, load_dataset};
use crate::lang::export::export as said;
use crate::model::{Dataset, Date, Timestamp};

/// What `htx export` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportKind {
    Cooperatives,
    Plan,
    Progress,
    // The three, a sheet each (a workbook only).
    #[default]
    All,
}

/// The file `htx export` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// An Excel workbook, a sheet per kind.
    #[default]
    Xlsx,
    /// RFC 4180, one kind; byte for byte `htx list KIND --format csv`.
    Csv,
}

/// What the command line asked for (`htx export --help`).
#[derive(Clone, Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export: the cooperatives, the plan items, the progress of every province on
    /// every item, or all three (a sheet each).
    #[arg(long, value_enum, value_name = "KIND", default_value_t = ExportKind::All)]
    pub kind: ExportKind,
    /// The file's format: an XLSX workbook, or CSV (one kind, as `htx list --format csv`).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ExportFormat::Xlsx)]
    pub format: ExportFormat,
    /// Write to FILE, replacing it whole or not at all, instead of stdout (a workbook goes to
    /// stdout only when stdout is not a terminal).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Data file (default: your dataset, or the built-in one if you have none yet).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// The usage problems clap cannot see, said before the data is read: CSV holds one table, and
/// a workbook would garble a terminal.
pub fn check_export_args(args: &ExportArgs, stdout_is_terminal: bool) -> Result<(), &'static str> {
    match (args.format, args.kind) {
        (ExportFormat::Csv, ExportKind::All) => Err(said().csv_needs_one_kind),
        (ExportFormat::Xlsx, _) if args.output.is_none() && stdout_is_terminal => {
            Err(said().workbook_on_terminal)
        }
        _ => Ok(()),
    }
}

/// `htx export` as `main` runs it, after [`check_export_args`].
pub fn export_command(args: &ExportArgs) -> Result<ExitCode, String> {
    let dataset = load_dataset(&Source::resolve(args.file.clone()))?;
    let bytes = export(&dataset, args.kind, args.format)?;
    match &args.output {
        Some(path) => write_file(path, &bytes)?,
        None => {
            to_stdout(|out| out.write_all(&bytes).map(|()| true))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The file's bytes: a workbook of the kinds asked for, or one kind as CSV (formula-leading
/// cells neutralised, as `htx list --format csv` does). A table with no rows is its header.
pub fn export(
    dataset: &Dataset,
    kind: ExportKind,
    format: ExportFormat,
) -> Result<Vec<u8>, String> {
    let sheets = sheets(dataset, kind);
    match format {
        ExportFormat::Xlsx => workbook(&sheets),
        ExportFormat::Csv => {
            let [(_, table)] = sheets.as_slice() else {
                return Err(format!("htx: {}", said().csv_needs_one_kind));
            };
            let mut bytes = Vec::new();
            write_csv(table, false, &mut bytes)
                .map_err(|err| (crate::lang::cli().cannot_write_output)(&crate::lang::io(&err)))?;
            Ok(bytes)
        }
    }
}

/// The tables of `kind`, each with its sheet's name.
fn sheets(dataset: &Dataset, kind: ExportKind) -> Vec<(&'static str, Table)> {
    let wanted = |one: ExportKind| kind == one || kind == ExportKind::All;
    let mut sheets = Vec::new();
    if wanted(ExportKind::Cooperatives) {
        sheets.push(("Cooperatives", cooperatives_table(dataset, None)));
    }
    if wanted(ExportKind::Plan) {
        sheets.push(("Plan", plan_table(dataset, None)));
    }
    if wanted(ExportKind::Progress) {
        sheets.push(("Progress", progress_table(dataset, None)));
    }
    sheets
}

/// How many rows a sheet holds, the header's included.
const SHEET_ROWS: usize = 1 << 20;

/// How many UTF-16 units a cell holds.
const CELL_UNITS: usize = 32_767;

/// A column's width, in characters, whatever its cells.
const NARROWEST: usize = 10;
const WIDEST: usize = 60;

/// The formats of a sheet's cells.
struct Formats {
    header: Format,
    day: Format,
    moment: Format,
}

/// A workbook of `sheets`, each with a bold header row that stays in view, a filter over the
/// table, and columns as wide as their longest cell (within [`NARROWEST`]..[`WIDEST`]).
fn workbook(sheets: &[(&str, Table)]) -> Result<Vec<u8>, String> {
    let formats = Formats {
        header: Format::new().set_bold(),
        day: Format::new().set_num_format("yyyy-mm-dd"),
        moment: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
    };
    let mut book = Workbook::new();
    for (name, table) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).map_err(failed)?;
        write_sheet(sheet, name, table, &formats)?;
    }
    book.save_to_buffer().map_err(failed)
}

fn failed(err: XlsxError) -> String {
    (said().workbook_failed)(&err.to_string())
}

fn write_sheet(
    sheet: &mut Worksheet,
    name: &str,
    table: &Table,
    formats: &Formats,
) -> Result<(), String> {
    let rows = table.rows.len() + 1;
    if rows > SHEET_ROWS {
        return Err((said().too_many_rows)(name, rows));
    }
    let last_column = u16::try_from(table.columns.len().saturating_sub(1))
        .map_err(|_| (said().workbook_failed)(&format!("{} columns", table.columns.len())))?;
    for (c, column) in (0u16..).zip(table.columns) {
        sheet
            .write_string_with_format(0, c, *column, &formats.header)
            .map_err(failed)?;
    }
    for (r, row) in (1u32..).zip(&table.rows) {
        for ((c, column), value) in (0u16..).zip(table.columns).zip(row) {
            let too_long = |length| (said().cell_too_long)(name, r as usize + 1, column, length);
            write_cell(sheet, r, c, value, formats, too_long)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    let last_row = u32::try_from(rows - 1).map_err(|_| (said().too_many_rows)(name, rows))?;
    sheet
        .autofilter(0, 0, last_row, last_column)
        .map_err(failed)?;
    for (c, width) in (0u16..).zip(widths(table)) {
        sheet.set_column_width(c, width as f64).map_err(failed)?;
    }
    Ok(())
}

/// One cell, by its type: nothing for an absent value, a number, a date or a date-time cell
/// (as text when Excel's calendar, 1900 to 9999, cannot hold the day), or a string cell.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: &Value,
    formats: &Formats,
    too_long: impl Fn(usize) -> String,
) -> Result<(), String> {
    let written = match value {
        Value::Null => return Ok(()),
        Value::Number(n) => sheet.write_number(row, column, *n as f64),
        Value::Date(day) => match excel_day(*day) {
            Ok(day) => sheet.write_datetime_with_format(row, column, day, &formats.day),
            Err(_) => sheet.write_string(row, column, day.to_string()),
        },
        Value::Timestamp(moment) => match excel_moment(*moment) {
            Ok(moment) => sheet.write_datetime_with_format(row, column, moment, &formats.moment),
            Err(_) => sheet.write_string(row, column, moment.to_string()),
        },
        Value::Text(text) => {
            // A `_x0041_` in the text is escaped by rust_xlsxwriter (`_x005F_x0041_`), as
            // Excel writes it, so it reads back as written rather than as `A`.
            let cell = csv_text(text);
            let length = cell.encode_utf16().count();
            if length > CELL_UNITS {
                return Err(too_long(length));
            }
            sheet.write_string(row, column, cell)
        }
        Value::Objects(_) => sheet.write_string(row, column, value.plain()),
    };
    written.map(drop).map_err(failed)
}

fn excel_day(day: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(day.year(), day.month(), day.day())
}

fn excel_moment(moment: Timestamp) -> Result<ExcelDateTime, XlsxError> {
    excel_day(moment.date())?.and_hms(u16::from(moment.hour()), moment.minute(), moment.second())
}

/// Each column's width: its longest cell's (or its name's, with room for the filter's
/// button) display width, within [`NARROWEST`]..[`WIDEST`].
fn widths(table: &Table) -> Vec<usize> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(c, name)| {
            table
                .rows
                .iter()
                .filter_map(|row| row.get(c))
                .map(shown_width)
                .fold(name.width() + 3, usize::max)
                .clamp(NARROWEST, WIDEST)
        })
        .collect()
}

/// How wide a value is in its cell: its longest line.
fn shown_width(value: &Value) -> usize {
    let shown: Cow<'_, str> = match value {
        Value::Null => return 0,
        Value::Text(text) => csv_text(text),
        other => other.plain(),
    };
    shown.lines().map(|line| line.width()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader as _, Xlsx};

    use super::*;
    use crate::cli::output::text;
    use crate::cli::test_support::dataset;

    fn read(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn texts_that_look_like_escapes_or_formulas_read_back_as_they_are() {
        let texts = [
            "=HYPERLINK(\"http://x\",\"y\")",
            "_x0041_ and _x00e9_ and _x12_ and _x",
            "+1",
            "@SUM(A1)",
            "HTX Đông Hải",
            "a\u{1b}[31mb\u{202e}c\nd",
            "Nam Đi\u{323}nh",
        ];
        let table = Table {
            columns: &["name"],
            rows: texts.iter().map(|t| vec![text(*t)]).collect(),
        };
        let mut book = read(workbook(&[("Cooperatives", table)]).unwrap());
        let range = book.worksheet_range("Cooperatives").unwrap();
        let read: Vec<Data> = range.rows().skip(1).map(|row| row[0].clone()).collect();
        let mut expected: Vec<Data> = texts.iter().map(|t| Data::String((*t).into())).collect();
        // Control and bidi control characters as spaces, line breaks kept, NFC.
        expected[5] = Data::String("a [31mb c\nd".into());
        expected[6] = Data::String("Nam Định".into());
        assert_eq!(read, expected);
        assert!(book.worksheet_formula("Cooperatives").unwrap().is_empty());
    }

    #[test]
    fn a_text_longer_than_a_cell_is_an_error_naming_it() {
        let table = Table {
            columns: &["id", "note"],
            rows: vec![vec![text("A"), text("x".repeat(CELL_UNITS + 1))]],
        };
        let err = workbook(&[("Progress", table)]).unwrap_err();
        assert!(err.contains("Progress, row 2, column note: 32768"), "{err}");
    }

    #[test]
    fn days_before_excels_calendar_are_text() {
        let table = Table {
            columns: &["due"],
            rows: vec![
                vec![Value::Date(Date::new(1899, 1, 2).unwrap())],
                vec![Value::Date(Date::new(2011, 12, 31).unwrap())],
            ],
        };
        let mut book = read(workbook(&[("Plan", table)]).unwrap());
        let range = book.worksheet_range("Plan").unwrap();
        assert_eq!(range.get((1, 0)), Some(&Data::String("1899-01-02".into())));
        assert!(matches!(range.get((2, 0)), Some(Data::DateTime(_))));
    }

    #[test]
    fn columns_are_as_wide_as_their_longest_cell_within_bounds() {
        let table = Table {
            columns: &["id", "name", "alliance_member_since"],
            rows: vec![vec![
                text("A"),
                text("Hợp tác xã ".repeat(20)),
                Value::Number(2011),
            ]],
        };
        assert_eq!(widths(&table), [NARROWEST, WIDEST, 24]);
    }

    #[test]
    fn all_is_three_sheets_and_csv_wants_one() {
        let data = dataset();
        let names: Vec<&str> = sheets(&data, ExportKind::All)
            .iter()
            .map(|(name, _)| *name)
            .collect();
        assert_eq!(names, ["Cooperatives", "Plan", "Progress"]);
        assert!(export(&data, ExportKind::All, ExportFormat::Csv).is_err());
        let args = |kind, format, output: Option<&str>| ExportArgs {
            kind,
            format,
            output: output.map(PathBuf::from),
            file: None,
        };
        use ExportFormat::{Csv, Xlsx};
        use ExportKind::{All, Plan};
        assert!(check_export_args(&args(All, Csv, Some("x.csv")), false).is_err());
        assert!(check_export_args(&args(Plan, Csv, None), true).is_ok());
        assert!(check_export_args(&args(All, Xlsx, None), true).is_err());
        assert!(check_export_args(&args(All, Xlsx, None), false).is_ok());
        assert!(check_export_args(&args(All, Xlsx, Some("x.xlsx")), true).is_ok());
    }
}
