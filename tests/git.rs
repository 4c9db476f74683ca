//! Keeping the dataset in git, with the real git: `htx git setup`, `git diff` through
//! `htx show --textconv`, and `htx history`. Every git and htx here runs with a home of its
//! own and no `GIT_*` variable of the machine's, so no global config leaks in; authors are
//! given with `-c user.name=…`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A folder with a home in it and, once [`Sandbox::repo`] is called, a git work tree.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let sandbox = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir_all(sandbox.home()).unwrap();
        fs::create_dir_all(sandbox.work()).unwrap();
        sandbox
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    /// `command` with no `GIT_*` variable, no locale, and a home (and XDG folders) here.
    fn isolate<'a>(&self, command: &'a mut Command) -> &'a mut Command {
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("GIT_") {
                command.env_remove(name);
            }
        }
        common::in_english(command)
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("XDG_DATA_HOME", self.home().join("data"))
            .env("XDG_CACHE_HOME", self.home().join("cache"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            // Never look for a repository above the sandbox.
            .env("GIT_CEILING_DIRECTORIES", self.dir.path())
    }

    fn git_in(&self, dir: &Path, args: &[&str]) -> Output {
        let mut command = Command::new("git");
        self.isolate(&mut command).current_dir(dir).args(args);
        let out = command.output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn git(&self, args: &[&str]) -> Output {
        self.git_in(&self.work(), args)
    }

    /// Commits everything as `author`.
    fn commit(&self, author: &str, message: &str) {
        self.git(&["add", "-A"]);
        let name = format!("user.name={author}");
        self.git(&[
            "-c",
            &name,
            "-c",
            "user.email=htx@example.org",
            "commit",
            "-q",
            "-m",
            message,
        ]);
    }

    fn htx_in(&self, dir: &Path, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_htx"));
        self.isolate(&mut command).current_dir(dir).args(args);
        command.output().unwrap()
    }

    fn htx(&self, args: &[&str]) -> Output {
        self.htx_in(&self.work(), args)
    }

    /// A work tree with the built-in dataset at `plan.ron`.
    fn repo() -> Self {
        let sandbox = Self::new();
        sandbox.git(&["init", "-q", "-b", "main"]);
        assert_ok(&sandbox.htx(&["init", "plan.ron"]));
        sandbox
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.work().join(name)).unwrap()
    }

    /// `htx history ID --file plan.ron --format csv`, which must succeed.
    fn history_csv(&self, id: &str) -> Output {
        let out = self.htx(&["history", id, "--file", "plan.ron", "--format", "csv"]);
        assert_ok(&out);
        out
    }

    /// Sets the members of the cooperative `id` in `plan.ron` to `members`.
    fn set_members(&self, id: &str, members: u32) {
        let text = self.read("plan.ron");
        let at = text.find(&format!("id: \"{id}\"")).unwrap();
        let field = at + text[at..].find("members: ").unwrap();
        let end = field + text[field..].find(',').unwrap();
        let edited = format!("{}members: {members}{}", &text[..field], &text[end..]);
        fs::write(self.work().join("plan.ron"), edited).unwrap();
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn assert_ok(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
}

#[test]
fn setup_writes_the_attributes_and_the_config_and_a_second_run_changes_nothing() {
    let repo = Sandbox::repo();
    // A dataset in a folder, with spaces and marks in its name; a .ron that is no dataset; an
    // attributes file of the user's without its final line break.
    let folder = repo.work().join("dữ liệu");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(
        repo.work().join("plan.ron"),
        folder.join("kế hoạch 2011.ron"),
    )
    .unwrap();
    fs::write(repo.work().join("notes.ron"), "(not: \"a dataset\")").unwrap();
    fs::write(repo.work().join(".gitattributes"), "*.txt text").unwrap();

    let out = repo.htx(&["git", "setup"]);
    assert_ok(&out);
    let said = stdout(&out);
    assert!(
        said.contains("added to .gitattributes: /plan.ron merge=htx diff=htx\n"),
        "{said}"
    );
    assert_eq!(said.lines().count(), 9, "{said}");
    assert_eq!(
        repo.read(".gitattributes"),
        "*.txt text\n\"/dữ liệu/kế hoạch 2011.ron\" merge=htx diff=htx\n/plan.ron merge=htx diff=htx\n"
    );
    // Git reads the lines as meant: both datasets, and nothing else.
    let attrs = repo.git(&[
        "check-attr",
        "merge",
        "diff",
        "--",
        "plan.ron",
        "dữ liệu/kế hoạch 2011.ron",
        "notes.ron",
    ]);
    let attrs = String::from_utf8_lossy(&attrs.stdout).into_owned();
    assert_eq!(attrs.matches(": merge: htx").count(), 2, "{attrs}");
    assert_eq!(attrs.matches(": diff: htx").count(), 2, "{attrs}");
    assert!(attrs.contains("notes.ron: merge: unspecified"), "{attrs}");

    let get = |key: &str| stdout(&repo.git(&["config", "--local", "--get", key]));
    let htx = env!("CARGO_BIN_EXE_htx");
    let quoted = htx::cli::sh_quote(htx);
    assert_eq!(
        get("merge.htx.driver"),
        format!("{quoted} merge %O %A %B --marker-size %L --labels %S %X %Y --path %P\n")
    );
    assert_eq!(
        get("diff.htx.textconv"),
        format!("{quoted} show --textconv\n")
    );
    assert!(!get("merge.htx.name").trim().is_empty());

    // The backup and the lock file a save leaves beside a dataset are not offered to git.
    fs::write(repo.work().join("plan.ron.bak"), "").unwrap();
    fs::write(repo.work().join("dữ liệu/kế hoạch 2011.ron.lock"), "").unwrap();
    let status = stdout(&repo.git(&["status", "--porcelain", "-uall"]));
    assert!(
        !status.contains(".bak") && !status.contains(".lock"),
        "{status}"
    );
    assert!(status.contains("plan.ron"), "{status}");

    let attributes = fs::read(repo.work().join(".gitattributes")).unwrap();
    let exclude = fs::read(repo.work().join(".git/info/exclude")).unwrap();
    let config = stdout(&repo.git(&["config", "--local", "--list"]));
    let again = repo.htx(&["git", "setup"]);
    assert_ok(&again);
    let said = stdout(&again);
    assert_eq!(said.lines().count(), 9, "{said}");
    assert_eq!(
        fs::read(repo.work().join(".git/info/exclude")).unwrap(),
        exclude
    );
    assert!(
        said.lines().all(|line| line.starts_with("already set up")),
        "{said}"
    );
    assert_eq!(
        fs::read(repo.work().join(".gitattributes")).unwrap(),
        attributes
    );
    assert_eq!(stdout(&repo.git(&["config", "--local", "--list"])), config);
}

#[test]
fn setup_takes_the_files_it_is_given_and_says_plainly_where_it_cannot_work() {
    let repo = Sandbox::repo();
    let sub = repo.work().join("sub");
    fs::create_dir_all(&sub).unwrap();
    let out = repo.htx_in(&sub, &["git", "setup", "../plan.ron"]);
    assert_ok(&out);
    assert_eq!(
        repo.read(".gitattributes"),
        "/plan.ron merge=htx diff=htx\n"
    );

    let not_a_dataset = repo.work().join("notes.ron");
    fs::write(&not_a_dataset, "(not: 1)").unwrap();
    let out = repo.htx(&["git", "setup", "notes.ron"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    let outside = Sandbox::new();
    fs::write(outside.work().join("plan.ron"), htx::store::BUILTIN).unwrap();
    let out = outside.htx(&["git", "setup"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("htx: this is not a git repository"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());

    let empty = Sandbox::new();
    empty.git(&["init", "-q"]);
    let out = empty.htx(&["git", "setup"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no htx dataset"), "{}", stderr(&out));
}

/// In a repository someone else prepared, `.gitattributes` may be a link to one of the user's
/// private files: setting up must not copy its bytes into a file to commit.
#[test]
fn setup_refuses_an_attributes_file_that_is_a_link() {
    let repo = Sandbox::repo();
    let secret = repo.home().join("id_ed25519");
    fs::write(&secret, "PRIVATE KEY\n").unwrap();
    std::os::unix::fs::symlink(&secret, repo.work().join(".gitattributes")).unwrap();
    let out = repo.htx(&["git", "setup"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("a link or not a regular file"),
        "{}",
        stderr(&out)
    );
    let link = fs::symlink_metadata(repo.work().join(".gitattributes")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is left as it was");
    assert_eq!(fs::read_to_string(&secret).unwrap(), "PRIVATE KEY\n");
}

#[test]
fn git_diff_shows_one_changed_field_as_one_changed_line() {
    let repo = Sandbox::repo();
    assert_ok(&repo.htx(&["git", "setup"]));
    repo.commit("Nguyễn Văn An", "the built-in dataset");
    repo.set_members("HTX-36-001", 2481);
    let diff = stdout(&repo.git(&["--no-pager", "diff", "--", "plan.ron"]));
    let removed: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .collect();
    let added: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .collect();
    assert_eq!(removed, ["-cooperative HTX-36-001 members: 2480"], "{diff}");
    assert_eq!(added, ["+cooperative HTX-36-001 members: 2481"], "{diff}");
}

#[test]
fn a_file_that_is_not_a_dataset_goes_through_the_textconv_unchanged() {
    let sandbox = Sandbox::new();
    let bytes = b"(schema_version: 0)\n\xc3 not even UTF-8\n";
    fs::write(sandbox.work().join("old.ron"), bytes).unwrap();
    let out = sandbox.htx(&["show", "--textconv", "old.ron"]);
    assert_ok(&out);
    assert_eq!(out.stdout, bytes);
}

#[test]
fn history_lists_each_change_with_its_author_and_both_values() {
    let repo = Sandbox::repo();
    repo.commit("Nguyễn Văn An", "the built-in dataset");
    repo.set_members("HTX-36-001", 2500);
    repo.commit("Trần Thị Bình", "members counted in June");
    repo.set_members("HTX-36-001", 2600);
    repo.commit("Lê Văn Cường", "members counted in December");
    let hashes = stdout(&repo.git(&["log", "--format=%h"]));
    let hashes: Vec<&str> = hashes.lines().collect();

    let out = repo.history_csv("HTX-36-001");
    let rows: Vec<Vec<String>> = stdout(&out)
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(rows[0], ["date", "author", "commit", "field", "old", "new"]);
    let rest: Vec<Vec<&str>> = rows[1..]
        .iter()
        .map(|row| row[1..].iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        rest,
        [
            vec!["Lê Văn Cường", hashes[0], "members", "2500", "2600"],
            vec!["Trần Thị Bình", hashes[1], "members", "2480", "2500"],
            vec!["Nguyễn Văn An", hashes[2], "record", "", "added"],
        ]
    );
    for row in &rows[1..] {
        let date = &row[0];
        assert_eq!(date.len(), "2011-06-21 08:30".len(), "{date}");
        assert_eq!(&date[4..5], "-");
        assert_eq!(&date[10..11], " ");
    }

    // The table, for a person.
    let sub = repo.work().join("sub");
    fs::create_dir_all(&sub).unwrap();
    let out = repo.htx_in(&sub, &["history", "HTX-36-001", "--file", "../plan.ron"]);
    assert_ok(&out);
    let table = stdout(&out);
    let line = table.lines().nth(1).unwrap();
    assert!(line.contains("Lê Văn Cường"), "{table}");
    assert!(line.ends_with("members  2500  →  2600"), "{table}");

    // Another record, untouched since it was added; and an id no version has.
    let out = repo.htx(&["history", "36", "--file", "plan.ron", "--format", "csv"]);
    assert_ok(&out);
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
    let out = repo.htx(&["history", "HTX-99-999", "--file", "plan.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("\"HTX-99-999\""), "{}", stderr(&out));
}

#[test]
fn history_keeps_a_side_branchs_change_that_the_merge_did_not_keep() {
    let repo = Sandbox::repo();
    assert_ok(&repo.htx(&["git", "setup"]));
    // In the layout htx writes, so that the merged file is byte for byte ours' version (git
    // then follows only that parent unless told otherwise).
    let canonical = |repo: &Sandbox| {
        let dataset = htx::store::parse(repo.read("plan.ron").as_bytes(), &|_| {})
            .unwrap()
            .dataset;
        let text = htx::store::to_ron_string(&dataset).unwrap();
        fs::write(repo.work().join("plan.ron"), text).unwrap();
    };
    canonical(&repo);
    repo.commit("Nguyễn Văn An", "the built-in dataset");
    repo.git(&["checkout", "-q", "-b", "nam-dinh"]);
    repo.set_members("HTX-36-001", 2500);
    repo.commit("Trần Thị Bình", "Nam Định's count");
    repo.git(&["checkout", "-q", "main"]);
    repo.set_members("HTX-36-001", 2600);
    repo.commit("Lê Văn Cường", "the office's count");
    // The same field both ways: a conflict kept in the file, settled as ours by hand.
    let mut merge = Command::new("git");
    repo.isolate(&mut merge).current_dir(repo.work()).args([
        "-c",
        "user.name=Lê Văn Cường",
        "-c",
        "user.email=htx@example.org",
        "merge",
        "-q",
        "nam-dinh",
    ]);
    let merged = merge.output().unwrap();
    assert_eq!(merged.status.code(), Some(1), "{}", stdout(&merged));
    let mut dataset = htx::store::parse(repo.read("plan.ron").as_bytes(), &|_| {})
        .unwrap()
        .dataset;
    assert_eq!(dataset.conflicts.len(), 1);
    dataset.conflicts.clear();
    fs::write(
        repo.work().join("plan.ron"),
        htx::store::to_ron_string(&dataset).unwrap(),
    )
    .unwrap();
    repo.commit("Lê Văn Cường", "merged, the office's count kept");

    let out = repo.history_csv("HTX-36-001");
    let text = stdout(&out);
    assert!(
        text.contains("Trần Thị Bình"),
        "the side branch's change is history too:\n{text}"
    );
    assert!(text.contains(",members,2480,2500"), "{text}");
    assert!(text.contains(",members,2480,2600"), "{text}");
    assert_eq!(
        text.lines().count(),
        4,
        "no row for the merge, which made no new value:\n{text}"
    );
}

#[test]
fn history_reads_past_a_version_where_the_file_was_a_folder() {
    let repo = Sandbox::repo();
    repo.commit("Nguyễn Văn An", "the built-in dataset");
    let kept = repo.read("plan.ron");
    fs::remove_file(repo.work().join("plan.ron")).unwrap();
    fs::create_dir_all(repo.work().join("plan.ron")).unwrap();
    fs::write(
        repo.work().join("plan.ron").join("note.txt"),
        "not a dataset\n",
    )
    .unwrap();
    repo.commit("Trần Thị Bình", "a folder by that name");
    fs::remove_dir_all(repo.work().join("plan.ron")).unwrap();
    fs::write(repo.work().join("plan.ron"), kept).unwrap();
    repo.set_members("HTX-36-001", 2500);
    repo.commit("Lê Văn Cường", "the file again, a new count");

    let out = repo.history_csv("HTX-36-001");
    // date, author, commit, field, old, new: who, what and the new value.
    let rows: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            format!("{},{},{}", cells[1], cells[3], cells[5])
        })
        .collect();
    assert_eq!(
        rows,
        [
            "Lê Văn Cường,record,added",
            "Trần Thị Bình,record,deleted",
            "Nguyễn Văn An,record,added",
        ],
        "{}",
        stdout(&out)
    );
}

#[test]
fn history_of_a_file_outside_git_says_so() {
    let sandbox = Sandbox::new();
    assert_ok(&sandbox.htx(&["init", "plan.ron"]));
    let out = sandbox.htx(&["history", "36", "--file", "plan.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "htx: plan.ron is not in a git repository; htx history reads the file's git log\n"
    );
    assert!(stdout(&out).is_empty());
}
