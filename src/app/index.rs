//! Orders and totals derived from the dataset once, so that drawing a frame only reads them:
//! provinces and cooperatives in Vietnamese alphabetical order, cooperatives per province,
//! the plan's progress and the cooperatives' figures ([`crate::model::figures`]).

use std::collections::HashMap;

use crate::model::Dataset;
use crate::model::figures::{self, CooperativeFigures, PlanProgress};
use crate::store::cache::Orders;
use crate::text::list_key;

/// Derived views of a [`Dataset`]; rebuild with [`Index::build`] whenever the data changes.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Indexes into `dataset.provinces`, by name in Vietnamese order, then code
    /// ([`list_key`], the order `htx list` prints).
    pub provinces: Vec<usize>,
    /// For each province (same index as `dataset.provinces`), its cooperatives by name, then
    /// id.
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
            if list.iter().any(|&c| dataset.cooperatives[c].province != *code) {
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
