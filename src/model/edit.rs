//! Edits of a dataset, one record at a time, each holding the record before and after.
//!
//! Records are named by their stable ids, never by position, so the same edit can be undone,
//! redone, written to the recovery journal, and re-applied to a newer copy of the file that
//! another person saved meanwhile: if that copy still holds the `before` record the edit applies
//! cleanly; if it holds something else, both sides changed the record and the user decides.

use serde::{Deserialize, Serialize};

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
}

/// Why an edit could not be applied as it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub edit: Box<Edit>,
    /// A one-line description for the user.
    pub what: String,
}

impl Edit {
    /// Whether the edit changes nothing (a form accepted as it was).
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::Progress { before, after, .. } => before == after,
            Edit::Item { before, after, .. } => before == after,
            Edit::Cooperative { before, after, .. } => before == after,
        }
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
        }
    }

    /// A short description: "KH-04 / 36", "cooperative HTX-36-001".
    pub fn subject(&self) -> String {
        match self {
            Edit::Progress { item, province, .. } => format!("{item} / province {province}"),
            Edit::Item { id, .. } => format!("plan item {id}"),
            Edit::Cooperative { id, .. } => format!("cooperative {id}"),
        }
    }

    /// Applies the edit if the dataset holds the `before` record (or already holds `after`,
    /// which needs nothing); otherwise reports a conflict and changes nothing.
    pub fn apply(&self, dataset: &mut Dataset) -> Result<(), Conflict> {
        let conflict = |what: String| {
            Err(Conflict {
                edit: Box::new(self.clone()),
                what,
            })
        };
        match self {
            Edit::Progress {
                item,
                province,
                before,
                after,
            } => {
                let Some(plan_item) = dataset.plan.items.iter_mut().find(|i| &i.id == item) else {
                    return conflict(format!("plan item {item} no longer exists"));
                };
                let at = plan_item
                    .progress
                    .iter()
                    .position(|e| &e.province == province);
                let current = at.map(|at| &plan_item.progress[at]);
                if current == after.as_ref() {
                    return Ok(());
                }
                if current != before.as_ref() {
                    // Both sides changed the entry: fine if they changed different fields.
                    let merged = match (before, after, current) {
                        (Some(base), Some(mine), Some(theirs)) => {
                            merge_progress(base, mine, theirs)
                        }
                        _ => None,
                    };
                    let (Some(merged), Some(at)) = (merged, at) else {
                        return conflict(format!(
                            "{item} / province {province} was changed by someone else"
                        ));
                    };
                    plan_item.progress[at] = merged;
                    return Ok(());
                }
                match (at, after) {
                    (Some(at), Some(after)) => plan_item.progress[at] = after.clone(),
                    (Some(at), None) => {
                        plan_item.progress.remove(at);
                    }
                    (None, Some(after)) => plan_item.progress.push(after.clone()),
                    (None, None) => {}
                }
                Ok(())
            }
            Edit::Item { id, before, after } => {
                let items = &mut dataset.plan.items;
                let at = items.iter().position(|i| &i.id == id);
                // Progress entries are not part of this edit: compare and keep them as they are.
                let current = at.map(|at| (at, without_progress(&items[at])));
                let strip = |side: &Option<(usize, PlanItem)>| {
                    side.as_ref().map(|(p, i)| (*p, without_progress(i)))
                };
                if current == strip(after) {
                    return Ok(());
                }
                if current.as_ref().map(|(_, i)| i) != strip(before).as_ref().map(|(_, i)| i) {
                    // Both sides changed the item: fine if they changed different fields.
                    let merged = match (strip(before), strip(after), &current) {
                        (Some((_, base)), Some((_, mine)), Some((at, theirs))) => {
                            merge_item(&base, &mine, theirs).map(|item| (*at, item))
                        }
                        _ => None,
                    };
                    let Some((at, merged)) = merged else {
                        return conflict(format!("plan item {id} was changed by someone else"));
                    };
                    let progress = std::mem::take(&mut items[at].progress);
                    items[at] = PlanItem { progress, ..merged };
                    return Ok(());
                }
                // An item that stays keeps the progress entries the file has; one that comes
                // back (an undone deletion) brings its own.
                let progress = at.map(|at| items.remove(at).progress);
                if let Some((position, item)) = after {
                    let mut item = item.clone();
                    if let Some(progress) = progress {
                        item.progress = progress;
                    }
                    items.insert((*position).min(items.len()), item);
                }
                Ok(())
            }
            Edit::Cooperative { id, before, after } => {
                let coops = &mut dataset.cooperatives;
                let at = coops.iter().position(|c| &c.id == id);
                let current = at.map(|at| &coops[at]);
                if current == after.as_ref().map(|(_, c)| c) {
                    return Ok(());
                }
                if current != before.as_ref().map(|(_, c)| c) {
                    // Both sides changed the cooperative: fine if they changed different fields.
                    let merged = match (before, after, current) {
                        (Some((_, base)), Some((_, mine)), Some(theirs)) => {
                            merge_cooperative(base, mine, theirs)
                        }
                        _ => None,
                    };
                    let (Some(merged), Some(at)) = (merged, at) else {
                        return conflict(format!("cooperative {id} was changed by someone else"));
                    };
                    coops[at] = merged;
                    return Ok(());
                }
                match (at, after) {
                    (Some(at), Some((_, after))) => coops[at] = after.clone(),
                    (Some(at), None) => {
                        coops.remove(at);
                    }
                    (None, Some((position, after))) => {
                        coops.insert((*position).min(coops.len()), after.clone())
                    }
                    (None, None) => {}
                }
                Ok(())
            }
        }
    }
}

/// Three-way merge, field by field: a field only one side changed takes that side's value; a
/// field both changed the same way is fine; a field both changed differently makes the merge
/// fail (`None`), and the user decides. Fields not listed keep `mine`'s value: list every
/// field of the record.
macro_rules! merge_fields {
    ($base:expr, $mine:expr, $theirs:expr, [$($field:ident),+ $(,)?]) => {{
        let (base, mine, theirs) = ($base, $mine, $theirs);
        let mut merged = mine.clone();
        $(
            if mine.$field == base.$field {
                merged.$field = theirs.$field.clone();
            } else if theirs.$field != base.$field && theirs.$field != mine.$field {
                return None;
            }
        )+
        merged
    }};
}

fn merge_cooperative(
    base: &Cooperative,
    mine: &Cooperative,
    theirs: &Cooperative,
) -> Option<Cooperative> {
    Some(merge_fields!(
        base,
        mine,
        theirs,
        [
            id,
            name,
            province,
            district,
            sector,
            founded,
            members,
            ratings,
            alliance_member_since,
            status,
            notes,
            origin,
        ]
    ))
}

fn merge_item(base: &PlanItem, mine: &PlanItem, theirs: &PlanItem) -> Option<PlanItem> {
    Some(merge_fields!(
        base,
        mine,
        theirs,
        [id, title, detail, due, owner, origin]
    ))
}

/// Who changed an entry and when are not a conflict: they follow the change made last
/// (this session's, which is being applied now).
fn merge_progress(base: &Progress, mine: &Progress, theirs: &Progress) -> Option<Progress> {
    let mut merged = merge_fields!(base, mine, theirs, [province, status, note, origin]);
    merged.changed_by.clone_from(&mine.changed_by);
    merged.changed_at = mine.changed_at;
    Some(merged)
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
        let coop = base.cooperatives[0].clone();
        let mut theirs = base.clone();
        theirs.cooperatives[0].members += 5;
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
        let coop = dataset.cooperatives[5].clone();
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
}
