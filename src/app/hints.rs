//! The key-hint bar's contents: the commands that matter where the user is, and only those
//! that do something there. The bar writes each with the keys the keymap gives it.

use super::{App, Command, Mode, PlanFocus, View};
use crate::lang::tr;

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
        let words = &tr().hints;
        let mut hints: Vec<Hint> = Vec::new();
        match self.mode() {
            Mode::Browse => {
                // The keys that act here first, then what the session's state calls for,
                // then the ways on.
                let mut later: Vec<Hint> = Vec::new();
                match (self.view, self.plan_focus) {
                    (View::Provinces, _) => {
                        hints.push(hint(&[C::Down, C::Up], words.move_to));
                        hints.push(hint(&[C::Enter], words.cooperatives));
                        later.push(hint(&[C::ShowPlan], words.plan));
                    }
                    (View::Cooperatives, _) => {
                        hints.push(hint(&[C::Down, C::Up], words.move_to));
                        hints.push(hint(&[C::Enter], words.details));
                        hints.push(hint(&[C::Edit], words.edit));
                        hints.push(hint(&[C::Add], words.add));
                        hints.push(hint(&[C::Delete], words.delete));
                        later.push(hint(&[C::Back], words.provinces));
                        later.push(hint(&[C::Filter], words.filter));
                        later.push(hint(&[C::Sort], words.sort));
                    }
                    (View::CooperativeDetail, _) => {
                        if self.cooperative_page_bounds().1 > 0 {
                            hints.push(hint(&[C::Down, C::Up], words.scroll));
                        }
                        hints.push(hint(&[C::Edit], words.edit));
                        hints.push(hint(&[C::Delete], words.delete));
                        later.push(hint(&[C::Back], words.back));
                    }
                    (View::Plan, PlanFocus::Items) => {
                        hints.push(hint(&[C::Down, C::Up], words.move_to));
                        hints.push(hint(&[C::Enter], words.provinces));
                        hints.push(hint(&[C::Edit], words.edit));
                        hints.push(hint(&[C::Add], words.add));
                        hints.push(hint(&[C::Delete], words.delete));
                        later.push(hint(&[C::MoveDown, C::MoveUp], words.reorder));
                        later.push(hint(&[C::Filter], words.filter));
                    }
                    (View::Dashboard, _) => {
                        hints.push(hint(&[C::Down, C::Up], words.move_to));
                        hints.push(hint(&[C::Left, C::Right], words.across));
                        hints.push(hint(&[C::CycleStatus], words.status));
                        hints.push(hint(&[C::Edit], words.note));
                        hints.push(hint(&[C::Enter], words.in_plan));
                        later.push(hint(&[C::NotApplicable], words.not_applicable));
                    }
                    (View::Plan, PlanFocus::Provinces) => {
                        hints.push(hint(&[C::Down, C::Up], words.move_to));
                        hints.push(hint(&[C::CycleStatus], words.status));
                        hints.push(hint(&[C::NotApplicable], words.not_applicable));
                        hints.push(hint(&[C::Edit], words.note));
                        later.push(hint(&[C::Enter], words.read));
                        later.push(hint(&[C::Back], words.items));
                    }
                }
                if !self.history.undo.is_empty() {
                    hints.push(hint(&[C::Undo], words.undo));
                }
                if self.dirty() {
                    hints.push(hint(&[C::Save], words.save));
                }
                if self.changed_on_disk {
                    hints.push(hint(&[C::Reload], words.reload));
                }
                hints.extend(later);
                if self.results.is_some() {
                    hints.push(hint(&[C::NextResult], words.next_result));
                }
                hints.push(hint(&[C::Search], words.search));
                hints.push(hint(&[C::NextView], words.view));
                hints.push(hint(&[C::Quit], words.quit));
            }
            Mode::Read => {
                if self.entry_page_bounds().1 > 0 {
                    hints.push(hint(&[C::Down, C::Up], words.scroll));
                }
                hints.push(hint(&[C::Edit], words.edit_note));
                hints.push(hint(&[C::Close], words.close));
            }
            Mode::Search => {
                hints.push(hint(&[C::Down, C::Up], words.move_to));
                hints.push(hint(&[C::Enter], words.go));
                hints.push(hint(&[C::ClearInput], words.clear));
                hints.push(hint(&[C::Back], words.cancel));
            }
            Mode::Filter => {
                hints.push(hint(&[C::Down, C::Up], words.move_to));
                hints.push(hint(&[C::NextValue, C::PreviousValue], words.change));
                if self.filtered() {
                    hints.push(hint(&[C::ClearFilters], words.clear_all));
                }
                hints.push(hint(&[C::Back], words.close));
            }
            Mode::Edit => {
                hints.push(hint(&[C::Accept], words.keep));
                hints.push(hint(&[C::NewLine], words.new_line));
                hints.push(hint(&[C::Back], words.cancel));
            }
            Mode::Form => {
                hints.push(hint(&[C::NextField], words.next_field));
                hints.push(hint(&[C::Accept], words.keep));
                hints.push(hint(&[C::Back], words.cancel));
            }
            // A question lists its own keys.
            Mode::Dialog | Mode::Question => return hints,
            Mode::Help => {
                hints.push(hint(&[C::Down, C::Up], words.scroll));
                hints.push(hint(&[C::PageDown, C::PageUp], words.page));
                hints.push(hint(&[C::Top, C::Bottom], words.top_end));
                hints.push(hint(&[C::Close], words.close));
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
