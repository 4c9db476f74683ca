//! A binary cache of the [`SearchIndex`] of a data file, so `htx find` answers without parsing
//! the RON text (60 MB of RON takes 0.7 s to parse; its index reads back in milliseconds).
//!
//! One cache file per data file, in the user's cache directory (`$XDG_CACHE_HOME/htx/` on
//! Linux, by default `~/.cache/htx/`), named by the FNV-1a 64 hash of the data file's canonical
//! path: `0123456789abcdef.idx`. The RON file stays the single source of truth: the cache is
//! trusted only while it describes the file as it is now, and it can be deleted at any time.
//!
//! # Layout
//!
//! Little-endian; `varint` is LEB128 (seven bits a byte, low first), `delta` a zigzag varint
//! of the difference to the previous value of its kind (small either way round), `string` a
//! varint byte length and UTF-8 bytes.
//!
//! ```text
//! header    "HTXINDEX", format version u32, builder u64,
//!           canonical path (u32 length + bytes), size u64, mtime i128 and ctime i128
//!           (ns since 1970), device u64, inode u64
//! prelude   record count u32, entry count u32, byte lengths u64 of the four sections:
//! original  the original buffer (UTF-8)
//! records   each: tag u8 (bits 0-1 target: province, cooperative, plan item, progress;
//!           0x10 id and 0x20 label are ranges of the original buffer), target position
//!           delta (progress: then the province varint), id and label each a range
//!           (start delta from the previous range's end, length varint) or a string
//! folded    the folded buffer (UTF-8)
//! entries   each: field u8, record delta, folded start delta from the previous entry's
//!           folded end, folded length varint, original start delta, original length varint
//! checksum  XXH64 (seed 0) of every byte before it, u64
//! ```
//!
//! The compact form is for speed, not disk space: reading is bounded by the memory the index
//! fills, and every byte not read is one less to check. Most record ids and labels are the
//! text of one of their fields (a cooperative's label is its name), so they are stored once.
//!
//! # When it is trusted
//!
//! - The cache file is read only if it is a regular file (never a FIFO or a device: refused at
//!   once, see [`files::open_regular`]), owned by this user, writable by nobody else, and no
//!   larger than [`size_limit`] of its data file.
//! - Its checksum holds: any change to any byte, and any cut, is seen before the index is
//!   returned (but for one change in 2^64). The checksum guards against a damaged file, not
//!   against a person: whoever can write the file can also write a matching checksum, which
//!   is why the file must be this user's alone.
//! - The magic, version, builder and stamp all equal those of the file now: canonical path,
//!   size, modification time and status change time (ctime) in nanoseconds, device and inode.
//!   The ctime is what catches a file rewritten in place with its size kept and its mtime put
//!   back (`touch -r`): no call can set it, every write moves it. The builder identifies the
//!   program that wrote the cache (its executable's path, size, mtime and ctime), so a rebuilt
//!   `htx` whose folding or index differ never reads an older build's cache.
//! - Decoding still checks every count, length and offset against the bytes (the section
//!   lengths must add up to the file's size before anything is allocated), both buffers are
//!   checked as UTF-8, and every entry must name a record and lie within the buffers on char
//!   boundaries, in order: so a cache that passed its checksum by chance still cannot make
//!   the search panic.
//!
//! Anything else is `None`, never a panic or an error, and the caller rebuilds from the RON
//! file. Writes go through [`files::write_atomic`] (a new `0600` file, renamed into place) in
//! a `0700` directory ([`files::private_dir`]), so a reader never sees half a file; failing to
//! write a cache is not an error.
//!
//! What the stamp cannot see: a change that keeps the size and lands within the same tick of
//! the file system's clock as the change before the cache was written (none on Linux 6.13 and
//! later, whose ext4, XFS, Btrfs and tmpfs give a file whose times were read a finer time at
//! its next change; a few milliseconds on older kernels; two seconds on FAT, which has no
//! ctime of its own).
//!
//! A record's [`Target`] holds positions in the dataset the index was built from; they are
//! only meaningful together with that file's content, which the stamp vouches for.

use std::fs;
use std::io::{self, Read, Write as _};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use directories::ProjectDirs;

use super::files::{self, NewFile};
use super::hash::{Xxh64, fnv1a, xxh64};
use crate::search::{Entry, Field, Record, SearchIndex, Target};

/// The first bytes of every cache file.
const MAGIC: &[u8; 8] = b"HTXINDEX";

/// Bumped whenever the layout or the meaning of the index changes (4: folding drops an
/// apostrophe after a letter, and ties in ranking go by id).
const VERSION: u32 = 4;

/// Longer headers are not ours (a path is at most a few KB).
const MAX_PATH: usize = 1 << 16;

/// The bytes of the checksum that ends every cache file.
pub const CHECKSUM_LEN: usize = 8;

/// The identity of a data file at one moment: the cache is valid while it is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    dir.join(format!("{:016x}.idx", fnv1a(&stamp.path)))
}

/// Where the cache of the data file at `ron_path` lives (whether or not it exists yet);
/// `None` when the file cannot be found or there is no cache directory.
pub fn cache_file(ron_path: &Path) -> Option<PathBuf> {
    let stamp = Stamp::of(ron_path)?;
    Some(cache_file_in(&cache_dir()?, &stamp))
}

/// The index of the data file at `ron_path` from its cache, if a cache exists and describes the
/// file as it is now; `None` otherwise (missing, stale, truncated, corrupt, another version,
/// not a regular file, not this user's alone).
pub fn load_index(ron_path: &Path) -> Option<SearchIndex> {
    load_index_in(&cache_dir()?, ron_path)
}

/// [`load_index`] with the cache in `dir`.
pub fn load_index_in(dir: &Path, ron_path: &Path) -> Option<SearchIndex> {
    let stamp = Stamp::of(ron_path)?;
    let (file, len) = open_cache(dir, &stamp)?;
    decode_from(file, len, &stamp)
}

/// The cache of the file `stamp` describes, opened with [`files::open_regular`] if it is a
/// regular file of this user's, writable by no one else, within [`size_limit`]; and its length.
/// (Opened rather than read whole, so that each section is read into a buffer of its own: a
/// whole-file read copied 12 of the 16 MB a second time, 10 ms of some 60 for `htx find`.)
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

/// Whether the cache of `ron_path` is whole and current: its checksum holds and its header
/// describes the file as it is now (the rest is decoded only when it is loaded).
pub fn is_fresh(ron_path: &Path) -> bool {
    cache_dir().is_some_and(|dir| is_fresh_in(&dir, ron_path))
}

/// [`is_fresh`] with the cache in `dir`.
pub fn is_fresh_in(dir: &Path, ron_path: &Path) -> bool {
    let Some(stamp) = Stamp::of(ron_path) else {
        return false;
    };
    open_cache(dir, &stamp)
        .is_some_and(|(file, len)| whole_and_for(file, len, &header(&stamp)).unwrap_or(false))
}

/// Whether the `len` bytes of `input` start with `head` and end with the checksum of all the
/// others, read in pieces.
fn whole_and_for(mut input: impl Read, len: u64, head: &[u8]) -> io::Result<bool> {
    let Some(payload) = len.checked_sub(CHECKSUM_LEN as u64) else {
        return Ok(false);
    };
    let mut start = Vec::with_capacity(head.len());
    (&mut input)
        .take((head.len() as u64).min(payload))
        .read_to_end(&mut start)?;
    if start != head {
        return Ok(false);
    }
    let mut hasher = HashWriter(Xxh64::default());
    hasher.0.update(&start);
    let rest = payload - start.len() as u64;
    if io::copy(&mut (&mut input).take(rest), &mut hasher)? != rest {
        return Ok(false);
    }
    let mut sum = [0u8; CHECKSUM_LEN];
    input.read_exact(&mut sum)?;
    Ok(sum == hasher.0.finish().to_le_bytes())
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

/// Writes the cache of the data file at `ron_path`, stamped with the file as it is now. Prefer
/// [`save_index_stamped`] with a stamp taken before the file was read. Errors are ignored: the
/// cache is only a shortcut.
pub fn save_index(ron_path: &Path, index: &SearchIndex) {
    if let Some(stamp) = Stamp::of(ron_path) {
        save_index_stamped(&stamp, index);
    }
}

/// Writes the cache of the data file `stamp` describes; errors are ignored.
pub fn save_index_stamped(stamp: &Stamp, index: &SearchIndex) {
    if let Some(dir) = cache_dir() {
        let _ = save_index_in(&dir, stamp, index);
    }
}

/// Writes the cache into `dir` (made private to this user) with [`files::write_atomic`], and
/// removes what writers killed mid-write left of it. An error names the path it concerns.
pub fn save_index_in(dir: &Path, stamp: &Stamp, index: &SearchIndex) -> io::Result<()> {
    let target = cache_file_in(dir, stamp);
    let at = |path: &Path| {
        let path = path.to_owned();
        move |err: io::Error| io::Error::new(err.kind(), format!("{}: {err}", path.display()))
    };
    let bytes = encode(stamp, index)
        .filter(|bytes| bytes.len() as u64 <= size_limit(stamp.size))
        .ok_or_else(|| at(&target)(io::Error::other("the index is too large to cache")))?;
    files::private_dir(dir).map_err(at(dir))?;
    files::write_atomic(&target, &NewFile::PRIVATE, |file| file.write_all(&bytes))
        .map_err(at(&target))?;
    files::remove_leftovers(&target);
    Ok(())
}

/// The header a cache of the file `stamp` describes starts with.
fn header(stamp: &Stamp) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(80 + stamp.path.len()));
    out.0.extend_from_slice(MAGIC);
    out.u32(VERSION);
    out.u64(builder());
    out.u32(u32::try_from(stamp.path.len()).unwrap_or(u32::MAX));
    out.0.extend_from_slice(&stamp.path);
    out.u64(stamp.size);
    out.0.extend_from_slice(&stamp.modified.to_le_bytes());
    out.0.extend_from_slice(&stamp.changed.to_le_bytes());
    out.u64(stamp.device);
    out.u64(stamp.inode);
    out.0
}

/// The checksum that ends a cache file whose other bytes are `payload`: XXH64, little-endian.
/// [`encode`] appends it and [`decode`] checks it; public so a test can reach beneath it and
/// feed the decoder's own checks.
pub fn checksum(payload: &[u8]) -> [u8; CHECKSUM_LEN] {
    xxh64(payload).to_le_bytes()
}

/// Counts and section lengths after the header: record count u32, entry count u32, then the
/// byte lengths of the original, records, folded and entries sections (in file order) as u64.
const PRELUDE: usize = 4 + 4 + 4 * 8;

/// The fewest bytes a record (tag, target varint, two strings of at least one byte) and an
/// entry (field and five varints) take.
const MIN_RECORD: usize = 4;
const MIN_ENTRY: usize = 6;

/// Flags in a record's tag byte: its id or label is a range of the original buffer rather
/// than a string of its own. Most are: a cooperative's label is its name
/// and its id is its id field, so the text is stored, and checked, once.
const ID_IN_ORIGINAL: u8 = 0x10;
const LABEL_IN_ORIGINAL: u8 = 0x20;

/// The cache file's bytes, checksum included; `None` if a count, length or offset does not fit in 32 bits.
pub fn encode(stamp: &Stamp, index: &SearchIndex) -> Option<Vec<u8>> {
    if stamp.path.len() > MAX_PATH
        || u32::try_from(index.original.len()).is_err()
        || u32::try_from(index.folded.len()).is_err()
    {
        return None;
    }
    // The original text of each record's fields, to refer to instead of repeating it.
    let mut fields: Vec<Vec<(u32, u32)>> = vec![Vec::new(); index.records.len()];
    for entry in &index.entries {
        if let Some(list) = fields.get_mut(entry.record as usize) {
            list.push(entry.original);
        }
    }
    let in_original =
        |r: usize, text: &str| {
            fields.get(r)?.iter().copied().find(|&(start, end)| {
                index.original.get(start as usize..end as usize) == Some(text)
            })
        };

    let mut records = Writer(Vec::with_capacity(index.records.len() * 8));
    let (mut previous_first, mut previous_end) = (0, 0);
    for (r, record) in index.records.iter().enumerate() {
        let id = in_original(r, &record.id);
        let label = in_original(r, &record.label);
        let (tag, first, second) = match record.target {
            Target::Province(p) => (0, p, None),
            Target::Cooperative(c) => (1, c, None),
            Target::PlanItem(i) => (2, i, None),
            Target::Progress { item, province } => (3, item, Some(province)),
        };
        let flags = if id.is_some() { ID_IN_ORIGINAL } else { 0 }
            | if label.is_some() {
                LABEL_IN_ORIGINAL
            } else {
                0
            };
        records.0.push(tag | flags);
        let first = u32::try_from(first).ok()?;
        records.signed(first, previous_first);
        previous_first = first;
        if let Some(second) = second {
            records.varint(u64::try_from(second).ok()?);
        }
        for (range, text) in [(id, &record.id), (label, &record.label)] {
            match range {
                Some((start, end)) => {
                    records.signed(start, previous_end);
                    records.varint(u64::from(end - start));
                    previous_end = end;
                }
                None => records.str(text)?,
            }
        }
    }
    let mut entries = Writer(Vec::with_capacity(index.entries.len() * 8));
    let mut previous = Entry {
        record: 0,
        field: Field::Name,
        folded: (0, 0),
        original: (0, 0),
    };
    for entry in &index.entries {
        entries.0.push(field_tag(entry.field));
        entries.signed(entry.record, previous.record);
        entries.signed(entry.folded.0, previous.folded.1);
        entries.varint(u64::from(entry.folded.1.checked_sub(entry.folded.0)?));
        entries.signed(entry.original.0, previous.original.1);
        entries.varint(u64::from(entry.original.1.checked_sub(entry.original.0)?));
        previous = *entry;
    }

    let head = header(stamp);
    let mut out = Writer(Vec::with_capacity(
        head.len()
            + PRELUDE
            + index.original.len()
            + index.folded.len()
            + records.0.len()
            + entries.0.len()
            + CHECKSUM_LEN,
    ));
    out.0.extend_from_slice(&head);
    out.count(index.records.len())?;
    out.count(index.entries.len())?;
    for len in [
        index.original.len(),
        records.0.len(),
        index.folded.len(),
        entries.0.len(),
    ] {
        out.u64(u64::try_from(len).ok()?);
    }
    out.0.extend_from_slice(index.original.as_bytes());
    out.0.extend_from_slice(&records.0);
    out.0.extend_from_slice(index.folded.as_bytes());
    out.0.extend_from_slice(&entries.0);
    let sum = checksum(&out.0);
    out.0.extend_from_slice(&sum);
    Some(out.0)
}

/// The index in `bytes` if they are a sound cache of the file `stamp` describes.
pub fn decode(bytes: &[u8], stamp: &Stamp) -> Option<SearchIndex> {
    decode_from(bytes, u64::try_from(bytes.len()).ok()?, stamp)
}

/// Reads exactly `len` bytes into a buffer of their own (no zeroing, no copy).
fn section(input: &mut impl Read, len: u64) -> Option<Vec<u8>> {
    let mut buffer = Vec::with_capacity(usize::try_from(len).ok()?);
    input.take(len).read_to_end(&mut buffer).ok()?;
    (buffer.len() as u64 == len).then_some(buffer)
}

/// The index in a cache of `total` bytes read from `input`, if it is a sound cache of the file
/// `stamp` describes: its header is the stamp's, its checksum holds, and every count, length
/// and offset checks out. The section lengths must add up to `total` before anything is
/// allocated for them, so hostile lengths cannot ask for more memory than the file has.
///
/// The checksum is finished while the records are decoded (the decoder checks everything it
/// reads on its own, so unchecked bytes can make it refuse but not misbehave), and nothing
/// decoded is returned unless it holds.
fn decode_from(mut input: impl Read, total: u64, stamp: &Stamp) -> Option<SearchIndex> {
    let head = header(stamp);
    let payload = total.checked_sub(CHECKSUM_LEN as u64)?;
    let mut start = Vec::with_capacity(head.len() + PRELUDE);
    (&mut input)
        .take(u64::try_from(head.len() + PRELUDE).ok()?)
        .read_to_end(&mut start)
        .ok()?;
    let mut prelude = Reader {
        bytes: start.strip_prefix(head.as_slice())?,
    };
    let records = prelude.u32()? as usize;
    let entries = prelude.u32()? as usize;
    let lengths = [
        prelude.u64()?,
        prelude.u64()?,
        prelude.u64()?,
        prelude.u64()?,
    ];
    let [original_len, records_len, folded_len, entries_len] = lengths;
    let body = lengths
        .iter()
        .try_fold(0u64, |sum, &len| sum.checked_add(len))?;
    if u64::try_from(start.len()).ok()?.checked_add(body)? != payload
        || original_len > u64::from(u32::MAX)
        || folded_len > u64::from(u32::MAX)
        || records > usize::try_from(records_len).ok()? / MIN_RECORD
        || entries > usize::try_from(entries_len).ok()? / MIN_ENTRY
    {
        return None;
    }
    let original = section(&mut input, original_len)?;
    let records_bytes = section(&mut input, records_len)?;
    let folded = section(&mut input, folded_len)?;
    let entries_bytes = section(&mut input, entries_len)?;
    let stored = section(&mut input, CHECKSUM_LEN as u64)?;
    // The checksum runs over the file in order; the original text is hashed before a second
    // thread takes it.
    let mut sum = Xxh64::default();
    sum.update(&start);
    sum.update(&original);
    std::thread::scope(|scope| {
        // The original text is the largest part, and slow to check as UTF-8 since it is mostly
        // Vietnamese: a second thread checks it and decodes the records, whose ids and labels
        // are mostly ranges of it, while this one finishes the checksum and does the rest.
        // (No thread to be had: no cache, the caller parses the file.)
        let records_bytes = &records_bytes;
        let worker = std::thread::Builder::new()
            .spawn_scoped(scope, move || {
                original_and_records(original, records_bytes, records)
            })
            .ok()?;
        let ours = (|| {
            sum.update(records_bytes);
            sum.update(&folded);
            sum.update(&entries_bytes);
            if stored[..] != sum.finish().to_le_bytes() {
                return None;
            }
            let folded = String::from_utf8(folded).ok()?;
            let entries = decode_entries(&entries_bytes, entries)?;
            Some((folded, entries))
        })();
        let theirs = worker.join().ok().flatten();
        let ((folded, entries), (original, records)) = (ours?, theirs?);
        let index = SearchIndex::from_parts(records, entries, folded, original);
        entries_fit(&index).then_some(index)
    })
}

fn original_and_records(
    original: Vec<u8>,
    records: &[u8],
    count: usize,
) -> Option<(String, Vec<Record>)> {
    let original = String::from_utf8(original).ok()?;
    let records = decode_records(records, count, &original)?;
    Some((original, records))
}

fn decode_records(bytes: &[u8], count: usize, original: &str) -> Option<Vec<Record>> {
    let mut input = Reader { bytes };
    let mut records = Vec::with_capacity(count);
    let (mut previous_first, mut previous_end) = (0, 0);
    for _ in 0..count {
        let tag = input.u8()?;
        if tag & !(ID_IN_ORIGINAL | LABEL_IN_ORIGINAL | 3) != 0 {
            return None;
        }
        let first = input.signed(previous_first)?;
        previous_first = first;
        let first = first as usize;
        let target = match tag & 3 {
            0 => Target::Province(first),
            1 => Target::Cooperative(first),
            2 => Target::PlanItem(first),
            _ => Target::Progress {
                item: first,
                province: usize::try_from(input.varint()?).ok()?,
            },
        };
        let mut text = |in_original: bool| -> Option<String> {
            if in_original {
                let start = input.signed(previous_end)?;
                let end = start.checked_add(u32::try_from(input.varint()?).ok()?)?;
                previous_end = end;
                Some(original.get(start as usize..end as usize)?.to_owned())
            } else {
                Some(input.str()?.to_owned())
            }
        };
        let id = text(tag & ID_IN_ORIGINAL != 0)?;
        let label = text(tag & LABEL_IN_ORIGINAL != 0)?;
        records.push(Record { target, id, label });
    }
    input.bytes.is_empty().then_some(records)
}

fn decode_entries(bytes: &[u8], count: usize) -> Option<Vec<Entry>> {
    let mut input = Reader { bytes };
    let mut entries: Vec<Entry> = Vec::with_capacity(count);
    let mut previous = Entry {
        record: 0,
        field: Field::Name,
        folded: (0, 0),
        original: (0, 0),
    };
    for _ in 0..count {
        let field = field_of(input.u8()?)?;
        let record = input.signed(previous.record)?;
        let folded_start = input.signed(previous.folded.1)?;
        let folded_end = folded_start.checked_add(u32::try_from(input.varint()?).ok()?)?;
        let original_start = input.signed(previous.original.1)?;
        let original_end = original_start.checked_add(u32::try_from(input.varint()?).ok()?)?;
        previous = Entry {
            record,
            field,
            folded: (folded_start, folded_end),
            original: (original_start, original_end),
        };
        entries.push(previous);
    }
    input.bytes.is_empty().then_some(entries)
}

/// Whether every entry names a record and lies within the buffers on char boundaries, and
/// the folded ranges are in order without overlapping, starting at 0: what the search relies
/// on to find the entry holding a match.
fn entries_fit(index: &SearchIndex) -> bool {
    let within = |text: &str, (start, end): (u32, u32)| {
        let (start, end) = (start as usize, end as usize);
        start <= end && text.get(start..end).is_some()
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
            && within(&index.original, entry.original)
    })
}

fn field_tag(field: Field) -> u8 {
    match field {
        Field::Name => 0,
        Field::Code => 1,
        Field::Id => 2,
        Field::District => 3,
        Field::Title => 4,
        Field::Detail => 5,
        Field::Notes => 6,
    }
}

fn field_of(tag: u8) -> Option<Field> {
    Some(match tag {
        0 => Field::Name,
        1 => Field::Code,
        2 => Field::Id,
        3 => Field::District,
        4 => Field::Title,
        5 => Field::Detail,
        6 => Field::Notes,
        _ => return None,
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, value: u32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    fn u64(&mut self, value: u64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    /// A count or position as a `u32`; `None` if it does not fit.
    fn count(&mut self, value: usize) -> Option<()> {
        self.u32(u32::try_from(value).ok()?);
        Some(())
    }

    /// LEB128: seven bits a byte, low first, the high bit set on all but the last.
    fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.0.push((value & 0x7f) as u8 | 0x80);
            value >>= 7;
        }
        self.0.push(value as u8);
    }

    /// `value - base` as a zigzag varint (small either way round).
    fn signed(&mut self, value: u32, base: u32) {
        let delta = i64::from(value) - i64::from(base);
        self.varint(((delta << 1) ^ (delta >> 63)) as u64);
    }

    /// A string: its length in bytes as a varint, then the bytes.
    fn str(&mut self, text: &str) -> Option<()> {
        self.varint(u64::try_from(text.len()).ok()?);
        self.0.extend_from_slice(text.as_bytes());
        Some(())
    }
}

/// Reads from the front of a byte slice; every read checks the length first.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A LEB128 varint of at most ten bytes, no bits beyond 64.
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return None;
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    /// The inverse of [`Writer::signed`]: `base` plus a zigzag delta, within `u32`.
    fn signed(&mut self, base: u32) -> Option<u32> {
        let zigzag = self.varint()?;
        let delta = i64::try_from(zigzag >> 1).ok()? ^ -i64::try_from(zigzag & 1).ok()?;
        u32::try_from(i64::from(base).checked_add(delta)?).ok()
    }

    fn str(&mut self) -> Option<&'a str> {
        let len = usize::try_from(self.varint()?).ok()?;
        std::str::from_utf8(self.take(len)?).ok()
    }
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

    fn valid_bytes() -> (tempfile::TempDir, Stamp, Vec<u8>, SearchIndex) {
        let (dir, ron, _) = setup();
        let stamp = Stamp::of(&ron).unwrap();
        let index = builtin_index();
        let bytes = encode(&stamp, &index).unwrap();
        (dir, stamp, bytes, index)
    }

    #[test]
    fn round_trip_gives_the_same_index() {
        let (_dir, ron, cache) = setup();
        let index = builtin_index();
        assert!(!index.records.is_empty() && !index.entries.is_empty());
        assert_eq!(load_index_in(&cache, &ron), None, "no cache yet");
        assert!(!is_fresh_in(&cache, &ron));
        save_index_in(&cache, &Stamp::of(&ron).unwrap(), &index).unwrap();
        assert!(is_fresh_in(&cache, &ron));
        assert_eq!(load_index_in(&cache, &ron), Some(index));
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
            names[0].ends_with(".idx") && names[0].len() == 20,
            "{names:?}"
        );
    }

    #[test]
    fn the_loaded_index_searches_like_the_built_one() {
        let (_dir, ron, cache) = setup();
        let index = builtin_index();
        save_index_in(&cache, &Stamp::of(&ron).unwrap(), &index).unwrap();
        let loaded = load_index_in(&cache, &ron).unwrap();
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
        let index = builtin_index();
        save_index_in(&cache, &Stamp::of(&ron).unwrap(), &index).unwrap();
        assert!(load_index_in(&cache, &ron).is_some());

        // Same size, another modification time.
        let file = fs::OpenOptions::new().write(true).open(&ron).unwrap();
        let earlier = SystemTime::now() - Duration::from_secs(3600);
        file.set_modified(earlier).unwrap();
        drop(file);
        assert_eq!(fs::metadata(&ron).unwrap().len(), BUILTIN.len() as u64);
        assert!(!is_fresh_in(&cache, &ron));
        assert_eq!(load_index_in(&cache, &ron), None);

        // Fresh again, then another size with the same modification time.
        save_index_in(&cache, &Stamp::of(&ron).unwrap(), &index).unwrap();
        assert!(load_index_in(&cache, &ron).is_some());
        let mut text = BUILTIN.to_string();
        text.push_str("// edited\n");
        fs::write(&ron, text).unwrap();
        let file = fs::OpenOptions::new().write(true).open(&ron).unwrap();
        file.set_modified(earlier).unwrap();
        drop(file);
        assert_eq!(load_index_in(&cache, &ron), None);
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
        save_index_in(&cache, &Stamp::of(&ron).unwrap(), &builtin_index()).unwrap();
        assert!(is_fresh_in(&cache, &ron));
        let cached = load_index_in(&cache, &ron).unwrap();

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
        assert!(!is_fresh_in(&cache, &ron));
        assert_eq!(load_index_in(&cache, &ron), None);
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

    #[test]
    fn every_mutant_is_rejected_or_answers_like_the_good_cache() {
        let (_dir, ron, cache) = setup();
        let stamp = Stamp::of(&ron).unwrap();
        let index = builtin_index();
        save_index_in(&cache, &stamp, &index).unwrap();
        let path = cache_file_in(&cache, &stamp);
        let bytes = fs::read(&path).unwrap();
        assert_eq!(decode(&bytes, &stamp).as_ref(), Some(&index));
        let (mut seen, mut rejected, mut through_the_file) = (0, 0, 0);
        let count = for_each_mutant(&bytes, header(&stamp).len() + PRELUDE, |what, mutant| {
            seen += 1;
            match decode(mutant, &stamp) {
                None => rejected += 1,
                Some(loaded) => assert!(loaded == index, "{what}: decoded to another index"),
            }
            // Some through the file, as `htx find` reads it.
            if seen % 23 == 0 {
                through_the_file += 1;
                fs::write(&path, mutant).unwrap();
                if let Some(loaded) = load_index_in(&cache, &ron) {
                    assert!(loaded == index, "{what}: loaded another index");
                } else {
                    assert!(!is_fresh_in(&cache, &ron), "{what}: fresh but not loaded");
                }
            }
        });
        assert!(count > 5000, "{count} mutants");
        assert!(
            through_the_file > 100,
            "{through_the_file} through the file"
        );
        // And in fact the checksum saw every one.
        assert_eq!(rejected, count, "mutants accepted");
        fs::write(&path, &bytes).unwrap();
        assert_eq!(load_index_in(&cache, &ron), Some(index));
    }

    /// `payload` (a cache without its checksum) sealed with a matching checksum: what it takes
    /// to reach the decoder's own checks.
    fn sealed(mut payload: Vec<u8>) -> Vec<u8> {
        let sum = checksum(&payload);
        payload.extend_from_slice(&sum);
        payload
    }

    fn unsealed(bytes: &[u8]) -> Vec<u8> {
        bytes[..bytes.len() - CHECKSUM_LEN].to_vec()
    }

    #[test]
    fn another_file_or_version_is_not_trusted() {
        let (dir, stamp, bytes, index) = valid_bytes();
        assert_eq!(decode(&bytes, &stamp), Some(index));
        let other = dir.path().join("other.ron");
        fs::write(&other, BUILTIN).unwrap();
        assert_eq!(decode(&bytes, &Stamp::of(&other).unwrap()), None);
        // A newer format, with a checksum that holds: refused by its version.
        let mut newer = unsealed(&bytes);
        newer[MAGIC.len()] = newer[MAGIC.len()].wrapping_add(1);
        assert_eq!(decode(&sealed(newer), &stamp), None);
        assert_eq!(decode(&[], &stamp), None);
    }

    #[test]
    fn every_truncation_decodes_to_none_without_panicking() {
        let (_dir, stamp, bytes, _) = valid_bytes();
        let payload = unsealed(&bytes);
        let tail = payload.len().saturating_sub(64);
        for len in (0..payload.len()).step_by(97).chain(tail..payload.len()) {
            assert_eq!(decode(&bytes[..len], &stamp), None, "length {len}");
            // Sealed again: the section lengths no longer add up.
            let cut = sealed(payload[..len].to_vec());
            assert_eq!(decode(&cut, &stamp), None, "length {len}, sealed");
        }
        let mut longer = payload.clone();
        longer.push(0);
        assert_eq!(decode(&sealed(longer), &stamp), None);
    }

    #[test]
    fn hostile_counts_are_refused_before_allocating() {
        let (_dir, stamp, _, _) = valid_bytes();
        let mut bytes = header(&stamp);
        bytes.extend_from_slice(&u32::MAX.to_le_bytes());
        bytes.extend_from_slice(&u32::MAX.to_le_bytes());
        for len in [u64::MAX, u64::MAX / 4, 1 << 40, 0] {
            bytes.extend_from_slice(&len.to_le_bytes());
        }
        assert_eq!(decode(&sealed(bytes), &stamp), None);
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
        let (loaded, fresh) = within_seconds(move || (load_index_in(&c, &r), is_fresh_in(&c, &r)));
        assert_eq!(loaded, None);
        assert!(!fresh);
        save_index_in(&cache, &stamp, &builtin_index()).unwrap();
        assert!(fs::symlink_metadata(&path).unwrap().is_file());
        assert_eq!(load_index_in(&cache, &ron), Some(builtin_index()));
    }

    #[test]
    fn a_cache_others_can_write_is_not_trusted() {
        use std::os::unix::fs::PermissionsExt as _;
        let (_dir, ron, cache) = setup();
        let stamp = Stamp::of(&ron).unwrap();
        save_index_in(&cache, &stamp, &builtin_index()).unwrap();
        let path = cache_file_in(&cache, &stamp);
        for (mode, trusted) in [(0o620, false), (0o602, false), (0o644, true), (0o600, true)] {
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
            assert_eq!(load_index_in(&cache, &ron).is_some(), trusted, "{mode:o}");
            assert_eq!(is_fresh_in(&cache, &ron), trusted, "{mode:o}");
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
        save_index_in(&cache, &stamp, &builtin_index()).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(fs::symlink_metadata(&path).unwrap().is_file());
    }

    #[test]
    fn a_cache_larger_than_its_limit_is_neither_read_nor_written() {
        let (dir, _, cache) = setup();
        // A tiny data file whose limit (16 MiB and 8 bytes a byte) a padded cache exceeds.
        let ron = dir.path().join("tiny.ron");
        fs::write(&ron, "x").unwrap();
        let stamp = Stamp::of(&ron).unwrap();
        let mut index = builtin_index();
        save_index_in(&cache, &stamp, &index).unwrap();
        assert!(load_index_in(&cache, &ron).is_some());
        let path = cache_file_in(&cache, &stamp);
        let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(size_limit(1) + 1).unwrap();
        drop(file);
        assert!(!is_fresh_in(&cache, &ron));
        assert_eq!(load_index_in(&cache, &ron), None);

        index.original.push_str(&"x".repeat(17 << 20));
        let err = save_index_in(&cache, &stamp, &index).unwrap_err();
        assert!(err.to_string().contains("too large"), "{err}");
        assert!(err.to_string().contains(&*path.to_string_lossy()), "{err}");
    }

    #[test]
    fn an_unwritable_cache_directory_is_an_error_not_a_panic() {
        let (dir, ron, _) = setup();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "not a directory").unwrap();
        let stamp = Stamp::of(&ron).unwrap();
        assert!(save_index_in(&blocker.join("cache"), &stamp, &builtin_index()).is_err());
        assert_eq!(load_index_in(&blocker.join("cache"), &ron), None);
    }

    #[test]
    fn varints_round_trip_at_the_extremes() {
        let mut out = Writer(Vec::new());
        let values = [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        for value in values {
            out.varint(value);
        }
        let pairs = [(0, 0), (u32::MAX, 0), (0, u32::MAX), (5, 7), (7, 5)];
        for (value, base) in pairs {
            out.signed(value, base);
        }
        let mut input = Reader { bytes: &out.0 };
        for value in values {
            assert_eq!(input.varint(), Some(value));
        }
        for (value, base) in pairs {
            assert_eq!(input.signed(base), Some(value));
        }
        assert!(input.bytes.is_empty());
        // Too long, too large, out of u32 range.
        assert_eq!(Reader { bytes: &[0x80; 11] }.varint(), None);
        assert_eq!(
            Reader {
                bytes: &[0xff; 9].iter().copied().chain([0x02]).collect::<Vec<_>>()
            }
            .varint(),
            None
        );
        let mut below_zero = Writer(Vec::new());
        below_zero.varint(1);
        assert_eq!(
            Reader {
                bytes: &below_zero.0
            }
            .signed(0),
            None
        );
    }
}
