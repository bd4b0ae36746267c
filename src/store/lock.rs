//! One writer per annotations file: a lock file next to it.
//!
//! The lock file is `.<name>.lock` next to the file the annotations path finally names
//! (symlinks followed), so two paths to one file share one lock. It is never created or
//! opened through a symlink. Before each save the lock is checked again ([`keep`]): if its
//! file was deleted or replaced (the folder removed while marginalia runs), it is taken
//! anew, and refused when another marginalia has taken it meanwhile.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;

use super::{atomic, names};

/// Why the lock is refused when another marginalia holds it.
pub const HELD: &str = "another marginalia has it open";

/// Holds the lock on an annotations file while alive. The operating system releases it
/// when the process ends, however it ends (even `kill -9`).
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

/// Why a lock could not be taken. Only [`LockError::Held`] means another marginalia: the
/// others say which file or folder could not be made or locked, and why.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another marginalia holds it ([`HELD`]).
    #[error("{}", HELD)]
    Held,
    /// The folder for the lock file is missing and could not be made.
    #[error("cannot make the folder {} for the lock file: {source}", dir.display())]
    Folder {
        /// The folder.
        dir: PathBuf,
        /// Why it could not be made.
        source: io::Error,
    },
    /// The lock file could not be made or opened (a read-only folder, a symlink there).
    #[error("cannot make the lock file {}: {source}", path.display())]
    File {
        /// The lock file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The lock file is there but the system would not lock it.
    #[error("cannot lock {}: {source}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// The lock file for an annotations file: `<dir>/.<name>.lock` next to the file the path
/// finally names (a long name shortened with a hash).
pub fn lock_path(annotations: &Path) -> PathBuf {
    let target = atomic::resolve_links(annotations).unwrap_or_else(|_| annotations.to_path_buf());
    let name = target
        .file_name()
        .map_or_else(|| "annotations.json".into(), |n| n.to_os_string());
    target.with_file_name(names::fitted(".", &name, ".lock", 0))
}

/// Takes the lock, or says why not: [`LockError::Held`] when another marginalia holds it,
/// another variant when the lock file cannot be made or locked (a read-only folder, a
/// symlink where the lock file goes). The folder is created if missing.
pub fn acquire(annotations: &Path) -> Result<Lock, LockError> {
    let path = lock_path(annotations);
    let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty());
    let made = dir.map_or(Ok(()), std::fs::create_dir_all);
    let file = open_no_follow(&path).map_err(|source| match (dir, made) {
        // The folder is missing: say why it could not be made.
        (Some(dir), Err(why)) if source.kind() == io::ErrorKind::NotFound => LockError::Folder {
            dir: dir.to_path_buf(),
            source: why,
        },
        _ => LockError::File {
            path: path.clone(),
            source,
        },
    })?;
    match FileExt::try_lock_exclusive(&file) {
        Ok(true) => Ok(Lock { file, path }),
        Ok(false) => Err(LockError::Held),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Err(LockError::Held),
        Err(source) => Err(LockError::Lock { path, source }),
    }
}

/// Makes sure `lock` still guards `annotations` before a save: when its file is gone or
/// was replaced, or there is no lock yet, takes it anew.
pub fn keep(lock: &mut Option<Lock>, annotations: &Path) -> Result<(), LockError> {
    if lock.as_ref().is_some_and(Lock::is_current) {
        return Ok(());
    }
    *lock = Some(acquire(annotations)?);
    Ok(())
}

impl Lock {
    /// Whether the lock file is still where it was taken (not deleted, not replaced).
    pub fn is_current(&self) -> bool {
        same_file(&self.file, &self.path)
    }
}

/// Opens (creating if missing) the lock file at `path` for locking, refusing a symlink
/// there, dangling or not.
fn open_no_follow(path: &Path) -> io::Result<File> {
    // O_CREAT with O_EXCL never follows a symlink: the common case of a new lock file.
    match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => return Ok(file),
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) => {}
    }
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(io::Error::other("it is a symbolic link"));
    }
    if !meta.is_file() {
        // A FIFO here would block the open below for ever; a folder cannot be locked.
        return Err(super::regular::not_regular());
    }
    // No O_CREAT here, so nothing can be created through a link swapped in meanwhile; and
    // the file opened must be the one looked at.
    let file = OpenOptions::new().write(true).open(path)?;
    if !same_file(&file, path) {
        return Err(io::Error::other("it changed while being opened"));
    }
    Ok(file)
}

/// Whether `path` (not followed) is the file `file` has open.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("annotations/e.json");
        let first = acquire(&path).unwrap();
        assert!(matches!(acquire(&path), Err(LockError::Held)));
        drop(first);
        assert!(acquire(&path).is_ok());
        assert!(lock_path(&path).ends_with("annotations/.e.json.lock"));
    }

    #[test]
    fn a_lock_whose_folder_was_deleted_is_taken_anew_before_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("annotations");
        let path = folder.join("e.json");
        let mut lock = Some(acquire(&path).unwrap());
        std::fs::remove_dir_all(&folder).unwrap();
        assert!(!lock.as_ref().unwrap().is_current());
        keep(&mut lock, &path).unwrap();
        assert!(lock_path(&path).is_file(), "the lock file is made again");
        assert!(matches!(acquire(&path), Err(LockError::Held)));
        // Kept again with nothing changed: the same lock.
        keep(&mut lock, &path).unwrap();
        assert!(lock.as_ref().unwrap().is_current());
    }

    #[test]
    fn a_lock_taken_by_another_while_the_folder_was_gone_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("annotations");
        let path = folder.join("e.json");
        let mut lock = Some(acquire(&path).unwrap());
        std::fs::remove_dir_all(&folder).unwrap();
        let _other = acquire(&path).unwrap();
        assert!(matches!(keep(&mut lock, &path), Err(LockError::Held)));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_as_lock_file_is_refused_and_nothing_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("annotations");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("e.json");
        let target = dir.path().join("created-through-the-link");
        std::os::unix::fs::symlink(&target, lock_path(&path)).unwrap();
        let err = acquire(&path).unwrap_err();
        assert!(
            matches!(&err, LockError::File { path, source }
                if path.ends_with(".e.json.lock") && source.to_string().contains("symbolic link")),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "cannot make the lock file {}: it is a symbolic link",
                lock_path(&path).display()
            )
        );
        assert!(!target.exists(), "the link's target was created");
        // A link to an existing file is refused alike.
        std::fs::write(&target, b"").unwrap();
        assert!(acquire(&path).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_annotations_file_is_locked_next_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        assert_eq!(lock_path(&link), dir.path().join(".real.json.lock"));
        let _first = acquire(&real).unwrap();
        assert!(matches!(acquire(&link), Err(LockError::Held)));
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("annotations"), b"a file").unwrap();
        let err = acquire(&dir.path().join("annotations/e.json")).unwrap_err();
        let why = err.to_string();
        assert!(
            why.starts_with("cannot make the lock file ") && why.contains("Not a directory"),
            "{why}"
        );
        // A folder that cannot be made under a missing one: named with the reason.
        #[cfg(target_os = "linux")]
        {
            let err = acquire(Path::new("/proc/no-such/annotations/e.json")).unwrap_err();
            let why = err.to_string();
            assert!(
                why.starts_with("cannot make the folder /proc/no-such/annotations "),
                "{why}"
            );
        }
    }

    #[test]
    fn the_lock_file_of_a_long_name_fits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("{}.json", "l".repeat(250)));
        let lock = lock_path(&path);
        assert!(lock.file_name().unwrap().len() <= names::NAME_MAX);
        assert!(acquire(&path).is_ok());
    }
}
