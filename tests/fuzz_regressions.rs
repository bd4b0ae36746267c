//! The fuzz targets' properties on stable Rust, in the normal test run.
//!
//! `fuzz/` is a cargo-fuzz project (see `scripts/fuzz.sh`); its checks live in
//! `fuzz/src/lib.rs`, included here by path, so this file runs exactly the same checks:
//!
//! - every input a fuzzer found to crash, as a literal regression test;
//! - proptest properties mirroring each target, on random bytes and on random inputs
//!   shaped to reach deeper (header lines, JSON files, anchors made from the text).

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code, unused_imports)]
mod checks;

use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// Crash inputs found by the fuzzers (fuzz/artifacts/<target>/crash-*), one test each.
// ---------------------------------------------------------------------------------------

/// split crash-d1831591…: a file whose only block is boilerplate after two blank lines.
/// `split` drops it as a blog footer and gives no essays (so `load_file` calls the file
/// empty); the fuzz check asserted otherwise. Kept: it must not panic.
#[test]
fn split_only_a_footer() {
    checks::split(b"\n\nAda; mav:");
    // A file that holds only footer-like text is still text: one essay, not "empty".
    let essays = marginalia::essay::split("\n\nAda; mav:", "f");
    assert_eq!(essays.len(), 1);
    assert_eq!(essays[0].text(), "Ada; mav:");
}

/// split crash-a55ef52b…: "\x01de" read with a 1-byte head. The head alone is all control
/// bytes, so the "mostly control bytes" sniff called it binary, while the whole file is
/// text. A head shorter than the sniffed start is now checked for NUL bytes only.
#[test]
fn split_a_head_shorter_than_the_sniff() {
    checks::split(b"\x01de");
}

// ---------------------------------------------------------------------------------------
// Sessions the state machine (fuzz target `session`, tests/state_machine.rs) found to fail.
// ---------------------------------------------------------------------------------------

use checks::machine::{Machine, Op};
use ratatui::crossterm::event::{MouseButton, MouseEventKind};

/// A press in an essay, the window shrunk to 1x1, then a drag: the drag clamped the
/// pointer to an empty text area (`clamp` with min > max) and panicked.
#[test]
fn session_drag_after_the_window_shrank_to_nothing() {
    Machine::new().run(&[
        Op::Mouse(MouseEventKind::Down(MouseButton::Left), 10, 10),
        Op::Resize(1, 1),
        Op::Mouse(MouseEventKind::Drag(MouseButton::Left), 126, 103),
    ]);
}

/// Another program adds an annotation; the reader highlights (the save merges it in) and
/// presses `u`: undo restores the snapshot taken before the highlight, which lacks the
/// other program's annotation, so it is dropped, marked deleted, and gone from disk.
/// (Failed while undo restored whole snapshots; undo is now made of inverse changes.)
#[test]
fn session_undo_keeps_what_another_program_added() {
    use checks::machine::Outside;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let mut m = Machine::new();
    m.run(&[
        Op::Outside(0, Outside::Add(0, 0, 0, 12)),
        Op::Key(KeyCode::Enter, KeyModifiers::NONE),
        Op::Key(KeyCode::Char('u'), KeyModifiers::NONE),
    ]);
    let src = &m.state().sources()[0];
    assert!(
        src.placed("outside-1").is_some(),
        "undo of a highlight dropped the annotation another program added"
    );
}

/// The same cause overwrites: `s Enter` highlights; another program changes its note; `} s Enter`
/// highlights another passage (the save merges the note in); `u` undoes that highlight and
/// restores the first one as it was before the merge, without the other program's note,
/// and saves that over it.
#[test]
fn session_undo_keeps_what_another_program_changed() {
    use checks::machine::Outside;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let char = |c| Op::Key(KeyCode::Char(c), KeyModifiers::NONE);
    let mut m = Machine::new();
    m.run(&[
        char('s'),
        Op::Key(KeyCode::Enter, KeyModifiers::NONE),
        Op::Outside(0, Outside::Note(0)),
    ]);
    m.run(&[
        char('}'),
        char('s'),
        Op::Key(KeyCode::Enter, KeyModifiers::NONE),
    ]);
    let first = |m: &Machine| (*m.state().sources()[0].items[0].annotation).clone();
    let merged = first(&m).note;
    assert!(merged.is_some(), "the other program's note was merged in");
    m.run(&[char('u')]);
    assert_eq!(
        first(&m).note,
        merged,
        "undo threw away the other program's note"
    );
}

/// Item 6 of the issue: `s Enter`, left, `l`, `Shift-Tab`, `x`, `Tab`, `l`, `1` saves a link
/// whose start was deleted while the link was being made (before the fix).
#[test]
fn session_deleting_the_start_of_a_link_being_made() {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let key = |code| Op::Key(code, KeyModifiers::NONE);
    let char = |c| key(KeyCode::Char(c));
    let mut m = Machine::new();
    m.run(&[
        char('s'),
        Op::Key(KeyCode::Enter, KeyModifiers::NONE),
        key(KeyCode::Left),
        char('l'),
        key(KeyCode::BackTab),
        char('x'),
        key(KeyCode::Tab),
        char('l'),
        char('1'),
    ]);
}

/// Item 6 again, by undo (found by tests/state_machine.rs): `s Enter` highlights, `l` starts a
/// link from it, `u` undoes the highlight, `l` picks the partner and `1` makes the link:
/// its start is gone. Ignored, and stepped around in the machine, as above.
#[test]
fn session_undoing_the_start_of_a_link_being_made() {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let char = |c| Op::Key(KeyCode::Char(c), KeyModifiers::NONE);
    let mut m = Machine::new();
    m.run(&[
        char('s'),
        Op::Key(KeyCode::Enter, KeyModifiers::NONE),
        char('l'),
        char('u'),
        char('l'),
        char('1'),
    ]);
}

/// Item 6 by a merge (found by tests/state_machine.rs): `s Enter` highlights, `l` starts a
/// link from it; another program removes that highlight from the file; `s Enter` in the other
/// essay saves, and the merge drops the start; `l` and `1` make the link: its start is
/// gone. Ignored, and stepped around in the machine, as above.
#[test]
fn session_another_program_removing_the_start_of_a_link_being_made() {
    use checks::machine::Outside;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let char = |c| Op::Key(KeyCode::Char(c), KeyModifiers::NONE);
    let mut m = Machine::new();
    m.run(&[
        char('s'),
        Op::Key(KeyCode::Enter, KeyModifiers::NONE),
        char('l'),
        Op::Outside(0, Outside::Remove(0)),
        char('s'),
        Op::Key(KeyCode::Enter, KeyModifiers::NONE),
        char('l'),
        char('1'),
    ]);
}

/// An undo brought back a link whose other end another program had removed (found by
/// tests/state_machine.rs as `[Script(4), Binding(37507), Outside(0, Remove(213)),
/// Script(7), Resize(11,14), Binding(43727)]` on 941fde0; here as the keys those became):
/// `l } l 1 Esc` links two new highlights A and B; another program removes B and the link
/// from the file; `Tab x` deletes A (its link goes with it, in the same undo step) and the
/// save merges the removal in; `u` put back A and then the link, which named B, gone: the
/// app showed it and saved it. Now A comes back, the link does not, and the message says so.
#[test]
fn session_undo_does_not_bring_back_a_link_whose_end_another_program_removed() {
    use checks::machine::Outside;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let key = |code| Op::Key(code, KeyModifiers::NONE);
    let char = |c| key(KeyCode::Char(c));
    let mut m = Machine::new();
    m.run(&[
        char('l'),
        char('}'),
        char('l'),
        char('1'),
        key(KeyCode::Esc),
    ]);
    let src = &m.state().sources()[0];
    assert_eq!(
        (src.items.len(), src.links.len()),
        (2, 1),
        "A, B and A -> B"
    );
    let (a, b) = (src.links[0].from.clone(), src.links[0].to.clone());
    m.run(&[
        Op::Outside(0, Outside::Remove(1)),
        key(KeyCode::Tab),
        char('x'),
        // A has a link: deleting it asks first.
        char('y'),
        Op::Resize(11, 14),
    ]);
    let src = &m.state().sources()[0];
    assert!(
        src.items.is_empty() && src.links.is_empty(),
        "A deleted, B merged away"
    );
    m.run(&[char('u')]);
    let src = &m.state().sources()[0];
    assert!(src.placed(&a).is_some(), "undo brings A back");
    assert!(src.placed(&b).is_none(), "B stays removed");
    assert!(src.links.is_empty(), "the link to B is not brought back");
    assert_eq!(
        m.state().message(),
        Some("undone; 1 link not brought back (highlight gone)")
    );
}

// ---------------------------------------------------------------------------------------
// Properties mirroring the fuzz targets.
// ---------------------------------------------------------------------------------------

/// Lines that exercise the header and essay-boundary rules of `split`.
const LINES: &[&str] = &[
    "",
    "",
    "   ",
    "\u{a0}",
    "\r",
    "Friday, May 24, 2024",
    "2024-05-24",
    "On margins",
    "Inside track of Putin-Xi talks",
    "By Ann Smith",
    "M.K. Bhadrakumar",
    "A short lead paragraph that says one thing.",
    "Reading slowly, the margin holds a note. It matters.",
    "hard-wrapped line that goes on",
    "No comments:",
    "Labels: reading",
    "\t tabbed \t",
    "bidi \u{202e}reversed\u{202c} text",
    "zero\u{200b}width and \u{2028} separators",
    "control \u{1b}[2J and \u{7f} and \u{85}",
    "\u{feff}bom",
    "café 文字 👩‍👩‍👧",
];

fn essay_source() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(LINES), 0..24),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

/// A valid annotations file, which the mutation strategy below then damages.
const VALID_FILE: &str = r#"{
  "version": 1,
  "source": "essays.txt",
  "essays": [{"id": "sample", "title": "On margins", "fingerprint": "sha256:00", "x": [1.5e300, null]}],
  "annotations": [
    {
      "id": "a1",
      "essay": "sample",
      "anchor": {"quote": "margin", "prefix": "slowly, the ", "suffix": " holds", "start": 27, "end": 33, "fingerprint": "sha256:00"},
      "colour": "yellow",
      "note": "a\nnote",
      "tags": ["t"],
      "created": "2024-05-24T10:00:00Z",
      "modified": "2024-05-24T10:00:00+02:00",
      "later": {"nested": true}
    }
  ],
  "links": [{"from": "a1", "to": "a1", "relation": "supports", "created": "2024-05-24T10:00:00Z"}],
  "future": "kept"
}"#;

/// `VALID_FILE` with a few byte ranges replaced by random bytes or JSON-ish tokens.
fn damaged_file() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..4),
        prop::sample::select(vec![
            "",
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "null",
            "-1",
            "1e999",
            "18446744073709551616",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "\"é\"",
            "\u{feff}",
            "true",
            "\"teal\"",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ];
    prop::collection::vec((any::<prop::sample::Index>(), 0usize..8, token), 0..4).prop_map(
        |edits| {
            let mut bytes = VALID_FILE.as_bytes().to_vec();
            for (at, len, with) in edits {
                let start = at.index(bytes.len() + 1);
                let end = (start + len).min(bytes.len());
                bytes.splice(start..end, with);
            }
            bytes
        },
    )
}

const WORDS: &[&str] = &[
    "reading", "slowly", "the", "margin", "holds", "a", "note", "of", "café", "文字", ",", ".",
    "\n", "\t",
];

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..max).prop_map(|w| w.join(" "))
}

/// An input for the `anchor` target: essay now, essay then, and anchor specs.
fn anchor_input() -> impl Strategy<Value = Vec<u8>> {
    let spec = (
        0u8..16,
        any::<u16>(),
        0u16..200,
        words(6),
        words(4),
        words(4),
        prop::sample::select(vec!["", "sha256:00"]),
    );
    (words(60), words(60), prop::collection::vec(spec, 0..6)).prop_map(|(now, then, specs)| {
        let mut out = now.into_bytes();
        out.push(0xff);
        out.extend(then.bytes());
        for (mode, start, end, quote, prefix, suffix, fingerprint) in specs {
            out.push(0xff);
            out.push(mode);
            out.extend(start.to_le_bytes());
            out.extend(end.to_le_bytes());
            for (i, field) in [quote.as_str(), &prefix, &suffix, fingerprint]
                .iter()
                .enumerate()
            {
                if i > 0 {
                    out.push(0xfe);
                }
                out.extend(field.bytes());
            }
        }
        out
    })
}

/// Text for `wrap`: spaces, tabs, breaking dashes, wide and combining characters.
fn wrap_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a",
            "word",
            "longerwordthanthewidth",
            " ",
            "  ",
            "\t",
            "-",
            "—",
            "/",
            "文",
            "👩‍👩‍👧",
            "e\u{301}",
            "\u{200b}",
            "\u{ad}",
        ]),
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn split_random_bytes(data in prop::collection::vec(any::<u8>(), 0..512)) {
        checks::split(&data);
    }

    #[test]
    fn split_essay_like_text(text in essay_source(), bom in any::<bool>()) {
        let mut data = if bom { "\u{feff}".as_bytes().to_vec() } else { Vec::new() };
        data.extend(text.bytes());
        checks::split(&data);
    }

    #[test]
    fn annotations_file_random_bytes(data in prop::collection::vec(any::<u8>(), 0..256)) {
        checks::annotations_file(&data);
    }

    #[test]
    fn annotations_file_damaged(data in damaged_file()) {
        checks::annotations_file(&data);
    }

    #[test]
    fn anchor_random_bytes(data in prop::collection::vec(any::<u8>(), 0..512)) {
        checks::anchor(&data);
    }

    #[test]
    fn anchor_structured(data in anchor_input()) {
        checks::anchor(&data);
    }

    #[test]
    fn wrap_random_bytes(data in prop::collection::vec(any::<u8>(), 0..256)) {
        checks::wrap(&data);
    }

    #[test]
    fn wrap_text_at_width(text in wrap_text(), width in 0usize..30) {
        checks::check_wrap(&text, width);
    }
}

#[test]
fn valid_file_loads() {
    // The mutation strategy starts from a file that loads, so its mutants are near misses.
    checks::annotations_file(VALID_FILE.as_bytes());
}
