//! An editor is open (a province's note, or a value typed for a conflict): printable keys
//! type (see `modes::input`); these keys move, delete, keep or close.

use crate::app::{App, Command, Effect};

pub(super) fn update(app: &mut App, command: Command) -> Effect {
    if let Some(text) = app.text_area() {
        match command {
            Command::NewLine => text.newline(),
            Command::DeleteBackward => text.backspace(),
            Command::DeleteForward => text.delete(),
            Command::CursorLeft => text.left(),
            Command::CursorRight => text.right(),
            Command::CursorUp => text.up(),
            Command::CursorDown => text.down(),
            Command::LineStart => text.home(),
            Command::LineEnd => text.end(),
            Command::Accept => return app.accept_text(),
            Command::Back => {
                let changed = text.changed();
                return super::leave_typing(app, changed, false);
            }
            Command::Suspend => return Effect::Suspend,
            Command::Quit => {
                let changed = text.changed();
                return super::leave_typing(app, changed, true);
            }
            // Keys of other modes.
            Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::HalfPageUp
            | Command::HalfPageDown
            | Command::Top
            | Command::Bottom
            | Command::Enter
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
            | Command::NextField
            | Command::PreviousField
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
            | Command::Yes
            | Command::No
            | Command::Close
            | Command::ToggleHelp => {}
        }
    }
    Effect::None
}
