//! Markdown essays in the app: annotations that survive an edit of the source, and the
//! hint line on a web link or a footnote reference.

use std::path::{Path, PathBuf};

use marginalia::action::{Action, Motion};
use marginalia::anchor::{Placement, anchor_for, resolve};
use marginalia::essay::{Essay, markdown_essays};
use marginalia::range::TextRange;
use marginalia::state::{AppState, EssayDoc, Source, SourceId};
use marginalia::store::{AnnotationFile, DiskState, Stamp};

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

/// A state showing a Markdown essay, the caret at its start, on a screen of `w`x`h`.
fn md_state(text: &str, w: u16, h: u16) -> AppState {
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
    act(&mut s, Action::Resize(w, h));
    s
}

fn act(s: &mut AppState, action: Action) {
    s.apply(action, Stamp::new(chrono::Utc::now(), 1));
}

/// Moves the caret of the first pane to `needle`, as a reader would with the arrow keys.
fn put_caret(s: &mut AppState, needle: &str) {
    let text = s.docs()[0].essay.text();
    let byte = text.find(needle).expect("the text is there");
    let at = text[..byte].chars().count();
    act(s, Action::Move(Motion::Top));
    while s.panes()[0].caret < at {
        act(s, Action::Move(Motion::Right));
    }
}

/// The screen's rows as text.
fn screen_rows(s: &AppState, w: u16, h: u16) -> Vec<String> {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|frame| marginalia::ui::draw(frame, s))
        .expect("draws");
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

const ESSAY: &str = "# Notes on Tea\n\nTea was first a medicine[^1] and then a \
[habit](https://example.org/habit \"Habit\").\n\nLater paragraphs.\n\n\
[^1]: So the old books say.\n";

#[test]
fn the_hint_line_shows_where_a_link_or_footnote_leads() {
    let mut s = md_state(ESSAY, 80, 24);
    put_caret(&mut s, "habit");
    let rows = screen_rows(&s, 80, 24);
    assert_eq!(rows[22].trim_end(), " F link  https://example.org/habit");
    put_caret(&mut s, "[1]");
    let rows = screen_rows(&s, 80, 24);
    assert_eq!(
        rows[22].trim_end(),
        " F footnote  [1] So the old books say."
    );
    // Elsewhere, the usual hints; a long address is cut to the width.
    put_caret(&mut s, "Tea was");
    assert!(screen_rows(&s, 80, 24)[22].contains("? help"));
    let long = format!("# T\n\n[x](https://example.org/{})\n", "a".repeat(200));
    let mut s = md_state(&long, 40, 20);
    put_caret(&mut s, "x");
    let row = &screen_rows(&s, 40, 20)[18];
    assert!(row.starts_with(" F link  https://example.org/aaa"), "{row}");
    assert!(row.trim_end().ends_with('…'), "{row}");
}
