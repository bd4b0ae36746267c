//! Table tests of [`AppState::apply`](super::AppState::apply), one file per domain, written
//! in the markup of [`super::testkit`]: each row a state before, the actions, and the
//! state, effect and status message after.

mod alignment;
mod colours;
mod copy;
mod cross;
mod every;
mod glitches;
mod help;
mod keys;
mod landing;
mod links;
mod marking;
mod marks;
mod modes;
mod motions;
mod notes;
mod overlaps;
mod parallel;
mod pointer;
mod pure;
mod reading;
mod references;
mod review;
mod search;
mod shell;
mod tags;
