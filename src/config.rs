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

use crate::store::{Position, files};

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
/// `FILE:LINE:COLUMN: message`, like a data file; one that cannot be read (not a regular
/// file, too large, not UTF-8) is an error naming the path.
pub fn load(path: &Path) -> Result<Config, String> {
    let bytes = match files::read_regular(path, files::CONFIG_LIMIT) {
        Ok((bytes, _)) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(err) => return Err(format!("{}: cannot read: {err}", path.display())),
    };
    let text = String::from_utf8(bytes).map_err(|err| {
        format!(
            "{}: cannot read: invalid UTF-8 (byte {}); the config file must be UTF-8 text",
            path.display(),
            err.utf8_error().valid_up_to()
        )
    })?;
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
        std::fs::write(&path, b"(autosave_seconds: Some(9)) // \xff").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.starts_with(&format!("{}: ", path.display())), "{err}");
        assert!(err.contains("UTF-8"), "{err}");
    }

    /// `load(path)` on a thread, waited for at most ten seconds: a read that blocks fails the
    /// test instead of hanging it.
    fn load_within_seconds(path: &Path) -> Result<Config, String> {
        let (send, receive) = std::sync::mpsc::channel();
        let path = path.to_owned();
        std::thread::spawn(move || send.send(load(&path)));
        receive
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading the config blocked for ten seconds")
    }

    #[test]
    fn a_fifo_a_device_or_a_folder_is_an_error_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("config.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        for (path, what) in [
            (fifo.as_path(), "a FIFO"),
            (Path::new("/dev/zero"), "a device"),
            (dir.path(), "a directory"),
        ] {
            let err = load_within_seconds(path).unwrap_err();
            assert!(
                err.starts_with(&format!("{}: cannot read: {what}", path.display())),
                "{err}"
            );
        }
    }

    #[test]
    fn a_config_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(files::CONFIG_LIMIT + 1).unwrap();
        let err = load(&path).unwrap_err();
        assert!(
            err.starts_with(&format!("{}: cannot read: ", path.display())),
            "{err}"
        );
        assert!(err.contains("larger than"), "{err}");
    }
}
