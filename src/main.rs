//! The `htx` command: parses the command line, loads and checks the data before the terminal
//! is touched, then runs the full-screen session.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::ffi::OsString;
use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand};

use htx::app::{App, CacheWrite, StartCache};
use htx::cli;
use htx::lang::Lang;
use htx::store::cache::Opened;
use htx::store::save::Journal;
use htx::store::{self, LoadError, Loaded, Stage};
use htx::terminal::{self, Exit};
use htx::text::shown_path;

mod recovery;

/// The plan book of the provincial Cooperative Alliances, in a terminal.
///
/// With no FILE, opens your dataset in the data directory (created from the built-in dataset
/// on first run).
#[derive(Parser)]
#[command(name = "htx", version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// The interface's language: vi (tiếng Việt) or en (English); by default the config's
    /// `lang`, else the environment's (LC_ALL, LC_MESSAGES, LANG).
    // Declared for `--help` and its checks only: `main` takes `--lang` out of the arguments
    // before clap reads them (`lang_asked`), so this field is never set.
    #[arg(long, global = true, value_name = "LANG", value_parser = ["vi", "en"])]
    lang: Option<String>,
    /// Data file to open (RON). A file named like a command needs a path: ./check
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Write the built-in dataset to PATH (default: your dataset); never writes over a file.
    Init { path: Option<PathBuf> },
    /// Check FILE and print a one-line summary, or every problem as FILE:LINE:COLUMN: message.
    Check { file: PathBuf },
    /// Search the data; print the matches best first, one a line: KIND, ID, LABEL, FIELD,
    /// TEXT separated by tabs. Exit 1 when nothing matches.
    Find {
        /// What to look for; without marks it matches loosely ("nam dinh" finds "Nam Định").
        query: String,
        /// Only records of this kind; repeat for several.
        #[arg(long, value_enum, value_name = "KIND")]
        kind: Vec<cli::KindArg>,
        /// Print at most N matches.
        #[arg(long, value_name = "N", default_value_t = cli::DEFAULT_LIMIT,
              value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        /// Print a JSON array of {kind, id, label, field, text, level, highlight}.
        #[arg(long)]
        json: bool,
        /// Data file (default: your dataset, or the built-in one if you have none yet).
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// List the provinces, the cooperatives, the plan items or the progress entries, as a
    /// table, CSV or JSON.
    /// Exit 1 when the list is empty.
    List {
        /// What to list.
        #[arg(value_enum)]
        what: cli::Listing,
        /// Only this province (by code): its row, its cooperatives, its plan statuses, or its
        /// progress entries.
        #[arg(long, value_name = "CODE")]
        province: Option<String>,
        /// How to print the rows.
        #[arg(long, value_enum, default_value_t = cli::Format::Table)]
        format: cli::Format,
        /// With the table format: every cell in full (by default a cell is cut at 60 columns
        /// with …).
        #[arg(long)]
        wide: bool,
        /// With --format csv: cells that start with = + - @ tab or CR as they are (by default
        /// they get a leading ' so that a spreadsheet shows them as text, not as a formula).
        #[arg(long)]
        csv_formulas: bool,
        /// Data file (default: your dataset, or the built-in one if you have none yet).
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Print the default config (every setting, the whole keymap), or check a config file.
    /// The config is $XDG_CONFIG_HOME/htx/config.ron (by default ~/.config/htx/config.ron).
    #[command(group(clap::ArgGroup::new("what").required(true).args(["default", "check"])))]
    Config {
        /// Print the full default config: every setting at its default, every key of every
        /// mode with its command's doc. It parses back to exactly the defaults.
        #[arg(long)]
        default: bool,
        /// Check FILE (by default the config in use) and print `FILE: ok` and a summary, or
        /// its first problem as FILE:LINE:COLUMN: message (exit 1).
        #[arg(long, value_name = "FILE")]
        check: Option<Option<PathBuf>>,
    },
    /// Import cooperatives (or, with --kind progress, the plan's progress) from a spreadsheet:
    /// CSV, TSV, Excel's "Unicode text", XLSX, XLS or ODS, in any Vietnamese encoding. Shows
    /// what would change, asks, then saves once as a session does. Exit 1 when nothing was
    /// written.
    Import(cli::ImportArgs),
    /// Export the cooperatives, the plan items and the progress of every province as an XLSX
    /// workbook (a sheet each), or one of them as CSV, with the columns of `htx list`; `htx
    /// import` reads them back. Without -o, writes to stdout.
    Export(cli::ExportArgs),
    /// Write the year-end progress report of the plan, or of one province, as Markdown, HTML
    /// or text, on stdout or to a file (-o).
    Report(cli::ReportArgs),
    /// Merge three versions of a data file record by record, as git's merge driver: BASE
    /// (the common ancestor), OURS (written over with the result) and THEIRS. Conflicts stay
    /// in the file as data, never as text markers. Exit 0 when clean, 1 with conflicts, 129
    /// when a version is not a dataset.
    Merge(cli::MergeArgs),
    /// Print one record in full: a province code, a cooperative id, a plan item id, or
    /// ITEM/PROVINCE for a province's progress on an item. Exit 1 when no record has the id.
    Show {
        #[arg(required_unless_present = "textconv")]
        id: Option<String>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// Data file (default: your dataset, or the built-in one if you have none yet).
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Print every record of FILE as one line per field, `KIND ID FIELD: VALUE`, for `git
        /// diff` (git's diff.htx.textconv); a FILE that is not a dataset is printed as it is.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["id", "json", "file"])]
        textconv: Option<PathBuf>,
    },
    /// Keep datasets in git: `htx git setup` makes git merge them record by record (through
    /// `htx merge`) and show their diffs field by field.
    #[command(subcommand_required = true, arg_required_else_help = true)]
    Git {
        #[command(subcommand)]
        action: GitCommand,
    },
    /// The history of one record from the git log of the data file, newest first: a row per
    /// changed field, `date author commit field old → new`, the date the author's, in UTC
    /// (YYYY-MM-DD HH:MM). ID as for `htx show`. Exit 1 when the file is not in git or no
    /// version has the id.
    History {
        /// The record's id: a province code, a cooperative id, a plan item id, or
        /// ITEM/PROVINCE.
        id: String,
        /// How to print the rows (columns date, author, commit, field, old, new).
        #[arg(long, value_enum, default_value_t = cli::Format::Table)]
        format: cli::Format,
        /// Data file, in a git work tree (default: your dataset).
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum GitCommand {
    /// Set up this git work tree for htx datasets: a line `/PATH merge=htx diff=htx` in
    /// .gitattributes per dataset, and merge.htx.driver, merge.htx.name and diff.htx.textconv
    /// in the repository's config. What is set up already is left as it is.
    Setup {
        /// The datasets (default: the *.ron files git tracks or would add that are htx
        /// datasets).
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let (lang, args) = lang_asked(std::env::args_os().collect());
    match lang {
        Ok(lang) => htx::lang::choose(lang),
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    }
    let matches = command().get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    let result = match cli.command {
        Some(Command::Init { path }) => init(path),
        Some(Command::Check { file }) => check(&file),
        Some(Command::Find {
            query,
            kind,
            limit,
            json,
            file,
        }) => cli::find_command(file, &query, &kind, limit, json),
        Some(Command::List {
            what,
            province,
            format,
            wide,
            csv_formulas,
            file,
        }) => {
            let options = cli::ListOptions {
                format,
                wide,
                csv_formulas,
            };
            list_options_make_sense(options);
            cli::list_command(file, what, province.as_deref(), options)
        }
        Some(Command::Show {
            id,
            json,
            file,
            textconv,
        }) => match (textconv, id) {
            (Some(path), _) => cli::textconv_command(&path),
            (None, Some(id)) => cli::show_command(file, &id, json),
            (None, None) => usage_error(
                "show",
                clap::error::ErrorKind::MissingRequiredArgument,
                "ID",
            ),
        },
        Some(Command::Git {
            action: GitCommand::Setup { files },
        }) => cli::git_setup_command(&files),
        Some(Command::History { id, format, file }) => cli::history_command(file, &id, format),
        Some(Command::Report(args)) => cli::report_command(args),
        Some(Command::Import(args)) => {
            if let Err(problem) = cli::check_import_args(&args) {
                usage_error("import", clap::error::ErrorKind::InvalidValue, &problem);
            }
            cli::import_command(args)
        }
        Some(Command::Export(args)) => {
            let terminal = std::io::stdout().is_terminal();
            if let Err(problem) = cli::check_export_args(&args, terminal) {
                usage_error("export", clap::error::ErrorKind::ArgumentConflict, problem);
            }
            cli::export_command(&args)
        }
        Some(Command::Merge(args)) => return cli::merge_command(&args),
        Some(Command::Config { default, check }) => config_command(default, check),
        None => open(cli.file),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The command line as clap parses it and prints its help: clap's English, or with every text
/// a person reads in the interface's language.
fn command() -> clap::Command {
    match htx::lang::current().help() {
        Some(help) => htx::lang::help::localize(Cli::command(), help),
        None => Cli::command(),
    }
}

/// The interface's language: `--lang`, else the config's `lang`, else the environment's; and
/// the arguments without `--lang`. It is taken out before the command line is parsed, since
/// `--help` speaks it and it may stand anywhere (`htx --lang vi list plan`).
fn lang_asked(args: Vec<OsString>) -> (Result<Lang, String>, Vec<OsString>) {
    let mut rest = Vec::with_capacity(args.len());
    let mut given = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--") => {
                rest.push(arg);
                rest.extend(args.by_ref());
            }
            Some("--lang") => given = Some(args.next().unwrap_or_default()),
            Some(text) if text.starts_with("--lang=") => {
                given = Some(text["--lang=".len()..].into());
            }
            _ => rest.push(arg),
        }
    }
    (lang_of(given), rest)
}

fn lang_of(given: Option<OsString>) -> Result<Lang, String> {
    let environment = || Lang::of_environment(|name| std::env::var(name).ok());
    match given {
        Some(given) => {
            let given = given.to_string_lossy().into_owned();
            Lang::parse(&given).ok_or_else(|| (environment().cli().unknown_lang)(&given))
        }
        None => Ok(htx::config::lang().unwrap_or_else(environment)),
    }
}

/// Exits with a usage error (2) when a `list` flag does not apply to the format asked for, rather
/// than silently ignoring it.
fn list_options_make_sense(options: cli::ListOptions) {
    let said = htx::lang::cli();
    let problem = match options {
        cli::ListOptions {
            wide: true, format, ..
        } if format != cli::Format::Table => said.wide_only_table,
        cli::ListOptions {
            csv_formulas: true,
            format,
            ..
        } if format != cli::Format::Csv => said.csv_formulas_only_csv,
        _ => return,
    };
    usage_error("list", clap::error::ErrorKind::ArgumentConflict, problem);
}

/// Says a usage problem that clap cannot see as clap says its own, with the usage of
/// `subcommand` (not of htx as a whole), and exits 2.
fn usage_error(subcommand: &str, kind: clap::error::ErrorKind, problem: &str) -> ! {
    let mut command = command();
    command.build();
    let error = match command.find_subcommand_mut(subcommand) {
        Some(sub) => sub.error(kind, problem),
        None => command.error(kind, problem),
    };
    error.exit();
}

fn default_path() -> Result<PathBuf, String> {
    store::paths::default_dataset().ok_or_else(|| htx::lang::cli().no_home_dataset.to_string())
}

fn init(path: Option<PathBuf>) -> Result<ExitCode, String> {
    let path = match path {
        Some(path) => path,
        None => default_path()?,
    };
    store::write_new_text(&path, store::BUILTIN)
        .map_err(|err| format!("{}: {}", shown_path(&path), htx::lang::io(&err)))?;
    say(&(htx::lang::cli().wrote_builtin)(
        &shown_path(&path).to_string(),
    ));
    Ok(ExitCode::SUCCESS)
}

fn check(path: &Path) -> Result<ExitCode, String> {
    let Loaded {
        dataset,
        normalized,
        ..
    } = load(path, false, |opened| opened.loaded)?;
    if dataset.conflicts.is_empty() {
        let entries: usize = dataset
            .plan
            .items
            .iter()
            .map(|item| item.progress.len())
            .sum();
        let said = htx::lang::cli();
        say(&(said.check_ok)(
            &shown_path(path).to_string(),
            htx::lang::cli::Counts {
                provinces: dataset.provinces.len(),
                sectors: dataset.sectors.len(),
                cooperatives: dataset.cooperatives.len(),
                plan_items: dataset.plan.items.len(),
                progress_entries: entries,
            },
        ));
        if normalized > 0 {
            say(&(said.not_nfc_note)(
                &shown_path(path).to_string(),
                normalized,
            ));
        }
        return Ok(ExitCode::SUCCESS);
    }
    // Conflicts a merge kept in the file: each at its place, as a compiler reports errors.
    let bytes = htx::store::files::read_regular(path, htx::store::files::DATASET_LIMIT)
        .map(|(bytes, _)| bytes)
        .unwrap_or_default();
    let places = store::conflict_positions(&bytes, dataset.conflicts.len());
    let problems: Vec<store::Problem> = dataset
        .conflicts
        .iter()
        .zip(places)
        .map(|(conflict, position)| store::Problem {
            position,
            message: format!(
                "conflict: {}",
                cli::one_line(&htx::lang::merge::describe(conflict))
            ),
        })
        .collect();
    say(&store::located(path, &problems));
    eprintln!(
        "{}",
        (htx::lang::merge::merge().check_conflicts)(
            &shown_path(path).to_string(),
            dataset.conflicts.len()
        )
    );
    Ok(ExitCode::FAILURE)
}

/// Prints a line on stdout; a closed pipe (`htx check big.ron | head -0`) is not an error.
fn say(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// `htx config --default` and `htx config --check [FILE]`.
fn config_command(default: bool, check: Option<Option<PathBuf>>) -> Result<ExitCode, String> {
    if default {
        let _ = std::io::stdout()
            .lock()
            .write_all(htx::config::default_text().as_bytes());
        return Ok(ExitCode::SUCCESS);
    }
    let said = htx::lang::cli();
    let (path, named) = match check.flatten() {
        Some(path) => (path, true),
        None => match htx::config::path() {
            Some(path) => (path, false),
            None => {
                say(said.no_home_config);
                return Ok(ExitCode::SUCCESS);
            }
        },
    };
    match htx::config::read(&path)? {
        Some(config) => say(&(said.config_ok)(
            &shown_path(&path).to_string(),
            &config.summary(htx::config::no_color()),
        )),
        None if named => return Err((said.config_no_such_file)(&shown_path(&path).to_string())),
        None => say(&(said.config_defaults_apply)(
            &shown_path(&path).to_string(),
        )),
    }
    Ok(ExitCode::SUCCESS)
}

/// The user's config, read before anything else is done: a broken one stops htx before the
/// terminal is touched.
fn user_config() -> Result<htx::config::Config, String> {
    match htx::config::path() {
        Some(path) => htx::config::load(&path),
        None => Ok(htx::config::Config::default()),
    }
}

fn open(file: Option<PathBuf>) -> Result<ExitCode, String> {
    let config = user_config()?;
    // Where the full screen cannot work, htx stops before it writes a first dataset or asks
    // about unsaved edits, but after a named file is read, so a broken file is still reported
    // from a script. ASCII only where lines and blocks would come out as garbage.
    let terminal = terminal::check();
    let said = htx::lang::cli();
    let mut first_run = None;
    let path = match file {
        Some(path) => path,
        None => {
            let path = default_path()?;
            if !path.exists() {
                terminal.clone()?;
                store::write_new_text(&path, store::BUILTIN).map_err(|err| {
                    (said.cannot_create_dataset)(
                        &shown_path(&path).to_string(),
                        &htx::lang::io(&err),
                    )
                })?;
                let note = (said.first_run)(&shown_path(&path).to_string());
                eprintln!("htx: {note}");
                first_run = Some(note);
            }
            path
        }
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // The index (sorting 100k names, unless the cache kept the orders) is built on the loading
    // thread too, under the progress line.
    let (mut app, normalized, base, cache) = load(&path, true, move |opened| {
        let Opened {
            loaded,
            stamp,
            orders,
            cached,
            has_index,
        } = opened;
        let app = App::with_orders(loaded.dataset, name, orders.as_ref());
        let fresh_orders = app.index.orders();
        // The cache is written again once the search index is built if it lacked anything.
        let complete = cached && has_index && orders.as_ref() == Some(&fresh_orders);
        let cache = stamp
            .zip(loaded.fingerprint)
            .map(|(stamp, fingerprint)| StartCache {
                stamp,
                version: app.data_version,
                has_index,
                complete,
                write: CacheWrite {
                    fingerprint,
                    normalized: loaded.normalized,
                    orders: fresh_orders,
                },
            });
        (app, loaded.normalized, loaded.fingerprint, cache)
    })?;
    let capabilities = terminal?;
    app.user = terminal::user();
    app.message = first_run.or_else(|| (normalized > 0).then(|| (said.not_nfc_shown)(normalized)));
    let mut no_journal = None;
    let journal = store::paths::state_dir().and_then(|dir| match Journal::open(&dir, &path) {
        Ok(journal) => Some(journal),
        Err(err) => {
            let problem = (said.no_journal)(&shown_path(&dir).to_string(), &htx::lang::io(&err));
            eprintln!("htx: {problem}");
            no_journal = Some(problem);
            None
        }
    });
    if let Some(journal) = &journal {
        recovery::offer(journal, &path, &mut app)?;
    }
    // Temporary files of earlier htx processes that were killed while saving this file.
    htx::store::save::remove_leftovers(&path);
    let target = htx::store::files::resolve_link(&path).unwrap_or_else(|_| path.clone());
    if std::fs::metadata(&target).is_ok_and(|m| !htx::store::files::writable(&target, &m)) {
        app.message = Some((said.read_only_file)(&app.source));
    }
    if let Some(problem) = no_journal {
        app.message = Some(problem);
    }
    app.keymap = Arc::new(config.keymap());
    app.theme = config.theme(htx::config::no_color());
    let autosave = config
        .autosave_seconds
        .map(|seconds| std::time::Duration::from_secs(u64::from(seconds)));
    let session = terminal::Session {
        path,
        base,
        journal,
        autosave,
        mouse: config.mouse,
        cache,
    };
    if capabilities.ascii {
        app.theme = app.theme.clone().in_ascii();
    }
    let keymap = Arc::clone(&app.keymap);
    let exit = terminal::run(&mut app, &keymap, session)
        .map_err(|err| (said.terminal_error)(&htx::lang::io(&err)))?;
    Ok(match exit {
        Exit::Quit => ExitCode::SUCCESS,
        Exit::Signal(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
    })
}

/// Loads `path` (from its cache if `cached` and the cache is current) and hands it to
/// `finish`, on a worker thread; if that takes a moment, shows a
/// progress line on stderr (before the full screen starts, so problems are printed in the
/// ordinary terminal).
fn load<T: Send + 'static>(
    path: &Path,
    cached: bool,
    finish: impl FnOnce(Opened) -> T + Send + 'static,
) -> Result<T, String> {
    let stage: Arc<Mutex<Option<Stage>>> = Arc::default();
    let (done, result) = mpsc::channel();
    let worker_path = path.to_owned();
    let worker_stage = Arc::clone(&stage);
    thread::spawn(move || {
        let progress = |s: Stage| {
            if let Ok(mut stage) = worker_stage.lock() {
                *stage = Some(s);
            }
        };
        let opened = if cached {
            store::cache::open(&worker_path, &progress)
        } else {
            store::load(&worker_path, &progress).map(Opened::parsed)
        };
        let outcome = opened.map(|loaded| {
            progress(Stage::Indexing);
            finish(loaded)
        });
        let _ = done.send(outcome);
    });
    let started = Instant::now();
    let show = std::io::stderr().is_terminal();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut shown = false;
    // A large file gets its progress line at once; a small one only if it is unexpectedly slow.
    let mut wait = Duration::from_millis(if size > 4_000_000 { 5 } else { 100 });
    let outcome = loop {
        match result.recv_timeout(wait) {
            Ok(outcome) => break outcome,
            Err(mpsc::RecvTimeoutError::Timeout) if show => {
                let what = stage
                    .lock()
                    .ok()
                    .and_then(|stage| stage.clone())
                    .unwrap_or(Stage::Reading);
                let columns = ratatui::crossterm::terminal::size().map_or(80, |(w, _)| w);
                let line = |shown: &str| {
                    (htx::lang::cli().loading)(
                        shown,
                        size as f64 / 1e6,
                        &what,
                        started.elapsed().as_secs_f64(),
                    )
                };
                let path = shown_path(path).to_string();
                eprint!("\r\x1b[2K{}", fitted(&line, &path, usize::from(columns)));
                let _ = std::io::stderr().flush();
                shown = true;
                wait = Duration::from_millis(100);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err((htx::lang::cli().loader_stopped)(
                    &shown_path(path).to_string(),
                ));
            }
        }
    };
    if shown {
        eprint!("\r\x1b[2K");
    }
    outcome.map_err(|err| match err {
        LoadError::Read { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
            (htx::lang::cli().no_such_dataset)(&shown_path(&path).to_string())
        }
        other => other.to_string(),
    })
}

/// The progress line `line` makes of `path`, within `columns` - 1 columns (a line that wraps
/// cannot be written over): the path loses its start, keeping the file's name, as far as it
/// must.
fn fitted(line: &dyn Fn(&str) -> String, path: &str, columns: usize) -> String {
    use unicode_width::UnicodeWidthStr as _;
    let room = columns.saturating_sub(1);
    let whole = line(path);
    let over = whole.width().saturating_sub(room);
    if over == 0 {
        return whole;
    }
    // Chars off the path's start until it is `over` columns (and the `…`) narrower.
    let keep = path.width().saturating_sub(over + 1);
    let mut tail = path;
    while tail.width() > keep {
        let mut chars = tail.chars();
        chars.next();
        tail = chars.as_str();
    }
    let shortened = line(&format!("…{tail}"));
    htx::text::truncate(&shortened, room).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use htx::lang::help;

    #[test]
    fn the_loading_line_fits_the_terminal_keeping_the_file_name() {
        use unicode_width::UnicodeWidthStr as _;
        let line =
            |path: &str| format!("htx: đang mở {path} (600,7 MB): đang phân tích 42%… 4,0 giây");
        let path = "/srv/liên-minh/dữ-liệu/toàn-quốc/g1000000.ron";
        assert_eq!(fitted(&line, path, 200), line(path));
        let fit = fitted(&line, path, 80);
        assert_eq!(fit.width(), 79, "{fit}");
        assert!(fit.starts_with("htx: đang mở …"), "{fit}");
        assert!(fit.contains("toàn-quốc/g1000000.ron (600,7 MB)"), "{fit}");
        assert!(fit.ends_with("42%… 4,0 giây"), "{fit}");
        // Too narrow even for the rest: cut, still within the line.
        assert!(fitted(&line, path, 20).width() <= 19);
        assert_eq!(fitted(&line, path, 0), "");
    }

    /// The command line as clap completes it: with its own help and version flags and `help`.
    fn built() -> clap::Command {
        let mut command = Cli::command();
        command.build();
        command
    }

    #[test]
    fn every_command_and_argument_has_its_vietnamese_help() {
        assert_eq!(help::missing(&built(), &help::VI), Vec::<String>::new());
    }

    /// Every `-h` and `--help` page, of htx and of each command, in Vietnamese.
    fn vietnamese_pages() -> Vec<(String, String)> {
        let mut command = help::localize(Cli::command(), &help::VI);
        let names: Vec<String> = command
            .get_subcommands()
            .map(|sub| sub.get_name().to_string())
            .collect();
        let mut pages = vec![
            ("htx -h".to_string(), command.render_help().to_string()),
            (
                "htx --help".to_string(),
                command.render_long_help().to_string(),
            ),
        ];
        for name in names {
            if let Some(sub) = command.find_subcommand_mut(&name) {
                pages.push((format!("htx {name} -h"), sub.render_help().to_string()));
                pages.push((
                    format!("htx {name} --help"),
                    sub.render_long_help().to_string(),
                ));
            }
        }
        pages
    }

    #[test]
    fn the_vietnamese_help_has_none_of_claps_english_words() {
        let english = [
            "Usage",
            "Commands:",
            "Arguments:",
            "Options:",
            "OPTIONS",
            "COMMAND",
            "Print",
            "[default",
            "[possible",
            "Possible values",
            "FILE",
            "PATH",
            "QUERY",
        ];
        for (page, text) in vietnamese_pages() {
            assert!(text.contains("Cách dùng: htx"), "{page}:\n{text}");
            for word in english {
                assert!(!text.contains(word), "{page} says {word:?}:\n{text}");
            }
        }
    }

    #[test]
    fn the_vietnamese_help_keeps_the_defaults_and_the_values_clap_would_show() {
        let pages = vietnamese_pages();
        let find = pages.iter().find(|(page, _)| page == "htx find -h");
        let (_, find) = find.expect("htx find has a help page");
        assert!(
            find.contains("In nhiều nhất N kết quả [mặc định: 20]"),
            "{find}"
        );
        assert!(
            find.contains("[giá trị: province, cooperative, plan]"),
            "{find}"
        );
        let json = find.lines().find(|line| line.contains("--json"));
        assert!(
            json.is_some_and(|line| !line.contains("mặc định")),
            "a flag shows no default, as in clap's English: {find}"
        );
    }
}
