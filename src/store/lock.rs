//! One writer per annotations file: a lock file next to it.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;

/// Holds the lock on an annotations file while alive. The operating system releases it
/// when the process ends, however it ends (even `kill -9`).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// The lock file for an annotations file: `<dir>/.<name>.lock`.
pub fn lock_path(annotations: &Path) -> PathBuf {
    let name = annotations
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "annotations.json".into());
    annotations.with_file_name(format!(".{name}.lock"))
}

/// Takes the lock, or says why not: `Err(reason)` when another marginalia holds it.
/// The folder is created if missing. Failing to create the lock file at all (a
/// read-only folder) is not a reason to refuse: the save will say what is wrong.
pub fn acquire(annotations: &Path) -> Result<Option<Lock>, String> {
    let path = lock_path(annotations);
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(file) = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
    else {
        return Ok(None);
    };
    match FileExt::try_lock_exclusive(&file) {
        Ok(true) => Ok(Some(Lock { _file: file })),
        Ok(false) => Err("another marginalia has it open".into()),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
            Err("another marginalia has it open".into())
        }
        Err(_) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("annotations/e.json");
        let first = acquire(&path).unwrap();
        assert!(first.is_some());
        assert!(acquire(&path).is_err());
        drop(first);
        assert!(acquire(&path).unwrap().is_some());
        assert!(lock_path(&path).ends_with("annotations/.e.json.lock"));
    }
}
