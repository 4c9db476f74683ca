//! `htx export`'s words in each language: the usage problems it says before reading anything,
//! and why a workbook could not be made. The sheets' names and the columns are English in
//! every language (the data's own names, as `htx list` prints them and `htx import` reads
//! them back); `-o`'s messages are the command line's ([`super::cli`]).

/// Every message of `htx export`, in one language.
pub struct Export {
    /// `--format csv` with `--kind all`: a CSV file holds one table.
    pub csv_needs_one_kind: &'static str,
    /// An XLSX workbook asked for on a terminal without `-o`.
    pub workbook_on_terminal: &'static str,
    /// A text longer than a workbook cell holds: the sheet, the row (1-based, as Excel shows
    /// it), the column's name, the text's length and the limit, in UTF-16 units as Excel
    /// counts.
    pub cell_too_long: fn(sheet: &str, row: usize, column: &str, length: usize) -> String,
    /// More rows than a sheet holds.
    pub too_many_rows: fn(sheet: &str, rows: usize) -> String,
    /// The workbook writer refused, with its own (English) reason.
    pub workbook_failed: fn(reason: &str) -> String,
}

pub const EN: Export = Export {
    csv_needs_one_kind: "a CSV file holds one table: add --kind cooperatives, --kind plan or \
                         --kind progress (or leave out --format csv for one workbook with all \
                         three sheets)",
    workbook_on_terminal: "an XLSX workbook is binary and would garble the terminal: write it \
                           to a file with -o FILE.xlsx (or redirect: > FILE.xlsx), or use \
                           --format csv with a --kind",
    cell_too_long: |sheet, row, column, length| {
        format!(
            "htx: sheet {sheet}, row {row}, column {column}: {length} characters, more than \
             the 32767 an Excel cell holds; nothing was written. Export it with --format csv, \
             which has no such limit"
        )
    },
    too_many_rows: |sheet, rows| {
        format!(
            "htx: sheet {sheet} would have {rows} rows, more than the 1048576 an Excel sheet \
             holds; nothing was written. Export it with --format csv, which has no such limit"
        )
    },
    workbook_failed: |reason| {
        format!("htx: the workbook could not be made ({reason}); nothing was written")
    },
};

pub const VI: Export = Export {
    csv_needs_one_kind: "một tệp CSV chỉ chứa một bảng: hãy thêm --kind cooperatives, --kind \
                         plan hoặc --kind progress (hoặc bỏ --format csv để có một sổ tính gồm \
                         cả ba trang)",
    workbook_on_terminal: "sổ tính XLSX là dữ liệu nhị phân, in ra màn hình sẽ thành ký tự \
                           rác: hãy ghi vào tệp bằng -o TỆP.xlsx (hoặc chuyển hướng: \
                           > TỆP.xlsx), hoặc dùng --format csv kèm một --kind",
    cell_too_long: |sheet, row, column, length| {
        format!(
            "htx: trang {sheet}, dòng {row}, cột {column}: {length} ký tự, quá 32767 ký tự \
             mà một ô Excel chứa được; chưa ghi gì. Hãy xuất bằng --format csv, dạng này \
             không giới hạn độ dài"
        )
    },
    too_many_rows: |sheet, rows| {
        format!(
            "htx: trang {sheet} sẽ có {rows} dòng, quá 1048576 dòng mà một trang Excel chứa \
             được; chưa ghi gì. Hãy xuất bằng --format csv, dạng này không giới hạn số dòng"
        )
    },
    workbook_failed: |reason| format!("htx: không tạo được sổ tính ({reason}); chưa ghi gì"),
};

/// `htx export`'s words in the current language.
pub fn export() -> &'static Export {
    match super::current() {
        super::Lang::En => &EN,
        super::Lang::Vi => &VI,
    }
}
