//! The command line's human messages (errors, notes on stderr, the summaries of `check` and
//! `config --check`, the recovery question asked before the full screen starts, the messages
//! `main` leaves for the full screen's message line) in each language. `--help` is in
//! [`super::help`]; errors about files, data and config in [`super::errors`].
//!
//! Machine output is not here: `find`'s fields, `list` in every format, `show`'s field names
//! and JSON are English in every language, so that scripts read the same words everywhere.

use crate::store::Stage;

/// What `htx config --check` sums up about a config.
#[derive(Clone, Copy, Debug)]
pub struct ConfigSummary<'a> {
    /// The theme the config names.
    pub theme: &'a str,
    /// `NO_COLOR` is set: `mono` is used whatever the config names.
    pub no_color: bool,
    pub rebound: usize,
    pub unbound: usize,
    pub restyled: usize,
    pub autosave_seconds: Option<u32>,
    pub ascii: bool,
    pub mouse: bool,
}

/// What `htx check` counts in a sound file.
#[derive(Clone, Copy, Debug)]
pub struct Counts {
    pub provinces: usize,
    pub sectors: usize,
    pub cooperatives: usize,
    pub plan_items: usize,
    pub progress_entries: usize,
}

/// Every message of the command line, in one language.
pub struct Cli {
    /// `--lang` was given a language htx does not have.
    pub unknown_lang: fn(&str) -> String,

    // Usage problems that clap cannot see (said after clap's own "error: ").
    pub wide_only_table: &'static str,
    pub csv_formulas_only_csv: &'static str,

    // Finding, writing and checking the dataset.
    pub no_home_dataset: &'static str,
    pub no_such_dataset: fn(path: &str) -> String,
    pub wrote_builtin: fn(path: &str) -> String,
    pub check_ok: fn(path: &str, counts: Counts) -> String,
    pub not_nfc_note: fn(path: &str, strings: usize) -> String,
    /// The progress line of a slow load: the file, its size, the stage, the time so far.
    pub loading: fn(path: &str, megabytes: f64, stage: &Stage, seconds: f64) -> String,
    pub loader_stopped: fn(path: &str) -> String,
    /// The built-in dataset where a file name would stand in `FILE:LINE:COLUMN: message`.
    pub builtin_dataset: &'static str,

    // `htx config`.
    pub no_home_config: &'static str,
    pub config_ok: fn(path: &str, summary: &str) -> String,
    pub config_no_such_file: fn(path: &str) -> String,
    pub config_defaults_apply: fn(path: &str) -> String,
    pub config_summary: fn(ConfigSummary<'_>) -> String,

    // Opening the full screen.
    pub cannot_create_dataset: fn(path: &str, err: &str) -> String,
    /// Said on stderr after `htx: ` and on the message line.
    pub first_run: fn(path: &str) -> String,
    pub not_nfc_shown: fn(strings: usize) -> String,
    /// Said on stderr after `htx: ` and on the message line.
    pub no_journal: fn(dir: &str, err: &str) -> String,
    pub read_only_file: fn(name: &str) -> String,
    pub terminal_error: fn(err: &str) -> String,
    pub stdout_not_terminal: &'static str,
    pub stdin_not_terminal: &'static str,
    /// A terminal that cannot show the full screen; `None` when `TERM` is not set.
    pub terminal_refused: fn(term: Option<&str>) -> String,

    // Lookups (`find`, `list`, `show`).
    pub unknown_province: fn(code: &str) -> String,
    pub nothing_matches: fn(query: &str) -> String,
    pub nothing_to_list: &'static str,
    pub no_such_id: fn(id: &str) -> String,
    pub cannot_write_output: fn(err: &str) -> String,
    /// `-o FILE` of `htx report` or `htx export` could not be written; nothing was changed.
    pub cannot_write_file: fn(path: &str, err: &str) -> String,
    /// `-o FILE` was written.
    pub wrote_file: fn(path: &str) -> String,

    // `htx git setup` and `htx history`.
    /// `git` could not be run at all.
    pub no_git: &'static str,
    /// A git command failed: the command (`git log`) and what git said.
    pub git_failed: fn(command: &str, err: &str) -> String,
    /// `htx git setup` outside a git work tree.
    pub not_a_git_repository: &'static str,
    /// `htx git setup` found no dataset to set up.
    pub no_datasets_in_repository: &'static str,
    /// `.gitattributes` or `.git/info/exclude` is a link or not a regular file.
    pub not_a_plain_file: &'static str,
    /// A FILE of `htx git setup` lies outside the work tree.
    pub outside_work_tree: fn(path: &str, top: &str) -> String,
    /// A line `htx git setup` added to `.gitattributes` (`file`).
    pub attributes_added: fn(file: &str, line: &str) -> String,
    pub attributes_present: fn(file: &str, line: &str) -> String,
    /// A setting `htx git setup` wrote in the repository's config.
    pub config_set: fn(key: &str, value: &str) -> String,
    pub config_present: fn(key: &str, value: &str) -> String,
    /// `htx history` on a file outside any git repository.
    pub history_not_in_repository: fn(path: &str) -> String,
    pub history_no_commits: fn(path: &str) -> String,
    pub history_never_found: fn(id: &str, path: &str, commits: usize) -> String,
    /// The working file's record differs from its last committed version.
    pub history_uncommitted: fn(id: &str, path: &str) -> String,

    // The recovery question, before the full screen.
    pub journal_unreadable: fn(problem: &str) -> String,
    /// Quitting without saving, the recovery journal could not be removed.
    pub journal_not_removed: fn(problem: &str) -> String,
    pub unsaved_changes: fn(count: usize) -> String,
    /// The question itself: the file and how many changes, then the keys.
    pub recovery_question: fn(path: &str, changes: &str) -> String,
    pub recovery_quit: &'static str,
    pub recovery_discarded: fn(count: usize) -> String,
    pub recovery_kept: &'static str,
    /// Why nothing of the old journals was removed when restoring failed.
    pub recovery_nothing_removed: &'static str,
    pub recovery_cannot_write_journal: fn(path: &str, err: &str, kept: &str) -> String,
    pub recovery_cannot_write_edit: fn(err: &str, kept: &str) -> String,
    pub recovery_cannot_write: fn(path: &str, err: &str, kept: &str) -> String,
    pub recovery_no_longer_apply: fn(count: usize, path: &str) -> String,
    pub recovery_clashed: fn(count: usize, path: &str) -> String,
    /// What the save key does, after its name: `w saves them`.
    pub recovery_save_hint: &'static str,
    /// The message line after a restore: how many, the save key's hint, what clashed.
    pub recovery_restored: fn(changes: &str, save: &str, clashed: &str) -> String,
    pub cannot_read_key: fn(err: &str) -> String,
    pub edit_note: fn(note: &str) -> String,
    pub edit_entry_removed: &'static str,
    pub edit_added: &'static str,
    pub edit_deleted: &'static str,
    pub edit_changed: &'static str,
    /// A conflict kept in the file, settled.
    pub edit_settled: &'static str,
    /// A settled conflict, put back in the file's list (its settling undone).
    pub edit_unsettled: &'static str,
}

fn count_en(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A count as Vietnamese writes it: grouped with dots, the noun the same for one or many.
fn count_vi(n: usize, noun: &str) -> String {
    format!("{} {noun}", super::Lang::Vi.number(n as u64))
}

/// `1.5` as Vietnamese writes it: `1,5`.
fn decimal_vi(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

pub const EN: Cli = Cli {
    unknown_lang: |given| {
        format!("htx: no interface language {given:?}; use --lang vi or --lang en")
    },

    wide_only_table: "--wide applies only to --format table",
    csv_formulas_only_csv: "--csv-formulas applies only to --format csv",

    no_home_dataset: "htx: no home directory is known, so there is no default dataset; name a file: htx FILE",
    no_such_dataset: |path| {
        format!("{path}: no such file; `htx init {path}` writes the built-in dataset there")
    },
    wrote_builtin: |path| format!("Wrote the built-in dataset to {path}"),
    check_ok: |path, counts| {
        format!(
            "{path}: ok: {}, {}, {}, {}, {}",
            count_en(counts.provinces, "province", "provinces"),
            count_en(counts.sectors, "sector", "sectors"),
            count_en(counts.cooperatives, "cooperative", "cooperatives"),
            count_en(counts.plan_items, "plan item", "plan items"),
            count_en(
                counts.progress_entries,
                "progress entry",
                "progress entries"
            ),
        )
    },
    not_nfc_note: |path, strings| {
        format!(
            "{path}: note: {strings} strings are not in NFC; htx reads them composed and writes them so"
        )
    },
    loading: |path, megabytes, stage, seconds| {
        let stage = match stage {
            Stage::Reading => "reading".to_owned(),
            Stage::Parsing(parsed) => format!("parsing {}%", parsed.percent()),
            Stage::Checking => "checking".to_owned(),
            Stage::Indexing => "sorting".to_owned(),
        };
        format!("htx: loading {path} ({megabytes:.1} MB): {stage}… {seconds:.1} s")
    },
    loader_stopped: |path| format!("{path}: the loader stopped unexpectedly"),
    builtin_dataset: "built-in dataset",

    no_home_config: "htx: no home directory is known, so there is no config; the defaults apply",
    config_ok: |path, summary| format!("{path}: ok: {summary}"),
    config_no_such_file: |path| format!("{path}: no such file"),
    config_defaults_apply: |path| format!("{path}: no config; the defaults apply"),
    config_summary: |summary| {
        let theme = if summary.no_color {
            format!(
                "theme mono (NO_COLOR is set; the config says {})",
                summary.theme
            )
        } else {
            format!("theme {}", summary.theme)
        };
        let on = |yes: bool| if yes { "on" } else { "off" };
        format!(
            "{theme}, {} and {} unbound, {} restyled, autosave {}, ascii {}, mouse {}",
            count_en(summary.rebound, "key rebound", "keys rebound"),
            count_en(summary.unbound, "key", "keys"),
            count_en(summary.restyled, "role", "roles"),
            summary
                .autosave_seconds
                .map_or_else(|| "off".to_string(), |s| format!("after {s} s")),
            on(summary.ascii),
            on(summary.mouse),
        )
    },

    cannot_create_dataset: |path, err| format!("{path}: cannot create the dataset: {err}"),
    first_run: |path| format!("First run: wrote the built-in dataset to {path}"),
    not_nfc_shown: |strings| format!("{strings} strings were not in NFC; they are shown composed"),
    no_journal: |dir, err| {
        format!(
            "No recovery journal ({dir}: {err}): edits are lost if the connection drops; save often"
        )
    },
    read_only_file: |name| {
        format!("{name} is read-only for you: w saves your edits under another name")
    },
    terminal_error: |err| format!("htx: terminal error: {err}"),
    stdout_not_terminal: "htx: standard output is not a terminal, so the full screen cannot be shown; use htx find, htx list or htx show to print to a pipe or a file",
    stdin_not_terminal: "htx: standard input is not a terminal, so keys cannot be read; use htx find, htx list or htx show, or run htx in a terminal",
    terminal_refused: |term| {
        let which = term.map_or_else(
            || "TERM is not set".to_string(),
            |term| format!("TERM={term}"),
        );
        format!(
            "htx: this terminal ({which}) cannot show the full screen; use htx find, htx list or htx show, or run htx in a terminal such as xterm"
        )
    },

    unknown_province: |code| {
        format!("no province has code {code:?}; `htx list provinces` shows the codes")
    },
    nothing_matches: |query| format!("htx: nothing matches {query:?}"),
    nothing_to_list: "htx: nothing to list",
    no_such_id: |id| {
        format!(
            "htx: no province, cooperative or plan item has the id {id:?} (a progress entry is ITEM/PROVINCE, e.g. KH-01/36)"
        )
    },
    cannot_write_output: |err| format!("htx: cannot write the output: {err}"),
    cannot_write_file: |path, err| {
        format!(
            "htx: cannot write {path}: {err}; nothing was changed there (give another path with -o)"
        )
    },
    wrote_file: |path| format!("htx: wrote {path}"),

    no_git: "htx: git is not installed (or not on PATH); htx git and htx history run git",
    git_failed: |command, err| format!("htx: {command} failed: {err}"),
    not_a_git_repository: "htx: this is not a git repository (nor is any folder above it); run htx git setup inside the work tree that holds your dataset",
    not_a_plain_file: "a link or not a regular file: htx git setup neither reads nor replaces \
                       it; make it a regular file, or add the lines by hand",
    no_datasets_in_repository: "htx: no htx dataset (*.ron) is tracked or waiting to be added in this repository; name the files: htx git setup FILE...",
    outside_work_tree: |path, top| format!("htx: {path} is outside the git work tree {top}"),
    attributes_added: |file, line| format!("added to {file}: {line}"),
    attributes_present: |file, line| format!("already set up in {file}: {line}"),
    config_set: |key, value| format!("set in the repository's config: {key} = {value}"),
    config_present: |key, value| {
        format!("already set up in the repository's config: {key} = {value}")
    },
    history_not_in_repository: |path| {
        format!("htx: {path} is not in a git repository; htx history reads the file's git log")
    },
    history_no_commits: |path| {
        format!("htx: {path} has no commits yet; htx history reads the file's git log")
    },
    history_never_found: |id, path, commits| {
        format!(
            "htx: no version of {path} ({}) has a record with the id {id:?}",
            count_en(commits, "commit", "commits")
        )
    },
    history_uncommitted: |id, path| {
        format!(
            "htx: note: {path} has changes to {id} that are not committed yet; they are not in this history"
        )
    },

    journal_unreadable: |problem| format!("A recovery journal could not be read: {problem}"),
    journal_not_removed: |problem| {
        format!("htx: the recovery journal could not be removed: {problem}")
    },
    unsaved_changes: |count| match count {
        1 => "1 unsaved change".to_string(),
        n => format!("{n} unsaved changes"),
    },
    recovery_question: |path, changes| {
        format!(
            "htx: {path} has {changes} from a session that ended without saving.\n     r restore them · d discard them · s show them · q quit (nothing changes): "
        )
    },
    recovery_quit: "htx: nothing changed; the unsaved edits are kept",
    recovery_discarded: |count| format!("htx: discarded {count} unsaved changes"),
    recovery_kept: "htx: the unsaved edits are kept for next time",
    recovery_nothing_removed: "nothing was removed: the unsaved edits are kept for next time",
    recovery_cannot_write_journal: |path, err, kept| {
        format!("htx: cannot write the recovery journal {path}: {err}; {kept}")
    },
    recovery_cannot_write_edit: |err, kept| {
        format!("htx: cannot write an edit that no longer applies: {err}; {kept}")
    },
    recovery_cannot_write: |path, err, kept| format!("htx: cannot write {path}: {err}; {kept}"),
    recovery_no_longer_apply: |count, path| {
        format!(
            "htx: {count} edits no longer apply (those records changed in the file); kept in {path}"
        )
    },
    recovery_clashed: |count, path| {
        format!("; {count} clash with changes in the file and are kept in {path}")
    },
    recovery_save_hint: "saves them",
    recovery_restored: |changes, save, clashed| format!("Restored {changes} ({save}){clashed}"),
    cannot_read_key: |err| format!("htx: cannot read a key: {err}"),
    edit_note: |note| format!(", note “{note}”"),
    edit_entry_removed: "entry removed",
    edit_added: "added",
    edit_deleted: "deleted",
    edit_changed: "changed",
    edit_settled: "conflict settled",
    edit_unsettled: "conflict back in the list",
};

pub const VI: Cli = Cli {
    unknown_lang: |given| {
        format!("htx: không có ngôn ngữ giao diện {given:?}; dùng --lang vi hoặc --lang en")
    },

    wide_only_table: "--wide chỉ dùng được với --format table",
    csv_formulas_only_csv: "--csv-formulas chỉ dùng được với --format csv",

    no_home_dataset: "htx: không biết thư mục nhà của bạn, nên không có bộ dữ liệu mặc định; hãy ghi tên tệp: htx TỆP",
    no_such_dataset: |path| {
        format!("{path}: không có tệp này; `htx init {path}` ghi bộ dữ liệu có sẵn vào đó")
    },
    wrote_builtin: |path| format!("Đã ghi bộ dữ liệu có sẵn vào {path}"),
    check_ok: |path, counts| {
        format!(
            "{path}: không có lỗi: {}, {}, {}, {}, {}",
            count_vi(counts.provinces, "tỉnh"),
            count_vi(counts.sectors, "ngành"),
            count_vi(counts.cooperatives, "hợp tác xã"),
            count_vi(counts.plan_items, "nội dung kế hoạch"),
            count_vi(counts.progress_entries, "mục tiến độ"),
        )
    },
    not_nfc_note: |path, strings| {
        format!(
            "{path}: lưu ý: {strings} chuỗi chưa ở dạng NFC; htx đọc chúng ở dạng dựng sẵn và sẽ ghi lại như vậy"
        )
    },
    loading: |path, megabytes, stage, seconds| {
        let stage = match stage {
            Stage::Reading => "đang đọc".to_owned(),
            Stage::Parsing(parsed) => format!("đang phân tích {}%", parsed.percent()),
            Stage::Checking => "đang kiểm tra".to_owned(),
            Stage::Indexing => "đang sắp xếp".to_owned(),
        };
        format!(
            "htx: đang mở {path} ({} MB): {stage}… {} giây",
            decimal_vi(megabytes),
            decimal_vi(seconds)
        )
    },
    loader_stopped: |path| format!("{path}: việc đọc tệp dừng lại bất thường"),
    builtin_dataset: "bộ dữ liệu có sẵn",

    no_home_config: "htx: không biết thư mục nhà của bạn, nên không có tệp cấu hình; dùng thiết lập mặc định",
    config_ok: |path, summary| format!("{path}: không có lỗi: {summary}"),
    config_no_such_file: |path| format!("{path}: không có tệp này"),
    config_defaults_apply: |path| format!("{path}: chưa có tệp cấu hình; dùng thiết lập mặc định"),
    config_summary: |summary| {
        let theme = if summary.no_color {
            format!(
                "giao diện màu mono (vì có NO_COLOR; tệp cấu hình ghi {})",
                summary.theme
            )
        } else {
            format!("giao diện màu {}", summary.theme)
        };
        let on = |yes: bool| if yes { "bật" } else { "tắt" };
        format!(
            "{theme}, {} phím được gán lại và {} phím bỏ gán, {} vai trò định kiểu lại, tự động lưu {}, ascii {}, chuột {}",
            summary.rebound,
            summary.unbound,
            summary.restyled,
            summary
                .autosave_seconds
                .map_or_else(|| "tắt".to_string(), |s| format!("sau {s} giây")),
            on(summary.ascii),
            on(summary.mouse),
        )
    },

    cannot_create_dataset: |path, err| format!("{path}: không tạo được bộ dữ liệu: {err}"),
    first_run: |path| format!("Lần chạy đầu tiên: đã ghi bộ dữ liệu có sẵn vào {path}"),
    not_nfc_shown: |strings| {
        format!("{strings} chuỗi chưa ở dạng NFC; chúng được hiển thị ở dạng dựng sẵn")
    },
    no_journal: |dir, err| {
        format!(
            "Không có nhật ký khôi phục ({dir}: {err}): nếu mất kết nối, các sửa đổi sẽ mất; hãy lưu thường xuyên"
        )
    },
    read_only_file: |name| {
        format!("Bạn chỉ được đọc {name}: phím w lưu các sửa đổi ra một tệp tên khác")
    },
    terminal_error: |err| format!("htx: lỗi thiết bị đầu cuối: {err}"),
    stdout_not_terminal: "htx: đầu ra không phải là thiết bị đầu cuối, nên không hiện được giao diện toàn màn hình; hãy dùng htx find, htx list hoặc htx show để in ra ống dẫn hay tệp",
    stdin_not_terminal: "htx: đầu vào không phải là thiết bị đầu cuối, nên không đọc được phím; hãy dùng htx find, htx list hoặc htx show, hoặc chạy htx trong một thiết bị đầu cuối",
    terminal_refused: |term| {
        let which = term.map_or_else(
            || "chưa đặt TERM".to_string(),
            |term| format!("TERM={term}"),
        );
        format!(
            "htx: thiết bị đầu cuối này ({which}) không hiện được giao diện toàn màn hình; hãy dùng htx find, htx list hoặc htx show, hoặc chạy htx trong một thiết bị đầu cuối như xterm"
        )
    },

    unknown_province: |code| {
        format!("không có tỉnh nào mã {code:?}; `htx list provinces` cho xem các mã tỉnh")
    },
    nothing_matches: |query| format!("htx: không tìm thấy gì khớp với {query:?}"),
    nothing_to_list: "htx: không có gì để liệt kê",
    no_such_id: |id| {
        format!(
            "htx: không có tỉnh, hợp tác xã hay nội dung kế hoạch nào có mã {id:?} (một mục tiến độ ghi là MÃ-NỘI-DUNG/MÃ-TỈNH, ví dụ KH-01/36)"
        )
    },
    cannot_write_output: |err| format!("htx: không ghi được kết quả ra: {err}"),
    cannot_write_file: |path, err| {
        format!(
            "htx: không ghi được {path}: {err}; tệp ở đó không bị thay đổi (hãy chọn đường dẫn khác với -o)"
        )
    },
    wrote_file: |path| format!("htx: đã ghi {path}"),

    no_git: "htx: chưa cài git (hoặc git không có trong PATH); htx git và htx history cần chạy git",
    git_failed: |command, err| format!("htx: {command} bị lỗi: {err}"),
    not_a_git_repository: "htx: đây không phải kho git (các thư mục bên trên cũng không phải); hãy chạy htx git setup trong cây làm việc chứa bộ dữ liệu của bạn",
    not_a_plain_file: "là liên kết hoặc không phải tệp thường: htx git setup không đọc và \
                       không thay nó; hãy để nó là tệp thường, hoặc tự thêm các dòng",
    no_datasets_in_repository: "htx: kho này không có bộ dữ liệu htx (*.ron) nào đang được theo dõi hay chờ thêm vào; hãy ghi tên tệp: htx git setup TỆP...",
    outside_work_tree: |path, top| format!("htx: {path} nằm ngoài cây làm việc git {top}"),
    attributes_added: |file, line| format!("đã thêm vào {file}: {line}"),
    attributes_present: |file, line| format!("đã có sẵn trong {file}: {line}"),
    config_set: |key, value| format!("đã đặt trong cấu hình của kho: {key} = {value}"),
    config_present: |key, value| format!("đã có sẵn trong cấu hình của kho: {key} = {value}"),
    history_not_in_repository: |path| {
        format!(
            "htx: {path} không nằm trong kho git nào; htx history đọc nhật ký git (git log) của tệp"
        )
    },
    history_no_commits: |path| {
        format!(
            "htx: {path} chưa được commit lần nào; htx history đọc nhật ký git (git log) của tệp"
        )
    },
    history_never_found: |id, path, commits| {
        format!(
            "htx: không phiên bản nào của {path} ({} commit) có bản ghi mã {id:?}",
            super::Lang::Vi.number(commits as u64)
        )
    },
    history_uncommitted: |id, path| {
        format!("htx: lưu ý: {path} có thay đổi ở {id} chưa được commit; lịch sử này chưa có chúng")
    },

    journal_unreadable: |problem| format!("Không đọc được một nhật ký khôi phục: {problem}"),
    journal_not_removed: |problem| format!("htx: không xóa được nhật ký khôi phục: {problem}"),
    unsaved_changes: |count| format!("{count} thay đổi chưa lưu"),
    recovery_question: |path, changes| {
        format!(
            "htx: {path} còn {changes} từ một phiên làm việc kết thúc mà chưa lưu.\n     r khôi phục · d bỏ đi · s xem · q thoát (không thay đổi gì): "
        )
    },
    recovery_quit: "htx: không có gì thay đổi; các sửa đổi chưa lưu vẫn được giữ",
    recovery_discarded: |count| format!("htx: đã bỏ {count} thay đổi chưa lưu"),
    recovery_kept: "htx: các sửa đổi chưa lưu được giữ lại cho lần sau",
    recovery_nothing_removed: "chưa xóa gì: các sửa đổi chưa lưu được giữ lại cho lần sau",
    recovery_cannot_write_journal: |path, err, kept| {
        format!("htx: không ghi được nhật ký khôi phục {path}: {err}; {kept}")
    },
    recovery_cannot_write_edit: |err, kept| {
        format!("htx: không ghi được một sửa đổi không còn áp dụng được: {err}; {kept}")
    },
    recovery_cannot_write: |path, err, kept| format!("htx: không ghi được {path}: {err}; {kept}"),
    recovery_no_longer_apply: |count, path| {
        format!(
            "htx: {count} sửa đổi không còn áp dụng được (các bản ghi đó đã thay đổi trong tệp); đã giữ trong {path}"
        )
    },
    recovery_clashed: |count, path| {
        format!("; {count} sửa đổi vướng với thay đổi trong tệp và được giữ trong {path}")
    },
    recovery_save_hint: "để lưu",
    recovery_restored: |changes, save, clashed| format!("Đã khôi phục {changes} ({save}){clashed}"),
    cannot_read_key: |err| format!("htx: không đọc được phím bấm: {err}"),
    edit_note: |note| format!(", ghi chú “{note}”"),
    edit_entry_removed: "đã xóa mục tiến độ",
    edit_added: "thêm mới",
    edit_deleted: "đã xóa",
    edit_changed: "đã sửa",
    edit_settled: "đã giải quyết xung đột",
    edit_unsettled: "xung đột trở lại danh sách",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_counts_group_thousands_and_decimals_take_a_comma() {
        let counts = Counts {
            provinces: 11,
            sectors: 1,
            cooperatives: 100_000,
            plan_items: 12,
            progress_entries: 9532,
        };
        assert_eq!(
            (VI.check_ok)("d.ron", counts),
            "d.ron: không có lỗi: 11 tỉnh, 1 ngành, 100.000 hợp tác xã, 12 nội dung kế hoạch, 9.532 mục tiến độ"
        );
        assert!(
            (EN.check_ok)("d.ron", counts).contains("100000 cooperatives, 12 plan items"),
            "English keeps its plain numbers"
        );
        assert_eq!(
            (VI.loading)("d.ron", 12.25, &Stage::Checking, 1.5),
            "htx: đang mở d.ron (12,2 MB): đang kiểm tra… 1,5 giây"
        );
        let text = "(status: Suspended)";
        let (parsed, _tracking) = crate::store::progress::track(text);
        assert_eq!(
            (EN.loading)("d.ron", 0.0, &Stage::Parsing(parsed), 0.0),
            "htx: loading d.ron (0.0 MB): parsing 0%… 0.0 s"
        );
    }
}
