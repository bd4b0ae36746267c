//! Parallel passages: from a sentence in one essay, the most similar passages of the
//! other; and the list of the most similar pairs across the two essays.

use std::sync::Arc;

use super::{AppState, Effect, Focus, LinkDraft, LinkEnd, Overlay};
use crate::action::Action;
use crate::range::TextRange;
use crate::selection;
use crate::similar::{self, SentenceIndex};
use crate::store::DocId;

/// Candidates looked for with `p`.
const CANDIDATES: usize = 8;
/// Pairs listed with `P`.
pub const PAIRS: usize = 40;
/// Pairs at least this similar guide locked scrolling: the *strong* pairs. Measured on the
/// tuning pairs of tests/fixtures/parallel: 8 of the 9 best pairs that reach it are pairs a
/// reader matched (at 0.1, 10 of 15; the old 0.3 admitted 3, and a single pair of the
/// reference essays). A wrong fixed point drags the other pane off, so precision comes first.
pub const LOCK_SCORE: f32 = similar::STRONG;
/// Essays up to this many code points are indexed on the spot when `p` needs them before the
/// background index came (a few milliseconds); longer ones wait for it.
pub const INDEX_NOW: usize = 200_000;
/// What `p` and `P` say while the background index is not ready.
pub const INDEXING: &str = "still indexing the essays for parallel passages: try again in a moment";

/// A `p` session: the candidates for one sentence, and where the other pane was.
#[derive(Debug, Clone, PartialEq)]
pub struct Parallel {
    /// The pane the sentence is in.
    pub pane: usize,
    /// The sentence.
    pub origin: TextRange,
    /// Candidate passages in the other pane's essay, best first, with scores.
    pub candidates: Vec<(TextRange, f32)>,
    /// The candidate shown.
    pub current: usize,
    /// The other pane's caret, view and selection before, for `Esc`.
    pub saved: (usize, usize, Option<usize>),
}

/// The list of most similar pairs across the two essays on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairs {
    /// Left passage, right passage, score; best first.
    pub pairs: Vec<(TextRange, TextRange, f32)>,
    /// The pair selected.
    pub selected: usize,
}

impl AppState {
    /// Carries out a comparing action: parallel passages and the list of similar pairs.
    pub(super) fn compare(&mut self, action: Action) -> Effect {
        match action {
            Action::Parallel => self.step_parallel(),
            Action::Pairs => self.toggle_pairs(),
            Action::PairsView => self.view_pair(),
            Action::PairsMove(step) => self.move_pairs(step),
            Action::Indexed(doc, built) => self.indexed(doc, built.0),
            _ => {}
        }
        Effect::None
    }

    /// The sentence index of essay `doc`: the one built in the background, else built now if
    /// the essay is short ([`INDEX_NOW`]), else none yet.
    fn index(&mut self, doc: DocId) -> Option<Arc<SentenceIndex>> {
        let entry = &mut self.docs[doc];
        if entry.similar.is_none() && entry.essay.len <= INDEX_NOW {
            entry.similar = Some(Arc::new(SentenceIndex::new(&entry.essay)));
        }
        entry.similar.clone()
    }

    /// The indexes of essays `a` and `b`, if both are ready.
    fn indexes(&mut self, a: DocId, b: DocId) -> Option<(Arc<SentenceIndex>, Arc<SentenceIndex>)> {
        Some((self.index(a)?, self.index(b)?))
    }

    /// The shell built the index of essay `doc`: kept, unless the essay changed meanwhile or
    /// one is there already.
    fn indexed(&mut self, doc: DocId, index: Arc<SentenceIndex>) {
        if let Some(entry) = self.docs.get_mut(doc.0)
            && entry.similar.is_none()
            && entry.essay.fingerprint == index.fingerprint()
        {
            entry.similar = Some(index);
        }
    }

    /// The essays on screen that `p` would compare and that have no index yet: the shell
    /// builds theirs in the background.
    pub fn docs_to_index(&self) -> Vec<DocId> {
        if self.panes.len() < 2 {
            return Vec::new();
        }
        let mut out: Vec<DocId> = self.panes.iter().map(|p| p.essay).collect();
        out.sort_by_key(|d| d.0);
        out.dedup();
        out.retain(|&d| self.docs[d].similar.is_none());
        out
    }

    /// The indexes of the essays on screen that are ready (for the shell to weigh them
    /// against the ones it builds).
    pub fn ready_indexes(&self) -> Vec<Arc<SentenceIndex>> {
        self.panes
            .iter()
            .filter_map(|p| self.docs[p.essay].similar.clone())
            .collect()
    }

    /// `p`: the best parallel of the sentence at the caret, or the next candidate.
    pub(super) fn step_parallel(&mut self) {
        let Some(p) = self.focused_pane() else { return };
        if self.panes.len() < 2 {
            self.message = Some("parallel passages need two essays side by side".into());
            return;
        }
        let q = 1 - p.min(1);
        let doc = self.panes[p].essay;
        let Some(sentence) = selection::sentence_at(&self.docs[doc].essay, self.panes[p].caret)
        else {
            return;
        };
        if let Some(par) = self.parallel_mut()
            && par.pane == p
            && par.origin == sentence
        {
            if !par.candidates.is_empty() {
                par.current = (par.current + 1) % par.candidates.len();
            }
        } else {
            let other = self.panes[q].essay;
            let Some((a, b)) = self.indexes(doc, other) else {
                self.message = Some(INDEXING.into());
                return;
            };
            let candidates = similar::most_similar(&a, sentence, &b, CANDIDATES)
                .into_iter()
                .map(|m| (m.passage.range, m.score))
                .collect();
            let pane = &self.panes[q];
            let here = (pane.caret, pane.top, pane.anchor);
            let saved = self
                .take_parallel()
                .filter(|old| old.pane == p)
                .map_or(here, |old| old.saved);
            self.modes.push(Overlay::Parallel(Parallel {
                pane: p,
                origin: sentence,
                candidates,
                current: 0,
                saved,
            }));
        }
        self.show_parallel();
    }

    /// Shows the current candidate in the other pane, selected.
    fn show_parallel(&mut self) {
        let Some(par) = self.parallel() else { return };
        let q = 1 - par.pane.min(1);
        let Some(&(range, score)) = par.candidates.get(par.current) else {
            self.message = Some("no parallel passage: the other essay has no sentences".into());
            self.take_parallel();
            return;
        };
        let next = self
            .keymap
            .key_in(crate::keymap::Context::Essay, &Action::Parallel);
        let back = self
            .keymap
            .key_in(crate::keymap::Context::Essay, &Action::Back);
        let message = format!(
            "parallel {} of {}, {}: {} next · {} back",
            par.current + 1,
            par.candidates.len(),
            similar::strength(score).word(),
            next.unwrap_or_default(),
            back.unwrap_or_default()
        );
        self.mark_in(q, range);
        self.message = Some(message);
    }

    /// Selects `range` in pane `q` and scrolls to it.
    fn mark_in(&mut self, q: usize, range: TextRange) {
        let essay = &self.docs[self.panes[q].essay].essay;
        let last = selection::clamp(essay, range.end().saturating_sub(1));
        self.panes[q].anchor = Some(range.start());
        self.set_caret(q, last);
        self.set_caret(q, range.start());
        self.panes[q].caret = last;
    }

    /// `Esc` after `p`: the other pane goes back to where it was.
    pub(super) fn restore_parallel(&mut self, par: Parallel) {
        let q = 1 - par.pane.min(1);
        let (caret, top, anchor) = par.saved;
        let pane = &mut self.panes[q];
        pane.caret = caret;
        pane.top = top;
        pane.anchor = anchor;
    }

    /// The most similar pairs of passages of the two essays on screen.
    pub(super) fn best_pairs(&mut self, limit: usize) -> Vec<(TextRange, TextRange, f32)> {
        if self.panes.len() < 2 {
            return Vec::new();
        }
        let (a, b) = (self.panes[0].essay, self.panes[1].essay);
        match self.indexes(a, b) {
            Some((x, y)) => similar::best_pairs(&x, &y, limit)
                .into_iter()
                .map(|(l, r, s)| (l.range, r.range, s))
                .collect(),
            None => Vec::new(),
        }
    }

    /// `P`: opens (or closes) the list of most similar pairs.
    pub(super) fn toggle_pairs(&mut self) {
        if self.take_pairs().is_some() {
            return;
        }
        if self.panes.len() < 2 {
            self.message = Some("pairs need two essays side by side".into());
            return;
        }
        let (a, b) = (self.panes[0].essay, self.panes[1].essay);
        if self.indexes(a, b).is_none() {
            self.message = Some(INDEXING.into());
            return;
        }
        let pairs = self.best_pairs(PAIRS);
        if pairs.is_empty() {
            self.message = Some("no similar passages found".into());
            return;
        }
        self.modes
            .push(Overlay::Pairs(Pairs { pairs, selected: 0 }));
    }

    /// Moves through the pairs list.
    pub(super) fn move_pairs(&mut self, step: isize) {
        if let Some(list) = self.pairs_mut() {
            let n = list.pairs.len() as isize;
            list.selected = (list.selected as isize + step).clamp(0, n - 1) as usize;
        }
    }

    /// `Enter` in the pairs list: shows both passages, selected, side by side.
    pub(super) fn view_pair(&mut self) {
        let Some(list) = self.take_pairs() else {
            return;
        };
        let Some(&(left, right, _)) = list.pairs.get(list.selected) else {
            return;
        };
        self.mark_in(0, left);
        self.mark_in(1, right);
        self.focus = Focus::Pane(0);
    }

    /// `l` in the pairs list: links the two passages (the relation picker opens).
    pub(super) fn link_pair(&mut self) {
        let Some(list) = self.take_pairs() else {
            return;
        };
        let Some(&(left, right, _)) = list.pairs.get(list.selected) else {
            return;
        };
        let (a, b) = (self.panes[0].essay, self.panes[1].essay);
        if let Some(why) = [self.docs[a].source, self.docs[b].source]
            .into_iter()
            .find_map(|s| self.refused_for_link(s))
        {
            self.message = Some(why);
            return;
        }
        let existing = |doc: DocId, range: TextRange| {
            let source = self.docs[doc].source;
            let id = &self.docs[doc].essay.id;
            self.sources[source]
                .items
                .iter()
                .find(|it| it.annotation.essay == *id && it.placement.range() == Some(range))
                .map(|it| LinkEnd::Existing {
                    source,
                    id: it.annotation.id.clone(),
                })
                .unwrap_or(LinkEnd::New { doc, range })
        };
        let from = existing(a, left);
        let to = existing(b, right);
        self.mark_in(0, left);
        self.mark_in(1, right);
        self.modes.push(Overlay::Link(LinkDraft {
            from,
            from_doc: a,
            to: Some((to, b)),
            picking: crate::annotation::Relation::Supports,
        }));
    }

    /// Fixed points for locked scrolling from strongly similar pairs.
    pub(super) fn parallel_points(&mut self) -> Vec<super::lock::FixedPoint> {
        self.best_pairs(200)
            .into_iter()
            .filter(|&(_, _, s)| s >= LOCK_SCORE)
            .map(|(l, r, _)| (l.start(), r.start()))
            .collect()
    }
}
