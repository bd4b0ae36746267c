//! The key file: what it changes, and each fault named on its line.

use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::action::{Action, Motion};
use crate::keymap::{Pending, read};

fn load_text(text: &str) -> Result<Keymap, KeyFileError> {
    parse(text, Path::new("/cfg/keys.toml"))
}

fn press(map: &Keymap, context: Context, c: char) -> Option<Action> {
    read(
        map,
        &Pending::default(),
        context,
        &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
    )
}

/// The error's line and message, asserting the file is named.
fn fault(text: &str) -> (Option<usize>, String) {
    let e = load_text(text).expect_err("a fault");
    let shown = e.to_string();
    assert!(shown.starts_with("/cfg/keys.toml"), "{shown}");
    assert!(!shown.contains('\n'), "one line: {shown}");
    (e.line, e.message)
}

#[test]
fn an_entry_replaces_that_actions_keys_and_no_other() {
    let map = load_text("[essay]\nhighlight = [\"Enter\", \"h\"]\ntop = \"g g\"\n").unwrap();
    assert_eq!(press(&map, Context::Essay, 'h'), Some(Action::Highlight));
    assert_eq!(
        map.key_in(Context::Essay, &Action::Highlight).as_deref(),
        Some("Enter")
    );
    // `g` alone now waits for the second `g`; Home is no longer top.
    assert!(matches!(
        press(&map, Context::Essay, 'g'),
        Some(Action::Pending(_))
    ));
    assert_eq!(
        map.key_in(Context::Essay, &Action::Move(Motion::Top))
            .as_deref(),
        Some("gg")
    );
    // Other actions keep their keys, and the help shows the new ones.
    assert_eq!(
        press(&map, Context::Essay, 'j'),
        Some(Action::Move(Motion::LineDown))
    );
    let help = help_lines(&map);
    let line = help
        .iter()
        .find(|l| l.context == Context::Essay && l.hint.starts_with("highlight"))
        .unwrap();
    assert_eq!(line.keys, "Enter h");
    // The same action elsewhere is untouched.
    let notes = Keymap::default();
    assert_eq!(
        map.key_in(Context::Notes, &Action::EditNote),
        notes.key_in(Context::Notes, &Action::EditNote)
    );
}

#[test]
fn an_empty_list_unbinds() {
    let map = load_text("[anywhere]\ntheme = []\n").unwrap();
    assert_eq!(map.key_in(Context::Essay, &Action::ToggleTheme), None);
    assert_eq!(
        press(&map, Context::Essay, 'T'),
        Some(Action::UnknownKey("T".into()))
    );
}

#[test]
fn the_defaults_printed_load_as_exactly_the_defaults() {
    let text = to_toml(&Keymap::default());
    let map = load_text(&text).expect("the defaults load");
    let rows = |m: &Keymap| {
        m.rows()
            .iter()
            .map(|r| format!("{:?} {:?} {:?} {}", r.context, r.keys, r.action, r.hint))
            .collect::<Vec<_>>()
    };
    same_rows(rows(&map), rows(&Keymap::default()));
    // And a changed map prints as itself.
    let mine = load_text("[essay]\nhighlight = [\"Enter\", \"h\"]\n").unwrap();
    same_rows(rows(&load_text(&to_toml(&mine)).unwrap()), rows(&mine));
}

fn same_rows(a: Vec<String>, b: Vec<String>) {
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    assert_eq!(a.len(), b.len());
}

#[test]
fn every_row_has_an_action_name_unique_in_its_context() {
    for row in Keymap::default().rows() {
        let name = action_name(&row.action)
            .unwrap_or_else(|| panic!("{:?} ({:?}) has no name", row.action, row.context));
        for other in Keymap::default().rows() {
            if other.context == row.context && action_name(&other.action) == Some(name) {
                assert_eq!(other.action, row.action, "{name} in {:?}", row.context);
            }
        }
    }
    for context in CONTEXTS {
        assert_eq!(Context::named(context.name()), Some(*context));
    }
}

#[test]
fn an_unknown_context_is_named_on_its_line() {
    let (line, message) = fault("# mine\n\n[esay]\nhighlight = \"h\"\n");
    assert_eq!(line, Some(3));
    assert!(message.contains("`esay` is not a context"), "{message}");
}

#[test]
fn an_unknown_action_is_named_on_its_line() {
    let (line, message) = fault("[essay]\nhighlight = \"Enter\"\nhilite = \"h\"\n");
    assert_eq!(line, Some(3));
    assert!(
        message.contains("`hilite` is not an action in [essay] (did you mean highlight"),
        "{message}"
    );
    // An action of another context is not one here.
    let (line, _) = fault("[essay]\njump = \"J\"\n");
    assert_eq!(line, Some(2));
}

#[test]
fn a_key_that_does_not_parse_is_named_on_its_line() {
    let (line, message) = fault("[essay]\n\nhighlight = [\"Enter\",\n  \"Ctrl-Foo\"]\n");
    assert_eq!(line, Some(3));
    assert!(message.contains("`Ctrl-Foo` is not a key"), "{message}");
    let (line, message) = fault("[essay]\nhighlight = 3\n");
    assert_eq!(line, Some(2));
    assert!(message.contains("give a key as a string"), "{message}");
    let (line, _) = fault("[essay]\nhighlight = \"\"\n");
    assert_eq!(line, Some(2));
}

#[test]
fn two_actions_on_the_same_keys_are_a_fault() {
    let (line, message) = fault("[essay]\n\nhighlight = \"j\"\n");
    assert_eq!(line, Some(3));
    assert!(
        message.contains("`j` in [essay] is also `line-down`"),
        "{message}"
    );
    // A key of an essay that is also a key anywhere would hide it.
    let (line, message) = fault("[anywhere]\nundo = \"w\"\n");
    assert_eq!(line, Some(2));
    assert!(message.contains("word-next"), "{message}");
    // In contexts that never meet, the same key is fine.
    assert!(load_text("[notes]\njump = \"o\"\n[pairs]\nshow = \"o\"\n").is_ok());
}

#[test]
fn a_key_that_begins_another_sequence_is_a_fault() {
    let (line, message) = fault("[essay]\nhighlight = \"]\"\n");
    assert_eq!(line, Some(2));
    assert!(message.contains("begins `]]`"), "{message}");
}

#[test]
fn unknown_top_level_keys_and_broken_toml_are_faults() {
    let (line, message) = fault("colour = \"red\"\n");
    assert_eq!(line, Some(1));
    assert!(message.contains("not a context"), "{message}");
    let (line, message) = fault("[essay]\nhighlight = \"h\"\nhighlight = \"J\"\n");
    assert_eq!(line, Some(3));
    assert!(message.contains("duplicate"), "{message}");
    let (line, _) = fault("[essay\n");
    assert_eq!(line, Some(1));
    let (line, message) = fault("essay = 3\n");
    assert_eq!(line, Some(1));
    assert!(message.contains("must be a table"), "{message}");
}

#[test]
fn a_missing_file_gives_the_defaults_and_an_unreadable_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.toml");
    assert!(load(&path).is_ok());
    std::fs::write(&path, [0xff, 0xfe]).unwrap();
    let e = load(&path).expect_err("not UTF-8");
    assert!(e.to_string().starts_with(&path.display().to_string()));
    std::fs::write(&path, "[essay]\nhighlight = \"h\"\n").unwrap();
    let map = load(&path).unwrap();
    assert_eq!(press(&map, Context::Essay, 'h'), Some(Action::Highlight));
}

#[test]
fn the_readme_key_table_is_the_one_the_table_makes() {
    let readme = include_str!("../../../README.md");
    let start = readme.find(README_BEGIN).expect("begin marker") + README_BEGIN.len();
    let end = readme.find(README_END).expect("end marker");
    assert_eq!(
        readme[start..end].trim(),
        to_markdown(&Keymap::default()).trim(),
        "README's key table: regenerate with `marginalia keys --markdown`"
    );
}

const README_BEGIN: &str = "<!-- keys: generated by `marginalia keys --markdown` -->";
const README_END: &str = "<!-- keys: end -->";

#[test]
fn a_digit_bound_to_an_action_is_that_action_not_a_count() {
    let map = load_text("[essay]\nhighlight = \"3\"\n").unwrap();
    assert_eq!(press(&map, Context::Essay, '3'), Some(Action::Highlight));
    // Other digits still count.
    assert!(matches!(
        press(&map, Context::Essay, '4'),
        Some(Action::Pending(_))
    ));
}
