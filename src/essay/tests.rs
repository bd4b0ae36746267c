//! Tests for loading, splitting, sanitising and the canonical text of essays.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::sanitize::is_safe;
use super::*;

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/essays/essays.txt");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(name: &str) -> Vec<Essay> {
    load_file(&fixture(name)).expect("fixture loads")
}

fn kinds(e: &Essay) -> Vec<BlockKind> {
    e.blocks.iter().map(|b| b.kind).collect()
}

fn paragraphs(e: &Essay) -> Vec<&str> {
    e.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| b.text.as_str())
        .collect()
}

/// Blocks are non-empty, single-line, trimmed, safe, and their offsets agree with `text()`.
fn assert_well_formed(e: &Essay) {
    let text: Vec<char> = e.text().chars().collect();
    assert_eq!(text.len(), e.len, "{}", e.id);
    for b in &e.blocks {
        assert!(!b.text.is_empty());
        assert!(!b.text.contains('\n'));
        assert_eq!(b.text.trim(), b.text);
        assert_eq!(b.len, b.text.chars().count());
        let at: String = text[b.start..b.start + b.len].iter().collect();
        assert_eq!(at, b.text);
        assert!(b.text.chars().all(is_safe), "{:?}", b.text);
    }
}

// ---- The reference file ----

#[test]
fn reference_file_has_two_whole_essays() {
    let essays = load_file(Path::new(REFERENCE)).expect("reference loads");
    assert_eq!(essays.len(), 2);
    let (a, b) = (&essays[0], &essays[1]);

    assert_eq!(a.title, "‘Inside Track’ of Putin-Xi Jinping Talks");
    assert_eq!(a.id, "inside-track-of-putin-xi-jinping-talks");
    assert_eq!(a.byline.as_deref(), Some("M.K. Bhadrakumar"));
    assert_eq!(a.date.as_deref(), Some("Friday, May 24, 2024"));
    assert_eq!(
        &kinds(a)[..5],
        &[
            BlockKind::Date,
            BlockKind::Title,
            BlockKind::Byline,
            BlockKind::Standfirst,
            BlockKind::Paragraph
        ]
    );
    let last = a.blocks.last().expect("blocks");
    assert!(last.text.starts_with("Lavrov made these profound remarks"));
    assert!(
        a.blocks[4]
            .text
            .starts_with("Russian Foreign Minister Sergey Lavrov (C)")
    );

    // The second title, checked in pieces (the essays' text stays in ../shared).
    assert!(b.title.starts_with("Sino-Russian Entente Shifts"));
    assert!(b.title.ends_with("Plates of World Politics"));
    assert_eq!(b.title.split_whitespace().count(), 8);
    assert!(b.id.starts_with("sino-russian-entente-shifts-"));
    assert!(b.id.ends_with("-plates-of-world-politics"));
    assert_eq!(b.id.split('-').count(), 9);
    assert_eq!(b.byline.as_deref(), Some("M.K. Bhadrakumar"));
    assert_eq!(b.date, None);
    assert_eq!(
        &kinds(b)[..3],
        &[BlockKind::Title, BlockKind::Byline, BlockKind::Standfirst]
    );
    assert_eq!(
        b.blocks.last().map(|b| b.text.as_str()),
        Some("Courtesy: Indian Punchline")
    );
    assert!(
        b.blocks[3]
            .text
            .starts_with("Chinese President Xi Jinping (L)")
    );
    assert!(b.blocks.iter().all(|bl| !bl.text.contains("No comments")));
    for e in &essays {
        assert_well_formed(e);
        assert!(e.fingerprint.starts_with("sha256:"));
        assert_eq!(e.fingerprint.len(), "sha256:".len() + 64);
    }
    assert_eq!(paragraphs(a).len(), 23);
    assert_eq!(paragraphs(b).len(), 26);
}

#[test]
fn reference_file_text_starts_with_its_header() {
    let essays = load_file(Path::new(REFERENCE)).expect("reference loads");
    let text = essays[0].text();
    assert!(text.starts_with("Friday, May 24, 2024\n\n‘Inside Track’ of Putin-Xi Jinping Talks\n\nM.K. Bhadrakumar\n\nThe big"));
}

// ---- Fixtures ----

#[test]
fn three_essays_with_and_without_dates() {
    let essays = load("three-essays.txt");
    assert_eq!(essays.len(), 3);
    let titles: Vec<&str> = essays.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "The Quiet Economy of Lighthouses",
            "Why Rivers Forget Their Names?",
            "The Quiet Economy of Lighthouses"
        ]
    );
    let ids: Vec<&str> = essays.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "the-quiet-economy-of-lighthouses",
            "why-rivers-forget-their-names",
            "the-quiet-economy-of-lighthouses-2"
        ]
    );
    let dates: Vec<Option<&str>> = essays.iter().map(|e| e.date.as_deref()).collect();
    assert_eq!(
        dates,
        [Some("Tuesday, March 3, 2020"), None, Some("2021-07-14")]
    );
    let bylines: Vec<Option<&str>> = essays.iter().map(|e| e.byline.as_deref()).collect();
    assert_eq!(
        bylines,
        [
            Some("Ada P. Morrow"),
            Some("By Tomasz Weller"),
            Some("Ada P. Morrow")
        ]
    );

    // The section heading after two blank lines stays inside the first essay.
    let first = paragraphs(&essays[0]);
    assert!(first.contains(&"Keepers and Clocks"));
    assert!(first.last().is_some_and(|p| p.ends_with("museum guides.")));
    assert_eq!(essays[0].blocks[3].kind, BlockKind::Standfirst);
    // Hard-wrapped lines are joined by one space.
    assert!(first.contains(
        &"Nobody builds a lighthouse for the view. The first towers were bonfires on hills, \
          kept alight by whoever lived closest, and paid for in fish, in favours, or not at all."
    ));
    // The NBSP inside a paragraph survives; the trailing one of the byline does not.
    assert!(first.iter().any(|p| p.contains("March 2,\u{a0}2020.")));

    assert!(
        paragraphs(&essays[1])
            .last()
            .is_some_and(|p| p.starts_with("Tomasz Weller writes"))
    );
    // The footer and the line of NBSPs are gone.
    assert_eq!(
        essays[2].blocks.last().map(|b| b.text.as_str()),
        Some("Courtesy: The Harbour Review")
    );
    essays.iter().for_each(assert_well_formed);
}

#[test]
fn single_essay_without_byline_keeps_its_headings() {
    let essays = load("single-no-byline.txt");
    assert_eq!(essays.len(), 1);
    let e = &essays[0];
    assert_eq!(e.title, "Notes on Walking Slowly");
    assert_eq!(e.id, "notes-on-walking-slowly");
    assert_eq!(e.byline, None);
    assert_eq!(e.date, None);
    assert_eq!(e.blocks[0].kind, BlockKind::Title);
    assert!(e.blocks[1..].iter().all(|b| b.kind == BlockKind::Paragraph));
    let ps = paragraphs(e);
    assert_eq!(ps.len(), 7);
    assert!(ps.contains(&"First Steps"));
    assert!(ps.contains(&"A Short Coda"));
    assert!(ps[0].starts_with("Walking slowly is a skill") && ps[0].ends_with("on the wall."));
    assert_well_formed(e);
}

#[test]
fn file_without_title_takes_the_fallback() {
    let essays = load("no-title.txt");
    assert_eq!(essays.len(), 1);
    let e = &essays[0];
    assert_eq!(e.title, "no-title");
    assert_eq!(e.id, "no-title");
    assert_eq!(kinds(e), [BlockKind::Paragraph; 3]);
    assert!(e.text().starts_with("This file has no title"));
}

#[test]
fn duplicate_titles_get_unique_ids() {
    let essays = load("two-essays.txt");
    let ids: Vec<&str> = essays.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a-tale-of-two-kettles", "a-tale-of-two-kettles-2"]);
    assert_eq!(essays[1].byline.as_deref(), Some("Mirela Dobos"));
    assert_ne!(essays[0].fingerprint, essays[1].fingerprint);
}

#[test]
fn crlf_and_bom_give_the_same_essays() {
    let plain = std::fs::read(fixture("three-essays.txt")).expect("fixture");
    let mut dos = b"\xef\xbb\xbf".to_vec();
    dos.extend(
        String::from_utf8_lossy(&plain)
            .replace('\n', "\r\n")
            .bytes(),
    );
    let path = Path::new("dos.txt");
    let a = split(&decode(&plain, path).expect("plain"), "x");
    let b = split(&decode(&dos, path).expect("dos"), "x");
    assert_eq!(a, b);
    assert!(!b[0].title.starts_with('\u{feff}'));
}

#[test]
fn title_followed_by_date_opens_an_essay() {
    let text = "One Title\n\nFirst essay body, in a sentence or two. Yes.\n\n\nAnother Title\n\n12 June 2023\n\nSecond body.";
    let essays = split(text, "f");
    assert_eq!(essays.len(), 2);
    assert_eq!(essays[1].date.as_deref(), Some("12 June 2023"));
}

#[test]
fn headings_after_many_blank_lines_do_not_split() {
    let text =
        "Title Here\n\nBody one.\n\n\n\nHeading\n\nBody two.\n\n\n\nAnother Heading\n\nBody three.";
    let essays = split(text, "f");
    assert_eq!(essays.len(), 1);
    assert_eq!(paragraphs(&essays[0]).len(), 5);
}

#[test]
fn empty_text_gives_no_essays() {
    assert!(split("", "f").is_empty());
    assert!(split(" \n\u{a0}\n\t\n", "f").is_empty());
}

// ---- Errors ----

fn err_line(e: &EssayError, path: &Path) -> String {
    let s = e.to_string();
    assert!(s.starts_with(&path.display().to_string()), "{s}");
    assert!(!s.contains('\n'), "{s}");
    s
}

#[test]
fn missing_file() {
    let path = fixture("does-not-exist.txt");
    let e = load_file(&path).expect_err("missing");
    assert!(matches!(e, EssayError::NotFound { .. }), "{e:?}");
    assert!(err_line(&e, &path).contains("no such file"));
}

#[test]
fn directory() {
    let path = fixture("");
    let e = load_file(&path).expect_err("directory");
    assert!(matches!(e, EssayError::IsDirectory { .. }), "{e:?}");
    err_line(&e, &path);
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("picture.png");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let e = load_file(&path).expect_err("binary");
    assert!(matches!(e, EssayError::Binary { offset: 8, .. }), "{e:?}");
    assert!(err_line(&e, &path).contains("binary"));

    let controls = [1u8, 2, 3, 4, 5, 6, b'a'].repeat(20);
    let e = decode(&controls, &path).expect_err("controls");
    assert!(matches!(e, EssayError::Binary { offset: 0, .. }), "{e:?}");
}

#[test]
fn invalid_utf8_says_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"Title\n\nna\xefve caf\xe9\n").expect("write");
    let e = load_file(&path).expect_err("invalid");
    match &e {
        EssayError::InvalidUtf8 {
            offset,
            line,
            column,
            ..
        } => assert_eq!((*offset, *line, *column), (9, 3, 3)),
        other => panic!("{other:?}"),
    }
    let s = err_line(&e, &path);
    assert!(s.contains("byte offset 9") && s.contains("line 3"), "{s}");
}

#[test]
fn empty_and_whitespace_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", &b" \n\t\r\n\xc2\xa0\n\n"[..]),
        ("bom.txt", &b"\xef\xbb\xbf\n"[..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let e = load_file(&path).expect_err("empty");
        assert!(matches!(e, EssayError::Empty { .. }), "{name}: {e:?}");
        assert!(err_line(&e, &path).contains("empty"));
    }
}

// ---- Sanitising ----

#[test]
fn control_sequences_are_made_visible() {
    let raw = "Title\n\nred \x1b[31mtext\x1b[0m, title \x1b]0;pwned\x07 bell\x07, c1 \u{9b}2J, \
               rtl \u{202e}abc\u{202c}, zw a\u{200b}b, del \x7f, cr a\rb, tab\there";
    let essays = split(raw, "f");
    let p = &essays[0].blocks[1].text;
    let original = raw.split("\n\n").nth(1).expect("para");
    assert_eq!(p.chars().count(), original.chars().count());
    assert!(p.chars().all(is_safe));
    assert!(p.contains("red ␛[31mtext␛[0m"));
    assert!(p.contains("␛]0;pwned␇ bell␇"));
    assert!(p.contains("c1 \u{fffd}2J"));
    assert!(p.contains("rtl ¦abc¦"));
    assert!(p.contains("zw a·b"));
    assert!(p.contains("del ␡"));
    assert!(p.contains("cr a␍b"));
    assert!(p.contains("tab\there"));
}

#[test]
fn visible_keeps_ordinary_text_and_variation_selectors() {
    for c in "aé中😀\u{fe0f}\u{301} \u{a0}\t".chars() {
        assert_eq!(visible(c), c);
    }
    assert_eq!(visible('\0'), '␀');
    assert_eq!(visible('\x1f'), '␟');
    assert_eq!(visible('\n'), '␊');
    assert_eq!(visible('\u{feff}'), '·');
    assert_eq!(visible('\u{2066}'), '¦');
}

#[test]
fn format_characters_are_shown_one_cell_wide() {
    use unicode_width::UnicodeWidthChar;
    // Every character of Unicode category Cf, and the separators U+2028/U+2029.
    let format = [
        0xad, 0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x61c, 0x6dd, 0x70f, 0x890, 0x891, 0x8e2,
        0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c,
        0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069,
        0x206a, 0x206f, 0xfeff, 0xfff9, 0xfffa, 0xfffb, 0x110bd, 0x110cd, 0x13430, 0x1343f,
        0x1bca0, 0x1bca3, 0x1d173, 0x1d17a, 0xe0001, 0xe0020, 0xe0041, 0xe007f,
    ];
    for code in format {
        let c = char::from_u32(code).expect("a char");
        let v = visible(c);
        assert_ne!(v, c, "U+{code:04X} reaches the terminal raw");
        assert_eq!(v.width(), Some(1), "U+{code:04X} is shown one cell wide");
    }
    // A ZWJ sequence keeps its emoji, with a visible joint: offsets stay one for one.
    let family = "👩\u{200d}👧";
    let shown: String = family.chars().map(visible).collect();
    assert_eq!(shown, "👩·👧");
}

#[test]
fn visible_lines_keeps_line_breaks_only() {
    assert_eq!(
        visible_lines("a\x1b[2J\nb\u{202e}\r\n\u{9b}c\u{200d}\n"),
        "a␛[2J\nb¦␍\n\u{fffd}c·\n"
    );
    assert_eq!(visible_lines(""), "");
}

// ---- Essay methods ----

fn sample() -> Essay {
    Essay::from_blocks(
        "s".into(),
        vec![
            (BlockKind::Title, "Ab".into()),
            (BlockKind::Paragraph, "  cde\n ".into()),
            (BlockKind::Paragraph, "   ".into()),
            (BlockKind::Paragraph, "f".into()),
        ],
    )
}

#[test]
fn from_blocks_trims_sanitises_and_drops_empty_blocks() {
    let e = sample();
    assert_eq!(e.text(), "Ab\n\ncde\n\nf");
    assert_eq!(e.len, 10);
    assert_eq!(e.title, "Ab");
    assert_eq!(
        e.blocks.iter().map(|b| b.start).collect::<Vec<_>>(),
        [0, 4, 9]
    );
    let untitled = Essay::from_blocks("my-id".into(), vec![(BlockKind::Paragraph, "x\ny".into())]);
    assert_eq!(untitled.title, "my-id");
    assert_eq!(untitled.text(), "x␊y");
}

#[test]
fn block_at_slice_and_char_at() {
    let e = sample(); // "Ab\n\ncde\n\nf"
    let at: Vec<usize> = (0..=11).map(|o| e.block_at(o)).collect();
    assert_eq!(at, [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2]);
    assert_eq!(e.slice(1, 6), "b\n\ncd");
    assert_eq!(e.slice(3, 100), "\ncde\n\nf");
    assert_eq!(e.slice(5, 5), "");
    assert_eq!(e.slice(7, 3), "");
    assert_eq!(e.char_at(2), Some('\n'));
    assert_eq!(e.char_at(9), Some('f'));
    assert_eq!(e.char_at(10), None);
    let empty = Essay::from_blocks("e".into(), vec![]);
    assert_eq!(
        (empty.block_at(3), empty.slice(0, 5), empty.char_at(0)),
        (0, String::new(), None)
    );
}

#[test]
fn fingerprint_is_sha256_of_text() {
    let e = sample();
    assert_eq!(
        e.fingerprint,
        format!("sha256:{}", hex(&Sha256::digest(e.text().as_bytes())))
    );
}

#[test]
fn slugs() {
    assert_eq!(
        slug("Time is on Russia and China’s side!"),
        "time-is-on-russia-and-chinas-side"
    );
    assert_eq!(slug("  --Ünïcode  Only-- "), "n-code-only");
    assert_eq!(slug("中文"), "essay");
}

// ---- Properties ----

/// Text built from pieces that stress the splitter: headers, blank runs, NBSP, controls.
fn essayish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_owned()),
        Just("\n\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("Friday, May 24, 2024".to_owned()),
        Just("A Fine Title".to_owned()),
        Just("By Jo Ames".to_owned()),
        Just("M.K. Name".to_owned()),
        Just("Some sentence. Another one.".to_owned()),
        Just("No comments:".to_owned()),
        "\\PC{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn split_is_well_formed(text in essayish()) {
        for e in split(&text, "fallback") {
            let chars: Vec<char> = e.text().chars().collect();
            prop_assert_eq!(chars.len(), e.len);
            prop_assert!(!e.blocks.is_empty());
            prop_assert!(!e.id.is_empty());
            for (i, b) in e.blocks.iter().enumerate() {
                prop_assert!(!b.text.is_empty());
                prop_assert!(!b.text.contains('\n'));
                prop_assert!(b.text.chars().all(|c| c == '\t' || !c.is_control()));
                prop_assert!(b.text.chars().all(is_safe));
                prop_assert_eq!(b.len, b.text.chars().count());
                let at: String = chars[b.start..b.end()].iter().collect();
                prop_assert_eq!(&at, &b.text);
                prop_assert_eq!(e.block_at(b.start), i);
                // The gap after a block is its own, unless the next block is joined to it.
                let next_joined = e.blocks.get(i + 1).is_some_and(|n| n.joined);
                prop_assert_eq!(e.block_at(b.end() + 1), if next_joined { i + 1 } else { i });
            }
            for (o, c) in chars.iter().enumerate() {
                prop_assert_eq!(e.char_at(o), Some(*c));
                let i = e.block_at(o);
                prop_assert!(e.blocks[i].start <= o);
                prop_assert!(e.blocks.get(i + 1).is_none_or(|n| o < n.start));
            }
            prop_assert_eq!(e.char_at(e.len), None);
        }
    }

    #[test]
    fn slice_agrees_with_text(text in essayish(), a in 0usize..400, b in 0usize..400) {
        for e in split(&text, "f") {
            let chars: Vec<char> = e.text().chars().collect();
            let end = b.min(e.len);
            let expected: String = if a < end { chars[a..end].iter().collect() } else { String::new() };
            prop_assert_eq!(e.slice(a, b), expected);
        }
    }

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match decode(&bytes, Path::new("p")) {
            Ok(text) => prop_assert!(!text.trim().is_empty()),
            Err(e) => prop_assert!(!e.to_string().contains('\n')),
        }
    }
}

/// Writes `bytes` to a fresh file and returns the directory (kept alive) and the path.
fn written(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("f.txt");
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

/// Reads a file the way a long file is opened: the head, then the rest.
fn read_in_two(path: &Path, head: usize) -> Result<String, EssayError> {
    match open_text(path, head)? {
        Opened::Whole(text) => Ok(text),
        Opened::Head(h) => h.finish(),
    }
}

#[test]
fn a_file_no_longer_than_the_head_is_read_whole() {
    let text = b"Title\n\nBody text here.\n";
    let (_dir, path) = written(text);
    let n = text.len();
    assert!(matches!(open_text(&path, n), Ok(Opened::Whole(t)) if t.starts_with("Title")));
    assert!(matches!(open_text(&path, n - 1), Ok(Opened::Head(_))));
}

#[test]
fn a_fault_in_the_head_is_found_before_the_rest_is_read() {
    let mut bad = "line one\nline two é".as_bytes().to_vec();
    bad.push(0xff);
    bad.extend(std::iter::repeat_n(b'x', 100));
    let (_dir, path) = written(&bad);
    let e = open_text(&path, 50).expect_err("a bad byte in the head");
    assert_eq!(
        e.to_string(),
        read_text(&path).expect_err("bad").to_string()
    );
    assert!(
        e.to_string().contains("byte offset 20 (line 2, column 11)"),
        "{e}"
    );

    let mut nul = b"some text\n".to_vec();
    nul.push(0);
    nul.extend(std::iter::repeat_n(b'y', 100));
    let (_dir, path) = written(&nul);
    let e = open_text(&path, 50).expect_err("a NUL in the head");
    assert!(matches!(e, EssayError::Binary { offset: 10, .. }), "{e}");
}

#[test]
fn a_fault_past_the_head_is_found_when_the_rest_is_read() {
    let mut bytes = "First line\n\n".repeat(10).into_bytes();
    bytes.extend_from_slice(b"late \xc3(bad)\n");
    let (_dir, path) = written(&bytes);
    let Ok(Opened::Head(head)) = open_text(&path, 30) else {
        panic!("the head alone is fine");
    };
    assert!(head.text().starts_with("First line"));
    let late = head.finish().expect_err("the rest holds a bad byte");
    assert_eq!(
        late.to_string(),
        read_text(&path).expect_err("bad").to_string()
    );
    assert!(late.to_string().contains("line 21, column 6"), "{late}");
}

#[test]
fn a_character_cut_by_the_head_is_not_a_fault() {
    // "é" is two bytes: a head asked of 3 bytes reads 4, ending inside the second one.
    let (_dir, path) = written("aéé\r\nb\r\n".as_bytes());
    let Ok(Opened::Head(head)) = open_text(&path, 3) else {
        panic!("a long file");
    };
    assert_eq!(head.text(), "aé");
    assert_eq!(head.finish().expect("valid"), "aéé\nb\n");
    // A head ending in the CR of a CRLF leaves the CR out: the head's text starts the text.
    let (_dir, path) = written(b"ab\r\ncd\r\n");
    let Ok(Opened::Head(head)) = open_text(&path, 2) else {
        panic!("a long file");
    };
    assert_eq!(head.text(), "ab");
    assert_eq!(head.finish().expect("valid"), "ab\ncd\n");
}

#[test]
fn split_head_cuts_on_a_char_boundary() {
    // The cut falls inside a three-byte character: no panic, and the first look is whole.
    let text = format!(
        "Title Here\n\nBy A. Writer\n\n{}\n",
        "日本語の文章。".repeat(200)
    );
    for bytes in 20..60 {
        let head = split_head(&text, "f", bytes);
        assert_eq!(head.len(), 1);
        assert!(head[0].blocks.iter().all(|b| !b.text.contains('\u{fffd}')));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Reading a file in two parts accepts what reading it whole accepts, with the same
    /// text, and refuses what it refuses.
    #[test]
    fn reading_in_two_agrees_with_reading_whole(
        bytes in prop::collection::vec(prop_oneof![
            Just(b'a'), Just(b'\n'), Just(b'\r'), Just(b' '), Just(0xc3), Just(0xa9), Just(0xef),
            Just(0xbb), Just(0xbf), Just(0x00), any::<u8>(),
        ], 0..120),
        head in 0usize..130,
    ) {
        let (_dir, path) = written(&bytes);
        match (read_text(&path), read_in_two(&path, head)) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "whole: {:?}, in two: {:?}", a, b),
        }
    }
}

#[test]
fn joined_parts_follow_after_one_newline_and_spans_move_with_the_trim() {
    use super::{Inline, Part, Span};
    let part = |kind, joined, text: &str, spans| Part {
        kind,
        depth: 0,
        joined,
        text: text.into(),
        spans,
    };
    let emph = Span {
        start: 4,
        end: 8,
        style: Inline::Emphasis,
    };
    let essay = Essay::from_parts(
        "e".into(),
        Some("Fallback"),
        vec![
            part(BlockKind::Paragraph, true, "  A bold word.", vec![emph]),
            part(BlockKind::Code, false, "  let x = 1;", vec![]),
            part(BlockKind::Code, true, "", vec![]),
            part(BlockKind::Code, true, "x", vec![]),
            part(BlockKind::Paragraph, true, "   ", vec![]),
        ],
    );
    assert_eq!(essay.text(), "A bold word.\n\n  let x = 1;\n \nx");
    assert_eq!(essay.title, "Fallback");
    assert!(!essay.blocks[0].joined, "nothing before the first block");
    assert!(essay.blocks[2].joined && essay.blocks[3].joined);
    assert_eq!(essay.blocks[3].start, essay.text().chars().count() - 1);
    assert_eq!(essay.len, essay.text().chars().count());
    let span = &essay.blocks[0].spans[0];
    assert_eq!((span.start, span.end), (2, 6));
    assert_eq!(essay.slice(span.start, span.end), "bold");
    assert_eq!(essay.slice(16, 29), "let x = 1;\n \n");
    assert_eq!(essay.block_at(27), 2);
}
