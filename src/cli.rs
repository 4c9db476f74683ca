//! Command-line lookups for scripts and quick questions: `htx find`, `htx list`, `htx show`.
//!
//! The work is done by [`find`], [`list`] and [`show`], which take loaded data and a writer and
//! say whether anything was written, so they can be tested without a process; the
//! `*_command` functions around them pick the data file, load it (`find` from the binary
//! index cache of [`crate::store::cache`] when it is current), write to stdout and turn the
//! outcome into an exit code: 0 something printed, 1 nothing found or a file problem.
//!
//! Output formats, stable for scripts (README "Command line lookups"):
//!
//! - `find`: `KIND\tID\tLABEL\tFIELD\tTEXT` per match, or with `--json` an array of objects
//!   `{"kind","id","label","field","text","level","highlight"}`.
//! - `list`: an aligned table with a header line, RFC 4180 CSV, or a JSON array of objects
//!   whose keys are the column names.
//! - `show`: `field: value` lines, or one JSON object.
//!
//! Text in line-based output (tab-separated, table, `field: value`) has every control
//! character (tabs and line breaks included) replaced by a space, so one record is one line
//! and nothing reaches the terminal as an escape sequence; JSON carries the text as it is.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use serde::ser::{SerializeMap as _, SerializeSeq as _, Serializer};
use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};
use unicode_width::UnicodeWidthStr as _;

use crate::model::{
    Cooperative, Dataset, Origin, PlanItem, Progress, ProgressStatus, Province, Tally,
};
use crate::search::{Kind, Level, SearchIndex};
use crate::store::{self, LoadError, cache};
use crate::text::collation_key;

/// How many matches `htx find` prints unless told.
pub const DEFAULT_LIMIT: u32 = 20;

/// A kind of record `htx find --kind` narrows to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Province,
    Cooperative,
    Plan,
}

impl KindArg {
    pub fn kind(self) -> Kind {
        match self {
            KindArg::Province => Kind::Province,
            KindArg::Cooperative => Kind::Cooperative,
            KindArg::Plan => Kind::Plan,
        }
    }
}

/// What `htx list` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Listing {
    Provinces,
    Cooperatives,
    Plan,
}

/// How `htx list` writes its rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns under a header line.
    #[default]
    Table,
    /// RFC 4180: a header line, CRLF line ends, fields quoted when needed.
    Csv,
    /// An array of objects keyed by the column names.
    Json,
}

/// Why a lookup could not be answered (beyond "nothing matched").
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("no province has code {0:?}; `htx list provinces` shows the codes")]
    UnknownProvince(String),
}

// ---------------------------------------------------------------------------------------------
// Where the data comes from

/// The data a lookup reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    /// The built-in dataset, used when no file is named and the user has no dataset yet.
    Builtin,
}

impl Source {
    /// `file` if given, else the user's dataset if it exists, else the built-in dataset
    /// (nothing is written: lookups never create files besides the cache).
    pub fn resolve(file: Option<PathBuf>) -> Self {
        match file {
            Some(path) => Source::File(path),
            None => match store::paths::default_dataset() {
                Some(path) if path.exists() => Source::File(path),
                _ => Source::Builtin,
            },
        }
    }
}

/// The message for a file that cannot be loaded: every problem as `FILE:LINE:COLUMN: message`.
fn load_message(err: LoadError) -> String {
    match err {
        LoadError::Read { path, source } if source.kind() == io::ErrorKind::NotFound => format!(
            "{}: no such file; `htx init {}` writes the built-in dataset there",
            path.display(),
            path.display()
        ),
        other => other.to_string(),
    }
}

fn builtin() -> Result<Dataset, String> {
    store::builtin().map_err(|problems| {
        problems
            .iter()
            .map(|p| {
                format!(
                    "built-in dataset:{}:{}: {}",
                    p.position.line, p.position.column, p.message
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Parses the data; for a file, also writes its index cache if that is not current, so a
/// later `htx find` is fast.
pub fn load_dataset(source: &Source) -> Result<Dataset, String> {
    match source {
        Source::Builtin => builtin(),
        Source::File(path) => {
            // Stamped before reading: a file changed meanwhile leaves a stale (unused) cache.
            let stamp = cache::Stamp::of(path);
            let dataset = store::load(path, &|_| {}).map_err(load_message)?.dataset;
            if let Some(stamp) = stamp
                && !cache::is_fresh(path)
            {
                cache::save_index_stamped(&stamp, &SearchIndex::build(&dataset));
            }
            Ok(dataset)
        }
    }
}

/// The search index of the data: from the cache when it describes the file as it is now,
/// else built from the parsed file and written to the cache.
pub fn load_index(source: &Source) -> Result<SearchIndex, String> {
    match source {
        Source::Builtin => Ok(SearchIndex::build(&builtin()?)),
        Source::File(path) => {
            if let Some(index) = cache::load_index(path) {
                return Ok(index);
            }
            let stamp = cache::Stamp::of(path);
            let dataset = store::load(path, &|_| {}).map_err(load_message)?.dataset;
            let index = SearchIndex::build(&dataset);
            if let Some(stamp) = stamp {
                cache::save_index_stamped(&stamp, &index);
            }
            Ok(index)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The commands as `main` runs them

/// `htx find`: prints the matches on stdout; exit 1 with a note on stderr when none.
pub fn find_command(
    file: Option<PathBuf>,
    query: &str,
    kinds: &[KindArg],
    limit: u32,
    json: bool,
) -> Result<ExitCode, String> {
    let index = load_index(&Source::resolve(file))?;
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let matched = to_stdout(|out| find(&index, query, kinds, limit, json, out))?;
    // The process ends here: freeing 100,000 records one by one would only slow the exit.
    std::mem::forget(index);
    if !matched {
        note(&format!(
            "htx: nothing matches {:?}",
            crate::text::display(query)
        ));
    }
    Ok(exit(matched))
}

/// `htx list`: prints the rows on stdout; exit 1 with a note on stderr when there are none or
/// the province is unknown.
pub fn list_command(
    file: Option<PathBuf>,
    listing: Listing,
    province: Option<&str>,
    format: Format,
) -> Result<ExitCode, String> {
    let dataset = load_dataset(&Source::resolve(file))?;
    let mut failure = None;
    let listed = to_stdout(|out| match list(&dataset, listing, province, format, out) {
        Ok(listed) => Ok(listed),
        Err(LookupError::Io(err)) => Err(err),
        Err(other) => {
            failure = Some(other.to_string());
            Ok(false)
        }
    })?;
    if let Some(message) = failure {
        return Err(format!("htx: {message}"));
    }
    if !listed {
        note("htx: nothing to list");
    }
    Ok(exit(listed))
}

/// `htx show`: prints the record on stdout; exit 1 with a note on stderr when no record has
/// that id.
pub fn show_command(file: Option<PathBuf>, id: &str, json: bool) -> Result<ExitCode, String> {
    let dataset = load_dataset(&Source::resolve(file))?;
    let shown = to_stdout(|out| show(&dataset, id, json, out))?;
    if !shown {
        note(&format!(
            "htx: no province, cooperative or plan item has the id {:?} (a progress entry is ITEM/PROVINCE, e.g. KH-01/36)",
            crate::text::display(id)
        ));
    }
    Ok(exit(shown))
}

fn exit(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn note(message: &str) {
    let _ = writeln!(io::stderr().lock(), "{message}");
}

/// Runs `write` on buffered stdout. A reader that stopped reading (`htx find … | head -1`)
/// is not an error: the output counts as written.
fn to_stdout(
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
        Err(err) => Err(format!("htx: cannot write the output: {err}")),
    }
}

// ---------------------------------------------------------------------------------------------
// find

/// The name of a match level in `--json` output.
pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::WholeWord => "whole_word",
        Level::Prefix => "prefix",
        Level::Substring => "substring",
        Level::AllWords => "all_words",
        Level::Fuzzy => "fuzzy",
    }
}

#[derive(Serialize)]
struct FoundJson<'a> {
    kind: &'static str,
    id: &'a str,
    label: &'a str,
    field: &'static str,
    text: &'a str,
    level: &'static str,
    /// Char offsets `[start, end)` of the matched characters in `text`.
    highlight: Vec<[usize; 2]>,
}

/// Writes the best `limit` matches of `query` in `index`, best first, only of `kinds` if any
/// are given: one `KIND\tID\tLABEL\tFIELD\tTEXT` line each, or a JSON array. Writes nothing
/// and returns false when nothing matches.
pub fn find(
    index: &SearchIndex,
    query: &str,
    kinds: &[KindArg],
    limit: usize,
    json: bool,
    out: &mut impl Write,
) -> io::Result<bool> {
    let kinds: Vec<Kind> = kinds.iter().map(|k| k.kind()).collect();
    let narrowed = (!kinds.is_empty()).then_some(kinds.as_slice());
    let hits = index
        .search(query, narrowed, limit, &|| false)
        .unwrap_or_default();
    let mut written = false;
    for hit in &hits {
        let (Some(record), Some(entry)) =
            (index.records.get(hit.record), index.entries.get(hit.entry))
        else {
            continue;
        };
        let text = index.text(hit.entry);
        let kind = record.target.kind().name();
        let field = entry.field.name();
        if json {
            let found = FoundJson {
                kind,
                id: &record.id,
                label: &record.label,
                field,
                text,
                level: level_name(hit.level),
                highlight: hit
                    .highlight
                    .iter()
                    .map(|range| [char_offset(text, range.start), char_offset(text, range.end)])
                    .collect(),
            };
            out.write_all(if written { b",\n" } else { b"[\n" })?;
            serde_json::to_writer(&mut *out, &found)?;
        } else {
            writeln!(
                out,
                "{kind}\t{}\t{}\t{field}\t{}",
                one_line(&record.id),
                one_line(&record.label),
                one_line(text)
            )?;
        }
        written = true;
    }
    if json && written {
        out.write_all(b"\n]\n")?;
    }
    Ok(written)
}

/// The char offset of byte `at` in `text` (the end when past it).
fn char_offset(text: &str, at: usize) -> usize {
    text.char_indices().take_while(|&(i, _)| i < at).count()
}

/// NFC text with every control character (tab, line break, escape…) as a space: one line,
/// safe on a terminal.
fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return crate::text::display(text);
    }
    text.nfc()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .into()
}

/// NFC text with control characters other than tab and line breaks as spaces, for CSV (which
/// quotes line breaks).
fn csv_text(text: &str) -> Cow<'_, str> {
    let keep = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r');
    if text.chars().all(keep) && is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    text.nfc()
        .map(|c| if keep(c) { c } else { ' ' })
        .collect::<String>()
        .into()
}

// ---------------------------------------------------------------------------------------------
// Values: what list and show print, in every format

/// One value of a row or a record.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    /// Absent: `-` in a table or `field: value` line, an empty CSV field, JSON `null`.
    Null,
    Number(u64),
    Text(String),
    /// Nested records (a cooperative's ratings, a plan item's progress).
    Objects(Vec<Object>),
}

type Object = Vec<(&'static str, Value)>;

fn text(value: impl Into<String>) -> Value {
    Value::Text(value.into())
}

fn number(value: impl Into<u64>) -> Value {
    Value::Number(value.into())
}

fn optional<T>(value: Option<T>, into: impl FnOnce(T) -> Value) -> Value {
    value.map_or(Value::Null, into)
}

/// Text, or absent when empty.
fn nonempty(value: &str) -> Value {
    if value.is_empty() {
        Value::Null
    } else {
        text(value)
    }
}

impl Value {
    /// The value on one line: `-` when absent; nested records as `a · b · c`, one per line
    /// being the caller's business.
    fn plain(&self) -> Cow<'_, str> {
        match self {
            Value::Null => Cow::Borrowed("-"),
            Value::Number(n) => Cow::Owned(n.to_string()),
            Value::Text(t) => one_line(t),
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
struct Keyed<'a>(&'a [(&'static str, Value)]);

impl Serialize for Keyed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

fn origin(origin: Origin) -> Value {
    text(match origin {
        Origin::Seed => "seed",
        Origin::Illustrative => "illustrative",
    })
}

// ---------------------------------------------------------------------------------------------
// list

/// Rows under named columns.
struct Table {
    columns: &'static [&'static str],
    rows: Vec<Vec<Value>>,
}

/// Writes the provinces, cooperatives or plan items of `dataset` (of one province when
/// `province` is given) in `format`. Writes nothing and returns false when the list is empty.
pub fn list(
    dataset: &Dataset,
    listing: Listing,
    province: Option<&str>,
    format: Format,
    out: &mut impl Write,
) -> Result<bool, LookupError> {
    let province = match province {
        Some(code) => Some(
            dataset
                .provinces
                .iter()
                .find(|p| p.code == code)
                .ok_or_else(|| LookupError::UnknownProvince(code.to_string()))?,
        ),
        None => None,
    };
    let table = match listing {
        Listing::Provinces => provinces_table(dataset, province),
        Listing::Cooperatives => cooperatives_table(dataset, province),
        Listing::Plan => plan_table(dataset, province),
    };
    if table.rows.is_empty() {
        return Ok(false);
    }
    match format {
        Format::Table => write_table(&table, out)?,
        Format::Csv => write_csv(&table, out)?,
        Format::Json => write_json_rows(&table, out)?,
    }
    Ok(true)
}

/// The status of every province on every plan item; a province without an entry has not
/// started.
fn status_of<'a>(
    item: &'a PlanItem,
    province: &Province,
) -> (ProgressStatus, Option<&'a Progress>) {
    let entry = item.progress_of(&province.code);
    (
        entry.map_or(ProgressStatus::NotStarted, |e| e.status),
        entry,
    )
}

fn province_tally(dataset: &Dataset, province: &Province) -> Tally {
    let mut tally = Tally::default();
    for item in &dataset.plan.items {
        tally.add(status_of(item, province).0);
    }
    tally
}

fn item_tally(dataset: &Dataset, item: &PlanItem) -> Tally {
    let mut tally = Tally::default();
    for province in &dataset.provinces {
        tally.add(status_of(item, province).0);
    }
    tally
}

/// Provinces in Vietnamese alphabetical order of name.
fn sorted_provinces(dataset: &Dataset) -> Vec<&Province> {
    let mut provinces: Vec<&Province> = dataset.provinces.iter().collect();
    provinces.sort_by_cached_key(|p| (collation_key(&p.name), p.code.clone()));
    provinces
}

fn provinces_table(dataset: &Dataset, only: Option<&Province>) -> Table {
    let rows = sorted_provinces(dataset)
        .into_iter()
        .filter(|p| only.is_none_or(|only| only.code == p.code))
        .map(|p| {
            let count = dataset
                .cooperatives
                .iter()
                .filter(|c| c.province == p.code)
                .count();
            vec![
                text(&p.code),
                text(&p.name),
                text(&p.kind),
                Value::Number(count as u64),
                optional(province_tally(dataset, p).percent(), number),
            ]
        })
        .collect();
    Table {
        columns: &["code", "name", "kind", "cooperatives", "done_percent"],
        rows,
    }
}

fn cooperatives_table(dataset: &Dataset, only: Option<&Province>) -> Table {
    let mut cooperatives: Vec<&Cooperative> = dataset
        .cooperatives
        .iter()
        .filter(|c| only.is_none_or(|p| p.code == c.province))
        .collect();
    cooperatives.sort_by_cached_key(|c| (collation_key(&c.name), c.id.clone()));
    let rows = cooperatives
        .into_iter()
        .map(|c| {
            let latest = c.latest_rating();
            vec![
                text(&c.id),
                text(&c.name),
                text(&c.province),
                optional(c.district.as_deref(), text),
                text(&c.sector),
                optional(c.founded, number),
                number(c.members),
                optional(latest, |r| text(&r.grade)),
                optional(latest, |r| number(r.year)),
                optional(c.alliance_member_since, number),
                text(c.status.label()),
            ]
        })
        .collect();
    Table {
        columns: &[
            "id",
            "name",
            "province",
            "district",
            "sector",
            "founded",
            "members",
            "latest_grade",
            "latest_rating_year",
            "alliance_member_since",
            "status",
        ],
        rows,
    }
}

fn plan_table(dataset: &Dataset, only: Option<&Province>) -> Table {
    let items = dataset.plan.items.iter();
    match only {
        None => Table {
            columns: &["id", "title", "due", "done", "applicable"],
            rows: items
                .map(|item| {
                    let tally = item_tally(dataset, item);
                    vec![
                        text(&item.id),
                        text(&item.title),
                        optional(item.due, |d| text(d.to_string())),
                        number(tally.done),
                        number(tally.applicable),
                    ]
                })
                .collect(),
        },
        Some(province) => Table {
            columns: &[
                "id",
                "title",
                "due",
                "status",
                "note",
                "changed_by",
                "changed_at",
            ],
            rows: items
                .map(|item| {
                    let (status, entry) = status_of(item, province);
                    vec![
                        text(&item.id),
                        text(&item.title),
                        optional(item.due, |d| text(d.to_string())),
                        text(status.label()),
                        optional(entry, |e| nonempty(&e.note)),
                        optional(entry.and_then(|e| e.changed_by.as_deref()), text),
                        optional(entry.and_then(|e| e.changed_at), |t| text(t.to_string())),
                    ]
                })
                .collect(),
        },
    }
}

/// Aligned columns, two spaces apart, padded by display width; numbers right-aligned; text is
/// never cut. No trailing spaces.
fn write_table(table: &Table, out: &mut impl Write) -> io::Result<()> {
    let cells: Vec<Vec<Cow<'_, str>>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(Value::plain).collect())
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

/// One CSV field: quoted when it holds a comma, a quote or a line break, quotes doubled.
fn csv_field(value: &Value) -> Cow<'_, str> {
    let raw = match value {
        Value::Null => return Cow::Borrowed(""),
        Value::Number(n) => return Cow::Owned(n.to_string()),
        Value::Text(t) => csv_text(t),
        Value::Objects(_) => value.plain(),
    };
    if raw.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", raw.replace('"', "\"\"")))
    } else {
        raw
    }
}

/// RFC 4180: a header line, then a line per row, CRLF after each.
fn write_csv(table: &Table, out: &mut impl Write) -> io::Result<()> {
    let header = table.columns.join(",");
    out.write_all(header.as_bytes())?;
    out.write_all(b"\r\n")?;
    for row in &table.rows {
        let line: Vec<Cow<'_, str>> = row.iter().map(csv_field).collect();
        out.write_all(line.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// A JSON array, one object per line, keys in column order.
fn write_json_rows(table: &Table, out: &mut impl Write) -> io::Result<()> {
    for (r, row) in table.rows.iter().enumerate() {
        out.write_all(if r == 0 { b"[\n" } else { b",\n" })?;
        let object: Object = table
            .columns
            .iter()
            .copied()
            .zip(row.iter().cloned())
            .collect();
        serde_json::to_writer(&mut *out, &Keyed(&object))?;
    }
    out.write_all(if table.rows.is_empty() {
        b"[]\n"
    } else {
        b"\n]\n"
    })?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// show

/// Writes the record with id `id` in full: a province by code, a cooperative by id, a plan
/// item by id, or a province's progress on an item as `ITEM/PROVINCE`, looked up in that
/// order. `field: value` lines, or one JSON object. Writes nothing and returns false when no
/// record has that id.
pub fn show(dataset: &Dataset, id: &str, json: bool, out: &mut impl Write) -> io::Result<bool> {
    let Some(record) = record(dataset, id) else {
        return Ok(false);
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &Keyed(&record))?;
        out.write_all(b"\n")?;
        return Ok(true);
    }
    let mut text = String::new();
    for (key, value) in &record {
        match value {
            Value::Objects(objects) => {
                for object in objects {
                    let parts: Vec<Cow<'_, str>> = object.iter().map(|(_, v)| v.plain()).collect();
                    text.push_str(&format!("{key}: {}\n", parts.join(" · ")));
                }
            }
            other => text.push_str(&format!("{key}: {}\n", other.plain())),
        }
    }
    out.write_all(text.as_bytes())?;
    Ok(true)
}

fn record(dataset: &Dataset, id: &str) -> Option<Object> {
    if let Some(province) = dataset.provinces.iter().find(|p| p.code == id) {
        return Some(province_record(dataset, province));
    }
    if let Some(coop) = dataset.cooperatives.iter().find(|c| c.id == id) {
        return Some(cooperative_record(dataset, coop));
    }
    if let Some(item) = dataset.plan.items.iter().find(|i| i.id == id) {
        return Some(item_record(dataset, item));
    }
    let (item, code) = id.rsplit_once('/')?;
    let item = dataset.plan.items.iter().find(|i| i.id == item)?;
    let province = dataset.provinces.iter().find(|p| p.code == code)?;
    Some(progress_record(item, province))
}

fn province_name<'a>(dataset: &'a Dataset, code: &str) -> Option<&'a str> {
    dataset
        .provinces
        .iter()
        .find(|p| p.code == code)
        .map(|p| p.name.as_str())
}

fn province_record(dataset: &Dataset, province: &Province) -> Object {
    let cooperatives: Vec<&Cooperative> = dataset
        .cooperatives
        .iter()
        .filter(|c| c.province == province.code)
        .collect();
    let members: u64 = cooperatives.iter().map(|c| u64::from(c.members)).sum();
    let new_members = dataset
        .region
        .new_members
        .iter()
        .find(|n| n.province == province.code)
        .map(|n| n.cooperatives);
    let tally = province_tally(dataset, province);
    let progress = dataset
        .plan
        .items
        .iter()
        .map(|item| {
            let (status, entry) = status_of(item, province);
            let mut fields = vec![("item", text(&item.id)), ("title", text(&item.title))];
            fields.extend(entry_fields(status, entry));
            fields
        })
        .collect();
    vec![
        ("type", text("province")),
        ("code", text(&province.code)),
        ("name", text(&province.name)),
        ("kind", text(&province.kind)),
        (
            "successor_code",
            optional(province.successor.as_ref(), |s| text(&s.code)),
        ),
        (
            "successor_name",
            optional(province.successor.as_ref(), |s| text(&s.name)),
        ),
        ("cooperatives", Value::Number(cooperatives.len() as u64)),
        ("members", Value::Number(members)),
        ("new_alliance_members", optional(new_members, number)),
        ("plan_done", number(tally.done)),
        ("plan_applicable", number(tally.applicable)),
        ("plan_done_percent", optional(tally.percent(), number)),
        ("origin", origin(province.origin)),
        ("progress", Value::Objects(progress)),
    ]
}

fn cooperative_record(dataset: &Dataset, coop: &Cooperative) -> Object {
    let sector = dataset
        .sectors
        .iter()
        .find(|s| s.id == coop.sector)
        .map(|s| s.name.as_str());
    let ratings = coop
        .ratings
        .iter()
        .map(|r| {
            vec![
                ("year", number(r.year)),
                ("scheme", text(&r.scheme)),
                ("grade", text(&r.grade)),
                ("score", optional(r.score, number)),
            ]
        })
        .collect();
    vec![
        ("type", text("cooperative")),
        ("id", text(&coop.id)),
        ("name", text(&coop.name)),
        ("province", text(&coop.province)),
        (
            "province_name",
            optional(province_name(dataset, &coop.province), text),
        ),
        ("district", optional(coop.district.as_deref(), text)),
        ("sector", text(&coop.sector)),
        ("sector_name", optional(sector, text)),
        ("founded", optional(coop.founded, number)),
        ("members", number(coop.members)),
        (
            "alliance_member_since",
            optional(coop.alliance_member_since, number),
        ),
        ("status", text(coop.status.label())),
        ("notes", nonempty(&coop.notes)),
        ("origin", origin(coop.origin)),
        ("ratings", Value::Objects(ratings)),
    ]
}

/// The fields of a province's entry on a plan item, as `show` prints them.
fn entry_fields(status: ProgressStatus, entry: Option<&Progress>) -> Object {
    vec![
        ("status", text(status.label())),
        ("note", optional(entry, |e| nonempty(&e.note))),
        (
            "changed_by",
            optional(entry.and_then(|e| e.changed_by.as_deref()), text),
        ),
        (
            "changed_at",
            optional(entry.and_then(|e| e.changed_at), |t| text(t.to_string())),
        ),
    ]
}

fn item_record(dataset: &Dataset, item: &PlanItem) -> Object {
    let tally = item_tally(dataset, item);
    let progress = sorted_provinces(dataset)
        .into_iter()
        .map(|province| {
            let (status, entry) = status_of(item, province);
            let mut fields = vec![
                ("province", text(&province.code)),
                ("province_name", text(&province.name)),
            ];
            fields.extend(entry_fields(status, entry));
            fields
        })
        .collect();
    vec![
        ("type", text("plan")),
        ("id", text(&item.id)),
        ("title", text(&item.title)),
        ("detail", nonempty(&item.detail)),
        ("due", optional(item.due, |d| text(d.to_string()))),
        ("owner", optional(item.owner.as_deref(), text)),
        ("done", number(tally.done)),
        ("applicable", number(tally.applicable)),
        ("origin", origin(item.origin)),
        ("progress", Value::Objects(progress)),
    ]
}

fn progress_record(item: &PlanItem, province: &Province) -> Object {
    let (status, entry) = status_of(item, province);
    vec![
        ("type", text("progress")),
        ("id", text(format!("{}/{}", item.id, province.code))),
        ("item", text(&item.id)),
        ("item_title", text(&item.title)),
        ("province", text(&province.code)),
        ("province_name", text(&province.name)),
        ("status", text(status.label())),
        ("note", optional(entry, |e| nonempty(&e.note))),
        (
            "changed_by",
            optional(entry.and_then(|e| e.changed_by.as_deref()), text),
        ),
        (
            "changed_at",
            optional(entry.and_then(|e| e.changed_at), |t| text(t.to_string())),
        ),
        ("origin", optional(entry, |e| origin(e.origin))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset() -> Dataset {
        store::builtin().unwrap()
    }

    fn run(write: impl FnOnce(&mut Vec<u8>) -> io::Result<bool>) -> (bool, String) {
        let mut out = Vec::new();
        let written = write(&mut out).unwrap();
        (written, String::from_utf8(out).unwrap())
    }

    fn listed(listing: Listing, province: Option<&str>, format: Format) -> String {
        let data = dataset();
        let mut out = Vec::new();
        assert!(list(&data, listing, province, format, &mut out).unwrap());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn find_prints_tab_separated_lines_best_first() {
        let index = SearchIndex::build(&dataset());
        let (found, out) = run(|out| find(&index, "nam dinh", &[], 20, false, out));
        assert!(found);
        let first = out.lines().next().unwrap();
        assert_eq!(first, "province\t36\tNam Định\tname\tNam Định");
        assert!(out.lines().all(|l| l.split('\t').count() == 5), "{out}");
        assert!(out.lines().count() <= 20);
    }

    #[test]
    fn find_narrows_by_kind_and_limit() {
        let index = SearchIndex::build(&dataset());
        let (_, out) = run(|out| find(&index, "nam", &[KindArg::Cooperative], 3, false, out));
        assert!(!out.is_empty());
        assert!(out.lines().count() <= 3);
        assert!(out.lines().all(|l| l.starts_with("cooperative\t")), "{out}");
    }

    #[test]
    fn find_json_carries_char_offsets() {
        let index = SearchIndex::build(&dataset());
        let (_, out) = run(|out| find(&index, "định", &[], 1, true, out));
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let hit = &value[0];
        let text = hit["text"].as_str().unwrap();
        let range = &hit["highlight"][0];
        let (start, end) = (
            range[0].as_u64().unwrap() as usize,
            range[1].as_u64().unwrap() as usize,
        );
        let matched: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(matched.to_lowercase(), "định");
        assert_eq!(hit["level"], "whole_word");
    }

    #[test]
    fn find_without_a_match_writes_nothing() {
        let index = SearchIndex::build(&dataset());
        for json in [false, true] {
            let (found, out) = run(|out| find(&index, "qqqxxzz", &[], 20, json, out));
            assert!(!found);
            assert!(out.is_empty());
        }
    }

    #[test]
    fn one_line_replaces_control_characters_with_spaces() {
        assert_eq!(one_line("a\tb\nc\r\u{1b}[31m"), "a b c  [31m");
        assert_eq!(one_line("Nam Đi\u{323}nh"), "Nam Định");
        assert!(matches!(one_line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn table_columns_align_by_display_width() {
        let out = listed(Listing::Provinces, None, Format::Table);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("code  name"), "{out}");
        assert_eq!(lines.len(), 12);
        // The column after the name starts at the same display column on every line.
        let kind_at: Vec<usize> = lines
            .iter()
            .map(|l| {
                let at = l
                    .find("Tỉnh")
                    .or_else(|| l.find("Thành phố"))
                    .or_else(|| l.find("kind"))
                    .unwrap();
                l[..at].width()
            })
            .collect();
        assert!(kind_at.windows(2).all(|w| w[0] == w[1]), "{out}");
        assert!(lines.iter().all(|l| !l.ends_with(' ')));
    }

    #[test]
    fn provinces_are_in_vietnamese_order() {
        let out = listed(Listing::Provinces, None, Format::Csv);
        let names: Vec<String> = out
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap().to_string())
            .collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| collation_key(n));
        assert_eq!(names, sorted);
        assert!(out.contains("\r\n"));
    }

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks() {
        assert_eq!(csv_field(&text("plain")), "plain");
        assert_eq!(csv_field(&text("a,b")), "\"a,b\"");
        assert_eq!(csv_field(&text("say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field(&text("two\nlines")), "\"two\nlines\"");
        assert_eq!(csv_field(&text("esc\u{1b}")), "esc ");
        assert_eq!(csv_field(&Value::Null), "");
        assert_eq!(csv_field(&number(7u32)), "7");
    }

    #[test]
    fn json_rows_keep_column_order_and_types() {
        let out = listed(Listing::Cooperatives, Some("36"), Format::Json);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rows = value.as_array().unwrap();
        assert_eq!(rows.len(), 6);
        assert!(rows[0]["members"].is_u64());
        assert_eq!(rows[0]["province"], "36");
        assert!(out.lines().nth(1).unwrap().starts_with("{\"id\":"), "{out}");
    }

    #[test]
    fn plan_of_one_province_has_its_statuses() {
        let data = dataset();
        let out = listed(Listing::Plan, Some("36"), Format::Csv);
        assert!(out.starts_with("id,title,due,status,note,changed_by,changed_at\r\n"));
        assert_eq!(out.lines().count(), data.plan.items.len() + 1);
    }

    #[test]
    fn an_unknown_province_is_an_error() {
        let mut out = Vec::new();
        let err = list(
            &dataset(),
            Listing::Cooperatives,
            Some("99"),
            Format::Table,
            &mut out,
        )
        .unwrap_err();
        assert!(matches!(err, LookupError::UnknownProvince(_)));
        assert!(out.is_empty());
    }

    #[test]
    fn show_prints_every_kind_of_record() {
        let data = dataset();
        let (_, out) = run(|out| show(&data, "36", false, out));
        assert!(
            out.starts_with("type: province\ncode: 36\nname: Nam Định\n"),
            "{out}"
        );
        let (_, out) = run(|out| show(&data, "HTX-36-001", false, out));
        assert!(
            out.starts_with("type: cooperative\nid: HTX-36-001\n"),
            "{out}"
        );
        let item = &data.plan.items[0].id;
        let (_, out) = run(|out| show(&data, item, false, out));
        assert_eq!(
            out.lines().filter(|l| l.starts_with("progress: ")).count(),
            data.provinces.len()
        );
        let (_, out) = run(|out| show(&data, &format!("{item}/36"), true, out));
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["type"], "progress");
        assert_eq!(value["province_name"], "Nam Định");
        let (shown, out) = run(|out| show(&data, "nope", false, out));
        assert!(!shown && out.is_empty());
    }
}
