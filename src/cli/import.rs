//! `htx import FILE`: the alliances' spreadsheets into the dataset, previewed, then written in
//! one save through the store (lock, merge with a session's save, backup, atomic rename).
//!
//! The reading is [`crate::import`]'s; this room picks the dataset, prints the preview, asks,
//! and saves. The preview is for people and follows the interface's language; the field
//! names in its change lines are those of `htx list`.

use std::io::{self, BufRead as _, IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::ImportKind;
use super::output::{one_line, to_stdout};
use crate::import::columns::{Field, Kind, Mapping};
use crate::import::encoding::Encoding;
use crate::import::records::{self, Author, Outcome, Touched};
use crate::import::table::Address;
use crate::import::{self, Format, Options, Read, Refused};
use crate::lang;
use crate::model::Dataset;
use crate::store::{self, save};
use crate::text::{display, shown_path};

/// What the command line asked for (`htx import --help`).
#[derive(Clone, Debug, clap::Args)]
pub struct ImportArgs {
    /// The spreadsheet or text file to read.
    #[arg(value_name = "SPREADSHEET")]
    pub spreadsheet: PathBuf,
    /// What the rows are.
    #[arg(long, value_enum, value_name = "KIND", default_value_t = ImportKind::Cooperatives)]
    pub kind: ImportKind,
    /// The sheet to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The text's encoding instead of the one detected: utf-8, utf-16le, utf-16be,
    /// windows-1258, tcvn3 or vni.
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// The column named COLUMN holds FIELD (a column of `htx list`); "COLUMN=" leaves the
    /// column out. Repeat for several columns.
    #[arg(long, value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Show what would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write without asking (needed when there is no terminal to ask on).
    #[arg(long, short)]
    pub yes: bool,
    /// Import the rows that can be taken and leave out the others, which are listed.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// Data file (default: your dataset, created from the built-in one if you have none
    /// yet).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// How many records of each section a preview lists before "… and N more".
const SHOWN: usize = 20;

/// `--map "COLUMN=FIELD"` (an empty FIELD ignores the column).
pub fn parse_map(kind: Kind, text: &str) -> Result<Mapping, String> {
    let fields = || {
        Field::of(kind)
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let bad = || (lang::import().bad_map)(text, &fields());
    let (column, field) = text.rsplit_once('=').ok_or_else(bad)?;
    if column.trim().is_empty() {
        return Err(bad());
    }
    let field = match field.trim() {
        "" => None,
        name => Some(Field::parse(kind, name).ok_or_else(bad)?),
    };
    Ok(Mapping {
        column: column.trim().to_owned(),
        field,
    })
}

/// `--encoding NAME`.
pub fn parse_encoding(text: &str) -> Result<Encoding, String> {
    Encoding::parse(text).ok_or_else(|| {
        let names: Vec<&str> = Encoding::ALL.iter().map(|e| e.key()).collect();
        (lang::import().bad_encoding)(text, &names.join(", "))
    })
}

/// The arguments clap cannot check: each `--map` and `--encoding`.
pub fn check_import_args(args: &ImportArgs) -> Result<(), String> {
    let kind = args.kind.kind();
    for map in &args.map {
        parse_map(kind, map)?;
    }
    if let Some(encoding) = &args.encoding {
        parse_encoding(encoding)?;
    }
    Ok(())
}

/// The message for a file that cannot be imported, at its place when it has one.
pub fn refused_message(file: &Path, refused: &Refused) -> String {
    let said = lang::import();
    let file = shown_path(file).to_string();
    match refused {
        Refused::Io(err) => format!("{file}: {}", lang::io(err)),
        Refused::Workbook(refusal) => {
            use crate::import::workbook::Refusal;
            let message = match refusal {
                Refusal::Password => said.password.to_owned(),
                Refusal::Inflates { at_least } => (said.inflates)(
                    at_least >> 20,
                    crate::import::workbook::INFLATED_LIMIT >> 20,
                ),
                Refusal::Damaged(detail) => (said.damaged)(&display(detail)),
                Refusal::NoSuchSheet { asked, sheets } => {
                    (said.no_such_sheet)(&display(asked), &display(&sheets.join(", ")))
                }
                Refusal::NoSheets => said.no_sheets.to_owned(),
            };
            format!("{file}: {message}")
        }
        Refused::Binary { line, column } => format!("{file}:{line}:{column}: {}", said.binary),
        Refused::Delimited(crate::import::delimited::Unreadable::OpenQuote { line, column }) => {
            format!("{file}:{line}:{column}: {}", said.open_quote)
        }
        Refused::Empty => format!("{file}: {}", said.empty),
        Refused::Columns(problem) => {
            use crate::import::columns::Problem;
            let message = match problem {
                Problem::NoHeader { needed } => {
                    let names: Vec<&str> = needed.iter().map(|f| f.name()).collect();
                    let joiner = match needed.first() {
                        Some(crate::import::columns::Field::Item) => ", ",
                        _ => said.or,
                    };
                    (said.no_header)(crate::import::columns::HEADER_ROWS, &names.join(joiner))
                }
                Problem::NoSuchColumn { column, titles } => {
                    (said.no_such_column)(&display(column), &display(&titles.join(", ")))
                }
                Problem::Twice {
                    field,
                    first,
                    second,
                } => (said.twice)(field.name(), &display(first), &display(second)),
            };
            format!("{file}: {message}")
        }
    }
}

/// What the preview describes.
pub struct Preview<'a> {
    pub file: &'a Path,
    pub dataset: &'a Path,
    /// The dataset does not exist yet: the import starts from the built-in one.
    pub from_builtin: bool,
    pub kind: Kind,
    pub read: &'a Read,
    pub outcome: &'a Outcome,
    /// Every record, not the first [`SHOWN`] of each section.
    pub full: bool,
}

/// Writes the preview: what was read and how, then what would change.
pub fn write_preview(preview: &Preview<'_>, out: &mut impl Write) -> io::Result<()> {
    let said = lang::import();
    let file = shown_path(preview.file).to_string();
    let what = match preview.kind {
        Kind::Cooperatives => said.cooperatives,
        Kind::Progress => said.progress,
    };
    let mut dataset = shown_path(preview.dataset).to_string();
    if preview.from_builtin {
        dataset.push_str(said.from_builtin);
    }
    writeln!(out, "{}", (said.importing)(&file, what, &dataset))?;
    match &preview.read.format {
        Format::Delimited {
            delimiter,
            encoding,
            forced,
        } => {
            let delimiter = match delimiter {
                '\t' => "tab".to_owned(),
                c => format!("“{c}”"),
            };
            writeln!(
                out,
                "{}",
                (said.delimited)(encoding.name(), &delimiter, *forced)
            )?;
        }
        Format::Workbook {
            format,
            sheet,
            sheets,
            legacy_cells,
        } => {
            writeln!(
                out,
                "{}",
                (said.workbook)(format.name(), &display(sheet), sheets.len())
            )?;
            for (encoding, cells) in legacy_cells {
                writeln!(out, "{}", (said.legacy_cells)(*cells, encoding.name()))?;
            }
        }
    }
    let samples = preview.read.samples(preview.kind);
    if !samples.is_empty() {
        let samples: Vec<String> = samples.iter().map(|s| display(s).into_owned()).collect();
        writeln!(out, "{}: {}", said.reads_as, samples.join(" · "))?;
    }
    let header = &preview.read.header;
    let header_place = preview.read.table.rows[header.row]
        .cells
        .first()
        .map(|c| c.place.describe())
        .unwrap_or_default();
    let columns: Vec<String> = header
        .columns
        .iter()
        .filter_map(|c| {
            let field = c.field?;
            let year = c.year.map(|y| format!(" {y}")).unwrap_or_default();
            Some(format!("{} → {}{year}", display(&c.title), field.name()))
        })
        .collect();
    writeln!(
        out,
        "{}: {}",
        (said.header_row)(&header_place),
        columns.join(", ")
    )?;
    let ignored: Vec<String> = header
        .ignored()
        .map(|c| {
            let letter = crate::import::table::column_letters(c.index as u32);
            format!("{} ({letter})", display(&c.title))
        })
        .collect();
    if !ignored.is_empty() {
        writeln!(out, "{}: {}", said.ignored, ignored.join(", "))?;
    }
    let outcome = preview.outcome;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        (said.totals)(
            outcome.added.len(),
            outcome.updated.len(),
            outcome.unchanged,
            outcome.rejected.len()
        )
    )?;
    let limit = if preview.full { usize::MAX } else { SHOWN };
    let sheet = preview.read.format.sheet();
    if !outcome.added.is_empty() {
        writeln!(out, "\n{}:", said.new_heading)?;
        for touched in outcome.added.iter().take(limit) {
            writeln!(out, "  + {}", record_line(touched))?;
        }
        more(out, outcome.added.len(), limit)?;
    }
    if !outcome.updated.is_empty() {
        writeln!(out, "\n{}:", said.updated_heading)?;
        for touched in outcome.updated.iter().take(limit) {
            writeln!(out, "  ~ {}", record_line(touched))?;
            for change in &touched.changes {
                writeln!(
                    out,
                    "      {}: {} → {}",
                    change.field,
                    shown_value(&change.old),
                    shown_value(&change.new)
                )?;
            }
        }
        more(out, outcome.updated.len(), limit)?;
    }
    if !outcome.rejected.is_empty() {
        writeln!(out, "\n{}:", said.rejected_heading)?;
        for rejected in outcome.rejected.iter().take(limit) {
            let message = display(&rejected.message);
            match rejected.place {
                Some(place) => writeln!(
                    out,
                    "  {}: {message}",
                    Address {
                        file: &file,
                        sheet,
                        place,
                    }
                )?,
                None => writeln!(out, "  {file}: {message}")?,
            }
        }
        more(out, outcome.rejected.len(), limit)?;
    }
    Ok(())
}

fn record_line(touched: &Touched) -> String {
    format!(
        "{}  {}  ({})",
        display(&touched.id),
        display(&touched.name),
        touched.place.describe()
    )
}

/// A value in a change line: on one line (a note's line breaks as spaces), `–` for nothing.
fn shown_value(text: &str) -> String {
    if text.is_empty() {
        return "–".to_owned();
    }
    one_line(text).into_owned()
}

fn more(out: &mut impl Write, total: usize, limit: usize) -> io::Result<()> {
    if total > limit {
        writeln!(out, "  {}", (lang::import().more)(total - limit))?;
    }
    Ok(())
}

/// One line for people on stdout; a reader that stopped reading (`| head`) is not an error,
/// and the import goes on as asked.
fn say(text: &str) -> Result<(), String> {
    to_stdout(|out| writeln!(out, "{text}").map(|()| true)).map(drop)
}

/// The dataset to import into, and whether it exists yet.
struct Target {
    path: PathBuf,
    dataset: Dataset,
    fingerprint: Option<save::Fingerprint>,
    exists: bool,
}

fn target(dataset: Option<PathBuf>) -> Result<Target, String> {
    let path = match dataset {
        Some(path) => path,
        None => {
            store::paths::default_dataset().ok_or_else(|| lang::cli().no_home_dataset.to_owned())?
        }
    };
    if path.exists() {
        let loaded = store::load(&path, &|_| {}).map_err(|err| err.to_string())?;
        return Ok(Target {
            path,
            dataset: loaded.dataset,
            fingerprint: loaded.fingerprint,
            exists: true,
        });
    }
    let dataset = super::source::builtin()?;
    Ok(Target {
        path,
        dataset,
        fingerprint: None,
        exists: false,
    })
}

/// `htx import` as `main` runs it.
pub fn import_command(args: ImportArgs) -> Result<ExitCode, String> {
    let said = lang::import();
    let kind = args.kind.kind();
    let map = args
        .map
        .iter()
        .map(|m| parse_map(kind, m))
        .collect::<Result<Vec<_>, _>>()?;
    let encoding = args.encoding.as_deref().map(parse_encoding).transpose()?;
    let options = Options {
        kind,
        sheet: args.sheet.clone(),
        encoding,
        map,
    };
    let target = target(args.file.clone())?;
    let read = import::read(&args.spreadsheet, &options)
        .map_err(|r| refused_message(&args.spreadsheet, &r))?;
    let author = Author {
        user: crate::terminal::user(),
        now: crate::terminal::now(),
    };
    let outcome = match kind {
        Kind::Cooperatives => records::cooperatives(&target.dataset, &read.table, &read.header),
        Kind::Progress => records::progress(&target.dataset, &read.table, &read.header, &author),
    };
    let asking = !args.dry_run && !args.yes && io::stdin().is_terminal();
    let preview = Preview {
        file: &args.spreadsheet,
        dataset: &target.path,
        from_builtin: !target.exists,
        kind,
        read: &read,
        outcome: &outcome,
        full: !asking,
    };
    to_stdout(|out| {
        write_preview(&preview, out)?;
        writeln!(out)?;
        Ok(true)
    })?;
    let changes = outcome.added.len() + outcome.updated.len();
    if !outcome.rejected.is_empty() && !args.skip_bad_rows {
        say(&(said.not_with_errors)(outcome.rejected.len()))?;
        return Ok(ExitCode::FAILURE);
    }
    if changes == 0 {
        say(said.nothing_to_do)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.dry_run {
        say(said.dry_run)?;
        return Ok(ExitCode::SUCCESS);
    }
    if !args.yes {
        if !asking {
            say(said.no_terminal)?;
            return Ok(ExitCode::FAILURE);
        }
        let question = (said.question)(changes, &shown_path(&target.path).to_string());
        to_stdout(|out| write!(out, "{question}").map(|()| true))?;
        let mut answer = String::new();
        io::stdin()
            .lock()
            .read_line(&mut answer)
            .map_err(|err| lang::io(&err))?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "c" | "C" | "có") {
            say(said.declined)?;
            return Ok(ExitCode::FAILURE);
        }
    }
    write(&target, &outcome)
}

/// The one write: a session's save of the imported dataset.
fn write(target: &Target, outcome: &Outcome) -> Result<ExitCode, String> {
    let said = lang::import();
    let shown = shown_path(&target.path).to_string();
    let (start, fingerprint) = if target.exists {
        (target.dataset.clone(), target.fingerprint)
    } else {
        // As on htx's first run: the user's dataset starts as the built-in one.
        store::write_new_text(&target.path, store::BUILTIN)
            .map_err(|err| (lang::cli().cannot_create_dataset)(&shown, &lang::io(&err)))?;
        let loaded = store::load(&target.path, &|_| {}).map_err(|err| err.to_string())?;
        (loaded.dataset, loaded.fingerprint)
    };
    let saved = save::save_changed(
        &target.path,
        fingerprint,
        &start,
        &outcome.dataset,
        &save::SaveOptions::default(),
    )
    .map_err(|err| err.to_string())?;
    match saved {
        save::Saved::Written { .. } => {}
        save::Saved::Merged { .. } => say(said.merged)?,
        save::Saved::Conflicts { conflicts } => {
            say(&(said.conflicts)(conflicts.len()))?;
            return Ok(ExitCode::FAILURE);
        }
    }
    say(&(said.written)(
        outcome.added.len(),
        outcome.updated.len(),
        &shown,
    ))?;
    Ok(ExitCode::SUCCESS)
}
