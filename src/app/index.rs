//! Orders and totals derived from the dataset once, so that drawing a frame only reads them:
//! provinces and cooperatives in Vietnamese alphabetical order, cooperatives per province,
//! plan progress per province and per item.

use std::collections::HashMap;

use crate::model::{Dataset, ProgressStatus, Tally};
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
    /// For each province, its progress over all plan items.
    pub province_progress: Vec<Tally>,
    /// For each plan item, its progress over all provinces.
    pub item_progress: Vec<Tally>,
    /// Sector id → position in `dataset.sectors`.
    sectors: HashMap<String, usize>,
    /// Province code → position in `dataset.provinces`.
    province_codes: HashMap<String, usize>,
}

impl Index {
    pub fn build(dataset: &Dataset) -> Self {
        let province_codes: HashMap<String, usize> = dataset
            .provinces
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.clone(), i))
            .collect();
        let sectors = dataset
            .sectors
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();

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

        let (province_progress, item_progress) = tallies(dataset, &province_codes);
        Self {
            provinces,
            cooperatives,
            province_progress,
            item_progress,
            sectors,
            province_codes,
        }
    }

    /// Recounts the plan's progress after an edit of progress entries only.
    pub fn retally(&mut self, dataset: &Dataset) {
        (self.province_progress, self.item_progress) = tallies(dataset, &self.province_codes);
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

/// Progress per province and per plan item; a province without an entry has not started.
fn tallies(dataset: &Dataset, province_codes: &HashMap<String, usize>) -> (Vec<Tally>, Vec<Tally>) {
    let mut province_progress = vec![Tally::default(); dataset.provinces.len()];
    let mut item_progress = Vec::with_capacity(dataset.plan.items.len());
    for item in &dataset.plan.items {
        let mut statuses = vec![ProgressStatus::NotStarted; dataset.provinces.len()];
        for entry in &item.progress {
            if let Some(&p) = province_codes.get(&entry.province) {
                statuses[p] = entry.status;
            }
        }
        let mut tally = Tally::default();
        for (p, status) in statuses.into_iter().enumerate() {
            tally.add(status);
            province_progress[p].add(status);
        }
        item_progress.push(tally);
    }
    (province_progress, item_progress)
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let cells: u32 = index.item_progress.iter().map(|t| t.applicable).sum();
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
        let by_province: u32 = index.province_progress.iter().map(|t| t.done).sum();
        let by_item: u32 = index.item_progress.iter().map(|t| t.done).sum();
        assert_eq!(by_province, by_item);
    }
}
