//! Reading a file from disk and decoding its bytes, with errors that say what and where.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::{Essay, split};

/// How many leading bytes are inspected for the "mostly control bytes" test.
const SNIFF_LEN: usize = 8192;

/// Errors loading essays, each naming the file (display path) — one line each when displayed.
#[derive(Debug, thiserror::Error)]
pub enum EssayError {
    /// The file does not exist.
    #[error("{}: no such file", .path.display())]
    NotFound {
        /// The file asked for.
        path: PathBuf,
    },
    /// The path names a directory.
    #[error("{}: is a directory, not a text file", .path.display())]
    IsDirectory {
        /// The directory.
        path: PathBuf,
    },
    /// The file exists but could not be read (permissions, I/O error).
    #[error("{}: cannot be read: {}", .path.display(), one_line(.source))]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why reading failed.
        source: io::Error,
    },
    /// The file holds binary data rather than text.
    #[error("{}: binary file, not text (first NUL or control byte at byte offset {offset})", .path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL byte (or, without one, of the first control byte).
        offset: usize,
    },
    /// The file is not valid UTF-8.
    #[error("{}: not valid UTF-8 at byte offset {offset} (line {line}, column {column})", .path.display())]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first bad byte.
        offset: usize,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column, in characters, of the first bad byte.
        column: usize,
    },
    /// The file is empty or holds only whitespace.
    #[error("{}: empty, no text to read", .path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file's format has no reader in this build.
    #[error("{}: {} is not supported by this build of marginalia", .path.display(), .format.label())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// Its format.
        format: super::Format,
    },
}

/// An I/O error's message on one line.
fn one_line(e: &io::Error) -> String {
    e.to_string().replace(['\n', '\r'], " ")
}

/// Reads a file in the format found from it (see [`super::detect`]) and gives its essays.
///
/// Errors: missing file, directory, unreadable, binary (NUL bytes or mostly control bytes),
/// invalid UTF-8 (byte offset and 1-based line of the first bad byte), empty or only whitespace.
/// Essays without a recognisable title are named after the file stem.
pub fn load_file(path: &Path) -> Result<Vec<Essay>, EssayError> {
    super::load_as(path, None)
}

/// Reads and decodes a file, without splitting it (errors as [`load_file`]).
pub fn read_text(path: &Path) -> Result<String, EssayError> {
    check_is_file(path)?;
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    decode_owned(bytes, path)
}

/// A file opened with [`open_text`].
#[derive(Debug)]
pub enum Opened {
    /// The whole file, decoded: it was no longer than the head asked for.
    Whole(String),
    /// A longer file, of which only the head has been read.
    Head(Head),
}

/// The first bytes of a long file, read and checked, and the open file to read the rest
/// from (see [`open_text`]).
#[derive(Debug)]
pub struct Head {
    /// The file.
    pub(super) path: PathBuf,
    /// The file, open, positioned after `bytes`.
    pub(super) file: File,
    /// The bytes read so far.
    pub(super) bytes: Vec<u8>,
    /// The file's length when it was opened: how much room the rest needs.
    pub(super) len: u64,
}

/// Opens a file and reads at most `head` bytes of it. A file no longer than that is read
/// and decoded whole, as [`read_text`] does. Of a longer one only the head is read; an error
/// that lies in the head (binary data, a bad UTF-8 byte) is returned now, one that lies
/// beyond it by [`Head::finish`].
pub fn open_text(path: &Path, head: usize) -> Result<Opened, EssayError> {
    let len = check_is_file(path)?;
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    let mut bytes = Vec::with_capacity(head.saturating_add(1));
    (&file)
        .take((head as u64).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, e))?;
    if bytes.len() <= head {
        return decode_owned(bytes, path).map(Opened::Whole);
    }
    // A head shorter than the sniffed start of a file can only be checked for NUL bytes.
    let binary = if bytes.len() >= SNIFF_LEN {
        binary_offset(&bytes)
    } else {
        bytes.iter().position(|&b| b == 0)
    };
    if let Some(offset) = binary {
        return Err(EssayError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    // A character cut in two at the end of the head is not an error; a bad byte is.
    if let Err(e) = std::str::from_utf8(&bytes)
        && e.error_len().is_some()
    {
        return Err(utf8_error(&bytes, e.valid_up_to(), path));
    }
    Ok(Opened::Head(Head {
        path: path.to_path_buf(),
        file,
        bytes,
        len,
    }))
}

impl Head {
    /// The text of the head, decoded as [`decode`] does: where the whole text starts. A
    /// character cut in two at its end is left out, and so is a last CR (it may be the
    /// first half of a CRLF).
    pub fn text(&self) -> String {
        let valid = match std::str::from_utf8(&self.bytes) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(&self.bytes[..e.valid_up_to()]).unwrap_or_default(),
        };
        normalise(valid.strip_suffix('\r').unwrap_or(valid).to_owned())
    }

    /// Reads the rest of the file and decodes the whole (errors as [`read_text`]).
    pub fn finish(self) -> Result<String, EssayError> {
        let Head {
            path,
            mut file,
            mut bytes,
            len,
        } = self;
        let rest = usize::try_from(len)
            .unwrap_or(0)
            .saturating_sub(bytes.len());
        bytes.reserve_exact(rest + 1);
        file.read_to_end(&mut bytes)
            .map_err(|e| io_error(&path, e))?;
        decode_owned(bytes, &path)
    }
}

/// Checks that `path` names something that is not a directory; returns its length.
pub(super) fn check_is_file(path: &Path) -> Result<u64, EssayError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(EssayError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    Ok(meta.len())
}

/// The error for an I/O failure on `path`.
pub(super) fn io_error(path: &Path, e: io::Error) -> EssayError {
    let path = path.to_path_buf();
    match e.kind() {
        io::ErrorKind::NotFound => EssayError::NotFound { path },
        io::ErrorKind::IsADirectory => EssayError::IsDirectory { path },
        _ => EssayError::Unreadable { path, source: e },
    }
}

/// The essays of the decoded `text` of the file at `path` (its stem is the fallback title).
pub fn essays_of(text: &str, path: &Path) -> Result<Vec<Essay>, EssayError> {
    let essays = split(text, &stem_of(path));
    if essays.is_empty() {
        return Err(EssayError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(essays)
}

/// The title an untitled file's essay takes: the file's stem.
pub fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "essay".to_owned())
}

/// Decodes bytes: UTF-8 check (error as above), drop a leading BOM, CRLF -> LF.
///
/// Also refuses binary data (a NUL byte anywhere, or mostly control bytes at the start) and
/// text that is empty or only whitespace.
pub fn decode(bytes: &[u8], path: &Path) -> Result<String, EssayError> {
    decode_owned(bytes.to_vec(), path)
}

/// [`decode`], taking the bytes: a file's text is not copied unless it must change.
pub fn decode_owned(bytes: Vec<u8>, path: &Path) -> Result<String, EssayError> {
    if let Some(offset) = binary_offset(&bytes) {
        return Err(EssayError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            return Err(utf8_error(&e.into_bytes(), offset, path));
        }
    };
    let text = normalise(text);
    if text.trim().is_empty() {
        return Err(EssayError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

/// Decoded text without a leading BOM, and with CRLF turned into LF.
fn normalise(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    // A bare memchr for CR first: most files have none, and then nothing is copied.
    if text.as_bytes().contains(&b'\r') && text.contains("\r\n") {
        text = text.replace("\r\n", "\n");
    }
    text
}

/// The error for a bad UTF-8 byte at `offset` of `bytes`, with its line and column.
fn utf8_error(bytes: &[u8], offset: usize, path: &Path) -> EssayError {
    // The prefix is valid UTF-8, so it can be read as text to count lines and columns.
    let prefix = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    let line = prefix.matches('\n').count() + 1;
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    let column = prefix[line_start..].chars().count() + 1;
    EssayError::InvalidUtf8 {
        path: path.to_path_buf(),
        offset,
        line,
        column,
    }
}

/// The offset that marks `bytes` as binary, if they are: the first NUL byte, or, when more
/// than a third of the first [`SNIFF_LEN`] bytes are control bytes other than tab, LF, FF and
/// CR, the first such byte.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    // `contains` on bytes is a memchr: a 10 MB file is checked in well under a millisecond.
    if bytes.contains(&0) {
        return bytes.iter().position(|&b| b == 0);
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let is_control =
        |b: &u8| (*b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\x0c' | b'\r')) || *b == 0x7f;
    let controls = head.iter().filter(|b| is_control(b)).count();
    if controls * 3 > head.len() {
        head.iter().position(is_control)
    } else {
        None
    }
}
