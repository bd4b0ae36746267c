//! The rest of a source's annotations, read whole and placed off the key path after the
//! first screen, as the shell hands them to the state (`Action::Placed`).

use std::path::PathBuf;
use std::sync::Arc;

use super::recovery::Kept;
use super::{AnnotationFile, DiskState, SourceId};
use crate::anchor::Placement;
use crate::annotation::Annotation;

/// All the annotations of one source, read whole and placed off the key path.
#[derive(Debug, Clone)]
pub struct Landed {
    /// The source.
    pub source: SourceId,
    /// Its annotations file, parsed whole, with its hash.
    pub disk: Arc<DiskState>,
    /// Every annotation, in file order, and where it sits.
    pub items: Vec<(Arc<Annotation>, Placement)>,
    /// Why changes are refused once they are in (a newer version's file, another writer).
    pub read_only: Option<String>,
    /// Kept copies and drafts found for it (where, which, what they hold), to offer back.
    pub offers: Vec<(PathBuf, Kept, AnnotationFile)>,
    /// Kept files that could not be read.
    pub unreadable: Vec<String>,
}

/// [`Landed`] as an action carries it (`Action::Placed`): two are equal when they are the
/// same.
#[derive(Debug, Clone)]
pub struct Landing(pub Arc<Landed>);

impl PartialEq for Landing {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Landing {}
