//! Each kind of file on screen, as a reader sees it: a Markdown essay, a saved web page and
//! a chapter of an EPUB book, with their headings, lists, quotes, code and tables.

mod common;

use std::io::{Cursor, Write};

use common::screen::{Screen, fixture};
use zip::write::SimpleFileOptions;

#[test]
fn a_markdown_essay_at_100x40() {
    let mut s = Screen::open(&fixture("markdown/constructs.md"), 100, 40);
    let text = s.text();
    insta::assert_snapshot!("format_markdown_100x40", text);
    // Markup is read, not shown.
    assert!(!text.contains("```") && !text.contains("](") && !text.contains("## "));
    assert!(text.contains("• a turn of phrase,"), "{text}");
}

#[test]
fn a_saved_web_page_at_100x40() {
    let mut s = Screen::open(&fixture("html/news.html"), 100, 40);
    let text = s.text();
    insta::assert_snapshot!("format_html_100x40", text);
    assert!(!text.contains('<') && !text.contains("&amp;"), "{text}");
}

/// A small EPUB book of two chapters, written to `dir`.
fn book(dir: &std::path::Path) -> std::path::PathBuf {
    let container = r#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="book.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#;
    let opf = r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier>
<dc:title>Two Walks</dc:title><dc:creator>Ida Fern</dc:creator></metadata>
<manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/>
<item id="b" href="b.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="a"/><itemref idref="b"/></spine></package>"#;
    let chapter = |title: &str, body: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"#
        )
    };
    let a = chapter(
        "Along the Canal",
        "<p>The towpath keeps the <em>slow</em> pace of the barges it was made for.</p>\
         <blockquote><p>Walk as the water walks.</p></blockquote>\
         <ol><li>Start at the lock.</li><li>Stop at the bridge.</li></ol>",
    );
    let b = chapter("Over the Hill", "<p>The second walk climbs.</p>");
    let files = [
        ("mimetype", "application/epub+zip"),
        ("META-INF/container.xml", container),
        ("book.opf", opf),
        ("a.xhtml", a.as_str()),
        ("b.xhtml", b.as_str()),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in files {
        zip.start_file(name, SimpleFileOptions::default())
            .expect("a file in the zip");
        zip.write_all(text.as_bytes()).expect("written to memory");
    }
    let bytes = zip.finish().expect("a zip").into_inner();
    let path = dir.join("walks.epub");
    std::fs::write(&path, bytes).expect("the book written");
    path
}

#[test]
fn a_chapter_of_an_epub_book_at_100x30() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = book(dir.path());
    let mut s = Screen::open(&path, 100, 30);
    let text = s.text();
    insta::assert_snapshot!("format_epub_100x30", text);
    assert!(
        text.contains("Along the Canal") && text.contains("Ida Fern"),
        "{text}"
    );
}
