//! What a key can ask for. Each command's `///` doc is the text of the help overlay and its
//! label the text of the key-hint bar, so neither is ever typed twice.

macro_rules! commands {
    ($( $(#[doc = $doc:literal])+ $name:ident => $label:literal, )+) => {
        /// Something the user asks for with a key; the keymap turns keys into these.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[doc = $doc])+ $name, )+
        }

        impl Command {
            /// Every command, in the order the help overlay lists them.
            pub const ALL: &[Command] = &[$(Command::$name),+];

            /// The command's doc comment: one sentence for the help overlay.
            pub fn doc(self) -> &'static str {
                match self {
                    $( Command::$name => concat!($($doc),+).trim_ascii(), )+
                }
            }

            /// A word or two for the key-hint bar.
            pub fn label(self) -> &'static str {
                match self {
                    $( Command::$name => $label, )+
                }
            }
        }
    };
}

commands! {
    /// Move the selection up one row.
    Up => "move",
    /// Move the selection down one row.
    Down => "move",
    /// Move the selection up one page.
    PageUp => "page up",
    /// Move the selection down one page.
    PageDown => "page",
    /// Move the selection up half a page.
    HalfPageUp => "half page up",
    /// Move the selection down half a page.
    HalfPageDown => "half page",
    /// Jump to the first row.
    Top => "top",
    /// Jump to the last row.
    Bottom => "bottom",
    /// Open the selected row: a province's cooperatives, a cooperative's page, an item's
    /// provinces, or a province's entry on an item in full.
    Enter => "open",
    /// Go back to where you came from.
    Back => "back",
    /// Switch to the next view.
    NextView => "view",
    /// Switch to the previous view.
    PreviousView => "previous view",
    /// Show the provinces.
    ShowProvinces => "provinces",
    /// Show the cooperatives of the selected province.
    ShowCooperatives => "cooperatives",
    /// Show the year-end plan.
    ShowPlan => "plan",
    /// Search everything: provinces, cooperatives, plan items and notes.
    Search => "search",
    /// Jump to the next result of the last search.
    NextResult => "next result",
    /// Jump to the previous result of the last search.
    PreviousResult => "previous result",
    /// Open the filters of the current list (cooperatives or plan).
    Filter => "filter",
    /// Clear every filter and the sort order.
    ClearFilters => "clear filters",
    /// Sort the cooperatives by the next key: name, members, founded, latest rating.
    Sort => "sort",
    /// Reverse the sort order.
    ReverseSort => "reverse sort",
    /// Delete the character before the cursor.
    DeleteBackward => "delete",
    /// Delete the word before the cursor.
    DeleteWord => "delete word",
    /// Clear the query.
    ClearInput => "clear",
    /// Choose the next value of the selected filter.
    NextValue => "change",
    /// Choose the previous value of the selected filter.
    PreviousValue => "change back",
    /// Cycle the selected province's status on the item: not started, in progress, done.
    CycleStatus => "status",
    /// Mark the selected province's entry not applicable (again: not started).
    NotApplicable => "n/a",
    /// Edit the selected row: a province's note on an item, a plan item, a cooperative.
    Edit => "edit",
    /// Add a plan item after the selected one, or a cooperative to the province shown.
    Add => "add",
    /// Delete the selected plan item or cooperative, after asking (undo brings it back).
    Delete => "delete",
    /// Move the selected plan item down.
    MoveDown => "move down",
    /// Move the selected plan item up.
    MoveUp => "move up",
    /// Go to the next field of the form.
    NextField => "next field",
    /// Go to the previous field of the form.
    PreviousField => "previous field",
    /// Undo the last edit.
    Undo => "undo",
    /// Redo the last undone edit.
    Redo => "redo",
    /// Save to the file.
    Save => "save",
    /// Save under a new name (for a read-only file or a full disk).
    SaveAs => "save as",
    /// Yes: save even though the file's owner or group changes.
    Confirm => "yes",
    /// Keep what was typed in the form or the note editor.
    Accept => "keep",
    /// Read the file again (after someone else saved it); unsaved edits are carried over.
    Reload => "reload",
    /// Quit without saving (the edits are dropped, the recovery journal too).
    Discard => "discard",
    /// Settle the conflict shown with your value.
    KeepMine => "mine",
    /// Settle the conflict shown with the value in the file (theirs).
    TakeTheirs => "theirs",
    /// Type the value for the conflict shown.
    TypeValue => "type",
    /// Move the cursor one letter left (on a choice: the previous value).
    CursorLeft => "left",
    /// Move the cursor one letter right (on a choice: the next value).
    CursorRight => "right",
    /// Move the cursor one line up.
    CursorUp => "line up",
    /// Move the cursor one line down.
    CursorDown => "line down",
    /// Break the line here (notes may have several lines).
    NewLine => "new line",
    /// Move the cursor to the start of the line.
    LineStart => "start",
    /// Move the cursor to the end of the line.
    LineEnd => "end",
    /// Delete the character under the cursor.
    DeleteForward => "delete",
    /// Yes: do what the question asks.
    Yes => "yes",
    /// No: leave things as they are.
    No => "no",
    /// Close this page.
    Close => "close",
    /// Show or hide this help.
    ToggleHelp => "help",
    /// Give the terminal back to the shell (fg brings htx back; unsaved edits stay journaled).
    Suspend => "suspend",
    /// Quit htx.
    Quit => "quit",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_sentence_and_a_label() {
        for command in Command::ALL {
            let doc = command.doc();
            assert!(
                doc.ends_with('.') && !doc.starts_with(' '),
                "{command:?}: {doc:?}"
            );
            assert!(!command.label().is_empty());
        }
        assert_eq!(Command::Quit.doc(), "Quit htx.");
    }
}
