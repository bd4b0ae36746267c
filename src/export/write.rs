//! Writing an export where [`destination`](super::destination) said it may go: standard
//! output, a stream (FIFO or character device), or a regular file, atomically.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

use super::output::{Destination, OutputError, is_stream, shown};
use crate::store::{self, Onto, StoreError};

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

/// Writes a regular file atomically, as every file marginalia writes
/// ([`store::write_atomic`]): a temporary file in the same folder, synced, renamed onto
/// `path`, the folder synced. A previous export is replaced as an entry (even a link put
/// there meanwhile is replaced, never written through); a new export is never renamed over
/// a file that appeared meanwhile.
fn write_file(path: &Path, bytes: &[u8], replaces: bool) -> Result<(), OutputError> {
    if path.file_name().is_none() {
        return Err(OutputError::NotAFile {
            path: shown(path),
            kind: "not a file name",
        });
    }
    let onto = if replaces {
        Onto::Entry
    } else {
        Onto::NewEntry
    };
    store::write_atomic(path, bytes, onto).map_err(|e| match e {
        StoreError::Io { source, .. }
            if onto == Onto::NewEntry && source.kind() == io::ErrorKind::AlreadyExists =>
        {
            OutputError::NotAnExport { path: shown(path) }
        }
        e => OutputError::Store(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_file_is_written_as_every_file_is_synced_renamed_and_folder_synced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.md");
        let dest = Destination::File {
            path: path.clone(),
            replaces: false,
        };
        crate::store::take_steps();
        write(&dest, b"one\n", false).unwrap();
        let steps = ["write", "sync file", "rename", "sync folder"];
        assert_eq!(crate::store::take_steps(), steps);
        let again = Destination::File {
            path: path.clone(),
            replaces: true,
        };
        write(&again, b"two\n", false).unwrap();
        assert_eq!(crate::store::take_steps(), steps);
        assert_eq!(std::fs::read(&path).unwrap(), b"two\n");
    }

    #[test]
    fn a_new_export_is_not_renamed_over_a_file_that_appeared_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.md");
        std::fs::write(&path, b"someone else's\n").unwrap();
        let dest = Destination::File {
            path: path.clone(),
            replaces: false,
        };
        let e = write(&dest, b"ours\n", false).unwrap_err();
        assert!(matches!(e, OutputError::NotAnExport { .. }), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"someone else's\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left");
    }
}
