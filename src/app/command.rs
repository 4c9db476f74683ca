//! What a key can ask for. Each command's `///` doc is the English text of the help overlay
//! and its label the English text of the key-hint bar; the `vi` line beside it says both in
//! Vietnamese. The macro wants both, so a command without its Vietnamese words does not
//! compile, and neither text is ever typed twice.

use crate::lang::{self, Lang};

macro_rules! commands {
    ($( $(#[doc = $doc:literal])+ $name:ident => $label:literal,
        vi $vi_doc:literal => $vi_label:literal, )+) => {
        /// Something the user asks for with a key; the keymap turns keys into these.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[doc = $doc])+ $name, )+
        }

        impl Command {
            /// Every command, in the order the help overlay lists them.
            pub const ALL: &[Command] = &[$(Command::$name),+];

            /// One sentence for the help overlay, in the interface's language.
            pub fn doc(self) -> &'static str {
                self.doc_in(lang::current())
            }

            /// One sentence for the help overlay, in `lang`.
            pub fn doc_in(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (Command::$name, Lang::En) => concat!($($doc),+).trim_ascii(),
                       (Command::$name, Lang::Vi) => $vi_doc, )+
                }
            }

            /// A word or two for the key-hint bar, in the interface's language.
            pub fn label(self) -> &'static str {
                match (self, lang::current()) {
                    $( (Command::$name, Lang::En) => $label,
                       (Command::$name, Lang::Vi) => $vi_label, )+
                }
            }
        }
    };
}

commands! {
    /// Move the selection up one row.
    Up => "move",
        vi "Lên một dòng." => "di chuyển",
    /// Move the selection down one row.
    Down => "move",
        vi "Xuống một dòng." => "di chuyển",
    /// Move the selection up one page.
    PageUp => "page up",
        vi "Lên một trang." => "trang trước",
    /// Move the selection down one page.
    PageDown => "page",
        vi "Xuống một trang." => "trang",
    /// Move the selection up half a page.
    HalfPageUp => "half page up",
        vi "Lên nửa trang." => "nửa trang lên",
    /// Move the selection down half a page.
    HalfPageDown => "half page",
        vi "Xuống nửa trang." => "nửa trang",
    /// Jump to the first row.
    Top => "top",
        vi "Về dòng đầu." => "đầu",
    /// Jump to the last row.
    Bottom => "bottom",
        vi "Xuống dòng cuối." => "cuối",
    /// Open the selected row: a province's cooperatives, a cooperative's page, an item's
    /// provinces, or a province's entry on an item in full (from the dashboard: in the plan).
    Enter => "open",
        vi "Mở dòng đang chọn: các HTX của một tỉnh, trang của một HTX, các tỉnh của một nội dung, hoặc toàn bộ tiến độ của một tỉnh về một nội dung (từ bảng tổng quan: trong kế hoạch)." => "mở",
    /// Move left across the dashboard's matrix; in the lists, go back.
    Left => "left",
        vi "Sang trái trong ma trận của bảng tổng quan; trong các danh sách: quay lại." => "trái",
    /// Move right across the dashboard's matrix; in the lists, open the selected row.
    Right => "right",
        vi "Sang phải trong ma trận của bảng tổng quan; trong các danh sách: mở dòng đang chọn." => "phải",
    /// Go back to where you came from.
    Back => "back",
        vi "Quay lại chỗ vừa rời." => "quay lại",
    /// Switch to the next view.
    NextView => "view",
        vi "Sang màn hình kế tiếp." => "màn hình",
    /// Switch to the previous view.
    PreviousView => "previous view",
        vi "Về màn hình trước." => "màn hình trước",
    /// Show the provinces.
    ShowProvinces => "provinces",
        vi "Xem các tỉnh." => "tỉnh",
    /// Show the cooperatives of the selected province.
    ShowCooperatives => "cooperatives",
        vi "Xem các HTX của tỉnh đang chọn." => "HTX",
    /// Show the year-end plan.
    ShowPlan => "plan",
        vi "Xem kế hoạch cuối năm." => "kế hoạch",
    /// Show the dashboard: the plan's matrix, ratings, sectors, new members, overdue items.
    ShowDashboard => "dashboard",
        vi "Xem bảng tổng quan: ma trận kế hoạch, xếp loại, lĩnh vực, thành viên mới, nội dung quá hạn." => "tổng quan",
    /// Search everything: provinces, cooperatives, plan items and notes.
    Search => "search",
        vi "Tìm trong tất cả: tỉnh, HTX, nội dung kế hoạch và ghi chú." => "tìm",
    /// Jump to the next result of the last search.
    NextResult => "next result",
        vi "Đến kết quả sau của lần tìm vừa rồi." => "kết quả sau",
    /// Jump to the previous result of the last search.
    PreviousResult => "previous result",
        vi "Về kết quả trước của lần tìm vừa rồi." => "kết quả trước",
    /// Open the filters of the current list (cooperatives or plan).
    Filter => "filter",
        vi "Mở bộ lọc của danh sách đang xem (HTX hoặc kế hoạch)." => "lọc",
    /// Clear every filter and the sort order.
    ClearFilters => "clear filters",
        vi "Bỏ mọi bộ lọc và thứ tự sắp xếp." => "bỏ lọc",
    /// Sort the cooperatives by the next key: name, members, founded, latest rating.
    Sort => "sort",
        vi "Sắp xếp HTX theo tiêu chí kế tiếp: tên, số thành viên, năm thành lập, xếp loại gần nhất." => "sắp xếp",
    /// Reverse the sort order.
    ReverseSort => "reverse sort",
        vi "Đảo thứ tự sắp xếp." => "đảo thứ tự",
    /// Delete the character before the cursor.
    DeleteBackward => "delete",
        vi "Xóa ký tự trước con trỏ." => "xóa",
    /// Delete the word before the cursor.
    DeleteWord => "delete word",
        vi "Xóa từ trước con trỏ." => "xóa từ",
    /// Clear the query.
    ClearInput => "clear",
        vi "Xóa hết nội dung đang tìm." => "xóa hết",
    /// Choose the next value of the selected filter.
    NextValue => "change",
        vi "Chọn giá trị sau của bộ lọc đang chọn." => "đổi",
    /// Choose the previous value of the selected filter.
    PreviousValue => "change back",
        vi "Chọn giá trị trước của bộ lọc đang chọn." => "đổi lại",
    /// Cycle the selected province's status on the item: not started, in progress, done.
    CycleStatus => "status",
        vi "Đổi tiến độ của tỉnh đang chọn về nội dung này: chưa làm, đang làm, đã xong." => "tiến độ",
    /// Mark the selected province's entry not applicable (again: not started).
    NotApplicable => "n/a",
        vi "Đánh dấu nội dung này không áp dụng cho tỉnh đang chọn (nhấn lại: chưa làm)." => "không áp dụng",
    /// Edit the selected row: a province's note on an item, a plan item, a cooperative.
    Edit => "edit",
        vi "Sửa dòng đang chọn: ghi chú của một tỉnh về một nội dung, một nội dung kế hoạch, một HTX." => "sửa",
    /// Add a plan item after the selected one, or a cooperative to the province shown.
    Add => "add",
        vi "Thêm một nội dung kế hoạch sau nội dung đang chọn, hoặc một HTX vào tỉnh đang xem." => "thêm",
    /// Delete the selected plan item or cooperative, after asking (undo brings it back).
    Delete => "delete",
        vi "Xóa nội dung kế hoạch hoặc HTX đang chọn, sau khi hỏi lại (hoàn tác sẽ khôi phục)." => "xóa",
    /// Move the selected plan item down.
    MoveDown => "move down",
        vi "Chuyển nội dung kế hoạch đang chọn xuống dưới." => "chuyển xuống",
    /// Move the selected plan item up.
    MoveUp => "move up",
        vi "Chuyển nội dung kế hoạch đang chọn lên trên." => "chuyển lên",
    /// Go to the next field of the form.
    NextField => "next field",
        vi "Sang ô sau của biểu mẫu." => "ô sau",
    /// Go to the previous field of the form.
    PreviousField => "previous field",
        vi "Về ô trước của biểu mẫu." => "ô trước",
    /// Undo the last edit.
    Undo => "undo",
        vi "Hoàn tác thay đổi vừa làm." => "hoàn tác",
    /// Redo the last undone edit.
    Redo => "redo",
        vi "Làm lại thay đổi vừa hoàn tác." => "làm lại",
    /// Save to the file.
    Save => "save",
        vi "Lưu vào tệp." => "lưu",
    /// Save under a new name (for a read-only file or a full disk).
    SaveAs => "save as",
        vi "Lưu thành tệp mới (khi tệp chỉ đọc hoặc ổ đĩa đầy)." => "lưu thành",
    /// Yes: save even though the file's owner or group changes.
    Confirm => "yes",
        vi "Đồng ý: vẫn lưu dù chủ sở hữu hoặc nhóm của tệp thay đổi." => "đồng ý",
    /// Keep what was typed in the form or the note editor.
    Accept => "keep",
        vi "Giữ nội dung vừa nhập trong biểu mẫu hoặc ô ghi chú." => "giữ",
    /// Read the file again (after someone else saved it); unsaved edits are carried over.
    Reload => "reload",
        vi "Đọc lại tệp (sau khi người khác đã lưu); các thay đổi chưa lưu được giữ lại." => "đọc lại",
    /// Quit without saving (the edits are dropped, the recovery journal too).
    Discard => "discard",
        vi "Thoát mà không lưu (bỏ các thay đổi và cả nhật ký khôi phục)." => "bỏ",
    /// Settle the conflict shown with your value (after a merge: ours, the branch merged into).
    KeepMine => "mine",
        vi "Giải quyết xung đột đang xem bằng giá trị của bạn (sau một lần gộp: bên này, nhánh được gộp vào)." => "của tôi",
    /// Settle the conflict shown with theirs: the file's value, or the merged branch's.
    TakeTheirs => "theirs",
        vi "Giải quyết xung đột đang xem bằng giá trị của bên kia: trong tệp, hoặc của nhánh được gộp." => "của họ",
    /// Type the value for the conflict shown.
    TypeValue => "type",
        vi "Nhập giá trị cho xung đột đang xem." => "nhập",
    /// Settle the conflict shown with the value both sides started from.
    TakeBase => "base",
        vi "Giải quyết xung đột đang xem bằng giá trị ban đầu của cả hai bên." => "ban đầu",
    /// List the conflicts a merge left in the file, to settle them.
    ShowConflicts => "conflicts",
        vi "Liệt kê các xung đột mà một lần gộp để lại trong tệp, để giải quyết." => "xung đột",
    /// Move the cursor one letter left (on a choice: the previous value).
    CursorLeft => "left",
        vi "Lùi con trỏ một chữ (trên ô lựa chọn: giá trị trước)." => "trái",
    /// Move the cursor one letter right (on a choice: the next value).
    CursorRight => "right",
        vi "Tiến con trỏ một chữ (trên ô lựa chọn: giá trị sau)." => "phải",
    /// Move the cursor one line up.
    CursorUp => "line up",
        vi "Đưa con trỏ lên một dòng." => "dòng trên",
    /// Move the cursor one line down.
    CursorDown => "line down",
        vi "Đưa con trỏ xuống một dòng." => "dòng dưới",
    /// Break the line here (notes may have several lines).
    NewLine => "new line",
        vi "Xuống dòng tại đây (ghi chú có thể có nhiều dòng)." => "xuống dòng",
    /// Move the cursor to the start of the line.
    LineStart => "start",
        vi "Về đầu dòng." => "đầu dòng",
    /// Move the cursor to the end of the line.
    LineEnd => "end",
        vi "Đến cuối dòng." => "cuối dòng",
    /// Delete the character under the cursor.
    DeleteForward => "delete",
        vi "Xóa ký tự tại con trỏ." => "xóa",
    /// Yes: do what the question asks.
    Yes => "yes",
        vi "Có: làm điều câu hỏi nêu." => "có",
    /// No: leave things as they are.
    No => "no",
        vi "Không: giữ nguyên như cũ." => "không",
    /// Close this page.
    Close => "close",
        vi "Đóng trang này." => "đóng",
    /// Show or hide this help.
    ToggleHelp => "help",
        vi "Hiện hoặc ẩn trang trợ giúp này." => "trợ giúp",
    /// Give the terminal back to the shell (fg brings htx back; unsaved edits stay journaled).
    Suspend => "suspend",
        vi "Tạm rời htx về dấu nhắc lệnh (lệnh fg đưa htx trở lại; các thay đổi chưa lưu vẫn được ghi vào nhật ký)." => "tạm rời",
    /// Quit htx.
    Quit => "quit",
        vi "Thoát htx." => "thoát",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_sentence_and_a_label() {
        for lang in Lang::ALL {
            for command in Command::ALL {
                let doc = command.doc_in(lang);
                assert!(
                    doc.ends_with('.') && !doc.starts_with(' '),
                    "{command:?}: {doc:?}"
                );
                assert!(!command.label().is_empty());
            }
        }
        assert_eq!(Command::Quit.doc_in(Lang::En), "Quit htx.");
        assert_eq!(Command::Quit.doc_in(Lang::Vi), "Thoát htx.");
    }
}
