//! The cooperatives of one province as a table with a detail pane, and a cooperative's page.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets::{self, Columns, block, one_line};
use crate::app::pages::PageRow;
use crate::app::{App, Command, Mode, layout, visible_offset};
use crate::lang::{self, tr};
use crate::model::Cooperative;
use unicode_width::UnicodeWidthStr as _;

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let split = layout::cooperatives(area);
    render_table(app, split.list, frame);
    if split.detail.height > 0 {
        let lines = app
            .selected_cooperative()
            .map_or_else(Vec::new, |c| summary(app, &app.dataset.cooperatives[c]));
        let title = app
            .selected_cooperative()
            .map_or(tr().cooperative.to_string(), |c| {
                format!(" {} ", one_line(&app.dataset.cooperatives[c].id))
            });
        let title = widgets::title(app, title, split.detail.width);
        widgets::pane(
            app,
            block(&app.theme, title, false),
            lines,
            split.detail,
            frame,
        );
    }
}

fn render_table(app: &App, area: Rect, frame: &mut Frame) {
    let data = &app.dataset;
    let list = app.province_cooperatives();
    let province = app
        .province
        .map_or(String::new(), |p| one_line(&data.provinces[p].name));
    let height = layout::table_rows(area);
    let offset = visible_offset(
        app.cooperatives.selected,
        app.cooperatives.offset,
        list.len(),
        height,
    );
    let total = app
        .province
        .and_then(|p| app.index.cooperatives.get(p))
        .map_or(0, Vec::len);
    let count = if list.len() == total {
        lang::number(total as u64)
    } else {
        (tr().n_of_total)(
            &lang::number(list.len() as u64),
            &lang::number(total as u64),
        )
    };
    let summary = app.cooperative_filter_summary();
    let title = (tr().cooperatives_title)(&province, &count);
    let title = if summary.is_empty() {
        title
    } else {
        format!(
            "{}{}{summary} ",
            title.trim_end(),
            app.theme.symbols().separator
        )
    };
    let block = block(&app.theme, widgets::title(app, title, area.width), true);
    if list.is_empty() {
        // Say why the table is empty: nothing in the data, or nothing the filters let through.
        let note = if total == 0 {
            format!(
                "{} {}",
                (tr().no_cooperatives)(&province),
                app.keys_say(Command::Back, tr().back_to_provinces)
            )
        } else {
            format!(
                "{} {}",
                (tr().none_match)(&lang::number(total as u64), &province),
                app.keys_say(Command::Filter, tr().changes_filters)
            )
        };
        widgets::pane(app, block, vec![Line::raw(note)], area, frame);
        return;
    }
    // The sector gives way to the name in a narrow table: rating, members, alliance and
    // the spaces between the columns take `fixed` columns (34 in English), the name keeps 20
    // when it can. The members' and the alliance's columns are as wide as their heads.
    let [_, _, _, members_head, alliance_head] = tr().cooperatives_head;
    let members = u16::try_from(members_head.width())
        .unwrap_or(u16::MAX)
        .max(7);
    let alliance = u16::try_from(alliance_head.width())
        .unwrap_or(u16::MAX)
        .max(8);
    let fixed = 15 + members + alliance + 4;
    let inner = block.inner(area).width;
    let sector = if area.width >= 110 { 34 } else { 16 }.min(inner.saturating_sub(fixed + 20));
    let columns = Columns::new(
        &block,
        area,
        [
            Constraint::Fill(1),
            Constraint::Length(sector),
            Constraint::Length(15),
            Constraint::Length(members),
            Constraint::Length(alliance),
        ],
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
            columns
                .row(
                    app,
                    vec![
                        Line::raw(one_line(&coop.name)),
                        Line::raw(one_line(app.index.sector_name(data, &coop.sector))),
                        Line::raw(coop.latest_rating().map_or(String::new(), |r| {
                            format!("{} {}", one_line(&r.grade), r.year)
                        })),
                        Line::from(lang::number(coop.members.into())).right_aligned(),
                        coop.alliance_member_since.map_or_else(
                            || Line::styled(tr().no, app.theme.dim),
                            |y| Line::raw(format!("{y}")),
                        ),
                    ],
                )
                .style(style)
        })
        .collect();
    let [name, sector, rating, members, alliance] = tr().cooperatives_head;
    let header = columns
        .row(
            app,
            vec![
                Line::raw(name),
                Line::raw(sector),
                Line::raw(rating),
                Line::raw(members).right_aligned(),
                Line::raw(alliance),
            ],
        )
        .style(app.theme.header_row);
    frame.render_widget(columns.table(rows, header, block), area);
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
    let separator = app.theme.symbols().separator;
    let mut lines = vec![
        Line::styled(one_line(&coop.name), app.theme.title),
        Line::raw(format!(
            "{place}{separator}{}",
            one_line(app.index.sector_name(data, &coop.sector))
        )),
        Line::raw(format!(
            "{}{separator}{}",
            (tr().members_founded)(
                &lang::number(coop.members.into()),
                &coop.founded.map_or("?".to_string(), |y| y.to_string()),
                separator,
            ),
            (tr().coop_status)(coop.status)
        )),
        Line::raw(match coop.alliance_member_since {
            Some(year) => (tr().member_since)(year),
            None => tr().not_member.to_string(),
        }),
        Line::raw((tr().ratings_are)(&ratings(coop))),
    ];
    if !coop.notes.is_empty() {
        lines.push(Line::styled(one_line(&coop.notes), app.theme.dim));
    }
    lines
}

fn ratings(coop: &Cooperative) -> String {
    if coop.ratings.is_empty() {
        return tr().none.to_string();
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
        frame.render_widget(block(&app.theme, tr().cooperative, true), area);
        return;
    };
    let coop = &app.dataset.cooperatives[c];
    let lines: Vec<Line<'static>> = app
        .cooperative_page(c)
        .into_iter()
        .map(|row| match row {
            PageRow::Title(text) => Line::styled(text, app.theme.title),
            PageRow::Blank => Line::raw(""),
            PageRow::Heading(text) => Line::styled(text, app.theme.header_row),
            PageRow::Field(label, value) => Line::from(vec![
                Span::styled(crate::app::pages::field_label(label), app.theme.dim),
                Span::raw(value),
            ]),
            PageRow::Text(text) => Line::raw(text),
            PageRow::Note(text) => Line::styled(text, app.theme.dim),
        })
        .collect();
    let block_width = area.width;
    let inner_width = usize::from(area.width.saturating_sub(2));
    let visible = layout::pane_rows(area);
    let rows: Vec<Line<'static>> = lines
        .into_iter()
        .flat_map(|line| widgets::wrap_line(line, inner_width))
        .collect();
    // The last row at the bottom at most; the title says where the page is when it scrolls.
    let scroll = app.detail_scroll.min(rows.len().saturating_sub(visible));
    let separator = app.theme.symbols().separator;
    let position = match widgets::position(app, scroll, visible, rows.len()) {
        position if position.is_empty() => position,
        position => format!("{separator}{position}"),
    };
    let back = widgets::keys_line(app, Mode::Browse, &[(Command::Back, tr().back)]);
    let title = format!(" {}{position}{separator}{back}", one_line(&coop.id));
    let rows: Vec<Line<'static>> = rows.into_iter().skip(scroll).take(visible).collect();
    frame.render_widget(
        Paragraph::new(rows).block(block(
            &app.theme,
            widgets::title(app, title, block_width),
            true,
        )),
        area,
    );
}
