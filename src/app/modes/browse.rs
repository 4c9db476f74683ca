//! The list views (provinces, cooperatives, a cooperative's page, the plan): moving, opening,
//! searching, filtering and editing.

use crate::app::{App, Command, Effect, Layer, PlanFocus, SortKey, View};
use crate::model::merge::Resolutions;

pub(super) fn update(app: &mut App, command: Command) -> Effect {
    let step = isize::try_from(app.page()).unwrap_or(isize::MAX);
    match command {
        Command::Up => app.move_selection(-1),
        Command::Down => app.move_selection(1),
        Command::PageUp => app.move_selection(-step),
        Command::PageDown => app.move_selection(step),
        Command::HalfPageUp => app.move_selection(-(step / 2).max(1)),
        Command::HalfPageDown => app.move_selection((step / 2).max(1)),
        Command::Top => app.jump(false),
        Command::Bottom => app.jump(true),
        Command::Enter => app.enter(),
        Command::Back => app.back(),
        Command::Left if app.view == View::Dashboard => app.move_column(-1),
        Command::Right if app.view == View::Dashboard => app.move_column(1),
        Command::Left => app.back(),
        Command::Right => app.enter(),
        Command::NextView => app.cycle_view(true),
        Command::PreviousView => app.cycle_view(false),
        Command::ShowProvinces => app.show(View::Provinces),
        Command::ShowCooperatives => app.show(View::Cooperatives),
        Command::ShowPlan => app.show(View::Plan),
        Command::ShowDashboard => app.show(View::Dashboard),
        Command::Search => return app.open_search(),
        Command::NextResult => app.step_results(true),
        Command::PreviousResult => app.step_results(false),
        Command::Filter => match app.view {
            View::Cooperatives | View::CooperativeDetail | View::Plan => {
                if app.view == View::CooperativeDetail {
                    app.view = View::Cooperatives;
                }
                app.open(Layer::Filter { row: 0 });
            }
            View::Provinces | View::Dashboard => {
                app.message = Some(app.keys_say(Command::Filter, crate::lang::tr().filters_what));
            }
        },
        Command::ClearFilters => {
            app.clear_filters();
            app.coop_sort = SortKey::Name;
            app.coop_descending = false;
            app.refresh_lists();
            app.message = Some(crate::lang::tr().filters_cleared.into());
        }
        Command::Sort => app.cycle_sort(),
        Command::ReverseSort => app.reverse_sort(),
        Command::ToggleHelp => app.open(Layer::Help { scroll: 0 }),
        Command::ShowConflicts => app.show_file_conflicts(),
        Command::CycleStatus => app.cycle_status(),
        Command::NotApplicable => app.toggle_not_applicable(),
        Command::Edit => match (app.view, app.plan_focus) {
            (View::Plan, PlanFocus::Provinces) | (View::Dashboard, _) => app.open_note_editor(),
            (View::Plan, PlanFocus::Items) => app.open_item_form(false),
            (View::Cooperatives | View::CooperativeDetail, _) => app.open_cooperative_form(false),
            (View::Provinces, _) => {
                app.message = Some(app.keys_say(Command::Edit, crate::lang::tr().edits_what));
            }
        },
        Command::Add => match app.view {
            View::Plan => app.open_item_form(true),
            View::Cooperatives | View::CooperativeDetail => app.open_cooperative_form(true),
            View::Provinces | View::Dashboard => {
                app.message = Some(app.keys_say(Command::Add, crate::lang::tr().adds_what));
            }
        },
        Command::Delete => app.delete_selected(),
        Command::MoveDown => app.move_item(true),
        Command::MoveUp => app.move_item(false),
        Command::Undo => app.undo(),
        Command::Redo => app.redo(),
        Command::Save => return app.request_save(false),
        Command::Reload => return app.request_reload(Resolutions::default()),
        Command::SaveAs => app.open_save_as(),
        Command::Suspend => return Effect::Suspend,
        Command::Quit => return app.quit(),
        // Keys of other modes.
        Command::DeleteBackward
        | Command::DeleteWord
        | Command::ClearInput
        | Command::NextValue
        | Command::PreviousValue
        | Command::NextField
        | Command::PreviousField
        | Command::Confirm
        | Command::Accept
        | Command::Discard
        | Command::KeepMine
        | Command::TakeTheirs
        | Command::TypeValue
        | Command::TakeBase
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
        | Command::Close => {}
    }
    Effect::None
}
