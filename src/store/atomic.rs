//! Atomic, durable replacement of a file, and cleanup after interrupted saves.
//!
//! The new contents go to `.<name>.tmp-XXXXXX` in the target's folder (same file system, so
//! the rename is atomic), are synced to disk, and only then renamed over the target; then
//! the folder is synced, so the rename itself survives a crash. A name too long for that
//! pattern is shortened with a hash (see [`super::names`]).

use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::StoreError;
use super::names;

/// Temporary files older than this are leftovers of an interrupted save.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// How many symlinks to follow before giving up (as Linux's `MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

/// Random characters (ASCII letters and digits) that end a temporary file's name.
const TEMP_RANDOM: usize = 6;

/// Writes `bytes` to `path` atomically and durably: the one way marginalia replaces a
/// file (annotations, reading state, settings, recovery copies, exports).
///
/// Every write gives the same guarantees: the bytes go to a temporary file
/// `.<name>.tmp-XXXXXX` in the target's folder, with the mode of a newly made file (or the
/// old file's permissions and, when allowed, owner); it is synced, renamed onto the target,
/// and the folder synced. A missing folder is made. On any failure the old file is
/// untouched, the temporary file removed, and the error names the path and the step.
/// `onto` says what happens to what is already at `path`.
pub fn write_atomic(path: &Path, bytes: &[u8], onto: Onto) -> Result<(), StoreError> {
    write_atomic_with(path, bytes, onto, |file, bytes| file.write_all(bytes))
}

/// What a write does with what is already at its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Onto {
    /// The file a symlink at the path finally names is replaced, and the link kept (the
    /// annotations file, the settings).
    LinkedFile,
    /// Whatever is at the path itself is replaced: a symlink there is replaced, never
    /// followed (the reading-state file, an export replacing a previous one).
    Entry,
    /// Only a new file: when anything appeared at the path meanwhile, nothing is replaced
    /// and the rename fails with [`io::ErrorKind::AlreadyExists`] (a new export).
    NewEntry,
}

impl Onto {
    /// Whether symlinks at the path are followed to the file they name.
    fn follows_links(self) -> bool {
        self == Onto::LinkedFile
    }
}

/// [`write_atomic`] with the step that writes the bytes supplied, so tests can make it fail.
///
/// The steps that reach the disk happen in this order, each only if the one before it
/// succeeded: write the temporary file, sync it, rename it over the target, sync the folder.
fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    onto: Onto,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), StoreError> {
    let target = if onto.follows_links() {
        resolve_links(path).map_err(|e| StoreError::io(path, "follow link", e))?
    } else {
        path.to_path_buf()
    };
    let (dir, name) = split(&target).ok_or_else(|| {
        let e = io::Error::new(io::ErrorKind::InvalidInput, "not a file name");
        StoreError::io(path, "write", e)
    })?;
    fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, "create folder", e))?;
    let old = match onto {
        Onto::NewEntry => None,
        Onto::LinkedFile | Onto::Entry => fs::metadata(&target).ok(),
    };

    // An old file's mode replaces the new file's below.
    let mut temp =
        temp_file(&dir, &name).map_err(|e| StoreError::io(path, "create temporary file for", e))?;

    // From here on, dropping `temp` on an early return removes the temporary file.
    write(temp.as_file_mut(), bytes)
        .and_then(|()| temp.as_file_mut().flush())
        .map_err(|e| StoreError::io(path, "write", e))?;
    step("write");
    if let Some(old) = &old {
        temp.as_file()
            .set_permissions(old.permissions())
            .map_err(|e| StoreError::io(path, "keep permissions of", e))?;
        keep_owner(temp.as_file(), old);
    }
    sync_file(temp.as_file()).map_err(|e| StoreError::io(path, "sync", e))?;
    rename(temp, &target, onto)
        .map_err(|e| StoreError::io(path, "rename temporary file onto", e))?;
    sync_dir(&dir).map_err(|e| StoreError::io(&dir, "sync folder", e))
}

/// Flushes a file's data and metadata to the disk.
fn sync_file(file: &File) -> io::Result<()> {
    file.sync_all()?;
    step("sync file");
    Ok(())
}

/// Renames the temporary file over `target` (atomically: the old or the new file), or for
/// [`Onto::NewEntry`] only onto nothing.
fn rename(temp: tempfile::NamedTempFile, target: &Path, onto: Onto) -> io::Result<()> {
    match onto {
        Onto::NewEntry => temp.persist_noclobber(target).map_err(|e| e.error)?,
        Onto::LinkedFile | Onto::Entry => temp.persist(target).map_err(|e| e.error)?,
    };
    step("rename");
    Ok(())
}

/// Makes a rename in `dir` durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()?;
    step("sync folder");
    Ok(())
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    step("sync folder");
    Ok(())
}

#[cfg(test)]
thread_local! {
    /// The disk steps of saves made on this thread, in order (tests only).
    static STEPS: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Records that a disk step succeeded, for tests that check the order of the steps.
fn step(_name: &'static str) {
    #[cfg(test)]
    STEPS.with(|steps| steps.borrow_mut().push(_name));
}

/// The disk steps recorded on this thread since the last call (tests only).
#[cfg(test)]
pub(crate) fn take_steps() -> Vec<&'static str> {
    STEPS.with(|steps| std::mem::take(&mut *steps.borrow_mut()))
}

/// Follows symlinks at `path` to the file they finally name (which may not exist yet).
pub(crate) fn resolve_links(path: &Path) -> io::Result<PathBuf> {
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

/// `.<name>.tmp-`, the start of every temporary file name for `name` (shortened with a
/// hash when `name` is so long that the whole would pass the file system's limit).
fn temp_prefix(name: &OsStr) -> OsString {
    names::fitted(".", name, ".tmp-", TEMP_RANDOM)
}

/// A new temporary file `.<name>.tmp-XXXXXX` in `dir`, for a file `name` to be renamed
/// onto, with the mode of any newly created file (0o666 less the umask, not the usual
/// 0o600). Removed when dropped unless persisted.
fn temp_file(dir: &Path, name: &OsStr) -> io::Result<tempfile::NamedTempFile> {
    let prefix = temp_prefix(name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(TEMP_RANDOM);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Whether `file_name` is one of our temporary files for `prefix`: the prefix and exactly
/// [`TEMP_RANDOM`] letters or digits. (So `.<name>.tmp-x.json`, the annotations file of a
/// source called `.<name>.tmp-x.txt`, is not one.)
fn is_temp_of(file_name: &OsStr, prefix: &OsStr) -> bool {
    file_name
        .as_encoded_bytes()
        .strip_prefix(prefix.as_encoded_bytes())
        .is_some_and(|rest| rest.len() == TEMP_RANDOM && rest.iter().all(u8::is_ascii_alphanumeric))
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

/// Removes temporary files (`.<name>.tmp-XXXXXX`, older than a minute) that an interrupted
/// save left next to the file at `path` (or the file a symlink there points to); returns
/// how many were removed.
///
/// Only temporary files of `path` itself are touched; call it for the state file too.
pub fn clean_stale_temps(path: &Path) -> usize {
    clean_temps(path, Onto::LinkedFile)
}

/// [`clean_stale_temps`] for a file saved [`Onto::Entry`]: a symlink at `path` is not
/// followed (its temporary files sit next to `path`).
pub(crate) fn clean_stale_temps_here(path: &Path) -> usize {
    clean_temps(path, Onto::Entry)
}

fn clean_temps(path: &Path, onto: Onto) -> usize {
    let target = if onto.follows_links() {
        resolve_links(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
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
        .filter(|entry| is_temp_of(&entry.file_name(), &prefix))
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
        let e = write_atomic_with(
            &path,
            b"new contents, much longer\n",
            Onto::LinkedFile,
            |f, b| {
                f.write_all(&b[..4])?;
                Err(io::Error::from_raw_os_error(28)) // ENOSPC
            },
        )
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
        let e = write_atomic(&path, b"{}\n", Onto::LinkedFile).unwrap_err();
        assert!(matches!(e, StoreError::Io { action, .. } if action.starts_with("rename")));
        assert_eq!(names(dir.path()), ["e.json"]);
        assert_eq!(fs::read(path.join("inside")).unwrap(), b"x");
    }

    #[test]
    fn creates_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/e.json");
        write_atomic(&path, b"{}\n", Onto::LinkedFile).unwrap();
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

    #[test]
    fn a_save_writes_then_syncs_then_renames_then_syncs_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.json");
        take_steps();
        write_atomic(&path, b"{}\n", Onto::LinkedFile).unwrap();
        assert_eq!(
            take_steps(),
            ["write", "sync file", "rename", "sync folder"]
        );
        // Through a link and replacing one alike.
        fs::write(&path, b"old\n").unwrap();
        write_atomic(&path, b"new\n", Onto::Entry).unwrap();
        assert_eq!(
            take_steps(),
            ["write", "sync file", "rename", "sync folder"]
        );
        assert_eq!(fs::read(&path).unwrap(), b"new\n");
    }

    #[test]
    fn a_new_entry_never_replaces_what_is_there_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.md");
        write_atomic(&path, b"first\n", Onto::NewEntry).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first\n");
        let e = write_atomic(&path, b"second\n", Onto::NewEntry).unwrap_err();
        assert!(
            matches!(&e, StoreError::Io { source, .. } if source.kind() == io::ErrorKind::AlreadyExists),
            "{e}"
        );
        assert_eq!(fs::read(&path).unwrap(), b"first\n");
        assert_eq!(names(dir.path()), ["notes.md"]);
    }

    #[test]
    fn a_failed_write_stops_before_the_sync_and_the_rename() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.json");
        take_steps();
        let result = write_atomic_with(&path, b"x", Onto::LinkedFile, |_, _| {
            Err(io::Error::from_raw_os_error(5))
        });
        assert!(result.is_err());
        assert!(take_steps().is_empty());
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn replace_replaces_a_link_and_leaves_its_target_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::write(&target, b"precious\n").unwrap();
        let link = dir.path().join("state");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"ours\n", Onto::Entry).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"precious\n");
        assert!(
            !fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&link).unwrap(), b"ours\n");
    }

    #[test]
    fn any_name_the_file_system_takes_can_be_saved() {
        let dir = tempfile::tempdir().unwrap();
        for len in [200, 233, 234, 240, 249, 250, 255] {
            let name = format!("{}.json", "n".repeat(len - 5));
            let path = dir.path().join(&name);
            write_atomic(&path, b"{}\n", Onto::LinkedFile)
                .unwrap_or_else(|e| panic!("{len} bytes: {e}"));
            write_atomic(&path, b"[]\n", Onto::LinkedFile)
                .unwrap_or_else(|e| panic!("{len} bytes again: {e}"));
            assert_eq!(fs::read(&path).unwrap(), b"[]\n");
            fs::remove_file(&path).unwrap();
        }
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }

    #[test]
    fn only_our_own_temporary_files_count_as_temporary() {
        let prefix = temp_prefix(OsStr::new("x.json"));
        assert!(is_temp_of(OsStr::new(".x.json.tmp-aB3dE9"), &prefix));
        // Another source's annotations file, and names of other shapes.
        assert!(!is_temp_of(OsStr::new(".x.json.tmp-a.json"), &prefix));
        assert!(!is_temp_of(OsStr::new(".x.json.tmp-"), &prefix));
        assert!(!is_temp_of(OsStr::new(".x.json.tmp-aB3dE9x"), &prefix));
        assert!(!is_temp_of(OsStr::new(".y.json.tmp-aB3dE9"), &prefix));
    }
}
