//! Searching the focused essay: typing the query, keeping it, stepping through matches.

use crate::action::{Action::*, EditorInput};
use crate::keymap::Context;
use crate::state::testkit::*;
use crate::state::{Effect, Mode};

const TEXT: &str = "The |tide came in. The tide went out.\n\nTide tables help.";

fn typed(text: &str) -> Vec<crate::action::Action> {
    text.chars().map(|c| Search(EditorInput::Char(c))).collect()
}

#[test]
fn typing_a_query_goes_to_the_first_match_from_the_caret() {
    let mut s = state(TEXT);
    apply(&mut s, SearchStart);
    assert_eq!(modes(&s), [Mode::Search]);
    assert_eq!(s.context(), Context::Search);
    assert_eq!(s.mode(), "SEARCH");
    apply_all(&mut s, typed("tide"));
    // From the caret on the first "tide": the first at or after it.
    assert_eq!(message(&s), Some("/tide: match 1 of 3"));
    assert_eq!(render(&s), TEXT);
    apply(&mut s, Search(EditorInput::Backspace));
    assert_eq!(message(&s), Some("/tid: match 1 of 3"));
    apply_all(&mut s, typed("x"));
    assert_eq!(message(&s), Some("/tidx: no match"));
    // Smart case: a capital makes the search case-sensitive.
    let mut s = state(TEXT);
    apply(&mut s, SearchStart);
    apply_all(&mut s, typed("Tide"));
    assert_eq!(message(&s), Some("/Tide: match 1 of 1"));
    assert_eq!(
        render(&s),
        "The tide came in. The tide went out.\n\n|Tide tables help."
    );
}

#[test]
fn the_search_is_kept_and_stepped_through() {
    let start: Vec<_> = [SearchStart]
        .into_iter()
        .chain(typed("tide"))
        .chain([SearchDone])
        .collect();
    let with = |more: &[crate::action::Action]| {
        let mut all = start.clone();
        all.extend_from_slice(more);
        all
    };
    table(vec![
        row(
            TEXT,
            with(&[SearchNext]),
            "The tide came in. The |tide went out.\n\nTide tables help.",
            Effect::None,
            Some("/tide: match 2 of 3"),
        ),
        row(
            TEXT,
            with(&[SearchNext, SearchNext]),
            "The tide came in. The tide went out.\n\n|Tide tables help.",
            Effect::None,
            Some("/tide: match 3 of 3"),
        ),
        row(
            TEXT,
            with(&[SearchNext, SearchNext, SearchNext]),
            TEXT,
            Effect::None,
            Some("search wrapped: /tide: match 1 of 3"),
        ),
        row(
            TEXT,
            with(&[SearchPrev]),
            "The tide came in. The tide went out.\n\n|Tide tables help.",
            Effect::None,
            Some("search wrapped: /tide: match 3 of 3"),
        ),
        row(
            TEXT,
            [SearchNext],
            TEXT,
            Effect::None,
            Some("no search: / to search"),
        ),
        row(
            TEXT,
            [SearchPrev],
            TEXT,
            Effect::None,
            Some("no search: / to search"),
        ),
    ]);
    let mut s = state(TEXT);
    apply_all(&mut s, start.clone());
    assert!(modes(&s).is_empty());
    assert!(s.search.is_some());
    // Esc with nothing else to undo puts the kept search away, as less does: its matches
    // are not shown, and n still goes on from the caret (and shows them again).
    apply(&mut s, Back);
    assert!(s.search().is_none(), "not shown");
    apply(&mut s, SearchNext);
    assert_eq!(message(&s), Some("/tide: match 2 of 3"));
    assert!(s.search().is_some(), "shown again");
    assert_eq!(
        render(&s),
        "The tide came in. The |tide went out.\n\nTide tables help."
    );
}

#[test]
fn nothing_typed_yet_says_no_match_of_nothing() {
    let mut s = state(TEXT);
    apply(&mut s, SearchStart);
    assert_eq!(
        s.search().map(|x| x.describe(true)).as_deref(),
        Some("/"),
        "no \"no match\" before anything is typed"
    );
    apply_all(&mut s, typed("zz"));
    assert_eq!(message(&s), Some("/zz: no match"));
    apply(&mut s, Search(EditorInput::Backspace));
    apply(&mut s, Search(EditorInput::Backspace));
    assert_eq!(message(&s), Some("/"));
}

#[test]
fn esc_while_typing_goes_back_to_where_the_search_started() {
    let mut s = state(TEXT);
    apply(&mut s, SearchStart);
    apply_all(&mut s, typed("tables"));
    assert_ne!(render(&s), TEXT);
    apply(&mut s, Back);
    assert_eq!(render(&s), TEXT);
    assert!(modes(&s).is_empty());
    assert!(s.search.is_none());
    // An empty query, done: no search left.
    let mut s = state(TEXT);
    apply_all(&mut s, [SearchStart, SearchDone]);
    assert!(s.search.is_none());
    // Other edits leave the query alone.
    let mut s = state(TEXT);
    apply_all(&mut s, [SearchStart]);
    apply_all(&mut s, typed("in"));
    apply(&mut s, Search(EditorInput::Left));
    assert_eq!(s.search.as_ref().map(|x| x.query.text()), Some("in"));
}

#[test]
fn a_search_needs_an_essay_pane() {
    let mut s = state(TEXT);
    apply_all(&mut s, [FocusNext, SearchStart]);
    assert!(modes(&s).is_empty());
    assert!(s.search.is_none());
}

#[test]
fn a_new_search_cancelled_keeps_the_last_one_and_nothing_typed_searches_it_again() {
    let mut s = state(TEXT);
    apply(&mut s, SearchStart);
    apply_all(&mut s, typed("tables"));
    apply(&mut s, SearchDone);
    apply(&mut s, Back);
    // A new search, cancelled: the kept one goes on with n.
    apply(&mut s, SearchStart);
    apply_all(&mut s, typed("xyz"));
    apply(&mut s, Back);
    assert_eq!(modes(&s), []);
    apply(&mut s, SearchNext);
    assert!(render(&s).contains("|tables"), "{}", render(&s));
    assert!(
        message(&s).is_some_and(|m| m.contains("/tables")),
        "{:?}",
        message(&s)
    );
    // `/` and Enter with nothing typed: that search again.
    apply_all(
        &mut s,
        [Move(crate::action::Motion::Top), SearchStart, SearchDone],
    );
    assert!(render(&s).contains("|tables"), "{}", render(&s));
    assert!(s.search().is_some_and(|x| x.query.text() == "tables"));
}

/// An essay of `paragraphs` paragraphs of about 1 KB, the caret at the start of paragraph
/// `caret_at`, with "tide" three times in each.
fn long_essay(paragraphs: usize, caret_at: usize) -> String {
    let para =
        "The tide came in over the stones and the tide went out again, as a tide does. ".repeat(13);
    (0..paragraphs)
        .map(|i| {
            format!(
                "{}{}",
                if i == caret_at { "|" } else { "" },
                para.trim_end()
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The caret of the focused pane.
fn caret(s: &crate::state::AppState) -> usize {
    s.panes()[s.focused_pane().unwrap_or(0)].caret
}

#[test]
fn a_long_essay_shows_the_first_match_at_once_and_counts_the_rest_on_ticks() {
    let mut s = state(&long_essay(3000, 1500));
    let essay = s.docs()[0].essay.clone();
    let all = crate::state::search::find_all(&essay, "tide");
    assert!(essay.len > 2 * crate::state::search::STEP_BYTES);
    let origin = caret(&s);
    apply(&mut s, SearchStart);
    apply_all(&mut s, typed("tide"));
    // The first match after the caret, before the count is done.
    let k = all.partition_point(|m| m.start() < origin);
    assert_eq!(caret(&s), all[k].start());
    assert!(s.search_counting());
    let said = message(&s).unwrap_or_default().to_string();
    assert!(
        said.starts_with("/tide: match ≥") && said.ends_with('…'),
        "{said}"
    );
    let mut ticks = 0;
    while s.search_counting() {
        apply(&mut s, Tick);
        ticks += 1;
    }
    assert!(ticks >= 2, "counted in steps: {ticks}");
    // Then the total, the same as one pass over the whole essay finds.
    assert_eq!(s.search().map(|x| x.matches.clone()), Some(all.clone()));
    let total = format!("/tide: match {} of {}", k + 1, all.len());
    assert_eq!(message(&s), Some(total.as_str()));
    assert_eq!(caret(&s), all[k].start());
}

#[test]
fn stepping_while_counting_lands_where_a_full_count_would() {
    let essay_text = long_essay(3000, 0);
    let mut s = state(&essay_text);
    apply(&mut s, SearchStart);
    apply_all(&mut s, typed("tide"));
    assert_eq!(
        message(&s).map(|m| m.starts_with("/tide: match 1 of ≥")),
        Some(true)
    );
    apply(&mut s, SearchDone);
    let all = s.search().map(|x| x.matches.clone()).unwrap_or_default();
    // Back from the first: round to the last match, which the count had not reached yet.
    apply(&mut s, SearchPrev);
    assert!(
        !s.search_counting(),
        "a step past what is known finishes the count"
    );
    let full = crate::state::search::find_all(&s.docs()[0].essay, "tide");
    assert!(all.len() < full.len());
    assert_eq!(caret(&s), full[full.len() - 1].start());
    apply(&mut s, SearchNext);
    assert_eq!(caret(&s), full[0].start());
    apply(&mut s, SearchNext);
    assert_eq!(caret(&s), full[1].start());
}

#[test]
fn a_key_searches_a_slice_at_a_time_until_it_has_a_match_to_show() {
    use crate::state::search::{KEY_BYTES, KEY_SLICE};
    let mut s = state(&long_essay(3000, 0));
    let essay = s.docs()[0].essay.clone();
    apply(&mut s, SearchStart);
    apply_all(&mut s, typed("t"));
    // A match near the caret is shown after the first slice; the rest waits for ticks.
    let all = crate::state::search::find_all(&essay, "t");
    assert_eq!(caret(&s), all[0].start());
    let counting = s.search().and_then(|x| x.counting.clone());
    let covers = |offset| counting.as_ref().is_some_and(|c| c.covers(&essay, offset));
    assert!(covers(KEY_SLICE / 2));
    assert!(
        !covers(2 * KEY_SLICE),
        "one slice searched, not a whole step"
    );
    // With no match in sight, a key stops after a few slices.
    apply_all(&mut s, typed("qqq"));
    let counting = s.search().and_then(|x| x.counting.clone());
    let covers = |offset| counting.as_ref().is_some_and(|c| c.covers(&essay, offset));
    assert!(covers(KEY_BYTES / 2) && !covers(2 * KEY_BYTES));
    while s.search_counting() {
        apply(&mut s, Tick);
    }
    let found = s.search().map(|x| x.matches.clone());
    assert_eq!(found, Some(crate::state::search::find_all(&essay, "tqqq")));
}
