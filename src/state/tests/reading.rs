//! Reading: caret motions, focus, essays in panes, the text measure, theme, locking and
//! resizing (the mouse is in `pointer.rs`).

use crate::action::{Action::*, Motion::*};
use crate::settings::theme::Palette;
use crate::state::testkit::*;
use crate::state::{Effect, Focus};

const TWO: &str = "Salt Roads\n\nBy Wren Hall\n\nSalt was |carried inland. Carts went slowly.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\nA map of a ¦forest shows paths. Nobody walks them.";
const THREE: &str = "Salt Roads\n\nBy Wren Hall\n\n|Salt was carried inland.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦A map of a forest.\n\n\nCounting Bells\n\nBy Ivo Marsh\n\nA ringer counts.";

#[test]
fn motions_move_the_caret() {
    table(vec![
        row(
            "The |first sentence.",
            [Move(WordNext)],
            "The first |sentence.",
            Effect::None,
            None,
        ),
        row(
            "The first |sentence.",
            [Move(WordPrev)],
            "The |first sentence.",
            Effect::None,
            None,
        ),
        row(
            "The |first sentence.",
            [Move(WordEnd)],
            "The firs|t sentence.",
            Effect::None,
            None,
        ),
        row("The |first", [Move(Left)], "The| first", Effect::None, None),
        row(
            "The |first",
            [Move(Right)],
            "The f|irst",
            Effect::None,
            None,
        ),
        row(
            "|One here. Two there.",
            [Move(SentenceNext)],
            "One here. |Two there.",
            Effect::None,
            None,
        ),
        row(
            "One here. Two |there.",
            [Move(SentencePrev)],
            "One here. |Two there.",
            Effect::None,
            None,
        ),
        row(
            "|One here.\n\nTwo there.",
            [Move(ParagraphNext)],
            "One here.\n\n|Two there.",
            Effect::None,
            None,
        ),
        row(
            "One here.\n\nTwo |there.",
            [Move(ParagraphPrev)],
            "One here.\n\n|Two there.",
            Effect::None,
            None,
        ),
        row(
            "One here.\n\nTwo |there.",
            [Move(Top)],
            "|One here.\n\nTwo there.",
            Effect::None,
            None,
        ),
        row(
            "|One here.\n\nTwo there.",
            [Move(Bottom)],
            "One here.\n\n|Two there.",
            Effect::None,
            None,
        ),
        row(
            "|One here.\n\nTwo there.",
            [Move(LineDown)],
            "One here.\n\n|Two there.",
            Effect::None,
            None,
        ),
        row(
            "One here.\n\n|Two there.",
            [Move(LineUp)],
            "|One here.\n\nTwo there.",
            Effect::None,
            None,
        ),
        row(
            "|One here.\n\nTwo there.",
            [Move(PageDown)],
            "One here.\n\n|Two there.",
            Effect::None,
            None,
        ),
        row(
            "One here.\n\n|Two there.",
            [Move(PageUp)],
            "|One here.\n\nTwo there.",
            Effect::None,
            None,
        ),
        row(
            "|One here.\n\nTwo there.",
            [Move(HalfPageDown)],
            "One here.\n\n|Two there.",
            Effect::None,
            None,
        ),
        row(
            "One here.\n\n|Two there.",
            [Move(HalfPageUp)],
            "|One here.\n\nTwo there.",
            Effect::None,
            None,
        ),
        // Motions stop at the ends.
        row(
            "|One.",
            [Move(Left), Move(WordPrev), Move(Top)],
            "|One.",
            Effect::None,
            None,
        ),
    ]);
}

#[test]
fn a_motion_keeps_the_selection_anchor() {
    assert_eq!(
        after("The [|f]irst sentence.", Move(WordEnd)),
        "The [firs|t] sentence."
    );
}

#[test]
fn focus_cycles_through_panes_and_the_notes() {
    table(vec![
        row(TWO, [FocusNext], TWO_FOCUS_RIGHT, Effect::None, None),
        row(
            TWO,
            [FocusPrev],
            "Salt Roads\n\nBy Wren Hall\n\nSalt was ¦carried inland. Carts went slowly.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\nA map of a ¦forest shows paths. Nobody walks them.",
            Effect::None,
            None,
        ),
        row(
            TWO,
            [FocusNext, FocusNext, FocusNext],
            TWO,
            Effect::None,
            None,
        ),
        row(
            PARAS_CARET,
            [FocusNext],
            "One ¦here. Two there.\n\nThree is in the second paragraph.",
            Effect::None,
            None,
        ),
    ]);
    let mut s = state(TWO);
    apply_all(&mut s, [FocusPrev]);
    assert_eq!(s.focus, Focus::Notes);
}

const PARAS_CARET: &str = "One |here. Two there.\n\nThree is in the second paragraph.";
const TWO_FOCUS_RIGHT: &str = "Salt Roads\n\nBy Wren Hall\n\nSalt was ¦carried inland. Carts went slowly.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\nA map of a |forest shows paths. Nobody walks them.";

#[test]
fn essays_step_past_the_one_in_the_other_pane() {
    table(vec![
        row(
            THREE,
            [NextEssay],
            "Salt Roads\n\nBy Wren Hall\n\nSalt was carried inland.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦A map of a forest.\n\n\n|Counting Bells\n\nBy Ivo Marsh\n\nA ringer counts.",
            Effect::None,
            None,
        ),
        row(
            THREE,
            [PrevEssay],
            "Salt Roads\n\nBy Wren Hall\n\nSalt was carried inland.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦A map of a forest.\n\n\n|Counting Bells\n\nBy Ivo Marsh\n\nA ringer counts.",
            Effect::None,
            None,
        ),
        // Back again: the caret where it was left.
        row(
            "Salt Roads\n\nBy Wren Hall\n\nSalt was |carried inland.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦A map of a forest.\n\n\nCounting Bells\n\nBy Ivo Marsh\n\nA ringer counts.",
            [NextEssay, PrevEssay],
            "Salt Roads\n\nBy Wren Hall\n\nSalt was |carried inland.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦A map of a forest.\n\n\nCounting Bells\n\nBy Ivo Marsh\n\nA ringer counts.",
            Effect::None,
            None,
        ),
        row(
            TWO,
            [NextEssay],
            TWO,
            Effect::None,
            Some("no other essay to show"),
        ),
        row(
            TWO,
            [PrevEssay],
            TWO,
            Effect::None,
            Some("no other essay to show"),
        ),
    ]);
}

#[test]
fn the_measure_widens_and_narrows_and_is_saved() {
    // A single essay starts at a readable measure (72), in a pane with room for 85.
    table(vec![
        row(
            PARAS_CARET,
            [Narrower],
            PARAS_CARET,
            Effect::SaveSettings,
            Some("text measure: 68 columns"),
        ),
        row(
            PARAS_CARET,
            [Narrower, Wider],
            PARAS_CARET,
            Effect::SaveSettings,
            Some("text measure: 72 columns"),
        ),
        row(
            PARAS_CARET,
            vec![Wider; 4],
            PARAS_CARET,
            Effect::SaveSettings,
            Some("text measure: full width"),
        ),
        row(
            PARAS_CARET,
            [Wider, Wider, Wider, Wider, Narrower],
            PARAS_CARET,
            Effect::SaveSettings,
            Some("text measure: 81 columns"),
        ),
        row(
            PARAS_CARET,
            vec![Narrower; 40],
            PARAS_CARET,
            Effect::SaveSettings,
            Some("text measure: 20 columns"),
        ),
    ]);
    let mut s = state(PARAS_CARET);
    assert_eq!(s.viewport(0).width, crate::screen::READABLE);
    apply(&mut s, Narrower);
    assert_eq!(s.settings.measure, Some(68));
    assert_eq!(s.viewport(0).width, 68);
    // Full width is kept as such, whatever the pane's width later.
    apply_all(&mut s, vec![Wider; 5]);
    assert_eq!(s.settings.measure, Some(crate::screen::FULL));
    apply(&mut s, Resize(200, 50));
    assert_eq!(s.viewport(0).width, s.screen.text_room(0));
}

#[test]
fn the_measure_changes_in_the_focused_pane_only() {
    let mut s = state(TWO);
    let (left, right) = (s.viewport(0).width, s.viewport(1).width);
    assert_eq!(
        apply(&mut s, Narrower),
        Effect::SaveSettings,
        "the left pane has the focus"
    );
    assert_eq!(
        message(&s).map(String::from),
        Some(format!("left text measure: {} columns", left - 4))
    );
    assert_eq!(
        (s.viewport(0).width, s.viewport(1).width),
        (left - 4, right)
    );
    apply_all(&mut s, [FocusNext, Narrower, Narrower]);
    assert_eq!(
        (s.viewport(0).width, s.viewport(1).width),
        (left - 4, right - 8)
    );
    assert_eq!(
        (s.settings.measure, s.settings.measure_right),
        (Some(left - 4), Some(right - 8))
    );
    assert_eq!(
        message(&s).map(String::from),
        Some(format!("right text measure: {} columns", right - 8))
    );
}

#[test]
fn the_theme_toggles_and_is_saved() {
    table(vec![row(
        PARAS_CARET,
        [ToggleTheme],
        PARAS_CARET,
        Effect::SaveSettings,
        None,
    )]);
    let mut s = state(PARAS_CARET);
    let before = s.settings.palette;
    apply(&mut s, ToggleTheme);
    assert_ne!(s.settings.palette, before);
    assert_eq!(s.theme.palette, s.settings.palette);
    apply(&mut s, ToggleTheme);
    assert_eq!(s.settings.palette, before);
    assert!(matches!(before, Palette::Dark | Palette::Light));
}

const ALIGNED: &str = "Salt Roads\n\nBy Wren Hall\n\nSalt was |carried inland. Carts went slowly.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\nA map of¦ a forest shows paths. Nobody walks them.";

#[test]
fn locking_needs_two_panes_and_aligns_the_other() {
    table(vec![
        row(
            PARAS_CARET,
            [ToggleLock],
            PARAS_CARET,
            Effect::None,
            Some("locking needs two essays side by side"),
        ),
        // Locking aligns the other caret with this one, in proportion.
        row(
            TWO,
            [ToggleLock],
            ALIGNED,
            Effect::None,
            Some("scrolling locked"),
        ),
        row(
            TWO,
            [ToggleLock, ToggleLock],
            ALIGNED,
            Effect::None,
            Some("scrolling unlocked"),
        ),
    ]);
    let mut s = state(TWO);
    apply(&mut s, ToggleLock);
    assert!(s.locked);
    let before = s.panes[1].caret;
    apply(&mut s, Move(Bottom));
    // Locked: the other pane follows, down into its last paragraph.
    assert!(s.panes[1].caret > before.max(s.docs[1].essay.blocks[2].start));
    // Unlocked: it stays.
    apply(&mut s, ToggleLock);
    let after = s.panes[1].caret;
    apply(&mut s, Move(Top));
    assert_eq!(s.panes[1].caret, after);
}

#[test]
fn align_moves_the_other_caret_to_the_matching_place() {
    let mut s = state(TWO);
    apply(&mut s, Move(Bottom));
    let before = s.panes[1].caret;
    apply(&mut s, Align);
    assert!(s.panes[1].caret > before.max(s.docs[1].essay.blocks[2].start));
    // One pane: nothing to align, nothing said.
    table(vec![row(
        PARAS_CARET,
        [Align],
        PARAS_CARET,
        Effect::None,
        None,
    )]);
}

#[test]
fn resizing_lays_out_again_and_keeps_the_caret() {
    table(vec![row(
        PARAS_CARET,
        [Resize(60, 20)],
        PARAS_CARET,
        Effect::None,
        None,
    )]);
    let mut s = state(PARAS_CARET);
    apply(&mut s, Resize(60, 20));
    assert_eq!((s.screen.area.width, s.screen.area.height), (60, 20));
    // Too narrow for the notes pane: the notes lose the focus.
    let mut s = state(PARAS_CARET);
    apply(&mut s, FocusNext);
    assert_eq!(s.focus, Focus::Notes);
    apply(&mut s, Resize(30, 10));
    assert_eq!(s.screen.notes, None);
    assert_eq!(s.focus, Focus::Pane(0));
}

#[test]
fn on_a_short_screen_the_notes_pane_comes_when_it_has_the_keys() {
    let mut s = state(TWO);
    apply(&mut s, Resize(40, 10));
    assert_eq!(
        s.screen().notes,
        None,
        "too short for the notes beside the essays"
    );
    apply_all(&mut s, [FocusNext, FocusNext]);
    assert_eq!(s.focus(), Focus::Notes);
    let notes = s
        .screen()
        .notes
        .expect("the notes pane shows while it has the keys");
    assert!(notes.height >= 4);
    assert!(s.viewport(0).height >= 1, "the essays keep a line");
    apply(&mut s, FocusNext);
    assert_eq!(s.focus(), Focus::Pane(0));
    assert_eq!(s.screen().notes, None, "and goes with them");
}
