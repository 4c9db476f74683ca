//! A form is open (a plan item, a cooperative, a file name): printable keys type into the
//! focused field (see `modes::input`); these keys move between fields, edit, keep or close.

use crate::app::{App, Command, Effect};

pub(super) fn update(app: &mut App, command: Command) -> Effect {
    let Some(form) = app.form_mut() else {
        return Effect::None;
    };
    let last = form.fields.len().saturating_sub(1);
    let changed = form.changed();
    let field = |form: &mut crate::app::Form, edit: fn(&mut crate::app::TextArea)| {
        if let Some(field) = form.field() {
            edit(&mut field.input);
        }
    };
    match command {
        Command::NextField | Command::Down => form.focus = (form.focus + 1).min(last),
        Command::PreviousField | Command::Up => form.focus = form.focus.saturating_sub(1),
        Command::Accept | Command::Enter => return app.accept_form(),
        Command::CursorLeft => {
            if !form.cycle(false) {
                field(form, crate::app::TextArea::left);
            }
        }
        Command::CursorRight => {
            if !form.cycle(true) {
                field(form, crate::app::TextArea::right);
            }
        }
        Command::DeleteBackward => field(form, crate::app::TextArea::backspace),
        Command::DeleteForward => field(form, crate::app::TextArea::delete),
        Command::LineStart => field(form, crate::app::TextArea::home),
        Command::LineEnd => field(form, crate::app::TextArea::end),
        Command::Back => return super::leave_typing(app, changed, false),
        Command::Suspend => return Effect::Suspend,
        Command::Quit => return super::leave_typing(app, changed, true),
        // Keys of other modes.
        Command::PageUp
        | Command::PageDown
        | Command::HalfPageUp
        | Command::HalfPageDown
        | Command::Top
        | Command::Bottom
        | Command::NextView
        | Command::PreviousView
        | Command::ShowProvinces
        | Command::ShowCooperatives
        | Command::ShowPlan
        | Command::ShowDashboard
        | Command::Left
        | Command::Right
        | Command::Search
        | Command::NextResult
        | Command::PreviousResult
        | Command::Filter
        | Command::ClearFilters
        | Command::Sort
        | Command::ReverseSort
        | Command::DeleteWord
        | Command::ClearInput
        | Command::NextValue
        | Command::PreviousValue
        | Command::CycleStatus
        | Command::NotApplicable
        | Command::Edit
        | Command::Add
        | Command::Delete
        | Command::MoveDown
        | Command::MoveUp
        | Command::Undo
        | Command::Redo
        | Command::Save
        | Command::SaveAs
        | Command::Confirm
        | Command::Reload
        | Command::Discard
        | Command::KeepMine
        | Command::TakeTheirs
        | Command::TypeValue
        | Command::TakeBase
        | Command::ShowConflicts
        | Command::CursorUp
        | Command::CursorDown
        | Command::NewLine
        | Command::Yes
        | Command::No
        | Command::Close
        | Command::ToggleHelp => {}
    }
    Effect::None
}
