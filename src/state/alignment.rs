//! The alignment view: the two essays on screen set against each other paragraph by
//! paragraph (see [`crate::similar::align`]), stepped through pair by pair, and the same
//! alignment guiding locked scrolling.
//!
//! The paragraph scores are the costly part. For essays under [`ALIGN_NOW`] code points in
//! all they are worked out in `apply`; bigger ones go to the shell as [`Effect::Align`],
//! which gives them back as [`Action::Aligned`] while the reader goes on.

use std::sync::Arc;

use super::{AppState, Effect, Focus, Overlay};
use crate::action::{Action, ScrollTo};
use crate::similar::SentenceIndex;
use crate::similar::align::{self, AlignJob, Alignment, ParagraphScores, Scored};
use crate::store::DocId;

/// Essays shorter than this in all (code points) are aligned at once, on the key path.
pub const ALIGN_NOW: usize = 200_000;

/// The alignment view: its rows (none while they are worked out) and the row chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignView {
    /// The essays aligned, left and right.
    pub docs: (DocId, DocId),
    /// The alignment; `None` while the shell works it out.
    pub alignment: Option<Arc<Alignment>>,
    /// The row chosen.
    pub selected: usize,
}

/// Paragraph scores of a pair of essays (`None`: being worked out by the shell).
type ScoresOf = ((DocId, DocId), Option<Arc<ParagraphScores>>);

/// What is known of the alignment of the two essays on screen.
#[derive(Debug, Clone, Default)]
pub struct Aligned {
    /// Paragraph scores per pair of essays (`None`: being worked out by the shell).
    scores: Vec<ScoresOf>,
    /// The alignment last built (with the links of then), for locked scrolling.
    built: Option<((DocId, DocId), Arc<Alignment>)>,
}

impl AppState {
    /// Carries out an action of the alignment view.
    pub(super) fn alignment_action(&mut self, action: Action) -> Effect {
        match action {
            Action::AlignmentView => return self.toggle_alignment(),
            Action::AlignmentStep(step) => self.step_alignment(step),
            Action::AlignmentMove(step) => self.move_alignment(step),
            Action::AlignmentOpen => self.open_alignment_row(),
            Action::Aligned(scored) => self.take_scored(scored),
            _ => {}
        }
        Effect::None
    }

    /// The alignment view, if it is open.
    pub fn alignment_view(&self) -> Option<&AlignView> {
        self.modes.find(|o| match o {
            Overlay::Alignment(view) => Some(view),
            _ => None,
        })
    }

    fn alignment_view_mut(&mut self) -> Option<&mut AlignView> {
        self.modes.find_mut(|o| match o {
            Overlay::Alignment(view) => Some(view),
            _ => None,
        })
    }

    /// The essays on screen, left and right.
    fn shown_pair(&self) -> Option<(DocId, DocId)> {
        (self.panes.len() >= 2).then(|| (self.panes[0].essay, self.panes[1].essay))
    }

    /// The paragraph scores of `docs`: known, being worked out, or unknown.
    fn scores_of(&self, docs: (DocId, DocId)) -> Option<&Option<Arc<ParagraphScores>>> {
        self.aligned
            .scores
            .iter()
            .find(|(d, _)| *d == docs)
            .map(|(_, s)| s)
    }

    /// Works out the scores of `docs` now if the essays are small: whether they are known.
    fn score_small(&mut self, docs: (DocId, DocId)) -> bool {
        if let Some(known) = self.scores_of(docs) {
            return known.is_some();
        }
        let size = self.docs[docs.0].essay.len + self.docs[docs.1].essay.len;
        if size >= ALIGN_NOW {
            return false;
        }
        for d in [docs.0, docs.1] {
            let entry = &mut self.docs[d];
            entry
                .similar
                .get_or_insert_with(|| Arc::new(SentenceIndex::new(&entry.essay)));
        }
        let (Some(a), Some(b)) = (&self.docs[docs.0].similar, &self.docs[docs.1].similar) else {
            return false;
        };
        let scores = Arc::new(ParagraphScores::new(a, b));
        self.aligned.scores.push((docs, Some(scores)));
        true
    }

    /// Builds the alignment of `docs` from known scores and the links between them.
    fn build_alignment(&mut self, docs: (DocId, DocId)) -> Option<Arc<Alignment>> {
        let scores = self.scores_of(docs)?.clone()?;
        let (ea, eb) = (&self.docs[docs.0].essay, &self.docs[docs.1].essay);
        let links: Vec<(usize, usize)> = self
            .link_points(docs.0, docs.1)
            .into_iter()
            .map(|(x, y)| (ea.block_at(x), eb.block_at(y)))
            .collect();
        let built = Arc::new(align::align(
            &scores,
            &align::paragraphs(ea),
            &align::paragraphs(eb),
            &links,
        ));
        self.aligned.built = Some((docs, Arc::clone(&built)));
        Some(built)
    }

    /// The alignment locked scrolling follows: built when locking, if the scores are known
    /// or the essays small.
    pub(super) fn refresh_alignment(&mut self) {
        self.aligned.built = None;
        if let Some(docs) = self.shown_pair()
            && self.score_small(docs)
        {
            self.build_alignment(docs);
        }
    }

    /// `A`: opens the alignment view of the two essays on screen (again: closes it).
    fn toggle_alignment(&mut self) -> Effect {
        if self
            .modes
            .remove(|o| matches!(o, Overlay::Alignment(_)))
            .is_some()
        {
            return Effect::None;
        }
        let Some(docs) = self.shown_pair() else {
            self.message = Some("the alignment view needs two essays side by side".into());
            return Effect::None;
        };
        let mut effect = Effect::None;
        let alignment = if self.score_small(docs) {
            self.build_alignment(docs)
        } else {
            if self.scores_of(docs).is_none() {
                self.aligned.scores.push((docs, None));
                effect = Effect::Align(AlignJob {
                    docs,
                    first: Arc::clone(&self.docs[docs.0].essay),
                    second: Arc::clone(&self.docs[docs.1].essay),
                });
            }
            self.message = Some("aligning the essays…".into());
            None
        };
        let selected = alignment.as_ref().map_or(0, |a| self.row_at_caret(a));
        self.modes.push(Overlay::Alignment(AlignView {
            docs,
            alignment,
            selected,
        }));
        effect
    }

    /// The first row at or after the left pane's caret paragraph.
    fn row_at_caret(&self, alignment: &Alignment) -> usize {
        let essay = &self.docs[self.panes[0].essay].essay;
        let block = essay.block_at(self.panes[0].caret);
        alignment
            .rows
            .iter()
            .position(|r| r.left.is_some_and(|l| l >= block))
            .unwrap_or(0)
    }

    /// The shell's scores came: kept, and shown if the view waits for them.
    fn take_scored(&mut self, scored: Scored) {
        let docs = scored.docs;
        self.aligned.scores.retain(|(d, _)| *d != docs);
        self.aligned.scores.push((docs, Some(scored.scores)));
        if self
            .alignment_view()
            .is_some_and(|v| v.docs == docs && v.alignment.is_none())
            && let Some(built) = self.build_alignment(docs)
        {
            let selected = self.row_at_caret(&built);
            if let Some(view) = self.alignment_view_mut() {
                view.alignment = Some(built);
                view.selected = selected;
            }
        } else if self.locked && self.shown_pair() == Some(docs) {
            self.build_alignment(docs);
        }
    }

    /// `]p` / `[p`: the next or previous row that is a pair.
    fn step_alignment(&mut self, step: isize) {
        let Some(view) = self.alignment_view_mut() else {
            return;
        };
        let Some(alignment) = view.alignment.clone() else {
            return;
        };
        let rows = &alignment.rows;
        let at = view.selected;
        let found = if step > 0 {
            (at + 1..rows.len()).find(|&i| rows[i].is_pair())
        } else {
            (0..at.min(rows.len())).rev().find(|&i| rows[i].is_pair())
        };
        match found {
            Some(i) => view.selected = i,
            None => {
                let which = if step > 0 { "last" } else { "first" };
                self.message = Some(format!("no pair past this one: it is the {which}"));
            }
        }
    }

    /// `j` / `k`: the next or previous row.
    fn move_alignment(&mut self, step: isize) {
        if let Some(view) = self.alignment_view_mut()
            && let Some(alignment) = &view.alignment
        {
            let last = alignment.rows.len().saturating_sub(1) as isize;
            view.selected = (view.selected as isize).saturating_add(step).clamp(0, last) as usize;
        }
    }

    /// `Enter`: closes the view and shows the chosen row's paragraphs at the top of both panes.
    fn open_alignment_row(&mut self) {
        let Some(Overlay::Alignment(view)) =
            self.modes.remove(|o| matches!(o, Overlay::Alignment(_)))
        else {
            return;
        };
        let Some(row) = view
            .alignment
            .as_ref()
            .and_then(|a| a.rows.get(view.selected).copied())
        else {
            return;
        };
        if self.shown_pair() != Some(view.docs) {
            return;
        }
        for (p, block) in [(0, row.left), (1, row.right)] {
            if let Some(b) = block {
                let start = self.docs[self.panes[p].essay].essay.blocks[b].start;
                self.panes[p].anchor = None;
                self.set_caret(p, start);
                let flow = self.flow(p);
                let port = self.viewport(p);
                let mut pane = self.panes[p].clone();
                pane.scroll_to(ScrollTo::Top, &flow, port);
                self.panes[p] = pane;
            }
        }
        self.focus = Focus::Pane(if row.left.is_some() { 0 } else { 1 });
    }

    /// Locked scrolling by the alignment: scrolls the pane beside `p` to the paragraph set
    /// against the one at the top of `p`, as far into it as `p` is into its own. Returns
    /// false when there is no alignment or the paragraph has no partner.
    pub(super) fn follow_alignment(&mut self, p: usize) -> bool {
        let Some(docs) = self.shown_pair() else {
            return false;
        };
        let Some(alignment) = self
            .aligned
            .built
            .as_ref()
            .filter(|(d, _)| *d == docs)
            .map(|(_, a)| Arc::clone(a))
        else {
            return false;
        };
        let q = 1 - p.min(1);
        let flow = self.flow(p);
        let top = super::top_pos(&flow, self.panes[p].top);
        let partner = if p == 0 {
            alignment.partner_of_left(top.block)
        } else {
            alignment.partner_of_right(top.block)
        };
        let Some(partner) = partner else {
            return false;
        };
        let into = top.row as isize;
        let flow_q = self.flow(q);
        let view = self.viewport(q);
        let start = flow_q.pos_of(flow_q.essay.blocks[partner].start);
        let rows = flow_q.advance(start, into);
        let line = if rows.block == partner { rows } else { start };
        let mut pane = self.panes[q].clone();
        pane.top = super::top_offset(&flow_q, line);
        pane.goal_column = None;
        pane.scroll(&flow_q, view, 0);
        self.panes[q] = pane;
        true
    }
}
