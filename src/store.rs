//! The annotations file: its schema, loading with precise errors, and atomic saving.
//!
//! The file is the reader's data, so two rules shape this module:
//!
//! - Loading never writes. A file that cannot be read gives a [`StoreError`] naming the file,
//!   line, column and (for a wrong shape) the field, so the caller can refuse to overwrite it.
//! - Saving is atomic and durable (see [`save`]): a crash at any moment leaves either the old
//!   or the new file on disk, never a broken one.
//!
//! Fields this build does not know, at every level, are kept in `extra` maps and written back
//! after the known ones, so a file from a newer version survives a load and save.

mod atomic;
mod error;
mod ids;
mod landed;
mod lock;
mod merge;
mod names;
pub mod recovery;
mod regular;
mod scan;
mod state;
mod unique;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::annotation::{Annotation, Link};
use crate::essay::Essay;

#[cfg(test)]
pub(crate) use atomic::take_steps;
pub use atomic::{Onto, clean_stale_temps, write_atomic};
pub use error::StoreError;
pub use ids::{DocId, IdSource, SourceId, Stamp, now, random_seed};
pub use landed::{Landed, Landing};
pub use lock::{HELD, Lock, LockError, acquire, keep, lock_path};
pub use merge::{DiskState, Saved, load_disk, merge, save_merging, save_merging_owned};
pub(crate) use regular::read_regular;
pub use scan::{Scanned, scan, scan_disk};
pub use state::{
    ReadingState, clean_stale_state_temps, load_state, load_state_of, save_state, save_state_of,
    state_path,
};
pub use unique::{Entry, Twins};

/// The file format version this build writes and fully understands.
pub const FORMAT_VERSION: u32 = 1;

/// One essay as recorded in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EssayRecord {
    /// Stable essay id (derived from its title).
    pub id: String,
    /// The essay's title as shown.
    pub title: String,
    /// Fingerprint of the essay text when the file was last saved.
    pub fingerprint: String,
    /// Fields written by a newer version, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl EssayRecord {
    /// The record of `essay` as it is now, with no extra fields.
    pub fn of(essay: &Essay) -> EssayRecord {
        EssayRecord {
            id: essay.id.clone(),
            title: essay.title.clone(),
            fingerprint: essay.fingerprint.clone(),
            extra: Map::new(),
        }
    }
}

/// The whole annotations file.
///
/// Key order in JSON: `version`, `source`, `essays`, `annotations`, then unknown fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnotationFile {
    /// Format version the file was written with.
    pub version: u32,
    /// The source file name, as given on the command line.
    pub source: String,
    /// The essays of the source file.
    pub essays: Vec<EssayRecord>,
    /// Annotations, in creation order.
    pub annotations: Vec<Annotation>,
    /// Links between highlights, in creation order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Fields written by a newer version, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AnnotationFile {
    /// An empty file of the current version for the given source file name.
    pub fn new(source: String) -> Self {
        AnnotationFile {
            version: FORMAT_VERSION,
            source,
            essays: Vec::new(),
            annotations: Vec::new(),
            links: Vec::new(),
            extra: Map::new(),
        }
    }

    /// Whether the file was written by a newer version than this build (open it read-only).
    pub fn is_newer(&self) -> bool {
        self.version > FORMAT_VERSION
    }
}

/// Reads the annotations file at `path`; `Ok(None)` if it does not exist.
///
/// Never modifies the file. A file from a newer version still loads if its shape is readable
/// (check [`AnnotationFile::is_newer`]), and unknown fields anywhere are kept.
pub fn load(path: &Path) -> Result<Option<AnnotationFile>, StoreError> {
    let bytes = match regular::read_regular(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, "read", e)),
    };
    parse_checked(path, &bytes).map(Some)
}

/// Parses an annotations file and checks that its ids are unique.
fn parse_checked(path: &Path, bytes: &[u8]) -> Result<AnnotationFile, StoreError> {
    let file = error::parse(path, bytes)?;
    unique::check(path, bytes, &file)?;
    Ok(file)
}

/// Writes `file` to `path` atomically and durably.
///
/// The JSON (pretty, 2-space indent, trailing newline) goes to a temporary file
/// `.<name>.tmp-XXXXXX` in the same folder (a long name shortened with a hash), which is
/// flushed and synced, given the old file's
/// permissions, renamed over the target, and the folder synced. If `path` is a symlink, the
/// file it points to is replaced and the link kept. A missing parent folder is created. On any
/// failure the old file is untouched, the temporary file is removed, and the error names the
/// path and the step that failed.
pub fn save(path: &Path, file: &AnnotationFile) -> Result<(), StoreError> {
    let bytes = to_pretty_json(path, file)?;
    atomic::write_atomic(path, &bytes, Onto::LinkedFile)
}

/// Why the annotations file at `path` (or the file a symlink there points to) must not be
/// written: it is marked read-only, with no write permission for anyone. `None` when it may
/// be written or does not exist.
///
/// The mode bits are looked at rather than asked of the system, since for root they do not
/// stop a write.
pub fn marked_read_only(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode();
        (mode & 0o222 == 0)
            .then(|| format!("the file is marked read-only (mode {:o})", mode & 0o7777))
    }
    #[cfg(not(unix))]
    {
        let meta = std::fs::metadata(path).ok()?;
        meta.permissions()
            .readonly()
            .then(|| "the file is marked read-only".to_string())
    }
}

/// Default annotations path for a source file: `<base>/annotations/<source file stem>.json`
/// (a stem too long for that name shortened with a hash).
pub fn default_path(base: &Path, source: &Path) -> PathBuf {
    let stem: OsString = source
        .file_stem()
        .map(|s| s.to_os_string())
        .unwrap_or_else(|| OsString::from("annotations"));
    base.join("annotations")
        .join(names::fitted("", &stem, ".json", 0))
}

/// Serialises pretty (2-space indent) with a trailing newline.
fn to_pretty_json<T: Serialize>(path: &Path, value: &T) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| {
        StoreError::io(
            path,
            "serialise",
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_path_uses_the_stem() {
        assert_eq!(
            default_path(
                Path::new("/home/r"),
                Path::new("../shared/essays/essays.txt")
            ),
            PathBuf::from("/home/r/annotations/essays.json")
        );
        assert_eq!(
            default_path(Path::new("."), Path::new("notes")),
            PathBuf::from("./annotations/notes.json")
        );
    }

    #[test]
    fn default_path_of_a_long_name_fits() {
        // The longest name a file system takes, with a short extension: its stem and
        // `.json` would pass the limit.
        let source = format!("{}.md", "q".repeat(252));
        let path = default_path(Path::new("."), Path::new(&source));
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= names::NAME_MAX, "{} bytes", name.len());
        assert!(name.starts_with("qqq") && name.ends_with(".json"), "{name}");
    }

    #[test]
    fn new_file_is_current_version() {
        let f = AnnotationFile::new("essays.txt".into());
        assert_eq!(f.version, FORMAT_VERSION);
        assert!(!f.is_newer());
        assert!(AnnotationFile { version: 2, ..f }.is_newer());
    }

    #[test]
    fn empty_file_json_has_key_order() {
        let bytes = to_pretty_json(Path::new("x"), &AnnotationFile::new("e.txt".into())).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "{\n  \"version\": 1,\n  \"source\": \"e.txt\",\n  \"essays\": [],\n  \"annotations\": []\n}\n"
        );
    }

    #[test]
    fn a_link_within_the_file_has_no_other_end_and_one_across_files_keeps_it() {
        let link = r#"{
      "id": "k-1",
      "from": "a-1",
      "to": "a-2",
      "relation": "supports",
      "created": "2026-01-01T00:00:00Z",
      "modified": "2026-01-01T00:00:00Z"
    }"#;
        let text = format!(
            "{{\n  \"version\": 1,\n  \"source\": \"e.txt\",\n  \"essays\": [],\n  \"annotations\": [],\n  \"links\": [\n    {link}\n  ]\n}}\n"
        );
        let file: AnnotationFile = serde_json::from_str(&text).unwrap();
        assert_eq!(file.links[0].other, None);
        // An old file's link is written back byte for byte.
        let bytes = to_pretty_json(Path::new("x"), &file).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), text);
        // A link to another file: its other end, and fields unknown to this build, kept.
        let across = link.replace(
            "\"relation\"",
            r#""other": {
        "source": "b.txt",
        "path": "/texts/b.txt",
        "essay": { "id": "b", "title": "B", "fingerprint": "sha256:0", "later": 1 },
        "highlight": "a-2",
        "anchor": {
          "quote": "q", "prefix": "", "suffix": "", "start": 0, "end": 1,
          "fingerprint": "sha256:0"
        },
        "kind": "new"
      },
      "relation""#,
        );
        let file: AnnotationFile = serde_json::from_str(&text.replace(link, &across)).unwrap();
        let other = file.links[0].other.clone().unwrap();
        assert_eq!(
            (other.source.as_str(), other.highlight.as_str()),
            ("b.txt", "a-2")
        );
        assert_eq!(other.essay.extra["later"], 1);
        assert_eq!(other.extra["kind"], "new");
        assert_eq!(file.links[0].local_ends().collect::<Vec<_>>(), ["a-1"]);
        let again: AnnotationFile =
            serde_json::from_slice(&to_pretty_json(Path::new("x"), &file).unwrap()).unwrap();
        assert_eq!(again, file);
    }
}
