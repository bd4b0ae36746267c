//! The mouse and the clock in a real terminal: SGR mouse reports typed into a pty (a double
//! click, a triple click, a drag past a pane's edge) and a message that goes by itself.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{PtyTester, TIMEOUT};
use tempfile::TempDir;

/// Our own two-essay fixture.
const ESSAYS: &str = include_str!("fixtures/e2e-essays.txt");
const FILE: &str = "ledgers.txt";

fn workspace() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join(FILE), ESSAYS).expect("write fixture");
    dir
}

fn open(dir: &Path, cols: u16, rows: u16) -> PtyTester {
    let app = PtyTester::spawn(dir, &[FILE], cols, rows);
    app.wait_for("The Orchard Ledger", TIMEOUT);
    app
}

/// The screen cell (0-based column, row) where `word` first shows in the left half.
fn cell_of(app: &PtyTester, word: &str, cols: u16) -> (u16, u16) {
    let screen = app.screen();
    for (row, line) in screen.lines().enumerate() {
        let left: String = line.chars().take(usize::from(cols / 2)).collect();
        if let Some(byte) = left.find(word) {
            return (left[..byte].chars().count() as u16, row as u16);
        }
    }
    panic!("{word:?} not on screen:\n{screen}");
}

/// An SGR mouse report: button code `b` at 0-based (`col`, `row`), pressed (`M`) or
/// released (`m`).
fn sgr(b: u8, col: u16, row: u16, end: char) -> String {
    format!("\x1b[<{b};{};{}{end}", col + 1, row + 1)
}

fn click(app: &PtyTester, (col, row): (u16, u16)) {
    app.send(&(sgr(0, col, row, 'M') + &sgr(0, col, row, 'm')));
}

#[test]
fn a_double_click_selects_a_word_and_a_triple_click_a_sentence() {
    let dir = workspace();
    let app = open(dir.path(), 120, 40);
    let at = cell_of(&app, "grandmother", 120);
    let inside = (at.0 + 3, at.1);
    // Two clicks in one report: well within the double-click time.
    app.send(
        &[
            sgr(0, inside.0, inside.1, 'M'),
            sgr(0, inside.0, inside.1, 'm'),
        ]
        .concat()
        .repeat(2),
    );
    app.wait_for_status("VISUAL", TIMEOUT);
    app.send("\r");
    app.wait_for("“grandmother”", TIMEOUT);
    // Three clicks on the next sentence's first word: that sentence.
    let at = cell_of(&app, "She wrote", 120);
    app.send(
        &[sgr(0, at.0, at.1, 'M'), sgr(0, at.0, at.1, 'm')]
            .concat()
            .repeat(3),
    );
    app.wait_for_status("VISUAL", TIMEOUT);
    app.send("\r");
    app.wait_for("“She wrote down which", TIMEOUT);
    assert!(app.screen().contains("Notes (2)"), "{}", app.screen());
}

#[test]
fn a_drag_past_the_bottom_of_a_pane_scrolls_it_and_selects_on() {
    let dir = workspace();
    let app = open(dir.path(), 80, 24);
    let at = cell_of(&app, "Tuesday", 80);
    click(&app, at);
    // Drag below the pane's last text row (onto its border), a few times.
    let screen = app.screen();
    let bottom = screen
        .lines()
        .position(|l| l.starts_with('┗') || l.starts_with('╰'))
        .expect("the pane's bottom border") as u16;
    for _ in 0..6 {
        app.send(&sgr(32, at.0 + 4, bottom, 'M'));
    }
    app.send(&sgr(0, at.0 + 4, bottom, 'm'));
    app.wait_until(TIMEOUT, "the left pane scrolled", |s| {
        !s.contains("Tuesday, April 8, 2025")
    });
    app.wait_for_status("VISUAL", TIMEOUT);
    app.send("\r");
    // The highlight runs from the date to well past the first screen.
    app.wait_for("“Tuesday, April 8, 2025", TIMEOUT);
}

#[test]
fn a_message_goes_by_itself_after_a_few_seconds() {
    let dir = workspace();
    let app = open(dir.path(), 120, 40);
    app.send("c");
    app.wait_for_status("no highlight here", TIMEOUT);
    let shown = Instant::now();
    app.wait_until(TIMEOUT, "the message gone", |s| {
        !s.contains("no highlight here")
    });
    let after = shown.elapsed();
    assert!(after >= Duration::from_secs(3), "gone too soon: {after:?}");
    // "undone" goes too, with nothing typed after it.
    app.send("s\ru");
    app.wait_for_status("undone", TIMEOUT);
    app.wait_until(TIMEOUT, "undone gone", |s| !s.contains("undone"));
    app.send("q");
}
