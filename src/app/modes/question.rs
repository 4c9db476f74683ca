//! A yes/no question: `y` does it, `n` or Esc goes back to what was under it.

use crate::app::{App, Command, Effect, Question};

pub(super) fn update(app: &mut App, command: Command) -> Effect {
    match command {
        Command::Yes => {
            if let Some(question) = app.take_question() {
                app.answer_yes(question);
            }
        }
        Command::No | Command::Back => {
            app.take_question();
        }
        Command::Suspend => return Effect::Suspend,
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
        | Command::Close
        | Command::ToggleHelp
        | Command::Quit => {}
    }
    Effect::None
}

impl App {
    fn answer_yes(&mut self, question: Question) {
        match question {
            Question::DiscardTyping => self.drop_typing(),
            Question::DeleteItem { item } => self.delete_item(item),
            Question::DeleteCooperative { cooperative } => self.delete_cooperative(cooperative),
        }
    }
}
