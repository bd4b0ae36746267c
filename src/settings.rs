//! The reader's own settings (text measure, light or dark, names of the colours), kept
//! per user.

pub mod colours;
pub mod theme;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use colours::ColourNames;
use theme::Palette;

/// Settings that follow the reader from file to file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Settings {
    /// The widest a line of essay text may be, in columns (none: the pane's width).
    #[serde(default)]
    pub measure: Option<u16>,
    /// Light or dark.
    #[serde(default)]
    pub palette: Palette,
    /// Whether the essays' body paragraphs show their numbers in the margin (`#`).
    #[serde(default)]
    pub paragraph_numbers: bool,
    /// The reader's names of the highlight colours (`"yellow": "claim"`).
    #[serde(default, skip_serializing_if = "ColourNames::is_empty")]
    pub colours: ColourNames,
}

/// Where the settings live: `$XDG_CONFIG_HOME/marginalia/settings.json`, else
/// `~/.config/marginalia/settings.json`.
pub fn path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("marginalia").join("settings.json"))
}

/// Reads the settings; a missing or unreadable file gives the defaults. Colour names
/// that cannot be used are an error naming the file, not dropped: the next save of the
/// settings would lose them.
pub fn load(path: &Path) -> Result<Settings, SettingsError> {
    // Only a regular file is read: a FIFO in its place must not hang the start.
    let Some(mut value) = crate::store::read_regular(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
    else {
        return Ok(Settings::default());
    };
    let bad = |why: String| SettingsError::Colours {
        path: path.to_path_buf(),
        why,
    };
    let colours = match value.as_object_mut().and_then(|o| o.remove("colours")) {
        None => ColourNames::default(),
        Some(v) => serde_json::from_value::<ColourNames>(v).map_err(|_| {
            bad("colours: give each colour a name as text, as in \"yellow\": \"claim\"".into())
        })?,
    };
    colours.check().map_err(bad)?;
    let settings: Settings = serde_json::from_value(value).unwrap_or_default();
    Ok(Settings {
        colours,
        ..settings
    })
}

/// Why the settings were not saved; the message names the file and the step.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The settings could not be turned into JSON.
    #[error("{}: cannot serialise the settings: {source}", path.display())]
    Serialise {
        /// The settings file.
        path: std::path::PathBuf,
        /// Why.
        source: serde_json::Error,
    },
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] crate::store::StoreError),
    /// The names given to the colours cannot be used.
    #[error("{}: {why}", path.display())]
    Colours {
        /// The settings file.
        path: std::path::PathBuf,
        /// What is wrong, and where in the file.
        why: String,
    },
}

/// Writes the settings atomically (as the annotations are: a symlink at `path` is followed).
pub fn save(path: &Path, settings: &Settings) -> Result<(), SettingsError> {
    let mut bytes =
        serde_json::to_vec_pretty(settings).map_err(|source| SettingsError::Serialise {
            path: path.to_path_buf(),
            source,
        })?;
    bytes.push(b'\n');
    crate::store::write_atomic(path, &bytes, crate::store::Onto::LinkedFile)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marginalia/settings.json");
        assert_eq!(load(&path).unwrap(), Settings::default());
        let s = Settings {
            measure: Some(64),
            palette: Palette::Light,
            paragraph_numbers: true,
            colours: ColourNames::new([(crate::annotation::Colour::Pink, "objection")]).unwrap(),
        };
        save(&path, &s).unwrap();
        assert_eq!(load(&path).unwrap(), s);
        std::fs::write(&path, "not json").unwrap();
        assert_eq!(load(&path).unwrap(), Settings::default());
    }

    #[test]
    fn colour_names_are_read_and_bad_ones_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"measure": 60, "colours": {"yellow": "claim"}}"#).unwrap();
        let s = load(&path).unwrap();
        assert_eq!(s.measure, Some(60));
        assert_eq!(s.colours.name(crate::annotation::Colour::Yellow), "claim");
        for (text, why) in [
            (
                r#"{"colours": {"green": ""}}"#,
                "colours.green: the name is empty",
            ),
            (
                r#"{"colours": {"blue": "a-very-long-name-for-a-colour"}}"#,
                "colours.blue: the name is 29 characters long; at most 20",
            ),
            (
                r#"{"colours": {"green": 3}}"#,
                "colours: give each colour a name as text",
            ),
            (
                r#"{"colours": {"red": "x"}}"#,
                "colours: no colour is called \"red\"",
            ),
        ] {
            std::fs::write(&path, text).unwrap();
            let err = load(&path).unwrap_err().to_string();
            assert!(
                err.starts_with(&format!("{}: {why}", path.display())),
                "{err}"
            );
            assert!(!err.contains('\n'), "{err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_the_settings_gives_the_defaults_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
        // Read on a thread: a regression would block on the FIFO for ever.
        let (tx, rx) = std::sync::mpsc::channel();
        let p = path.clone();
        std::thread::spawn(move || tx.send(load(&p)).unwrap());
        let loaded = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("loading the settings hung on a FIFO");
        assert_eq!(loaded.unwrap(), Settings::default());
    }
}
