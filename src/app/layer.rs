//! What has the keyboard. The list views are at the bottom; everything opened over them (the
//! help, the search prompt, the filter popup, an editor, a form, a dialog, a question) is a
//! [`Layer`] on a stack, drawn bottom to top, and the top one takes the keys. A dialog that a
//! finished save raises goes on top of whatever the user was doing, which is there again
//! once it is answered.

use super::edit::{Dialog, NoteEditor};
use super::form::Form;
use super::search::Search;
use super::{App, Mode};

/// One thing open over the list views.
#[derive(Clone, Debug)]
pub enum Layer {
    /// The help overlay, scrolled this many lines.
    Help {
        scroll: usize,
    },
    Search(Search),
    /// The filter popup, on this row.
    Filter {
        row: usize,
    },
    /// The selected province's entry on the selected plan item, in full, scrolled this many
    /// lines.
    Entry {
        scroll: usize,
    },
    Note(NoteEditor),
    Form(Form),
    Dialog(Dialog),
    /// A yes/no question about what is under it.
    Question(Question),
}

/// A question answered with one key: `y` does it, `n` or Esc leaves things as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// Esc in a note editor or a form whose text changed: throw the typing away?
    DiscardTyping,
    /// `d` on a plan item: delete it with every province's progress?
    DeleteItem { item: usize },
    /// `d` on a cooperative: delete it?
    DeleteCooperative { cooperative: usize },
}

impl Layer {
    /// The keymap's table for this layer.
    pub fn mode(&self) -> Mode {
        match self {
            Layer::Help { .. } => Mode::Help,
            Layer::Search(_) => Mode::Search,
            Layer::Filter { .. } => Mode::Filter,
            Layer::Entry { .. } => Mode::Read,
            Layer::Note(_) => Mode::Edit,
            Layer::Form(_) => Mode::Form,
            // A value typed for a conflict is typed in an editor inside the dialog.
            Layer::Dialog(Dialog::Conflicts(settling)) if settling.editing.is_some() => Mode::Edit,
            Layer::Dialog(_) => Mode::Dialog,
            Layer::Question(_) => Mode::Question,
        }
    }
}

/// For each kind of layer: `app.NAME()` and `app.NAME_mut()` give the open one, wherever it
/// is on the stack, and `app.take_NAME()` closes it and hands it over.
macro_rules! layer_access {
    ($( $name:ident, $name_mut:ident, $take:ident: $variant:ident => $ty:ty; )+) => {
        impl App {
            $(
                pub fn $name(&self) -> Option<&$ty> {
                    self.layers.iter().rev().find_map(|layer| match layer {
                        Layer::$variant(value) => Some(value),
                        _ => None,
                    })
                }

                pub fn $name_mut(&mut self) -> Option<&mut $ty> {
                    self.layers.iter_mut().rev().find_map(|layer| match layer {
                        Layer::$variant(value) => Some(value),
                        _ => None,
                    })
                }

                pub(super) fn $take(&mut self) -> Option<$ty> {
                    let at = self
                        .layers
                        .iter()
                        .rposition(|layer| matches!(layer, Layer::$variant(_)))?;
                    match self.layers.remove(at) {
                        Layer::$variant(value) => Some(value),
                        _ => None,
                    }
                }
            )+
        }
    };
}

layer_access! {
    search, search_mut, take_search: Search => Search;
    editor, editor_mut, take_editor: Note => NoteEditor;
    form, form_mut, take_form: Form => Form;
    dialog, dialog_mut, take_dialog: Dialog => Dialog;
    question, question_mut, take_question: Question => Question;
}

impl App {
    /// Which keys apply now: the top layer's, or the list views'.
    pub fn mode(&self) -> Mode {
        self.layers.last().map_or(Mode::Browse, Layer::mode)
    }

    /// Opens `layer` over everything.
    pub(super) fn open(&mut self, layer: Layer) {
        self.layers.push(layer);
    }

    /// Closes the top layer.
    pub(super) fn close_top(&mut self) -> Option<Layer> {
        self.layers.pop()
    }

    /// The help overlay's scroll, while it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        self.layers.iter().rev().find_map(|layer| match layer {
            Layer::Help { scroll } => Some(*scroll),
            _ => None,
        })
    }

    /// The entry page's scroll, while it is open.
    pub fn entry_scroll(&self) -> Option<usize> {
        self.layers.iter().rev().find_map(|layer| match layer {
            Layer::Entry { scroll } => Some(*scroll),
            _ => None,
        })
    }

    /// The filter popup's row, while it is open.
    pub fn filter_row(&self) -> Option<usize> {
        self.layers.iter().rev().find_map(|layer| match layer {
            Layer::Filter { row } => Some(*row),
            _ => None,
        })
    }
}
