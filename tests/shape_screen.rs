//! Plain text with a shape, on screen: quotes with bars, lists hanging, verse and code on
//! their own lines with no blank line between, centred lines in the middle.

mod common;

use common::screen::{Screen, fixture};
use marginalia::essay::{BlockKind, Essay, Part, load_file};
use marginalia::selection::{paragraph_next, paragraph_prev};
use marginalia::state::find_all;

#[test]
fn verse_and_code_lines_follow_each_other_at_80x24() {
    let mut s = Screen::open(&fixture("shape/verse.txt"), 80, 24);
    let text = s.text();
    insta::assert_snapshot!("shape_verse_80x24", text);
    assert!(text.contains("Slack water, slack water,"));
}

#[test]
fn quotes_and_lists_are_set_in_at_80x24() {
    let mut s = Screen::open(&fixture("shape/quotes.txt"), 80, 24);
    insta::assert_snapshot!("shape_quotes_80x24", s.text());
    let mut s = Screen::open(&fixture("shape/lists.txt"), 80, 24);
    insta::assert_snapshot!("shape_lists_80x24", s.text());
}

#[test]
fn centred_lines_and_preformatted_blocks_at_160x45() {
    let mut s = Screen::open(&fixture("shape/licence.txt"), 160, 45);
    insta::assert_snapshot!("shape_licence_160x45", s.text());
    let mut s = Screen::open(&fixture("shape/preformatted.txt"), 40, 24);
    // At the end: the long line of code is cut, its rest marked ↪ on the next row.
    s.keys("G");
    let text = s.text();
    insta::assert_snapshot!("shape_code_40x24", text);
    assert!(text.contains("↪"), "{text}");
}

fn verse() -> Essay {
    load_file(&fixture("shape/verse.txt"))
        .expect("loads")
        .remove(0)
}

#[test]
fn paragraph_motions_jump_a_group_of_lines_at_once() {
    let e = verse();
    let first_line = e
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Verse)
        .unwrap();
    let start = e.blocks[first_line].start;
    // From the poem's first line, `}` goes past its four lines to the address.
    let next = paragraph_next(&e, start);
    assert_eq!(e.blocks[e.block_at(next)].text, "Write to the office at:");
    // From inside its third line, `{` goes back to the poem's first line.
    let third = e.blocks[first_line + 2].start + 3;
    assert_eq!(paragraph_prev(&e, third), start);
    // From the poem's start, `{` goes to the paragraph before it.
    assert_eq!(paragraph_prev(&e, start), e.blocks[first_line - 1].start);
}

#[test]
fn search_runs_on_across_the_lines_of_a_poem() {
    let e = verse();
    let hits = find_all(&e, "still, the gulls");
    assert_eq!(hits.len(), 1);
    assert_eq!(e.slice(hits[0].start(), hits[0].end()), "still,\nthe gulls");
    // Never across paragraphs.
    assert!(find_all(&e, "Hill. Write").is_empty());
}

#[test]
fn paragraph_numbers_count_a_poem_once() {
    let e = verse();
    let numbers: Vec<Option<usize>> = (0..e.blocks.len()).map(|b| e.paragraph_number(b)).collect();
    // Title, byline, standfirst; the poem (4 lines); the address (4 lines); a paragraph.
    let n = None;
    assert_eq!(
        numbers,
        [n, n, n, Some(1), n, n, n, Some(2), n, n, n, Some(3)]
    );
    let line = e.blocks[5].start + 2;
    let range = marginalia::range::TextRange::new(line, line + 3).unwrap();
    assert_eq!(
        e.paragraphs_of(range),
        Some((1, 1)),
        "a passage in a later line"
    );
    // Markdown-style headings have no number.
    let parts = vec![
        Part {
            kind: BlockKind::Heading(2),
            text: "Part".into(),
            ..Part::default()
        },
        Part {
            text: "Body.".into(),
            ..Part::default()
        },
    ];
    let e = Essay::from_parts("e".into(), None, parts);
    assert_eq!(e.paragraph_number(0), None);
    assert_eq!(e.paragraph_number(1), Some(1));
}
