//! Tags: the list of tags with their counts (`t`), and completing a `#tag` in the filter.

use crate::action::{Action::*, EditorInput};
use crate::state::Mode;
use crate::state::testkit::*;

const TAGGED: &str = "|{One here.}<note: #framing and #Salt> {Two there.}<note: #frames> \
                      {Three at last.}<note: #framing again> {Four.}<note: #salt>";

fn typed(text: &str) -> Vec<crate::action::Action> {
    text.chars().map(|c| Filter(EditorInput::Char(c))).collect()
}

#[test]
fn t_lists_every_tag_with_its_count_and_enter_filters_by_one() {
    let mut s = state(TAGGED);
    apply_all(&mut s, [FocusNext, Tags]);
    assert_eq!(modes(&s), [Mode::Tags]);
    assert_eq!(s.mode(), "TAGS");
    let list = s.tag_list().expect("shown");
    assert_eq!(
        list.tags,
        [
            ("frames".to_string(), 1),
            ("framing".to_string(), 2),
            ("Salt".to_string(), 2)
        ]
    );
    // Moves stop at the ends.
    apply_all(
        &mut s,
        [TagsMove(1), TagsMove(1), TagsMove(1), TagsMove(-1)],
    );
    assert_eq!(s.tag_list().map(|l| l.selected), Some(1));
    apply(&mut s, TagsPick);
    assert!(modes(&s).is_empty());
    assert_eq!(s.filter.text(), "#framing");
    assert_eq!(
        notes(&s),
        [
            "> One here. — #framing and #Salt",
            "  Three at last. — #framing again"
        ]
    );
}

#[test]
fn esc_or_t_closes_the_tag_list_and_no_tags_says_so() {
    let mut s = state(TAGGED);
    apply_all(&mut s, [FocusNext, Tags, TagsMove(1), Back]);
    assert!(modes(&s).is_empty());
    assert_eq!(s.filter.text(), "");
    apply_all(&mut s, [Tags, Tags]);
    assert!(modes(&s).is_empty());
    let mut s = state("|{One here.}<note: no tags> Two.");
    apply_all(&mut s, [FocusNext, Tags]);
    assert!(modes(&s).is_empty());
    assert_eq!(message(&s), Some("no tags yet: write #tag in a note"));
}

#[test]
fn a_tag_in_the_filter_matches_tags_it_begins() {
    let mut s = state(TAGGED);
    apply_all(&mut s, [FocusNext, FilterStart]);
    apply_all(&mut s, typed("#fram"));
    assert_eq!(notes(&s).len(), 3);
    apply_all(&mut s, typed("ing"));
    assert_eq!(notes(&s).len(), 2);
}

#[test]
fn tab_completes_the_tag_as_far_as_the_tags_agree_then_cycles() {
    let mut s = state(TAGGED);
    apply_all(&mut s, [FocusNext, FilterStart]);
    apply_all(&mut s, typed("one #f"));
    apply(&mut s, FilterComplete);
    assert_eq!(s.filter.text(), "one #fram");
    assert_eq!(message(&s), Some("#frames #framing"));
    // They agree no further: the first, then the next, then round again.
    apply(&mut s, FilterComplete);
    assert_eq!(s.filter.text(), "one #frames");
    apply(&mut s, FilterComplete);
    assert_eq!(s.filter.text(), "one #framing");
    apply(&mut s, FilterComplete);
    assert_eq!(s.filter.text(), "one #frames");
    // Typing starts afresh.
    apply(&mut s, Filter(EditorInput::Backspace));
    apply(&mut s, FilterComplete);
    assert_eq!(s.filter.text(), "one #frames");
    // One tag: completed whole, in its own case.
    apply_all(&mut s, typed(" #s"));
    apply(&mut s, FilterComplete);
    assert_eq!(s.filter.text(), "one #frames #Salt");
    // None.
    apply_all(&mut s, typed(" #zz"));
    apply(&mut s, FilterComplete);
    assert_eq!(s.filter.text(), "one #frames #Salt #zz");
    assert_eq!(message(&s), Some("no tag begins #zz"));
    // Not a tag.
    apply_all(&mut s, typed(" w"));
    apply(&mut s, FilterComplete);
    assert_eq!(
        message(&s),
        Some("Tab completes a tag: type # and its first letters")
    );
}
