//! Copying with a citation and the paragraph numbers: the screen with numbers shown
//! (TestBackend), and the real binary writing OSC 52 to its terminal (pty).

mod common;

use std::fs;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::screen::{Screen, fixture};
use common::{PtyTester, TIMEOUT, assert_terminal_restored, rfind};
use marginalia::action::Action;
use marginalia::state::Effect;
use marginalia::store::Stamp;

impl Screen {
    /// The app on fixture `name`.
    fn on(name: &str, w: u16, h: u16) -> Screen {
        Screen::open(&fixture(name), w, h)
    }

    /// The screen row holding `needle`.
    fn row_with(&mut self, needle: &str) -> String {
        let text = self.text();
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{text}"))
            .to_string()
    }
}

#[test]
fn paragraph_numbers_at_200x50() {
    let mut s = Screen::on("screen-two.txt", 200, 50);
    let before = s.state.viewport(0).width;
    s.keys("#");
    let text = s.text();
    insta::assert_snapshot!("paragraph_numbers_200x50", text);
    // The standfirst has no number; the body paragraphs count from 1 in each essay, right
    // before their text, which narrows by two digits and a space.
    assert!(
        s.row_with("Gardens near the sea")
            .contains("┃     Gardens near")
    );
    assert!(
        s.row_with("A tidal garden")
            .contains("┃   1 A tidal garden")
    );
    assert!(
        s.row_with("Nothing grows quickly")
            .contains("┃   2 Nothing grows")
    );
    assert!(
        s.row_with("Farms that chase")
            .contains("│   1 Farms that chase")
    );
    assert_eq!(s.state.viewport(0).width, before - 3);
    assert!(text.contains("paragraph numbers shown"));
}

#[test]
fn paragraph_numbers_at_80x24() {
    let mut s = Screen::on("screen-two.txt", 80, 24);
    s.keys("#");
    let text = s.text();
    insta::assert_snapshot!("paragraph_numbers_80x24", text);
    // The text wraps within the narrower pane: no line runs into the border.
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    // Hidden again, the text has its columns back.
    s.keys("#");
    assert!(!s.text().contains("┃   1 "));
}

#[test]
fn the_margin_and_the_citation_give_the_same_number() {
    let mut s = Screen::on("screen-two.txt", 200, 50);
    s.keys("#");
    // To the third body paragraph of the first essay, and copy its first sentence.
    s.keys("}}}}}");
    let row = s.row_with("Nothing grows quickly");
    assert!(row.contains("2 Nothing grows quickly"), "{row}");
    s.keys("}");
    let row = s.row_with("The old growers say");
    assert!(row.contains("3 The old growers say"), "{row}");
    match s.state.apply(Action::Copy, Stamp::fresh()) {
        Effect::Copy(text) => assert_eq!(
            text,
            "“The old growers say that patience is the only tool that never rusts.”\n\
             — On Tidal Gardens, Ada Quill, ¶3"
        ),
        other => panic!("no copy: {other:?}"),
    }
}

/// Our own two-essay fixture.
const ESSAYS: &str = include_str!("fixtures/e2e-essays.txt");

/// The payload of the last OSC 52 sequence in `raw`, decoded.
fn last_copy(raw: &[u8]) -> String {
    let start = rfind(raw, b"\x1b]52;c;").expect("an OSC 52 sequence was written");
    let body = &raw[start + b"\x1b]52;c;".len()..];
    let end = body
        .iter()
        .position(|&b| b == 0x07)
        .expect("the sequence ends with BEL");
    let bytes = STANDARD.decode(&body[..end]).expect("valid base64");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn the_binary_writes_the_quotation_as_osc_52_and_keeps_the_numbers() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("ledgers.txt"), ESSAYS).expect("write fixture");
    let config = dir.path().join("config");
    let config_str = config.to_str().expect("UTF-8 path");
    // As inside tmux: the sequence is the plain one all the same.
    let env = [
        ("XDG_CONFIG_HOME", config_str),
        ("TMUX", "/tmp/tmux-0/x,1,0"),
    ];
    let mut app = PtyTester::spawn_with_env(dir.path(), &["ledgers.txt"], &env, 120, 40);
    app.wait_for("The Orchard Ledger", TIMEOUT);
    // Date, title, byline, then the first paragraph: copy its first sentence.
    app.type_slowly("}}}");
    app.send("y");
    app.wait_for_status("copied 99 characters with its source", TIMEOUT);
    let raw = app.raw();
    assert_eq!(
        last_copy(&raw),
        "“Every autumn my grandmother kept a ledger of the orchard.”\n\
         — The Orchard Ledger, Wren Halloway, ¶1"
    );
    assert!(rfind(&raw, b"\x1bPtmux;").is_none(), "no DCS passthrough");
    // `#` shows the numbers and keeps the choice for next time.
    app.send("#");
    app.wait_for_status("paragraph numbers shown", TIMEOUT);
    app.wait_for("  1 Every autumn", TIMEOUT);
    let settings = config.join("marginalia/settings.json");
    let kept = fs::read_to_string(&settings).expect("settings written");
    assert!(kept.contains("\"paragraph_numbers\": true"), "{kept}");
    app.send("q");
    app.wait_exit(TIMEOUT);
    assert_terminal_restored(&app.raw());

    let mut again = PtyTester::spawn_with_env(dir.path(), &["ledgers.txt"], &env, 120, 40);
    again.wait_for("  1 Every autumn", Duration::from_secs(10));
    again.send("q");
    again.wait_exit(TIMEOUT);
}
