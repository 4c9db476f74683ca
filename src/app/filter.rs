//! Filters and sort orders of the lists: cooperatives by sector, grade, alliance membership and
//! status, sorted by name, members, founding year or latest rating; plan entries by status and
//! overdue.

use std::cmp::Reverse;

use super::App;
use crate::lang::tr;
use crate::model::figures::overdue;
use crate::model::{CooperativeStatus, ProgressStatus};

/// Which cooperatives the table shows. `None` means any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CooperativeFilter {
    pub sector: Option<String>,
    pub grade: Option<String>,
    pub member: Option<bool>,
    pub status: Option<CooperativeStatus>,
}

/// Which provinces the plan view lists for the selected item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanFilter {
    pub status: Option<ProgressStatus>,
    /// Only entries past their item's due date and not done (needs today's date).
    pub overdue: bool,
}

/// The order of the cooperatives table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    Members,
    Founded,
    Rating,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        let [name, members, founded, rating] = tr().sort_keys;
        match self {
            SortKey::Name => name,
            SortKey::Members => members,
            SortKey::Founded => founded,
            SortKey::Rating => rating,
        }
    }

    fn next(self) -> Self {
        match self {
            SortKey::Name => SortKey::Members,
            SortKey::Members => SortKey::Founded,
            SortKey::Founded => SortKey::Rating,
            SortKey::Rating => SortKey::Name,
        }
    }
}

/// Grades from best to worst, for sorting and for the filter's choices; other grades follow.
const GRADES: [&str; 4] = ["Tốt", "Khá", "Trung bình", "Yếu"];

fn grade_rank(grade: Option<&str>) -> usize {
    grade.map_or(GRADES.len() + 1, |g| {
        GRADES.iter().position(|&k| k == g).unwrap_or(GRADES.len())
    })
}

/// One row of the filter popup: a dimension and its current value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterRow {
    Sector,
    Grade,
    Member,
    Status,
    PlanStatus,
    Overdue,
}

impl FilterRow {
    pub fn label(self) -> &'static str {
        let [sector, grade, member, status, overdue] = tr().filter_rows;
        match self {
            FilterRow::Sector => sector,
            FilterRow::Grade => grade,
            FilterRow::Member => member,
            FilterRow::Status => status,
            FilterRow::PlanStatus => tr().status_label,
            FilterRow::Overdue => overdue,
        }
    }
}

impl App {
    /// The rows of the filter popup for the current view.
    pub fn filter_rows(&self) -> &'static [FilterRow] {
        match self.view {
            super::View::Plan => &[FilterRow::PlanStatus, FilterRow::Overdue],
            _ => &[
                FilterRow::Sector,
                FilterRow::Grade,
                FilterRow::Member,
                FilterRow::Status,
            ],
        }
    }

    /// The current value of a filter row, as the popup shows it.
    pub fn filter_value(&self, row: FilterRow) -> String {
        let any = || tr().any.to_string();
        let yes_no = |yes| if yes { tr().yes } else { tr().no }.to_string();
        match row {
            FilterRow::Sector => self.coop_filter.sector.as_deref().map_or_else(any, |id| {
                self.index.sector_name(&self.dataset, id).to_string()
            }),
            FilterRow::Grade => self.coop_filter.grade.clone().unwrap_or_else(any),
            FilterRow::Member => self.coop_filter.member.map_or_else(any, yes_no),
            FilterRow::Status => self
                .coop_filter
                .status
                .map_or_else(any, |s| (tr().coop_status)(s).to_string()),
            FilterRow::PlanStatus => self
                .plan_filter
                .status
                .map_or_else(any, |s| (tr().status)(s).to_string()),
            FilterRow::Overdue => yes_no(self.plan_filter.overdue),
        }
    }

    /// Moves a filter row to its next (or previous) value, `any` included.
    pub(super) fn cycle_filter(&mut self, row: FilterRow, forward: bool) {
        fn cycle<T: Clone + PartialEq>(
            current: &Option<T>,
            choices: &[T],
            forward: bool,
        ) -> Option<T> {
            let mut all: Vec<Option<T>> = vec![None];
            all.extend(choices.iter().cloned().map(Some));
            let at = all.iter().position(|c| c == current).unwrap_or(0);
            let next = if forward {
                (at + 1) % all.len()
            } else {
                (at + all.len() - 1) % all.len()
            };
            all[next].clone()
        }
        match row {
            FilterRow::Sector => {
                let ids: Vec<String> = self.dataset.sectors.iter().map(|s| s.id.clone()).collect();
                self.coop_filter.sector = cycle(&self.coop_filter.sector, &ids, forward);
            }
            FilterRow::Grade => {
                let mut grades: Vec<String> = GRADES.iter().map(|g| (*g).to_string()).collect();
                for coop in &self.dataset.cooperatives {
                    if let Some(rating) = coop.latest_rating()
                        && !grades.contains(&rating.grade)
                    {
                        grades.push(rating.grade.clone());
                    }
                }
                self.coop_filter.grade = cycle(&self.coop_filter.grade, &grades, forward);
            }
            FilterRow::Member => {
                self.coop_filter.member = cycle(&self.coop_filter.member, &[true, false], forward)
            }
            FilterRow::Status => {
                let all = [
                    CooperativeStatus::Operating,
                    CooperativeStatus::Suspended,
                    CooperativeStatus::Dissolved,
                ];
                self.coop_filter.status = cycle(&self.coop_filter.status, &all, forward);
            }
            FilterRow::PlanStatus => {
                let all = [
                    ProgressStatus::NotStarted,
                    ProgressStatus::InProgress,
                    ProgressStatus::Done,
                    ProgressStatus::NotApplicable,
                ];
                self.plan_filter.status = cycle(&self.plan_filter.status, &all, forward);
            }
            FilterRow::Overdue => {
                self.plan_filter.overdue = !self.plan_filter.overdue;
                if self.plan_filter.overdue && self.today.is_none() {
                    self.message = Some(tr().today_unknown.into());
                }
            }
        }
        self.refresh_lists();
    }

    /// Whether any filter is on.
    pub fn filtered(&self) -> bool {
        self.coop_filter != CooperativeFilter::default()
            || self.plan_filter != PlanFilter::default()
    }

    pub(super) fn clear_filters(&mut self) {
        self.coop_filter = CooperativeFilter::default();
        self.plan_filter = PlanFilter::default();
        self.refresh_lists();
    }

    pub(super) fn cycle_sort(&mut self) {
        self.coop_sort = self.coop_sort.next();
        self.refresh_lists();
    }

    pub(super) fn reverse_sort(&mut self) {
        self.coop_descending = !self.coop_descending;
        self.refresh_lists();
    }

    /// A short description of the active filters and sort, for list titles; empty when none.
    pub fn cooperative_filter_summary(&self) -> String {
        let mut parts = Vec::new();
        for row in [
            FilterRow::Sector,
            FilterRow::Grade,
            FilterRow::Member,
            FilterRow::Status,
        ] {
            let value = self.filter_value(row);
            if value != tr().any {
                parts.push((tr().filter_is)(row.label(), &value));
            }
        }
        if self.coop_sort != SortKey::Name || self.coop_descending {
            let symbols = self.theme.symbols();
            let arrow = if self.coop_descending {
                symbols.down
            } else {
                symbols.up
            };
            parts.push((tr().sorted_by)(self.coop_sort.label(), arrow));
        }
        parts.join(self.theme.symbols().separator)
    }

    pub fn plan_filter_summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.plan_filter.status {
            parts.push((tr().status_is)((tr().status)(status)));
        }
        if self.plan_filter.overdue {
            parts.push(tr().overdue.to_string());
        }
        parts.join(self.theme.symbols().separator)
    }

    /// Recomputes the cooperatives table's rows after a change of province, filter or sort.
    pub(super) fn refresh_lists(&mut self) {
        let selected = self
            .province_cooperatives()
            .get(self.cooperatives.selected)
            .copied();
        let all = self
            .province
            .and_then(|p| self.index.cooperatives.get(p))
            .map_or(&[][..], Vec::as_slice);
        let filter = &self.coop_filter;
        let data = &self.dataset;
        let mut rows: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&c| {
                let coop = &data.cooperatives[c];
                filter.sector.as_ref().is_none_or(|s| &coop.sector == s)
                    && filter
                        .grade
                        .as_ref()
                        .is_none_or(|g| coop.latest_rating().is_some_and(|r| &r.grade == g))
                    && filter
                        .member
                        .is_none_or(|m| coop.alliance_member_since.is_some() == m)
                    && filter.status.is_none_or(|s| coop.status == s)
            })
            .collect();
        // `all` is in the order of every list (name, then id: `text::list_key`), and a
        // stable sort keeps it within ties: members, founding year and rating are each broken
        // by name, then id. Reversed, only the key turns round; ties keep that order.
        let descending = self.coop_descending;
        let turn = |order: std::cmp::Ordering| if descending { order.reverse() } else { order };
        match self.coop_sort {
            SortKey::Name if descending => rows.reverse(),
            SortKey::Name => {}
            SortKey::Members => rows.sort_by(|&a, &b| {
                turn(
                    data.cooperatives[a]
                        .members
                        .cmp(&data.cooperatives[b].members),
                )
            }),
            SortKey::Founded => {
                let founded = |c: usize| data.cooperatives[c].founded.unwrap_or(u16::MAX);
                rows.sort_by(|&a, &b| turn(founded(a).cmp(&founded(b))));
            }
            SortKey::Rating => {
                let rating = |c: usize| {
                    let rating = data.cooperatives[c].latest_rating();
                    (
                        grade_rank(rating.map(|r| r.grade.as_str())),
                        Reverse(rating.and_then(|r| r.score)),
                    )
                };
                rows.sort_by(|&a, &b| turn(rating(a).cmp(&rating(b))));
            }
        }
        self.visible = rows;
        self.cooperatives.selected = selected
            .and_then(|c| self.visible.iter().position(|&v| v == c))
            .unwrap_or(0);
        self.refit();
    }

    /// The provinces the plan view lists for the selected item, filters applied, in
    /// Vietnamese order.
    pub fn plan_rows(&self) -> Vec<usize> {
        let item = self.dataset.plan.items.get(self.plan_items.selected);
        self.index
            .provinces
            .iter()
            .copied()
            .filter(|&p| {
                let status = self.index.plan.status(self.plan_items.selected, p);
                self.plan_filter.status.is_none_or(|s| s == status)
                    && (!self.plan_filter.overdue
                        || item.is_some_and(|i| overdue(i.due, status, self.today)))
            })
            .collect()
    }
}
