//! Markdown essays in the app: annotations that survive an edit of the source, and the
//! hint line on a web link or a footnote reference.

use std::path::{Path, PathBuf};

use marginalia::anchor::{Placement, anchor_for, resolve};
use marginalia::essay::{Essay, markdown_essays};
use marginalia::range::TextRange;

mod common;

use common::screen::Screen;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/markdown")
        .join(name)
}

fn essay_of(text: &str) -> Essay {
    let mut essays = markdown_essays(text, Path::new("constructs.md")).expect("Markdown reads");
    essays.remove(0)
}

/// The range of the first `needle` in an essay's canonical text.
fn range_of(essay: &Essay, needle: &str) -> TextRange {
    let text = essay.text();
    let byte = text.find(needle).expect("the passage is there");
    let start = text[..byte].chars().count();
    TextRange::new(start, start + needle.chars().count()).expect("not empty")
}

#[test]
fn highlights_on_a_markdown_essay_survive_an_edit_of_the_source() {
    let source = std::fs::read_to_string(fixture("constructs.md")).expect("fixture reads");
    let before = essay_of(&source);
    // A sentence, a list item, a line of code, a table cell, a footnote.
    let passages = [
        "the hurried patient eye sees the grain",
        "a claim you doubt.",
        "println!(\"slow\");",
        "Rereading",
        "the direction of the fibres",
    ];
    let anchors: Vec<_> = passages
        .iter()
        .map(|p| anchor_for(&before, range_of(&before, p)))
        .collect();
    // The author adds a paragraph before, rewords nearby, widens the table, dates it anew.
    let edited = source
        .replacen(
            "# Reading Slowly\n",
            "# Reading Slowly\n\nA new opening paragraph.\n",
            1,
        )
        .replacen("skims; the", "merely skims; the", 1)
        .replacen("2. Mark what", "2. Always mark what", 1)
        .replacen("| Notes | 5 |", "| Longer notes here | 5 |", 1)
        .replacen("date: 2024-03-09", "date: 2024-04-01", 1);
    assert_ne!(edited, source);
    let after = essay_of(&edited);
    assert_ne!(after.fingerprint, before.fingerprint);
    for (passage, anchor) in passages.iter().zip(&anchors) {
        let placement = resolve(&after, anchor);
        let range = placement.range().expect("found again");
        assert_eq!(after.slice(range.start(), range.end()), *passage);
        assert!(
            matches!(placement, Placement::Exact(_)),
            "{passage}: {placement:?}"
        );
    }
}

/// The app on a Markdown file of `text` (written to a temporary folder), at `w`x`h`.
fn open_md(text: &str, w: u16, h: u16) -> (Screen, tempfile::TempDir) {
    let files = tempfile::tempdir().expect("temp dir");
    let file = files.path().join("tea.md");
    std::fs::write(&file, text).expect("writes");
    (Screen::open(&file, w, h), files)
}

/// The screen's rows.
fn rows(s: &mut Screen) -> Vec<String> {
    s.text().lines().map(str::to_owned).collect()
}

const ESSAY: &str = "# Notes on Tea\n\nTea was first a medicine[^1] and then a \
[habit](https://example.org/habit \"Habit\").\n\nLater paragraphs.\n\n\
[^1]: So the old books say.\n";

#[test]
fn the_hint_line_shows_where_a_link_or_footnote_leads() {
    let (mut s, _files) = open_md(ESSAY, 80, 24);
    s.keys("/habit<Enter>");
    assert_eq!(rows(&mut s)[22], " F link  https://example.org/habit");
    s.keys("F");
    assert!(rows(&mut s)[23].ends_with("link: https://example.org/habit"));
    s.keys("/medicine<Enter>e<Right><Right>");
    assert_eq!(rows(&mut s)[22], " F footnote  [1] So the old books say.");
    s.keys("F");
    assert!(rows(&mut s)[23].ends_with("footnote [1] (Ctrl-o: back)"));
    s.keys("<C-o>");
    assert_eq!(rows(&mut s)[22], " F footnote  [1] So the old books say.");
    s.keys("0");
    assert!(rows(&mut s)[22].contains("? help"));
    // A long address is cut to the width.
    let long = format!("# T\n\n[x](https://example.org/{})\n", "a".repeat(200));
    let (mut s, _files) = open_md(&long, 40, 20);
    s.keys("/x<Enter>");
    let row = &rows(&mut s)[18];
    assert!(row.starts_with(" F link  https://example.org/aaa"), "{row}");
    assert!(row.ends_with('…'), "{row}");
}

#[test]
fn a_highlight_stays_put_when_the_markdown_is_edited_and_reopened() {
    let files = tempfile::tempdir().expect("temp dir");
    let file = files.path().join("constructs.md");
    let source = std::fs::read_to_string(fixture("constructs.md")).expect("fixture reads");
    std::fs::write(&file, &source).expect("writes");
    let mut s = Screen::open(&file, 80, 24);
    s.keys("/claim<Enter>s<Enter>/Rereading<Enter>ve<Enter>");
    let dir = s.close();
    let edited = source
        .replacen(
            "# Reading Slowly\n",
            "# Reading Slowly\n\nA new opening paragraph.\n",
            1,
        )
        .replacen("2. Mark what", "2. Always mark what", 1)
        .replacen("| Notes | 5 |", "| Longer notes here | 5 |", 1);
    std::fs::write(&file, edited).expect("writes");
    let s = Screen::open_in(&file, 80, 24, dir);
    let essay = &s.state.docs()[0].essay;
    let placed: Vec<(String, bool)> = s.state.sources()[0]
        .items
        .iter()
        .map(|p| {
            let r = p.placement.range().expect("placed");
            let exact = matches!(p.placement, Placement::Exact(_));
            (essay.slice(r.start(), r.end()), exact)
        })
        .collect();
    assert_eq!(
        placed,
        [
            ("• a claim you doubt.".to_owned(), true),
            ("Rereading".to_owned(), true)
        ]
    );
}
