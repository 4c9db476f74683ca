//! The commands besides the full screen: lookups for scripts and quick questions (`htx find`,
//! `htx list`, `htx show`), `htx import`, `htx export`, `htx report`, and keeping the data in
//! git (`htx git setup`, `htx show --textconv`, `htx history`).
//!
//! One file per command, and what they share beside them:
//!
//! - `import.rs`: `htx import`, [`import_command`]: the preview of what a spreadsheet would
//!   change, the question, and the one save (the reading is [`crate::import`]'s).
//! - `export.rs`: `htx export`, [`export_command`] and [`export`](fn@export): `list`'s tables
//!   as an XLSX workbook or CSV, for `-o FILE` or stdout.
//! - `find.rs`: `htx find`, [`find_command`] and [`find`](fn@find), and [`level_name`].
//! - `list.rs`: `htx list`, [`list_command`] and [`list`](fn@list), and the rows of each
//!   listing.
//! - `merge.rs`: `htx merge`, git's merge driver: [`merge_command`] and [`merge_files`].
//! - `report.rs`: `htx report`, [`report_command`] and [`report_text`]: the year-end
//!   report as Markdown, text or HTML (built and written by [`crate::report`]).
//! - `show.rs`: `htx show`, [`show_command`] and [`show`](fn@show), and the fields of each
//!   kind of record.
//! - `textconv.rs`: `htx show --textconv`, [`textconv_command`] and [`textconv`](fn@textconv):
//!   the dataset as one line per field of every record, for `git diff`; [`records`] and
//!   [`escape`] for `history.rs`.
//! - `git.rs`: `htx git setup`, [`git_setup_command`]: the `.gitattributes` lines and the
//!   repository's config for `htx merge` and the textconv; and running git for `history.rs`.
//! - `history.rs`: `htx history`, [`history_command`]: one record's changes, field by field,
//!   from the git log of the data file.
//! - `source.rs`: where the data comes from: [`Source`], [`load_dataset`], [`load_index`].
//! - `output.rs`: what the commands share for writing: stdout, the exit code and the notes on
//!   stderr, text made safe for one line or for CSV, JSON that is safe to print, the values
//!   that rows and records are made of, and rows as a table, CSV or JSON.
//! - `mod.rs`, this file: what the command line is parsed into ([`KindArg`], [`Listing`],
//!   [`Format`], [`ListOptions`], [`DEFAULT_LIMIT`]), [`TABLE_CELL_WIDTH`] and
//!   [`LookupError`].
//!
//! The work is done by [`find`](fn@find), [`list`](fn@list) and [`show`](fn@show), which take
//! loaded data and a writer and say whether anything was written, so they can be tested
//! without a process; the `*_command` functions around them pick the data file, load it
//! (from the cache of [`crate::store::cache`] when it is current: `find` its search index,
//! the others its data), write to stdout and turn the outcome into an exit code: 0 something
//! printed, 1 nothing found or a file problem.
//!
//! Output formats, stable for scripts (README "Command line lookups"), English in every
//! interface language (README "Languages"); only the notes on stderr and the errors follow
//! the language ([`mod@crate::lang::cli`]):
//!
//! - `find`: `KIND\tID\tLABEL\tFIELD\tTEXT` per match, or with `--json` an array of objects
//!   `{"kind","id","label","field","text","level","highlight"}`.
//! - `list`: an aligned table with a header line (cells cut at [`TABLE_CELL_WIDTH`] columns
//!   unless `--wide`), RFC 4180 CSV (cells that a spreadsheet would run as a formula
//!   neutralised unless `--csv-formulas`), or a JSON array of objects whose keys are the
//!   column names.
//! - `show`: `field: value` lines, or one JSON object. The field names and the status words
//!   are the JSON keys and values, so a script can read either form.
//! - `show --textconv`: `KIND ID FIELD: VALUE` per field of every record, text escaped
//!   (`\n`, `\u{1b}`) rather than replaced, so that different values stay different lines.
//! - `history`: `list`'s table, CSV or JSON, with the columns `date author commit field old
//!   new` (the table with a `→` column between old and new).
//!
//! Output is untrusted text on its way to a terminal or another program. Text in line-based
//! output (tab-separated, table, `field: value`) has every control character (tabs and line
//! breaks included) and every bidirectional formatting character replaced by a space, so one
//! record is one line, nothing reaches the terminal as an escape sequence and no name is
//! shown reordered; CSV does the same but keeps tabs and line breaks (quoted); JSON carries
//! the text as it is, with those characters written as `\uXXXX` escapes.

use std::io;

use crate::search::Kind;

mod export;
mod find;
mod git;
mod history;
mod import;
mod list;
mod merge;
pub(crate) mod output;
mod report;
mod show;
mod source;
mod textconv;

pub use export::{ExportArgs, ExportFormat, ExportKind, check_export_args, export, export_command};
pub use find::{find, find_command, level_name};
pub use git::{attributes_line, git_setup_command, sh_quote};
pub use history::{Change, changes, history_command};
pub use import::{ImportArgs, Preview, check_import_args, import_command, write_preview};
pub use list::{list, list_command};
pub use merge::{CANNOT_MERGE, MergeArgs, merge_command, merge_files};
pub use output::one_line;
pub use report::{ReportArgs, ReportFormat, parse_report_date, report_command, report_text};
pub use show::{show, show_command};
pub use source::{Source, load_dataset, load_index};
pub use textconv::{Field, Record, escape, parse_lenient, records, textconv, textconv_command};

/// How many matches `htx find` prints unless told.
pub const DEFAULT_LIMIT: u32 = 20;

/// What the rows of `htx import` are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    #[default]
    Cooperatives,
    Progress,
}

impl ImportKind {
    pub fn kind(self) -> crate::import::columns::Kind {
        match self {
            ImportKind::Cooperatives => crate::import::columns::Kind::Cooperatives,
            ImportKind::Progress => crate::import::columns::Kind::Progress,
        }
    }
}

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
    // Every progress entry: one row per plan item and province that has one.
    Progress,
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

#[cfg(test)]
mod test_support {
    //! What the commands' tests share.

    use std::io;

    use crate::model::Dataset;
    use crate::store;

    pub(super) fn dataset() -> Dataset {
        store::builtin().unwrap()
    }

    pub(super) fn run(write: impl FnOnce(&mut Vec<u8>) -> io::Result<bool>) -> (bool, String) {
        let mut out = Vec::new();
        let written = write(&mut out).unwrap();
        (written, String::from_utf8(out).unwrap())
    }
}
