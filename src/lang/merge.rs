//! The words of `htx merge` (git's merge driver) and of the conflicts a merge leaves in a file,
//! as `htx merge` and `htx check` say them, in each language. What a conflict is about (the
//! record, the field) is said with the full screen's words ([`super::tui`]). The word
//! `conflict:` that starts each line `htx check` prints stays English in every language, as a
//! compiler's `error:` does, so editors and scripts find it.

use crate::model::merge::{Conflict, RecordKey};

/// Every message of `htx merge` and of conflicts kept in a file, in one language.
pub struct Merge {
    /// The three versions when git gave no names: base, ours, theirs.
    pub sides: [&'static str; 3],
    /// A version that could not be read or is not a dataset: its name, then its problems
    /// (each `FILE:LINE:COLUMN: message`, on lines of their own).
    pub unreadable: fn(side: &str, problems: &str) -> String,
    /// The merged records do not make a sound dataset together (each problem on a line of its
    /// own); nothing was written.
    pub unsound: fn(problems: &str) -> String,
    /// The result could not be written over ours.
    pub cannot_write: fn(path: &str, err: &str) -> String,
    /// After a merge with conflicts: the file, how many, and what to do.
    pub merged_with_conflicts: fn(path: &str, count: usize) -> String,
    /// A record deleted in one version and changed in the other: the two names.
    pub deleted_in: fn(deleted: &str, changed: &str) -> String,
    /// A record added under one id in both versions (its fields then conflict one by one).
    pub added_in_both: &'static str,
    /// After `htx check` listed the conflicts: how many, and what to do.
    pub check_conflicts: fn(path: &str, count: usize) -> String,
    /// An empty value.
    pub empty: &'static str,
    /// A version where the record does not exist.
    pub absent: &'static str,
}

pub const EN: Merge = Merge {
    sides: ["base", "ours", "theirs"],
    unreadable: |side, problems| {
        format!("htx merge: the {side} version cannot be merged:\n{problems}")
    },
    unsound: |problems| {
        format!(
            "htx merge: each record merges, but together they are not a sound dataset, so \
             nothing was written:\n{problems}\nMerge this file by hand: take one side with git \
             checkout --ours (or --theirs) FILE, then make the other side's change in htx"
        )
    },
    cannot_write: |path, err| format!("htx merge: {path}: the result cannot be written: {err}"),
    merged_with_conflicts: |path, count| {
        format!(
            "htx merge: {path}: {count} conflict{} kept in the file as data; open it in htx to \
             settle {}, or list {} with htx check {path}",
            if count == 1 { "" } else { "s" },
            if count == 1 { "it" } else { "them" },
            if count == 1 { "it" } else { "them" },
        )
    },
    deleted_in: |deleted, changed| format!("deleted in {deleted}, changed in {changed}"),
    added_in_both: "added in both",
    check_conflicts: |path, count| {
        format!(
            "{path}: {count} unsettled conflict{} from a merge; open the file in htx to settle \
             {}",
            if count == 1 { "" } else { "s" },
            if count == 1 { "it" } else { "them" },
        )
    },
    empty: "(empty)",
    absent: "(none)",
};

pub const VI: Merge = Merge {
    sides: ["bản gốc", "bản này", "bản kia"],
    unreadable: |side, problems| format!("htx merge: không gộp được {side}:\n{problems}"),
    unsound: |problems| {
        format!(
            "htx merge: từng bản ghi gộp được, nhưng gộp lại thì không thành một bộ dữ liệu \
             hợp lệ, nên chưa ghi gì:\n{problems}\nHãy gộp tệp này bằng tay: lấy một bên bằng \
             git checkout --ours (hoặc --theirs) TỆP, rồi làm lại thay đổi của bên kia trong htx"
        )
    },
    cannot_write: |path, err| format!("htx merge: {path}: không ghi được kết quả: {err}"),
    merged_with_conflicts: |path, count| {
        format!(
            "htx merge: {path}: {count} xung đột được giữ trong tệp dưới dạng dữ liệu; hãy mở \
             tệp bằng htx để giải quyết, hoặc xem danh sách bằng htx check {path}"
        )
    },
    deleted_in: |deleted, changed| format!("bị xóa ở {deleted}, được sửa ở {changed}"),
    added_in_both: "cả hai bên cùng thêm",
    check_conflicts: |path, count| {
        format!(
            "{path}: còn {count} xung đột chưa giải quyết từ một lần gộp; hãy mở tệp bằng htx \
             để giải quyết"
        )
    },
    empty: "(trống)",
    absent: "(không có)",
};

/// The words of merging in the current language.
pub fn merge() -> &'static Merge {
    match super::current() {
        super::Lang::En => &EN,
        super::Lang::Vi => &VI,
    }
}

/// The names of a conflict's three versions as a person reads them: git's (a commit's full
/// hash, which `git pull` gives, cut to ten digits as git abbreviates it), or "base", "ours",
/// "theirs".
pub fn labels(conflict: &Conflict) -> [String; 3] {
    let shown = |label: &str| {
        let hash = matches!(label.len(), 40 | 64) && label.bytes().all(|b| b.is_ascii_hexdigit());
        if hash {
            label[..10].to_owned()
        } else {
            label.to_owned()
        }
    };
    match &conflict.labels {
        Some(labels) => [
            shown(&labels.base),
            shown(&labels.ours),
            shown(&labels.theirs),
        ],
        None => merge().sides.map(str::to_owned),
    }
}

/// A conflict on one line, in the current language: what it is about, then each version's
/// value under its name, ours first: `cooperative HTX-36-001, members: HEAD 120 · feature 125 ·
/// base 110`. A whole record is said as deleted in one version and changed in the other.
/// Values are as the conflict holds them; the caller makes the line safe to print.
pub fn describe(conflict: &Conflict) -> String {
    let said = merge();
    let tr = super::tr();
    let record = (tr.record_key)(&conflict.record);
    let [base, ours, theirs] = labels(conflict);
    let value = |side: &Option<String>| match side.as_deref() {
        Some("") => said.empty.to_owned(),
        Some(text) => text.to_owned(),
        None => said.absent.to_owned(),
    };
    match &conflict.field {
        Some(field) => {
            let mut line = format!(
                "{record}, {}: {ours} {} · {theirs} {}",
                (tr.field)(field),
                value(&conflict.ours),
                value(&conflict.theirs)
            );
            if conflict.base.is_some() {
                line.push_str(&format!(" · {base} {}", value(&conflict.base)));
            }
            line
        }
        None if conflict.record == RecordKey::ItemOrder => format!(
            "{record}: {ours} {} · {theirs} {} · {base} {}",
            value(&conflict.ours),
            value(&conflict.theirs),
            value(&conflict.base)
        ),
        None => format!("{record}: {}", whole_record(conflict)),
    }
}

/// What happened to a whole record on the two sides: "deleted in HEAD, changed in nam-dinh"
/// for a conflict a merge kept (by the versions' names), "deleted here, changed there" for one
/// of a session's saves.
pub fn whole_record(conflict: &Conflict) -> String {
    let said = merge();
    let tr = super::tr();
    let [_, ours, theirs] = labels(conflict);
    let named = conflict.labels.is_some();
    match (&conflict.ours, &conflict.theirs) {
        (None, _) if named => (said.deleted_in)(&ours, &theirs),
        (_, None) if named => (said.deleted_in)(&theirs, &ours),
        _ if named => said.added_in_both.to_owned(),
        (None, _) => tr.deleted_here.to_owned(),
        (_, None) => tr.deleted_there.to_owned(),
        _ => tr.added_both.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::merge::Labels;

    fn members() -> Conflict {
        Conflict {
            record: RecordKey::Cooperative("HTX-36-001".into()),
            field: Some("members".into()),
            base: Some("110".into()),
            ours: Some("120".into()),
            theirs: Some("125".into()),
            labels: Some(Labels {
                base: "merged common ancestors".into(),
                ours: "HEAD".into(),
                theirs: "nam-dinh".into(),
            }),
        }
    }

    #[test]
    fn a_field_conflict_names_each_version_ours_first() {
        crate::lang::pin(crate::lang::Lang::En);
        assert_eq!(
            describe(&members()),
            "cooperative HTX-36-001, members: HEAD 120 · nam-dinh 125 · merged common \
             ancestors 110"
        );
        let mut unlabelled = members();
        unlabelled.labels = None;
        unlabelled.base = None;
        unlabelled.theirs = Some(String::new());
        assert_eq!(
            describe(&unlabelled),
            "cooperative HTX-36-001, members: ours 120 · theirs (empty)"
        );
        crate::lang::pin(crate::lang::Lang::Vi);
        assert_eq!(
            describe(&members()),
            "HTX HTX-36-001, số thành viên: HEAD 120 · nam-dinh 125 · merged common ancestors \
             110"
        );
    }

    #[test]
    fn a_commit_named_by_its_full_hash_is_shown_as_git_abbreviates_it() {
        crate::lang::pin(crate::lang::Lang::En);
        let mut pulled = members();
        if let Some(labels) = &mut pulled.labels {
            labels.theirs = "fae20bc0545cfa0216c7089baa3a729bafe01a9c".into();
        }
        assert_eq!(labels(&pulled)[2], "fae20bc054");
        assert_eq!(labels(&members())[0], "merged common ancestors");
    }

    #[test]
    fn a_whole_record_says_where_it_was_deleted() {
        crate::lang::pin(crate::lang::Lang::En);
        let mut deleted = members();
        deleted.field = None;
        deleted.ours = None;
        assert_eq!(
            describe(&deleted),
            "cooperative HTX-36-001: deleted in HEAD, changed in nam-dinh"
        );
        deleted.ours = Some("(…)".into());
        deleted.theirs = None;
        assert_eq!(
            describe(&deleted),
            "cooperative HTX-36-001: deleted in nam-dinh, changed in HEAD"
        );
    }
}
