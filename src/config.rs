//! The user's settings: `$XDG_CONFIG_HOME/htx/config.ron` (by default
//! `~/.config/htx/config.ron`). Every setting is optional; a missing file means the defaults.
//!
//! ```ron
//! (
//!     // Save by itself after this many seconds without a key press while there are unsaved
//!     // edits. Left out (the default): only `s` saves.
//!     autosave_seconds: Some(120),
//! )
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::store::Position;

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub autosave_seconds: Option<u32>,
}

/// Where the config file is looked for.
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "htx").map(|dirs| dirs.config_dir().join("config.ron"))
}

/// Reads the config at `path`; a missing file gives the defaults. A broken file is an error
/// `FILE:LINE:COLUMN: message`, like a data file.
pub fn load(path: &Path) -> Result<Config, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(err) => return Err(format!("{}: cannot read: {err}", path.display())),
    };
    let config: Config = ron::Options::default().from_str(&text).map_err(|err| {
        let at = Position {
            line: err.span.start.line.max(1),
            column: err.span.start.col.max(1),
        };
        format!(
            "{}:{}:{}: {} (in the config file)",
            path.display(),
            at.line,
            at.column,
            err.code
        )
    })?;
    if config.autosave_seconds == Some(0) {
        return Err(format!(
            "{}: autosave_seconds must be at least 1 (leave it out to turn autosave off)",
            path.display()
        ));
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_empty_and_set_configs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        assert_eq!(load(&path).unwrap(), Config::default());
        std::fs::write(&path, "()").unwrap();
        assert_eq!(load(&path).unwrap(), Config::default());
        std::fs::write(&path, "// comment\n(autosave_seconds: Some(90))").unwrap();
        assert_eq!(load(&path).unwrap().autosave_seconds, Some(90));
    }

    #[test]
    fn broken_configs_say_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        std::fs::write(&path, "(\n  autosave: 3,\n)").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.contains("config.ron:2:3"), "{err}");
        std::fs::write(&path, "(autosave_seconds: Some(0))").unwrap();
        assert!(load(&path).is_err());
    }
}
