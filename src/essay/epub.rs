//! EPUB books (a stub until the EPUB reader lands: it says so, in one line).

use std::path::Path;

use super::{Essay, EssayError, Format};

/// The essays (chapters, in spine order) of an EPUB file's bytes.
pub fn epub_essays(bytes: &[u8], path: &Path) -> Result<Vec<Essay>, EssayError> {
    let _ = bytes;
    Err(EssayError::Unsupported {
        path: path.to_path_buf(),
        format: Format::Epub,
    })
}
