//! Reading positions, kept in a small file of their own so scrolling never rewrites the
//! annotations file.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StoreError, atomic, error, to_pretty_json};

/// Where the reader was: caret per essay and the essays shown in the panes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    /// Caret offset (code points) per essay id.
    pub positions: BTreeMap<String, usize>,
    /// Essay ids shown in the left and right panes last time.
    #[serde(default)]
    pub shown: Vec<String>,
}

/// Path of the state file next to an annotations file: `<dir>/.<stem>.state.json`.
pub fn state_path(annotations: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(
        annotations
            .file_stem()
            .unwrap_or_else(|| std::ffi::OsStr::new("annotations")),
    );
    name.push(".state.json");
    annotations.with_file_name(name)
}

/// Loads the state; a missing or unreadable state file gives the default (it is not precious).
pub fn load_state(path: &Path) -> ReadingState {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| error::parse(path, &bytes).ok())
        .unwrap_or_default()
}

/// Saves the state atomically, like [`super::save`].
pub fn save_state(path: &Path, state: &ReadingState) -> Result<(), StoreError> {
    let bytes = to_pretty_json(path, state)?;
    atomic::write_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_path_sits_next_to_the_annotations() {
        assert_eq!(
            state_path(Path::new("annotations/essays.json")),
            PathBuf::from("annotations/.essays.state.json")
        );
    }

    #[test]
    fn round_trip_and_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = state_path(&dir.path().join("essays.json"));
        assert_eq!(load_state(&path), ReadingState::default());
        let state = ReadingState {
            positions: BTreeMap::from([("b-essay".into(), 42), ("a-essay".into(), 7)]),
            shown: vec!["a-essay".into(), "b-essay".into()],
        };
        save_state(&path, &state).unwrap();
        assert_eq!(load_state(&path), state);
        std::fs::write(&path, b"{\"positions\": {\"a\": -1}").unwrap();
        assert_eq!(load_state(&path), ReadingState::default());
        std::fs::write(&path, b"{\"positions\": {\"a\": 3}}").unwrap();
        assert_eq!(load_state(&path).positions["a"], 3);
    }
}
