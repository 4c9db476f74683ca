//! The dashboard (view 4): the plan as a matrix of statuses with each item's and each
//! province's share done, the ratings against the shares the report states, the sectors of
//! the selected province, the new alliance members and the overdue items.
//!
//! Every figure comes from [`crate::model::figures`]. What counts the cooperatives, and the
//! plan's statuses and shares, the index ([`crate::app::Index`]) holds, counted once per
//! change of the data; a frame works out only what is cheap and depends on the moment: the
//! overdue items on today's date (a pass over the plan's statuses, items by provinces) and
//! the order of a pane's few sectors. It draws only what fits: the matrix's visible rows and
//! columns, as many sectors and lines as the panes hold.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Cell, Paragraph, Row, Table};
use unicode_width::UnicodeWidthStr;

use super::widgets::{self, block, cut, eighths, filled, one_line, pad};
use crate::app::dashboard::LEGEND;
use crate::app::{App, layout};
use crate::lang::{self, tr};
use crate::model::figures::{self, Against, Group};
use crate::model::{ProgressStatus, RatingShare, Tally};

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    // The matrix grows to show its legend whole where the ratings keep their room.
    let areas = app.dashboard_areas(area);
    render_matrix(app, areas.matrix, frame);
    render_ratings(app, areas.ratings, frame);
    render_sectors(app, areas.sectors, frame);
    render_members(app, areas.members, frame);
    render_overdue(app, areas.overdue, frame);
}

/// A status as the matrix draws it: its glyph in its colour.
fn glyph(app: &App, status: ProgressStatus) -> Span<'static> {
    Span::styled(
        app.theme.symbols().status[status as usize],
        app.theme.status(status),
    )
}

/// A share done in a province's two columns: the number, the done glyph for all of it.
fn short_share(app: &App, tally: Tally) -> Span<'static> {
    match tally.percent() {
        Some(100) => glyph(app, ProgressStatus::Done),
        Some(percent) => Span::raw(format!("{percent:>2}")),
        None => glyph(app, ProgressStatus::NotApplicable),
    }
}

/// What the matrix's glyphs mean: `✓ done ◐ in progress · not started – n/a`.
fn legend(app: &App) -> Line<'static> {
    let mut spans = Vec::new();
    for status in LEGEND {
        spans.push(glyph(app, status));
        spans.push(Span::styled(
            format!(" {} ", (tr().status)(status)),
            app.theme.dim,
        ));
    }
    Line::from(spans)
}

fn render_matrix(app: &App, area: Rect, frame: &mut Frame) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let data = &app.dataset;
    let progress = &app.index.plan;
    let separator = app.theme.symbols().separator;
    let done = progress.total.percent().map_or_else(String::new, |p| {
        format!("{separator}{}", (tr().percent_done)(p))
    });
    let title = widgets::title(
        app,
        Span::styled(format!("{}{done}", tr().dashboard.matrix), app.theme.title),
        area.width,
    );
    let mut frame_block = block(&app.theme, title, true);
    if let Some((item, province)) = app.dashboard_entry() {
        let status = progress.status(item, province);
        let caption = Line::from(vec![
            Span::raw(" "),
            glyph(app, status),
            Span::raw(format!(
                " {}{separator}{} ",
                one_line(&data.provinces[province].name),
                (tr().dashboard.entry)(&one_line(&data.plan.items[item].id), (tr().status)(status),)
            )),
        ]);
        frame_block = frame_block.title_bottom(widgets::title(app, caption, area.width));
    }
    let geometry = app.matrix_geometry(frame_block.inner(area));
    if let Some(at) = geometry.legend {
        let legend = widgets::cut_line(app, legend(app), usize::from(at.width));
        frame.render_widget(legend, at);
    }
    let (first, rows, offset) = (geometry.first, geometry.rows, geometry.offset);
    let cursor = app.dashboard.items;
    let shown: Vec<usize> = app
        .index
        .provinces
        .iter()
        .copied()
        .skip(first)
        .take(geometry.columns)
        .collect();

    let selected_column = app.dashboard.column.checked_sub(first);
    let head_style = |at: usize| {
        if Some(at) == selected_column {
            app.theme.selected_unfocused
        } else {
            app.theme.header_row
        }
    };
    let mut header = vec![Cell::from(cut(app, tr().dashboard.item, 6))];
    header.extend(shown.iter().enumerate().map(|(at, &p)| {
        Cell::from(Span::styled(
            cut(
                app,
                &one_line(&data.provinces[p].code),
                usize::from(geometry.cell - 1),
            ),
            head_style(at),
        ))
    }));
    header.push(Cell::from(Line::raw("%").right_aligned()));

    let mut lines: Vec<Row> = data
        .plan
        .items
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, item)| {
            let chosen = i == cursor.selected;
            let id_style = if chosen {
                app.theme.selected_unfocused
            } else {
                Style::new()
            };
            let mut cells = vec![Cell::from(Span::styled(
                cut(app, &one_line(&item.id), usize::from(layout::MATRIX_ID)),
                id_style,
            ))];
            cells.extend(shown.iter().enumerate().map(|(at, &p)| {
                let mut span = glyph(app, progress.status(i, p));
                if chosen && Some(at) == selected_column {
                    span = Span::styled(format!("{} ", span.content), app.theme.selected);
                }
                Cell::from(span)
            }));
            let share = progress.items[i]
                .percent()
                .map_or_else(String::new, |p| format!("{p}%"));
            cells.push(Cell::from(Line::raw(share).right_aligned()));
            Row::new(cells)
        })
        .collect();
    let mut shares = vec![Cell::from(Span::styled(
        cut(app, tr().dashboard.done, 6),
        app.theme.dim,
    ))];
    shares.extend(
        shown
            .iter()
            .map(|&p| Cell::from(short_share(app, progress.by_province[p]))),
    );
    if rows > 0 {
        lines.push(Row::new(shares));
    }
    let mut constraints = vec![Constraint::Length(layout::MATRIX_ID)];
    constraints.extend(shown.iter().map(|_| Constraint::Length(geometry.cell - 1)));
    constraints.push(Constraint::Length(layout::MATRIX_SHARE));
    let table = Table::new(lines, constraints)
        .header(Row::new(header))
        .column_spacing(widgets::COLUMN_SPACING)
        .flex(widgets::COLUMN_FLEX);
    frame.render_widget(frame_block, area);
    frame.render_widget(table, geometry.table);
}

/// A share of `whole` as a bar `width` cells long and the percentage after it, with the
/// marker of a share above or below the report's range when `stated` is given: `width + 5`
/// columns in all.
fn share_bar(
    app: &App,
    part: u32,
    whole: u32,
    width: usize,
    stated: Option<&RatingShare>,
) -> Vec<Span<'static>> {
    let Some(percent) = figures::percent(part.into(), whole.into()) else {
        return vec![Span::styled(
            pad(tr().not_applicable, width + 5),
            app.theme.dim,
        )];
    };
    let bar = filled(&app.theme, eighths(part.into(), whole.into(), width));
    let empty = width.saturating_sub(bar.width());
    let symbols = app.theme.symbols();
    let (marker, style) =
        match stated.and_then(|share| figures::against(part.into(), whole.into(), share)) {
            Some(Against::Above) => (symbols.above, app.theme.warning),
            Some(Against::Below) => (symbols.below, app.theme.warning),
            _ => (" ", Style::new()),
        };
    vec![
        Span::styled(bar, app.theme.bar),
        Span::styled(symbols.bar_empty.to_string().repeat(empty), app.theme.dim),
        Span::styled(format!("{percent:>3}%"), style),
        Span::styled(marker, style),
    ]
}

/// The range the report states as a bar on the same scale: full to its low end, shaded to
/// its high end, and the range in figures.
fn stated_bar(app: &App, share: &RatingShare, width: usize) -> Vec<Span<'static>> {
    let symbols = app.theme.symbols();
    let low = eighths(share.percent_min.into(), 100, width);
    let high = share
        .percent_max
        .map_or(low, |max| eighths(max.into(), 100, width));
    let bar = filled(&app.theme, low);
    let range_cells = (high.div_ceil(8)).saturating_sub(bar.width());
    let range = symbols.bar_range.to_string().repeat(range_cells);
    let empty = width.saturating_sub(bar.width() + range_cells);
    let figure = match share.percent_max {
        Some(max) => format!("{}{}{max}%", share.percent_min, symbols.range),
        None => format!(">{}%", share.percent_min),
    };
    vec![
        Span::styled(bar, app.theme.dim),
        Span::styled(range, app.theme.dim),
        Span::raw(" ".repeat(empty)),
        Span::styled(format!(" {figure}"), app.theme.dim),
    ]
}

fn render_ratings(app: &App, area: Rect, frame: &mut Frame) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let words = &tr().dashboard;
    let title = widgets::title(
        app,
        Span::styled(words.ratings, app.theme.title),
        area.width,
    );
    let pane = block(&app.theme, title, false);
    let inner = usize::from(pane.inner(area).width);
    let figures = &app.index.figures;
    let region = &figures.region;
    let province = app.dashboard_province();
    let local = province.and_then(|p| figures.provinces.get(p));
    if region.rated() == 0 {
        widgets::pane(app, pane, vec![Line::raw(words.no_ratings)], area, frame);
        return;
    }
    // label │ region's bar and share │ the province's bar and share
    let label_width = 11.min(inner / 3);
    let column = inner.saturating_sub(label_width + 1) / if local.is_some() { 2 } else { 1 };
    // A share takes the bar and five columns, and one more parts it from the next.
    let bar_width = column.saturating_sub(6);
    let label = |text: &str, style: Style| {
        Span::styled(
            pad(&cut(app, &one_line(text), label_width), label_width),
            style,
        )
    };
    let shares = |group: &Group, part: u32, stated: Option<&RatingShare>| {
        share_bar(app, part, group.rated(), bar_width, stated)
    };
    let mut lines = Vec::new();
    let mut head = vec![
        Span::raw(" ".repeat(label_width + 1)),
        Span::styled(
            pad(&cut(app, words.region, column), column),
            app.theme.header_row,
        ),
    ];
    if let Some(p) = province {
        head.push(Span::styled(
            cut(app, &one_line(&app.dataset.provinces[p].name), column),
            app.theme.header_row,
        ));
    }
    lines.push(Line::from(head));
    // The bands the report states, each under the report's own bar on the same scale.
    for share in &app.dataset.region.rating_shares {
        let count = |group: &Group| group.band_count(&figures.grades, &share.grade);
        let mut spans = vec![label(&share.grade, app.theme.title), Span::raw(" ")];
        spans.extend(shares(region, count(region), Some(share)));
        if let Some(group) = local {
            spans.push(Span::raw(" ".repeat(column.saturating_sub(bar_width + 5))));
            spans.extend(shares(group, count(group), Some(share)));
        }
        lines.push(Line::from(spans));
        let mut report = vec![label(&format!(" {}", words.stated), app.theme.dim)];
        report.push(Span::raw(" "));
        report.extend(stated_bar(app, share, bar_width));
        lines.push(Line::from(report));
    }
    // Every grade found, the scale's first.
    lines.push(Line::raw(""));
    for (at, grade) in figures.grades.iter().enumerate() {
        let count = |group: &Group| group.grades.get(at).copied().unwrap_or(0);
        if count(region) == 0 && at >= figures::GRADE_SCALE.len() {
            continue;
        }
        let mut spans = vec![label(grade, Style::new()), Span::raw(" ")];
        spans.extend(shares(region, count(region), None));
        if let Some(group) = local {
            spans.push(Span::raw(" ".repeat(column.saturating_sub(bar_width + 5))));
            spans.extend(shares(group, count(group), None));
        }
        lines.push(Line::from(spans));
    }
    let mut unrated = format!("{}: {}", words.unrated, lang::number(region.unrated.into()));
    if let (Some(p), Some(group)) = (province, local) {
        unrated.push_str(&format!(
            "{}{} {}",
            app.theme.symbols().separator,
            one_line(&app.dataset.provinces[p].name),
            lang::number(group.unrated.into())
        ));
    }
    lines.push(Line::styled(unrated, app.theme.dim));
    let lines = lines
        .into_iter()
        .map(|line| widgets::cut_line(app, line, inner))
        .collect();
    widgets::pane(app, pane, lines, area, frame);
}

fn render_sectors(app: &App, area: Rect, frame: &mut Frame) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let words = &tr().dashboard;
    let data = &app.dataset;
    let separator = app.theme.symbols().separator;
    let province = app.dashboard_province();
    let local = province.and_then(|p| app.index.figures.provinces.get(p));
    let region = &app.index.figures.region;
    let local_sectors = local.map_or_else(Vec::new, by_count);
    let rows = usize::from(area.height.saturating_sub(2));
    // The region's sectors under the province's when both fit whole, with a head line each.
    let both = local.is_some() && rows > local_sectors.len() + by_count(region).len() + 1;
    let mut title = vec![Span::styled(words.sectors, app.theme.title)];
    if !both && local_sectors.len() > rows {
        title.push(Span::styled(
            format!(" {}", (words.sectors_shown)(rows, local_sectors.len())),
            app.theme.dim,
        ));
    }
    if let (false, Some(p)) = (both, province) {
        title.push(Span::styled(
            format!("{separator}{}", one_line(&data.provinces[p].name)),
            app.theme.title,
        ));
    }
    let pane = block(
        &app.theme,
        widgets::title(app, Line::from(title), area.width),
        false,
    );
    let inner = pane.inner(area);
    frame.render_widget(pane, area);
    let Some(group) = local.filter(|g| g.cooperatives > 0) else {
        frame.render_widget(
            Paragraph::new(widgets::fit_rows(
                app,
                vec![Line::raw(words.no_cooperatives)],
                usize::from(inner.width),
                usize::from(inner.height),
            )),
            inner,
        );
        return;
    };
    if !both {
        sector_chart(app, group, inner, frame);
        return;
    }
    let province_rows = u16::try_from(local_sectors.len() + 1).unwrap_or(u16::MAX);
    let [top, bottom] =
        ratatui::layout::Layout::vertical([Constraint::Length(province_rows), Constraint::Fill(1)])
            .areas(inner);
    let name = province.map_or_else(String::new, |p| one_line(&data.provinces[p].name));
    let top = sector_head(app, name, top, frame);
    sector_chart(app, group, top, frame);
    let bottom = sector_head(app, words.region.to_string(), bottom, frame);
    sector_chart(app, region, bottom, frame);
}

/// A head line at the top of `area`; returns the rest of it.
fn sector_head(app: &App, text: String, area: Rect, frame: &mut Frame) -> Rect {
    let line = widgets::cut_line(
        app,
        Line::styled(text, app.theme.header_row),
        usize::from(area.width),
    );
    frame.render_widget(line, Rect { height: 1, ..area });
    Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    }
}

/// A group's sectors with cooperatives, most first: (position in `dataset.sectors`, count).
fn by_count(group: &Group) -> Vec<(usize, u32)> {
    let mut sectors: Vec<(usize, u32)> = group
        .sectors
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, n)| n > 0)
        .collect();
    sectors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    sectors
}

/// A group's sectors as a horizontal bar chart in `area`, each bar its share of the group's
/// cooperatives, as many as fit.
fn sector_chart(app: &App, group: &Group, area: Rect, frame: &mut Frame) {
    let sectors: Vec<(usize, u32)> = by_count(group)
        .into_iter()
        .take(usize::from(area.height))
        .collect();
    let name = |s: usize| app.dataset.sectors.get(s).map_or("", |s| s.name.as_str());
    // As wide as the longest name shown, up to half the pane.
    let label_width = sectors
        .iter()
        .map(|&(s, _)| one_line(name(s)).width())
        .max()
        .unwrap_or(0)
        .min(usize::from(area.width / 2));
    let bars: Vec<Bar> = sectors
        .into_iter()
        .map(|(s, count)| {
            Bar::default()
                .label(Line::raw(pad(
                    &cut(app, &one_line(name(s)), label_width),
                    label_width,
                )))
                .value(count.into())
                .text_value(lang::number(count.into()))
        })
        .collect();
    let chart = BarChart::default()
        .max(group.cooperatives.into())
        .direction(Direction::Horizontal)
        .data(BarGroup::default().bars(&bars))
        .bar_width(1)
        .bar_gap(0)
        .bar_set(app.theme.symbols().bar_set.clone())
        .bar_style(app.theme.bar)
        .value_style(app.theme.title);
    frame.render_widget(chart, area);
}

fn render_members(app: &App, area: Rect, frame: &mut Frame) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let words = &tr().dashboard;
    let data = &app.dataset;
    let figures = &app.index.figures;
    let title = (words.members)(data.region.as_of.year());
    let pane = block(
        &app.theme,
        widgets::title(app, Span::styled(title, app.theme.title), area.width),
        false,
    );
    let inner = usize::from(pane.inner(area).width);
    // The provinces the report names, then those where the data has new members; most
    // first.
    let mut rows: Vec<(usize, Option<u32>, u32)> = app
        .index
        .provinces
        .iter()
        .map(|&p| {
            let stated = figures::stated_new_members(data, &data.provinces[p].code);
            let joined = figures.provinces.get(p).map_or(0, |g| g.joined);
            (p, stated, joined)
        })
        .filter(|&(_, stated, joined)| stated.is_some() || joined > 0)
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)));
    let number_width = words
        .members_head
        .iter()
        .skip(1)
        .map(|head| head.width())
        .max()
        .unwrap_or(0)
        .min(inner / 4);
    let name_width = inner.saturating_sub(2 * (number_width + 1));
    let right = |text: &str| format!(" {text:>number_width$}");
    let [province, stated, joined] = words.members_head;
    let mut lines = vec![Line::from(vec![
        Span::styled(
            pad(&cut(app, province, name_width), name_width),
            app.theme.header_row,
        ),
        Span::styled(right(&cut(app, stated, number_width)), app.theme.header_row),
        Span::styled(right(&cut(app, joined, number_width)), app.theme.header_row),
    ])];
    for (p, stated, joined) in rows {
        lines.push(Line::from(vec![
            Span::raw(pad(
                &cut(app, &one_line(&data.provinces[p].name), name_width),
                name_width,
            )),
            Span::styled(
                right(&stated.map_or_else(|| "–".to_string(), |n| lang::number(n.into()))),
                app.theme.title,
            ),
            Span::raw(right(&lang::number(joined.into()))),
        ]));
    }
    let lines = lines
        .into_iter()
        .map(|line| widgets::cut_line(app, line, inner))
        .collect();
    widgets::pane(app, pane, lines, area, frame);
}

fn render_overdue(app: &App, area: Rect, frame: &mut Frame) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let words = &tr().dashboard;
    let data = &app.dataset;
    let title = app.today.map_or_else(
        || words.overdue.to_string(),
        |today| {
            format!(
                "{}{}{}",
                words.overdue,
                app.theme.symbols().separator,
                lang::date(today)
            )
        },
    );
    let pane = block(
        &app.theme,
        widgets::title(app, Span::styled(title, app.theme.title), area.width),
        false,
    );
    let Some(today) = app.today else {
        frame.render_widget(Paragraph::new("").block(pane), area);
        return;
    };
    let late = figures::overdue_items(data, &app.index.plan, today);
    if late.is_empty() {
        widgets::pane(
            app,
            pane,
            vec![Line::raw(words.nothing_overdue)],
            area,
            frame,
        );
        return;
    }
    // As many items as the pane can show; each says how many provinces and names them, in
    // the provinces' order.
    let rows = usize::from(area.height.saturating_sub(2));
    let mut rank = vec![usize::MAX; data.provinces.len()];
    for (at, &p) in app.index.provinces.iter().enumerate() {
        if let Some(slot) = rank.get_mut(p) {
            *slot = at;
        }
    }
    let lines = late
        .iter()
        .take(rows)
        .map(|overdue| {
            let item = &data.plan.items[overdue.item];
            let due = item.due.map_or_else(String::new, lang::date);
            let mut late = overdue.provinces.clone();
            late.sort_by_key(|&p| rank.get(p).copied().unwrap_or(usize::MAX));
            let names: Vec<String> = late
                .iter()
                .map(|&p| one_line(&data.provinces[p].name))
                .collect();
            Line::from(vec![
                Span::styled(
                    (words.overdue_item)(&one_line(&item.id), &due, overdue.provinces.len()),
                    app.theme.warning,
                ),
                Span::raw(format!(" {}", names.join(", "))),
            ])
        })
        .collect();
    widgets::pane(app, pane, lines, area, frame);
}
