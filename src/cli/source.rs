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

/// Writes the cache of a file read under `stamp`, with its search index: so a later `htx find`
/// reads only the index, and the full screen starts without parsing.
fn save_cache(opened: &cache::Opened, index: &SearchIndex) {
    let loaded = &opened.loaded;
    if let (Some(stamp), Some(fingerprint)) = (&opened.stamp, &loaded.fingerprint) {
        cache::save(
            stamp,
            &cache::Contents {
                dataset: &loaded.dataset,
                fingerprint,
                normalized: loaded.normalized,
                orders: opened.orders.as_ref(),
                search: Some(index),
            },
        );
    }
}

/// The data, from the file's cache when it is current, else parsed; a file read from its text
/// also gets its cache written, if that is not current, so a later lookup is fast.
pub fn load_dataset(source: &Source) -> Result<Dataset, String> {
    match source {
        Source::Builtin => builtin(),
        Source::File(path) => {
            let opened = cache::open(path, &|_| {}).map_err(load_message)?;
            if !opened.cached && !cache::is_fresh(path) {
                save_cache(&opened, &SearchIndex::build(&opened.loaded.dataset));
            }
            Ok(opened.loaded.dataset)
        }
    }
}

/// The search index of the data: from the cache when it describes the file as it is now,
/// else built from the data (itself from the cache, or parsed) and written to the cache.
pub fn load_index(source: &Source) -> Result<SearchIndex, String> {
    match source {
        Source::Builtin => Ok(SearchIndex::build(&builtin()?)),
        Source::File(path) => {
            if let Some(index) = cache::load_index(path) {
                return Ok(index);
            }
            let opened = cache::open(path, &|_| {}).map_err(load_message)?;
            let index = SearchIndex::build(&opened.loaded.dataset);
            save_cache(&opened, &index);
            Ok(index)
        }
    }
}
