//! The full-screen interface's words in each language: titles, column heads, hints, help,
//! questions, messages, forms. The key-hint and help text of each command live beside the
//! command (`app::command`).

use crate::model::ProgressStatus;

/// Every string of the full-screen interface, in one language.
pub struct Tui {
    /// The four statuses of a province's entry on a plan item, as the screen shows them.
    pub status: fn(ProgressStatus) -> &'static str,
}

pub const EN: Tui = Tui {
    status: |status| match status {
        ProgressStatus::NotStarted => "not started",
        ProgressStatus::InProgress => "in progress",
        ProgressStatus::Done => "done",
        ProgressStatus::NotApplicable => "n/a",
    },
};

pub const VI: Tui = Tui {
    status: |status| match status {
        ProgressStatus::NotStarted => "chưa làm",
        ProgressStatus::InProgress => "đang làm",
        ProgressStatus::Done => "đã xong",
        ProgressStatus::NotApplicable => "không áp dụng",
    },
};
