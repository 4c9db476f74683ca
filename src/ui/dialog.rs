//! Questions that wait for an answer: quitting with unsaved edits, conflicts settled one field
//! at a time, and a save that would change the file's owner.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{editor, widgets};
use crate::app::{AfterSettling, App, Command, Dialog, Mode, Question, Settling};
use crate::lang::tr;
use crate::model::merge::{Conflict, FieldValue as _, RecordKey};
use crate::model::{CooperativeStatus, ProgressStatus};
use widgets::answer;

pub fn render(app: &App, dialog: &Dialog, area: Rect, frame: &mut Frame) {
    let (title, lines) = match dialog {
        Dialog::Quit => (
            tr().unsaved_edits.to_string(),
            vec![
                Line::raw((tr().not_saved_to)(
                    app.unsaved_count(),
                    &widgets::one_line(&app.source),
                )),
                Line::raw(""),
                answer(app, Mode::Dialog, Command::Save, tr().save_and_quit),
                answer(
                    app,
                    Mode::Dialog,
                    Command::Discard,
                    tr().quit_without_saving,
                ),
                answer(app, Mode::Dialog, Command::Back, tr().go_back),
            ],
        ),
        Dialog::Conflicts(settling) => {
            if let Some(text) = &settling.editing {
                let title = Line::from(vec![
                    Span::styled(
                        (tr().value_for)(&conflict_subject(app, settling)),
                        app.theme.title,
                    ),
                    Span::styled(
                        widgets::keys_line(
                            app,
                            Mode::Edit,
                            &[(Command::Accept, tr().keep), (Command::Back, tr().back)],
                        ),
                        app.theme.dim,
                    ),
                ]);
                editor::render_text(app, title, text, area, frame);
                return;
            }
            conflict(app, settling, area)
        }
        Dialog::OwnerChange { reason, .. } => (
            tr().owner_would_change.to_string(),
            vec![
                Line::raw(widgets::one_line(reason)),
                Line::raw(""),
                answer(app, Mode::Dialog, Command::Confirm, tr().save_anyway),
                answer(app, Mode::Dialog, Command::SaveAs, tr().save_elsewhere),
                answer(app, Mode::Dialog, Command::Back, tr().not_now),
            ],
        ),
    };
    draw(app, title, lines, area, frame);
}

/// A yes/no question, over what it is about.
pub fn render_question(app: &App, question: &Question, area: Rect, frame: &mut Frame) {
    let (title, text, yes, no) = match question {
        Question::DiscardTyping => (
            tr().throw_away_title.to_string(),
            tr().throw_away_text.to_string(),
            tr().throw_away,
            tr().keep_editing,
        ),
        Question::DeleteItem { item } => {
            let item = app.dataset.plan.items.get(*item);
            let entries = item.map_or(0, |i| i.progress.len());
            (
                tr().delete_item_title.to_string(),
                (tr().delete_item_text)(
                    item.map_or("", |i| i.id.as_str()),
                    &widgets::one_line(item.map_or("", |i| i.title.as_str())),
                    entries,
                ),
                tr().delete_it,
                tr().keep_it,
            )
        }
        Question::DeleteCooperative { cooperative } => {
            let coop = app.dataset.cooperatives.get(*cooperative);
            (
                tr().delete_cooperative_title.to_string(),
                format!(
                    "{} {}",
                    coop.map_or("", |c| c.id.as_str()),
                    widgets::one_line(coop.map_or("", |c| c.name.as_str()))
                ),
                tr().delete_it,
                tr().keep_it,
            )
        }
    };
    let lines = vec![
        Line::raw(widgets::one_line(&text)),
        Line::raw(""),
        answer(
            app,
            Mode::Question,
            Command::Yes,
            &if matches!(question, Question::DiscardTyping) {
                yes.to_string()
            } else {
                format!("{yes} ({})", app.keys_say(Command::Undo, tr().undoes))
            },
        ),
        answer(app, Mode::Question, Command::No, no),
    ];
    draw(app, title, lines, area, frame);
}

/// A question's box: as tall as its lines once wrapped, so the last line is never cut.
fn draw(app: &App, title: String, mut lines: Vec<Line<'static>>, area: Rect, frame: &mut Frame) {
    lines.insert(0, Line::raw(""));
    let width = dialog_width(area);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: Vec<Line> = lines
        .into_iter()
        .flat_map(|line| widgets::wrap_line(line, inner))
        .collect();
    let height = u16::try_from(rows.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = widgets::popup(area, width, height, frame);
    let title = widgets::cut(app, &title, inner);
    frame.render_widget(
        Paragraph::new(rows).block(widgets::block(&app.theme, title, true)),
        popup,
    );
}

fn conflict_subject(app: &App, settling: &Settling) -> String {
    settling
        .conflicts
        .get(settling.at)
        .map_or_else(String::new, |c| widgets::one_line(&describe(app, c)))
}

/// The conflict's record and field, with the province's name where there is one:
/// "KH-01 · Bắc Ninh (27), status".
fn describe(app: &App, conflict: &Conflict) -> String {
    let province_name = |code: &str| {
        app.dataset
            .provinces
            .iter()
            .find(|p| p.code == code)
            .map_or_else(|| code.to_owned(), |p| format!("{} ({code})", p.name))
    };
    let record = match &conflict.record {
        RecordKey::Progress { item, province } => {
            format!("{item} · {}", province_name(province))
        }
        RecordKey::Province(code) => (tr().province_named)(&province_name(code)),
        other => (tr().record_key)(other),
    };
    match &conflict.field {
        // A province's status on an item is its progress; a cooperative's, whether it trades.
        Some(field)
            if field == "status" && matches!(conflict.record, RecordKey::Progress { .. }) =>
        {
            format!("{record}, {}", tr().status_label.to_lowercase())
        }
        Some(field) => format!("{record}, {}", (tr().field)(field)),
        None if conflict.record == RecordKey::ItemOrder => record,
        None => format!("{record} ({})", crate::lang::merge::whole_record(conflict)),
    }
}

/// A side's value in the reader's words: a status as the screen names it, anything else as
/// the conflict holds it (the file's notation).
fn in_words(conflict: &Conflict, text: &str) -> String {
    let status = conflict.field.as_deref() == Some("status");
    match &conflict.record {
        RecordKey::Progress { .. } if status => ProgressStatus::parse(text)
            .map_or_else(|_| text.to_string(), |s| (tr().status)(s).to_string()),
        RecordKey::Cooperative(_) if status => CooperativeStatus::parse(text)
            .map_or_else(|_| text.to_string(), |s| (tr().coop_status)(s).to_string()),
        _ => text.to_string(),
    }
}

/// The conflicts being settled, one a line, with the one shown marked and those already
/// settled (for a save or a reload) ticked; a window of at most `rows` lines around the one
/// shown.
fn conflict_list(app: &App, settling: &Settling, rows: usize, width: usize) -> Vec<Line<'static>> {
    let count = settling.conflicts.len();
    if count == 0 {
        return Vec::new();
    }
    let rows = rows.clamp(1, count);
    let first = settling
        .at
        .saturating_sub(rows / 2)
        .min(count.saturating_sub(rows));
    let done = app.theme.symbols().status[2];
    settling.conflicts[first..first + rows]
        .iter()
        .enumerate()
        .map(|(offset, conflict)| {
            let shown = first + offset == settling.at;
            let mark = if shown {
                app.theme.symbols().right
            } else if settling.settled.covers(conflict) {
                done
            } else {
                " "
            };
            let text = format!("{mark} {}", widgets::one_line(&describe(app, conflict)));
            // One row each, whatever the name: cut, never wrapped.
            let text = widgets::cut(app, &text, width);
            if shown {
                Line::styled(text, app.theme.selected)
            } else {
                Line::raw(text)
            }
        })
        .collect()
}

/// One conflict: what it is about, the value both started from, mine and theirs.
fn conflict(app: &App, settling: &Settling, area: Rect) -> (String, Vec<Line<'static>>) {
    let title = (tr().conflict_title)(
        (settling.at + 1).min(settling.conflicts.len()),
        settling.conflicts.len(),
    );
    let Some(conflict) = settling.conflicts.get(settling.at) else {
        return (title, Vec::new());
    };
    let value = |side: &Option<String>| match side {
        Some(text) if text.is_empty() => tr().empty.to_string(),
        Some(text) => widgets::one_line(&in_words(conflict, text)),
        None => tr().no_such_record.to_string(),
    };
    // A conflict kept in the file names its versions as git did (`HEAD`, a branch).
    let labels = conflict
        .labels
        .as_ref()
        .map(|_| crate::lang::merge::labels(conflict));
    let row = |label: &'static str, side: &Option<String>, name: Option<&String>, style| {
        let mut spans = vec![
            Span::styled(label, app.theme.dim),
            Span::styled(value(side), style),
        ];
        if let Some(name) = name {
            spans.push(Span::styled(
                format!("  ({})", widgets::one_line(name)),
                app.theme.dim,
            ));
        }
        Line::from(spans)
    };
    let (intro, waiting) = match settling.then {
        AfterSettling::Save { .. } => (tr().both_changed, tr().waiting_save),
        AfterSettling::Reload => (tr().both_changed, tr().waiting_reload),
        AfterSettling::File => (tr().merge_left, tr().waiting_file),
    };
    let [was, mine, theirs] = tr().conflict_sides;
    let name = |at: usize| labels.as_ref().map(|names| &names[at]);
    let intro_lines = vec![Line::raw(intro), Line::raw(waiting), Line::raw("")];
    let mut lines = vec![
        Line::styled(widgets::one_line(&describe(app, conflict)), app.theme.title),
        row(was, &conflict.base, name(0), app.theme.dim),
        row(
            mine,
            &conflict.ours,
            name(1),
            ratatui::style::Style::default(),
        ),
        row(theirs, &conflict.theirs, name(2), app.theme.warning),
        Line::raw(""),
        answer(app, Mode::Dialog, Command::KeepMine, tr().keep_mine),
        answer(app, Mode::Dialog, Command::TakeTheirs, tr().take_theirs),
    ];
    if conflict.has_base() {
        lines.push(answer(app, Mode::Dialog, Command::TakeBase, tr().take_base));
    }
    if conflict.editable() {
        lines.push(answer(
            app,
            Mode::Dialog,
            Command::TypeValue,
            tr().type_value,
        ));
    }
    let later = if settling.then == AfterSettling::File {
        tr().settle_later
    } else {
        tr().decide_later
    };
    lines.push(answer(app, Mode::Dialog, Command::Back, later));
    // The list gets the rows the screen spares once everything else is in, wrapped as `draw`
    // wraps it: the keys are never the lines that are cut.
    let mut all = intro_lines;
    if settling.conflicts.len() > 1 {
        let inner = usize::from(dialog_width(area).saturating_sub(2)).max(1);
        let wrapped = |lines: &[Line<'static>]| -> usize {
            lines
                .iter()
                .map(|line| widgets::wrap_line(line.clone(), inner).len())
                .sum()
        };
        // Borders, the blank line over the text, and the blank line under the list.
        let taken = 2 + 1 + wrapped(&all) + wrapped(&lines) + 1;
        let rows = usize::from(area.height).saturating_sub(taken).max(1);
        all.extend(conflict_list(app, settling, rows, inner));
        all.push(Line::raw(""));
    }
    all.extend(lines);
    (title, all)
}

/// How wide a question's box is in `area`.
fn dialog_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(72)
}
