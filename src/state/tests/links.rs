//! Links between passages of two essays, the relation picker, parallel passages and the
//! list of similar pairs.

use crate::action::Action::{self, *};
use crate::action::Motion;
use crate::annotation::Relation;
use crate::keymap::Context;
use crate::state::testkit::*;
use crate::state::{AppState, Effect, Focus, Mode, SourceId};

/// Two essays of one file, side by side, with one sentence nearly the same in both.
const SIM: &str = "Salt Roads\n\nBy Wren Hall\n\n|Salt was carried inland on old roads.\n\nCarts of salt went slowly to the towns.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦A map shows paths.\n\nSalt was carried inland on old roads by carts.\n\nThe carts of salt went to the towns slowly.";

/// The same, with two passages of the second essay like the first essay's first sentence.
const PAR: &str = "Salt Roads\n\nBy Wren Hall\n\n|Salt was carried inland on old roads.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦Salt was carried inland on old roads by carts.\n\nA map shows paths.\n\nOld roads carried the salt inland.";

/// Starts a link at the first pane's sentence and chooses the second pane's as partner.
const TO_PICKER: [Action; 2] = [Link, Link];

fn linked(relation: Relation) -> AppState {
    let mut s = state(SIM);
    apply_all(&mut s, TO_PICKER);
    apply(&mut s, PickRelation(Some(relation)));
    apply(&mut s, EditorClose);
    s
}

#[test]
fn a_link_starts_here_and_ends_at_its_partner() {
    let mut s = state(SIM);
    apply(&mut s, Link);
    assert_eq!(modes(&s), [Mode::Link]);
    assert_eq!(s.context(), Context::Essay);
    assert_eq!(s.mode(), "LINK");
    assert_eq!(s.focus, Focus::Pane(1));
    assert_eq!(
        message(&s),
        Some("now select the partner passage, then l again; Esc cancels")
    );
    apply(&mut s, Link);
    assert_eq!(modes(&s), [Mode::Picker]);
    assert_eq!(s.context(), Context::Picker);
    let effect = apply(&mut s, PickRelation(None));
    assert_eq!(effect, Effect::Save(SourceId(0)));
    assert_eq!(
        links(&s),
        ["Salt was carried inland on old roads. -supports-> A map shows paths."]
    );
    // The note editor opens on the new link.
    assert_eq!(modes(&s), [Mode::Editor]);
    apply(&mut s, Editor(crate::action::EditorInput::Char('!')));
    assert_eq!(apply(&mut s, EditorClose), Effect::Save(SourceId(0)));
    assert_eq!(s.sources[0].links[0].note.as_deref(), Some("!"));
    assert_eq!(
        render(&s),
        "Salt Roads\n\nBy Wren Hall\n\n{¦Salt was carried inland on old roads.}\n\nCarts of salt went slowly to the towns.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n{|A map shows paths.}\n\nSalt was carried inland on old roads by carts.\n\nThe carts of salt went to the towns slowly."
    );
}

#[test]
fn the_picker_moves_round_and_picks() {
    for (moves, relation) in [
        (vec![], "supports"),
        (vec![PickerMove(1)], "contradicts"),
        (
            vec![PickerMove(1), PickerMove(1), PickerMove(1)],
            "same point",
        ),
        (vec![PickerMove(-1)], "see also"),
        (vec![PickerMove(5)], "supports"),
    ] {
        let mut s = state(SIM);
        apply_all(&mut s, TO_PICKER);
        apply_all(&mut s, moves.clone());
        assert_eq!(apply(&mut s, PickRelation(None)), Effect::Save(SourceId(0)));
        assert!(
            links(&s)[0].contains(&format!("-{relation}->")),
            "{moves:?}"
        );
    }
    // A relation by number, as its digit key gives it.
    assert!(links(&linked(Relation::Elaborates))[0].contains("-elaborates->"));
    // No picker: picking does nothing, moving does nothing.
    table(vec![
        row(
            SIM,
            [PickRelation(Some(Relation::Supports))],
            SIM,
            Effect::None,
            None,
        ),
        row(SIM, [PickerMove(1)], SIM, Effect::None, None),
    ]);
}

#[test]
fn a_link_cannot_end_where_it_starts() {
    let mut s = state(SIM);
    apply_all(&mut s, [Link, FocusPrev, Link]);
    assert_eq!(s.focus, Focus::Pane(0));
    assert_eq!(message(&s), Some("pick another passage to link to"));
    assert_eq!(modes(&s), [Mode::Link]);
}

#[test]
fn follow_goes_to_the_other_end() {
    let mut s = linked(Relation::Supports);
    // From the second end (the caret is on it), back to the first, selected there.
    apply(&mut s, FollowLink);
    assert_eq!(message(&s), Some("followed the link (supports)"));
    assert_eq!(s.focus, Focus::Pane(1));
    assert!(
        render(&s).contains("{[Salt was carried inland on old roads¦.]}"),
        "{}",
        render(&s)
    );
    // And from the first end to the second.
    apply_all(&mut s, [FocusPrev, Back, FollowLink]);
    assert!(
        render(&s).contains("{[A map shows paths¦.]}"),
        "{}",
        render(&s)
    );
    // Off the highlight: no link to follow.
    apply_all(&mut s, [Back, Move(Motion::Bottom), FollowLink]);
    assert_eq!(message(&s), Some("no link here"));
    table(vec![row(
        SIM,
        [FollowLink],
        SIM,
        Effect::None,
        Some("no link here"),
    )]);
}

#[test]
fn a_link_is_removed_from_the_notes_and_undone() {
    let mut s = linked(Relation::Supports);
    apply(&mut s, FocusNext);
    let at = notes(&s)
        .iter()
        .position(|line| line.contains("-supports->"))
        .expect("the link is listed");
    s.notes_selected = at;
    assert_eq!(apply(&mut s, Delete), Effect::Save(SourceId(0)));
    assert_eq!(message(&s), Some("link removed (u to undo)"));
    assert!(links(&s).is_empty());
    apply(&mut s, Undo);
    assert_eq!(links(&s).len(), 1);
}

#[test]
fn parallel_passages_step_and_go_back() {
    let mut s = state(PAR);
    apply(&mut s, Parallel);
    assert_eq!(modes(&s), [Mode::Parallel]);
    let said = message(&s).unwrap_or_default().to_string();
    assert!(said.starts_with("parallel 1 of "), "{said}");
    assert!(
        render(&s).contains("[Salt was carried inland on old roads by carts¦.]"),
        "{}",
        render(&s)
    );
    apply(&mut s, Parallel);
    assert_eq!(s.parallel().map(|p| p.current), Some(1));
    assert!(
        message(&s)
            .unwrap_or_default()
            .starts_with("parallel 2 of 3, ")
    );
    apply_all(&mut s, [Parallel, Parallel]);
    assert!(
        message(&s)
            .unwrap_or_default()
            .starts_with("parallel 1 of 3, ")
    );
    apply(&mut s, Back);
    assert_eq!(message(&s), Some("back from the parallel passage"));
    assert_eq!(render(&s), PAR);
    table(vec![row(
        "|One here.",
        [Parallel],
        "|One here.",
        Effect::None,
        Some("parallel passages need two essays side by side"),
    )]);
}

#[test]
fn the_pairs_list_opens_moves_and_shows_a_pair() {
    let mut s = state(SIM);
    apply(&mut s, Pairs);
    assert_eq!(modes(&s), [Mode::Pairs]);
    assert_eq!(s.context(), Context::PairList);
    let n = s.pairs().map_or(0, |p| p.pairs.len());
    assert!(n >= 2, "{n}");
    apply(&mut s, PairsMove(1));
    assert_eq!(s.pairs().map(|p| p.selected), Some(1));
    apply(&mut s, PairsMove(-5));
    assert_eq!(s.pairs().map(|p| p.selected), Some(0));
    apply(&mut s, PairsMove(99));
    assert_eq!(s.pairs().map(|p| p.selected), Some(n - 1));
    apply_all(&mut s, [PairsMove(-99), PairsView]);
    assert!(modes(&s).is_empty());
    // The best pair, selected in both panes.
    assert_eq!(
        render(&s),
        "Salt Roads\n\nBy Wren Hall\n\n[Salt was carried inland on old roads|.]\n\nCarts of salt went slowly to the towns.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\nA map shows paths.\n\n[Salt was carried inland on old roads by carts¦.]\n\nThe carts of salt went to the towns slowly."
    );
    // P again closes it.
    let mut s = state(SIM);
    apply_all(&mut s, [Pairs, Pairs]);
    assert!(modes(&s).is_empty());
    table(vec![
        row(
            "|One here.",
            [Pairs],
            "|One here.",
            Effect::None,
            Some("pairs need two essays side by side"),
        ),
        row(SIM, [PairsMove(1)], SIM, Effect::None, None),
        row(SIM, [PairsView], SIM, Effect::None, None),
    ]);
}

#[test]
fn l_in_the_pairs_list_links_the_pair() {
    let mut s = state(SIM);
    apply_all(&mut s, [Pairs, Link]);
    assert_eq!(modes(&s), [Mode::Picker]);
    assert_eq!(
        apply(&mut s, PickRelation(Some(Relation::SamePoint))),
        Effect::Save(SourceId(0))
    );
    assert_eq!(
        links(&s),
        [
            "Salt was carried inland on old roads. -same point-> Salt was carried inland on old roads by carts."
        ]
    );
}
