//! The help overlay: scrolls, bounded by its last line.

use crate::app::{App, Command, Effect, Layer};

pub(super) fn update(app: &mut App, command: Command) -> Effect {
    let (page, last) = app.help_bounds();
    let Some(Layer::Help { scroll }) = app.layers.last_mut() else {
        return Effect::None;
    };
    let step = |delta: isize| scroll.saturating_add_signed(delta).min(last);
    let page = isize::try_from(page).unwrap_or(isize::MAX);
    match command {
        Command::Up => *scroll = step(-1),
        Command::Down => *scroll = step(1),
        Command::PageUp => *scroll = step(-page),
        Command::PageDown => *scroll = step(page),
        Command::HalfPageUp => *scroll = step(-(page / 2).max(1)),
        Command::HalfPageDown => *scroll = step((page / 2).max(1)),
        Command::Top => *scroll = 0,
        Command::Bottom => *scroll = last,
        Command::ToggleHelp | Command::Back | Command::Close => {
            app.close_top();
        }
        Command::Suspend => return Effect::Suspend,
        Command::Quit => {
            app.close_top();
            return app.quit();
        }
        // Keys of other modes.
        Command::Enter
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
        | Command::No => {}
    }
    Effect::None
}
