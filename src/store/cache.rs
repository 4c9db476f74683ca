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
//!           canonical path (u32 length + bytes), size u64, mtime i128 (ns since 1970),
//!           device u64, inode u64
//! prelude   record count u32, entry count u32, byte lengths u64 of the four sections:
//! original  the original buffer (UTF-8)
//! records   each: tag u8 (bits 0-1 target: province, cooperative, plan item, progress;
//!           0x10 id and 0x20 label are ranges of the original buffer), target position
//!           delta (progress: then the province varint), id and label each a range
//!           (start delta from the previous range's end, length varint) or a string
//! folded    the folded buffer (UTF-8)
//! entries   each: field u8, record delta, folded start delta from the previous entry's
//!           folded end, folded length varint, original start delta, original length varint
//! ```
//!
//! The compact form is for speed, not disk space: reading is bounded by the memory the index
//! fills, and every byte not read is one less to check. Most record ids and labels are the
//! text of one of their fields (a cooperative's label is its name), so they are stored once.
//!
//! The cache is used only when the magic, version, builder and stamp (canonical path, size,
//! modification time in nanoseconds, and on Unix the device and inode) all equal those of the
//! file now. The builder identifies the program that wrote the cache (its executable's path,
//! size and modification time), so a rebuilt `htx` whose folding or index differ never reads an
//! older build's cache. Decoding checks every count, length and offset against the bytes (the
//! section lengths must add up to the file's size before anything is allocated), both buffers
//! are checked as UTF-8, and every entry must name a record and lie within the buffers on
//! char boundaries, in order: a truncated, corrupt or hostile cache is `None`, never a panic,
//! and the caller rebuilds from the RON file. Writes go to a temporary file in the cache directory that is then renamed
//! into place, so a reader never sees half a file; failing to write a cache is not an error.
//!
//! A record's [`Target`] holds positions in the dataset the index was built from; they are
//! only meaningful together with that file's content, which the stamp vouches for.

use std::fs;
use std::io::{self, Read, Write as _};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

use directories::ProjectDirs;

use super::hash::fnv1a;
use crate::search::{Entry, Field, Record, SearchIndex, Target};

/// The first bytes of every cache file.
const MAGIC: &[u8; 8] = b"HTXINDEX";

/// Bumped whenever the layout or the meaning of the index changes.
const VERSION: u32 = 2;

/// Longer headers are not ours (a path is at most a few KB).
const MAX_PATH: usize = 1 << 16;

/// The identity of a data file at one moment: the cache is valid while it is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Canonical path, as bytes (on Unix exactly the OS bytes).
    path: Vec<u8>,
    size: u64,
    /// Modification time in nanoseconds since 1970 (negative before).
    modified: i128,
    device: u64,
    inode: u64,
}

impl Stamp {
    /// The stamp of the file at `path` now; `None` when it cannot be read.
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
            modified: nanos(&meta)?,
            device,
            inode,
        })
    }
}

fn nanos(meta: &fs::Metadata) -> Option<i128> {
    let modified = meta.modified().ok()?;
    Some(match modified.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).ok()?,
        Err(before) => -i128::try_from(before.duration().as_nanos()).ok()?,
    })
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

/// Identifies the program writing and reading caches: its executable's path, size and
/// modification time, hashed. Computed once per process.
fn builder() -> u64 {
    static BUILDER: OnceLock<u64> = OnceLock::new();
    *BUILDER.get_or_init(|| {
        let Ok(exe) = std::env::current_exe() else {
            return 0;
        };
        let mut bytes = path_bytes(&exe);
        if let Ok(meta) = fs::metadata(&exe) {
            bytes.extend_from_slice(&meta.len().to_le_bytes());
            bytes.extend_from_slice(&nanos(&meta).unwrap_or(0).to_le_bytes());
        }
        fnv1a(&bytes)
    })
}

/// The user's cache directory for htx (`$XDG_CACHE_HOME/htx` on Linux); `None` when the
/// system names no home directory.
pub fn cache_dir() -> Option<PathBuf> {
    ProjectDirs::from("", "", "htx").map(|dirs| dirs.cache_dir().to_owned())
}

/// Where the cache of the data file at `ron_path` lives in `dir`.
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
/// file as it is now; `None` otherwise (missing, stale, truncated, corrupt, another version).
pub fn load_index(ron_path: &Path) -> Option<SearchIndex> {
    load_index_in(&cache_dir()?, ron_path)
}

/// [`load_index`] with the cache in `dir`.
pub fn load_index_in(dir: &Path, ron_path: &Path) -> Option<SearchIndex> {
    let stamp = Stamp::of(ron_path)?;
    let file = fs::File::open(cache_file_in(dir, &stamp)).ok()?;
    let total = file.metadata().ok()?.len();
    decode_from(file, total, &stamp)
}

/// Whether the cache of `ron_path` holds a current index, reading only its header (the body
/// is checked when it is loaded).
pub fn is_fresh(ron_path: &Path) -> bool {
    cache_dir().is_some_and(|dir| is_fresh_in(&dir, ron_path))
}

/// [`is_fresh`] with the cache in `dir`.
pub fn is_fresh_in(dir: &Path, ron_path: &Path) -> bool {
    let Some(stamp) = Stamp::of(ron_path) else {
        return false;
    };
    let Ok(file) = fs::File::open(cache_file_in(dir, &stamp)) else {
        return false;
    };
    let expected = header(&stamp);
    let mut head = Vec::with_capacity(expected.len());
    let limit = u64::try_from(expected.len()).unwrap_or(u64::MAX);
    if file.take(limit).read_to_end(&mut head).is_err() {
        return false;
    }
    head == expected
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

/// Writes the cache into `dir` atomically: a temporary file, then a rename over the old cache.
pub fn save_index_in(dir: &Path, stamp: &Stamp, index: &SearchIndex) -> io::Result<()> {
    let bytes = encode(stamp, index)
        .ok_or_else(|| io::Error::other("the index is too large for the cache format"))?;
    fs::create_dir_all(dir)?;
    let target = cache_file_in(dir, stamp);
    let temp = dir.join(format!(
        ".{:016x}.{}.tmp",
        fnv1a(&stamp.path),
        std::process::id()
    ));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(&bytes)?;
        drop(file);
        fs::rename(&temp, &target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// The header a cache of the file `stamp` describes starts with.
fn header(stamp: &Stamp) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(64 + stamp.path.len()));
    out.0.extend_from_slice(MAGIC);
    out.u32(VERSION);
    out.u64(builder());
    out.u32(u32::try_from(stamp.path.len()).unwrap_or(u32::MAX));
    out.0.extend_from_slice(&stamp.path);
    out.u64(stamp.size);
    out.0.extend_from_slice(&stamp.modified.to_le_bytes());
    out.u64(stamp.device);
    out.u64(stamp.inode);
    out.0
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

/// The cache file's bytes; `None` if a count, length or offset does not fit in 32 bits.
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
            + entries.0.len(),
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
/// `stamp` describes. The section lengths must add up to `total` before anything is allocated
/// for them, so hostile lengths cannot ask for more memory than the file has.
fn decode_from(mut input: impl Read, total: u64, stamp: &Stamp) -> Option<SearchIndex> {
    let head = header(stamp);
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
    if u64::try_from(start.len()).ok()?.checked_add(body)? != total
        || original_len > u64::from(u32::MAX)
        || folded_len > u64::from(u32::MAX)
        || records > usize::try_from(records_len).ok()? / MIN_RECORD
        || entries > usize::try_from(entries_len).ok()? / MIN_ENTRY
    {
        return None;
    }
    let original = section(&mut input, original_len)?;
    let records_bytes = section(&mut input, records_len)?;
    std::thread::scope(|scope| {
        // The original text is the largest part, and slow to check as UTF-8 since it is mostly
        // Vietnamese: a second thread checks it and decodes the records, whose ids and labels
        // are mostly ranges of it, while this one reads the rest.
        let worker = scope.spawn(move || {
            let original = String::from_utf8(original).ok()?;
            let records = decode_records(&records_bytes, records, &original)?;
            Some((original, records))
        });
        let ours = (|| {
            let folded = String::from_utf8(section(&mut input, folded_len)?).ok()?;
            let entries = decode_entries(&section(&mut input, entries_len)?, entries)?;
            Some((folded, entries))
        })();
        let theirs = worker.join().ok().flatten();
        let ((folded, entries), (original, records)) = (ours?, theirs?);
        let index = SearchIndex::from_parts(records, entries, folded, original);
        entries_fit(&index).then_some(index)
    })
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

    #[test]
    fn another_file_or_version_is_not_trusted() {
        let (dir, stamp, bytes, index) = valid_bytes();
        assert_eq!(decode(&bytes, &stamp), Some(index));
        let other = dir.path().join("other.ron");
        fs::write(&other, BUILTIN).unwrap();
        assert_eq!(decode(&bytes, &Stamp::of(&other).unwrap()), None);
        let mut newer = bytes.clone();
        newer[MAGIC.len()] = newer[MAGIC.len()].wrapping_add(1);
        assert_eq!(decode(&newer, &stamp), None);
        assert_eq!(decode(&[], &stamp), None);
    }

    #[test]
    fn every_truncation_decodes_to_none_without_panicking() {
        let (_dir, stamp, bytes, _) = valid_bytes();
        let tail = bytes.len().saturating_sub(64);
        for len in (0..bytes.len()).step_by(97).chain(tail..bytes.len()) {
            assert_eq!(decode(&bytes[..len], &stamp), None, "length {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer, &stamp), None);
    }

    #[test]
    fn flipped_bytes_decode_to_none_or_a_sound_index() {
        let (_dir, stamp, bytes, index) = valid_bytes();
        let body = header(&stamp).len();
        // A self-written splitmix64, so failures reproduce.
        let mut seed: u64 = 0x5eed;
        let mut next = || {
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let mut decoded = 0;
        for round in 0..1000 {
            let mut bad = bytes.clone();
            let flips = 1 + round % 4;
            for _ in 0..flips {
                let at = body + (next() as usize) % (bad.len() - body);
                bad[at] ^= 1 << (next() % 8);
            }
            if let Some(loaded) = decode(&bad, &stamp) {
                decoded += 1;
                // Whatever decoded must be safe to search and to read back.
                for query in ["nam dinh", "Định"] {
                    let hits = loaded.search(query, None, 50, &|| false).unwrap();
                    for hit in hits {
                        let text = loaded.text(hit.entry);
                        for range in hit.highlight {
                            assert!(text.get(range).is_some());
                        }
                    }
                }
            }
        }
        assert!(decoded < 1000, "flips were never noticed");
        assert_eq!(decode(&bytes, &stamp), Some(index));
    }

    #[test]
    fn hostile_counts_are_refused_before_allocating() {
        let (_dir, stamp, _, _) = valid_bytes();
        let mut bytes = header(&stamp);
        bytes.extend_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode(&bytes, &stamp), None);
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
