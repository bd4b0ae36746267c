//! `marginalia export`: the essays opened as the reader opens them (nothing written there),
//! then rendered and written by [`crate::export`].

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{OpenError, Origin, open_read_only};
use crate::export::{self, ExportError, Format};

/// Why `marginalia export` wrote nothing; one line naming the file at fault.
#[derive(Debug, Error)]
pub enum ExportCommandError {
    /// An essay or annotations file could not be read.
    #[error(transparent)]
    Open(#[from] OpenError),
    /// The export could not be made or written where asked.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The reader's settings (the names of the colours) cannot be used.
    #[error(transparent)]
    Settings(#[from] crate::settings::SettingsError),
}

/// `marginalia export FILE... --format markdown|w3c [-o OUT] [--annotations PATH]`.
///
/// Opens the files as the reader does ([`open_read_only`]: nothing is written there),
/// renders the export, and writes it to `output` (`-` or none: standard output) by the rules
/// of [`export::destination`]: never over an essay, an annotations file or anything that is
/// not a previous export; a FIFO or a device as a stream; a regular file atomically, in a
/// folder that must exist.
pub fn run_export(
    files: &[PathBuf],
    format: Format,
    output: Option<&Path>,
    annotations: Option<&Path>,
    base: &Path,
) -> Result<(), ExportCommandError> {
    run_export_from(files, format, output, annotations, base, None)
}

/// [`run_export`], reading the essay files as `from` when it is given (`--from`), else in
/// the format found from each.
pub fn run_export_from(
    files: &[PathBuf],
    format: Format,
    output: Option<&Path>,
    annotations: Option<&Path>,
    base: &Path,
    from: Option<crate::essay::Format>,
) -> Result<(), ExportCommandError> {
    let origins: Vec<Origin> = files
        .iter()
        .map(|path| Origin::file(path.clone(), from))
        .collect();
    let mut state = open_read_only(&origins, annotations, base)?;
    // The reader's names of the colours label the highlights, as in the app's export.
    let settings = crate::settings::path()
        .map(|path| crate::settings::load(&path))
        .transpose()?
        .unwrap_or_default();
    state.set_up(crate::state::SetUp {
        settings,
        ..Default::default()
    });
    let in_play = export::guarded(
        files.iter().map(PathBuf::as_path),
        state.sources().iter().map(|s| s.path.as_path()),
    );
    // No `-o` is `-o -`: standard output, checked the same way.
    let dest = export::destination(output.unwrap_or(Path::new("-")), &in_play)
        .map_err(ExportError::from)?;
    export::check_folder(&dest)?;
    let text = export::render(&state, format)?;
    export::write(&dest, text.as_bytes(), true).map_err(ExportError::from)?;
    Ok(())
}
