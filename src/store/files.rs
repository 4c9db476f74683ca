//! Files as htx opens and replaces them, safe in a folder that other people can write.
//!
//! - Only regular files are read, with a size limit, so a FIFO, a device or `/dev/zero` at a
//!   data, cache or config path is a clear error at once instead of a hang or a full memory.
//! - Every file htx replaces (the dataset, its backup, the find cache, a journal) goes through
//!   [`write_atomic`]: a temporary file created exclusively (`O_CREAT|O_EXCL`, so a planted
//!   link is never followed) under an unpredictable name in the target's folder, with its final
//!   mode (and owner, when asked) before the first byte, flushed, then renamed into place.
//!   On any error it is removed.
//! - Temporary files carry the writer's process id, so leftovers of a process that was killed
//!   mid-write are recognised and removed ([`remove_leftovers`]).
//!
//! A leaf module: it knows nothing of datasets.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::lang::{self, errors::Special};

/// The last part of every temporary name htx uses, to recognise its own leftovers.
pub const TEMP_SUFFIX: &str = ".htx-tmp";

/// The largest data file htx opens (a national dataset of a million cooperatives is 600 MB).
pub const DATASET_LIMIT: u64 = 4 << 30;

/// The largest config file htx opens.
pub const CONFIG_LIMIT: u64 = 1 << 20;

/// Opens `path` for reading only if it is a regular file (following links) no larger than
/// `limit` bytes. The open itself never blocks: a FIFO is refused, not waited on.
pub fn open_regular(path: &Path, limit: u64) -> io::Result<(File, fs::Metadata)> {
    open_regular_with(path, limit, rustix::fs::OFlags::empty())
}

/// [`open_regular`] with more flags for the open.
fn open_regular_with(
    path: &Path,
    limit: u64,
    flags: rustix::fs::OFlags,
) -> io::Result<(File, fs::Metadata)> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags((rustix::fs::OFlags::NONBLOCK | flags).bits().cast_signed())
        .open(path)?;
    let metadata = file.metadata()?;
    let kind = metadata.file_type();
    if !kind.is_file() {
        let special = if kind.is_dir() {
            Special::Directory
        } else if kind.is_fifo_like() {
            Special::Fifo
        } else if kind.is_device_like() {
            Special::Device
        } else {
            Special::Other
        };
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            (lang::errors().not_regular)(special),
        ));
    }
    if metadata.len() > limit {
        return Err(too_large(limit));
    }
    Ok((file, metadata))
}

/// Reads the whole regular file at `path`, refusing anything over `limit` bytes (even a file
/// that grows while it is read).
pub fn read_regular(path: &Path, limit: u64) -> io::Result<(Vec<u8>, fs::Metadata)> {
    read_opened(open_regular(path, limit)?, limit)
}

/// [`read_regular`] that does not follow a link at `path`: opening one fails with the
/// system's "too many levels of links" (`ELOOP`), which [`is_link_error`] tells.
pub fn read_regular_unlinked(path: &Path, limit: u64) -> io::Result<(Vec<u8>, fs::Metadata)> {
    read_opened(
        open_regular_with(path, limit, rustix::fs::OFlags::NOFOLLOW)?,
        limit,
    )
}

/// Whether `err` is the refusal to open a link that [`read_regular_unlinked`] gives.
pub fn is_link_error(err: &io::Error) -> bool {
    err.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
}

fn read_opened(
    (file, metadata): (File, fs::Metadata),
    limit: u64,
) -> io::Result<(Vec<u8>, fs::Metadata)> {
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok((bytes, metadata))
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        (lang::errors().too_large)(limit >> 20),
    )
}

/// Special file kinds, named for messages.
trait KindExt {
    fn is_fifo_like(&self) -> bool;
    fn is_device_like(&self) -> bool;
}

impl KindExt for fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
    fn is_device_like(&self) -> bool {
        use std::os::unix::fs::FileTypeExt;
        self.is_char_device() || self.is_block_device()
    }
}

/// How [`write_atomic`] makes the new file.
#[derive(Clone, Copy, Debug)]
pub struct NewFile<'a> {
    /// Permission bits of the new file, set before a byte is written.
    pub mode: u32,
    /// Owner and group to give the new file before it is written; failing that is an error.
    pub owner: Option<(u32, u32)>,
    /// Where the file being replaced is kept (hard-linked, or copied where links are not
    /// possible), itself replaced atomically.
    pub backup: Option<&'a Path>,
}

impl NewFile<'_> {
    /// A private file: `0600`, owned by whoever writes it, no backup.
    pub const PRIVATE: NewFile<'static> = NewFile {
        mode: 0o600,
        owner: None,
        backup: None,
    };
}

/// Replaces (or creates) `target` with what `write` writes, atomically: at every moment the
/// path holds the whole old file or the whole new one. `target` must not be a link (resolve it
/// first with [`resolve_link`]); a link there is replaced, never followed. Returns the new
/// file's metadata as it stands after the rename.
pub fn write_atomic(
    target: &Path,
    new: &NewFile<'_>,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<fs::Metadata> {
    let dir = folder_of(target);
    // Created private; given its owner, then its mode, before a byte is written: nobody but
    // the final owner and group can ever open it (an open file stays readable whatever
    // happens to its mode later).
    let mut temp = temp_in(&dir, target, 0o600)?;
    if let Some((uid, gid)) = new.owner {
        rustix::fs::fchown(
            temp.as_file(),
            Some(rustix::fs::Uid::from_raw(uid)),
            Some(rustix::fs::Gid::from_raw(gid)),
        )
        .map_err(|err| {
            io::Error::new(
                io::ErrorKind::PermissionDenied,
                (lang::errors().owner_not_given)(uid, gid, &err.to_string()),
            )
        })?;
    }
    // Exactly the old file's mode, whatever the umask: a save never changes who may read it.
    temp.as_file()
        .set_permissions(fs::Permissions::from_mode(new.mode & 0o7777))?;
    write(temp.as_file_mut())?;
    temp.as_file_mut().flush()?;
    temp.as_file().sync_all()?;
    if let Some(backup) = new.backup
        && fs::symlink_metadata(target).is_ok()
    {
        keep_backup(target, backup, new.mode)?;
    }
    // `persist` renames; on failure the temporary file is removed when `err` drops.
    let file = temp.persist(target).map_err(|err| err.error)?;
    sync_dir(&dir)?;
    file.metadata()
}

/// Creates `target` with what `write` writes, only if nothing is there (not even a link):
/// written under a temporary name, flushed, then linked into place, which fails if the name
/// was taken meanwhile. A reader never sees half a file; an existing file is never replaced.
pub fn write_new(
    target: &Path,
    mode: u32,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<fs::Metadata> {
    let dir = folder_of(target);
    let mut temp = temp_in(&dir, target, mode)?;
    write(temp.as_file_mut())?;
    temp.as_file_mut().flush()?;
    temp.as_file().sync_all()?;
    let file = temp.persist_noclobber(target).map_err(|err| {
        if err.error.kind() == io::ErrorKind::AlreadyExists {
            io::Error::new(
                io::ErrorKind::AlreadyExists,
                lang::errors().never_overwrites,
            )
        } else {
            err.error
        }
    })?;
    sync_dir(&dir)?;
    file.metadata()
}

/// Keeps the current `target` as `backup`, replacing any previous backup atomically: a hard
/// link under a temporary name, renamed over the backup. Where hard links cannot be made, a
/// copy (created like every temporary file, exclusively and with `mode`).
fn keep_backup(target: &Path, backup: &Path, mode: u32) -> io::Result<()> {
    let dir = folder_of(backup);
    for _ in 0..8 {
        let staged = dir.join(temp_name(backup, &random_part()));
        match fs::hard_link(target, &staged) {
            Ok(()) => {
                let renamed = fs::rename(&staged, backup);
                if renamed.is_err() {
                    let _ = fs::remove_file(&staged);
                }
                return renamed;
            }
            // Someone made that name first: try another.
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
            Err(_) => {
                let mut copy = temp_in(&dir, backup, mode)?;
                let (mut old, _) = open_regular(target, u64::MAX)?;
                io::copy(&mut old, copy.as_file_mut())?;
                copy.as_file().sync_all()?;
                copy.persist(backup).map_err(|err| err.error)?;
                return Ok(());
            }
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        lang::errors().no_backup_name,
    ))
}

/// A new temporary file in `dir` for `target`: `.NAME.PID.RANDOM.htx-tmp`, created
/// exclusively with `mode`.
fn temp_in(dir: &Path, target: &Path, mode: u32) -> io::Result<tempfile::NamedTempFile> {
    let prefix = temp_prefix(target);
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(12)
        .permissions(fs::Permissions::from_mode(mode & 0o777))
        .tempfile_in(dir)
}

/// `.NAME.PID.`: what every temporary file for `target` starts with.
fn temp_prefix(target: &Path) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(target.file_name().unwrap_or_else(|| "htx".as_ref()));
    prefix.push(format!(".{}.", std::process::id()));
    prefix
}

fn temp_name(target: &Path, random: &str) -> OsString {
    let mut name = temp_prefix(target);
    name.push(random);
    name.push(TEMP_SUFFIX);
    name
}

fn random_part() -> String {
    use std::hash::{BuildHasher, Hasher};
    // std's hasher keys are random per process and per `RandomState`.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("{:016x}", hasher.finish())
}

/// The folder a file lives in (`.` for a bare name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Flushes a directory's entries, so a rename or link survives a power cut.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// The file a path names once every link is followed: saving a linked dataset writes its
/// target and leaves the link a link. A path that is not a link is returned as it is.
pub fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|err| {
                io::Error::new(
                    err.kind(),
                    (lang::errors().link_unreachable)(&lang::io(&err)),
                )
            })
        }
        _ => Ok(path.to_owned()),
    }
}

/// Removes temporary files that htx left beside `target` (in its folder) when it was killed
/// during a write: those of htx's naming, owned by this user, whose process is gone. Returns
/// how many were removed. Files of other users, of live processes, and links are left alone.
pub fn remove_leftovers(target: &Path) -> usize {
    let dir = folder_of(target);
    let Some(name) = target.file_name() else {
        return 0;
    };
    let mut start = OsString::from(".");
    start.push(name);
    start.push(".");
    let start = start.to_string_lossy().into_owned();
    let me = rustix::process::geteuid().as_raw();
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(pid) = file_name
            .strip_prefix(&start)
            .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
            .and_then(|rest| rest.split('.').next())
            .and_then(|pid| pid.parse::<i32>().ok())
        else {
            continue;
        };
        let Ok(metadata) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !metadata.file_type().is_file() || metadata.uid() != me || process_alive(pid) {
            continue;
        }
        if fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether a process with this id exists (of any user).
fn process_alive(pid: i32) -> bool {
    let Some(pid) = rustix::process::Pid::from_raw(pid) else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(err) => err != rustix::io::Errno::SRCH,
    }
}

/// Whether this user may write the file with `metadata` at `path`: the system allows it and the
/// file has a write bit at all (so a file made read-only, `0444`, is refused even to root, as
/// vim and git do).
pub fn writable(path: &Path, metadata: &fs::Metadata) -> bool {
    metadata.mode() & 0o222 != 0 && rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

/// Whether this user may create files in `dir` (write and search permission).
pub fn can_create_in(dir: &Path) -> bool {
    rustix::fs::access(
        dir,
        rustix::fs::Access::WRITE_OK | rustix::fs::Access::EXEC_OK,
    )
    .is_ok()
}

/// The owner and group a replacement of a file with `metadata` can keep, or why not:
/// root can give any; another user only their own uid and one of their groups.
pub fn keepable_owner(metadata: &fs::Metadata) -> Result<(u32, u32), OwnerChange> {
    let me = rustix::process::geteuid().as_raw();
    let (uid, gid) = (metadata.uid(), metadata.gid());
    if me == 0 {
        return Ok((uid, gid));
    }
    if uid != me {
        return Err(OwnerChange::User { uid, gid });
    }
    let in_group = rustix::process::getegid().as_raw() == gid
        || rustix::process::getgroups()
            .is_ok_and(|groups| groups.iter().any(|g| g.as_raw() == gid));
    if in_group {
        Ok((uid, gid))
    } else {
        Err(OwnerChange::Group { gid })
    }
}

/// Why a replaced file cannot keep its owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerChange {
    /// It belongs to another user: a new file would belong to this one.
    User { uid: u32, gid: u32 },
    /// It is in a group this user is not in.
    Group { gid: u32 },
}

/// Opens (creating if needed) a lock file without following a link and without blocking on a
/// FIFO; it must turn out to be a regular file. Created with `mode`; empty forever.
pub fn open_lock_file(path: &Path, mode: u32) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .create(true)
        .append(true)
        .mode(mode & 0o666)
        .custom_flags(
            (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK)
                .bits()
                .cast_signed(),
        )
        .open(path)
        .or_else(|err| {
            // Another user's lock file that this user may not write: reading is enough to lock.
            if err.kind() == io::ErrorKind::PermissionDenied {
                OpenOptions::new()
                    .read(true)
                    .custom_flags(
                        (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK)
                            .bits()
                            .cast_signed(),
                    )
                    .open(path)
            } else {
                Err(err)
            }
        })
        .map_err(|err| {
            if err.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
                io::Error::new(io::ErrorKind::InvalidInput, lang::errors().lock_is_a_link)
            } else {
                err
            }
        })?;
    if !file.metadata()?.file_type().is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            lang::errors().lock_not_regular,
        ));
    }
    Ok(file)
}

/// Creates `dir` (and its parents) and makes it private to this user (`0700`) when it is this
/// user's; refuses a link or another user's folder, which someone else could read or fill.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let metadata = fs::symlink_metadata(dir)?;
    if !metadata.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            lang::errors().private_dir_not_a_dir,
        ));
    }
    if metadata.uid() != rustix::process::geteuid().as_raw() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            (lang::errors().private_dir_of_another)(metadata.uid()),
        ));
    }
    if metadata.mode() & 0o077 != 0 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_planted_link_at_any_temporary_name_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("plan.ron");
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        fs::write(&target, "old").unwrap();
        // Links at every name of the old scheme and at the new prefix for this pid.
        let pid = std::process::id();
        for name in [
            format!("plan.ron.{pid}.tmp"),
            format!(".plan.ron.{pid}.tmp"),
            format!(".plan.ron.{pid}.{TEMP_SUFFIX}"),
        ] {
            symlink(&victim, dir.path().join(name)).unwrap();
        }
        write_atomic(&target, &NewFile::PRIVATE, |f| f.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert!(!fs::symlink_metadata(&target).unwrap().is_symlink());
    }

    #[test]
    fn the_new_file_has_its_mode_before_a_byte_and_errors_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("d.ron");
        let err = write_atomic(&target, &NewFile::PRIVATE, |file| {
            assert_eq!(file.metadata()?.mode() & 0o777, 0o600);
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn the_backup_is_the_old_file_and_a_link_there_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("d.ron");
        let backup = dir.path().join("d.ron.bak");
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        symlink(&victim, &backup).unwrap();
        fs::write(&target, "old").unwrap();
        let new = NewFile {
            mode: 0o640,
            owner: None,
            backup: Some(&backup),
        };
        let metadata = write_atomic(&target, &new, |f| f.write_all(b"new")).unwrap();
        assert_eq!(metadata.mode() & 0o777, 0o640);
        assert_eq!(fs::read_to_string(&backup).unwrap(), "old");
        assert!(!fs::symlink_metadata(&backup).unwrap().is_symlink());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    #[test]
    fn special_files_and_huge_files_are_refused_at_once() {
        let err = read_regular(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(err.to_string().contains("a device"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let err = read_regular(dir.path(), 1 << 20).unwrap_err();
        assert!(err.to_string().contains("directory"), "{err}");
        let big = dir.path().join("big");
        fs::write(&big, vec![b'x'; 2048]).unwrap();
        assert!(read_regular(&big, 1024).is_err());
        assert_eq!(read_regular(&big, 2048).unwrap().0.len(), 2048);
    }

    #[test]
    fn leftovers_of_dead_processes_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("d.ron");
        // Process ids above the kernel's maximum (4194304) never exist.
        let dead = dir
            .path()
            .join(format!(".d.ron.999999999.abc{TEMP_SUFFIX}"));
        let live = dir
            .path()
            .join(format!(".d.ron.{}.abc{TEMP_SUFFIX}", std::process::id()));
        let other = dir
            .path()
            .join(format!(".e.ron.999999999.abc{TEMP_SUFFIX}"));
        for path in [&dead, &live, &other] {
            fs::write(path, "x").unwrap();
        }
        assert_eq!(remove_leftovers(&target), 1);
        assert!(!dead.exists() && live.exists() && other.exists());
        // A backup staged under its temporary name when the process was killed.
        let staged = dir
            .path()
            .join(format!(".d.ron.bak.999999999.abc{TEMP_SUFFIX}"));
        fs::write(&staged, "x").unwrap();
        assert_eq!(
            remove_leftovers(&target),
            0,
            "the backup's leftovers are the backup's"
        );
        assert_eq!(remove_leftovers(&dir.path().join("d.ron.bak")), 1);
    }

    #[test]
    fn a_linked_lock_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let lock = dir.path().join("d.ron.lock");
        symlink(&victim, &lock).unwrap();
        let err = open_lock_file(&lock, 0o600).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        let fresh = dir.path().join("e.ron.lock");
        let file = open_lock_file(&fresh, 0o640).unwrap();
        assert_eq!(file.metadata().unwrap().mode() & 0o777, 0o640 & !umask());
    }

    fn umask() -> u32 {
        let probe = tempfile::tempdir().unwrap();
        let path = probe.path().join("p");
        OpenOptions::new()
            .create_new(true)
            .write(true)
            .mode(0o777)
            .open(&path)
            .unwrap();
        !fs::metadata(&path).unwrap().mode() & 0o777
    }
}
