//! The key-hint bar's contents: the commands that matter where the user is, and only those
//! that do something there. The bar writes each with the keys the keymap gives it.

use super::{App, Command, Mode, PlanFocus, View};

fn hint(commands: &[Command], label: &'static str) -> Hint {
    (commands.to_vec(), label)
}

/// Commands sharing one hint (`j/k move`) and the hint's word.
pub type Hint = (Vec<Command>, &'static str);

impl App {
    /// The hints for the current mode and place, most useful first; the help's key comes
    /// last (the bar always keeps it).
    pub fn hints(&self) -> Vec<Hint> {
        use Command as C;
        let mut hints: Vec<Hint> = Vec::new();
        match self.mode() {
            Mode::Browse => {
                // The keys that act here first, then what the session's state calls for,
                // then the ways on.
                let mut later: Vec<Hint> = Vec::new();
                match (self.view, self.plan_focus) {
                    (View::Provinces, _) => {
                        hints.push(hint(&[C::Down, C::Up], "move"));
                        hints.push(hint(&[C::Enter], "cooperatives"));
                        later.push(hint(&[C::ShowPlan], "plan"));
                    }
                    (View::Cooperatives, _) => {
                        hints.push(hint(&[C::Down, C::Up], "move"));
                        hints.push(hint(&[C::Enter], "details"));
                        hints.push(hint(&[C::Edit], "edit"));
                        hints.push(hint(&[C::Add], "add"));
                        hints.push(hint(&[C::Delete], "delete"));
                        later.push(hint(&[C::Back], "provinces"));
                        later.push(hint(&[C::Filter], "filter"));
                        later.push(hint(&[C::Sort], "sort"));
                    }
                    (View::CooperativeDetail, _) => {
                        if self.cooperative_page_bounds().1 > 0 {
                            hints.push(hint(&[C::Down, C::Up], "scroll"));
                        }
                        hints.push(hint(&[C::Edit], "edit"));
                        hints.push(hint(&[C::Delete], "delete"));
                        later.push(hint(&[C::Back], "back"));
                    }
                    (View::Plan, PlanFocus::Items) => {
                        hints.push(hint(&[C::Down, C::Up], "move"));
                        hints.push(hint(&[C::Enter], "provinces"));
                        hints.push(hint(&[C::Edit], "edit"));
                        hints.push(hint(&[C::Add], "add"));
                        hints.push(hint(&[C::Delete], "delete"));
                        later.push(hint(&[C::MoveDown, C::MoveUp], "reorder"));
                        later.push(hint(&[C::Filter], "filter"));
                    }
                    (View::Plan, PlanFocus::Provinces) => {
                        hints.push(hint(&[C::Down, C::Up], "move"));
                        hints.push(hint(&[C::CycleStatus], "status"));
                        hints.push(hint(&[C::NotApplicable], "n/a"));
                        hints.push(hint(&[C::Edit], "note"));
                        later.push(hint(&[C::Enter], "read"));
                        later.push(hint(&[C::Back], "items"));
                    }
                }
                if !self.history.undo.is_empty() {
                    hints.push(hint(&[C::Undo], "undo"));
                }
                if self.dirty() {
                    hints.push(hint(&[C::Save], "save"));
                }
                if self.changed_on_disk {
                    hints.push(hint(&[C::Reload], "reload"));
                }
                hints.extend(later);
                if self.results.is_some() {
                    hints.push(hint(&[C::NextResult], "next result"));
                }
                hints.push(hint(&[C::Search], "search"));
                hints.push(hint(&[C::NextView], "view"));
                hints.push(hint(&[C::Quit], "quit"));
            }
            Mode::Read => {
                if self.entry_page_bounds().1 > 0 {
                    hints.push(hint(&[C::Down, C::Up], "scroll"));
                }
                hints.push(hint(&[C::Edit], "edit note"));
                hints.push(hint(&[C::Close], "close"));
            }
            Mode::Search => {
                hints.push(hint(&[C::Down, C::Up], "move"));
                hints.push(hint(&[C::Enter], "go"));
                hints.push(hint(&[C::ClearInput], "clear"));
                hints.push(hint(&[C::Back], "cancel"));
            }
            Mode::Filter => {
                hints.push(hint(&[C::Down, C::Up], "move"));
                hints.push(hint(&[C::NextValue, C::PreviousValue], "change"));
                if self.filtered() {
                    hints.push(hint(&[C::ClearFilters], "clear all"));
                }
                hints.push(hint(&[C::Back], "close"));
            }
            Mode::Edit => {
                hints.push(hint(&[C::Accept], "keep"));
                hints.push(hint(&[C::NewLine], "new line"));
                hints.push(hint(&[C::Back], "cancel"));
            }
            Mode::Form => {
                hints.push(hint(&[C::NextField], "next field"));
                hints.push(hint(&[C::Accept], "keep"));
                hints.push(hint(&[C::Back], "cancel"));
            }
            // A question lists its own keys.
            Mode::Dialog | Mode::Question => return hints,
            Mode::Help => {
                hints.push(hint(&[C::Down, C::Up], "scroll"));
                hints.push(hint(&[C::PageDown, C::PageUp], "page"));
                hints.push(hint(&[C::Top, C::Bottom], "top/end"));
                hints.push(hint(&[C::Close], "close"));
            }
        }
        let mode = self.mode();
        if mode != Mode::Help {
            hints.push(hint(&[C::ToggleHelp], Command::ToggleHelp.label()));
        }
        // A command the user's keymap leaves without a key here is not offered.
        hints.retain(|(commands, _)| {
            commands
                .first()
                .is_some_and(|&command| !self.keymap.keys_for(mode, command).is_empty())
        });
        hints
    }
}
