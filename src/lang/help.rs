//! `htx --help` and every command's `--help` in Vietnamese.
//!
//! The English help is clap's own: the doc comments of the command line (`src/main.rs`) and
//! clap's words ("Usage:", "Options:", "Print help"). In Vietnamese, [`localize`] walks the
//! whole command tree and replaces every text a person reads: each command's `about`, each
//! argument's help and value name, the headings, the usage line, the defaults and possible
//! values (clap would write "[default: …]"), and the help and version flags clap adds.
//!
//! [`Help`] is a typed table, so a text left out is a compile error; which text belongs to
//! which clap argument is [`Help::about`] and [`Help::arg`], keyed by the command's name and
//! the argument's id, and [`missing`] lists what they do not cover, so a new argument without
//! Vietnamese fails a unit test instead of showing English. clap's error messages
//! ("error: unexpected argument") stay clap's English.

use clap::Command;

/// Every text of the command line's help, in Vietnamese.
pub struct Help {
    // clap's own words.
    pub usage: &'static str,
    pub commands: &'static str,
    pub arguments: &'static str,
    pub options: &'static str,
    /// What stands for the options in a usage line (clap's `[OPTIONS]`).
    pub options_placeholder: &'static str,
    /// What stands for a command in a usage line (clap's `COMMAND`).
    pub command_placeholder: &'static str,
    pub default_value: fn(&str) -> String,
    pub possible_values: fn(&str) -> String,
    pub help_flag: &'static str,
    pub version_flag: &'static str,
    pub help_command: &'static str,
    pub help_command_arg: &'static str,

    // The value names (clap's `FILE`, `N`), by the English one.
    pub file: &'static str,
    pub path: &'static str,
    pub lang_value: &'static str,
    pub query: &'static str,
    pub kind_value: &'static str,
    pub n: &'static str,
    pub what_value: &'static str,
    pub code: &'static str,
    pub format_value: &'static str,
    pub id_value: &'static str,
    pub spreadsheet_value: &'static str,
    pub name_value: &'static str,
    pub encoding_value: &'static str,
    pub map_value: &'static str,
    pub date_value: &'static str,
    /// The three versions `htx merge` takes.
    pub merge_values: [&'static str; 3],

    // The commands and their arguments.
    pub htx: &'static str,
    /// `htx --help` (not `-h`): the about and what the command does with no FILE.
    pub htx_long: &'static str,
    pub lang: &'static str,
    pub htx_file: &'static str,
    /// The `--file` of `find`, `list`, `show` and `export`.
    pub data_file: &'static str,
    pub init: &'static str,
    pub init_path: &'static str,
    pub check: &'static str,
    pub check_file: &'static str,
    pub find: &'static str,
    pub find_query: &'static str,
    pub find_kind: &'static str,
    pub find_limit: &'static str,
    pub find_json: &'static str,
    pub list: &'static str,
    pub list_what: &'static str,
    pub list_province: &'static str,
    pub list_format: &'static str,
    pub list_wide: &'static str,
    pub list_csv_formulas: &'static str,
    pub config: &'static str,
    pub config_default: &'static str,
    pub config_check: &'static str,
    pub export: &'static str,
    pub export_kind: &'static str,
    pub export_format: &'static str,
    pub export_output: &'static str,
    pub show: &'static str,
    pub show_id: &'static str,
    pub show_json: &'static str,
    pub show_textconv: &'static str,
    pub git: &'static str,
    pub git_setup: &'static str,
    pub git_setup_files: &'static str,
    pub history: &'static str,
    pub history_id: &'static str,
    pub history_format: &'static str,
    pub history_file: &'static str,
    pub import: &'static str,
    pub import_spreadsheet: &'static str,
    pub import_kind: &'static str,
    pub import_sheet: &'static str,
    pub import_encoding: &'static str,
    pub import_map: &'static str,
    pub import_dry_run: &'static str,
    pub import_yes: &'static str,
    pub import_skip_bad_rows: &'static str,
    pub import_file: &'static str,
    pub report: &'static str,
    pub report_file_flag: &'static str,
    pub report_format: &'static str,
    pub report_province: &'static str,
    pub report_output: &'static str,
    pub report_date: &'static str,
    pub merge: &'static str,
    pub merge_base: &'static str,
    pub merge_ours: &'static str,
    pub merge_theirs: &'static str,
    pub merge_marker_size: &'static str,
    pub merge_labels: &'static str,
    pub merge_path: &'static str,
}

impl Help {
    /// What the command `name` does (`""` is `htx` itself); `long` for `--help`.
    pub fn about(&self, name: &str, long: bool) -> Option<&'static str> {
        Some(match name {
            "" if long => self.htx_long,
            "" => self.htx,
            "init" => self.init,
            "check" => self.check,
            "find" => self.find,
            "list" => self.list,
            "config" => self.config,
            "export" => self.export,
            "show" => self.show,
            "git" => self.git,
            "setup" => self.git_setup,
            "history" => self.history,
            "import" => self.import,
            "report" => self.report,
            "merge" => self.merge,
            "help" => self.help_command,
            _ => return None,
        })
    }

    /// The help of the argument `id` of the command `command` (`""` is `htx` itself).
    pub fn arg(&self, command: &str, id: &str) -> Option<&'static str> {
        Some(match (command, id) {
            (_, "lang") => self.lang,
            (_, "help") => self.help_flag,
            (_, "version") => self.version_flag,
            ("", "file") => self.htx_file,
            ("init", "path") => self.init_path,
            ("check", "file") => self.check_file,
            ("find" | "list" | "show" | "export" | "report", "file") => self.data_file,
            ("report", "file_flag") => self.report_file_flag,
            ("report", "format") => self.report_format,
            ("report", "province") => self.report_province,
            ("report", "output") => self.report_output,
            ("report", "date") => self.report_date,
            ("find", "query") => self.find_query,
            ("find", "kind") => self.find_kind,
            ("find", "limit") => self.find_limit,
            ("find", "json") => self.find_json,
            ("list", "what") => self.list_what,
            ("list", "province") => self.list_province,
            ("list", "format") => self.list_format,
            ("list", "wide") => self.list_wide,
            ("list", "csv_formulas") => self.list_csv_formulas,
            ("config", "default") => self.config_default,
            ("config", "check") => self.config_check,
            ("export", "kind") => self.export_kind,
            ("export", "format") => self.export_format,
            ("export", "output") => self.export_output,
            ("show", "id") => self.show_id,
            ("show", "json") => self.show_json,
            ("show", "textconv") => self.show_textconv,
            ("setup", "files") => self.git_setup_files,
            ("history", "id") => self.history_id,
            ("history", "format") => self.history_format,
            ("history", "file") => self.history_file,
            ("import", "spreadsheet") => self.import_spreadsheet,
            ("import", "kind") => self.import_kind,
            ("import", "sheet") => self.import_sheet,
            ("import", "encoding") => self.import_encoding,
            ("import", "map") => self.import_map,
            ("import", "dry_run") => self.import_dry_run,
            ("import", "yes") => self.import_yes,
            ("import", "skip_bad_rows") => self.import_skip_bad_rows,
            ("import", "file") => self.import_file,
            ("merge", "base") => self.merge_base,
            ("merge", "ours") => self.merge_ours,
            ("merge", "theirs") => self.merge_theirs,
            ("merge", "marker_size") => self.merge_marker_size,
            ("merge", "labels") => self.merge_labels,
            ("merge", "path") => self.merge_path,
            ("help", "subcommand") => self.help_command_arg,
            _ => return None,
        })
    }

    /// The Vietnamese of a value name as clap writes it (`FILE`).
    pub fn value_name(&self, english: &str) -> Option<&'static str> {
        Some(match english {
            "FILE" => self.file,
            "PATH" => self.path,
            "LANG" => self.lang_value,
            "QUERY" => self.query,
            "KIND" => self.kind_value,
            "N" => self.n,
            "WHAT" => self.what_value,
            "CODE" => self.code,
            "FORMAT" => self.format_value,
            "ID" => self.id_value,
            "SPREADSHEET" => self.spreadsheet_value,
            "NAME" => self.name_value,
            "ENCODING" => self.encoding_value,
            "COLUMN=FIELD" => self.map_value,
            "DATE" => self.date_value,
            "BASE" => self.merge_values[0],
            "OURS" => self.merge_values[1],
            "THEIRS" => self.merge_values[2],
            "COMMAND" => self.command_placeholder,
            _ => return None,
        })
    }
}

pub const VI: Help = Help {
    usage: "Cách dùng:",
    commands: "Lệnh:",
    arguments: "Đối số:",
    options: "Tùy chọn:",
    options_placeholder: "[TÙY_CHỌN]",
    command_placeholder: "LỆNH",
    default_value: |value| format!("[mặc định: {value}]"),
    possible_values: |values| format!("[giá trị: {values}]"),
    help_flag: "In trợ giúp này",
    version_flag: "In số phiên bản",
    help_command: "In trợ giúp này, hoặc trợ giúp của lệnh được nêu",
    help_command_arg: "Lệnh cần xem trợ giúp",

    file: "TỆP",
    path: "ĐƯỜNG_DẪN",
    lang_value: "NGÔN_NGỮ",
    query: "TỪ_KHÓA",
    kind_value: "LOẠI",
    n: "N",
    what_value: "DANH_SÁCH",
    code: "MÃ_TỈNH",
    format_value: "DẠNG",
    id_value: "MÃ",
    spreadsheet_value: "BẢNG_TÍNH",
    name_value: "TÊN",
    encoding_value: "BẢNG_MÃ",
    map_value: "CỘT=TRƯỜNG",
    date_value: "NGÀY",
    merge_values: ["GỐC", "BÊN_NÀY", "BÊN_KIA"],

    htx: "Sổ kế hoạch của Liên minh HTX các tỉnh, ngay trong thiết bị đầu cuối.",
    htx_long: "Sổ kế hoạch của Liên minh HTX các tỉnh, ngay trong thiết bị đầu cuối.\n\n\
               Không ghi TỆP thì htx mở bộ dữ liệu của bạn trong thư mục dữ liệu (lần chạy đầu \
               tiên, bộ dữ liệu này được tạo từ bộ dữ liệu có sẵn).",
    lang: "Ngôn ngữ giao diện: vi (tiếng Việt) hoặc en (tiếng Anh); nếu không ghi thì theo \
           `lang` trong tệp cấu hình, rồi theo môi trường (LC_ALL, LC_MESSAGES, LANG)",
    htx_file: "Tệp dữ liệu cần mở (RON). Tệp trùng tên với một lệnh phải ghi kèm đường dẫn: \
               ./check",
    data_file: "Tệp dữ liệu (mặc định: bộ dữ liệu của bạn, hoặc bộ dữ liệu có sẵn nếu bạn chưa \
                có)",
    init: "Ghi bộ dữ liệu có sẵn vào ĐƯỜNG_DẪN (mặc định: bộ dữ liệu của bạn); không bao giờ \
           ghi đè lên tệp đã có",
    init_path: "Nơi ghi bộ dữ liệu (mặc định: bộ dữ liệu của bạn)",
    check: "Kiểm tra TỆP và in một dòng tóm tắt, hoặc in từng lỗi theo dạng \
            TỆP:DÒNG:CỘT: lời báo",
    check_file: "Tệp dữ liệu cần kiểm tra",
    find: "Tìm trong dữ liệu; in các kết quả khớp nhất trước, mỗi kết quả một dòng gồm KIND, \
           ID, LABEL, FIELD, TEXT (loại, mã, tên, trường, đoạn khớp) cách nhau bằng tab. Trả về \
           mã 1 khi không có gì khớp",
    find_query: "Từ khóa cần tìm; gõ không dấu cũng tìm được (\"nam dinh\" tìm ra \"Nam Định\")",
    find_kind: "Chỉ tìm bản ghi loại này (tỉnh, hợp tác xã hay nội dung kế hoạch); ghi nhiều \
                lần để tìm nhiều loại",
    find_limit: "In nhiều nhất N kết quả",
    find_json: "In một mảng JSON gồm các đối tượng {kind, id, label, field, text, level, \
                highlight}",
    list: "Liệt kê các tỉnh, các hợp tác xã, các nội dung kế hoạch hoặc tiến độ, dưới dạng \
           bảng, CSV hoặc JSON. Trả về mã 1 khi danh sách trống",
    list_what: "Cần liệt kê gì: các tỉnh, các hợp tác xã, các nội dung kế hoạch hay tiến độ \
                (mỗi nội dung kế hoạch và mỗi tỉnh có ghi tiến độ một dòng)",
    list_province: "Chỉ tỉnh này (theo mã tỉnh): dòng của tỉnh, các hợp tác xã của tỉnh, hoặc \
                    tiến độ của tỉnh trên từng nội dung kế hoạch",
    list_format: "Cách in các dòng: bảng canh cột có dòng tiêu đề, CSV theo RFC 4180, hoặc \
                  mảng JSON gồm các đối tượng có khóa là tên cột",
    list_wide: "Với --format table: in đủ mọi ô (mặc định ô dài quá 60 cột bị cắt và thêm …)",
    list_csv_formulas: "Với --format csv: giữ nguyên các ô bắt đầu bằng = + - @ tab hoặc CR \
                        (mặc định chúng được thêm dấu ' ở đầu để bảng tính hiểu là chữ, không \
                        phải công thức)",
    config: "In tệp cấu hình mặc định (mọi thiết lập, đủ bảng phím), hoặc kiểm tra một tệp \
             cấu hình. Tệp cấu hình là $XDG_CONFIG_HOME/htx/config.ron (mặc định \
             ~/.config/htx/config.ron)",
    config_default: "In toàn bộ cấu hình mặc định: mọi thiết lập ở giá trị mặc định, mọi phím \
                     của mọi chế độ kèm lời giải thích lệnh (bằng tiếng Anh, vì đây là một \
                     tệp). Đọc lại đúng bằng các giá trị mặc định",
    config_check: "Kiểm tra TỆP (mặc định: tệp cấu hình đang dùng) và in `TỆP: không có lỗi` \
                   kèm tóm tắt, hoặc lỗi đầu tiên theo dạng TỆP:DÒNG:CỘT: lời báo (mã 1)",
    export: "Xuất các HTX, các nội dung kế hoạch và tiến độ của mọi tỉnh ra một sổ tính XLSX \
             (mỗi loại một trang), hoặc một loại ra CSV, với các cột của `htx list`; `htx \
             import` đọc lại được. Không có -o thì ghi ra đầu ra chuẩn",
    export_kind: "Xuất gì: các HTX (cooperatives), các nội dung kế hoạch (plan), tiến độ của \
                  mọi tỉnh trên mọi nội dung (progress), hay cả ba (all, mỗi loại một trang)",
    export_format: "Dạng tệp: sổ tính XLSX, hoặc CSV (một loại, như `htx list --format csv`)",
    export_output: "Ghi vào TỆP, thay trọn tệp hoặc không thay gì, thay vì ra đầu ra chuẩn \
                    (sổ tính chỉ ra đầu ra chuẩn khi đó không phải màn hình)",
    show: "In đầy đủ một bản ghi: mã tỉnh, mã hợp tác xã, mã nội dung kế hoạch, hoặc \
           MÃ-NỘI-DUNG/MÃ-TỈNH cho tiến độ của một tỉnh trên một nội dung. Trả về mã 1 khi \
           không bản ghi nào có mã này",
    show_id: "Mã của bản ghi, ví dụ 36, HTX-36-001, KH-01 hoặc KH-01/36",
    show_json: "In một đối tượng JSON",
    show_textconv: "In mọi bản ghi của TỆP, mỗi trường một dòng `LOẠI MÃ TRƯỜNG: GIÁ_TRỊ`, cho \
                    `git diff` (diff.htx.textconv của git); TỆP không phải bộ dữ liệu thì được \
                    in nguyên như vậy",
    git: "Giữ bộ dữ liệu trong git: `htx git setup` để git hòa nhập (merge) từng bản ghi một \
          (qua `htx merge`) và cho xem khác biệt (diff) theo từng trường",
    git_setup: "Thiết lập cây làm việc git này cho bộ dữ liệu htx: mỗi bộ dữ liệu một dòng \
                `/ĐƯỜNG_DẪN merge=htx diff=htx` trong .gitattributes, cùng merge.htx.driver, \
                merge.htx.name và diff.htx.textconv trong cấu hình của kho. Phần nào đã thiết \
                lập rồi thì giữ nguyên",
    git_setup_files: "Các bộ dữ liệu (mặc định: các tệp *.ron mà git đang theo dõi hoặc sẽ \
                      thêm vào và là bộ dữ liệu htx)",
    history: "Lịch sử của một bản ghi theo nhật ký git của tệp dữ liệu, mới nhất trước: mỗi \
              trường thay đổi một dòng, `ngày tác_giả commit trường cũ → mới`, ngày là ngày của \
              tác giả theo giờ UTC (YYYY-MM-DD HH:MM). MÃ như với `htx show`. Trả về mã 1 khi \
              tệp không nằm trong git hoặc không phiên bản nào có mã này",
    history_id: "Mã của bản ghi: mã tỉnh, mã hợp tác xã, mã nội dung kế hoạch, hoặc \
                 MÃ-NỘI-DUNG/MÃ-TỈNH",
    history_format: "Cách in các dòng (các cột date, author, commit, field, old, new: ngày, \
                     tác giả, commit, trường, giá trị cũ, giá trị mới)",
    history_file: "Tệp dữ liệu, nằm trong một cây làm việc git (mặc định: bộ dữ liệu của bạn)",
    import: "Nhập các HTX (hoặc, với --kind progress, tiến độ kế hoạch) từ một bảng tính: CSV, \
             TSV, \"Unicode text\" của Excel, XLSX, XLS hoặc ODS, ở mọi bảng mã tiếng Việt. Cho \
             xem những gì sẽ thay đổi, hỏi, rồi lưu một lần như một phiên làm việc. Trả về mã 1 \
             khi chưa ghi gì",
    import_spreadsheet: "Bảng tính hoặc tệp văn bản cần đọc",
    import_kind: "Các dòng là gì: HTX (cooperatives) hay tiến độ kế hoạch (progress)",
    import_sheet: "Trang cần đọc (mặc định: trang đầu tiên)",
    import_encoding: "Bảng mã của văn bản, thay cho bảng mã tự nhận: utf-8, utf-16le, utf-16be, \
                      windows-1258, tcvn3 hoặc vni",
    import_map: "Cột tên CỘT chứa TRƯỜNG (một cột của `htx list`); \"CỘT=\" để bỏ qua cột đó. \
                 Ghi nhiều lần cho nhiều cột",
    import_dry_run: "Cho xem những gì sẽ thay đổi, không ghi gì",
    import_yes: "Ghi mà không hỏi (cần khi không có màn hình để hỏi)",
    import_skip_bad_rows: "Nhập các dòng nhận được, bỏ các dòng còn lại (có liệt kê)",
    import_file: "Tệp dữ liệu (mặc định: bộ dữ liệu của bạn, tạo từ bộ dữ liệu có sẵn nếu bạn \
                  chưa có)",
    report: "Viết báo cáo tiến độ cuối năm của kế hoạch, hoặc của một tỉnh, dạng Markdown, HTML \
             hoặc văn bản thường, ra màn hình hoặc vào một tệp (-o)",
    report_file_flag: "Tệp dữ liệu, ghi như với `list` và `show` (giống TỆP)",
    report_format: "Dạng của báo cáo: md (Markdown), html (một tệp, có biểu đồ, in được trên \
                    khổ A4) hoặc txt (văn bản thường)",
    report_province: "Chỉ tỉnh này (theo mã tỉnh): cột của tỉnh trong kế hoạch, các ghi chú của \
                      tỉnh, số liệu của tỉnh bên cạnh số liệu của cả cụm",
    report_output: "Ghi báo cáo vào TỆP (thay cả tệp, an toàn) thay vì in ra màn hình",
    report_date: "Ngày dùng để tính nội dung quá hạn, ghi như 31/12/2011 hoặc 2011-12-31 \
                  (mặc định: hôm nay)",
    merge: "Gộp ba phiên bản của một tệp dữ liệu theo từng bản ghi, làm trình gộp (merge \
            driver) của git: GỐC (bản chung của hai bên), BÊN_NÀY (bị ghi đè bằng kết quả) và BÊN_KIA. \
            Xung đột được giữ trong tệp dưới dạng dữ liệu, không bao giờ thành dấu <<<<<<<. \
            Trả về mã 0 khi gộp xong, 1 khi còn xung đột, 129 khi một phiên bản không phải \
            bộ dữ liệu",
    merge_base: "Phiên bản chung mà hai bên cùng bắt đầu (%O của git); tệp trống nghĩa là \
                 không có",
    merge_ours: "Phiên bản của bên này (%A của git); kết quả được ghi đè lên tệp này",
    merge_theirs: "Phiên bản của bên kia (%B của git)",
    merge_marker_size: "Độ dài dấu xung đột của git (%L). Nhận để hợp với git; htx không \
                        ghi dấu xung đột",
    merge_labels: "Tên của ba phiên bản (%S %X %Y của git: gốc, bên này, bên kia), được giữ \
                   cùng mỗi xung đột để người giải quyết biết nhánh nào ghi gì",
    merge_path: "Đường dẫn của tệp trong kho (%P của git), dùng trong lời báo",
};

/// The texts of `command` and its subcommands, at any depth, that [`Help`] does not give:
/// `command` for an about, `command --id` for an argument's help, `command --id VALUE` for a
/// value name. `command` must be built (`Command::build`), so that clap's own flags and
/// `help` command are there.
pub fn missing(command: &Command, help: &Help) -> Vec<String> {
    let mut missing = Vec::new();
    walk(command, "", &mut |name, cmd| {
        if help.about(name, false).is_none() {
            missing.push(shown(name));
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if help.arg(name, id).is_none() {
                missing.push(format!("{} --{id}", shown(name)));
            }
            for value in value_names(arg) {
                if help.value_name(&value).is_none() {
                    missing.push(format!("{} --{id} {value}", shown(name)));
                }
            }
        }
    });
    missing
}

fn shown(name: &str) -> String {
    if name.is_empty() {
        "htx".to_string()
    } else {
        format!("htx {name}")
    }
}

/// Calls `visit` on `command` (named `name`) and on each of its subcommands.
fn walk(command: &Command, name: &str, visit: &mut impl FnMut(&str, &Command)) {
    visit(name, command);
    for sub in command.get_subcommands() {
        walk(sub, sub.get_name(), visit);
    }
}

/// The value names clap shows for `arg`: its own, or its id in capitals; none for a flag.
fn value_names(arg: &clap::Arg) -> Vec<String> {
    if !arg.get_action().takes_values() {
        return Vec::new();
    }
    match arg.get_value_names() {
        Some(names) => names.iter().map(ToString::to_string).collect(),
        None => vec![arg.get_id().as_str().to_uppercase()],
    }
}

/// `command` with every text of its help, and of its subcommands' help, from `help`. Texts
/// [`missing`] from `help` keep clap's English.
pub fn localize(mut command: Command, help: &Help) -> Command {
    command.build();
    localize_built(command, "", help)
}

fn localize_built(mut command: Command, name: &str, help: &Help) -> Command {
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().as_str().to_string())
        .collect();
    for id in &ids {
        command = command.mut_arg(id, |arg| localize_arg(arg, name, help));
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for sub in &subcommands {
        command = command.mut_subcommand(sub, |command| localize_built(command, sub, help));
    }
    if let Some(about) = help.about(name, false) {
        command = command.about(about);
    }
    command = command.long_about(help.about(name, true));
    let usage = usage(&mut command, help);
    let template = template(&command, help);
    command
        .override_usage(usage)
        .help_template(template)
        .subcommand_value_name(help.command_placeholder)
}

/// An argument's help, value name, default and possible values in Vietnamese, the last two
/// written into the help as clap would write them in English.
fn localize_arg(mut arg: clap::Arg, command: &str, help: &Help) -> clap::Arg {
    let mut text = help
        .arg(command, arg.get_id().as_str())
        .unwrap_or_default()
        .to_string();
    let values: Option<Vec<&'static str>> = value_names(&arg)
        .iter()
        .map(|value| help.value_name(value))
        .collect();
    if let Some(values) = values.filter(|values| !values.is_empty()) {
        arg = arg.value_names(values);
    }
    // As clap writes them: the default, then the possible values, for options only.
    if arg.get_action().takes_values() {
        if !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|value| value.to_string_lossy().into_owned())
                .collect();
            text = format!("{text} {}", (help.default_value)(&defaults.join(" ")));
        }
        let possible: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|value| !value.is_hide_set())
            .map(|value| value.get_name().to_string())
            .collect();
        if !arg.is_hide_possible_values_set() && !possible.is_empty() {
            text = format!("{text} {}", (help.possible_values)(&possible.join(", ")));
        }
    }
    arg.help(text.trim_start().to_string())
        .long_help(None::<&'static str>)
        .hide_possible_values(true)
        .hide_default_value(true)
}

/// The usage line clap would write, with the Vietnamese placeholders, lined up under the
/// Vietnamese heading.
fn usage(command: &mut Command, help: &Help) -> String {
    let rendered = command.render_usage().to_string();
    let indent = " ".repeat(help.usage.chars().count() + 1);
    rendered
        .lines()
        .map(|line| {
            line.trim_start()
                .trim_start_matches("Usage:")
                .trim_start()
                .replace("[OPTIONS]", help.options_placeholder)
                .replace("<COMMAND>", &format!("<{}>", help.command_placeholder))
                .replace("[COMMAND]", &format!("[{}]", help.command_placeholder))
        })
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

/// clap's help layout with Vietnamese headings, only those of sections that have something.
fn template(command: &Command, help: &Help) -> String {
    let shows = |arg: &&clap::Arg| !arg.is_hide_set();
    let mut sections = Vec::new();
    if command.get_subcommands().any(|sub| !sub.is_hide_set()) {
        sections.push(format!("{}\n{{subcommands}}", help.commands));
    }
    if command.get_positionals().any(|arg| shows(&arg)) {
        sections.push(format!("{}\n{{positionals}}", help.arguments));
    }
    if command
        .get_arguments()
        .any(|arg| !arg.is_positional() && shows(&arg))
    {
        sections.push(format!("{}\n{{options}}", help.options));
    }
    format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{}{{after-help}}",
        help.usage,
        sections.join("\n\n")
    )
}
