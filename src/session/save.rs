//! Saving a source's annotations as the writer: the lock and the read-only mark checked
//! first, then the file merged and written.

use std::path::PathBuf;

use thiserror::Error;

use crate::action::Action;
use crate::state::AppState;
use crate::store::{self, LockError, SourceId, StoreError};

/// Why the annotations of a source were not saved. Each message is one line naming the
/// file, for the status line.
#[derive(Debug, Error)]
pub enum SaveError {
    /// Another marginalia holds the lock now, or the file was marked read-only meanwhile:
    /// the source turned read-only and nothing was written.
    #[error("{}: {why}; read-only now", path.display())]
    ReadOnlyNow {
        /// The annotations file.
        path: PathBuf,
        /// Why, as the source's read-only mark says it.
        why: String,
    },
    /// The lock file could not be made or locked (not held by another marginalia).
    #[error(transparent)]
    Lock(#[from] LockError),
    /// Reading, merging or writing the file failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Saves the annotations of `source`, merging changes made on disk meanwhile, as the
/// writer: first makes sure this instance still holds the file's lock, taking it anew if
/// the lock file went away (its folder deleted while marginalia runs). When another
/// marginalia holds it now, or the file was marked read-only meanwhile, the source turns
/// read-only and nothing is written ([`SaveError::ReadOnlyNow`]).
pub fn save(state: &mut AppState, source: SourceId) -> Result<store::Saved, SaveError> {
    check_writer(state, source)?;
    let file = state.file_for_save(source);
    let src = &state.sources()[source];
    Ok(store::save_merging_owned(
        &src.path,
        &src.disk,
        file,
        &src.deleted,
    )?)
}

/// The checks of [`save`] before anything is written: this instance still holds the lock
/// (taken anew if its file went away), and the file is not marked read-only. When either
/// fails the source turns read-only. Cheap: the background saver runs them on the key path.
pub fn check_writer(state: &mut AppState, source: SourceId) -> Result<(), SaveError> {
    let (path, lock) = state.lock_of(source);
    let path = path.to_path_buf();
    let why = match store::keep(lock, &path) {
        Ok(()) => store::marked_read_only(&path),
        Err(LockError::Held) => Some(store::HELD.to_string()),
        Err(e) => return Err(e.into()),
    };
    let Some(why) = why else { return Ok(()) };
    state.apply(
        Action::TurnedReadOnly(source, why.clone()),
        store::Stamp::fresh(),
    );
    Err(SaveError::ReadOnlyNow { path, why })
}
