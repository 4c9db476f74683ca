//! Editing the plan through keystrokes: statuses, notes, undo and redo, and the save and quit
//! conversation, driven through the keymap and `update` as the terminal would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{app, draw, keys, screen_text, type_text};
use htx::app::{
    Action, App, Dialog, Effect, JournalWork, Mode, ReloadOutcome, SaveOutcome, update,
};
use htx::model::merge::Conflict;
use htx::model::{Origin, ProgressStatus};
use proptest::prelude::*;
use std::sync::Arc;

/// The app on the plan view, province list of item KH-04 focused on Hà Nội.
fn on_entry() -> App {
    let mut app = app(100, 30);
    app.user = "lan.nguyen".into();
    update(
        &mut app,
        Action::Clock("2011-11-30T09:05:00Z".parse().unwrap()),
    );
    keys(&mut app, "3 j j j Enter j j");
    assert_eq!(
        app.dataset.provinces[app.selected_plan_province().unwrap()].name,
        "Hà Nội"
    );
    app
}

fn entry(app: &App) -> htx::model::Progress {
    app.dataset.plan.items[3]
        .progress_of("01")
        .cloned()
        .unwrap()
}

#[test]
fn space_cycles_the_status_and_records_who_and_when() {
    let mut app = on_entry();
    assert_eq!(entry(&app).status, ProgressStatus::NotApplicable);
    keys(&mut app, "Space");
    assert_eq!(entry(&app).status, ProgressStatus::NotStarted);
    keys(&mut app, "Space");
    assert_eq!(entry(&app).status, ProgressStatus::InProgress);
    keys(&mut app, "Space");
    let done = entry(&app);
    assert_eq!(done.status, ProgressStatus::Done);
    assert_eq!(done.changed_by.as_deref(), Some("lan.nguyen"));
    assert_eq!(done.changed_at.unwrap().to_string(), "2011-11-30T09:05:00Z");
    assert!(app.dirty());
    assert_eq!(app.history.pending.len(), 3);
    // The tallies follow.
    assert_eq!(app.index.plan.items[3].done, 3);
    keys(&mut app, "-");
    assert_eq!(entry(&app).status, ProgressStatus::NotApplicable);
}

#[test]
fn status_keys_outside_the_province_list_only_explain() {
    let mut app = app(80, 24);
    keys(&mut app, "3 Space");
    assert!(!app.dirty());
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("Choose a province")
    );
}

#[test]
fn a_note_is_edited_in_place_and_kept_with_ctrl_s() {
    let mut app = on_entry();
    keys(&mut app, "e");
    assert!(app.editor().is_some());
    keys(&mut app, "Ctrl-u");
    // Home of the line, then type; Enter breaks the line inside a note.
    keys(&mut app, "Home");
    type_text(&mut app, "Mới: ");
    keys(&mut app, "End Enter");
    type_text(&mut app, "Dòng hai");
    keys(&mut app, "Ctrl-s");
    assert!(app.editor().is_none());
    let note = entry(&app).note;
    assert!(note.starts_with("Mới: Thành ủy chủ trì"), "{note}");
    assert!(note.ends_with("\nDòng hai"), "{note}");
    assert_eq!(app.history.pending.len(), 1);
}

#[test]
fn escape_in_the_editor_asks_before_throwing_typing_away() {
    let mut app = on_entry();
    let before = app.dataset.clone();
    keys(&mut app, "e");
    keys(&mut app, "Esc");
    assert!(app.editor().is_none(), "nothing typed: Esc just closes");
    keys(&mut app, "e");
    type_text(&mut app, "xyz");
    keys(&mut app, "Esc");
    assert_eq!(
        app.mode(),
        Mode::Question,
        "typing is never dropped without asking"
    );
    keys(&mut app, "Esc");
    assert_eq!(
        app.mode(),
        Mode::Edit,
        "Esc on the question goes back to the editor"
    );
    assert!(app.editor().unwrap().text.text().ends_with("xyz"));
    keys(&mut app, "Ctrl-c n");
    assert!(
        app.editor().unwrap().text.text().ends_with("xyz"),
        "Ctrl-c asks too"
    );
    keys(&mut app, "Esc y");
    assert!(app.editor().is_none());
    assert_eq!(app.dataset, before);
    assert!(!app.dirty());
}

#[test]
fn escape_in_a_changed_form_asks_too() {
    let mut app = app(100, 30);
    keys(&mut app, "3 e");
    type_text(&mut app, " thêm");
    keys(&mut app, "Esc");
    assert_eq!(app.mode(), Mode::Question);
    keys(&mut app, "n");
    assert!(
        app.form()
            .unwrap()
            .fields
            .iter()
            .any(|f| f.input.text().ends_with(" thêm"))
    );
    keys(&mut app, "Esc y");
    assert!(app.form().is_none());
    assert!(!app.dirty());
}

#[test]
fn the_unsaved_count_is_of_records_and_an_undone_edit_is_nothing_to_save() {
    let mut app = on_entry();
    keys(&mut app, "Space Space");
    assert_eq!(app.unsaved_count(), 1, "two edits of one entry");
    keys(&mut app, "j Space");
    assert_eq!(app.unsaved_count(), 2);
    keys(&mut app, "u u u");
    assert_eq!(app.unsaved_count(), 0);
    assert!(!app.dirty());
    assert_eq!(keys(&mut app, "s"), Effect::None, "nothing to write");
    assert_eq!(app.message.as_deref(), Some("No changes to save"));
    assert!(
        app.history.pending.is_empty(),
        "and nothing left to journal"
    );
    keys(&mut app, "Space u");
    assert_eq!(
        keys(&mut app, "q"),
        Effect::QuitDiscarding,
        "quits without asking"
    );
}

#[test]
fn nfd_typing_telex_bursts_and_pastes_end_up_nfc() {
    let mut app = on_entry();
    keys(&mut app, "e");
    // Clear the old note: select all by deleting line by line.
    for _ in 0..200 {
        keys(&mut app, "Backspace");
    }
    // NFD letters one code point at a time.
    type_text(&mut app, "Hie\u{0302}\u{0301}u ");
    // Telex: "dd" arrives as d, Backspace, đ.
    type_text(&mut app, "d");
    keys(&mut app, "Backspace");
    type_text(&mut app, "đã ");
    // A bracketed paste arrives as one Input action, line breaks included.
    update(&mut app, Action::Input("họp\r\nxong".into()));
    keys(&mut app, "Ctrl-s");
    assert_eq!(entry(&app).note, "Hiếu đã họp\nxong");
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut app = on_entry();
    let original = app.dataset.clone();
    keys(&mut app, "Space Space");
    let after_two = app.dataset.clone();
    keys(&mut app, "u u");
    assert_eq!(app.dataset, original);
    keys(&mut app, "Ctrl-r Ctrl-r");
    assert_eq!(app.dataset, after_two);
    keys(&mut app, "u Space");
    // A new edit after an undo drops the redo branch.
    keys(&mut app, "Ctrl-r");
    assert_eq!(app.message.as_deref(), Some("Nothing to redo"));
}

#[test]
fn quitting_with_unsaved_edits_asks() {
    let mut app = on_entry();
    keys(&mut app, "Space");
    assert_eq!(keys(&mut app, "q"), Effect::None);
    assert!(matches!(app.dialog(), Some(Dialog::Quit)));
    insta::assert_snapshot!("quit_dialog_100x30", screen_text(&draw(&app, 100, 30)));
    keys(&mut app, "Esc");
    assert!(app.dialog().is_none());
    keys(&mut app, "q");
    assert_eq!(keys(&mut app, "d"), Effect::QuitDiscarding);
    keys(&mut app, "q");
    let effect = keys(&mut app, "s");
    assert!(
        matches!(effect, Effect::Save(ref request) if request.then_quit),
        "{effect:?}"
    );
    // The save succeeds: now it quits.
    assert_eq!(
        update(
            &mut app,
            Action::SaveFinished(SaveOutcome::Written {
                fingerprint: written(),
            })
        ),
        Effect::Quit
    );
    assert!(!app.dirty());
}

#[test]
fn a_failed_save_leaves_the_edits_unsaved_and_says_why() {
    let mut app = on_entry();
    keys(&mut app, "Space");
    assert!(matches!(keys(&mut app, "s"), Effect::Save(_)));
    update(
        &mut app,
        Action::SaveFinished(SaveOutcome::Failed("not saved: disk full".into())),
    );
    assert!(app.dirty());
    assert_eq!(app.message.as_deref(), Some("not saved: disk full"));
    assert!(
        matches!(keys(&mut app, "s"), Effect::Save(_)),
        "saving again is possible"
    );
}

#[test]
fn edits_made_while_saving_stay_unsaved() {
    let mut app = on_entry();
    keys(&mut app, "Space");
    keys(&mut app, "s");
    keys(&mut app, "Space");
    update(
        &mut app,
        Action::SaveFinished(SaveOutcome::Written {
            fingerprint: written(),
        }),
    );
    assert_eq!(app.history.pending.len(), 1);
    assert!(app.dirty());
}

#[test]
fn the_note_editor_snapshot() {
    let mut app = on_entry();
    keys(&mut app, "e End");
    type_text(&mut app, " Đã họp.");
    insta::assert_snapshot!("note_editor_100x30", screen_text(&draw(&app, 100, 30)));
}

#[derive(Clone, Debug)]
enum Step {
    Down,
    Up,
    Item,
    Cycle,
    NotApplicable,
    Note(String),
    DeleteItem,
    MoveItem,
    DeleteCooperative,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        Just(Step::Down),
        Just(Step::Up),
        Just(Step::Item),
        Just(Step::Cycle),
        Just(Step::NotApplicable),
        "[a-zđươăâêô ]{0,6}".prop_map(Step::Note),
        Just(Step::DeleteItem),
        Just(Step::MoveItem),
        Just(Step::DeleteCooperative),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Any sequence of edits followed by as many undos gives back the original dataset.
    #[test]
    fn undoing_every_edit_restores_the_dataset(steps in proptest::collection::vec(step(), 1..24)) {
        let mut app = on_entry();
        let original = app.dataset.clone();
        for step in &steps {
            match step {
                Step::Down => { keys(&mut app, "j"); }
                Step::Up => { keys(&mut app, "k"); }
                Step::Item => { keys(&mut app, "Esc j Enter"); }
                Step::Cycle => { keys(&mut app, "Space"); }
                Step::NotApplicable => { keys(&mut app, "-"); }
                Step::Note(text) => {
                    keys(&mut app, "e");
                    type_text(&mut app, text);
                    keys(&mut app, "Ctrl-s");
                }
                Step::DeleteItem => { keys(&mut app, "Esc d y Enter"); }
                Step::MoveItem => { keys(&mut app, "Esc J Enter"); }
                Step::DeleteCooperative => { keys(&mut app, "2 d y 3"); }
            }
        }
        let edits = app.history.undo.len();
        for _ in 0..edits {
            keys(&mut app, "u");
        }
        prop_assert_eq!(&app.dataset, &original);
    }
}

#[test]
fn a_plan_item_is_added_with_a_checked_due_date_and_undone() {
    let mut app = app(100, 30);
    keys(&mut app, "3 j");
    keys(&mut app, "a");
    let form = app.form().unwrap();
    assert_eq!(form.fields[0].input.text(), "KH-11");
    type_text(&mut app, "Tổng kết năm");
    // Due: replace the proposed date with an impossible one.
    keys(&mut app, "Tab Tab");
    for _ in 0..10 {
        keys(&mut app, "Backspace");
    }
    type_text(&mut app, "2011-02-30");
    keys(&mut app, "Enter");
    let error = app.form().unwrap().error.clone().unwrap();
    assert!(error.contains("there is no day 2011-02-30"), "{error}");
    insta::assert_snapshot!("item_form_error_100x30", screen_text(&draw(&app, 100, 30)));
    keys(&mut app, "Backspace Backspace");
    type_text(&mut app, "28");
    keys(&mut app, "Enter");
    assert!(app.form().is_none());
    let items: Vec<&str> = app
        .dataset
        .plan
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        items[2], "KH-11",
        "inserted after the selected item: {items:?}"
    );
    assert_eq!(
        app.dataset.plan.items[2].due.unwrap().to_string(),
        "2011-02-28"
    );
    assert_eq!(app.dataset.plan.items[2].title, "Tổng kết năm");
    keys(&mut app, "u");
    assert_eq!(app.dataset.plan.items.len(), 10);
}

#[test]
fn an_empty_title_is_refused_in_the_form() {
    let mut app = app(100, 30);
    keys(&mut app, "3 a Enter");
    let error = app.form().unwrap().error.clone().unwrap();
    assert!(error.contains("plan item title is empty"), "{error}");
    keys(&mut app, "Esc");
    assert!(app.form().is_none());
    assert!(!app.dirty());
}

#[test]
fn items_move_and_deleted_items_come_back_with_their_progress() {
    let mut app = app(100, 30);
    let original = app.dataset.clone();
    keys(&mut app, "3 J");
    assert_eq!(app.dataset.plan.items[1].id, "KH-01");
    assert_eq!(app.plan_items.selected, 1);
    keys(&mut app, "K");
    assert_eq!(app.dataset, original);
    keys(&mut app, "j j j d");
    assert_eq!(app.mode(), Mode::Question, "d asks first");
    keys(&mut app, "n");
    assert_eq!(app.dataset, original, "n keeps the item");
    keys(&mut app, "d Esc");
    assert_eq!(app.dataset, original, "Esc keeps the item");
    keys(&mut app, "d y");
    assert!(app.dataset.plan.items.iter().all(|i| i.id != "KH-04"));
    keys(&mut app, "u");
    assert_eq!(
        app.dataset, original,
        "undo restores the item and its 11 progress entries"
    );
}

#[test]
fn a_cooperative_is_edited_in_a_form_with_checked_numbers() {
    let mut app = app(100, 30);
    keys(&mut app, "j j j j j j Enter e");
    let id = app.dataset.cooperatives[app.selected_cooperative().unwrap()]
        .id
        .clone();
    // Members is the fifth field.
    keys(&mut app, "Tab Tab Tab Tab");
    for _ in 0..6 {
        keys(&mut app, "Backspace");
    }
    type_text(&mut app, "many");
    keys(&mut app, "Enter");
    assert!(
        app.form()
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .contains("not a whole number")
    );
    for _ in 0..4 {
        keys(&mut app, "Backspace");
    }
    type_text(&mut app, "321");
    // Sector is a choice: → moves to the next one.
    keys(&mut app, "Up Up Right Enter");
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| &f.error));
    let members = |app: &App| {
        app.dataset
            .cooperatives
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .members
    };
    assert_eq!(members(&app), 321);
    assert_eq!(
        app.selected_cooperative()
            .map(|c| app.dataset.cooperatives[c].id.clone()),
        Some(id.clone())
    );
    keys(&mut app, "u");
    assert_ne!(members(&app), 321);
}

#[test]
fn a_cooperative_is_added_to_the_province_shown_and_deleted() {
    let mut app = app(100, 30);
    keys(&mut app, "j j j j j j Enter a");
    keys(&mut app, "Enter");
    assert!(
        app.form()
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .contains("cooperative name is empty")
    );
    type_text(&mut app, "HTX Muối sạch Giao Thủy");
    keys(&mut app, "Enter");
    assert!(app.form().is_none());
    let coop = &app.dataset.cooperatives[app.selected_cooperative().unwrap()];
    assert_eq!(coop.name, "HTX Muối sạch Giao Thủy");
    assert_eq!(coop.province, "36");
    assert_eq!(coop.id, "HTX-36-007");
    assert_eq!(app.province_cooperatives().len(), 7);
    keys(&mut app, "d");
    assert_eq!(app.province_cooperatives().len(), 7, "d asks first");
    keys(&mut app, "y");
    assert_eq!(app.province_cooperatives().len(), 6);
    keys(&mut app, "u u");
    assert_eq!(*app.dataset, htx::store::builtin().unwrap());
}

#[test]
fn a_form_accepted_unchanged_is_not_an_edit() {
    let mut app = app(100, 30);
    keys(&mut app, "j Enter e Enter");
    assert!(app.form().is_none());
    assert!(!app.dirty());
    keys(&mut app, "3 e Enter");
    assert!(!app.dirty());
}

#[test]
fn the_cooperative_form_and_conflict_dialog_snapshots() {
    let mut app = app(100, 30);
    keys(&mut app, "j j j j j j Enter e");
    insta::assert_snapshot!("cooperative_form_100x30", screen_text(&draw(&app, 100, 30)));
    keys(&mut app, "Esc");

    // A save that found two fields changed differently on disk: settled one at a time.
    let mut app = on_entry();
    keys(&mut app, "Space");
    keys(&mut app, "s");
    let conflicts = common::two_conflicts_on_kh04();
    update(
        &mut app,
        Action::SaveFinished(SaveOutcome::Conflicts {
            conflicts: conflicts.clone(),
        }),
    );
    assert!(matches!(app.dialog(), Some(Dialog::Conflicts(_))));
    insta::assert_snapshot!("conflict_dialog_100x30", screen_text(&draw(&app, 100, 30)));
    // Mine for the first, a typed value for the second; then the save runs with both.
    assert_eq!(keys(&mut app, "m"), Effect::None);
    keys(&mut app, "e");
    insta::assert_snapshot!(
        "conflict_value_editor_80x24",
        screen_text(&draw(&app, 80, 24))
    );
    update(&mut app, Action::Input(" và 3 xã".into()));
    let Effect::Save(request) = keys(&mut app, "Ctrl-s") else {
        panic!("settling the last conflict saves again");
    };
    assert!(!request.settled.is_empty());
    assert_eq!(request.edits, app.history.pending);
    assert!(app.dialog().is_none());
}

/// A fingerprint for a save the test pretends happened.
fn written() -> htx::store::save::Fingerprint {
    htx::store::save::Fingerprint {
        len: 0,
        modified: None,
        hash: 0,
    }
}

#[test]
fn a_save_shares_the_data_instead_of_copying_it_and_an_edit_meanwhile_copies_it() {
    let mut app = on_entry();
    keys(&mut app, "Space");
    let Effect::Save(request) = keys(&mut app, "s") else {
        panic!("s asks for a save");
    };
    assert!(std::sync::Arc::ptr_eq(&request.dataset, &app.dataset));
    // Editing while the save runs leaves the data being saved as it was.
    let saving = htx::model::Dataset::clone(&request.dataset);
    keys(&mut app, "Space");
    assert_eq!(*request.dataset, saving);
    assert_ne!(*app.dataset, saving);
}

/// The positions of the cooperatives that are not the very same shared record in `a` and `b`.
fn unshared(a: &htx::model::Dataset, b: &htx::model::Dataset) -> Vec<usize> {
    assert_eq!(a.cooperatives.len(), b.cooperatives.len());
    (0..a.cooperatives.len())
        .filter(|&c| !Arc::ptr_eq(&a.cooperatives[c], &b.cooperatives[c]))
        .collect()
}

#[test]
fn edits_while_a_save_runs_copy_only_the_records_they_change() {
    let mut app = on_entry();
    keys(&mut app, "Space");
    let Effect::Save(request) = keys(&mut app, "s") else {
        panic!("s asks for a save");
    };
    let saving = &request.dataset;
    // A status typed right after `s`: the data being saved keeps the old status, and not one
    // cooperative was copied for it.
    keys(&mut app, "Space");
    assert!(!Arc::ptr_eq(saving, &app.dataset));
    assert_ne!(
        saving.plan.items[3].progress,
        app.dataset.plan.items[3].progress
    );
    assert_eq!(unshared(saving, &app.dataset), Vec::<usize>::new());
    assert_eq!(
        saving.cooperatives.as_ptr(),
        app.dataset.cooperatives.as_ptr(),
        "a status edit copied the list of cooperatives"
    );
    // A cooperative edited in its form: that record alone is copied.
    keys(&mut app, "1 Enter e");
    let c = app.selected_cooperative().unwrap();
    type_text(&mut app, "x");
    keys(&mut app, "Enter");
    assert!(app.form().is_none());
    assert_eq!(unshared(saving, &app.dataset), vec![c]);
    assert_eq!(
        app.dataset.cooperatives[c].name,
        format!("{}x", saving.cooperatives[c].name)
    );
    // Undone, it is the old record again; the others were never copied.
    keys(&mut app, "u");
    assert_eq!(app.dataset.cooperatives[c], saving.cooperatives[c]);
    assert!(unshared(saving, &app.dataset).iter().all(|&at| at == c));
}

#[test]
fn a_reload_answer_for_older_data_is_asked_again_and_undo_survives_the_reload() {
    let mut app = on_entry();
    keys(&mut app, "Space");
    let Effect::Reload(request) = keys(&mut app, "R") else {
        panic!("R reads the file again");
    };
    assert_eq!(request.edits.len(), 1);
    // An edit while the file is read: the answer is for the data before it.
    keys(&mut app, "Space");
    let stale = htx::model::Dataset::clone(&request.dataset);
    let effect = update(
        &mut app,
        Action::Reloaded(ReloadOutcome::Rebased {
            dataset: Box::new(stale),
            pending: request.edits.clone(),
            fingerprint: None,
        }),
    );
    let Effect::Reload(again) = effect else {
        panic!("a stale answer asks again: {effect:?}");
    };
    assert_eq!(again.edits.len(), 2, "the second edit is not dropped");
    assert_eq!(app.history.pending.len(), 2);

    // The fresh answer: the file (here: someone else's note on another entry) with both
    // edits carried over. Undo still walks back through them.
    let mut theirs = htx::model::Dataset::clone(&app.dataset);
    theirs.plan.items[0].progress[0].note = "của người khác".into();
    update(
        &mut app,
        Action::Reloaded(ReloadOutcome::Rebased {
            dataset: Box::new(theirs.clone()),
            pending: again.edits.clone(),
            fingerprint: None,
        }),
    );
    assert_eq!(*app.dataset, theirs);
    assert_eq!(app.history.undo.len(), 2);
    keys(&mut app, "u u");
    assert_eq!(app.history.undo.len(), 0);
    assert_eq!(
        app.dataset.plan.items[0].progress[0].note, "của người khác",
        "undo puts back only what the session changed"
    );
}

#[test]
fn a_merged_save_with_edits_made_meanwhile_carries_them_onto_the_file() {
    let mut app = on_entry();
    keys(&mut app, "Space");
    let Effect::Save(request) = keys(&mut app, "s") else {
        panic!("s saves");
    };
    keys(&mut app, "Space");
    let merged = htx::model::Dataset::clone(&request.dataset);
    let effect = update(
        &mut app,
        Action::SaveFinished(SaveOutcome::Merged {
            dataset: Box::new(merged),
            fingerprint: written(),
        }),
    );
    let Effect::Reload(reload) = effect else {
        panic!("the later edit is carried onto the merged file: {effect:?}");
    };
    assert_eq!(reload.edits.len(), 1, "only the edit made during the save");
    assert!(app.dirty());
    // A save while that runs would write data that lacks the merge: it waits.
    assert_eq!(keys(&mut app, "s"), Effect::None);
}

#[test]
fn a_journal_that_cannot_be_written_is_said_and_written_whole_next_time() {
    let mut app = on_entry();
    keys(&mut app, "Space");
    let JournalWork::Append(first) = app.take_journal_work() else {
        panic!("a new edit is appended");
    };
    assert_eq!(first.len(), 1);
    app.journal_failed("disk full".into());
    assert!(app.message.as_deref().unwrap().contains("disk full"));
    keys(&mut app, "Space");
    // The edit stays in memory and in the undo history, and the next write is the whole
    // journal, the failed edit included.
    assert_eq!(app.history.undo.len(), 2);
    assert_eq!(
        app.take_journal_work(),
        JournalWork::Replace(app.history.pending.clone())
    );
    assert_eq!(app.history.pending.len(), 2);
    assert_eq!(app.take_journal_work(), JournalWork::Nothing);
}

#[test]
fn a_save_that_would_change_the_owner_asks_first() {
    let mut app = on_entry();
    keys(&mut app, "Space s");
    update(
        &mut app,
        Action::SaveFinished(SaveOutcome::OwnerWouldChange(
            "not saved yet: /srv/lien-minh/ke-hoach-2011.ron belongs to user 1001 (group 1001); \
             a save would make the new file yours"
                .into(),
        )),
    );
    assert!(matches!(app.dialog(), Some(Dialog::OwnerChange { .. })));
    insta::assert_snapshot!(
        "owner_change_dialog_80x24",
        screen_text(&draw(&app, 80, 24))
    );
    let Effect::Save(request) = keys(&mut app, "y") else {
        panic!("y saves anyway");
    };
    assert!(request.allow_owner_change);
    update(
        &mut app,
        Action::SaveFinished(SaveOutcome::OwnerWouldChange("owner".into())),
    );
    // w asks for another name instead; Enter saves there.
    keys(&mut app, "w");
    assert!(app.form().is_some());
    update(&mut app, Action::Input("ban-sao.ron".into()));
    let Effect::Save(request) = keys(&mut app, "Enter") else {
        panic!("Enter saves under the new name");
    };
    assert_eq!(
        request.save_as.as_deref(),
        Some(std::path::Path::new("ban-sao.ron"))
    );
    assert!(!request.allow_owner_change);
}

#[test]
fn restored_edits_never_hide_a_change_made_in_the_file_meanwhile() {
    // A session cycled an entry done → not started → in progress and was killed. Meanwhile
    // someone else set it to not started and saved. Re-applying the journal's last step alone
    // would put "in progress" over their change without a word.
    let mut app = on_entry();
    let entry = |app: &App| {
        app.dataset.plan.items[app.plan_items.selected]
            .progress_of("01")
            .cloned()
    };
    let mut done = htx::model::Dataset::clone(&app.dataset);
    let item = app.plan_items.selected;
    let at = done.plan.items[item]
        .progress
        .iter()
        .position(|p| p.province == "01")
        .unwrap();
    done.plan.items[item].progress[at].status = htx::model::ProgressStatus::Done;
    app.dataset = std::sync::Arc::new(done.clone());
    keys(&mut app, "Space Space");
    assert_eq!(
        entry(&app).unwrap().status,
        htx::model::ProgressStatus::InProgress
    );
    let journal = app.history.pending.clone();
    assert_eq!(journal.len(), 2);

    let mut theirs = done;
    theirs.plan.items[item].progress[at].status = htx::model::ProgressStatus::NotStarted;
    let mut restored = App::new(theirs.clone(), "plan.ron");
    let rejected = restored.restore_edits(std::slice::from_ref(&journal));
    assert_eq!(rejected.len(), 1, "the clash is kept aside, not applied");
    assert_eq!(*restored.dataset, theirs);
    assert!(!restored.dirty());

    // With the file as the session left it, the edits come back as one change.
    let mut restored = App::new(htx::model::Dataset::clone(&app.dataset), "plan.ron");
    assert!(
        restored
            .restore_edits(std::slice::from_ref(&journal))
            .is_empty()
    );
}

/// The file as read again, with nothing of this session's left to carry over.
fn rebased(dataset: htx::model::Dataset) -> Action {
    Action::Reloaded(ReloadOutcome::Rebased {
        dataset: Box::new(dataset),
        pending: Vec::new(),
        fingerprint: None,
    })
}

#[test]
fn a_note_typed_while_the_file_is_reloaded_goes_to_its_entry_merged() {
    let mut app = on_entry();
    let item = app.dataset.plan.items[app.plan_items.selected].id.clone();
    assert!(matches!(keys(&mut app, "R"), Effect::Reload(_)));
    keys(&mut app, "e");
    // The file lost the first item and someone set this entry's status meanwhile.
    let mut theirs = htx::model::Dataset::clone(&app.dataset);
    theirs.plan.items.remove(0);
    let at = theirs.plan.items.iter().position(|i| i.id == item).unwrap();
    let entry = theirs.plan.items[at]
        .progress
        .iter_mut()
        .find(|p| p.province == "01")
        .unwrap();
    assert_ne!(
        entry.status,
        htx::model::ProgressStatus::Done,
        "the test changes it"
    );
    entry.status = htx::model::ProgressStatus::Done;
    update(&mut app, rebased(theirs));
    update(&mut app, Action::Input(" (bổ sung)".into()));
    keys(&mut app, "Ctrl-s");
    assert!(app.editor().is_none(), "{:?}", app.message);
    assert_eq!(app.history.pending.len(), 1);
    assert_eq!(
        app.history.pending[0].record().to_string(),
        format!("{item} / province 01")
    );
    let entry = app.dataset.plan.items[at].progress_of("01").unwrap();
    assert!(entry.note.ends_with(" (bổ sung)"), "{entry:?}");
    assert_eq!(
        entry.status,
        htx::model::ProgressStatus::Done,
        "their status stays"
    );
}

#[test]
fn a_form_open_across_a_reload_keeps_the_fields_others_changed() {
    let mut app = app(100, 30);
    keys(&mut app, "j j j j j j Enter");
    let c = app.selected_cooperative().unwrap();
    assert!(matches!(keys(&mut app, "R"), Effect::Reload(_)));
    keys(&mut app, "e");
    let mut theirs = htx::model::Dataset::clone(&app.dataset);
    let members = theirs.cooperatives[c].members + 1000;
    Arc::make_mut(&mut theirs.cooperatives[c]).members = members;
    update(&mut app, rebased(theirs));
    update(&mut app, Action::Input(" mới".into()));
    keys(&mut app, "Enter");
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| &f.error));
    assert_eq!(
        app.dataset.cooperatives[c].members, members,
        "their change kept"
    );
    assert!(app.dataset.cooperatives[c].name.ends_with(" mới"));
}

#[test]
fn one_reload_at_a_time_so_a_late_answer_never_replaces_newer_edits() {
    let mut app = on_entry();
    keys(&mut app, "Space");
    let Effect::Reload(first) = keys(&mut app, "R") else {
        panic!("R reads the file again");
    };
    assert_eq!(keys(&mut app, "R"), Effect::None, "a second reload waits");
    keys(&mut app, "Space");
    // The answer to the first is for one edit; there are two: asked again, nothing lost.
    let effect = update(
        &mut app,
        Action::Reloaded(ReloadOutcome::Rebased {
            dataset: Box::new(htx::model::Dataset::clone(&first.dataset)),
            pending: first.edits.clone(),
            fingerprint: None,
        }),
    );
    assert!(matches!(effect, Effect::Reload(ref again) if again.edits.len() == 2));
    assert_eq!(app.history.pending.len(), 2);
}

#[test]
fn settling_conflicts_keeps_the_owner_consent_and_the_owner_question_keeps_the_choices() {
    let mut app = on_entry();
    keys(&mut app, "Space s");
    update(
        &mut app,
        Action::SaveFinished(SaveOutcome::OwnerWouldChange("owner".into())),
    );
    let Effect::Save(request) = keys(&mut app, "y") else {
        panic!("y saves anyway");
    };
    assert!(request.allow_owner_change);
    let conflict = Conflict {
        record: htx::model::merge::RecordKey::Plan,
        field: Some("title".into()),
        base: Some("a".into()),
        ours: Some("b".into()),
        theirs: Some("c".into()),
        labels: None,
    };
    update(
        &mut app,
        Action::SaveFinished(SaveOutcome::Conflicts {
            conflicts: vec![conflict],
        }),
    );
    let Effect::Save(request) = keys(&mut app, "m") else {
        panic!("settling the last conflict saves");
    };
    assert!(request.allow_owner_change, "the consent is not asked again");
    // The other way round: the owner question after conflicts keeps what was settled.
    update(
        &mut app,
        Action::SaveFinished(SaveOutcome::OwnerWouldChange("owner".into())),
    );
    let Effect::Save(request) = keys(&mut app, "y") else {
        panic!("y saves anyway");
    };
    assert!(!request.settled.is_empty(), "the settled conflict is kept");
}

#[test]
fn restored_item_edits_keep_the_plan_order_and_never_delete_others_changes() {
    let base = htx::store::builtin().unwrap();
    // Deleting an item whose progress someone changed: a clash, not a silent loss.
    let item = base.plan.items[3].clone();
    let delete = htx::model::edit::Edit::Item {
        id: item.id.clone(),
        before: Some((3, item.clone())),
        after: None,
    };
    let mut theirs = base.clone();
    theirs.plan.items[3].progress[0].note = "của họ".into();
    let mut app = App::new(theirs, "plan.ron");
    assert_eq!(app.restore_edits(&[vec![delete]]).len(), 1);
    assert!(app.dataset.plan.items.iter().any(|i| i.id == item.id));

    // A title edit recorded at position 3, restored after someone put an item on top: the
    // item keeps its place.
    let mut retitled = item.clone();
    retitled.title.push_str(" (sửa)");
    let edit = htx::model::edit::Edit::Item {
        id: item.id.clone(),
        before: Some((3, item.clone())),
        after: Some((3, retitled)),
    };
    let mut theirs = base.clone();
    let mut top = base.plan.items[0].clone();
    top.id = "KH-99".into();
    theirs.plan.items.insert(0, top);
    let mut app = App::new(theirs, "plan.ron");
    assert!(app.restore_edits(&[vec![edit]]).is_empty());
    assert_eq!(app.dataset.plan.items[4].id, item.id);
    assert!(app.dataset.plan.items[4].title.ends_with(" (sửa)"));
}

#[test]
fn two_dead_sessions_changing_one_entry_never_hide_each_other() {
    let base = htx::store::builtin().unwrap();
    let entry = base.plan.items[3].progress[0].clone();
    let session = |status, note: &str| {
        let mut after = entry.clone();
        after.status = status;
        after.note = note.into();
        htx::model::edit::Edit::Progress {
            item: base.plan.items[3].id.clone(),
            province: entry.province.clone(),
            before: Some(entry.clone()),
            after: Some(after),
        }
    };
    let first = session(htx::model::ProgressStatus::Done, "phiên một");
    let second = session(htx::model::ProgressStatus::InProgress, "phiên hai");
    let mut app = App::new(base.clone(), "plan.ron");
    let rejected = app.restore_edits(&[vec![first], vec![second.clone()]]);
    assert_eq!(
        rejected,
        vec![second],
        "the second session's clash is kept aside"
    );
    assert_eq!(app.dataset.plan.items[3].progress[0].note, "phiên một");
}

/// A save that ends while a note is being typed raises its question over the editor; once
/// it is answered, the editor is there again with the text.
#[test]
fn a_question_raised_while_typing_goes_over_the_editor_and_leaves_it_whole() {
    let mut app = on_entry();
    keys(&mut app, "Space s");
    keys(&mut app, "j e");
    type_text(&mut app, "Đang làm");
    let conflict = Conflict {
        record: htx::model::merge::RecordKey::Progress {
            item: "KH-04".into(),
            province: "01".into(),
        },
        field: Some("status".into()),
        base: Some("done".into()),
        ours: Some("in progress".into()),
        theirs: Some("not started".into()),
        labels: None,
    };
    update(
        &mut app,
        Action::SaveFinished(SaveOutcome::Conflicts {
            conflicts: vec![conflict],
        }),
    );
    assert_eq!(app.mode(), Mode::Dialog, "the question is on top");
    let screen = screen_text(&draw(&app, 100, 30));
    assert!(screen.contains("Conflict 1 of 1"), "{screen}");
    keys(&mut app, "Esc");
    assert_eq!(app.mode(), Mode::Edit, "the editor is back");
    assert!(app.editor().unwrap().text.text().ends_with("Đang làm"));
    keys(&mut app, "Ctrl-s");
    assert!(app.editor().is_none());
    assert_eq!(app.unsaved_count(), 2);
}

/// A record a person creates is theirs: no "illustrative" warning on its page.
#[test]
fn new_records_are_a_persons_and_say_so() {
    let mut app = app(100, 30);
    keys(&mut app, "j j j j j j Enter a");
    type_text(&mut app, "HTX Muối sạch Giao Thủy");
    keys(&mut app, "Enter");
    let c = app.selected_cooperative().unwrap();
    assert_eq!(app.dataset.cooperatives[c].origin, Origin::Entered);
    assert_eq!(
        app.message, None,
        "nothing to say about a person's own record"
    );
    keys(&mut app, "Enter");
    let page = screen_text(&draw(&app, 100, 30));
    assert!(page.contains("entered by people"), "{page}");
    assert!(!page.contains("illustrative"), "{page}");

    keys(&mut app, "3 a");
    type_text(&mut app, "Tổng kết năm");
    keys(&mut app, "Enter");
    let item = &app.dataset.plan.items[1];
    assert_eq!(
        (item.title.as_str(), item.origin),
        ("Tổng kết năm", Origin::Entered)
    );
    assert!(item.illustrative.is_empty());
}

/// The report gives no due dates: the sample's are marked, and a date a person types over one
/// is theirs, while the item stays the report's.
#[test]
fn a_due_date_typed_over_an_invented_one_is_the_persons() {
    let mut app = app(100, 30);
    keys(&mut app, "3");
    let item = || app.dataset.plan.items[0].clone();
    assert_eq!(item().illustrative, ["detail", "due", "owner"]);
    // The item pane beside the provinces explains the mark (it needs a wide screen).
    let screen = screen_text(&draw(&app, 140, 40));
    assert!(screen.contains("2011-09-30*"), "{screen}");
    assert!(
        screen.contains("* illustrative, not in the seed"),
        "{screen}"
    );

    let mut app = app;
    keys(&mut app, "e Tab Tab");
    for _ in 0..10 {
        keys(&mut app, "Backspace");
    }
    type_text(&mut app, "2011-10-15");
    keys(&mut app, "Enter");
    let edited = &app.dataset.plan.items[0];
    assert_eq!(edited.due.unwrap().to_string(), "2011-10-15");
    assert_eq!(edited.origin, Origin::Seed);
    assert_eq!(edited.illustrative, ["detail", "owner"]);
    let said = app.message.clone().unwrap();
    assert!(said.contains("due no longer illustrative"), "{said}");
    let screen = screen_text(&draw(&app, 100, 30));
    assert!(
        screen.contains("2011-10-15 ") && !screen.contains("2011-10-15*"),
        "{screen}"
    );

    // Accepting the form unchanged claims nothing.
    keys(&mut app, "j e Enter");
    assert_eq!(
        app.dataset.plan.items[1].illustrative,
        ["detail", "due", "owner"]
    );
    keys(&mut app, "u");
    assert_eq!(
        app.dataset.plan.items[0].illustrative,
        ["detail", "due", "owner"]
    );
}

/// Editing a record invented as a whole keeps it invented, and the screen says so.
#[test]
fn an_edited_illustrative_record_stays_illustrative() {
    let mut app = app(100, 30);
    keys(&mut app, "j j j j j j Enter e Tab Tab Tab Tab");
    for _ in 0..6 {
        keys(&mut app, "Backspace");
    }
    type_text(&mut app, "321");
    keys(&mut app, "Enter");
    let c = app.selected_cooperative().unwrap();
    assert_eq!(app.dataset.cooperatives[c].members, 321);
    assert_eq!(app.dataset.cooperatives[c].origin, Origin::Illustrative);
    let said = app.message.clone().unwrap();
    assert!(said.contains("still illustrative"), "{said}");

    let mut app = on_entry();
    keys(&mut app, "Space");
    assert_eq!(entry(&app).origin, Origin::Illustrative);
    // The entry pane beside the provinces says so (it needs a wide screen).
    let screen = screen_text(&draw(&app, 140, 40));
    assert!(
        screen.contains("Record    illustrative (edits keep it so)"),
        "{screen}"
    );
}

/// A province's first entry on an item is made by the person who sets it.
#[test]
fn a_first_progress_entry_is_the_persons() {
    let mut app = on_entry();
    std::sync::Arc::make_mut(&mut app.dataset).plan.items[3]
        .progress
        .retain(|p| p.province != "01");
    keys(&mut app, "Space");
    let made = entry(&app);
    assert_eq!(made.status, ProgressStatus::InProgress);
    assert_eq!(made.origin, Origin::Entered);
}

#[test]
fn the_plan_item_pane_snapshot() {
    let mut app = app(140, 40);
    keys(&mut app, "3 j j j");
    insta::assert_snapshot!("plan_item_pane_140x40", screen_text(&draw(&app, 140, 40)));
}

#[test]
fn a_cooperative_form_that_breaks_a_rule_leaves_the_data_and_the_history_as_they_were() {
    let mut app = app(100, 30);
    let before = app.dataset.clone();
    let index = app.index.clone();
    // An existing cooperative with its name cleared, then a new one with none typed.
    keys(&mut app, "Enter");
    assert_eq!(app.view, htx::app::View::Cooperatives);
    keys(&mut app, "e End");
    for _ in 0..80 {
        keys(&mut app, "Backspace");
    }
    keys(&mut app, "Enter");
    let error = app.form().unwrap().error.clone().unwrap();
    assert!(error.contains("cooperative name is empty"), "{error}");
    keys(&mut app, "Esc y");
    assert!(app.form().is_none(), "{:?}", app.mode());
    keys(&mut app, "a Enter");
    let error = app.form().unwrap().error.clone().unwrap();
    assert!(error.contains("name is empty"), "{error}");
    // Nothing typed: Esc just closes.
    keys(&mut app, "Esc");
    assert!(app.form().is_none(), "{:?}", app.mode());
    assert_eq!(app.dataset, before);
    assert_eq!(app.index, index);
    assert!(app.history.undo.is_empty() && app.history.pending.is_empty());
    assert!(!app.dirty());
    // Typed right, the form is accepted and can be undone.
    keys(&mut app, "e End");
    type_text(&mut app, " mới");
    keys(&mut app, "Enter");
    assert!(app.form().is_none());
    assert_eq!(app.history.undo.len(), 1);
    keys(&mut app, "u");
    assert_eq!(app.dataset, before);
}

#[test]
fn a_plan_item_form_that_breaks_a_rule_leaves_the_item_and_its_progress_as_they_were() {
    let mut app = app(100, 30);
    let before = app.dataset.clone();
    keys(&mut app, "3 e End");
    for _ in 0..200 {
        keys(&mut app, "Backspace");
    }
    keys(&mut app, "Enter");
    let error = app.form().unwrap().error.clone().unwrap();
    assert!(error.contains("plan item title is empty"), "{error}");
    keys(&mut app, "Esc y");
    assert!(app.form().is_none(), "{:?}", app.mode());
    assert_eq!(app.dataset, before);
    assert!(app.history.undo.is_empty() && app.history.pending.is_empty());
    assert!(!app.dirty());
}
