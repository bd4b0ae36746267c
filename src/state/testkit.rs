//! A readable markup of the screen state, for tests of [`AppState::apply`].
//!
//! A fixture is the plain text of one essay file (the seed layout: title, blank line,
//! byline, blank line, paragraphs; or paragraphs only, which take a fallback title; two
//! blank lines before the next essay's title), with marks in it:
//!
//! - `|` the caret of the focused pane, on the character after it; `¦` the caret of the
//!   other pane (without it: at the start);
//! - `[`…`]` a selection; the caret (`|` or `¦`) stands after `[` (the anchor is then the
//!   last character) or before the last character (the anchor is the first);
//! - `{`…`}` a highlight, optionally followed by `<`attributes`>`: a colour name other than
//!   the default (`green`), `moved` for an annotation found by approximate matching, and
//!   `note: …` (last, to the `>`) for its note;
//! - `\` takes the next character as text, for any of `|¦[]{}<>\` in an essay.
//!
//! The panes show the first two essays. [`render`] gives the same markup back for the file
//! of the focused pane, marks in a fixed order (closings, openings, then the caret), so a
//! test reads like
//! `assert_eq!(after("The |first sentence.", Move(WordNext)), "The first |sentence.")`.
//! Highlights nest or stand apart; crossing ones read back as nested.
//!
//! Tests go through [`apply`] and [`now`], so that a change of `apply`'s inputs (time, new
//! ids) touches this file, not every test.

mod lists;
mod markup;
mod table;
#[cfg(test)]
mod tests;

pub(crate) use lists::{links, message, modes, notes};
pub(crate) use markup::{SIZE, render, render_source, state, state_of};
pub(crate) use table::{row, table};

use chrono::{DateTime, TimeZone, Utc};

use super::{Action, AppState, Effect};

/// The time every action happens at.
pub(crate) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5)
        .single()
        .expect("a valid time")
}

/// The stamp every action gets: [`now`], and ids from one fixed seed, so that a table's
/// rows are the same on every run.
pub(crate) fn stamp() -> crate::store::Stamp {
    crate::store::Stamp::new(now(), 1)
}

/// Applies `action` at [`now`].
pub(crate) fn apply(state: &mut AppState, action: Action) -> Effect {
    state.apply(action, stamp())
}

/// Applies each of `actions` in turn; the last effect.
pub(crate) fn apply_all(state: &mut AppState, actions: impl IntoIterator<Item = Action>) -> Effect {
    actions
        .into_iter()
        .fold(Effect::None, |_, action| apply(state, action))
}

/// The markup after `action` on the state `markup` shows.
pub(crate) fn after(markup: &str, action: Action) -> String {
    let mut s = state(markup);
    apply(&mut s, action);
    render(&s)
}
