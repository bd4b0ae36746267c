//! Atomic, durable replacement of a file, and cleanup after interrupted saves.
//!
//! The new contents go to `.<name>.tmp-XXXXXX` in the target's folder (same file system, so
//! the rename is atomic), are synced to disk, and only then renamed over the target.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::StoreError;

/// Temporary files older than this are leftovers of an interrupted save.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// How many symlinks to follow before giving up (as Linux's `MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

/// Replaces the file at `path` (or the file a symlink at `path` points to) with `bytes`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic_with(path, bytes, |file, bytes| file.write_all(bytes))
}

/// [`write_atomic`] with the step that writes the bytes supplied, so tests can make it fail.
fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), StoreError> {
    let target = resolve_links(path).map_err(|e| StoreError::io(path, "follow link", e))?;
    let (dir, name) = split(&target).ok_or_else(|| {
        let e = io::Error::new(io::ErrorKind::InvalidInput, "not a file name");
        StoreError::io(path, "write", e)
    })?;
    fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, "create folder", e))?;
    let old = fs::metadata(&target).ok();

    let prefix = temp_prefix(&name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Like any newly created file: 0o666 less the umask. An old file's mode replaces it.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(&dir)
        .map_err(|e| StoreError::io(path, "create temporary file for", e))?;

    // From here on, dropping `temp` on an early return removes the temporary file.
    write(temp.as_file_mut(), bytes).map_err(|e| StoreError::io(path, "write", e))?;
    temp.as_file_mut()
        .flush()
        .map_err(|e| StoreError::io(path, "write", e))?;
    if let Some(old) = &old {
        temp.as_file()
            .set_permissions(old.permissions())
            .map_err(|e| StoreError::io(path, "keep permissions of", e))?;
        keep_owner(temp.as_file(), old);
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| StoreError::io(path, "sync", e))?;
    temp.persist(&target)
        .map_err(|e| StoreError::io(path, "rename temporary file onto", e.error))?;
    sync_dir(&dir).map_err(|e| StoreError::io(&dir, "sync folder", e))
}

/// Follows symlinks at `path` to the file they finally name (which may not exist yet).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// The folder (`.` for a bare name) and file name of `path`.
fn split(path: &Path) -> Option<(PathBuf, OsString)> {
    let name = path.file_name()?.to_os_string();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some((dir, name))
}

/// `.<name>.tmp-`, the start of every temporary file name for `name`.
fn temp_prefix(name: &std::ffi::OsStr) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(".tmp-");
    prefix
}

/// Gives the new file the old file's owner, when allowed (as root editing a user's file).
#[cfg(unix)]
fn keep_owner(file: &File, old: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Best effort: an ordinary user may not change the group or owner, and that is fine.
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _old: &fs::Metadata) {}

/// Makes a rename in `dir` durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Removes temporary files (`.<name>.tmp-*`, older than a minute) that an interrupted save
/// left next to the file at `path`; returns how many were removed.
///
/// Only temporary files of `path` itself are touched; call it for the state file too.
pub fn clean_stale_temps(path: &Path) -> usize {
    let target = resolve_links(path).unwrap_or_else(|_| path.to_path_buf());
    let Some((dir, name)) = split(&target) else {
        return 0;
    };
    let prefix = temp_prefix(&name);
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    let now = SystemTime::now();
    entries
        .flatten()
        .filter(|entry| {
            let file_name = entry.file_name();
            file_name
                .as_encoded_bytes()
                .starts_with(prefix.as_encoded_bytes())
                && file_name.len() > prefix.len()
        })
        .filter(|entry| {
            // `DirEntry::metadata` does not follow symlinks: only plain files are removed.
            entry.metadata().is_ok_and(|meta| {
                meta.is_file()
                    && meta
                        .modified()
                        .ok()
                        .and_then(|m| now.duration_since(m).ok())
                        .is_some_and(|age| age > STALE_AFTER)
            })
        })
        .filter(|entry| fs::remove_file(entry.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn failed_write_leaves_old_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.json");
        fs::write(&path, b"old contents\n").unwrap();
        let e = write_atomic_with(&path, b"new contents, much longer\n", |f, b| {
            f.write_all(&b[..4])?;
            Err(io::Error::from_raw_os_error(28)) // ENOSPC
        })
        .unwrap_err();
        assert_eq!(fs::read(&path).unwrap(), b"old contents\n");
        assert_eq!(names(dir.path()), ["e.json"]);
        let msg = e.to_string();
        assert!(
            msg.starts_with(&format!("{}: cannot write: ", path.display())),
            "{msg}"
        );
    }

    #[test]
    fn failed_rename_onto_a_folder_leaves_it_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.json");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), b"x").unwrap();
        let e = write_atomic(&path, b"{}\n").unwrap_err();
        assert!(matches!(e, StoreError::Io { action, .. } if action.starts_with("rename")));
        assert_eq!(names(dir.path()), ["e.json"]);
        assert_eq!(fs::read(path.join("inside")).unwrap(), b"x");
    }

    #[test]
    fn creates_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/e.json");
        write_atomic(&path, b"{}\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}\n");
        assert_eq!(names(&dir.path().join("a/b")), ["e.json"]);
    }

    #[test]
    fn resolves_chains_of_relative_links() {
        #[cfg(unix)]
        {
            let dir = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink("b", dir.path().join("a")).unwrap();
            std::os::unix::fs::symlink("sub/c", dir.path().join("b")).unwrap();
            let resolved = resolve_links(&dir.path().join("a")).unwrap();
            assert_eq!(resolved, dir.path().join("sub/c"));
            std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
            assert!(resolve_links(&dir.path().join("loop")).is_err());
        }
    }

    #[test]
    fn split_bare_name() {
        assert_eq!(
            split(Path::new("e.json")),
            Some((PathBuf::from("."), OsString::from("e.json")))
        );
        assert_eq!(split(Path::new("/")), None);
    }
}
