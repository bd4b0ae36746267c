//! Saved web pages (a stub until the HTML reader lands: it says so, in one line).

use std::path::Path;

use super::{Essay, EssayError, Format};

/// The essays (the article) of a saved web page's bytes.
pub fn html_essays(bytes: &[u8], path: &Path) -> Result<Vec<Essay>, EssayError> {
    let _ = bytes;
    Err(EssayError::Unsupported {
        path: path.to_path_buf(),
        format: Format::Html,
    })
}
