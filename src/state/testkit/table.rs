//! Table tests: rows of markup before, actions, and what comes after.

use super::{apply_all, message, render, state};
use crate::action::Action;
use crate::state::Effect;

/// One row of a table test: the markup before, the actions, and the markup, the effect of
/// the last action and the status message after.
#[derive(Debug)]
pub(crate) struct Row {
    pub before: &'static str,
    pub actions: Vec<Action>,
    pub after: &'static str,
    pub effect: Effect,
    pub message: Option<&'static str>,
}

/// A [`Row`].
pub(crate) fn row(
    before: &'static str,
    actions: impl Into<Vec<Action>>,
    after: &'static str,
    effect: Effect,
    message: Option<&'static str>,
) -> Row {
    Row {
        before,
        actions: actions.into(),
        after,
        effect,
        message,
    }
}

/// Plays every row; fails naming each row that did not come out as written.
#[track_caller]
pub(crate) fn table(rows: Vec<Row>) {
    let mut failures = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let mut s = state(r.before);
        let effect = apply_all(&mut s, r.actions.clone());
        let got = (render(&s), effect, message(&s).map(str::to_string));
        let want = (
            r.after.to_string(),
            r.effect.clone(),
            r.message.map(str::to_string),
        );
        if got != want {
            failures.push(format!(
                "row {i}: {:?} after {:?}\n   got {got:?}\n  want {want:?}",
                r.before, r.actions
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
