//! What the commands share for writing: stdout and the exit code, notes on stderr, text made
//! safe for one line or for CSV, JSON that is safe to print, the values that rows and records are
//! made of, and rows written as a table, CSV or JSON. What each format does to untrusted text is
//! the contract in the module doc of [`crate::cli`].

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;
use serde::ser::{SerializeMap as _, SerializeSeq as _, Serializer};
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};
use unicode_width::UnicodeWidthStr as _;

use super::{TABLE_CELL_BYTES, TABLE_CELL_WIDTH};
use crate::model::{Date, Origin, Timestamp};
use crate::store::files;
use crate::text::is_unsafe_for_terminal;

// ---------------------------------------------------------------------------------------------
// Writing to stdout

pub(super) fn exit(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

pub(super) fn note(message: &str) {
    let _ = writeln!(io::stderr().lock(), "{message}");
}

/// Runs `write` on buffered stdout. A reader that stopped reading (`htx find … | head -1`)
/// is not an error: the output counts as written.
pub(super) fn to_stdout(
    write: impl FnOnce(&mut BufWriter<io::StdoutLock<'static>>) -> io::Result<bool>,
) -> Result<bool, String> {
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let result = write(&mut out).and_then(|written| {
        out.flush()?;
        Ok(written)
    });
    match result {
        Ok(written) => Ok(written),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(true),
        Err(err) => Err((crate::lang::cli().cannot_write_output)(&crate::lang::io(
            &err,
        ))),
    }
}

/// Writes `bytes` to `path` (`-o FILE`) atomically: a reader sees the whole old file or the
/// whole new one, never part of either. A link at `path` is replaced, not followed, so
/// nobody who can write to the folder can send the output onto another file of the user's.
/// A file of the user's that was there keeps its read, write and run bits (never set-id or
/// sticky ones); anything else there (another user's file, planted with mode `0666` in a
/// shared folder, say) counts for nothing, and the new file gets `0666` less the umask, as
/// a file made by the shell would. Says on stderr what was written.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = crate::text::shown_path(path).to_string();
    replace_file(path, bytes)
        .map_err(|err| (crate::lang::cli().cannot_write_file)(&shown, &crate::lang::io(&err)))?;
    note(&(crate::lang::cli().wrote_file)(&shown));
    Ok(())
}

/// [`write_file`] without a word: the file at `path` replaced atomically by `bytes`, with the
/// same care for links and modes.
pub(super) fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mode = match std::fs::symlink_metadata(path) {
        Ok(old) if old.is_file() && old.uid() == rustix::process::geteuid().as_raw() => {
            old.permissions().mode() & 0o777
        }
        _ => 0o666 & !umask(),
    };
    let new = files::NewFile {
        mode,
        owner: None,
        backup: None,
    };
    files::write_atomic(path, &new, |file| file.write_all(bytes)).map(drop)
}

/// The process's umask, read from `/proc/self/status` (reading it any other way sets it);
/// `022` where that line is missing.
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("Umask:"))?;
            u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
        })
        .unwrap_or(0o022)
}

// ---------------------------------------------------------------------------------------------
// Text on one line, text for CSV

/// NFC text with every control character (tab, line break, escape…) and bidirectional
/// formatting character as a space: one line, safe on a terminal, in reading order.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_for_terminal) {
        return crate::text::display(text);
    }
    text.nfc()
        .map(|c| if is_unsafe_for_terminal(c) { ' ' } else { c })
        .collect::<String>()
        .into()
}

/// NFC text with control characters other than tab and line breaks, and bidirectional
/// formatting characters, as spaces, for CSV (which quotes line breaks) and a workbook's
/// cells (which hold them).
pub(super) fn csv_text(text: &str) -> Cow<'_, str> {
    let keep = |c: char| !is_unsafe_for_terminal(c) || matches!(c, '\t' | '\n' | '\r');
    if text.chars().all(keep) && is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    text.nfc()
        .map(|c| if keep(c) { c } else { ' ' })
        .collect::<String>()
        .into()
}

// ---------------------------------------------------------------------------------------------
// JSON that is safe to print

/// Writes `value` as compact JSON in which every character [`is_unsafe_for_terminal`] is a
/// `\uXXXX` escape (see [`SafeStrings`]).
pub(super) fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, SafeStrings(CompactFormatter));
    value.serialize(&mut serializer)?;
    Ok(())
}

/// [`write_json`], indented.
pub(super) fn write_json_pretty(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let formatter = SafeStrings(PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    value.serialize(&mut serializer)?;
    Ok(())
}

/// A JSON formatter that writes, inside strings, every control character and bidirectional
/// formatting character as a `\uXXXX` escape: serde_json escapes C0 itself but writes DEL,
/// C1 (U+009B is a one-character CSI) and bidi controls raw, and `htx find --json` is read on
/// terminals too. A parser gives back the same text. All of them lie below U+FFFF, so one
/// escape each. Layout is the wrapped formatter's.
struct SafeStrings<F>(F);

impl<F: Formatter> Formatter for SafeStrings<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(is_unsafe_for_terminal) {
            let (clean, unsafe_onwards) = rest.split_at(at);
            self.0.write_string_fragment(writer, clean)?;
            let mut chars = unsafe_onwards.chars();
            if let Some(c) = chars.next() {
                write!(writer, "\\u{:04x}", u32::from(c))?;
            }
            rest = chars.as_str();
        }
        self.0.write_string_fragment(writer, rest)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

// ---------------------------------------------------------------------------------------------
// Values: what list and show print, in every format

/// One value of a row or a record.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Value {
    /// Absent: `-` in a table or `field: value` line, an empty CSV field, JSON `null`.
    Null,
    Number(u64),
    Text(String),
    /// A day, written `YYYY-MM-DD` in text; a date cell in a workbook.
    Date(Date),
    /// A moment (UTC), written `YYYY-MM-DDTHH:MM:SSZ` in text; a date-time cell in a workbook.
    Timestamp(Timestamp),
    /// Nested records (a cooperative's ratings, a plan item's progress).
    Objects(Vec<Object>),
}

pub(super) type Object = Vec<(&'static str, Value)>;

pub(super) fn text(value: impl Into<String>) -> Value {
    Value::Text(value.into())
}

pub(super) fn number(value: impl Into<u64>) -> Value {
    Value::Number(value.into())
}

pub(super) fn date(value: Date) -> Value {
    Value::Date(value)
}

pub(super) fn timestamp(value: Timestamp) -> Value {
    Value::Timestamp(value)
}

pub(super) fn optional<T>(value: Option<T>, into: impl FnOnce(T) -> Value) -> Value {
    value.map_or(Value::Null, into)
}

/// Text, or absent when empty.
pub(super) fn nonempty(value: &str) -> Value {
    if value.is_empty() {
        Value::Null
    } else {
        text(value)
    }
}

impl Value {
    /// The value on one line: `-` when absent; nested records as `a · b · c`, one per line
    /// being the caller's business.
    pub(super) fn plain(&self) -> Cow<'_, str> {
        match self {
            Value::Null => Cow::Borrowed("-"),
            Value::Number(n) => Cow::Owned(n.to_string()),
            Value::Text(t) => one_line(t),
            Value::Date(d) => Cow::Owned(d.to_string()),
            Value::Timestamp(t) => Cow::Owned(t.to_string()),
            Value::Objects(objects) => Cow::Owned(format!("{} records", objects.len())),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_none(),
            Value::Number(n) => serializer.serialize_u64(*n),
            Value::Text(t) => serializer.serialize_str(t),
            Value::Date(d) => serializer.collect_str(d),
            Value::Timestamp(t) => serializer.collect_str(t),
            Value::Objects(objects) => {
                let mut seq = serializer.serialize_seq(Some(objects.len()))?;
                for object in objects {
                    seq.serialize_element(&Keyed(object))?;
                }
                seq.end()
            }
        }
    }
}

/// An object serialised with its keys in order.
pub(super) struct Keyed<'a>(pub(super) &'a [(&'static str, Value)]);

impl Serialize for Keyed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

pub(super) fn origin(origin: Origin) -> Value {
    text(match origin {
        Origin::Seed => "seed",
        Origin::Illustrative => "illustrative",
        Origin::Entered => "entered",
    })
}

// ---------------------------------------------------------------------------------------------
// Tables, CSV and JSON rows

/// Rows under named columns.
pub(super) struct Table {
    pub(super) columns: &'static [&'static str],
    pub(super) rows: Vec<Vec<Value>>,
}

/// A value as a table cell: on one line, cut at [`TABLE_CELL_WIDTH`] columns unless `wide`.
fn table_cell(value: &Value, wide: bool) -> Cow<'_, str> {
    let plain = value.plain();
    if wide {
        return plain;
    }
    match crate::text::truncate_within(&plain, TABLE_CELL_WIDTH, TABLE_CELL_BYTES) {
        Cow::Borrowed(_) => plain,
        Cow::Owned(cut) => Cow::Owned(cut),
    }
}

/// Aligned columns, two spaces apart, padded by display width; numbers right-aligned; text
/// cut at [`TABLE_CELL_WIDTH`] columns with `…` unless `wide`, so the output is at most that
/// wide a cell whatever the data holds. No trailing spaces.
pub(super) fn write_table(table: &Table, wide: bool, out: &mut impl Write) -> io::Result<()> {
    let cells: Vec<Vec<Cow<'_, str>>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|value| table_cell(value, wide)).collect())
        .collect();
    let numeric: Vec<bool> = (0..table.columns.len())
        .map(|c| {
            let mut values = table.rows.iter().filter_map(|row| row.get(c));
            let mut any = false;
            let all = values.all(|v| match v {
                Value::Number(_) => {
                    any = true;
                    true
                }
                Value::Null => true,
                _ => false,
            });
            any && all
        })
        .collect();
    let widths: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, name)| {
            cells
                .iter()
                .filter_map(|row| row.get(c))
                .map(|cell| cell.width())
                .fold(name.width(), usize::max)
        })
        .collect();
    let header: Vec<Cow<'_, str>> = table.columns.iter().map(|&c| Cow::Borrowed(c)).collect();
    for row in std::iter::once(&header).chain(&cells) {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let width = widths.get(c).copied().unwrap_or(0);
            let pad = width.saturating_sub(cell.width());
            let last = c + 1 == row.len();
            if c > 0 {
                line.push_str("  ");
            }
            if numeric.get(c).copied().unwrap_or(false) {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if !last {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// One CSV field: a cell that would run as a formula gets a leading `'` (unless `formulas`),
/// which spreadsheets take as "this is text" and do not show; then quoted when it holds a
/// comma, a quote or a line break, quotes doubled.
fn csv_field(value: &Value, formulas: bool) -> Cow<'_, str> {
    let mut raw = match value {
        Value::Null => return Cow::Borrowed(""),
        Value::Number(n) => return Cow::Owned(n.to_string()),
        Value::Text(t) => csv_text(t),
        Value::Date(_) | Value::Timestamp(_) | Value::Objects(_) => value.plain(),
    };
    if !formulas && crate::text::runs_as_formula(&raw) {
        raw = Cow::Owned(format!("'{raw}"));
    }
    if raw.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", raw.replace('"', "\"\"")))
    } else {
        raw
    }
}

/// RFC 4180: a header line, then a line per row, CRLF after each; formula-leading cells
/// neutralised unless `formulas` (see [`csv_field`]).
pub(super) fn write_csv(table: &Table, formulas: bool, out: &mut impl Write) -> io::Result<()> {
    let header = table.columns.join(",");
    out.write_all(header.as_bytes())?;
    out.write_all(b"\r\n")?;
    for row in &table.rows {
        let line: Vec<Cow<'_, str>> = row.iter().map(|v| csv_field(v, formulas)).collect();
        out.write_all(line.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// A JSON array, one object per line, keys in column order.
pub(super) fn write_json_rows(table: &Table, out: &mut impl Write) -> io::Result<()> {
    for (r, row) in table.rows.iter().enumerate() {
        out.write_all(if r == 0 { b"[\n" } else { b",\n" })?;
        let object: Object = table
            .columns
            .iter()
            .copied()
            .zip(row.iter().cloned())
            .collect();
        write_json(&mut *out, &Keyed(&object))?;
    }
    out.write_all(if table.rows.is_empty() {
        b"[]\n"
    } else {
        b"\n]\n"
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_replaces_control_characters_with_spaces() {
        assert_eq!(one_line("a\tb\nc\r\u{1b}[31m"), "a b c  [31m");
        assert_eq!(one_line("Nam Đi\u{323}nh"), "Nam Định");
        assert!(matches!(one_line("plain"), Cow::Borrowed(_)));
    }

    /// Every character JSON and the line-based outputs must not carry raw: C0, DEL, C1 and
    /// the bidirectional formatting characters.
    const UNSAFE: &str = "\u{0}\u{7}\t\n\r\u{1b}\u{1f}\u{7f}\u{80}\u{9b}\u{9f}\u{61c}\u{200e}\u{200f}\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}";

    #[test]
    fn json_escapes_every_control_and_bidi_control_and_reads_back_the_same() {
        let text = format!("HTX \"{UNSAFE}\" \\ Định ẞ 😀 end");
        let object: Object = vec![("name", Value::Text(text.clone()))];
        for pretty in [false, true] {
            let mut out = Vec::new();
            if pretty {
                write_json_pretty(&mut out, &Keyed(&object)).unwrap();
            } else {
                write_json(&mut out, &Keyed(&object)).unwrap();
            }
            let raw = String::from_utf8(out).unwrap();
            // Pretty output has line breaks of its own between values, never in a string.
            let layout = |c: char| pretty && c == '\n';
            assert!(
                raw.chars().all(|c| layout(c) || !is_unsafe_for_terminal(c)),
                "{raw:?}"
            );
            assert!(raw.contains("\\u009b") && raw.contains("\\u202e"), "{raw}");
            let value: serde_json::Value = serde_json::from_str(&raw).unwrap();
            assert_eq!(value["name"].as_str(), Some(text.as_str()));
        }
    }

    #[test]
    fn line_outputs_show_bidi_controls_as_spaces() {
        assert_eq!(one_line("HTX \u{202e}abc\u{2066}d"), "HTX  abc d");
        assert_eq!(csv_text("a\u{202e}b\u{9b}c\td\r\ne"), "a b c\td\r\ne");
        let shown = one_line(UNSAFE);
        assert!(shown.chars().all(|c| c == ' '), "{shown:?}");
    }

    #[test]
    fn csv_neutralises_cells_a_spreadsheet_would_run_as_formulas() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-abc", "'-abc"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\r=x", "\"'\r=x\""),
            ("  =1+1", "'  =1+1"),
            ("\u{1b}=1+1", "' =1+1"),
            ("\u{202e}=1+1", "' =1+1"),
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            ),
            ("a-b", "a-b"),
            ("HTX Đông Hải", "HTX Đông Hải"),
            ("", ""),
        ];
        for (cell, neutralised) in cases {
            assert_eq!(csv_field(&text(cell), false), neutralised, "{cell:?}");
        }
        assert_eq!(csv_field(&text("=1+1"), true), "=1+1");
        assert_eq!(csv_field(&text("-abc"), true), "-abc");
        assert_eq!(csv_field(&text("=a,b"), true), "\"=a,b\"");
        assert_eq!(csv_field(&number(7u32), false), "7");
    }

    #[test]
    fn table_cells_are_cut_unless_wide() {
        let long = "Hợp tác xã ".repeat(1000);
        let table = Table {
            columns: &["id", "name", "members"],
            rows: vec![
                vec![text("A-1"), text(long.as_str()), number(7u32)],
                vec![text("A-2"), text("HTX Đông Hải"), number(1234u32)],
            ],
        };
        let mut out = Vec::new();
        write_table(&table, false, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        // id (3), two spaces, the name cut to 60 with its `…`, two spaces, members (7).
        assert!(
            lines.iter().all(|l| l.width() <= 3 + 2 + 60 + 2 + 7),
            "{out}"
        );
        assert!(lines[1].contains("Hợp tác xã Hợp tác xã"), "{out}");
        assert!(lines[1].contains("…"), "{out}");
        assert_eq!(lines[1].width(), lines[2].width(), "{out}");
        assert!(lines[2].ends_with(" 1234"), "{out}");

        let mut out = Vec::new();
        write_table(&table, true, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(long.trim_end()), "--wide cut the name");
        assert!(!out.contains('…'));
    }

    fn csv_field_of(value: &Value) -> Cow<'_, str> {
        csv_field(value, false)
    }

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks() {
        assert_eq!(csv_field_of(&text("plain")), "plain");
        assert_eq!(csv_field_of(&text("a,b")), "\"a,b\"");
        assert_eq!(csv_field_of(&text("say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field_of(&text("two\nlines")), "\"two\nlines\"");
        assert_eq!(csv_field_of(&text("esc\u{1b}")), "esc ");
        assert_eq!(csv_field_of(&Value::Null), "");
        assert_eq!(csv_field_of(&number(7u32)), "7");
    }
}
