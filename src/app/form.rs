//! Forms: a plan item's or a cooperative's fields, edited one line each, checked by the
//! dataset's own validation before anything is accepted (the edit is made, checked, and taken
//! back out if it breaks a rule), with the problem shown in the form.

use std::sync::Arc;

use super::textarea::TextArea;
use super::{App, Command, Effect, View};
use crate::lang::{self, tr};
use crate::model::edit::Edit;
use crate::model::validate::validate_edit;
use crate::model::{Cooperative, CooperativeStatus, Date, Origin, PlanItem, Rating};

/// What a field holds, for checking and for the keys that change it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// May be left empty.
    Optional,
    Date,
    Number,
    /// One of these values (value, label); ←/→ change it.
    Choice(Vec<(String, String)>),
}

/// Which field of a record a form line edits; its label comes from the language table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Id,
    Title,
    Detail,
    Due,
    Owner,
    Name,
    District,
    Sector,
    Founded,
    Members,
    AllianceSince,
    Status,
    RatingYear,
    RatingScheme,
    RatingGrade,
    RatingScore,
    NewFile,
}

impl Field {
    /// The field's label in the interface's language.
    pub fn label(self) -> &'static str {
        let labels = &tr().form;
        match self {
            Field::Id => labels.id,
            Field::Title => labels.title,
            Field::Detail => labels.detail,
            Field::Due => labels.due,
            Field::Owner => labels.owner,
            Field::Name => labels.name,
            Field::District => labels.district,
            Field::Sector => labels.sector,
            Field::Founded => labels.founded,
            Field::Members => labels.members,
            Field::AllianceSince => labels.alliance_since,
            Field::Status => labels.status,
            Field::RatingYear => labels.rating_year,
            Field::RatingScheme => labels.rating_scheme,
            Field::RatingGrade => labels.rating_grade,
            Field::RatingScore => labels.rating_score,
            Field::NewFile => labels.new_file,
        }
    }
}

#[derive(Clone, Debug)]
pub struct FormField {
    pub field: Field,
    pub kind: FieldKind,
    pub input: TextArea,
}

impl FormField {
    fn new(field: Field, kind: FieldKind, value: &str) -> Self {
        Self {
            field,
            kind,
            input: TextArea::new(value, true),
        }
    }

    pub fn label(&self) -> &'static str {
        self.field.label()
    }

    fn value(&self) -> String {
        self.input.text().trim().to_string()
    }

    /// The label of a choice field's value.
    pub fn shown(&self) -> String {
        match &self.kind {
            FieldKind::Choice(choices) => {
                let value = self.value();
                choices
                    .iter()
                    .find(|(v, _)| *v == value)
                    .map_or(value, |(_, label)| label.clone())
            }
            _ => self.input.text(),
        }
    }
}

/// What a form creates or changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormTarget {
    /// A new plan item, inserted at this position.
    NewItem(usize),
    Item(usize),
    /// A new cooperative in this province (position in `dataset.provinces`).
    NewCooperative(usize),
    Cooperative(usize),
    /// "Save as": the name of a new file to save to.
    SaveAs,
}

#[derive(Clone, Debug)]
pub struct Form {
    pub title: String,
    pub target: FormTarget,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// Why the last attempt to accept was refused.
    pub error: Option<String>,
    /// The record as the form opened it: the edit starts from it, so a reload meanwhile
    /// merges others' changes to other fields instead of writing the old values back.
    pub opened: Option<Opened>,
}

/// A record as a form found it, with its position then.
#[derive(Clone, Debug)]
pub enum Opened {
    Item(usize, PlanItem),
    Cooperative(usize, Cooperative),
}

impl Form {
    /// Whether any field differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(|field| field.input.changed())
    }

    pub fn field(&mut self) -> Option<&mut FormField> {
        self.fields.get_mut(self.focus)
    }

    fn get(&self, field: Field) -> String {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(FormField::value)
            .unwrap_or_default()
    }

    /// ←/→ on a choice field: the next or previous value.
    pub fn cycle(&mut self, forward: bool) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let FieldKind::Choice(choices) = &field.kind else {
            return false;
        };
        if choices.is_empty() {
            return true;
        }
        let value = field.value();
        let at = choices.iter().position(|(v, _)| *v == value).unwrap_or(0);
        let next = if forward {
            (at + 1) % choices.len()
        } else {
            (at + choices.len() - 1) % choices.len()
        };
        field.input = TextArea::new(&choices[next].0, true);
        true
    }
}

fn parse_number<T: std::str::FromStr>(field: Field, text: &str) -> Result<Option<T>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    text.replace(['.', ','], "")
        .parse()
        .map(Some)
        .map_err(|_| (tr().not_a_number)(field.label(), text))
}

/// A date as a person types it: `21/06/2011` (day first, as Vietnamese write it; `21/6/2011`
/// too) or `2011-06-21`, in either language.
pub fn parse_typed_date(text: &str) -> Result<Date, String> {
    if let Some(day_first) = crate::model::parse_written_date(text, '/', true) {
        return day_first.map_err(|_| (tr().no_such_date)(text));
    }
    let iso = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    text.parse::<Date>().map_err(|_| {
        if iso {
            (tr().no_such_date)(text)
        } else {
            (tr().not_a_date)(text)
        }
    })
}

const GRADES: [&str; 4] = ["Tốt", "Khá", "Trung bình", "Yếu"];

impl App {
    /// `e` on a plan item, `a` to add one after the selection.
    pub(super) fn open_item_form(&mut self, new: bool) {
        let at = self.plan_items.selected;
        let (title, target, item) = if new {
            let id = next_id(self.dataset.plan.items.iter().map(|i| i.id.as_str()));
            let item = PlanItem {
                id,
                title: String::new(),
                detail: String::new(),
                due: Some(self.dataset.plan.period.end),
                owner: None,
                progress: Vec::new(),
                origin: Origin::Entered,
                illustrative: Vec::new(),
            };
            let position = (at + 1).min(self.dataset.plan.items.len());
            (
                tr().new_item.to_string(),
                FormTarget::NewItem(position),
                item,
            )
        } else {
            let Some(item) = self.dataset.plan.items.get(at).cloned() else {
                return;
            };
            ((tr().item_titled)(&item.id), FormTarget::Item(at), item)
        };
        let fields = vec![
            FormField::new(Field::Id, FieldKind::Text, &item.id),
            FormField::new(Field::Title, FieldKind::Text, &item.title),
            FormField::new(Field::Detail, FieldKind::Optional, &item.detail),
            FormField::new(
                Field::Due,
                FieldKind::Date,
                &item.due.map(lang::date).unwrap_or_default(),
            ),
            FormField::new(
                Field::Owner,
                FieldKind::Optional,
                item.owner.as_deref().unwrap_or(""),
            ),
        ];
        let opened = match target {
            FormTarget::Item(at) => self
                .dataset
                .plan
                .items
                .get(at)
                .cloned()
                .map(|i| Opened::Item(at, i)),
            _ => None,
        };
        self.open(super::Layer::Form(Form {
            title,
            target,
            fields,
            focus: 1,
            error: None,
            opened,
        }));
    }

    /// `e` on a cooperative, `a` to add one to the province shown.
    pub(super) fn open_cooperative_form(&mut self, new: bool) {
        let (title, target, coop) = if new {
            let Some(p) = self.province else { return };
            let code = self.dataset.provinces[p].code.clone();
            let id = self.new_cooperative_id(&code);
            let sector = self
                .dataset
                .sectors
                .first()
                .map(|s| s.id.clone())
                .unwrap_or_default();
            let coop = Cooperative::blank(id, code, sector);
            (
                tr().new_cooperative.to_string(),
                FormTarget::NewCooperative(p),
                coop,
            )
        } else {
            let Some(c) = self.selected_cooperative() else {
                return;
            };
            let coop = Cooperative::clone(&self.dataset.cooperatives[c]);
            (
                (tr().cooperative_titled)(&coop.id),
                FormTarget::Cooperative(c),
                coop,
            )
        };
        let sectors = self
            .dataset
            .sectors
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect();
        let statuses = [
            CooperativeStatus::Operating,
            CooperativeStatus::Suspended,
            CooperativeStatus::Dissolved,
        ]
        .iter()
        .map(|&s| (s.label().to_string(), (tr().coop_status)(s).to_string()))
        .collect();
        let mut grades: Vec<(String, String)> = vec![(String::new(), tr().none.to_string())];
        grades.extend(GRADES.iter().map(|g| ((*g).to_string(), (*g).to_string())));
        let rating = coop.latest_rating();
        let number = |n: Option<u16>| n.map(|n| n.to_string()).unwrap_or_default();
        let fields = vec![
            FormField::new(Field::Name, FieldKind::Text, &coop.name),
            FormField::new(
                Field::District,
                FieldKind::Optional,
                coop.district.as_deref().unwrap_or(""),
            ),
            FormField::new(Field::Sector, FieldKind::Choice(sectors), &coop.sector),
            FormField::new(Field::Founded, FieldKind::Number, &number(coop.founded)),
            FormField::new(Field::Members, FieldKind::Number, &coop.members.to_string()),
            FormField::new(
                Field::AllianceSince,
                FieldKind::Number,
                &number(coop.alliance_member_since),
            ),
            FormField::new(
                Field::Status,
                FieldKind::Choice(statuses),
                coop.status.label(),
            ),
            FormField::new(
                Field::RatingYear,
                FieldKind::Number,
                &number(rating.map(|r| r.year)),
            ),
            FormField::new(
                Field::RatingScheme,
                FieldKind::Optional,
                rating.map_or("2011", |r| r.scheme.as_str()),
            ),
            FormField::new(
                Field::RatingGrade,
                FieldKind::Choice(grades),
                rating.map_or("", |r| r.grade.as_str()),
            ),
            FormField::new(
                Field::RatingScore,
                FieldKind::Number,
                &rating
                    .and_then(|r| r.score)
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
            ),
        ];
        let opened = match target {
            FormTarget::Cooperative(c) => self
                .dataset
                .cooperatives
                .get(c)
                .map(|coop| Opened::Cooperative(c, Cooperative::clone(coop))),
            _ => None,
        };
        self.open(super::Layer::Form(Form {
            title,
            target,
            fields,
            focus: 0,
            error: None,
            opened,
        }));
    }

    /// Enter or Ctrl-s in a form: builds the record and applies it as one edit, checked with
    /// the dataset's validation of what the edit wrote; on a problem the edit is taken back
    /// out, and the form stays open and says what is wrong.
    pub(super) fn accept_form(&mut self) -> Effect {
        let Some(form) = self.take_form() else {
            return Effect::None;
        };
        if form.target == FormTarget::SaveAs {
            return match self.save_as(&form.get(Field::NewFile)) {
                Ok(effect) => effect,
                Err(error) => {
                    self.open(super::Layer::Form(Form {
                        error: Some(error),
                        ..form
                    }));
                    Effect::None
                }
            };
        }
        match self.form_edit(&form) {
            Ok(Some(edit)) if edit.is_noop() => {}
            Ok(Some(edit)) => {
                // Made, then checked: a record that breaks a rule is taken back out, and the
                // form stays open with the reason. (Checking a copy of the dataset instead
                // would copy a million record pointers a key.)
                let data = Arc::make_mut(&mut self.dataset);
                let made = match edit.apply(data) {
                    Ok(made) => made,
                    Err(rejected) => {
                        self.open(super::Layer::Form(Form {
                            error: Some((tr().rejected)(&rejected.reason)),
                            ..form
                        }));
                        return Effect::None;
                    }
                };
                if let Some(problem) = validate_edit(data, &made).into_iter().next() {
                    if made.inverse().apply_exactly(data).is_err() {
                        // Cannot happen (the record is as the edit just left it); were it to,
                        // the change is kept and recorded rather than left unsaved.
                        self.applied(made);
                    }
                    self.open(super::Layer::Form(Form {
                        error: Some(problem.message),
                        ..form
                    }));
                    return Effect::None;
                }
                let said = origin_message(&made);
                self.applied(made);
                self.after_form(&form.target);
                if self.message.is_none() {
                    self.message = said;
                }
            }
            Ok(None) => {}
            Err(error) => {
                self.open(super::Layer::Form(Form {
                    error: Some(error),
                    ..form
                }));
            }
        }
        Effect::None
    }

    /// `w`: asks for the name of a new file to save to (for a read-only file, a full disk,
    /// or a file whose owner cannot be kept).
    pub(super) fn open_save_as(&mut self) {
        self.take_dialog();
        self.open(super::Layer::Form(Form {
            title: tr().save_as.to_string(),
            target: FormTarget::SaveAs,
            fields: vec![FormField::new(Field::NewFile, FieldKind::Text, "")],
            focus: 0,
            error: None,
            opened: None,
        }));
    }

    fn form_edit(&self, form: &Form) -> Result<Option<Edit>, String> {
        match &form.target {
            FormTarget::NewItem(_) | FormTarget::Item(_) => self.item_edit(form).map(Some),
            FormTarget::NewCooperative(_) | FormTarget::Cooperative(_) => {
                self.cooperative_edit(form).map(Some)
            }
            FormTarget::SaveAs => Ok(None),
        }
    }

    fn item_edit(&self, form: &Form) -> Result<Edit, String> {
        let due = form.get(Field::Due);
        let due = if due.is_empty() {
            None
        } else {
            Some(parse_typed_date(&due).map_err(|e| format!("{}: {e}", Field::Due.label()))?)
        };
        let optional = |s: String| (!s.is_empty()).then_some(s);
        let (position, before) = match (&form.target, &form.opened) {
            (FormTarget::Item(_), Some(Opened::Item(at, item))) => (*at, Some((*at, item.clone()))),
            (FormTarget::NewItem(at), _) => (*at, None),
            _ => return Err(tr().not_an_item.into()),
        };
        let base = before.as_ref().map(|(_, i)| i.clone());
        let mut item = PlanItem {
            id: form.get(Field::Id),
            title: form.get(Field::Title),
            detail: form.get(Field::Detail),
            due,
            owner: optional(form.get(Field::Owner)),
            progress: base
                .as_ref()
                .map(|i| i.progress.clone())
                .unwrap_or_default(),
            origin: base.as_ref().map_or(Origin::Entered, |i| i.origin),
            illustrative: base
                .as_ref()
                .map(|i| i.illustrative.clone())
                .unwrap_or_default(),
        };
        if let Some(base) = &base {
            item.claim_edited(base);
        }
        if let Some((_, old)) = &before
            && old.id != item.id
        {
            return Err(tr().id_fixed.into());
        }
        Ok(Edit::Item {
            id: item.id.clone(),
            before,
            after: Some((position, item)),
        })
    }

    fn cooperative_edit(&self, form: &Form) -> Result<Edit, String> {
        let (before, mut coop) = match (&form.target, &form.opened) {
            (FormTarget::Cooperative(_), Some(Opened::Cooperative(at, coop))) => {
                (Some((*at, coop.clone())), coop.clone())
            }
            (FormTarget::NewCooperative(p), _) => {
                let code = self
                    .dataset
                    .provinces
                    .get(*p)
                    .map(|p| p.code.clone())
                    .unwrap_or_default();
                let coop = Cooperative::blank(String::new(), code, String::new());
                (None, coop)
            }
            _ => return Err(tr().not_a_cooperative.into()),
        };
        if before.is_none() {
            coop.id = self.new_cooperative_id(&coop.province);
        }
        coop.name = form.get(Field::Name);
        let district = form.get(Field::District);
        coop.district = (!district.is_empty()).then_some(district);
        coop.sector = form.get(Field::Sector);
        coop.founded = parse_number(Field::Founded, &form.get(Field::Founded))?;
        coop.members = parse_number(Field::Members, &form.get(Field::Members))?.unwrap_or(0);
        coop.alliance_member_since =
            parse_number(Field::AllianceSince, &form.get(Field::AllianceSince))?;
        coop.status = match form.get(Field::Status).as_str() {
            "suspended" => CooperativeStatus::Suspended,
            "dissolved" => CooperativeStatus::Dissolved,
            _ => CooperativeStatus::Operating,
        };
        let year: Option<u16> = parse_number(Field::RatingYear, &form.get(Field::RatingYear))?;
        let grade = form.get(Field::RatingGrade);
        let scheme = form.get(Field::RatingScheme);
        let score: Option<u8> = parse_number(Field::RatingScore, &form.get(Field::RatingScore))?;
        if let Some(year) = year {
            // The rating of that year (under that scheme) is replaced, or removed when the
            // grade is set to none.
            coop.ratings
                .retain(|r| !(r.year == year && r.scheme == scheme));
            if !grade.is_empty() {
                coop.ratings.push(Rating {
                    year,
                    scheme,
                    grade,
                    score,
                });
                coop.ratings.sort_by_key(|r| r.year);
            }
        } else if !grade.is_empty() {
            return Err(tr().rating_year_needed.into());
        }
        if let Some((_, base)) = &before {
            coop.claim_edited(base);
        }
        let position = before
            .as_ref()
            .map_or(self.dataset.cooperatives.len(), |(at, _)| *at);
        Ok(Edit::Cooperative {
            id: coop.id.clone(),
            before,
            after: Some((position, coop)),
        })
    }

    fn new_cooperative_id(&self, province: &str) -> String {
        let highest = self
            .dataset
            .cooperatives
            .iter()
            .filter_map(|c| crate::model::cooperative_number(&c.id, province))
            .max()
            .unwrap_or(0);
        crate::model::cooperative_id(province, highest + 1)
    }

    /// Selects what a form just created or changed.
    fn after_form(&mut self, target: &FormTarget) {
        match target {
            FormTarget::NewItem(at) | FormTarget::Item(at) => {
                self.view = View::Plan;
                self.plan_items.selected = *at;
                self.refit();
            }
            FormTarget::NewCooperative(_) => {
                if let Some(c) = self.dataset.cooperatives.len().checked_sub(1) {
                    self.go_to(crate::search::Target::Cooperative(c));
                }
            }
            FormTarget::Cooperative(c) => self.go_to(crate::search::Target::Cooperative(*c)),
            FormTarget::SaveAs => {}
        }
    }

    /// `d`: deletes the selected plan item or cooperative (undo brings it back).
    pub(super) fn delete_selected(&mut self) {
        let question = match self.view {
            View::Plan if self.plan_focus == super::PlanFocus::Items => {
                let item = self.plan_items.selected;
                if item >= self.dataset.plan.items.len() {
                    return;
                }
                super::Question::DeleteItem { item }
            }
            View::Cooperatives | View::CooperativeDetail => {
                let Some(cooperative) = self.selected_cooperative() else {
                    return;
                };
                super::Question::DeleteCooperative { cooperative }
            }
            View::Plan | View::Provinces | View::Dashboard => {
                self.message = Some(self.keys_say(Command::Delete, tr().deletes_what));
                return;
            }
        };
        self.open(super::Layer::Question(question));
    }

    /// `y` to "delete this plan item?": the item goes with every province's progress on it
    /// (one edit, so undo brings all of it back).
    pub(super) fn delete_item(&mut self, at: usize) {
        let Some(item) = self.dataset.plan.items.get(at).cloned() else {
            return;
        };
        let id = item.id.clone();
        self.apply(Edit::Item {
            id: id.clone(),
            before: Some((at, item)),
            after: None,
        });
        self.message = Some(self.keys_say(Command::Undo, &(tr().undoes_deleting)(&id)));
        self.refit();
    }

    /// `y` to "delete this cooperative?".
    pub(super) fn delete_cooperative(&mut self, c: usize) {
        let Some(coop) = self
            .dataset
            .cooperatives
            .get(c)
            .map(|c| Cooperative::clone(c))
        else {
            return;
        };
        let id = coop.id.clone();
        self.view = View::Cooperatives;
        self.apply(Edit::Cooperative {
            id: id.clone(),
            before: Some((c, coop)),
            after: None,
        });
        self.message = Some(self.keys_say(Command::Undo, &(tr().undoes_deleting)(&id)));
    }

    /// `J`/`K`: moves the selected plan item down or up.
    pub(super) fn move_item(&mut self, down: bool) {
        if self.view != View::Plan || self.plan_focus != super::PlanFocus::Items {
            return;
        }
        let at = self.plan_items.selected;
        let to = if down { at + 1 } else { at.wrapping_sub(1) };
        if to >= self.dataset.plan.items.len() {
            return;
        }
        let item = self.dataset.plan.items[at].clone();
        self.apply(Edit::Item {
            id: item.id.clone(),
            before: Some((at, item.clone())),
            after: Some((to, item)),
        });
        self.plan_items.selected = to;
        self.refit();
    }
}

/// What a form's edit did to where the record comes from, said once it is kept: an edited
/// illustrative record is still not real, and a field that was marked invented is now the
/// person's. `None` for a record that was a person's already.
fn origin_message(edit: &Edit) -> Option<String> {
    let (id, origin, was, now) = match edit {
        Edit::Item {
            before: Some((_, before)),
            after: Some((_, after)),
            ..
        } => (
            &after.id,
            after.origin,
            &before.illustrative,
            &after.illustrative,
        ),
        Edit::Cooperative {
            before: Some((_, before)),
            after: Some((_, after)),
            ..
        } => (
            &after.id,
            after.origin,
            &before.illustrative,
            &after.illustrative,
        ),
        _ => return None,
    };
    if origin == Origin::Illustrative {
        return Some((tr().kept_illustrative)(id));
    }
    let claimed: Vec<&str> = was
        .iter()
        .filter(|name| !now.contains(name))
        .map(String::as_str)
        .collect();
    (!claimed.is_empty()).then(|| {
        let claimed: Vec<&str> = claimed.iter().map(|f| (tr().field)(f)).collect();
        (tr().kept_claimed)(id, &claimed.join(", "))
    })
}

/// The next id in a `PREFIX-NN` series (`KH-10` → `KH-11`).
fn next_id<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let highest = ids
        .filter_map(|id| id.rsplit('-').next()?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("KH-{:02}", highest + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_typed_day_first_or_iso_in_either_language() {
        for lang in crate::lang::Lang::ALL {
            crate::lang::pin(lang);
            let day = |text: &str| parse_typed_date(text).map(|d| d.to_string());
            assert_eq!(day("21/06/2011").as_deref(), Ok("2011-06-21"));
            assert_eq!(day("1/6/2011").as_deref(), Ok("2011-06-01"));
            assert_eq!(day("2011-06-21").as_deref(), Ok("2011-06-21"));
            assert!(day("30/02/2011").is_err());
            assert!(day("2011-02-30").is_err());
            assert!(day("06/21/2011").is_err(), "month first is not a date here");
            assert!(day("21/06/11").is_err(), "the year has four digits");
            assert!(day("21.06.2011").is_err());
            assert!(day("").is_err());
        }
        crate::lang::pin(crate::lang::Lang::Vi);
        assert_eq!(
            parse_typed_date("30/02/2011").unwrap_err(),
            "không có ngày 30/02/2011"
        );
    }
}
