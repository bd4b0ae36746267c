//! Recovery copies and note drafts: what could not be saved when marginalia stopped, kept in
//! files the next start finds and offers back.
//!
//! Both are annotations files in the usual format. A recovery copy holds the whole file as
//! it should have been; a draft holds the one annotation (or link) whose note was being
//! written. They are written beside the annotations file when its folder takes them, else
//! in a fallback folder (`$XDG_STATE_HOME/marginalia/recovery/`, `~/.local/state/…`, or the
//! temporary folder). Their names never end in `.json`, so no source's annotations file
//! (always `<stem>.json`) can be one of them, and they start with the annotations file's name
//! so each belongs to exactly one:
//!
//! - beside it: `<name>.recovery-<time>` and `<name>.draft-<time>`;
//! - elsewhere: `<name>.<hash of its absolute path>.recovery-<time>` (and `.draft-`).
//!
//! A copy the reader sets aside is renamed to `….set-aside` and no longer offered.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::{AnnotationFile, StoreError, atomic, to_pretty_json};

/// Which kind of kept file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The whole annotations file, written when a save had failed.
    Recovery,
    /// The note being written when marginalia stopped.
    Draft,
}

impl Kept {
    fn tag(self) -> &'static str {
        match self {
            Kept::Recovery => "recovery",
            Kept::Draft => "draft",
        }
    }
}

/// The suffix of a kept file the reader set aside.
const SET_ASIDE: &str = ".set-aside";

/// The longest file name written: room is left for the temporary file's `.` and `.tmp-XXXXXX`.
const MAX_NAME: usize = 200;

/// Folders tried, in order, when the annotations file's own folder does not take a file.
pub fn fallback_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(state) = std::env::var_os("XDG_STATE_HOME").filter(|v| !v.is_empty()) {
        dirs.push(PathBuf::from(state).join("marginalia").join("recovery"));
    } else if let Some(home) = std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        dirs.push(
            PathBuf::from(home)
                .join(".local/state")
                .join("marginalia")
                .join("recovery"),
        );
    }
    dirs.push(std::env::temp_dir().join("marginalia-recovery"));
    dirs
}

/// The start of every kept file's name for `annotations` of `kind`, beside it (`None`) or in
/// a fallback folder (`Some(())`, where the name carries a hash of the absolute path).
fn prefix(annotations: &Path, kind: Kept, elsewhere: bool) -> String {
    let name = annotations.file_name().map_or_else(
        || "annotations".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let absolute = std::path::absolute(annotations).unwrap_or_else(|_| annotations.into());
    let digest = format!(
        "{:x}",
        Sha256::digest(absolute.as_os_str().as_encoded_bytes())
    );
    let hash = &digest[..16];
    // Room for `.<hash>.recovery-<time>` (time: 20260101T000000.000Z) within MAX_NAME.
    let room = MAX_NAME - 64;
    let stem = if name.len() > room {
        format!("{}~{hash}", &name[..name.floor_char_boundary(room - 17)])
    } else {
        name
    };
    if elsewhere {
        format!("{stem}.{hash}.{}-", kind.tag())
    } else {
        format!("{stem}.{}-", kind.tag())
    }
}

/// Writes `file` as a kept file of `kind` for `annotations`, atomically: beside it when its
/// folder takes it, else in the first fallback folder that does. Returns where it went, or
/// an error naming each place tried.
pub fn write(
    annotations: &Path,
    kind: Kept,
    file: &AnnotationFile,
    now: DateTime<Utc>,
) -> Result<PathBuf, StoreError> {
    write_in(annotations, kind, file, now, &fallback_dirs())
}

/// [`write`] with the fallback folders given.
fn write_in(
    annotations: &Path,
    kind: Kept,
    file: &AnnotationFile,
    now: DateTime<Utc>,
    fallbacks: &[PathBuf],
) -> Result<PathBuf, StoreError> {
    let time = now.format("%Y%m%dT%H%M%S%.3fZ").to_string();
    let beside = annotations.with_file_name(format!("{}{time}", prefix(annotations, kind, false)));
    let bytes = to_pretty_json(&beside, file)?;
    let mut errors = Vec::new();
    match atomic::write_atomic(&beside, &bytes, atomic::Onto::LinkedFile) {
        Ok(()) => {
            // As private as the annotations file it copies.
            if let Ok(meta) = fs::metadata(annotations) {
                let _ = fs::set_permissions(&beside, meta.permissions());
            }
            return Ok(beside);
        }
        Err(e) => errors.push(e.to_string()),
    }
    for dir in fallbacks {
        if let Err(e) = private_dir(dir) {
            errors.push(format!("{}: {e}", dir.display()));
            continue;
        }
        let path = dir.join(format!("{}{time}", prefix(annotations, kind, true)));
        match atomic::write_atomic(&path, &bytes, atomic::Onto::LinkedFile) {
            Ok(()) => return Ok(path),
            Err(e) => errors.push(e.to_string()),
        }
    }
    Err(StoreError::io(
        annotations,
        "keep a copy of",
        std::io::Error::other(errors.join("; ")),
    ))
}

/// Makes `dir` (and its missing parents) readable by its owner only, and checks that it is
/// a real folder of this user's: the notes in a copy are private, and a shared folder such as
/// the temporary one may hold a folder or link someone else put there.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    check_dir(dir)
}

/// Whether `dir` is a real folder of this user's, closed to others if in the temporary
/// folder: only such a fallback folder is written to or read from.
fn check_dir(dir: &Path) -> std::io::Result<()> {
    let meta = fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return Err(std::io::Error::other("not a folder"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // This process's user, where /proc tells it.
        if let Ok(me) = fs::metadata("/proc/self")
            && me.uid() != meta.uid()
        {
            return Err(std::io::Error::other("owned by another user"));
        }
        if meta.mode() & 0o077 != 0 && dir.starts_with(std::env::temp_dir()) {
            return Err(std::io::Error::other("open to other users"));
        }
    }
    Ok(())
}

/// Every kept file of `kind` for `annotations` not set aside, oldest first.
pub fn find(annotations: &Path, kind: Kept) -> Vec<PathBuf> {
    find_in(annotations, kind, &fallback_dirs())
}

/// [`find`] with the fallback folders given.
fn find_in(annotations: &Path, kind: Kept, fallbacks: &[PathBuf]) -> Vec<PathBuf> {
    let mut places = vec![(
        annotations
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        prefix(annotations, kind, false),
    )];
    for dir in fallbacks.iter().filter(|d| check_dir(d).is_ok()) {
        places.push((dir.clone(), prefix(annotations, kind, true)));
    }
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for (dir, start) in places {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            let Some(time) = name.strip_prefix(&start) else {
                continue;
            };
            // Only a time follows: `a.json.recovery-1.recovery-<time>` is another file's.
            let is_time = time
                .chars()
                .all(|c| c.is_ascii_digit() || "T.Z".contains(c));
            if is_file && is_time && !time.is_empty() {
                let time = time.to_string();
                if !found.iter().any(|(_, p)| *p == entry.path()) {
                    found.push((time, entry.path()));
                }
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

/// Reads a kept file, checked as an annotations file is (twin ids are refused, naming
/// both: a merge by id would drop one). Never writes.
pub fn load(path: &Path) -> Result<AnnotationFile, StoreError> {
    let bytes = super::regular::read_regular(path).map_err(|e| StoreError::io(path, "read", e))?;
    super::parse_checked(path, &bytes)
}

/// Renames a kept file so it is no longer offered (it stays, as `….set-aside`).
pub fn set_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let mut name = path.as_os_str().to_os_string();
    name.push(SET_ASIDE);
    let to = PathBuf::from(name);
    fs::rename(path, &to).map_err(|e| StoreError::io(path, "set aside", e))?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(source: &str) -> AnnotationFile {
        AnnotationFile::new(source.into())
    }

    #[test]
    fn a_copy_with_twin_ids_is_refused_not_merged() {
        // Merging by id would keep one twin and the copy would then be removed: the other
        // twin's note lost. The copy is refused, naming both, and stays as it is.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("essays.json.recovery-20261130T051331.000Z");
        let twin = |quote: &str, note: &str| {
            serde_json::json!({
                "id": "a-0000000000000001", "essay": "e",
                "anchor": {"quote": quote, "prefix": "", "suffix": "", "start": 0,
                           "end": quote.chars().count(), "fingerprint": "sha256:x"},
                "colour": "yellow", "note": note,
                "created": "2026-11-27T19:40:00Z", "modified": "2026-11-27T19:41:12Z"
            })
        };
        let copy = serde_json::json!({
            "version": 1, "source": "essays.txt", "essays": [],
            "annotations": [twin("One.", "first"), twin("Two.", "second")]
        });
        let bytes = serde_json::to_vec_pretty(&copy).unwrap();
        fs::write(&path, &bytes).unwrap();
        let e = load(&path).unwrap_err().to_string();
        assert!(
            e.contains("annotations[0]") && e.contains("annotations[1]"),
            "{e}"
        );
        assert!(e.contains("a-0000000000000001"), "{e}");
        assert_eq!(fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn a_copy_is_written_beside_and_found_again() {
        let dir = tempfile::tempdir().unwrap();
        let annotations = dir.path().join("essays.json");
        let now = Utc::now();
        let none: [PathBuf; 0] = [];
        let path = write_in(&annotations, Kept::Recovery, &file("a.txt"), now, &none).unwrap();
        assert_eq!(path.parent(), Some(dir.path()));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("essays.json.recovery-"), "{name}");
        assert!(!name.ends_with(".json"), "{name} could be a source's file");
        assert_eq!(
            find_in(&annotations, Kept::Recovery, &none),
            vec![path.clone()]
        );
        assert!(find_in(&annotations, Kept::Draft, &none).is_empty());
        // Another annotations file in the same folder does not see it.
        let other = dir.path().join("essays.json.recovery");
        assert!(find_in(&other, Kept::Recovery, &none).is_empty());
        // Nor does it see theirs, though their names start alike.
        let other = dir.path().join("essays.json.recovery-1");
        let theirs = write_in(&other, Kept::Recovery, &file("b.txt"), now, &none).unwrap();
        assert_eq!(find_in(&other, Kept::Recovery, &none), vec![theirs]);
        assert_eq!(load(&path).unwrap(), file("a.txt"));
        let aside = set_aside(&path).unwrap();
        assert!(aside.is_file() && !path.exists());
        assert!(find_in(&annotations, Kept::Recovery, &none).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_takes_nothing_sends_the_copy_to_a_fallback_folder() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the folder should be: nothing can be written beside it.
        let blocked = dir.path().join("annotations");
        fs::write(&blocked, b"not a folder").unwrap();
        let annotations = blocked.join("essays.json");
        let fallbacks = [blocked.join("x"), dir.path().join("state")];
        let path = write_in(
            &annotations,
            Kept::Draft,
            &file("d.txt"),
            Utc::now(),
            &fallbacks,
        )
        .unwrap();
        assert!(path.starts_with(&fallbacks[1]), "{}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("essays.json."), "{name}");
        assert!(name.contains(".draft-"), "{name}");
        assert_eq!(find_in(&annotations, Kept::Draft, &fallbacks), vec![path]);
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&fallbacks[1]).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "the fallback folder is private");
        }
        // The same name in another folder is another file: not offered.
        let other = dir.path().join("other").join("essays.json");
        assert!(find_in(&other, Kept::Draft, &fallbacks).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_copy_beside_is_as_private_as_the_file_it_copies() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let annotations = dir.path().join("essays.json");
        fs::write(&annotations, b"{}").unwrap();
        fs::set_permissions(&annotations, fs::Permissions::from_mode(0o600)).unwrap();
        let path = write_in(&annotations, Kept::Recovery, &file("a"), Utc::now(), &[]).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_a_fallback_folder_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("blocked");
        fs::write(&blocked, b"not a folder").unwrap();
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let annotations = blocked.join("essays.json");
        let result = write_in(
            &annotations,
            Kept::Recovery,
            &file("a"),
            Utc::now(),
            &[link],
        );
        assert!(result.is_err(), "{result:?}");
        assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
    }

    #[test]
    fn long_names_stay_short_enough() {
        let dir = tempfile::tempdir().unwrap();
        let annotations = dir.path().join(format!("{}.json", "é".repeat(120)));
        let start = prefix(&annotations, Kept::Recovery, true);
        assert!(start.len() + 24 <= MAX_NAME, "{}", start.len());
        let fallbacks = [dir.path().join("state")];
        let path = write_in(
            &annotations,
            Kept::Recovery,
            &file("x"),
            Utc::now(),
            &fallbacks,
        )
        .unwrap();
        assert_eq!(
            find_in(&annotations, Kept::Recovery, &fallbacks),
            vec![path]
        );
    }
}
