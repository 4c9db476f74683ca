//! The provinces view: every province with its cooperatives and plan progress, and a pane on
//! the selected one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::widgets::{bar, block, safe};
use crate::app::{App, layout, visible_offset};
use crate::model::ProgressStatus;
use crate::text::thousands;

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let split = layout::provinces(area);
    render_table(app, split.list, frame);
    if split.detail.height > 0 {
        render_detail(app, split.detail, frame);
    }
}

fn render_table(app: &App, area: Rect, frame: &mut Frame) {
    let data = &app.dataset;
    let order = &app.index.provinces;
    let height = layout::table_rows(area);
    let offset = visible_offset(
        app.provinces.selected,
        app.provinces.offset,
        order.len(),
        height,
    );
    let bar_width = 10;
    let rows = order
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &p)| {
            let province = &data.provinces[p];
            let count = app.index.cooperatives[p].len();
            let style = if row == app.provinces.selected {
                app.theme.selected
            } else {
                Style::new()
            };
            Row::new(vec![
                Cell::from(safe(&province.code).into_owned()),
                Cell::from(safe(&province.name).into_owned()),
                Cell::from(safe(&province.kind).into_owned()),
                Cell::from(Line::from(thousands(count as u64)).right_aligned()),
                Cell::from(bar(&app.theme, app.index.province_progress[p], bar_width)),
            ])
            .style(style)
        });
    let header =
        Row::new(["Code", "Province", "Kind", "HTX", "Plan done"]).style(app.theme.header_row);
    let widths = [
        Constraint::Length(4),
        Constraint::Fill(1),
        Constraint::Length(9),
        Constraint::Length(7),
        Constraint::Length(bar_width as u16 + 5),
    ];
    let title = format!(" Provinces ({}) ", order.len());
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block(&app.theme, title, true)),
        area,
    );
}

fn render_detail(app: &App, area: Rect, frame: &mut Frame) {
    let Some(p) = app.selected_province() else {
        frame.render_widget(block(&app.theme, " Province ", false), area);
        return;
    };
    let data = &app.dataset;
    let province = &data.provinces[p];
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{} {}", safe(&province.kind), safe(&province.name)),
            app.theme.title,
        ),
        Span::styled(format!(" · code {}", safe(&province.code)), app.theme.dim),
    ])];
    if let Some(successor) = &province.successor {
        lines.push(Line::raw(format!(
            "Since 1 July 2025 part of {} ({})",
            safe(&successor.name),
            safe(&successor.code)
        )));
    }
    let coops = &app.index.cooperatives[p];
    let members: u64 = coops
        .iter()
        .map(|&c| u64::from(data.cooperatives[c].members))
        .sum();
    lines.push(Line::raw(format!(
        "{} cooperatives in the data, {} members",
        thousands(coops.len() as u64),
        thousands(members)
    )));
    if let Some(new) = data
        .region
        .new_members
        .iter()
        .find(|n| n.province == province.code)
    {
        lines.push(Line::raw(format!(
            "New alliance members: {} HTX (as of {})",
            thousands(new.cooperatives.into()),
            data.region.as_of
        )));
    }
    let mut counts = [0usize; 4];
    for item in &data.plan.items {
        let status = item
            .progress_of(&province.code)
            .map_or(ProgressStatus::NotStarted, |e| e.status);
        counts[status as usize] += 1;
    }
    let statuses = [
        ProgressStatus::Done,
        ProgressStatus::InProgress,
        ProgressStatus::NotStarted,
        ProgressStatus::NotApplicable,
    ];
    let mut spans = vec![Span::raw("Plan: ")];
    for (i, status) in statuses.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(
            format!("{} {}", counts[status as usize], status.label()),
            app.theme.status(status),
        ));
    }
    lines.push(Line::from(spans));
    let title = format!(" {} ", safe(&province.name));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(&app.theme, title, false)),
        area,
    );
}
