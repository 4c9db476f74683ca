//! The index the screens draw from, updated in place after each edit (`Index::apply`), is the
//! index a rebuild gives: over random sequences of cooperative additions, deletions, changes
//! of every field the index reads, moves, plan item edits, undo and redo; and through the
//! app's own keys.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{keys, type_text};
use htx::app::{Index, Update};
use htx::model::edit::Edit;
use htx::model::{Cooperative, Dataset, Rating};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::sync::Arc;

/// Names with repeats (so that ties go to the id), one written decomposed (NFD, equal to its
/// NFC spelling in the collation) and two that differ only in case and tone.
const NAMES: [&str; 8] = [
    "HTX Nông nghiệp Đông Hải",
    "HTX Muối Hải Hậu",
    "HTX Diêm nghiệp",
    "HTX Muo\u{302}\u{301}i Ha\u{309}i Ha\u{323}\u{302}u",
    "htx muối hải hậu",
    "HTX Mưới Hải Hậu",
    "Hợp tác xã An Bình",
    "HTX Ă",
];
/// Grades as people write them: the scale in other cases and spellings, none, and two
/// spellings of one grade outside the scale.
const GRADES: [Option<&str>; 8] = [
    None,
    Some("Tốt"),
    Some("khá"),
    Some("Trung bình"),
    Some("YẾU"),
    Some("Tot"),
    Some("Xuất sắc"),
    Some("xuất sắc"),
];
/// A code no province has: such a cooperative counts in the region only and in no list.
const UNKNOWN_PROVINCE: &str = "99";

fn dataset() -> Dataset {
    let mut dataset = htx::store::builtin().unwrap();
    let provinces: Vec<String> = dataset.provinces.iter().map(|p| p.code.clone()).collect();
    let sectors: Vec<String> = dataset.sectors.iter().map(|s| s.id.clone()).collect();
    let year = dataset.region.as_of.year();
    let mut coops = Vec::new();
    for n in 0..300usize {
        let province = if n % 37 == 0 {
            UNKNOWN_PROVINCE.to_owned()
        } else {
            provinces[n % 4 * 2 % provinces.len()].clone()
        };
        let sector = if n % 41 == 0 {
            "no-such-sector".to_owned()
        } else {
            sectors[n % sectors.len()].clone()
        };
        let mut coop = Cooperative::blank(format!("HTX-T-{n:03}"), province, sector);
        coop.name = NAMES[n * 7 % NAMES.len()].to_owned();
        coop.members = u32::try_from(n * 13 % 200).unwrap();
        coop.alliance_member_since = (n % 3 == 0).then_some(year - u16::from(n % 2 == 0));
        if let Some(grade) = GRADES[n * 5 % 6] {
            coop.ratings.push(rating(grade));
        }
        coops.push(coop);
    }
    // The same record twice: equal keys, which only the position orders.
    for n in [10, 11, 150] {
        let twin = coops[n].clone();
        coops.insert(n * 2, twin);
    }
    dataset.cooperatives = coops.into_iter().map(Arc::new).collect();
    dataset
}

fn rating(grade: &str) -> Rating {
    Rating {
        year: 2011,
        scheme: "2011".into(),
        grade: grade.into(),
        score: None,
    }
}

#[derive(Clone, Debug)]
enum Op {
    Add {
        at: usize,
        province: usize,
        name: usize,
    },
    /// A copy of a record, id and all, somewhere else: a tie.
    Twin {
        of: usize,
        at: usize,
    },
    Delete {
        coop: usize,
    },
    Name {
        coop: usize,
        name: usize,
    },
    Province {
        coop: usize,
        province: usize,
    },
    Sector {
        coop: usize,
        sector: usize,
    },
    Members {
        coop: usize,
        members: u32,
    },
    Grade {
        coop: usize,
        grade: usize,
    },
    Joined {
        coop: usize,
        joined: bool,
    },
    /// The record taken out at one place and put back, changed, at another.
    Move {
        from: usize,
        to: usize,
        name: usize,
    },
    AddItem {
        at: usize,
    },
    DeleteItem {
        item: usize,
    },
    MoveItem {
        from: usize,
        to: usize,
    },
    EditItem {
        item: usize,
    },
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0..400usize;
    prop_oneof![
        3 => (n.clone(), 0..12usize, 0..8usize)
            .prop_map(|(at, province, name)| Op::Add { at, province, name }),
        1 => (n.clone(), n.clone()).prop_map(|(of, at)| Op::Twin { of, at }),
        3 => n.clone().prop_map(|coop| Op::Delete { coop }),
        3 => (n.clone(), 0..8usize).prop_map(|(coop, name)| Op::Name { coop, name }),
        2 => (n.clone(), 0..12usize).prop_map(|(coop, province)| Op::Province { coop, province }),
        1 => (n.clone(), 0..8usize).prop_map(|(coop, sector)| Op::Sector { coop, sector }),
        1 => (n.clone(), 0..500u32).prop_map(|(coop, members)| Op::Members { coop, members }),
        2 => (n.clone(), 0..8usize).prop_map(|(coop, grade)| Op::Grade { coop, grade }),
        1 => (n.clone(), any::<bool>()).prop_map(|(coop, joined)| Op::Joined { coop, joined }),
        2 => (n.clone(), n.clone(), 0..8usize)
            .prop_map(|(from, to, name)| Op::Move { from, to, name }),
        1 => (0..20usize).prop_map(|at| Op::AddItem { at }),
        1 => (0..20usize).prop_map(|item| Op::DeleteItem { item }),
        1 => (0..20usize, 0..20usize).prop_map(|(from, to)| Op::MoveItem { from, to }),
        1 => (0..20usize).prop_map(|item| Op::EditItem { item }),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
    ]
}

/// A session's worth of state: the data, its index kept up to date, and the undo lists.
struct Session {
    dataset: Dataset,
    index: Index,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    added: usize,
    /// How often each kind of [`Update`] ran, in the order of its variants.
    updates: [usize; 5],
}

impl Session {
    fn new() -> Self {
        let dataset = dataset();
        Session {
            index: Index::build(&dataset),
            dataset,
            undo: Vec::new(),
            redo: Vec::new(),
            added: 0,
            updates: [0; 5],
        }
    }

    /// Applies `edit` as the app does and updates the index from the edit as it was made.
    fn apply(&mut self, edit: &Edit) -> Option<Edit> {
        let made = edit.apply(&mut self.dataset).ok()?;
        self.update(&made);
        Some(made)
    }

    fn update(&mut self, made: &Edit) {
        let update = self.index.apply(&self.dataset, made);
        let kind = match update {
            Update::Nothing => 0,
            Update::Tallies => 1,
            Update::Cooperative => 2,
            Update::Recounted => 3,
            Update::Rebuilt => 4,
        };
        self.updates[kind] += 1;
    }

    fn edit(&mut self, edit: Edit) {
        if let Some(made) = self.apply(&edit)
            && !made.is_noop()
        {
            self.redo.clear();
            self.undo.push(made);
        }
    }

    /// A change of the cooperative at `coop` (modulo their number), in place.
    fn change(&mut self, coop: usize, change: impl FnOnce(&mut Cooperative)) {
        let count = self.dataset.cooperatives.len();
        if count == 0 {
            return;
        }
        let at = coop % count;
        let before = Cooperative::clone(&self.dataset.cooperatives[at]);
        let mut after = before.clone();
        change(&mut after);
        self.edit(Edit::Cooperative {
            id: before.id.clone(),
            before: Some((at, before)),
            after: Some((at, after)),
        });
    }

    fn province(&self, province: usize) -> String {
        self.dataset
            .provinces
            .get(province)
            .map_or(UNKNOWN_PROVINCE.to_owned(), |p| p.code.clone())
    }

    fn step(&mut self, op: &Op) {
        let count = self.dataset.cooperatives.len();
        let items = self.dataset.plan.items.len();
        match *op {
            Op::Add { at, province, name } => {
                self.added += 1;
                let mut coop = Cooperative::blank(
                    format!("HTX-NEW-{}", self.added),
                    self.province(province),
                    self.dataset.sectors[0].id.clone(),
                );
                coop.name = NAMES[name].to_owned();
                coop.members = 7;
                self.edit(Edit::Cooperative {
                    id: coop.id.clone(),
                    before: None,
                    after: Some((at % (count + 1), coop)),
                });
            }
            Op::Twin { of, at } if count > 0 => {
                // Edits find records by id, so a twin is put in by hand, as a file may hold it.
                let twin = Cooperative::clone(&self.dataset.cooperatives[of % count]);
                let at = at % (count + 1);
                self.dataset.cooperatives.insert(at, Arc::new(twin.clone()));
                self.update(&Edit::Cooperative {
                    id: twin.id.clone(),
                    before: None,
                    after: Some((at, twin)),
                });
            }
            Op::Delete { coop } if count > 0 => {
                let at = coop % count;
                let before = Cooperative::clone(&self.dataset.cooperatives[at]);
                self.edit(Edit::Cooperative {
                    id: before.id.clone(),
                    before: Some((at, before)),
                    after: None,
                });
            }
            Op::Name { coop, name } => self.change(coop, |c| c.name = NAMES[name].to_owned()),
            Op::Province { coop, province } => {
                let code = self.province(province);
                self.change(coop, |c| c.province = code);
            }
            Op::Sector { coop, sector } => {
                let id = self
                    .dataset
                    .sectors
                    .get(sector)
                    .map_or("no-such-sector".to_owned(), |s| s.id.clone());
                self.change(coop, |c| c.sector = id);
            }
            Op::Members { coop, members } => self.change(coop, |c| c.members = members),
            Op::Grade { coop, grade } => self.change(coop, |c| {
                c.ratings.clear();
                if let Some(grade) = GRADES[grade] {
                    c.ratings.push(rating(grade));
                }
            }),
            Op::Joined { coop, joined } => {
                let year = self.dataset.region.as_of.year();
                self.change(coop, |c| {
                    c.alliance_member_since = joined.then_some(year);
                });
            }
            Op::Move { from, to, name } if count > 0 => {
                // Edits keep a record where it is; the index must follow any move all the same.
                let from = from % count;
                let before = Cooperative::clone(&self.dataset.cooperatives.remove(from));
                let to = to % count;
                let mut after = before.clone();
                after.name = NAMES[name].to_owned();
                self.dataset
                    .cooperatives
                    .insert(to, Arc::new(after.clone()));
                let made = Edit::Cooperative {
                    id: before.id.clone(),
                    before: Some((from, before)),
                    after: Some((to, after)),
                };
                self.update(&made);
                self.redo.clear();
                self.undo.push(made);
            }
            Op::AddItem { at } => {
                self.added += 1;
                let mut item = self.dataset.plan.items[at % items].clone();
                item.id = format!("KH-NEW-{}", self.added);
                self.edit(Edit::Item {
                    id: item.id.clone(),
                    before: None,
                    after: Some((at % (items + 1), item)),
                });
            }
            Op::DeleteItem { item } if items > 1 => {
                let at = item % items;
                let before = self.dataset.plan.items[at].clone();
                self.edit(Edit::Item {
                    id: before.id.clone(),
                    before: Some((at, before)),
                    after: None,
                });
            }
            Op::MoveItem { from, to } => {
                let (from, to) = (from % items, to % items);
                let item = self.dataset.plan.items[from].clone();
                self.edit(Edit::Item {
                    id: item.id.clone(),
                    before: Some((from, item.clone())),
                    after: Some((to, item)),
                });
            }
            Op::EditItem { item } => {
                let at = item % items;
                let before = self.dataset.plan.items[at].clone();
                let mut after = before.clone();
                after.title.push_str(" (sửa)");
                self.edit(Edit::Item {
                    id: before.id.clone(),
                    before: Some((at, before)),
                    after: Some((at, after)),
                });
            }
            Op::Undo => {
                if let Some(edit) = self.undo.pop() {
                    if self.apply(&edit.inverse()).is_some() {
                        self.redo.push(edit);
                    } else {
                        self.undo.push(edit);
                    }
                }
            }
            Op::Redo => {
                if let Some(edit) = self.redo.pop() {
                    if self.apply(&edit).is_some() {
                        self.undo.push(edit);
                    } else {
                        self.redo.push(edit);
                    }
                }
            }
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_updated_index_is_the_rebuilt_index(ops in prop::collection::vec(op(), 1..60)) {
        let mut session = Session::new();
        for (n, op) in ops.iter().enumerate() {
            session.step(op);
            let rebuilt = Index::build(&session.dataset);
            prop_assert!(session.index == rebuilt, "after step {} ({:?})", n, op);
        }
    }
}

/// How often an edit falls back from the update in place (run with `--nocapture` to see).
#[test]
fn updates_in_place_are_the_rule() {
    let mut session = Session::new();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let ops = prop::collection::vec(op(), 2000)
        .new_tree(&mut runner)
        .unwrap()
        .current();
    for op in &ops {
        session.step(op);
    }
    let ran = session.updates;
    assert_eq!(session.index, Index::build(&session.dataset));
    eprintln!(
        "updates over {} random steps: nothing {}, tallies {}, in place {}, figures recounted {}, rebuilt {}",
        ops.len(),
        ran[0],
        ran[1],
        ran[2],
        ran[3],
        ran[4]
    );
    assert_eq!(ran[4], 0, "no cooperative or item edit rebuilds");
}

/// Through the app's keys: adding a cooperative to a province, renaming it, deleting others,
/// undoing and redoing; the index after each key script is the rebuilt one.
#[test]
fn the_apps_index_follows_its_edits_undo_and_redo() {
    let mut app = common::app(100, 30);
    let same_as_rebuilt = |app: &htx::app::App, after: &str| {
        assert!(
            app.index == Index::build(&app.dataset),
            "index differs after {after:?}"
        );
    };
    let scripts = [
        "j j j j j j Enter a",
        "type:HTX Ánh Dương",
        "Enter",
        "e",
        "type: mới",
        "Enter",
        "k d y",
        "k k d y",
        "u",
        "u",
        "Ctrl-r",
        "u u u u",
        "Ctrl-r Ctrl-r",
        "3 J",
        "u",
        "Ctrl-r",
    ];
    for script in scripts {
        match script.strip_prefix("type:") {
            Some(text) => type_text(&mut app, text),
            None => {
                keys(&mut app, script);
            }
        }
        same_as_rebuilt(&app, script);
    }
    assert!(app.history.undo.len() >= 3, "{:?}", app.history.undo.len());
}
