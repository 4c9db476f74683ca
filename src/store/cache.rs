//! The cache of a data file: a binary copy of its dataset (with the sorted views built from
//! it) and of its search index, so that the full screen starts and `htx find` answers without
//! parsing the RON text (60 MB of RON takes 0.7 s to parse; its cache reads back in tens of
//! milliseconds).
//!
//! One cache file per data file, in the user's cache directory (`$XDG_CACHE_HOME/htx/` on
//! Linux, by default `~/.cache/htx/`), named by the FNV-1a 64 hash of the data file's canonical
//! path: `0123456789abcdef.cache`. The RON file stays the single source of truth: the cache is
//! trusted only while it describes the file as it is now, and it can be deleted at any time.
//!
//! # Layout
//!
//! ```text
//! prefix    "HTXCACHE", format version u32, header length u32 (little-endian)
//! header    bitcode of [`Header`]: the builder, the file's [`Stamp`], and the length and
//!           XXH64 of every section below, in order
//! checksum  XXH64 (seed 0) of the prefix and header, u64
//! search    none, or five sections: the index's records and its entries (bitcode), then its
//!           folded, original and name texts (UTF-8), each read into a buffer of its own;
//!           `htx find` streams the original and name texts through their checksums without
//!           keeping them, then reads back the pieces of its matches ([`Partial`])
//! data      the dataset's head (bitcode of [`Head`]: the dataset without its cooperatives,
//!           what its load found, its sorted views), then its cooperatives in chunks of
//!           [`CHUNK`] (bitcode), checked and decoded side by side
//! ```
//!
//! Sections are encoded with `bitcode`, derived on the data model, so a field added to a
//! record is cached with no code here; the format version and the builder keep a cache of
//! another layout from ever being read.
//!
//! # When it is trusted
//!
//! - The cache file is read only if it is a regular file (never a FIFO or a device: refused at
//!   once, see [`files::open_regular`]), owned by this user, writable by nobody else, and no
//!   larger than [`size_limit`] of its data file.
//! - Its checksums hold: the header's, and each section's before anything is taken from it.
//!   Any change to any byte, and any cut, is seen (but for one change in 2^64). The checksums
//!   guard against a damaged file, not against a person: whoever can write the file can also
//!   write matching checksums, which is why the file must be this user's alone.
//! - The magic, version, builder and stamp all equal those of the file now: canonical path,
//!   size, modification time and status change time (ctime) in nanoseconds, device and inode.
//!   The ctime is what catches a file rewritten in place with its size kept and its mtime put
//!   back (`touch -r`): no call can set it, every write moves it. The builder identifies the
//!   program that wrote the cache (its executable's path, size, mtime and ctime), so a rebuilt
//!   `htx` whose folding, index or data model differ never reads an older build's cache.
//! - Decoding still checks every length against the bytes (the sections must add up to the
//!   file's length before anything is read), the texts as UTF-8, every entry of the search
//!   index against its buffers, and the count of cooperatives against the chunks; and the
//!   full screen checks the sorted views against the data (`app::Index::from_orders`). So a
//!   cache that passed its checksums by chance still cannot make htx panic.
//!
//! Anything else is `None`, never a panic or an error, and the caller reads the RON file.
//! Writes go through [`files::write_atomic`] (a new `0600` file, renamed into place) in a
//! `0700` directory ([`files::private_dir`]), so a reader never sees half a file; failing to
//! write a cache is not an error. A stamp is taken before the file is read (or, after a save,
//! from the written file itself while the save's lock is held), so it never vouches for content
//! it did not see.
//!
//! What the stamp cannot see: a change that keeps the size and lands within the same tick of
//! the file system's clock as the change before the cache was written (none on Linux 6.13 and
//! later, whose ext4, XFS, Btrfs and tmpfs give a file whose times were read a finer time at
//! its next change; a few milliseconds on older kernels; two seconds on FAT, which has no
//! ctime of its own).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use bitcode::{Decode, Encode};
use directories::ProjectDirs;

use super::files::{self, NewFile};
use super::hash::{Xxh64, fnv1a, xxh64};
use super::save::Fingerprint;
use super::{LoadError, Loaded, Stage};
use crate::model::{Cooperative, Dataset, Records};
use crate::search::{Entry, Record, SearchIndex};

/// The first bytes of every cache file.
const MAGIC: &[u8; 8] = b"HTXCACHE";

/// Bumped whenever the layout or the meaning of what is cached changes (5: the dataset is
/// cached too, in bitcode sections).
const VERSION: u32 = 5;

/// Longer paths are not ours (a path is at most a few KB).
const MAX_PATH: usize = 1 << 16;

/// The bytes of an XXH64 checksum, as the header's follows it.
pub const CHECKSUM_LEN: usize = 8;

/// The identity of a data file at one moment: the cache is valid while it is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Stamp {
    /// Canonical path, as bytes (on Unix exactly the OS bytes).
    path: Vec<u8>,
    size: u64,
    /// Modification time in nanoseconds since 1970 (negative before).
    modified: i128,
    /// Status change time (ctime) in nanoseconds since 1970: moved by every write, rename,
    /// chmod or link, and settable by no call, so putting the mtime back does not hide a write.
    changed: i128,
    device: u64,
    inode: u64,
}

impl Stamp {
    /// The stamp of the regular file at `path` now; `None` when it cannot be read or is not a
    /// regular file. Never opens the file, so a FIFO there cannot block it.
    ///
    /// Take it *before* reading the file, and save the index built from what was read under
    /// it: if the file changes in between, the stamp is already stale and the cache is never
    /// trusted, whereas a stamp taken afterwards could vouch for content it did not see.
    pub fn of(path: &Path) -> Option<Self> {
        let canonical = fs::canonicalize(path).ok()?;
        let meta = fs::metadata(&canonical).ok()?;
        if !meta.is_file() {
            return None;
        }
        let (device, inode) = device_inode(&meta);
        Some(Self {
            path: path_bytes(&canonical),
            size: meta.len(),
            modified: nanos(meta.modified().ok()?)?,
            changed: changed(&meta)?,
            device,
            inode,
        })
    }
}

impl Stamp {
    /// Whether this stamp's size and modification time are those `fingerprint` recorded.
    pub fn describes(&self, fingerprint: &Fingerprint) -> bool {
        self.size == fingerprint.len && Some(self.modified) == fingerprint.modified.and_then(nanos)
    }
}

impl Stamp {
    /// The stamp of the regular file at `path` whose metadata (taken from the open file) is
    /// `meta`: for a file just written, its state as written, whatever happens to the path
    /// afterwards.
    pub fn of_metadata(path: &Path, meta: &fs::Metadata) -> Option<Self> {
        let canonical = fs::canonicalize(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let (device, inode) = device_inode(meta);
        Some(Self {
            path: path_bytes(&canonical),
            size: meta.len(),
            modified: nanos(meta.modified().ok()?)?,
            changed: changed(meta)?,
            device,
            inode,
        })
    }
}

fn nanos(time: SystemTime) -> Option<i128> {
    Some(match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).ok()?,
        Err(before) => -i128::try_from(before.duration().as_nanos()).ok()?,
    })
}

#[cfg(unix)]
fn changed(meta: &fs::Metadata) -> Option<i128> {
    use std::os::unix::fs::MetadataExt as _;
    i128::from(meta.ctime())
        .checked_mul(1_000_000_000)?
        .checked_add(i128::from(meta.ctime_nsec()))
}

#[cfg(not(unix))]
fn changed(_meta: &fs::Metadata) -> Option<i128> {
    Some(0)
}

#[cfg(unix)]
fn device_inode(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt as _;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn device_inode(_meta: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt as _;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

/// Identifies the program writing and reading caches: its executable's path, size,
/// modification and change times, hashed. Computed once per process.
fn builder() -> u64 {
    static BUILDER: OnceLock<u64> = OnceLock::new();
    *BUILDER.get_or_init(|| {
        let Ok(exe) = std::env::current_exe() else {
            return 0;
        };
        let mut bytes = path_bytes(&exe);
        if let Ok(meta) = fs::metadata(&exe) {
            bytes.extend_from_slice(&meta.len().to_le_bytes());
            let modified = meta.modified().ok().and_then(nanos);
            bytes.extend_from_slice(&modified.unwrap_or(0).to_le_bytes());
            bytes.extend_from_slice(&changed(&meta).unwrap_or(0).to_le_bytes());
        }
        fnv1a(&bytes)
    })
}

/// The largest cache read (or written) for a data file of `data_size` bytes: eight times the
/// file and 16 MiB more. A cache holds the file's searchable text twice (as written and
/// folded) plus a few bytes a field, about a quarter of the RON file in practice; the limit
/// keeps a damaged or planted file from filling memory. An index too large for it is not
/// cached, and every lookup parses the file.
pub fn size_limit(data_size: u64) -> u64 {
    data_size.saturating_mul(8).saturating_add(16 << 20)
}

/// The user's cache directory for htx (`$XDG_CACHE_HOME/htx` on Linux); `None` when the
/// system names no home directory.
pub fn cache_dir() -> Option<PathBuf> {
    ProjectDirs::from("", "", "htx").map(|dirs| dirs.cache_dir().to_owned())
}

/// Where the cache of the data file `stamp` describes lives in `dir`.
fn cache_file_in(dir: &Path, stamp: &Stamp) -> PathBuf {
    dir.join(format!("{:016x}.cache", fnv1a(&stamp.path)))
}

/// Where the cache of the data file at `ron_path` lives (whether or not it exists yet);
/// `None` when the file cannot be found or there is no cache directory.
pub fn cache_file(ron_path: &Path) -> Option<PathBuf> {
    let stamp = Stamp::of(ron_path)?;
    Some(cache_file_in(&cache_dir()?, &stamp))
}

/// The search index of the data file at `ron_path` from its cache, if a cache exists, describes
/// the file as it is now and holds the index; `None` otherwise (missing, stale, truncated,
/// corrupt, another version, not a regular file, not this user's alone).
pub fn load_index(ron_path: &Path) -> Option<SearchIndex> {
    load_index_in(&cache_dir()?, &Stamp::of(ron_path)?)
}

/// [`load_index`] for the file as `stamp` describes it.
pub fn load_index_stamped(stamp: &Stamp) -> Option<SearchIndex> {
    load_index_in(&cache_dir()?, stamp)
}

/// [`load_index`] with the cache in `dir`, for the file as `stamp` describes it.
pub fn load_index_in(dir: &Path, stamp: &Stamp) -> Option<SearchIndex> {
    let (file, len) = open_cache(dir, stamp)?;
    search_from(&file, len, stamp)
}

/// The dataset the file `stamp` describes, from its cache in `dir`: `None` unless the cache
/// describes the file as it is now and its data is whole (see the module docs).
pub fn load_snapshot_in(dir: &Path, stamp: &Stamp) -> Option<Snapshot> {
    let (file, len) = open_cache(dir, stamp)?;
    snapshot_from(file, len, stamp)
}

/// [`load_snapshot_in`] in the user's cache directory.
pub fn load_snapshot(stamp: &Stamp) -> Option<Snapshot> {
    load_snapshot_in(&cache_dir()?, stamp)
}

/// The cache of the file `stamp` describes, opened with [`files::open_regular`] if it is a
/// regular file of this user's, writable by no one else, within [`size_limit`]; and its length.
/// (Opened rather than read whole, so that each section is read into a buffer of its own, and
/// a reader of one section never reads the others.)
fn open_cache(dir: &Path, stamp: &Stamp) -> Option<(fs::File, u64)> {
    let (file, metadata) =
        files::open_regular(&cache_file_in(dir, stamp), size_limit(stamp.size)).ok()?;
    this_users_alone(&metadata).then_some((file, metadata.len()))
}

#[cfg(unix)]
fn this_users_alone(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    metadata.uid() == rustix::process::geteuid().as_raw() && metadata.mode() & 0o022 == 0
}

#[cfg(not(unix))]
fn this_users_alone(_metadata: &fs::Metadata) -> bool {
    true
}

/// Whether the cache of `ron_path` is whole and current, with both the dataset and the search
/// index: its header describes the file as it is now and every section's checksum holds.
pub fn is_fresh(ron_path: &Path) -> bool {
    let Some(stamp) = Stamp::of(ron_path) else {
        return false;
    };
    cache_dir().is_some_and(|dir| is_fresh_in(&dir, &stamp))
}

/// [`is_fresh`] with the cache in `dir`, for the file as `stamp` describes it.
pub fn is_fresh_in(dir: &Path, stamp: &Stamp) -> bool {
    open_cache(dir, stamp).is_some_and(|(file, len)| whole(file, len, stamp).unwrap_or(false))
}

/// Whether the `len` bytes of `input` are a current cache of the file `stamp` describes with
/// both parts, every section's checksum holding; read in pieces.
fn whole(input: impl Read, len: u64, stamp: &Stamp) -> io::Result<bool> {
    let mut input = io::BufReader::new(input);
    let Some((header, _)) = read_header(&mut input, len, stamp) else {
        return Ok(false);
    };
    if header.search.is_empty() || header.data.is_empty() {
        return Ok(false);
    }
    for section in header.search.iter().chain(&header.data) {
        let mut hasher = HashWriter(Xxh64::default());
        if io::copy(&mut (&mut input).take(section.len), &mut hasher)? != section.len
            || hasher.0.finish() != section.checksum
        {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Feeds what is written to it to the hash, so `io::copy` can.
struct HashWriter(Xxh64);

impl io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes the cache of the data file `stamp` describes, in the user's cache directory; errors
/// are ignored: the cache is only a shortcut.
pub fn save(stamp: &Stamp, contents: &Contents<'_, '_>) {
    if let Some(encoded) = encoded(stamp, contents) {
        encoded.write();
    }
}

/// Writes the cache into `dir` (made private to this user) with [`files::write_atomic`], and
/// removes what writers killed mid-write left of it. An error names the path it concerns.
pub fn save_in(dir: &Path, stamp: &Stamp, contents: &Contents<'_, '_>) -> io::Result<()> {
    let target = cache_file_in(dir, stamp);
    let encoded = encoded(stamp, contents).ok_or_else(|| {
        io::Error::other(format!(
            "{}: the data is too large to cache",
            target.display()
        ))
    })?;
    encoded.write_in(dir)
}

/// A cache encoded and not yet written: what is encoded from the data while it is held, and
/// written once it is let go of.
pub struct Encoded<'s> {
    stamp: Stamp,
    pieces: Vec<Cow<'s, [u8]>>,
}

/// The cache of the data file `stamp` describes, encoded from `contents`; `None` when it would
/// be larger than [`size_limit`] (or the path longer than any path).
pub fn encoded<'s>(stamp: &Stamp, contents: &Contents<'_, 's>) -> Option<Encoded<'s>> {
    let pieces = pieces(stamp, contents)?;
    let size: u64 = pieces.iter().map(|piece| piece.len() as u64).sum();
    (size <= size_limit(stamp.size)).then(|| Encoded {
        stamp: stamp.clone(),
        pieces,
    })
}

impl Encoded<'_> {
    /// Writes it into the user's cache directory; errors are ignored.
    pub fn write(self) {
        if let Some(dir) = cache_dir() {
            let _ = self.write_in(&dir);
        }
    }

    /// Writes it into `dir` (made private to this user) with [`files::write_atomic`], and
    /// removes what writers killed mid-write left of it. An error names the path it concerns.
    pub fn write_in(self, dir: &Path) -> io::Result<()> {
        let target = cache_file_in(dir, &self.stamp);
        let at = |path: &Path| {
            let path = path.to_owned();
            move |err: io::Error| io::Error::new(err.kind(), format!("{}: {err}", path.display()))
        };
        files::private_dir(dir).map_err(at(dir))?;
        files::write_atomic(&target, &NewFile::PRIVATE, |file| {
            let mut out = io::BufWriter::new(file);
            for piece in &self.pieces {
                out.write_all(piece)?;
            }
            out.flush()
        })
        .map_err(at(&target))?;
        files::remove_leftovers(&target);
        Ok(())
    }
}

/// A cache file's table of contents, after its fixed prefix: who wrote it, for which state of
/// which file, and its sections (each with its length and checksum), in file order.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
struct Header {
    builder: u64,
    stamp: Stamp,
    /// The search index, for `htx find` and the full screen's search: none, or five
    /// sections: its records and its entries, then the folded text, the original text and the
    /// records' names, each as its UTF-8 bytes, read straight into a buffer of its own.
    search: Vec<Section>,
    /// The dataset: first its head ([`Head`]), then its cooperatives in chunks of
    /// [`CHUNK`], decoded side by side.
    data: Vec<Section>,
}

/// One section of a cache file: its length and the XXH64 of its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
struct Section {
    len: u64,
    checksum: u64,
}

impl Section {
    fn of(bytes: &[u8]) -> Self {
        Self {
            len: bytes.len() as u64,
            checksum: xxh64(bytes),
        }
    }

    /// Whether `bytes` are this section's.
    fn holds(&self, bytes: &[u8]) -> bool {
        bytes.len() as u64 == self.len && xxh64(bytes) == self.checksum
    }
}

/// Cooperatives per chunk of the data section: enough that a chunk's set-up is nothing, few
/// enough that 100,000 of them make chunks for every core.
const CHUNK: usize = 16_384;

/// The dataset's first data section: everything but the cooperatives, and what the file's
/// load had found, so that starting from the cache is the same as starting from the file.
#[derive(Debug, Encode, Decode)]
struct Head {
    /// The dataset with no cooperatives (they follow in chunks).
    dataset: Dataset,
    cooperatives: u64,
    normalized: u64,
    fingerprint_hash: u64,
    fingerprint_modified: Option<i128>,
    orders: Option<Orders>,
}

/// The sorted views of the dataset (see `app::Index`): province positions in list order, and
/// for each province its cooperatives' positions in list order. Kept so a start from the cache
/// sorts nothing; checked against the data before use, by the one who uses them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub struct Orders {
    pub provinces: Vec<u32>,
    pub cooperatives: Vec<Vec<u32>>,
}

/// What a cache is written from: the dataset as loaded (or saved) under a stamp, with what the
/// load found; the sorted views and the search index when the writer has them.
pub struct Contents<'a, 's> {
    pub dataset: &'a Dataset,
    pub fingerprint: &'a Fingerprint,
    pub normalized: usize,
    pub orders: Option<&'a Orders>,
    /// Its texts are written from its own buffers: an encoded cache borrows them (`'s`).
    pub search: Option<&'s SearchIndex>,
}

/// A dataset started from its cache: as [`crate::store::load`] would have loaded it from the
/// file, and its sorted views if the cache had them.
#[derive(Debug)]
pub struct Snapshot {
    pub loaded: Loaded,
    pub orders: Option<Orders>,
    /// The cache holds the search index too (read by [`load_index_in`] when wanted).
    pub has_index: bool,
}

/// A data file opened by [`open`]: its data, and what its cache had or lacked.
#[derive(Debug)]
pub struct Opened {
    pub loaded: Loaded,
    /// The file's stamp, taken before it was read; `None` when it could not be taken.
    pub stamp: Option<Stamp>,
    /// The sorted views, when the data came from a cache that had them.
    pub orders: Option<Orders>,
    /// The data came from the cache, not from the file's text.
    pub cached: bool,
    /// The cache holds the search index for this data.
    pub has_index: bool,
}

impl Opened {
    /// The data of a file read from its text, with no stamp taken: nothing to cache.
    pub fn parsed(loaded: Loaded) -> Self {
        Self {
            loaded,
            stamp: None,
            orders: None,
            cached: false,
            has_index: false,
        }
    }
}

/// Opens the data file at `path`: from its cache when that describes the file as it is now,
/// else by reading the file ([`crate::store::load`], with its `progress`).
pub fn open(path: &Path, progress: &dyn Fn(Stage)) -> Result<Opened, LoadError> {
    // Stamped before reading: a file changed meanwhile leaves a stale (unused) cache.
    let stamp = Stamp::of(path);
    if let Some(snapshot) = stamp.as_ref().and_then(load_snapshot) {
        return Ok(Opened {
            loaded: snapshot.loaded,
            stamp,
            orders: snapshot.orders,
            cached: true,
            has_index: snapshot.has_index,
        });
    }
    let loaded = super::load(path, progress)?;
    // The stamp vouches only for what was read: a file (or a link's target) changed between
    // the two leaves nothing to cache.
    let stamp = stamp.filter(|stamp| {
        loaded
            .fingerprint
            .as_ref()
            .is_some_and(|fingerprint| stamp.describes(fingerprint))
    });
    Ok(Opened {
        stamp,
        ..Opened::parsed(loaded)
    })
}

/// The bytes before the header: magic, format version, header length.
const PREFIX: usize = 8 + 4 + 4;

/// Longer headers are not ours (a header is a path and a few numbers a section).
const MAX_HEADER: u64 = 1 << 20;

/// The cache file's bytes: prefix, header, the header's checksum, then the sections; `None`
/// for a path too long to be a path.
pub fn encode(stamp: &Stamp, contents: &Contents<'_, '_>) -> Option<Vec<u8>> {
    Some(pieces(stamp, contents)?.concat())
}

/// The cache file's bytes in pieces, in order: the prefix, header and its checksum, then each
/// section. The texts of the search index are its own buffers, borrowed, so writing a cache
/// copies nothing it need not.
fn pieces<'s>(stamp: &Stamp, contents: &Contents<'_, 's>) -> Option<Vec<Cow<'s, [u8]>>> {
    if stamp.path.len() > MAX_PATH {
        return None;
    }
    let mut sections: Vec<Cow<'s, [u8]>> = Vec::new();
    if let Some(index) = contents.search {
        sections.push(bitcode::encode(index.records.as_slice()).into());
        sections.push(bitcode::encode(index.entries.as_slice()).into());
        sections.push(index.folded.as_bytes().into());
        sections.push(index.original.as_bytes().into());
        sections.push(index.names.as_bytes().into());
    }
    let searched = sections.len();
    let dataset = contents.dataset;
    let Fingerprint {
        len: _,
        modified,
        hash,
    } = *contents.fingerprint;
    let head = Head {
        dataset: Dataset {
            schema_version: dataset.schema_version,
            region: dataset.region.clone(),
            sectors: dataset.sectors.clone(),
            provinces: dataset.provinces.clone(),
            cooperatives: Records::default(),
            plan: dataset.plan.clone(),
            conflicts: dataset.conflicts.clone(),
        },
        cooperatives: dataset.cooperatives.len() as u64,
        normalized: contents.normalized as u64,
        fingerprint_hash: hash,
        fingerprint_modified: modified.and_then(nanos),
        orders: contents.orders.cloned(),
    };
    sections.push(bitcode::encode(&head).into());
    sections.extend(
        dataset
            .cooperatives
            .chunks(CHUNK)
            .map(|chunk| bitcode::encode(chunk).into()),
    );
    let (search, data) = sections.split_at(searched);
    let header = bitcode::encode(&Header {
        builder: builder(),
        stamp: stamp.clone(),
        search: search.iter().map(|bytes| Section::of(bytes)).collect(),
        data: data.iter().map(|bytes| Section::of(bytes)).collect(),
    });
    let mut first = Vec::with_capacity(PREFIX + header.len() + CHECKSUM_LEN);
    first.extend_from_slice(MAGIC);
    first.extend_from_slice(&VERSION.to_le_bytes());
    first.extend_from_slice(&u32::try_from(header.len()).ok()?.to_le_bytes());
    first.extend_from_slice(&header);
    let sum = checksum(&first);
    first.extend_from_slice(&sum);
    sections.insert(0, first.into());
    Some(sections)
}

/// The checksum of a cache's prefix and header, which follows them: XXH64, little-endian.
pub fn checksum(payload: &[u8]) -> [u8; CHECKSUM_LEN] {
    xxh64(payload).to_le_bytes()
}

/// The header of the cache `input` (of `total` bytes) if it is a sound header of this format,
/// written by this program, for the file `stamp` describes, whose sections add up to the
/// file's length; and the header's own length in bytes, prefix and checksum included.
fn read_header(input: &mut impl Read, total: u64, stamp: &Stamp) -> Option<(Header, u64)> {
    let mut prefix = [0u8; PREFIX];
    input.read_exact(&mut prefix).ok()?;
    let (magic, rest) = prefix.split_at(MAGIC.len());
    let (version, length) = rest.split_at(4);
    if magic != MAGIC || version != VERSION.to_le_bytes() {
        return None;
    }
    let length = u64::from(u32::from_le_bytes(length.try_into().ok()?));
    let with_sum = length.checked_add(CHECKSUM_LEN as u64)?;
    if length > MAX_HEADER || (PREFIX as u64).checked_add(with_sum)? > total {
        return None;
    }
    let mut bytes = Vec::with_capacity(PREFIX + usize::try_from(with_sum).ok()?);
    bytes.extend_from_slice(&prefix);
    input.take(with_sum).read_to_end(&mut bytes).ok()?;
    let (payload, sum) = bytes.split_at_checked(bytes.len().checked_sub(CHECKSUM_LEN)?)?;
    if payload.len() != PREFIX + usize::try_from(length).ok()? || sum != checksum(payload) {
        return None;
    }
    let header: Header = bitcode::decode(payload.get(PREFIX..)?).ok()?;
    let head_len = u64::try_from(bytes.len()).ok()?;
    let body = header
        .search
        .iter()
        .chain(&header.data)
        .try_fold(0u64, |sum, section| sum.checked_add(section.len))?;
    (header.builder == builder() && header.stamp == *stamp && head_len.checked_add(body)? == total)
        .then_some((header, head_len))
}

/// Reads exactly `len` bytes into a buffer of their own (no zeroing, no copy).
fn section(input: &mut impl Read, len: u64) -> Option<Vec<u8>> {
    let mut buffer = Vec::with_capacity(usize::try_from(len).ok()?);
    input.take(len).read_to_end(&mut buffer).ok()?;
    (buffer.len() as u64 == len).then_some(buffer)
}

/// Bytes that can be read at any offset, from several threads: a cache file, or its bytes.
trait ReadAt: Sync {
    /// Fills `buffer` with the bytes at `offset`; `None` if there are fewer.
    fn read_at(&self, offset: u64, buffer: &mut [u8]) -> Option<()>;

    /// The `len` bytes at `offset`, in a buffer of their own; `None` if there are fewer.
    fn bytes_at(&self, offset: u64, len: u64) -> Option<Vec<u8>> {
        let mut buffer = vec![0; usize::try_from(len).ok()?];
        self.read_at(offset, &mut buffer)?;
        Some(buffer)
    }

    /// Whether the section at `offset` is whole, read through one small buffer and not kept:
    /// its checksum holds and it is all there.
    fn streams_whole(&self, (offset, section): (u64, Section)) -> bool {
        const PIECE: u64 = 1 << 18;
        let mut buffer = vec![0; PIECE.min(section.len) as usize];
        let mut hasher = Xxh64::default();
        let mut done = 0;
        while done < section.len {
            let piece = &mut buffer[..(section.len - done).min(PIECE) as usize];
            if self.read_at(offset + done, piece).is_none() {
                return false;
            }
            hasher.update(piece);
            done += piece.len() as u64;
        }
        hasher.finish() == section.checksum
    }
}

impl ReadAt for fs::File {
    fn read_at(&self, offset: u64, buffer: &mut [u8]) -> Option<()> {
        use std::os::unix::fs::FileExt as _;
        self.read_exact_at(buffer, offset).ok()
    }
}

impl ReadAt for &[u8] {
    fn read_at(&self, offset: u64, buffer: &mut [u8]) -> Option<()> {
        let start = usize::try_from(offset).ok()?;
        buffer.copy_from_slice(self.get(start..start.checked_add(buffer.len())?)?);
        Some(())
    }
}

/// The search index in a cache of `total` bytes, if its header is sound and the file's, and
/// its search sections are there and whole. The dataset's sections are not read. The original
/// and name texts (the larger, and slower to check as UTF-8: mostly Vietnamese) are read and
/// checked on a second thread while this one reads and decodes the records, entries and folded
/// text.
fn search_from(source: &impl ReadAt, total: u64, stamp: &Stamp) -> Option<SearchIndex> {
    search_sections(source, total, stamp, Texts::Kept).map(|(index, _)| index)
}

/// Whether a read of the search sections keeps the original texts and the names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Texts {
    Kept,
    /// Checked through their checksums but not kept: the index holds them empty, and
    /// [`Partial::read`] reads the pieces a search needs.
    Checked,
}

/// Where the original texts and the names lie in a cache file.
#[derive(Clone, Copy)]
struct TextSections {
    original: (u64, Section),
    names: (u64, Section),
}

/// The search sections of a cache of `total` bytes, with the texts as `texts` says, and where
/// those texts lie.
fn search_sections(
    source: &impl ReadAt,
    total: u64,
    stamp: &Stamp,
    texts: Texts,
) -> Option<(SearchIndex, TextSections)> {
    // Most headers are a path and a few sections: one small read has them whole.
    let mut head = source.bytes_at(0, total.min(4096))?;
    let length = u64::from(u32::from_le_bytes(
        head.get(PREFIX - 4..PREFIX)?.try_into().ok()?,
    ));
    let needed = (PREFIX + CHECKSUM_LEN) as u64 + length.min(MAX_HEADER);
    if needed > head.len() as u64 {
        head = source.bytes_at(0, needed.min(total))?;
    }
    let (header, head_len) = read_header(&mut head.as_slice(), total, stamp)?;
    let [records, entries, folded, original, names] = header.search.as_slice() else {
        return None;
    };
    let mut at = head_len;
    let mut place = |section: &Section| {
        let offset = at;
        at = at.checked_add(section.len)?;
        Some((offset, *section))
    };
    let (records, entries, folded, original, names) = (
        place(records)?,
        place(entries)?,
        place(folded)?,
        place(original)?,
        place(names)?,
    );
    let read = |(offset, section): (u64, Section)| {
        source
            .bytes_at(offset, section.len)
            .filter(|bytes| section.holds(bytes))
    };
    let text = |placed| String::from_utf8(read(placed)?).ok();
    std::thread::scope(|scope| {
        let reading = scope.spawn(|| match texts {
            Texts::Kept => Some((text(original)?, text(names)?)),
            Texts::Checked => (source.streams_whole(original) && source.streams_whole(names))
                .then(|| (String::new(), String::new())),
        });
        let ours = (|| {
            let records: Vec<Record> = bitcode::decode(&read(records)?).ok()?;
            let entries: Vec<Entry> = bitcode::decode(&read(entries)?).ok()?;
            Some((records, entries, text(folded)?))
        })();
        let theirs = reading.join().ok().flatten();
        let ((records, entries, folded), (original_text, names_text)) = (ours?, theirs?);
        let index = SearchIndex::from_parts(records, entries, folded, original_text, names_text);
        let original_len = usize::try_from(original.1.len).ok()?;
        entries_fit(&index, texts, original_len)
            .then_some((index, TextSections { original, names }))
    })
}

/// The search index of the file at `ron_path` for one search, from its cache, with the
/// original texts and names left on disk: what `htx find` reads. `None` as for [`load_index`].
pub fn load_partial_index(ron_path: &Path) -> Option<Partial> {
    load_partial_index_in(&cache_dir()?, &Stamp::of(ron_path)?)
}

/// [`load_partial_index`] with the cache in `dir`, for the file as `stamp` describes it.
pub fn load_partial_index_in(dir: &Path, stamp: &Stamp) -> Option<Partial> {
    let (file, len) = open_cache(dir, stamp)?;
    let (index, texts) = search_sections(&file, len, stamp, Texts::Checked)?;
    Some(Partial { index, file, texts })
}

/// A search index whose records, entries and folded text are read, and whose original texts
/// and names are checked (streamed through their checksums) but left in the cache file: a
/// search without marks needs only the folded text, and `htx find` prints the originals of a
/// few entries (twenty by default). [`Partial::read`] brings in those.
pub struct Partial {
    /// Its `original` and `names` are empty until [`Partial::read`].
    pub index: SearchIndex,
    file: fs::File,
    texts: TextSections,
}

impl Partial {
    /// Reads the original text of each entry and the id and label of each record of `places`
    /// (record, entry) into the index, which then answers [`SearchIndex::text`],
    /// [`SearchIndex::id`] and [`SearchIndex::label`] for them, and `""` for the others. `None`
    /// if a piece is not in the file or not text. One read a piece: for a few places, not for
    /// thousands.
    pub fn read(mut self, places: impl Iterator<Item = (usize, usize)>) -> Option<SearchIndex> {
        let (mut original, mut names) = (String::new(), String::new());
        let piece = |(offset, section): (u64, Section), (start, end): (u32, u32)| {
            let len = u64::from(end.checked_sub(start)?);
            (u64::from(end) <= section.len)
                .then(|| self.file.bytes_at(offset + u64::from(start), len))
                .flatten()
                .and_then(|bytes| String::from_utf8(bytes).ok())
        };
        let append = |to: &mut String, text: String| -> Option<(u32, u32)> {
            let start = u32::try_from(to.len()).ok()?;
            to.push_str(&text);
            Some((start, u32::try_from(to.len()).ok()?))
        };
        // Each piece read where the cache has it, then every range made to point into the
        // new buffers: a place read, to its piece; any other, to nothing.
        let (mut read_entries, mut read_records) = (HashMap::new(), HashMap::new());
        for (record, entry) in places {
            if let std::collections::hash_map::Entry::Vacant(slot) = read_entries.entry(entry) {
                let text = piece(self.texts.original, self.index.entries.get(entry)?.original)?;
                slot.insert(append(&mut original, text)?);
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = read_records.entry(record) {
                let at = self.index.records.get(record)?;
                let id = append(&mut names, piece(self.texts.names, at.id)?)?;
                let label = append(&mut names, piece(self.texts.names, at.label)?)?;
                slot.insert((id, label));
            }
        }
        let mut records = std::mem::take(&mut self.index.records);
        let mut entries = std::mem::take(&mut self.index.entries);
        for entry in &mut entries {
            entry.original = (0, 0);
        }
        for (&e, &range) in &read_entries {
            if let Some(entry) = entries.get_mut(e) {
                entry.original = range;
            }
        }
        for record in &mut records {
            (record.id, record.label) = ((0, 0), (0, 0));
        }
        for (&r, &(id, label)) in &read_records {
            if let Some(record) = records.get_mut(r) {
                (record.id, record.label) = (id, label);
            }
        }
        let mut index = self.index;
        (index.records, index.entries) = (records, entries);
        (index.original, index.names) = (original, names);
        Some(index)
    }
}

/// The dataset in a cache of `total` bytes read from `input`, if its header is sound and the
/// file's, and every data section is whole. The chunks of cooperatives are checked and decoded
/// on as many threads as there are cores.
fn snapshot_from(mut input: impl Read + Seek, total: u64, stamp: &Stamp) -> Option<Snapshot> {
    let (header, head_len) = read_header(&mut input, total, stamp)?;
    let (first, chunks) = header.data.split_first()?;
    let skip = header
        .search
        .iter()
        .try_fold(0u64, |sum, section| sum.checked_add(section.len))?;
    input
        .seek(SeekFrom::Start(head_len.checked_add(skip)?))
        .ok()?;
    let head_bytes = section(&mut input, first.len)?;
    let rest = section(&mut input, total.checked_sub(head_len + skip + first.len)?)?;
    if !first.holds(&head_bytes) {
        return None;
    }
    let head: Head = bitcode::decode(&head_bytes).ok()?;
    drop(head_bytes);
    // Each chunk's bytes, cut from `rest` by the lengths the (checked) header gives.
    let mut pieces = Vec::with_capacity(chunks.len());
    let mut from = 0usize;
    for chunk in chunks {
        let to = from.checked_add(usize::try_from(chunk.len).ok()?)?;
        pieces.push((chunk, rest.get(from..to)?));
        from = to;
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(pieces.len().max(1));
    let decoded: Vec<Option<Vec<Vec<Arc<Cooperative>>>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let mine: Vec<_> = pieces.iter().skip(t).step_by(threads).collect();
                scope.spawn(move || {
                    mine.into_iter()
                        .map(|(chunk, bytes)| {
                            chunk
                                .holds(bytes)
                                .then(|| bitcode::decode::<Vec<Arc<Cooperative>>>(bytes).ok())
                                .flatten()
                        })
                        .collect::<Option<Vec<_>>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().ok().flatten())
            .collect()
    });
    let mut per_thread: Vec<std::vec::IntoIter<Vec<Arc<Cooperative>>>> = decoded
        .into_iter()
        .map(|chunks| chunks.map(Vec::into_iter))
        .collect::<Option<_>>()?;
    let Head {
        mut dataset,
        cooperatives,
        normalized,
        fingerprint_hash,
        fingerprint_modified,
        orders,
    } = head;
    // The count is checked against what the chunks hold below; it must not size an allocation
    // on its own.
    let most = (pieces.len() as u64).saturating_mul(CHUNK as u64);
    let mut list = Vec::with_capacity(usize::try_from(cooperatives.min(most)).ok()?);
    // Chunk `c` was decoded by thread `c % threads`, in order.
    for c in 0..pieces.len() {
        list.extend(per_thread.get_mut(c % threads)?.next()?);
    }
    dataset.cooperatives = list.into();
    if dataset.cooperatives.len() as u64 != cooperatives {
        return None;
    }
    let modified = match fingerprint_modified {
        Some(nanos) => Some(time_of(nanos)?),
        None => None,
    };
    Some(Snapshot {
        loaded: Loaded {
            dataset,
            normalized: usize::try_from(normalized).ok()?,
            fingerprint: Some(Fingerprint {
                len: stamp.size,
                modified,
                hash: fingerprint_hash,
            }),
        },
        orders,
        has_index: !header.search.is_empty(),
    })
}

/// The search index in the cache file `bytes` of the file `stamp` describes, if it is sound
/// (see [`load_index_in`]).
pub fn decode_index(bytes: &[u8], stamp: &Stamp) -> Option<SearchIndex> {
    search_from(&bytes, bytes.len() as u64, stamp)
}

/// The dataset in the cache file `bytes` of the file `stamp` describes, if it is sound (see
/// [`load_snapshot_in`]).
pub fn decode_snapshot(bytes: &[u8], stamp: &Stamp) -> Option<Snapshot> {
    snapshot_from(io::Cursor::new(bytes), bytes.len() as u64, stamp)
}

/// Makes every checksum of the cache file `bytes` hold again, whatever was done to them: each
/// section's in the header (as the header's lengths cut them), then the header's own. What it
/// takes for damaged bytes to reach the decoder's own checks; for tests.
pub fn reseal(bytes: &mut [u8]) {
    let Some(length) = bytes
        .get(PREFIX - 4..PREFIX)
        .and_then(|b| b.try_into().ok())
        .map(|b| u32::from_le_bytes(b) as usize)
    else {
        return;
    };
    let end = PREFIX.saturating_add(length);
    let Some(header_bytes) = bytes.get(PREFIX..end) else {
        return;
    };
    if let Ok(mut header) = bitcode::decode::<Header>(header_bytes) {
        let mut at = end + CHECKSUM_LEN;
        for section in header.search.iter_mut().chain(&mut header.data) {
            let to = at.saturating_add(usize::try_from(section.len).unwrap_or(usize::MAX));
            if let Some(part) = bytes.get(at..to) {
                section.checksum = xxh64(part);
            }
            at = to;
        }
        let encoded = bitcode::encode(&header);
        if encoded.len() == length {
            bytes[PREFIX..end].copy_from_slice(&encoded);
        }
    }
    let sum = checksum(&bytes[..end]);
    if let Some(place) = bytes.get_mut(end..end + CHECKSUM_LEN) {
        place.copy_from_slice(&sum);
    }
}

/// The moment `nanos` after 1970 (before it, if negative).
fn time_of(nanos: i128) -> Option<SystemTime> {
    let magnitude = std::time::Duration::from_nanos(u64::try_from(nanos.unsigned_abs()).ok()?);
    if nanos >= 0 {
        UNIX_EPOCH.checked_add(magnitude)
    } else {
        UNIX_EPOCH.checked_sub(magnitude)
    }
}

/// Whether every entry names a record and lies within the buffers on char boundaries, in
/// order: a cache that passed its checksums by chance still cannot make a search panic.
fn entries_fit(index: &SearchIndex, texts: Texts, original_len: usize) -> bool {
    let within = |text: &str, (start, end): (u32, u32)| {
        let (start, end) = (start as usize, end as usize);
        start <= end && text.get(start..end).is_some()
    };
    // Original texts left on disk are checked piece by piece as they are read.
    let original_fits = |(start, end): (u32, u32)| match texts {
        Texts::Kept => within(&index.original, (start, end)),
        Texts::Checked => start <= end && end as usize <= original_len,
    };
    let mut previous_end = 0;
    index.entries.iter().enumerate().all(|(i, entry)| {
        let in_order = if i == 0 {
            entry.folded.0 == 0
        } else {
            entry.folded.0 >= previous_end
        };
        previous_end = entry.folded.1;
        in_order
            && (entry.record as usize) < index.records.len()
            && within(&index.folded, entry.folded)
            && original_fits(entry.original)
    })
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::*;
    use crate::store::{BUILTIN, builtin};

    fn builtin_index() -> SearchIndex {
        SearchIndex::build(&builtin().unwrap())
    }

    /// A data file (the built-in text) in a fresh directory, with a cache directory beside it.
    fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let ron = dir.path().join("data.ron");
        fs::write(&ron, BUILTIN).unwrap();
        let cache = dir.path().join("cache");
        (dir, ron, cache)
    }

    /// The file at `ron` as [`crate::store::load`] reads it.
    fn loaded(ron: &Path) -> Loaded {
        crate::store::load(ron, &|_| {}).unwrap()
    }

    fn orders() -> Orders {
        Orders {
            provinces: vec![2, 0, 1],
            cooperatives: vec![vec![1, 0], vec![], vec![2]],
        }
    }

    fn contents_of(loaded: &Loaded) -> Contents<'_, '_> {
        Contents {
            dataset: &loaded.dataset,
            fingerprint: loaded.fingerprint.as_ref().unwrap(),
            normalized: loaded.normalized,
            orders: None,
            search: None,
        }
    }

    /// Writes the cache of `ron` as it is now into `cache`: its data, `orders` and, if `search`,
    /// its search index.
    fn save_for(cache: &Path, ron: &Path, search: bool) -> Loaded {
        let loaded = loaded(ron);
        let index = SearchIndex::build(&loaded.dataset);
        let orders = orders();
        save_in(
            cache,
            &Stamp::of(ron).unwrap(),
            &Contents {
                dataset: &loaded.dataset,
                fingerprint: loaded.fingerprint.as_ref().unwrap(),
                normalized: loaded.normalized,
                orders: Some(&orders),
                search: search.then_some(&index),
            },
        )
        .unwrap();
        loaded
    }

    fn index_of(cache: &Path, ron: &Path) -> Option<SearchIndex> {
        load_index_in(cache, &Stamp::of(ron)?)
    }

    /// The partial index of `ron` from `cache`, with every entry's text and every record's
    /// names read back in.
    fn partial_of(cache: &Path, ron: &Path) -> Option<SearchIndex> {
        let partial = load_partial_index_in(cache, &Stamp::of(ron)?)?;
        let places: Vec<(usize, usize)> = partial
            .index
            .entries
            .iter()
            .enumerate()
            .map(|(e, entry)| (entry.record as usize, e))
            .collect();
        partial.read(places.into_iter())
    }

    /// Whether `partial` (read back whole by [`partial_of`]) says what `index` says of every
    /// entry and record.
    fn reads_like(partial: &SearchIndex, index: &SearchIndex) -> bool {
        partial.entries.len() == index.entries.len()
            && partial.folded == index.folded
            && (0..index.entries.len()).all(|e| partial.text(e) == index.text(e))
            && (0..index.records.len())
                .all(|r| partial.id(r) == index.id(r) && partial.label(r) == index.label(r))
    }

    fn snapshot_of(cache: &Path, ron: &Path) -> Option<Snapshot> {
        load_snapshot_in(cache, &Stamp::of(ron)?)
    }

    fn fresh(cache: &Path, ron: &Path) -> bool {
        Stamp::of(ron).is_some_and(|stamp| is_fresh_in(cache, &stamp))
    }

    #[test]
    fn round_trip_gives_the_same_data_and_index() {
        let (_dir, ron, cache) = setup();
        assert!(index_of(&cache, &ron).is_none(), "no cache yet");
        assert!(snapshot_of(&cache, &ron).is_none());
        assert!(!fresh(&cache, &ron));
        let loaded = save_for(&cache, &ron, true);
        assert!(fresh(&cache, &ron));
        assert_eq!(index_of(&cache, &ron), Some(builtin_index()));
        let snapshot = snapshot_of(&cache, &ron).unwrap();
        assert_eq!(snapshot.loaded.dataset, loaded.dataset);
        assert_eq!(snapshot.loaded.normalized, loaded.normalized);
        assert_eq!(snapshot.loaded.fingerprint, loaded.fingerprint);
        assert_eq!(snapshot.orders, Some(orders()));
        let mode = |path: &Path| {
            use std::os::unix::fs::PermissionsExt as _;
            fs::metadata(path).unwrap().permissions().mode() & 0o777
        };
        assert_eq!(mode(&cache), 0o700);
        assert_eq!(
            mode(&cache_file_in(&cache, &Stamp::of(&ron).unwrap())),
            0o600
        );
        let names: Vec<_> = fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 1, "temporary file left behind: {names:?}");
        assert!(
            names[0].ends_with(".cache") && names[0].len() == 22,
            "{names:?}"
        );
    }

    #[test]
    fn a_cache_without_the_index_serves_the_data_only() {
        let (_dir, ron, cache) = setup();
        let loaded = save_for(&cache, &ron, false);
        assert_eq!(index_of(&cache, &ron), None);
        assert!(!fresh(&cache, &ron), "fresh means both parts");
        assert_eq!(
            snapshot_of(&cache, &ron).unwrap().loaded.dataset,
            loaded.dataset
        );
    }

    #[test]
    fn many_chunks_come_back_in_their_order() {
        let (dir, _, cache) = setup();
        let mut dataset = builtin().unwrap();
        let template = Cooperative::clone(&dataset.cooperatives[0]);
        dataset.cooperatives = (0..CHUNK * 3 + 17)
            .map(|n| {
                Arc::new(Cooperative {
                    id: format!("HTX-X-{n}"),
                    members: n as u32,
                    ..template.clone()
                })
            })
            .collect();
        let ron = dir.path().join("many.ron");
        fs::write(&ron, "a stand-in: only its stamp matters here").unwrap();
        let stamp = Stamp::of(&ron).unwrap();
        let fingerprint = Fingerprint {
            len: stamp.size,
            modified: fs::metadata(&ron).unwrap().modified().ok(),
            hash: 7,
        };
        let contents = Contents {
            dataset: &dataset,
            fingerprint: &fingerprint,
            normalized: 3,
            orders: None,
            search: None,
        };
        save_in(&cache, &stamp, &contents).unwrap();
        let snapshot = load_snapshot_in(&cache, &stamp).unwrap();
        assert_eq!(snapshot.loaded.dataset, dataset);
        assert_eq!(snapshot.loaded.normalized, 3);
        assert_eq!(snapshot.loaded.fingerprint, Some(fingerprint));
        assert_eq!(snapshot.orders, None);
    }

    #[test]
    fn the_loaded_index_searches_like_the_built_one() {
        let (_dir, ron, cache) = setup();
        save_for(&cache, &ron, true);
        let index = builtin_index();
        let loaded = index_of(&cache, &ron).unwrap();
        for query in ["nam dinh", "Định", "htx", "KH-0", "muoi", "zzz"] {
            assert_eq!(
                loaded.search(query, None, 20, &|| false),
                index.search(query, None, 20, &|| false),
                "{query}"
            );
        }
    }

    #[test]
    fn a_changed_size_or_mtime_makes_the_cache_stale() {
        let (_dir, ron, cache) = setup();
        save_for(&cache, &ron, true);
        assert!(index_of(&cache, &ron).is_some());

        // Same size, another modification time.
        let file = fs::OpenOptions::new().write(true).open(&ron).unwrap();
        let earlier = SystemTime::now() - Duration::from_secs(3600);
        file.set_modified(earlier).unwrap();
        drop(file);
        assert_eq!(fs::metadata(&ron).unwrap().len(), BUILTIN.len() as u64);
        assert!(!fresh(&cache, &ron));
        assert_eq!(index_of(&cache, &ron), None);
        assert!(snapshot_of(&cache, &ron).is_none());

        // Fresh again, then another size with the same modification time.
        save_for(&cache, &ron, true);
        assert!(index_of(&cache, &ron).is_some());
        let mut text = BUILTIN.to_string();
        text.push_str("// edited\n");
        fs::write(&ron, text).unwrap();
        let file = fs::OpenOptions::new().write(true).open(&ron).unwrap();
        file.set_modified(earlier).unwrap();
        drop(file);
        assert_eq!(index_of(&cache, &ron), None);
        assert!(snapshot_of(&cache, &ron).is_none());
    }

    /// Rewrites `path` in place (same inode, no truncation) with `text` and puts its
    /// modification time back, as `touch -r` would; returns its metadata before and after.
    fn rewrite_in_place(path: &Path, text: &str) -> (fs::Metadata, fs::Metadata) {
        use std::os::unix::fs::MetadataExt as _;
        let before = fs::metadata(path).unwrap();
        let mtime = before.modified().unwrap();
        // A file system whose ctime ticks coarsely (Linux before 6.13) may need a later tick:
        // the limit the module docs state, not what this test is about.
        for _ in 0..200 {
            let mut file = fs::OpenOptions::new().write(true).open(path).unwrap();
            file.write_all(text.as_bytes()).unwrap();
            file.set_modified(mtime).unwrap();
            drop(file);
            let after = fs::metadata(path).unwrap();
            if (after.ctime(), after.ctime_nsec()) != (before.ctime(), before.ctime_nsec()) {
                return (before, after);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the ctime of {} never moved", path.display());
    }

    #[test]
    fn a_file_rewritten_in_place_with_size_and_mtime_kept_is_read_again() {
        use std::os::unix::fs::MetadataExt as _;
        let (_dir, ron, cache) = setup();
        save_for(&cache, &ron, true);
        assert!(fresh(&cache, &ron));
        let cached = index_of(&cache, &ron).unwrap();

        // "ị" and "ỉ" are three bytes each: the same size.
        let edited = BUILTIN.replace("Nam Định", "Nam Đỉnh");
        assert_ne!(edited, BUILTIN);
        assert_eq!(edited.len(), BUILTIN.len());
        let (before, after) = rewrite_in_place(&ron, &edited);
        assert_eq!(
            (
                after.len(),
                after.modified().unwrap(),
                after.dev(),
                after.ino()
            ),
            (
                before.len(),
                before.modified().unwrap(),
                before.dev(),
                before.ino()
            ),
            "only the ctime and the content may differ"
        );
        assert!(!fresh(&cache, &ron));
        assert_eq!(index_of(&cache, &ron), None);
        assert!(snapshot_of(&cache, &ron).is_none());
        // What the old cache would have answered was wrong.
        let now = crate::store::parse(edited.as_bytes(), &|_| {}).unwrap();
        assert_ne!(SearchIndex::build(&now.dataset), cached);
    }

    /// A splitmix64, so a failure reproduces.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// Calls `check` with a few thousand damaged copies of `bytes`, each named: at every byte
    /// of the header and the prelude, at 600 offsets spread over the rest and at each of the
    /// last 16 bytes (the checksum and what precedes it), a bit flipped, the byte zeroed, set
    /// to 0xff and to a random value, removed, doubled, and the file cut there; then a
    /// thousand copies with two to eight bits flipped anywhere.
    fn for_each_mutant(bytes: &[u8], head: usize, mut check: impl FnMut(&str, &[u8])) -> usize {
        let mut rng = Rng(0x5eed);
        let len = bytes.len();
        let mut offsets: Vec<usize> = (0..head.min(len)).collect();
        offsets.extend((0..600).map(|i| head + (len - head) * i / 600));
        offsets.extend(len.saturating_sub(16)..len);
        offsets.sort_unstable();
        offsets.dedup();
        let mut count = 0;
        let mut run = |what: String, mutant: &[u8]| {
            if mutant == bytes {
                return; // a byte set to the value it had, or a bit flipped twice
            }
            count += 1;
            check(&what, mutant);
        };
        let mut mutant = bytes.to_vec();
        for &at in &offsets {
            let bit = 1u8 << rng.below(8);
            let random = rng.next() as u8;
            for (what, value) in [
                ("bit flipped", bytes[at] ^ bit),
                ("byte zeroed", 0),
                ("byte set to 0xff", 0xff),
                ("byte set to a random value", random),
            ] {
                mutant[at] = value;
                run(format!("{what} at {at}"), &mutant);
                mutant[at] = bytes[at];
            }
            let removed = [&bytes[..at], &bytes[at + 1..]].concat();
            run(format!("byte removed at {at}"), &removed);
            let doubled = [&bytes[..=at], &bytes[at..]].concat();
            run(format!("byte doubled at {at}"), &doubled);
            run(format!("cut at {at}"), &bytes[..at]);
        }
        for round in 0..1000 {
            let flips = 2 + round % 7;
            let mut places = Vec::new();
            for _ in 0..flips {
                let at = rng.below(len);
                mutant[at] ^= 1 << rng.below(8);
                places.push(at);
            }
            run(format!("{flips} bits flipped at {places:?}"), &mutant);
            mutant.copy_from_slice(bytes);
        }
        count
    }

    /// Runs `f` on a thread and waits at most ten seconds: a read that blocks fails the test
    /// instead of hanging it.
    fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || send.send(f()));
        receive
            .recv_timeout(Duration::from_secs(10))
            .expect("blocked for ten seconds")
    }

    #[test]
    fn a_fifo_at_the_cache_path_is_passed_over_at_once_and_replaced() {
        let (_dir, ron, cache) = setup();
        let stamp = Stamp::of(&ron).unwrap();
        fs::create_dir_all(&cache).unwrap();
        let path = cache_file_in(&cache, &stamp);
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let (c, r) = (cache.clone(), ron.clone());
        let (loaded, is_fresh, no_data) = within_seconds(move || {
            (
                index_of(&c, &r),
                fresh(&c, &r),
                snapshot_of(&c, &r).is_none(),
            )
        });
        assert_eq!(loaded, None);
        assert!(!is_fresh && no_data);
        save_for(&cache, &ron, true);
        assert!(fs::symlink_metadata(&path).unwrap().is_file());
        assert_eq!(index_of(&cache, &ron), Some(builtin_index()));
    }

    #[test]
    fn a_cache_others_can_write_is_not_trusted() {
        use std::os::unix::fs::PermissionsExt as _;
        let (_dir, ron, cache) = setup();
        let stamp = Stamp::of(&ron).unwrap();
        save_for(&cache, &ron, true);
        let path = cache_file_in(&cache, &stamp);
        for (mode, trusted) in [(0o620, false), (0o602, false), (0o644, true), (0o600, true)] {
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
            assert_eq!(index_of(&cache, &ron).is_some(), trusted, "{mode:o}");
            assert_eq!(fresh(&cache, &ron), trusted, "{mode:o}");
        }
    }

    #[test]
    fn a_link_at_the_cache_path_is_replaced_not_followed() {
        let (dir, ron, cache) = setup();
        let stamp = Stamp::of(&ron).unwrap();
        fs::create_dir_all(&cache).unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let path = cache_file_in(&cache, &stamp);
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        save_for(&cache, &ron, true);
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(fs::symlink_metadata(&path).unwrap().is_file());
    }

    #[test]
    fn an_unwritable_cache_directory_is_an_error_not_a_panic() {
        let (dir, ron, _) = setup();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "not a directory").unwrap();
        let stamp = Stamp::of(&ron).unwrap();
        assert!(save_in(&blocker.join("cache"), &stamp, &contents_of(&loaded(&ron))).is_err());
        assert_eq!(load_index_in(&blocker.join("cache"), &stamp), None);
        assert!(load_snapshot_in(&blocker.join("cache"), &stamp).is_none());
    }

    #[test]
    fn every_mutant_is_rejected_or_reads_like_the_good_cache() {
        let (_dir, ron, cache) = setup();
        let loaded = save_for(&cache, &ron, true);
        let stamp = Stamp::of(&ron).unwrap();
        let index = builtin_index();
        let path = cache_file_in(&cache, &stamp);
        let bytes = fs::read(&path).unwrap();
        let head = PREFIX
            + bitcode::encode(
                &read_header(&mut &bytes[..], bytes.len() as u64, &stamp)
                    .unwrap()
                    .0,
            )
            .len();
        let (mut rejected, mut through_the_file) = (0, 0);
        let count = for_each_mutant(&bytes, head + CHECKSUM_LEN, |what, mutant| {
            let as_index = decode_index(mutant, &stamp);
            let as_data = decode_snapshot(mutant, &stamp);
            if let Some(decoded) = &as_index {
                assert!(*decoded == index, "{what}: decoded to another index");
            }
            if let Some(decoded) = &as_data {
                assert!(
                    decoded.loaded.dataset == loaded.dataset,
                    "{what}: another dataset"
                );
            }
            // A mutant that changed a section leaves the other one readable.
            if as_index.is_none() && as_data.is_none() {
                rejected += 1;
            }
            // Some through the file, as `htx find` and the full screen read it.
            if rejected % 23 == 1 {
                through_the_file += 1;
                fs::write(&path, mutant).unwrap();
                if let Some(decoded) = index_of(&cache, &ron) {
                    assert!(decoded == index, "{what}: loaded another index");
                }
                if let Some(partial) = partial_of(&cache, &ron) {
                    assert!(reads_like(&partial, &index), "{what}: read another index");
                }
                if let Some(decoded) = snapshot_of(&cache, &ron) {
                    assert!(
                        decoded.loaded.dataset == loaded.dataset,
                        "{what}: another dataset"
                    );
                }
                assert!(!fresh(&cache, &ron), "{what}: fresh");
            }
        });
        assert!(count > 5000, "{count} mutants");
        assert!(
            through_the_file > 100,
            "{through_the_file} through the file"
        );
        // Every mutant was refused by one reader at least: one in each section at most
        // leaves the other section's reader its (good) answer.
        assert!(
            rejected > count / 2,
            "{rejected} of {count} refused by both"
        );
        fs::write(&path, &bytes).unwrap();
        assert_eq!(index_of(&cache, &ron), Some(index));
    }

    #[test]
    fn a_partial_index_finds_what_the_whole_one_finds_reading_only_the_hits() {
        let (_dir, ron, cache) = setup();
        save_for(&cache, &ron, true);
        let index = builtin_index();
        let stamp = Stamp::of(&ron).unwrap();
        for query in [
            "nam dinh",
            "htx",
            "ke hoach",
            "muoi",
            "hai hau",
            "xyzq",
            "nong ngep",
        ] {
            let partial = load_partial_index_in(&cache, &stamp).unwrap();
            assert!(partial.index.original.is_empty() && partial.index.names.is_empty());
            let matches = partial.index.matches(query, None, 20, &|| false).unwrap();
            let places: Vec<(usize, usize)> = matches.places().collect();
            let read = partial.read(places.iter().copied()).unwrap();
            // Only the hits' texts: one piece each.
            let texts: usize = places.iter().map(|&(_, e)| index.text(e).len()).sum();
            assert_eq!(read.original.len(), texts, "{query}");
            // Anything else reads as nothing, never as another record's text.
            let others = (0..index.entries.len()).filter(|e| places.iter().all(|p| p.1 != *e));
            for e in others {
                assert_eq!(read.text(e), "", "{query}: entry {e}");
            }
            let hits = read.hits(matches);
            assert_eq!(
                hits,
                index.search(query, None, 20, &|| false).unwrap(),
                "{query}"
            );
            for hit in &hits {
                assert_eq!(read.text(hit.entry), index.text(hit.entry));
                assert_eq!(read.id(hit.record), index.id(hit.record));
                assert_eq!(read.label(hit.record), index.label(hit.record));
            }
        }
        let whole = partial_of(&cache, &ron).unwrap();
        assert!(reads_like(&whole, &index));
    }

    #[test]
    fn a_changed_byte_in_a_text_left_on_disk_refuses_the_partial_index() {
        let (_dir, ron, cache) = setup();
        save_for(&cache, &ron, true);
        let stamp = Stamp::of(&ron).unwrap();
        let path = cache_file_in(&cache, &stamp);
        let good = fs::read(&path).unwrap();
        let (_, texts) =
            search_sections(&good.as_slice(), good.len() as u64, &stamp, Texts::Checked).unwrap();
        for (offset, section) in [texts.original, texts.names] {
            for at in [offset, offset + section.len / 2, offset + section.len - 1] {
                let mut bad = good.clone();
                bad[at as usize] ^= 0x20;
                fs::write(&path, &bad).unwrap();
                assert!(load_partial_index_in(&cache, &stamp).is_none(), "byte {at}");
            }
        }
        fs::write(&path, &good).unwrap();
        assert!(load_partial_index_in(&cache, &stamp).is_some());
    }

    #[test]
    fn another_file_or_version_or_build_is_not_trusted() {
        let (dir, ron, cache) = setup();
        save_for(&cache, &ron, true);
        let stamp = Stamp::of(&ron).unwrap();
        let bytes = fs::read(cache_file_in(&cache, &stamp)).unwrap();
        assert!(decode_index(&bytes, &stamp).is_some());
        assert!(decode_snapshot(&bytes, &stamp).is_some());
        // The same text in another file.
        let other = dir.path().join("other.ron");
        fs::write(&other, BUILTIN).unwrap();
        let other = Stamp::of(&other).unwrap();
        assert!(decode_index(&bytes, &other).is_none());
        assert!(decode_snapshot(&bytes, &other).is_none());
        // Another format version, its checksums made to hold: refused by its version.
        let mut newer = bytes.clone();
        newer[MAGIC.len()] = newer[MAGIC.len()].wrapping_add(1);
        reseal(&mut newer);
        assert!(decode_index(&newer, &stamp).is_none());
        assert!(decode_snapshot(&newer, &stamp).is_none());
        // Another build of htx (whose decoding or folding may differ), checksums holding.
        let (mut header, _) = read_header(&mut &bytes[..], bytes.len() as u64, &stamp).unwrap();
        header.builder ^= 1;
        let encoded = bitcode::encode(&header);
        let mut built = bytes.clone();
        built[PREFIX..PREFIX + encoded.len()].copy_from_slice(&encoded);
        reseal(&mut built);
        assert!(decode_index(&built, &stamp).is_none());
        assert!(decode_snapshot(&built, &stamp).is_none());
        // And the good bytes, resealed, still read: the refusals are the version and build's.
        let mut same = bytes.clone();
        reseal(&mut same);
        assert_eq!(same, bytes);
        assert!(decode_index(&[], &stamp).is_none());
    }

    #[test]
    fn every_truncation_or_extension_is_refused_without_panicking() {
        let (_dir, ron, cache) = setup();
        save_for(&cache, &ron, true);
        let stamp = Stamp::of(&ron).unwrap();
        let bytes = fs::read(cache_file_in(&cache, &stamp)).unwrap();
        let tail = bytes.len().saturating_sub(64);
        for len in (0..bytes.len()).step_by(97).chain(tail..bytes.len()) {
            let mut cut = bytes[..len].to_vec();
            assert!(decode_snapshot(&cut, &stamp).is_none(), "length {len}");
            reseal(&mut cut);
            assert!(
                decode_snapshot(&cut, &stamp).is_none(),
                "length {len}, resealed"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode_index(&longer, &stamp).is_none());
        assert!(decode_snapshot(&longer, &stamp).is_none());
    }

    #[test]
    fn a_cache_larger_than_its_limit_is_neither_read_nor_written() {
        let (dir, ron, cache) = setup();
        let loaded = loaded(&ron);
        // A tiny data file whose limit (16 MiB and 8 bytes a byte) a padded cache exceeds.
        let tiny = dir.path().join("tiny.ron");
        fs::write(&tiny, "x").unwrap();
        let stamp = Stamp::of(&tiny).unwrap();
        save_in(&cache, &stamp, &contents_of(&loaded)).unwrap();
        assert!(load_snapshot_in(&cache, &stamp).is_some());
        let path = cache_file_in(&cache, &stamp);
        let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(size_limit(1) + 1).unwrap();
        drop(file);
        assert!(load_snapshot_in(&cache, &stamp).is_none());

        let mut index = builtin_index();
        index.original.push_str(&"x".repeat(17 << 20));
        let contents = Contents {
            search: Some(&index),
            ..contents_of(&loaded)
        };
        let err = save_in(&cache, &stamp, &contents).unwrap_err();
        assert!(err.to_string().contains("too large"), "{err}");
        assert!(err.to_string().contains(&*path.to_string_lossy()), "{err}");
    }
}
