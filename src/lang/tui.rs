//! The full-screen interface's words in each language: titles, column heads, hints, help,
//! questions, messages, forms. The key-hint and help text of each command live beside the
//! command (`app::command`).

use crate::model::merge::RecordKey;
use crate::model::{CooperativeStatus, ProgressStatus};

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
    /// The three views' tabs, after their keys 1, 2, 3.
    pub tabs: [&'static str; 3],

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
    /// The help's sections, in the order of `app::pages::HELP_SECTIONS`.
    pub help_headings: [&'static str; 9],
    /// The help's last section: the abbreviations the screen uses.
    pub terms_heading: &'static str,
    /// Each abbreviation and what it stands for.
    pub terms: [(&'static str, &'static str); 6],
    /// Labels of a cooperative's fields on its page.
    pub field_labels: CooperativeLabels,
    /// The year a cooperative joined the alliance, on its page.
    pub since: fn(u16) -> String,
    /// A record that states a fact of the seed report.
    pub origin_seed: &'static str,
    /// A record made up to illustrate.
    pub origin_illustrative: &'static str,
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
    tabs: ["Provinces", "Cooperatives", "Plan"],

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
    origin_seed: "from the seed report",
    origin_illustrative: "illustrative (not a real record)",
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
    tabs: ["Tỉnh", "HTX", "Kế hoạch"],

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
    origin_seed: "theo bài báo cáo gốc",
    origin_illustrative: "minh họa (không phải số liệu thật)",
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
        "code" => "mã",
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
