//! The errors a person reads when a file does not load, save or check, in each language:
//! reading and writing files, the data file's problems (`FILE:LINE:COLUMN: message`, only
//! the message is translated), dates, saving, the recovery journal, and the config with its
//! keys, colours and styles. They reach both the command line and the full screen's dialogs,
//! so they live apart from either ([`crate::lang::errors`]).
//!
//! Names that are part of a file's format stay as the file spells them in every language:
//! field and setting names (`schema_version`, `autosave_seconds`), mode and command names
//! (`browse`, `next_result`), theme, role, colour and modifier names, key names.

use std::io;

/// A special file htx refuses to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    Directory,
    Fifo,
    Device,
    Other,
}

/// A part of a date or a time, for "must be N digits".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
}

/// A value of the data file that a check names ("… is empty", "duplicate …").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    RegionName,
    Grade,
    SectorId,
    SectorName,
    ProvinceCode,
    ProvinceName,
    ProvinceKind,
    CooperativeId,
    CooperativeName,
    PlanTitle,
    PlanItemId,
    PlanItemTitle,
    RatingScheme,
    RatingGrade,
    FoundingYear,
    MembershipYear,
    RatingYear,
}

/// Every error message about files, data and config, in one language.
pub struct Errors {
    /// An operating-system error in words (`Permission denied`); an error htx made itself
    /// already speaks the language and is said as it is.
    pub io: fn(&io::Error) -> String,

    // Reading files (store::files).
    pub not_regular: fn(Special) -> String,
    pub too_large: fn(megabytes: u64) -> String,
    pub owner_not_given: fn(uid: u32, gid: u32, err: &str) -> String,
    pub never_overwrites: &'static str,
    pub no_backup_name: &'static str,
    pub link_unreachable: fn(err: &str) -> String,
    pub lock_is_a_link: &'static str,
    pub lock_not_regular: &'static str,
    pub private_dir_not_a_dir: &'static str,
    pub private_dir_of_another: fn(uid: u32) -> String,

    // Loading a data file (store).
    /// `FILE: cannot read: why`.
    pub cannot_read: fn(path: &str, why: &str) -> String,
    pub invalid_utf8: fn(byte: u8) -> String,
    pub cannot_create_folder: fn(dir: &str, err: &str) -> String,
    /// A check's problem and the path in the data it is about.
    pub at_path: fn(message: &str, path: &str) -> String,
    /// ron's error in words (the position is said apart).
    pub ron: fn(&ron::Error) -> String,
    pub hint_ends_early: &'static str,
    pub hint_unknown_field: &'static str,
    pub hint_missing_field: &'static str,
    pub hint_too_deep: &'static str,

    // The data's checks (model::validate).
    pub field: fn(Field) -> &'static str,
    pub empty: fn(field: &str) -> String,
    pub year_outside: fn(field: &str, year: u16, first: u16, last: u16) -> String,
    pub duplicate: fn(field: &str, value: &str) -> String,
    pub schema_unsupported: fn(found: u32, read: u32) -> String,
    pub unknown_province: fn(code: &str) -> String,
    pub percent_over: fn(percent: u8) -> String,
    pub percent_max_outside: fn(percent: u8) -> String,
    /// A field that describes the record itself, listed as invented.
    pub not_markable: fn(field: &str) -> String,
    /// A name in `illustrative` that is no field of the record: the name, the fields.
    pub unknown_mark: fn(field: &str, fields: &str) -> String,
    /// A field listed twice in `illustrative`.
    pub marked_twice: fn(field: &str) -> String,
    pub unknown_sector: fn(id: &str) -> String,
    pub district_empty: &'static str,
    pub joined_before_founded: fn(year: u16) -> String,
    pub rated_before_founded: fn(year: u16) -> String,
    pub second_rating: fn(year: u16, scheme: &str) -> String,
    pub score_over: fn(score: u8) -> String,
    pub plan_ends_before_start: fn(end: &str, start: &str) -> String,
    pub second_entry: fn(province: &str) -> String,

    // Dates and times (model::date).
    pub year_out_of_range: fn(year: u16) -> String,
    pub no_such_month: fn(month: u8) -> String,
    pub no_such_day: fn(year: u16, month: u8, day: u8) -> String,
    pub digits: fn(part: DatePart, digits: usize, found: &str) -> String,
    pub expected_date: fn(found: &str) -> String,
    pub not_a_time: fn(hour: u8, minute: u8, second: u8) -> String,
    pub expected_timestamp: fn(found: &str) -> String,

    // Saving (store::save).
    pub save_invalid: fn(count: usize, first: &str) -> String,
    pub save_locked: fn(path: &str) -> String,
    pub save_io: fn(path: &str, err: &str) -> String,
    pub save_unreadable: fn(path: &str, message: &str) -> String,
    pub save_read_only: fn(path: &str) -> String,
    pub save_folder_read_only: fn(path: &str) -> String,
    pub save_owner_user: fn(path: &str, uid: u32, gid: u32) -> String,
    pub save_owner_group: fn(path: &str, gid: u32) -> String,
    pub save_untraceable: fn(what: &str) -> String,
    pub journal_line: fn(path: &str, line: usize, err: &str) -> String,

    // The config file (config).
    pub config_not_utf8: fn(path: &str, byte: usize) -> String,
    /// ron's own complaint about the config, with where to find a sound one.
    pub config_is_ron: fn(message: &str) -> String,
    pub set_twice: fn(setting: &str) -> String,
    pub unknown_setting: fn(setting: &str, settings: &str) -> String,
    pub autosave_at_least_one: &'static str,
    pub autosave_at_most: fn(max: u32) -> String,
    pub unknown_lang: fn(name: &str) -> String,
    pub unknown_theme: fn(name: &str, themes: &str) -> String,
    pub unknown_role: fn(name: &str, roles: &str) -> String,
    pub role_twice: fn(role: &str) -> String,
    pub style_field_twice: fn(field: &str) -> String,
    pub unknown_style_field: fn(field: &str, fields: &str) -> String,
    pub unknown_colour: fn(text: &str, help: &str) -> String,
    pub no_colour_index: fn(index: &str, help: &str) -> String,
    pub colour_help: fn(names: &str) -> String,
    pub unknown_modifier: fn(text: &str, modifiers: &str) -> String,
    pub unknown_mode: fn(name: &str, modes: &str) -> String,
    pub mode_twice: fn(name: &str) -> String,
    /// A key given twice in a mode; `earlier` is its first spelling when that differs.
    pub key_again: fn(spelling: &str, key: &str, mode: &str, earlier: Option<&str>) -> String,
    pub key_types_itself: fn(spelling: &str, mode: &str) -> String,
    /// A mode left with no key out; `quits` when that mode is browse (its way out quits htx).
    pub no_way_out: fn(mode: &str, quits: bool, keys: &str, commands: &str) -> String,
    /// The word between the last two of a list of choices.
    pub or: &'static str,
    pub unknown_command: fn(name: &str, mode: &str, commands: &str) -> String,
    pub command_not_in_mode: fn(name: &str, mode: &str, commands: &str) -> String,
    pub commands_and_none: fn(names: &str) -> String,
    pub key_control: fn(text: &str) -> String,
    pub key_alt: fn(text: &str) -> String,
    pub key_ctrl_shift: fn(text: &str) -> String,
    pub key_shift: fn(text: &str) -> String,
    pub key_same_as: fn(text: &str, letter: char, same: &str) -> String,
    pub unknown_key: fn(text: &str) -> String,
    // What a setting expects, in ron's "expected …, found …".
    pub expect_settings: &'static str,
    pub expect_seconds: &'static str,
    pub expect_lang: &'static str,
    pub expect_theme: fn(themes: &str) -> String,
    pub expect_styles: &'static str,
    pub expect_style: &'static str,
    pub expect_modifier: &'static str,
    pub expect_keys: &'static str,
    pub expect_mode_keys: &'static str,
    pub expect_command: fn(commands: &str) -> String,
}

/// ` trong `Outer`` after a field named in ron's errors, when ron knows the struct.
fn outer_vi(outer: Option<&String>) -> String {
    outer.map_or_else(String::new, |outer| format!(" trong `{outer}`"))
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub const EN: Errors = Errors {
    io: |err| err.to_string(),

    not_regular: |special| {
        let what = match special {
            Special::Directory => "a directory",
            Special::Fifo => "a FIFO (named pipe)",
            Special::Device => "a device",
            Special::Other => "a socket or other special file",
        };
        format!("{what}, not a regular file; htx reads only regular files")
    },
    too_large: |megabytes| {
        format!("larger than {megabytes} MB, more than htx opens; is it the right file?")
    },
    owner_not_given: |uid, gid, err| {
        format!("cannot give the new file the owner {uid}:{gid}: {err}")
    },
    never_overwrites: "already exists; htx never writes over it",
    no_backup_name: "could not find a free temporary name for the backup",
    link_unreachable: |err| format!("it is a link whose target cannot be reached: {err}"),
    lock_is_a_link: "it is a symbolic link; htx never follows one there: remove it",
    lock_not_regular: "not a regular file; remove it",
    private_dir_not_a_dir: "not a directory (a link?); htx keeps private files only in a folder of its own",
    private_dir_of_another: |uid| format!("belongs to user {uid}, not to you"),

    cannot_read: |path, why| format!("{path}: cannot read: {why}"),
    invalid_utf8: |byte| {
        format!(
            "invalid UTF-8 (byte 0x{byte:02X}); htx reads UTF-8 text only. A file in an old \
             Vietnamese encoding (TCVN3, VNI, Windows-1258) must be converted to UTF-8 first"
        )
    },
    cannot_create_folder: |dir, err| format!("cannot create the folder {dir}: {err}"),
    at_path: |message, path| format!("{message} (at {path})"),
    ron: |err| err.to_string(),
    hint_ends_early: "; the file ends early: is it empty or cut short? `htx init FILE` writes a complete example",
    hint_unknown_field: "; remove or rename the field (htx refuses unknown fields so that a misspelt one is not silently lost on the next save)",
    hint_missing_field: "; add the field (see the format in README.md)",
    hint_too_deep: "; brackets are nested far deeper than the format allows",

    field: |field| match field {
        Field::RegionName => "region name",
        Field::Grade => "grade",
        Field::SectorId => "sector id",
        Field::SectorName => "sector name",
        Field::ProvinceCode => "province code",
        Field::ProvinceName => "province name",
        Field::ProvinceKind => "province kind",
        Field::CooperativeId => "cooperative id",
        Field::CooperativeName => "cooperative name",
        Field::PlanTitle => "plan title",
        Field::PlanItemId => "plan item id",
        Field::PlanItemTitle => "plan item title",
        Field::RatingScheme => "rating scheme",
        Field::RatingGrade => "rating grade",
        Field::FoundingYear => "founding year",
        Field::MembershipYear => "membership year",
        Field::RatingYear => "rating year",
    },
    empty: |field| format!("{field} is empty"),
    year_outside: |field, year, first, last| format!("{field} {year} is outside {first}–{last}"),
    duplicate: |field, value| format!("duplicate {field} {value:?}"),
    schema_unsupported: |found, read| {
        format!("schema_version {found} is not supported; this htx reads version {read}")
    },
    unknown_province: |code| {
        format!("unknown province code {code:?}; it must be one of the codes under `provinces`")
    },
    percent_over: |percent| format!("{percent}% is more than 100%"),
    percent_max_outside: |percent| format!("{percent}% must lie between percent_min and 100"),
    not_markable: |field| format!("{field:?} cannot be illustrative: it describes the record"),
    unknown_mark: |field, fields| {
        format!("unknown field {field:?} in illustrative; it must be one of: {fields}")
    },
    marked_twice: |field| format!("{field:?} is listed twice in illustrative"),
    unknown_sector: |id| {
        format!("unknown sector {id:?}; it must be one of the ids under `sectors`")
    },
    district_empty: "district is empty; leave it out instead",
    joined_before_founded: |year| format!("joined the alliance in {year}, before it was founded"),
    rated_before_founded: |year| format!("rated for {year}, before it was founded"),
    second_rating: |year, scheme| format!("a second rating for {year} under scheme {scheme:?}"),
    score_over: |score| format!("score {score} is more than 100"),
    plan_ends_before_start: |end, start| {
        format!("the plan ends ({end}) before it starts ({start})")
    },
    second_entry: |province| format!("a second entry for province {province:?} in this item"),

    year_out_of_range: |year| format!("year {year} is out of range (1000-9999)"),
    no_such_month: |month| format!("month {month} does not exist"),
    no_such_day: |year, month, day| format!("{year:04}-{month:02} has no day {day}"),
    digits: |part, digits, found| {
        let what = match part {
            DatePart::Year => "year",
            DatePart::Month => "month",
            DatePart::Day => "day",
            DatePart::Hour => "hour",
            DatePart::Minute => "minute",
            DatePart::Second => "second",
        };
        format!("{what} must be {digits} digits, found {found:?}")
    },
    expected_date: |found| format!("expected a date like \"2011-12-31\", found {found:?}"),
    not_a_time: |hour, minute, second| {
        format!("{hour:02}:{minute:02}:{second:02} is not a time of day")
    },
    expected_timestamp: |found| {
        format!("expected a UTC time like \"2011-11-30T09:05:00Z\", found {found:?}")
    },

    save_invalid: |count, first| {
        format!("not saved: the data has {count} problem(s), first: {first}")
    },
    save_locked: |path| format!("not saved: another htx is saving {path} right now; try again"),
    save_io: |path, err| format!("not saved: {path}: {err}"),
    save_unreadable: |path, message| {
        format!("not saved: {path} changed on disk and no longer reads as a dataset: {message}")
    },
    save_read_only: |path| {
        format!("not saved: {path} is read-only for you; w saves under another name")
    },
    save_folder_read_only: |path| {
        format!(
            "not saved (w saves under another name): you cannot create files in {path}, and htx \
             never overwrites a file in place"
        )
    },
    save_owner_user: |path, uid, gid| {
        format!(
            "not saved yet: {path} belongs to user {uid} (group {gid}); a save would make the \
             new file yours"
        )
    },
    save_owner_group: |path, gid| {
        format!(
            "not saved yet: {path} is in group {gid}, which you are not in; a save would make \
             the new file yours"
        )
    },
    save_untraceable: |what| {
        format!(
            "not saved: the session's edits cannot be traced back to the file it loaded \
             ({what}); save under another name (w) to keep them"
        )
    },
    journal_line: |path, line, err| {
        format!("{path}:{line}: not an edit this htx reads ({err}); the journal is kept")
    },

    config_not_utf8: |path, byte| {
        format!(
            "{path}: cannot read: invalid UTF-8 (byte {byte}); the config file must be UTF-8 text"
        )
    },
    config_is_ron: |message| {
        format!(
            "{message} (the config is RON: `htx config --default` prints one with every setting)"
        )
    },
    set_twice: |setting| format!("`{setting}` is set twice; keep one"),
    unknown_setting: |setting, settings| {
        format!("unknown setting `{setting}`; the settings are {settings}")
    },
    autosave_at_least_one: "autosave_seconds must be at least 1; leave it out (or write None) \
                            to turn autosave off",
    autosave_at_most: |max| format!("autosave_seconds is at most {max}"),
    unknown_lang: |name| format!("unknown language {name:?}; the languages are \"vi\", \"en\""),
    unknown_theme: |name, themes| format!("unknown theme {name:?}; the themes are {themes}"),
    unknown_role: |name, roles| format!("unknown role {name:?}; the roles are {roles}"),
    role_twice: |role| format!("the role {role:?} is styled twice; keep one"),
    style_field_twice: |field| format!("`{field}` is given twice in this style; keep one"),
    unknown_style_field: |field, fields| {
        format!(
            "unknown style field `{field}`; a style has {fields} (each may be left out): \
             (fg: \"blue\", bg: \"black\", modifiers: [\"bold\"])"
        )
    },
    unknown_colour: |text, help| format!("unknown colour {text:?}; {help}"),
    no_colour_index: |index, help| format!("no colour has the index {index}; {help}"),
    colour_help: |names| format!("a colour is one of {names}, \"#rrggbb\", or an index 0-255"),
    unknown_modifier: |text, modifiers| {
        format!("unknown modifier {text:?}; the modifiers are {modifiers}")
    },
    unknown_mode: |name, modes| format!("unknown mode {name:?}; the modes are {modes}"),
    mode_twice: |name| format!("the mode {name:?} has two sections; put its keys in one"),
    key_again: |spelling, key, mode, earlier| {
        let same = earlier.map_or_else(String::new, |earlier| format!(" (as {earlier:?})"));
        format!("{spelling:?} is {key} again: the key is already bound in {mode}{same}; keep one")
    },
    key_types_itself: |spelling, mode| {
        format!(
            "{spelling:?} types itself in {mode}, so it cannot be a command there; bind a Ctrl- \
             key or a named key (Enter, Tab, F1…)"
        )
    },
    no_way_out: |mode, quits, keys, commands| {
        let what = if quits { "to quit htx" } else { "to leave it" };
        format!(
            "this leaves {mode} with no key {what}; keep {keys}, or bind another key to {commands}"
        )
    },
    or: "or",
    unknown_command: |name, mode, commands| {
        format!("unknown command {name:?}; the commands of {mode} are {commands}")
    },
    command_not_in_mode: |name, mode, commands| {
        format!("{name:?} does nothing in {mode}; the commands of {mode} are {commands}")
    },
    commands_and_none: |names| format!("{names}; \"none\" unbinds the key"),
    key_control: |text| {
        format!("{text:?} is a control character; name the key instead (`tab`, `enter`, `ctrl-d`)")
    },
    key_alt: |text| {
        format!(
            "`{text}`: Alt keys cannot be bound: a terminal sends Alt and a key as Esc and that \
             key, so they cannot be told from Esc; choose a key without Alt"
        )
    },
    key_ctrl_shift: |text| {
        format!(
            "`{text}`: Ctrl and Shift together do not reach htx in most terminals; use Ctrl or \
             Shift alone"
        )
    },
    key_shift: |text| {
        format!(
            "`{text}`: Shift goes only with Tab or a letter; for another shifted key write the \
             character itself (`?`, not `shift-/`)"
        )
    },
    key_same_as: |text, letter, same| {
        format!(
            "`{text}`: a terminal sends Ctrl-{letter} as {same}, so htx cannot tell them apart; \
             bind `{}` instead",
            same.to_ascii_lowercase()
        )
    },
    unknown_key: |text| {
        format!(
            "unknown key `{text}`; a key is one character (`x`, `G`, `?`), or one of Enter, Esc, \
             Tab, Shift-Tab, Backspace, Delete, Space, Up, Down, Left, Right, PgUp, PgDn, Home, \
             End, F1-F12, any of them after `Ctrl-` (`ctrl-d`, `C-d`)"
        )
    },
    expect_settings: "the settings in parentheses: (theme: \"dark\", keys: { … })",
    expect_seconds: "a number of seconds, at least 1",
    expect_lang: "a language: \"vi\" or \"en\"",
    expect_theme: |themes| format!("a theme name: {themes}"),
    expect_styles: "a map from role to style: { \"dim\": (fg: \"gray\") }",
    expect_style: "a style: (fg: \"blue\", bg: \"black\", modifiers: [\"bold\"])",
    expect_modifier: "a modifier: \"bold\", \"dim\", \"italic\", \"underlined\" or \"reversed\"",
    expect_keys: "a map from mode to keys: { \"browse\": { \"x\": \"delete\" } }",
    expect_mode_keys: "a map from key to command: { \"x\": \"delete\", \"d\": \"none\" }",
    expect_command: |commands| format!("a command: {commands}"),
};

pub const VI: Errors = Errors {
    io: |err| {
        use io::ErrorKind as K;
        // Only the system's errors have a code; htx's own are already in Vietnamese.
        let Some(code) = err.raw_os_error() else {
            return err.to_string();
        };
        let said = match err.kind() {
            K::NotFound => "không có tệp hay thư mục này",
            K::PermissionDenied => "không có quyền truy cập",
            K::AlreadyExists => "đã có rồi",
            K::IsADirectory => "đây là một thư mục",
            K::NotADirectory => "không phải là thư mục",
            K::DirectoryNotEmpty => "thư mục không trống",
            K::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc",
            K::StorageFull => "ổ đĩa đã đầy",
            K::QuotaExceeded => "đã dùng hết hạn mức dung lượng",
            K::FileTooLarge => "tệp quá lớn",
            K::CrossesDevices => "không chuyển được sang ổ đĩa khác",
            K::TooManyLinks => "quá nhiều liên kết",
            K::ResourceBusy => "tệp đang bận",
            K::InvalidFilename => "tên tệp không hợp lệ",
            K::Interrupted => "bị ngắt giữa chừng",
            K::TimedOut => "quá thời gian chờ",
            // What has no Vietnamese here is said in the system's words.
            _ => return err.to_string(),
        };
        format!("{said} (mã lỗi {code})")
    },

    not_regular: |special| {
        let what = match special {
            Special::Directory => "là một thư mục",
            Special::Fifo => "là một ống có tên (FIFO)",
            Special::Device => "là một thiết bị",
            Special::Other => "là một tệp đặc biệt",
        };
        format!("{what}, không phải tệp thông thường; htx chỉ đọc tệp thông thường")
    },
    too_large: |megabytes| {
        format!("lớn hơn {megabytes} MB, quá mức htx mở được; có đúng là tệp này không?")
    },
    owner_not_given: |uid, gid, err| {
        format!("không đặt được chủ sở hữu {uid}:{gid} cho tệp mới: {err}")
    },
    never_overwrites: "tệp đã có; htx không bao giờ ghi đè lên tệp đã có",
    no_backup_name: "không tìm được tên tạm còn trống cho bản sao lưu",
    link_unreachable: |err| format!("đây là liên kết tới một đích không tới được: {err}"),
    lock_is_a_link: "đây là một liên kết tượng trưng; htx không bao giờ đi theo liên kết ở chỗ này: hãy xóa nó",
    lock_not_regular: "không phải tệp thông thường; hãy xóa nó",
    private_dir_not_a_dir: "không phải thư mục (có phải là liên kết không?); htx chỉ giữ tệp riêng trong một thư mục của riêng mình",
    private_dir_of_another: |uid| format!("thuộc về người dùng {uid}, không phải của bạn"),

    cannot_read: |path, why| format!("{path}: không đọc được: {why}"),
    invalid_utf8: |byte| {
        format!(
            "không phải UTF-8 hợp lệ (gặp mã 0x{byte:02X}); htx chỉ đọc văn bản UTF-8. Tệp gõ \
             bằng bảng mã tiếng Việt cũ (TCVN3, VNI, Windows-1258) phải được chuyển sang UTF-8 \
             trước"
        )
    },
    cannot_create_folder: |dir, err| format!("không tạo được thư mục {dir}: {err}"),
    at_path: |message, path| format!("{message} (tại {path})"),
    ron: |err| {
        use ron::Error as E;
        match err {
            E::Message(message) => message.clone(),
            E::Eof => "hết tệp giữa chừng".to_string(),
            E::ExpectedArray => "cần dấu mở `[`".to_string(),
            E::ExpectedArrayEnd => "cần dấu đóng `]`".to_string(),
            E::ExpectedBoolean => "cần giá trị true hoặc false".to_string(),
            E::ExpectedComma => "thiếu dấu phẩy".to_string(),
            E::ExpectedInteger => "cần một số nguyên".to_string(),
            E::ExpectedFloat => "cần một số".to_string(),
            E::ExpectedOption => "cần Some(…) hoặc None".to_string(),
            E::ExpectedOptionEnd | E::ExpectedStructLikeEnd => "cần dấu đóng `)`".to_string(),
            E::ExpectedMap => "cần dấu mở `{`".to_string(),
            E::ExpectedMapColon => "thiếu dấu hai chấm".to_string(),
            E::ExpectedMapEnd => "cần dấu đóng `}`".to_string(),
            E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => "cần dấu mở `(`".to_string(),
            E::ExpectedString => "cần một chuỗi trong ngoặc kép".to_string(),
            E::ExpectedStringEnd => "chuỗi chưa có ngoặc kép đóng".to_string(),
            E::ExpectedIdentifier => "cần một tên trường".to_string(),
            E::IntegerOutOfBounds => "số nằm ngoài khoảng cho phép".to_string(),
            E::UnclosedBlockComment => "chú thích /* chưa được đóng bằng */".to_string(),
            E::UnexpectedChar(c) => format!("ký tự không mong đợi {c:?}"),
            E::TrailingCharacters => "còn ký tự thừa sau phần dữ liệu".to_string(),
            E::InvalidValueForType { expected, found } => {
                format!("giá trị không đúng: cần {expected}, nhưng gặp {found}")
            }
            E::NoSuchEnumVariant {
                expected, found, ..
            } => format!(
                "không có giá trị `{found}`; các giá trị là {}",
                quoted_list(expected)
            ),
            E::NoSuchStructField {
                expected,
                found,
                outer,
            } => format!(
                "không có trường `{found}`{}; các trường là {}",
                outer_vi(outer.as_ref()),
                quoted_list(expected)
            ),
            E::MissingStructField { field, outer } => {
                format!("thiếu trường `{field}`{}", outer_vi(outer.as_ref()))
            }
            E::DuplicateStructField { field, outer } => {
                format!("trường `{field}` có hai lần{}", outer_vi(outer.as_ref()))
            }
            E::ExceededRecursionLimit => "các ngoặc lồng nhau quá sâu".to_string(),
            // The rarer complaints of the RON reader are given in its own words.
            other => format!("lỗi cú pháp RON: {other}"),
        }
    },
    hint_ends_early: "; tệp có trống hay bị cắt mất phần cuối không? `htx init TỆP` ghi một tệp mẫu đầy đủ",
    hint_unknown_field: "; hãy xóa hoặc sửa tên trường này (htx không nhận trường lạ, để một trường gõ sai không bị mất mà không ai hay ở lần lưu sau)",
    hint_missing_field: "; hãy thêm trường này (định dạng tệp có trong README.md)",
    hint_too_deep: "; các ngoặc lồng nhau sâu hơn nhiều so với định dạng cho phép",

    field: |field| match field {
        Field::RegionName => "tên vùng",
        Field::Grade => "mức xếp loại",
        Field::SectorId => "mã ngành",
        Field::SectorName => "tên ngành",
        Field::ProvinceCode => "mã tỉnh",
        Field::ProvinceName => "tên tỉnh",
        Field::ProvinceKind => "loại đơn vị (tỉnh hay thành phố)",
        Field::CooperativeId => "mã hợp tác xã",
        Field::CooperativeName => "tên hợp tác xã",
        Field::PlanTitle => "tên kế hoạch",
        Field::PlanItemId => "mã nội dung kế hoạch",
        Field::PlanItemTitle => "tên nội dung kế hoạch",
        Field::RatingScheme => "bộ tiêu chí xếp loại",
        Field::RatingGrade => "mức xếp loại",
        Field::FoundingYear => "năm thành lập",
        Field::MembershipYear => "năm gia nhập Liên minh HTX",
        Field::RatingYear => "năm xếp loại",
    },
    empty: |field| format!("{field} đang để trống"),
    year_outside: |field, year, first, last| {
        format!("{field} {year} nằm ngoài khoảng {first}–{last}")
    },
    duplicate: |field, value| format!("{field} {value:?} bị trùng"),
    schema_unsupported: |found, read| {
        format!("không đọc được schema_version {found}; bản htx này đọc phiên bản {read}")
    },
    unknown_province: |code| {
        format!("không có mã tỉnh {code:?}; mã tỉnh phải là một trong các mã ở mục `provinces`")
    },
    percent_over: |percent| format!("{percent}% lớn hơn 100%"),
    percent_max_outside: |percent| {
        format!("{percent}% phải nằm trong khoảng từ percent_min đến 100")
    },
    not_markable: |field| {
        format!("{field:?} không thể là minh họa: trường này mô tả chính bản ghi")
    },
    unknown_mark: |field, fields| {
        format!("trong illustrative không có trường {field:?}; chỉ được là một trong: {fields}")
    },
    marked_twice: |field| format!("{field:?} có hai lần trong illustrative"),
    unknown_sector: |id| {
        format!("không có ngành {id:?}; mã ngành phải là một trong các mã ở mục `sectors`")
    },
    district_empty: "quận/huyện đang để trống; nếu không có thì hãy bỏ hẳn trường này",
    joined_before_founded: |year| {
        format!("gia nhập Liên minh HTX năm {year}, trước cả khi thành lập")
    },
    rated_before_founded: |year| format!("được xếp loại năm {year}, trước cả khi thành lập"),
    second_rating: |year, scheme| {
        format!("đã có một lần xếp loại năm {year} theo bộ tiêu chí {scheme:?}")
    },
    score_over: |score| format!("điểm {score} lớn hơn 100"),
    plan_ends_before_start: |end, start| {
        format!("kế hoạch kết thúc ({end}) trước khi bắt đầu ({start})")
    },
    second_entry: |province| format!("nội dung này đã có một mục tiến độ của tỉnh {province:?}"),

    year_out_of_range: |year| format!("năm {year} nằm ngoài khoảng 1000–9999"),
    no_such_month: |month| format!("không có tháng {month}"),
    no_such_day: |year, month, day| format!("tháng {month:02}/{year:04} không có ngày {day}"),
    digits: |part, digits, found| {
        let what = match part {
            DatePart::Year => "năm",
            DatePart::Month => "tháng",
            DatePart::Day => "ngày",
            DatePart::Hour => "giờ",
            DatePart::Minute => "phút",
            DatePart::Second => "giây",
        };
        format!("{what} phải gồm {digits} chữ số, nhưng gặp {found:?}")
    },
    expected_date: |found| {
        format!("cần một ngày viết dạng \"2011-12-31\" (năm-tháng-ngày), nhưng gặp {found:?}")
    },
    not_a_time: |hour, minute, second| {
        format!("{hour:02}:{minute:02}:{second:02} không phải là một giờ trong ngày")
    },
    expected_timestamp: |found| {
        format!("cần một thời điểm giờ UTC viết dạng \"2011-11-30T09:05:00Z\", nhưng gặp {found:?}")
    },

    save_invalid: |count, first| format!("chưa lưu: dữ liệu có {count} lỗi, lỗi đầu tiên: {first}"),
    save_locked: |path| format!("chưa lưu: một htx khác đang lưu {path}; hãy thử lại"),
    save_io: |path, err| format!("chưa lưu: {path}: {err}"),
    save_unreadable: |path, message| {
        format!(
            "chưa lưu: {path} đã bị thay đổi trên đĩa và không còn đọc được như một bộ dữ liệu: \
             {message}"
        )
    },
    save_read_only: |path| {
        format!("chưa lưu: bạn chỉ được đọc {path}; phím w lưu ra một tệp tên khác")
    },
    save_folder_read_only: |path| {
        format!(
            "chưa lưu (phím w lưu ra một tệp tên khác): bạn không tạo được tệp trong {path}, mà \
             htx không bao giờ ghi đè thẳng lên tệp"
        )
    },
    save_owner_user: |path, uid, gid| {
        format!(
            "chưa lưu: {path} thuộc về người dùng {uid} (nhóm {gid}); nếu lưu, tệp mới sẽ thuộc \
             về bạn"
        )
    },
    save_owner_group: |path, gid| {
        format!(
            "chưa lưu: {path} thuộc nhóm {gid}, mà bạn không ở trong nhóm này; nếu lưu, tệp mới \
             sẽ thuộc về bạn"
        )
    },
    save_untraceable: |what| {
        format!(
            "chưa lưu: không lần ra được các sửa đổi của phiên làm việc này từ tệp đã mở \
             ({what}); hãy lưu với tên khác (w) để giữ chúng"
        )
    },
    journal_line: |path, line, err| {
        format!(
            "{path}:{line}: không phải một sửa đổi mà bản htx này đọc được ({err}); nhật ký vẫn \
             được giữ nguyên"
        )
    },

    config_not_utf8: |path, byte| {
        format!(
            "{path}: không đọc được: không phải UTF-8 hợp lệ (ở byte thứ {byte}); tệp cấu hình \
             phải là văn bản UTF-8"
        )
    },
    config_is_ron: |message| {
        format!(
            "{message} (tệp cấu hình viết theo RON: `htx config --default` in ra một tệp có đủ \
             mọi thiết lập)"
        )
    },
    set_twice: |setting| format!("`{setting}` được đặt hai lần; hãy giữ một"),
    unknown_setting: |setting, settings| {
        format!("không có thiết lập `{setting}`; các thiết lập là {settings}")
    },
    autosave_at_least_one: "autosave_seconds phải ít nhất là 1; muốn tắt tự động lưu thì bỏ \
                            thiết lập này đi (hoặc ghi None)",
    autosave_at_most: |max| format!("autosave_seconds lớn nhất là {max}"),
    unknown_lang: |name| format!("không có ngôn ngữ {name:?}; các ngôn ngữ là \"vi\", \"en\""),
    unknown_theme: |name, themes| {
        format!("không có giao diện màu {name:?}; các giao diện màu là {themes}")
    },
    unknown_role: |name, roles| format!("không có vai trò {name:?}; các vai trò là {roles}"),
    role_twice: |role| format!("vai trò {role:?} được định kiểu hai lần; hãy giữ một"),
    style_field_twice: |field| format!("`{field}` có hai lần trong kiểu này; hãy giữ một"),
    unknown_style_field: |field, fields| {
        format!(
            "kiểu không có trường `{field}`; một kiểu có {fields} (trường nào cũng có thể bỏ): \
             (fg: \"blue\", bg: \"black\", modifiers: [\"bold\"])"
        )
    },
    unknown_colour: |text, help| format!("không có màu {text:?}; {help}"),
    no_colour_index: |index, help| format!("không có màu số {index}; {help}"),
    colour_help: |names| format!("màu là một trong {names}, \"#rrggbb\", hoặc một số từ 0 đến 255"),
    unknown_modifier: |text, modifiers| {
        format!("không có kiểu chữ {text:?}; các kiểu chữ là {modifiers}")
    },
    unknown_mode: |name, modes| format!("không có chế độ {name:?}; các chế độ là {modes}"),
    mode_twice: |name| format!("chế độ {name:?} có hai mục; hãy gộp các phím của nó vào một"),
    key_again: |spelling, key, mode, earlier| {
        let same = earlier.map_or_else(String::new, |earlier| format!(" (viết là {earlier:?})"));
        format!(
            "{spelling:?} lại là phím {key}: phím này đã được gán trong {mode}{same}; hãy giữ một"
        )
    },
    key_types_itself: |spelling, mode| {
        format!(
            "{spelling:?} gõ ra chính nó trong {mode}, nên không làm lệnh ở đó được; hãy gán một \
             phím Ctrl- hoặc một phím có tên (Enter, Tab, F1…)"
        )
    },
    no_way_out: |mode, quits, keys, commands| {
        let what = if quits {
            "để thoát htx"
        } else {
            "để rời khỏi nó"
        };
        format!(
            "như vậy {mode} không còn phím nào {what}; hãy giữ {keys}, hoặc gán một phím khác \
             cho {commands}"
        )
    },
    or: "hoặc",
    unknown_command: |name, mode, commands| {
        format!("không có lệnh {name:?}; các lệnh của {mode} là {commands}")
    },
    command_not_in_mode: |name, mode, commands| {
        format!("{name:?} không làm gì trong {mode}; các lệnh của {mode} là {commands}")
    },
    commands_and_none: |names| format!("{names}; \"none\" bỏ gán phím"),
    key_control: |text| {
        format!("{text:?} là một ký tự điều khiển; hãy ghi tên phím (`tab`, `enter`, `ctrl-d`)")
    },
    key_alt: |text| {
        format!(
            "`{text}`: không gán được phím Alt: thiết bị đầu cuối gửi Alt cùng một phím thành Esc \
             rồi đến phím đó, nên không phân biệt được với Esc; hãy chọn phím không có Alt"
        )
    },
    key_ctrl_shift: |text| {
        format!(
            "`{text}`: Ctrl và Shift cùng lúc không tới được htx trên phần lớn thiết bị đầu \
             cuối; hãy dùng riêng Ctrl hoặc riêng Shift"
        )
    },
    key_shift: |text| {
        format!(
            "`{text}`: Shift chỉ đi với Tab hoặc một chữ cái; với phím khác có Shift hãy ghi \
             chính ký tự đó (`?`, không phải `shift-/`)"
        )
    },
    key_same_as: |text, letter, same| {
        format!(
            "`{text}`: thiết bị đầu cuối gửi Ctrl-{letter} y như {same}, nên htx không phân biệt \
             được; hãy gán `{}`",
            same.to_ascii_lowercase()
        )
    },
    unknown_key: |text| {
        format!(
            "không có phím `{text}`; một phím là một ký tự (`x`, `G`, `?`), hoặc một trong Enter, \
             Esc, Tab, Shift-Tab, Backspace, Delete, Space, Up, Down, Left, Right, PgUp, PgDn, \
             Home, End, F1-F12, hay bất kỳ phím nào trong số đó sau `Ctrl-` (`ctrl-d`, `C-d`)"
        )
    },
    expect_settings: "các thiết lập trong ngoặc đơn: (theme: \"dark\", keys: { … })",
    expect_seconds: "một số giây, ít nhất là 1",
    expect_lang: "một ngôn ngữ: \"vi\" hoặc \"en\"",
    expect_theme: |themes| format!("tên một giao diện màu: {themes}"),
    expect_styles: "một bảng từ vai trò sang kiểu: { \"dim\": (fg: \"gray\") }",
    expect_style: "một kiểu: (fg: \"blue\", bg: \"black\", modifiers: [\"bold\"])",
    expect_modifier: "một kiểu chữ: \"bold\", \"dim\", \"italic\", \"underlined\" hoặc \"reversed\"",
    expect_keys: "một bảng từ chế độ sang phím: { \"browse\": { \"x\": \"delete\" } }",
    expect_mode_keys: "một bảng từ phím sang lệnh: { \"x\": \"delete\", \"d\": \"none\" }",
    expect_command: |commands| format!("một lệnh: {commands}"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_errors_are_said_in_vietnamese_and_htx_own_as_they_are() {
        let denied = io::Error::from_raw_os_error(13);
        assert_eq!((VI.io)(&denied), "không có quyền truy cập (mã lỗi 13)");
        assert_eq!((EN.io)(&denied), denied.to_string());
        let own = io::Error::other((VI.not_regular)(Special::Device));
        assert_eq!((VI.io)(&own), own.to_string());
    }

    #[test]
    fn rons_common_complaints_are_in_vietnamese() {
        let missing = ron::Error::MissingStructField {
            field: "name",
            outer: Some("Province".to_string()),
        };
        assert_eq!((VI.ron)(&missing), "thiếu trường `name` trong `Province`");
        assert_eq!((EN.ron)(&missing), missing.to_string());
        assert_eq!((VI.ron)(&ron::Error::ExpectedComma), "thiếu dấu phẩy");
    }
}
