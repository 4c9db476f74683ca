//! Settling the conflicts a merge kept in a file (its `conflicts` list; see
//! [`super::merge::Conflict`]): a person picks ours, theirs, the base or a typed value, and the
//! record becomes what the pick says while the conflict leaves the list.
//!
//! A settlement is an [`Edit::Settle`] of the record as a whole ([`Record`]), so it is undone,
//! journaled and merged with another session's save like any edit. The field's new value is
//! set by the merge engine's own field list ([`Fields::setting`]), so a field added to a record
//! is settled the way it is merged.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::edit::Edit;
use super::merge::{
    Conflict, FieldValue as _, Fields, Pick, RecordKey, Resolutions, merge_cooperative, merge_item,
    merge_progress, merge_province, merge_region, merge_sector, order_ids,
};
use super::{Cooperative, Dataset, Period, PlanItem, Progress, Province, Region, Sector};

/// One record of a dataset, whole, with its place in its list where it has one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Record {
    /// The file's schema version.
    File(u32),
    Region(Region),
    /// The plan's own fields.
    Plan {
        title: String,
        period: Period,
    },
    /// Every plan item's id, in order.
    ItemOrder(Vec<String>),
    Sector(usize, Sector),
    Province(usize, Province),
    Cooperative(usize, Cooperative),
    /// A plan item with its progress entries.
    Item(usize, PlanItem),
    /// A progress entry, at its place among its item's entries.
    Progress(usize, Progress),
}

impl Record {
    /// The record `key` names in `dataset`, if it is there.
    pub fn of(dataset: &Dataset, key: &RecordKey) -> Option<Record> {
        fn at<T: Clone>(list: &[T], found: impl Fn(&T) -> bool) -> Option<(usize, T)> {
            let at = list.iter().position(found)?;
            Some((at, list[at].clone()))
        }
        Some(match key {
            RecordKey::File => Record::File(dataset.schema_version),
            RecordKey::Region => Record::Region(dataset.region.clone()),
            RecordKey::Plan => Record::Plan {
                title: dataset.plan.title.clone(),
                period: dataset.plan.period,
            },
            RecordKey::ItemOrder => {
                Record::ItemOrder(dataset.plan.items.iter().map(|i| i.id.clone()).collect())
            }
            RecordKey::Sector(id) => {
                let (at, sector) = at(&dataset.sectors, |s| &s.id == id)?;
                Record::Sector(at, sector)
            }
            RecordKey::Province(code) => {
                let (at, province) = at(&dataset.provinces, |p| &p.code == code)?;
                Record::Province(at, province)
            }
            RecordKey::Cooperative(id) => {
                let (at, coop) = at(&dataset.cooperatives, |c| &c.id == id)?;
                Record::Cooperative(at, Arc::unwrap_or_clone(coop))
            }
            RecordKey::Item(id) => {
                let (at, item) = at(&dataset.plan.items, |i| &i.id == id)?;
                Record::Item(at, item)
            }
            RecordKey::Progress { item, province } => {
                let item = dataset.plan.items.iter().find(|i| &i.id == item)?;
                let (at, entry) = at(&item.progress, |p| &p.province == province)?;
                Record::Progress(at, entry)
            }
        })
    }

    /// Whether this is a record `key` can name: of its kind, with its id.
    pub fn is_named(&self, key: &RecordKey) -> bool {
        match (key, self) {
            (RecordKey::File, Record::File(_))
            | (RecordKey::Region, Record::Region(_))
            | (RecordKey::Plan, Record::Plan { .. })
            | (RecordKey::ItemOrder, Record::ItemOrder(_)) => true,
            (RecordKey::Sector(id), Record::Sector(_, s)) => &s.id == id,
            (RecordKey::Province(code), Record::Province(_, p)) => &p.code == code,
            (RecordKey::Cooperative(id), Record::Cooperative(_, c)) => &c.id == id,
            (RecordKey::Item(id), Record::Item(_, i)) => &i.id == id,
            (RecordKey::Progress { province, .. }, Record::Progress(_, p)) => {
                &p.province == province
            }
            _ => false,
        }
    }

    /// Whether two records hold the same values, wherever they stand.
    pub fn same_content(a: Option<&Record>, b: Option<&Record>) -> bool {
        a.map(Record::without_place) == b.map(Record::without_place)
    }

    fn without_place(&self) -> Record {
        let mut record = self.clone();
        match &mut record {
            Record::Sector(at, _)
            | Record::Province(at, _)
            | Record::Cooperative(at, _)
            | Record::Item(at, _)
            | Record::Progress(at, _) => *at = 0,
            Record::File(_) | Record::Region(_) | Record::Plan { .. } | Record::ItemOrder(_) => {}
        }
        record
    }

    /// Makes the record `key` names `record` (`None`: removes it). A record that is there keeps
    /// its place; one that comes back goes to the place it carries. Fails, changing nothing,
    /// when the record cannot be where `key` says: a record of another kind or with another id
    /// (a settled value never renames a record), a progress entry of an item that is gone, an
    /// order that is not of the items there are.
    pub(crate) fn put(
        dataset: &mut Dataset,
        key: &RecordKey,
        record: Option<Record>,
    ) -> Result<(), ()> {
        fn place<T>(list: &mut Vec<T>, found: impl Fn(&T) -> bool, new: Option<(usize, T)>) {
            let at = list.iter().position(found);
            match (at, new) {
                (Some(at), Some((_, value))) => list[at] = value,
                (Some(at), None) => {
                    list.remove(at);
                }
                (None, Some((to, value))) => list.insert(to.min(list.len()), value),
                (None, None) => {}
            }
        }
        match (key, record) {
            (RecordKey::File, Some(Record::File(version))) => dataset.schema_version = version,
            (RecordKey::Region, Some(Record::Region(region))) => dataset.region = region,
            (RecordKey::Plan, Some(Record::Plan { title, period })) => {
                dataset.plan.title = title;
                dataset.plan.period = period;
            }
            (RecordKey::ItemOrder, Some(Record::ItemOrder(order))) => {
                let items = &mut dataset.plan.items;
                let mut ids: Vec<&String> = items.iter().map(|i| &i.id).collect();
                let mut wanted: Vec<&String> = order.iter().collect();
                ids.sort();
                wanted.sort();
                if ids != wanted {
                    return Err(());
                }
                items.sort_by_key(|item| order.iter().position(|id| *id == item.id));
            }
            (RecordKey::Sector(id), None) => place(&mut dataset.sectors, |s| &s.id == id, None),
            (RecordKey::Sector(id), Some(Record::Sector(at, s))) if &s.id == id => {
                place(&mut dataset.sectors, |s| &s.id == id, Some((at, s)));
            }
            (RecordKey::Province(code), None) => {
                place(&mut dataset.provinces, |p| &p.code == code, None);
            }
            (RecordKey::Province(code), Some(Record::Province(at, p))) if &p.code == code => {
                place(&mut dataset.provinces, |p| &p.code == code, Some((at, p)));
            }
            (RecordKey::Cooperative(id), None) => {
                place(&mut dataset.cooperatives, |c| &c.id == id, None);
            }
            (RecordKey::Cooperative(id), Some(Record::Cooperative(at, c))) if &c.id == id => {
                place(
                    &mut dataset.cooperatives,
                    |c| &c.id == id,
                    Some((at, Arc::new(c))),
                );
            }
            (RecordKey::Item(id), None) => place(&mut dataset.plan.items, |i| &i.id == id, None),
            (RecordKey::Item(id), Some(Record::Item(at, i))) if &i.id == id => {
                place(&mut dataset.plan.items, |i| &i.id == id, Some((at, i)));
            }
            (RecordKey::Progress { item, province }, record) => {
                let new = match record {
                    Some(Record::Progress(at, p)) if &p.province == province => Some((at, p)),
                    None => None,
                    // Another kind of record, or an entry of another province.
                    Some(_) => return Err(()),
                };
                match dataset.plan.items.iter_mut().find(|i| &i.id == item) {
                    Some(item) => place(&mut item.progress, |p| &p.province == province, new),
                    // An entry of an item that is gone is gone with it.
                    None if new.is_none() => {}
                    None => return Err(()),
                }
            }
            _ => return Err(()),
        }
        Ok(())
    }
}

/// Why a pick cannot settle a conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsettled {
    /// The conflict is no longer in the file's list.
    NotListed,
    /// The pick is not one this conflict offers (a base where there is none, a typed value
    /// for a whole record).
    NotOffered,
    /// The record the conflict is about is not in the data any more.
    RecordGone,
    /// The typed value does not parse as the field's value; why, in the file's notation.
    BadValue(String),
}

/// The edit that settles the conflict at `at` of `dataset`'s list with `pick`.
pub fn settle(dataset: &Dataset, at: usize, pick: &Pick) -> Result<Edit, Unsettled> {
    let conflict = dataset.conflicts.get(at).ok_or(Unsettled::NotListed)?;
    let before = Record::of(dataset, &conflict.record);
    let chosen = match pick {
        Pick::Ours => conflict.ours.as_deref(),
        Pick::Theirs => conflict.theirs.as_deref(),
        Pick::Base if conflict.has_base() => conflict.base.as_deref(),
        Pick::Base => return Err(Unsettled::NotOffered),
        Pick::Text(_) if !conflict.editable() => return Err(Unsettled::NotOffered),
        Pick::Text(text) => Some(text.as_str()),
    };
    let after = match (&conflict.field, chosen) {
        // The record was deleted since the merge: its field's conflict is moot, and settling
        // it only takes it off the list.
        (Some(_), Some(_)) if before.is_none() => None,
        (Some(field), Some(text)) => {
            let record = before.as_ref().ok_or(Unsettled::RecordGone)?;
            Some(with_field(conflict, record, field, text)?)
        }
        // A field's side is always a value; a whole record's side may be none (deleted).
        (Some(_), None) => return Err(Unsettled::NotOffered),
        (None, text) => whole(conflict, before.as_ref(), text)?,
    };
    // A record's id is what names it: a value that would rename it is not a settlement (a
    // merge never keeps such a conflict; a file edited by hand might).
    if after
        .as_ref()
        .is_some_and(|record| !record.is_named(&conflict.record))
    {
        return Err(Unsettled::NotOffered);
    }
    Ok(Edit::Settle {
        conflict: Box::new(conflict.clone()),
        at,
        listed: (true, false),
        before,
        after,
    })
}

/// `record` with `field` set to the value `text` says.
fn with_field(
    conflict: &Conflict,
    record: &Record,
    field: &str,
    text: &str,
) -> Result<Record, Unsettled> {
    let none = Resolutions::default();
    let mut f = Fields::setting(conflict.record.clone(), &none, field, text);
    let set = match record {
        Record::File(_) => {
            if field != "schema_version" {
                return Err(Unsettled::NotOffered);
            }
            let version = u32::parse(text).map_err(Unsettled::BadValue)?;
            f.set_outcome = Some(Ok(()));
            Record::File(version)
        }
        Record::Region(r) => Record::Region(merge_region(&mut f, Some(r), r, r)),
        Record::Plan { title, period } => {
            let mut title = title.clone();
            let mut period = *period;
            match field {
                "title" => title = String::parse(text).map_err(Unsettled::BadValue)?,
                "period" => period = Period::parse(text).map_err(Unsettled::BadValue)?,
                _ => return Err(Unsettled::NotOffered),
            }
            f.set_outcome = Some(Ok(()));
            Record::Plan { title, period }
        }
        Record::ItemOrder(_) => return Err(Unsettled::NotOffered),
        Record::Sector(at, s) => Record::Sector(*at, merge_sector(&mut f, Some(s), s, s)),
        Record::Province(at, p) => Record::Province(*at, merge_province(&mut f, Some(p), p, p)),
        Record::Cooperative(at, c) => {
            Record::Cooperative(*at, merge_cooperative(&mut f, Some(c), c, c))
        }
        Record::Item(at, i) => Record::Item(*at, merge_item(&mut f, Some(i), i, i)),
        Record::Progress(at, p) => Record::Progress(*at, merge_progress(&mut f, Some(p), p, p)),
    };
    match f.set_outcome {
        Some(Ok(())) => Ok(set),
        Some(Err(why)) => Err(Unsettled::BadValue(why)),
        None => Err(Unsettled::NotOffered),
    }
}

/// A whole record as the chosen side has it: gone, or the record that side's text holds (in
/// the file's notation), at the place the record has now; the item order, as that side's order
/// of the items both sides share.
fn whole(
    conflict: &Conflict,
    before: Option<&Record>,
    text: Option<&str>,
) -> Result<Option<Record>, Unsettled> {
    let Some(text) = text else {
        return Ok(None);
    };
    let bad = |err: ron::error::SpannedError| Unsettled::BadValue(err.to_string());
    let place = match before {
        Some(
            Record::Sector(at, _)
            | Record::Province(at, _)
            | Record::Cooperative(at, _)
            | Record::Item(at, _)
            | Record::Progress(at, _),
        ) => *at,
        _ => usize::MAX,
    };
    Ok(Some(match &conflict.record {
        RecordKey::ItemOrder => {
            let Some(Record::ItemOrder(now)) = before else {
                return Err(Unsettled::RecordGone);
            };
            // Only the items there still are: one added or deleted since keeps its place.
            let shared: Vec<&str> = order_ids(text)
                .filter(|id| now.iter().any(|n| n == id))
                .collect();
            // The shared items take the chosen order in the places they hold now.
            let mut next = shared.iter();
            let order = now
                .iter()
                .map(|id| {
                    if shared.contains(&id.as_str()) {
                        next.next().map_or_else(|| id.clone(), |s| (*s).to_owned())
                    } else {
                        id.clone()
                    }
                })
                .collect();
            Record::ItemOrder(order)
        }
        RecordKey::Sector(_) => Record::Sector(place, ron::from_str(text).map_err(bad)?),
        RecordKey::Province(_) => Record::Province(place, ron::from_str(text).map_err(bad)?),
        RecordKey::Cooperative(_) => Record::Cooperative(place, ron::from_str(text).map_err(bad)?),
        RecordKey::Item(_) => Record::Item(place, ron::from_str(text).map_err(bad)?),
        RecordKey::Progress { .. } => Record::Progress(place, ron::from_str(text).map_err(bad)?),
        RecordKey::File | RecordKey::Region | RecordKey::Plan => {
            return Err(Unsettled::NotOffered);
        }
    }))
}

/// The settlements that turn `from`'s list of conflicts into `to`'s, appended to `edits` after
/// the edits of the records a session edits (cooperatives, plan items and their entries, which
/// [`super::edit::diff`] makes first): a conflict only `from` lists is settled, one only `to`
/// lists comes back. A settlement carries its record's change only for the records no other
/// edit carries (the region, the plan, sectors, provinces, the file), and only once per record.
pub(super) fn diff_settled(from: &Dataset, to: &Dataset, edits: &mut Vec<Edit>) {
    let carried = |key: &RecordKey| {
        matches!(
            key,
            RecordKey::Cooperative(_)
                | RecordKey::Item(_)
                | RecordKey::Progress { .. }
                | RecordKey::ItemOrder
        )
    };
    let mut moved: Vec<RecordKey> = Vec::new();
    let mut record_change = |key: &RecordKey| {
        let after = Record::of(to, key);
        if carried(key) || moved.contains(key) {
            return (after.clone(), after);
        }
        moved.push(key.clone());
        (Record::of(from, key), after)
    };
    // Settled ones from the end, so each keeps the place it had for its undoing.
    for (at, conflict) in from.conflicts.iter().enumerate().rev() {
        if !to.conflicts.contains(conflict) {
            let (before, after) = record_change(&conflict.record);
            edits.push(Edit::Settle {
                conflict: Box::new(conflict.clone()),
                at,
                listed: (true, false),
                before,
                after,
            });
        }
    }
    for (at, conflict) in to.conflicts.iter().enumerate() {
        if !from.conflicts.contains(conflict) {
            let (before, after) = record_change(&conflict.record);
            edits.push(Edit::Settle {
                conflict: Box::new(conflict.clone()),
                at,
                listed: (false, true),
                before,
                after,
            });
        }
    }
}

/// Applies a settlement (or its undoing) to `dataset`, which must hold the record as `before`
/// (its values; its place may have moved) and list the conflict as `listed.0` says. Returns
/// whether it applied; a dataset that already holds the outcome is left as it is.
pub(super) fn apply_settle(
    dataset: &mut Dataset,
    conflict: &Conflict,
    at: usize,
    listed: (bool, bool),
    before: Option<&Record>,
    after: Option<&Record>,
) -> Result<bool, ()> {
    let now = Record::of(dataset, &conflict.record);
    let listed_at = dataset.conflicts.iter().position(|c| c == conflict);
    if Record::same_content(now.as_ref(), after) && listed_at.is_some() == listed.1 {
        return Ok(false);
    }
    if !Record::same_content(now.as_ref(), before) || listed_at.is_some() != listed.0 {
        return Err(());
    }
    Record::put(dataset, &conflict.record, after.cloned())?;
    if let Some(listed_at) = listed_at {
        dataset.conflicts.remove(listed_at);
    }
    if listed.1 {
        let at = at.min(dataset.conflicts.len());
        dataset.conflicts.insert(at, conflict.clone());
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::merge::{Labels, merge};
    use crate::model::{CooperativeStatus, ProgressStatus};
    use crate::store::builtin;

    /// The built-in dataset merged with two sides that both changed `change`'s target, with
    /// the conflicts kept in the file as `htx merge` keeps them.
    fn kept(change: impl Fn(&mut Dataset, bool)) -> (Dataset, Dataset, Dataset) {
        let base = builtin().unwrap();
        let mut ours = base.clone();
        change(&mut ours, true);
        let mut theirs = base.clone();
        change(&mut theirs, false);
        let merged = merge(&base, &ours, &theirs, &Resolutions::default());
        let mut dataset = merged.dataset;
        for mut conflict in merged.conflicts {
            conflict.labels = Some(Labels {
                base: "base".into(),
                ours: "HEAD".into(),
                theirs: "feature".into(),
            });
            dataset.conflicts.push(conflict);
        }
        (dataset, ours, theirs)
    }

    fn settled(mut dataset: Dataset, pick: Pick) -> Dataset {
        let edit = settle(&dataset, 0, &pick).unwrap();
        edit.apply(&mut dataset).unwrap();
        dataset
    }

    #[test]
    fn each_pick_sets_the_field_and_the_conflict_leaves_the_list() {
        let (file, ours, theirs) = kept(|d, mine| {
            Arc::make_mut(&mut d.cooperatives[0]).members = if mine { 90 } else { 95 };
            Arc::make_mut(&mut d.cooperatives[0]).status = CooperativeStatus::Suspended;
        });
        assert_eq!(file.conflicts.len(), 1);
        assert_eq!(settled(file.clone(), Pick::Ours), ours);
        assert_eq!(settled(file.clone(), Pick::Theirs), theirs);
        let base = builtin().unwrap();
        let was = settled(file.clone(), Pick::Base);
        assert_eq!(was.cooperatives[0].members, base.cooperatives[0].members);
        assert_eq!(was.cooperatives[0].status, CooperativeStatus::Suspended);
        let typed = settled(file.clone(), Pick::Text("93".into()));
        assert_eq!(typed.cooperatives[0].members, 93);
        assert!(typed.conflicts.is_empty());
        assert!(matches!(
            settle(&file, 0, &Pick::Text("ninety".into())),
            Err(Unsettled::BadValue(_))
        ));
    }

    #[test]
    fn a_status_is_picked_by_its_label_and_undoing_puts_everything_back() {
        let (file, ours, theirs) = kept(|d, mine| {
            let entry = &mut d.plan.items[3].progress[0];
            // Two statuses, both other than the base's.
            let mut others = ProgressStatus::BY_PROGRESS
                .into_iter()
                .filter(|s| *s != entry.status);
            let (a, b) = (others.next().unwrap(), others.next().unwrap());
            entry.status = if mine { a } else { b };
        });
        let ours_word = ours.plan.items[3].progress[0].status.label();
        assert_eq!(file.conflicts[0].ours.as_deref(), Some(ours_word));
        assert_eq!(settled(file.clone(), Pick::Theirs), theirs);
        assert_eq!(
            settled(file.clone(), Pick::Text("done".into())).plan.items[3].progress[0].status,
            ProgressStatus::Done
        );
        let edit = settle(&file, 0, &Pick::Theirs).unwrap();
        let mut dataset = file.clone();
        edit.apply(&mut dataset).unwrap();
        edit.inverse().apply_exactly(&mut dataset).unwrap();
        assert_eq!(
            dataset, file,
            "undone: the value and the conflict, at its place"
        );
        assert_ne!(file, ours, "ours' value and the list");
        // Applied twice: the second time changes nothing and says so.
        let mut twice = file.clone();
        edit.apply(&mut twice).unwrap();
        assert!(edit.apply(&mut twice).unwrap().is_noop());
    }

    #[test]
    fn a_record_deleted_on_one_side_is_kept_or_deleted_as_picked() {
        let (file, ours, theirs) = kept(|d, mine| {
            if mine {
                d.cooperatives.remove(2);
            } else {
                Arc::make_mut(&mut d.cooperatives[2]).members += 5;
            }
        });
        assert_eq!(file.conflicts.len(), 1);
        assert!(file.conflicts[0].field.is_none());
        assert_eq!(settled(file.clone(), Pick::Ours), ours);
        assert_eq!(settled(file.clone(), Pick::Theirs), theirs);
        let base = builtin().unwrap();
        assert_eq!(settled(file.clone(), Pick::Base), base);
        assert_eq!(
            settle(&file, 0, &Pick::Text("x".into())),
            Err(Unsettled::NotOffered)
        );
    }

    #[test]
    fn the_item_order_takes_the_chosen_sides_order() {
        let (file, ours, theirs) = kept(|d, mine| {
            if mine {
                d.plan.items.swap(0, 1);
            } else {
                d.plan.items.swap(2, 3);
            }
        });
        assert_eq!(file.conflicts[0].record, RecordKey::ItemOrder);
        assert_eq!(settled(file.clone(), Pick::Theirs), theirs);
        assert_eq!(settled(file.clone(), Pick::Ours), ours);
        assert_eq!(settle(&file, 0, &Pick::Base), Err(Unsettled::NotOffered));
    }

    #[test]
    fn a_region_field_and_a_plan_field_settle_too() {
        let (file, _, theirs) = kept(|d, mine| {
            d.region.unions = if mine { 4 } else { 5 };
            d.plan.title = if mine { "A".into() } else { "B".into() };
        });
        assert_eq!(file.conflicts.len(), 2);
        let mut dataset = file.clone();
        for _ in 0..2 {
            settle(&dataset, 0, &Pick::Theirs)
                .unwrap()
                .apply(&mut dataset)
                .unwrap();
        }
        assert_eq!(dataset, theirs);
    }

    #[test]
    fn a_record_changed_since_is_not_settled_over() {
        let (file, _, _) = kept(|d, mine| {
            Arc::make_mut(&mut d.cooperatives[0]).members = if mine { 90 } else { 95 }
        });
        let edit = settle(&file, 0, &Pick::Theirs).unwrap();
        let mut changed = file.clone();
        Arc::make_mut(&mut changed.cooperatives[0])
            .name
            .push_str(" (mới)");
        assert!(edit.apply(&mut changed).is_err());
    }

    #[test]
    fn netting_keeps_a_settlement_apart_from_an_edit_of_the_same_record() {
        let (file, _, _) = kept(|d, mine| {
            Arc::make_mut(&mut d.cooperatives[0]).members = if mine { 90 } else { 95 }
        });
        let mut dataset = file.clone();
        let settled = settle(&dataset, 0, &Pick::Theirs)
            .unwrap()
            .apply(&mut dataset)
            .unwrap();
        let before = (*dataset.cooperatives[0]).clone();
        let mut after = before.clone();
        after.name.push_str(" (mới)");
        let renamed = Edit::Cooperative {
            id: before.id.clone(),
            before: Some((0, before)),
            after: Some((0, after)),
        }
        .apply(&mut dataset)
        .unwrap();
        let net = crate::model::edit::net(&[settled, renamed]);
        assert_eq!(net.len(), 2, "{net:?}");
        assert_eq!(
            crate::model::edit::net_count(&[net[0].clone(), net[1].clone()]),
            2
        );
        let mut again = file.clone();
        for edit in net {
            edit.apply(&mut again).unwrap();
        }
        assert_eq!(again, dataset);
    }

    #[test]
    fn a_field_of_a_record_deleted_since_is_settled_by_leaving_the_list() {
        let (file, _, _) = kept(|d, mine| {
            Arc::make_mut(&mut d.cooperatives[0]).members = if mine { 90 } else { 95 }
        });
        let mut dataset = file.clone();
        let gone = dataset.cooperatives.remove(0);
        let edit = settle(&dataset, 0, &Pick::Theirs).unwrap();
        edit.apply(&mut dataset).unwrap();
        assert!(dataset.conflicts.is_empty());
        assert!(
            dataset.cooperatives.iter().all(|c| c.id != gone.id),
            "not brought back"
        );
    }

    #[test]
    fn the_item_order_settles_over_items_added_or_deleted_since() {
        let (file, _, theirs) = kept(|d, mine| {
            if mine {
                d.plan.items.swap(0, 1);
            } else {
                d.plan.items.swap(2, 3);
            }
        });
        let mut dataset = file.clone();
        let gone = dataset.plan.items.remove(3).id;
        settle(&dataset, 0, &Pick::Theirs)
            .unwrap()
            .apply(&mut dataset)
            .unwrap();
        let ids = |d: &Dataset| {
            d.plan
                .items
                .iter()
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
        };
        let mut expected = ids(&theirs);
        expected.retain(|id| *id != gone);
        assert_eq!(ids(&dataset), expected);
        assert!(dataset.conflicts.is_empty());
    }

    #[test]
    fn two_conflicts_on_one_record_net_apart() {
        use crate::model::edit::{net, net_count};
        let (file, _, _) = kept(|d, mine| {
            Arc::make_mut(&mut d.cooperatives[0]).members = if mine { 90 } else { 95 };
            Arc::make_mut(&mut d.cooperatives[0]).notes =
                if mine { "a".into() } else { "b".into() };
        });
        assert_eq!(file.conflicts.len(), 2);
        let mut dataset = file.clone();
        let mut made = Vec::new();
        for pick in [Pick::Theirs, Pick::Ours] {
            let edit = settle(&dataset, 0, &pick).unwrap();
            made.push(edit.apply(&mut dataset).unwrap());
        }
        assert!(dataset.conflicts.is_empty());
        let netted = net(&made);
        assert_eq!(netted.len(), 2, "{netted:?}");
        let mut again = file.clone();
        for edit in &netted {
            edit.apply(&mut again).unwrap();
        }
        assert_eq!(again, dataset);
        // The first undone: the second, which changed no value, is still a change to save.
        made.push(made[0].inverse());
        assert_eq!(net_count(&made), 1);
    }

    #[test]
    fn a_value_that_would_rename_the_record_is_refused_and_the_record_stays() {
        let mut file = builtin().unwrap();
        let id = file.cooperatives[0].id.clone();
        file.conflicts.push(Conflict {
            record: RecordKey::Cooperative(id.clone()),
            field: Some("id".into()),
            base: Some(id.clone()),
            ours: Some(id.clone()),
            theirs: Some("HTX-OTHER".into()),
            labels: None,
        });
        assert_eq!(settle(&file, 0, &Pick::Theirs), Err(Unsettled::NotOffered));
        // Put directly: refused, nothing deleted.
        let mut dataset = file.clone();
        let mut renamed = (*dataset.cooperatives[0]).clone();
        renamed.id = "HTX-OTHER".into();
        let key = RecordKey::Cooperative(id);
        assert!(Record::put(&mut dataset, &key, Some(Record::Cooperative(0, renamed))).is_err());
        assert_eq!(dataset, file);
    }

    #[test]
    fn a_field_of_an_entry_whose_item_is_gone_is_settled_by_leaving_the_list() {
        let (file, _, _) = kept(|d, mine| {
            d.plan.items[3].progress[0].note = if mine { "a".into() } else { "b".into() };
        });
        let mut dataset = file.clone();
        dataset.plan.items.remove(3);
        settle(&dataset, 0, &Pick::Ours)
            .unwrap()
            .apply(&mut dataset)
            .unwrap();
        assert!(dataset.conflicts.is_empty());
    }
}
