//! The jump list, as vim keeps it: every jump (a search, a followed link, a parallel, a
//! notes-pane jump, `g` and `G`, a mark, `]x` and `[x`, a pair shown) remembers where the
//! caret came from; `Ctrl-o` goes back through those places and `Ctrl-i` forward again,
//! switching pane and essay where a place is in another.

use std::collections::VecDeque;

use super::{AppState, Focus};
use crate::action::{Action, Motion};
use crate::store::DocId;

/// How many places the jump list keeps; the oldest go first.
pub const JUMPS: usize = 100;

/// A place a jump came from: the pane, the essay it showed and the caret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The pane.
    pub pane: usize,
    /// The essay it showed.
    pub doc: DocId,
    /// The caret.
    pub offset: usize,
}

/// The places jumps came from, oldest first, and where `Ctrl-o` and `Ctrl-i` have got to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    places: VecDeque<Place>,
    /// The place being visited; `places.len()` when not going through the list.
    at: usize,
    /// Where the panes were before moving through the notes list began: its previews move
    /// the caret, and `Enter` there jumps from where the reader was, not from a preview.
    browsing: Option<Origin>,
    /// The panes as they were before the notes list's previews moved them: leaving the
    /// list without `Enter` puts them back.
    views: Option<Vec<super::PaneState>>,
}

impl JumpList {
    /// Remembers that a jump left `from`. Places ahead of one gone back to are dropped,
    /// as a browser drops its forward history.
    pub fn record(&mut self, from: Place) {
        self.places.truncate(self.at);
        if self.places.back() != Some(&from) {
            self.places.push_back(from);
        }
        while self.places.len() > JUMPS {
            self.places.pop_front();
        }
        self.at = self.places.len();
    }

    /// The place before the one being visited; `here` is kept so that forward comes back.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        if self.at >= self.places.len() {
            if self.places.back() != Some(&here) {
                self.places.push_back(here);
                if self.places.len() > JUMPS {
                    self.places.pop_front();
                }
            }
            self.at = self.places.len() - 1;
        }
        if self.at == 0 {
            return None;
        }
        self.at -= 1;
        self.places.get(self.at).copied()
    }

    /// The place after the one being visited.
    pub fn forward(&mut self) -> Option<Place> {
        if self.at + 1 >= self.places.len() {
            return None;
        }
        self.at += 1;
        self.places.get(self.at).copied()
    }

    /// How many places are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.places.len()
    }
}

/// Where every pane was before an action that may jump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Origin {
    focus: Focus,
    panes: Vec<(DocId, usize)>,
    /// For `Enter` after a search: where the caret was when the search started.
    search: Option<Place>,
}

/// Whether `action` is a jump, when it moves a caret.
fn is_jump(action: &Action) -> bool {
    if let Action::Repeat(_, action) = action {
        return is_jump(action);
    }
    matches!(
        action,
        Action::SearchDone
            | Action::SearchNext
            | Action::SearchPrev
            | Action::FollowLink
            | Action::FollowReference
            | Action::Parallel
            | Action::Align
            | Action::NotesJump
            | Action::PairsView
            | Action::Move(Motion::Top | Motion::Bottom)
            | Action::NextMark(_)
            | Action::PrevMark(_)
            | Action::GoToMark(_)
    )
}

impl AppState {
    /// Where the panes are before `action`, if it is a jump (for `Enter` in the notes:
    /// before moving through the list began).
    pub(super) fn jump_origin(&mut self, action: &Action) -> Option<Origin> {
        let inner = match action {
            Action::Repeat(_, inner) => inner.as_ref(),
            other => other,
        };
        if self.focus != Focus::Notes {
            self.jumps.browsing = None;
            self.jumps.views = None;
        } else if matches!(inner, Action::FocusNext | Action::FocusPrev) {
            // Leaving the list without `Enter`: the previews are put away.
            self.jumps.browsing = None;
            if let Some(views) = self.jumps.views.take()
                && views.len() == self.panes.len()
                && views
                    .iter()
                    .zip(&self.panes)
                    .all(|(v, p)| v.essay == p.essay)
            {
                self.panes = views;
            }
            return None;
        } else if matches!(
            inner,
            Action::NotesDown | Action::NotesUp | Action::NotesFirst | Action::NotesLast
        ) {
            if self.jumps.browsing.is_none() {
                self.jumps.browsing = Some(self.origin_now(None));
                self.jumps.views = Some(self.panes.clone());
            }
            return None;
        } else if *inner == Action::NotesJump
            && let Some(origin) = self.jumps.browsing.take()
        {
            self.jumps.views = None;
            return Some(origin);
        }
        if !is_jump(action) {
            return None;
        }
        let search = match action {
            Action::SearchDone => self.search.as_ref().and_then(|s| {
                let pane = self.panes.get(s.pane)?;
                Some(Place {
                    pane: s.pane,
                    doc: pane.essay,
                    offset: s.origin,
                })
            }),
            _ => None,
        };
        Some(self.origin_now(search))
    }

    /// Where every pane is now.
    fn origin_now(&self, search: Option<Place>) -> Origin {
        Origin {
            focus: self.focus,
            panes: self.panes.iter().map(|p| (p.essay, p.caret)).collect(),
            search,
        }
    }

    /// After a jump: remembers where it came from, if a caret moved (the focused pane's
    /// first, else the first pane's that moved).
    pub(super) fn record_jump(&mut self, origin: Origin) {
        let now = |i: usize| self.panes.get(i).map(|p| (p.essay, p.caret));
        if let Some(from) = origin.search {
            if now(from.pane) != Some((from.doc, from.offset)) {
                self.jumps.record(from);
            }
            return;
        }
        let moved = |i: &usize| now(*i) != origin.panes.get(*i).copied();
        let focused = match origin.focus {
            Focus::Pane(p) => Some(p).filter(moved),
            Focus::Notes => None,
        };
        let Some(pane) = focused.or_else(|| (0..origin.panes.len()).find(moved)) else {
            return;
        };
        let (doc, offset) = origin.panes[pane];
        self.jumps.record(Place { pane, doc, offset });
    }

    /// The place of the focused pane (the first pane's when the notes have the keyboard).
    fn here(&self) -> Option<Place> {
        let pane = match self.focus {
            Focus::Pane(p) => p,
            Focus::Notes => 0,
        };
        let state = self.panes.get(pane)?;
        Some(Place {
            pane,
            doc: state.essay,
            offset: state.caret,
        })
    }

    /// `Ctrl-o` and `Ctrl-i`: back or forward through the jump list.
    pub(super) fn jump(&mut self, back: bool) {
        let place = match (back, self.here()) {
            (true, Some(here)) => self.jumps.back(here),
            (false, _) => self.jumps.forward(),
            (true, None) => None,
        };
        match place {
            Some(place) => self.visit(place),
            None => {
                self.message = Some(
                    if back {
                        "no older jump"
                    } else {
                        "no newer jump"
                    }
                    .into(),
                );
            }
        }
    }

    /// Shows `place`: in the pane showing its essay, else in its own pane, which then
    /// shows that essay again; focused.
    fn visit(&mut self, place: Place) {
        if self.panes.is_empty() || place.doc.0 >= self.docs.len() {
            return;
        }
        let p = match self.panes.iter().position(|pane| pane.essay == place.doc) {
            Some(p) => p,
            None => {
                let p = place.pane.min(self.panes.len() - 1);
                self.show_essay(p, place.doc);
                p
            }
        };
        self.focus = Focus::Pane(p);
        self.set_caret(p, place.offset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(offset: usize) -> Place {
        Place {
            pane: 0,
            doc: DocId(0),
            offset,
        }
    }

    #[test]
    fn back_keeps_the_present_for_forward() {
        let mut list = JumpList::default();
        list.record(at(1));
        list.record(at(2));
        assert_eq!(list.back(at(3)), Some(at(2)));
        assert_eq!(list.back(at(2)), Some(at(1)));
        assert_eq!(list.back(at(1)), None);
        assert_eq!(list.forward(), Some(at(2)));
        assert_eq!(list.forward(), Some(at(3)));
        assert_eq!(list.forward(), None);
    }

    #[test]
    fn a_new_jump_drops_the_places_ahead() {
        let mut list = JumpList::default();
        list.record(at(1));
        list.record(at(2));
        assert_eq!(list.back(at(3)), Some(at(2)));
        list.record(at(2));
        assert_eq!(list.forward(), None);
        assert_eq!(list.back(at(9)), Some(at(2)));
        assert_eq!(list.back(at(2)), Some(at(1)));
    }

    #[test]
    fn the_list_is_bounded() {
        let mut list = JumpList::default();
        for i in 0..250 {
            list.record(at(i));
        }
        assert_eq!(list.len(), JUMPS);
        let mut seen = Vec::new();
        let mut here = at(1000);
        while let Some(place) = list.back(here) {
            seen.push(place.offset);
            here = place;
        }
        assert_eq!(seen.len(), JUMPS - 1);
        assert_eq!(seen.last(), Some(&151));
    }
}
