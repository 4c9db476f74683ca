//! Where a user's files live, from the platform's conventions (`XDG_DATA_HOME` on Linux).

use std::path::PathBuf;

use directories::ProjectDirs;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "htx")
}

/// The dataset `htx` opens when given no file: `$XDG_DATA_HOME/htx/dataset.ron` on Linux.
/// `None` when the system names no home directory.
pub fn default_dataset() -> Option<PathBuf> {
    project().map(|dirs| dirs.data_dir().join("dataset.ron"))
}

/// Where the recovery journals of unsaved edits live: `$XDG_STATE_HOME/htx` on Linux, the
/// data directory elsewhere.
pub fn state_dir() -> Option<PathBuf> {
    project().map(|dirs| {
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_dir())
            .join("journals")
    })
}
