//! Opening to the first screen quickly: of a long annotations file only the annotations of
//! the essays first on screen are parsed and placed before it is drawn; the whole file is
//! parsed, checked and placed afterwards, off the key path ([`Rest::run`]), and lands as
//! [`crate::action::Action::Placed`]. Until then the source refuses changes, so that no
//! save can write the file without the annotations not yet read.

use std::path::PathBuf;
use std::sync::Arc;

use super::{OpenError, Prepared, Split, prepare_as, unreadable};
use crate::essay::Essay;
use crate::state::{AppState, Placed, place};
use crate::store::{self, AnnotationFile, Landed, Landing, ReadingState, Scanned, SourceId};

/// Annotations files up to this size are read whole before the first screen: parsing them
/// costs less than a frame, and changes are taken from the first key.
pub const READ_WHOLE_BYTES: usize = 256 * 1024;

/// What is left to do for one source after the first screen: its annotations file parsed
/// whole and placed in its essays (shared with the state, not copied).
#[derive(Debug)]
pub struct Rest {
    source: SourceId,
    path: PathBuf,
    scanned: Scanned,
    essays: Vec<Arc<Essay>>,
    read_only: Option<String>,
}

impl Rest {
    /// Parses, checks and places every annotation of the file, as a full open does, and
    /// finds the kept copies to offer back. A fault names the file and its place.
    pub fn run(self) -> Result<Landed, OpenError> {
        let disk = self
            .scanned
            .load(&self.path)
            .map_err(|e| unreadable(e, &self.path))?;
        let items = place(&disk.file, &self.essays);
        let (offers, unreadable) = if self.read_only.is_none() {
            let (offers, unreadable) = super::kept_for(self.source, &self.path);
            let offers = offers
                .into_iter()
                .map(|o| (o.path, o.kind, o.file))
                .collect();
            (offers, unreadable)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Landed {
            source: self.source,
            disk: Arc::new(disk),
            items: items
                .into_iter()
                .map(|p| (p.annotation, p.placement))
                .collect(),
            read_only: self.read_only,
            offers,
            unreadable,
        })
    }

    /// [`Rest::run`], as the action that hands the result to the state.
    pub fn land(self) -> Result<crate::action::Action, OpenError> {
        self.run()
            .map(|landed| crate::action::Action::Placed(Landing(Arc::new(landed))))
    }
}

/// Reads every origin as [`super::prepare`] does, but of an annotations file longer than
/// [`READ_WHOLE_BYTES`] only looks the structure over (a broken one is still refused here,
/// with its place); its annotations are parsed later.
pub fn prepare_first(
    origins: &[super::Origin],
    given: Option<&std::path::Path>,
    base: &std::path::Path,
) -> Result<Vec<Prepared>, OpenError> {
    prepare_as(origins, given, base, true, true)
}

/// The annotations file at `path` as `prepare_first` reads it: whole when short (or
/// `whole`), else looked over, with an empty file standing for it until it is parsed.
pub(super) fn read_annotations(
    path: &std::path::Path,
    name: &str,
    whole: bool,
) -> Result<(store::DiskState, Option<Scanned>), OpenError> {
    let empty = |version| store::DiskState {
        hash: None,
        file: AnnotationFile {
            version,
            ..AnnotationFile::new(name.to_string())
        },
    };
    if whole {
        let disk = store::load_disk(path).map_err(|e| unreadable(e, path))?;
        return Ok((disk.unwrap_or_else(|| empty(store::FORMAT_VERSION)), None));
    }
    match store::scan_disk(path).map_err(|e| unreadable(e, path))? {
        None => Ok((empty(store::FORMAT_VERSION), None)),
        Some(scanned) if scanned.bytes() <= READ_WHOLE_BYTES => {
            Ok((scanned.load(path).map_err(|e| unreadable(e, path))?, None))
        }
        Some(scanned) => Ok((empty(scanned.version()), Some(scanned))),
    }
}

/// The ids of the essays on the first screen, of every source's essays given in order.
pub fn shown_ids(essays: &[&Essay], reading: &[ReadingState]) -> Vec<String> {
    let ids: Vec<&str> = essays.iter().map(|e| e.id.as_str()).collect();
    crate::state::shown_at_first(&ids, reading)
        .into_iter()
        .map(|d| ids[d.0].to_string())
        .collect()
}

/// The annotations of `prepared` that belong to the essays `shown` (of its `essays`),
/// placed. Annotations whose essay id is none of its essays' might belong to a shown essay
/// renamed: then, when `exact`, none are placed here, and all come with the rest.
pub(super) fn place_first(
    prepared: &Prepared,
    essays: &[Essay],
    shown: &[String],
    exact: bool,
) -> Result<Vec<Placed>, OpenError> {
    let Some(scanned) = &prepared.scanned else {
        return Ok(place(&prepared.disk.file, essays));
    };
    let known = |id: Option<&str>| id.is_some_and(|id| essays.iter().any(|e| e.id == id));
    if exact && !scanned.essay_ids().into_iter().all(known) {
        return Ok(Vec::new());
    }
    let mine = |id: &str| shown.iter().any(|s| s == id);
    let annotations = scanned
        .annotations_of(&prepared.path, mine)
        .map_err(|e| unreadable(e, &prepared.path))?;
    let file = AnnotationFile {
        annotations,
        ..AnnotationFile::new(String::new())
    };
    Ok(place(&file, essays))
}

/// The essays of every prepared source (the rest of a long file read first), with the
/// annotations of the essays on the first screen placed in them.
pub fn split_first(prepared: &mut [Prepared]) -> Result<Vec<Split>, OpenError> {
    let essays = super::split_all(prepared)?;
    let all: Vec<&Essay> = essays.iter().flatten().collect();
    let reading: Vec<ReadingState> = prepared.iter().map(|p| p.reading.clone()).collect();
    let shown = shown_ids(&all, &reading);
    let items = prepared
        .iter()
        .zip(&essays)
        .map(|(p, essays)| place_first(p, essays, &shown, true))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(essays.into_iter().zip(items).collect())
}

/// The state of the first screen, and what is left to do for each source whose
/// annotations are not all placed (it refuses changes until they land).
pub fn assemble_first(mut prepared: Vec<Prepared>, split: Vec<Split>) -> (AppState, Vec<Rest>) {
    let pending: Vec<(SourceId, Scanned, Option<String>, usize)> = prepared
        .iter_mut()
        .enumerate()
        .filter_map(|(i, p)| {
            let scanned = p.scanned.take()?;
            let count = scanned.len();
            Some((SourceId(i), scanned, p.read_only.clone(), count))
        })
        .collect();
    let paths: Vec<PathBuf> = prepared.iter().map(|p| p.path.clone()).collect();
    // Kept copies are looked for once the rest lands, not now.
    for (source, _, _, count) in &pending {
        prepared[source.0].read_only = Some(crate::state::placing_reason(*count));
    }
    let waiting: Vec<(SourceId, usize)> = pending.iter().map(|p| (p.0, p.3)).collect();
    let state = super::assemble(prepared, split).placing_rest(&waiting);
    let rests = pending
        .into_iter()
        .map(|(source, scanned, read_only, _)| Rest {
            source,
            path: paths[source.0].clone(),
            scanned,
            essays: state
                .docs()
                .iter()
                .filter(|d| d.source == source)
                .map(|d| Arc::clone(&d.essay))
                .collect(),
            read_only,
        })
        .collect();
    (state, rests)
}

#[cfg(test)]
#[path = "first/tests.rs"]
mod tests;
