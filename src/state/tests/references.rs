//! `F` on what a Markdown essay's text refers to: footnotes and web links.

use std::path::{Path, PathBuf};

use crate::action::Action::*;
use crate::action::Motion;
use crate::essay::markdown_essays;
use crate::state::testkit::{SIZE, apply, message, stamp};
use crate::state::{AppState, EssayDoc, Reference, Source, SourceId};
use crate::store::{AnnotationFile, DiskState};

const ESSAY: &str = "# Notes on Tea\n\nTea was first a medicine[^1] and then a \
[habit](https://example.org/habit \"Habit\").\n\nLater paragraphs.\n\n\
[^1]: So the old books say.\n";

/// A state showing the Markdown essay, the caret at its start.
fn md_state(text: &str) -> AppState {
    let essays = markdown_essays(text, Path::new("tea.md")).expect("Markdown reads");
    let docs = essays
        .into_iter()
        .map(|e| EssayDoc::new(e, SourceId(0)))
        .collect();
    let disk = DiskState {
        hash: None,
        file: AnnotationFile::new("tea.md".into()),
    };
    let source = Source::new(
        "tea.md".into(),
        PathBuf::from("annotations/tea.json"),
        disk,
        Vec::new(),
        None,
        None,
    );
    let mut s = AppState::new(docs, vec![source], &[]);
    s.apply(Resize(SIZE.0, SIZE.1), stamp());
    s
}

/// The caret of the focused pane.
fn caret(s: &AppState) -> usize {
    s.panes()[0].caret
}

/// The offset of the first `needle` in the essay shown.
fn find(s: &AppState, needle: &str) -> usize {
    let text = s.docs()[0].essay.text();
    let byte = text.find(needle).expect("the text is there");
    text[..byte].chars().count()
}

/// Moves the caret of the first pane to `at`, as a reader would with `w`.
fn put_caret(s: &mut AppState, at: usize) {
    apply(s, Move(Motion::Top));
    while caret(s) < at {
        let before = caret(s);
        apply(s, Move(Motion::Right));
        assert_ne!(caret(s), before, "the caret moves on");
    }
}

#[test]
fn a_footnote_reference_leads_to_its_footnote_and_ctrl_o_back() {
    let mut s = md_state(ESSAY);
    let reference = find(&s, "[1]");
    put_caret(&mut s, reference + 1);
    assert_eq!(
        s.reference_at_caret(),
        Some(Reference::Note(
            "1".into(),
            Some("[1] So the old books say.".into())
        ))
    );
    apply(&mut s, FollowReference);
    assert_eq!(caret(&s), find(&s, "[1] So"));
    assert_eq!(message(&s), Some("footnote [1] (Ctrl-o: back)"));
    apply(&mut s, JumpBack);
    assert_eq!(caret(&s), reference + 1);
    // From the footnote's label, `F` goes back to the first reference.
    apply(&mut s, JumpForward);
    assert_eq!(
        s.reference_at_caret(),
        Some(Reference::Footnote("1".into()))
    );
    apply(&mut s, FollowReference);
    assert_eq!(caret(&s), reference);
}

#[test]
fn a_web_link_shows_its_address() {
    let mut s = md_state(ESSAY);
    let at = find(&s, "habit") + 2;
    put_caret(&mut s, at);
    assert_eq!(
        s.reference_at_caret(),
        Some(Reference::Link("https://example.org/habit".into()))
    );
    let before = caret(&s);
    apply(&mut s, FollowReference);
    assert_eq!(message(&s), Some("link: https://example.org/habit"));
    assert_eq!(caret(&s), before);
}

#[test]
fn elsewhere_f_says_there_is_nothing_to_follow() {
    let mut s = md_state(ESSAY);
    let at = find(&s, "Later");
    put_caret(&mut s, at);
    assert_eq!(s.reference_at_caret(), None);
    apply(&mut s, FollowReference);
    assert_eq!(message(&s), Some("no footnote or web link at the caret"));
    // A reference whose footnote went with another essay of the file says so.
    let mut s = md_state("# A\n\nOne[^n].\n\n# B\n\nTwo[^n].\n\n[^n]: The note.\n");
    assert_eq!(s.panes().len(), 2);
    apply(&mut s, FocusNext);
    let text = s.docs()[1].essay.text();
    let at = text.find("[n]").map(|b| text[..b].chars().count());
    while Some(s.panes()[1].caret) < at {
        apply(&mut s, Move(Motion::Right));
    }
    apply(&mut s, FollowReference);
    assert_eq!(message(&s), Some("footnote [n] is not in this essay"));
}
