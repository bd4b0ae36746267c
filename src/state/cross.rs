//! Links between essays of two source files. Each file keeps its own copy of such a link
//! (the same id): its own end as a highlight of its own, and a record of the other end
//! ([`OtherEnd`]) to name it, show it and find it again while the other file is away.
//! Made, edited and removed in both copies at once, in one undo step, when both are open.

use super::links::LinkEnd;
use super::visible::LinkBetween;
use super::{AppState, Effect, EssayDoc, Focus, PaneState, Placed, Source};
use crate::anchor::{anchor_for, resolve};
use crate::annotation::{Annotation, AnnotationId, Link, LinkId, OtherEnd, OtherEssay, Relation};
use crate::essay::Essay;
use crate::selection;
use crate::store::{DocId, ReadingState, SourceId, Stamp};

/// A source file the shell opened to follow a link into it.
#[derive(Debug)]
pub struct Beside {
    /// Its essays.
    pub essays: Vec<Essay>,
    /// The source, its annotations placed.
    pub source: Source,
    /// Where it was read last time.
    pub reading: ReadingState,
    /// The source file.
    pub file: std::path::PathBuf,
}

impl AppState {
    /// Where highlight `id`, an end of `link` kept by `holder`, is now: (source, index in
    /// its items). The end of a link between files is looked for in the other open sources.
    pub fn link_end(&self, holder: SourceId, link: &Link, id: &str) -> Option<(SourceId, usize)> {
        if !link.is_away(id) {
            return Some((holder, self.item_index(holder, id)?));
        }
        SourceId::all(self.sources.len())
            .filter(|&s| s != holder)
            .find_map(|s| Some((s, self.item_index(s, id)?)))
    }

    /// The copy of link `id` kept by another open source than `holder`, if any.
    pub(super) fn twin(&self, holder: SourceId, id: &str) -> Option<(SourceId, usize)> {
        SourceId::all(self.sources.len())
            .filter(|&s| s != holder)
            .find_map(|s| Some((s, self.link_index(s, id)?)))
            .filter(|&(s, l)| self.sources[s].links[l].other.is_some())
    }

    /// The record of highlight `annotation` of essay `doc`, for the copy of a link that
    /// the other file keeps.
    pub(super) fn other_end(&self, doc: DocId, annotation: &Annotation) -> OtherEnd {
        let d = &self.docs[doc];
        let src = &self.sources[d.source];
        let anchor = src
            .placed(&annotation.id)
            .and_then(|p| p.placement.range())
            .map_or_else(|| annotation.anchor.clone(), |r| anchor_for(&d.essay, r));
        OtherEnd {
            source: src.name.clone(),
            path: self
                .essay_files
                .get(d.source.0)
                .map_or_else(|| src.name.clone(), |p| p.display().to_string()),
            essay: OtherEssay {
                id: d.essay.id.clone(),
                title: d.essay.title.clone(),
                fingerprint: d.essay.fingerprint.clone(),
                extra: Default::default(),
            },
            highlight: annotation.id.clone(),
            anchor,
            extra: Default::default(),
        }
    }

    /// Brings each link's record of its end in another open file up to date (that file
    /// renamed, moved or edited since): kept in memory, written with the next save. The
    /// recorded path is kept unless the file's own is known.
    pub(super) fn refresh_other_ends(&mut self) {
        let mut fresh = Vec::new();
        for (s, src) in SourceId::all(self.sources.len()).zip(&self.sources) {
            for (l, link) in src.links.iter().enumerate() {
                let Some(old) = &link.other else { continue };
                let Some((t, i)) = self.link_end(s, link, &old.highlight) else {
                    continue;
                };
                let annotation = &self.sources[t].items[i].annotation;
                let Some(doc) = DocId::all(self.docs.len()).find(|&d| {
                    self.docs[d].source == t && self.docs[d].essay.id == annotation.essay
                }) else {
                    continue;
                };
                let mut new = self.other_end(doc, annotation);
                if self.essay_files.get(t.0).is_none() {
                    new.path.clone_from(&old.path);
                }
                new.extra.clone_from(&old.extra);
                new.essay.extra.clone_from(&old.essay.extra);
                new.anchor.extra.clone_from(&old.anchor.extra);
                if new != *old {
                    fresh.push((s, l, new));
                }
            }
        }
        for (s, l, new) in fresh {
            self.sources[s].links[l].other = Some(new);
        }
    }

    /// Why a link cannot change `source`, naming its file; `None` when it can.
    pub(super) fn refused_for_link(&self, source: SourceId) -> Option<String> {
        let src = &self.sources[source];
        let why = src.read_only.as_ref()?;
        Some(format!(
            "cannot link into {}: its annotations are read-only ({why})",
            src.name
        ))
    }

    /// The highlight an end stands for: its id, and the new highlight to add, if any.
    fn end_annotation(&self, end: &LinkEnd, stamp: &mut Stamp) -> Option<(Annotation, bool)> {
        match end {
            LinkEnd::Existing { source, id } => {
                let placed = self.sources.get(source.0)?.placed(id)?;
                Some(((*placed.annotation).clone(), false))
            }
            LinkEnd::New { doc, range } => {
                let placed: Placed = self.new_annotation(*doc, *range, None, stamp);
                Some((std::sync::Arc::unwrap_or_clone(placed.annotation), true))
            }
        }
    }

    /// Makes a link between essays of two sources: a copy in each, each with the other's
    /// end recorded, in one undo step. Returns the first source's copy, to write a note on.
    pub(super) fn link_across(
        &mut self,
        (from, from_doc): (LinkEnd, DocId),
        (to, to_doc): (LinkEnd, DocId),
        relation: Relation,
        stamp: &mut Stamp,
    ) -> Option<(SourceId, LinkId, Effect)> {
        let (a, b) = (self.docs[from_doc].source, self.docs[to_doc].source);
        let (from_ann, from_new) = self.end_annotation(&from, stamp)?;
        let (to_ann, to_new) = self.end_annotation(&to, stamp)?;
        let now = stamp.now;
        let id = stamp.ids.link();
        let link = |other: OtherEnd| Link {
            id: id.clone(),
            from: from_ann.id.clone(),
            to: to_ann.id.clone(),
            relation,
            note: None,
            other: Some(other),
            created: now,
            modified: now,
            extra: Default::default(),
        };
        self.remember(a);
        if from_new {
            self.push_placed(from_doc, from_ann.clone());
        }
        let away = self.other_end(to_doc, &to_ann);
        self.push_link(a, link(away));
        self.remember_joined(b);
        if to_new {
            self.push_placed(to_doc, to_ann.clone());
        }
        let away = self.other_end(from_doc, &from_ann);
        self.push_link(b, link(away));
        Some((a, id, self.change_both(a, b)))
    }

    /// Adds a new highlight of essay `doc` (undoably).
    fn push_placed(&mut self, doc: DocId, annotation: Annotation) {
        let source = self.docs[doc].source;
        let range = annotation.anchor.range();
        let placement = match range {
            Some(r) => crate::anchor::Placement::Exact(r),
            None => crate::anchor::Placement::Orphaned,
        };
        self.push_item(
            source,
            Placed {
                annotation: annotation.into(),
                placement,
            },
        );
    }

    /// Removes the other copy of link `id` of `holder`, if its source is open and can be
    /// changed, in a step taken with the one before; gives that source.
    pub(super) fn remove_twin(&mut self, holder: SourceId, id: &str) -> Option<SourceId> {
        let (s, l) = self.twin(holder, id)?;
        if self.sources[s].read_only.is_some() {
            return None;
        }
        self.remember_joined(s);
        self.remove_link(s, l);
        Some(s)
    }

    /// Gives the other copy of link `id` of `holder` its note and relation, as [`remove_twin`]
    /// does.
    ///
    /// [`remove_twin`]: AppState::remove_twin
    pub(super) fn edit_twin(&mut self, holder: SourceId, id: &str) -> Option<SourceId> {
        let (s, l) = self.twin(holder, id)?;
        let mine = self.sources[holder]
            .links
            .iter()
            .find(|k| k.id == id)?
            .clone();
        if self.sources[s].read_only.is_some() {
            return None;
        }
        self.remember_joined(s);
        self.edit_link(s, l, |link| {
            link.note = mine.note;
            link.relation = mine.relation;
            link.modified = mine.modified;
        });
        Some(s)
    }

    /// The links between essay `a` and essay `b` of another source, as
    /// [`AppState::links_between`] gives those within one.
    pub fn links_across(&self, a: DocId, b: DocId) -> Vec<LinkBetween> {
        let (da, db) = (&self.docs[a], &self.docs[b]);
        let holder = da.source;
        let start_in = |link: &Link, id: &str, doc: &EssayDoc| {
            let (s, i) = self.link_end(holder, link, id)?;
            let it = &self.sources[s].items[i];
            (s == doc.source && it.annotation.essay == doc.essay.id)
                .then(|| it.placement.range().map(|r| r.start()))
                .flatten()
        };
        self.sources[holder]
            .links
            .iter()
            .filter(|l| l.other.is_some())
            .filter_map(|l| {
                let ends: Vec<(usize, usize)> = [(&l.from, &l.to), (&l.to, &l.from)]
                    .into_iter()
                    .filter_map(|(x, y)| Some((start_in(l, x, da)?, start_in(l, y, db)?)))
                    .collect();
                (!ends.is_empty()).then_some((l.relation, ends))
            })
            .collect()
    }

    /// Where the other end of a link, as recorded, is found among essays `docs` by its
    /// anchor (quote and context): in the essay of the recorded id or fingerprint first,
    /// else in any. For a file renamed (its highlights then kept under another name).
    pub(super) fn recorded_place(
        &self,
        other: &OtherEnd,
        docs: impl Iterator<Item = DocId>,
    ) -> Option<(DocId, crate::range::TextRange)> {
        let mut order: Vec<DocId> = docs.collect();
        order.sort_by_key(|&d| {
            let e = &self.docs[d].essay;
            !(e.fingerprint == other.essay.fingerprint || e.id == other.essay.id)
        });
        order.into_iter().find_map(|d| {
            let range = resolve(&self.docs[d].essay, &other.anchor).range()?;
            Some((d, range))
        })
    }

    /// Shows essay `doc` beside the focused pane (adding a second pane when there is one)
    /// and selects `range` there.
    pub(super) fn show_beside(&mut self, doc: DocId, range: crate::range::TextRange) {
        let p = match self.panes.iter().position(|pane| pane.essay == doc) {
            Some(p) => p,
            None if self.panes.len() < 2 => {
                self.panes.push(PaneState {
                    essay: doc,
                    ..Default::default()
                });
                let area = self.screen.area;
                self.resize(area.width, area.height);
                self.panes.len() - 1
            }
            None => {
                let other = match self.focus {
                    Focus::Pane(p) => 1 - p.min(1),
                    Focus::Notes => self.panes.len() - 1,
                };
                self.show_essay(other, doc);
                other
            }
        };
        let essay = &self.docs[doc].essay;
        let last = selection::clamp(essay, range.end().saturating_sub(1));
        self.panes[p].anchor = Some(range.start());
        self.set_caret(p, last);
    }

    /// The shell opened (or failed to open) the source file of the other end of link `id`
    /// kept by `holder`: adds it, shows the passage beside, and says so.
    pub fn opened_beside(&mut self, holder: SourceId, id: &str, opened: Result<Beside, String>) {
        let beside = match opened {
            Ok(beside) => beside,
            Err(why) => {
                self.message = Some(why);
                return;
            }
        };
        let source = SourceId(self.sources.len());
        let first = self.docs.len();
        for (k, essay) in beside.essays.into_iter().enumerate() {
            let caret = beside.reading.positions.get(&essay.id).copied();
            if let Some(caret) = caret {
                let top = beside.reading.tops.get(&essay.id).copied().unwrap_or(0);
                let caret = selection::clamp(&essay, caret);
                self.remembered
                    .insert(DocId(first + k), (caret, top.min(essay.len)));
            }
            self.docs.push(EssayDoc::new(essay, source));
        }
        if self.essay_files.len() == self.sources.len() {
            self.essay_files.push(beside.file);
        }
        self.sources.push(beside.source);
        self.refresh_other_ends();
        let name = self.sources[source].name.clone();
        let Some(link) = self.sources[holder].links.iter().find(|l| l.id == id) else {
            return;
        };
        let relation = link.relation.name();
        let Some(other) = link.other.clone() else {
            return;
        };
        let by_id = |away: &AnnotationId| {
            let it = self.sources[source].placed(away)?;
            let doc = (first..self.docs.len())
                .map(DocId)
                .find(|&d| self.docs[d].essay.id == it.annotation.essay)?;
            Some((doc, it.placement.range()?))
        };
        let place = by_id(&other.highlight)
            .or_else(|| self.recorded_place(&other, (first..self.docs.len()).map(DocId)));
        match place {
            Some((doc, range)) => {
                self.show_beside(doc, range);
                self.message = Some(format!("opened {name}; followed the link ({relation})"));
            }
            None => {
                self.message = Some(format!(
                    "opened {name}, but the linked passage is not in it any more"
                ));
            }
        }
    }
}
