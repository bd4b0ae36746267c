//! Hostile input end to end: escape sequences, control characters, bidi and zero-width
//! characters in an essay file, in a pasted note and in a file name never reach the terminal
//! raw. Every byte the real binary writes to its pty is parsed and checked against what a
//! plain run of a harmless file writes; the screen shows a visible placeholder instead.
//!
//! Also text in every script (wide, combining, right-to-left, emoji sequences, tabs, a very
//! long line) stays inside its pane while scrolling, and leaves nothing stale behind.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{PtyTester, TIMEOUT, assert_terminal_restored};
use tempfile::TempDir;

const COLS: u16 = 100;
const ROWS: u16 = 30;
/// The width of the hostile-file-name run.
const WIDE: u16 = 220;
/// The height of the hostile-essay run.
const TALL: u16 = 60;

/// A harmless essay: the reference run whose terminal output sets the allowlist.
const PLAIN: &str = "A Plain Essay\n\nAda Quill\n\n\
    Nothing in this essay is anything but words. It is here so the test can see what the \
    terminal is sent when the text is harmless.\n\n\
    A second paragraph, to have something to scroll past.\n";

/// One paragraph per hostile thing, each with a word the screen can be searched for, and the
/// placeholder text that must be on screen instead.
const HOSTILE: &[(&str, &str, &str)] = &[
    ("Red", "colour \x1b[31m here", "␛[31m"),
    ("Clear", "wipe \x1b[2J screen", "␛[2J"),
    ("Leave", "leave \x1b[?1049l alt", "␛[?1049l"),
    ("Title", "title \x1b]0;pwned\x07 set", "␛]0;pwned␇"),
    (
        "Clip",
        "clip \x1b]52;c;ZXZpbA==\x07 board",
        "␛]52;c;ZXZpbA==␇",
    ),
    (
        "Link",
        "link \x1b]8;;http://x\x1b\\text\x1b]8;;\x1b\\ end",
        "␛]8;;http://x␛\\text␛]8;;␛\\",
    ),
    ("Dcs", "dcs \x1bPq#0;1;2\x1b\\ end", "␛Pq#0;1;2␛\\"),
    ("Apc", "apc \x1b_Gf=100;AAAA\x1b\\ end", "␛_Gf=100;AAAA␛\\"),
    (
        "Pm",
        "pm \x1b^private\x1b\\ sos \x1bXstart\x1b\\ end",
        "␛^private␛\\",
    ),
    (
        "Cone",
        "c1 \u{80}\u{85}\u{8d}\u{90}\u{9b}31m\u{9c}\u{9d}0;x\u{9f} end",
        "�����31m��0;x�",
    ),
    ("Bell", "bell \x07\x07 ring", "␇␇"),
    ("Back", "back xx\x08\x08 space", "xx␈␈"),
    ("Return", "bare\rreturn", "bare␍return"),
    ("Del", "delete \x7f here", "␡"),
    (
        "Bidi",
        "bidi \u{202e}desrever\u{202c} \u{2066}iso\u{2069} \u{2067}rtl\u{2069} \u{2068}fsi\u{2069} \u{200f}mark",
        "¦desrever¦ ¦iso¦ ¦rtl¦ ¦fsi¦ ¦mark",
    ),
    (
        "Zero",
        "zero wi\u{200b}dth jo\u{2060}in b\u{feff}om",
        "wi·dth jo·in b·om",
    ),
    (
        "Joiner",
        "joiner a\u{200d}b t\u{e0041}g s\u{ad}h",
        "a·b t·g s-h",
    ),
];

/// A pasted note with every kind of hostile content, and what the notes pane must show.
const PASTED: &str = "pasted \x1b[31mred\x1b]0;pwned\x07 \u{9b}2J \u{202e}rev \u{200b}zw";
const PASTED_SHOWN: &str = "pasted ␛[31mred␛]0;pwned␇ �2J ¦rev ·zw";

/// The hostile essay file's text.
fn hostile_essay() -> String {
    let mut text = String::from("A Hostile Essay\n\nMallory\n\n");
    for (word, body, _) in HOSTILE {
        text.push_str(&format!("{word} {body}.\n\n"));
    }
    text
}

/// What a byte log is made of.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Token {
    /// `ESC [` private-marker? params intermediates final.
    Csi {
        private: Option<char>,
        params: String,
        intermediates: String,
        fin: char,
    },
    /// Any other escape sequence; `kind` is the character after ESC.
    Esc { kind: char, text: String },
    /// A C0 control other than ESC, or DEL.
    Control(char),
    /// A printable character.
    Text(char),
}

/// Splits the byte log into tokens. The log must be valid UTF-8: a lone byte 0x80–0x9F
/// would be an 8-bit C1 control.
fn tokens(raw: &[u8]) -> Vec<Token> {
    let text = std::str::from_utf8(raw).unwrap_or_else(|e| {
        let at = e.valid_up_to();
        panic!(
            "the terminal was sent bytes that are not UTF-8 at {at}: {:?}",
            &raw[at..(at + 8).min(raw.len())]
        )
    });
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => match chars.next() {
                Some('[') => {
                    let private = chars.next_if(|c| matches!(c, '<'..='?'));
                    let mut params = String::new();
                    while let Some(p) = chars.next_if(|c| matches!(c, '0'..=';')) {
                        params.push(p);
                    }
                    let mut intermediates = String::new();
                    while let Some(i) = chars.next_if(|c| matches!(c, ' '..='/')) {
                        intermediates.push(i);
                    }
                    let fin = chars.next().unwrap_or('\0');
                    out.push(Token::Csi {
                        private,
                        params,
                        intermediates,
                        fin,
                    });
                }
                Some(kind) => {
                    // Keep what follows up to the next ESC/BEL for the message.
                    let mut text = String::new();
                    while let Some(t) = chars.next_if(|c| *c != '\x1b' && *c != '\x07') {
                        text.push(t);
                        if text.len() > 40 {
                            break;
                        }
                    }
                    out.push(Token::Esc { kind, text });
                }
                None => out.push(Token::Control('\x1b')),
            },
            '\0'..='\x1f' | '\x7f' => out.push(Token::Control(c)),
            c => out.push(Token::Text(c)),
        }
    }
    out
}

/// Characters that must never be written as text: C1 controls, bidi controls, and the
/// zero-width and other format characters the sanitiser replaces (ZWJ and tags included).
fn forbidden_text(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9f}' | '\u{ad}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}'
        | '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
}

/// What a plain run of a harmless file sent: the allowlist for the hostile runs.
struct Allowed {
    /// DEC private modes (`ESC [ ? n h/l`) and any other private CSI, exactly as seen.
    private: BTreeSet<Token>,
    /// Controls seen (none is expected, but crossterm may write CR LF on the way out).
    controls: BTreeSet<char>,
}

/// Runs the harmless essay, quits, and collects what it sent.
fn plain_run() -> Allowed {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join("plain.txt"), PLAIN).unwrap();
    let mut app = PtyTester::spawn(dir.path(), &["plain.txt"], COLS, ROWS);
    app.wait_for("A Plain Essay", TIMEOUT);
    app.send(" ");
    app.wait_for_status("saved", TIMEOUT);
    app.send("q");
    app.wait_exit(TIMEOUT);
    let mut allowed = Allowed {
        private: BTreeSet::new(),
        controls: BTreeSet::new(),
    };
    for token in tokens(&app.raw()) {
        match token {
            Token::Csi {
                private: Some(_), ..
            } => {
                allowed.private.insert(token);
            }
            Token::Control(c) => {
                allowed.controls.insert(c);
            }
            _ => {}
        }
    }
    assert!(
        allowed.private.iter().any(|t| matches!(
            t,
            Token::Csi { params, fin: 'h', .. } if params == "1049"
        )),
        "the plain run never entered the alternate screen: {:?}",
        allowed.private
    );
    allowed
}

/// Asserts every token of `raw` is allowed: cursor moves, erases, SGR, the private modes of
/// the plain run, its controls, and text without C1, bidi or zero-width characters.
fn assert_only_allowed(raw: &[u8], allowed: &Allowed) {
    let mut bad = Vec::new();
    for token in tokens(raw) {
        let ok = match &token {
            Token::Csi {
                private: None,
                intermediates,
                fin,
                ..
            } => intermediates.is_empty() && "HfABCDGdJKm".contains(*fin),
            Token::Csi { .. } => allowed.private.contains(&token),
            Token::Esc { .. } => false,
            Token::Control(c) => allowed.controls.contains(c),
            Token::Text(c) => !forbidden_text(*c),
        };
        if !ok && !bad.contains(&token) {
            bad.push(token);
        }
    }
    assert!(
        bad.is_empty(),
        "the terminal was sent what it must not be: {bad:?}"
    );
    // The same, said plainly, for the sequences the brief names.
    for (needle, what) in [
        (&b"\x1b]"[..], "OSC"),
        (b"\x1bP", "DCS"),
        (b"\x1b_", "APC"),
        (b"\x1b^", "PM"),
        (b"\x1bX", "SOS"),
        (b"\x07", "BEL"),
        (b"\x08", "backspace"),
    ] {
        assert!(
            common::rfind(raw, needle).is_none(),
            "{what} ({needle:?}) reached the terminal"
        );
    }
}

/// What a terminal would have done besides drawing: titles, clipboard, bells, unknown
/// sequences. Replaying the byte log through vt100 with these callbacks catches them.
#[derive(Default, Debug)]
struct Sideways {
    titles: Vec<Vec<u8>>,
    clipboard: Vec<Vec<u8>>,
    bells: usize,
    unhandled: Vec<String>,
}

impl vt100::Callbacks for Sideways {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.clipboard.push(ty.to_vec());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.unhandled.push(format!("OSC {params:?}"));
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, i1: Option<u8>, i2: Option<u8>, b: u8) {
        self.unhandled.push(format!("ESC {i1:?} {i2:?} {b}"));
    }
}

/// Replays `raw` into a fresh terminal and asserts nothing happened besides drawing.
fn assert_no_side_effects(raw: &[u8]) {
    let mut parser = vt100::Parser::new_with_callbacks(TALL, COLS, 0, Sideways::default());
    parser.process(raw);
    let seen = parser.callbacks();
    assert!(
        seen.titles.is_empty(),
        "the window title was set: {:?}",
        seen.titles
            .iter()
            .map(|t| String::from_utf8_lossy(t).into_owned())
            .collect::<Vec<_>>()
    );
    assert!(
        seen.clipboard.is_empty(),
        "the clipboard was used: {:?}",
        seen.clipboard
    );
    assert_eq!(seen.bells, 0, "the terminal bell rang");
    assert!(
        seen.unhandled.is_empty(),
        "unexpected sequences: {:?}",
        seen.unhandled
    );
}

/// The printable text of a byte log, escape sequences and controls left out.
fn log_text(raw: &[u8]) -> String {
    tokens(raw)
        .into_iter()
        .filter_map(|t| match t {
            Token::Text(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Waits until `shown` is on screen. Placeholders are short and between spaces, so the
/// wrapper keeps each on one line.
///
/// vt100 draws nothing for U+FFFD, so text with `�` is looked for in the byte log instead,
/// where the app writes it as one run of characters (spaces are skipped with cursor moves).
fn assert_on_screen(app: &PtyTester, shown: &str) {
    if shown.contains('\u{fffd}') {
        app.wait_until(TIMEOUT, &format!("{shown:?} written"), |_| {
            log_text(&app.raw()).contains(shown)
        });
    } else {
        app.wait_until(TIMEOUT, &format!("{shown:?} on screen"), |s| {
            s.contains(shown)
        });
    }
}

#[test]
fn a_hostile_essay_and_a_pasted_note_reach_the_screen_only_as_placeholders() {
    let allowed = plain_run();
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join("hostile.txt"), hostile_essay()).unwrap();
    // Tall enough to show every paragraph at once.
    let mut app = PtyTester::spawn(dir.path(), &["hostile.txt"], COLS, TALL);
    app.wait_for("A Hostile Essay", TIMEOUT);

    for (word, _, shown) in HOSTILE {
        assert_on_screen(&app, &format!("{word} "));
        assert_on_screen(&app, shown);
    }
    let screen = app.screen();
    assert!(!screen.contains("pwned\n"), "{screen}");

    // A note on the first sentence, pasted and typed with hostile content.
    app.send("a");
    app.wait_for("keep the note", TIMEOUT);
    app.paste(PASTED);
    app.wait_for("pasted ", TIMEOUT);
    // Typed, not pasted: a C1 CSI, a bidi override and a zero-width space as keys.
    app.type_slowly(" typed\u{9b}\u{202e}\u{200b}!");
    app.wait_for("typed", TIMEOUT);
    app.send("\x1b");
    app.wait_until(TIMEOUT, "the editor to close", |s| {
        !s.contains("keep the note")
    });
    app.wait_for("Notes (1)", TIMEOUT);
    app.wait_for_status("saved", TIMEOUT);
    // The notes pane is narrow and wraps: look for pieces of the pasted note.
    for piece in ["␛[31mred␛]0;", "pwned␇", "�2J", "¦rev", "·zw", "typed�¦·!"] {
        assert_on_screen(&app, piece);
    }

    app.send("q");
    app.wait_exit(TIMEOUT);
    let raw = app.raw();
    assert_terminal_restored(&raw);
    assert_only_allowed(&raw, &allowed);
    assert_no_side_effects(&raw);

    // The note is stored as shown: placeholders, not controls.
    let file = fs::read_to_string(dir.path().join("annotations/hostile.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&file).unwrap();
    let note = json["annotations"][0]["note"].as_str().expect("a note");
    assert_eq!(note, format!("{PASTED_SHOWN} typed�¦·!"));
}

/// A file name that is itself an escape sequence (and a bidi override).
const EVIL_STEM: &str = "evil\x1b[31m\u{202e}\x1b]0;pwned\x07";

#[test]
fn a_hostile_file_name_is_shown_harmlessly_in_the_status_line_and_errors() {
    let allowed = plain_run();
    let dir = TempDir::new().expect("temp dir");
    let name = format!("{EVIL_STEM}.txt");
    fs::write(dir.path().join(&name), PLAIN).unwrap();
    // Wide enough for the whole save error (with its absolute path) in the status line.
    let mut app = PtyTester::spawn(dir.path(), &[&name], WIDE, ROWS);
    app.wait_for("A Plain Essay", TIMEOUT);
    app.wait_for_status("saved", TIMEOUT);
    let status = app.status_line();
    assert!(status.contains("evil"), "{status:?}");

    // A save that fails: its message names the file, harmlessly too.
    let annotations = dir.path().join("annotations");
    let aside = dir.path().join("annotations.aside");
    fs::rename(&annotations, &aside).unwrap();
    fs::write(&annotations, b"not a folder").unwrap();
    app.send("\r");
    app.wait_for_status("NOT SAVED", TIMEOUT);
    app.wait_for_status("not saved", TIMEOUT);
    let status = app.status_line();
    assert!(status.contains("evil"), "{status:?}");
    fs::remove_file(&annotations).unwrap();
    fs::rename(&aside, &annotations).unwrap();
    // The export names its file in the status line too.
    app.send("E");
    app.wait_for_status("exported to", TIMEOUT);
    let status = app.status_line();
    assert!(status.contains("evil"), "{status:?}");

    // The failed save is still not on disk: quitting asks, and a retry saves and quits.
    app.send("q");
    app.wait_for("Quit? Not everything is saved", TIMEOUT);
    app.send("r");
    app.wait_exit(TIMEOUT);
    let raw = app.raw();
    assert_terminal_restored(&raw);
    assert_only_allowed(&raw, &allowed);
    assert_no_side_effects(&raw);

    // A missing file with such a name: the error names it, without an ESC or a bidi control.
    let missing = format!("missing-{EVIL_STEM}.txt");
    let out = Command::new(common::binary())
        .arg(&missing)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run marginalia");
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(stderr.contains("missing-evil"), "{stderr:?}");
    assert!(
        !stderr.contains(|c: char| (c.is_control() && c != '\n') || forbidden_text(c)),
        "stderr carries controls: {stderr:?}"
    );
}

/// Text in every script, and a 5,000-character line without a space.
fn every_script(title: &str) -> String {
    let long: String = "abcdefghij".repeat(500);
    let paragraphs = [
        "CJK: 漢字とかなの混じった文章は、全角の幅で表示される。中文也是一样的，每个字占两列。한국어 문장도 마찬가지입니다.",
        "Emoji: a family 👨‍👩‍👧‍👦, a rainbow flag 🏳️‍🌈, a heart ❤️ with its variation selector, a thumbs up 👍🏽 with a skin tone, and flags 🇫🇷🇯🇵.",
        // Stacks of several combining marks on one letter are left out: vt100, the test's
        // terminal, sometimes loses the letter under them when a read ends inside the stack.
        "Combining: e\u{301}te\u{301}, n\u{303}o, a\u{30a}, o\u{308}\u{301}, and Vietnamese Tiếng Việt có dấu.",
        "Right to left: العربية تكتب من اليمين إلى اليسار، و עברית גם כן נכתבת מימין לשמאל.",
        "Tabs:\tone\ttwo\t\tthree\tand\ta\ttab\tat\tthe\tend\t",
        "Mixed: Ελληνικά, Русский, ไทย, हिन्दी, ქართული, and Amharic አማርኛ.",
        &long,
        "After the long line, a last paragraph so the end of the essay is ordinary text.",
    ];
    let mut text = format!("{title}\n\nPolyglot\n\n");
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    text
}

/// Border characters of a pane's right edge, top to bottom.
const TOP_RIGHT: &[&str] = &["┓", "╮", "┐", "╗"];
const RIGHT: &[&str] = &["┃", "│", "║"];
const BOTTOM_RIGHT: &[&str] = &["┛", "╯", "┘", "╝"];

/// Every pane's top-right corner on screen, as (row, column).
fn right_corners(app: &PtyTester) -> Vec<(u16, u16)> {
    let (rows, cols) = app.size();
    (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (r, c)))
        .filter(|&(r, c)| TOP_RIGHT.contains(&app.cell(r, c).0.as_str()))
        .collect()
}

/// Asserts nothing overflows: no row wrapped past the screen's edge, and each pane's right
/// border is whole from its top corner down to its bottom corner.
fn assert_panes_whole(app: &PtyTester, corners: &[(u16, u16)], step: &str) {
    let (rows, _) = app.size();
    for row in 0..rows {
        let (_, wrapped) = app.cell(row, 0);
        assert!(
            !wrapped,
            "{step}: row {row} ran past the screen's edge\n{}",
            app.screen()
        );
    }
    for &(top, col) in corners {
        let (corner, _) = app.cell(top, col);
        assert!(
            TOP_RIGHT.contains(&corner.as_str()),
            "{step}: the corner at row {top}, column {col} is {corner:?}\n{}",
            app.screen()
        );
        let mut row = top + 1;
        loop {
            let (cell, _) = app.cell(row, col);
            if BOTTOM_RIGHT.contains(&cell.as_str()) {
                break;
            }
            assert!(
                RIGHT.contains(&cell.as_str()),
                "{step}: row {row}, column {col} should be a pane's right border, is {cell:?}\n{}",
                app.screen()
            );
            row += 1;
            assert!(
                row < rows,
                "{step}: no bottom corner in column {col}\n{}",
                app.screen()
            );
        }
    }
}

/// Presses `key` and waits until the screen changed, or returns false if it did not within
/// a short while (the end of the essay: nothing left to scroll).
fn press_and_wait_change(app: &PtyTester, key: &str) -> bool {
    let before = app.screen();
    app.send(key);
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        if app.screen() != before {
            // Let the rest of the frame arrive: the status line is drawn last.
            settle(app);
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Waits until the screen has not changed for a moment.
fn settle(app: &PtyTester) {
    let mut last = app.screen();
    let deadline = Instant::now() + TIMEOUT;
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let now = app.screen();
        if now == last || Instant::now() > deadline {
            return;
        }
        last = now;
    }
}

/// Waits until the app has drawn for a screen `cols` wide: a pane's top-right corner in the
/// last column of the first row.
fn wait_for_width(app: &PtyTester, cols: u16) {
    app.wait_until(TIMEOUT, &format!("a frame {cols} columns wide"), |_| {
        TOP_RIGHT.contains(&app.cell(0, cols - 1).0.as_str())
    });
    settle(app);
}

/// After a full repaint (a resize away and back), the screen must be what the incremental
/// updates left: otherwise stale text was left behind.
fn assert_no_stale_text(app: &PtyTester, step: &str) {
    let before = app.screen();
    app.resize(COLS - 1, ROWS);
    wait_for_width(app, COLS - 1);
    app.resize(COLS, ROWS);
    wait_for_width(app, COLS);
    let deadline = Instant::now() + TIMEOUT;
    while app.screen() != before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        app.screen(),
        before,
        "{step}: a full repaint differs from the screen as updated"
    );
}

#[test]
fn every_script_stays_inside_its_pane_while_scrolling() {
    let dir = TempDir::new().expect("temp dir");
    // Two essays, so two panes stand side by side and the left one's border is mid-screen.
    fs::write(dir.path().join("scripts.txt"), every_script("Every Script")).unwrap();
    fs::write(dir.path().join("second.txt"), every_script("Second Script")).unwrap();
    let app = PtyTester::spawn(dir.path(), &["scripts.txt", "second.txt"], COLS, ROWS);
    app.wait_for("Every Script", TIMEOUT);
    app.wait_for_status("saved", TIMEOUT);
    settle(&app);
    let first = app.screen();
    let borders = right_corners(&app);
    assert!(
        borders.len() >= 3 && borders.iter().any(|&(_, c)| c < COLS / 2 + 2),
        "expected two essay panes and the notes pane, corners at {borders:?}\n{first}"
    );
    assert_panes_whole(&app, &borders, "first screen");
    assert_no_stale_text(&app, "first screen");

    let mut pages = 0;
    for key in [" ", "\x1b[6~"].iter().cycle() {
        if !press_and_wait_change(&app, key) {
            break;
        }
        pages += 1;
        let step = format!("page {pages} ({key:?})");
        assert_panes_whole(&app, &borders, &step);
        assert!(pages < 200, "never reached the end");
    }
    assert!(pages >= 3, "the essay should take several pages: {pages}");
    assert!(
        app.screen().contains("ordinary text."),
        "the end is not on screen\n{}",
        app.screen()
    );
    assert_no_stale_text(&app, "the end");

    app.send("g");
    app.wait_until(TIMEOUT, "the first screen again", |s| s == first);
    assert_panes_whole(&app, &borders, "after g");
}

/// The checks above are only worth something if they fail on what they look for: each
/// hostile sequence, written raw into an otherwise plain log, is caught.
#[test]
fn the_byte_log_checks_catch_raw_sequences() {
    let allowed = plain_run();
    eprintln!("private modes of a plain run: {:?}", allowed.private);
    eprintln!("controls of a plain run: {:?}", allowed.controls);
    let plain = "\x1b[1;1H\x1b[0mHello\x1b[2;1H\x1b[38;5;6mworld".to_string();
    assert_only_allowed(plain.as_bytes(), &allowed);
    for (word, body, _) in HOSTILE {
        // Colour, erase and leaving the alternate screen are shapes the app itself sends;
        // from a file they are caught by their placeholders being on screen instead.
        if ["Red", "Clear", "Leave"].contains(word) {
            continue;
        }
        let raw = format!("{plain}{body}");
        let caught = std::panic::catch_unwind(|| {
            assert_only_allowed(raw.as_bytes(), &allowed);
            assert_no_side_effects(raw.as_bytes());
        });
        assert!(caught.is_err(), "{body:?} was not caught");
    }
    // An 8-bit C1 CSI as a raw byte is not UTF-8 and is caught too.
    let mut raw = plain.into_bytes();
    raw.extend_from_slice(b"\x9b2J");
    assert!(std::panic::catch_unwind(|| assert_only_allowed(&raw, &allowed)).is_err());
}

/// A paragraph with joiners between letters and in emoji sequences, ending in a word to find.
const JOINED: &str =
    "Joined a\u{200d}b c\u{200d}\u{200d}d 👩\u{200d}👧 👨\u{200d}👩\u{200d}👦 end Zed.";
/// How it must be drawn: every joiner a one-cell `·`.
const JOINED_SHOWN: &str = "Joined a·b c··d 👩·👧 👨·👩·👦 end Zed.";

#[test]
fn a_zero_width_joiner_never_reaches_the_terminal_and_the_row_stays_in_place() {
    let dir = TempDir::new().expect("temp dir");
    let text = format!("Joiners\n\nAda Quill\n\n{JOINED}\n\nA last paragraph.\n");
    fs::write(dir.path().join("joined.txt"), text).unwrap();
    let mut app = PtyTester::spawn(dir.path(), &["joined.txt"], COLS, ROWS);
    app.wait_for("Zed.", TIMEOUT);
    app.wait_for_status("saved", TIMEOUT);
    settle(&app);

    // The row: each character in the cell the layout gave it, `Zed.` right after `end `.
    let (rows, cols) = app.size();
    let row = (0..rows)
        .find(|&r| app.row(r).contains("Joined a"))
        .expect("the joined paragraph on screen");
    let start = (0..cols)
        .find(|&c| app.cell(row, c).0 == "J")
        .expect("its first letter");
    let mut col = start;
    for expected in JOINED_SHOWN.chars() {
        let (cell, _) = app.cell(row, col);
        assert!(
            cell.starts_with(expected),
            "column {col}: expected {expected:?}, found {cell:?}\n{}",
            app.screen()
        );
        let wide = unicode_width::UnicodeWidthChar::width(expected).unwrap_or(1);
        col += u16::try_from(wide).unwrap();
    }
    assert_panes_whole(&app, &right_corners(&app), "joined paragraph");

    app.send("q");
    app.wait_exit(TIMEOUT);
    let raw = app.raw();
    assert!(
        common::rfind(&raw, "\u{200d}".as_bytes()).is_none(),
        "a ZWJ reached the terminal"
    );
    assert!(log_text(&raw).chars().all(|c| !forbidden_text(c)));
}

/// The notes, tags and quotes a hostile annotations file may hold.
const EVIL_NOTE: &str = "clip \x1b]52;c;ZXZpbA==\x07 csi \x1b[2J dcs \x1bPq\x1b\\ c1 \u{9b}31m \u{85} rev \u{202e}txt zwj a\u{200d}b\nsecond line";
const EVIL_TAG: &str = "t\x1b]8;;http://x\x1b\\ag\u{202e}";
const EVIL_QUOTE: &str = "gone \x1b[31mred\u{9d}0;title\u{9c} \u{2066}iso";

/// An essay and an annotations file holding [`EVIL_NOTE`], [`EVIL_TAG`] and [`EVIL_QUOTE`]
/// (an orphan's quote), and a link whose note is hostile too. Returns the essay's path.
fn hostile_annotations(dir: &std::path::Path) -> std::path::PathBuf {
    use marginalia::anchor::anchor_for;
    use marginalia::annotation::{Annotation, Colour, Link, Relation};
    use marginalia::range::TextRange;
    use marginalia::store::{self, AnnotationFile};
    let path = dir.join("plain.txt");
    fs::write(&path, PLAIN).unwrap();
    let essays = marginalia::essay::load_file(&path).unwrap();
    let e = &essays[0];
    let at = |word: &str| {
        let start = e.text().find(word).unwrap();
        anchor_for(e, TextRange::new(start, start + word.len()).unwrap())
    };
    let mut gone = at("second");
    gone.quote = EVIL_QUOTE.into();
    gone.fingerprint = "old".into();
    let now = store::now();
    let mut file = AnnotationFile::new("plain.txt".into());
    for (id, anchor) in [
        ("a-0000000000000001", at("Nothing")),
        ("a-0000000000000002", at("harmless")),
        ("a-0000000000000003", gone),
    ] {
        file.annotations.push(Annotation {
            id: id.into(),
            essay: e.id.clone(),
            anchor,
            colour: Colour::Pink,
            note: Some(EVIL_NOTE.into()),
            tags: vec![EVIL_TAG.into()],
            created: now,
            modified: now,
            extra: Default::default(),
        });
    }
    file.links.push(Link {
        id: "l-0000000000000001".into(),
        from: "a-0000000000000001".into(),
        to: "a-0000000000000002".into(),
        relation: Relation::Supports,
        note: Some(EVIL_NOTE.into()),
        other: None,
        created: now,
        modified: now,
        extra: Default::default(),
    });
    store::save(&store::default_path(dir, &path), &file).unwrap();
    path
}

/// Asserts `text` has no ESC, no other control but a newline, no C1, bidi or format char.
fn assert_harmless(text: &str, what: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || forbidden_text(c))
        .collect();
    assert!(bad.is_empty(), "{what} carries {bad:?}:\n{text}");
}

#[test]
fn a_hostile_annotations_file_exports_harmlessly() {
    let dir = TempDir::new().expect("temp dir");
    let essay = hostile_annotations(dir.path());
    let run = |args: &[&str]| {
        let out = Command::new(common::binary())
            .current_dir(dir.path())
            .arg("export")
            .arg(&essay)
            .args(args)
            .output()
            .expect("run marginalia export");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };

    let md = run(&[]);
    assert_harmless(&md, "the Markdown on stdout");
    for shown in [
        "clip ␛]52;c;ZXZpbA==␇ csi ␛[2J dcs ␛Pq␛\\ c1 �31m � rev ¦txt zwj a·b\nsecond line",
        "#t␛]8;;http://x␛\\ag¦",
        "> gone ␛[31mred�0;title� ¦iso",
    ] {
        assert!(md.contains(shown), "{shown:?} not in\n{md}");
    }
    assert!(md.contains("## Links between the essays"), "{md}");
    run(&["-o", "out.md"]);
    let file = fs::read_to_string(dir.path().join("out.md")).unwrap();
    assert_harmless(&file, "the .md");
    assert_eq!(file, md, "the file and stdout agree");

    // W3C: escaped on the wire, the user's text exactly when parsed.
    let json = run(&["--format", "w3c"]);
    assert_harmless(&json, "the W3C export on stdout");
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let items = value["first"]["items"].as_array().expect("items");
    let bodies: Vec<&str> = items
        .iter()
        .flat_map(|i| i["body"].as_array().into_iter().flatten())
        .filter_map(|b| b["value"].as_str())
        .collect();
    assert!(
        bodies.contains(&EVIL_NOTE),
        "the note round-trips: {bodies:?}"
    );
    let tag = EVIL_TAG.trim_start_matches('#');
    assert!(bodies.contains(&tag), "the tag round-trips: {bodies:?}");
}
