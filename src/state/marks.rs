//! Going by marks: `]h` `[h` to the next or previous highlight (`n` a note, `l` a link end,
//! `p` a passage of the `P` pairs list), the reader's own marks `m{a-z}` and `'{a-z}` per
//! essay (kept with the reading positions), and `Ctrl-o` `Ctrl-i` through the jump list (see [`super::jumps`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{AppState, Effect};
use crate::action::{Action, MarkKind};
use crate::store::DocId;

/// The reader's marks, and the pairs `]p` and `[p` go through.
#[derive(Debug, Default)]
pub(super) struct Marks {
    /// Mark `a`–`z` of each essay: a caret offset, kept with the reading positions.
    letters: HashMap<(DocId, char), usize>,
    /// The pairs of the two essays on screen, made when first asked for.
    pairs: Option<PairStarts>,
}

/// The essays of the two panes, and the start of each passage of their pairs list in each
/// (left, right), sorted.
type PairStarts = ((DocId, DocId), [Vec<usize>; 2]);

impl Marks {
    /// Takes back mark `letter` of essay `doc`, kept from last time (letters other than
    /// `a`–`z` are left out).
    pub(super) fn restore(&mut self, doc: DocId, letter: char, offset: usize) {
        if letter.is_ascii_lowercase() {
            self.letters.insert((doc, letter), offset);
        }
    }

    /// The marks of essay `doc`, to be kept for next time.
    pub(super) fn of(&self, doc: DocId) -> BTreeMap<char, usize> {
        self.letters
            .iter()
            .filter(|((d, _), _)| *d == doc)
            .map(|(&(_, letter), &offset)| (letter, offset))
            .collect()
    }
}

/// The name of a kind of mark in a message.
fn name(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Highlight => "highlight",
        MarkKind::Note => "note",
        MarkKind::Link => "link",
        MarkKind::Pair => "pair",
    }
}

impl AppState {
    /// Carries out a move by marks or through the jump list.
    pub(super) fn go(&mut self, action: Action) -> Effect {
        match action {
            Action::NextMark(kind) => self.step_mark(kind, true),
            Action::PrevMark(kind) => self.step_mark(kind, false),
            Action::SetMark(letter) => self.set_mark(letter),
            Action::GoToMark(letter) => self.go_to_mark(letter),
            Action::JumpBack => self.jump(true),
            Action::JumpForward => self.jump(false),
            _ => {}
        }
        Effect::None
    }

    /// `]x` / `[x`: the caret to the start of the next (previous) mark of `kind` after
    /// (before) it in the focused essay.
    fn step_mark(&mut self, kind: MarkKind, forward: bool) {
        let Some(p) = self.focused_pane() else { return };
        let starts = match self.mark_starts(p, kind) {
            Ok(starts) => starts,
            Err(message) => {
                self.message = Some(message.into());
                return;
            }
        };
        let caret = self.panes[p].caret;
        let found = if forward {
            let i = starts.partition_point(|&s| s <= caret);
            starts.get(i).copied()
        } else {
            let i = starts.partition_point(|&s| s < caret);
            i.checked_sub(1).and_then(|i| starts.get(i).copied())
        };
        match found {
            Some(start) => self.set_caret(p, start),
            None => {
                let way = if forward { "next" } else { "previous" };
                self.message = Some(format!("no {way} {}", name(kind)));
            }
        }
    }

    /// The starts of the marks of `kind` in the essay of pane `p`, sorted, or why there
    /// are none to go to.
    fn mark_starts(&mut self, p: usize, kind: MarkKind) -> Result<Vec<usize>, &'static str> {
        if kind == MarkKind::Pair {
            return self.pair_starts(p);
        }
        let doc = &self.docs[self.panes[p].essay];
        let source = &self.sources[doc.source];
        let linked: HashSet<&str> = match kind {
            MarkKind::Link => source
                .links
                .iter()
                .flat_map(|l| [l.from.as_str(), l.to.as_str()])
                .collect(),
            _ => HashSet::new(),
        };
        let mut starts: Vec<usize> = source
            .items
            .iter()
            .filter(|it| it.annotation.essay == doc.essay.id)
            .filter(|it| match kind {
                MarkKind::Note => it.annotation.note_text().is_some(),
                MarkKind::Link => linked.contains(it.annotation.id.as_str()),
                _ => true,
            })
            .filter_map(|it| it.placement.range())
            .map(|r| r.start())
            .collect();
        starts.sort_unstable();
        starts.dedup();
        Ok(starts)
    }

    /// The starts, in the essay of pane `p`, of the passages of the pairs list `P` shows.
    fn pair_starts(&mut self, p: usize) -> Result<Vec<usize>, &'static str> {
        if self.panes.len() < 2 {
            return Err("pairs need two essays side by side");
        }
        let shown = (self.panes[0].essay, self.panes[1].essay);
        let fresh = !matches!(&self.marks.pairs, Some((docs, _)) if *docs == shown);
        if fresh {
            let pairs = self.best_pairs(super::parallel::PAIRS);
            let mut sides = [Vec::new(), Vec::new()];
            for (left, right, _) in pairs {
                sides[0].push(left.start());
                sides[1].push(right.start());
            }
            for side in &mut sides {
                side.sort_unstable();
                side.dedup();
            }
            self.marks.pairs = Some((shown, sides));
        }
        match &self.marks.pairs {
            Some((_, sides)) => Ok(sides[p.min(1)].clone()),
            None => Ok(Vec::new()),
        }
    }

    /// `m{a-z}`: sets a mark at the caret of the focused essay.
    fn set_mark(&mut self, letter: char) {
        let Some(p) = self.focused_pane() else { return };
        if !letter.is_ascii_lowercase() {
            self.message = Some("marks are the letters a to z".into());
            return;
        }
        let pane = &self.panes[p];
        self.marks.letters.insert((pane.essay, letter), pane.caret);
        self.message = Some(format!("mark {letter} set"));
    }

    /// `'{a-z}`: the caret to a mark of the focused essay.
    fn go_to_mark(&mut self, letter: char) {
        let Some(p) = self.focused_pane() else { return };
        match self.marks.letters.get(&(self.panes[p].essay, letter)) {
            Some(&offset) => self.set_caret(p, offset),
            None => self.message = Some(format!("mark {letter} is not set in this essay")),
        }
    }
}
