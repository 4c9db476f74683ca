//! `htx report`: loads the data, builds the [`crate::report::Report`] for today (or the day
//! asked), writes it as Markdown, text or HTML on stdout or, atomically, to `-o FILE`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::output::{to_stdout, write_file};
use super::source::{Source, load_dataset};
use crate::model::{Dataset, Date};
use crate::report::{self, Options, ReportError};

/// How `htx report` writes the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// GitHub-flavoured Markdown.
    #[default]
    Md,
    /// One self-contained HTML file, with its charts, for the browser and for print.
    Html,
    /// Plain text, aligned, for a terminal or an e-mail.
    Txt,
}

/// What the command line asked for (`htx report --help`).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ReportArgs {
    /// Data file (default: your dataset, or the built-in one if you have none yet).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Data file, as `list` and `show` take it (the same as FILE).
    #[arg(long = "file", value_name = "FILE", conflicts_with = "file")]
    pub file_flag: Option<PathBuf>,
    /// How to write the report: md (Markdown), html (one file, with charts, prints on A4) or
    /// txt (plain text).
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Only this province (by code): its column of the plan, its notes, its figures beside
    /// the region's.
    #[arg(long, value_name = "CODE")]
    pub province: Option<String>,
    /// Write the report to FILE (replaced whole, atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The day items are overdue against, as 2011-12-31 or 31/12/2011 (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_report_date)]
    pub date: Option<Date>,
}

/// `--date`: `2011-12-31` or `31/12/2011`.
pub fn parse_report_date(text: &str) -> Result<Date, String> {
    match crate::model::parse_written_date(text.trim(), '/', true) {
        Some(date) => date,
        None => text.trim().parse(),
    }
}

/// The report of `dataset` as `format` writes it, in the current language.
pub fn report_text(
    dataset: &Dataset,
    format: ReportFormat,
    options: Options<'_>,
) -> Result<String, ReportError> {
    let built = report::build(dataset, options)?;
    Ok(match format {
        ReportFormat::Md => report::md::render(&built),
        ReportFormat::Html => report::html::render(&built),
        ReportFormat::Txt => report::txt::render(&built),
    })
}

/// `htx report`: exit 0 with the report written, 1 (and why on stderr) when the data
/// cannot be read, the province is unknown or the output cannot be written.
pub fn report_command(args: ReportArgs) -> Result<ExitCode, String> {
    let said = crate::lang::report();
    let today = match args.date {
        Some(date) => date,
        None => crate::terminal::now()
            .map(|now| now.date())
            .ok_or_else(|| said.no_clock.to_string())?,
    };
    let dataset = load_dataset(&Source::resolve(args.file.or(args.file_flag)))?;
    let options = Options {
        province: args.province.as_deref(),
        today,
    };
    let text = report_text(&dataset, args.format, options).map_err(|err| err.to_string())?;
    match &args.output {
        Some(path) => write_file(path, text.as_bytes())?,
        None => {
            to_stdout(|out| out.write_all(text.as_bytes()).map(|()| true))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
