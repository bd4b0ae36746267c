//! The sources: essay files with their annotations, and what is saved of them.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use super::{AppState, Focus};
use crate::anchor::Placement;
use crate::annotation::{Annotation, Link};
use crate::essay::Essay;
use crate::layout::WrapCache;
use crate::store::{
    AnnotationFile, DiskState, DocId, EssayRecord, Lock, ReadingState, Saved, SourceId,
};

/// An essay as the app holds it, with the file it came from and its wrapped lines.
#[derive(Debug)]
pub struct EssayDoc {
    /// The essay.
    pub essay: std::sync::Arc<Essay>,
    /// Index of its source in [`AppState::sources`].
    pub source: SourceId,
    /// Wrapped rows, per width.
    pub wrap: WrapCache,
    /// The sentence index for parallel passages: built in the background by the shell (or on
    /// first use, for a short essay). Shared with the thread that weighs it against another.
    pub similar: Option<Arc<crate::similar::SentenceIndex>>,
}

impl EssayDoc {
    /// An essay of source `source`, not yet wrapped or indexed.
    pub fn new(essay: Essay, source: SourceId) -> EssayDoc {
        EssayDoc {
            essay: Arc::new(essay),
            source,
            wrap: WrapCache::default(),
            similar: None,
        }
    }
}

/// An annotation and where it sits in the essay now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The annotation as stored, shared with the snapshots being saved (changed through
    /// [`Arc::make_mut`], which copies it only while a snapshot still holds it).
    pub annotation: Arc<Annotation>,
    /// Where it sits now.
    pub placement: Placement,
}

/// Whether a source's annotations are on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything shown is on disk.
    Saved,
    /// A change waits for the save to finish.
    Saving,
    /// The last save failed; the change is kept in memory and saved with the next one.
    Failed(String),
}

/// One source file and its annotations file.
#[derive(Debug)]
pub struct Source {
    /// The source file's name, for the status line.
    pub name: String,
    /// The annotations file.
    pub path: PathBuf,
    /// The file as last read or written (its essays and unknown fields, and the base
    /// of a merge); the annotations shown live in `items`.
    pub disk: Arc<DiskState>,
    /// The annotations, in creation order.
    pub items: Vec<Placed>,
    /// Links between highlights, in creation order.
    pub links: Vec<Link>,
    /// Ids deleted in this session: a merge never brings them back.
    pub deleted: BTreeSet<String>,
    /// Counts changes of `items` and `links`, so that lists derived from them are made
    /// again only when they changed.
    pub(super) version: u64,
    /// The changes of `items` by change count, for indexes to catch up with.
    pub(super) journal: super::journal::Journal,
    /// Why changes are refused, when they are.
    pub read_only: Option<String>,
    /// Save state.
    pub save: SaveState,
    /// The lock that makes this the one writer of the file.
    pub lock: Option<Lock>,
}

impl Source {
    /// Index of the annotation with `id` in `items`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|it| it.annotation.id == id)
    }

    /// The annotation with `id`, where it sits now.
    pub fn placed(&self, id: &str) -> Option<&Placed> {
        self.items.iter().find(|it| it.annotation.id == id)
    }

    /// Counts changes of its annotations and links: equal counts, equal files to save.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// A source, saved, with nothing deleted yet.
    pub fn new(
        name: String,
        path: PathBuf,
        disk: DiskState,
        items: Vec<Placed>,
        read_only: Option<String>,
        lock: Option<Lock>,
    ) -> Source {
        Source {
            name,
            path,
            links: disk.file.links.clone(),
            disk: Arc::new(disk),
            items,
            deleted: BTreeSet::new(),
            version: 0,
            journal: Default::default(),
            read_only,
            save: SaveState::Saved,
            lock,
        }
    }
}

impl AppState {
    /// The reading state of `source`, to be saved apart from its annotations.
    pub fn reading_state(&self, source: SourceId) -> ReadingState {
        let mut state = ReadingState::default();
        for (i, doc) in DocId::all(self.docs.len()).zip(&self.docs) {
            if doc.source != source {
                continue;
            }
            let caret = self
                .panes
                .iter()
                .find(|p| p.essay == i)
                .map(|p| p.caret)
                .or_else(|| self.remembered.get(&i).map(|r| r.0));
            if let Some(caret) = caret {
                state.positions.insert(doc.essay.id.clone(), caret);
            }
            let top = self
                .panes
                .iter()
                .find(|p| p.essay == i)
                .map(|p| p.top)
                .or_else(|| self.remembered.get(&i).map(|r| r.1));
            if let Some(top) = top {
                state.tops.insert(doc.essay.id.clone(), top);
            }
            let marks = self.marks.of(i);
            if !marks.is_empty() {
                state.marks.insert(doc.essay.id.clone(), marks);
            }
        }
        state.focus = Some(
            match self.focus {
                Focus::Notes => "notes",
                Focus::Pane(1) => "right",
                Focus::Pane(_) => "left",
            }
            .into(),
        );
        state.shown = self
            .panes
            .iter()
            .map(|p| self.docs[p.essay].essay.id.clone())
            .collect();
        state
    }

    /// The annotations file of `source` as it should be on disk now.
    pub fn file_for_save(&self, source: SourceId) -> AnnotationFile {
        let mut file = self.file_without_annotations(source);
        file.annotations = self.sources[source]
            .items
            .iter()
            .map(|p| (*p.annotation).clone())
            .collect();
        file
    }

    /// [`AppState::file_for_save`] but for its annotations (left empty): the cheap part.
    pub fn file_without_annotations(&self, source: SourceId) -> AnnotationFile {
        let src = &self.sources[source];
        let disk = &src.disk.file;
        // Not a clone of the whole file: its annotations and links are replaced anyway.
        let mut file = AnnotationFile {
            essays: Vec::new(),
            annotations: Vec::new(),
            links: Vec::new(),
            version: disk.version,
            source: disk.source.clone(),
            extra: disk.extra.clone(),
        };
        file.essays = self
            .docs
            .iter()
            .filter(|d| d.source == source)
            .map(|d| {
                let old = src.disk.file.essays.iter().find(|r| r.id == d.essay.id);
                EssayRecord {
                    extra: old.map(|r| r.extra.clone()).unwrap_or_default(),
                    ..EssayRecord::of(&d.essay)
                }
            })
            .collect();
        file.links = src.links.clone();
        file
    }

    /// A save of `source` ended, but its annotations changed after the save's snapshot was
    /// taken and another save follows: the source stays [`SaveState::Saving`]. Written
    /// without a merge, the file is the base of the next save. Merged with changes made on
    /// disk, it is not adopted (that would drop the changes made meanwhile): the base stays
    /// as it was, so the next save sees the file changed and merges again, the annotations
    /// shown being ours, the file theirs, and `deleted` keeping deletions. A failure is
    /// retried by the next save, which reports for both.
    pub fn saved_before_changes(&mut self, source: SourceId, result: Result<Saved, String>) {
        if let Some(src) = self.sources.get_mut(source.0) {
            src.save = SaveState::Saving;
            if let Ok(saved) = result
                && !saved.merged
            {
                src.disk = Arc::new(saved.disk);
            }
        }
    }

    /// Whether everything is saved.
    pub fn all_saved(&self) -> bool {
        self.sources.iter().all(|s| s.save == SaveState::Saved)
    }
}
