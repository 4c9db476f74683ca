//! The cooperatives of one province as a table with a detail pane, and a cooperative's page.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::widgets::{block, one_line, safe};
use crate::app::{App, layout, visible_offset};
use crate::model::{Cooperative, Origin};
use crate::text::thousands;

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let split = layout::cooperatives(area);
    render_table(app, split.list, frame);
    if split.detail.height > 0 {
        let lines = app
            .selected_cooperative()
            .map_or_else(Vec::new, |c| summary(app, &app.dataset.cooperatives[c]));
        let title = app
            .selected_cooperative()
            .map_or(" Cooperative ".to_string(), |c| {
                format!(" {} ", one_line(&app.dataset.cooperatives[c].id))
            });
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(block(&app.theme, title, false)),
            split.detail,
        );
    }
}

fn render_table(app: &App, area: Rect, frame: &mut Frame) {
    let data = &app.dataset;
    let list = app.province_cooperatives();
    let height = layout::table_rows(area);
    let offset = visible_offset(
        app.cooperatives.selected,
        app.cooperatives.offset,
        list.len(),
        height,
    );
    let rows = list
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &c)| {
            let coop = &data.cooperatives[c];
            let style = if row == app.cooperatives.selected {
                app.theme.selected
            } else {
                Style::new()
            };
            Row::new(vec![
                Cell::from(one_line(&coop.name)),
                Cell::from(one_line(app.index.sector_name(data, &coop.sector))),
                Cell::from(coop.latest_rating().map_or(String::new(), |r| {
                    format!("{} {}", one_line(&r.grade), r.year)
                })),
                Cell::from(Line::from(thousands(coop.members.into())).right_aligned()),
                Cell::from(coop.alliance_member_since.map_or_else(
                    || Line::styled("no", app.theme.dim),
                    |y| Line::raw(format!("{y}")),
                )),
            ])
            .style(style)
        });
    let header = Row::new(vec![
        Cell::from("Name"),
        Cell::from("Sector"),
        Cell::from("Rating"),
        Cell::from(Line::from("Members").right_aligned()),
        Cell::from("Alliance"),
    ])
    .style(app.theme.header_row);
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(if area.width >= 110 { 34 } else { 16 }),
        Constraint::Length(15),
        Constraint::Length(7),
        Constraint::Length(8),
    ];
    let province = app.province.map_or(String::new(), |p| {
        safe(&data.provinces[p].name).into_owned()
    });
    let total = app
        .province
        .and_then(|p| app.index.cooperatives.get(p))
        .map_or(0, Vec::len);
    let count = if list.len() == total {
        thousands(total as u64)
    } else {
        format!(
            "{} of {}",
            thousands(list.len() as u64),
            thousands(total as u64)
        )
    };
    let summary = app.cooperative_filter_summary();
    let title = if summary.is_empty() {
        format!(" Cooperatives of {province} ({count}) ")
    } else {
        format!(" Cooperatives of {province} ({count}) · {summary} ")
    };
    let table = Table::new(rows, widths)
        .header(header)
        .block(block(&app.theme, title, true));
    if list.is_empty() {
        let note = format!(
            "No cooperatives of {province} in this dataset. Esc goes back to the provinces."
        );
        frame.render_widget(
            Paragraph::new(note).wrap(Wrap { trim: true }).block(block(
                &app.theme,
                " Cooperatives ",
                true,
            )),
            area,
        );
    } else {
        frame.render_widget(table, area);
    }
}

/// The lines of the detail pane: the fields a person checks first.
fn summary(app: &App, coop: &Cooperative) -> Vec<Line<'static>> {
    let data = &app.dataset;
    let place = [
        coop.district.as_deref().map(one_line),
        app.index
            .province(&coop.province)
            .map(|p| one_line(&data.provinces[p].name)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let mut lines = vec![
        Line::styled(one_line(&coop.name), app.theme.title),
        Line::raw(format!(
            "{place} · {}",
            one_line(app.index.sector_name(data, &coop.sector))
        )),
        Line::raw(format!(
            "{} members · founded {} · {}",
            thousands(coop.members.into()),
            coop.founded.map_or("?".to_string(), |y| y.to_string()),
            coop.status.label()
        )),
        Line::raw(match coop.alliance_member_since {
            Some(year) => format!("Alliance member since {year}"),
            None => "Not an alliance member".to_string(),
        }),
        Line::raw(format!("Ratings: {}", ratings(coop))),
    ];
    if !coop.notes.is_empty() {
        lines.push(Line::styled(one_line(&coop.notes), app.theme.dim));
    }
    lines
}

fn ratings(coop: &Cooperative) -> String {
    if coop.ratings.is_empty() {
        return "none".to_string();
    }
    let mut ratings: Vec<_> = coop.ratings.iter().collect();
    ratings.sort_by_key(|r| std::cmp::Reverse(r.year));
    ratings
        .iter()
        .map(|r| match r.score {
            Some(score) => format!("{} {} ({score}/100)", r.year, one_line(&r.grade)),
            None => format!("{} {}", r.year, one_line(&r.grade)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A cooperative on a page of its own: every field, notes in full.
pub fn render_page(app: &App, area: Rect, frame: &mut Frame) {
    let Some(c) = app.selected_cooperative() else {
        frame.render_widget(block(&app.theme, " Cooperative ", true), area);
        return;
    };
    let data = &app.dataset;
    let coop = &data.cooperatives[c];
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name:<17}"), app.theme.dim),
            Span::raw(value),
        ])
    };
    let province = app.index.province(&coop.province).map_or_else(
        || one_line(&coop.province),
        |p| {
            format!(
                "{} ({})",
                one_line(&data.provinces[p].name),
                one_line(&coop.province)
            )
        },
    );
    let mut lines = vec![
        Line::styled(one_line(&coop.name), app.theme.title),
        Line::raw(""),
        field("Id", one_line(&coop.id)),
        field("Province", province),
        field(
            "District",
            coop.district.as_deref().map_or("—".to_string(), one_line),
        ),
        field(
            "Sector",
            one_line(app.index.sector_name(data, &coop.sector)),
        ),
        field(
            "Founded",
            coop.founded.map_or("—".to_string(), |y| y.to_string()),
        ),
        field("Members", thousands(coop.members.into())),
        field("Status", coop.status.label().to_string()),
        field(
            "Alliance member",
            coop.alliance_member_since
                .map_or("no".to_string(), |y| format!("since {y}")),
        ),
        field(
            "Record",
            match coop.origin {
                Origin::Seed => "from the seed report".to_string(),
                Origin::Illustrative => "illustrative (not a real record)".to_string(),
            },
        ),
        Line::raw(""),
        Line::styled("Ratings", app.theme.header_row),
    ];
    let mut ratings: Vec<_> = coop.ratings.iter().collect();
    ratings.sort_by_key(|r| std::cmp::Reverse(r.year));
    if ratings.is_empty() {
        lines.push(Line::styled("not rated", app.theme.dim));
    }
    for rating in ratings {
        let score = rating
            .score
            .map_or(String::new(), |s| format!(", score {s}/100"));
        lines.push(Line::raw(format!(
            "{}  {}  (scheme {}{score})",
            rating.year,
            one_line(&rating.grade),
            one_line(&rating.scheme)
        )));
    }
    if !coop.notes.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Notes", app.theme.header_row));
        lines.extend(
            coop.notes
                .lines()
                .map(|line| Line::raw(safe(line).into_owned())),
        );
    }
    // Long notes wrap to more rows than lines; letting the last line reach the top keeps
    // every row reachable.
    let scroll = app.detail_scroll.min(lines.len().saturating_sub(1));
    let title = format!(" {} · Esc back ", one_line(&coop.id));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(block(&app.theme, title, true)),
        area,
    );
}
