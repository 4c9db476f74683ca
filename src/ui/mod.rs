//! Drawing: `render(&App)` and nothing else. One file per view; this one draws the frame
//! around them (title, totals, tabs, key hints) and the overlays.

mod cooperatives;
mod dashboard;
mod dialog;
mod editor;
mod entry;
mod filter;
mod form;
mod help;
mod plan;
mod provinces;
mod search;

mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Command, Layer, Mode, View};
use crate::lang::{self, tr};
use widgets::safe;

/// Draws the whole screen for the current state.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area) {
        render_too_small(app, area, frame);
        return;
    }
    let parts = layout::Frame::new(area);
    render_title(app, parts.title, frame);
    render_totals(app, parts.totals, frame);
    render_tabs(app, parts.tabs, frame);
    match app.view {
        View::Provinces => provinces::render(app, parts.body, frame),
        View::Cooperatives => cooperatives::render(app, parts.body, frame),
        View::CooperativeDetail => cooperatives::render_page(app, parts.body, frame),
        View::Plan => plan::render(app, parts.body, frame),
        View::Dashboard => dashboard::render(app, parts.body, frame),
    }
    render_footer(app, parts.footer, frame);
    for layer in &app.layers {
        match layer {
            Layer::Help { scroll } => help::render(app, *scroll, area, frame),
            Layer::Search(search) => search::render(app, search, area, frame),
            Layer::Filter { row } => filter::render(app, *row, parts.body, frame),
            Layer::Entry { scroll } => entry::render(app, *scroll, area, frame),
            Layer::Note(editor) => editor::render(app, editor, area, frame),
            Layer::Form(form) => form::render(app, form, area, frame),
            Layer::Dialog(dialog) => dialog::render(app, dialog, area, frame),
            Layer::Question(question) => dialog::render_question(app, question, area, frame),
        }
    }
}

fn render_too_small(app: &App, area: Rect, frame: &mut Frame) {
    let quit = app
        .keymap
        .keys_for(app.mode(), Command::Quit)
        .first()
        .map_or_else(|| "Ctrl-c".to_string(), |&key| app.key_name(key));
    let text = (tr().too_small)(area.width, area.height, MIN_WIDTH, MIN_HEIGHT, &quit);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn render_title(app: &App, area: Rect, frame: &mut Frame) {
    let symbols = app.theme.symbols();
    let region = &app.dataset.region;
    // The right end first: what is unsaved and which file, always shown.
    let state = if app.history.saving.is_some() {
        Span::styled(
            format!("{}{} ", tr().saving, symbols.ellipsis),
            app.theme.message,
        )
    } else if app.dirty() {
        Span::styled(
            format!(
                "{} {} {} ",
                symbols.unsaved,
                app.unsaved_count(),
                tr().unsaved
            ),
            app.theme.warning,
        )
    } else {
        Span::raw("")
    };
    let width = usize::from(area.width);
    let source_room = width
        .saturating_sub(state.width() + 8)
        .min(width / 3)
        .max(8);
    let source = widgets::cut_left(app, &safe(&app.source), source_room);
    let right = Line::from(vec![
        state,
        Span::styled(format!("{source} "), app.theme.dim),
    ])
    .right_aligned();
    let left_room = width.saturating_sub(right.width() + 2);
    // The region's name gives way first: the date and the file matter more at 80 columns.
    let as_of = format!(
        "{}{}",
        symbols.separator,
        (tr().as_of)(&lang::date(region.as_of))
    );
    let name_room = left_room.saturating_sub(6 + as_of.width()).max(12);
    let left = Line::from(vec![
        Span::styled(" htx ", app.theme.active_tab),
        Span::raw(" "),
        Span::styled(
            widgets::cut(app, &safe(&region.name), name_room),
            app.theme.title,
        ),
        Span::styled(as_of, app.theme.dim),
    ]);
    frame.render_widget(widgets::cut_line(app, left, left_room), area);
    frame.render_widget(right, area);
}

fn render_totals(app: &App, area: Rect, frame: &mut Frame) {
    let long = totals_line(app, tr().totals_long);
    let line = if long.width() <= usize::from(area.width) {
        long
    } else {
        totals_line(app, tr().totals_short)
    };
    frame.render_widget(widgets::cut_line(app, line, usize::from(area.width)), area);
}

/// The region's figures, with `names` for groups, cooperatives and unions.
fn totals_line(app: &App, names: [&str; 3]) -> Line<'static> {
    let region = &app.dataset.region;
    let counts = [
        region.cooperative_groups,
        region.cooperatives,
        region.unions,
    ];
    let mut spans = vec![Span::raw(" ")];
    for (i, (count, name)) in counts.into_iter().zip(names).enumerate() {
        if i > 0 {
            spans.push(Span::raw(app.theme.symbols().separator));
        }
        spans.push(Span::styled(lang::number(count.into()), app.theme.title));
        spans.push(Span::raw(format!(" {name}")));
    }
    for share in &region.rating_shares {
        let range = match share.percent_max {
            Some(max) => format!("{}{}{max}%", share.percent_min, app.theme.symbols().range),
            None => format!(">{}%", share.percent_min),
        };
        spans.push(Span::raw(format!(
            "{}{} ",
            app.theme.symbols().separator,
            widgets::one_line(&share.grade)
        )));
        spans.push(Span::styled(range, app.theme.title));
    }
    Line::from(spans)
}

fn render_tabs(app: &App, area: Rect, frame: &mut Frame) {
    let active = match app.view {
        View::Provinces => 0,
        View::Cooperatives | View::CooperativeDetail => 1,
        View::Plan => 2,
        View::Dashboard => 3,
    };
    let names = app.tab_names();
    let mut spans = vec![Span::raw(" ")];
    for (i, name) in names.into_iter().enumerate() {
        let style = if i == active {
            app.theme.active_tab
        } else {
            app.theme.dim
        };
        spans.push(Span::styled(name, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(
        widgets::cut_line(app, Line::from(spans), usize::from(area.width)),
        area,
    );
}

fn render_footer(app: &App, area: Rect, frame: &mut Frame) {
    if let Some(message) = &app.message {
        let line = Line::styled(
            format!(" {}", widgets::one_line(message)),
            app.theme.message,
        );
        frame.render_widget(widgets::cut_line(app, line, usize::from(area.width)), area);
        return;
    }
    if matches!(app.mode(), Mode::Dialog | Mode::Question) {
        // The question lists its own keys.
        return;
    }
    frame.render_widget(hint_bar(app, usize::from(area.width)), area);
}

/// The keys that matter where the user is, as many as fit, the help's key always last.
fn hint_bar(app: &App, width: usize) -> Line<'static> {
    let separator = app.theme.symbols().separator;
    let hints: Vec<(String, &'static str)> = app
        .hints()
        .into_iter()
        .filter_map(|(commands, label)| {
            let keys: Vec<String> = commands
                .iter()
                .filter_map(|&command| app.keymap.keys_for(app.mode(), command).first().copied())
                .map(|key| app.key_name(key))
                .collect();
            (!keys.is_empty()).then(|| (keys.join("/"), label))
        })
        .collect();
    let width_of = |(keys, label): &(String, &str)| keys.width() + 1 + label.width();
    let help = hints
        .iter()
        .position(|(_, label)| *label == Command::ToggleHelp.label());
    let reserved = help.map_or(0, |at| width_of(&hints[at]) + separator.width());
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (i, hint) in hints.iter().enumerate() {
        if Some(i) == help {
            continue;
        }
        let needed = width_of(hint) + if used > 1 { separator.width() } else { 0 };
        if used + needed + reserved > width {
            break;
        }
        push_hint(app, &mut spans, hint, used > 1);
        used += needed;
    }
    if let Some(at) = help {
        push_hint(app, &mut spans, &hints[at], used > 1);
    }
    Line::from(spans)
}

fn push_hint(
    app: &App,
    spans: &mut Vec<Span<'static>>,
    (keys, label): &(String, &str),
    after: bool,
) {
    if after {
        spans.push(Span::styled(app.theme.symbols().separator, app.theme.dim));
    }
    spans.push(Span::styled(keys.clone(), app.theme.key));
    spans.push(Span::raw(format!(" {label}")));
}
