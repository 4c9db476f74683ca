//! Offering back the edits of a session that ended without saving (a dropped SSH connection,
//! a killed process): asked in the ordinary terminal, before the full screen starts.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use htx::app::App;
use htx::model::edit::Edit;
use htx::store::save::Journal;
use htx::text::shown_path;

/// What the user chose for a journal found at start.
enum Choice {
    Restore,
    Discard,
    Keep,
}

/// If sessions on this dataset ended without saving, asks whether to restore their edits and
/// does so: the edits that still apply are re-applied (the app starts dirty) and move into
/// this session's journal; those whose records changed in the file meanwhile are listed and
/// kept in a `.rejected` file beside the journal.
pub fn offer(journal: &Journal, dataset_path: &Path, app: &mut App) -> Result<(), String> {
    let orphans = journal.orphans();
    let journals = match Journal::read_orphans(&orphans) {
        Ok(journals) => journals,
        Err(problem) => {
            // Never taken for empty, never removed: said, and kept for a later htx.
            eprintln!("htx: {problem}");
            app.message = Some(format!("A recovery journal could not be read: {problem}"));
            return Ok(());
        }
    };
    let edits: Vec<Edit> = journals.iter().flatten().cloned().collect();
    if edits.is_empty() {
        Journal::remove_orphans(&orphans).map_err(|err| format!("htx: {err}"))?;
        return Ok(());
    }
    match ask(&edits, dataset_path)? {
        Choice::Discard => {
            Journal::remove_orphans(&orphans).map_err(|err| format!("htx: {err}"))?;
            eprintln!("htx: discarded {} unsaved edits", edits.len());
        }
        Choice::Keep => {
            eprintln!("htx: the unsaved edits are kept for next time");
        }
        Choice::Restore => {
            let rejected = app.restore_edits(&journals);
            // Nothing of the old journals is removed until every edit is safe in this
            // session's journal or in the rejected file; on any failure they stay for next time.
            let kept_for_later = "nothing was removed: the unsaved edits are kept for next time";
            journal.replace(&app.history.pending).map_err(|err| {
                format!(
                    "htx: cannot write the recovery journal {}: {err}; {kept_for_later}",
                    shown_path(journal.path())
                )
            })?;
            let mut clashed = String::new();
            if !rejected.is_empty() {
                // A name of its own, so an earlier rejected file is never replaced.
                let stamp = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                let path = journal.path().with_extension(format!("{stamp}.rejected"));
                let mut text = String::new();
                for edit in &rejected {
                    let line = ron::ser::to_string(edit).map_err(|err| {
                        format!("htx: cannot write an edit that no longer applies: {err}; {kept_for_later}")
                    })?;
                    text.push_str(&line);
                    text.push('\n');
                }
                htx::store::files::write_atomic(
                    &path,
                    &htx::store::files::NewFile::PRIVATE,
                    |file| std::io::Write::write_all(file, text.as_bytes()),
                )
                .map_err(|err| {
                    format!(
                        "htx: cannot write {}: {err}; {kept_for_later}",
                        shown_path(&path)
                    )
                })?;
                eprintln!(
                    "htx: {} edits no longer apply (those records changed in the file); kept in {}",
                    rejected.len(),
                    shown_path(&path)
                );
                clashed = format!(
                    "; {} clash with changes in the file and are kept in {}",
                    rejected.len(),
                    shown_path(&path)
                );
            }
            Journal::remove_orphans(&orphans).map_err(|err| format!("htx: {err}"))?;
            app.message = Some(format!(
                "Restored {} unsaved edits (s saves them){clashed}",
                app.history.pending.len()
            ));
        }
    }
    Ok(())
}

fn ask(edits: &[Edit], dataset_path: &Path) -> Result<Choice, String> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Ok(Choice::Keep);
    }
    let mut stderr = std::io::stderr();
    loop {
        let _ = write!(
            stderr,
            "htx: {} has {} unsaved edits from a session that ended without saving.\n     [r]estore them, [d]iscard them, [s]how them, or [q]uit? ",
            shown_path(dataset_path),
            edits.len()
        );
        let _ = stderr.flush();
        let mut answer = String::new();
        if stdin
            .lock()
            .read_line(&mut answer)
            .map_err(|err| err.to_string())?
            == 0
        {
            return Ok(Choice::Keep);
        }
        match answer.trim() {
            "r" | "R" | "restore" => return Ok(Choice::Restore),
            "d" | "D" | "discard" => return Ok(Choice::Discard),
            "q" | "Q" | "quit" => {
                return Err("htx: nothing changed; the unsaved edits are kept".to_string());
            }
            "s" | "S" | "show" => {
                for edit in edits {
                    let _ = writeln!(stderr, "  - {}", describe(edit));
                }
            }
            _ => {}
        }
    }
}

fn describe(edit: &Edit) -> String {
    match edit {
        Edit::Progress {
            after: Some(after), ..
        } => {
            let note = if after.note.is_empty() {
                String::new()
            } else {
                format!(", note “{}”", htx::text::display(&after.note))
            };
            format!(
                "{}: {}{note}",
                htx::text::display(&edit.subject()),
                after.status.label()
            )
        }
        Edit::Progress { after: None, .. } => {
            format!("{}: entry removed", htx::text::display(&edit.subject()))
        }
        Edit::Item { after: None, .. } | Edit::Cooperative { after: None, .. } => {
            format!("{}: deleted", htx::text::display(&edit.subject()))
        }
        _ => format!("{}: changed", htx::text::display(&edit.subject())),
    }
}
