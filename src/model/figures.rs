//! The figures htx shows about a dataset: plan progress, ratings, sectors, members, new
//! alliance members and overdue items. Each is computed by one function here, and the
//! screens (the dashboard, the provinces and plan views), `htx report`, `htx list`,
//! `htx show` and `htx export` all take their numbers from them, so no two places can
//! disagree on a share or a count.
//!
//! Counting rules, stated once:
//! - a province without an entry on an item has not started it; "n/a" entries count in no
//!   share ([`Tally`]);
//! - a share is the floor of the percentage ([`percent`]): 99.9 % done is not "100 %";
//! - a cooperative is counted under its latest rating ([`Cooperative::latest_rating`]); the
//!   shares of grades are of the rated cooperatives, and the unrated are counted apart;
//! - the report's band "khá giỏi" groups the grades Tốt and Khá, as the press of 2011 did
//!   ([`in_band`]);
//! - a new alliance member is a cooperative that joined in the year of the region's figures
//!   (`region.as_of`).

use std::collections::HashMap;

use super::{Dataset, Date, PlanItem, Progress, ProgressStatus, RatingShare, Tally};
use crate::search::fold::fold;

/// `part` out of `whole` as a whole percentage, rounded down; `None` when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> Option<u32> {
    (whole > 0).then(|| u32::try_from(part.min(whole) * 100 / whole).unwrap_or(100))
}

/// The status of `province` (a code) on `item`: not started when it has no entry.
pub fn status(item: &PlanItem, province: &str) -> ProgressStatus {
    status_of(item, province).0
}

/// The status of `province` (a code) on `item`, and its entry if it has one.
pub fn status_of<'a>(item: &'a PlanItem, province: &str) -> (ProgressStatus, Option<&'a Progress>) {
    let entry = item.progress_of(province);
    (
        entry.map_or(ProgressStatus::NotStarted, |e| e.status),
        entry,
    )
}

/// Whether an entry with `status` on an item due `due` is late on `today`.
pub fn overdue(due: Option<Date>, status: ProgressStatus, today: Option<Date>) -> bool {
    matches!((due, today), (Some(due), Some(today)) if today > due)
        && matches!(
            status,
            ProgressStatus::NotStarted | ProgressStatus::InProgress
        )
}

/// The plan's progress: every province's status on every item, and the tallies of each
/// item, each province and the whole plan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanProgress {
    /// Row-major, items by provinces, in the dataset's orders.
    statuses: Vec<ProgressStatus>,
    provinces: usize,
    /// Per plan item, over all provinces.
    pub items: Vec<Tally>,
    /// Per province (same index as `dataset.provinces`), over all items.
    pub by_province: Vec<Tally>,
    /// Every entry of the plan.
    pub total: Tally,
}

impl PlanProgress {
    /// The status of province `province` on item `item` (positions in the dataset).
    pub fn status(&self, item: usize, province: usize) -> ProgressStatus {
        self.statuses
            .get(item * self.provinces + province)
            .copied()
            .unwrap_or_default()
    }
}

/// Counts the plan's progress (see [`PlanProgress`]).
pub fn plan_progress(dataset: &Dataset) -> PlanProgress {
    let provinces = dataset.provinces.len();
    let mut progress = PlanProgress {
        statuses: Vec::with_capacity(dataset.plan.items.len() * provinces),
        provinces,
        items: Vec::with_capacity(dataset.plan.items.len()),
        by_province: vec![Tally::default(); provinces],
        total: Tally::default(),
    };
    // One look-up of each entry's province, not a search of the item's entries per province.
    let position: HashMap<&str, usize> = dataset
        .provinces
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.as_str(), i))
        .collect();
    for item in &dataset.plan.items {
        let row = progress.statuses.len();
        progress
            .statuses
            .resize(row + provinces, ProgressStatus::NotStarted);
        // The first entry of a province counts, as `PlanItem::progress_of` finds it.
        for entry in item.progress.iter().rev() {
            if let Some(&p) = position.get(entry.province.as_str()) {
                progress.statuses[row + p] = entry.status;
            }
        }
        let mut tally = Tally::default();
        for (p, &status) in progress.statuses[row..].iter().enumerate() {
            tally.add(status);
            progress.by_province[p].add(status);
            progress.total.add(status);
        }
        progress.items.push(tally);
    }
    progress
}

/// An overdue plan item and the provinces (positions in the dataset) that are late on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overdue {
    pub item: usize,
    pub provinces: Vec<usize>,
}

/// The items past their due date on `today` that some province has not done, in plan order.
pub fn overdue_items(dataset: &Dataset, progress: &PlanProgress, today: Date) -> Vec<Overdue> {
    dataset
        .plan
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let provinces: Vec<usize> = (0..dataset.provinces.len())
                .filter(|&p| overdue(item.due, progress.status(i, p), Some(today)))
                .collect();
            (!provinces.is_empty()).then_some(Overdue { item: i, provinces })
        })
        .collect()
}

/// The grades of the 2011 scheme, best first; other grades follow them in the order of
/// their first appearance.
pub const GRADE_SCALE: [&str; 4] = ["Tốt", "Khá", "Trung bình", "Yếu"];

/// Whether a cooperative graded `grade` falls in the band the report calls `band`: the
/// same grade up to marks and case, and "khá giỏi" also for Tốt and Khá.
pub fn in_band(band: &str, grade: &str) -> bool {
    let (band, grade) = (fold(band), fold(grade));
    band == grade || (band == "kha gioi" && (grade == "tot" || grade == "kha"))
}

/// What the cooperatives of one province, or of the whole dataset, add up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    pub cooperatives: u32,
    pub members: u64,
    /// Cooperatives per latest grade, in the order of [`CooperativeFigures::grades`].
    pub grades: Vec<u32>,
    /// Cooperatives with no rating.
    pub unrated: u32,
    /// Cooperatives per sector, in the order of `dataset.sectors`.
    pub sectors: Vec<u32>,
    /// Cooperatives that joined the provincial alliance in the year of the region's figures.
    pub joined: u32,
}

impl Group {
    /// Cooperatives with a rating.
    pub fn rated(&self) -> u32 {
        self.cooperatives - self.unrated
    }

    /// The cooperatives whose latest grade is in `band` ([`in_band`]).
    pub fn band_count(&self, grades: &[String], band: &str) -> u32 {
        grades
            .iter()
            .zip(&self.grades)
            .filter(|(grade, _)| in_band(band, grade))
            .map(|(_, &count)| count)
            .sum()
    }

    /// The share of the rated cooperatives whose latest grade is in `band` ([`in_band`]).
    pub fn band_percent(&self, grades: &[String], band: &str) -> Option<u32> {
        percent(self.band_count(grades, band).into(), self.rated().into())
    }

    /// The share of the rated cooperatives graded `grades[at]`.
    pub fn grade_percent(&self, at: usize) -> Option<u32> {
        percent(
            self.grades.get(at).copied().unwrap_or(0).into(),
            self.rated().into(),
        )
    }
}

/// The cooperatives' figures per province and for the region.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CooperativeFigures {
    /// The grades found, [`GRADE_SCALE`] first (each as the data spells it).
    pub grades: Vec<String>,
    /// Per province, same index as `dataset.provinces`.
    pub provinces: Vec<Group>,
    /// Every cooperative of the dataset.
    pub region: Group,
}

/// Counts the cooperatives (see [`CooperativeFigures`]); one pass over them.
pub fn cooperative_figures(dataset: &Dataset) -> CooperativeFigures {
    let sectors = dataset.sectors.len();
    let province_of: HashMap<&str, usize> = dataset
        .provinces
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.as_str(), i))
        .collect();
    let sector_of: HashMap<&str, usize> = dataset
        .sectors
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut grades: Vec<String> = GRADE_SCALE.iter().map(|g| g.to_string()).collect();
    let mut folded: Vec<String> = grades.iter().map(|g| fold(g)).collect();
    let empty = Group {
        sectors: vec![0; sectors],
        ..Group::default()
    };
    let mut figures = CooperativeFigures {
        grades: Vec::new(),
        provinces: vec![empty.clone(); dataset.provinces.len()],
        region: empty,
    };
    let mut spellings: Vec<(&str, usize)> = Vec::new();
    let year = dataset.region.as_of.year();
    for coop in &dataset.cooperatives {
        // Most grades are spelt as the last one of the same grade was: look the spelling up
        // before folding it.
        let grade = coop.latest_rating().map(|rating| {
            if let Some(&(_, at)) = spellings.iter().find(|(s, _)| *s == rating.grade) {
                return at;
            }
            let key = fold(&rating.grade);
            let at = folded.iter().position(|g| *g == key).unwrap_or_else(|| {
                grades.push(rating.grade.clone());
                folded.push(key);
                grades.len() - 1
            });
            spellings.push((rating.grade.as_str(), at));
            at
        });
        let counted = Counted {
            province: province_of.get(coop.province.as_str()).copied(),
            sector: sector_of.get(coop.sector.as_str()).copied(),
            grade,
            members: coop.members,
            joined: coop.alliance_member_since == Some(year),
        };
        figures.count(&counted, true);
    }
    for group in std::iter::once(&mut figures.region).chain(&mut figures.provinces) {
        group.grades.resize(grades.len(), 0);
    }
    figures.grades = grades;
    figures
}

/// One cooperative as the figures count it, its names looked up: where it counts and what it
/// adds there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    /// Its province's position in `dataset.provinces`; `None` counts it in the region only.
    pub province: Option<usize>,
    /// Its sector's position in `dataset.sectors`; `None` counts it under no sector.
    pub sector: Option<usize>,
    /// Its latest grade's position in [`CooperativeFigures::grades`]; `None`: unrated.
    pub grade: Option<usize>,
    pub members: u32,
    /// It joined the alliance in the year of the region's figures.
    pub joined: bool,
}

impl CooperativeFigures {
    /// Counts one cooperative in the region and its province (`add`), or takes it out again:
    /// the one place a cooperative is counted, by the full count and by the update of the
    /// index after an edit of one record (which takes the old record out and counts the new).
    pub fn count(&mut self, counted: &Counted, add: bool) {
        let step = |n: &mut u32| *n = if add { *n + 1 } else { n.saturating_sub(1) };
        for group in std::iter::once(&mut self.region)
            .chain(counted.province.and_then(|p| self.provinces.get_mut(p)))
        {
            step(&mut group.cooperatives);
            let members = u64::from(counted.members);
            group.members = if add {
                group.members + members
            } else {
                group.members.saturating_sub(members)
            };
            match counted.grade {
                Some(at) => {
                    if group.grades.len() <= at {
                        group.grades.resize(at + 1, 0);
                    }
                    step(&mut group.grades[at]);
                }
                None => step(&mut group.unrated),
            }
            if let Some(n) = counted.sector.and_then(|s| group.sectors.get_mut(s)) {
                step(n);
            }
            if counted.joined {
                step(&mut group.joined);
            }
        }
    }
}

/// The position of `grade` in [`CooperativeFigures::grades`] if it is one of the
/// [`GRADE_SCALE`] (however it is spelt): those always come first, in that order. Any other
/// grade's place, and the spelling the list shows, depend on which cooperative has it first,
/// so they are `None` here.
pub fn scale_grade(grade: &str) -> Option<usize> {
    let key = fold(grade);
    GRADE_SCALE.iter().position(|g| fold(g) == key)
}

/// Where a share stands against the range the report states for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Against {
    Below,
    Within,
    Above,
}

/// Where the share `part` of `whole` stands against `stated` (from `percent_min` to
/// `percent_max`, or more than `percent_min` when it has no maximum), compared exactly, not
/// after rounding: 40.5 % is over 40 %. `None` for a share of nothing.
pub fn against(part: u64, whole: u64, stated: &RatingShare) -> Option<Against> {
    if whole == 0 {
        return None;
    }
    let share = u128::from(part) * 100;
    let of = |percent: u8| u128::from(percent) * u128::from(whole);
    let min = of(stated.percent_min);
    Some(match stated.percent_max.map(of) {
        Some(max) if share > max => Against::Above,
        Some(_) if share < min => Against::Below,
        None if share <= min => Against::Below,
        _ => Against::Within,
    })
}

/// The new alliance members the report states for `province` (a code), if it names it.
pub fn stated_new_members(dataset: &Dataset, province: &str) -> Option<u32> {
    dataset
        .region
        .new_members
        .iter()
        .find(|n| n.province == province)
        .map(|n| n.cooperatives)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::builtin;
    use std::sync::Arc;

    #[test]
    fn percent_rounds_down_and_has_no_share_of_nothing() {
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(999, 1000), Some(99));
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(3, 3), Some(100));
    }

    #[test]
    fn kha_gioi_groups_tot_and_kha_and_nothing_else() {
        assert!(in_band("Khá giỏi", "Tốt"));
        assert!(in_band("khá giỏi", "KHÁ"));
        assert!(in_band("Khá giỏi", "Khá giỏi"));
        assert!(!in_band("Khá giỏi", "Trung bình"));
        assert!(in_band("Trung bình", "trung binh"));
        assert!(!in_band("Trung bình", "Khá"));
    }

    #[test]
    fn the_builtin_plan_adds_up_across_items_and_provinces() {
        let dataset = builtin().unwrap();
        let progress = plan_progress(&dataset);
        let items: u32 = progress.items.iter().map(|t| t.done).sum();
        let provinces: u32 = progress.by_province.iter().map(|t| t.done).sum();
        assert_eq!(items, provinces);
        assert_eq!(items, progress.total.done);
        let mut done = 0;
        for (i, item) in dataset.plan.items.iter().enumerate() {
            for (p, province) in dataset.provinces.iter().enumerate() {
                assert_eq!(progress.status(i, p), status(item, &province.code));
                done += u32::from(progress.status(i, p) == ProgressStatus::Done);
            }
        }
        assert_eq!(done, progress.total.done);
    }

    #[test]
    fn the_builtin_cooperatives_add_up_per_province_and_grade() {
        let dataset = builtin().unwrap();
        let figures = cooperative_figures(&dataset);
        assert_eq!(
            figures.region.cooperatives as usize,
            dataset.cooperatives.len()
        );
        let per_province: u32 = figures.provinces.iter().map(|g| g.cooperatives).sum();
        assert_eq!(per_province, figures.region.cooperatives);
        let graded: u32 = figures.region.grades.iter().sum();
        assert_eq!(graded + figures.region.unrated, figures.region.cooperatives);
        assert_eq!(&figures.grades[..4], GRADE_SCALE.map(String::from));
        let by_sector: u32 = figures.region.sectors.iter().sum();
        assert_eq!(by_sector, figures.region.cooperatives);
        // Tốt and Khá together, and nothing else, make the band.
        let tot_kha = figures.region.grades[0] + figures.region.grades[1];
        let kha_gioi_grade = figures
            .grades
            .iter()
            .position(|g| g == "Khá giỏi")
            .map_or(0, |at| figures.region.grades[at]);
        assert_eq!(
            figures.region.band_percent(&figures.grades, "Khá giỏi"),
            percent(
                (tot_kha + kha_gioi_grade).into(),
                figures.region.rated().into()
            )
        );
    }

    #[test]
    fn a_share_stands_below_within_or_above_the_stated_range() {
        let share = |min, max| RatingShare {
            grade: "Khá giỏi".into(),
            percent_min: min,
            percent_max: max,
            origin: Default::default(),
            illustrative: Vec::new(),
        };
        let at = |percent| against(percent, 100, &share(35, Some(40)));
        assert_eq!(at(34), Some(Against::Below));
        assert_eq!(at(35), Some(Against::Within));
        assert_eq!(at(40), Some(Against::Within));
        assert_eq!(at(41), Some(Against::Above));
        // "Over 40 %": 40 itself is not over, 40.5 % is, though it shows as 40 %.
        assert_eq!(against(40, 100, &share(40, None)), Some(Against::Below));
        assert_eq!(against(81, 200, &share(40, None)), Some(Against::Within));
        assert_eq!(against(41, 100, &share(40, None)), Some(Against::Within));
        // 40.5 % is above 35–40 %.
        assert_eq!(against(81, 200, &share(35, Some(40))), Some(Against::Above));
        assert_eq!(against(1, 0, &share(35, Some(40))), None);
    }

    #[test]
    fn a_grade_outside_the_scale_is_counted_under_its_own_name() {
        let mut dataset = builtin().unwrap();
        Arc::make_mut(&mut dataset.cooperatives[0]).ratings[0].grade = "Xuất sắc".into();
        Arc::make_mut(&mut dataset.cooperatives[0])
            .ratings
            .truncate(1);
        let figures = cooperative_figures(&dataset);
        let at = figures.grades.iter().position(|g| g == "Xuất sắc").unwrap();
        assert_eq!(figures.region.grades[at], 1);
    }

    #[test]
    fn overdue_items_name_the_provinces_not_done_after_the_due_date() {
        let dataset = builtin().unwrap();
        let progress = plan_progress(&dataset);
        let before = Date::new(2011, 1, 1).unwrap();
        assert!(overdue_items(&dataset, &progress, before).is_empty());
        let after = Date::new(2012, 1, 1).unwrap();
        let late = overdue_items(&dataset, &progress, after);
        for o in &late {
            for &p in &o.provinces {
                assert!(matches!(
                    progress.status(o.item, p),
                    ProgressStatus::NotStarted | ProgressStatus::InProgress
                ));
            }
        }
        let not_done: usize = (0..dataset.plan.items.len())
            .map(|i| {
                (0..dataset.provinces.len())
                    .filter(|&p| {
                        matches!(
                            progress.status(i, p),
                            ProgressStatus::NotStarted | ProgressStatus::InProgress
                        )
                    })
                    .count()
            })
            .sum();
        assert_eq!(
            late.iter().map(|o| o.provinces.len()).sum::<usize>(),
            not_done
        );
    }
}
