//! `htx history ID`: what changed in one record, commit by commit, from the git log of the
//! data file.
//!
//! For each commit that touched the file, newest first (`git log -- FILE`), the record as
//! that commit has it is compared with the record as its first parent has it (nothing, for a
//! root commit), field by field on the lines of `htx show --textconv`
//! ([`super::textconv`]); a field that differs is a row. In a merge commit a field is a row
//! only when its value is in none of the parents, so a change is told once, at the commit
//! that made it, and a merge shows only what its author settled by hand. The versions are
//! read through one `git cat-file --batch`.
//!
//! A row is `date author commit field old new`: the author date in UTC as
//! `YYYY-MM-DD HH:MM`, the author's name, the short commit hash, the field (dotted for a
//! nested record, `record` when the record itself was added or deleted), the value before
//! and after as the textconv writes it (`-`, empty or `null` for none; a list's elements
//! joined with `; `). As a table (by default, with a `→` between old and new), CSV or JSON,
//! like `htx list`.

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};

use super::Format;
use super::git::{git, git_command, git_said, spawn_error, work_tree_top};
use super::output::{
    Table, Value, exit, note, text, to_stdout, write_csv, write_json_rows, write_table,
};
use super::textconv::{Record, parse_lenient, records};
use crate::text::shown_path;

/// The kinds of record an id may name, in the order `htx show` looks them up.
const KINDS: [&str; 4] = ["province", "cooperative", "item", "progress"];

/// One commit of the file's log.
#[derive(Clone, Debug)]
struct Commit {
    hash: String,
    parents: Vec<String>,
    short: String,
    author: String,
    date: String,
}

/// One changed field.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// `htx history ID [--file FILE]`.
pub fn history_command(
    file: Option<PathBuf>,
    id: &str,
    format: Format,
) -> Result<ExitCode, String> {
    let said = crate::lang::cli();
    let path = match file {
        Some(path) => path,
        None => crate::store::paths::default_dataset()
            .ok_or_else(|| said.no_home_dataset.to_string())?,
    };
    let shown = shown_path(&path).to_string();
    let name = path
        .file_name()
        .ok_or_else(|| (said.no_such_dataset)(&shown))?
        .to_owned();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() || work_tree_top(&dir)?.is_none() {
        return Err((said.history_not_in_repository)(&shown));
    }
    let prefix = git(&dir, &["rev-parse", "--show-prefix"])?;
    let prefix = String::from_utf8_lossy(&prefix.stdout)
        .trim_end_matches('\n')
        .to_string();
    let in_repo = format!("{prefix}{}", name.to_string_lossy());
    let commits = log(&dir, &name)?;
    if commits.is_empty() {
        return Err((said.history_no_commits)(&shown));
    }
    let versions = versions(&dir, &commits, &in_repo, id)?;
    let Some(kind) = KINDS.into_iter().find(|kind| {
        versions
            .values()
            .any(|records| records.iter().any(|r| r.kind == *kind))
    }) else {
        note(&(said.history_never_found)(
            &crate::text::display(id),
            &shown,
            commits.len(),
        ));
        return Ok(ExitCode::FAILURE);
    };
    let of =
        |hash: &str| -> Option<&Record> { versions.get(hash)?.iter().find(|r| r.kind == kind) };
    let mut rows = Vec::new();
    for commit in &commits {
        let new = of(&commit.hash);
        let first = commit.parents.first().and_then(|p| of(p));
        let others: Vec<Option<&Record>> = commit.parents.iter().skip(1).map(|p| of(p)).collect();
        for change in changes(first, new) {
            // In a merge, only what no parent had.
            let from_a_parent = others.iter().any(|other| {
                if change.field == "record" {
                    other.is_some() == new.is_some()
                } else {
                    field_value(*other, &change.field) == change.new
                }
            });
            if !from_a_parent {
                rows.push((commit, change));
            }
        }
    }
    // The working file, if it differs from the newest commit: one note, not history.
    if let Ok(bytes) = std::fs::read(&path)
        && let Some(dataset) = parse_lenient(&bytes)
    {
        let now = records(&dataset)
            .into_iter()
            .find(|r| r.kind == kind && r.id.as_deref() == Some(id));
        if now.as_ref() != of(&commits[0].hash) {
            note(&(said.history_uncommitted)(
                &crate::text::display(id),
                &shown,
            ));
        }
    }
    let table = table(&rows, format);
    to_stdout(|out| {
        match format {
            Format::Table => write_table(&table, true, out)?,
            Format::Csv => write_csv(&table, false, out)?,
            Format::Json => write_json_rows(&table, out)?,
        }
        Ok(true)
    })?;
    Ok(exit(true))
}

fn table(rows: &[(&Commit, Change)], format: Format) -> Table {
    let arrow = format == Format::Table;
    let columns: &'static [&'static str] = if arrow {
        &["date", "author", "commit", "field", "old", "→", "new"]
    } else {
        &["date", "author", "commit", "field", "old", "new"]
    };
    let value = |v: &Option<String>| v.as_ref().map_or(Value::Null, |v| text(v.as_str()));
    let rows = rows
        .iter()
        .map(|(commit, change)| {
            let mut row = vec![
                text(commit.date.as_str()),
                text(commit.author.as_str()),
                text(commit.short.as_str()),
                text(change.field.as_str()),
                value(&change.old),
            ];
            if arrow {
                row.push(text("→"));
            }
            row.push(value(&change.new));
            row
        })
        .collect();
    Table { columns, rows }
}

/// The value of `field` of `record` as a row shows it: `record` is `added` when there is a
/// record.
fn field_value(record: Option<&Record>, field: &str) -> Option<String> {
    let record = record?;
    if field == "record" {
        return Some("added".to_string());
    }
    let field = record.field(field)?;
    Some(field.values.join("; "))
}

/// The fields that differ between `old` and `new`, in the order of `new`'s fields then
/// those only `old` has; a record that appears or goes is one change of the field `record`.
pub fn changes(old: Option<&Record>, new: Option<&Record>) -> Vec<Change> {
    let (old, new) = match (old, new) {
        (None, None) => return Vec::new(),
        (None, Some(_)) => {
            return vec![Change {
                field: "record".into(),
                old: None,
                new: Some("added".into()),
            }];
        }
        (Some(_), None) => {
            return vec![Change {
                field: "record".into(),
                old: None,
                new: Some("deleted".into()),
            }];
        }
        (Some(old), Some(new)) => (old, new),
    };
    let mut names: Vec<&str> = new.fields.iter().map(|f| f.name.as_str()).collect();
    for field in &old.fields {
        if !names.contains(&field.name.as_str()) {
            names.push(&field.name);
        }
    }
    names
        .into_iter()
        .filter_map(|name| {
            let before = field_value(Some(old), name);
            let after = field_value(Some(new), name);
            (before != after).then(|| Change {
                field: name.to_string(),
                old: before,
                new: after,
            })
        })
        .collect()
}

/// The commits that touched `name` (in `dir`), newest first.
fn log(dir: &Path, name: &std::ffi::OsStr) -> Result<Vec<Commit>, String> {
    let mut command = git_command(
        dir,
        &[
            "--literal-pathspecs",
            "log",
            // Every commit that changed the file, on any branch: git's default simplification
            // would drop a side branch whose change the merge did not keep.
            "--full-history",
            "-z",
            "--format=%H%x1f%P%x1f%h%x1f%an%x1f%ad",
            "--date=format-local:%Y-%m-%d %H:%M",
            "--",
        ],
    );
    command.arg(name).env("TZ", "UTC");
    let output = command.output().map_err(|err| spawn_error(&err))?;
    if !output.status.success() {
        // A repository without a commit yet has no log.
        let empty = git(dir, &["rev-parse", "--verify", "-q", "HEAD"])?;
        if !empty.status.success() {
            return Ok(Vec::new());
        }
        return Err((crate::lang::cli().git_failed)(
            "git log",
            &git_said(&output),
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text
        .split('\0')
        .filter_map(|entry| {
            let entry = entry.trim_start_matches('\n');
            let mut parts = entry.split('\x1f');
            Some(Commit {
                hash: parts.next().filter(|h| !h.is_empty())?.to_string(),
                parents: parts
                    .next()?
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
                short: parts.next()?.to_string(),
                author: parts.next()?.to_string(),
                date: parts.next()?.to_string(),
            })
        })
        .collect())
}

/// The records with id `id` (of any kind) in the file at `path` (relative to the top) as
/// each commit of `commits` and each of their parents has it, by commit hash.
fn versions(
    dir: &Path,
    commits: &[Commit],
    path: &str,
    id: &str,
) -> Result<HashMap<String, Vec<Record>>, String> {
    let mut wanted: Vec<&str> = Vec::new();
    for commit in commits {
        for hash in std::iter::once(&commit.hash).chain(&commit.parents) {
            if !wanted.contains(&hash.as_str()) {
                wanted.push(hash);
            }
        }
    }
    let mut child = git_command(dir, &["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|err| spawn_error(&err))?;
    let requests: String = wanted
        .iter()
        .map(|hash| format!("{hash}:{path}\n"))
        .collect();
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(requests.as_bytes());
        }
        drop(stdin);
    });
    let failed = |err: std::io::Error| {
        (crate::lang::cli().git_failed)("git cat-file", &crate::lang::io(&err))
    };
    let mut found = HashMap::new();
    let mut out = BufReader::new(
        child
            .stdout
            .take()
            .ok_or_else(|| failed(std::io::Error::other("no output")))?,
    );
    for hash in &wanted {
        let mut header = String::new();
        out.read_line(&mut header).map_err(failed)?;
        // `<oid> <type> <size>` and the body (of any type) with a line break, or
        // `<request> missing` alone.
        let mut words = header.split_whitespace();
        let (kind, size) = match (words.next(), words.next(), words.next()) {
            (Some(_), Some(kind), Some(size)) => (kind, size.parse::<u64>().ok()),
            _ => ("missing", None),
        };
        let Some(size) = size else {
            // Missing at that commit: no record.
            found.insert((*hash).to_string(), Vec::new());
            continue;
        };
        if kind != "blob" || size > crate::store::files::DATASET_LIMIT {
            // Not a file there (a folder of that name), or larger than htx reads: its body is
            // read past, so the next answer is read from its start; no record.
            std::io::copy(&mut (&mut out).take(size + 1), &mut std::io::sink()).map_err(failed)?;
            found.insert((*hash).to_string(), Vec::new());
            continue;
        }
        let mut bytes = Vec::new();
        (&mut out)
            .take(size + 1)
            .read_to_end(&mut bytes)
            .map_err(failed)?;
        if bytes.len() as u64 != size + 1 {
            return Err(failed(std::io::ErrorKind::UnexpectedEof.into()));
        }
        bytes.truncate(bytes.len() - 1);
        let mine = parse_lenient(&bytes).map_or_else(Vec::new, |dataset| {
            records(&dataset)
                .into_iter()
                .filter(|r| KINDS.contains(&r.kind) && r.id.as_deref() == Some(id))
                .collect()
        });
        found.insert((*hash).to_string(), mine);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::textconv::Field;

    fn record(fields: &[(&str, &[&str])]) -> Record {
        Record {
            kind: "cooperative",
            id: Some("HTX-1".into()),
            fields: fields
                .iter()
                .map(|(name, values)| Field {
                    name: (*name).into(),
                    values: values.iter().map(|v| (*v).to_string()).collect(),
                    list: values.len() != 1,
                })
                .collect(),
        }
    }

    #[test]
    fn changes_are_the_fields_that_differ() {
        let old = record(&[("name", &["A"]), ("members", &["120"]), ("notes", &["x"])]);
        let new = record(&[
            ("name", &["A"]),
            ("members", &["135"]),
            ("ratings", &["(year: 1)", "(year: 2)"]),
        ]);
        let found = changes(Some(&old), Some(&new));
        assert_eq!(
            found,
            [
                Change {
                    field: "members".into(),
                    old: Some("120".into()),
                    new: Some("135".into())
                },
                Change {
                    field: "ratings".into(),
                    old: None,
                    new: Some("(year: 1); (year: 2)".into())
                },
                Change {
                    field: "notes".into(),
                    old: Some("x".into()),
                    new: None
                },
            ]
        );
        assert_eq!(changes(None, Some(&new))[0].new.as_deref(), Some("added"));
        assert_eq!(changes(Some(&old), None)[0].new.as_deref(), Some("deleted"));
        assert!(changes(Some(&old), Some(&old)).is_empty());
    }
}
