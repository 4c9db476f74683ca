//! Reading and writing data files: RON text in, a checked [`Dataset`] out, with every problem
//! reported at its line and column; writes that never truncate the only copy.

pub mod cache;
pub mod files;
pub(crate) mod hash;
mod locate;
pub mod paths;
pub mod progress;
pub mod save;
mod writer;

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

pub use locate::Position;

use crate::model::Dataset;
use crate::model::validate::validate;

/// The built-in dataset: the facts of the 21 June 2011 report, eleven provinces, illustrative
/// cooperatives and the year-end plan.
pub const BUILTIN: &str = include_str!("../../data/builtin.ron");

/// How deeply brackets may nest before a file is refused (the format needs six levels).
const NESTING_LIMIT: usize = 64;

/// One problem in a file, at a place a person can go to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub position: Position,
    pub message: String,
}

/// Why a file could not be opened as a dataset.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}", (crate::lang::errors().cannot_read)(&crate::text::shown_path(path).to_string(), &crate::lang::io(source)))]
    Read { path: PathBuf, source: io::Error },
    /// The file was read but is not a sound dataset; `problems` is sorted by position.
    #[error("{}", Located { path, problems })]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

/// `problems` as `FILE:LINE:COLUMN: message`, one a line (see [`Located`]).
pub fn located(path: &Path, problems: &[Problem]) -> String {
    Located { path, problems }.to_string()
}

/// Prints problems as `FILE:LINE:COLUMN: message`, one a line, as compilers do, so editors
/// and terminals can jump to them. Only the message is in the interface's language.
struct Located<'a> {
    path: &'a Path,
    problems: &'a [Problem],
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let Position { line, column } = problem.position;
            write!(
                f,
                "{}:{line}:{column}: {}",
                crate::text::shown_path(self.path),
                problem.message
            )?;
        }
        Ok(())
    }
}

/// The stages of a load, for a progress line on large files.
#[derive(Clone, Debug)]
pub enum Stage {
    Reading,
    /// With the count of bytes parsed, which moves while the parse runs.
    Parsing(progress::BytesParsed),
    Checking,
    /// After the store's part: the caller builds its indexes.
    Indexing,
}

/// A dataset read from disk, and what loading did to it.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    /// Strings rewritten to NFC on load; saving will write them composed.
    pub normalized: usize,
    /// The file as it was read, to notice another session's save later.
    pub fingerprint: Option<save::Fingerprint>,
}

/// Reads, parses, normalises and checks the file at `path`. Never writes to it.
pub fn load(path: &Path, progress: &dyn Fn(Stage)) -> Result<Loaded, LoadError> {
    progress(Stage::Reading);
    let read_error = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let (bytes, metadata) = files::read_regular(path, files::DATASET_LIMIT).map_err(read_error)?;
    let mut loaded = parse(&bytes, progress).map_err(|problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    })?;
    loaded.fingerprint = Some(save::Fingerprint::of_bytes(&bytes, &metadata));
    Ok(loaded)
}

/// Parses and checks the bytes of a data file.
pub fn parse(bytes: &[u8], progress: &dyn Fn(Stage)) -> Result<Loaded, Vec<Problem>> {
    // Notepad and Excel start UTF-8 files with a byte order mark; it is not part of the text.
    // Positions are counted from the text after it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        // `valid` is UTF-8 by construction; the fallback is never taken.
        let position = std::str::from_utf8(valid).map_or(Position { line: 1, column: 1 }, |v| {
            Position::of_offset(v, v.len())
        });
        vec![Problem {
            position,
            message: (crate::lang::errors().invalid_utf8)(
                bytes.get(err.valid_up_to()).copied().unwrap_or_default(),
            ),
        }]
    })?;
    let (parsed, tracking) = progress::track(text);
    progress(Stage::Parsing(parsed));
    let options = ron::Options::default().with_recursion_limit(NESTING_LIMIT);
    let mut dataset: Dataset = options
        .from_str(text)
        .map_err(|err| vec![parse_problem(&err)])?;
    drop(tracking);
    progress(Stage::Checking);
    let normalized = dataset.normalize_text();
    let problems = validate(&dataset);
    if problems.is_empty() {
        return Ok(Loaded {
            dataset,
            normalized,
            fingerprint: None,
        });
    }
    let wanted: HashSet<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    let places = locate::locate(text, &wanted);
    let mut located: Vec<Problem> = problems
        .into_iter()
        .map(|problem| Problem {
            position: places
                .get(&problem.path)
                .copied()
                .unwrap_or(Position { line: 1, column: 1 }),
            message: (crate::lang::errors().at_path)(&problem.message, &problem.path),
        })
        .collect();
    located.sort_by_key(|p| p.position);
    Err(located)
}

/// Where each entry of the `conflicts` list of a data file starts, in order: for `htx check`,
/// which reports each as `FILE:LINE:COLUMN: conflict: …`. `bytes` are the file's, as read.
pub fn conflict_positions(bytes: &[u8], count: usize) -> Vec<Position> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let paths: Vec<String> = (0..count).map(|at| format!("conflicts[{at}]")).collect();
    let wanted: HashSet<&str> = paths.iter().map(String::as_str).collect();
    let places = locate::locate(&text, &wanted);
    paths
        .iter()
        .map(|path| {
            places
                .get(path)
                .copied()
                .unwrap_or(Position { line: 1, column: 1 })
        })
        .collect()
}

/// Turns ron's error into a message that says what to do.
fn parse_problem(err: &ron::error::SpannedError) -> Problem {
    use ron::Error as E;
    let position = Position {
        line: err.span.start.line.max(1),
        column: err.span.start.col.max(1),
    };
    let said = crate::lang::errors();
    let hint = match &err.code {
        E::Eof => said.hint_ends_early,
        E::NoSuchStructField { .. } => said.hint_unknown_field,
        E::MissingStructField { .. } => said.hint_missing_field,
        E::ExceededRecursionLimit => said.hint_too_deep,
        _ => "",
    };
    Problem {
        position,
        message: format!("{}{hint}", (said.ron)(&err.code)),
    }
}

/// Writes `dataset` to `path` only if nothing is there, atomically (see [`files::write_new`]).
pub fn write_new(path: &Path, dataset: &Dataset) -> io::Result<()> {
    let text = to_ron_string(dataset).map_err(io::Error::other)?;
    write_new_text(path, &text)
}

/// [`write_new`] for text already in the file format (the built-in dataset as it ships).
/// The folder is created if needed; the file's mode is `0666` less the umask, as for any new
/// file.
pub fn write_new_text(path: &Path, text: &str) -> io::Result<()> {
    let dir = files::folder_of(path);
    fs::create_dir_all(&dir).map_err(|err| {
        io::Error::new(
            err.kind(),
            (crate::lang::errors().cannot_create_folder)(
                &crate::text::shown_path(&dir).to_string(),
                &crate::lang::io(&err),
            ),
        )
    })?;
    files::write_new(path, 0o666, |file| file.write_all(text.as_bytes())).map(drop)
}

/// The RON layout every file `htx` writes uses: one field per line, four-space indent,
/// no struct names, so the same data always gives the same bytes. Strings are written as they
/// are (raw `r#"…"#` strings when they hold a quote or a backslash): ron's escaping is the main
/// cost of writing a large file, and the parser reads both forms back to the same text.
///
/// The bytes are those of ron's pretty printer with that layout, plus a final line break, but
/// written by hand without serde (a quarter of ron's time on a large file, most of it the
/// memory of the text); this never fails today. The `Result` stays for callers written against
/// ron's serializer.
pub fn to_ron_string(dataset: &Dataset) -> Result<String, ron::Error> {
    Ok(writer::write_dataset(dataset))
}

/// The built-in dataset, parsed.
pub fn builtin() -> Result<Dataset, Vec<Problem>> {
    parse(BUILTIN.as_bytes(), &|_| {}).map(|loaded| loaded.dataset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_dataset_loads_clean() {
        let dataset = builtin().unwrap();
        assert_eq!(dataset.provinces.len(), 11);
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.ron");
        write_new_text(&path, "first").unwrap();
        let err = write_new_text(&path, "second").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary file left behind"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), BUILTIN.as_bytes()].concat();
        assert_eq!(
            parse(&with_bom, &|_| {}).unwrap().dataset,
            builtin().unwrap()
        );
    }

    #[test]
    fn problems_are_said_in_the_interface_language_at_the_same_place() {
        let text = BUILTIN.replacen("schema_version: 1", "schema_version: 7", 1);
        let english = parse(text.as_bytes(), &|_| {}).unwrap_err();
        crate::lang::pin(crate::lang::Lang::Vi);
        let vietnamese = parse(text.as_bytes(), &|_| {}).unwrap_err();
        assert_eq!(vietnamese[0].position, english[0].position);
        assert_eq!(
            vietnamese[0].message,
            "không đọc được schema_version 7; bản htx này đọc phiên bản 1 (tại schema_version)"
        );
        // Cut at a line's end, so the file ends between values, not inside a string.
        let half = BUILTIN[..BUILTIN.len() / 2].rfind('\n').unwrap();
        let cut = &BUILTIN.as_bytes()[..half];
        let problems = parse(cut, &|_| {}).unwrap_err();
        assert!(
            problems[0]
                .message
                .starts_with("hết tệp giữa chừng; tệp có trống hay bị cắt"),
            "{problems:?}"
        );
        let err = load(Path::new("/nonexistent/htx.ron"), &|_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/nonexistent/htx.ron: không đọc được: không có tệp hay thư mục này (mã lỗi 2)"
        );
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_place() {
        let problems = parse(b"(\n  name: \"ab\xFFcd\"", &|_| {}).unwrap_err();
        assert_eq!(
            problems[0].position,
            Position {
                line: 2,
                column: 12
            }
        );
        assert!(problems[0].message.contains("UTF-8"));
    }
}
