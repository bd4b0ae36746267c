//! Opening a reading session: essays from files, their annotations, reading positions.

mod beside;
mod export;
mod first;
mod kept;
mod save;

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::essay::{self, Essay, EssayError};
use crate::state::{AppState, EssayDoc, Placed, Source, place};
use crate::store::{self, AnnotationFile, DiskState, ReadingState, SourceId, StoreError};

pub use beside::open_beside;
pub use export::{ExportCommandError, run_export, run_export_from};
pub use first::{READ_WHOLE_BYTES, Rest, assemble_first, prepare_first, shown_ids, split_first};
pub use kept::find_kept;
use kept::kept_for;
pub use save::{SaveError, check_writer, save};

/// Why a session could not be opened.
#[derive(Debug, Error)]
pub enum OpenError {
    /// An essay file could not be read.
    #[error(transparent)]
    Essay(#[from] EssayError),
    /// An annotations file could not be read; it was left as it was.
    #[error("{0} (left unchanged)")]
    Store(#[from] StoreError),
    /// An annotations file could not be read, and copies of changes not saved last time
    /// are kept beside it: the reader is told where, so nothing seems lost.
    #[error(
        "{error} (left unchanged; changes not saved last time are kept in {}: mend or move the \
         file, and the next start offers them back)",
        kept.display()
    )]
    StoreWithKept {
        /// Why the file could not be read.
        error: StoreError,
        /// The newest kept copy.
        kept: PathBuf,
    },
    /// `--annotations` names one file but several sources were given.
    #[error("--annotations {0}: with several essay files, give a directory")]
    AnnotationsNotDirectory(String),
    /// Two sources would keep their annotations in one file (same file name stem).
    #[error(
        "{first} and {second} would keep their annotations in the same file, {}: \
         open them one at a time",
        annotations.display()
    )]
    SharedAnnotations {
        /// The source that has the file first.
        first: String,
        /// The source that would have it too.
        second: String,
        /// The annotations file.
        annotations: PathBuf,
    },
}

/// Where one source's essays come from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// Text built into the binary (the guide), with its name.
    Builtin(&'static str, &'static str),
    /// A file on disk read in the format given (the command line's `--format`), not the
    /// one found from it.
    FileAs(PathBuf, essay::Format),
}

impl Origin {
    /// A file on disk, read in `format` when one is given, else in the format found from it.
    pub fn file(path: PathBuf, format: Option<essay::Format>) -> Origin {
        match format {
            Some(format) => Origin::FileAs(path, format),
            None => Origin::File(path),
        }
    }
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
        Origin::File(p) | Origin::FileAs(p, _) => p.clone(),
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
        None => match (origin, guide_dir()) {
            // The guide is no file of the current folder: its annotations are kept per user.
            (Origin::Builtin(..), Some(dir)) => Ok(store::default_path(&dir, &stem_path)),
            _ => Ok(store::default_path(base, &stem_path)),
        },
    }
}

/// Where the built-in guide keeps its annotations: `$XDG_DATA_HOME/marginalia`, else
/// `~/.local/share/marginalia`; none when neither is known (the guide then keeps nothing).
pub fn guide_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })?;
    Some(base.join("marginalia"))
}

/// Why the guide's changes are not kept, when no per-user folder is known for them.
const GUIDE_NOT_KEPT: &str = "guide: changes are not kept";

/// A source's text, read whole or, for one long file, only its head so far.
#[derive(Debug)]
enum Body {
    /// The whole text, decoded.
    Read(String),
    /// The head of a long file; the rest is read by [`finish_reading`].
    Reading(essay::Head),
    /// The essays already read: a file in a format other than plain text, or a long file
    /// split as it was read (its text never held whole).
    Essays(Vec<Essay>),
}

/// One source read and checked, not yet split: everything that can fail has failed, but
/// for the rest of a long file (see [`finish_reading`]).
#[derive(Debug)]
pub struct Prepared {
    /// Name for the status line.
    name: String,
    /// The text, or as much of it as has been read.
    body: Body,
    /// The title of an untitled essay.
    fallback: String,
    /// The annotations file.
    path: PathBuf,
    /// The lock, when this instance is the writer.
    lock: Option<store::Lock>,
    /// Why changes are refused, if they are.
    read_only: Option<String>,
    /// The annotations file as on disk.
    disk: DiskState,
    /// Reading positions.
    reading: ReadingState,
    /// The annotations file looked over but not yet parsed (see [`prepare_first`]).
    scanned: Option<store::Scanned>,
}

/// Reads every origin and its annotations file, refusing what cannot be read, before any
/// splitting: errors come out here, before the terminal is touched. Of a single long file
/// only the head is read (and checked); [`finish_reading`] reads the rest.
pub fn prepare(
    origins: &[Origin],
    given: Option<&Path>,
    base: &Path,
) -> Result<Vec<Prepared>, OpenError> {
    prepare_as(origins, given, base, true, false)
}

/// Reads and checks every origin as [`prepare`] does, creating nothing: no folder, no
/// lock, no file. For `export`, and for naming a bad file when there is no terminal.
pub fn prepare_read_only(
    origins: &[Origin],
    given: Option<&Path>,
    base: &Path,
) -> Result<Vec<Prepared>, OpenError> {
    prepare_as(origins, given, base, false, false)
}

/// [`prepare`], as the writer of the annotations files (lock taken, stale temporary files
/// removed) or, with `writer` false, touching nothing on disk; with `first`, a long
/// annotations file only looked over (see [`prepare_first`]).
fn prepare_as(
    origins: &[Origin],
    given: Option<&Path>,
    base: &Path,
    writer: bool,
    first: bool,
) -> Result<Vec<Prepared>, OpenError> {
    check_not_shared(origins, given, base)?;
    let mut out: Vec<Prepared> = Vec::new();
    for origin in origins {
        let (name, body, fallback) = match origin {
            Origin::File(path) | Origin::FileAs(path, _) => {
                let format = match origin {
                    Origin::FileAs(_, format) => *format,
                    _ => essay::sniff_file(path)?,
                };
                let body = if format != essay::Format::Text {
                    Body::Essays(essay::load_as(path, Some(format))?)
                } else if origins.len() == 1 {
                    match essay::open_text(path, HEAD_BYTES)? {
                        essay::Opened::Whole(text) => Body::Read(text),
                        essay::Opened::Head(head) => Body::Reading(head),
                    }
                } else {
                    Body::Read(essay::read_text(path)?)
                };
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                (name, body, essay::stem_of(path))
            }
            Origin::Builtin(name, text) => (
                name.to_string(),
                Body::Read(text.to_string()),
                name.to_string(),
            ),
        };
        let path = annotations_path(origin, given, origins.len(), base)?;
        let guide_not_kept =
            matches!(origin, Origin::Builtin(..)) && given.is_none() && guide_dir().is_none();
        let (lock, mut read_only) = if guide_not_kept {
            (None, Some(GUIDE_NOT_KEPT.to_string()))
        } else if !writer {
            (None, Some("opened to read".to_string()))
        } else {
            // Without the lock, changes are refused: another writer, or none can be sure.
            match store::acquire(&path) {
                Ok(lock) => (Some(lock), None),
                Err(why) => (None, Some(why.to_string())),
            }
        };
        if read_only.is_none() {
            store::clean_stale_temps(&path);
            store::clean_stale_state_temps(&path);
        }
        let (disk, scanned) = first::read_annotations(&path, &name, !first)?;
        if read_only.is_none() {
            read_only = store::marked_read_only(&path);
        }
        if disk.file.is_newer() {
            read_only = Some(format!(
                "written by a newer version ({})",
                disk.file.version
            ));
        }
        let reading = store::load_state_of(&path);
        out.push(Prepared {
            name,
            body,
            fallback,
            path,
            lock,
            read_only,
            disk,
            reading,
            scanned,
        });
    }
    Ok(out)
}

/// Refuses, before anything is created, sources that would share one annotations file
/// (the same stem, or the same file twice): each needs its own, and its own lock.
fn check_not_shared(
    origins: &[Origin],
    given: Option<&Path>,
    base: &Path,
) -> Result<(), OpenError> {
    let mut seen: Vec<(String, PathBuf)> = Vec::new();
    for origin in origins {
        let path = annotations_path(origin, given, origins.len(), base)?;
        let display = match origin {
            Origin::File(p) | Origin::FileAs(p, _) => p.display().to_string(),
            Origin::Builtin(name, _) => name.to_string(),
        };
        if let Some((first, _)) = seen.iter().find(|(_, p)| same_annotations(p, &path)) {
            return Err(OpenError::SharedAnnotations {
                first: first.clone(),
                second: display,
                annotations: path,
            });
        }
        seen.push((display, path));
    }
    Ok(())
}

/// Whether two annotations paths name one file (so one lock): compared as their lock
/// files, which sit next to the file the paths finally name, in folders made canonical.
fn same_annotations(a: &Path, b: &Path) -> bool {
    let key = |path: &Path| {
        let lock = store::lock_path(path);
        match (lock.parent().map(std::fs::canonicalize), lock.file_name()) {
            (Some(Ok(dir)), Some(name)) => dir.join(name),
            _ => lock,
        }
    };
    key(a) == key(b)
}

/// One source's essays, and its annotations placed in them.
pub type Split = (Vec<Essay>, Vec<Placed>);

/// Reads the rest of every source of which only the head was read, splitting it as it is
/// read; errors as [`prepare`].
pub fn finish_reading(prepared: &mut [Prepared]) -> Result<(), OpenError> {
    for p in prepared {
        p.body = match std::mem::replace(&mut p.body, Body::Read(String::new())) {
            Body::Reading(head) => Body::Essays(head.split(&p.fallback)?),
            read => read,
        };
    }
    Ok(())
}

/// The essays of every prepared source, and its annotations placed in them, after reading
/// what is left to read: the slow part of opening a long file, done after its first look
/// is drawn.
pub fn split_and_place(prepared: &mut [Prepared]) -> Result<Vec<Split>, OpenError> {
    let essays = split_all(prepared)?;
    Ok(prepared
        .iter()
        .zip(essays)
        .map(|(p, essays)| {
            let items = place(&p.disk.file, &essays);
            (essays, items)
        })
        .collect())
}

/// The essays of every prepared source, after reading what is left to read.
fn split_all(prepared: &mut [Prepared]) -> Result<Vec<Vec<Essay>>, OpenError> {
    finish_reading(prepared)?;
    prepared
        .iter_mut()
        .map(|p| {
            // The text is let go once split: it is held once, as the essays' blocks.
            let essays = match std::mem::replace(&mut p.body, Body::Read(String::new())) {
                Body::Read(text) => essay::split(&text, &p.fallback),
                Body::Essays(essays) => essays,
                Body::Reading(_) => Vec::new(),
            };
            if essays.is_empty() {
                return Err(OpenError::Essay(EssayError::Empty {
                    path: PathBuf::from(&p.name),
                }));
            }
            Ok(essays)
        })
        .collect()
}

/// The app state from prepared sources and their essays and placed annotations.
pub fn assemble(prepared: Vec<Prepared>, split: Vec<Split>) -> AppState {
    let mut docs = Vec::new();
    let mut sources = Vec::new();
    let mut reading = Vec::new();
    for (i, (p, (essays, items))) in prepared.into_iter().zip(split).enumerate() {
        reading.push(p.reading);
        sources.push(Source::new(
            p.name,
            p.path,
            p.disk,
            items,
            p.read_only,
            p.lock,
        ));
        docs.extend(
            essays
                .into_iter()
                .map(|essay| EssayDoc::new(essay, SourceId(i))),
        );
    }
    let mut state = AppState::new(docs, sources, &reading);
    find_kept(&mut state);
    state
}

/// Bytes of a long file split for a first look while the whole is read and split.
const PREVIEW_BYTES: usize = 256 * 1024;
/// Bytes of a single file read before the terminal is taken: the first look and room to
/// finish its last line. A longer file is read to its end while the first look is shown.
const HEAD_BYTES: usize = PREVIEW_BYTES + 64 * 1024;

/// A first look at a single long file, of which only the head has been read: its first
/// essays, without annotations, at the reading place of last time. `None` when there is
/// nothing to gain (a short file, several files), when the head holds no line end past
/// [`PREVIEW_BYTES`], or when last time's place lies beyond what the first look holds.
pub fn preview(prepared: &[Prepared]) -> Option<AppState> {
    let [first] = prepared else {
        return None;
    };
    let Body::Reading(head) = &first.body else {
        return None;
    };
    let text = head.text();
    // The first look must end where it would in the whole text: at a line end in the head.
    let from = text.floor_char_boundary(PREVIEW_BYTES);
    text[from..].find('\n')?;
    let essays = essay::split_head(&text, &first.fallback, PREVIEW_BYTES);
    let known = |id: &String| essays.iter().any(|e| e.id == *id);
    if !first.reading.shown.iter().all(known) || !first.reading.positions.keys().all(known) {
        return None;
    }
    // The annotations of the essays shown, but the last essay's, which may be cut short.
    let whole = &essays[..essays.len().saturating_sub(1)];
    let all: Vec<&Essay> = whole.iter().collect();
    let shown = shown_ids(&all, std::slice::from_ref(&first.reading));
    let items = match &first.scanned {
        Some(_) => first::place_first(first, whole, &shown, false).unwrap_or_default(),
        None => Vec::new(),
    };
    let count = first
        .scanned
        .as_ref()
        .map_or(first.disk.file.annotations.len(), store::Scanned::len);
    let disk = DiskState {
        hash: None,
        file: AnnotationFile::new(first.name.clone()),
    };
    // Said as the first state says it, so that its frame is the same.
    let waiting = first
        .scanned
        .as_ref()
        .map(|s| crate::state::placing_reason(s.len()));
    let source = Source::new(
        first.name.clone(),
        first.path.clone(),
        disk,
        items,
        waiting,
        None,
    );
    let docs = essays
        .into_iter()
        .map(|e| EssayDoc::new(e, SourceId(0)))
        .collect();
    let state = AppState::new(docs, vec![source], std::slice::from_ref(&first.reading));
    Some(state.placing_later(count))
}

/// Opens every origin as [`open`] does, creating nothing on disk (for `export`).
pub fn open_read_only(
    origins: &[Origin],
    given: Option<&Path>,
    base: &Path,
) -> Result<AppState, OpenError> {
    let mut prepared = prepare_read_only(origins, given, base)?;
    let split = split_and_place(&mut prepared)?;
    Ok(assemble(prepared, split))
}

/// Opens every origin: essays, annotations (refusing unreadable ones), positions.
pub fn open(origins: &[Origin], given: Option<&Path>, base: &Path) -> Result<AppState, OpenError> {
    let mut prepared = prepare(origins, given, base)?;
    let split = split_and_place(&mut prepared)?;
    Ok(assemble(prepared, split))
}

/// Saves the reading positions of every source (best effort: they are not precious).
pub fn save_positions(state: &AppState) {
    for (i, source) in SourceId::all(state.sources().len()).zip(state.sources()) {
        if source.read_only.is_some() {
            continue;
        }
        let _ = store::save_state_of(&source.path, &state.reading_state(i));
    }
}

/// The error for an annotations file that cannot be read, naming the newest recovery copy
/// or draft kept for it, if any.
fn unreadable(error: StoreError, path: &Path) -> OpenError {
    let mut kept = store::recovery::find(path, store::recovery::Kept::Recovery);
    kept.extend(store::recovery::find(path, store::recovery::Kept::Draft));
    match kept.pop() {
        Some(kept) => OpenError::StoreWithKept { error, kept },
        None => OpenError::Store(error),
    }
}
