//! Copying with a citation (`y`) and the paragraph numbers (`#`).

use crate::action::Action::*;
use crate::annotation::Relation;
use crate::state::testkit::*;
use crate::state::{Effect, Focus};

/// Two essays in one file; the second paragraph holds a noted highlight.
const TWO: &str = "On Ferries\n\nBy Ida Marsh\n\nCrossings teach a slow kind of attention.\n\n\
The first ferry left at dawn.\n\n\
The second |crossed at noon. It carried {gulls and salt}<note: birds\\>\u{1b}[2J\nand more>.\n\n\n\
Against Bridges\n\nTomás Ñúñez\n\n¦A bridge forgets the water under it. 漢字 🌊 é.";

fn copied(effect: Effect) -> String {
    match effect {
        Effect::Copy(text) => text,
        other => panic!("expected a copy, got {other:?}"),
    }
}

#[test]
fn y_copies_the_sentence_at_the_caret_with_its_source() {
    let mut s = state(TWO);
    let text = copied(apply(&mut s, Copy));
    assert_eq!(
        text,
        "“The second crossed at noon.”\n— On Ferries, Ida Marsh, ¶2"
    );
    assert_eq!(message(&s), Some("copied 57 characters with its source"));
    assert_eq!(text.chars().count(), 57);
}

#[test]
fn y_copies_the_selection_before_the_highlight_under_the_caret() {
    table(vec![
        row(
            "Title\n\nBy Ann Lee\n\nOne [|two three] four.",
            [Copy],
            "Title\n\nBy Ann Lee\n\nOne |two three four.",
            Effect::Copy("“two three”\n— Title, Ann Lee, ¶1".into()),
            Some("copied 32 characters with its source"),
        ),
        row(
            "Title\n\nBy Ann Lee\n\nOne {two |three} four.",
            [Copy],
            "Title\n\nBy Ann Lee\n\nOne {two |three} four.",
            Effect::Copy("“two three”\n— Title, Ann Lee, ¶1".into()),
            Some("copied 32 characters with its source"),
        ),
    ]);
}

#[test]
fn in_the_notes_pane_the_note_follows_clean_of_controls() {
    let mut s = state(TWO);
    apply(&mut s, FocusNext);
    apply(&mut s, FocusNext);
    assert_eq!(s.focus, Focus::Notes);
    let text = copied(apply(&mut s, Copy));
    assert_eq!(
        text,
        "“gulls and salt”\n— On Ferries, Ida Marsh, ¶2\n\nbirds>[2J\nand more"
    );
    assert_eq!(
        message(&s).map(|m| m.to_string()),
        Some(format!(
            "copied {} characters with its source and note",
            text.chars().count()
        ))
    );
}

#[test]
fn the_other_essay_counts_its_own_paragraphs_and_keeps_its_unicode() {
    let mut s = state(TWO);
    apply(&mut s, FocusNext);
    assert_eq!(s.focus, Focus::Pane(1));
    apply(&mut s, SelectSentence);
    apply(&mut s, SelectSentence);
    assert_eq!(
        copied(apply(&mut s, Copy)),
        "“A bridge forgets the water under it. 漢字 🌊 é.”\n— Against Bridges, Tomás Ñúñez, ¶1"
    );
}

#[test]
fn a_link_in_the_notes_pane_copies_both_passages_and_the_relation() {
    let markup = "Salt Roads\n\nBy Wren Hall\n\n|Salt was carried inland.\n\n\n\
        Maps Without Roads\n\nBy Lena Ortiz\n\n¦A map shows paths.";
    let mut s = state(markup);
    apply_all(
        &mut s,
        [Link, Link, PickRelation(Some(Relation::Contradicts))],
    );
    apply(&mut s, EditorClose);
    apply(&mut s, FocusNext);
    while s.focus != Focus::Notes {
        apply(&mut s, FocusNext);
    }
    // The link comes after the highlights in the list.
    let count = s.note_items().len();
    for _ in 0..count {
        apply(&mut s, NotesDown);
    }
    assert_eq!(
        copied(apply(&mut s, Copy)),
        "“Salt was carried inland.”\n— Salt Roads, Wren Hall, ¶1\n\n⇄ contradicts\n\n\
         “A map shows paths.”\n— Maps Without Roads, Lena Ortiz, ¶1"
    );
    assert_eq!(
        message(&s),
        Some("copied 128 characters with their sources")
    );
}

#[test]
fn nothing_to_copy_and_too_much_to_copy_say_so() {
    // An empty notes list.
    let mut s = state("|One.");
    apply_all(&mut s, [FocusNext]);
    while s.focus != Focus::Notes {
        apply(&mut s, FocusNext);
    }
    assert_eq!(apply(&mut s, Copy), Effect::None);
    assert_eq!(message(&s), Some("nothing to copy here"));
    // A selection over 75 kB.
    let long = format!("Title\n\n|{}", "Word and word again. ".repeat(4000));
    let mut s = state(&long);
    apply_all(&mut s, [ToggleSelect, Move(crate::action::Motion::Bottom)]);
    assert_eq!(apply(&mut s, Copy), Effect::None);
    assert_eq!(message(&s), Some("too long to copy: 84 kB, 75 kB at most"));
    // The selection stays, to be made smaller.
    assert!(s.panes[0].anchor.is_some());
}

#[test]
fn a_failed_copy_is_reported() {
    let mut s = state(TWO);
    apply(&mut s, Copy);
    assert_eq!(
        apply(&mut s, CopyFailed("broken pipe".into())),
        Effect::None
    );
    assert_eq!(message(&s), Some("not copied: broken pipe"));
}

#[test]
fn hash_toggles_the_paragraph_numbers_narrowing_the_text_and_keeps_the_choice() {
    let mut s = state(TWO);
    let before = s.viewport(0).width;
    let markup = render(&s);
    assert_eq!(apply(&mut s, ToggleNumbers), Effect::SaveSettings);
    assert!(s.settings.paragraph_numbers);
    assert_eq!(message(&s), Some("paragraph numbers shown"));
    // Two digits and a space.
    assert_eq!(s.screen.number_columns(0), 3);
    assert_eq!(s.viewport(0).width, before - 3);
    // The caret stays on its character.
    assert_eq!(render(&s), markup);
    assert_eq!(apply(&mut s, ToggleNumbers), Effect::SaveSettings);
    assert_eq!(message(&s), Some("paragraph numbers hidden"));
    assert_eq!(s.viewport(0).width, before);
}

#[test]
fn a_highlight_not_found_is_copied_from_its_stored_quote_without_a_paragraph() {
    let mut s = state(TWO);
    s.sources[0].items[0].placement = crate::anchor::Placement::Orphaned;
    std::sync::Arc::make_mut(&mut s.sources[0].items[0].annotation)
        .anchor
        .quote = "gulls\u{7} and salt".into();
    apply_all(&mut s, [FocusNext, FocusNext]);
    assert_eq!(s.focus, Focus::Notes);
    assert_eq!(
        copied(apply(&mut s, Copy)),
        "“gulls and salt”\n— On Ferries, Ida Marsh\n\nbirds>[2J\nand more"
    );
}

#[test]
fn y_on_a_noted_highlight_in_the_essay_copies_its_note_too() {
    let mut s =
        state("Title\n\nBy Ann Lee\n\nOne {two |three}<note: mine\nand yours> four. Next one.");
    let text = copied(apply(&mut s, Copy));
    assert_eq!(text, "“two three”\n— Title, Ann Lee, ¶1\n\nmine\nand yours");
    assert_eq!(
        message(&s).map(|m| m.to_string()),
        Some(format!(
            "copied {} characters with its source and note",
            text.chars().count()
        ))
    );
}
