//! Parallel passages: from a sentence in one essay, the most similar passages of the
//! other; and the list of the most similar pairs across the two essays.

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
/// Pairs at least this similar guide locked scrolling.
pub const LOCK_SCORE: f32 = 0.3;

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
            _ => {}
        }
        Effect::None
    }

    /// The sentence index of essay `doc`, built on first use.
    fn index(&mut self, doc: DocId) -> &SentenceIndex {
        let entry = &mut self.docs[doc];
        entry
            .similar
            .get_or_insert_with(|| SentenceIndex::new(&entry.essay))
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
            self.index(doc);
            self.index(other);
            let (Some(a), Some(b)) = (&self.docs[doc].similar, &self.docs[other].similar) else {
                return;
            };
            let candidates = similar::most_similar(a, sentence, b, CANDIDATES)
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
            self.message = Some("no parallel passage found for this sentence".into());
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
            "parallel {} of {} (similarity {:.2}): {} next · {} back",
            par.current + 1,
            par.candidates.len(),
            score,
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
        self.index(a);
        self.index(b);
        match (&self.docs[a].similar, &self.docs[b].similar) {
            (Some(x), Some(y)) => similar::best_pairs(x, y, limit)
                .into_iter()
                .map(|(l, r, s)| (l.range, r.range, s))
                .collect(),
            _ => Vec::new(),
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
