//! `htx merge` as git runs it, on the corpus in `tests/merge/`: each case directory holds
//! `base.ron`, `ours.ron` and `theirs.ron`, the file htx must leave in place of OURS
//! (`expected.ron`, byte for byte) and the exit status it must end with (`exit`: 0 clean,
//! 1 conflicts kept in the file, 129 cannot merge). See `tests/merge/README.md`.
//!
//! After a change to the merge or to the writer that is meant to change the results:
//!
//! ```text
//! HTX_BLESS=1 cargo test --test merge_corpus
//! ```
//!
//! and read every changed `expected.ron` in `git diff`: a result frozen here is a promise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::shown;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Fewer cases than this means the corpus was not found, not that it passed.
const AT_LEAST: usize = 20;

const SIDES: [&str; 3] = ["base.ron", "ours.ron", "theirs.ron"];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/merge")
}

fn blessing() -> bool {
    std::env::var_os("HTX_BLESS").is_some_and(|v| !v.is_empty())
}

/// htx as a process, in English, with its home in `home` (it must write nothing there).
fn htx(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_htx"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"));
    command
}

fn names_in(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// The lines of `text` that start an entry of its top-level `conflicts` list, 1-based, as the
/// canonical layout writes them: `    conflicts: [`, then each entry's `        (`.
fn conflict_entry_lines(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| *l == "    conflicts: [") else {
        return Vec::new();
    };
    lines[start + 1..]
        .iter()
        .enumerate()
        .take_while(|(_, l)| **l != "    ],")
        .filter(|(_, l)| **l == "        (")
        .map(|(at, _)| start + 2 + at)
        .collect()
}

/// Runs one case; returns what went wrong, if anything.
fn run_case(case: &Path) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let temp = tempfile::tempdir().unwrap();
    let work = temp.path().join("work");
    let home = temp.path().join("home");
    fs::create_dir(&work).unwrap();
    fs::create_dir(&home).unwrap();
    let mut given = Vec::new();
    for side in SIDES {
        let bytes = fs::read(case.join(side)).map_err(|err| format!("{side}: {err}"))?;
        fs::write(work.join(side), &bytes).unwrap();
        given.push(bytes);
    }
    let output = htx(&home)
        .current_dir(&work)
        .args(["merge", "base.ron", "ours.ron", "theirs.ron"])
        .args(["--marker-size", "7", "--labels", "base", "ours", "theirs"])
        .args(["--path", "data.ron"])
        .output()
        .unwrap();
    let status = output
        .status
        .code()
        .ok_or_else(|| format!("killed by a signal\n{}", shown(&output)))?;
    let result = fs::read(work.join("ours.ron")).unwrap();

    if blessing() {
        fs::write(case.join("expected.ron"), &result).unwrap();
        fs::write(case.join("exit"), format!("{status}\n")).unwrap();
    }
    let mut wrong = Vec::new();
    let expected_status: i32 = fs::read_to_string(case.join("exit"))
        .map_err(|err| format!("exit: {err}"))?
        .trim()
        .parse()
        .map_err(|err| format!("exit: {err}"))?;
    if ![0, 1, 129].contains(&expected_status) {
        wrong.push(format!("exit file says {expected_status}"));
    }
    if status != expected_status {
        wrong.push(format!("exit {status}, expected {expected_status}"));
    }
    let expected =
        fs::read(case.join("expected.ron")).map_err(|err| format!("expected.ron: {err}"))?;
    if result != expected {
        wrong.push(format!(
            "OURS is not expected.ron; it is now:\n{}",
            String::from_utf8_lossy(&result)
        ));
    }
    if expected_status == 129 && result != given[1] {
        wrong.push("OURS was changed although the merge failed".into());
    }
    for (at, side) in [(0, "base.ron"), (2, "theirs.ron")] {
        if fs::read(work.join(side)).unwrap() != given[at] {
            wrong.push(format!("{side} was changed"));
        }
    }
    let left: BTreeSet<String> = names_in(&work);
    let sides: BTreeSet<String> = SIDES.iter().map(|s| (*s).to_owned()).collect();
    if left != sides {
        wrong.push(format!("the directory holds {left:?} after the merge"));
    }
    if !names_in(&home).is_empty() {
        wrong.push(format!("htx wrote into HOME: {:?}", names_in(&home)));
    }
    let text = String::from_utf8_lossy(&result);
    if text.contains("<<<<<<<") || text.contains(">>>>>>>") {
        wrong.push("the result holds conflict markers".into());
    }
    if status == 1 {
        check_lists_conflicts(&work, &home, &text, &mut wrong);
    }
    if status == 0 && !conflict_entry_lines(&text).is_empty() {
        wrong.push("a clean merge left a conflicts list".into());
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("{name}:\n{}\n{}", wrong.join("\n"), shown(&output)))
    }
}

/// `htx check` on a result with conflicts: exit 1, and one `FILE:LINE:COL: conflict:` line
/// for each entry of the conflicts list, at the line that starts it.
fn check_lists_conflicts(work: &Path, home: &Path, text: &str, wrong: &mut Vec<String>) {
    let output = htx(home)
        .current_dir(work)
        .args(["check", "ours.ron"])
        .output()
        .unwrap();
    if output.status.code() != Some(1) {
        wrong.push(format!("htx check: {}", shown(&output)));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let listed: Vec<&str> = stdout
        .lines()
        .filter(|line| line.contains(": conflict: "))
        .collect();
    let entries = conflict_entry_lines(text);
    if entries.is_empty() {
        wrong.push("exit 1 but the result has no conflicts list".into());
    }
    if listed.len() != entries.len() {
        wrong.push(format!(
            "htx check lists {} conflicts, the file holds {}:\n{stdout}",
            listed.len(),
            entries.len()
        ));
    }
    let lines: Vec<&str> = text.lines().collect();
    for (line, entry) in listed.iter().zip(&entries) {
        let place: Vec<&str> = line.splitn(4, ':').collect();
        let (Some(file), Some(at), Some(column)) = (place.first(), place.get(1), place.get(2))
        else {
            wrong.push(format!("htx check: not FILE:LINE:COL: {line}"));
            continue;
        };
        let at: usize = at.parse().unwrap_or(0);
        let column: usize = column.parse().unwrap_or(0);
        let opens = lines
            .get(at.wrapping_sub(1))
            .is_some_and(|l| l.get(column.saturating_sub(1)..) == Some("("));
        if *file != "ours.ron" || at != *entry || !opens {
            wrong.push(format!(
                "htx check: {line} does not point at the entry that starts on line {entry}"
            ));
        }
    }
}

#[test]
fn every_case_of_the_corpus_merges_as_recorded() {
    let mut cases: Vec<PathBuf> = fs::read_dir(corpus())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= AT_LEAST,
        "only {} cases in {}",
        cases.len(),
        corpus().display()
    );
    let failed: Vec<String> = cases
        .iter()
        .filter_map(|case| run_case(case).err())
        .collect();
    // Each exit status the driver has is in the corpus.
    let seen: BTreeSet<String> = cases
        .iter()
        .map(|case| {
            fs::read_to_string(case.join("exit"))
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .collect();
    assert_eq!(
        seen,
        ["0", "1", "129"].map(str::to_owned).into_iter().collect(),
        "every exit status of the driver must be in the corpus"
    );
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n\n")
    );
}
