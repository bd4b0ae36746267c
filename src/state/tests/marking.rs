//! Marking: selections, highlights, colours, deleting, undo and redo, and the note editor.

use crate::action::{Action::*, EditorInput};
use crate::state::testkit::*;
use crate::state::{AppState, Effect, Mode, SourceId};

fn editor_text(s: &AppState) -> Option<String> {
    s.editor().map(|open| open.editor.text().to_string())
}

#[test]
fn selections_start_end_and_grow_by_sentences() {
    table(vec![
        row(
            "The |first one.",
            [ToggleSelect],
            "The [|f]irst one.",
            Effect::None,
            None,
        ),
        row(
            "The |first one.",
            [ToggleSelect, ToggleSelect],
            "The |first one.",
            Effect::None,
            None,
        ),
        row(
            "One |here. Two there.",
            [SelectSentence],
            "[One here|.] Two there.",
            Effect::None,
            None,
        ),
        row(
            "One |here. Two there.",
            [SelectSentence, SelectSentence],
            "[One here. Two there|.]",
            Effect::None,
            None,
        ),
    ]);
}

#[test]
fn highlights_are_made_once_and_saved() {
    table(vec![
        row(
            "One |here. Two there.",
            [Highlight],
            "{One |here.} Two there.",
            Effect::Save(SourceId(0)),
            None,
        ),
        row(
            "The [first |s]entence.",
            [Highlight],
            "The {first |s}entence.",
            Effect::Save(SourceId(0)),
            None,
        ),
        row(
            "{One |here.} Two there.",
            [Highlight],
            "{One |here.} Two there.",
            Effect::None,
            Some("already highlighted"),
        ),
    ]);
}

#[test]
fn colours_cycle_on_the_highlight_at_the_caret() {
    table(vec![
        row(
            "{One |here.} Two.",
            [CycleColour],
            "{One |here.}<green> Two.",
            Effect::Save(SourceId(0)),
            Some("colour: green"),
        ),
        row(
            "{One |here.}<orange> Two.",
            [CycleColour],
            "{One |here.} Two.",
            Effect::Save(SourceId(0)),
            Some("colour: yellow"),
        ),
        row(
            "One |here. Two.",
            [CycleColour],
            "One |here. Two.",
            Effect::None,
            Some("no highlight here"),
        ),
    ]);
}

#[test]
fn delete_removes_the_highlight_at_the_caret() {
    table(vec![
        row(
            "{One |here.}<note: kept> Two.",
            [Delete, Confirm(true)],
            "One |here. Two.",
            Effect::Save(SourceId(0)),
            Some("deleted (u to undo)"),
        ),
        row(
            "One |here. Two.",
            [Delete],
            "One |here. Two.",
            Effect::None,
            Some("no highlight here"),
        ),
    ]);
}

#[test]
fn undo_and_redo_take_changes_back_and_forth() {
    table(vec![
        row(
            "One |here. Two.",
            [Highlight, Undo],
            "One |here. Two.",
            Effect::Save(SourceId(0)),
            Some("undone"),
        ),
        row(
            "One |here. Two.",
            [Highlight, Undo, Redo],
            "{One |here.} Two.",
            Effect::Save(SourceId(0)),
            Some("redone"),
        ),
        row(
            "{One |here.} Two.",
            [Delete, Undo],
            "{One |here.} Two.",
            Effect::Save(SourceId(0)),
            Some("undone"),
        ),
        row(
            "{One |here.} Two.",
            [CycleColour, CycleColour, Undo],
            "{One |here.}<green> Two.",
            Effect::Save(SourceId(0)),
            Some("undone"),
        ),
        row(
            "One |here.",
            [Undo],
            "One |here.",
            Effect::None,
            Some("nothing to undo"),
        ),
        row(
            "One |here.",
            [Redo],
            "One |here.",
            Effect::None,
            Some("nothing to redo"),
        ),
    ]);
}

#[test]
fn a_note_is_written_in_the_editor_and_kept_on_close() {
    let typed = |text: &str| {
        text.chars()
            .map(|c| Editor(EditorInput::Char(c)))
            .collect::<Vec<_>>()
    };
    let mut write = vec![EditNote];
    write.extend(typed("why #salt"));
    write.push(EditorClose);
    let mut edit = vec![EditNote, Editor(EditorInput::End)];
    edit.extend(typed(" indeed"));
    edit.push(EditorClose);
    table(vec![
        // On a sentence: a new highlight, made when the note is kept.
        row(
            "One |here. Two.",
            write.clone(),
            "{One |here.}<note: why #salt> Two.",
            Effect::Save(SourceId(0)),
            None,
        ),
        // On a highlight: its note.
        row(
            "{One |here.}<note: so> Two.",
            edit,
            "{One |here.}<note: so indeed> Two.",
            Effect::Save(SourceId(0)),
            None,
        ),
        // An empty note on a new passage makes nothing.
        row(
            "One |here. Two.",
            [EditNote, EditorClose],
            "One |here. Two.",
            Effect::None,
            Some("empty note: nothing made"),
        ),
        // Unchanged: nothing to save.
        row(
            "{One |here.}<note: so> Two.",
            [EditNote, EditorClose],
            "{One |here.}<note: so> Two.",
            Effect::None,
            None,
        ),
        // Emptied: the note goes, the highlight stays.
        row(
            "{One |here.}<note: so> Two.",
            [
                EditNote,
                Editor(EditorInput::End),
                Editor(EditorInput::Backspace),
                Editor(EditorInput::Backspace),
                EditorClose,
            ],
            "{One |here.} Two.",
            Effect::Save(SourceId(0)),
            None,
        ),
    ]);
    let mut s = state("{One |here.}<note: so #a> Two.");
    apply(&mut s, EditNote);
    assert_eq!(modes(&s), vec![Mode::Editor]);
    assert_eq!(s.mode(), "NOTE");
    apply(&mut s, EditorClose);
    assert!(modes(&s).is_empty());
    assert_eq!(s.sources[0].items[0].annotation.tags, vec!["a".to_string()]);
}

#[test]
fn editor_inputs_edit_the_note() {
    use EditorInput::*;
    let cases: Vec<(Vec<EditorInput>, &str)> = vec![
        (vec![Char('a'), Char('b')], "ab"),
        (vec![Paste("pasted text".into())], "pasted text"),
        (vec![Char('a'), Newline, Char('b')], "a\nb"),
        (vec![Char('a'), Char('b'), Backspace], "a"),
        (vec![Char('a'), Char('b'), Left, Delete], "a"),
        (vec![Char('a'), Char('b'), Left, Char('x')], "axb"),
        (vec![Char('a'), Left, Right, Char('x')], "ax"),
        (vec![Char('a'), Newline, Char('b'), Up, Char('x')], "ax\nb"),
        (
            vec![Char('a'), Newline, Char('b'), Up, Home, Down, Char('x')],
            "a\nxb",
        ),
        (vec![Char('a'), Char('b'), Home, Char('x')], "xab"),
        (vec![Char('a'), Char('b'), Home, End, Char('x')], "abx"),
    ];
    for (inputs, want) in cases {
        let mut s = state("One |here.");
        apply(&mut s, EditNote);
        apply_all(&mut s, inputs.iter().cloned().map(Editor));
        assert_eq!(editor_text(&s).as_deref(), Some(want), "{inputs:?}");
    }
    // With no editor open, an edit changes nothing.
    let mut s = state("One |here.");
    apply(&mut s, Editor(Char('a')));
    assert_eq!(editor_text(&s), None);
    assert_eq!(render(&s), "One |here.");
}

#[test]
fn a_read_only_file_refuses_every_change() {
    for (markup, action) in [
        ("One |here.", Highlight),
        ("{One |here.}", CycleColour),
        ("{One |here.}", Delete),
        ("One |here.", EditNote),
    ] {
        let mut s = state(markup);
        s.sources[0].read_only = Some("opened by another marginalia".into());
        let effect = apply(&mut s, action.clone());
        assert_eq!(effect, Effect::None, "{action:?}");
        assert_eq!(
            message(&s),
            Some("read-only: opened by another marginalia"),
            "{action:?}"
        );
        assert_eq!(render(&s), markup, "{action:?}");
        assert!(modes(&s).is_empty(), "{action:?}");
    }
}
