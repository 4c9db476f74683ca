//! Drawing: `render(&App)` and nothing else. One file per view; this one draws the frame
//! around them (title, totals, tabs, key hints) and the overlays.

mod cooperatives;
mod dialog;
mod editor;
mod filter;
mod form;
mod help;
mod plan;
mod provinces;
mod search;
pub mod theme;
mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, View};
use crate::keymap::Keymap;
use crate::text::thousands;
use widgets::safe;

/// Draws the whole screen for the current state.
pub fn render(app: &App, keymap: &Keymap, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area) {
        render_too_small(area, frame);
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
    }
    render_footer(app, keymap, parts.footer, frame);
    if let Some(search) = &app.search {
        search::render(app, search, area, frame);
    }
    if let Some(row) = app.filter_popup {
        filter::render(app, row, parts.body, frame);
    }
    if let Some(form) = &app.form {
        form::render(form, area, frame);
    }
    if let Some(editor) = &app.editor {
        editor::render(app, editor, area, frame);
    }
    if let Some(dialog) = &app.dialog {
        dialog::render(app, dialog, area, frame);
    }
    if let Some(scroll) = app.help {
        help::render(keymap, scroll, area, frame);
    }
}

fn render_too_small(area: Rect, frame: &mut Frame) {
    let text = format!(
        "Terminal too small ({}×{}). htx needs {MIN_WIDTH}×{MIN_HEIGHT}; enlarge the window or press q.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn render_title(app: &App, area: Rect, frame: &mut Frame) {
    let region = &app.dataset.region;
    let line = Line::from(vec![
        Span::styled(" htx ", theme::active_tab()),
        Span::raw(" "),
        Span::styled(safe(&region.name).into_owned(), theme::title()),
        Span::styled(format!(" · as of {}", region.as_of), theme::dim()),
    ]);
    let used = line.width();
    frame.render_widget(line, area);
    let state = if app.history.saving.is_some() {
        Span::styled("saving… ", theme::message())
    } else if app.dirty() {
        Span::styled(
            format!("● {} unsaved ", app.history.pending.len()),
            theme::warning(),
        )
    } else {
        Span::raw("")
    };
    let source = Line::from(vec![
        state,
        Span::styled(format!("{} ", safe(&app.source)), theme::dim()),
    ])
    .right_aligned();
    if used + source.width() < usize::from(area.width) {
        frame.render_widget(source, area);
    } else if app.dirty() {
        frame.render_widget(Line::styled("● ", theme::warning()).right_aligned(), area);
    }
}

fn render_totals(app: &App, area: Rect, frame: &mut Frame) {
    let long = totals_line(app, ["tổ hợp tác", "HTX", "liên hiệp HTX"]);
    let line = if long.width() <= usize::from(area.width) {
        long
    } else {
        totals_line(app, ["THT", "HTX", "LH HTX"])
    };
    frame.render_widget(line, area);
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
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(thousands(count.into()), theme::title()));
        spans.push(Span::raw(format!(" {name}")));
    }
    for share in &region.rating_shares {
        let range = match share.percent_max {
            Some(max) => format!("{}–{max}%", share.percent_min),
            None => format!(">{}%", share.percent_min),
        };
        spans.push(Span::raw(format!(
            " · {} ",
            widgets::one_line(&share.grade)
        )));
        spans.push(Span::styled(range, theme::title()));
    }
    Line::from(spans)
}

fn render_tabs(app: &App, area: Rect, frame: &mut Frame) {
    let active = match app.view {
        View::Provinces => 0,
        View::Cooperatives | View::CooperativeDetail => 1,
        View::Plan => 2,
    };
    let province = app.province.map_or(String::new(), |p| {
        format!(": {}", safe(&app.dataset.provinces[p].name))
    });
    let names = [
        " 1 Provinces ".to_string(),
        format!(" 2 Cooperatives{province} "),
        " 3 Plan ".to_string(),
    ];
    let mut spans = vec![Span::raw(" ")];
    for (i, name) in names.into_iter().enumerate() {
        let style = if i == active {
            theme::active_tab()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(name, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Line::from(spans), area);
}

fn render_footer(app: &App, keymap: &Keymap, area: Rect, frame: &mut Frame) {
    if let Some(message) = &app.message {
        frame.render_widget(
            Line::styled(format!(" {}", widgets::one_line(message)), theme::message()),
            area,
        );
        return;
    }
    if app.mode() == crate::app::Mode::Dialog {
        // The question lists its own keys.
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (keys, label)) in keymap.hints(app.mode()).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme::dim()));
        }
        let keys: Vec<String> = keys.into_iter().map(|key| key.name()).collect();
        spans.push(Span::styled(keys.join("/"), theme::key()));
        spans.push(Span::raw(format!(" {label}")));
    }
    frame.render_widget(Line::from(spans), area);
}
