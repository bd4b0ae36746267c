//! What can go wrong reading or writing the file, and parsing with precise positions.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::error::Category;

/// Why the annotations (or state) file could not be read or written.
///
/// Every message is one line that starts with the path, e.g.
/// ``annotations/essays.json:12:5: field `annotations[0].colour`: unknown variant `teal`, …``.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The operating system refused a step (`action`: "read", "write", "rename", …).
    Io {
        /// The file (or folder) concerned.
        path: PathBuf,
        /// The step that failed, e.g. "read", "write", "sync", "rename", "create folder".
        action: &'static str,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid JSON.
    Syntax {
        /// The file concerned.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in bytes) of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file is valid JSON but not shaped like an annotations file.
    Shape {
        /// The file concerned.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in bytes) of the problem.
        column: usize,
        /// Path of the offending field, e.g. `annotations[2].anchor.start` (empty for the top).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// Two entries (annotations or links) share an id, so a merge or a deletion would treat
    /// them as one.
    DuplicateId {
        /// The file concerned.
        path: PathBuf,
        /// The two entries and their id.
        twins: Box<super::unique::Twins>,
    },
}

impl StoreError {
    /// An I/O failure of `action` on `path`.
    pub(crate) fn io(path: &Path, action: &'static str, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            StoreError::Io { path, .. }
            | StoreError::Syntax { path, .. }
            | StoreError::Shape { path, .. }
            | StoreError::DuplicateId { path, .. } => path,
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = match self {
            StoreError::Io {
                path,
                action,
                source,
            } => format!("{}: cannot {action}: {source}", path.display()),
            StoreError::Syntax {
                path,
                line,
                column,
                message,
            } => format!(
                "{}:{line}:{column}: not valid JSON: {message}",
                path.display()
            ),
            StoreError::Shape {
                path,
                line,
                column,
                field,
                message,
            } if field.is_empty() => format!("{}:{line}:{column}: {message}", path.display()),
            StoreError::Shape {
                path,
                line,
                column,
                field,
                message,
            } => format!(
                "{}:{line}:{column}: field `{field}`: {message}",
                path.display()
            ),
            StoreError::DuplicateId { path, twins } => format!(
                "{}:{}:{}: {} (line {}) and {} (line {}) have the same id \"{}\"; \
                 give one of them a new id",
                path.display(),
                twins.second.line,
                twins.second.column,
                twins.first.field,
                twins.first.line,
                twins.second.field,
                twins.second.line,
                twins.id,
            ),
        };
        f.write_str(&one_line(&line))
    }
}

/// Escapes control characters (newlines from a file's keys or values) so a message stays on
/// one line and cannot drive the terminal.
fn one_line(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// Parses `bytes` as a `T`, turning failures into `Syntax` or `Shape` errors with positions.
pub(crate) fn parse<T: DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T, StoreError> {
    // Editors on some systems write a byte-order mark; JSON does not allow one.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = e.path().to_string();
        from_json(path, field, e.into_inner())
    })?;
    de.end().map_err(|e| from_json(path, String::new(), e))?;
    Ok(value)
}

/// Classifies a serde_json error as syntax or shape, keeping its position.
fn from_json(path: &Path, field: String, e: serde_json::Error) -> StoreError {
    let (line, column) = (e.line(), e.column());
    let message = bare_message(&e);
    match e.classify() {
        Category::Syntax | Category::Eof => StoreError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message,
        },
        Category::Data => {
            // serde_path_to_error writes "." for the top level; a missing field is reported
            // at its parent, so name the field itself.
            let mut field = if field == "." { String::new() } else { field };
            if let Some(missing) = missing_field(&message) {
                if !field.is_empty() {
                    field.push('.');
                }
                field.push_str(missing);
            }
            StoreError::Shape {
                path: path.to_path_buf(),
                line,
                column,
                field,
                message,
            }
        }
        Category::Io => StoreError::io(path, "read", std::io::Error::other(message)),
    }
}

/// The error message without serde_json's " at line L column C" suffix.
fn bare_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_string()
}

/// The field name in serde's "missing field `x`" message.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::AnnotationFile;

    fn err(text: &str) -> StoreError {
        parse::<AnnotationFile>(Path::new("a/e.json"), text.as_bytes()).unwrap_err()
    }

    #[test]
    fn syntax_error_has_position() {
        let e = err("{\n  \"version\": 1,\n  \"source\": \"x\"\n  \"essays\": []\n}");
        match &e {
            StoreError::Syntax { line, column, .. } => assert_eq!((*line, *column), (4, 3)),
            other => panic!("expected syntax error, got {other:?}"),
        }
        assert!(
            e.to_string().starts_with("a/e.json:4:3: not valid JSON: "),
            "{e}"
        );
    }

    #[test]
    fn trailing_garbage_is_a_syntax_error() {
        let e = err(r#"{"version":1,"source":"","essays":[],"annotations":[]} x"#);
        assert!(matches!(e, StoreError::Syntax { line: 1, .. }), "{e:?}");
    }

    #[test]
    fn missing_top_level_field_is_named() {
        let e = err(r#"{"version":1,"source":"","essays":[]}"#);
        match e {
            StoreError::Shape { field, .. } => assert_eq!(field, "annotations"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn not_an_object_is_a_shape_error() {
        let e = err("[1, 2]");
        assert!(matches!(e, StoreError::Shape { line: 1, .. }), "{e:?}");
        assert!(e.to_string().starts_with("a/e.json:1:"), "{e}");
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let text = "\u{feff}{\"version\":1,\"source\":\"\",\"essays\":[],\"annotations\":[]}";
        assert!(parse::<AnnotationFile>(Path::new("x"), text.as_bytes()).is_ok());
    }

    #[test]
    fn messages_stay_on_one_line() {
        let e = StoreError::Shape {
            path: PathBuf::from("a\nb.json"),
            line: 1,
            column: 2,
            field: "x".into(),
            message: "unknown variant `te\nal`\u{1b}[2J".into(),
        };
        let s = e.to_string();
        assert!(!s.contains('\n') && !s.contains('\u{1b}'), "{s}");
    }
}
