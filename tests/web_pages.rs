//! Saved web pages read as a reader mode reads them: each page of tests/fixtures/html gives
//! the article a reader would call it, word for word (the `.txt` beside it holds the
//! canonical text: header, then blocks), with its metadata; annotations survive edits of
//! the page. `MARGINALIA_BLESS=1 cargo test --test web_pages` rewrites the `.txt` files.

use std::path::{Path, PathBuf};

use marginalia::anchor::{Placement, anchor_for, resolve};
use marginalia::essay::{BlockKind, Essay, html_essays};
use marginalia::range::TextRange;

/// The fixture page `name`.
fn page(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

/// The one essay of a page's bytes.
fn essay_of(bytes: &[u8], name: &str) -> Essay {
    let mut essays = html_essays(bytes, Path::new(name)).expect("the page has an article");
    assert_eq!(essays.len(), 1, "{name}: one article");
    essays.remove(0)
}

/// The one essay of the fixture page `name`.html.
fn read(name: &str) -> Essay {
    let bytes = std::fs::read(page(&format!("{name}.html"))).expect("fixture page");
    essay_of(&bytes, name)
}

/// Each page: title, byline, date.
const PAGES: [(&str, &str, Option<&str>, Option<&str>); 9] = [
    (
        "news",
        "Harbour Town Votes to Keep Its Ferry",
        Some("Mara Quill · The Coastal Ledger"),
        Some("June 14, 2025"),
    ),
    (
        "blog",
        "On Keeping a Commonplace Book",
        Some("Theo Marsh · Slow Pages"),
        Some("March 5, 2024"),
    ),
    (
        "newsletter",
        "The Allotment Letter, No. 41",
        Some("June Barrow"),
        None,
    ),
    ("encyclopedia", "Paper boat", Some("Openpedia"), None),
    (
        "nested",
        "Why Bread Rises",
        Some("Ines Calder"),
        Some("November 2, 2023"),
    ),
    ("legacy", "Café Notes", Some("Renée Duval"), None),
    (
        "code",
        "Counting Words in a Shell",
        Some("Pat Okafor · Small Tools"),
        None,
    ),
    (
        "tables",
        "A Week of Walks",
        Some("Rosa Lind"),
        Some("August 19, 2022"),
    ),
    (
        "verse",
        "Notes on a Small Poem & Its Breaks",
        Some("Eli Vance & Co."),
        None,
    ),
];

#[test]
fn each_page_reads_as_its_article_word_for_word_with_its_metadata() {
    let bless = std::env::var_os("MARGINALIA_BLESS").is_some();
    for (name, title, byline, date) in PAGES {
        let essay = read(name);
        let expected_path = page(&format!("{name}.txt"));
        if bless {
            std::fs::write(&expected_path, essay.text() + "\n").expect("writing the expected text");
        }
        let expected = std::fs::read_to_string(&expected_path).expect("expected text");
        assert_eq!(essay.text(), expected.trim_end_matches('\n'), "{name}");
        assert_eq!(essay.title, title, "{name}");
        assert_eq!(essay.byline.as_deref(), byline, "{name}");
        assert_eq!(essay.date.as_deref(), date, "{name}");
        assert_eq!(essay.blocks[0].kind, BlockKind::Title, "{name}");
    }
}

#[test]
fn navigation_sidebars_comments_and_scripts_are_left_out() {
    let text = read("news").text();
    for left_out in [
        "Most read",
        "Subscribe",
        "sailor42",
        "Keep the ferry!",
        "analytics",
        "font-family",
        "Privacy",
        "Sport",
        "By Mara Quill",
    ] {
        assert!(!text.contains(left_out), "{left_out:?} should be left out");
    }
    let text = read("encyclopedia").text();
    assert!(
        !text.contains("Contents"),
        "the table of contents is navigation"
    );
    assert!(!text.contains("Log in") && !text.contains("Current events"));
    let text = read("newsletter").text();
    assert!(!text.contains("Unsubscribe") && !text.contains("View in your browser"));
}

#[test]
fn blocks_keep_their_structure_and_spans() {
    let kinds = |name: &str| -> Vec<(BlockKind, u8, bool)> {
        read(name)
            .blocks
            .iter()
            .map(|b| (b.kind, b.depth, b.joined))
            .collect()
    };
    let code = kinds("code");
    assert_eq!(code.iter().filter(|k| k.0 == BlockKind::Code).count(), 5);
    assert!(
        code.contains(&(BlockKind::Code, 0, true)),
        "lines of a code block are joined"
    );
    let tables = kinds("tables");
    assert_eq!(tables.iter().filter(|k| k.0 == BlockKind::Table).count(), 4);
    assert!(
        tables.contains(&(BlockKind::Item, 1, false)),
        "a nested item is one deeper"
    );
    let verse = kinds("verse");
    assert_eq!(
        verse
            .iter()
            .filter(|k| *k == &(BlockKind::Verse, 0, true))
            .count(),
        3
    );
    assert!(verse.contains(&(BlockKind::Quote, 0, false)));
    let ency = read("encyclopedia");
    let notes: Vec<&str> = ency
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Footnote)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        notes,
        [
            "[1] A. Folder, Toys of Paper, 1961, p. 12.",
            "[2] B. Crease, Games in the Street, 1978."
        ]
    );
    let styles = |e: &Essay| -> Vec<String> {
        e.blocks
            .iter()
            .flat_map(|b| {
                b.spans.iter().map(|s| {
                    format!(
                        "{:?}:{}",
                        s.style,
                        b.text
                            .chars()
                            .skip(s.start)
                            .take(s.end - s.start)
                            .collect::<String>()
                    )
                })
            })
            .collect()
    };
    let ency_styles = styles(&ency);
    assert!(ency_styles.contains(&"Strong:paper boat".to_owned()));
    assert!(ency_styles.contains(&"Note(\"1\"):[1]".to_owned()));
    let blog_styles = styles(&read("blog"));
    assert!(blog_styles.contains(&"Emphasis:twice".to_owned()));
    assert!(blog_styles.contains(&"Strong:tax form".to_owned()));
    assert!(blog_styles.contains(&"Link(\"https://example.org/hand\"):this older note".to_owned()));
    assert!(styles(&read("code")).contains(&"Code:wc".to_owned()));
}

#[test]
fn a_page_without_an_article_says_so_in_one_line() {
    let path = page("noarticle.html");
    let bytes = std::fs::read(&path).expect("fixture page");
    let err = html_essays(&bytes, Path::new("noarticle.html"))
        .expect_err("no article")
        .to_string();
    assert!(
        err.starts_with("noarticle.html: no article found in this page ("),
        "{err}"
    );
    assert!(!err.contains('\n'));
    for junk in [
        &b""[..],
        b"<html></html>",
        b"\xff\xfe\x00<",
        b"<p>Just a few words.</p>",
    ] {
        let err = html_essays(junk, Path::new("x.html"))
            .expect_err("no article")
            .to_string();
        assert!(err.starts_with("x.html: no article found"), "{err}");
    }
}

#[test]
fn text_from_the_page_is_shown_not_obeyed() {
    let evil = "<html><head><title>T\u{1b}[2Jitle</title><meta name=\"author\" content=\"A\u{7}nn\"></head><body><article><p>Ring\u{7} the bell \u{1b}]52;c;aGk=\u{7} and \u{202e}reverse this, then go on with enough words to make a paragraph that reads as an article to the reader mode, which wants a few dozen words at least before it believes a page.</p></article></body></html>";
    let essay = essay_of(evil.as_bytes(), "evil.html");
    let all = format!("{}{:?}{}", essay.title, essay.byline, essay.text());
    assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{all:?}");
    assert!(!all.contains('\u{202e}'));
}

#[test]
fn a_highlight_survives_an_edit_of_the_page() {
    let path = page("news.html");
    let before = std::fs::read_to_string(&path).expect("fixture page");
    let old = essay_of(before.as_bytes(), "news.html");
    let quote = "the slowest ten minutes of my day";
    let text = old.text();
    let at = text.find(quote).expect("the quote is in the article");
    let start = text[..at].chars().count();
    let range = TextRange::new(start, start + quote.chars().count()).expect("a range");
    let anchor = anchor_for(&old, range);
    let after = before
        .replace(
            "<p>The council of Harbour Town",
            "<p>Ferries have crossed this river since the town was a village of twelve houses and a mill.</p>\n  <p>The council of Harbour Town",
        )
        .replace(
            "<h3>Most read</h3>",
            "<h3>Most read</h3><p>Our new podcast asks what the sea means to you.</p>",
        );
    let new = essay_of(after.as_bytes(), "news.html");
    assert_ne!(new.fingerprint, old.fingerprint);
    assert!(new.text().contains("twelve houses") && !new.text().contains("podcast"));
    let found = resolve(&new, &anchor)
        .range()
        .expect("the highlight is found");
    assert_eq!(new.slice(found.start(), found.end()), quote);
    assert!(!matches!(resolve(&new, &anchor), Placement::Orphaned));
}
