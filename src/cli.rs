//! Command-line lookups for scripts and quick questions: `htx find`, `htx list`, `htx show`.
//!
//! The work is done by [`find`], [`list`] and [`show`], which take loaded data and a writer and
//! say whether anything was written, so they can be tested without a process; the
//! `*_command` functions around them pick the data file, load it (`find` from the binary
//! index cache of [`crate::store::cache`] when it is current), write to stdout and turn the
//! outcome into an exit code: 0 something printed, 1 nothing found or a file problem.
//!
//! Output formats, stable for scripts (README "Command line lookups"), English in every
//! interface language (README "Languages"); only the notes on stderr and the errors follow
//! the language ([`crate::lang::cli`]):
//!
//! - `find`: `KIND\tID\tLABEL\tFIELD\tTEXT` per match, or with `--json` an array of objects
//!   `{"kind","id","label","field","text","level","highlight"}`.
//! - `list`: an aligned table with a header line (cells cut at [`TABLE_CELL_WIDTH`] columns
//!   unless `--wide`), RFC 4180 CSV (cells that a spreadsheet would run as a formula
//!   neutralised unless `--csv-formulas`), or a JSON array of objects whose keys are the
//!   column names.
//! - `show`: `field: value` lines, or one JSON object. The field names and the status words
//!   are the JSON keys and values, so a script can read either form.
//!
//! Output is untrusted text on its way to a terminal or another program. Text in line-based
//! output (tab-separated, table, `field: value`) has every control character (tabs and line
//! breaks included) and every bidirectional formatting character replaced by a space, so one
//! record is one line, nothing reaches the terminal as an escape sequence and no name is
//! shown reordered; CSV does the same but keeps tabs and line breaks (quoted); JSON carries
//! the text as it is, with those characters written as `\uXXXX` escapes.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use serde::ser::{SerializeMap as _, SerializeSeq as _, Serializer};
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};
use unicode_width::UnicodeWidthStr as _;

use crate::model::{
    Cooperative, Dataset, Origin, PlanItem, Progress, ProgressStatus, Province, Tally,
};
use crate::search::{Kind, Level, SearchIndex};
use crate::store::{self, LoadError, cache};
use crate::text::{is_unsafe_for_terminal, list_key, shown_path};

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

/// How wide a cell of `htx list --format table` may be, in display columns (the `…` included),
/// unless `--wide`: one long name must not widen every row of the table.
pub const TABLE_CELL_WIDTH: usize = 60;

/// How many bytes a cut table cell may hold: a letter can carry any number of combining marks
/// and be one column wide and megabytes long. Sixteen bytes a column leaves room for every
/// Vietnamese letter, even decomposed.
const TABLE_CELL_BYTES: usize = TABLE_CELL_WIDTH * 16;

/// How `htx list` writes its rows: the format and what it does to untrusted text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListOptions {
    pub format: Format,
    /// Table cells in full rather than cut at [`TABLE_CELL_WIDTH`] columns.
    pub wide: bool,
    /// CSV cells that start like a spreadsheet formula written as they are, without the
    /// leading `'` that makes a spreadsheet show them as text.
    pub csv_formulas: bool,
}

/// Why a lookup could not be answered (beyond "nothing matched").
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("{}", (crate::lang::cli().unknown_province)(.0))]
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
        LoadError::Read { path, source } if source.kind() == io::ErrorKind::NotFound => {
            (crate::lang::cli().no_such_dataset)(&shown_path(&path).to_string())
        }
        other => other.to_string(),
    }
}

fn builtin() -> Result<Dataset, String> {
    store::builtin().map_err(|problems| {
        problems
            .iter()
            .map(|p| {
                format!(
                    "{}:{}:{}: {}",
                    crate::lang::cli().builtin_dataset,
                    p.position.line,
                    p.position.column,
                    p.message
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
        note(&(crate::lang::cli().nothing_matches)(
            &crate::text::display(query),
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
    options: ListOptions,
) -> Result<ExitCode, String> {
    let dataset = load_dataset(&Source::resolve(file))?;
    let mut failure = None;
    let listed = to_stdout(
        |out| match list(&dataset, listing, province, options, out) {
            Ok(listed) => Ok(listed),
            Err(LookupError::Io(err)) => Err(err),
            Err(other) => {
                failure = Some(other.to_string());
                Ok(false)
            }
        },
    )?;
    if let Some(message) = failure {
        return Err(format!("htx: {message}"));
    }
    if !listed {
        note(crate::lang::cli().nothing_to_list);
    }
    Ok(exit(listed))
}

/// `htx show`: prints the record on stdout; exit 1 with a note on stderr when no record has
/// that id.
pub fn show_command(file: Option<PathBuf>, id: &str, json: bool) -> Result<ExitCode, String> {
    let dataset = load_dataset(&Source::resolve(file))?;
    let shown = to_stdout(|out| show(&dataset, id, json, out))?;
    if !shown {
        note(&(crate::lang::cli().no_such_id)(&crate::text::display(id)));
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
        Err(err) => Err((crate::lang::cli().cannot_write_output)(&crate::lang::io(
            &err,
        ))),
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
            write_json(&mut *out, &found)?;
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

/// NFC text with every control character (tab, line break, escape…) and bidirectional
/// formatting character as a space: one line, safe on a terminal, in reading order.
fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_for_terminal) {
        return crate::text::display(text);
    }
    text.nfc()
        .map(|c| if is_unsafe_for_terminal(c) { ' ' } else { c })
        .collect::<String>()
        .into()
}

/// NFC text with control characters other than tab and line breaks, and bidirectional
/// formatting characters, as spaces, for CSV (which quotes line breaks).
fn csv_text(text: &str) -> Cow<'_, str> {
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
fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, SafeStrings(CompactFormatter));
    value.serialize(&mut serializer)?;
    Ok(())
}

/// [`write_json`], indented.
fn write_json_pretty(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
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
        Origin::Entered => "entered",
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
/// `province` is given) as `options` say. Writes nothing and returns false when the list is
/// empty.
pub fn list(
    dataset: &Dataset,
    listing: Listing,
    province: Option<&str>,
    options: ListOptions,
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
    match options.format {
        Format::Table => write_table(&table, options.wide, out)?,
        Format::Csv => write_csv(&table, options.csv_formulas, out)?,
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
    provinces.sort_by_cached_key(|&p| list_key(&p.name, &p.code));
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
    cooperatives.sort_by_cached_key(|&c| list_key(&c.name, &c.id));
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
fn write_table(table: &Table, wide: bool, out: &mut impl Write) -> io::Result<()> {
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

/// Whether a spreadsheet would read a CSV cell as a formula (OWASP, "CSV Injection"): it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return, or with whitespace before one
/// of `=`, `+`, `-`, `@` (a spreadsheet may trim it first; control characters are spaces by
/// now).
fn runs_as_formula(cell: &str) -> bool {
    cell.starts_with(['\t', '\r']) || cell.trim_start().starts_with(['=', '+', '-', '@'])
}

/// One CSV field: a cell that would run as a formula gets a leading `'` (unless `formulas`),
/// which spreadsheets take as "this is text" and do not show; then quoted when it holds a
/// comma, a quote or a line break, quotes doubled.
fn csv_field(value: &Value, formulas: bool) -> Cow<'_, str> {
    let mut raw = match value {
        Value::Null => return Cow::Borrowed(""),
        Value::Number(n) => return Cow::Owned(n.to_string()),
        Value::Text(t) => csv_text(t),
        Value::Objects(_) => value.plain(),
    };
    if !formulas && runs_as_formula(&raw) {
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
fn write_csv(table: &Table, formulas: bool, out: &mut impl Write) -> io::Result<()> {
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
fn write_json_rows(table: &Table, out: &mut impl Write) -> io::Result<()> {
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
        write_json_pretty(&mut *out, &Keyed(&record))?;
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
        let options = ListOptions {
            format,
            ..ListOptions::default()
        };
        assert!(list(&data, listing, province, options, &mut out).unwrap());
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
        sorted.sort_by_key(|n| crate::text::collation_key(n));
        assert_eq!(names, sorted);
        assert!(out.contains("\r\n"));
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
            ListOptions::default(),
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
