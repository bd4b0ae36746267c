//! Markdown essays (a stub until the Markdown reader lands: it says so, in one line).

use std::path::Path;

use super::{Essay, EssayError, Format};

/// The essays of a Markdown file's decoded text.
pub fn markdown_essays(text: &str, path: &Path) -> Result<Vec<Essay>, EssayError> {
    let _ = text;
    Err(EssayError::Unsupported {
        path: path.to_path_buf(),
        format: Format::Markdown,
    })
}
