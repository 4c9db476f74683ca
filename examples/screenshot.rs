//! Draws a screen of htx on the built-in dataset as an HTML page of the terminal's cells, in
//! the colours of a dark terminal, for the README's pictures:
//!
//! ```text
//! cargo run --example screenshot -- "4 l l l l l l j j" vi 100 30 > dashboard.html
//! chromium --headless --no-sandbox --disable-gpu --no-first-run \
//!     --disable-background-networking --disable-component-update --disable-sync \
//!     --user-data-dir="$(mktemp -d)" --hide-scrollbars --window-size=940,580 \
//!     --screenshot=docs/dashboard.png "file://$PWD/dashboard.html"
//! ```
//!
//! The arguments are the keys to press from the start (as the help names them), the
//! interface's language, and the terminal's width and height. Today is 1 December 2011, so
//! the overdue items are those of the plan's own year.

use std::fmt::Write as _;
use std::process::ExitCode;

use htx::app::{Action, App, update};
use htx::lang::{self, Lang};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

fn main() -> ExitCode {
    match run() {
        Ok(page) => {
            print!("{page}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("screenshot: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<String, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [keys, language, width, height] = args.as_slice() else {
        return Err("usage: screenshot KEYS vi|en WIDTH HEIGHT".into());
    };
    let language = Lang::parse(language).ok_or("the language is vi or en")?;
    let width: u16 = width.parse().map_err(|_| "WIDTH is a number")?;
    let height: u16 = height.parse().map_err(|_| "HEIGHT is a number")?;
    lang::pin(language);
    let dataset = htx::store::builtin().map_err(|_| "the built-in dataset does not load")?;
    let mut app = App::new(dataset, "dataset.ron");
    update(&mut app, Action::Resize { width, height });
    let today = htx::model::Date::new(2011, 12, 1)?;
    update(&mut app, Action::Today(today));
    let keymap = std::sync::Arc::clone(&app.keymap);
    for word in keys.split_whitespace() {
        let key = htx::keymap::Key::parse(word)?;
        let modifiers = if key.ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        if let Some(action) = keymap.action(app.mode(), KeyEvent::new(key.code, modifiers)) {
            update(&mut app, action);
        }
    }
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).map_err(|err| err.to_string())?;
    terminal
        .draw(|frame| htx::ui::render(&app, frame))
        .map_err(|err| err.to_string())?;
    Ok(page(terminal.backend().buffer()))
}

/// The buffer as a page: one `<span>` per run of cells of one style.
fn page(buffer: &ratatui::buffer::Buffer) -> String {
    let mut body = String::new();
    for y in 0..buffer.area.height {
        let mut run = String::new();
        let mut style = None;
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let css = css(cell);
            if style.as_ref() != Some(&css) {
                close(&mut body, &mut run, style.take());
                style = Some(css);
            }
            run.push_str(&escape(cell.symbol()));
        }
        close(&mut body, &mut run, style);
        body.push('\n');
    }
    format!(
        "<!doctype html><meta charset=utf-8><style>\
         body{{margin:0;background:#1d1f21}}\
         pre{{margin:0;padding:10px;font:15px/1.2 'DejaVu Sans Mono',monospace;color:#d0d0d0}}\
         </style><pre>{body}</pre>\n"
    )
}

fn close(body: &mut String, run: &mut String, style: Option<String>) {
    if run.is_empty() {
        return;
    }
    match style {
        Some(css) if !css.is_empty() => {
            let _ = write!(body, "<span style=\"{css}\">{run}</span>");
        }
        _ => body.push_str(run),
    }
    run.clear();
}

fn css(cell: &ratatui::buffer::Cell) -> String {
    let (mut fg, mut bg) = (colour(cell.fg), colour(cell.bg));
    if cell.modifier.contains(Modifier::REVERSED) {
        (fg, bg) = (Some(bg.unwrap_or("#1d1f21")), Some(fg.unwrap_or("#d0d0d0")));
    }
    let mut css = String::new();
    if let Some(fg) = fg {
        let _ = write!(css, "color:{fg};");
    }
    if let Some(bg) = bg {
        let _ = write!(css, "background:{bg};");
    }
    if cell.modifier.contains(Modifier::BOLD) {
        css.push_str("font-weight:bold;");
    }
    if cell.modifier.contains(Modifier::DIM) {
        css.push_str("opacity:.65;");
    }
    if cell.modifier.contains(Modifier::UNDERLINED) {
        css.push_str("text-decoration:underline;");
    }
    css
}

fn colour(colour: Color) -> Option<&'static str> {
    Some(match colour {
        Color::Reset => return None,
        Color::Black => "#1d1f21",
        Color::Red => "#cc6666",
        Color::Green => "#b5bd68",
        Color::Yellow => "#f0c674",
        Color::Blue => "#81a2be",
        Color::Magenta => "#b294bb",
        Color::Cyan => "#8abeb7",
        Color::Gray => "#c5c8c6",
        Color::DarkGray => "#969896",
        Color::LightRed => "#d54e53",
        Color::LightGreen => "#b9ca4a",
        Color::LightYellow => "#e7c547",
        Color::LightBlue => "#7aa6da",
        Color::LightMagenta => "#c397d8",
        Color::LightCyan => "#70c0b1",
        Color::White => "#eaeaea",
        _ => "#d0d0d0",
    })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
