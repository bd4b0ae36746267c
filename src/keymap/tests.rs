//! The key table read as a person types: rows, counts, sequences, the help.

use ratatui::crossterm::event::KeyCode::{
    self, Backspace, Char, Delete, End, Esc, Home, Left, Right,
};
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

use super::*;
use crate::action::{EditorInput, Motion, OfferChoice, QuitChoice};

const NONE: KeyModifiers = KeyModifiers::NONE;

#[test]
fn keys_with_no_row_are_typed_ignored_or_looked_up_anywhere_as_the_context_says() {
    let x = key(Char('x'), NONE);
    let undo = key(Char('u'), NONE);
    for context in [Editor, Search, Filter] {
        let typed = lookup(context, &x).expect("typed");
        assert!(format!("{typed:?}").contains("Char('x')"), "{context:?}");
        assert!(paste(context, "x").is_some(), "{context:?}");
    }
    for context in [Help, Picker, PairList, QuitPrompt, Offer, Choose, Confirm] {
        assert_eq!(lookup(context, &undo), None, "{context:?}");
        assert_eq!(paste(context, "x"), None, "{context:?}");
    }
    for context in [Essay, Notes] {
        assert_eq!(lookup(context, &undo), Some(Action::Undo), "{context:?}");
        assert_eq!(paste(context, "x"), None, "{context:?}");
    }
    // Tab in the note editor is a row of its own: a space.
    assert_eq!(
        lookup(Editor, &key(KeyCode::Tab, NONE)),
        Some(Action::Editor(EditorInput::Char(' ')))
    );
}

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn context_rows_come_before_anywhere_rows() {
    // `u` undoes; Ctrl-u is half a page up in an essay.
    assert_eq!(lookup(Essay, &key(Char('u'), NONE)), Some(Action::Undo));
    assert_eq!(
        lookup(Essay, &key(Char('u'), CTRL)),
        Some(Action::Move(Motion::HalfPageUp))
    );
    assert_eq!(
        lookup(Notes, &key(Char('j'), NONE)),
        Some(Action::NotesDown)
    );
    assert_eq!(
        lookup(Notes, &key(Char('w'), NONE)),
        Some(Action::UnknownKey("w".into()))
    );
}

#[test]
fn shift_is_part_of_the_character() {
    assert_eq!(
        lookup(Essay, &key(Char('G'), KeyModifiers::SHIFT)),
        Some(Action::Move(Motion::Bottom))
    );
    assert_eq!(
        lookup(Essay, &key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(Action::FocusPrev)
    );
}

#[test]
fn the_editor_types_what_is_not_bound() {
    assert_eq!(
        lookup(Editor, &key(Char('q'), NONE)),
        Some(Action::Editor(EditorInput::Char('q')))
    );
    assert_eq!(
        lookup(Editor, &key(Char('s'), CTRL)),
        Some(Action::EditorClose)
    );
    assert_eq!(lookup(Editor, &key(Char('x'), CTRL)), None);
}

#[test]
fn the_three_inputs_edit_alike() {
    let cases = [
        (key(Backspace, NONE), EditorInput::Backspace),
        (key(Backspace, ALT), EditorInput::DeleteWordBack),
        (key(Char('w'), CTRL), EditorInput::DeleteWordBack),
        (key(Delete, NONE), EditorInput::Delete),
        (key(Left, NONE), EditorInput::Left),
        (key(Right, NONE), EditorInput::Right),
        (key(Left, CTRL), EditorInput::WordLeft),
        (key(Char('b'), ALT), EditorInput::WordLeft),
        (key(Right, CTRL), EditorInput::WordRight),
        (key(Char('f'), ALT), EditorInput::WordRight),
        (key(Home, NONE), EditorInput::Home),
        (key(End, NONE), EditorInput::End),
        (key(Char('é'), NONE), EditorInput::Char('é')),
    ];
    for (k, input) in cases {
        assert_eq!(lookup(Editor, &k), Some(Action::Editor(input.clone())));
        assert_eq!(lookup(Search, &k), Some(Action::Search(input.clone())));
        assert_eq!(lookup(Filter, &k), Some(Action::Filter(input)));
    }
    assert_eq!(
        paste(Search, "a\nb"),
        Some(Action::Search(EditorInput::Paste("a\nb".into())))
    );
    assert_eq!(paste(Essay, "a"), None);
    // Undo and redo inside the note; Ctrl-z still suspends.
    assert_eq!(
        lookup(Editor, &key(Char('u'), CTRL)),
        Some(Action::Editor(EditorInput::Undo))
    );
    assert_eq!(
        lookup(Editor, &key(Char('r'), CTRL)),
        Some(Action::Editor(EditorInput::Redo))
    );
    assert_eq!(lookup(Editor, &key(Char('z'), CTRL)), Some(Action::Suspend));
    assert_eq!(keys::label(&keys::parse("Alt-b").unwrap()), "Alt-b");
}

#[test]
fn the_quit_prompt_and_the_offer_take_only_their_keys() {
    assert_eq!(
        lookup(QuitPrompt, &key(Char('w'), NONE)),
        Some(Action::QuitAnswer(QuitChoice::WriteRecovery))
    );
    assert_eq!(
        lookup(QuitPrompt, &key(Esc, NONE)),
        Some(Action::QuitAnswer(QuitChoice::Stay))
    );
    // Neither q nor Ctrl-c goes past the prompt: it is answered first.
    assert_eq!(lookup(QuitPrompt, &key(Char('q'), NONE)), None);
    assert_eq!(lookup(QuitPrompt, &key(Char('c'), CTRL)), None);
    assert_eq!(
        lookup(Offer, &key(Char('m'), NONE)),
        Some(Action::OfferAnswer(OfferChoice::Take))
    );
    assert_eq!(lookup(Offer, &key(Char('x'), NONE)), None);
    // Ctrl-c is a key in raw mode, and takes the road q takes.
    assert_eq!(lookup(Essay, &key(Char('c'), CTRL)), Some(Action::Quit));
    assert_eq!(lookup(Notes, &key(Char('c'), CTRL)), Some(Action::Quit));
    // In the editor Ctrl-c closes it keeping the note (as Esc); a second one quits.
    assert_eq!(
        lookup(Editor, &key(Char('c'), CTRL)),
        Some(Action::EditorClose)
    );
}

#[test]
fn help_groups_each_context_once() {
    let lines = help_lines(&Keymap::default());
    let mut seen: Vec<Context> = Vec::new();
    for pair in lines.windows(2) {
        if pair[0].context != pair[1].context {
            assert!(
                !seen.contains(&pair[1].context),
                "{:?} split",
                pair[1].context
            );
            seen.push(pair[0].context);
        }
    }
}

#[test]
fn help_lists_every_binding_once_per_action() {
    let lines = help_lines(&Keymap::default());
    let down = lines
        .iter()
        .find(|l| l.context == Essay && l.hint == "caret down one line")
        .expect("caret down is in the help");
    assert_eq!(down.keys, "j ↓");
    for b in BINDINGS {
        let mut label = keys::label(&keys::parse(b.keys).unwrap());
        if b.letter.is_some() {
            label.push_str("{a-z}");
        }
        assert!(
            lines
                .iter()
                .any(|l| l.context == b.context && l.keys.split(' ').any(|k| k == label)),
            "{label} missing from help"
        );
    }
}

#[test]
fn every_spec_in_the_table_names_keys() {
    for b in BINDINGS {
        assert!(keys::parse(b.keys).is_ok(), "{} does not parse", b.keys);
    }
}

#[test]
fn no_keys_of_a_row_begin_another_row_where_both_apply() {
    // A key that is both an action and the start of a sequence would need a timeout to
    // tell them apart: the table has none, so `]` waits and `]]` acts.
    let map = Keymap::default();
    let reach = |c: Context| -> Vec<Context> {
        match c.unbound() {
            Unbound::Anywhere if c != Anywhere => vec![c, Anywhere],
            _ => vec![c],
        }
    };
    for a in map.rows() {
        for b in map.rows() {
            let together = reach(a.context).contains(&b.context);
            let longer = b.keys.len() + usize::from(b.letter.is_some());
            if together && b.keys.len() >= a.keys.len() && longer > a.keys.len() {
                assert!(
                    !b.keys.starts_with(&a.keys) || a.letter.is_some() && b.keys == a.keys,
                    "{} ({:?}) begins {} ({:?})",
                    a.label(),
                    a.context,
                    b.label(),
                    b.context
                );
            }
        }
    }
}

#[test]
fn a_row_can_take_a_letter() {
    let map = Keymap::from_rows(vec![Row {
        context: Essay,
        keys: keys::parse("m").unwrap(),
        action: Action::Search(EditorInput::Char('a')),
        letter: Some(|c| Action::Search(EditorInput::Char(c))),
        hint: "test".into(),
    }]);
    let m = key(Char('m'), NONE);
    let waiting = match read(&map, &Pending::default(), Essay, &m) {
        Some(Action::Pending(p)) => p,
        other => panic!("m waits: {other:?}"),
    };
    assert_eq!(waiting.label(), "m");
    assert_eq!(
        read(&map, &waiting, Essay, &key(Char('q'), NONE)),
        Some(Action::Search(EditorInput::Char('q')))
    );
    // Not a letter: nothing bound.
    assert_eq!(
        read(&map, &waiting, Essay, &key(Char('1'), NONE)),
        Some(Action::UnknownKey("m1".into()))
    );
    assert_eq!(help_lines(&map)[0].keys, "m{a-z}");
}

#[test]
fn counts_go_to_what_takes_them_and_not_into_typing() {
    let map = Keymap::default();
    let three = match read(&map, &Pending::default(), Essay, &key(Char('3'), NONE)) {
        Some(Action::Pending(p)) => p,
        other => panic!("3 waits: {other:?}"),
    };
    assert_eq!(
        read(&map, &three, Essay, &key(Char('j'), NONE)),
        Some(Action::Repeat(3, Box::new(Action::Move(Motion::LineDown))))
    );
    // `3q` quits once.
    assert_eq!(
        read(&map, &three, Essay, &key(Char('q'), NONE)),
        Some(Action::Quit)
    );
    // Digits are typed in the editor, and are rows of their own in the picker.
    assert_eq!(
        read(&map, &Pending::default(), Editor, &key(Char('3'), NONE)),
        Some(Action::Editor(EditorInput::Char('3')))
    );
    assert!(matches!(
        read(&map, &Pending::default(), Picker, &key(Char('3'), NONE)),
        Some(Action::PickRelation(_))
    ));
}
