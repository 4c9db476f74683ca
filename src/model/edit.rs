//! Edits of a dataset, one record at a time, each holding the record before and after.
//!
//! Records are named by their stable ids, never by position, so the same edit can be undone,
//! redone, written to the recovery journal, and re-applied to a newer copy of the file that
//! another person saved meanwhile: if that copy still holds the `before` record the edit applies
//! cleanly; if it holds something else, both sides changed the record and the user decides.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::merge::{
    Conflict, Fields, RecordKey, Resolutions, merge_cooperative, merge_item, merge_progress,
};
use super::settle::{Record, apply_settle};
use super::{Cooperative, Dataset, PlanItem, Progress};

/// One change to one record. `None` on a side means the record did not exist (an addition or a
/// deletion).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// A province's entry on a plan item.
    Progress {
        item: String,
        province: String,
        before: Option<Progress>,
        after: Option<Progress>,
    },
    /// A plan item's own fields (its progress entries are left as they are) and its position.
    Item {
        id: String,
        before: Option<(usize, PlanItem)>,
        after: Option<(usize, PlanItem)>,
    },
    /// A cooperative and its position in the list (kept so undoing a deletion restores the
    /// file exactly).
    Cooperative {
        id: String,
        before: Option<(usize, Cooperative)>,
        after: Option<(usize, Cooperative)>,
    },
    /// A conflict a merge kept in the file, settled ([`super::settle`]): its record as it was
    /// and as the pick made it, and the conflict out of the file's list (undone: back in it at
    /// `at`). `listed` says whether the list holds the conflict before and after.
    Settle {
        conflict: Box<Conflict>,
        at: usize,
        listed: (bool, bool),
        before: Option<Record>,
        after: Option<Record>,
    },
}

/// Why an edit could not be applied as it stands: the record changed there in a way that
/// clashes with the edit (or is gone).
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub edit: Box<Edit>,
    pub reason: Reason,
}

/// Why an edit was refused; the interface says it in the user's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The record changed there in a way that clashes with the edit.
    ChangedThere(RecordKey),
    /// The plan item of a progress entry is gone.
    ItemGone(String),
}

impl Rejected {
    /// A one-line description, in the file's terms (for errors of the store).
    pub fn what(&self) -> String {
        match &self.reason {
            Reason::ChangedThere(record) => format!("{record} was changed by someone else"),
            Reason::ItemGone(item) => format!("plan item {item} no longer exists"),
        }
    }
}

/// What an edit is about: one record, by its ids.
fn record_of(edit: &Edit) -> RecordKey {
    match edit {
        Edit::Progress { item, province, .. } => RecordKey::Progress {
            item: item.clone(),
            province: province.clone(),
        },
        Edit::Item { id, .. } => RecordKey::Item(id.clone()),
        Edit::Cooperative { id, .. } => RecordKey::Cooperative(id.clone()),
        Edit::Settle { conflict, .. } => conflict.record.clone(),
    }
}

impl Edit {
    /// Whether the edit changes nothing (a form accepted as it was).
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::Progress { before, after, .. } => before == after,
            Edit::Item { before, after, .. } => before == after,
            Edit::Cooperative { before, after, .. } => before == after,
            Edit::Settle {
                before,
                after,
                listed,
                ..
            } => before == after && listed.0 == listed.1,
        }
    }

    /// The record the edit is about.
    pub fn record(&self) -> RecordKey {
        record_of(self)
    }

    /// The edit that undoes this one.
    #[must_use]
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Progress {
                item,
                province,
                before,
                after,
            } => Edit::Progress {
                item: item.clone(),
                province: province.clone(),
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Item { id, before, after } => Edit::Item {
                id: id.clone(),
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Cooperative { id, before, after } => Edit::Cooperative {
                id: id.clone(),
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Settle {
                conflict,
                at,
                listed,
                before,
                after,
            } => Edit::Settle {
                conflict: conflict.clone(),
                at: *at,
                listed: (listed.1, listed.0),
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    /// Applies the edit to a dataset that holds the `before` record. If it holds something
    /// else, the record is merged three ways, field by field, with `before` as the base (see
    /// [`super::merge`]): fields only this edit changed take its value, fields only the dataset
    /// changed keep theirs; a field both changed differently, or a record deleted on one side
    /// and changed on the other, rejects the edit and changes nothing.
    ///
    /// Returns the change as it was actually made (`before` as the dataset held it), which is
    /// what undo, the journal and a save must record; it is a no-op when the dataset already
    /// held `after`.
    pub fn apply(&self, dataset: &mut Dataset) -> Result<Edit, Rejected> {
        self.apply_as(dataset, false)
    }

    /// [`Edit::apply`] that refuses to merge: the dataset must hold exactly `before` (or
    /// `after`). Used to walk back from a dataset to the state its edits started from.
    pub fn apply_exactly(&self, dataset: &mut Dataset) -> Result<Edit, Rejected> {
        self.apply_as(dataset, true)
    }

    fn apply_as(&self, dataset: &mut Dataset, exact: bool) -> Result<Edit, Rejected> {
        let reject = |reason: Reason| Rejected {
            edit: Box::new(self.clone()),
            reason,
        };
        let settled = Resolutions::default();
        let mut fields = Fields::new(record_of(self), &settled);
        let changed_there = || reject(Reason::ChangedThere(record_of(self)));
        match self {
            Edit::Progress {
                item,
                province,
                before,
                after,
            } => {
                let Some(plan_item) = dataset.plan.items.iter_mut().find(|i| &i.id == item) else {
                    return Err(reject(Reason::ItemGone(item.clone())));
                };
                let at = plan_item
                    .progress
                    .iter()
                    .position(|e| &e.province == province);
                let current = at.map(|at| plan_item.progress[at].clone());
                let target = if current == *after || current == *before {
                    after.clone()
                } else if let (Some(base), Some(mine), Some(theirs), false) =
                    (before, after, &current, exact)
                {
                    let merged = merge_progress(&mut fields, Some(base), mine, theirs);
                    if !fields.conflicts.is_empty() {
                        return Err(changed_there());
                    }
                    Some(merged)
                } else {
                    return Err(changed_there());
                };
                match (at, &target) {
                    (Some(at), Some(target)) => plan_item.progress[at] = target.clone(),
                    (Some(at), None) => {
                        plan_item.progress.remove(at);
                    }
                    (None, Some(target)) => plan_item.progress.push(target.clone()),
                    (None, None) => {}
                }
                Ok(Edit::Progress {
                    item: item.clone(),
                    province: province.clone(),
                    before: current,
                    after: target,
                })
            }
            Edit::Item { id, before, after } => {
                let items = &mut dataset.plan.items;
                let at = items.iter().position(|i| &i.id == id);
                let current = at.map(|at| (at, items[at].clone()));
                // Progress entries are not part of this edit: compare without them.
                let strip = |side: &Option<(usize, PlanItem)>| {
                    side.as_ref().map(|(p, i)| (*p, without_progress(i)))
                };
                let now = strip(&current);
                let content =
                    |side: &Option<(usize, PlanItem)>| side.as_ref().map(|(_, i)| i.clone());
                // Whether the edit moves the item; if not, it stays where the dataset has it
                // (someone may have put items above it).
                let moved =
                    matches!((before, after), (Some((from, _)), Some((to, _))) if from != to);
                let done = if moved {
                    now == strip(after)
                } else {
                    content(&now) == content(&strip(after))
                };
                if done {
                    return Ok(Edit::Item {
                        id: id.clone(),
                        before: current.clone(),
                        after: current,
                    });
                }
                // A deletion must find the item as it was, its progress entries included:
                // deleting what someone else changed is a conflict.
                if after.is_none()
                    && current.is_some()
                    && current.as_ref().map(|(_, i)| i) != before.as_ref().map(|(_, i)| i)
                {
                    return Err(changed_there());
                }
                let target = if content(&now) == content(&strip(before)) {
                    match (after, at) {
                        (Some((_, item)), Some(at)) if !moved => Some((at, item.clone())),
                        _ => after.clone(),
                    }
                } else if let (Some((_, base)), Some((to, mine)), Some((at, theirs)), false) =
                    (strip(before), strip(after), &now, exact)
                {
                    let merged = merge_item(&mut fields, Some(&base), &mine, theirs);
                    if !fields.conflicts.is_empty() {
                        return Err(changed_there());
                    }
                    Some((if moved { to } else { *at }, merged))
                } else {
                    return Err(changed_there());
                };
                // An item that stays keeps the progress entries the dataset has; one that
                // comes back (an undone deletion) brings its own.
                let progress = at.map(|at| items.remove(at).progress);
                let placed = target.map(|(position, item)| {
                    let mut item = item.clone();
                    if let Some(progress) = progress {
                        item.progress = progress;
                    }
                    let position = position.min(items.len());
                    items.insert(position, item.clone());
                    (position, item)
                });
                Ok(Edit::Item {
                    id: id.clone(),
                    before: current,
                    after: placed,
                })
            }
            Edit::Cooperative { id, before, after } => {
                let coops = &mut dataset.cooperatives;
                // Where the edit last saw it, if it is still there; else a search by id.
                let at = [before, after]
                    .into_iter()
                    .flatten()
                    .map(|(at, _)| *at)
                    .find(|&at| coops.get(at).is_some_and(|c| &c.id == id))
                    .or_else(|| coops.iter().position(|c| &c.id == id));
                let current = at.map(|at| (at, Cooperative::clone(&coops[at])));
                fn content(side: &Option<(usize, Cooperative)>) -> Option<&Cooperative> {
                    side.as_ref().map(|(_, c)| c)
                }
                let target = if content(&current) == content(after)
                    || content(&current) == content(before)
                {
                    after.clone()
                } else if let (Some((_, base)), Some((_, mine)), Some((at, theirs)), false) =
                    (before, after, &current, exact)
                {
                    let merged = merge_cooperative(&mut fields, Some(base), mine, theirs);
                    if !fields.conflicts.is_empty() {
                        return Err(changed_there());
                    }
                    Some((*at, merged))
                } else {
                    return Err(changed_there());
                };
                let placed = match (at, target) {
                    (Some(at), Some((_, record))) => {
                        // Written only if it changes, so a no-op neither copies the list of a
                        // dataset a save holds nor stops sharing the record.
                        if *coops[at] != record {
                            coops[at] = Arc::new(record.clone());
                        }
                        Some((at, record))
                    }
                    (Some(at), None) => {
                        coops.remove(at);
                        None
                    }
                    (None, Some((position, record))) => {
                        let position = position.min(coops.len());
                        coops.insert(position, Arc::new(record.clone()));
                        Some((position, record))
                    }
                    (None, None) => None,
                };
                Ok(Edit::Cooperative {
                    id: id.clone(),
                    before: current,
                    after: placed,
                })
            }
            // Never merged: the record must hold the values the person saw when settling.
            Edit::Settle {
                conflict,
                at,
                listed,
                before,
                after,
            } => match apply_settle(
                dataset,
                conflict,
                *at,
                *listed,
                before.as_ref(),
                after.as_ref(),
            ) {
                Ok(true) => Ok(self.clone()),
                Ok(false) => Ok(Edit::Settle {
                    conflict: conflict.clone(),
                    at: *at,
                    listed: (listed.1, listed.1),
                    before: after.clone(),
                    after: after.clone(),
                }),
                Err(()) => Err(changed_there()),
            },
        }
    }
}

/// What [`net`] groups edits by: their record, and for a settlement the field of its conflict
/// (a settlement and an ordinary edit of one record are netted apart, and so are the
/// settlements of two conflicts on one record).
type NetKey = (Option<Option<String>>, RecordKey);

fn net_key(edit: &Edit) -> NetKey {
    let settles = match edit {
        Edit::Settle { conflict, .. } => Some(conflict.field.clone()),
        Edit::Progress { .. } | Edit::Item { .. } | Edit::Cooperative { .. } => None,
    };
    (settles, record_of(edit))
}

/// The dataset `edits` started from: `dataset` with every edit undone, newest first (a
/// province's entry that comes back on an item comes last among its entries). Fails if the
/// edits do not lead to `dataset` (which would be a bug, and then nothing is guessed).
pub fn base_of(dataset: &Dataset, edits: &[Edit]) -> Result<Dataset, Rejected> {
    let mut base = dataset.clone();
    for edit in edits.iter().rev() {
        edit.inverse().apply_exactly(&mut base)?;
    }
    Ok(base)
}

/// One edit per record for a run of edits: from the record as the first edit found it to the
/// record as the last one left it, in the order the records were first edited; records that
/// end as they started are left out. Journal recovery re-applies these, so that an
/// intermediate value a record passed through never hides a change made elsewhere.
pub fn net(edits: &[Edit]) -> Vec<Edit> {
    let mut order: Vec<NetKey> = Vec::new();
    let mut first_last: HashMap<NetKey, (usize, usize)> = HashMap::new();
    for (at, edit) in edits.iter().enumerate() {
        let key = net_key(edit);
        match first_last.get_mut(&key) {
            Some((_, last)) => *last = at,
            None => {
                first_last.insert(key.clone(), (at, at));
                order.push(key);
            }
        }
    }
    order
        .into_iter()
        .filter_map(|key| {
            let (first, last) = first_last[&key];
            let net = match (&edits[first], &edits[last]) {
                (
                    Edit::Progress {
                        item,
                        province,
                        before,
                        ..
                    },
                    Edit::Progress { after, .. },
                ) => Edit::Progress {
                    item: item.clone(),
                    province: province.clone(),
                    before: before.clone(),
                    after: after.clone(),
                },
                (Edit::Item { id, before, .. }, Edit::Item { after, .. }) => Edit::Item {
                    id: id.clone(),
                    before: before.clone(),
                    after: after.clone(),
                },
                (Edit::Cooperative { id, before, .. }, Edit::Cooperative { after, .. }) => {
                    Edit::Cooperative {
                        id: id.clone(),
                        before: before.clone(),
                        after: after.clone(),
                    }
                }
                (
                    Edit::Settle {
                        conflict,
                        at,
                        listed: (listed, _),
                        before,
                        ..
                    },
                    Edit::Settle {
                        listed: (_, still),
                        after,
                        ..
                    },
                ) => Edit::Settle {
                    conflict: conflict.clone(),
                    at: *at,
                    listed: (*listed, *still),
                    before: before.clone(),
                    after: after.clone(),
                },
                // One key is one kind of record.
                _ => return None,
            };
            (!net.is_noop()).then_some(net)
        })
        .collect()
}

/// How many records `edits` change, net: `net(edits).len()`, without building the edits.
pub fn net_count(edits: &[Edit]) -> usize {
    let mut first_last: HashMap<NetKey, (usize, usize)> = HashMap::new();
    for (at, edit) in edits.iter().enumerate() {
        first_last
            .entry(net_key(edit))
            .and_modify(|(_, last)| *last = at)
            .or_insert((at, at));
    }
    first_last
        .values()
        .filter(|&&(first, last)| match (&edits[first], &edits[last]) {
            (Edit::Progress { before, .. }, Edit::Progress { after, .. }) => before != after,
            (Edit::Item { before, .. }, Edit::Item { after, .. }) => before != after,
            (Edit::Cooperative { before, .. }, Edit::Cooperative { after, .. }) => before != after,
            (
                Edit::Settle {
                    before,
                    listed: (listed, _),
                    ..
                },
                Edit::Settle {
                    after,
                    listed: (_, still),
                    ..
                },
            ) => before != after || listed != still,
            // One key is one kind of record.
            _ => false,
        })
        .count()
}

/// The edits that turn `from` into `to`, in the kinds of record a session edits
/// (cooperatives, plan items and their progress entries), each with its positions as they are
/// when it applies in order. Applying them to `from` gives `to`'s records; undoing them from
/// `to` ([`base_of`]) gives back `from`.
pub fn diff(from: &Dataset, to: &Dataset) -> Vec<Edit> {
    let mut edits = Vec::new();
    diff_cooperatives(&from.cooperatives, &to.cooperatives, &mut edits);
    diff_items(&from.plan.items, &to.plan.items, &mut edits);
    super::settle::diff_settled(from, to, &mut edits);
    edits
}

fn diff_cooperatives(from: &[Arc<Cooperative>], to: &[Arc<Cooperative>], edits: &mut Vec<Edit>) {
    let to_at: HashMap<&str, usize> = to
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let from_ids: HashSet<&str> = from.iter().map(|c| c.id.as_str()).collect();
    // Deletions from the end, so every recorded position is the one the record had then.
    for (at, coop) in from.iter().enumerate().rev() {
        if !to_at.contains_key(coop.id.as_str()) {
            edits.push(Edit::Cooperative {
                id: coop.id.clone(),
                before: Some((at, Cooperative::clone(coop))),
                after: None,
            });
        }
    }
    let mut position = 0;
    for coop in from {
        let Some(&there) = to_at.get(coop.id.as_str()) else {
            continue;
        };
        if to[there] != *coop {
            edits.push(Edit::Cooperative {
                id: coop.id.clone(),
                before: Some((position, Cooperative::clone(coop))),
                after: Some((position, Cooperative::clone(&to[there]))),
            });
        }
        position += 1;
    }
    for (at, coop) in to.iter().enumerate() {
        if !from_ids.contains(coop.id.as_str()) {
            edits.push(Edit::Cooperative {
                id: coop.id.clone(),
                before: None,
                after: Some((at, Cooperative::clone(coop))),
            });
        }
    }
}

fn diff_items(from: &[PlanItem], to: &[PlanItem], edits: &mut Vec<Edit>) {
    let to_ids: HashSet<&str> = to.iter().map(|i| i.id.as_str()).collect();
    let mut order: Vec<&PlanItem> = from.iter().collect();
    for at in (0..from.len()).rev() {
        if !to_ids.contains(from[at].id.as_str()) {
            edits.push(Edit::Item {
                id: from[at].id.clone(),
                before: Some((at, from[at].clone())),
                after: None,
            });
            order.remove(at);
        }
    }
    for (at, item) in to.iter().enumerate() {
        match order.iter().position(|i| i.id == item.id) {
            None => {
                edits.push(Edit::Item {
                    id: item.id.clone(),
                    before: None,
                    after: Some((at, item.clone())),
                });
                order.insert(at.min(order.len()), item);
            }
            Some(now) => {
                let old = order[now];
                if now != at || without_progress(old) != without_progress(item) {
                    edits.push(Edit::Item {
                        id: item.id.clone(),
                        before: Some((now, old.clone())),
                        after: Some((at, item.clone())),
                    });
                    order.remove(now);
                    order.insert(at.min(order.len()), old);
                }
                diff_progress(&item.id, &old.progress, &item.progress, edits);
            }
        }
    }
}

fn diff_progress(item: &str, from: &[Progress], to: &[Progress], edits: &mut Vec<Edit>) {
    for old in from {
        let new = to.iter().find(|p| p.province == old.province);
        if new != Some(old) {
            edits.push(Edit::Progress {
                item: item.to_owned(),
                province: old.province.clone(),
                before: Some(old.clone()),
                after: new.cloned(),
            });
        }
    }
    for new in to {
        if !from.iter().any(|p| p.province == new.province) {
            edits.push(Edit::Progress {
                item: item.to_owned(),
                province: new.province.clone(),
                before: None,
                after: Some(new.clone()),
            });
        }
    }
}

fn without_progress(item: &PlanItem) -> PlanItem {
    PlanItem {
        progress: Vec::new(),
        ..item.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProgressStatus;
    use crate::store::builtin;

    fn entry(status: ProgressStatus) -> Progress {
        Progress {
            province: "36".into(),
            status,
            note: String::new(),
            changed_by: None,
            changed_at: None,
            origin: crate::model::Origin::Illustrative,
            illustrative: Vec::new(),
        }
    }

    #[test]
    fn the_net_count_is_the_number_of_net_edits() {
        use ProgressStatus::{Done, InProgress, NotStarted};
        let step = |province: &str, from, to| Edit::Progress {
            item: "KH-04".into(),
            province: province.into(),
            before: Some(Progress {
                province: province.into(),
                ..entry(from)
            }),
            after: Some(Progress {
                province: province.into(),
                ..entry(to)
            }),
        };
        let runs = [
            vec![],
            vec![step("36", Done, NotStarted)],
            vec![step("36", Done, NotStarted), step("36", NotStarted, Done)],
            vec![
                step("36", Done, NotStarted),
                step("01", NotStarted, InProgress),
                step("36", NotStarted, InProgress),
            ],
            vec![
                step("36", Done, NotStarted),
                step("01", NotStarted, InProgress),
                step("01", InProgress, NotStarted),
            ],
        ];
        for (run, expected) in runs.iter().zip([0, 1, 0, 2, 1]) {
            assert_eq!(net(run).len(), expected, "{run:?}");
            assert_eq!(net_count(run), expected, "{run:?}");
        }
    }

    #[test]
    fn apply_then_inverse_gives_back_the_dataset() {
        let original = builtin().unwrap();
        let mut dataset = original.clone();
        let before = dataset.plan.items[3].progress_of("36").cloned();
        let edit = Edit::Progress {
            item: "KH-04".into(),
            province: "36".into(),
            before,
            after: Some(entry(ProgressStatus::NotApplicable)),
        };
        edit.apply(&mut dataset).unwrap();
        assert_ne!(dataset, original);
        edit.inverse().apply(&mut dataset).unwrap();
        assert_eq!(dataset, original);
    }

    #[test]
    fn a_record_changed_elsewhere_is_a_conflict_and_nothing_changes() {
        let mut dataset = builtin().unwrap();
        let edit = Edit::Progress {
            item: "KH-04".into(),
            province: "36".into(),
            // The file says done; this edit thought it was not started and makes it in
            // progress: the same field changed two ways.
            before: Some(entry(ProgressStatus::NotStarted)),
            after: Some(entry(ProgressStatus::InProgress)),
        };
        let snapshot = dataset.clone();
        assert!(edit.apply(&mut dataset).is_err());
        assert_eq!(dataset, snapshot);
    }

    #[test]
    fn different_fields_of_one_record_merge_and_the_same_field_conflicts() {
        let base = builtin().unwrap();
        let entry = base.plan.items[3].progress_of("36").cloned().unwrap();
        // They changed the note; I change the status: both kept, and I am the last to change.
        let mut theirs = base.clone();
        let mut their_entry = entry.clone();
        their_entry.note = "their note".into();
        let their_edit = Edit::Progress {
            item: "KH-04".into(),
            province: "36".into(),
            before: Some(entry.clone()),
            after: Some(their_entry.clone()),
        };
        their_edit.apply(&mut theirs).unwrap();
        let mut my_entry = entry.clone();
        my_entry.status = ProgressStatus::NotApplicable;
        my_entry.changed_by = Some("me".into());
        let mine = Edit::Progress {
            item: "KH-04".into(),
            province: "36".into(),
            before: Some(entry.clone()),
            after: Some(my_entry),
        };
        let mut merged = theirs.clone();
        mine.apply(&mut merged).unwrap();
        let result = merged.plan.items[3].progress_of("36").unwrap();
        assert_eq!(result.status, ProgressStatus::NotApplicable);
        assert_eq!(result.note, "their note");
        assert_eq!(result.changed_by.as_deref(), Some("me"));

        // Both changed the status, differently: a conflict, and nothing changes.
        let mut their_status = their_entry;
        their_status.status = ProgressStatus::InProgress;
        let mut clashing = base.clone();
        Edit::Progress {
            item: "KH-04".into(),
            province: "36".into(),
            before: Some(entry.clone()),
            after: Some(their_status),
        }
        .apply(&mut clashing)
        .unwrap();
        let snapshot = clashing.clone();
        assert!(mine.apply(&mut clashing).is_err());
        assert_eq!(clashing, snapshot);

        // A cooperative: they changed the members, I change the name.
        let coop = (*base.cooperatives[0]).clone();
        let mut theirs = base.clone();
        Arc::make_mut(&mut theirs.cooperatives[0]).members += 5;
        let mut renamed = coop.clone();
        renamed.name = "HTX Tên mới".into();
        Edit::Cooperative {
            id: coop.id.clone(),
            before: Some((0, coop.clone())),
            after: Some((0, renamed)),
        }
        .apply(&mut theirs)
        .unwrap();
        assert_eq!(theirs.cooperatives[0].name, "HTX Tên mới");
        assert_eq!(theirs.cooperatives[0].members, coop.members + 5);
    }

    #[test]
    fn deleting_and_restoring_a_cooperative() {
        let original = builtin().unwrap();
        let mut dataset = original.clone();
        let coop = (*dataset.cooperatives[5]).clone();
        let edit = Edit::Cooperative {
            id: coop.id.clone(),
            before: Some((5, coop)),
            after: None,
        };
        edit.apply(&mut dataset).unwrap();
        assert_eq!(dataset.cooperatives.len(), original.cooperatives.len() - 1);
        edit.inverse().apply(&mut dataset).unwrap();
        assert_eq!(dataset, original, "restored in its place");
    }

    /// Random changes of every kind a session makes (and a merge can bring): the diff leads
    /// from one dataset to the other, and undoing it leads back exactly.
    mod diff_round_trip {
        use super::*;
        use proptest::prelude::*;

        fn changed(from: &Dataset, ops: &[(u8, usize, usize)]) -> Dataset {
            let mut to = from.clone();
            for (n, &(kind, a, b)) in ops.iter().enumerate() {
                let items = to.plan.items.len();
                let coops = to.cooperatives.len();
                match kind % 7 {
                    0 if items > 1 => to.plan.items.swap(a % items, b % items),
                    1 if items > 1 => {
                        to.plan.items.remove(a % items);
                    }
                    2 => {
                        let mut item = to.plan.items[a % items].clone();
                        item.id = format!("KH-NEW-{n}");
                        to.plan.items.insert(b % (items + 1), item);
                    }
                    3 if coops > 1 => {
                        to.cooperatives.remove(a % coops);
                    }
                    4 => {
                        let mut coop = (*to.cooperatives[a % coops]).clone();
                        coop.id = format!("HTX-NEW-{n}");
                        to.cooperatives.insert(b % (coops + 1), Arc::new(coop));
                    }
                    5 => {
                        let item = &mut to.plan.items[a % items];
                        if !item.progress.is_empty() {
                            let at = b % item.progress.len();
                            item.progress[at].note = format!("ghi chú {n}");
                        }
                    }
                    _ => {
                        let item = &mut to.plan.items[a % items];
                        if !item.progress.is_empty() {
                            item.progress.remove(b % item.progress.len());
                        }
                    }
                }
            }
            to
        }

        proptest! {
            #[test]
            fn diff_leads_there_and_base_of_leads_back(
                ops in prop::collection::vec((any::<u8>(), 0..100usize, 0..100usize), 0..12)
            ) {
                let from = builtin().unwrap();
                let to = changed(&from, &ops);
                let edits = diff(&from, &to);
                // A province's entries on an item may come back in another order (their order
                // means nothing); everything else is exact.
                let sorted = |mut dataset: Dataset| {
                    for item in &mut dataset.plan.items {
                        item.progress.sort_by(|a, b| a.province.cmp(&b.province));
                    }
                    dataset
                };
                prop_assert_eq!(sorted(base_of(&to, &edits).unwrap()), sorted(from.clone()));
                let mut there = from.clone();
                for edit in &edits {
                    edit.apply_exactly(&mut there).unwrap();
                }
                let (there, to) = (sorted(there), sorted(to));
                prop_assert_eq!(there, to);
            }
        }
    }
}
