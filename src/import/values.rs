//! The values of a spreadsheet's cells as htx reads them: text made clean (NFC, trimmed, the
//! formula guard of an export taken off), whole numbers written the Vietnamese way (`1.234`)
//! or the English way (`1,234`), years, and dates as people type them (`15/11/2011`,
//! `2011-11-15`) or as spreadsheets store them (a serial day number).
//!
//! Refusals are in the interface's language ([`crate::lang::import`]) and name what was
//! found, so a person sees at once which cell to fix.

use unicode_normalization::UnicodeNormalization as _;

use crate::lang;
use crate::model::{Date, civil, parse_written_date};
use crate::text::runs_as_formula;

/// What a cell holds, whatever file it came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A cell the spreadsheet formats as a date.
    Date(Date),
    Bool(bool),
    /// A formula whose cached result is an error (`#DIV/0!`, `#REF!`…).
    Error(String),
}

impl Value {
    /// Text as a person would read it in the cell (numbers without a trailing `.0`).
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(text) => text.clone(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            Value::Number(n) => n.to_string(),
            Value::Date(date) => date.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Error(e) => e.clone(),
        }
    }

    /// Whether the cell holds nothing a person typed (empty, or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// Cell text as it enters the data: NFC, without the spaces around it, and without the `'`
/// that a guarding export (`htx list --format csv`) put before a cell a spreadsheet would run
/// as a formula (`'=SUM(…)` → `=SUM(…)`). A `'` before anything else is the person's own and
/// stays.
pub fn clean_text(raw: &str) -> String {
    let text: String = raw.nfc().collect();
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() && c != '\t' && c != '\r');
    let unguarded = match trimmed.strip_prefix('\'') {
        Some(rest) if runs_as_formula(rest) => rest,
        _ => trimmed,
    };
    unguarded.trim().to_owned()
}

/// A whole number: a numeric cell without a fraction, or text with digits grouped by `.`,
/// `,` or spaces in threes (`1.234`, `1,234`, `1 234`) or not grouped at all.
pub fn whole_number(value: &Value) -> Result<u64, String> {
    let said = lang::import();
    match value {
        Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n <= u32::MAX as f64 => Ok(*n as u64),
        Value::Number(n) => Err((said.not_whole_number)(&Value::Number(*n).shown())),
        Value::Text(text) => parse_grouped(text).ok_or_else(|| (said.not_whole_number)(text)),
        other => Err((said.not_whole_number)(&other.shown())),
    }
}

/// `1.234`, `1,234`, `1 234` (any space, the no-break ones included) or `1234`.
fn parse_grouped(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || text.len() > 32 {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let separator = text.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, '.' | ',') && !separator.is_whitespace() {
        return None;
    }
    let mut groups = text.split(separator);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    digits.parse().ok()
}

/// A year: a whole number, or the year of a date (a founding date typed in full).
pub fn year(value: &Value) -> Result<u16, String> {
    let said = lang::import();
    let from_number = |n: u64| u16::try_from(n).ok().filter(|y| (1000..=9999).contains(y));
    match value {
        Value::Date(date) => Ok(date.year()),
        Value::Text(text) => {
            if let Ok(date) = date(value) {
                return Ok(date.year());
            }
            parse_grouped(text)
                .and_then(from_number)
                .ok_or_else(|| (said.not_a_year)(text))
        }
        Value::Number(_) => whole_number(value)
            .ok()
            .and_then(from_number)
            .ok_or_else(|| (said.not_a_year)(&value.shown())),
        other => Err((said.not_a_year)(&other.shown())),
    }
}

/// A date: a date cell, a serial day number (days since 1899-12-30, as spreadsheets count
/// them), or text `dd/mm/yyyy` (also with `-` or `.`, one-digit day and month allowed) or
/// `yyyy-mm-dd` (a time after it is ignored).
pub fn date(value: &Value) -> Result<Date, String> {
    let said = lang::import();
    match value {
        Value::Date(date) => Ok(*date),
        Value::Number(n) => serial_date(*n).ok_or_else(|| (said.not_a_date)(&value.shown())),
        Value::Text(text) => text_date(text.trim()).map_err(|reason| match reason {
            Some(reason) => reason,
            None => (said.not_a_date)(text),
        }),
        other => Err((said.not_a_date)(&other.shown())),
    }
}

/// The date of a spreadsheet serial number (1900 system, with Lotus's phantom 29 February
/// 1900 that Excel keeps: serial 60; days from 61 on are counted from 1899-12-30).
pub fn serial_date(serial: f64) -> Option<Date> {
    if !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let mut days = serial.floor() as i64;
    if days < 61 {
        // 1 is 1900-01-01; Excel's 60 is 29 February 1900, a day that never was.
        if days == 60 {
            return None;
        }
        days += 1;
    }
    civil(days - 25_569)
}

/// `dd/mm/yyyy`, `d-m-yyyy`, `dd.mm.yyyy` or `yyyy-mm-dd[Thh:mm…]`. `Err(Some(reason))` when
/// the shape is a date's but the day does not exist, `Err(None)` when it is not a date.
fn text_date(text: &str) -> Result<Date, Option<String>> {
    let written = match text.find(['/', '-', '.']).filter(|&at| at <= 2) {
        Some(at) => {
            let separator = text[at..].chars().next().unwrap_or('/');
            parse_written_date(text, separator, true)
        }
        None => parse_written_date(text.split(['T', ' ']).next().unwrap_or(text), '-', false),
    };
    written.ok_or(None)?.map_err(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn the_formula_guard_of_an_export_comes_off_and_nothing_else() {
        assert_eq!(clean_text("'=SUM(A1:A3)"), "=SUM(A1:A3)");
        assert_eq!(clean_text("'-5 hộ"), "-5 hộ");
        assert_eq!(clean_text("'@cmd"), "@cmd");
        assert_eq!(clean_text("' =1+1"), "=1+1");
        // A quote before ordinary text is the person's own.
        assert_eq!(clean_text("'Ba Vì'"), "'Ba Vì'");
        assert_eq!(clean_text("  Nam Định \u{a0}"), "Nam Định");
        // Decomposed text (pasted from macOS) enters composed.
        assert_eq!(clean_text("Đi\u{0323}nh"), "Định");
    }

    #[test]
    fn numbers_grouped_the_vietnamese_or_the_english_way() {
        assert_eq!(whole_number(&text("1.234")), Ok(1234));
        assert_eq!(whole_number(&text("1,234")), Ok(1234));
        assert_eq!(whole_number(&text("1 234 567")), Ok(1_234_567));
        assert_eq!(whole_number(&text("1\u{a0}234")), Ok(1234));
        assert_eq!(whole_number(&text("62")), Ok(62));
        assert_eq!(whole_number(&Value::Number(1067.0)), Ok(1067));
        for wrong in [
            "1.23", "1.2345", "12,34", "1,234.5", "-5", "abc", "", "1..234",
        ] {
            assert!(whole_number(&text(wrong)).is_err(), "{wrong}");
        }
        assert!(whole_number(&Value::Number(1.5)).is_err());
        assert!(whole_number(&Value::Number(-1.0)).is_err());
    }

    #[test]
    fn years_from_numbers_text_and_dates() {
        assert_eq!(year(&text("2005")), Ok(2005));
        assert_eq!(year(&Value::Number(1997.0)), Ok(1997));
        assert_eq!(year(&text("15/03/1998")), Ok(1998));
        assert!(year(&text("98")).is_err());
        assert!(year(&Value::Number(20050.0)).is_err());
    }

    #[test]
    fn dates_day_first_iso_and_serial() {
        let day = |v: Value| date(&v).map(|d| d.to_string());
        assert_eq!(day(text("15/11/2011")).as_deref(), Ok("2011-11-15"));
        assert_eq!(day(text("1/6/2011")).as_deref(), Ok("2011-06-01"));
        assert_eq!(day(text("01-12-2011")).as_deref(), Ok("2011-12-01"));
        assert_eq!(day(text("21.06.2011")).as_deref(), Ok("2011-06-21"));
        assert_eq!(day(text("2011-11-20")).as_deref(), Ok("2011-11-20"));
        assert_eq!(
            day(text("2011-11-20T08:00:00")).as_deref(),
            Ok("2011-11-20")
        );
        // Serial numbers as Excel and LibreOffice store dates.
        assert_eq!(day(Value::Number(40_862.0)).as_deref(), Ok("2011-11-15"));
        assert_eq!(day(Value::Number(1.0)).as_deref(), Ok("1900-01-01"));
        assert_eq!(day(Value::Number(61.0)).as_deref(), Ok("1900-03-01"));
        assert!(day(Value::Number(60.0)).is_err());
        assert!(day(text("31/02/2011")).is_err());
        assert!(day(text("2011/11/20")).is_err());
        assert!(day(text("hôm qua")).is_err());
    }
}
