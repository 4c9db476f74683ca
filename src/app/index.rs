//! Orders and totals derived from the dataset once, so that drawing a frame only reads them:
//! provinces and cooperatives in Vietnamese alphabetical order, cooperatives per province,
//! the plan's progress and the cooperatives' figures ([`crate::model::figures`]).
//!
//! An edit of one record updates them in place ([`Index::apply`]) rather than building them
//! again: sorting 100k cooperatives' names takes longer than a key press may.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::model::edit::Edit;
use crate::model::figures::{self, CooperativeFigures, Counted, PlanProgress};
use crate::model::merge::RecordKey;
use crate::model::settle::Record;
use crate::model::{Cooperative, Dataset};
use crate::store::cache::Orders;
use crate::text::list_key;

/// Derived views of a [`Dataset`]: built with [`Index::build`], and kept up to date after
/// each edit with [`Index::apply`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    /// Indexes into `dataset.provinces`, by name in Vietnamese order, then code
    /// ([`list_key`], the order `htx list` prints).
    pub provinces: Vec<usize>,
    /// For each province (same index as `dataset.provinces`), its cooperatives by name, then
    /// id, then position (the stable sort of [`Index::build`] keeps equal keys in the order of
    /// the file; [`Index::apply`] inserts by the same rule).
    pub cooperatives: Vec<Vec<usize>>,
    /// The plan's progress: each entry's status, per item, per province and in all.
    pub plan: PlanProgress,
    /// The cooperatives counted per province and for the region (grades, sectors, members).
    pub figures: CooperativeFigures,
    /// Sector id → position in `dataset.sectors`.
    sectors: HashMap<String, usize>,
    /// Province code → position in `dataset.provinces`.
    province_codes: HashMap<String, usize>,
}

/// Province code → position in `dataset.provinces`.
fn province_codes(dataset: &Dataset) -> HashMap<String, usize> {
    dataset
        .provinces
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.clone(), i))
        .collect()
}

/// Sector id → position in `dataset.sectors`.
fn sectors(dataset: &Dataset) -> HashMap<String, usize> {
    dataset
        .sectors
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect()
}

/// `list` as positions, if each is below `len` and none is marked in `seen` or listed twice
/// (each is marked as it is taken).
fn positions(list: &[u32], seen: &mut [bool]) -> Option<Vec<usize>> {
    list.iter()
        .map(|&i| {
            let i = usize::try_from(i).ok()?;
            (!std::mem::replace(seen.get_mut(i)?, true)).then_some(i)
        })
        .collect()
}

/// What [`Index::apply`] did to bring the index up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Update {
    /// Nothing derived changed.
    Nothing,
    /// The plan's tallies were counted again; the orders and figures stand.
    Tallies,
    /// The cooperative's entry moved in the province lists and its figures were taken out and
    /// counted anew.
    Cooperative,
    /// As [`Update::Cooperative`], but the figures were counted again over every cooperative
    /// (a grade outside the scale was involved).
    Recounted,
    /// Everything was built again.
    Rebuilt,
}

impl Index {
    pub fn build(dataset: &Dataset) -> Self {
        let province_codes = province_codes(dataset);
        let sectors = sectors(dataset);

        let mut provinces: Vec<usize> = (0..dataset.provinces.len()).collect();
        provinces.sort_by_cached_key(|&i| {
            let province = &dataset.provinces[i];
            list_key(&province.name, &province.code)
        });

        let mut cooperatives = vec![Vec::new(); dataset.provinces.len()];
        for (i, coop) in dataset.cooperatives.iter().enumerate() {
            if let Some(&p) = province_codes.get(&coop.province) {
                cooperatives[p].push(i);
            }
        }
        for list in &mut cooperatives {
            list.sort_by_cached_key(|&i| {
                let coop = &dataset.cooperatives[i];
                list_key(&coop.name, &coop.id)
            });
        }

        Self {
            provinces,
            cooperatives,
            plan: figures::plan_progress(dataset),
            figures: figures::cooperative_figures(dataset),
            sectors,
            province_codes,
        }
    }

    /// The index of `dataset` with the sorted views of an earlier [`Index::build`] of the same
    /// data (kept in the file's cache), so nothing is sorted; `None` when `orders` do not fit
    /// the data: a position out of range or listed twice, a cooperative under a province that
    /// is not its own, or one missing.
    pub fn from_orders(dataset: &Dataset, orders: &Orders) -> Option<Self> {
        let province_codes = province_codes(dataset);
        let provinces = positions(&orders.provinces, &mut vec![false; dataset.provinces.len()])?;
        if provinces.len() != dataset.provinces.len()
            || orders.cooperatives.len() != dataset.provinces.len()
        {
            return None;
        }
        let mut listed = 0;
        let mut cooperatives = Vec::with_capacity(orders.cooperatives.len());
        let mut seen = vec![false; dataset.cooperatives.len()];
        for (p, list) in orders.cooperatives.iter().enumerate() {
            let list = positions(list, &mut seen)?;
            let code = &dataset.provinces[p].code;
            if list
                .iter()
                .any(|&c| dataset.cooperatives[c].province != *code)
            {
                return None;
            }
            listed += list.len();
            cooperatives.push(list);
        }
        let placed = dataset
            .cooperatives
            .iter()
            .filter(|coop| province_codes.contains_key(&coop.province))
            .count();
        (listed == placed).then(|| Self {
            provinces,
            cooperatives,
            plan: figures::plan_progress(dataset),
            figures: figures::cooperative_figures(dataset),
            sectors: sectors(dataset),
            province_codes,
        })
    }

    /// The sorted views, to keep beside the data in the file's cache.
    pub fn orders(&self) -> Orders {
        let narrow = |list: &[usize]| {
            list.iter()
                .map(|&i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect()
        };
        Orders {
            provinces: narrow(&self.provinces),
            cooperatives: self.cooperatives.iter().map(|list| narrow(list)).collect(),
        }
    }

    /// Recounts the plan's progress after an edit of progress entries only.
    pub fn retally(&mut self, dataset: &Dataset) {
        self.plan = figures::plan_progress(dataset);
    }

    /// Brings the index up to date after `edit`, as it was made ([`Edit::apply`] returns it),
    /// on `dataset` as it is after it: the same index as [`Index::build`] would give, built
    /// again only when an edit touches what everything hangs on (provinces, sectors, the
    /// region) or when the index cannot tell where a record was.
    pub fn apply(&mut self, dataset: &Dataset, edit: &Edit) -> Update {
        match edit {
            // The orders and the cooperatives' figures come from provinces, sectors and
            // cooperatives only: a plan item or its entries change the tallies alone.
            Edit::Progress { .. } | Edit::Item { .. } => {
                self.retally(dataset);
                Update::Tallies
            }
            Edit::Cooperative { before, after, .. } => self.change_cooperative(
                dataset,
                before.as_ref().map(|(at, c)| (*at, c)),
                after.as_ref().map(|(at, c)| (*at, c)),
            ),
            // A settlement that keeps the value changes only the list of conflicts, which
            // nothing here is derived from.
            Edit::Settle { before, after, .. } if before == after => Update::Nothing,
            Edit::Settle {
                conflict,
                before,
                after,
                ..
            } => match &conflict.record {
                RecordKey::Progress { .. }
                | RecordKey::Item(_)
                | RecordKey::ItemOrder
                | RecordKey::Plan => {
                    self.retally(dataset);
                    Update::Tallies
                }
                RecordKey::Cooperative(_) => {
                    self.settle_cooperative(dataset, before.as_ref(), after.as_ref())
                }
                RecordKey::File
                | RecordKey::Region
                | RecordKey::Sector(_)
                | RecordKey::Province(_) => self.rebuild(dataset),
            },
        }
    }

    fn rebuild(&mut self, dataset: &Dataset) -> Update {
        *self = Self::build(dataset);
        Update::Rebuilt
    }

    /// A settlement of a cooperative's conflict. The places its records carry may be old (a
    /// record that is there keeps its place whatever the settlement says), so the record is
    /// found where the settlement put it: the first with its id, as the settlement finds it.
    fn settle_cooperative(
        &mut self,
        dataset: &Dataset,
        before: Option<&Record>,
        after: Option<&Record>,
    ) -> Update {
        fn cooperative(record: Option<&Record>) -> Result<Option<&Cooperative>, ()> {
            match record {
                None => Ok(None),
                Some(Record::Cooperative(_, coop)) => Ok(Some(coop)),
                Some(_) => Err(()),
            }
        }
        let (Ok(old), Ok(new)) = (cooperative(before), cooperative(after)) else {
            return self.rebuild(dataset);
        };
        let now = new.and_then(|new| {
            let at = dataset.cooperatives.iter().position(|c| c.id == new.id)?;
            Some((at, new))
        });
        match (old, now) {
            (_, None) if new.is_some() => self.rebuild(dataset),
            (None, now) => self.change_cooperative(dataset, None, now),
            (Some(old), Some((at, new))) => {
                self.change_cooperative(dataset, Some((at, old)), Some((at, new)))
            }
            // A deleted record's place is not in the data any more, and the settlement's may
            // be old: rare enough to build again.
            (Some(_), None) => self.rebuild(dataset),
        }
    }

    /// One cooperative changed: `before` is where it was (a position in the dataset before
    /// the edit) and what it was, `after` where it is in `dataset` and what it is. Positions
    /// must be exact, as [`Edit::apply`] reports them; if they do not fit the data, the index
    /// is built again rather than left wrong.
    fn change_cooperative(
        &mut self,
        dataset: &Dataset,
        before: Option<(usize, &Cooperative)>,
        after: Option<(usize, &Cooperative)>,
    ) -> Update {
        let count = dataset.cooperatives.len();
        // Every cooperative is counted in the region: the count before the edit.
        let was = self.figures.region.cooperatives as usize;
        let fits = was + usize::from(after.is_some()) == count + usize::from(before.is_some())
            && before.is_none_or(|(at, _)| at < was)
            && after
                .is_none_or(|(at, coop)| dataset.cooperatives.get(at).map(|c| &**c) == Some(coop));
        if !fits {
            return self.rebuild(dataset);
        }
        if !self.relist(dataset, before, after) {
            return self.rebuild(dataset);
        }
        self.recount(dataset, before.map(|(_, c)| c), after.map(|(_, c)| c))
    }

    /// Moves the cooperative's entry in the province lists, and the positions of the others
    /// when it was taken out of the file or put into it. False when its entry is not where
    /// the index says it must be.
    fn relist(
        &mut self,
        dataset: &Dataset,
        before: Option<(usize, &Cooperative)>,
        after: Option<(usize, &Cooperative)>,
    ) -> bool {
        let (removed, inserted) = match (before, after) {
            (Some((from, old)), Some((to, new))) if from == to => {
                if old.name == new.name && old.id == new.id && old.province == new.province {
                    // Same place, same key: the lists stand.
                    return true;
                }
                (None, None)
            }
            _ => (before.map(|(at, _)| at), after.map(|(at, _)| at)),
        };
        // Where a position of the dataset before the edit is after it.
        let moved = |mut at: usize| {
            if removed.is_some_and(|r| at > r) {
                at -= 1;
            }
            if inserted.is_some_and(|i| at >= i) {
                at += 1;
            }
            at
        };
        // A position past the data (an index that does not fit it) is not a reason to panic:
        // it is noted, and the index built again.
        let mut strayed = false;
        let mut key_at = |at: usize| {
            let coop = dataset.cooperatives.get(at);
            strayed |= coop.is_none();
            coop.map(|c| list_key(&c.name, &c.id))
        };
        if let Some((from, old)) = before
            && let Some(p) = self.province(&old.province)
        {
            let key = (Some(list_key(&old.name, &old.id)), from);
            // The list still holds positions before the edit; the others' records are read
            // where they are now.
            let found = self.cooperatives[p].binary_search_by(|&at| {
                if at == from {
                    return Ordering::Equal;
                }
                (key_at(moved(at)), at).cmp(&key)
            });
            match found {
                Ok(slot) if self.cooperatives[p][slot] == from => {
                    self.cooperatives[p].remove(slot);
                }
                _ => return false,
            }
        }
        // Positions move only past a record taken out or put in before the end; a plain
        // loop per list, which the compiler turns into vector instructions.
        let count = dataset.cooperatives.len();
        let was = count + usize::from(removed.is_some()) - usize::from(inserted.is_some());
        if removed.is_some_and(|r| r + 1 < was) || inserted.is_some_and(|i| i + 1 < count) {
            for list in &mut self.cooperatives {
                for at in list.iter_mut() {
                    *at = moved(*at);
                }
            }
        }
        if let Some((to, new)) = after
            && let Some(p) = self.province(&new.province)
        {
            let key = (Some(list_key(&new.name, &new.id)), to);
            let slot = self.cooperatives[p].partition_point(|&at| (key_at(at), at) < key);
            self.cooperatives[p].insert(slot, to);
        }
        !strayed
    }

    /// Takes the old record out of the figures and counts the new one. A grade outside the
    /// scale on either side has a place in the list of grades that depends on which record
    /// has it first, and goes when its last record does: then the figures are counted again
    /// (one pass, no sort).
    fn recount(
        &mut self,
        dataset: &Dataset,
        before: Option<&Cooperative>,
        after: Option<&Cooperative>,
    ) -> Update {
        let year = dataset.region.as_of.year();
        let counted = |coop: &Cooperative| -> Option<Counted> {
            let grade = match coop.latest_rating() {
                Some(rating) => Some(figures::scale_grade(&rating.grade)?),
                None => None,
            };
            Some(Counted {
                province: self.province(&coop.province),
                sector: self.sectors.get(&coop.sector).copied(),
                grade,
                members: coop.members,
                joined: coop.alliance_member_since == Some(year),
            })
        };
        // `None` inside: a grade outside the scale.
        let (old, new) = (before.map(counted), after.map(counted));
        if old.is_some_and(|c| c.is_none()) || new.is_some_and(|c| c.is_none()) {
            return self.recount_all(dataset);
        }
        if let Some(old) = old.flatten() {
            self.figures.count(&old, false);
        }
        if let Some(new) = new.flatten() {
            self.figures.count(&new, true);
        }
        Update::Cooperative
    }

    fn recount_all(&mut self, dataset: &Dataset) -> Update {
        self.figures = figures::cooperative_figures(dataset);
        Update::Recounted
    }

    /// The display name of a sector id (the id itself if unknown).
    pub fn sector_name<'a>(&self, dataset: &'a Dataset, id: &'a str) -> &'a str {
        self.sectors
            .get(id)
            .map_or(id, |&i| dataset.sectors[i].name.as_str())
    }

    /// Position of a province in `dataset.provinces`.
    pub fn province(&self, code: &str) -> Option<usize> {
        self.province_codes.get(code).copied()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::ProgressStatus;
    use crate::store::builtin;

    #[test]
    fn provinces_are_in_vietnamese_order() {
        let dataset = builtin().unwrap();
        let index = Index::build(&dataset);
        let names: Vec<&str> = index
            .provinces
            .iter()
            .map(|&i| dataset.provinces[i].name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "Bắc Ninh",
                "Hà Nam",
                "Hà Nội",
                "Hải Dương",
                "Hải Phòng",
                "Hưng Yên",
                "Nam Định",
                "Ninh Bình",
                "Quảng Ninh",
                "Thái Bình",
                "Vĩnh Phúc"
            ]
        );
    }

    #[test]
    fn every_cooperative_is_listed_under_its_province() {
        let dataset = builtin().unwrap();
        let index = Index::build(&dataset);
        let listed: usize = index.cooperatives.iter().map(Vec::len).sum();
        assert_eq!(listed, dataset.cooperatives.len());
        for (p, list) in index.cooperatives.iter().enumerate() {
            for &c in list {
                assert_eq!(dataset.cooperatives[c].province, dataset.provinces[p].code);
            }
        }
    }

    /// A small dataset whose cooperatives all sit in the first two provinces, and one whose
    /// province code names none; `apply` then checked against a rebuild.
    fn small() -> Dataset {
        let mut dataset = builtin().unwrap();
        let codes: Vec<String> = dataset.provinces.iter().map(|p| p.code.clone()).collect();
        let sector = dataset.sectors[0].id.clone();
        dataset.cooperatives = (0..8)
            .map(|n| {
                let province = if n == 5 {
                    "99".into()
                } else {
                    codes[n % 2].clone()
                };
                let mut coop = Cooperative::blank(format!("HTX-U-{n}"), province, sector.clone());
                coop.name = ["HTX Bình", "HTX An", "HTX Ân"][n % 3].into();
                coop.members = 10 + n as u32;
                Arc::new(coop)
            })
            .collect();
        dataset
    }

    /// Applies `edit` to `dataset`, updates `index` from the edit as made, and checks it
    /// against a rebuild.
    fn step(
        dataset: &mut Dataset,
        index: &mut Index,
        edit: impl FnOnce(&Dataset) -> Edit,
    ) -> Update {
        let made = edit(dataset).apply(dataset).unwrap();
        let update = index.apply(dataset, &made);
        assert_eq!(*index, Index::build(dataset), "after {made:?}");
        update
    }

    fn add(at: usize, coop: Cooperative) -> Edit {
        Edit::Cooperative {
            id: coop.id.clone(),
            before: None,
            after: Some((at, coop)),
        }
    }

    fn delete(dataset: &Dataset, at: usize) -> Edit {
        let coop = Cooperative::clone(&dataset.cooperatives[at]);
        Edit::Cooperative {
            id: coop.id.clone(),
            before: Some((at, coop)),
            after: None,
        }
    }

    fn change(dataset: &Dataset, at: usize, change: impl FnOnce(&mut Cooperative)) -> Edit {
        let before = Cooperative::clone(&dataset.cooperatives[at]);
        let mut after = before.clone();
        change(&mut after);
        Edit::Cooperative {
            id: before.id.clone(),
            before: Some((at, before)),
            after: Some((at, after)),
        }
    }

    #[test]
    fn additions_and_deletions_at_the_first_and_last_positions() {
        let mut dataset = small();
        let mut index = Index::build(&dataset);
        let mut first = Cooperative::clone(&dataset.cooperatives[0]);
        first.id = "HTX-U-first".into();
        let mut last = first.clone();
        last.id = "HTX-U-last".into();
        assert_eq!(
            step(&mut dataset, &mut index, |_| add(0, first)),
            Update::Cooperative
        );
        let end = dataset.cooperatives.len();
        step(&mut dataset, &mut index, |_| add(end, last));
        let end = dataset.cooperatives.len() - 1;
        step(&mut dataset, &mut index, |d| delete(d, end));
        step(&mut dataset, &mut index, |d| delete(d, 0));
        assert_eq!(dataset, small());
        // The first and the last of one province's list go too.
        let p = index.province(&dataset.cooperatives[0].province).unwrap();
        let (&head, &tail) = (
            index.cooperatives[p].first().unwrap(),
            index.cooperatives[p].last().unwrap(),
        );
        step(&mut dataset, &mut index, |d| delete(d, tail.max(head)));
        step(&mut dataset, &mut index, |d| delete(d, tail.min(head)));
    }

    #[test]
    fn a_cooperative_of_an_unknown_province_counts_in_the_region_only() {
        let mut dataset = small();
        let mut index = Index::build(&dataset);
        let listed = |index: &Index| index.cooperatives.iter().map(Vec::len).sum::<usize>();
        assert_eq!(listed(&index), 7);
        let region = index.figures.region.cooperatives;
        // Into a known province, and back out, and the unknown one deleted.
        step(&mut dataset, &mut index, |d| {
            change(d, 5, |c| c.province = "01".into())
        });
        assert_eq!(listed(&index), 8);
        step(&mut dataset, &mut index, |d| {
            change(d, 5, |c| c.province = "98".into())
        });
        assert_eq!(listed(&index), 7);
        step(&mut dataset, &mut index, |d| delete(d, 5));
        assert_eq!(index.figures.region.cooperatives, region - 1);
        let mut stray = Cooperative::clone(&dataset.cooperatives[0]);
        stray.id = "HTX-U-stray".into();
        stray.province = "97".into();
        step(&mut dataset, &mut index, |_| add(3, stray));
        assert_eq!(listed(&index), 7);
    }

    #[test]
    fn a_cooperative_moves_between_provinces_and_in_the_file() {
        let mut dataset = small();
        let mut index = Index::build(&dataset);
        let other = dataset.cooperatives[1].province.clone();
        step(&mut dataset, &mut index, |d| {
            change(d, 0, |c| c.province = other)
        });
        step(&mut dataset, &mut index, |d| {
            change(d, 0, |c| c.name = "HTX A".into())
        });
        // Taken out at one place and put back at another (as a merge may leave it).
        let before = Cooperative::clone(&dataset.cooperatives.remove(6));
        let mut after = before.clone();
        after.name = "HTX Ân".into();
        dataset.cooperatives.insert(1, Arc::new(after.clone()));
        let moved = Edit::Cooperative {
            id: before.id.clone(),
            before: Some((6, before)),
            after: Some((1, after)),
        };
        assert_eq!(index.apply(&dataset, &moved), Update::Cooperative);
        assert_eq!(index, Index::build(&dataset));
    }

    #[test]
    fn equal_keys_stay_in_the_order_of_the_file() {
        let mut dataset = small();
        dataset.cooperatives[4] = dataset.cooperatives[0].clone();
        let mut index = Index::build(&dataset);
        let twin = Cooperative::clone(&dataset.cooperatives[0]);
        for at in [0, 2, 9] {
            dataset.cooperatives.insert(at, Arc::new(twin.clone()));
            let edit = add(at, twin.clone());
            index.apply(&dataset, &edit);
            assert_eq!(index, Index::build(&dataset), "twin at {at}");
        }
    }

    #[test]
    fn a_grade_outside_the_scale_recounts_the_figures_and_positions_that_do_not_fit_rebuild() {
        let mut dataset = small();
        let mut index = Index::build(&dataset);
        let graded = change(&dataset, 2, |c| {
            c.ratings.push(crate::model::Rating {
                year: 2011,
                scheme: "2011".into(),
                grade: "Xuất sắc".into(),
                score: None,
            });
        });
        assert_eq!(
            step(&mut dataset, &mut index, |_| graded.clone()),
            Update::Recounted
        );
        assert_eq!(
            step(&mut dataset, &mut index, |_| graded.inverse()),
            Update::Recounted
        );
        // An edit whose place is not the data's: built again rather than left wrong.
        let wrong = Edit::Cooperative {
            id: "HTX-U-0".into(),
            before: None,
            after: Some((3, Cooperative::clone(&dataset.cooperatives[0]))),
        };
        assert_eq!(index.apply(&dataset, &wrong), Update::Rebuilt);
        assert_eq!(index, Index::build(&dataset));
    }

    #[test]
    fn orders_kept_in_the_cache_give_the_built_index_and_are_refused_when_they_do_not_fit() {
        let dataset = small();
        let built = Index::build(&dataset);
        let orders = built.orders();
        assert_eq!(Index::from_orders(&dataset, &orders), Some(built));
        let refused = |change: &dyn Fn(&mut Orders)| {
            let mut wrong = orders.clone();
            change(&mut wrong);
            Index::from_orders(&dataset, &wrong).is_none()
        };
        let listed = |orders: &Orders| orders.cooperatives.iter().position(|l| l.len() > 1);
        let p = listed(&orders).unwrap();
        let other = (0..orders.cooperatives.len()).find(|&q| q != p).unwrap();
        assert!(refused(&|o| o.provinces.push(0)), "a province twice");
        assert!(refused(&|o| o.provinces[0] = 99), "a province out of range");
        assert!(
            refused(&|o| o.cooperatives[p][0] = 999),
            "a position out of range"
        );
        assert!(
            refused(&|o| o.cooperatives[p][1] = o.cooperatives[p][0]),
            "listed twice"
        );
        assert!(
            refused(&|o| {
                let c = o.cooperatives[p].remove(0);
                o.cooperatives[other].push(c);
            }),
            "under another province"
        );
        assert!(
            refused(&|o| {
                o.cooperatives[p].pop();
            }),
            "one missing"
        );
        assert!(
            refused(&|o| drop(o.cooperatives.pop())),
            "a province's list missing"
        );
    }

    #[test]
    fn tallies_count_every_province_for_every_item() {
        let dataset = builtin().unwrap();
        let index = Index::build(&dataset);
        let cells: u32 = index.plan.items.iter().map(|t| t.applicable).sum();
        let na: usize = dataset
            .plan
            .items
            .iter()
            .flat_map(|i| &i.progress)
            .filter(|e| e.status == ProgressStatus::NotApplicable)
            .count();
        assert_eq!(
            cells as usize + na,
            dataset.plan.items.len() * dataset.provinces.len()
        );
        let by_province: u32 = index.plan.by_province.iter().map(|t| t.done).sum();
        let by_item: u32 = index.plan.items.iter().map(|t| t.done).sum();
        assert_eq!(by_province, by_item);
    }
}
