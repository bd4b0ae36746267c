//! Plain text keeps its shape: lists, quotes, verse, centred lines, preformatted blocks.

use std::path::Path;

use marginalia::essay::{BlockKind, Essay, load_file, split};

fn fixture(name: &str) -> Essay {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/shape")
        .join(name);
    let mut essays = load_file(&path).expect("fixture loads");
    assert_eq!(essays.len(), 1, "{name}");
    essays.remove(0)
}

/// The body (no header), as (kind, depth, joined, text).
fn body(e: &Essay) -> Vec<(BlockKind, u8, bool, &str)> {
    e.blocks
        .iter()
        .filter(|b| {
            !matches!(
                b.kind,
                BlockKind::Title | BlockKind::Byline | BlockKind::Date
            )
        })
        .map(|b| (b.kind, b.depth, b.joined, b.text.as_str()))
        .collect()
}

use BlockKind::{Centred, Code, Item, Paragraph, Quote, Verse};

#[test]
fn lists_become_items_with_their_markers_and_depth() {
    let e = fixture("lists.txt");
    assert_eq!(e.title, "Packing for the Ferry");
    assert_eq!(e.byline.as_deref(), Some("By Nora Quill"));
    let body = body(&e);
    assert_eq!(
        &body[1..],
        [
            (Paragraph, 0, false, "What to bring:"),
            (Item, 0, false, "- a coat that sheds rain"),
            (
                Item,
                0,
                false,
                "- a thermos of tea, or of soup when the wind is from the north"
            ),
            (Item, 1, false, "- a spare lid"),
            (Item, 0, false, "- the ticket, printed"),
            (
                Paragraph,
                0,
                false,
                "The order of boarding, as the notice has it:"
            ),
            (Item, 0, false, "1. Foot passengers."),
            (Item, 0, false, "2. Bicycles and prams."),
            (Item, 0, false, "3) Cars, once the ramp is down."),
            (Paragraph, 0, false, "* * *"),
            (Paragraph, 0, false, "The crossing itself is quiet."),
        ]
    );
    // Wrapped prose stays one paragraph.
    assert_eq!(body[0].0, Paragraph);
    assert!(body[0].3.starts_with(
        "A crossing takes an hour, and the list below is what the harbour master suggests"
    ));
}

#[test]
fn quotes_by_marks_or_indentation() {
    let e = fixture("quotes.txt");
    let body = body(&e);
    assert_eq!(
        &body[1..],
        [
            (
                Quote,
                0,
                false,
                "Passengers will remain seated until the vessel is secured. Crew will signal when the ramp is ready."
            ),
            (Quote, 1, false, "No exceptions are made for the impatient."),
            (
                Paragraph,
                0,
                false,
                "A second voice, indented rather than marked:"
            ),
            (
                Quote,
                0,
                false,
                "The sea does not care for timetables, and the timetable knows it; that is why it is printed in pencil on the board by the gangway."
            ),
            (Paragraph, 0, false, "And that is all."),
        ]
    );
}

#[test]
fn verse_and_hard_line_breaks_keep_their_lines() {
    let e = fixture("verse.txt");
    let body = body(&e);
    assert_eq!(body[0].0, BlockKind::Standfirst, "a wrapped sentence");
    assert_eq!(
        &body[1..],
        [
            (Verse, 0, false, "Slack water, slack water,"),
            (Verse, 0, true, "the rope lies still,"),
            (Verse, 0, true, "the gulls go quiet"),
            (Verse, 0, true, "on Carrow Hill."),
            (Verse, 0, false, "Write to the office at:"),
            (Verse, 0, true, "Pier Office"),
            (Verse, 0, true, "14 Quay Lane"),
            (Verse, 0, true, "Harwick"),
            (Paragraph, 0, false, "That is the whole of it."),
        ]
    );
    let text = e.text();
    assert!(
        text.contains("Slack water, slack water,\nthe rope lies still,\n"),
        "{text}"
    );
}

#[test]
fn a_centred_title_page_stays_centred_and_apart() {
    let e = fixture("licence.txt");
    assert_eq!(e.title, "licence", "no title line: the file's name");
    let body = body(&e);
    assert_eq!(
        body,
        [
            (Centred, 0, false, "HARBOUR FREE READING LICENCE"),
            (Centred, 0, true, "Version 2, 3 March 2019"),
            (Verse, 0, false, "Copyright (C) 2019 The Quay Press"),
            (
                Verse,
                0,
                true,
                "Anyone may copy this licence word for word; it may not be changed."
            ),
            (Centred, 0, false, "Preamble"),
            (
                Paragraph,
                0,
                false,
                "This licence lets anyone read, copy and share the essays it covers, as long as the name of the author stays with the text and no one is charged for the reading itself."
            ),
        ]
    );
}

#[test]
fn preformatted_blocks_are_kept_verbatim() {
    let e = fixture("preformatted.txt");
    let body = body(&e);
    assert_eq!(
        &body[1..],
        [
            (Code, 0, false, "Port        High    Low"),
            (Code, 0, true, "Harwick     06:12   12:30"),
            (Code, 0, true, "Carrow      06:40   12:58"),
            (
                Code,
                0,
                false,
                "fn next_high(table: &[Tide], now: Time) -> Option<&Tide> {"
            ),
            (Code, 0, true, "    table.iter().find(|t| t.high > now)"),
            (Code, 0, true, "}"),
            (Code, 0, false, "if (tide > 3) {"),
            (Code, 0, true, "        sail();"),
            (Code, 0, true, "}"),
            (Paragraph, 0, false, "Nothing else is needed."),
        ]
    );
}

#[test]
fn wrapped_prose_stays_one_paragraph() {
    let prose = "A Plain Title\n\nBy Ann Smith\n\n\
        The first paragraph is wrapped at a measure of about seventy columns, as\n\
        editors do, and it runs on for a few lines so that nothing about it looks\n\
        like verse: each line is filled as far as the next word allows it to be.\n\n\
            It may even start with an indented first line, as old typewritten\n\
        essays do, and still be a paragraph of prose and not a quotation at all.\n\n\
        Two spaces after a stop.  Then more words follow in the usual way, and\n\
        they wrap.  Nothing lines up in columns here, whatever the spaces do.\n";
    let essays = split(prose, "x");
    let kinds: Vec<_> = essays[0].blocks.iter().map(|b| b.kind).collect();
    use BlockKind::{Byline, Standfirst, Title};
    assert_eq!(kinds, [Title, Byline, Standfirst, Paragraph, Paragraph]);
    assert!(essays[0].blocks.iter().all(|b| !b.joined));
}

#[test]
fn shapes_are_well_formed_with_unicode_and_tabs() {
    let text = "标题\n\n\t- 第一项\n\t- 第二项 😀\n\n> 引用 e\u{301}\n\n    let x = 1;\n    \tlet y = x;\n";
    for e in split(text, "x") {
        let chars: Vec<char> = e.text().chars().collect();
        assert_eq!(chars.len(), e.len);
        for b in &e.blocks {
            let at: String = chars[b.start..b.end()].iter().collect();
            assert_eq!(at, b.text);
            assert!(
                !b.text.contains(['\n', '\t']) || b.kind != BlockKind::Code,
                "{:?}",
                b.text
            );
        }
    }
}
