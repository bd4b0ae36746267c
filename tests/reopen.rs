//! Reopening comes back to the same view and the same focused pane: the real binary in a
//! pseudo-terminal, quit and started again.

mod common;

use std::fs;

use common::{PtyTester, TIMEOUT};
use tempfile::TempDir;

const FILE: &str = "rivers.txt";
const COLS: u16 = 80;
const ROWS: u16 = 24;

/// Two essays of many short paragraphs, our own prose.
fn essays() -> String {
    let mut text = String::from("River Towns\n\nBy Ada Crane\n\n");
    for i in 0..60 {
        text.push_str(&format!(
            "Mill number {i} ground the flour of the valley.\n\n"
        ));
    }
    text.push_str("\nBread Lines\n\nBy Otto Vale\n\n");
    for i in 0..60 {
        text.push_str(&format!(
            "Baker number {i} rose before the sun came up.\n\n"
        ));
    }
    text
}

/// The caret of the pane without focus: its one underlined cell on the left half.
fn left_caret(app: &PtyTester) -> Option<(u16, u16)> {
    let cells = app.cells_where(vt100::Cell::underline);
    cells
        .into_iter()
        .find(|&(row, col)| row > 0 && row < ROWS - 2 && col < COLS / 2)
}

/// The left pane's text rows.
fn left_rows(app: &PtyTester) -> Vec<String> {
    (1..ROWS - 2)
        .map(|r| app.row(r).chars().take(usize::from(COLS / 2) - 2).collect())
        .collect()
}

/// Whether the right pane has the keyboard: its top corner is drawn thick.
fn right_focused(app: &PtyTester) -> bool {
    app.row(0).chars().filter(|&c| c == '┏').count() == 1 && !app.row(0).starts_with('┏')
}

#[test]
fn reopening_brings_back_the_caret_row_the_view_and_the_focused_pane() {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join(FILE), essays()).expect("write fixture");
    let mut app = PtyTester::spawn(dir.path(), &[FILE], COLS, ROWS);
    app.wait_for("River Towns", TIMEOUT);
    // To the end of the left essay (the view scrolls), then back up a few lines: the caret
    // sits in the middle of the view, not on its bottom row.
    app.type_slowly("G");
    app.wait_for("Mill number 59", TIMEOUT);
    app.type_slowly("kkkkkkkk");
    app.type_slowly("\t");
    app.wait_until(TIMEOUT, "the right pane to take focus", |_| {
        right_focused(&app)
    });
    let caret = left_caret(&app).expect("the left caret, underlined");
    let rows = left_rows(&app);
    assert!(caret.0 < ROWS - 4, "caret at {caret:?}");
    app.send("q");
    app.wait_exit(TIMEOUT);

    let again = PtyTester::spawn(dir.path(), &[FILE], COLS, ROWS);
    again.wait_for("River Towns", TIMEOUT);
    again.wait_until(TIMEOUT, "the right pane to take focus again", |_| {
        right_focused(&again)
    });
    again.wait_until(TIMEOUT, "the same view of the left essay", |_| {
        left_rows(&again) == rows
    });
    assert_eq!(left_caret(&again), Some(caret), "{}", again.screen());
}
