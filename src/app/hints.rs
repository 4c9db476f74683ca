//! The key-hint bar's contents: the commands that matter where the user is, and only those
//! that do something there. The bar writes each with the keys the keymap gives it.

use super::{App, Command, Mode, PlanFocus, View};

/// Commands sharing one hint (`j/k move`) and the hint's word.
pub type Hint = (Vec<Command>, &'static str);

impl App {
    /// The hints for the current mode and place, most useful first; the help's key comes
    /// last (the bar always keeps it).
    pub fn hints(&self) -> Vec<Hint> {
        use Command as C;
        let mut hints: Vec<Hint> = Vec::new();
        let mut add = |commands: &[Command], label: &'static str| {
            hints.push((commands.to_vec(), label));
        };
        match self.mode() {
            Mode::Browse => {
                match (self.view, self.plan_focus) {
                    (View::Provinces, _) => {
                        add(&[C::Down, C::Up], "move");
                        add(&[C::Enter], "cooperatives");
                        add(&[C::ShowPlan], "plan");
                    }
                    (View::Cooperatives, _) => {
                        add(&[C::Down, C::Up], "move");
                        add(&[C::Enter], "details");
                        add(&[C::Back], "provinces");
                        add(&[C::Edit], "edit");
                        add(&[C::Add], "add");
                        add(&[C::Delete], "delete");
                        add(&[C::Filter], "filter");
                        add(&[C::Sort], "sort");
                    }
                    (View::CooperativeDetail, _) => {
                        add(&[C::Down, C::Up], "scroll");
                        add(&[C::Back], "back");
                        add(&[C::Edit], "edit");
                        add(&[C::Delete], "delete");
                    }
                    (View::Plan, PlanFocus::Items) => {
                        add(&[C::Down, C::Up], "move");
                        add(&[C::Enter], "provinces");
                        add(&[C::Edit], "edit");
                        add(&[C::Add], "add");
                        add(&[C::Delete], "delete");
                        add(&[C::MoveDown, C::MoveUp], "reorder");
                        add(&[C::Filter], "filter");
                    }
                    (View::Plan, PlanFocus::Provinces) => {
                        add(&[C::Down, C::Up], "move");
                        add(&[C::CycleStatus], "status");
                        add(&[C::NotApplicable], "n/a");
                        add(&[C::Edit], "note");
                        add(&[C::Enter], "read");
                        add(&[C::Back], "items");
                    }
                }
                if !self.history.undo.is_empty() {
                    add(&[C::Undo], "undo");
                }
                if self.dirty() {
                    add(&[C::Save], "save");
                }
                if self.changed_on_disk {
                    add(&[C::Reload], "reload");
                }
                if self.results.is_some() {
                    add(&[C::NextResult], "next result");
                }
                add(&[C::Search], "search");
                add(&[C::NextView], "view");
                add(&[C::Quit], "quit");
            }
            Mode::Read => {
                add(&[C::Down, C::Up], "scroll");
                add(&[C::Edit], "edit note");
                add(&[C::Close], "close");
            }
            Mode::Search => {
                add(&[C::Down, C::Up], "move");
                add(&[C::Enter], "go");
                add(&[C::ClearInput], "clear");
                add(&[C::Back], "cancel");
            }
            Mode::Filter => {
                add(&[C::Down, C::Up], "move");
                add(&[C::NextValue, C::PreviousValue], "change");
                add(&[C::ClearFilters], "clear all");
                add(&[C::Back], "close");
            }
            Mode::Edit => {
                add(&[C::Accept], "keep");
                add(&[C::NewLine], "new line");
                add(&[C::Back], "cancel");
            }
            Mode::Form => {
                add(&[C::NextField], "next field");
                add(&[C::Accept], "keep");
                add(&[C::Back], "cancel");
            }
            // A question lists its own keys.
            Mode::Dialog | Mode::Question => return hints,
            Mode::Help => {
                add(&[C::Down, C::Up], "scroll");
                add(&[C::PageDown, C::PageUp], "page");
                add(&[C::Top, C::Bottom], "top/end");
                add(&[C::Close], "close");
                return hints;
            }
        }
        add(&[C::ToggleHelp], Command::ToggleHelp.label());
        hints
    }
}
