//! `htx git setup`: tells git that the datasets of a work tree merge through `htx merge` and
//! show in `git diff` through `htx show --textconv`; and running git, for it and for
//! `htx history`.
//!
//! Setting up writes a line `/PATH merge=htx diff=htx` per dataset to the `.gitattributes` at
//! the top of the work tree (the rest of that file kept byte for byte), and three settings to
//! the repository's own config (`git config --local`): `merge.htx.name`, `merge.htx.driver`
//! and `diff.htx.textconv`, the commands naming htx by the absolute path of the running binary
//! so that they work where htx is not on `PATH`; and the backup and lock file of each dataset
//! to the repository's `.git/info/exclude`. What is already there is left as it is, so a
//! second run changes nothing. `diff.htx.cachetextconv` is left unset (git's default, no
//! cache): git would key the cache on the blob and the command, not on htx's version, and a
//! newer htx that writes a field more would be shown with the old lines.

use std::ffi::OsStr;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output};

use super::output::write_file;
use crate::text::shown_path;

/// The `.gitattributes` attributes of a dataset.
const ATTRIBUTES: [&str; 2] = ["merge=htx", "diff=htx"];

/// The merge driver's name as `git config` holds it (and git shows it).
const DRIVER_NAME: &str = "htx: merge datasets record by record";

/// Runs `git -C dir ARGS…` and waits for it; `Err` (a message) only when git cannot be run.
pub(super) fn git<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Result<Output, String> {
    git_command(dir, args)
        .output()
        .map_err(|err| spawn_error(&err))
}

/// `git -C dir ARGS…`, to run.
pub(super) fn git_command<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).args(args);
    command
}

/// What to say when git could not be started.
pub(super) fn spawn_error(err: &std::io::Error) -> String {
    let said = crate::lang::cli();
    if err.kind() == std::io::ErrorKind::NotFound {
        said.no_git.to_string()
    } else {
        (said.git_failed)("git", &crate::lang::io(err))
    }
}

/// What git said on stderr, on one line.
pub(super) fn git_said(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    super::output::one_line(text.trim()).into_owned()
}

/// The top of the work tree `dir` is in, or `None` when it is in none.
pub(super) fn work_tree_top(dir: &Path) -> Result<Option<PathBuf>, String> {
    let output = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !output.status.success() {
        return Ok(None);
    }
    let top = String::from_utf8_lossy(&output.stdout);
    let top = top.trim_end_matches('\n');
    Ok((!top.is_empty()).then(|| PathBuf::from(top)))
}

/// `htx git setup [FILE…]`, in the work tree of the current folder.
pub fn git_setup_command(files: &[PathBuf]) -> Result<ExitCode, String> {
    let said = crate::lang::cli();
    let here = std::env::current_dir().map_err(|err| crate::lang::io(&err))?;
    let top = work_tree_top(&here)?.ok_or_else(|| said.not_a_git_repository.to_string())?;
    let paths = if files.is_empty() {
        datasets_in(&top)?
    } else {
        named(&top, &here, files)?
    };
    if paths.is_empty() {
        return Err(said.no_datasets_in_repository.to_string());
    }
    let mut lines = attributes(&top, &paths)?;
    lines.extend(excluded(&top, &paths)?);
    let exe = std::env::current_exe().map_err(|err| crate::lang::io(&err))?;
    let htx = sh_quote(&exe.to_string_lossy());
    for (key, value) in settings(&htx) {
        lines.push(setting(&top, key, &value)?);
    }
    let mut out = std::io::stdout().lock();
    for line in lines {
        // File names are anyone's text: one line, no escape sequence.
        let _ = writeln!(out, "{}", super::output::one_line(&line));
    }
    Ok(ExitCode::SUCCESS)
}

/// The repository settings, for the htx run as `htx` (quoted for sh).
fn settings(htx: &str) -> [(&'static str, String); 3] {
    [
        ("merge.htx.name", DRIVER_NAME.to_string()),
        (
            "merge.htx.driver",
            format!("{htx} merge %O %A %B --marker-size %L --labels %S %X %Y --path %P"),
        ),
        ("diff.htx.textconv", format!("{htx} show --textconv")),
    ]
}

/// Sets `key` to `value` in the repository's config unless it is so already; says which.
fn setting(top: &Path, key: &str, value: &str) -> Result<String, String> {
    let said = crate::lang::cli();
    let current = git(top, &["config", "--local", "--get", key])?;
    if current.status.success() && current.stdout.strip_suffix(b"\n") == Some(value.as_bytes()) {
        return Ok((said.config_present)(key, value));
    }
    let set = git(top, &["config", "--local", "--replace-all", key, value])?;
    if !set.status.success() {
        return Err((said.git_failed)("git config", &git_said(&set)));
    }
    Ok((said.config_set)(key, value))
}

/// The tracked and the untracked, not ignored `*.ron` files of the work tree that are htx
/// datasets, relative to its top.
fn datasets_in(top: &Path) -> Result<Vec<String>, String> {
    let args = ["ls-files", "-z", "-co", "--exclude-standard", "--", "*.ron"];
    let output = git(top, &args)?;
    if !output.status.success() {
        return Err((crate::lang::cli().git_failed)(
            "git ls-files",
            &git_said(&output),
        ));
    }
    let mut paths: Vec<String> = output
        .stdout
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .filter(|name| crate::store::load(&top.join(name), &|_| {}).is_ok())
        .collect();
    paths.sort();
    paths.dedup();
    Ok(paths)
}

/// The files named on the command line, relative to the top of the work tree; each must be
/// a dataset inside it.
fn named(top: &Path, here: &Path, files: &[PathBuf]) -> Result<Vec<String>, String> {
    let said = crate::lang::cli();
    let top = top.canonicalize().map_err(|err| crate::lang::io(&err))?;
    let mut paths = Vec::new();
    for file in files {
        crate::store::load(file, &|_| {}).map_err(|err| match err {
            crate::store::LoadError::Read { path, source }
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                (said.no_such_dataset)(&shown_path(&path).to_string())
            }
            other => other.to_string(),
        })?;
        let full = here
            .join(file)
            .canonicalize()
            .map_err(|err| format!("{}: {}", shown_path(file), crate::lang::io(&err)))?;
        let inside = full.strip_prefix(&top).map_err(|_| {
            (said.outside_work_tree)(&shown_path(file).to_string(), &shown_path(&top).to_string())
        })?;
        let parts: Vec<String> = inside
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        let path = parts.join("/");
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    Ok(paths)
}

/// Adds the line of each dataset in `paths` that `.gitattributes` lacks; says what it added
/// and what was there.
fn attributes(top: &Path, paths: &[String]) -> Result<Vec<String>, String> {
    let wanted: Vec<(String, String)> = paths
        .iter()
        .map(|path| (path.clone(), attributes_line(path)))
        .collect();
    add_lines(
        &top.join(".gitattributes"),
        ".gitattributes",
        &wanted,
        has_attributes,
    )
}

/// Adds to the repository's own list of files to ignore (`.git/info/exclude`, not committed,
/// like the config) the backup and the lock file a save leaves beside each dataset, so that
/// `git status` does not offer them and `git add -A` does not take them; says what it added and
/// what was there. A name with a control character cannot be written as an ignore pattern and
/// is left out.
fn excluded(top: &Path, paths: &[String]) -> Result<Vec<String>, String> {
    let said = crate::lang::cli();
    let output = git(top, &["rev-parse", "--git-path", "info/exclude"])?;
    if !output.status.success() {
        return Err((said.git_failed)("git rev-parse", &git_said(&output)));
    }
    let named = String::from_utf8_lossy(&output.stdout);
    let file = top.join(named.trim_end_matches('\n'));
    let wanted: Vec<(String, String)> = paths
        .iter()
        .filter(|path| !path.chars().any(char::is_control))
        .flat_map(|path| [".bak", ".lock"].map(|suffix| format!("{path}{suffix}")))
        .map(|name| {
            let line = ignore_line(&name);
            (line.clone(), line)
        })
        .collect();
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|err| format!("{}: {}", shown_path(dir), crate::lang::io(&err)))?;
    }
    add_lines(&file, ".git/info/exclude", &wanted, |text, line| {
        text.lines().any(|present| present == line)
    })
}

/// Appends to the file at `file` (named `shown` in what is said) each `(key, line)` of `wanted`
/// whose key `present` does not find in its text, keeping the rest byte for byte (a final line
/// break added if missing); says what it added and what was there. A link, or anything but a
/// regular file, at `file` is refused, neither read nor replaced: in a shared or cloned
/// repository it could point at a private file, whose bytes would end up in a file to commit.
fn add_lines(
    file: &Path,
    shown: &str,
    wanted: &[(String, String)],
    present: impl Fn(&str, &str) -> bool,
) -> Result<Vec<String>, String> {
    let said = crate::lang::cli();
    let old = read_plain_file(file)
        .map_err(|err| format!("{}: {}", shown_path(file), crate::lang::io(&err)))?;
    let text = String::from_utf8_lossy(&old).into_owned();
    let mut new = old.clone();
    let mut lines = Vec::new();
    for (key, line) in wanted {
        if present(&text, key) {
            lines.push((said.attributes_present)(shown, line));
            continue;
        }
        if !new.is_empty() && !new.ends_with(b"\n") {
            new.push(b'\n');
        }
        new.extend_from_slice(line.as_bytes());
        new.push(b'\n');
        lines.push((said.attributes_added)(shown, line));
    }
    if new != old {
        write_file(file, &new)?;
    }
    Ok(lines)
}

/// The bytes of the regular file at `path`, empty when there is none; a link (not followed)
/// or anything but a regular file there is an error.
fn read_plain_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use crate::store::files;
    // Read whole or not at all: a file cut short here would be written back cut.
    match files::read_regular_unlinked(path, files::CONFIG_LIMIT * 16) {
        Ok((bytes, _)) => Ok(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(err) if files::is_link_error(&err) => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            crate::lang::cli().not_a_plain_file,
        )),
        Err(err) => Err(err),
    }
}

/// The ignore line of the file at `path` (relative to the top): anchored with `/`, with the
/// characters an ignore pattern reads specially escaped.
pub fn ignore_line(path: &str) -> String {
    let mut line = String::from("/");
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | '\\' | '!' | '#') {
            line.push('\\');
        }
        line.push(c);
    }
    if line.ends_with(' ') {
        line.pop();
        line.push_str("\\ ");
    }
    line
}

/// The `.gitattributes` line of the dataset at `path` (relative to the top, `/` between
/// folders): anchored at the top with a leading `/`, glob characters escaped, quoted in C
/// style when it holds white space, a quote or a control character, as git reads patterns.
pub fn attributes_line(path: &str) -> String {
    let mut pattern = String::from("/");
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    let quote = pattern
        .chars()
        .any(|c| c.is_whitespace() || c == '"' || c.is_control());
    let pattern = if quote { c_quote(&pattern) } else { pattern };
    format!("{pattern} {}", ATTRIBUTES.join(" "))
}

/// `text` in double quotes with C's escapes, as git unquotes a quoted pattern.
fn c_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("\\{byte:03o}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a line of `text` (a `.gitattributes`) gives the dataset at `path` both
/// attributes, its pattern written with or without the leading `/`, quoted or not.
fn has_attributes(text: &str, path: &str) -> bool {
    let wanted = attributes_line(path);
    let Some((wanted_pattern, _)) = split_line(&wanted) else {
        return false;
    };
    text.lines().filter_map(split_line).any(|(pattern, attrs)| {
        pattern.trim_start_matches('/') == wanted_pattern.trim_start_matches('/')
            && ATTRIBUTES
                .iter()
                .all(|a| attrs.iter().any(|given| given == a))
    })
}

/// A `.gitattributes` line as its pattern (unquoted, escapes kept) and its attributes; `None`
/// for a blank line or a comment.
fn split_line(line: &str) -> Option<(String, Vec<String>)> {
    let line = line.trim_start();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (pattern, rest) = if let Some(quoted) = line.strip_prefix('"') {
        let mut pattern = String::new();
        let mut chars = quoted.char_indices();
        let mut end = quoted.len();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => {
                    end = at + 1;
                    break;
                }
                '\\' => match chars.next() {
                    Some((_, 't')) => pattern.push('\t'),
                    Some((_, 'n')) => pattern.push('\n'),
                    Some((_, 'r')) => pattern.push('\r'),
                    Some((_, other)) => pattern.push(other),
                    None => {}
                },
                c => pattern.push(c),
            }
        }
        (pattern, &quoted[end.min(quoted.len())..])
    } else {
        let end = line.find([' ', '\t']).unwrap_or(line.len());
        (line[..end].to_string(), &line[end..])
    };
    let attrs = rest.split_whitespace().map(str::to_string).collect();
    Some((pattern, attrs))
}

/// `text` as one word for sh: as it is when it holds only `[A-Za-z0-9/._-]`, else in single
/// quotes (a quote inside written `'\''`).
pub fn sh_quote(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-');
    if !text.is_empty() && text.chars().all(plain) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_is_quoted_for_sh_only_when_it_must_be() {
        assert_eq!(sh_quote("/usr/local/bin/htx"), "/usr/local/bin/htx");
        assert_eq!(sh_quote("/opt/htx-0.1/bin/htx_1"), "/opt/htx-0.1/bin/htx_1");
        assert_eq!(sh_quote("/home/an/my tools/htx"), "'/home/an/my tools/htx'");
        assert_eq!(sh_quote("/tmp/it's/htx"), "'/tmp/it'\\''s/htx'");
        assert_eq!(sh_quote("/tmp/$HOME/htx"), "'/tmp/$HOME/htx'");
        assert_eq!(sh_quote("/tmp/Định/htx"), "'/tmp/Định/htx'");
        assert_eq!(sh_quote(""), "''");
    }

    #[test]
    fn ignore_lines_are_anchored_and_escaped_as_git_reads_patterns() {
        assert_eq!(ignore_line("plan.ron.bak"), "/plan.ron.bak");
        assert_eq!(
            ignore_line("dữ liệu/kế hoạch.ron.lock"),
            "/dữ liệu/kế hoạch.ron.lock"
        );
        assert_eq!(ignore_line("#1 [a]*?.ron.bak"), "/\\#1 \\[a]\\*\\?.ron.bak");
        assert_eq!(ignore_line("odd "), "/odd\\ ");
    }

    #[test]
    fn attribute_lines_are_anchored_escaped_and_quoted_as_git_reads_them() {
        assert_eq!(attributes_line("plan.ron"), "/plan.ron merge=htx diff=htx");
        assert_eq!(
            attributes_line("dữ liệu/kế hoạch.ron"),
            "\"/dữ liệu/kế hoạch.ron\" merge=htx diff=htx"
        );
        assert_eq!(attributes_line("a*b.ron"), "/a\\*b.ron merge=htx diff=htx");
        assert_eq!(
            attributes_line("say \"hi\"[1].ron"),
            "\"/say \\\"hi\\\"\\\\[1].ron\" merge=htx diff=htx"
        );
    }

    #[test]
    fn a_line_already_there_is_recognised_with_or_without_its_slash() {
        let text = "*.txt text\n# plan.ron merge=htx diff=htx\nplan.ron diff=htx merge=htx -text\n";
        assert!(has_attributes(text, "plan.ron"));
        assert!(!has_attributes(text, "data/plan.ron"));
        assert!(!has_attributes("/plan.ron merge=htx\n", "plan.ron"));
        let spaced = format!("{}\n", attributes_line("kế hoạch 2011.ron"));
        assert!(has_attributes(&spaced, "kế hoạch 2011.ron"));
        assert!(!has_attributes(&spaced, "kế hoạch 2012.ron"));
    }
}
