//! The year-end plan: its items with overall progress, and every province's status on the
//! selected item.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::entry::entry_lines;
use super::widgets::{self, Columns, bar_in, block, one_line};
use crate::app::{App, PlanFocus, layout, overdue, visible_offset};
use crate::lang::{self, tr};
use crate::model::{Origin, PlanItem, ProgressStatus, figures};

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let plan = &app.dataset.plan;
    let areas = layout::plan(area, plan.items.len());
    render_items(app, areas.items, frame);
    let item = plan.items.get(app.plan_items.selected);
    if areas.item.width > 0 {
        // With the province list focused the side pane follows it: the selected province's
        // entry in full; otherwise the item's own text.
        let entry_shown = match app.plan_focus {
            PlanFocus::Provinces => render_entry(app, areas.item, frame),
            PlanFocus::Items => false,
        };
        if !entry_shown {
            render_item(app, item, areas.item, frame);
        }
    }
    render_provinces(app, item, areas.provinces, frame);
}

fn render_items(app: &App, area: Rect, frame: &mut Frame) {
    let plan = &app.dataset.plan;
    let focused = app.plan_focus == PlanFocus::Items;
    let height = layout::table_rows(area);
    let offset = visible_offset(
        app.plan_items.selected,
        app.plan_items.offset,
        plan.items.len(),
        height,
    );
    let bar_width = 8;
    let symbols = app.theme.symbols();
    let done = app.index.plan.total.percent().map_or(String::new(), |p| {
        format!("{}{}", symbols.separator, (tr().percent_done)(p))
    });
    // Spaces around the range's dash: dates have dashes of their own.
    let title = format!(
        " {}{}{} {} {}{done} ",
        one_line(&plan.title),
        symbols.separator,
        lang::date(plan.period.start),
        symbols.range,
        lang::date(plan.period.end)
    );
    let block = block(&app.theme, widgets::title(app, title, area.width), focused);
    let columns = Columns::new(
        &block,
        area,
        [
            Constraint::Length(5),
            Constraint::Fill(1),
            // A date, the illustrative mark and the late mark.
            Constraint::Length(12),
            Constraint::Length(bar_width as u16 + 5),
        ],
    );
    let rows = plan
        .items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, item)| {
            let style = match (row == app.plan_items.selected, focused) {
                (true, true) => app.theme.selected,
                (true, false) => app.theme.selected_unfocused,
                _ => Style::new(),
            };
            let tally = app.index.plan.items[row];
            let due = item.due.map_or_else(Line::default, |due| {
                let late =
                    app.today.is_some_and(|today| today > due) && tally.done < tally.applicable;
                let mark = illustrative_mark(item, "due");
                if late {
                    Line::styled(format!("{}{mark}!", lang::date(due)), app.theme.warning)
                } else {
                    Line::raw(format!("{}{mark}", lang::date(due)))
                }
            });
            columns
                .row(
                    app,
                    vec![
                        Line::raw(one_line(&item.id)),
                        Line::raw(one_line(&item.title)),
                        due,
                        bar_in(&app.theme, tally, columns.width(3), bar_width),
                    ],
                )
                .style(style)
        })
        .collect();
    let header = columns
        .row(app, tr().items_head.map(Line::raw).to_vec())
        .style(app.theme.header_row);
    frame.render_widget(columns.table(rows, header, block), area);
}

fn render_item(app: &App, item: Option<&PlanItem>, area: Rect, frame: &mut Frame) {
    let Some(item) = item else {
        frame.render_widget(block(&app.theme, tr().item, false), area);
        return;
    };
    let mut lines = vec![Line::styled(one_line(&item.title), app.theme.title)];
    if !item.detail.is_empty() {
        lines.push(Line::raw(format!(
            "{}{}",
            one_line(&item.detail),
            illustrative_mark(item, "detail")
        )));
    }
    let mut facts = Vec::new();
    if let Some(due) = item.due {
        facts.push(format!(
            "{}{}",
            (tr().due_on)(&lang::date(due)),
            illustrative_mark(item, "due")
        ));
    }
    if let Some(owner) = &item.owner {
        facts.push(format!(
            "{}{}",
            (tr().owner_is)(&one_line(owner)),
            illustrative_mark(item, "owner")
        ));
    }
    if !facts.is_empty() {
        lines.push(Line::styled(
            facts.join(app.theme.symbols().separator),
            app.theme.dim,
        ));
    }
    // What the marks mean (when a value shown has one), or that the whole item is invented.
    let marked = (!item.detail.is_empty() && item.is_illustrative("detail"))
        || (item.due.is_some() && item.is_illustrative("due"))
        || (item.owner.is_some() && item.is_illustrative("owner"));
    let explained = match item.origin {
        Origin::Illustrative => Some((tr().this_item)((tr().origin)(item.origin))),
        _ if marked => Some(format!("{MARK} {}", (tr().invented)(item.origin))),
        _ => None,
    };
    if let Some(explained) = explained {
        lines.push(Line::styled(explained, app.theme.dim));
    }
    let title = widgets::title(app, format!(" {} ", one_line(&item.id)), area.width);
    widgets::pane(app, block(&app.theme, title, false), lines, area, frame);
}

/// What follows a value that a record marks as invented.
const MARK: &str = "*";

/// The mark after the value of `field` when it is listed as invented; nothing for a record
/// that is invented as a whole, which says so once instead of on every value.
fn illustrative_mark(item: &PlanItem, field: &str) -> &'static str {
    if item.origin != Origin::Illustrative && item.is_illustrative(field) {
        MARK
    } else {
        ""
    }
}

/// The selected province's entry on the selected item, as the entry page shows it; false
/// when there is none to show (no province in the list).
fn render_entry(app: &App, area: Rect, frame: &mut Frame) -> bool {
    let width = usize::from(area.width.saturating_sub(2));
    let Some(page) = app.entry_page(width) else {
        return false;
    };
    let lines = entry_lines(app, &page, width);
    let title = widgets::title(app, Span::styled(tr().entry, app.theme.title), area.width);
    widgets::pane(app, block(&app.theme, title, false), lines, area, frame);
    true
}

/// A note as the province list shows it: its first line, cut to `width` with the ellipsis,
/// and ` [+N]` when N more lines follow, so the marker stays in sight.
fn note_cell(app: &App, note: &str, width: usize) -> Line<'static> {
    let note = note.trim();
    let mut lines = note.lines();
    let first = one_line(lines.next().unwrap_or(""));
    let more = lines.count();
    if more == 0 {
        return Line::raw(first);
    }
    let marker = format!(" [{}{more}]", app.theme.symbols().more_lines);
    let room = width.saturating_sub(marker.width());
    Line::from(vec![
        Span::raw(widgets::cut(app, &first, room)),
        Span::styled(marker, app.theme.dim),
    ])
}

fn render_provinces(app: &App, item: Option<&PlanItem>, area: Rect, frame: &mut Frame) {
    let data = &app.dataset;
    let focused = app.plan_focus == PlanFocus::Provinces;
    let order = app.plan_rows();
    let height = layout::table_rows(area);
    let offset = visible_offset(
        app.plan_provinces.selected,
        app.plan_provinces.offset,
        order.len(),
        height,
    );
    let wide = area.width >= 100;
    let separator = app.theme.symbols().separator;
    let summary = app.plan_filter_summary();
    let filtered = if summary.is_empty() {
        String::new()
    } else {
        format!(
            "{}{separator}{summary} ",
            (tr().n_of)(order.len(), app.index.provinces.len())
        )
    };
    let title = item.map_or(tr().provinces_pane.to_string(), |item| {
        format!("{}{filtered}", (tr().provinces_on)(&one_line(&item.id)))
    });
    let block = block(&app.theme, widgets::title(app, title, area.width), focused);
    let columns = Columns::new(
        &block,
        area,
        [
            Constraint::Length(12),
            Constraint::Length(13),
            Constraint::Fill(1),
            Constraint::Length(if wide { 28 } else { 10 }),
        ],
    );
    let rows = order
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &p)| {
            let province = &data.provinces[p];
            let (status, entry) = item.map_or((ProgressStatus::NotStarted, None), |item| {
                figures::status_of(item, &province.code)
            });
            let late = item.is_some_and(|item| overdue(item.due, status, app.today));
            let changed = entry.map_or(String::new(), |e| {
                let when = e.changed_at.map(|t| {
                    if wide {
                        lang::time(t)
                    } else {
                        lang::date(t.date())
                    }
                });
                let by = e.changed_by.as_deref().filter(|_| wide).map(one_line);
                [by, when]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            let style = if focused && row == app.plan_provinces.selected {
                app.theme.selected
            } else {
                Style::new()
            };
            let status = if late {
                Line::from(vec![
                    Span::styled((tr().status)(status), app.theme.status(status)),
                    Span::styled(" !", app.theme.warning),
                ])
            } else {
                Line::styled((tr().status)(status), app.theme.status(status))
            };
            columns
                .row(
                    app,
                    vec![
                        Line::raw(one_line(&province.name)),
                        status,
                        entry.map_or_else(Line::default, |e| {
                            note_cell(app, &e.note, columns.width(2))
                        }),
                        Line::styled(changed, app.theme.dim),
                    ],
                )
                .style(style)
        })
        .collect();
    let header = columns
        .row(app, tr().progress_head.map(Line::raw).to_vec())
        .style(app.theme.header_row);
    frame.render_widget(columns.table(rows, header, block), area);
}
