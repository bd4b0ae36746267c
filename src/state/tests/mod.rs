//! Table tests of [`AppState::apply`](super::AppState::apply), one file per domain, written
//! in the markup of [`super::testkit`]: each row a state before, the actions, and the
//! state, effect and status message after.

mod every;
mod help;
mod keys;
mod links;
mod marking;
mod modes;
mod notes;
mod pure;
mod reading;
mod review;
mod search;
mod shell;
