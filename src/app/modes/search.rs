//! The search prompt: printable keys type (see `modes::input`); these keys move in the
//! results, jump to one, or edit the query.

use crate::app::{App, Command, Effect, layout};

pub(super) fn update(app: &mut App, command: Command) -> Effect {
    let page = layout::search_rows(app.size);
    let step = isize::try_from(page).unwrap_or(isize::MAX);
    match command {
        Command::Up => app.move_in_results(-1, page),
        Command::Down => app.move_in_results(1, page),
        Command::PageUp => app.move_in_results(-step, page),
        Command::PageDown => app.move_in_results(step, page),
        Command::Enter => app.accept_search(),
        Command::Back => app.cancel_search(),
        Command::DeleteBackward => return app.delete_backward(false),
        Command::DeleteWord => return app.delete_backward(true),
        Command::ClearInput => return app.clear_query(),
        Command::Suspend => return Effect::Suspend,
        Command::Quit => {
            app.take_search();
            return app.quit();
        }
        // Keys of other modes.
        Command::HalfPageUp
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
        | Command::Accept
        | Command::Reload
        | Command::Discard
        | Command::KeepMine
        | Command::TakeTheirs
        | Command::TypeValue
        | Command::TakeBase
        | Command::ShowConflicts
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
        | Command::ToggleHelp => {}
    }
    Effect::None
}
