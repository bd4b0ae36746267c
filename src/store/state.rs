//! Reading positions, kept in a small file of their own so scrolling never rewrites the
//! annotations file.
//!
//! The file is `.<annotations file name>.state` (e.g. `.essays.json.state`): a name that
//! no source's annotations file can have (those end in `.json`). It says it is ours with a
//! `"marginalia"` field, and is only ever written where nothing stands or where a file of
//! ours stands: never through a symlink, never over a file marginalia did not make.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::regular::read_regular;
use super::{StoreError, atomic, error, names, to_pretty_json};

/// The value of the `"marginalia"` field that marks a file as our reading positions.
const MARKER: &str = "reading positions";

/// Where the reader was: caret per essay and the essays shown in the panes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    /// Caret offset (code points) per essay id.
    pub positions: BTreeMap<String, usize>,
    /// Essay ids shown in the left and right panes last time.
    #[serde(default)]
    pub shown: Vec<String>,
    /// The offset of the top line of the view per essay id (files before it: none, and
    /// the view follows the caret).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tops: BTreeMap<String, usize>,
    /// The pane that had the keyboard: `left`, `right` or `notes` (none: the left).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// The reader's marks (`m{a-z}`) per essay id: letter to caret offset (code points).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub marks: BTreeMap<String, BTreeMap<char, usize>>,
}

/// The state file as written: the marker, then the state.
#[derive(Serialize, Deserialize)]
struct Marked {
    marginalia: String,
    #[serde(flatten)]
    state: ReadingState,
}

/// The state file of versions before the marker (`.<stem>.state.json`): exactly these
/// fields, so that no other kind of file passes for one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Unmarked {
    positions: BTreeMap<String, usize>,
    #[serde(default)]
    shown: Vec<String>,
}

/// Path of the state file next to an annotations file: `<dir>/.<name>.state` (a long name
/// shortened with a hash).
pub fn state_path(annotations: &Path) -> PathBuf {
    let name = annotations
        .file_name()
        .map_or_else(|| OsString::from("annotations.json"), |n| n.to_os_string());
    annotations.with_file_name(names::fitted(".", &name, ".state", 0))
}

/// Where versions before the marker kept the state: `<dir>/.<stem>.state.json`. Read once,
/// when there is no state file yet, and only if it is recognisably a state file.
fn old_state_path(annotations: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(
        annotations
            .file_stem()
            .unwrap_or_else(|| std::ffi::OsStr::new("annotations")),
    );
    name.push(".state.json");
    annotations.with_file_name(name)
}

/// Loads the reading state kept for the annotations file `annotations`; a missing,
/// unreadable or foreign state file gives the default (it is not precious).
pub fn load_state_of(annotations: &Path) -> ReadingState {
    let path = state_path(annotations);
    match read_regular(&path) {
        Ok(bytes) => marked(&path, &bytes).unwrap_or_default(),
        Err(_) => load_old(&old_state_path(annotations)).unwrap_or_default(),
    }
}

/// Saves the reading state kept for the annotations file `annotations`, atomically. Refuses
/// (with an error naming the file) to replace a symlink or a file that is not ours.
pub fn save_state_of(annotations: &Path, state: &ReadingState) -> Result<(), StoreError> {
    save_state(&state_path(annotations), state)
}

/// Loads the state file at `path`; a missing, unreadable or foreign one gives the default.
pub fn load_state(path: &Path) -> ReadingState {
    read_regular(path)
        .ok()
        .and_then(|bytes| marked(path, &bytes))
        .unwrap_or_default()
}

/// Saves the state file at `path` atomically, like [`super::save`], but only where nothing
/// stands or a state file of ours does: a symlink there, or any other file, is left as it
/// is and the save refused.
pub fn save_state(path: &Path, state: &ReadingState) -> Result<(), StoreError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refused(path, "it is a symbolic link"));
        }
        Ok(meta) if !meta.is_file() => return Err(refused(path, "it is not a file")),
        Ok(_) => {
            let ours = read_regular(path)
                .ok()
                .is_some_and(|bytes| marked(path, &bytes).is_some());
            if !ours {
                return Err(refused(path, "it is not a marginalia state file"));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(path, "look at", e)),
    }
    let marked = Marked {
        marginalia: MARKER.into(),
        state: state.clone(),
    };
    let bytes = to_pretty_json(path, &marked)?;
    atomic::write_atomic(path, &bytes, atomic::Onto::Entry)
}

/// Removes temporary files an interrupted save of the state file left (see
/// [`super::clean_stale_temps`]); a symlink at the state path is not followed.
pub fn clean_stale_state_temps(annotations: &Path) -> usize {
    atomic::clean_stale_temps_here(&state_path(annotations))
}

fn refused(path: &Path, why: &str) -> StoreError {
    StoreError::io(
        path,
        "overwrite",
        std::io::Error::other(format!("{why}; left as it is")),
    )
}

/// The state in `bytes`, if they are a state file with our marker.
fn marked(path: &Path, bytes: &[u8]) -> Option<ReadingState> {
    error::parse::<Marked>(path, bytes)
        .ok()
        .filter(|m| m.marginalia == MARKER)
        .map(|m| m.state)
}

/// The state in the old-style file at `path`, if it is a plain file of exactly that shape.
fn load_old(path: &Path) -> Option<ReadingState> {
    if !std::fs::symlink_metadata(path).ok()?.is_file() {
        return None;
    }
    let bytes = read_regular(path).ok()?;
    let old: Unmarked = error::parse(path, &bytes).ok()?;
    Some(ReadingState {
        positions: old.positions,
        shown: old.shown,
        ..ReadingState::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ReadingState {
        ReadingState {
            positions: BTreeMap::from([("b-essay".into(), 42), ("a-essay".into(), 7)]),
            shown: vec!["a-essay".into(), "b-essay".into()],
            tops: BTreeMap::from([("a-essay".into(), 3)]),
            focus: Some("right".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_file_without_tops_or_focus_still_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = state_path(&dir.path().join("essays.json"));
        std::fs::write(
            &path,
            b"{\"marginalia\": \"reading positions\", \"positions\": {\"a\": 3}, \"shown\": [\"a\"]}",
        )
        .unwrap();
        let state = load_state(&path);
        assert_eq!(state.positions["a"], 3);
        assert!(state.tops.is_empty());
        assert_eq!(state.focus, None);
    }

    #[test]
    fn state_path_sits_next_to_the_annotations() {
        assert_eq!(
            state_path(Path::new("annotations/essays.json")),
            PathBuf::from("annotations/.essays.json.state")
        );
    }

    #[test]
    fn no_source_has_the_state_file_as_its_annotations_file() {
        // The old name was the annotations file of a source called `.essays.state.txt`.
        let state = state_path(&super::super::default_path(
            Path::new("."),
            Path::new("essays.txt"),
        ));
        let name = state.file_name().unwrap().to_str().unwrap();
        assert!(!name.ends_with(".json"), "{name}");
    }

    #[test]
    fn round_trip_and_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = state_path(&dir.path().join("essays.json"));
        assert_eq!(load_state(&path), ReadingState::default());
        save_state(&path, &sample()).unwrap();
        assert_eq!(load_state(&path), sample());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("{\n  \"marginalia\": \"reading positions\",\n"),
            "{text}"
        );
        std::fs::write(&path, b"{\"positions\": {\"a\": -1}").unwrap();
        assert_eq!(load_state(&path), ReadingState::default());
        std::fs::write(
            &path,
            b"{\"marginalia\": \"reading positions\", \"positions\": {\"a\": 3}}",
        )
        .unwrap();
        assert_eq!(load_state(&path).positions["a"], 3);
    }

    #[test]
    fn marks_round_trip_and_a_file_without_them_has_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = state_path(&dir.path().join("essays.json"));
        let mut state = sample();
        state.marks = BTreeMap::from([("a-essay".into(), BTreeMap::from([('a', 12), ('z', 3)]))]);
        save_state(&path, &state).unwrap();
        assert_eq!(load_state(&path), state);
        save_state(&path, &sample()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("marks"), "no marks, no field: {text}");
        assert!(load_state(&path).marks.is_empty());
    }

    #[test]
    fn a_file_that_is_not_ours_is_neither_read_nor_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = state_path(&dir.path().join("essays.json"));
        for foreign in [
            &b"export PATH=$HOME/bin:$PATH\n"[..],
            b"{\"positions\": {\"a\": 3}}",
            b"{\"marginalia\": \"something else\", \"positions\": {}}",
        ] {
            std::fs::write(&path, foreign).unwrap();
            assert_eq!(load_state(&path), ReadingState::default());
            let err = save_state(&path, &sample()).unwrap_err();
            assert!(
                err.to_string().contains("not a marginalia state file"),
                "{err}"
            );
            assert_eq!(std::fs::read(&path).unwrap(), foreign);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        let bashrc = home.join(".bashrc");
        let path = state_path(&dir.path().join("annotations/essays.json"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink("../home/.bashrc", &path).unwrap();
        // Dangling, then pointing at a file, even at a state file of ours.
        assert!(save_state(&path, &sample()).is_err());
        assert!(!bashrc.exists(), "created through the link");
        std::fs::write(&bashrc, b"alias ll='ls -l'\n").unwrap();
        let err = save_state(&path, &sample()).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read(&bashrc).unwrap(), b"alias ll='ls -l'\n");
        assert!(std::fs::symlink_metadata(&path).unwrap().is_symlink());
    }

    #[test]
    fn the_old_state_file_is_read_when_it_is_recognisably_ours() {
        let dir = tempfile::tempdir().unwrap();
        let annotations = dir.path().join("essays.json");
        let old = old_state_path(&annotations);
        assert!(old.ends_with(".essays.state.json"));
        std::fs::write(&old, b"{\"positions\": {\"a\": 3}, \"shown\": [\"a\"]}").unwrap();
        assert_eq!(load_state_of(&annotations).positions["a"], 3);
        // The annotations file of a source called `.essays.state.txt` is not a state file.
        std::fs::write(
            &old,
            b"{\"version\":1,\"source\":\".essays.state.txt\",\"essays\":[],\"annotations\":[],\"positions\":{}}",
        )
        .unwrap();
        assert_eq!(load_state_of(&annotations), ReadingState::default());
        // Once there is a new state file, the old one is not read.
        std::fs::write(&old, b"{\"positions\": {\"a\": 3}}").unwrap();
        save_state_of(&annotations, &sample()).unwrap();
        assert_eq!(load_state_of(&annotations), sample());
        assert_eq!(
            std::fs::read(&old).unwrap(),
            b"{\"positions\": {\"a\": 3}}",
            "the old file is left alone"
        );
    }

    #[test]
    fn the_state_of_a_long_name_can_be_saved() {
        let dir = tempfile::tempdir().unwrap();
        let annotations = dir.path().join(format!("{}.json", "s".repeat(250)));
        save_state_of(&annotations, &sample()).unwrap();
        assert_eq!(load_state_of(&annotations), sample());
    }
}
