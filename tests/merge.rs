//! Three sessions on one file, driven through random edits, saves and reloads: every field of
//! the file after a save (and of a session after a reload) is what a three-way merge against
//! the state both sides started from gives, worked out here independently of the engine, field
//! by field on the records' serialised form. So a change only one side made is never lost, and
//! a field both changed differently is always asked about.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use htx::model::edit::{Edit, base_of};
use htx::model::merge::{Conflict, Pick, Resolution, Resolutions};
use htx::model::{Dataset, ProgressStatus};
use htx::store::save::{self, Fingerprint, Reloaded, SaveOptions, Saved};
use proptest::prelude::*;
use serde_json::Value;

/// One simulated session: its data, its edits since `base`, and (for the oracle only) the
/// data it loaded, kept as it was.
struct Session {
    data: Dataset,
    pending: Vec<Edit>,
    fingerprint: Option<Fingerprint>,
    loaded: Dataset,
}

#[derive(Clone, Debug)]
enum Op {
    Status {
        item: usize,
        province: usize,
        status: usize,
    },
    Note {
        item: usize,
        province: usize,
        note: usize,
    },
    Members {
        coop: usize,
        members: u32,
    },
    DeleteCooperative {
        coop: usize,
    },
    Save {
        mine: bool,
    },
    Reload {
        mine: bool,
    },
}

fn op() -> impl Strategy<Value = (usize, Op)> {
    let op = prop_oneof![
        3 => (0..2usize, 0..3usize, 0..4usize)
            .prop_map(|(item, province, status)| Op::Status { item, province, status }),
        2 => (0..2usize, 0..3usize, 0..3usize)
            .prop_map(|(item, province, note)| Op::Note { item, province, note }),
        2 => (0..3usize, 1..4u32).prop_map(|(coop, m)| Op::Members { coop, members: m * 100 }),
        1 => (0..3usize).prop_map(|coop| Op::DeleteCooperative { coop }),
        3 => any::<bool>().prop_map(|mine| Op::Save { mine }),
        1 => any::<bool>().prop_map(|mine| Op::Reload { mine }),
    ];
    (0..3usize, op)
}

const NOTES: [&str; 3] = ["", "đã xong", "chờ hướng dẫn"];
const STATUSES: [ProgressStatus; 4] = [
    ProgressStatus::NotStarted,
    ProgressStatus::InProgress,
    ProgressStatus::Done,
    ProgressStatus::NotApplicable,
];

fn read(path: &Path) -> Dataset {
    htx::store::load(path, &|_| {}).unwrap().dataset
}

/// Every record a session can edit, by its ids, as JSON objects (field → value), without who
/// changed an entry and when (which follow the latest change, never a conflict).
fn records(dataset: &Dataset) -> BTreeMap<String, BTreeMap<String, Value>> {
    let fields = |value: Value| -> BTreeMap<String, Value> {
        let Value::Object(map) = value else {
            panic!("a record serialises to an object")
        };
        map.into_iter()
            .filter(|(k, _)| k != "changed_by" && k != "changed_at" && k != "progress")
            .collect()
    };
    let mut all = BTreeMap::new();
    for coop in &dataset.cooperatives {
        all.insert(
            format!("coop {}", coop.id),
            fields(serde_json::to_value(coop).unwrap()),
        );
    }
    for item in &dataset.plan.items {
        for entry in &item.progress {
            all.insert(
                format!("entry {}/{}", item.id, entry.province),
                fields(serde_json::to_value(entry).unwrap()),
            );
        }
    }
    all
}

/// What a three-way merge must give, record by record and field by field, when every
/// conflict is settled for `mine` (or for theirs); `None` for a record that must be gone.
fn expected(
    base: &Dataset,
    ours: &Dataset,
    theirs: &Dataset,
    mine: bool,
) -> BTreeMap<String, Option<BTreeMap<String, Value>>> {
    let (b, o, t) = (records(base), records(ours), records(theirs));
    let keys: BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let pick = |ours: Option<&BTreeMap<String, Value>>,
                theirs: Option<&BTreeMap<String, Value>>| {
        if mine { ours.cloned() } else { theirs.cloned() }
    };
    keys.into_iter()
        .map(|key| {
            let (b, o, t) = (b.get(key), o.get(key), t.get(key));
            let result = match (b, o, t) {
                (_, Some(o), Some(t)) => {
                    let names: BTreeSet<&String> = o
                        .keys()
                        .chain(t.keys())
                        .chain(b.into_iter().flat_map(|b| b.keys()))
                        .collect();
                    let mut merged = BTreeMap::new();
                    for name in names {
                        let (bv, ov, tv) = (b.and_then(|b| b.get(name)), o.get(name), t.get(name));
                        let value = if ov == tv || (b.is_some() && tv == bv) {
                            ov
                        } else if b.is_some() && ov == bv {
                            tv
                        } else if mine {
                            ov
                        } else {
                            tv
                        };
                        if let Some(value) = value {
                            merged.insert(name.clone(), value.clone());
                        }
                    }
                    Some(merged)
                }
                (Some(b), None, Some(t)) if t == b => None,
                (Some(b), Some(o), None) if o == b => None,
                (Some(_), o, t) if o.is_some() != t.is_some() => pick(o, t),
                (_, o, t) => o.or(t).cloned(),
            };
            (key.clone(), result)
        })
        .collect()
}

fn assert_merged(
    what: &str,
    result: &Dataset,
    expected: &BTreeMap<String, Option<BTreeMap<String, Value>>>,
) {
    let actual = records(result);
    for (key, want) in expected {
        assert_eq!(actual.get(key), want.as_ref(), "{what}: {key}");
    }
    for key in actual.keys() {
        assert!(
            expected.contains_key(key),
            "{what}: {key} appeared from nowhere"
        );
    }
}

/// Every conflict the engine reports is a real one: both sides changed that field (or record)
/// away from the base, differently.
fn assert_genuine(conflicts: &[Conflict]) {
    for conflict in conflicts {
        assert_ne!(conflict.ours, conflict.theirs, "{conflict:?}");
        if conflict.base.is_some() || conflict.field.is_none() {
            assert_ne!(conflict.base, conflict.ours, "{conflict:?}");
            assert_ne!(conflict.base, conflict.theirs, "{conflict:?}");
        }
    }
}

fn settle_all(conflicts: &[Conflict], mine: bool, settled: &mut Resolutions) {
    for conflict in conflicts {
        settled.add(Resolution {
            conflict: conflict.clone(),
            pick: if mine { Pick::Ours } else { Pick::Theirs },
        });
    }
}

impl Session {
    fn edit(&mut self, edit: &Edit) {
        let made = edit
            .apply(&mut self.data)
            .expect("an edit built from the data applies");
        if !made.is_noop() {
            self.pending.push(made);
        }
    }

    fn run(&mut self, op: &Op, who: usize, path: &Path) {
        match *op {
            Op::Status {
                item,
                province,
                status,
            }
            | Op::Note {
                item,
                province,
                note: status,
            } => {
                let plan_item = &self.data.plan.items[item];
                let code = self.data.provinces[province].code.clone();
                let before = plan_item.progress_of(&code).cloned();
                let mut after = before
                    .clone()
                    .unwrap_or_else(|| htx::model::Progress::not_started(code.clone()));
                if matches!(op, Op::Status { .. }) {
                    after.status = STATUSES[status];
                } else {
                    after.note = NOTES[status].to_owned();
                }
                after.changed_by = Some(format!("session{who}"));
                let edit = Edit::Progress {
                    item: plan_item.id.clone(),
                    province: code,
                    before,
                    after: Some(after),
                };
                self.edit(&edit);
            }
            Op::Members { coop, members } => {
                let Some(c) = self.data.cooperatives.get(coop).map(|c| (**c).clone()) else {
                    return;
                };
                let mut changed = c.clone();
                changed.members = members;
                let edit = Edit::Cooperative {
                    id: c.id.clone(),
                    before: Some((coop, c)),
                    after: Some((coop, changed)),
                };
                self.edit(&edit);
            }
            Op::DeleteCooperative { coop } => {
                let Some(c) = self.data.cooperatives.get(coop).map(|c| (**c).clone()) else {
                    return;
                };
                let edit = Edit::Cooperative {
                    id: c.id.clone(),
                    before: Some((coop, c)),
                    after: None,
                };
                self.edit(&edit);
            }
            Op::Save { mine } => self.save(path, mine),
            Op::Reload { mine } => self.reload(path, mine),
        }
    }

    fn save(&mut self, path: &Path, mine: bool) {
        let theirs = read(path);
        let want = expected(&self.loaded, &self.data, &theirs, mine);
        let mut options = SaveOptions::default();
        for _ in 0..3 {
            match save::save(path, self.fingerprint, &self.data, &self.pending, &options).unwrap() {
                Saved::Conflicts { conflicts } => {
                    assert_genuine(&conflicts);
                    settle_all(&conflicts, mine, &mut options.settled);
                }
                Saved::Written { fingerprint, .. } => {
                    assert_eq!(theirs, self.loaded, "written over a file that changed");
                    self.saved(path, fingerprint, &want);
                    return;
                }
                Saved::Merged {
                    dataset,
                    fingerprint,
                } => {
                    assert_eq!(*dataset, read(path));
                    self.saved(path, fingerprint, &want);
                    return;
                }
            }
        }
        panic!("settling every conflict did not let the save through");
    }

    fn saved(
        &mut self,
        path: &Path,
        fingerprint: Fingerprint,
        want: &BTreeMap<String, Option<BTreeMap<String, Value>>>,
    ) {
        let on_disk = read(path);
        assert_merged("saved file", &on_disk, want);
        self.data = on_disk.clone();
        self.loaded = on_disk;
        self.pending.clear();
        self.fingerprint = Some(fingerprint);
    }

    fn reload(&mut self, path: &Path, mine: bool) {
        let theirs = read(path);
        let want = expected(&self.loaded, &self.data, &theirs, mine);
        let mut settled = Resolutions::default();
        for _ in 0..3 {
            match save::reload(path, &self.data, &self.pending, &settled).unwrap() {
                Reloaded::Conflicts(conflicts) => {
                    assert_genuine(&conflicts);
                    settle_all(&conflicts, mine, &mut settled);
                }
                Reloaded::Rebased(rebased) => {
                    assert_merged("reloaded session", &rebased.dataset, &want);
                    // The unsaved edits lead from the file to the session's data.
                    assert_eq!(base_of(&rebased.dataset, &rebased.pending).unwrap(), theirs);
                    self.data = rebased.dataset;
                    self.pending = rebased.pending;
                    self.fingerprint = rebased.fingerprint;
                    self.loaded = theirs;
                    return;
                }
            }
        }
        panic!("settling every conflict did not let the reload through");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn sessions_merge_three_ways_and_never_lose_a_one_sided_change(
        ops in prop::collection::vec(op(), 1..40)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let start = htx::store::builtin().unwrap();
        save::write_atomic(&path, &start).unwrap();
        let fingerprint = Fingerprint::of_file(&path);
        let mut sessions: Vec<Session> = (0..3)
            .map(|_| Session {
                data: start.clone(),
                pending: Vec::new(),
                fingerprint,
                loaded: start.clone(),
            })
            .collect();
        for (who, op) in &ops {
            sessions[*who].run(op, *who, &path);
        }
        // Whatever is unsaved still leads back to what each session loaded.
        for session in &sessions {
            prop_assert_eq!(&base_of(&session.data, &session.pending).unwrap(), &session.loaded);
        }
    }
}
