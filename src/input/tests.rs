//! Tests of the text input, written as the text with `|` where the cursor is.

use super::*;
use EditorInput::*;

const FAMILY: &str = "👩\u{200d}👩\u{200d}👧";

/// A multi-line input holding `marked` without its `|`, the cursor there.
fn at(marked: &str) -> TextInput {
    let cursor = marked.find('|').expect("a cursor mark");
    let mut input = TextInput::multi_line(&marked.replacen('|', "", 1));
    input.cursor = cursor;
    input
}

/// The text with `|` at the cursor.
fn show(input: &TextInput) -> String {
    let (before, after) = input.split_at_cursor();
    format!("{before}|{after}")
}

/// `marked` after `keys` at `width`.
fn after(marked: &str, keys: &[EditorInput], width: usize) -> String {
    let mut input = at(marked);
    for k in keys {
        input.edit(k.clone(), width);
    }
    show(&input)
}

/// The screen lines of `text` at `width`.
fn lines(text: &str, width: usize) -> Vec<String> {
    let input = TextInput::multi_line(text);
    input
        .rows(width)
        .iter()
        .map(|r| text[r.start..r.end].to_string())
        .collect()
}

fn typed(input: &mut TextInput, text: &str) {
    for c in text.chars() {
        input.edit(Char(c), 0);
    }
}

#[test]
fn backspace_takes_a_whole_grapheme() {
    assert_eq!(after(&format!("a{FAMILY}|"), &[Backspace], 0), "a|");
    assert_eq!(after("ce\u{301}|", &[Backspace], 0), "c|");
    assert_eq!(after("漢字|x", &[Backspace], 0), "漢|x");
    assert_eq!(after("🇫🇷🇩🇪|", &[Backspace], 0), "🇫🇷|");
    assert_eq!(after("👍🏽|", &[Backspace], 0), "|");
    assert_eq!(after("|a", &[Backspace], 0), "|a");
    assert_eq!(after("a\n|b", &[Backspace], 0), "a|b");
}

#[test]
fn delete_takes_a_whole_grapheme() {
    assert_eq!(after(&format!("|{FAMILY}b"), &[Delete], 0), "|b");
    assert_eq!(after("|e\u{301}x", &[Delete], 0), "|x");
    assert_eq!(after("|漢字", &[Delete], 0), "|字");
    assert_eq!(after("a|", &[Delete], 0), "a|");
}

#[test]
fn left_and_right_step_over_whole_graphemes() {
    let text = format!("|{FAMILY}e\u{301}漢");
    assert_eq!(after(&text, &[Right], 0), format!("{FAMILY}|e\u{301}漢"));
    assert_eq!(
        after(&text, &[Right, Right], 0),
        format!("{FAMILY}e\u{301}|漢")
    );
    assert_eq!(
        after(&text, &[Right, Right, Right, Right], 0),
        format!("{FAMILY}e\u{301}漢|")
    );
    assert_eq!(
        after(&text, &[Right, Right, Right, Left, Left], 0),
        format!("{FAMILY}|e\u{301}漢")
    );
    assert_eq!(after(&text, &[Left], 0), text);
}

#[test]
fn a_mark_typed_joins_its_letter_and_text_typed_before_a_mark_takes_it() {
    let mut input = TextInput::multi_line("");
    typed(&mut input, "e\u{301}");
    assert_eq!(show(&input), "e\u{301}|");
    input.edit(Backspace, 0);
    assert_eq!(show(&input), "|");
    // Typed before a lone mark, a letter joins it: the cursor goes past both.
    assert_eq!(after("|\u{301}b", &[Char('x')], 0), "x\u{301}|b");
}

#[test]
fn a_word_that_does_not_fit_moves_whole_to_the_next_line() {
    assert_eq!(
        lines("the note was short because", 24),
        ["the note was short ", "because"]
    );
    // Wide characters count two columns; a line break ends a line.
    assert_eq!(lines("漢字漢字漢", 5), ["漢字", "漢字", "漢"]);
    assert_eq!(lines("ab\ncd", 10), ["ab", "cd"]);
    assert_eq!(lines("", 10), [""]);
}

#[test]
fn a_word_longer_than_the_line_is_broken() {
    assert_eq!(lines("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
    assert_eq!(lines("ab abcdefgh", 5), ["ab ", "abcde", "fgh"]);
    // Not wrapped at width 0.
    assert_eq!(lines("abcdefghijkl", 0), ["abcdefghijkl"]);
}

#[test]
fn up_and_down_move_by_screen_line() {
    let text = "aa|aa bbbb cccc";
    assert_eq!(after(text, &[Down], 5), "aaaa bb|bb cccc");
    assert_eq!(after(text, &[Down, Down], 5), "aaaa bbbb cc|cc");
    assert_eq!(after(text, &[Down, Down, Down], 5), "aaaa bbbb cc|cc");
    assert_eq!(after(text, &[Down, Down, Up, Up], 5), text);
    assert_eq!(after(text, &[Up], 5), text);
    // Unwrapped, the same keys move by line of text.
    assert_eq!(after(text, &[Down], 0), text);
}

#[test]
fn up_and_down_keep_the_column_across_a_short_line() {
    let text = "abcde|f\nab\nabcdef";
    assert_eq!(after(text, &[Down], 0), "abcdef\nab|\nabcdef");
    assert_eq!(after(text, &[Down, Down], 0), "abcdef\nab\nabcde|f");
    // The column is counted in cells: two for a wide character.
    assert_eq!(after("a|b\n漢字", &[Down], 0), "ab\n|漢字");
    assert_eq!(after("ab|\n漢字", &[Down], 0), "ab\n漢|字");
    assert_eq!(after("漢字漢|字", &[Up], 4), "漢|字漢字");
}

#[test]
fn word_motions_and_word_delete() {
    let text = "one two, three|";
    assert_eq!(after(text, &[WordLeft], 0), "one two, |three");
    assert_eq!(after(text, &[WordLeft, WordLeft], 0), "one |two, three");
    assert_eq!(
        after(text, &[WordLeft, WordLeft, WordRight], 0),
        "one two|, three"
    );
    assert_eq!(
        after(text, &[WordLeft, WordLeft, WordRight, WordRight], 0),
        "one two, three|"
    );
    assert_eq!(after("on|e", &[WordLeft], 0), "|one");
    assert_eq!(after(text, &[DeleteWordBack], 0), "one two, |");
    assert_eq!(after(text, &[DeleteWordBack, DeleteWordBack], 0), "one |");
    assert_eq!(after("  |x", &[DeleteWordBack], 0), "|x");
    // Across a line break, and over a word of graphemes.
    assert_eq!(after("ab\n|cd", &[WordLeft], 0), "|ab\ncd");
    assert_eq!(after("|cafe\u{301} x", &[WordRight], 0), "cafe\u{301}| x");
}

#[test]
fn undo_takes_typing_back_a_word_at_a_time_and_redo_does_it_again() {
    let mut input = TextInput::multi_line("");
    typed(&mut input, "hello world");
    input.edit(Undo, 0);
    assert_eq!(show(&input), "hello|");
    input.edit(Undo, 0);
    assert_eq!(show(&input), "|");
    input.edit(Undo, 0);
    assert_eq!(show(&input), "|");
    input.edit(Redo, 0);
    assert_eq!(show(&input), "hello|");
    input.edit(Redo, 0);
    assert_eq!(show(&input), "hello world|");
    // A run of Backspace comes back at once, the cursor where it was.
    for _ in 0..3 {
        input.edit(Backspace, 0);
    }
    assert_eq!(show(&input), "hello wo|");
    input.edit(Undo, 0);
    assert_eq!(show(&input), "hello world|");
    // A new edit after an undo drops what could be redone.
    input.edit(Undo, 0);
    input.edit(Char('!'), 0);
    input.edit(Redo, 0);
    assert_eq!(show(&input), "hello!|");
}

#[test]
fn a_cursor_move_ends_an_undo_run() {
    let mut input = TextInput::multi_line("");
    typed(&mut input, "ab");
    input.edit(Left, 0);
    typed(&mut input, "c");
    assert_eq!(show(&input), "ac|b");
    input.edit(Undo, 0);
    assert_eq!(show(&input), "a|b");
    input.edit(Undo, 0);
    assert_eq!(show(&input), "|");
    // Delete and word delete are undone too.
    let mut input = at("|abc def");
    input.edit(Delete, 0);
    input.edit(Delete, 0);
    input.edit(End, 0);
    input.edit(DeleteWordBack, 0);
    assert_eq!(show(&input), "c |");
    input.edit(Undo, 0);
    assert_eq!(show(&input), "c def|");
    input.edit(Undo, 0);
    assert_eq!(show(&input), "|abc def");
}

#[test]
fn a_paste_keeps_its_lines_in_the_editor_and_becomes_one_line_in_a_prompt() {
    let paste = Paste("one\r\ntwo\rthree\nfour".into());
    let mut note = TextInput::multi_line("");
    note.edit(paste.clone(), 0);
    assert_eq!(note.text(), "one\ntwo\nthree\nfour");
    let mut query = TextInput::single_line("");
    query.edit(paste, 0);
    assert_eq!(query.text(), "one two three four");
    query.edit(Newline, 0);
    assert_eq!(query.text(), "one two three four");
    // A paste is undone whole.
    note.edit(Undo, 0);
    assert_eq!(note.text(), "");
}

#[test]
fn control_characters_typed_or_pasted_are_made_visible() {
    for lines in [Lines::Single, Lines::Multi] {
        let mut input = TextInput {
            lines,
            ..TextInput::default()
        };
        input.edit(Paste("x\u{1b}[31m\u{7}\u{9b}y".into()), 0);
        input.edit(Char('\u{1b}'), 0);
        assert_eq!(input.text(), "x␛[31m␇\u{fffd}y␛");
        assert!(!input.text().chars().any(|c| c.is_control()));
    }
    let mut query = TextInput::single_line("");
    query.edit(Paste("a\tb".into()), 0);
    assert_eq!(query.text(), "a b");
}

#[test]
fn home_and_end_go_to_the_ends_of_the_line() {
    assert_eq!(after("ab\nc|d\nef", &[Home], 0), "ab\n|cd\nef");
    assert_eq!(after("ab\nc|d\nef", &[End], 0), "ab\ncd|\nef");
    assert_eq!(after("a|b", &[End, Home], 0), "|ab");
}

#[test]
fn the_cursor_cell_follows_wrapping_and_wide_characters() {
    let cell = |marked: &str, width| at(marked).cursor_cell(width);
    assert_eq!(cell("the note was short because|", 24), (1, 7));
    assert_eq!(cell("the note was short |because", 24), (1, 0));
    assert_eq!(cell("漢字|x", 10), (0, 4));
    // At the end of a full line the cursor waits at the start of the next.
    assert_eq!(cell("abcde|", 5), (1, 0));
    assert_eq!(cell("ab\n|", 5), (1, 0));
    // Before a space hanging past the edge: in the last column.
    assert_eq!(cell("abcde| f", 5), (0, 4));
    // A ZWJ sequence shows its joiners: three emoji and two `·`, eight cells.
    assert_eq!(cell(&format!("{FAMILY}|"), 20), (0, 8));
}

#[test]
fn clearing_and_setting_keep_the_kind_of_input() {
    let mut note = TextInput::multi_line("a");
    note.clear();
    note.edit(Newline, 0);
    assert_eq!(note.text(), "\n");
    let filter: TextInput = "is:review".into();
    assert_eq!(show(&filter), "is:review|");
    assert!(!filter.is_empty());
}
