//! Saving without ever losing data: a lock so two saves never interleave, a three-way merge
//! when the file changed since it was loaded, an atomic replace that keeps the previous
//! version as a backup and the file's permissions and owner, and a journal of unsaved edits
//! that survives a dropped connection.
//!
//! A linked dataset is saved through its link: the target is written (with its backup and
//! lock beside it) and the link stays a link.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::Dataset;
use crate::model::edit::{Edit, base_of, diff};
use crate::model::merge::{Conflict, Resolutions, merge};
use crate::model::validate::validate;

use super::cache::Stamp;
use super::files::{self, NewFile, OwnerChange};
use super::hash::{Xxh64, fnv1a, xxh64};
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
            hash: xxh64(bytes),
        }
    }

    /// The fingerprint of the file at `path` now; `None` if it cannot be read.
    pub fn of_file(path: &Path) -> Option<Self> {
        let (bytes, metadata) = files::read_regular(path, files::DATASET_LIMIT).ok()?;
        Some(Self::of_bytes(&bytes, &metadata))
    }

    /// Cheap check (size and time only) that the file may have changed since this fingerprint.
    pub fn looks_changed(&self, path: &Path) -> bool {
        fs::metadata(path).map_or(true, |m| {
            m.len() != self.len || m.modified().ok() != self.modified
        })
    }
}

/// Why a save did not happen. The data in memory is untouched and still unsaved. Said in the
/// interface's language (on the command line and in the full screen's dialogs alike).
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    Invalid(Vec<crate::model::validate::Problem>),
    Locked(PathBuf),
    Io {
        path: PathBuf,
        source: io::Error,
    },
    Unreadable {
        path: PathBuf,
        message: String,
    },
    /// The file has no write permission for this user (or none at all, `0444`).
    ReadOnly {
        path: PathBuf,
    },
    /// The file's folder cannot take a new file, which an atomic replace needs.
    FolderReadOnly {
        path: PathBuf,
    },
    /// Replacing the file would change its owner or group, which this user cannot keep.
    OwnerWouldChange {
        path: PathBuf,
        change: OwnerChange,
    },
    /// This session's edits do not lead from the file it loaded to its data: a bug. Nothing
    /// is guessed; the edits stay unsaved.
    Untraceable(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let said = crate::lang::errors();
        let shown = |path: &Path| crate::text::shown_path(path).to_string();
        f.write_str(&match self {
            SaveError::Invalid(problems) => (said.save_invalid)(
                problems.len(),
                problems.first().map_or("", |p| p.message.as_str()),
            ),
            SaveError::Locked(path) => (said.save_locked)(&shown(path)),
            SaveError::Io { path, source } => {
                (said.save_io)(&shown(path), &crate::lang::io(source))
            }
            SaveError::Unreadable { path, message } => {
                (said.save_unreadable)(&shown(path), message)
            }
            SaveError::ReadOnly { path } => (said.save_read_only)(&shown(path)),
            SaveError::FolderReadOnly { path } => (said.save_folder_read_only)(&shown(path)),
            SaveError::OwnerWouldChange {
                path,
                change: OwnerChange::User { uid, gid },
            } => (said.save_owner_user)(&shown(path), *uid, *gid),
            SaveError::OwnerWouldChange {
                path,
                change: OwnerChange::Group { gid },
            } => (said.save_owner_group)(&shown(path), *gid),
            SaveError::Untraceable(what) => (said.save_untraceable)(what),
        })
    }
}

/// What a save did.
#[derive(Debug)]
pub enum Saved {
    /// The file was as loaded; it now holds the session's data.
    Written {
        fingerprint: Fingerprint,
        /// The written file's stamp, from its own metadata after the rename, taken while the
        /// lock was held: what the cache of the saved data may be keyed by.
        stamp: Option<Stamp>,
    },
    /// Someone else had saved; the three-way merge of their file and this session's data was
    /// written. `dataset` is what is on disk now.
    Merged {
        dataset: Box<Dataset>,
        fingerprint: Fingerprint,
    },
    /// Someone else had saved and changed fields this session changed too, differently:
    /// nothing was written. Settle them and save again.
    Conflicts { conflicts: Vec<Conflict> },
}

/// Choices the user made for this save.
#[derive(Clone, Debug, Default)]
pub struct SaveOptions {
    /// Conflicts already settled.
    pub settled: Resolutions,
    /// Replace the file even though its owner or group cannot be kept (the user said yes).
    pub allow_owner_change: bool,
}

/// Holds the lock file beside a dataset while it exists.
struct Lock {
    _file: File,
}

impl Lock {
    /// Locks `target` (a resolved path, not a link). The lock file is empty, never followed if
    /// it is a link, and created no more readable than the dataset.
    fn acquire(target: &Path, mode: u32) -> Result<Self, SaveError> {
        let lock_path = sibling(target, ".lock");
        let file =
            files::open_lock_file(&lock_path, mode & 0o666).map_err(|source| SaveError::Io {
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
        Err(SaveError::Locked(target.to_owned()))
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

/// The previous version kept beside a dataset after each save (beside a link's target).
pub fn backup_path(path: &Path) -> PathBuf {
    let target = files::resolve_link(path).unwrap_or_else(|_| path.to_owned());
    sibling(&target, ".bak")
}

/// Saves the session's `dataset` to `path`. `base` is the file as the session loaded it (or
/// last saved it) and `edits` the session's edits since then, in order. If the file changed
/// meanwhile, the file, the session's data and the state both started from (the session's
/// data with its edits undone) are merged three ways; conflicts not yet settled in `options`
/// are returned and nothing is written.
pub fn save(
    path: &Path,
    base: Option<Fingerprint>,
    dataset: &Dataset,
    edits: &[Edit],
    options: &SaveOptions,
) -> Result<Saved, SaveError> {
    let start = || base_of(dataset, edits).map_err(|err| SaveError::Untraceable(err.what()));
    save_from(path, base, dataset, &start, options)
}

/// [`save`] for a change made in one step rather than by edits, such as an import: `start` is
/// the dataset as it was loaded (when the file had the fingerprint `base`), the state a merge
/// with another session's save starts from.
pub fn save_changed(
    path: &Path,
    base: Option<Fingerprint>,
    start: &Dataset,
    dataset: &Dataset,
    options: &SaveOptions,
) -> Result<Saved, SaveError> {
    save_from(path, base, dataset, &|| Ok(start.clone()), options)
}

fn save_from(
    path: &Path,
    base: Option<Fingerprint>,
    dataset: &Dataset,
    start: &dyn Fn() -> Result<Dataset, SaveError>,
    options: &SaveOptions,
) -> Result<Saved, SaveError> {
    let problems = validate(dataset);
    if !problems.is_empty() {
        return Err(SaveError::Invalid(problems));
    }
    let io_error = |path: &Path| {
        let path = path.to_owned();
        move |source| SaveError::Io { path, source }
    };
    let target = files::resolve_link(path).map_err(io_error(path))?;
    let existing = match fs::metadata(&target) {
        Ok(metadata) => Some(metadata),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(io_error(&target)(err)),
    };
    let mode = existing.as_ref().map_or(0o600, |m| m.mode() & 0o7777);
    // Refused before the lock is even made: a read-only file is said to be read-only.
    let new = new_file_for(&target, existing.as_ref(), options)?;
    let _lock = Lock::acquire(&target, mode)?;
    // Read once: the fingerprint says whether it changed, and the bytes are theirs if so.
    let on_disk = match files::read_regular(&target, files::DATASET_LIMIT) {
        Ok(read) => Some(read),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(io_error(&target)(err)),
    };
    let now = on_disk
        .as_ref()
        .map(|(bytes, metadata)| Fingerprint::of_bytes(bytes, metadata));
    let outcome = match on_disk {
        Some((bytes, _)) if now != base => {
            let theirs = parse(&bytes, &|_| {})
                .map_err(|problems| unreadable(&target, &problems))?
                .dataset;
            drop(bytes);
            let base = start()?;
            let merged = merge(&base, dataset, &theirs, &options.settled);
            if !merged.conflicts.is_empty() {
                return Ok(Saved::Conflicts {
                    conflicts: merged.conflicts,
                });
            }
            let problems = validate(&merged.dataset);
            if !problems.is_empty() {
                return Err(SaveError::Invalid(problems));
            }
            let fingerprint = write_dataset(&target, &merged.dataset, &new)?;
            Saved::Merged {
                dataset: Box::new(merged.dataset),
                fingerprint,
            }
        }
        _ => {
            let (fingerprint, stamp) = write_dataset_stamped(&target, dataset, &new)?;
            Saved::Written { fingerprint, stamp }
        }
    };
    remove_leftovers(&target);
    Ok(outcome)
}

/// Removes the temporary files that htx processes killed while saving `path` left beside it
/// (its own and its backup's); returns how many.
pub fn remove_leftovers(path: &Path) -> usize {
    let target = files::resolve_link(path).unwrap_or_else(|_| path.to_owned());
    files::remove_leftovers(&target) + files::remove_leftovers(&sibling(&target, ".bak"))
}

/// How the replacement of `target` is made: its mode, its owner if it can be kept (else an
/// error unless the user allowed the change), its backup; a read-only file is refused.
fn new_file_for<'a>(
    target: &Path,
    existing: Option<&fs::Metadata>,
    options: &SaveOptions,
) -> Result<NewFile<'a>, SaveError> {
    let Some(metadata) = existing else {
        return Ok(NewFile {
            mode: 0o600,
            owner: None,
            backup: None,
        });
    };
    if !files::writable(target, metadata) {
        return Err(SaveError::ReadOnly {
            path: target.to_owned(),
        });
    }
    let folder = files::folder_of(target);
    if !files::can_create_in(&folder) {
        return Err(SaveError::FolderReadOnly { path: folder });
    }
    let owner = match files::keepable_owner(metadata) {
        Ok(owner) => Some(owner),
        Err(_) if options.allow_owner_change => None,
        Err(change) => {
            return Err(SaveError::OwnerWouldChange {
                path: target.to_owned(),
                change,
            });
        }
    };
    Ok(NewFile {
        mode: metadata.mode() & 0o7777,
        owner,
        backup: None,
    })
}

fn unreadable(path: &Path, problems: &[super::Problem]) -> SaveError {
    SaveError::Unreadable {
        path: path.to_owned(),
        message: problems.first().map_or_else(String::new, |p| {
            format!("{}:{}: {}", p.position.line, p.position.column, p.message)
        }),
    }
}

/// Writes `dataset` over `target` (not a link) with [`files::write_atomic`], the old file kept
/// as the backup; returns the new file's fingerprint.
fn write_dataset(
    target: &Path,
    dataset: &Dataset,
    new: &NewFile<'_>,
) -> Result<Fingerprint, SaveError> {
    write_dataset_stamped(target, dataset, new).map(|(fingerprint, _)| fingerprint)
}

/// [`write_dataset`], with the stamp of the file as written (see [`Saved::Written`]).
fn write_dataset_stamped(
    target: &Path,
    dataset: &Dataset,
    new: &NewFile<'_>,
) -> Result<(Fingerprint, Option<Stamp>), SaveError> {
    let backup = sibling(target, ".bak");
    let new = NewFile {
        backup: Some(&backup),
        ..*new
    };
    let mut hasher = Xxh64::default();
    let metadata =
        files::write_atomic(target, &new, streamed(dataset, &mut hasher)).map_err(|source| {
            SaveError::Io {
                path: target.to_owned(),
                source,
            }
        })?;
    Ok((
        fingerprint_of(&metadata, &hasher),
        Stamp::of_metadata(target, &metadata),
    ))
}

/// Writes `dataset` into a file in the file format, chunk by chunk, hashing what it writes.
fn streamed<'a>(
    dataset: &'a Dataset,
    hasher: &'a mut Xxh64,
) -> impl FnOnce(&mut File) -> io::Result<()> + 'a {
    move |file| {
        super::writer::write_dataset_to(dataset, &mut |chunk: &str| {
            hasher.update(chunk.as_bytes());
            file.write_all(chunk.as_bytes())
        })
    }
}

/// The fingerprint of a file just written, from its metadata and the hash of what was written.
fn fingerprint_of(metadata: &fs::Metadata, hasher: &Xxh64) -> Fingerprint {
    Fingerprint {
        len: metadata.len(),
        modified: metadata.modified().ok(),
        hash: hasher.finish(),
    }
}

/// Replaces `path` (through a link, if it is one) with `dataset`, keeping its mode and owner
/// and the old file as the backup. Without the checks of [`save`]: for tools and tests.
pub fn write_atomic(path: &Path, dataset: &Dataset) -> Result<Fingerprint, SaveError> {
    let target = files::resolve_link(path).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })?;
    let existing = fs::metadata(&target).ok();
    let new = new_file_for(
        &target,
        existing.as_ref(),
        &SaveOptions {
            allow_owner_change: true,
            ..SaveOptions::default()
        },
    )?;
    write_dataset(&target, dataset, &new)
}

/// "Save as": writes `dataset` to `path`, which must not exist yet (a new name, for a
/// read-only file or a full disk). The new file is private (`0600`) until its owner shares it.
pub fn save_as(path: &Path, dataset: &Dataset) -> Result<Fingerprint, SaveError> {
    let problems = validate(dataset);
    if !problems.is_empty() {
        return Err(SaveError::Invalid(problems));
    }
    let mut hasher = Xxh64::default();
    let metadata =
        files::write_new(path, 0o600, streamed(dataset, &mut hasher)).map_err(|source| {
            SaveError::Io {
                path: path.to_owned(),
                source,
            }
        })?;
    Ok(fingerprint_of(&metadata, &hasher))
}

/// A session's data carried onto the file as it is on disk now.
#[derive(Debug)]
pub struct Rebased {
    /// The file on disk, merged with the session's edits.
    pub dataset: Dataset,
    /// The session's edits as they now stand against the file: what is still unsaved.
    pub pending: Vec<Edit>,
    /// The file as it was read.
    pub fingerprint: Option<Fingerprint>,
}

/// What reading the file again gave.
#[derive(Debug)]
pub enum Reloaded {
    Rebased(Box<Rebased>),
    /// Fields both this session and the file changed differently: settle them, then reload
    /// again.
    Conflicts(Vec<Conflict>),
}

/// Reads the file at `path` again and carries the session's unsaved work onto it: a three-way
/// merge of the file, the session's `dataset` and the state its `edits` started from.
pub fn reload(
    path: &Path,
    dataset: &Dataset,
    edits: &[Edit],
    settled: &Resolutions,
) -> Result<Reloaded, String> {
    let loaded = super::load(path, &|_| {}).map_err(|err| err.to_string())?;
    let theirs = loaded.dataset;
    let base =
        base_of(dataset, edits).map_err(|err| SaveError::Untraceable(err.what()).to_string())?;
    let merged = merge(&base, dataset, &theirs, settled);
    if !merged.conflicts.is_empty() {
        return Ok(Reloaded::Conflicts(merged.conflicts));
    }
    let pending = diff(&theirs, &merged.dataset);
    Ok(Reloaded::Rebased(Box::new(Rebased {
        dataset: merged.dataset,
        pending,
        fingerprint: loaded.fingerprint,
    })))
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
        files::private_dir(dir).map_err(|err| {
            io::Error::new(
                err.kind(),
                format!(
                    "{}: {}",
                    crate::text::shown_path(dir),
                    crate::lang::io(&err)
                ),
            )
        })?;
        remove_stale_locks(dir);
        let id = std::process::id();
        let lock_path = dir.join(format!("{key}.{id}.lock"));
        let lock = files::open_lock_file(&lock_path, 0o600)?;
        lock.try_lock().map_err(io::Error::other)?;
        let path = dir.join(format!("{key}.{id}.journal"));
        if fs::symlink_metadata(&path).is_ok() {
            // Left by an earlier session that had this process id: keep it as an orphan.
            let stamp = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let kept = dir.join(format!("{key}.{id}-{stamp}.journal"));
            // Without a lock file beside it, it is an orphan.
            fs::rename(&path, &kept)?;
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

    /// The state directory the journal lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
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
            .mode(0o600)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits().cast_signed())
            .open(&self.path)?;
        file.write_all(text.as_bytes())?;
        file.sync_data()
    }

    /// Replaces the journal's content with `edits` atomically (after a save or a reload, the
    /// unsaved edits are no longer the ones appended so far): at every moment the journal
    /// holds either all the old edits or all the new ones.
    pub fn replace(&self, edits: &[Edit]) -> io::Result<()> {
        if edits.is_empty() {
            return self.clear();
        }
        let mut text = String::new();
        for edit in edits {
            text.push_str(&ron::ser::to_string(edit).map_err(io::Error::other)?);
            text.push('\n');
        }
        files::write_atomic(&self.path, &NewFile::PRIVATE, |file| {
            file.write_all(text.as_bytes())
        })
        .map(drop)
    }

    /// This session's edits, oldest first.
    pub fn read(&self) -> Result<Vec<Edit>, String> {
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
                if fs::symlink_metadata(&lock).is_err() {
                    return true;
                }
                files::open_lock_file(&lock, 0o600).is_ok_and(|file| file.try_lock().is_ok())
            })
            .map(|path| (fs::metadata(&path).and_then(|m| m.modified()).ok(), path))
            .collect();
        found.sort();
        found.into_iter().map(|(_, path)| path).collect()
    }

    /// The edits of orphaned journals, oldest first.
    /// Fails, naming the file and line, if any journal cannot be read whole: it is then left
    /// as it is, never taken for empty.
    pub fn read_orphans(paths: &[PathBuf]) -> Result<Vec<Vec<Edit>>, String> {
        paths.iter().map(|path| read_journal(path)).collect()
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

/// The edits of a journal, oldest first. Only a last line cut short by a crash may fail to
/// read (it is ignored); any other line that does not read as an edit is an error, as is a
/// journal that cannot be read at all.
fn read_journal(path: &Path) -> Result<Vec<Edit>, String> {
    let shown = crate::text::shown_path(path);
    let bytes = match files::read_regular(path, files::DATASET_LIMIT) {
        Ok((bytes, _)) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(format!("{shown}: {}", crate::lang::io(&err))),
    };
    let text = String::from_utf8_lossy(&bytes);
    let complete = text.ends_with('\n');
    let lines: Vec<&str> = text.lines().collect();
    let mut edits = Vec::with_capacity(lines.len());
    for (at, line) in lines.iter().enumerate() {
        match ron::from_str(line) {
            Ok(edit) => edits.push(edit),
            Err(_) if at + 1 == lines.len() && !complete => {}
            Err(err) => {
                let said = crate::lang::errors();
                return Err((said.journal_line)(
                    &shown.to_string(),
                    at + 1,
                    &format!("{}: {}", err.span, (said.ron)(&err.code)),
                ));
            }
        }
    }
    Ok(edits)
}

/// Removes lock files of sessions that ended without removing them (killed) and left no
/// journal: a free lock with no journal beside it holds nothing.
fn remove_stale_locks(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        if path.extension().is_none_or(|e| e != "lock")
            || fs::symlink_metadata(path.with_extension("journal")).is_ok()
        {
            continue;
        }
        let free = files::open_lock_file(&path, 0o600).is_ok_and(|file| file.try_lock().is_ok());
        if free {
            let _ = fs::remove_file(&path);
        }
    }
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
    use std::sync::Arc;

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
        let saved = save(
            &path,
            Fingerprint::of_file(&path),
            &changed,
            &[done_edit(&dataset, 3, "36")],
            &SaveOptions::default(),
        )
        .unwrap();
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
            dataset.cooperatives.extend(copies.iter().map(|c| {
                let mut c = (**c).clone();
                c.id = format!("{}-{round}", c.id);
                Arc::new(c)
            }));
        }
        let fingerprint = write_atomic(&path, &dataset).unwrap();
        let text = crate::store::to_ron_string(&dataset).unwrap();
        assert!(text.len() > 2 << 20, "only {} bytes", text.len());
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        assert_eq!(Some(fingerprint), Fingerprint::of_file(&path));
    }

    #[test]
    fn why_a_save_did_not_happen_is_said_in_the_interface_language() {
        crate::lang::pin(crate::lang::Lang::Vi);
        let path = PathBuf::from("d.ron");
        let said = |err: SaveError| err.to_string();
        assert_eq!(
            said(SaveError::ReadOnly { path: path.clone() }),
            "chưa lưu: bạn chỉ được đọc d.ron; phím w lưu ra một tệp tên khác"
        );
        assert_eq!(
            said(SaveError::Locked(path.clone())),
            "chưa lưu: một htx khác đang lưu d.ron; hãy thử lại"
        );
        assert_eq!(
            said(SaveError::OwnerWouldChange {
                path: path.clone(),
                change: OwnerChange::Group { gid: 50 },
            }),
            "chưa lưu: d.ron thuộc nhóm 50, mà bạn không ở trong nhóm này; nếu lưu, tệp mới \
             sẽ thuộc về bạn"
        );
        let mut dataset = builtin().unwrap();
        Arc::make_mut(&mut dataset.cooperatives[0]).name.clear();
        assert!(
            said(SaveError::Invalid(validate(&dataset))).starts_with(
                "chưa lưu: dữ liệu có 1 lỗi, lỗi đầu tiên: tên hợp tác xã đang để trống"
            ),
        );
    }

    #[test]
    fn invalid_data_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let mut dataset = builtin().unwrap();
        write_atomic(&path, &dataset).unwrap();
        let before = fs::read(&path).unwrap();
        Arc::make_mut(&mut dataset.cooperatives[0]).name.clear();
        let err = save(
            &path,
            Fingerprint::of_file(&path),
            &dataset,
            &[],
            &SaveOptions::default(),
        )
        .unwrap_err();
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
        let saved = save(
            &path,
            loaded,
            &mine,
            std::slice::from_ref(&mine_edit),
            &SaveOptions::default(),
        )
        .unwrap();
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
        let saved = save(&path, loaded, &other, &[clash], &SaveOptions::default()).unwrap();
        assert!(
            matches!(saved, Saved::Conflicts { ref conflicts } if conflicts.len() == 1),
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
        assert_eq!(journal.read().unwrap(), edits);
        OpenOptions::new()
            .append(true)
            .open(journal.path())
            .unwrap()
            .write_all(b"Progress(item: \"KH")
            .unwrap();
        assert_eq!(journal.read().unwrap(), edits);
        // A line that is not the last and does not read is an error naming it, not a loss.
        OpenOptions::new()
            .append(true)
            .open(journal.path())
            .unwrap()
            .write_all(b"\n")
            .unwrap();
        journal.append(&edits[..1]).unwrap();
        let err = journal.read().unwrap_err();
        assert!(err.contains(":3: not an edit"), "{err}");
        journal.clear().unwrap();
        assert!(journal.read().unwrap().is_empty());
        journal.clear().unwrap();
    }

    #[test]
    fn leftovers_of_the_file_and_of_its_backup_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let dead = ".999999999.x.htx-tmp";
        for name in [format!(".d.ron{dead}"), format!(".d.ron.bak{dead}")] {
            fs::write(dir.path().join(name), "half").unwrap();
        }
        assert_eq!(remove_leftovers(&path), 2);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn journals_are_private_and_never_written_through_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("d.ron");
        fs::write(&data, "x").unwrap();
        let state = dir.path().join("state").join("journals");
        let journal = Journal::open(&state, &data).unwrap();
        let base = builtin().unwrap();
        journal.append(&[done_edit(&base, 0, "36")]).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&state), 0o700);
        assert_eq!(mode(journal.path()), 0o600);
        journal.replace(&[done_edit(&base, 1, "36")]).unwrap();
        assert_eq!(mode(journal.path()), 0o600);
        assert_eq!(journal.read().unwrap().len(), 1);

        // Someone swaps the journal for a link: the next append fails instead of writing there.
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        fs::remove_file(journal.path()).unwrap();
        std::os::unix::fs::symlink(&victim, journal.path()).unwrap();
        assert!(journal.append(&[done_edit(&base, 2, "36")]).is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
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
        assert_eq!(Journal::read_orphans(&orphans).unwrap().len(), 1);
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
