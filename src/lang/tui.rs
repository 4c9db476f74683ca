//! The full-screen interface's words in each language: titles, column heads, hints, help,
//! questions, messages, forms. The key-hint and help text of each command live beside the
//! command (`app::command`).

use crate::model::edit::Reason;
use crate::model::merge::RecordKey;
use crate::model::settle::Unsettled;
use crate::model::{CooperativeStatus, Origin, ProgressStatus};

/// Every string of the full-screen interface, in one language.
pub struct Tui {
    /// The four statuses of a province's entry on a plan item, as the screen shows them.
    pub status: fn(ProgressStatus) -> &'static str,

    // The frame: title line, totals, tabs
    /// The window is smaller than htx can draw in: its size, the size needed, the key that quits.
    pub too_small: fn(u16, u16, u16, u16, &str) -> String,
    /// The title line while a save runs (an ellipsis follows).
    pub saving: &'static str,
    /// The title line after the count of unsaved edits.
    pub unsaved: &'static str,
    /// The date of the region's figures in the title line.
    pub as_of: fn(&str) -> String,
    /// Cooperative groups, cooperatives and unions after their counts, when the line has room.
    pub totals_long: [&'static str; 3],
    /// The same, short.
    pub totals_short: [&'static str; 3],
    /// The four views' tabs, after their keys 1, 2, 3, 4.
    pub tabs: [&'static str; 4],
    /// The dashboard's words.
    pub dashboard: DashboardWords,

    // The provinces view
    /// The provinces table's title with their number.
    pub provinces_title: fn(usize) -> String,
    /// Column heads: code, province, kind, cooperatives, plan done.
    pub provinces_head: [&'static str; 5],
    /// The pane's title when no province is selected.
    pub province: &'static str,
    /// After the province's name.
    pub code_is: fn(&str) -> String,
    /// The 2025 province a province became part of: name, code.
    pub successor: fn(&str, &str) -> String,
    /// A province's cooperatives in the data and their members.
    pub cooperatives_and_members: fn(&str, &str) -> String,
    /// Cooperatives that asked to join the provincial alliance, and the date of the figure.
    pub new_members: fn(&str, &str) -> String,
    /// Before a province's counts of plan items by status.
    pub plan_counts: &'static str,

    // The cooperatives view and a cooperative's page
    /// The pane's title when no cooperative is selected.
    pub cooperative: &'static str,
    /// How many rows the filters let through, of how many.
    pub n_of_total: fn(&str, &str) -> String,
    /// The cooperatives table's title: the province and the count.
    pub cooperatives_title: fn(&str, &str) -> String,
    /// Why the table is empty: the province has no cooperative in the data.
    pub no_cooperatives: fn(&str) -> String,
    /// After the key that goes back.
    pub back_to_provinces: &'static str,
    /// Why the table is empty: the filters let none through.
    pub none_match: fn(&str, &str) -> String,
    /// After the key that opens the filters.
    pub changes_filters: &'static str,
    /// Column heads: name, sector, rating, members, alliance member since.
    pub cooperatives_head: [&'static str; 5],
    /// No (not an alliance member, in a table cell).
    pub no: &'static str,
    /// A cooperative's members and year founded, and what stands between them.
    pub members_founded: fn(&str, &str, &str) -> String,
    /// Whether a cooperative is trading.
    pub coop_status: fn(CooperativeStatus) -> &'static str,
    /// The year a cooperative joined the provincial alliance.
    pub member_since: fn(u16) -> String,
    /// A cooperative outside the provincial alliance.
    pub not_member: &'static str,
    /// A cooperative's ratings, newest first.
    pub ratings_are: fn(&str) -> String,
    /// Nothing (no rating, no sector).
    pub none: &'static str,
    /// The key that goes back, in a title.
    pub back: &'static str,

    // The plan view
    /// The whole plan's share done, in its title.
    pub percent_done: fn(u32) -> String,
    /// Column heads of the plan items: id, title, due date, share done.
    pub items_head: [&'static str; 4],
    /// The pane's title when no item is selected.
    pub item: &'static str,
    /// An item's due date.
    pub due_on: fn(&str) -> String,
    /// Who carries out an item.
    pub owner_is: fn(&str) -> String,
    /// The title of a province's entry on an item.
    pub entry: &'static str,
    /// How many provinces the filters let through, of how many.
    pub n_of: fn(usize, usize) -> String,
    /// The province list's title when no item is selected.
    pub provinces_pane: &'static str,
    /// The province list's title: the item's id.
    pub provinces_on: fn(&str) -> String,
    /// Column heads of the provinces on an item.
    pub progress_head: [&'static str; 4],

    // Search, filters, forms, the note editor, the entry page, the help
    /// While the search runs (an ellipsis follows).
    pub searching: &'static str,
    /// The empty search prompt.
    pub search_prompt: &'static str,
    /// When there are more results than are shown.
    pub best_results: fn(usize) -> String,
    /// How many results, the number grouped.
    pub results: fn(usize, &str) -> String,
    /// The search prompt's title.
    pub search: &'static str,
    /// A result that is a province.
    pub tag_province: &'static str,
    /// A result that is a plan item or an entry.
    pub tag_plan: &'static str,
    /// A result that is a cooperative.
    pub tag_cooperative: &'static str,
    /// Keys that move between filters.
    pub choose: &'static str,
    /// Keys that change a filter.
    pub change: &'static str,
    /// The key that clears.
    pub clear: &'static str,
    /// The key that closes.
    pub close: &'static str,
    /// The filter popup's title.
    pub filters: &'static str,
    /// The key to the next field.
    pub next: &'static str,
    /// The key that keeps what was typed.
    pub keep: &'static str,
    /// The key that cancels.
    pub cancel: &'static str,
    /// The note editor's title: item, separator, province.
    pub note_title: fn(&str, &str, &str) -> String,
    /// The help's title.
    pub keys: &'static str,
    /// The help's title: the keys that scroll and close it.
    pub help_scroll: fn(&str, &str, &str) -> String,

    // The help and the pages of an entry and a cooperative
    /// The help's sections, one for each mode in the order of `app::Mode::ALL`.
    pub help_headings: [&'static str; 9],
    /// The help's last section: the abbreviations the screen uses.
    pub terms_heading: &'static str,
    /// Each abbreviation and what it stands for.
    pub terms: [(&'static str, &'static str); 6],
    /// Labels of a cooperative's fields on its page.
    pub field_labels: CooperativeLabels,
    /// The year a cooperative joined the alliance, on its page.
    pub since: fn(u16) -> String,
    /// A cooperative without ratings.
    pub not_rated: &'static str,
    /// One rating: year, grade, scheme, score.
    pub rating_line: fn(u16, &str, &str, Option<u8>) -> String,
    /// The entry page's label of the province.
    pub province_label: &'static str,
    /// The entry page's label of the status.
    pub status_label: &'static str,
    /// The entry page's label of the due date.
    pub due_label: &'static str,
    /// The entry page's label of the last change.
    pub changed_label: &'static str,
    /// Who changed an entry last and when (UTC).
    pub changed: fn(Option<&str>, Option<&str>) -> String,
    /// An entry without a note.
    pub no_note: &'static str,

    // Questions and conflicts
    /// The title of the question on quitting with unsaved edits.
    pub unsaved_edits: &'static str,
    /// How many records are not saved, and to which file.
    pub not_saved_to: fn(usize, &str) -> String,
    pub save_and_quit: &'static str,
    pub quit_without_saving: &'static str,
    pub go_back: &'static str,
    /// The title of the editor of a conflict's value.
    pub value_for: fn(&str) -> String,
    /// The title of the question when a save would change the file's owner.
    pub owner_would_change: &'static str,
    pub save_anyway: &'static str,
    pub save_elsewhere: &'static str,
    pub not_now: &'static str,
    pub throw_away_title: &'static str,
    pub throw_away_text: &'static str,
    pub throw_away: &'static str,
    pub keep_editing: &'static str,
    pub delete_item_title: &'static str,
    /// The item to delete: id, title, how many provinces' entries go with it.
    pub delete_item_text: fn(&str, &str, usize) -> String,
    pub delete_it: &'static str,
    pub keep_it: &'static str,
    pub delete_cooperative_title: &'static str,
    /// After the key that undoes.
    pub undoes: &'static str,
    /// A record a conflict is about.
    pub record_key: fn(&RecordKey) -> String,
    /// A province a conflict is about, by its name and code.
    pub province_named: fn(&str) -> String,
    /// A record deleted on this side and changed in the file.
    pub deleted_here: &'static str,
    /// A record changed on this side and deleted in the file.
    pub deleted_there: &'static str,
    /// A record added with one id on both sides, differently.
    pub added_both: &'static str,
    /// A field's name as a person reads it; the file's own name when it has none.
    pub field: fn(&str) -> &str,
    /// The conflict shown, of how many.
    pub conflict_title: fn(usize, usize) -> String,
    /// An empty value in a conflict.
    pub empty: &'static str,
    /// A side where the record does not exist.
    pub no_such_record: &'static str,
    pub waiting_save: &'static str,
    pub waiting_reload: &'static str,
    pub both_changed: &'static str,
    /// Labels of the value both sides started from, mine and theirs, padded to one width.
    pub conflict_sides: [&'static str; 3],
    pub keep_mine: &'static str,
    pub take_theirs: &'static str,
    pub type_value: &'static str,
    pub decide_later: &'static str,
    pub take_base: &'static str,
    /// Closing the list of the file's conflicts.
    pub settle_later: &'static str,
    /// `b` on a conflict with no value both sides started from.
    pub no_base: &'static str,
    /// The list of the file's conflicts: what it is.
    pub merge_left: &'static str,
    /// The list of the file's conflicts: what a choice does.
    pub waiting_file: &'static str,
    /// `C` in a file without conflicts.
    pub no_conflicts_in_file: &'static str,
    /// A choice that cannot settle the conflict, and why.
    pub not_settled: fn(&Unsettled) -> String,
    pub all_settled: &'static str,
    /// After the save key's name.
    pub saves_clean: &'static str,
    /// The file's conflicts left when their list is closed.
    pub conflicts_left: fn(usize) -> String,
    /// After the name of the key that lists the conflicts.
    pub lists_them: &'static str,

    // Small words of the widgets
    /// Where a scrolled page is: first row, range mark, last row, rows in all.
    pub position: fn(usize, &str, usize, usize) -> String,
    /// A share that cannot be counted (no province the item applies to).
    pub not_applicable: &'static str,

    // The key-hint bar
    /// The key-hint bar's words.
    pub hints: HintWords,

    // Messages of editing, saving and reloading
    /// The recovery journal cannot be written.
    pub journal_failed: fn(&str) -> String,
    /// Why an edit could not be made.
    pub rejected: fn(&Reason) -> String,
    /// An edit that could not be applied.
    pub not_applied: fn(&str) -> String,
    /// A key that acts on a province's entry, pressed elsewhere.
    pub choose_entry_first: &'static str,
    /// A note that could not be kept.
    pub note_not_kept: fn(&str) -> String,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    /// An undone edit, by its record.
    pub undid: fn(&str) -> String,
    /// A redone edit, by its record.
    pub redid: fn(&str) -> String,
    pub cannot_undo: fn(&str) -> String,
    pub cannot_redo: fn(&str) -> String,
    pub already_saving: &'static str,
    pub reloading_first: &'static str,
    pub no_changes: &'static str,
    pub saving_now: &'static str,
    pub saving_first: &'static str,
    pub already_reloading: &'static str,
    pub reloading: &'static str,
    pub reloaded_carried: fn(&str) -> String,
    pub reloaded: fn(&str) -> String,
    pub not_reloaded: fn(&str) -> String,
    pub saved: fn(&str) -> String,
    pub saved_as: fn(&str) -> String,
    pub saved_merged: fn(&str) -> String,
    /// A conflict over a whole record cannot take a typed value.
    pub whole_record: &'static str,
    /// Save as, with no name typed.
    pub type_file_name: &'static str,

    // Filters and sort
    /// The cooperatives' sort keys: name, members, founded, latest rating.
    pub sort_keys: [&'static str; 4],
    /// The filters: sector, latest grade, alliance member, status, overdue only.
    pub filter_rows: [&'static str; 5],
    /// A filter that lets everything through.
    pub any: &'static str,
    pub yes: &'static str,
    /// The overdue filter before the clock has said the date.
    pub today_unknown: &'static str,
    /// An active filter in a list's title: its name, its value.
    pub filter_is: fn(&str, &str) -> String,
    /// The sort in a list's title: the key, the arrow.
    pub sorted_by: fn(&str, &str) -> String,
    /// The plan's status filter in a title.
    pub status_is: fn(&str) -> String,
    /// The plan's overdue filter in a title.
    pub overdue: &'static str,

    // Forms
    /// The labels of a form's fields.
    pub form: FormLabels,
    /// A number field that holds something else: its label, the text.
    pub not_a_number: fn(&str, &str) -> String,
    /// A date field that holds something else.
    pub not_a_date: fn(&str) -> String,
    /// A date that does not exist.
    pub no_such_date: fn(&str) -> String,
    pub new_item: &'static str,
    pub item_titled: fn(&str) -> String,
    pub new_cooperative: &'static str,
    pub cooperative_titled: fn(&str) -> String,
    pub save_as: &'static str,
    pub not_an_item: &'static str,
    pub id_fixed: &'static str,
    pub not_a_cooperative: &'static str,
    pub rating_year_needed: &'static str,
    /// After the delete key, pressed where nothing can be deleted.
    pub deletes_what: &'static str,
    /// After the undo key, once a record is deleted.
    pub undoes_deleting: fn(&str) -> String,

    // Messages of the list views
    /// A command the keymap gives no key, named by its hint word.
    pub no_key: fn(&str) -> String,
    /// The file was saved by another session.
    pub changed_on_disk: fn(&str) -> String,
    /// After the filter key, pressed where there is nothing to filter.
    pub filters_what: &'static str,
    pub filters_cleared: &'static str,
    /// After the edit key, pressed where there is nothing to edit.
    pub edits_what: &'static str,
    /// After the add key, pressed where nothing can be added.
    pub adds_what: &'static str,
    /// Conflicts left for later.
    pub nothing_written: &'static str,
    /// The search result gone to, of how many.
    pub result_of_next: fn(usize, usize) -> String,
    pub no_search_yet: &'static str,
    /// The search result gone to, of how many, for which query.
    pub result_of_for: fn(usize, usize, &str) -> String,

    // Where records come from
    /// Where a record comes from, and what an edit does to an invented one.
    pub origin: fn(Origin) -> &'static str,
    /// What a page says of the fields a record marks as invented, and what typing over one does.
    pub invented: fn(Origin) -> &'static str,
    /// The label of the fields a record marks as invented.
    pub illustrative_label: &'static str,
    /// A value marked as invented.
    pub marked_illustrative: fn(&str) -> String,
    /// An invented entry, on the entry page (one short line).
    pub entry_illustrative: &'static str,
    /// The entry page's label of where the entry comes from.
    pub record_label: &'static str,
    /// Where an invented plan item comes from, under its text.
    pub this_item: fn(&str) -> String,
    /// An edit of an invented record, kept.
    pub kept_illustrative: fn(&str) -> String,
    /// An edit that typed over invented fields, kept: the id, the fields.
    pub kept_claimed: fn(&str, &str) -> String,
}

pub const EN: Tui = Tui {
    status: |status| match status {
        ProgressStatus::NotStarted => "not started",
        ProgressStatus::InProgress => "in progress",
        ProgressStatus::Done => "done",
        ProgressStatus::NotApplicable => "n/a",
    },

    // The frame: title line, totals, tabs
    too_small: |width, height, min_width, min_height, quit| {
        format!(
            "Terminal too small ({width}×{height}). htx needs {min_width}×{min_height}; enlarge the window or press {quit}."
        )
    },
    saving: "saving",
    unsaved: "unsaved",
    as_of: |date| format!("as of {date}"),
    totals_long: ["cooperative groups", "cooperatives", "cooperative unions"],
    totals_short: ["THT", "HTX", "LH HTX"],
    tabs: ["Provinces", "Cooperatives", "Plan", "Dashboard"],
    dashboard: DashboardWords {
        matrix: "Plan progress",
        item: "Item",
        done: "Done",
        entry: |item, status| format!("{item}: {status}"),
        ratings: "Ratings against the report",
        region: "Region",
        stated: "report",
        unrated: "Unrated",
        no_ratings: "No cooperative in the data has a rating.",
        sectors: "Sectors",
        sectors_shown: |shown, all| format!("{shown}/{all}"),
        no_cooperatives: "No cooperative in the data.",
        members: |year| format!("New members {year}"),
        members_head: ["Province", "Report", "Data"],
        overdue: "Overdue",
        nothing_overdue: "Nothing is overdue.",
        overdue_item: |item, due, count| {
            let provinces = if count == 1 { "province" } else { "provinces" };
            format!("{item} due {due}, {count} {provinces}:")
        },
    },

    // The provinces view
    provinces_title: |n| format!(" Provinces ({n}) "),
    provinces_head: ["Code", "Province", "Kind", "HTX", "Plan done"],
    province: " Province ",
    code_is: |code| format!("code {code}"),
    successor: |name, code| format!("Since 1 July 2025 part of {name} ({code})"),
    cooperatives_and_members: |count, members| {
        format!("{count} cooperatives in the data, {members} members")
    },
    new_members: |count, date| format!("Asked to join the alliance: {count} HTX (as of {date})"),
    plan_counts: "Plan: ",

    // The cooperatives view and a cooperative's page
    cooperative: " Cooperative ",
    n_of_total: |n, total| format!("{n} of {total}"),
    cooperatives_title: |province, count| format!(" Cooperatives of {province} ({count}) "),
    no_cooperatives: |province| format!("No cooperatives of {province} in this dataset."),
    back_to_provinces: "goes back to the provinces.",
    none_match: |total, province| {
        format!("None of the {total} cooperatives of {province} match the filters.")
    },
    changes_filters: "changes them.",
    cooperatives_head: ["Name", "Sector", "Rating", "Members", "Alliance"],
    no: "no",
    members_founded: |members, founded, separator| {
        format!("{members} members{separator}founded {founded}")
    },
    coop_status: |status| match status {
        CooperativeStatus::Operating => "operating",
        CooperativeStatus::Suspended => "suspended",
        CooperativeStatus::Dissolved => "dissolved",
    },
    member_since: |year| format!("Alliance member since {year}"),
    not_member: "Not an alliance member",
    ratings_are: |ratings| format!("Ratings: {ratings}"),
    none: "none",
    back: "back",

    // The plan view
    percent_done: |percent| format!("{percent}% done"),
    items_head: ["Id", "Action item", "Due", "Done"],
    item: " Item ",
    due_on: |date| format!("due {date}"),
    owner_is: |owner| format!("owner {owner}"),
    entry: " Entry ",
    n_of: |n, total| format!("({n} of {total})"),
    provinces_pane: " Provinces ",
    provinces_on: |item| format!(" Provinces on {item} "),
    progress_head: ["Province", "Status", "Note", "Changed"],

    // Search, filters, forms, the note editor, the entry page, the help
    searching: "searching",
    search_prompt: "type to search names, codes, ids, districts and notes",
    best_results: |n| format!("best {n} results"),
    results: |n, grouped| format!("{grouped} result{}", if n == 1 { "" } else { "s" }),
    search: " Search ",
    tag_province: "province",
    tag_plan: "plan",
    tag_cooperative: "HTX",
    choose: "choose",
    change: "change",
    clear: "clear",
    close: "close",
    filters: " Filters ",
    next: "next",
    keep: "keep",
    cancel: "cancel",
    note_title: |item, separator, province| format!(" Note: {item}{separator}{province} "),
    keys: " Keys ",
    help_scroll: |down, up, close| format!("({down}/{up} scroll, {close} closes)"),

    // The help and the pages of an entry and a cooperative
    help_headings: [
        "Moving around and editing",
        "Reading an entry (Enter on a province in the plan)",
        "In the search prompt (/); printable keys type",
        "In the filter popup (f)",
        "In the note editor (e); printable keys type",
        "In a form (a, e, w); printable keys type",
        "When htx asks (quit, conflicts, the file's owner)",
        "Yes or no (delete, throw away typing)",
        "In this help",
    ],
    terms_heading: "Terms on the screen",
    terms: [
        (
            "THT",
            "tổ hợp tác: a cooperative group, a looser group than a cooperative.",
        ),
        ("HTX", "hợp tác xã: a cooperative."),
        ("LH HTX", "liên hiệp hợp tác xã: a union of cooperatives."),
        (
            "LM HTX",
            "Liên minh hợp tác xã: a province's Cooperative Alliance, the users of htx.",
        ),
        (
            "khá giỏi",
            "rated good or better (Tốt or Khá) in the year's rating of cooperatives.",
        ),
        (
            "n/a",
            "not applicable: the plan item does not apply to that province.",
        ),
    ],
    field_labels: CooperativeLabels {
        id: "Id",
        province: "Province",
        district: "District",
        sector: "Sector",
        founded: "Founded",
        members: "Members",
        status: "Status",
        alliance: "Alliance member",
        record: "Record",
        ratings: "Ratings",
        notes: "Notes",
    },
    since: |year| format!("since {year}"),
    not_rated: "not rated",
    rating_line: |year, grade, scheme, score| match score {
        Some(score) => format!("{year}  {grade}  (scheme {scheme}, score {score}/100)"),
        None => format!("{year}  {grade}  (scheme {scheme})"),
    },
    province_label: "Province",
    status_label: "Status",
    due_label: "Due",
    changed_label: "Changed",
    changed: |by, at| match (by, at) {
        (Some(by), Some(at)) => format!("{at} UTC by {by}"),
        (Some(by), None) => format!("by {by}"),
        (None, Some(at)) => format!("{at} UTC"),
        (None, None) => String::new(),
    },
    no_note: "(no note)",

    // Questions and conflicts
    unsaved_edits: " Unsaved edits ",
    not_saved_to: |n, file| {
        format!(
            "{n} {} not saved to {file}.",
            if n == 1 { "record is" } else { "records are" }
        )
    },
    save_and_quit: "save and quit",
    quit_without_saving: "quit without saving",
    go_back: "go back",
    value_for: |subject| format!(" Value for {subject} "),
    owner_would_change: " Owner would change ",
    save_anyway: "save anyway (the file becomes yours)",
    save_elsewhere: "save under another name",
    not_now: "not now (your edits stay unsaved)",
    throw_away_title: " Throw away your typing? ",
    throw_away_text: "What you typed has not been kept.",
    throw_away: "throw it away",
    keep_editing: "keep editing",
    delete_item_title: " Delete this plan item? ",
    delete_item_text: |id, title, entries| {
        format!(
            "{id} {title} and the progress of {entries} province{} on it.",
            if entries == 1 { "" } else { "s" }
        )
    },
    delete_it: "delete it",
    keep_it: "keep it",
    delete_cooperative_title: " Delete this cooperative? ",
    undoes: "undoes",
    record_key: |record| match record {
        RecordKey::File => "the file".to_string(),
        RecordKey::Region => "the region".to_string(),
        RecordKey::Plan => "the plan".to_string(),
        RecordKey::ItemOrder => "the order of the plan items".to_string(),
        RecordKey::Sector(id) => format!("sector {id}"),
        RecordKey::Province(code) => format!("province {code}"),
        RecordKey::Cooperative(id) => format!("cooperative {id}"),
        RecordKey::Item(id) => format!("plan item {id}"),
        RecordKey::Progress { item, province } => format!("{item} / province {province}"),
    },
    province_named: |name| format!("province {name}"),
    deleted_here: "deleted here, changed there",
    deleted_there: "changed here, deleted there",
    added_both: "added on both sides",
    field: |field| match field {
        "alliance_member_since" => "alliance member since",
        "changed_by" => "changed by",
        "changed_at" => "changed at",
        "cooperative_groups" => "cooperative groups",
        "rating_shares" => "rating shares",
        "new_members" => "new members",
        "as_of" => "as of",
        "schema_version" => "schema version",
        other => other,
    },
    conflict_title: |at, of| format!(" Conflict {at} of {of} "),
    empty: "(empty)",
    no_such_record: "(no such record)",
    waiting_save: "Nothing is written until every conflict is settled.",
    waiting_reload: "Nothing changes here until every conflict is settled.",
    both_changed: "Both you and the file changed this, differently.",
    conflict_sides: ["  was:    ", "  mine:   ", "  theirs: "],
    keep_mine: "keep mine",
    take_theirs: "take theirs",
    type_value: "type the value",
    decide_later: "decide later (your edits stay unsaved)",
    take_base: "take the value both started from",
    settle_later: "settle later (the file keeps them until then)",
    no_base: "This conflict has no value both sides started from.",
    merge_left: "A merge kept these conflicts in the file; the data holds ours until settled.",
    waiting_file: "Each choice is an edit, undone like any other; once all are settled, a save \
                   writes a clean file.",
    no_conflicts_in_file: "The file holds no conflicts from a merge.",
    not_settled: |why| match why {
        Unsettled::NotListed => "Not settled: the conflict is no longer in the data.".into(),
        Unsettled::NotOffered => "Not settled: this conflict does not offer that choice.".into(),
        Unsettled::RecordGone => "Not settled: its record is no longer in the data.".into(),
        Unsettled::BadValue(why) => format!("Not settled: the value does not read ({why})."),
    },
    all_settled: "Every conflict from the merge is settled",
    saves_clean: "saves a clean file",
    conflicts_left: |left| {
        format!(
            "{left} conflict{} from a merge left in the file",
            if left == 1 { "" } else { "s" }
        )
    },
    lists_them: "lists them",

    // Small words of the widgets
    position: |first, range, last, total| format!("{first}{range}{last} of {total}"),
    not_applicable: "n/a",

    // The key-hint bar
    hints: HintWords {
        move_to: "move",
        cooperatives: "cooperatives",
        plan: "plan",
        details: "details",
        edit: "edit",
        add: "add",
        delete: "delete",
        provinces: "provinces",
        filter: "filter",
        sort: "sort",
        scroll: "scroll",
        back: "back",
        reorder: "reorder",
        status: "status",
        not_applicable: "n/a",
        note: "note",
        read: "read",
        items: "items",
        undo: "undo",
        save: "save",
        reload: "reload",
        next_result: "next result",
        search: "search",
        view: "view",
        quit: "quit",
        edit_note: "edit note",
        close: "close",
        go: "go",
        clear: "clear",
        cancel: "cancel",
        change: "change",
        clear_all: "clear all",
        keep: "keep",
        new_line: "new line",
        next_field: "next field",
        page: "page",
        top_end: "top/end",
        across: "province",
        in_plan: "in plan",
    },

    // Messages of editing, saving and reloading
    journal_failed: |reason| {
        format!(
            "The recovery journal cannot be written ({reason}); your edits are kept here: save them (s)"
        )
    },
    rejected: |reason| match reason {
        Reason::ChangedThere(record) => {
            format!("{} was changed by someone else", (EN.record_key)(record))
        }
        Reason::ItemGone(item) => format!("plan item {item} no longer exists"),
    },
    not_applied: |why| format!("Edit not applied: {why}"),
    choose_entry_first: "Choose a province on an item first: 3, select the item, Enter",
    note_not_kept: |why| format!("Not kept: {why}; copy your text, Esc, and edit the note again"),
    nothing_to_undo: "Nothing to undo",
    nothing_to_redo: "Nothing to redo",
    undid: |record| format!("Undid the change to {record}"),
    redid: |record| format!("Redid the change to {record}"),
    cannot_undo: |why| format!("Cannot undo: {why}"),
    cannot_redo: |why| format!("Cannot redo: {why}"),
    already_saving: "Already saving…",
    reloading_first: "Reading the file again first; save in a moment",
    no_changes: "No changes to save",
    saving_now: "Saving…",
    saving_first: "Saving; reload in a moment",
    already_reloading: "Already reading the file again…",
    reloading: "Reloading…",
    reloaded_carried: |file| format!("Reloaded {file}; your unsaved edits are carried over"),
    reloaded: |file| format!("Reloaded {file}"),
    not_reloaded: |why| format!("Not reloaded: {why}"),
    saved: |file| format!("Saved {file}"),
    saved_as: |file| format!("Saved as {file}; htx now edits that file"),
    saved_merged: |file| {
        format!("Saved {file}: someone else had saved meanwhile; both sets of changes are in it")
    },
    whole_record: "A whole record is kept or dropped: m or t",
    type_file_name: "Type the name of a new file",

    // Filters and sort
    sort_keys: ["name", "members", "founded", "latest rating"],
    filter_rows: [
        "Sector",
        "Latest grade",
        "Alliance member",
        "Status",
        "Overdue only",
    ],
    any: "any",
    yes: "yes",
    today_unknown: "Today's date is not known yet; overdue shows nothing",
    filter_is: |name, value| format!("{}: {value}", name.to_lowercase()),
    sorted_by: |key, arrow| format!("by {key} {arrow}"),
    status_is: |status| format!("status: {status}"),
    overdue: "overdue",

    // Forms
    form: FormLabels {
        id: "Id",
        title: "Title",
        detail: "Detail",
        due: "Due (date)",
        owner: "Owner",
        name: "Name",
        district: "District",
        sector: "Sector",
        founded: "Founded (year)",
        members: "Members",
        alliance_since: "Alliance since",
        status: "Status",
        rating_year: "Rating year",
        rating_scheme: "Rating scheme",
        rating_grade: "Rating grade",
        rating_score: "Rating score",
        new_file: "New file",
    },
    not_a_number: |label, text| format!("{label}: “{text}” is not a whole number"),
    not_a_date: |text| format!("“{text}” is not a date; write 21/06/2011 or 2011-06-21"),
    no_such_date: |text| format!("there is no day {text}"),
    new_item: "New plan item",
    item_titled: |id| format!("Plan item {id}"),
    new_cooperative: "New cooperative",
    cooperative_titled: |id| format!("Cooperative {id}"),
    save_as: "Save as",
    not_an_item: "not a plan item",
    id_fixed: "Id: an item's id cannot change (progress and history refer to it)",
    not_a_cooperative: "not a cooperative",
    rating_year_needed: "Rating year: give the year the grade is for",
    deletes_what: "deletes a plan item (3) or a cooperative (2)",
    undoes_deleting: |id| format!("undoes deleting {id}"),

    // Messages of the list views
    no_key: |command| format!("{command}: no key"),
    changed_on_disk: |file| {
        format!(
            "{file} was saved by someone else: R reloads it (your unsaved edits are carried over)"
        )
    },
    filters_what: "filters the cooperatives (2) and the plan (3)",
    filters_cleared: "Filters and sort cleared",
    edits_what: "edits a note or an item (3) or a cooperative (2)",
    adds_what: "adds a plan item (3) or a cooperative (2)",
    nothing_written: "Nothing was written; your edits stay unsaved (s or R asks again)",
    result_of_next: |at, count| format!("Result {at} of {count}; n next, N previous"),
    no_search_yet: "No search yet: / searches",
    result_of_for: |at, count, query| format!("Result {at} of {count} for “{query}”"),

    // Where records come from
    origin: |origin| match origin {
        Origin::Seed => "from the seed report",
        Origin::Illustrative => "illustrative, not a real record (editing keeps it so)",
        Origin::Entered => "entered by people",
    },
    invented: |origin| match origin {
        Origin::Seed => "illustrative, not in the seed report (a value you type is yours)",
        Origin::Illustrative | Origin::Entered => "illustrative (a value you type is yours)",
    },
    illustrative_label: "Illustrative",
    marked_illustrative: |value| format!("{value} (illustrative)"),
    entry_illustrative: "illustrative (edits keep it so)",
    record_label: "Record",
    this_item: |origin| format!("This item: {origin}"),
    kept_illustrative: |id| format!("{id} kept; it is still illustrative, not a real record"),
    kept_claimed: |id, fields| {
        format!("{id} kept; {fields} no longer illustrative: the value is yours")
    },
};

pub const VI: Tui = Tui {
    status: |status| match status {
        ProgressStatus::NotStarted => "chưa làm",
        ProgressStatus::InProgress => "đang làm",
        ProgressStatus::Done => "đã xong",
        ProgressStatus::NotApplicable => "không áp dụng",
    },

    // The frame: title line, totals, tabs
    too_small: |width, height, min_width, min_height, quit| {
        format!(
            "Cửa sổ quá nhỏ ({width}×{height}). htx cần {min_width}×{min_height}; hãy phóng to cửa sổ hoặc nhấn {quit}."
        )
    },
    saving: "đang lưu",
    unsaved: "chưa lưu",
    as_of: |date| format!("số liệu ngày {date}"),
    totals_long: ["tổ hợp tác", "hợp tác xã", "liên hiệp HTX"],
    totals_short: ["THT", "HTX", "LH HTX"],
    tabs: ["Tỉnh", "HTX", "Kế hoạch", "Tổng quan"],
    dashboard: DashboardWords {
        matrix: "Tiến độ kế hoạch",
        item: "Mục",
        done: "Xong",
        entry: |item, status| format!("{item}: {status}"),
        ratings: "Xếp loại đối chiếu báo cáo",
        region: "Vùng",
        stated: "báo cáo",
        unrated: "Chưa xếp loại",
        no_ratings: "Chưa HTX nào trong dữ liệu được xếp loại.",
        sectors: "Lĩnh vực",
        sectors_shown: |shown, all| format!("{shown}/{all}"),
        no_cooperatives: "Dữ liệu chưa có HTX nào.",
        members: |year| format!("Thành viên mới {year}"),
        members_head: ["Tỉnh", "Báo cáo", "Dữ liệu"],
        overdue: "Quá hạn",
        nothing_overdue: "Không có nội dung nào quá hạn.",
        overdue_item: |item, due, count| format!("{item} hạn {due}, {count} tỉnh:"),
    },

    // The provinces view
    provinces_title: |n| format!(" Các tỉnh ({n}) "),
    provinces_head: ["Mã", "Tỉnh", "Loại", "HTX", "Kế hoạch xong"],
    province: " Tỉnh ",
    code_is: |code| format!("mã {code}"),
    successor: |name, code| format!("Từ 01/7/2025 thuộc {name} ({code})"),
    cooperatives_and_members: |count, members| {
        format!("{count} HTX trong dữ liệu, {members} thành viên")
    },
    new_members: |count, date| format!("Xin gia nhập Liên minh: {count} HTX (tính đến {date})"),
    plan_counts: "Kế hoạch: ",

    // The cooperatives view and a cooperative's page
    cooperative: " Hợp tác xã ",
    n_of_total: |n, total| format!("{n}/{total}"),
    cooperatives_title: |province, count| format!(" HTX của {province} ({count}) "),
    no_cooperatives: |province| format!("Dữ liệu chưa có HTX nào của {province}."),
    back_to_provinces: "quay lại danh sách tỉnh.",
    none_match: |total, province| {
        format!("Không HTX nào trong {total} HTX của {province} khớp bộ lọc.")
    },
    changes_filters: "đổi bộ lọc.",
    cooperatives_head: ["Tên", "Lĩnh vực", "Xếp loại", "Thành viên", "Liên minh"],
    no: "không",
    members_founded: |members, founded, separator| {
        format!("{members} thành viên{separator}thành lập năm {founded}")
    },
    coop_status: |status| match status {
        CooperativeStatus::Operating => "đang hoạt động",
        CooperativeStatus::Suspended => "tạm ngừng",
        CooperativeStatus::Dissolved => "đã giải thể",
    },
    member_since: |year| format!("Thành viên Liên minh từ năm {year}"),
    not_member: "Chưa là thành viên Liên minh",
    ratings_are: |ratings| format!("Xếp loại: {ratings}"),
    none: "chưa có",
    back: "quay lại",

    // The plan view
    percent_done: |percent| format!("đã xong {percent}%"),
    items_head: ["Mã", "Nội dung", "Hạn", "Đã xong"],
    item: " Nội dung ",
    due_on: |date| format!("hạn {date}"),
    owner_is: |owner| format!("chủ trì: {owner}"),
    entry: " Tiến độ ",
    n_of: |n, total| format!("({n}/{total})"),
    provinces_pane: " Các tỉnh ",
    provinces_on: |item| format!(" Các tỉnh, nội dung {item} "),
    progress_head: ["Tỉnh", "Tiến độ", "Ghi chú", "Cập nhật"],

    // Search, filters, forms, the note editor, the entry page, the help
    searching: "đang tìm",
    search_prompt: "gõ để tìm tên, mã, huyện và ghi chú",
    best_results: |n| format!("{n} kết quả khớp nhất"),
    results: |_, grouped| format!("{grouped} kết quả"),
    search: " Tìm kiếm ",
    tag_province: "tỉnh",
    tag_plan: "kế hoạch",
    tag_cooperative: "HTX",
    choose: "chọn",
    change: "đổi",
    clear: "xóa",
    close: "đóng",
    filters: " Bộ lọc ",
    next: "ô sau",
    keep: "giữ",
    cancel: "hủy",
    note_title: |item, separator, province| format!(" Ghi chú: {item}{separator}{province} "),
    keys: " Phím ",
    help_scroll: |down, up, close| format!("({down}/{up} cuộn, {close} đóng)"),

    // The help and the pages of an entry and a cooperative
    help_headings: [
        "Di chuyển và sửa",
        "Đọc tiến độ của một tỉnh (Enter trên một tỉnh trong kế hoạch)",
        "Trong ô tìm kiếm (/); các phím chữ để gõ",
        "Trong bộ lọc (f)",
        "Khi sửa ghi chú (e); các phím chữ để gõ",
        "Trong biểu mẫu (a, e, w); các phím chữ để gõ",
        "Khi htx hỏi (thoát, xung đột, chủ sở hữu tệp)",
        "Có hay không (xóa, bỏ nội dung đang gõ)",
        "Trong trang trợ giúp này",
    ],
    terms_heading: "Các từ viết tắt",
    terms: [
        ("THT", "tổ hợp tác."),
        ("HTX", "hợp tác xã."),
        ("LH HTX", "liên hiệp hợp tác xã (liên hiệp HTX)."),
        ("LM HTX", "Liên minh hợp tác xã của tỉnh (Liên minh HTX)."),
        ("khá giỏi", "HTX xếp loại Tốt hoặc Khá trong năm."),
        ("KH", "kế hoạch."),
    ],
    field_labels: CooperativeLabels {
        id: "Mã",
        province: "Tỉnh",
        district: "Huyện",
        sector: "Lĩnh vực",
        founded: "Năm thành lập",
        members: "Thành viên",
        status: "Tình trạng",
        alliance: "Vào Liên minh",
        record: "Nguồn",
        ratings: "Xếp loại",
        notes: "Ghi chú",
    },
    since: |year| format!("từ năm {year}"),
    not_rated: "chưa xếp loại",
    rating_line: |year, grade, scheme, score| match score {
        Some(score) => format!("{year}  {grade}  (thang {scheme}, {score}/100 điểm)"),
        None => format!("{year}  {grade}  (thang {scheme})"),
    },
    province_label: "Tỉnh",
    status_label: "Tiến độ",
    due_label: "Hạn",
    changed_label: "Cập nhật",
    changed: |by, at| match (by, at) {
        (Some(by), Some(at)) => format!("{at} UTC, {by}"),
        (Some(by), None) => by.to_string(),
        (None, Some(at)) => format!("{at} UTC"),
        (None, None) => String::new(),
    },
    no_note: "(chưa có ghi chú)",

    // Questions and conflicts
    unsaved_edits: " Thay đổi chưa lưu ",
    not_saved_to: |n, file| format!("{n} bản ghi chưa được lưu vào {file}."),
    save_and_quit: "lưu rồi thoát",
    quit_without_saving: "thoát, không lưu",
    go_back: "quay lại",
    value_for: |subject| format!(" Giá trị cho {subject} "),
    owner_would_change: " Chủ sở hữu tệp sẽ thay đổi ",
    save_anyway: "vẫn lưu (tệp sẽ thuộc về bạn)",
    save_elsewhere: "lưu thành tệp khác",
    not_now: "để sau (các thay đổi vẫn chưa lưu)",
    throw_away_title: " Bỏ nội dung vừa gõ? ",
    throw_away_text: "Nội dung bạn vừa gõ chưa được giữ.",
    throw_away: "bỏ đi",
    keep_editing: "gõ tiếp",
    delete_item_title: " Xóa nội dung kế hoạch này? ",
    delete_item_text: |id, title, entries| {
        format!("{id} {title} cùng tiến độ của {entries} tỉnh về nội dung này.")
    },
    delete_it: "xóa",
    keep_it: "giữ lại",
    delete_cooperative_title: " Xóa HTX này? ",
    undoes: "hoàn tác",
    record_key: |record| match record {
        RecordKey::File => "tệp dữ liệu".to_string(),
        RecordKey::Region => "số liệu của cụm".to_string(),
        RecordKey::Plan => "kế hoạch".to_string(),
        RecordKey::ItemOrder => "thứ tự các nội dung kế hoạch".to_string(),
        RecordKey::Sector(id) => format!("lĩnh vực {id}"),
        RecordKey::Province(code) => format!("tỉnh {code}"),
        RecordKey::Cooperative(id) => format!("HTX {id}"),
        RecordKey::Item(id) => format!("nội dung {id}"),
        RecordKey::Progress { item, province } => format!("{item} / tỉnh {province}"),
    },
    province_named: |name| format!("tỉnh {name}"),
    deleted_here: "bạn đã xóa, người kia đã sửa",
    deleted_there: "bạn đã sửa, người kia đã xóa",
    added_both: "cả hai bên cùng thêm",
    field: |field| match field {
        "name" => "tên",
        "district" => "huyện",
        "sector" => "lĩnh vực",
        "founded" => "năm thành lập",
        "members" => "số thành viên",
        "ratings" => "xếp loại",
        "alliance_member_since" => "vào Liên minh từ năm",
        "status" => "tình trạng",
        "notes" | "note" => "ghi chú",
        "origin" => "nguồn",
        "title" => "tên nội dung",
        "detail" => "chi tiết",
        "due" => "hạn",
        "owner" => "chủ trì",
        "progress" => "tiến độ",
        "changed_by" => "người cập nhật",
        "changed_at" => "thời điểm cập nhật",
        "code" | "id" => "mã",
        "kind" => "loại",
        "successor" => "đơn vị mới",
        "period" => "thời gian",
        "source" => "nguồn tin",
        "as_of" => "ngày số liệu",
        "cooperative_groups" => "số tổ hợp tác",
        "cooperatives" => "số HTX",
        "unions" => "số liên hiệp HTX",
        "rating_shares" => "tỷ lệ xếp loại",
        "new_members" => "thành viên mới",
        "schema_version" => "phiên bản định dạng",
        other => other,
    },
    conflict_title: |at, of| format!(" Xung đột {at}/{of} "),
    empty: "(để trống)",
    no_such_record: "(không có bản ghi này)",
    waiting_save: "Chưa ghi gì vào tệp cho đến khi mọi xung đột được giải quyết.",
    waiting_reload: "Chưa thay đổi gì ở đây cho đến khi mọi xung đột được giải quyết.",
    both_changed: "Bạn và người kia đều sửa chỗ này, mỗi người một khác.",
    conflict_sides: ["  ban đầu: ", "  của bạn: ", "  của họ:  "],
    keep_mine: "giữ giá trị của bạn",
    take_theirs: "lấy giá trị của họ",
    type_value: "nhập giá trị",
    decide_later: "để sau (các thay đổi vẫn chưa lưu)",
    take_base: "lấy giá trị ban đầu của cả hai bên",
    settle_later: "để sau (tệp vẫn giữ các xung đột đến lúc đó)",
    no_base: "Xung đột này không có giá trị ban đầu chung của hai bên.",
    merge_left: "Một lần gộp đã để lại các xung đột này trong tệp; dữ liệu giữ giá trị của bên \
                 này cho đến khi được giải quyết.",
    waiting_file: "Mỗi lựa chọn là một thay đổi, hoàn tác được như mọi thay đổi khác; khi đã \
                   giải quyết hết, lưu sẽ ghi một tệp sạch.",
    no_conflicts_in_file: "Tệp không có xung đột nào từ một lần gộp.",
    not_settled: |why| match why {
        Unsettled::NotListed => "Chưa giải quyết: xung đột không còn trong dữ liệu.".into(),
        Unsettled::NotOffered => "Chưa giải quyết: xung đột này không có lựa chọn đó.".into(),
        Unsettled::RecordGone => "Chưa giải quyết: bản ghi không còn trong dữ liệu.".into(),
        Unsettled::BadValue(why) => format!("Chưa giải quyết: giá trị không đọc được ({why})."),
    },
    all_settled: "Đã giải quyết hết các xung đột của lần gộp",
    saves_clean: "để lưu một tệp sạch",
    conflicts_left: |left| format!("Còn {left} xung đột của một lần gộp trong tệp"),
    lists_them: "để xem danh sách",

    // Small words of the widgets
    position: |first, range, last, total| format!("{first}{range}{last}/{total}"),
    not_applicable: "không",

    // The key-hint bar
    hints: HintWords {
        move_to: "di chuyển",
        cooperatives: "HTX",
        plan: "kế hoạch",
        details: "chi tiết",
        edit: "sửa",
        add: "thêm",
        delete: "xóa",
        provinces: "các tỉnh",
        filter: "lọc",
        sort: "sắp xếp",
        scroll: "cuộn",
        back: "quay lại",
        reorder: "đổi thứ tự",
        status: "tiến độ",
        not_applicable: "không áp dụng",
        note: "ghi chú",
        read: "xem",
        items: "nội dung",
        undo: "hoàn tác",
        save: "lưu",
        reload: "đọc lại",
        next_result: "kết quả sau",
        search: "tìm",
        view: "màn hình",
        quit: "thoát",
        edit_note: "sửa ghi chú",
        close: "đóng",
        go: "đến",
        clear: "xóa",
        cancel: "hủy",
        change: "đổi",
        clear_all: "bỏ hết",
        keep: "giữ",
        new_line: "xuống dòng",
        next_field: "ô sau",
        page: "trang",
        top_end: "đầu/cuối",
        across: "tỉnh",
        in_plan: "xem ở kế hoạch",
    },

    // Messages of editing, saving and reloading
    journal_failed: |reason| {
        format!(
            "Không ghi được nhật ký khôi phục ({reason}); các thay đổi vẫn còn ở đây: hãy lưu (s)"
        )
    },
    rejected: |reason| match reason {
        Reason::ChangedThere(record) => format!("{} đã bị người khác sửa", (VI.record_key)(record)),
        Reason::ItemGone(item) => format!("nội dung kế hoạch {item} không còn nữa"),
    },
    not_applied: |why| format!("Chưa sửa được: {why}"),
    choose_entry_first: "Hãy chọn một tỉnh trong một nội dung trước: 3, chọn nội dung, Enter",
    note_not_kept: |why| {
        format!("Chưa giữ được: {why}; hãy chép lại nội dung, nhấn Esc rồi sửa ghi chú lần nữa")
    },
    nothing_to_undo: "Không có gì để hoàn tác",
    nothing_to_redo: "Không có gì để làm lại",
    undid: |record| format!("Đã hoàn tác thay đổi ở {record}"),
    redid: |record| format!("Đã làm lại thay đổi ở {record}"),
    cannot_undo: |why| format!("Không hoàn tác được: {why}"),
    cannot_redo: |why| format!("Không làm lại được: {why}"),
    already_saving: "Đang lưu…",
    reloading_first: "Đang đọc lại tệp; hãy lưu sau giây lát",
    no_changes: "Không có thay đổi nào để lưu",
    saving_now: "Đang lưu…",
    saving_first: "Đang lưu; hãy đọc lại sau giây lát",
    already_reloading: "Đang đọc lại tệp…",
    reloading: "Đang đọc lại…",
    reloaded_carried: |file| {
        format!("Đã đọc lại {file}; các thay đổi chưa lưu của bạn vẫn được giữ")
    },
    reloaded: |file| format!("Đã đọc lại {file}"),
    not_reloaded: |why| format!("Chưa đọc lại được: {why}"),
    saved: |file| format!("Đã lưu {file}"),
    saved_as: |file| format!("Đã lưu thành {file}; từ giờ htx sửa tệp này"),
    saved_merged: |file| {
        format!("Đã lưu {file}: trong lúc đó có người khác đã lưu; tệp có cả thay đổi của hai bên")
    },
    whole_record: "Cả bản ghi chỉ có thể giữ hoặc bỏ: m hoặc t",
    type_file_name: "Hãy nhập tên tệp mới",

    // Filters and sort
    sort_keys: ["tên", "số thành viên", "năm thành lập", "xếp loại gần nhất"],
    filter_rows: [
        "Lĩnh vực",
        "Xếp loại gần nhất",
        "Thành viên Liên minh",
        "Tình trạng",
        "Chỉ việc quá hạn",
    ],
    any: "tất cả",
    yes: "có",
    today_unknown: "Chưa biết ngày hôm nay; bộ lọc quá hạn chưa hiện gì",
    filter_is: |name, value| format!("{}: {value}", name.to_lowercase()),
    sorted_by: |key, arrow| format!("theo {key} {arrow}"),
    status_is: |status| format!("tiến độ: {status}"),
    overdue: "quá hạn",

    // Forms
    form: FormLabels {
        id: "Mã",
        title: "Tên nội dung",
        detail: "Chi tiết",
        due: "Hạn (ngày)",
        owner: "Chủ trì",
        name: "Tên",
        district: "Huyện",
        sector: "Lĩnh vực",
        founded: "Năm thành lập",
        members: "Số thành viên",
        alliance_since: "Vào Liên minh năm",
        status: "Tình trạng",
        rating_year: "Năm xếp loại",
        rating_scheme: "Thang xếp loại",
        rating_grade: "Xếp loại",
        rating_score: "Điểm xếp loại",
        new_file: "Tệp mới",
    },
    not_a_number: |label, text| format!("{label}: “{text}” không phải số nguyên"),
    not_a_date: |text| format!("“{text}” không phải ngày; hãy viết 21/06/2011 hoặc 2011-06-21"),
    no_such_date: |text| format!("không có ngày {text}"),
    new_item: "Thêm nội dung kế hoạch",
    item_titled: |id| format!("Sửa nội dung {id}"),
    new_cooperative: "Thêm HTX",
    cooperative_titled: |id| format!("Sửa {id}"),
    save_as: "Lưu thành tệp khác",
    not_an_item: "không phải nội dung kế hoạch",
    id_fixed: "Mã: không đổi được mã của nội dung (tiến độ và lịch sử dùng mã này)",
    not_a_cooperative: "không phải HTX",
    rating_year_needed: "Năm xếp loại: hãy nhập năm của xếp loại này",
    deletes_what: "xóa một nội dung kế hoạch (3) hoặc một HTX (2)",
    undoes_deleting: |id| format!("hoàn tác việc xóa {id}"),

    // Messages of the list views
    no_key: |command| format!("{command}: chưa gán phím"),
    changed_on_disk: |file| {
        format!(
            "{file} vừa được người khác lưu: nhấn R để đọc lại (các thay đổi chưa lưu của bạn vẫn được giữ)"
        )
    },
    filters_what: "lọc danh sách HTX (2) và kế hoạch (3)",
    filters_cleared: "Đã bỏ bộ lọc và thứ tự sắp xếp",
    edits_what: "sửa ghi chú hoặc nội dung (3), hoặc một HTX (2)",
    adds_what: "thêm nội dung kế hoạch (3) hoặc HTX (2)",
    nothing_written: "Chưa ghi gì; các thay đổi vẫn chưa lưu (nhấn s hoặc R để được hỏi lại)",
    result_of_next: |at, count| format!("Kết quả {at}/{count}; n: kết quả sau, N: kết quả trước"),
    no_search_yet: "Chưa tìm gì: nhấn / để tìm",
    result_of_for: |at, count, query| format!("Kết quả {at}/{count} cho “{query}”"),

    // Where records come from
    origin: |origin| match origin {
        Origin::Seed => "theo bài báo cáo gốc",
        Origin::Illustrative => "minh họa, không phải số liệu thật (sửa vẫn là minh họa)",
        Origin::Entered => "do người dùng nhập",
    },
    invented: |origin| match origin {
        Origin::Seed => "minh họa, không có trong báo cáo gốc (giá trị bạn nhập là của bạn)",
        Origin::Illustrative | Origin::Entered => "minh họa (giá trị bạn nhập là của bạn)",
    },
    illustrative_label: "Minh họa",
    marked_illustrative: |value| format!("{value} (minh họa)"),
    entry_illustrative: "minh họa (sửa vẫn là minh họa)",
    record_label: "Nguồn",
    this_item: |origin| format!("Nội dung này: {origin}"),
    kept_illustrative: |id| {
        format!("Đã giữ {id}; bản ghi vẫn là minh họa, không phải số liệu thật")
    },
    kept_claimed: |id, fields| {
        format!("Đã giữ {id}; {fields} không còn là minh họa: giá trị là của bạn")
    },
};

/// The labels of a cooperative's fields on its page.
pub struct CooperativeLabels {
    pub id: &'static str,
    pub province: &'static str,
    pub district: &'static str,
    pub sector: &'static str,
    pub founded: &'static str,
    pub members: &'static str,
    pub status: &'static str,
    pub alliance: &'static str,
    pub record: &'static str,
    pub ratings: &'static str,
    pub notes: &'static str,
}

/// The dashboard's titles, heads and messages.
pub struct DashboardWords {
    /// The matrix's title (the plan's share done follows).
    pub matrix: &'static str,
    /// The head of the items' column.
    pub item: &'static str,
    /// The head of the shares' column and the row of each province's share.
    pub done: &'static str,
    /// The selected cell under the matrix, after its province: item, status.
    pub entry: fn(&str, &str) -> String,
    /// The ratings pane's title.
    pub ratings: &'static str,
    /// The head of the region's column of ratings.
    pub region: &'static str,
    /// Before a share the report states.
    pub stated: &'static str,
    /// Cooperatives with no rating.
    pub unrated: &'static str,
    pub no_ratings: &'static str,
    /// The sectors pane's title (the province follows).
    pub sectors: &'static str,
    /// The sectors shown of all, when not all fit.
    pub sectors_shown: fn(usize, usize) -> String,
    pub no_cooperatives: &'static str,
    /// The new members pane's title: the year of the region's figures.
    pub members: fn(u16) -> String,
    /// Its heads: province, stated by the report, joined in the data.
    pub members_head: [&'static str; 3],
    /// The overdue pane's title (today's date follows).
    pub overdue: &'static str,
    pub nothing_overdue: &'static str,
    /// An overdue item: its id, due date and the number of provinces late on it.
    pub overdue_item: fn(&str, &str, usize) -> String,
}

/// The words of the key-hint bar, after their keys.
pub struct HintWords {
    pub move_to: &'static str,
    pub cooperatives: &'static str,
    pub plan: &'static str,
    pub details: &'static str,
    pub edit: &'static str,
    pub add: &'static str,
    pub delete: &'static str,
    pub provinces: &'static str,
    pub filter: &'static str,
    pub sort: &'static str,
    pub scroll: &'static str,
    pub back: &'static str,
    pub reorder: &'static str,
    pub status: &'static str,
    pub not_applicable: &'static str,
    pub note: &'static str,
    pub read: &'static str,
    pub items: &'static str,
    pub undo: &'static str,
    pub save: &'static str,
    pub reload: &'static str,
    pub next_result: &'static str,
    pub search: &'static str,
    pub view: &'static str,
    pub quit: &'static str,
    pub edit_note: &'static str,
    pub close: &'static str,
    pub go: &'static str,
    pub clear: &'static str,
    pub cancel: &'static str,
    pub change: &'static str,
    pub clear_all: &'static str,
    pub keep: &'static str,
    pub new_line: &'static str,
    pub next_field: &'static str,
    pub page: &'static str,
    pub top_end: &'static str,
    pub across: &'static str,
    pub in_plan: &'static str,
}

/// The labels of a form's fields.
pub struct FormLabels {
    pub id: &'static str,
    pub title: &'static str,
    pub detail: &'static str,
    pub due: &'static str,
    pub owner: &'static str,
    pub name: &'static str,
    pub district: &'static str,
    pub sector: &'static str,
    pub founded: &'static str,
    pub members: &'static str,
    pub alliance_since: &'static str,
    pub status: &'static str,
    pub rating_year: &'static str,
    pub rating_scheme: &'static str,
    pub rating_grade: &'static str,
    pub rating_score: &'static str,
    pub new_file: &'static str,
}
