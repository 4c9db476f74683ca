//! A dialog waits for an answer: quit with unsaved edits, conflicts to settle, or a file
//! whose owner would change.

use crate::app::{AfterSettling, App, Command, Dialog, Effect};
use crate::model::merge::Pick;

pub(super) fn update(app: &mut App, command: Command) -> Effect {
    let Some(dialog) = app.dialog() else {
        return Effect::None;
    };
    let quit = matches!(dialog, Dialog::Quit);
    let conflicts = matches!(dialog, Dialog::Conflicts(_));
    let owner = matches!(dialog, Dialog::OwnerChange { .. });
    match command {
        Command::Save if quit => return app.request_save(true),
        Command::Discard if quit => return Effect::QuitDiscarding,
        Command::KeepMine if conflicts => return app.settle_one(Pick::Ours),
        Command::TakeTheirs if conflicts => return app.settle_one(Pick::Theirs),
        Command::TypeValue if conflicts => app.edit_conflict(),
        Command::TakeBase if conflicts => return app.settle_one(Pick::Base),
        Command::Up if conflicts => app.choose_conflict(-1),
        Command::Down if conflicts => app.choose_conflict(1),
        Command::Confirm if owner => return app.save_changing_owner(),
        Command::SaveAs if owner => app.open_save_as(),
        Command::Back => {
            let file = matches!(
                app.take_dialog(),
                Some(Dialog::Conflicts(settling)) if settling.then == AfterSettling::File
            );
            if file {
                app.say_conflicts_left();
            } else if conflicts {
                app.message = Some(crate::lang::tr().nothing_written.into());
            }
        }
        Command::Suspend => return Effect::Suspend,
        // A key of another dialog.
        Command::Save
        | Command::Discard
        | Command::KeepMine
        | Command::TakeTheirs
        | Command::TypeValue
        | Command::TakeBase
        | Command::Confirm
        | Command::SaveAs => {}
        // Keys of other modes.
        Command::Up
        | Command::Down
        | Command::ShowConflicts
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
        | Command::DeleteBackward
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
        | Command::Accept
        | Command::Reload
        | Command::CursorLeft
        | Command::CursorRight
        | Command::CursorUp
        | Command::CursorDown
        | Command::NewLine
        | Command::LineStart
        | Command::LineEnd
        | Command::DeleteForward
        | Command::Yes
        | Command::No
        | Command::Close
        | Command::ToggleHelp
        | Command::Quit => {}
    }
    Effect::None
}
