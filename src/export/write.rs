//! Writing an export where [`destination`](super::destination) said it may go: standard
//! output, a stream (FIFO or character device), or a regular file, atomically.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::output::{Destination, OutputError, is_stream, shown};

/// Writes `bytes` to `dest`. A FIFO without a reader is waited for when `wait_for_reader`
/// (the command line), refused when not (the app, which must not hang).
pub fn write(dest: &Destination, bytes: &[u8], wait_for_reader: bool) -> Result<(), OutputError> {
    match dest {
        Destination::Stdout => {
            let mut out = io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| OutputError::io(Path::new("standard output"), "write", e))
        }
        Destination::Stream(path) => write_stream(path, bytes, wait_for_reader),
        Destination::File { path, replaces } => write_file(path, bytes, *replaces),
    }
}

/// Opens the FIFO or device at `path` (never creating or truncating anything) and writes.
#[cfg(unix)]
fn write_stream(path: &Path, bytes: &[u8], wait_for_reader: bool) -> Result<(), OutputError> {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    let mut options = OpenOptions::new();
    options.write(true);
    if !wait_for_reader {
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
            return Err(OutputError::NoReader { path: shown(path) });
        }
        Err(e) => return Err(OutputError::io(path, "open", e)),
    };
    // What was opened is what is written to: had a regular file taken the stream's place
    // since it was looked at, it is left alone (it was neither created nor truncated).
    let meta = file
        .metadata()
        .map_err(|e| OutputError::io(path, "look at", e))?;
    if !is_stream(&meta.file_type()) {
        return Err(OutputError::NotAFile {
            path: shown(path),
            kind: "no longer a FIFO or device",
        });
    }
    if !wait_for_reader {
        // Back to blocking writes now that a reader is known to be there.
        let fd = file.as_raw_fd();
        // SAFETY: `fd` is an open descriptor owned by `file` for the whole of both calls.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        // SAFETY: as above; clearing O_NONBLOCK changes no memory.
        if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
            return Err(OutputError::io(path, "open", io::Error::last_os_error()));
        }
    }
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(|e| OutputError::io(path, "write", e))
}

#[cfg(not(unix))]
fn write_stream(path: &Path, _bytes: &[u8], _wait: bool) -> Result<(), OutputError> {
    Err(OutputError::NotAFile {
        path: shown(path),
        kind: "not a regular file",
    })
}

/// Writes a regular file atomically: a temporary file in the same folder, synced, then
/// renamed onto `path` (a new file is never renamed over one that appeared meanwhile). A
/// rename replaces a directory entry: even a link put there meanwhile is replaced, never
/// written through.
fn write_file(path: &Path, bytes: &[u8], replaces: bool) -> Result<(), OutputError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = path.file_name() else {
        return Err(OutputError::NotAFile {
            path: shown(path),
            kind: "not a file name",
        });
    };
    fs::create_dir_all(&dir).map_err(|e| OutputError::io(&dir, "create folder", e))?;
    // `.<name>.tmp-` and six random characters, shortened with a hash when a long name
    // would pass the file system's limit: the annotations file's own kind of temporary file.
    let mut temp = crate::store::temp_file(&dir, name)
        .map_err(|e| OutputError::io(path, "create a temporary file for", e))?;
    temp.as_file_mut()
        .write_all(bytes)
        .and_then(|()| temp.as_file_mut().flush())
        .map_err(|e| OutputError::io(path, "write", e))?;
    if replaces && let Ok(old) = fs::metadata(path) {
        // Best effort: the new export keeps the old one's permissions.
        let _ = temp.as_file().set_permissions(old.permissions());
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| OutputError::io(path, "sync", e))?;
    if replaces {
        temp.persist(path)
            .map_err(|e| OutputError::io(path, "rename the temporary file onto", e.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                OutputError::NotAnExport { path: shown(path) }
            } else {
                OutputError::io(path, "rename the temporary file onto", e.error)
            }
        })?;
    }
    if let Ok(dir) = File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}
