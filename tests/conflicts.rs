//! A file that a merge (`htx merge`, git's merge driver) left conflicts in: the full screen
//! opens on their list, each choice settles one as an edit (undone like any other), and once
//! the last is settled the data is clean; the real binary then saves a file `htx check`
//! passes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{draw, keys, screen_text, type_text};
use htx::app::{AfterSettling, App, Dialog, Layer, Mode};
use htx::lang::{self, Lang};
use htx::model::merge::{Labels, Resolutions, merge};
use htx::model::{CooperativeStatus, Dataset, ProgressStatus};
use std::sync::Arc;

/// The built-in dataset with three conflicts kept as `htx merge` keeps them: a cooperative's
/// members, a province's status on KH-04, and a cooperative deleted on one side and changed on
/// the other. Also gives ours and theirs.
fn conflicted() -> (Dataset, Dataset, Dataset) {
    let base = htx::store::builtin().unwrap();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    Arc::make_mut(&mut ours.cooperatives[0]).members = 90;
    Arc::make_mut(&mut theirs.cooperatives[0]).members = 95;
    fn entry(d: &mut Dataset) -> &mut htx::model::Progress {
        &mut d.plan.items[3].progress[1]
    }
    let was = base.plan.items[3].progress[1].status;
    let [a, b]: [ProgressStatus; 2] = ProgressStatus::BY_PROGRESS
        .into_iter()
        .filter(|s| *s != was)
        .take(2)
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    entry(&mut ours).status = a;
    entry(&mut theirs).status = b;
    let gone = ours.cooperatives.remove(4);
    let changed = theirs
        .cooperatives
        .iter_mut()
        .find(|c| c.id == gone.id)
        .map(Arc::make_mut)
        .unwrap();
    changed.status = CooperativeStatus::Dissolved;
    let merged = merge(&base, &ours, &theirs, &Resolutions::default());
    let mut file = merged.dataset;
    for mut conflict in merged.conflicts {
        conflict.labels = Some(Labels {
            base: "merged common ancestors".into(),
            ours: "HEAD".into(),
            theirs: "nam-dinh".into(),
        });
        file.conflicts.push(conflict);
    }
    assert_eq!(file.conflicts.len(), 3, "{:#?}", file.conflicts);
    (file, ours, theirs)
}

fn opened(file: &Dataset, width: u16, height: u16) -> App {
    let mut app = App::new(file.clone(), "dataset.ron");
    htx::app::update(&mut app, htx::app::Action::Resize { width, height });
    app
}

fn showing(app: &App) -> Option<(usize, usize)> {
    match app.layers.last() {
        Some(Layer::Dialog(Dialog::Conflicts(settling)))
            if settling.then == AfterSettling::File =>
        {
            Some((settling.at, settling.conflicts.len()))
        }
        _ => None,
    }
}

#[test]
fn the_file_opens_on_its_conflicts_and_each_choice_settles_one() {
    lang::pin(Lang::En);
    let (file, ours, theirs) = conflicted();
    let mut app = opened(&file, 100, 30);
    app.user = "kiem.tra".into();
    assert_eq!(app.mode(), Mode::Dialog);
    assert_eq!(showing(&app), Some((0, 3)));
    let screen = screen_text(&draw(&app, 100, 30));
    assert!(
        screen.contains("A merge kept these conflicts in the file"),
        "{screen}"
    );
    assert!(
        screen.contains("(HEAD)") && screen.contains("(nam-dinh)"),
        "{screen}"
    );

    // In the engine's order: the members, the deleted cooperative, the status on KH-04.
    // The second, theirs: the cooperative stays, dissolved. The list closes up; the shown one
    // is now the status.
    let kept = file.conflicts[1].record.clone();
    keys(&mut app, "j t");
    assert_eq!(showing(&app), Some((1, 2)));
    let id = |c: &htx::model::Cooperative| htx::model::merge::RecordKey::Cooperative(c.id.clone());
    let coop = app.dataset.cooperatives.iter().find(|c| id(c) == kept);
    assert_eq!(coop.map(|c| c.status), Some(CooperativeStatus::Dissolved));
    assert!(app.dirty());
    // The status: ours.
    keys(&mut app, "m");
    assert_eq!(showing(&app), Some((0, 1)));
    let entry = |d: &Dataset| d.plan.items[3].progress[1].status;
    assert_eq!(entry(&app.dataset), entry(&ours));
    assert_ne!(entry(&ours), entry(&theirs));
    // Who decided is on the entry, as for any edit of it.
    let settled = &app.dataset.plan.items[3].progress[1];
    assert_eq!(settled.changed_by.as_deref(), Some("kiem.tra"));
    // The members: a typed value.
    keys(&mut app, "e Backspace Backspace");
    type_text(&mut app, "93");
    keys(&mut app, "Ctrl-s");
    assert_eq!(showing(&app), None, "the list closes after the last");
    assert_eq!(app.dataset.cooperatives[0].members, 93);
    assert!(app.dataset.conflicts.is_empty());
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("s saves a clean file"), "{message}");

    // Undone: the last settlement comes back, and C lists it again.
    keys(&mut app, "u");
    assert_eq!(app.dataset.conflicts.len(), 1);
    assert_eq!(
        app.dataset.cooperatives[0].members, 90,
        "ours, held until settled"
    );
    keys(&mut app, "C");
    assert_eq!(showing(&app), Some((0, 1)));
    keys(&mut app, "b");
    let base = htx::store::builtin().unwrap();
    assert_eq!(
        app.dataset.cooperatives[0].members,
        base.cooperatives[0].members
    );
    assert!(app.dataset.conflicts.is_empty());
}

#[test]
fn closing_the_list_keeps_the_conflicts_and_says_how_to_come_back() {
    lang::pin(Lang::En);
    let (file, _, _) = conflicted();
    let mut app = opened(&file, 100, 30);
    keys(&mut app, "Esc");
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.dataset.conflicts.len(), 3);
    assert!(!app.dirty());
    let message = app.message.clone().unwrap_or_default();
    assert_eq!(
        message,
        "3 conflicts from a merge left in the file · C lists them"
    );
    // A typed value that does not read is refused with the reason, and nothing changes.
    keys(&mut app, "C e Backspace Backspace");
    type_text(&mut app, "ninety");
    keys(&mut app, "Ctrl-s");
    assert_eq!(app.dataset.conflicts.len(), 3);
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.starts_with("Not settled: the value does not read"),
        "{message}"
    );
    // `b` where there is no base is refused too.
    let mut plain = App::new(htx::store::builtin().unwrap(), "dataset.ron");
    keys(&mut plain, "C");
    assert_eq!(
        plain.message.as_deref(),
        Some("The file holds no conflicts from a merge.")
    );
}

#[test]
fn the_list_of_the_files_conflicts_snapshots() {
    let (file, _, _) = conflicted();
    for (lang, name) in [(Lang::En, "en"), (Lang::Vi, "vi")] {
        lang::pin(lang);
        for (width, height) in [(80, 24), (120, 40)] {
            let mut app = opened(&file, width, height);
            keys(&mut app, "j j");
            insta::assert_snapshot!(
                format!("file_conflicts_{name}_{width}x{height}"),
                screen_text(&draw(&app, width, height))
            );
        }
    }
}

#[test]
fn settled_in_the_real_binary_the_saved_file_is_clean() {
    use common::pty::Session;
    let (file, _, theirs) = conflicted();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::write(&path, htx::store::to_ron_string(&file).unwrap()).unwrap();
    let check = |path: &std::path::Path| {
        common::in_english(&mut std::process::Command::new(env!("CARGO_BIN_EXE_htx")))
            .args(["check"])
            .arg(path)
            .output()
            .unwrap()
    };
    let before = check(&path);
    assert_eq!(before.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&before.stdout)
            .matches(": conflict: ")
            .count(),
        3
    );

    let mut session = Session::start(&[path.to_str().unwrap()]);
    session.wait_for("Conflict 1 of 3");
    session.send("t");
    session.wait_for("Conflict 1 of 2");
    session.send("t");
    session.wait_for("Conflict 1 of 1");
    session.send("t");
    session.wait_for("s saves a clean file");
    session.send("s");
    session.wait_for("Saved plan.ron");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);

    let after = check(&path);
    assert_eq!(after.status.code(), Some(0), "{after:?}");
    let mut saved = htx::store::load(&path, &|_| {}).unwrap().dataset;
    // The entry settled records who decided, and when; the rest is theirs.
    let entry = &mut saved.plan.items[3].progress[1];
    assert!(entry.changed_by.is_some() && entry.changed_at.is_some());
    assert_ne!(
        entry.changed_at,
        theirs.plan.items[3].progress[1].changed_at
    );
    entry
        .changed_by
        .clone_from(&theirs.plan.items[3].progress[1].changed_by);
    entry.changed_at = theirs.plan.items[3].progress[1].changed_at;
    assert_eq!(saved, theirs, "every conflict taken as theirs");
}

#[test]
fn a_settlement_survives_a_dropped_connection_through_the_journal() {
    lang::pin(Lang::En);
    let (file, _, theirs) = conflicted();
    let mut app = opened(&file, 100, 30);
    keys(&mut app, "j j t");
    let htx::app::JournalWork::Append(journal) = app.take_journal_work() else {
        panic!("the settlement is journaled");
    };
    assert_eq!(journal.len(), 1);
    // Written to a real journal and read back as the same edit.
    let dir = tempfile::tempdir().unwrap();
    let store = htx::store::save::Journal::open(dir.path(), &dir.path().join("plan.ron")).unwrap();
    store.append(&journal).unwrap();
    let read = store.read().unwrap();
    assert_eq!(read, journal);

    let mut restarted = opened(&file, 100, 30);
    let rejected = restarted.restore_edits(&[read]);
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(restarted.dataset.conflicts.len(), 2);
    let entry = |d: &Dataset| d.plan.items[3].progress[1].status;
    assert_eq!(entry(&restarted.dataset), entry(&theirs));
    assert!(restarted.dirty());
}

/// Settlements carried onto a file someone else saved meanwhile (`R`, or a save that merged
/// while the user kept settling) stay unsaved edits, and the next save writes them.
#[test]
fn settlements_survive_a_reload_of_a_file_changed_meanwhile() {
    use htx::model::edit::{base_of, net_count};
    use htx::store::save::{self, Reloaded, SaveOptions, Saved};
    lang::pin(Lang::En);
    let (file, ours, theirs) = conflicted();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::write(&path, htx::store::to_ron_string(&file).unwrap()).unwrap();
    let loaded = htx::store::load(&path, &|_| {}).unwrap();
    let mut app = opened(&loaded.dataset, 100, 30);
    // The members (ours: no value changes, the conflict leaves the list) and the status
    // (theirs); the deleted cooperative is left for later.
    keys(&mut app, "m j t Esc");
    assert_eq!(app.dataset.conflicts.len(), 1);
    assert_eq!(net_count(&app.history.pending), 2);

    // Someone else saves a change to another record.
    let mut other = loaded.dataset.clone();
    Arc::make_mut(&mut other.cooperatives[1])
        .name
        .push_str(" (mới)");
    std::fs::write(&path, htx::store::to_ron_string(&other).unwrap()).unwrap();

    let Reloaded::Rebased(rebased) = save::reload(
        &path,
        &app.dataset,
        &app.history.pending,
        &Resolutions::default(),
    )
    .unwrap() else {
        panic!("no conflict between a settlement and another record's change");
    };
    assert_eq!(rebased.dataset.conflicts.len(), 1);
    // The status's change is now an entry's edit beside the settlement that lists it no more.
    assert!(net_count(&rebased.pending) >= 2, "{:#?}", rebased.pending);
    assert_eq!(
        base_of(&rebased.dataset, &rebased.pending).unwrap(),
        other,
        "the unsaved settlements lead from the file as it is now"
    );
    let saved = save::save(
        &path,
        rebased.fingerprint,
        &rebased.dataset,
        &rebased.pending,
        &SaveOptions::default(),
    )
    .unwrap();
    assert!(matches!(saved, Saved::Written { .. }), "{saved:?}");
    let on_disk = htx::store::load(&path, &|_| {}).unwrap().dataset;
    assert_eq!(on_disk.conflicts.len(), 1);
    assert_eq!(
        on_disk.cooperatives[0].members,
        ours.cooperatives[0].members
    );
    let entry = |d: &Dataset| d.plan.items[3].progress[1].status;
    assert_eq!(entry(&on_disk), entry(&theirs));
    assert!(on_disk.cooperatives[1].name.ends_with(" (mới)"));
}

/// Many conflicts at 80×24: the list shows a window around the one chosen, and every key is
/// still on the screen.
#[test]
fn a_long_list_of_conflicts_keeps_its_keys_in_sight() {
    lang::pin(Lang::En);
    let base = htx::store::builtin().unwrap();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for at in 0..8 {
        Arc::make_mut(&mut ours.cooperatives[at]).members += 1;
        Arc::make_mut(&mut theirs.cooperatives[at]).members += 2;
    }
    let merged = merge(&base, &ours, &theirs, &Resolutions::default());
    let mut file = merged.dataset;
    file.conflicts = merged.conflicts;
    let mut app = opened(&file, 80, 24);
    keys(&mut app, "j j j j j");
    let screen = screen_text(&draw(&app, 80, 24));
    for key in [
        "m keep mine",
        "t take theirs",
        "b take the value",
        "e type the value",
        "Esc settle later",
    ] {
        assert!(screen.contains(key), "{key:?} cut:\n{screen}");
    }
    assert!(screen.contains("Conflict 6 of 8"), "{screen}");
    insta::assert_snapshot!("file_conflicts_eight_80x24", screen);
}

/// What the screens count follows each settlement as a rebuild of the index would count it.
#[test]
fn the_counts_follow_each_settlement() {
    lang::pin(Lang::En);
    let (file, _, _) = conflicted();
    let mut app = opened(&file, 100, 30);
    let same_as_rebuilt = |app: &App| {
        let fresh = htx::app::Index::build(&app.dataset);
        assert_eq!(app.index.plan, fresh.plan);
        assert_eq!(app.index.figures, fresh.figures);
        assert_eq!(app.index.provinces, fresh.provinces);
        assert_eq!(app.index.cooperatives, fresh.cooperatives);
    };
    // The status on KH-04, theirs (another status); the deleted cooperative, ours (gone); the
    // members, theirs.
    for script in ["j j t", "j m", "t"] {
        keys(&mut app, script);
        same_as_rebuilt(&app);
    }
    assert!(app.dataset.conflicts.is_empty());
    keys(&mut app, "u u u");
    same_as_rebuilt(&app);
}
