//! The year-end plan: its items with overall progress, and every province's status on the
//! selected item.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::widgets::{bar, block, one_line, safe};
use crate::app::{App, PlanFocus, layout, overdue, visible_offset};
use crate::model::{PlanItem, ProgressStatus, Tally};

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let plan = &app.dataset.plan;
    let areas = layout::plan(area, plan.items.len());
    render_items(app, areas.items, frame);
    let item = plan.items.get(app.plan_items.selected);
    if areas.item.width > 0 {
        render_item(app, item, areas.item, frame);
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
            Row::new(vec![
                Cell::from(one_line(&item.id)),
                Cell::from(one_line(&item.title)),
                Cell::from(item.due.map_or_else(Line::default, |due| {
                    let tally = app.index.item_progress[row];
                    let late =
                        app.today.is_some_and(|today| today > due) && tally.done < tally.applicable;
                    if late {
                        Line::styled(format!("{due}!"), app.theme.warning)
                    } else {
                        Line::raw(due.to_string())
                    }
                })),
                Cell::from(bar(&app.theme, app.index.item_progress[row], bar_width)),
            ])
            .style(style)
        });
    let header = Row::new(["Id", "Action item", "Due", "Done"]).style(app.theme.header_row);
    let widths = [
        Constraint::Length(5),
        Constraint::Fill(1),
        Constraint::Length(11),
        Constraint::Length(bar_width as u16 + 5),
    ];
    let mut total = Tally::default();
    for tally in &app.index.item_progress {
        total.done += tally.done;
        total.applicable += tally.applicable;
    }
    let done = total
        .percent()
        .map_or(String::new(), |p| format!(" · {p}% done"));
    let title = format!(
        " {} · {} – {}{done} ",
        safe(&plan.title),
        plan.period.start,
        plan.period.end
    );
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block(&app.theme, title, focused)),
        area,
    );
}

fn render_item(app: &App, item: Option<&PlanItem>, area: Rect, frame: &mut Frame) {
    let Some(item) = item else {
        frame.render_widget(block(&app.theme, " Item ", false), area);
        return;
    };
    let mut lines = vec![Line::styled(one_line(&item.title), app.theme.title)];
    if !item.detail.is_empty() {
        lines.push(Line::raw(one_line(&item.detail)));
    }
    let mut facts = Vec::new();
    if let Some(due) = item.due {
        facts.push(format!("due {due}"));
    }
    if let Some(owner) = &item.owner {
        facts.push(format!("owner {}", one_line(owner)));
    }
    if !facts.is_empty() {
        lines.push(Line::styled(facts.join(" · "), app.theme.dim));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block(
            &app.theme,
            format!(" {} ", one_line(&item.id)),
            false,
        )),
        area,
    );
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
    let rows = order
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &p)| {
            let province = &data.provinces[p];
            let entry = item.and_then(|item| item.progress_of(&province.code));
            let status = entry.map_or(ProgressStatus::NotStarted, |e| e.status);
            let late = item.is_some_and(|item| overdue(item.due, status, app.today));
            let changed = entry.map_or(String::new(), |e| {
                let when = e.changed_at.map(|t| {
                    if wide {
                        t.short()
                    } else {
                        t.date().to_string()
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
            Row::new(vec![
                Cell::from(safe(&province.name).into_owned()),
                Cell::from(if late {
                    Line::from(vec![
                        Span::styled(status.label(), app.theme.status(status)),
                        Span::styled(" !", app.theme.warning),
                    ])
                } else {
                    Line::styled(status.label(), app.theme.status(status))
                }),
                Cell::from(entry.map_or(String::new(), |e| one_line(&e.note))),
                Cell::from(Span::styled(changed, app.theme.dim)),
            ])
            .style(style)
        });
    let header = Row::new(["Province", "Status", "Note", "Changed"]).style(app.theme.header_row);
    let widths = [
        Constraint::Length(12),
        Constraint::Length(13),
        Constraint::Fill(1),
        Constraint::Length(if wide { 28 } else { 10 }),
    ];
    let summary = app.plan_filter_summary();
    let filtered = if summary.is_empty() {
        String::new()
    } else {
        format!(
            "({} of {}) · {summary} ",
            order.len(),
            app.index.provinces.len()
        )
    };
    let title = item.map_or(" Provinces ".to_string(), |item| {
        format!(" Provinces on {} {filtered}", one_line(&item.id))
    });
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block(&app.theme, title, focused)),
        area,
    );
}
