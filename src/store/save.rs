//! Saving without ever losing data: a lock so two saves never interleave, a check that the
//! file is still the one that was loaded, an atomic replace that keeps the previous version as
//! a backup and the file's permissions, and a journal of unsaved edits that survives a dropped
//! connection.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::Dataset;
use crate::model::edit::{Conflict, Edit};
use crate::model::validate::validate;

use super::hash::{ContentHasher, content_hash, fnv1a};
use super::parse;

/// What a file looked like when it was read: enough to notice that someone else saved it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// A hash of the bytes: a same-size save within the clock's resolution is still noticed.
    pub hash: u64,
}

impl Fingerprint {
    pub fn of_bytes(bytes: &[u8], metadata: &fs::Metadata) -> Self {
        Self {
            len: bytes.len() as u64,
            modified: metadata.modified().ok(),
            hash: content_hash(bytes),
        }
    }

    /// The fingerprint of the file at `path` now; `None` if it cannot be read.
    pub fn of_file(path: &Path) -> Option<Self> {
        let mut file = File::open(path).ok()?;
        let metadata = file.metadata().ok()?;
        let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
        file.read_to_end(&mut bytes).ok()?;
        Some(Self::of_bytes(&bytes, &metadata))
    }

    /// Cheap check (size and time only) that the file may have changed since this fingerprint.
    pub fn looks_changed(&self, path: &Path) -> bool {
        fs::metadata(path).map_or(true, |m| {
            m.len() != self.len || m.modified().ok() != self.modified
        })
    }
}

/// Why a save did not happen. The data in memory is untouched and still unsaved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("not saved: the data has {} problem(s), first: {}", .0.len(), .0.first().map_or("", |p| p.message.as_str()))]
    Invalid(Vec<crate::model::validate::Problem>),
    #[error("not saved: another htx is saving {} right now; try again", .0.display())]
    Locked(PathBuf),
    #[error("not saved: {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("not saved: {} changed on disk and no longer reads as a dataset: {message}", path.display())]
    Unreadable { path: PathBuf, message: String },
}

/// What a save did.
#[derive(Debug)]
pub enum Saved {
    /// The file was as loaded; it now holds the session's data.
    Written { fingerprint: Fingerprint },
    /// Someone else had saved; their file with this session's edits re-applied was written.
    /// `dataset` is what is on disk now.
    Merged {
        dataset: Box<Dataset>,
        fingerprint: Fingerprint,
        merged: usize,
    },
    /// Someone else had saved and changed records this session changed too: nothing was
    /// written. `theirs` is the file as it is on disk.
    Conflicts {
        theirs: Box<Dataset>,
        fingerprint: Fingerprint,
        conflicts: Vec<Conflict>,
    },
}

/// Holds the lock file beside a dataset while it exists.
struct Lock {
    _file: File,
}

impl Lock {
    fn acquire(path: &Path) -> Result<Self, SaveError> {
        let lock_path = sibling(path, ".lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|source| SaveError::Io {
                path: lock_path.clone(),
                source,
            })?;
        // Another save may hold it for the second a large file takes; wait a little.
        for _ in 0..50 {
            match file.try_lock() {
                Ok(()) => return Ok(Self { _file: file }),
                Err(fs::TryLockError::WouldBlock) => {
                    std::thread::sleep(std::time::Duration::from_millis(100))
                }
                Err(fs::TryLockError::Error(source)) => {
                    return Err(SaveError::Io {
                        path: lock_path,
                        source,
                    });
                }
            }
        }
        Err(SaveError::Locked(path.to_owned()))
    }
}

/// `dataset.ron` → `dataset.ron{suffix}` in the same directory.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// The previous version kept beside a dataset after each save.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

/// Saves the session's `dataset` to `path`, which was loaded as `base`; `edits` are the
/// session's edits since then, in order. If the file changed meanwhile, they are re-applied
/// to the file's new content record by record instead.
pub fn save(
    path: &Path,
    base: Option<Fingerprint>,
    dataset: &Dataset,
    edits: &[Edit],
) -> Result<Saved, SaveError> {
    let problems = validate(dataset);
    if !problems.is_empty() {
        return Err(SaveError::Invalid(problems));
    }
    let _lock = Lock::acquire(path)?;
    let now = Fingerprint::of_file(path);
    if now.is_none() || now == base {
        let fingerprint = write_atomic(path, dataset)?;
        return Ok(Saved::Written { fingerprint });
    }
    let io_error = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let bytes = fs::read(path).map_err(io_error)?;
    let theirs = parse(&bytes, &|_| {})
        .map_err(|problems| SaveError::Unreadable {
            path: path.to_owned(),
            message: problems.first().map_or_else(String::new, |p| {
                format!("{}:{}: {}", p.position.line, p.position.column, p.message)
            }),
        })?
        .dataset;
    let fingerprint = Fingerprint::of_file(path).unwrap_or(Fingerprint {
        len: 0,
        modified: None,
        hash: 0,
    });
    let mut merged = theirs.clone();
    let mut conflicts = Vec::new();
    for edit in edits {
        if let Err(conflict) = edit.apply(&mut merged) {
            conflicts.push(conflict);
        }
    }
    if !conflicts.is_empty() {
        return Ok(Saved::Conflicts {
            theirs: Box::new(theirs),
            fingerprint,
            conflicts,
        });
    }
    let problems = validate(&merged);
    if !problems.is_empty() {
        return Err(SaveError::Invalid(problems));
    }
    let fingerprint = write_atomic(path, &merged)?;
    Ok(Saved::Merged {
        dataset: Box::new(merged),
        fingerprint,
        merged: edits.len(),
    })
}

/// Replaces `path` with `dataset`: temporary file in the same directory, flushed, given the
/// old file's permissions; the old file becomes the backup; then a rename and a directory
/// flush. At every moment `path` is either the complete old or the complete new file.
pub fn write_atomic(path: &Path, dataset: &Dataset) -> Result<Fingerprint, SaveError> {
    let io_error = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let temp = sibling(path, &format!(".{}.tmp", std::process::id()));
    let mut hasher = ContentHasher::default();
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)?;
        super::writer::write_dataset_to(dataset, &mut |chunk: &str| {
            hasher.update(chunk.as_bytes());
            file.write_all(chunk.as_bytes())
        })?;
        if let Ok(metadata) = fs::metadata(path) {
            file.set_permissions(metadata.permissions())?;
        }
        file.sync_all()?;
        if path.exists() {
            // The backup is replaced atomically too: link (or copy) the old file aside, then
            // rename it over the previous backup.
            let staged = sibling(path, &format!(".{}.bak.tmp", std::process::id()));
            let _ = fs::remove_file(&staged);
            if fs::hard_link(path, &staged).is_err() {
                fs::copy(path, &staged)?;
            }
            fs::rename(&staged, backup_path(path))?;
        }
        fs::rename(&temp, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            #[cfg(unix)]
            File::open(dir)?.sync_all()?;
            #[cfg(not(unix))]
            let _ = dir;
        }
        Ok(())
    })();
    if let Err(err) = written {
        let _ = fs::remove_file(&temp);
        return Err(io_error(err));
    }
    let metadata = fs::metadata(path).map_err(io_error)?;
    Ok(Fingerprint {
        len: metadata.len(),
        modified: metadata.modified().ok(),
        hash: hasher.finish(),
    })
}

/// The recovery journal of one session on one dataset: one edit a line, appended and flushed
/// as it is made. Each session has its own journal, held by a lock file for as long as the
/// session runs, so two sessions of one user on one file never clear each other's journal; a
/// journal whose lock is free belongs to a session that ended without saving (an orphan).
pub struct Journal {
    path: PathBuf,
    lock_path: PathBuf,
    dir: PathBuf,
    key: String,
    _lock: Option<File>,
}

impl Journal {
    /// Opens this session's journal for the dataset at `dataset` inside `dir` (the state
    /// directory), taking its lock.
    pub fn open(dir: &Path, dataset: &Path) -> io::Result<Self> {
        let canonical = fs::canonicalize(dataset).unwrap_or_else(|_| dataset.to_owned());
        let key = format!("{:016x}", fnv1a(canonical.to_string_lossy().as_bytes()));
        fs::create_dir_all(dir)?;
        let id = std::process::id();
        let lock_path = dir.join(format!("{key}.{id}.lock"));
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)?;
        lock.try_lock().map_err(io::Error::other)?;
        let path = dir.join(format!("{key}.{id}.journal"));
        if path.exists() {
            // Left by an earlier session that had this process id: keep it as an orphan.
            let stamp = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            fs::rename(&path, dir.join(format!("{key}.{id}-{stamp}.journal")))?;
        }
        Ok(Self {
            path,
            lock_path,
            dir: dir.to_owned(),
            key,
            _lock: Some(lock),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends edits and flushes them to disk before returning.
    pub fn append(&self, edits: &[Edit]) -> io::Result<()> {
        if edits.is_empty() {
            return Ok(());
        }
        let mut text = String::new();
        for edit in edits {
            let line = ron::ser::to_string(edit).map_err(io::Error::other)?;
            text.push_str(&line);
            text.push('\n');
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        file.write_all(text.as_bytes())?;
        file.sync_data()
    }

    /// This session's edits, oldest first.
    pub fn read(&self) -> Vec<Edit> {
        read_journal(&self.path)
    }

    /// Forgets this session's edits (after a successful save, or when the user discards them).
    pub fn clear(&self) -> io::Result<()> {
        remove(&self.path)
    }

    /// Journals of the same dataset left by sessions that ended without saving, oldest first.
    pub fn orphans(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<(Option<SystemTime>, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                name.starts_with(&format!("{}.", self.key))
                    && name.ends_with(".journal")
                    && *path != self.path
            })
            .filter(|path| {
                // A live session holds its lock; a free (or missing) lock means it is gone.
                let lock = path.with_extension("lock");
                OpenOptions::new()
                    .write(true)
                    .open(&lock)
                    .map_or(true, |file| file.try_lock().is_ok())
            })
            .map(|path| (fs::metadata(&path).and_then(|m| m.modified()).ok(), path))
            .collect();
        found.sort();
        found.into_iter().map(|(_, path)| path).collect()
    }

    /// The edits of orphaned journals, oldest first.
    pub fn read_orphans(paths: &[PathBuf]) -> Vec<Edit> {
        paths.iter().flat_map(|path| read_journal(path)).collect()
    }

    /// Removes orphaned journals once their edits are restored into this session or
    /// discarded.
    pub fn remove_orphans(paths: &[PathBuf]) -> io::Result<()> {
        for path in paths {
            remove(path)?;
            remove(&path.with_extension("lock"))?;
        }
        Ok(())
    }
}

impl Drop for Journal {
    /// A session that ends normally leaves no lock file; its journal stays only if it holds
    /// unsaved edits.
    fn drop(&mut self) {
        if fs::metadata(&self.path).is_ok_and(|m| m.len() == 0) {
            let _ = remove(&self.path);
        }
        let _ = remove(&self.lock_path);
    }
}

fn read_journal(path: &Path) -> Vec<Edit> {
    let Ok(text) = fs::read_to_string(path) else {
        return Vec::new();
    };
    // A last line cut short by a crash does not parse and is ignored.
    text.lines()
        .filter_map(|line| ron::from_str(line).ok())
        .collect()
}

fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ProgressStatus, edit::Edit};
    use crate::store::builtin;

    fn done_edit(dataset: &Dataset, item: usize, province: &str) -> Edit {
        let before = dataset.plan.items[item].progress_of(province).cloned();
        let mut after = before.clone().unwrap();
        after.status = if after.status == ProgressStatus::Done {
            ProgressStatus::InProgress
        } else {
            ProgressStatus::Done
        };
        Edit::Progress {
            item: dataset.plan.items[item].id.clone(),
            province: province.into(),
            before,
            after: Some(after),
        }
    }

    #[test]
    fn save_keeps_a_backup_and_the_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let dataset = builtin().unwrap();
        let first = write_atomic(&path, &dataset).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let before = fs::read(&path).unwrap();
        let mut changed = dataset.clone();
        done_edit(&dataset, 3, "36").apply(&mut changed).unwrap();
        let saved = save(&path, Fingerprint::of_file(&path), &changed, &[]).unwrap();
        assert!(matches!(saved, Saved::Written { .. }));
        assert_eq!(fs::read(backup_path(&path)).unwrap(), before);
        assert_ne!(Fingerprint::of_file(&path), Some(first));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 3, "data, backup, lock: {leftovers:?}");
    }

    #[test]
    fn the_streamed_file_is_the_same_text_and_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let mut dataset = builtin().unwrap();
        // Enough records that the writer hands over several chunks.
        let copies = dataset.cooperatives.clone();
        for round in 0..60 {
            dataset
                .cooperatives
                .extend(copies.iter().cloned().map(|mut c| {
                    c.id = format!("{}-{round}", c.id);
                    c
                }));
        }
        let fingerprint = write_atomic(&path, &dataset).unwrap();
        let text = crate::store::to_ron_string(&dataset).unwrap();
        assert!(text.len() > 2 << 20, "only {} bytes", text.len());
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        assert_eq!(Some(fingerprint), Fingerprint::of_file(&path));
    }

    #[test]
    fn invalid_data_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let mut dataset = builtin().unwrap();
        write_atomic(&path, &dataset).unwrap();
        let before = fs::read(&path).unwrap();
        dataset.cooperatives[0].name.clear();
        let err = save(&path, Fingerprint::of_file(&path), &dataset, &[]).unwrap_err();
        assert!(matches!(err, SaveError::Invalid(_)));
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_failed_write_leaves_the_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-dir").join("d.ron");
        let err = write_atomic(&missing, &builtin().unwrap()).unwrap_err();
        assert!(err.to_string().contains("no-such-dir"), "{err}");
    }

    #[test]
    fn edits_to_other_records_merge_and_the_same_record_conflicts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let base = builtin().unwrap();
        write_atomic(&path, &base).unwrap();
        let loaded = Fingerprint::of_file(&path);

        // Someone else saves an edit of KH-04 / Nam Định.
        let theirs_edit = done_edit(&base, 3, "36");
        let mut theirs = base.clone();
        theirs_edit.apply(&mut theirs).unwrap();
        write_atomic(&path, &theirs).unwrap();

        // This session edited KH-04 / Thái Bình: merged silently.
        let mine_edit = done_edit(&base, 3, "34");
        let mut mine = base.clone();
        mine_edit.apply(&mut mine).unwrap();
        let saved = save(&path, loaded, &mine, std::slice::from_ref(&mine_edit)).unwrap();
        let Saved::Merged { dataset, .. } = saved else {
            panic!("{saved:?}")
        };
        let on_disk = crate::store::parse(&fs::read(&path).unwrap(), &|_| {})
            .unwrap()
            .dataset;
        assert_eq!(on_disk, *dataset);
        assert_eq!(
            on_disk.plan.items[3].progress_of("36"),
            theirs.plan.items[3].progress_of("36")
        );
        assert_eq!(
            on_disk.plan.items[3].progress_of("34"),
            mine.plan.items[3].progress_of("34")
        );

        // The same entry edited differently on both sides: a conflict, and nothing written.
        let before = fs::read(&path).unwrap();
        let mut other = base.clone();
        let mut clash = done_edit(&base, 3, "36");
        if let Edit::Progress {
            after: Some(after), ..
        } = &mut clash
        {
            after.status = ProgressStatus::NotApplicable;
        }
        clash.apply(&mut other).unwrap();
        let saved = save(&path, loaded, &other, &[clash]).unwrap();
        assert!(
            matches!(saved, Saved::Conflicts { ref conflicts, .. } if conflicts.len() == 1),
            "{saved:?}"
        );
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn the_journal_keeps_edits_until_cleared_and_ignores_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("d.ron");
        fs::write(&data, "x").unwrap();
        let journal = Journal::open(dir.path(), &data).unwrap();
        let base = builtin().unwrap();
        let edits = [done_edit(&base, 0, "36"), done_edit(&base, 1, "34")];
        journal.append(&edits[..1]).unwrap();
        journal.append(&edits[1..]).unwrap();
        assert_eq!(journal.read(), edits);
        OpenOptions::new()
            .append(true)
            .open(journal.path())
            .unwrap()
            .write_all(b"Progress(item: \"KH")
            .unwrap();
        assert_eq!(journal.read(), edits);
        journal.clear().unwrap();
        assert!(journal.read().is_empty());
        journal.clear().unwrap();
    }

    #[test]
    fn a_dead_sessions_journal_is_an_orphan_and_a_live_ones_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("d.ron");
        fs::write(&data, "x").unwrap();
        let base = builtin().unwrap();
        let live = Journal::open(dir.path(), &data).unwrap();
        // A journal left by a session that is gone: its lock file is free.
        let key = live.key.clone();
        let dead = dir.path().join(format!("{key}.999999.journal"));
        fs::write(
            &dead,
            format!(
                "{}\n",
                ron::ser::to_string(&done_edit(&base, 0, "36")).unwrap()
            ),
        )
        .unwrap();
        fs::write(dead.with_extension("lock"), "").unwrap();
        // Another live session of the same user on the same file: locked, so not an orphan.
        let other = dir.path().join(format!("{key}.888888.journal"));
        fs::write(
            &other,
            format!(
                "{}\n",
                ron::ser::to_string(&done_edit(&base, 1, "36")).unwrap()
            ),
        )
        .unwrap();
        let other_lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(other.with_extension("lock"))
            .unwrap();
        other_lock.try_lock().unwrap();
        // The check runs from a separate open file description, as another process would.
        let orphans = live.orphans();
        assert_eq!(orphans, vec![dead.clone()]);
        assert_eq!(Journal::read_orphans(&orphans).len(), 1);
        Journal::remove_orphans(&orphans).unwrap();
        assert!(!dead.exists());
        assert!(other.exists());
        drop(live);
        let leftovers: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !leftovers
                .iter()
                .any(|n| n.contains(&format!(".{}.", std::process::id()))),
            "{leftovers:?}"
        );
    }
}
