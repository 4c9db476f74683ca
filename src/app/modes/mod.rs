//! What each command does, mode by mode: one file per mode, each with one `update`. Every
//! match names every command (no catch-all), so a new command must be given its meaning, or
//! none, in each mode.

mod browse;
mod dialog;
mod edit;
mod filter;
mod form;
mod help;
mod question;
mod read;
mod search;

use super::{App, Effect, FieldKind, Layer, Mode, Question};
use crate::app::Command;

/// Applies `command` in the mode the user is in.
pub(super) fn update(app: &mut App, command: Command) -> Effect {
    match app.mode() {
        Mode::Browse => browse::update(app, command),
        Mode::Help => help::update(app, command),
        Mode::Read => read::update(app, command),
        Mode::Search => search::update(app, command),
        Mode::Filter => filter::update(app, command),
        Mode::Edit => edit::update(app, command),
        Mode::Form => form::update(app, command),
        Mode::Dialog => dialog::update(app, command),
        Mode::Question => question::update(app, command),
    }
}

/// Esc (`quit`: Ctrl-c) where text is typed (a note, a form, a value for a conflict): text
/// that `changed` is never thrown away without asking; otherwise the editor or form closes,
/// and Ctrl-c goes on to quit.
fn leave_typing(app: &mut App, changed: bool, quit: bool) -> Effect {
    if changed {
        app.open(Layer::Question(Question::DiscardTyping));
        return Effect::None;
    }
    app.drop_typing();
    if quit { app.quit() } else { Effect::None }
}

impl App {
    /// Closes the editor or form on top without keeping what was typed.
    fn drop_typing(&mut self) {
        if matches!(self.layers.last(), Some(Layer::Form(_))) {
            self.take_form();
        } else {
            self.close_text();
        }
    }
}

/// Typed or pasted text goes to what takes text: the form's field, the editor, or the search
/// prompt. Elsewhere it is dropped (a key that types nothing is never taken as a command).
pub(super) fn input(app: &mut App, text: &str) -> Effect {
    match app.mode() {
        Mode::Form => {
            if let Some(field) = app.form_mut().and_then(super::Form::field)
                && !matches!(field.kind, FieldKind::Choice(_))
            {
                field.input.insert(text);
            }
            Effect::None
        }
        Mode::Edit => {
            if let Some(text_area) = app.text_area() {
                text_area.insert(text);
            }
            Effect::None
        }
        Mode::Search => app.type_text(text),
        Mode::Browse | Mode::Help | Mode::Read | Mode::Filter | Mode::Dialog | Mode::Question => {
            Effect::None
        }
    }
}
