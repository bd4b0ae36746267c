//! A first look at the annotations file, before the terminal is taken: where each annotation
//! stands in the file and which essay it belongs to, without parsing them all.
//!
//! Parsing every annotation of a file of 10,000 costs more than drawing the first screen
//! several times over. The look here walks the JSON's structure (strings skipped with a
//! `memchr`), checks the annotations list's own separators, and notes each annotation's
//! bytes and essay id; only the annotations of the essays on the first screen are parsed
//! then ([`Scanned::annotations_of`]). The whole file is parsed and checked afterwards, off
//! the key path ([`Scanned::load`]), exactly as [`super::load_disk`] does, so a fault
//! anywhere is still named with its file and place before anything could be written.

use std::ops::Range;
use std::path::Path;

use memchr::memchr2;

use super::{AnnotationFile, DiskState, StoreError};
use crate::annotation::Annotation;

/// One annotation of the file, not yet parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// Its bytes in the file.
    range: Range<usize>,
    /// Its `essay` field, when that is a plain string.
    essay: Option<String>,
}

/// An annotations file read and looked over, not yet parsed.
#[derive(Debug)]
pub struct Scanned {
    /// The file's bytes, as read.
    bytes: Vec<u8>,
    /// Its `version` (0 when it is not a number that fits).
    version: u32,
    /// Its annotations, in file order.
    entries: Vec<Entry>,
    /// The file parsed whole, when the look over it found something it could not follow
    /// but the parser could (a file the look misjudged is never refused for it).
    whole: Option<AnnotationFile>,
}

/// Reads the annotations file at `path` and looks it over; `Ok(None)` if it does not exist.
/// A file whose structure is broken is refused here with its place, as a full load would.
pub fn scan_disk(path: &Path) -> Result<Option<Scanned>, StoreError> {
    let bytes = match super::regular::read_regular(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, "read", e)),
    };
    scan(path, bytes).map(Some)
}

/// Looks over `bytes`, the annotations file at `path`.
pub fn scan(path: &Path, bytes: Vec<u8>) -> Result<Scanned, StoreError> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    match walk(&bytes, bom) {
        Ok((version, entries)) => Ok(Scanned {
            bytes,
            version,
            entries,
            whole: None,
        }),
        // The parser names the fault; if it finds none, its reading is the one kept.
        Err(_) => {
            let whole = super::parse_checked(path, &bytes)?;
            Ok(Scanned {
                version: whole.version,
                bytes,
                entries: Vec::new(),
                whole: Some(whole),
            })
        }
    }
}

impl Scanned {
    /// Whether the file was written by a newer version than this build.
    pub fn is_newer(&self) -> bool {
        self.version > super::FORMAT_VERSION
    }

    /// The file's `version` (0 when it is not a number that fits).
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The file's size in bytes.
    pub fn bytes(&self) -> usize {
        self.bytes.len()
    }

    /// The number of annotations in the file.
    pub fn len(&self) -> usize {
        match &self.whole {
            Some(file) => file.annotations.len(),
            None => self.entries.len(),
        }
    }

    /// Whether the file holds no annotation.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The essay id of each annotation, in file order (`None` where it is no plain string).
    pub fn essay_ids(&self) -> Vec<Option<&str>> {
        match &self.whole {
            Some(file) => file
                .annotations
                .iter()
                .map(|a| Some(a.essay.as_str()))
                .collect(),
            None => self.entries.iter().map(|e| e.essay.as_deref()).collect(),
        }
    }

    /// The annotations whose essay id `keep` accepts, parsed, in file order. One that
    /// cannot be parsed is named with its place, as a full load would name it.
    pub fn annotations_of(
        &self,
        path: &Path,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Vec<Annotation>, StoreError> {
        if let Some(file) = &self.whole {
            return Ok(file
                .annotations
                .iter()
                .filter(|a| keep(&a.essay))
                .cloned()
                .collect());
        }
        let mut out = Vec::new();
        for entry in &self.entries {
            if !entry.essay.as_deref().is_some_and(&keep) {
                continue;
            }
            match serde_json::from_slice::<Annotation>(&self.bytes[entry.range.clone()]) {
                Ok(annotation) => out.push(annotation),
                // The whole file parsed gives the fault its field, line and column.
                Err(_) => return Err(self.fault(path)),
            }
        }
        Ok(out)
    }

    /// The whole file parsed and checked, with its hash: what [`super::load_disk`] gives.
    pub fn load(self, path: &Path) -> Result<DiskState, StoreError> {
        let file = match self.whole {
            Some(file) => file,
            None => super::parse_checked(path, &self.bytes)?,
        };
        Ok(DiskState {
            hash: Some(super::merge::hash(&self.bytes)),
            file,
        })
    }

    /// The error a full load gives for this file (which the look found wanting).
    fn fault(&self, path: &Path) -> StoreError {
        match super::parse_checked(path, &self.bytes) {
            Err(e) => e,
            Ok(_) => StoreError::io(
                path,
                "read",
                std::io::Error::other("an annotation could not be read on its own"),
            ),
        }
    }
}

/// Where the walk lost its way: a byte offset.
type Lost = usize;

/// Walks the top-level object from `i`: its `version` and its annotations' entries.
fn walk(b: &[u8], i: usize) -> Result<(u32, Vec<Entry>), Lost> {
    let mut version = 0;
    let mut entries = None;
    let end = members(b, i, |b, key, value| {
        match key {
            b"version" => {
                version = std::str::from_utf8(&b[value.clone()])
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
            }
            b"annotations" if b[value.start] == b'[' => {
                entries = Some(elements(b, value.start)?);
            }
            // Not a list: the parser names the fault.
            b"annotations" => return Err(value.start),
            _ => {}
        }
        Ok(())
    })?;
    let end = ws(b, end);
    match entries {
        Some(entries) if end == b.len() => Ok((version, entries)),
        // No annotations at all, or something after the object: the parser names it.
        _ => Err(end),
    }
}

/// The entries of the array at `i`.
fn elements(b: &[u8], i: usize) -> Result<Vec<Entry>, Lost> {
    let mut out = Vec::new();
    let mut j = ws(b, i + 1);
    if b.get(j) == Some(&b']') {
        return Ok(out);
    }
    loop {
        let start = j;
        let mut essay = None;
        let end = if b.get(j) == Some(&b'{') {
            members(b, j, |b, key, value| {
                if key == b"essay" && b[value.start] == b'"' {
                    essay = text(&b[value]);
                }
                Ok(())
            })?
        } else {
            value_end(b, j)?
        };
        out.push(Entry {
            range: start..end,
            essay,
        });
        j = ws(b, end);
        match b.get(j) {
            Some(b',') => j = ws(b, j + 1),
            Some(b']') => return Ok(out),
            _ => return Err(j),
        }
    }
}

/// Walks the members of the object at `i`, handing each key (its text's bytes) and its
/// value's bytes to `each`. Returns the offset after the object.
fn members(
    b: &[u8],
    i: usize,
    mut each: impl FnMut(&[u8], &[u8], Range<usize>) -> Result<(), Lost>,
) -> Result<usize, Lost> {
    if b.get(i) != Some(&b'{') {
        return Err(i);
    }
    let mut j = ws(b, i + 1);
    if b.get(j) == Some(&b'}') {
        return Ok(j + 1);
    }
    loop {
        if b.get(j) != Some(&b'"') {
            return Err(j);
        }
        let key_end = string_end(b, j)?;
        let raw = &b[j + 1..key_end - 1];
        // Keys are read as they are, but for one with an escape (rare): decoded.
        let decoded;
        let key = if raw.contains(&b'\\') {
            decoded = text(&b[j..key_end]).ok_or(j)?;
            decoded.as_bytes()
        } else {
            raw
        };
        j = ws(b, key_end);
        if b.get(j) != Some(&b':') {
            return Err(j);
        }
        let start = ws(b, j + 1);
        let end = value_end(b, start)?;
        each(b, key, start..end)?;
        j = ws(b, end);
        match b.get(j) {
            Some(b',') => j = ws(b, j + 1),
            Some(b'}') => return Ok(j + 1),
            _ => return Err(j),
        }
    }
}

/// The string a JSON string literal stands for (quotes included in `raw`).
fn text(raw: &[u8]) -> Option<String> {
    let inner = raw.get(1..raw.len().checked_sub(1)?)?;
    if inner.contains(&b'\\') {
        serde_json::from_slice(raw).ok()
    } else {
        std::str::from_utf8(inner).ok().map(str::to_string)
    }
}

/// The offset after white space from `i`.
fn ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = b.get(i) {
        i += 1;
    }
    i
}

/// The offset after the string starting (at its quote) at `i`.
fn string_end(b: &[u8], i: usize) -> Result<usize, Lost> {
    let mut j = i + 1;
    loop {
        let at = j + memchr2(b'"', b'\\', b.get(j..).ok_or(i)?).ok_or(i)?;
        if b[at] == b'"' {
            return Ok(at + 1);
        }
        j = at + 2;
    }
}

/// The offset after the value starting at `i`. Nested values are followed by their
/// brackets and strings only: the parser checks them when the file is parsed.
fn value_end(b: &[u8], i: usize) -> Result<usize, Lost> {
    match b.get(i) {
        Some(b'"') => string_end(b, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while let Some(&c) = b.get(j) {
                match c {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            Err(i)
        }
        Some(_) => {
            let mut j = i;
            while let Some(&c) = b.get(j) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                    break;
                }
                j += 1;
            }
            if j == i { Err(i) } else { Ok(j) }
        }
        None => Err(i),
    }
}

#[cfg(test)]
#[path = "scan/tests.rs"]
mod tests;
