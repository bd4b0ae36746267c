//! Parallel passages ranked, not cut: `p` always offers candidates, says how strong each is
//! in words, waits for the background index of a long essay; `P` lists pairs in words; locked
//! scrolling follows the strong pairs.

use std::sync::Arc;

use crate::action::Action::*;
use crate::similar::{self, SentenceIndex, SharedIndex};
use crate::state::testkit::*;
use crate::state::{AppState, Effect, Mode};
use crate::store::DocId;

/// Two essays of two files; the first sentence has one close parallel, one loose one, and a
/// passage that shares nothing.
const LEFT: &str = "Salt Roads\n\nBy Wren Hall\n\n|Salt was carried inland on old roads.\n\nThe harbour froze in the winter.\n\nThe hills were steep and cold in the long winter months.";
const RIGHT: &str = "Maps Without Roads\n\nBy Lena Ortiz\n\nA map shows paths through hills.\n\nSalt was carried inland on old roads by carts.\n\nOld roads carried the salt inland.";

fn pair() -> AppState {
    state_of(&[LEFT, RIGHT])
}

#[test]
fn p_says_how_strong_each_candidate_is_and_offers_them_all() {
    let mut s = pair();
    apply(&mut s, Parallel);
    assert_eq!(modes(&s), [Mode::Parallel]);
    assert_eq!(
        message(&s),
        Some("parallel 1 of 3, strong: p next · Esc back")
    );
    apply(&mut s, Parallel);
    assert!(
        message(&s)
            .unwrap_or_default()
            .starts_with("parallel 2 of 3, "),
        "{:?}",
        message(&s)
    );
    // The passage sharing nothing is still offered, last, as weak.
    apply(&mut s, Parallel);
    assert_eq!(
        message(&s),
        Some("parallel 3 of 3, weak: p next · Esc back")
    );
    let par = s.parallel().expect("still stepping");
    assert_eq!(par.candidates[2].1, 0.0);
}

#[test]
fn a_sentence_sharing_nothing_still_gets_candidates() {
    let mut s = pair();
    apply_all(
        &mut s,
        [Move(crate::action::Motion::ParagraphNext), Parallel],
    );
    let said = message(&s).unwrap_or_default().to_string();
    assert!(said.starts_with("parallel 1 of 3, weak"), "{said}");
    assert_eq!(modes(&s), [Mode::Parallel]);
}

#[test]
fn strength_words_follow_the_thresholds() {
    assert_eq!(similar::strength(1.0).word(), "strong");
    assert_eq!(similar::strength(similar::STRONG).word(), "strong");
    assert_eq!(similar::strength(similar::STRONG - 0.01).word(), "possible");
    assert_eq!(similar::strength(similar::POSSIBLE).word(), "possible");
    assert_eq!(similar::strength(0.0).word(), "weak");
    const { assert!(super::super::parallel::LOCK_SCORE == similar::STRONG) };
}

#[test]
fn locked_scrolling_follows_the_strong_pairs_only() {
    let mut s = pair();
    let pairs = s.best_pairs(10);
    let points = s.parallel_points();
    let strong = pairs
        .iter()
        .filter(|&&(_, _, score)| score >= similar::STRONG)
        .count();
    assert_eq!(points.len(), strong);
    assert!(strong >= 1 && strong < pairs.len(), "{pairs:?}");
}

/// A file with one essay longer than [`INDEX_NOW`](super::super::parallel::INDEX_NOW).
fn long_essay(title: &str, first: &str) -> String {
    let filler = "Rain fell on the quiet fields of the valley all week. ".repeat(4_000);
    format!("{title}\n\nBy Someone\n\n{first}\n\n{filler}")
}

#[test]
fn a_long_essay_waits_for_its_background_index() {
    let left = long_essay("Long Salt", "|Salt was carried inland on old roads.");
    let right = long_essay(
        "Long Maps",
        "Salt was carried inland on old roads by carts.",
    );
    let mut s = state_of(&[&left, &right]);
    assert_eq!(s.docs_to_index(), [DocId(0), DocId(1)]);
    // `p` before the index came: says so, opens nothing, changes nothing.
    assert_eq!(apply(&mut s, Parallel), Effect::None);
    assert_eq!(message(&s), Some(super::super::parallel::INDEXING));
    assert!(modes(&s).is_empty());
    apply(&mut s, Pairs);
    assert_eq!(message(&s), Some(super::super::parallel::INDEXING));
    assert!(modes(&s).is_empty());
    // An index of another essay (the file changed meanwhile) is not taken.
    let other = crate::essay::split(&right, "x").remove(0);
    let stray = SharedIndex(Arc::new(SentenceIndex::new(&other)));
    apply(&mut s, Indexed(DocId(0), stray));
    assert_eq!(s.docs_to_index(), [DocId(0), DocId(1)]);
    // The shell's indexes come: `p` answers.
    for d in [0, 1] {
        let index = SentenceIndex::new(&s.docs()[DocId(d)].essay);
        apply(&mut s, Indexed(DocId(d), SharedIndex(Arc::new(index))));
    }
    assert!(s.docs_to_index().is_empty());
    apply(&mut s, Parallel);
    assert_eq!(modes(&s), [Mode::Parallel]);
    let said = message(&s).unwrap_or_default().to_string();
    assert!(said.starts_with("parallel 1 of 8, strong"), "{said}");
}

#[test]
fn one_essay_wants_no_index() {
    let s = state_of(&["|Only one essay here, alone."]);
    assert!(s.docs_to_index().is_empty());
}
