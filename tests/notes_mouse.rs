//! A double click on a notes item jumps to its passage: the real binary in a pty, sent the
//! terminal's own mouse sequences (SGR: `ESC [ < 0 ; col ; row M` press, `m` release).

mod common;

use std::fs;
use std::time::Duration;

use common::{PtyTester, TIMEOUT};

/// Our own two-essay fixture.
const ESSAYS: &str = include_str!("fixtures/screen-two.txt");

/// Presses and releases the left button at 0-based (`col`, `row`).
fn click(app: &PtyTester, col: usize, row: usize) {
    let (x, y) = (col + 1, row + 1);
    app.send(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"));
}

/// Where `needle` is on screen: (column, row), 0-based, counting characters (the screen
/// here is all one column wide per character).
fn find(app: &PtyTester, needle: &str) -> (usize, usize) {
    let screen = app.screen();
    for (row, line) in screen.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            return (line[..byte].chars().count(), row);
        }
    }
    panic!("{needle:?} not on screen:\n{screen}");
}

#[test]
fn a_double_click_on_a_notes_item_jumps_to_its_passage() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("two.txt"), ESSAYS).expect("write fixture");
    let home = dir.path().join("home");
    let app = PtyTester::spawn_with_env(
        dir.path(),
        &["two.txt"],
        &[("XDG_CONFIG_HOME", home.to_str().expect("utf-8"))],
        120,
        30,
    );
    app.wait_for("On Tidal Gardens", TIMEOUT);
    // Two highlights: the standfirst, and the last paragraph's first sentence.
    app.send("}}}s\r");
    app.send("}}}s\r");
    app.wait_for("Notes (2)", TIMEOUT);
    // One click on the first item: the notes take the keys, the essay stays where it is.
    let (col, row) = find(&app, "“Gardens near");
    click(&app, col, row);
    app.wait_for("┏ Notes (2)", TIMEOUT);
    // Two clicks on the second item within 400 ms: the essay takes the keys, its caret on
    // the passage (the status line's position moves with it).
    let (col, row) = find(&app, "“The old growers");
    click(&app, col, row);
    click(&app, col, row);
    app.wait_for("╭ Notes (2)", TIMEOUT);
    // Two clicks far apart in time are two single clicks: the notes keep the keys.
    let (col, row) = find(&app, "“Gardens near");
    click(&app, col, row);
    app.wait_for("┏ Notes (2)", TIMEOUT);
    std::thread::sleep(Duration::from_millis(600));
    click(&app, col, row);
    // A key for the notes pane after the click: once it is answered, the click was taken
    // in, and the notes still have the keys.
    app.send("t");
    app.wait_for("no tags yet", TIMEOUT);
    assert!(
        app.screen().contains("┏ Notes (2)"),
        "a slow second click does not jump:\n{}",
        app.screen()
    );
    app.send("q");
}
