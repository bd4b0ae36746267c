//! The colour picker (`c`) and the reader's names for the colours.

use crate::action::Action::*;
use crate::annotation::Colour;
use crate::settings::colours::ColourNames;
use crate::state::testkit::*;
use crate::state::{Effect, Mode, SourceId};

#[test]
fn c_opens_the_picker_and_a_digit_or_enter_gives_the_colour() {
    table(vec![
        row(
            "{One |here.} Two.",
            [ColourStart, PickColour(Some(Colour::Pink))],
            "{One |here.}<pink> Two.",
            Effect::Save(SourceId(0)),
            Some("colour: pink"),
        ),
        row(
            "{One |here.} Two.",
            [ColourStart, ColourMove(1), ColourMove(1), PickColour(None)],
            "{One |here.}<blue> Two.",
            Effect::Save(SourceId(0)),
            Some("colour: blue"),
        ),
        // The list stops at its ends.
        row(
            "{One |here.}<green> Two.",
            [ColourStart, ColourMove(-5), PickColour(None)],
            "{One |here.} Two.",
            Effect::Save(SourceId(0)),
            Some("colour: yellow"),
        ),
        row(
            "{One |here.}<green> Two.",
            [ColourStart, PickColour(Some(Colour::Green))],
            "{One |here.}<green> Two.",
            Effect::None,
            Some("already green"),
        ),
        row(
            "{One |here.} Two.",
            [ColourStart, ColourMove(1), Back],
            "{One |here.} Two.",
            Effect::None,
            Some("colour unchanged"),
        ),
        row(
            "One |here. Two.",
            [ColourStart],
            "One |here. Two.",
            Effect::None,
            Some("no highlight here"),
        ),
    ]);
}

#[test]
fn the_picker_is_a_mode_that_takes_the_keys_and_undo_takes_the_colour_back() {
    let mut s = state("{One |here.} Two.");
    apply(&mut s, ColourStart);
    assert_eq!(modes(&s), [Mode::Colours]);
    assert_eq!(s.mode(), "COLOUR");
    assert_eq!(s.context(), crate::keymap::Context::ColourPicker);
    assert_eq!(s.colour_pick().map(|p| p.selected), Some(Colour::Yellow));
    apply(&mut s, PickColour(Some(Colour::Orange)));
    assert!(modes(&s).is_empty());
    apply(&mut s, Undo);
    assert_eq!(render(&s), "{One |here.} Two.");
}

#[test]
fn the_readers_names_are_said_and_filtered_by() {
    let mut s = state("{One |here.} {Two.}<pink>");
    s.settings.colours =
        ColourNames::new([(Colour::Pink, "objection"), (Colour::Green, "evidence")]).unwrap();
    apply_all(&mut s, [ColourStart, PickColour(Some(Colour::Green))]);
    assert_eq!(message(&s), Some("colour: evidence (green)"));
    assert_eq!(s.colour_name(Colour::Green), "evidence");
    assert_eq!(s.colour_name(Colour::Blue), "blue");
    apply_all(&mut s, [FocusNext, FilterStart]);
    for c in "objection".chars() {
        apply(&mut s, Filter(crate::action::EditorInput::Char(c)));
    }
    assert_eq!(notes(&s), ["> Two."]);
}

#[test]
fn the_picker_acts_on_the_item_selected_in_the_notes() {
    let mut s = state("|{One here.} {Two there.}");
    apply_all(
        &mut s,
        [
            FocusNext,
            NotesDown,
            ColourStart,
            PickColour(Some(Colour::Purple)),
        ],
    );
    assert_eq!(render(&s), "{One here.} {¦Two there.}<purple>");
}
