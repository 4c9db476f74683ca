//! `htx merge` as the merge driver of real git repositories: `.gitattributes` says
//! `data.ron merge=htx`, and `merge.htx.driver` runs the built htx. Edits on neighbouring
//! lines, which git's own line merge calls a conflict, merge cleanly through `git merge`,
//! `git rebase` and `git cherry-pick`; a true conflict is reported by git, with a work-tree
//! file that still parses and lists it; and a side that is not a dataset fails the merge
//! without conflict markers anywhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::shown;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

const MINIMAL: &str = include_str!("data/minimal.ron");

struct Repo {
    _temp: TempDir,
    dir: PathBuf,
    home: PathBuf,
}

/// `'path'` for sh.
fn sh_quoted(path: &Path) -> String {
    format!("'{}'", path.to_str().unwrap().replace('\'', r"'\''"))
}

impl Repo {
    /// A repository on `main` whose first commit holds `data.ron` (minimal.ron) and the
    /// attributes and config that make htx its merge driver.
    fn new() -> Self {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("repo");
        let home = temp.path().join("home");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(&home).unwrap();
        let repo = Self {
            _temp: temp,
            dir,
            home,
        };
        repo.ok(&["init", "-q", "-b", "main"]);
        repo.ok(&["config", "user.name", "Tester"]);
        repo.ok(&["config", "user.email", "tester@example.invalid"]);
        repo.ok(&["config", "core.editor", "true"]);
        let driver = format!(
            "{} merge %O %A %B --marker-size %L --labels %S %X %Y --path %P",
            sh_quoted(Path::new(env!("CARGO_BIN_EXE_htx")))
        );
        repo.ok(&["config", "merge.htx.name", "htx data files"]);
        repo.ok(&["config", "merge.htx.driver", &driver]);
        repo.write(".gitattributes", "data.ron merge=htx\n");
        repo.write("data.ron", MINIMAL);
        repo.ok(&["add", "."]);
        repo.ok(&["commit", "-q", "-m", "base"]);
        repo
    }

    fn git(&self, args: &[&str]) -> Output {
        let mut command = Command::new("git");
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("GIT_") {
                command.env_remove(&name);
            }
        }
        for name in ["LANG", "LC_MESSAGES"] {
            command.env_remove(name);
        }
        command
            .env("LC_ALL", "C")
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .current_dir(&self.dir)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.git(args);
        assert!(output.status.success(), "git {args:?}: {}", shown(&output));
        String::from_utf8(output.stdout).unwrap()
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.dir.join(name), text).unwrap();
    }

    fn read(&self) -> String {
        std::fs::read_to_string(self.dir.join("data.ron")).unwrap()
    }

    /// Replaces `old` (which must be there) with `new` in data.ron and commits.
    fn edit_and_commit(&self, edits: &[(&str, &str)], message: &str) {
        let mut text = self.read();
        for (old, new) in edits {
            assert!(text.contains(old), "{old:?} not in data.ron");
            text = text.replacen(old, new, 1);
        }
        self.write("data.ron", &text);
        self.ok(&["commit", "-q", "-a", "-m", message]);
    }

    /// `htx check data.ron` in the work tree.
    fn check(&self) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_htx"));
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(name);
        }
        command
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .current_dir(&self.dir)
            .args(["check", "data.ron"])
            .output()
            .unwrap()
    }

    fn committed(&self) -> String {
        self.ok(&["show", "HEAD:data.ron"])
    }
}

/// One pair of neighbouring edits: what `main` and `feature` each do, and what the merged
/// file must then hold.
struct Neighbours {
    name: &'static str,
    main: &'static [(&'static str, &'static str)],
    feature: &'static [(&'static str, &'static str)],
    merged: &'static [&'static str],
}

const A3: &str = "            status: Operating,\n        ),\n        (\n            id: \"A-3\",\n            name: \"HTX Muối Hải Hậu\",\n            province: \"36\",\n            sector: \"muoi\",\n            members: 90,\n            status: Operating,\n        ),\n    ],\n    plan: (";
const A4: &str = "            status: Operating,\n        ),\n        (\n            id: \"A-4\",\n            name: \"HTX Muối Bạch Long\",\n            province: \"36\",\n            sector: \"muoi\",\n            members: 75,\n            status: Operating,\n        ),\n    ],\n    plan: (";
const COOP_END: &str = "            status: Operating,\n        ),\n    ],\n    plan: (";

const NEIGHBOURS: [Neighbours; 3] = [
    Neighbours {
        name: "two fields of one cooperative",
        main: &[("founded: Some(1976)", "founded: Some(1977)")],
        feature: &[("members: 265", "members: 280")],
        merged: &["founded: Some(1977)", "members: 280"],
    },
    Neighbours {
        name: "two cooperatives added at the end",
        main: &[(COOP_END, A3)],
        feature: &[(COOP_END, A4)],
        merged: &["id: \"A-3\"", "id: \"A-4\""],
    },
    Neighbours {
        name: "a status and a note of one entry",
        main: &[("status: Done,", "status: InProgress,")],
        feature: &[(
            "status: Done,\n",
            "status: Done,\n                        note: \"Đã triển khai\",\n",
        )],
        merged: &["status: InProgress,", "note: \"Đã triển khai\""],
    },
];

/// A repository where `feature` and `main` each made their side of `case`, on `main`.
fn diverged(case: &Neighbours) -> Repo {
    let repo = Repo::new();
    repo.ok(&["checkout", "-q", "-b", "feature"]);
    repo.edit_and_commit(case.feature, "feature's edit");
    repo.ok(&["checkout", "-q", "main"]);
    repo.edit_and_commit(case.main, "main's edit");
    repo
}

fn holds_both(repo: &Repo, case: &Neighbours, how: &str) {
    let committed = repo.committed();
    for wanted in case.merged {
        assert!(
            committed.contains(wanted),
            "{how}, {}: {wanted:?} is not in the committed file:\n{committed}",
            case.name
        );
    }
    assert!(!committed.contains("conflicts:"), "{how}, {}", case.name);
    assert_eq!(
        repo.read(),
        committed,
        "{how}, {}: the work tree",
        case.name
    );
    let check = repo.check();
    assert!(
        check.status.success(),
        "{how}, {}: {}",
        case.name,
        shown(&check)
    );
    assert_eq!(
        repo.ok(&["status", "--porcelain"]),
        "",
        "{how}, {}",
        case.name
    );
}

#[test]
fn git_merge_of_neighbouring_edits_is_clean() {
    for case in &NEIGHBOURS {
        let repo = diverged(case);
        let output = repo.git(&["merge", "--no-edit", "feature"]);
        let said = shown(&output);
        assert!(output.status.success(), "{}: {said}", case.name);
        assert!(!said.contains("CONFLICT"), "{}: {said}", case.name);
        repo.ok(&["rev-parse", "--verify", "HEAD^2"]);
        holds_both(&repo, case, "merge");
    }
}

#[test]
fn git_rebase_of_neighbouring_edits_is_clean() {
    for case in &NEIGHBOURS {
        let repo = diverged(case);
        repo.ok(&["checkout", "-q", "feature"]);
        let output = repo.git(&["rebase", "main"]);
        assert!(output.status.success(), "{}: {}", case.name, shown(&output));
        assert_eq!(
            repo.ok(&["rev-parse", "HEAD~1"]),
            repo.ok(&["rev-parse", "main"])
        );
        holds_both(&repo, case, "rebase");
    }
}

#[test]
fn git_cherry_pick_of_a_neighbouring_edit_is_clean() {
    for case in &NEIGHBOURS {
        let repo = diverged(case);
        let output = repo.git(&["cherry-pick", "feature"]);
        assert!(output.status.success(), "{}: {}", case.name, shown(&output));
        holds_both(&repo, case, "cherry-pick");
    }
}

#[test]
fn a_true_conflict_is_reported_by_git_and_kept_as_data_until_settled() {
    let repo = Repo::new();
    repo.ok(&["checkout", "-q", "-b", "feature"]);
    repo.edit_and_commit(&[("members: 265", "members: 280")], "280");
    repo.ok(&["checkout", "-q", "main"]);
    repo.edit_and_commit(&[("members: 265", "members: 270")], "270");
    let output = repo.git(&["merge", "--no-edit", "feature"]);
    assert!(!output.status.success(), "{}", shown(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("CONFLICT (content): Merge conflict in data.ron"),
        "{}",
        shown(&output)
    );
    assert_eq!(
        repo.ok(&["diff", "--name-only", "--diff-filter=U"]),
        "data.ron\n"
    );
    assert!(repo.ok(&["status", "--porcelain"]).contains("UU data.ron"));

    let text = repo.read();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    assert!(
        text.contains("members: 270"),
        "ours is held until settled:\n{text}"
    );
    let check = repo.check();
    assert_eq!(check.status.code(), Some(1), "{}", shown(&check));
    let listed = String::from_utf8_lossy(&check.stdout);
    let lines: Vec<&str> = listed
        .lines()
        .filter(|l| l.contains(": conflict: "))
        .collect();
    assert_eq!(lines.len(), 1, "{listed}");
    assert!(lines[0].starts_with("data.ron:"), "{listed}");
    assert!(
        lines[0].contains("A-1") && lines[0].contains("members"),
        "{listed}"
    );
    // The names git gave the versions are kept with the conflict (git 2.44 and later give
    // them; an older git passes `%X` as it is, which htx takes for no name).
    let (ours, theirs) = if git_names_versions() {
        ("HEAD", "feature")
    } else {
        ("ours", "theirs")
    };
    assert!(
        text.contains(&format!("ours: \"{ours}\""))
            && text.contains(&format!("theirs: \"{theirs}\"")),
        "{text}"
    );

    // Settled as the full screen settles it (taking theirs), and saved.
    let mut dataset = htx::store::parse(text.as_bytes(), &|_| {}).unwrap().dataset;
    assert_eq!(dataset.conflicts.len(), 1);
    htx::model::settle::settle(&dataset, 0, &htx::model::merge::Pick::Theirs)
        .unwrap()
        .apply(&mut dataset)
        .unwrap();
    assert_eq!(dataset.cooperatives[0].members, 280);
    assert!(dataset.conflicts.is_empty());
    repo.write("data.ron", &htx::store::to_ron_string(&dataset).unwrap());
    repo.ok(&["add", "data.ron"]);
    repo.ok(&["commit", "-q", "--no-edit"]);
    repo.ok(&["rev-parse", "--verify", "HEAD^2"]);
    let committed = repo.committed();
    assert!(committed.contains("members: 280") && !committed.contains("conflicts:"));
    assert!(repo.check().status.success());
}

#[test]
fn a_side_that_is_not_a_dataset_fails_the_merge_without_markers() {
    let repo = Repo::new();
    repo.ok(&["checkout", "-q", "-b", "feature"]);
    repo.edit_and_commit(&[("members: 140,", "members: 140,,")], "broken");
    repo.ok(&["checkout", "-q", "main"]);
    repo.edit_and_commit(&[("members: 265", "members: 270")], "270");
    let before = repo.read();
    let output = repo.git(&["merge", "--no-edit", "feature"]);
    let said = shown(&output);
    assert!(!output.status.success(), "{said}");
    // git reports a failed merge, not a content conflict (since git 2.42, which takes a
    // driver's exit status above 128 for a failure); htx says which version and where.
    let stderr = String::from_utf8_lossy(&output.stderr);
    if git_version() >= [2, 42] {
        assert!(
            stderr.contains("failed to execute internal merge for data.ron"),
            "{said}"
        );
        assert!(!said.contains("CONFLICT (content)"), "{said}");
    }
    // The version that does not parse, by the name git gave it.
    let theirs = if git_names_versions() {
        "feature"
    } else {
        "theirs"
    };
    assert!(stderr.contains(&format!("the {theirs} version")), "{said}");
    let text = repo.read();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    assert_eq!(text, before, "the work tree's data.ron is ours, untouched");
    assert!(repo.check().status.success());
}

/// Whether the git on this machine passes the versions' names to a merge driver (`%S %X %Y`,
/// since git 2.44).
fn git_names_versions() -> bool {
    git_version() >= [2, 44]
}

/// The version of the git on this machine: `[2, 47]`.
fn git_version() -> [u32; 2] {
    let output = Command::new("git").arg("--version").output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let mut parts = text
        .split_whitespace()
        .nth(2)
        .unwrap_or("0")
        .split('.')
        .map(|part| part.parse().unwrap_or(0));
    [parts.next().unwrap_or(0), parts.next().unwrap_or(0)]
}
