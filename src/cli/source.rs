//! Where the data of a lookup comes from: the file named on the command line, the user's
//! dataset, or the built-in dataset, and its search index from the cache when that is current.

use std::io;
use std::path::PathBuf;

use crate::model::Dataset;
use crate::search::SearchIndex;
use crate::store::{self, LoadError, cache};
use crate::text::shown_path;

/// The data a lookup reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    /// The built-in dataset, used when no file is named and the user has no dataset yet.
    Builtin,
}

impl Source {
    /// `file` if given, else the user's dataset if it exists, else the built-in dataset
    /// (nothing is written: lookups never create files besides the cache).
    pub fn resolve(file: Option<PathBuf>) -> Self {
        match file {
            Some(path) => Source::File(path),
            None => match store::paths::default_dataset() {
                Some(path) if path.exists() => Source::File(path),
                _ => Source::Builtin,
            },
        }
    }
}

/// The message for a file that cannot be loaded: every problem as `FILE:LINE:COLUMN: message`.
fn load_message(err: LoadError) -> String {
    match err {
        LoadError::Read { path, source } if source.kind() == io::ErrorKind::NotFound => {
            (crate::lang::cli().no_such_dataset)(&shown_path(&path).to_string())
        }
        other => other.to_string(),
    }
}

pub(super) fn builtin() -> Result<Dataset, String> {
    store::builtin().map_err(|problems| {
        let name = crate::lang::cli().builtin_dataset;
        store::located(std::path::Path::new(name), &problems)
    })
}

/// Parses the data; for a file, also writes its index cache if that is not current, so a
/// later `htx find` is fast.
pub fn load_dataset(source: &Source) -> Result<Dataset, String> {
    match source {
        Source::Builtin => builtin(),
        Source::File(path) => {
            // Stamped before reading: a file changed meanwhile leaves a stale (unused) cache.
            let stamp = cache::Stamp::of(path);
            let dataset = store::load(path, &|_| {}).map_err(load_message)?.dataset;
            if let Some(stamp) = stamp
                && !cache::is_fresh(path)
            {
                cache::save_index_stamped(&stamp, &SearchIndex::build(&dataset));
            }
            Ok(dataset)
        }
    }
}

/// The search index of the data: from the cache when it describes the file as it is now,
/// else built from the parsed file and written to the cache.
pub fn load_index(source: &Source) -> Result<SearchIndex, String> {
    match source {
        Source::Builtin => Ok(SearchIndex::build(&builtin()?)),
        Source::File(path) => {
            if let Some(index) = cache::load_index(path) {
                return Ok(index);
            }
            let stamp = cache::Stamp::of(path);
            let dataset = store::load(path, &|_| {}).map_err(load_message)?.dataset;
            let index = SearchIndex::build(&dataset);
            if let Some(stamp) = stamp {
                cache::save_index_stamped(&stamp, &index);
            }
            Ok(index)
        }
    }
}
