//! Offering back the edits of a session that ended without saving (a dropped SSH connection,
//! a killed process): asked in the ordinary terminal, before the full screen starts.

use std::io::{IsTerminal, Write};
use std::path::Path;

use htx::app::App;
use htx::model::Dataset;
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
    let said = htx::lang::cli();
    let orphans = journal.orphans();
    let journals = match Journal::read_orphans(&orphans) {
        Ok(journals) => journals,
        Err(problem) => {
            // Never taken for empty, never removed: said, and kept for a later htx.
            eprintln!("htx: {problem}");
            app.message = Some((said.journal_unreadable)(&problem));
            return Ok(());
        }
    };
    // What the dead sessions changed, one net change per record and session: an edit and its
    // undo are nothing to offer.
    let edits: Vec<Edit> = journals
        .iter()
        .flat_map(|edits| htx::model::edit::net(edits))
        .collect();
    let removal = |err: std::io::Error| format!("htx: {}", htx::lang::io(&err));
    if edits.is_empty() {
        Journal::remove_orphans(&orphans).map_err(removal)?;
        return Ok(());
    }
    match ask(&edits, dataset_path, &app.dataset)? {
        Choice::Discard => {
            Journal::remove_orphans(&orphans).map_err(removal)?;
            eprintln!("{}", (said.recovery_discarded)(edits.len()));
        }
        Choice::Keep => {
            eprintln!("{}", said.recovery_kept);
        }
        Choice::Restore => {
            let rejected = app.restore_edits(&journals);
            // Nothing of the old journals is removed until every edit is safe in this
            // session's journal or in the rejected file; on any failure they stay for next time.
            let kept_for_later = said.recovery_nothing_removed;
            journal.replace(&app.history.pending).map_err(|err| {
                (said.recovery_cannot_write_journal)(
                    &shown_path(journal.path()).to_string(),
                    &htx::lang::io(&err),
                    kept_for_later,
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
                        (said.recovery_cannot_write_edit)(&err.to_string(), kept_for_later)
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
                    (said.recovery_cannot_write)(
                        &shown_path(&path).to_string(),
                        &htx::lang::io(&err),
                        kept_for_later,
                    )
                })?;
                let shown = shown_path(&path).to_string();
                eprintln!(
                    "{}",
                    (said.recovery_no_longer_apply)(rejected.len(), &shown)
                );
                clashed = (said.recovery_clashed)(rejected.len(), &shown);
            }
            Journal::remove_orphans(&orphans).map_err(removal)?;
            let restored = (said.unsaved_changes)(app.unsaved_count());
            app.message = Some((said.recovery_restored)(
                &restored,
                &app.keys_say(htx::app::Command::Save, said.recovery_save_hint),
                &clashed,
            ));
        }
    }
    Ok(())
}

fn ask(edits: &[Edit], dataset_path: &Path, dataset: &Dataset) -> Result<Choice, String> {
    if !std::io::stdin().is_terminal() {
        return Ok(Choice::Keep);
    }
    let said = htx::lang::cli();
    let mut stderr = std::io::stderr();
    let changes = (said.unsaved_changes)(edits.len());
    loop {
        let _ = write!(
            stderr,
            "{}",
            (said.recovery_question)(&shown_path(dataset_path).to_string(), &changes)
        );
        let _ = stderr.flush();
        let Some(key) = one_key()? else {
            return Ok(Choice::Keep);
        };
        let _ = writeln!(stderr, "{key}");
        match key.to_ascii_lowercase() {
            'r' => return Ok(Choice::Restore),
            'd' => return Ok(Choice::Discard),
            'q' => {
                return Err(said.recovery_quit.to_string());
            }
            's' => {
                for edit in edits {
                    let _ = writeln!(stderr, "  - {}", describe(edit, dataset));
                }
            }
            _ => {}
        }
    }
}

/// One key press from the terminal, without waiting for Enter; `None` when the terminal
/// went away, and Ctrl-c is `q`. Raw mode is on only while waiting.
fn one_key() -> Result<Option<char>, String> {
    use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    use ratatui::crossterm::terminal;

    terminal::enable_raw_mode()
        .map_err(|err| (htx::lang::cli().cannot_read_key)(&htx::lang::io(&err)))?;
    let key = loop {
        match event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => match key.code {
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Some('q');
                }
                KeyCode::Char(c) => break Some(c),
                KeyCode::Esc => break Some('q'),
                _ => {}
            },
            Ok(_) => {}
            Err(_) => break None,
        }
    };
    let _ = terminal::disable_raw_mode();
    Ok(key)
}

/// An edit as a person reads it: the plan item and the province by name, the cooperative by
/// id and name, the status in the interface's words.
fn describe(edit: &Edit, dataset: &Dataset) -> String {
    let said = htx::lang::cli();
    let province = |code: &str| {
        dataset
            .provinces
            .iter()
            .find(|p| p.code == code)
            .map_or_else(|| code.to_string(), |p| p.name.clone())
    };
    let what = match edit {
        Edit::Progress {
            item,
            province: code,
            ..
        } => format!("{item} · {}", province(code)),
        Edit::Item { id, before, after } => {
            let title = after
                .as_ref()
                .map(|(_, item)| item.title.as_str())
                .or(before.as_ref().map(|(_, item)| item.title.as_str()))
                .unwrap_or_default();
            format!("{id} {title}")
        }
        Edit::Cooperative { id, before, after } => {
            let name = after
                .as_ref()
                .map(|(_, coop)| coop.name.as_str())
                .or(before.as_ref().map(|(_, coop)| coop.name.as_str()))
                .unwrap_or_default();
            format!("{id} {name}")
        }
        Edit::Settle { conflict, .. } => (htx::lang::tr().record_key)(&conflict.record),
    };
    let what = htx::text::display(&what).into_owned();
    match edit {
        Edit::Progress {
            after: Some(after), ..
        } => {
            let note = if after.note.is_empty() {
                String::new()
            } else {
                (said.edit_note)(&htx::text::display(&after.note))
            };
            format!("{what}: {}{note}", (htx::lang::tr().status)(after.status))
        }
        Edit::Progress { after: None, .. } => format!("{what}: {}", said.edit_entry_removed),
        Edit::Item { before: None, .. } | Edit::Cooperative { before: None, .. } => {
            format!("{what}: {}", said.edit_added)
        }
        Edit::Item { after: None, .. } | Edit::Cooperative { after: None, .. } => {
            format!("{what}: {}", said.edit_deleted)
        }
        Edit::Item { .. } | Edit::Cooperative { .. } => format!("{what}: {}", said.edit_changed),
        Edit::Settle {
            listed: (_, false), ..
        } => format!("{what}: {}", said.edit_settled),
        Edit::Settle { .. } => format!("{what}: {}", said.edit_unsettled),
    }
}
