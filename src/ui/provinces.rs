//! The provinces view: every province with its cooperatives and plan progress, and a pane on
//! the selected one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::widgets::{self, Columns, bar_in, block, one_line};
use crate::app::{App, layout, visible_offset};
use crate::lang::{self, tr};
use crate::model::{ProgressStatus, figures};

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
    let title = widgets::title(app, (tr().provinces_title)(order.len()), area.width);
    let block = block(&app.theme, title, true);
    let columns = Columns::new(
        &block,
        area,
        [
            Constraint::Length(4),
            Constraint::Fill(1),
            Constraint::Length(9),
            Constraint::Length(7),
            Constraint::Length(bar_width as u16 + 5),
        ],
    );
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
            columns
                .row(
                    app,
                    vec![
                        Line::raw(one_line(&province.code)),
                        Line::raw(one_line(&province.name)),
                        Line::raw(one_line(&province.kind)),
                        Line::from(lang::number(count as u64)).right_aligned(),
                        bar_in(
                            &app.theme,
                            app.index.plan.by_province[p],
                            columns.width(4),
                            bar_width,
                        ),
                    ],
                )
                .style(style)
        })
        .collect();
    let [code, province, kind, cooperatives, done] = tr().provinces_head;
    let header = columns
        .row(
            app,
            vec![
                Line::raw(code),
                Line::raw(province),
                Line::raw(kind),
                Line::raw(cooperatives).right_aligned(),
                Line::raw(done),
            ],
        )
        .style(app.theme.header_row);
    frame.render_widget(columns.table(rows, header, block), area);
}

fn render_detail(app: &App, area: Rect, frame: &mut Frame) {
    let Some(p) = app.selected_province() else {
        frame.render_widget(block(&app.theme, tr().province, false), area);
        return;
    };
    let data = &app.dataset;
    let province = &data.provinces[p];
    let separator = app.theme.symbols().separator;
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{} {}", one_line(&province.kind), one_line(&province.name)),
            app.theme.title,
        ),
        Span::styled(
            format!("{separator}{}", (tr().code_is)(&one_line(&province.code))),
            app.theme.dim,
        ),
    ])];
    if let Some(successor) = &province.successor {
        lines.push(Line::raw((tr().successor)(
            &one_line(&successor.name),
            &one_line(&successor.code),
        )));
    }
    let counts = &app.index.figures.provinces[p];
    lines.push(Line::raw((tr().cooperatives_and_members)(
        &lang::number(counts.cooperatives.into()),
        &lang::number(counts.members),
    )));
    if let Some(new) = figures::stated_new_members(data, &province.code) {
        lines.push(Line::raw((tr().new_members)(
            &lang::number(new.into()),
            &lang::date(data.region.as_of),
        )));
    }
    let mut counts = [0usize; 4];
    for i in 0..data.plan.items.len() {
        counts[app.index.plan.status(i, p) as usize] += 1;
    }
    let statuses = [
        ProgressStatus::Done,
        ProgressStatus::InProgress,
        ProgressStatus::NotStarted,
        ProgressStatus::NotApplicable,
    ];
    let mut spans = vec![Span::raw(tr().plan_counts)];
    for (i, status) in statuses.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(separator));
        }
        spans.push(Span::styled(
            format!("{} {}", counts[status as usize], (tr().status)(status)),
            app.theme.status(status),
        ));
    }
    lines.push(Line::from(spans));
    let title = widgets::title(app, format!(" {} ", one_line(&province.name)), area.width);
    widgets::pane(app, block(&app.theme, title, false), lines, area, frame);
}
