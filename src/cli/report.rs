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

/// What `htx report` was asked for.
#[derive(Clone, Debug, Default)]
pub struct ReportArgs {
    pub file: Option<PathBuf>,
    pub format: ReportFormat,
    pub province: Option<String>,
    pub output: Option<PathBuf>,
    /// The day overdue items are counted against; today when not given.
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
    let dataset = load_dataset(&Source::resolve(args.file))?;
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
