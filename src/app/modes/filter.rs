//! The filter popup: a row per filter of the list shown, each cycled through its values.

use crate::app::{App, Command, Effect, Layer};

pub(super) fn update(app: &mut App, command: Command) -> Effect {
    let rows = app.filter_rows();
    let last = rows.len().saturating_sub(1);
    let row = app.filter_row().unwrap_or(0).min(last);
    let set_row = |app: &mut App, to: usize| {
        if let Some(Layer::Filter { row }) = app.layers.last_mut() {
            *row = to;
        }
    };
    match command {
        Command::Up => set_row(app, row.saturating_sub(1)),
        Command::Down => set_row(app, (row + 1).min(last)),
        Command::NextValue | Command::Enter => {
            if let Some(&filter) = rows.get(row) {
                app.cycle_filter(filter, true);
            }
        }
        Command::PreviousValue => {
            if let Some(&filter) = rows.get(row) {
                app.cycle_filter(filter, false);
            }
        }
        Command::ClearFilters => app.clear_filters(),
        Command::Filter | Command::Back => {
            app.close_top();
        }
        Command::Suspend => return Effect::Suspend,
        Command::Quit => {
            app.close_top();
            return app.quit();
        }
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
        | Command::Sort
        | Command::ReverseSort
        | Command::DeleteBackward
        | Command::DeleteWord
        | Command::ClearInput
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
