//! Helpers shared by the integration tests: the built-in dataset in an app, replaying
//! commands, drawing on a test backend.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

#[cfg(unix)]
pub mod pty;

use htx::app::{Action, App, Command, Effect, SearchWorker, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The app on the built-in dataset at a size; the dataset is parsed once per test binary.
pub fn app(width: u16, height: u16) -> App {
    static BASE: std::sync::OnceLock<App> = std::sync::OnceLock::new();
    let mut app = BASE
        .get_or_init(|| App::new(htx::store::builtin().unwrap(), "dataset.ron"))
        .clone();
    update(&mut app, Action::Resize { width, height });
    app
}

/// The environment variables that choose htx's language when neither `--lang` nor the config
/// does: the first of them set and not empty decides.
pub const LOCALE: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// `command` (htx as a process) without [`LOCALE`], so it speaks English whatever the machine
/// running the tests is set to: the tests read its English.
pub fn in_english(command: &mut std::process::Command) -> &mut std::process::Command {
    for name in LOCALE {
        command.env_remove(name);
    }
    command
}

pub fn run(app: &mut App, commands: &[Command]) -> Effect {
    let mut effect = Effect::None;
    for &command in commands {
        effect = update(app, Action::Command(command));
    }
    effect
}

/// Replays keys written as the help overlay names them, separated by spaces:
/// `"j j Enter G Ctrl-d Esc"`. Arrows may also be written `Up`, `Down`, `Left`, `Right`, and
/// Shift-Tab `BackTab`. Keys with no binding are ignored, as in the real loop; a word that
/// names no key at all fails the test, so a misspelt key cannot silently do nothing.
pub fn keys(app: &mut App, script: &str) -> Effect {
    let keymap = std::sync::Arc::clone(&app.keymap);
    let mut effect = Effect::None;
    for word in script.split_whitespace() {
        let event = key_event(word)
            .unwrap_or_else(|| panic!("no key is named {word:?} (in the key script {script:?})"));
        if let Some(action) = keymap.action(app.mode(), event) {
            let done = update(app, action);
            effect = settle(app, done);
            if effect == Effect::Quit {
                return effect;
            }
        }
    }
    effect
}

/// The key press a key script's word names, or `None` when it names no key: one character,
/// a key as [`htx::keymap::Key::name`] writes it (`Enter`, `↓`, `PgDn`, `Shift-Tab`, `Space`,
/// `Delete`…), one of the ASCII aliases, or any of these after `Ctrl-`.
pub fn key_event(word: &str) -> Option<KeyEvent> {
    use htx::keymap::Key;
    if let Some(rest) = word.strip_prefix("Ctrl-") {
        let plain = key_event(rest)?;
        return Some(KeyEvent::new(
            plain.code,
            plain.modifiers | KeyModifiers::CONTROL,
        ));
    }
    let alias = match word {
        "Up" => Some(KeyCode::Up),
        "Down" => Some(KeyCode::Down),
        "Left" => Some(KeyCode::Left),
        "Right" => Some(KeyCode::Right),
        "BackTab" => Some(KeyCode::BackTab),
        _ => None,
    };
    let named = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Char(' '),
    ];
    let code = alias.or_else(|| {
        named
            .into_iter()
            .find(|&code| Key { code, ctrl: false }.name() == word)
    });
    let Some(code) = code else {
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            let shift = if c.is_uppercase() || c == '?' {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            return Some(KeyEvent::new(KeyCode::Char(c), shift));
        }
        return None;
    };
    let modifiers = if code == KeyCode::BackTab {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Some(KeyEvent::new(code, modifiers))
}

/// Types `text` into the app key by key, as a terminal would send it.
pub fn type_text(app: &mut App, text: &str) {
    let keymap = std::sync::Arc::clone(&app.keymap);
    for c in text.chars() {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = keymap.action(app.mode(), event) {
            let done = update(app, action);
            settle(app, done);
        }
    }
}

/// Carries out a search effect at once, as the loop's search worker would, and returns the
/// effect.
pub fn settle(app: &mut App, effect: Effect) -> Effect {
    if let Effect::Search(request) = &effect {
        let mut worker = SearchWorker::default();
        if let Some(answer) = worker.answer(request.clone(), &|| false) {
            update(app, answer);
        }
    }
    effect
}

pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| htx::ui::render(app, frame)).unwrap();
    terminal
}

/// The screen as plain text, one line per row, trailing spaces removed.
/// The screen as text with the search highlight shown: each run of matched characters (drawn
/// bold and underlined) is put between `[` and `]`.
pub fn screen_with_highlights(terminal: &Terminal<TestBackend>) -> String {
    use ratatui::style::Modifier;
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut inside = false;
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            let marked = cell
                .modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED);
            if marked != inside {
                line.push(if marked { '[' } else { ']' });
                inside = marked;
            }
            line.push_str(cell.symbol());
        }
        if inside {
            line.push(']');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// What a save of a change to KH-04 in Hà Nội might meet: Hà Nội's status and Nam Định's
/// note changed differently on disk.
pub fn two_conflicts_on_kh04() -> Vec<htx::model::merge::Conflict> {
    use htx::model::merge::{Conflict, RecordKey};
    let record = |province: &str| RecordKey::Progress {
        item: "KH-04".into(),
        province: province.into(),
    };
    vec![
        Conflict {
            record: record("01"),
            field: Some("status".into()),
            base: Some("done".into()),
            ours: Some("in progress".into()),
            theirs: Some("not started".into()),
            labels: None,
        },
        Conflict {
            record: record("36"),
            field: Some("note".into()),
            base: Some("Đã triển khai".into()),
            ours: Some("Đã triển khai ở 10 huyện".into()),
            theirs: Some(String::new()),
            labels: None,
        },
    ]
}

/// The screen's text, each row followed by its styled runs (cells whose style is not the
/// default), as `[2-18 fg:Blue +BOLD]`, so that a snapshot shows colours and modifiers.
pub fn styled(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let line: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
        let mut runs: Vec<(u16, u16, ratatui::style::Style)> = Vec::new();
        for x in 0..area.width {
            let style = cell_style(&buffer[(x, y)]);
            match runs.last_mut() {
                Some((_, end, last)) if *last == style && *end + 1 == x => *end = x,
                _ => runs.push((x, x, style)),
            }
        }
        let runs: Vec<String> = runs
            .into_iter()
            .filter(|(_, _, style)| *style != ratatui::style::Style::new())
            .map(|(start, end, style)| format!("[{start}-{end}{}]", describe(style)))
            .collect();
        if !runs.is_empty() {
            out.push_str(&format!("    {}\n", runs.join(" ")));
        }
    }
    out
}

/// A cell's colours and modifiers, `Reset` counted as none.
pub fn cell_style(cell: &ratatui::buffer::Cell) -> ratatui::style::Style {
    let mut style = ratatui::style::Style::new().add_modifier(cell.modifier);
    if cell.fg != ratatui::style::Color::Reset {
        style = style.fg(cell.fg);
    }
    if cell.bg != ratatui::style::Color::Reset {
        style = style.bg(cell.bg);
    }
    style
}

fn describe(style: ratatui::style::Style) -> String {
    let mut out = String::new();
    if let Some(fg) = style.fg {
        out.push_str(&format!(" fg:{fg:?}"));
    }
    if let Some(bg) = style.bg {
        out.push_str(&format!(" bg:{bg:?}"));
    }
    for (name, _) in style.add_modifier.iter_names() {
        out.push_str(&format!(" +{name}"));
    }
    out
}

/// A finished process as a failed assertion shows it: its exit status, stdout and stderr.
pub fn shown(output: &std::process::Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
