//! The checks behind each fuzz target, shared with `tests/fuzz_regressions.rs`.
//!
//! Every check takes raw bytes, runs one part of marginalia on them and panics (with a
//! message saying which invariant broke) if the result is wrong. The fuzz targets in
//! `fuzz_targets/` only forward libFuzzer's input here; the integration test includes this
//! file by path (it uses only `marginalia`, `serde_json`, `tempfile`, `unicode-segmentation` and std), feeds it the
//! crash inputs found so far and proptest's random inputs, so CI keeps exercising the same
//! properties on stable Rust without libFuzzer.

pub mod machine;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use marginalia::anchor::{Placement, anchor_for, resolve_all};
use marginalia::annotation::Anchor;
use marginalia::essay::{self, BlockKind, Essay};
use marginalia::layout::{self, Row};
use marginalia::range::TextRange;
use marginalia::store;
use unicode_segmentation::UnicodeSegmentation;

/// Bytes that separate the parts of a structured input. Neither ever occurs in UTF-8, so
/// the text between them can be any valid string.
const PART: u8 = 0xff;
const FIELD: u8 = 0xfe;

/// Whether `c` may appear in a block's text: anything that `essay::visible` leaves alone
/// except line breaks (tab is the one control character allowed).
fn drawable(c: char) -> bool {
    c != '\n' && essay::visible(c) == c
}

/// Checks everything a split essay promises about its blocks and canonical text.
pub fn check_essay(e: &Essay) {
    let mut expected_start = 0;
    for (i, b) in e.blocks.iter().enumerate() {
        if i > 0 {
            expected_start += if b.joined { 1 } else { 2 };
        }
        assert_eq!(
            b.start, expected_start,
            "block {i} starts at the wrong offset"
        );
        assert_eq!(
            b.len,
            b.text.chars().count(),
            "block {i}: len is not its char count"
        );
        assert!(!b.text.is_empty(), "block {i} is empty");
        // A line of code keeps its indentation.
        let trimmed = if b.kind == BlockKind::Code {
            b.text.trim_end()
        } else {
            b.text.trim()
        };
        assert_eq!(trimmed, b.text, "block {i} is not trimmed");
        if let Some(c) = b.text.chars().find(|&c| !drawable(c)) {
            panic!("block {i} holds an undrawable char {c:?}");
        }
        assert_eq!(e.block_at(b.start), i, "block_at(start of block {i})");
        assert_eq!(
            e.block_at(b.end().saturating_sub(1)),
            i,
            "block_at(end of block {i})"
        );
        expected_start += b.len;
    }
    assert_eq!(
        e.len, expected_start,
        "len is not the end of the last block"
    );
    let text = e.text();
    assert_eq!(text.chars().count(), e.len, "text() is not len chars long");
    assert_eq!(e.slice(0, e.len), text, "slice(0, len) is not text()");
    assert_eq!(e.char_at(e.len), None, "char_at(len)");
    if let Some(last) = text.chars().last() {
        assert_eq!(e.char_at(e.len - 1), Some(last), "char_at(len - 1)");
    }
    assert!(
        e.id.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "id {:?} is not a slug",
        e.id
    );
    let rebuilt = Essay::from_parts(
        e.id.clone(),
        None,
        e.blocks
            .iter()
            .map(|b| essay::Part {
                kind: b.kind,
                depth: b.depth,
                joined: b.joined,
                text: b.text.clone(),
                spans: b.spans.clone(),
            })
            .collect(),
    );
    assert_eq!(rebuilt.blocks, e.blocks, "from_parts changes the blocks");
    assert_eq!(
        rebuilt.fingerprint, e.fingerprint,
        "fingerprint is not of text()"
    );
}

/// Target `split`: decode bytes as a file, split the text into essays, check each essay.
pub fn split(data: &[u8]) {
    read_in_two(data);
    let text = match essay::decode(data, Path::new("f")) {
        Ok(text) => text,
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.contains('\n'), "decode error is not one line: {msg:?}");
            return;
        }
    };
    let body = data.strip_prefix("\u{feff}".as_bytes()).unwrap_or(data);
    assert_eq!(
        text,
        String::from_utf8_lossy(body).replace("\r\n", "\n"),
        "decode is not: drop one BOM, CRLF to LF"
    );
    assert!(!text.trim().is_empty(), "decode accepted blank text");
    let essays = essay::split(&text, "f");
    // Non-blank text may still give no essays: a file whose only block is blog boilerplate
    // after blank lines ("\n\nNo comments:") is dropped whole, and `load_file` then calls
    // it empty. Odd, but not a crash.
    let mut ids = std::collections::HashSet::new();
    for e in &essays {
        check_essay(e);
        assert!(
            ids.insert(e.id.clone()),
            "essay id {:?} is not unique",
            e.id
        );
        assert!(!e.blocks.is_empty(), "essay {:?} has no blocks", e.id);
        if let Some(t) = e.blocks.iter().find(|b| b.kind == BlockKind::Title) {
            assert_eq!(e.title, t.text, "title is not the first Title block");
        }
    }
    // A first look split from a head of the text, cut anywhere (inside a character too).
    let cut = data.len().wrapping_mul(7919) % (text.len() + 1);
    for e in essay::split_head(&text, "f", cut) {
        check_essay(&e);
    }
}

/// A file read as a long one is opened (its head, then the rest) is accepted or refused as
/// when it is read whole, with the same text; the head's size comes from the first byte.
fn read_in_two(data: &[u8]) {
    let path = scratch_file("essay");
    std::fs::write(&path, data).expect("write the scratch file");
    let head = data
        .first()
        .map_or(0, |&b| usize::from(b) % (data.len() + 1));
    let whole = essay::read_text(&path);
    let in_two = essay::open_text(&path, head).and_then(|opened| match opened {
        essay::Opened::Whole(text) => Ok(text),
        essay::Opened::Head(head) => {
            let shown = head.text();
            let text = head.finish()?;
            assert!(
                text.starts_with(&shown),
                "the head's text is not where the text starts"
            );
            Ok(text)
        }
    });
    match (whole, in_two) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "read in two, the text differs"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("read whole: {a:?}; read in two: {b:?}"),
    }
}

/// A fixed path in a temporary folder made once per process, for the `load` API.
fn scratch_file(name: &str) -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temporary folder"))
        .path()
        .join(format!("{name}-{:?}.json", std::thread::current().id()))
}

/// An essay to place loaded anchors in.
fn sample_essay() -> &'static Essay {
    static ESSAY: OnceLock<Essay> = OnceLock::new();
    ESSAY.get_or_init(|| {
        Essay::from_blocks(
            "sample".into(),
            vec![
                (BlockKind::Title, "On margins".into()),
                (
                    BlockKind::Paragraph,
                    "Reading slowly, the margin holds a note of what matters.".into(),
                ),
                (
                    BlockKind::Paragraph,
                    "Two voices, café and margin, and a note.".into(),
                ),
            ],
        )
    })
}

/// Target `annotations_file`: load bytes as an annotations file. Loading must not panic, an
/// error must be one line naming the file, and a file that loads must survive a save (as
/// JSON) and a second load unchanged; its anchors are then placed in a small essay.
pub fn annotations_file(data: &[u8]) {
    let path = scratch_file("annotations");
    std::fs::write(&path, data).expect("write scratch file");
    let file = match store::load(&path) {
        Ok(Some(file)) => file,
        Ok(None) => panic!("load of an existing file answered None"),
        Err(e) => {
            let msg = e.to_string();
            assert!(
                !msg.contains(['\n', '\r', '\u{1b}']),
                "error is not one line: {msg:?}"
            );
            assert!(
                msg.starts_with(&path.display().to_string()),
                "error does not start with the path: {msg:?}"
            );
            return;
        }
    };
    let json = serde_json::to_vec_pretty(&file).expect("a loaded file serialises");
    std::fs::write(&path, &json).expect("write scratch file");
    let again = store::load(&path)
        .unwrap_or_else(|e| panic!("saved file does not load: {e}"))
        .expect("saved file exists");
    assert_eq!(again, file, "load → save → load changes the file");
    let anchors: Vec<&Anchor> = file.annotations.iter().map(|a| &a.anchor).collect();
    check_placements(
        sample_essay(),
        &anchors,
        &resolve_all(sample_essay(), &anchors),
    );
}

/// Checks one placement per anchor, each inside the essay, each `Exact` one on its quote,
/// and an anchor still at its stored offsets in the same text found exactly there.
fn check_placements(essay: &Essay, anchors: &[&Anchor], placements: &[Placement]) {
    assert_eq!(
        placements.len(),
        anchors.len(),
        "not one placement per anchor"
    );
    for (i, (a, p)) in anchors.iter().zip(placements).enumerate() {
        if let Some(r) = p.range() {
            assert!(r.start() < r.end(), "anchor {i}: empty range {r:?}");
            assert!(
                r.end() <= essay.len,
                "anchor {i}: {p:?} past the end {}",
                essay.len
            );
        }
        if let Placement::Exact(r) = p {
            assert_eq!(
                essay.slice(r.start(), r.end()),
                a.quote,
                "anchor {i}: exact placement {r:?} is not the quote"
            );
        }
        if a.fingerprint == essay.fingerprint
            && let Some(r) = a.range()
            && r.end() <= essay.len
            && essay.slice(r.start(), r.end()) == a.quote
        {
            assert_eq!(
                *p,
                Placement::Exact(r),
                "anchor {i} left its stored offsets"
            );
        }
    }
}

/// A little-endian number from up to two bytes (missing bytes are 0).
fn number(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take(2)
        .rev()
        .fold(0, |n, &b| n * 256 + b as usize)
}

/// An essay whose paragraphs are the lines of `text`.
fn essay_of(id: &str, text: &str) -> Essay {
    Essay::from_blocks(
        id.into(),
        text.lines()
            .map(|l| (BlockKind::Paragraph, l.to_owned()))
            .collect(),
    )
}

/// Target `anchor`: place anchors in an essay.
///
/// Input: parts separated by 0xFF. Part 0 is the essay now (its lines are paragraphs),
/// part 1 the essay the anchors were made in (empty: the same). Each further part is one
/// anchor: a mode byte, two bytes of start, two of end, then quote, prefix, suffix and
/// fingerprint separated by 0xFE. Mode bit 0: made by `anchor_for` on the old essay at
/// start..end (bit 1: then the quote is replaced by the given one); otherwise built from
/// the fields. Bit 2: the fingerprint is the essay's now; bit 3: the old essay's.
pub fn anchor(data: &[u8]) {
    let mut parts = data.split(|&b| b == PART);
    let now = essay_of(
        "now",
        &String::from_utf8_lossy(parts.next().unwrap_or_default()),
    );
    let old_text = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let old = if old_text.is_empty() {
        now.clone()
    } else {
        essay_of("old", &old_text)
    };
    let mut anchors = Vec::new();
    for spec in parts.take(16) {
        let mode = spec.first().copied().unwrap_or(0);
        let start = number(spec.get(1..3).unwrap_or_default());
        let end = number(spec.get(3..5).unwrap_or_default());
        let mut fields = spec
            .get(5..)
            .unwrap_or_default()
            .split(|&b| b == FIELD)
            .map(|f| String::from_utf8_lossy(f).into_owned());
        let mut field = || fields.next().unwrap_or_default();
        let (quote, prefix, suffix, fingerprint) = (field(), field(), field(), field());
        let mut a = if mode & 1 != 0 && old.len > 0 {
            let (s, e) = (start % (old.len + 1), end % (old.len + 1));
            let Some(r) = TextRange::new(s, e) else {
                continue;
            };
            let made = anchor_for(&old, r);
            assert_eq!(
                made.quote,
                old.slice(r.start(), r.end()),
                "anchor_for quote"
            );
            assert_eq!(
                (made.start, made.end),
                (r.start(), r.end()),
                "anchor_for offsets"
            );
            assert_eq!(made.fingerprint, old.fingerprint, "anchor_for fingerprint");
            if mode & 2 != 0 {
                Anchor { quote, ..made }
            } else {
                made
            }
        } else {
            Anchor {
                quote,
                prefix,
                suffix,
                start,
                end,
                fingerprint,
                extra: Default::default(),
            }
        };
        if mode & 4 != 0 {
            a.fingerprint = now.fingerprint.clone();
        } else if mode & 8 != 0 {
            a.fingerprint = old.fingerprint.clone();
        }
        anchors.push(a);
    }
    let refs: Vec<&Anchor> = anchors.iter().collect();
    let placements = resolve_all(&now, &refs);
    check_placements(&now, &refs, &placements);
    for (a, p) in refs.iter().zip(&placements).take(4) {
        assert_eq!(
            marginalia::anchor::resolve(&now, a),
            *p,
            "resolve and resolve_all disagree"
        );
    }
}

/// Target `wrap`: wrap text to a width. Input: the first byte is the width (0–255), the
/// rest the text (lossy UTF-8). Rows must cover the text in order, without gaps.
pub fn wrap(data: &[u8]) {
    let (width, text) = match data.split_first() {
        Some((&w, rest)) => (w as usize, String::from_utf8_lossy(rest)),
        None => (0, "".into()),
    };
    check_wrap(&text, width);
}

/// Checks the rows of `layout::wrap(text, width)`.
pub fn check_wrap(text: &str, width: usize) {
    let rows: Vec<Row> = layout::wrap(text, width);
    let chars: Vec<char> = text.chars().collect();
    assert!(!rows.is_empty(), "no rows");
    assert_eq!(rows[0].start, 0, "first row does not start at 0");
    assert_eq!(
        rows.last().map(|r| r.end),
        Some(chars.len()),
        "rows do not reach the end"
    );
    for (i, pair) in rows.windows(2).enumerate() {
        assert_eq!(
            pair[0].end,
            pair[1].start,
            "rows {i} and {} are not contiguous",
            i + 1
        );
    }
    for (i, r) in rows.iter().enumerate() {
        assert!(r.start <= r.end, "row {i} is reversed");
        if rows.len() > 1 {
            assert!(r.start < r.end, "row {i} of several is empty");
        }
        let row: String = chars[r.start..r.end].iter().collect();
        let drawn = row.trim_end_matches([' ', '\t']);
        let graphemes: Vec<&str> = drawn.graphemes(true).collect();
        let used: usize = graphemes.iter().map(|g| layout::grapheme_width(g)).sum();
        assert!(
            used <= width.max(1) || graphemes.len() <= 1,
            "row {i} ({row:?}) is {used} columns wide, more than {width}"
        );
    }
}
