//! What keys leave behind besides actions: keys waiting for more, keys bound to nothing,
//! and a count that repeats an action.

use super::{AppState, Effect, Focus, PaneState, Stamp};
use crate::action::{Action, Motion};
use crate::keymap::Context;
use crate::keymap::hints::Situation;

/// How many times a count repeats an action that can go round for ever (`n` past the last
/// match comes back to the first).
const ROUND_LIMIT: u32 = 1_000;

impl AppState {
    /// Where the reader is, for the hint line.
    pub fn situation(&self) -> Situation {
        let context = self.context();
        if context != Context::Essay {
            Situation::In(context)
        } else if self.modes.has(super::Mode::Link) {
            Situation::Linking
        } else if self
            .focused_pane()
            .is_some_and(|p| self.panes[p].anchor.is_some())
        {
            Situation::Selecting
        } else {
            Situation::In(context)
        }
    }

    /// Carries out [`Action::Pending`], [`Action::UnknownKey`] and [`Action::Repeat`].
    pub(super) fn keys(&mut self, action: Action, stamp: &mut Stamp) -> Effect {
        match action {
            Action::Pending(pending) => {
                self.pending = pending;
                Effect::None
            }
            Action::UnknownKey(keys) => {
                let help = self.keymap.key_for(&Action::Help).unwrap_or_default();
                self.message = Some(format!("{keys} is not a key here ({help}: the keys)"));
                Effect::None
            }
            Action::Repeat(count, action) => self.repeat(count, *action, stamp),
            _ => Effect::None,
        }
    }

    /// `action` done `count` times, or until it stops moving anything.
    fn repeat(&mut self, count: u32, action: Action, stamp: &mut Stamp) -> Effect {
        let step = isize::try_from(count).unwrap_or(isize::MAX);
        // Moves through a list go `count` rows at once: the list clamps them.
        let once = match action {
            Action::HelpScroll(d) => Some(Action::HelpScroll(d.saturating_mul(step))),
            Action::PickerMove(d) => Some(Action::PickerMove(d.saturating_mul(step))),
            Action::PairsMove(d) => Some(Action::PairsMove(d.saturating_mul(step))),
            _ => None,
        };
        if let Some(once) = once {
            return self.apply_one(once, stamp);
        }
        // As in vim, `3$` is the end of the line two lines down: the end, then down, the
        // caret keeping to line ends.
        if action == Action::Move(Motion::LineEnd) {
            self.apply_one(action, stamp);
            let down = Action::Move(Motion::LineDown);
            return self.repeat(count.saturating_sub(1), down, stamp);
        }
        let limit = match action {
            Action::SearchNext | Action::SearchPrev => count.min(ROUND_LIMIT),
            _ => count,
        };
        let mut effect = Effect::None;
        for _ in 0..limit {
            let before = self.place();
            effect = self.apply_one(action.clone(), stamp);
            if self.place() == before {
                break;
            }
        }
        effect
    }

    /// Where the reader is: what a repeated motion changes until it can go no further.
    fn place(&self) -> (Focus, Vec<PaneState>, usize) {
        (self.focus, self.panes.clone(), self.notes_selected)
    }
}
