//! Rows into records: each row of cooperatives updates the record with its id, else the record
//! of the same province and folded name, else becomes a new record with the next free id of
//! its province; each row of progress sets a province's entry on a plan item. Nothing is
//! deleted. An empty cell says nothing: the field keeps what the dataset holds.
//!
//! The result is the whole dataset as it would be, with what changed listed for the preview
//! and every row that cannot be taken rejected with the cell to fix. The dataset's own checks
//! ([`crate::model::validate`]) run on the result, and what they find is sent back to the
//! row that caused it.

use std::collections::HashMap;
use std::sync::Arc;

use super::columns::{Field, Header};
use super::table::{Place, Row, Table};
use super::values::{self, Value, clean_text};
use crate::lang;
use crate::model::validate::validate;
use crate::model::{
    Cooperative, CooperativeStatus, Dataset, Origin, Progress, ProgressStatus, Rating, Timestamp,
    cooperative_id, cooperative_number,
};
use crate::search::fold::fold;

use super::columns::key;

/// The longest text a cell may hold (a spreadsheet's own limit is 32,767).
pub const CELL_LIMIT: usize = 65_536;

/// One field that an import changes, as the preview shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// A record an import adds or changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Touched {
    /// The row it comes from (its first cell).
    pub place: Place,
    /// `HTX-36-007` or `KH-06 · 36`.
    pub id: String,
    /// The cooperative's name, or the province's name for an entry.
    pub name: String,
    /// Empty for a new record.
    pub changes: Vec<Change>,
}

/// A row that cannot be taken, at the cell to fix (`None`: a finding of the dataset's checks
/// that no row can be blamed for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub place: Option<Place>,
    pub message: String,
}

impl Rejected {
    pub fn at(place: Place, message: String) -> Self {
        Self {
            place: Some(place),
            message,
        }
    }
}

/// The rows under the header as their cells, or rejected at the first cell they use that
/// cannot be read at all.
fn data_rows<'a>(
    table: &'a Table,
    header: &'a Header,
) -> impl Iterator<Item = Result<Cells<'a>, Rejected>> {
    table.rows.iter().skip(header.row + 1).map(move |row| {
        let cells = Cells { row, header };
        match cells.unreadable() {
            Some(rejected) => Err(rejected),
            None => Ok(cells),
        }
    })
}

/// What importing the rows would do.
#[derive(Debug)]
pub struct Outcome {
    /// The dataset with every row that could be taken.
    pub dataset: Dataset,
    pub added: Vec<Touched>,
    pub updated: Vec<Touched>,
    pub unchanged: usize,
    pub rejected: Vec<Rejected>,
}

impl Outcome {
    /// Nothing imported yet into `dataset`.
    fn new(dataset: &Dataset) -> Self {
        Self {
            dataset: dataset.clone(),
            added: Vec::new(),
            updated: Vec::new(),
            unchanged: 0,
            rejected: Vec::new(),
        }
    }
}

/// Who is importing and when: the author and time of entries whose rows do not say.
#[derive(Clone, Debug)]
pub struct Author {
    pub user: String,
    pub now: Option<Timestamp>,
}

/// The cells of one row by field.
struct Cells<'a> {
    row: &'a Row,
    header: &'a Header,
}

impl<'a> Cells<'a> {
    /// The cell of `field`, unless the row leaves it blank.
    fn get(&self, field: Field) -> Option<(&'a Value, Place)> {
        let column = self.header.column(field)?;
        let cell = self.row.get(column.index)?;
        (!cell.value.is_blank()).then_some((&cell.value, cell.place))
    }

    /// The cell's text, cleaned; numbers as a person reads them.
    fn text(&self, field: Field) -> Option<(String, Place)> {
        self.get(field).map(|(value, place)| {
            let text = match value {
                Value::Text(text) => clean_text(text),
                other => other.shown(),
            };
            (text, place)
        })
    }

    /// The place of the row: its first cell (a row read from a file has at least one; blank
    /// rows are left out).
    fn place(&self) -> Place {
        self.row
            .cells
            .first()
            .map_or(Place::Text { line: 0, column: 0 }, |c| c.place)
    }

    /// The first cell of a used column that cannot be read at all: a formula error, or text
    /// too long for any field.
    fn unreadable(&self) -> Option<Rejected> {
        let said = lang::import();
        self.header
            .columns
            .iter()
            .filter(|c| c.field.is_some())
            .filter_map(|c| self.row.get(c.index))
            .find_map(|cell| match &cell.value {
                Value::Error(error) => Some(Rejected::at(cell.place, (said.formula_error)(error))),
                Value::Text(text) if text.len() > CELL_LIMIT => Some(Rejected::at(
                    cell.place,
                    (said.cell_too_long)(text.chars().count(), CELL_LIMIT),
                )),
                _ => None,
            })
    }
}

/// Text for a one-line field: every run of spaces, tabs and line breaks one space, control
/// characters gone.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Provinces by what people write for them.
pub struct Provinces {
    by_key: HashMap<String, String>,
    /// 2025 names and codes: the provinces of the dataset each one covers.
    successors: HashMap<String, Vec<String>>,
    names: HashMap<String, String>,
}

impl Provinces {
    pub fn new(dataset: &Dataset) -> Self {
        let mut by_key = HashMap::new();
        let mut successors: HashMap<String, Vec<String>> = HashMap::new();
        let mut names = HashMap::new();
        for p in &dataset.provinces {
            names.insert(p.code.clone(), p.name.clone());
            by_key.insert(key(&p.code), p.code.clone());
            by_key.insert(key(&p.name), p.code.clone());
            by_key.insert(key(&format!("{} {}", p.kind, p.name)), p.code.clone());
            let short = if fold(&p.kind).starts_with("thanh pho") {
                "tp"
            } else {
                "t"
            };
            by_key.insert(key(&format!("{short} {}", p.name)), p.code.clone());
            if let Some(successor) = &p.successor {
                for k in [key(&successor.name), key(&successor.code)] {
                    successors.entry(k).or_default().push(p.code.clone());
                }
            }
        }
        Self {
            by_key,
            successors,
            names,
        }
    }

    /// The code of the province `text` names: its code (`36`, `036`), its name with or
    /// without "Tỉnh"/"Thành phố"/"TP.", or the 2025 province it became part of when that
    /// covers only one province of the dataset.
    pub fn find(&self, text: &str) -> Result<String, String> {
        let said = lang::import();
        let k = key(text);
        if let Some(code) = self.by_key.get(&k) {
            return Ok(code.clone());
        }
        if let Ok(n) = k.parse::<u32>()
            && let Some(code) = self.names.keys().find(|c| c.parse::<u32>() == Ok(n))
        {
            return Ok(code.clone());
        }
        match self.successors.get(&k).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(many) => {
                let names: Vec<&str> = many
                    .iter()
                    .filter_map(|c| self.names.get(c).map(String::as_str))
                    .collect();
                Err((said.province_2025_covers)(text, &names.join(", ")))
            }
            None => Err((said.unknown_province)(text)),
        }
    }

    pub fn name<'a>(&'a self, code: &'a str) -> &'a str {
        self.names.get(code).map_or(code, String::as_str)
    }
}

/// Grades as the 2011 scheme and later ones write them.
const GRADES: [(&str, &str); 6] = [
    ("tot", "Tốt"),
    ("kha", "Khá"),
    ("trung binh", "Trung bình"),
    ("yeu", "Yếu"),
    ("yeu kem", "Yếu"),
    ("kem", "Yếu"),
];

fn grade(text: &str, dataset_grades: &HashMap<String, String>) -> Result<String, String> {
    let k = key(text);
    GRADES
        .iter()
        .find(|(g, _)| *g == k)
        .map(|(_, g)| (*g).to_owned())
        .or_else(|| dataset_grades.get(&k).cloned())
        .ok_or_else(|| (lang::import().unknown_grade)(text))
}

fn cooperative_status(text: &str) -> Result<CooperativeStatus, String> {
    let k = key(text);
    let status = match k.as_str() {
        "operating" | "dang hoat dong" | "hoat dong" => CooperativeStatus::Operating,
        "suspended" | "tam ngung" | "tam ngung hoat dong" | "ngung hoat dong" => {
            CooperativeStatus::Suspended
        }
        "dissolved" | "giai the" | "da giai the" => CooperativeStatus::Dissolved,
        _ => return Err((lang::import().unknown_cooperative_status)(text)),
    };
    Ok(status)
}

fn progress_status(text: &str) -> Result<ProgressStatus, String> {
    let k = key(text);
    let words = |status: ProgressStatus| -> Vec<String> {
        let mut words = vec![key(status.label())];
        for lang in lang::Lang::ALL {
            words.push(key((lang.tui().status)(status)));
        }
        words.extend(
            match status {
                ProgressStatus::Done => &["xong", "da xong", "hoan thanh", "da hoan thanh"][..],
                ProgressStatus::InProgress => {
                    &["dang thuc hien", "dang lam", "dang trien khai"][..]
                }
                ProgressStatus::NotStarted => &[
                    "chua bat dau",
                    "chua thuc hien",
                    "chua lam",
                    "chua trien khai",
                ][..],
                ProgressStatus::NotApplicable => &["na", "khong ap dung"][..],
            }
            .iter()
            .map(|w| (*w).to_owned()),
        );
        words
    };
    [
        ProgressStatus::Done,
        ProgressStatus::InProgress,
        ProgressStatus::NotStarted,
        ProgressStatus::NotApplicable,
    ]
    .into_iter()
    .find(|&s| words(s).contains(&k))
    .ok_or_else(|| (lang::import().unknown_progress_status)(text))
}

/// Sectors by id or folded name.
fn sectors(dataset: &Dataset) -> HashMap<String, String> {
    let mut by_key = HashMap::new();
    for s in &dataset.sectors {
        by_key.insert(key(&s.id), s.id.clone());
        by_key.insert(key(&s.name), s.id.clone());
    }
    by_key
}

/// The rating schemes the dataset's ratings use, in order, each once.
fn schemes(dataset: &Dataset) -> Vec<String> {
    let mut schemes: Vec<&str> = dataset
        .cooperatives
        .iter()
        .flat_map(|c| c.ratings.iter().map(|r| r.scheme.as_str()))
        .collect();
    schemes.sort_unstable();
    schemes.dedup();
    schemes.into_iter().map(str::to_owned).collect()
}

/// The rating scheme a new rating of `year` belongs to: the latest of `schemes` named by a
/// year not after it, else the first of them, else one named by the year itself.
fn scheme_for(year: u16, schemes: &[String]) -> String {
    schemes
        .iter()
        .rfind(|s| s.parse::<u16>().is_ok_and(|y| y <= year))
        .or_else(|| schemes.first())
        .map_or_else(|| year.to_string(), String::clone)
}

/// What a row of cooperatives does. A new record's id is given when it is taken (an id the
/// row names, else the next free one of its province), so a rejected row takes no number.
enum Taken {
    Unchanged(usize),
    Added {
        record: Cooperative,
        id: Option<String>,
    },
    Updated(usize, Cooperative),
}

/// The import of cooperatives under way: what rows are matched against, and what they did.
struct Cooperatives<'a> {
    dataset: &'a Dataset,
    header: &'a Header,
    provinces: Provinces,
    sectors: HashMap<String, String>,
    grades: HashMap<String, String>,
    by_id: HashMap<String, usize>,
    by_name: HashMap<(String, String), usize>,
    /// The highest number of an htx-made id in each province.
    highest: HashMap<String, u32>,
    schemes: Vec<String>,
    /// Which row set each record, to refuse a second row for it and to send a check's
    /// finding back to the row.
    rows_of: HashMap<usize, Place>,
    outcome: Outcome,
}

/// Reads the cooperatives of `table` under `header` into `dataset`.
pub fn cooperatives(dataset: &Dataset, table: &Table, header: &Header) -> Outcome {
    let mut import = Cooperatives::new(dataset, header);
    for cells in data_rows(table, header) {
        match cells.and_then(|cells| import.row(&cells).map(|taken| (cells, taken))) {
            Ok((cells, taken)) => import.take(&cells, taken),
            Err(rejected) => import.outcome.rejected.push(rejected),
        }
    }
    check(dataset, &import.rows_of, &mut import.outcome);
    import.outcome
}

impl<'a> Cooperatives<'a> {
    fn new(dataset: &'a Dataset, header: &'a Header) -> Self {
        let mut by_id = HashMap::new();
        let mut by_name = HashMap::new();
        let mut highest: HashMap<String, u32> = HashMap::new();
        for (at, c) in dataset.cooperatives.iter().enumerate() {
            by_id.insert(c.id.clone(), at);
            by_name.insert((c.province.clone(), fold(&c.name)), at);
            if let Some(n) = cooperative_number(&c.id, &c.province) {
                let top = highest.entry(c.province.clone()).or_default();
                *top = (*top).max(n);
            }
        }
        Self {
            dataset,
            header,
            provinces: Provinces::new(dataset),
            sectors: sectors(dataset),
            grades: dataset
                .cooperatives
                .iter()
                .flat_map(|c| c.ratings.iter().map(|r| (key(&r.grade), r.grade.clone())))
                .collect(),
            by_id,
            by_name,
            highest,
            schemes: schemes(dataset),
            rows_of: HashMap::new(),
            outcome: Outcome::new(dataset),
        }
    }

    /// What one row would do, or why it cannot be taken. Changes nothing.
    fn row(&self, cells: &Cells<'_>) -> Result<Taken, Rejected> {
        let said = lang::import();
        let reject = Rejected::at;
        let province = match cells.text(Field::Province) {
            Some((text, place)) => Some(self.provinces.find(&text).map_err(|m| reject(place, m))?),
            None => None,
        };
        let name = cells.text(Field::Name).map(|(t, _)| one_line(&t));
        let id = cells.text(Field::Id).map(|(t, _)| one_line(&t));
        // Which record the row is about: by its id, else by its name (then the name is the
        // key, not a change: "Thuy san" must not take the marks off "Thủy sản").
        let by_its_id = id.as_ref().and_then(|id| self.by_id.get(id).copied());
        let existing = by_its_id.or_else(|| {
            let key = (province.clone()?, fold(name.as_ref()?));
            self.by_name.get(&key).copied()
        });
        if let Some(at) = existing
            && let Some(first) = self.rows_of.get(&at)
        {
            let id = &self.outcome.dataset.cooperatives[at].id;
            return Err(reject(
                cells.place(),
                (said.same_record_twice)(id, &first.describe()),
            ));
        }
        let before = existing.map(|at| &self.outcome.dataset.cooperatives[at]);
        let mut record = match before {
            Some(before) => Cooperative::clone(before),
            None => {
                let Some(name) = &name else {
                    return Err(reject(cells.place(), said.new_without_name.to_owned()));
                };
                let Some(province) = &province else {
                    return Err(reject(cells.place(), (said.new_without_province)(name)));
                };
                if cells.get(Field::Sector).is_none() {
                    return Err(reject(cells.place(), (said.new_without_sector)(name)));
                }
                let mut blank = Cooperative::blank(String::new(), province.clone(), String::new());
                blank.origin = Origin::Entered;
                blank
            }
        };
        if let Some(name) = name
            && (existing.is_none() || by_its_id.is_some())
        {
            record.name = name;
        }
        if let Some(province) = province {
            record.province = province;
        }
        self.fields(cells, &mut record)?;
        Ok(match (existing, before) {
            (Some(at), Some(before)) if **before == record => Taken::Unchanged(at),
            (Some(at), Some(before)) => {
                record.claim_edited(before);
                Taken::Updated(at, record)
            }
            _ => Taken::Added {
                record,
                id: id.filter(|id| !id.is_empty()),
            },
        })
    }

    /// The row's other fields into `record`; an empty cell leaves its field as it is.
    fn fields(&self, cells: &Cells<'_>, record: &mut Cooperative) -> Result<(), Rejected> {
        let said = lang::import();
        let reject = Rejected::at;
        if let Some((text, _)) = cells.text(Field::District) {
            record.district = Some(one_line(&text));
        }
        if let Some((text, place)) = cells.text(Field::Sector) {
            record.sector = self.sectors.get(&key(&text)).cloned().ok_or_else(|| {
                let names: Vec<&str> = self
                    .dataset
                    .sectors
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect();
                reject(place, (said.unknown_sector)(&text, &names.join(", ")))
            })?;
        }
        if let Some((value, place)) = cells.get(Field::Founded) {
            record.founded = Some(values::year(value).map_err(|m| reject(place, m))?);
        }
        if let Some((value, place)) = cells.get(Field::Members) {
            let n = values::whole_number(value).map_err(|m| reject(place, m))?;
            record.members = u32::try_from(n)
                .map_err(|_| reject(place, (said.not_whole_number)(&value.shown())))?;
        }
        if let Some((value, place)) = cells.get(Field::MemberSince) {
            record.alliance_member_since = Some(values::year(value).map_err(|m| reject(place, m))?);
        }
        if let Some((text, place)) = cells.text(Field::Status) {
            record.status = cooperative_status(&text).map_err(|m| reject(place, m))?;
        }
        if let Some((text, _)) = cells.text(Field::Notes) {
            record.notes = text;
        }
        // A year with no grade says nothing about the rating.
        if let Some((text, place)) = cells.text(Field::Grade) {
            let grade = grade(&text, &self.grades).map_err(|m| reject(place, m))?;
            let year = match cells.get(Field::RatingYear) {
                Some((value, place)) => values::year(value).map_err(|m| reject(place, m))?,
                None => self
                    .header
                    .column(Field::Grade)
                    .and_then(|c| c.year)
                    .ok_or_else(|| reject(place, said.grade_without_year.to_owned()))?,
            };
            match record.ratings.iter_mut().find(|r| r.year == year) {
                Some(rating) if rating.grade == grade => {}
                Some(rating) => {
                    rating.grade = grade;
                    rating.score = None;
                }
                None => {
                    record.ratings.push(Rating {
                        year,
                        scheme: scheme_for(year, &self.schemes),
                        grade,
                        score: None,
                    });
                    record.ratings.sort_by_key(|r| r.year);
                }
            }
        }
        Ok(())
    }

    /// Puts what a row does into the outcome.
    fn take(&mut self, cells: &Cells<'_>, taken: Taken) {
        let place = cells.place();
        let outcome = &mut self.outcome;
        match taken {
            Taken::Unchanged(at) => {
                self.rows_of.insert(at, place);
                outcome.unchanged += 1;
            }
            Taken::Added { mut record, id } => {
                let given = id.is_some();
                record.id = match id {
                    Some(id) if self.by_id.contains_key(&id) => {
                        let message = (lang::import().id_taken)(&id);
                        outcome.rejected.push(Rejected::at(place, message));
                        return;
                    }
                    Some(id) => id,
                    None => {
                        let top = self.highest.entry(record.province.clone()).or_default();
                        *top += 1;
                        cooperative_id(&record.province, *top)
                    }
                };
                let at = outcome.dataset.cooperatives.len();
                self.by_id.insert(record.id.clone(), at);
                // Rows of one file that give different ids are different cooperatives, even
                // of one name in one province (such pairs exist): a new record is found again
                // by its name only when its row gave no id.
                if !given {
                    self.by_name
                        .insert((record.province.clone(), fold(&record.name)), at);
                }
                self.rows_of.insert(at, place);
                outcome.added.push(Touched {
                    place,
                    id: record.id.clone(),
                    name: record.name.clone(),
                    changes: Vec::new(),
                });
                outcome.dataset.cooperatives.push(Arc::new(record));
            }
            Taken::Updated(at, record) => {
                let old = &outcome.dataset.cooperatives[at];
                let changes = cooperative_changes(old, &record, &self.provinces);
                self.rows_of.insert(at, place);
                outcome.updated.push(Touched {
                    place,
                    id: record.id.clone(),
                    name: record.name.clone(),
                    changes,
                });
                self.by_name
                    .insert((record.province.clone(), fold(&record.name)), at);
                outcome.dataset.cooperatives[at] = Arc::new(record);
            }
        }
    }
}

/// Runs the dataset's checks on the result; a finding about a record a row set rejects that
/// row and puts the record back as it was.
fn check(dataset: &Dataset, rows_of: &HashMap<usize, Place>, outcome: &mut Outcome) {
    let problems = validate(&outcome.dataset);
    if problems.is_empty() {
        return;
    }
    let mut bad: Vec<(usize, Place, String)> = Vec::new();
    for problem in problems {
        let at = problem
            .path
            .strip_prefix("cooperatives[")
            .and_then(|rest| rest.split(']').next())
            .and_then(|n| n.parse::<usize>().ok());
        let place = at.and_then(|at| rows_of.get(&at).map(|p| (at, *p)));
        let field = problem.path.rsplit('.').next().unwrap_or_default();
        match place {
            Some((at, place)) if !bad.iter().any(|(b, ..)| *b == at) => {
                bad.push((at, place, format!("{field}: {}", problem.message)));
            }
            Some(_) => {}
            None => outcome.rejected.push(Rejected {
                place: None,
                message: format!("{}: {}", problem.path, problem.message),
            }),
        }
    }
    // Put back the records of the rejected rows, the added ones last to first.
    bad.sort_by_key(|(at, ..)| std::cmp::Reverse(*at));
    for (at, place, message) in bad {
        let coops = &mut outcome.dataset.cooperatives;
        if at < dataset.cooperatives.len() {
            coops[at] = dataset.cooperatives[at].clone();
            outcome.updated.retain(|t| t.place != place);
        } else if at < coops.len() {
            coops.remove(at);
            outcome.added.retain(|t| t.place != place);
        }
        outcome.rejected.push(Rejected::at(place, message));
    }
}

fn shown<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn ratings(c: &Cooperative) -> String {
    c.ratings
        .iter()
        .map(|r| format!("{} {}", r.year, r.grade))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fields that differ between two versions of a cooperative, by their `htx list` names.
fn cooperative_changes(old: &Cooperative, new: &Cooperative, provinces: &Provinces) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |field: &'static str, old: String, new: String| {
        if old != new {
            changes.push(Change { field, old, new });
        }
    };
    push("name", old.name.clone(), new.name.clone());
    push(
        "province",
        provinces.name(&old.province).to_owned(),
        provinces.name(&new.province).to_owned(),
    );
    push("district", shown(&old.district), shown(&new.district));
    push("sector", old.sector.clone(), new.sector.clone());
    push("founded", shown(&old.founded), shown(&new.founded));
    push("members", old.members.to_string(), new.members.to_string());
    push("ratings", ratings(old), ratings(new));
    push(
        "alliance_member_since",
        shown(&old.alliance_member_since),
        shown(&new.alliance_member_since),
    );
    push(
        "status",
        old.status.label().into(),
        new.status.label().into(),
    );
    push("notes", old.notes.clone(), new.notes.clone());
    changes
}

/// Reads the progress rows of `table` under `header` into `dataset`.
pub fn progress(dataset: &Dataset, table: &Table, header: &Header, author: &Author) -> Outcome {
    let said = lang::import();
    let provinces = Provinces::new(dataset);
    let mut outcome = Outcome::new(dataset);
    let mut seen: HashMap<(usize, String), Place> = HashMap::new();
    for cells in data_rows(table, header) {
        let cells = match cells {
            Ok(cells) => cells,
            Err(rejected) => {
                outcome.rejected.push(rejected);
                continue;
            }
        };
        let reject = Rejected::at;
        let result =
            (|| -> Result<(usize, String, Option<Progress>, Option<Progress>), Rejected> {
                let (item_text, item_place) = cells
                    .text(Field::Item)
                    .ok_or_else(|| reject(cells.place(), said.entry_without_item.to_owned()))?;
                let item =
                    find_item(&outcome.dataset, &item_text).map_err(|m| reject(item_place, m))?;
                let (province_text, province_place) = cells
                    .text(Field::Province)
                    .ok_or_else(|| reject(cells.place(), said.entry_without_province.to_owned()))?;
                let province = provinces
                    .find(&province_text)
                    .map_err(|m| reject(province_place, m))?;
                if let Some(first) = seen.get(&(item, province.clone())) {
                    return Err(reject(
                        cells.place(),
                        (said.same_record_twice)(
                            &format!("{} · {}", outcome.dataset.plan.items[item].id, province),
                            &first.describe(),
                        ),
                    ));
                }
                let before = outcome.dataset.plan.items[item]
                    .progress_of(&province)
                    .cloned();
                let mut entry = before
                    .clone()
                    .unwrap_or_else(|| Progress::not_started(province.clone()));
                if before.is_none() {
                    entry.origin = Origin::Entered;
                }
                let (status_text, status_place) = cells
                    .text(Field::Status)
                    .ok_or_else(|| reject(cells.place(), said.entry_without_status.to_owned()))?;
                entry.status =
                    progress_status(&status_text).map_err(|m| reject(status_place, m))?;
                if let Some((text, _)) = cells.text(Field::Note) {
                    entry.note = text;
                }
                let changed = before
                    .as_ref()
                    .is_none_or(|b| b.status != entry.status || b.note != entry.note);
                if changed {
                    entry.changed_by = Some(match cells.text(Field::ChangedBy) {
                        Some((who, _)) => one_line(&who),
                        None => author.user.clone(),
                    });
                    entry.changed_at = match cells.get(Field::ChangedAt) {
                        Some((value, place)) => Some(
                            values::date(value)
                                .and_then(|d| Timestamp::new(d, 0, 0, 0))
                                .map_err(|m| reject(place, m))?,
                        ),
                        None => author.now,
                    };
                    if let Some(before) = &before {
                        entry.claim_edited(before);
                    }
                }
                Ok((item, province, before, changed.then_some(entry)))
            })();
        match result {
            Err(rejected) => outcome.rejected.push(rejected),
            Ok((item, province, _, None)) => {
                seen.insert((item, province), cells.place());
                outcome.unchanged += 1;
            }
            Ok((item, province, before, Some(entry))) => {
                seen.insert((item, province.clone()), cells.place());
                let plan_item = &mut outcome.dataset.plan.items[item];
                let touched = Touched {
                    place: cells.place(),
                    id: format!("{} · {}", plan_item.id, province),
                    name: provinces.name(&province).to_owned(),
                    changes: before
                        .as_ref()
                        .map(|b| progress_changes(b, &entry))
                        .unwrap_or_default(),
                };
                match plan_item
                    .progress
                    .iter_mut()
                    .find(|e| e.province == province)
                {
                    Some(slot) => {
                        *slot = entry;
                        outcome.updated.push(touched);
                    }
                    None => {
                        plan_item.progress.push(entry);
                        outcome.added.push(touched);
                    }
                }
            }
        }
    }
    for problem in validate(&outcome.dataset) {
        outcome.rejected.push(Rejected {
            place: None,
            message: format!("{}: {}", problem.path, problem.message),
        });
    }
    outcome
}

fn progress_changes(old: &Progress, new: &Progress) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |field: &'static str, old: String, new: String| {
        if old != new {
            changes.push(Change { field, old, new });
        }
    };
    push(
        "status",
        old.status.label().into(),
        new.status.label().into(),
    );
    push("note", old.note.clone(), new.note.clone());
    push("changed_by", shown(&old.changed_by), shown(&new.changed_by));
    push("changed_at", shown(&old.changed_at), shown(&new.changed_at));
    changes
}

/// The plan item `text` names: its id (`KH-06`, `kh06`), its number (`6`), or its title.
fn find_item(dataset: &Dataset, text: &str) -> Result<usize, String> {
    let k = key(text);
    let items = &dataset.plan.items;
    let compact = |s: &str| key(s).replace(' ', "");
    items
        .iter()
        .position(|i| compact(&i.id) == k.replace(' ', ""))
        .or_else(|| {
            let n: u32 = k.parse().ok()?;
            items
                .iter()
                .position(|i| i.id.rsplit('-').next().and_then(|d| d.parse().ok()) == Some(n))
        })
        .or_else(|| items.iter().position(|i| key(&i.title) == k))
        .ok_or_else(|| {
            let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
            (lang::import().unknown_item)(text, &ids.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::{Kind, header};
    use crate::import::table::Table;

    fn builtin() -> Dataset {
        crate::store::builtin().unwrap()
    }

    fn import(dataset: &Dataset, rows: &[&[&str]]) -> Outcome {
        crate::lang::pin(crate::lang::Lang::En);
        let table = Table::of_texts(rows);
        let header = header(&table, Kind::Cooperatives, &[]).unwrap();
        cooperatives(dataset, &table, &header)
    }

    fn messages(outcome: &Outcome) -> Vec<&str> {
        outcome
            .rejected
            .iter()
            .map(|r| r.message.as_str())
            .collect()
    }

    #[test]
    fn provinces_by_code_name_kind_and_2025_name() {
        crate::lang::pin(crate::lang::Lang::En);
        let dataset = builtin();
        let provinces = Provinces::new(&dataset);
        for (text, code) in [
            ("36", "36"),
            ("036", "36"),
            ("1", "01"),
            ("Nam Định", "36"),
            ("nam dinh", "36"),
            ("Tỉnh Nam Định", "36"),
            ("TP. Hải Phòng", "31"),
            ("Thành phố Hà Nội", "01"),
            // Since 2025 Vĩnh Phúc is part of Phú Thọ, which covers no other of the eleven.
            ("Phú Thọ", "26"),
            // Ninh Bình is also a province of its own before 2025: that one is meant.
            ("Ninh Bình", "37"),
        ] {
            assert_eq!(provinces.find(text).as_deref(), Ok(code), "{text}");
        }
        assert!(provinces.find("Vũng Tàu").is_err());
        // Without a province of its own name, a 2025 province that covers several is asked
        // about, not guessed.
        let mut without = dataset.clone();
        without.provinces.retain(|p| p.code != "37");
        let message = Provinces::new(&without).find("Ninh Bình").unwrap_err();
        assert!(message.contains("Hà Nam, Nam Định"), "{message}");
    }

    #[test]
    fn a_row_updates_by_id_else_by_folded_name_else_adds() {
        let dataset = builtin();
        let outcome = import(
            &dataset,
            &[
                &["Mã", "Tên HTX", "Tỉnh", "Lĩnh vực", "Số thành viên"],
                &["HTX-36-001", "HTX Nông nghiệp Hải Đông (mới)", "", "", "99"],
                &["", "htx nong nghiep dong du", "Hà Nội", "", "7"],
                &["", "HTX Mới", "36", "Muối", "5"],
                &["X-1", "HTX Có mã riêng", "36", "Muối", "5"],
            ],
        );
        assert_eq!(messages(&outcome), Vec::<&str>::new());
        let updated: Vec<&str> = outcome.updated.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(updated, ["HTX-36-001", "HTX-01-003"]);
        let added: Vec<&str> = outcome.added.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(added, ["HTX-36-007", "X-1"]);
        let coop = |id: &str| {
            outcome
                .dataset
                .cooperatives
                .iter()
                .find(|c| c.id == id)
                .unwrap()
        };
        // Found by its id, the row renames it; found by its name, the name keeps its marks.
        assert_eq!(coop("HTX-36-001").name, "HTX Nông nghiệp Hải Đông (mới)");
        assert_eq!(coop("HTX-01-003").name, "HTX Nông nghiệp Đông Dư");
        assert_eq!(coop("HTX-01-003").members, 7);
        // Empty cells leave the fields as they were.
        let before = dataset
            .cooperatives
            .iter()
            .find(|c| c.id == "HTX-36-001")
            .unwrap();
        assert_eq!(coop("HTX-36-001").sector, before.sector);
        assert_eq!(coop("HTX-36-001").province, "36");
        assert_eq!(coop("HTX-36-007").origin, Origin::Entered);
        assert_eq!(coop("HTX-36-007").sector, "muoi");
    }

    #[test]
    fn a_rejected_row_takes_no_id() {
        let outcome = import(
            &builtin(),
            &[
                &["Tên HTX", "Tỉnh", "Lĩnh vực", "Số thành viên"],
                &["HTX Hỏng", "Nam Định", "Muối", "nhiều"],
                &["HTX Tốt", "Nam Định", "Muối", "5"],
            ],
        );
        assert_eq!(outcome.rejected.len(), 1);
        let added: Vec<&str> = outcome.added.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(added, ["HTX-36-007"]);
    }

    #[test]
    fn a_grade_replaces_its_year_or_adds_one() {
        let dataset = builtin();
        let outcome = import(
            &dataset,
            &[
                &["Mã", "Xếp loại", "Năm xếp loại"],
                &["HTX-36-001", "tốt", "2011"],
                &["HTX-36-002", "Khá", "2012"],
            ],
        );
        assert_eq!(messages(&outcome), Vec::<&str>::new());
        let ratings = |id: &str| {
            let c = outcome
                .dataset
                .cooperatives
                .iter()
                .find(|c| c.id == id)
                .unwrap();
            c.ratings
                .iter()
                .map(|r| format!("{} {} {}", r.year, r.scheme, r.grade))
                .collect::<Vec<_>>()
        };
        assert_eq!(ratings("HTX-36-001").last().unwrap(), "2011 2011 Tốt");
        assert_eq!(ratings("HTX-36-002").last().unwrap(), "2012 2011 Khá");
        // Without a year, a grade cannot be placed.
        let outcome = import(&dataset, &[&["Mã", "Xếp loại"], &["HTX-36-001", "Tốt"]]);
        assert_eq!(messages(&outcome).len(), 1);
        assert!(messages(&outcome)[0].contains("a grade needs its year"));
        // Its year in the header is enough.
        let outcome = import(
            &dataset,
            &[&["Mã", "Xếp loại 2012"], &["HTX-36-001", "Yếu"]],
        );
        assert_eq!(messages(&outcome), Vec::<&str>::new());
    }

    #[test]
    fn rows_that_cannot_be_taken_say_why_at_their_cell() {
        let dataset = builtin();
        let outcome = import(
            &dataset,
            &[
                &[
                    "Tên HTX",
                    "Tỉnh",
                    "Lĩnh vực",
                    "Năm thành lập",
                    "Thành viên Liên minh từ",
                ],
                &["HTX A", "Nam Định", "", "", ""],
                &["HTX B", "", "Muối", "", ""],
                &["HTX C", "Nam Định", "Muối", "1998", "1990"],
                &["HTX D", "Nam Định", "Muối", "", ""],
                &["htx d", "Nam Định", "Muối", "", ""],
            ],
        );
        let rejected: Vec<(u32, &str)> = outcome
            .rejected
            .iter()
            .map(|r| (r.place.map_or(0, Place::row), r.message.as_str()))
            .collect();
        assert_eq!(rejected.len(), 4, "{rejected:?}");
        assert!(rejected[0].1.contains("needs its sector"));
        assert!(rejected[1].1.contains("needs its province"));
        assert!(rejected[2].1.contains("line 5"), "the second row for HTX D");
        // The dataset's own check: joined the alliance before it was founded.
        assert_eq!(rejected[3].0, 4);
        assert!(
            rejected[3].1.starts_with("alliance_member_since"),
            "{rejected:?}"
        );
        // Only HTX D went in; HTX C was taken back out.
        let added: Vec<&str> = outcome.added.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(added, ["HTX D"]);
        assert_eq!(
            outcome.dataset.cooperatives.len(),
            dataset.cooperatives.len() + 1
        );
        assert!(validate(&outcome.dataset).is_empty());
    }

    #[test]
    fn progress_rows_set_entries_and_say_who_and_when() {
        crate::lang::pin(crate::lang::Lang::En);
        let dataset = builtin();
        let table = Table::of_texts(&[
            &["Mục", "Tỉnh", "Trạng thái", "Ghi chú", "Ngày"],
            &["6", "Nam Định", "Hoàn thành", "Xong hội chợ.", "15/11/2011"],
            &["KH-07", "36", "đang làm", "", ""],
            &["kh 99", "36", "xong", "", ""],
            &["KH-08", "36", "sắp xong", "", ""],
        ]);
        let header = header(&table, Kind::Progress, &[]).unwrap();
        let now = Timestamp::new(crate::model::Date::new(2026, 12, 1).unwrap(), 8, 0, 0).ok();
        let author = Author {
            user: "hoa".into(),
            now,
        };
        let outcome = progress(&dataset, &table, &header, &author);
        assert_eq!(outcome.rejected.len(), 2, "{:?}", outcome.rejected);
        assert!(outcome.rejected[0].message.contains("no plan item “kh 99”"));
        assert!(
            outcome.rejected[1]
                .message
                .contains("“sắp xong” is not a status")
        );
        let entry = |item: &str| {
            outcome
                .dataset
                .plan
                .items
                .iter()
                .find(|i| i.id == item)
                .and_then(|i| i.progress_of("36"))
                .unwrap()
                .clone()
        };
        let kh06 = entry("KH-06");
        assert_eq!(kh06.status, ProgressStatus::Done);
        assert_eq!(kh06.note, "Xong hội chợ.");
        assert_eq!(kh06.changed_by.as_deref(), Some("hoa"));
        assert_eq!(kh06.changed_at.unwrap().to_string(), "2011-11-15T00:00:00Z");
        // KH-07 in Nam Định is already in progress in the built-in dataset: nothing changes,
        // and who and when stay as they were.
        let before = dataset.plan.items[6].progress_of("36").cloned().unwrap();
        assert_eq!(before.status, ProgressStatus::InProgress);
        assert_eq!(entry("KH-07"), before);
        assert_eq!(outcome.unchanged, 1);
    }
}
