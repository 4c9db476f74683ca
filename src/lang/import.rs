//! `htx import`'s words in each language: what a cell holds that cannot be taken, why a file
//! cannot be read, and the preview. Field names (`members`, `province`…) and statuses in the
//! preview's change lines are the data's own names, as `htx list` prints them.

/// Every message of `htx import`, in one language.
pub struct Import {
    // Cells.
    pub not_whole_number: fn(text: &str) -> String,
    pub not_a_year: fn(text: &str) -> String,
    pub not_a_date: fn(text: &str) -> String,
    pub formula_error: fn(error: &str) -> String,
    pub cell_too_long: fn(chars: usize, limit: usize) -> String,
    pub unknown_province: fn(text: &str) -> String,
    pub province_2025_covers: fn(text: &str, provinces: &str) -> String,
    pub unknown_sector: fn(text: &str, sectors: &str) -> String,
    pub unknown_grade: fn(text: &str) -> String,
    pub unknown_cooperative_status: fn(text: &str) -> String,
    pub unknown_progress_status: fn(text: &str) -> String,
    pub unknown_item: fn(text: &str, ids: &str) -> String,
    pub grade_without_year: &'static str,

    // Rows.
    pub same_record_twice: fn(id: &str, first: &str) -> String,
    pub new_without_name: &'static str,
    pub new_without_province: fn(name: &str) -> String,
    pub new_without_sector: fn(name: &str) -> String,
    pub id_taken: fn(id: &str) -> String,
    pub entry_without_item: &'static str,
    pub entry_without_province: &'static str,
    pub entry_without_status: &'static str,

    // The file.
    pub password: &'static str,
    pub inflates: fn(megabytes: u64, limit: u64) -> String,
    pub damaged: fn(detail: &str) -> String,
    pub no_such_sheet: fn(asked: &str, sheets: &str) -> String,
    pub no_sheets: &'static str,
    pub binary: &'static str,
    pub open_quote: &'static str,
    pub empty: &'static str,
    pub no_header: fn(rows: usize, needed: &str) -> String,
    /// Between fields of which one is enough: "name or id".
    pub or: &'static str,
    pub no_such_column: fn(column: &str, titles: &str) -> String,
    pub twice: fn(field: &str, first: &str, second: &str) -> String,
    pub bad_map: fn(text: &str, fields: &str) -> String,
    pub bad_encoding: fn(text: &str, names: &str) -> String,

    // The preview.
    pub importing: fn(file: &str, what: &str, dataset: &str) -> String,
    pub from_builtin: &'static str,
    pub cooperatives: &'static str,
    pub progress: &'static str,
    pub delimited: fn(encoding: &str, delimiter: &str, forced: bool) -> String,
    pub workbook: fn(format: &str, sheet: &str, sheets: usize) -> String,
    pub legacy_cells: fn(cells: usize, encoding: &str) -> String,
    pub reads_as: &'static str,
    pub header_row: fn(row: &str) -> String,
    pub ignored: &'static str,
    pub totals: fn(new: usize, updated: usize, unchanged: usize, rejected: usize) -> String,
    pub new_heading: &'static str,
    pub updated_heading: &'static str,
    pub rejected_heading: &'static str,
    pub more: fn(n: usize) -> String,
    /// A sheet's row, a text file's line.
    pub row: fn(row: u64) -> String,
    pub line: fn(line: u64) -> String,

    // The write.
    pub nothing_to_do: &'static str,
    pub not_with_errors: fn(rejected: usize) -> String,
    pub dry_run: &'static str,
    pub no_terminal: &'static str,
    pub question: fn(changes: usize, dataset: &str) -> String,
    pub declined: &'static str,
    pub written: fn(new: usize, updated: usize, dataset: &str) -> String,
    pub merged: &'static str,
    pub conflicts: fn(conflicts: usize) -> String,
}

pub const EN: Import = Import {
    not_whole_number: |text| format!("“{text}” is not a whole number"),
    not_a_year: |text| format!("“{text}” is not a year (write it as 2011)"),
    not_a_date: |text| format!("“{text}” is not a date (write it as 15/11/2011 or 2011-11-15)"),
    formula_error: |error| {
        format!("the cell's formula gives the error {error}; fix it in the spreadsheet")
    },
    cell_too_long: |chars, limit| {
        format!("the cell holds {chars} characters; a field holds at most {limit}")
    },
    unknown_province: |text| {
        format!("no province “{text}” in the dataset (write its name or its code, such as 36)")
    },
    province_2025_covers: |text, provinces| {
        format!(
            "“{text}” since 2025 covers several provinces of the dataset ({provinces}); write which one"
        )
    },
    unknown_sector: |text, sectors| format!("no sector “{text}” in the dataset ({sectors})"),
    unknown_grade: |text| format!("“{text}” is not a grade (Tốt, Khá, Trung bình, Yếu)"),
    unknown_cooperative_status: |text| {
        format!("“{text}” is not a status (operating, suspended, dissolved)")
    },
    unknown_progress_status: |text| {
        format!("“{text}” is not a status (done, in progress, not started, n/a)")
    },
    unknown_item: |text, ids| format!("no plan item “{text}” ({ids})"),
    grade_without_year: "a grade needs its year: add a column “Năm xếp loại” or write the year in the header (“Xếp loại 2011”)",

    same_record_twice: |id, first| {
        format!("{id} was already set by {first}; keep one of the two rows")
    },
    new_without_name: "a new cooperative needs a name",
    new_without_province: |name| format!("{name}: a new cooperative needs its province"),
    new_without_sector: |name| format!("{name}: a new cooperative needs its sector"),
    id_taken: |id| format!("the id {id} is already another cooperative's"),
    entry_without_item: "the row names no plan item",
    entry_without_province: "the row names no province",
    entry_without_status: "the row gives no status",

    password: "the workbook is protected by a password: open it in the spreadsheet, remove the password (File ▸ Properties ▸ Security, or File ▸ Info ▸ Protect Workbook) and save a copy",
    inflates: |megabytes, limit| {
        format!(
            "the workbook inflates to more than {megabytes} MB (htx reads at most {limit} MB); it is damaged or not a real spreadsheet"
        )
    },
    damaged: |detail| {
        format!(
            "this is not a spreadsheet htx can read, or it is damaged ({detail}); open it in the spreadsheet and save it again as .xlsx, .ods or .csv"
        )
    },
    no_such_sheet: |asked, sheets| format!("no sheet “{asked}”; the workbook has: {sheets}"),
    no_sheets: "the workbook has no sheet",
    binary: "the file holds binary data, not text: it is not a table htx can read",
    open_quote: "a quote opened here is never closed",
    or: " or ",
    empty: "the file holds no rows",
    no_header: |rows, needed| {
        format!(
            "no header row among the first {rows} rows names {needed}; name the columns with --map \"COLUMN=FIELD\""
        )
    },
    no_such_column: |column, titles| {
        format!("--map names the column “{column}”, which the header does not have ({titles})")
    },
    twice: |field, first, second| {
        format!(
            "the columns “{first}” and “{second}” both mean {field}; say which with --map \"{second}=\" (ignore it) or --map \"{second}=FIELD\""
        )
    },
    bad_map: |text, fields| {
        format!("--map takes COLUMN=FIELD, not “{text}”; the fields are: {fields}")
    },
    bad_encoding: |text, names| format!("no encoding “{text}”; htx knows: {names}"),

    importing: |file, what, dataset| format!("Importing {what} from {file} into {dataset}"),
    from_builtin: " (created from the built-in dataset)",
    cooperatives: "cooperatives",
    progress: "plan progress",
    delimited: |encoding, delimiter, forced| {
        let how = if forced { "as asked" } else { "detected" };
        format!("Text: {encoding} ({how}), cells separated by {delimiter}")
    },
    workbook: |format, sheet, sheets| {
        if sheets > 1 {
            format!(
                "Workbook: {format}, sheet “{sheet}” (of {sheets}; choose another with --sheet)"
            )
        } else {
            format!("Workbook: {format}, sheet “{sheet}”")
        }
    },
    legacy_cells: |cells, encoding| format!("{cells} cells typed in {encoding}, decoded"),
    reads_as: "Reads as",
    header_row: |row| format!("Header on {row}"),
    ignored: "Ignored columns",
    totals: |new, updated, unchanged, rejected| {
        format!("{new} new, {updated} updated, {unchanged} unchanged, {rejected} rejected")
    },
    new_heading: "New",
    updated_heading: "Updated",
    rejected_heading: "Rejected",
    more: |n| format!("… and {n} more (--dry-run lists them all)"),
    row: |row| format!("row {row}"),
    line: |line| format!("line {line}"),

    nothing_to_do: "Nothing to import: the dataset already holds every row.",
    not_with_errors: |rejected| {
        let rows = if rejected == 1 {
            "1 row cannot be taken. Fix it".to_owned()
        } else {
            format!("{rejected} rows cannot be taken. Fix them")
        };
        format!("Nothing written: {rows}, or import the others with --skip-bad-rows.")
    },
    dry_run: "Nothing written (--dry-run).",
    no_terminal: "Nothing written: without a terminal to ask on, import needs --yes.",
    question: |changes, dataset| format!("Write {changes} changes to {dataset}? [y/N] "),
    declined: "Nothing written.",
    written: |new, updated, dataset| {
        format!("Imported {new} new and {updated} updated records into {dataset}.")
    },
    merged: "Another session had saved meanwhile; its changes were kept and merged.",
    conflicts: |conflicts| {
        format!(
            "Nothing written: another session changed {conflicts} of the same fields meanwhile. Run the import again to see the file as it is now."
        )
    },
};

pub const VI: Import = Import {
    not_whole_number: |text| format!("“{text}” không phải số nguyên"),
    not_a_year: |text| format!("“{text}” không phải năm (ghi như 2011)"),
    not_a_date: |text| format!("“{text}” không phải ngày (ghi như 15/11/2011 hoặc 2011-11-15)"),
    formula_error: |error| format!("công thức của ô cho lỗi {error}; hãy sửa trong bảng tính"),
    cell_too_long: |chars, limit| format!("ô có {chars} ký tự; một trường chứa tối đa {limit}"),
    unknown_province: |text| {
        format!("không có tỉnh “{text}” trong dữ liệu (ghi tên hoặc mã tỉnh, như 36)")
    },
    province_2025_covers: |text, provinces| {
        format!(
            "“{text}” từ năm 2025 gồm nhiều tỉnh của dữ liệu ({provinces}); hãy ghi rõ tỉnh nào"
        )
    },
    unknown_sector: |text, sectors| format!("không có lĩnh vực “{text}” trong dữ liệu ({sectors})"),
    unknown_grade: |text| format!("“{text}” không phải xếp loại (Tốt, Khá, Trung bình, Yếu)"),
    unknown_cooperative_status: |text| {
        format!("“{text}” không phải tình trạng (đang hoạt động, tạm ngừng, giải thể)")
    },
    unknown_progress_status: |text| {
        format!("“{text}” không phải trạng thái (xong, đang làm, chưa làm, không áp dụng)")
    },
    unknown_item: |text, ids| format!("không có mục kế hoạch “{text}” ({ids})"),
    grade_without_year: "xếp loại cần có năm: thêm cột “Năm xếp loại” hoặc ghi năm vào tiêu đề (“Xếp loại 2011”)",

    same_record_twice: |id, first| {
        format!("{id} đã được {first} cập nhật; hãy giữ một trong hai dòng")
    },
    new_without_name: "HTX mới cần có tên",
    new_without_province: |name| format!("{name}: HTX mới cần có tỉnh"),
    new_without_sector: |name| format!("{name}: HTX mới cần có lĩnh vực"),
    id_taken: |id| format!("mã {id} đã thuộc về HTX khác"),
    entry_without_item: "dòng không ghi mục kế hoạch",
    entry_without_province: "dòng không ghi tỉnh",
    entry_without_status: "dòng không ghi trạng thái",

    password: "bảng tính có mật khẩu: hãy mở trong chương trình bảng tính, bỏ mật khẩu (Tệp ▸ Thuộc tính ▸ Bảo mật, hoặc Tệp ▸ Thông tin ▸ Bảo vệ sổ làm việc) rồi lưu một bản khác",
    inflates: |megabytes, limit| {
        format!(
            "bảng tính giải nén ra hơn {megabytes} MB (htx chỉ đọc tối đa {limit} MB); tệp bị hỏng hoặc không phải bảng tính thật"
        )
    },
    damaged: |detail| {
        format!(
            "đây không phải bảng tính htx đọc được, hoặc tệp bị hỏng ({detail}); hãy mở trong chương trình bảng tính và lưu lại dạng .xlsx, .ods hoặc .csv"
        )
    },
    no_such_sheet: |asked, sheets| format!("không có trang “{asked}”; bảng tính có: {sheets}"),
    no_sheets: "bảng tính không có trang nào",
    binary: "tệp chứa dữ liệu nhị phân, không phải văn bản: htx không đọc được như một bảng",
    open_quote: "dấu ngoặc kép mở ở đây không được đóng",
    or: " hoặc ",
    empty: "tệp không có dòng nào",
    no_header: |rows, needed| {
        format!(
            "trong {rows} dòng đầu không có dòng tiêu đề nào ghi {needed}; hãy đặt tên cột bằng --map \"CỘT=TRƯỜNG\""
        )
    },
    no_such_column: |column, titles| {
        format!("--map ghi cột “{column}”, nhưng dòng tiêu đề không có cột đó ({titles})")
    },
    twice: |field, first, second| {
        format!(
            "cột “{first}” và cột “{second}” cùng là {field}; hãy chọn bằng --map \"{second}=\" (bỏ qua) hoặc --map \"{second}=TRƯỜNG\""
        )
    },
    bad_map: |text, fields| {
        format!("--map nhận CỘT=TRƯỜNG, không phải “{text}”; các trường: {fields}")
    },
    bad_encoding: |text, names| format!("không có bảng mã “{text}”; htx biết: {names}"),

    importing: |file, what, dataset| format!("Nhập {what} từ {file} vào {dataset}"),
    from_builtin: " (tạo từ dữ liệu có sẵn)",
    cooperatives: "HTX",
    progress: "tiến độ kế hoạch",
    delimited: |encoding, delimiter, forced| {
        let how = if forced {
            "theo yêu cầu"
        } else {
            "tự nhận"
        };
        format!("Văn bản: {encoding} ({how}), các ô cách nhau bởi {delimiter}")
    },
    workbook: |format, sheet, sheets| {
        if sheets > 1 {
            format!(
                "Bảng tính: {format}, trang “{sheet}” (trong {sheets} trang; chọn trang khác bằng --sheet)"
            )
        } else {
            format!("Bảng tính: {format}, trang “{sheet}”")
        }
    },
    legacy_cells: |cells, encoding| format!("{cells} ô gõ bằng {encoding}, đã chuyển mã"),
    reads_as: "Đọc được",
    header_row: |row| format!("Tiêu đề ở {row}"),
    ignored: "Cột bỏ qua",
    totals: |new, updated, unchanged, rejected| {
        format!("{new} mới, {updated} cập nhật, {unchanged} không đổi, {rejected} bị từ chối")
    },
    new_heading: "Mới",
    updated_heading: "Cập nhật",
    rejected_heading: "Bị từ chối",
    more: |n| format!("… và {n} dòng nữa (--dry-run liệt kê tất cả)"),
    row: |row| format!("dòng {row}"),
    line: |line| format!("dòng {line}"),

    nothing_to_do: "Không có gì để nhập: dữ liệu đã có mọi dòng.",
    not_with_errors: |rejected| {
        format!(
            "Chưa ghi gì: {rejected} dòng không nhận được. Hãy sửa, hoặc nhập các dòng còn lại bằng --skip-bad-rows."
        )
    },
    dry_run: "Chưa ghi gì (--dry-run).",
    no_terminal: "Chưa ghi gì: không có màn hình để hỏi, lệnh nhập cần --yes.",
    question: |changes, dataset| format!("Ghi {changes} thay đổi vào {dataset}? [y/N] "),
    declined: "Chưa ghi gì.",
    written: |new, updated, dataset| {
        format!("Đã nhập {new} bản ghi mới và cập nhật {updated} bản ghi vào {dataset}.")
    },
    merged: "Một phiên khác đã lưu trong lúc đó; thay đổi của phiên ấy được giữ và gộp vào.",
    conflicts: |conflicts| {
        format!(
            "Chưa ghi gì: trong lúc đó một phiên khác đã sửa {conflicts} trường giống vậy. Hãy chạy lại lệnh nhập để xem tệp như hiện nay."
        )
    },
};
