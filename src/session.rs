//! Opening a reading session: essays from files, their annotations, reading positions.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::essay::{self, Essay, EssayError};
use crate::state::{AppState, EssayDoc, Source, place};
use crate::store::{self, AnnotationFile, DiskState, ReadingState, StoreError};

/// Why a session could not be opened.
#[derive(Debug, Error)]
pub enum OpenError {
    /// An essay file could not be read.
    #[error(transparent)]
    Essay(#[from] EssayError),
    /// An annotations file could not be read; it was left as it was.
    #[error("{0} (left unchanged)")]
    Store(#[from] StoreError),
    /// `--annotations` names one file but several sources were given.
    #[error("--annotations {0}: with several essay files, give a directory")]
    AnnotationsNotDirectory(String),
}

/// Where one source's essays come from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// Text built into the binary (the guide), with its name.
    Builtin(&'static str, &'static str),
}

/// One source, read.
#[derive(Debug)]
pub struct Loaded {
    /// Name for the status line.
    pub name: String,
    /// Its essays.
    pub essays: Vec<Essay>,
    /// The annotations file to use.
    pub annotations: PathBuf,
}

/// The annotations file for `origin`, given `--annotations` and the number of sources.
pub fn annotations_path(
    origin: &Origin,
    given: Option<&Path>,
    sources: usize,
    base: &Path,
) -> Result<PathBuf, OpenError> {
    let stem_path = match origin {
        Origin::File(p) => p.clone(),
        Origin::Builtin(name, _) => PathBuf::from(format!("{name}.txt")),
    };
    match given {
        Some(dir) if dir.is_dir() => {
            let file = store::default_path(Path::new(""), &stem_path);
            Ok(dir.join(file.file_name().unwrap_or_default()))
        }
        Some(_) if sources > 1 => Err(OpenError::AnnotationsNotDirectory(
            given.map(|p| p.display().to_string()).unwrap_or_default(),
        )),
        Some(file) => Ok(file.to_path_buf()),
        None => Ok(store::default_path(base, &stem_path)),
    }
}

/// Reads the essays of `origin`.
pub fn load_essays(origin: &Origin) -> Result<(String, Vec<Essay>), OpenError> {
    match origin {
        Origin::File(path) => {
            let essays = essay::load_file(path)?;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            Ok((name, essays))
        }
        Origin::Builtin(name, text) => Ok((name.to_string(), essay::split(text, name))),
    }
}

/// Opens every origin: essays, annotations (refusing unreadable ones), positions.
pub fn open(origins: &[Origin], given: Option<&Path>, base: &Path) -> Result<AppState, OpenError> {
    let mut docs = Vec::new();
    let mut sources = Vec::new();
    let mut reading = Vec::new();
    for (i, origin) in origins.iter().enumerate() {
        let (name, essays) = load_essays(origin)?;
        let path = annotations_path(origin, given, origins.len(), base)?;
        let (lock, mut read_only) = match store::acquire(&path) {
            Ok(lock) => (lock, None),
            Err(why) => (None, Some(why)),
        };
        if read_only.is_none() {
            store::clean_stale_temps(&path);
            store::clean_stale_temps(&store::state_path(&path));
        }
        let disk = store::load_disk(&path)?.unwrap_or_else(|| DiskState {
            hash: None,
            file: AnnotationFile::new(name.clone()),
        });
        if disk.file.is_newer() {
            read_only = Some(format!(
                "written by a newer version ({})",
                disk.file.version
            ));
        }
        let items = place(&disk.file, &essays);
        reading.push(store::load_state(&store::state_path(&path)));
        sources.push(Source::new(name, path, disk, items, read_only, lock));
        docs.extend(essays.into_iter().map(|essay| EssayDoc::new(essay, i)));
    }
    Ok(AppState::new(docs, sources, &reading))
}

/// Saves the reading positions of every source (best effort: they are not precious).
pub fn save_positions(state: &AppState) {
    for (i, source) in state.sources.iter().enumerate() {
        if source.read_only.is_some() {
            continue;
        }
        let _ = store::save_state(&store::state_path(&source.path), &state.reading_state(i));
    }
}

/// Reading state of every source, for tests and tools.
pub fn reading_states(state: &AppState) -> Vec<ReadingState> {
    (0..state.sources.len())
        .map(|i| state.reading_state(i))
        .collect()
}
