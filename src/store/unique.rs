//! Ids are unique in a file: a file where two entries share an id is refused, naming both.
//!
//! Merging and deleting go by id, so twins would be merged into one (or deleted together):
//! refusing the file is the only way to lose neither. Annotations and links share one
//! space of ids, since a deletion is remembered by id alone.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{AnnotationFile, StoreError};

/// One entry of the file, where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its place, e.g. `annotations[3]` or `links[0]`.
    pub field: String,
    /// 1-based line of its start in the file (0 if unknown).
    pub line: usize,
    /// 1-based column (in bytes) of its start (0 if unknown).
    pub column: usize,
}

/// Two entries of a file that share an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Twins {
    /// The shared id.
    pub id: String,
    /// The entry that has it first.
    pub first: Entry,
    /// The entry that has it again.
    pub second: Entry,
}

/// The lists of the file, each entry as its raw text (to find where it stands).
#[derive(Deserialize)]
struct Lists<'a> {
    #[serde(borrow, default)]
    annotations: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    links: Vec<&'a RawValue>,
}

/// Refuses `file` (read from `bytes` at `path`) if two of its annotations or links share
/// an id, naming the first such pair.
pub(crate) fn check(path: &Path, bytes: &[u8], file: &AnnotationFile) -> Result<(), StoreError> {
    let ids = file
        .annotations
        .iter()
        .enumerate()
        .map(|(i, a)| ("annotations", i, a.id.as_str()))
        .chain(
            file.links
                .iter()
                .enumerate()
                .map(|(i, l)| ("links", i, l.id.as_str())),
        );
    let mut seen: HashMap<&str, (&'static str, usize)> = HashMap::new();
    for (list, index, id) in ids {
        if let Some(&(first_list, first_index)) = seen.get(id) {
            return Err(StoreError::DuplicateId {
                path: path.to_path_buf(),
                twins: Box::new(Twins {
                    id: id.to_string(),
                    first: entry(bytes, first_list, first_index),
                    second: entry(bytes, list, index),
                }),
            });
        }
        seen.insert(id, (list, index));
    }
    Ok(())
}

/// Entry `index` of `list`, with its line and column in `bytes` when they can be found.
fn entry(bytes: &[u8], list: &'static str, index: usize) -> Entry {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let offset = serde_json::from_slice::<Lists>(bytes)
        .ok()
        .and_then(|lists| {
            let raw = match list {
                "links" => lists.links.get(index),
                _ => lists.annotations.get(index),
            }?;
            // The raw text is a slice of `bytes`: its distance from the start is its offset.
            (raw.get().as_ptr() as usize).checked_sub(bytes.as_ptr() as usize)
        });
    let (line, column) = offset.map_or((0, 0), |offset| {
        let before = &bytes[..offset.min(bytes.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        (
            before.iter().filter(|&&b| b == b'\n').count() + 1,
            offset - line_start + 1,
        )
    });
    Entry {
        field: format!("{list}[{index}]"),
        line,
        column,
    }
}
