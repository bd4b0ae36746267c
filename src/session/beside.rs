//! Following a link into a file that is not open: finding the file of its other end (by
//! the path the link recorded, else by the essay's fingerprint or the link's id among the
//! files and annotations files near it) and reading it to be shown beside.

use std::path::{Path, PathBuf};

use super::{Origin, prepare, split_and_place};
use crate::annotation::{Link, OtherEnd};
use crate::essay;
use crate::state::{AppState, Beside, Source};
use crate::store::{self, SourceId};

/// Files at most this long are read to compare their essays' fingerprints.
const MAX_BYTES: u64 = 16 * 1024 * 1024;
/// At most this many files of a folder are looked at.
const MAX_FILES: usize = 400;

/// Finds and reads the source file of the other end of link `id` of `holder`; the error
/// is one line for the status line, naming the file looked for and where.
pub fn open_beside(state: &AppState, holder: SourceId, id: &str) -> Result<Beside, String> {
    let src = state
        .sources()
        .get(holder.0)
        .ok_or_else(|| "the link's file is not open".to_string())?;
    let link = src
        .links
        .iter()
        .find(|l| l.id == id)
        .ok_or_else(|| "the link is gone".to_string())?;
    let other = link
        .other
        .as_ref()
        .ok_or_else(|| "the link's other end is in this file".to_string())?;
    let near = state.essay_files().get(holder.0).map(PathBuf::as_path);
    let found = find(link, other, near, &src.path).ok_or_else(|| {
        format!(
            "cannot follow the link: {} not found (not at {}, nor by its text beside it)",
            other.source, other.path
        )
    })?;
    let stem = store::default_path(Path::new(""), &found);
    let annotations = src
        .path
        .parent()
        .unwrap_or(Path::new("."))
        .join(stem.file_name().unwrap_or_default());
    if state
        .sources()
        .iter()
        .any(|s| store::lock_path(&s.path) == store::lock_path(&annotations))
    {
        return Err(format!(
            "{} is open, but the linked highlight is not in it any more",
            other.source
        ));
    }
    let failed = |e: super::OpenError| format!("cannot open {}: {e}", found.display());
    let mut prepared = prepare(
        &[Origin::File(found.clone())],
        Some(&annotations),
        Path::new("."),
    )
    .map_err(failed)?;
    let split = split_and_place(&mut prepared).map_err(failed)?;
    let (p, (essays, items)) = prepared
        .into_iter()
        .zip(split)
        .next()
        .ok_or_else(|| format!("cannot open {}", found.display()))?;
    Ok(Beside {
        essays,
        source: Source::new(p.name, p.path, p.disk, items, p.read_only, p.lock),
        reading: p.reading,
        file: found,
    })
}

/// The source file of `other`: at the recorded path; else, in the folder of the file
/// holding the link (`near`) or of the recorded path, one of that name, one holding an
/// essay of its fingerprint, or one whose annotations file (beside `annotations`) keeps
/// the link.
fn find(link: &Link, other: &OtherEnd, near: Option<&Path>, annotations: &Path) -> Option<PathBuf> {
    let recorded = PathBuf::from(&other.path);
    if recorded.is_file() {
        return Some(recorded);
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    for dir in [near.and_then(Path::parent), recorded.parent()]
        .into_iter()
        .flatten()
    {
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir.to_path_buf()
        };
        if dir.is_dir() && !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    let named = |name: &str| {
        dirs.iter()
            .map(|d| d.join(name))
            .find(|p| p.is_file() && Some(p.as_path()) != near)
    };
    if let Some(found) = named(&other.source) {
        return Some(found);
    }
    // Renamed: its annotations file (named after it) keeps this link.
    let by_link = files_in(annotations.parent().unwrap_or(Path::new(".")))
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p != annotations)
        .filter_map(|p| store::load(&p).ok().flatten())
        .find(|f| f.links.iter().any(|l| l.id == link.id))
        .and_then(|f| named(&f.source));
    if by_link.is_some() {
        return by_link;
    }
    // Renamed, its annotations file left behind: an essay of the same text.
    let kind = Path::new(&other.source).extension();
    dirs.iter().flat_map(|d| files_in(d)).find(|p| {
        Some(p.as_path()) != near
            && p.extension() == kind
            && std::fs::metadata(p).is_ok_and(|m| m.len() <= MAX_BYTES)
            && essay::read_text(p).is_ok_and(|text| {
                essay::split(&text, &essay::stem_of(p))
                    .iter()
                    .any(|e| e.fingerprint == other.essay.fingerprint)
            })
    })
}

/// The regular files of `dir`, at most [`MAX_FILES`], in name order.
fn files_in(dir: &Path) -> impl Iterator<Item = PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .take(MAX_FILES)
        .collect();
    files.sort();
    files.into_iter()
}
