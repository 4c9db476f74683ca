//! `htx report`'s words in each language: the headings, the labels of the tables and charts,
//! the status words and the sentences around the figures. The data's own text (the plan's
//! title, the items, the provinces' names and notes, the sectors and grades) stays as the
//! data spells it, in Vietnamese; the numbers and dates are written in the language's way
//! ([`super::Lang::number`], [`super::Lang::date`]).

/// Every word of `htx report`, in one language.
pub struct Report {
    // The header.
    /// The document's title: the plan's title and its period.
    pub title: fn(plan: &str, start: &str, end: &str) -> String,
    /// The title of one province's report, named in full ("Tỉnh Nam Định").
    pub province_title: fn(province: &str, plan: &str, start: &str, end: &str) -> String,
    pub kind_label: &'static str,
    pub region: &'static str,
    pub as_of: &'static str,
    pub source: &'static str,
    pub today: &'static str,
    /// What in the data was invented to illustrate the program.
    pub illustrative:
        fn(cooperatives: &str, of_cooperatives: &str, entries: &str, of_entries: &str) -> String,

    // The key figures under the title (HTML).
    pub key_figures: &'static str,
    pub key_done: &'static str,
    pub key_overdue: fn(of: &str) -> String,
    pub key_cooperatives: &'static str,
    pub key_band: fn(grade: &str, stated: &str) -> String,

    // 2. Totals.
    pub totals: &'static str,
    pub figure: &'static str,
    pub stated: &'static str,
    pub in_data: &'static str,
    pub cooperative_groups: &'static str,
    pub cooperatives: &'static str,
    pub unions: &'static str,
    pub members: &'static str,
    /// The region as a whole, where a province's name would stand.
    pub whole_region: &'static str,

    // 3. The matrix.
    pub progress: &'static str,
    pub item: &'static str,
    pub share_done: &'static str,
    /// Under the matrix: the share of the region's entries that are done.
    pub share_done_region: &'static str,
    pub provinces_done: &'static str,
    pub legend: &'static str,
    /// Says that the item's share is of every province of the region.
    pub item_share_note: &'static str,
    pub chart_progress: &'static str,

    // 4. Not done.
    pub not_done: &'static str,
    pub all_done: &'static str,
    pub no_note: &'static str,
    pub due: &'static str,
    pub due_column: &'static str,
    pub no_due: &'static str,

    // 5. Overdue.
    pub overdue: fn(today: &str) -> String,
    pub nothing_overdue: &'static str,
    pub late: &'static str,

    // 6. Ratings.
    pub ratings: &'static str,
    pub ratings_note: &'static str,
    pub rated: &'static str,
    pub unrated: &'static str,
    pub against_stated: &'static str,
    pub band: &'static str,
    pub stated_share: &'static str,
    /// A stated share: "35–40%", or "over 40%" when it has no upper bound.
    pub band_range: fn(min: u8, max: Option<u8>) -> String,
    pub chart_ratings: &'static str,
    pub no_ratings: &'static str,

    // 7. Sectors.
    pub sectors: &'static str,
    pub sector: &'static str,
    pub total: &'static str,
    pub chart_sectors: &'static str,

    // 8. New members.
    pub new_members: fn(year: u16) -> String,
    pub stated_new: &'static str,
    pub joined: fn(year: u16) -> String,
    pub none_stated: &'static str,

    // The command.
    pub unknown_province: fn(code: &str, known: &str) -> String,
    pub no_clock: &'static str,
    pub html_lang: &'static str,
}

pub const EN: Report = Report {
    title: |plan, start, end| format!("Progress report: {plan} ({start} to {end})"),
    province_title: |province, plan, start, end| {
        format!("Progress report of {province}: {plan} ({start} to {end})")
    },
    kind_label: "Province",
    region: "Region",
    as_of: "Figures as of",
    source: "Source",
    today: "Progress as of",
    illustrative: |cooperatives, of_cooperatives, entries, of_entries| {
        format!(
            "Illustrative data: {cooperatives} of the {of_cooperatives} cooperatives and {entries} of the {of_entries} progress entries were invented to show the program, not recorded."
        )
    },

    key_figures: "Key figures",
    key_done: "of the plan done",
    key_overdue: |of| format!("of {of} items overdue"),
    key_cooperatives: "cooperatives in the data",
    key_band: |grade, stated| format!("rated “{grade}” (the report states {stated})"),

    totals: "Region totals",
    figure: "Figure",
    stated: "Stated by the report",
    in_data: "In the data",
    cooperative_groups: "Cooperative groups",
    cooperatives: "Cooperatives",
    unions: "Cooperative unions",
    members: "Members",
    whole_region: "Whole region",

    progress: "Plan progress",
    item: "Item",
    share_done: "Done",
    share_done_region: "Done, whole plan",
    provinces_done: "Done, by province",
    legend: "Legend",
    item_share_note: "An item's share is of every province of the region for which it applies; n/a counts in no share; shares are rounded down.",
    chart_progress: "Share of the plan done, by province",

    not_done: "Provinces not done, by item",
    all_done: "Every province has done this item.",
    no_note: "no note",
    due: "due",
    due_column: "Due",
    no_due: "no due date",

    overdue: |today| format!("Overdue items (on {today})"),
    nothing_overdue: "Nothing is overdue.",
    late: "Late",

    ratings: "Ratings",
    ratings_note: "Cooperatives by their latest grade, as a share of the rated ones.",
    rated: "Rated",
    unrated: "Unrated",
    against_stated: "Against the shares the report states",
    band: "Band",
    stated_share: "Stated",
    band_range: |min, max| match max {
        Some(max) => format!("{min}–{max}%"),
        None => format!("over {min}%"),
    },
    chart_ratings: "Share of rated cooperatives in each band; the shaded range is the report's",
    no_ratings: "No cooperative is rated.",

    sectors: "Cooperatives by sector",
    sector: "Sector",
    total: "Total",
    chart_sectors: "Cooperatives by sector, by province",

    new_members: |year| format!("New alliance members in {year}"),
    stated_new: "Stated by the report",
    joined: |year| format!("Joined in {year}, in the data"),
    none_stated: "–",

    unknown_province: |code, known| {
        format!("htx: no province has code {code:?}; the codes are: {known}")
    },
    no_clock: "htx: cannot read today's date from the system clock; give it with --date",
    html_lang: "en",
};

pub const VI: Report = Report {
    title: |plan, start, end| format!("Báo cáo tiến độ: {plan} ({start} – {end})"),
    province_title: |province, plan, start, end| {
        format!("Báo cáo tiến độ của {province}: {plan} ({start} – {end})")
    },
    kind_label: "Tỉnh",
    region: "Cụm",
    as_of: "Số liệu tính đến",
    source: "Nguồn",
    today: "Tiến độ tính đến",
    illustrative: |cooperatives, of_cooperatives, entries, of_entries| {
        format!(
            "Dữ liệu minh họa: {cooperatives} trong {of_cooperatives} HTX và {entries} trong {of_entries} mục tiến độ được tạo ra để giới thiệu chương trình, không phải số liệu thật."
        )
    },

    key_figures: "Số liệu chính",
    key_done: "kế hoạch đã xong",
    key_overdue: |of| format!("trong {of} nội dung quá hạn"),
    key_cooperatives: "HTX trong dữ liệu",
    key_band: |grade, stated| format!("HTX xếp loại “{grade}” (báo cáo nêu {stated})"),

    totals: "Tổng số của cụm",
    figure: "Chỉ tiêu",
    stated: "Theo báo cáo",
    in_data: "Trong dữ liệu",
    cooperative_groups: "Tổ hợp tác",
    cooperatives: "Hợp tác xã",
    unions: "Liên hiệp HTX",
    members: "Thành viên",
    whole_region: "Cả cụm",

    progress: "Tiến độ thực hiện kế hoạch",
    item: "Nội dung",
    share_done: "Xong",
    share_done_region: "Xong, cả kế hoạch",
    provinces_done: "Xong, theo tỉnh",
    legend: "Chú thích",
    item_share_note: "Tỷ lệ của một nội dung tính trên các tỉnh trong cụm có áp dụng nội dung đó; mục không áp dụng không được tính; tỷ lệ làm tròn xuống.",
    chart_progress: "Tỷ lệ kế hoạch đã xong, theo tỉnh",

    not_done: "Các tỉnh chưa xong, theo nội dung",
    all_done: "Mọi tỉnh đã xong nội dung này.",
    no_note: "không có ghi chú",
    due: "hạn",
    due_column: "Hạn",
    no_due: "không có hạn",

    overdue: |today| format!("Nội dung quá hạn (tính đến {today})"),
    nothing_overdue: "Không có nội dung nào quá hạn.",
    late: "Tỉnh chậm",

    ratings: "Xếp loại HTX",
    ratings_note: "HTX theo xếp loại gần nhất, tính trên số HTX đã được xếp loại.",
    rated: "Đã xếp loại",
    unrated: "Chưa xếp loại",
    against_stated: "So với tỷ lệ báo cáo nêu",
    band: "Loại",
    stated_share: "Báo cáo nêu",
    band_range: |min, max| match max {
        Some(max) => format!("{min}–{max}%"),
        None => format!("trên {min}%"),
    },
    chart_ratings: "Tỷ lệ HTX đã xếp loại ở từng loại; vùng tô là mức báo cáo nêu",
    no_ratings: "Chưa HTX nào được xếp loại.",

    sectors: "HTX theo lĩnh vực",
    sector: "Lĩnh vực",
    total: "Tổng",
    chart_sectors: "HTX theo lĩnh vực, theo tỉnh",

    new_members: |year| format!("Thành viên mới của Liên minh HTX năm {year}"),
    stated_new: "Theo báo cáo",
    joined: |year| format!("Gia nhập năm {year}, trong dữ liệu"),
    none_stated: "–",

    unknown_province: |code, known| {
        format!("htx: không có tỉnh nào mã {code:?}; các mã tỉnh là: {known}")
    },
    no_clock: "htx: không đọc được ngày hôm nay từ đồng hồ hệ thống; hãy ghi ngày bằng --date",
    html_lang: "vi",
};
