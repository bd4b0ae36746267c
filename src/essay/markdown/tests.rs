//! Tests of the Markdown reader: the canonical text word for word, the spans, the metadata,
//! and the rules for several essays in one file.

use std::path::{Path, PathBuf};

use super::{front, html, markdown_essays};
use crate::essay::{Block, BlockKind, Essay, EssayError, Inline};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/markdown")
        .join(name)
}

fn load(name: &str) -> Vec<Essay> {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).expect("fixture reads");
    markdown_essays(&text, &path).expect("fixture is Markdown")
}

fn md(text: &str) -> Vec<Essay> {
    markdown_essays(text, Path::new("x.md")).expect("reads")
}

/// The text under each span of a block, with its style.
fn spans(b: &Block) -> Vec<(String, Inline)> {
    b.spans
        .iter()
        .map(|s| {
            let t: String = b.text.chars().skip(s.start).take(s.end - s.start).collect();
            (t, s.style.clone())
        })
        .collect()
}

fn shape(e: &Essay) -> Vec<(BlockKind, u8, bool)> {
    e.blocks
        .iter()
        .map(|b| (b.kind, b.depth, b.joined))
        .collect()
}

const CONSTRUCTS: &str = "Reading Slowly\n\nAda Marsh\n\n2024-03-09\n\n\
A reader who lingers over a page finds more in it than one who skims; the hurried patient \
eye sees the grain of the prose.[1]\n\n\
Three habits\n\n\
1. Read the first paragraph twice.\n\n2. Mark what surprises you:\n\n• a turn of phrase,\n\n\
• a claim you doubt.\n\n3. Come back after a day.\n\n\
A book is a slow machine.\n\nIt runs on attention.\n\n\
fn main() {\n    println!(\"slow\");\n}\n\n\
│ Habit     │ Minutes │   Note   │\n├───────────┼─────────┼──────────┤\n\
│ Rereading │      10 │   core   │\n│ Notes     │       5 │ optional │\n\n\
See the guide and [image: a lamp on a desk].\n\n\
More on pace\n\nPace is a choice & a habit.\n\n\
Roses are red,\nviolets are blue.\n\n\
Autolinks such as https://example.net/a?b=1 and ada@example.org, a styled link, an image \
with no alt [image], and a line\nbroken by HTML.\n\n\
\ttab-indented line\n  two spaces\n \n    four spaces after a blank line\n\n\
[1] Grain: the direction of the fibres, here of the sentences.";

#[test]
fn every_construct_reads_as_a_reader_would_word_for_word() {
    let essays = load("constructs.md");
    assert_eq!(essays.len(), 1);
    assert_eq!(essays[0].text(), CONSTRUCTS);
}

#[test]
fn every_construct_has_its_kind_depth_and_joining() {
    use BlockKind::*;
    let e = &load("constructs.md")[0];
    let expected = [
        (Title, 0, false),
        (Byline, 0, false),
        (Date, 0, false),
        (Paragraph, 0, false),
        (Heading(2), 0, false),
        (Item, 0, false),
        (Item, 0, false),
        (Item, 1, false),
        (Item, 1, false),
        (Item, 0, false),
        (Quote, 0, false),
        (Quote, 1, false),
        (Code, 0, false),
        (Code, 0, true),
        (Code, 0, true),
        (Table, 0, false),
        (Table, 0, true),
        (Table, 0, true),
        (Table, 0, true),
        (Paragraph, 0, false),
        (Paragraph, 0, false),
        (Paragraph, 0, false),
        (Verse, 0, false),
        (Verse, 0, true),
        (Verse, 0, false),
        (Verse, 0, true),
        (Code, 0, false),
        (Code, 0, true),
        (Code, 0, true),
        (Code, 0, true),
        (Footnote, 0, false),
    ];
    assert_eq!(shape(e), expected);
}

#[test]
fn inline_styles_links_and_footnote_references_are_spans() {
    let e = &load("constructs.md")[0];
    let s = |t: &str, style: Inline| (t.to_owned(), style);
    assert_eq!(
        spans(&e.blocks[3]),
        [
            s("lingers", Inline::Emphasis),
            s("more", Inline::Strong),
            s("hurried", Inline::Strike),
            s("grain", Inline::Code),
            s("[1]", Inline::Note("1".into())),
        ]
    );
    assert_eq!(
        spans(&e.blocks[19]),
        [s("guide", Inline::Link("https://example.org/guide".into()))]
    );
    assert_eq!(
        spans(&e.blocks[24]),
        [
            s(
                "https://example.net/a?b=1",
                Inline::Link("https://example.net/a?b=1".into())
            ),
            s(
                "ada@example.org",
                Inline::Link("mailto:ada@example.org".into())
            ),
            s("styled", Inline::Emphasis),
            s(
                "styled link",
                Inline::Link("https://example.com/ref".into())
            ),
        ]
    );
    // A table cell's style moves with the cell's place in the row.
    assert_eq!(spans(&e.blocks[17]), [s("core", Inline::Emphasis)]);
}

#[test]
fn a_style_across_a_hard_break_goes_on_in_the_next_line() {
    let e = &md("Some *slanted  \nwords* here\n")[0];
    assert_eq!(e.text(), "Some slanted\nwords here");
    assert_eq!(spans(&e.blocks[0]), [("slanted".into(), Inline::Emphasis)]);
    assert_eq!(spans(&e.blocks[1]), [("words".into(), Inline::Emphasis)]);
}

#[test]
fn front_matter_gives_title_byline_date_and_standfirst() {
    let essays = load("two-front.md");
    let heads: Vec<_> = essays
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                e.title.as_str(),
                e.byline.as_deref(),
                e.date.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        heads,
        [
            (
                "first-light",
                "First Light",
                Some("Ben Ode, Cy Rue"),
                Some("May 1, 2023")
            ),
            (
                "second-wind",
                "Second Wind",
                Some("Dee Vale"),
                Some("2023-06-02")
            ),
        ]
    );
    // A thematic break followed by text is not front matter; a heading repeating the
    // title is the title, shown once.
    assert_eq!(
        essays[0].text(),
        "First Light\n\nBen Ode, Cy Rue\n\nMay 1, 2023\n\nOn mornings\n\n\
         Dawn arrives before the birds admit it.\n\n* * *\n\n\
         A thematic break above, and text after it."
    );
    assert_eq!(essays[0].blocks[3].kind, BlockKind::Standfirst);
    assert_eq!(
        essays[1].text(),
        "Second Wind\n\nDee Vale\n\n2023-06-02\n\nEvening keeps what morning promised."
    );
}

#[test]
fn several_top_level_headings_without_front_matter_split_the_file() {
    let essays = load("h1-split.md");
    let titles: Vec<&str> = essays.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["The Kettle", "The Teapot"]);
    // Text before the first heading belongs to the first essay; a `#` in code is not a
    // heading; each footnote goes to the essay that refers to it.
    assert_eq!(
        essays[0].text(),
        "Some words before the first heading.\n\nThe Kettle\n\n\
         Water remembers[k] the shape of heat.\n\n# not a heading\n\n[k] Not literally."
    );
    assert_eq!(
        essays[1].text(),
        "The Teapot\n\nLeaves unfold in their own time.[t]\n\nSteeping\n\n\
         Three minutes, no more.\n\n[t] Green tea is faster."
    );
    assert_eq!(essays[1].blocks[2].kind, BlockKind::Heading(2));
}

#[test]
fn one_top_level_heading_is_the_title_and_no_split() {
    let essays = md("# Only\n\ntext\n\n## Part\n\nmore\n");
    assert_eq!(essays.len(), 1);
    assert_eq!(essays[0].blocks[0].kind, BlockKind::Title);
    assert_eq!(essays[0].title, "Only");
}

#[test]
fn with_front_matter_top_level_headings_do_not_split() {
    let essays = md("---\ntitle: One\n---\n\n# A\n\nx\n\n# B\n\ny\n");
    assert_eq!(essays.len(), 1);
    assert_eq!(essays[0].text(), "One\n\nA\n\nx\n\nB\n\ny");
}

#[test]
fn an_essay_with_no_heading_is_named_after_the_file() {
    let essays = load("untitled.md");
    assert_eq!(essays[0].title, "untitled");
    assert_eq!(
        essays[0].text(),
        "Just a paragraph with no heading, and a second line.\n\n• one\n\n• two"
    );
}

#[test]
fn empty_files_and_bare_front_matter_are_errors_naming_the_file() {
    for text in [
        "",
        "  \n\n",
        "---\ntitle: Nothing\n---\n",
        "<!-- only a comment -->\n",
    ] {
        let err = markdown_essays(text, Path::new("dir/empty.md")).unwrap_err();
        assert!(matches!(err, EssayError::Empty { .. }), "{text:?}");
        assert_eq!(err.to_string(), "dir/empty.md: empty, no text to read");
    }
}

#[test]
fn lists_number_from_their_start_and_nest_in_quotes() {
    let e = &md("> 3. three\n> 4. four\n>    - inner\n")[0];
    assert_eq!(e.text(), "3. three\n\n4. four\n\n• inner");
    assert_eq!(
        shape(e),
        [
            (BlockKind::Item, 0, false),
            (BlockKind::Item, 0, false),
            (BlockKind::Item, 1, false)
        ]
    );
}

#[test]
fn code_in_a_list_keeps_its_indentation_and_depth() {
    let e = &md("- item\n\n  ```\n  if x:\n      y\n  ```\n")[0];
    assert_eq!(e.text(), "• item\n\nif x:\n    y");
    assert_eq!(e.blocks[1].kind, BlockKind::Code);
    assert_eq!(e.blocks[2].text, "    y");
}

#[test]
fn tables_pad_by_display_width_for_wide_characters() {
    let e = &md("| 名前 | n |\n|---|---|\n| 東京 | 1 |\n| a | 22 |\n")[0];
    assert_eq!(
        e.text(),
        "│ 名前 │ n  │\n├──────┼────┤\n│ 東京 │ 1  │\n│ a    │ 22 │"
    );
}

#[test]
fn text_from_the_file_is_shown_never_obeyed() {
    let e = &md("# Ti\u{1b}[2Jtle\n\nA \u{1b}]52;c;bad\u{7} line with emoji 🎉 and e\u{301}.\n")[0];
    assert_eq!(e.title, "Ti␛[2Jtle");
    assert_eq!(
        e.blocks[1].text,
        "A ␛]52;c;bad␇ line with emoji 🎉 and e\u{301}."
    );
}

#[test]
fn html_blocks_are_reduced_to_their_text() {
    assert_eq!(
        html::paragraphs(
            "<div class=\"x\"><script>alert('no')</script><!-- hidden -->\
             <p>One &amp; two&#33;</p><STYLE>p {}</STYLE>three&nbsp;four</div>"
        ),
        ["One & two!", "three four"]
    );
    assert_eq!(html::paragraphs("<hr/>"), Vec::<String>::new());
    assert_eq!(html::decode_entities("&bogus; &#x41; &"), "&bogus; A &");
}

#[test]
fn front_matter_is_found_only_where_it_looks_like_yaml() {
    // Unclosed, blank first line, prose inside, or a later block without a title: text.
    for text in [
        "---\ntitle: x\nno end",
        "---\n\ntitle: x\n---\n",
        "---\nThis is prose, not YAML\n---\n",
        "Intro\n\n---\nNote: this stays text\n---\n",
        "```\n---\ntitle: in code\n---\n```\n",
    ] {
        let chunks = front::chunks(text);
        assert_eq!(chunks.len(), 1, "{text:?}");
        assert!(chunks[0].front.is_none(), "{text:?}");
    }
    let chunks = front::chunks("---\ntitle: \"A: B\"\nauthor: [Ann, 'Bo']\n# c\n---\nbody\n");
    let f = chunks[0].front.clone().unwrap_or_default();
    assert_eq!(f.title.as_deref(), Some("A: B"));
    assert_eq!(f.author.as_deref(), Some("Ann, Bo"));
    assert_eq!(chunks[0].body, "body\n");
}
