//! Properties of the three-way merge (`htx::model::merge::merge`) on random edit sequences A
//! and B made from one base: a side merged with an untouched side is that side; a side merged
//! with itself is itself; the merge is the same whichever side is ours, up to the sides (the
//! same conflicts with ours and theirs swapped, and the same records once every conflict is
//! settled the same way); and the result is always a sound dataset the writer and the parser
//! agree on.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use htx::model::merge::{Conflict, Merged, Pick, RecordKey, Resolution, Resolutions, merge};
use htx::model::{Dataset, ProgressStatus};
use proptest::prelude::*;
use serde_json::Value;

const PROVINCES: [&str; 2] = ["36", "34"];
const NOTES: [&str; 3] = ["", "đã xong", "chờ hướng dẫn\nbáo cáo sau"];
const NAMES: [&str; 3] = ["HTX Mới", "HTX Muối Hải Hậu", "HTX Diêm nghiệp"];
const STATUSES: [ProgressStatus; 4] = [
    ProgressStatus::NotStarted,
    ProgressStatus::InProgress,
    ProgressStatus::Done,
    ProgressStatus::NotApplicable,
];

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
    CoopName {
        coop: usize,
        name: usize,
    },
    AddCoop {
        id: usize,
        name: usize,
    },
    DeleteCoop {
        coop: usize,
    },
    AddItem {
        id: usize,
        at: usize,
        title: usize,
    },
    DeleteItem {
        item: usize,
    },
    MoveItem {
        from: usize,
        to: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..4usize, 0..2usize, 0..4usize)
            .prop_map(|(item, province, status)| Op::Status { item, province, status }),
        2 => (0..4usize, 0..2usize, 0..3usize)
            .prop_map(|(item, province, note)| Op::Note { item, province, note }),
        2 => (0..3usize, 1..4u32).prop_map(|(coop, m)| Op::Members { coop, members: m * 100 }),
        1 => (0..3usize, 0..3usize).prop_map(|(coop, name)| Op::CoopName { coop, name }),
        1 => (0..2usize, 0..2usize).prop_map(|(id, name)| Op::AddCoop { id, name }),
        1 => (0..3usize).prop_map(|coop| Op::DeleteCoop { coop }),
        1 => (0..2usize, 0..4usize, 0..2usize)
            .prop_map(|(id, at, title)| Op::AddItem { id, at, title }),
        1 => (0..4usize).prop_map(|item| Op::DeleteItem { item }),
        1 => (0..4usize, 0..4usize).prop_map(|(from, to)| Op::MoveItem { from, to }),
    ]
}

/// tests/data/minimal.ron with three plan items, so that items can move.
fn base() -> Dataset {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/minimal.ron"
    ))
    .unwrap();
    let mut base = htx::store::parse(&bytes, &|_| {}).unwrap().dataset;
    for (id, title) in [
        ("KH-02", "Tổng kết mô hình"),
        ("KH-03", "Hội nghị tập huấn"),
    ] {
        let mut item = base.plan.items[0].clone();
        item.id = id.into();
        item.title = title.into();
        base.plan.items.push(item);
    }
    assert!(htx::model::validate::validate(&base).is_empty());
    base
}

fn apply(dataset: &mut Dataset, ops: &[Op]) {
    for op in ops {
        let items = dataset.plan.items.len();
        let coops = dataset.cooperatives.len();
        match *op {
            Op::Status {
                item,
                province,
                status,
            } if items > 0 => {
                entry(dataset, item % items, province).status = STATUSES[status];
            }
            Op::Note {
                item,
                province,
                note,
            } if items > 0 => {
                entry(dataset, item % items, province).note = NOTES[note].into();
            }
            Op::Members { coop, members } if coops > 0 => {
                Arc::make_mut(&mut dataset.cooperatives[coop % coops]).members = members;
            }
            Op::CoopName { coop, name } if coops > 0 => {
                Arc::make_mut(&mut dataset.cooperatives[coop % coops]).name = NAMES[name].into();
            }
            Op::AddCoop { id, name } => {
                let id = format!("N-{id}");
                if dataset.cooperatives.iter().all(|c| c.id != id) {
                    let mut new = (*base().cooperatives[0]).clone();
                    new.id = id;
                    new.name = NAMES[name].into();
                    dataset.cooperatives.push(Arc::new(new));
                }
            }
            Op::DeleteCoop { coop } if coops > 0 => {
                dataset.cooperatives.remove(coop % coops);
            }
            Op::AddItem { id, at, title } => {
                let id = format!("KH-N{id}");
                if dataset.plan.items.iter().all(|i| i.id != id) {
                    let mut new = base().plan.items[0].clone();
                    new.id = id;
                    new.title = NAMES[title].into();
                    new.progress.clear();
                    dataset.plan.items.insert(at.min(items), new);
                }
            }
            Op::DeleteItem { item } if items > 0 => {
                dataset.plan.items.remove(item % items);
            }
            Op::MoveItem { from, to } if items > 0 => {
                let moved = dataset.plan.items.remove(from % items);
                dataset.plan.items.insert(to % items, moved);
            }
            _ => {}
        }
    }
}

/// The entry of an item for a province, added if the item has none.
fn entry(dataset: &mut Dataset, item: usize, province: usize) -> &mut htx::model::Progress {
    let code = PROVINCES[province];
    let progress = &mut dataset.plan.items[item].progress;
    let at = match progress.iter().position(|p| p.province == code) {
        Some(at) => at,
        None => {
            let mut new = base().plan.items[0].progress[0].clone();
            new.province = code.into();
            new.status = ProgressStatus::NotStarted;
            new.note.clear();
            progress.push(new);
            progress.len() - 1
        }
    };
    &mut progress[at]
}

fn none() -> Resolutions {
    Resolutions::default()
}

/// The conflict's record as [`records`] names it.
fn record_name(record: &RecordKey) -> String {
    match record {
        RecordKey::Cooperative(id) => format!("cooperative {id}"),
        RecordKey::Item(id) => format!("item {id}"),
        RecordKey::Progress { item, province } => format!("entry {item}/{province}"),
        other => format!("{other:?}"),
    }
}

/// Every record of a dataset by id, as its serialised fields (an item without its entries).
fn records(dataset: &Dataset) -> BTreeMap<String, Value> {
    let mut all = BTreeMap::new();
    all.insert(format!("{:?}", RecordKey::Region), json(&dataset.region));
    all.insert(
        format!("{:?}", RecordKey::Plan),
        serde_json::json!({"title": dataset.plan.title, "period": json(&dataset.plan.period)}),
    );
    for sector in &dataset.sectors {
        all.insert(
            format!("{:?}", RecordKey::Sector(sector.id.clone())),
            json(sector),
        );
    }
    for province in &dataset.provinces {
        all.insert(
            format!("{:?}", RecordKey::Province(province.code.clone())),
            json(province),
        );
    }
    for coop in &dataset.cooperatives {
        all.insert(format!("cooperative {}", coop.id), json(coop));
    }
    for item in &dataset.plan.items {
        let mut fields = json(item);
        fields.as_object_mut().unwrap().remove("progress");
        all.insert(format!("item {}", item.id), fields);
        for p in &item.progress {
            all.insert(format!("entry {}/{}", item.id, p.province), json(p));
        }
    }
    all
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// The ids of a list, in order, keeping only those in `base`.
fn order_in_base<'a>(ids: impl Iterator<Item = &'a str>, base: &[&str]) -> Vec<String> {
    ids.filter(|id| base.contains(id))
        .map(str::to_owned)
        .collect()
}

fn orders(dataset: &Dataset, base: &Dataset) -> (Vec<String>, Vec<String>) {
    let base_coops: Vec<&str> = base.cooperatives.iter().map(|c| c.id.as_str()).collect();
    let base_items: Vec<&str> = base.plan.items.iter().map(|i| i.id.as_str()).collect();
    (
        order_in_base(
            dataset.cooperatives.iter().map(|c| c.id.as_str()),
            &base_coops,
        ),
        order_in_base(
            dataset.plan.items.iter().map(|i| i.id.as_str()),
            &base_items,
        ),
    )
}

/// Settles every conflict of `merged` with `pick`.
fn settle_all(merged: &Merged, pick: &Pick) -> Resolutions {
    let mut settled = Resolutions::default();
    for conflict in &merged.conflicts {
        settled.add(Resolution {
            conflict: conflict.clone(),
            pick: pick.clone(),
        });
    }
    settled
}

fn swapped(conflict: &Conflict) -> Conflict {
    Conflict {
        ours: conflict.theirs.clone(),
        theirs: conflict.ours.clone(),
        ..conflict.clone()
    }
}

fn sound(merged: &Merged) -> Result<(), TestCaseError> {
    let problems = htx::model::validate::validate(&merged.dataset);
    prop_assert!(problems.is_empty(), "{problems:?}");
    let text = htx::store::to_ron_string(&merged.dataset).unwrap();
    let back = htx::store::parse(text.as_bytes(), &|_| {});
    prop_assert!(back.is_ok(), "{text}");
    prop_assert_eq!(&back.unwrap().dataset, &merged.dataset);
    Ok(())
}

fn sides() -> impl Strategy<Value = (Vec<Op>, Vec<Op>)> {
    (
        proptest::collection::vec(op(), 0..8),
        proptest::collection::vec(op(), 0..8),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_side_merged_with_an_untouched_side_is_that_side((a, b) in sides()) {
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        apply(&mut ours, &a);
        apply(&mut theirs, &b);
        let merged = merge(&base, &ours, &base, &none());
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert_eq!(&merged.dataset, &ours);
        let merged = merge(&base, &base, &theirs, &none());
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert_eq!(&merged.dataset, &theirs);
    }

    #[test]
    fn a_side_merged_with_itself_is_itself((a, _b) in sides()) {
        let base = base();
        let mut ours = base.clone();
        apply(&mut ours, &a);
        let merged = merge(&base, &ours, &ours, &none());
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert_eq!(&merged.dataset, &ours);
    }

    #[test]
    fn the_merge_is_the_same_whichever_side_is_ours((a, b) in sides()) {
        let base = base();
        let (mut da, mut db) = (base.clone(), base.clone());
        apply(&mut da, &a);
        apply(&mut db, &b);
        let ab = merge(&base, &da, &db, &none());
        let ba = merge(&base, &db, &da, &none());
        sound(&ab)?;
        sound(&ba)?;

        // The same conflicts, ours and theirs swapped.
        let mut left: Vec<Conflict> = ab.conflicts.clone();
        let mut right: Vec<Conflict> = ba.conflicts.iter().map(swapped).collect();
        let by_place = |c: &Conflict| (c.record.clone(), c.field.clone());
        left.sort_by_key(by_place);
        right.sort_by_key(by_place);
        prop_assert_eq!(&left, &right);

        // The same records, and the same value in every field not in conflict.
        let (ra, rb) = (records(&ab.dataset), records(&ba.dataset));
        prop_assert_eq!(
            ra.keys().collect::<BTreeSet<_>>(),
            rb.keys().collect::<BTreeSet<_>>()
        );
        for (name, fields) in &ra {
            let in_conflict: BTreeSet<&str> = ab
                .conflicts
                .iter()
                .filter(|c| &record_name(&c.record) == name)
                .filter_map(|c| c.field.as_deref())
                .collect();
            let (Value::Object(x), Value::Object(y)) = (fields, &rb[name]) else {
                prop_assert_eq!(fields, &rb[name]);
                continue;
            };
            for (field, value) in x {
                if !in_conflict.contains(field.as_str()) {
                    prop_assert_eq!(Some(value), y.get(field), "{} {}", name, field);
                }
            }
        }

        // Settled the same way (A's value each time): the same dataset, and the same order
        // of the records both started from.
        let sa = merge(&base, &da, &db, &settle_all(&ab, &Pick::Ours));
        let sb = merge(&base, &db, &da, &settle_all(&ba, &Pick::Theirs));
        prop_assert!(sa.conflicts.is_empty(), "{:?}", sa.conflicts);
        prop_assert!(sb.conflicts.is_empty(), "{:?}", sb.conflicts);
        sound(&sa)?;
        prop_assert_eq!(records(&sa.dataset), records(&sb.dataset));
        prop_assert_eq!(orders(&sa.dataset, &base), orders(&sb.dataset, &base));
    }
}
