//! `htx merge BASE OURS THEIRS`: git's merge driver for data files. The three versions are
//! merged record by record and field by field by the engine that merges two sessions' saves
//! ([`crate::model::merge`]); the result is written over OURS in the file's own layout, and a
//! conflict the engine cannot settle stays in the file as data (its `conflicts` list), never
//! as `<<<<<<<` text: the file still opens, and `htx check` and the full screen list what is
//! left to settle.
//!
//! The exit status is what git expects of a driver: 0 merged cleanly, 1 merged with conflicts
//! (git then reports a conflict and keeps the file for the user to settle), and 129 when it
//! cannot merge at all (a version is not a dataset, the merged records do not make a sound
//! dataset together, or the result cannot be written): git
//! then reports a failed merge, and OURS is left as it was. Nothing but OURS is ever written:
//! no backup, no lock, no cache, no journal.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::lang::merge::merge as said;
use crate::model::Dataset;
use crate::model::merge::{Conflict, Labels, Resolutions, merge, merge_unrelated};
use crate::store::{self, files};
use crate::text::shown_path;

/// What git passes: `htx merge %O %A %B --marker-size %L --labels %S %X %Y --path %P`.
#[derive(Clone, Debug, clap::Args)]
pub struct MergeArgs {
    /// The version both sides started from (git's %O); an empty file means none.
    pub base: PathBuf,
    /// Our version (git's %A); the result is written over it.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// The size of git's conflict markers (%L). Accepted for git; htx writes no markers.
    #[arg(long, value_name = "N")]
    pub marker_size: Option<u32>,
    /// The names of the three versions (git's %S %X %Y: base, ours, theirs), kept with each
    /// conflict so that whoever settles it knows which branch said what.
    #[arg(long, num_args = 3, value_name = "NAME")]
    pub labels: Option<Vec<String>>,
    /// The file's path in the repository (git's %P), for messages.
    #[arg(long, value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// Exit status when the versions cannot be merged at all: above 128, which git reports as a
/// failed merge rather than a conflict.
pub const CANNOT_MERGE: u8 = 129;

/// `htx merge`: merges, writes OURS, says what happened on stderr, and exits as git expects.
pub fn merge_command(args: &MergeArgs) -> ExitCode {
    let shown = args.path.as_deref().unwrap_or(&args.ours).to_path_buf();
    let shown = shown_path(&shown).to_string();
    let dataset = match merge_files(args) {
        Ok(dataset) => dataset,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(CANNOT_MERGE);
        }
    };
    let written = store::to_ron_string(&dataset)
        .map_err(std::io::Error::other)
        .and_then(|text| replace(&args.ours, text.as_bytes()));
    if let Err(err) = written {
        eprintln!("{}", (said().cannot_write)(&shown, &crate::lang::io(&err)));
        return ExitCode::from(CANNOT_MERGE);
    }
    if dataset.conflicts.is_empty() {
        return ExitCode::SUCCESS;
    }
    for conflict in &dataset.conflicts {
        eprintln!(
            "{shown}: conflict: {}",
            super::output::one_line(&crate::lang::merge::describe(conflict))
        );
    }
    eprintln!(
        "{}",
        (said().merged_with_conflicts)(&shown, dataset.conflicts.len())
    );
    ExitCode::FAILURE
}

/// Reads the three versions and merges them; the new conflicts join the `conflicts` list,
/// labelled with the versions' names (a conflict of the same field left by an earlier merge
/// gives way to the new one). Fails with a message saying which version is not a dataset and
/// where.
pub fn merge_files(args: &MergeArgs) -> Result<Dataset, String> {
    // A git older than 2.44 passes `%S %X %Y` as they are: no names.
    let defaults = said().sides;
    let names: [String; 3] =
        std::array::from_fn(
            |at| match args.labels.as_ref().and_then(|labels| labels.get(at)) {
                Some(label)
                    if !label.is_empty() && !matches!(label.as_str(), "%S" | "%X" | "%Y") =>
                {
                    label.clone()
                }
                _ => defaults[at].to_owned(),
            },
        );
    // Parsing is most of the time on a large file: the three versions are read side by side.
    let (base, ours, theirs) = std::thread::scope(|scope| {
        let base = scope.spawn(|| {
            if is_empty(&args.base) {
                Ok(None)
            } else {
                read_version(&args.base, &names[0]).map(Some)
            }
        });
        let theirs = scope.spawn(|| read_version(&args.theirs, &names[2]));
        let ours = read_version(&args.ours, &names[1]);
        let (base, theirs) = (joined(base, &names[0]), joined(theirs, &names[2]));
        Ok::<_, String>((base?, ours?, theirs?))
    })?;
    let settled = Resolutions::default();
    let merged = match &base {
        Some(base) => merge(base, &ours, &theirs, &settled),
        None => merge_unrelated(&ours, &theirs, &settled),
    };
    let mut dataset = merged.dataset;
    let labels = Labels {
        base: names[0].clone(),
        ours: names[1].clone(),
        theirs: names[2].clone(),
    };
    let new: std::collections::HashSet<_> = merged.conflicts.iter().map(Conflict::place).collect();
    dataset
        .conflicts
        .retain(|kept| !new.contains(&kept.place()));
    for mut conflict in merged.conflicts {
        conflict.labels = Some(labels.clone());
        dataset.conflicts.push(conflict);
    }
    // Sound record by record is not always sound as a whole: one side deleted a sector the
    // other gave a new cooperative. Such a result is not written; git reports a failed merge.
    let problems = crate::model::validate::validate(&dataset);
    if !problems.is_empty() {
        let listed = problems
            .iter()
            .map(|p| (crate::lang::errors().at_path)(&p.message, &p.path))
            .collect::<Vec<_>>()
            .join("\n");
        return Err((said().unsound)(&listed));
    }
    Ok(dataset)
}

/// What a reading thread gave; a thread that panicked read nothing.
fn joined<T>(
    handle: std::thread::ScopedJoinHandle<'_, Result<T, String>>,
    name: &str,
) -> Result<T, String> {
    handle
        .join()
        .unwrap_or_else(|_| Err((said().unreadable)(name, "")))
}

/// Whether a version is an empty file: git's base of a file added on both branches.
fn is_empty(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0)
}

/// One version as a dataset, or why it is none: every problem at its line and column.
fn read_version(path: &Path, name: &str) -> Result<Dataset, String> {
    let (bytes, _) = files::read_regular(path, files::DATASET_LIMIT).map_err(|err| {
        (said().unreadable)(
            name,
            &format!("{}: {}", shown_path(path), crate::lang::io(&err)),
        )
    })?;
    store::parse(&bytes, &|_| {})
        .map(|loaded| loaded.dataset)
        .map_err(|problems| {
            let located = store::located(path, &problems);
            (said().unreadable)(name, &located)
        })
}

/// Replaces OURS with the merged text atomically, keeping its mode; git reads it back by
/// name, so a link there is replaced, not followed.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    super::output::replace_file(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Three versions in a folder: the built-in dataset, and the first cooperative's members
    /// set to 90 in ours and 95 in theirs.
    fn versions(dir: &Path) -> MergeArgs {
        let base = store::builtin().unwrap();
        let write = |name: &str, members: Option<u32>| {
            let mut dataset = base.clone();
            if let Some(members) = members {
                Arc::make_mut(&mut dataset.cooperatives[0]).members = members;
            }
            let path = dir.join(name);
            std::fs::write(&path, store::to_ron_string(&dataset).unwrap()).unwrap();
            path
        };
        MergeArgs {
            base: write("base.ron", None),
            ours: write("ours.ron", Some(90)),
            theirs: write("theirs.ron", Some(95)),
            marker_size: Some(7),
            labels: None,
            path: None,
        }
    }

    #[test]
    fn the_versions_names_are_kept_and_an_old_gits_placeholders_are_none() {
        crate::lang::pin(crate::lang::Lang::En);
        let dir = tempfile::tempdir().unwrap();
        let mut args = versions(dir.path());
        args.labels = Some(vec!["base".into(), "HEAD".into(), "nam-dinh".into()]);
        let merged = merge_files(&args).unwrap();
        let labels = merged.conflicts[0].labels.clone().unwrap();
        assert_eq!(
            (labels.ours.as_str(), labels.theirs.as_str()),
            ("HEAD", "nam-dinh")
        );
        args.labels = Some(vec!["%S".into(), "%X".into(), "%Y".into()]);
        let merged = merge_files(&args).unwrap();
        let labels = merged.conflicts[0].labels.clone().unwrap();
        assert_eq!(
            [labels.base, labels.ours, labels.theirs],
            ["base", "ours", "theirs"]
        );
    }
}
