//! Tests of the EPUB reader on books built here with the zip crate.

use std::io::{Cursor, Write};
use std::path::Path;

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::*;

/// A zip archive of `(name, text)` files, the first stored, as EPUB wants its mimetype.
pub(crate) fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (i, (name, text)) in files.iter().enumerate() {
        let method = if i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options)
            .expect("a new file in a zip in memory");
        zip.write_all(text.as_bytes()).expect("writing to memory");
    }
    zip.finish().expect("a zip in memory").into_inner()
}

const CONTAINER: &str = r#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#;

const OPF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:0000</dc:identifier>
    <dc:title>Three Small Essays</dc:title>
    <dc:creator>Nora Pell</dc:creator>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="ch1" href="Text/one.xhtml" media-type="application/xhtml+xml"/>
    <item id="ch2" href="Text/two%20b.xhtml" media-type="application/xhtml+xml"/>
    <item id="ch3" href="Text/three.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="cover"/><itemref idref="nav"/><itemref idref="ch1"/><itemref idref="ch2"/><itemref idref="ch3"/></spine>
</package>"#;

const NAV: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Contents</title></head>
<body><nav epub:type="toc"><h1>Contents</h1><ol>
<li><a href="Text/one.xhtml">On Lists</a></li>
<li><a href="Text/two%20b.xhtml#start">On Doors</a></li>
<li><a href="Text/three.xhtml">On Weather</a></li>
</ol></nav></body></html>"#;

/// A chapter document with a heading and a body.
fn chapter(heading: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title/><link rel="stylesheet" href="s.css"/></head>
<body><h1>{heading}</h1>{body}</body></html>"#
    )
}

/// The three-essay book, with `skip` left out of its files.
pub(crate) fn book_without(skip: &str) -> Vec<u8> {
    let one = chapter(
        "On Lists",
        r#"<p>A list is a promise that things can be <em>counted</em>.<a id="p1"/> Most lists break it.</p>
<ul><li>milk</li><li>patience<ul><li>more patience</li></ul></li></ul>"#,
    );
    let two = chapter(
        "Doors",
        r#"<p id="start">Every door is a small argument between inside and outside.</p>
<blockquote><p>Shut it, the wind said.</p></blockquote>"#,
    );
    let three = chapter(
        "On Weather",
        r##"<p>Talk of the weather is how strangers agree on something.<sup><a href="#n1" epub:type="noteref">1</a></sup></p>
<pre>rain
  then sun</pre>
<aside epub:type="footnote" id="n1"><p>Except in April.</p></aside>"##,
    );
    let cover = chapter("", r#"<img src="cover.jpg" alt="Cover"/>"#);
    let files = [
        ("mimetype", "application/epub+zip"),
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", OPF),
        ("OEBPS/nav.xhtml", NAV),
        ("OEBPS/cover.xhtml", cover.as_str()),
        ("OEBPS/Text/one.xhtml", one.as_str()),
        ("OEBPS/Text/two b.xhtml", two.as_str()),
        ("OEBPS/Text/three.xhtml", three.as_str()),
    ];
    let kept: Vec<(&str, &str)> = files.into_iter().filter(|(n, _)| *n != skip).collect();
    zip_of(&kept)
}

/// Each essay's title and canonical text.
fn read(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    epub_essays(bytes, Path::new("book.epub"))
        .map(|es| {
            es.into_iter()
                .map(|e| (e.title.clone(), e.text()))
                .collect()
        })
        .map_err(|e| e.to_string())
}

#[test]
fn each_chapter_is_an_essay_in_spine_order_titled_from_the_contents() {
    let essays = read(&book_without("")).expect("the book reads");
    let titles: Vec<&str> = essays.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles, ["On Lists", "On Doors", "On Weather"]);
    assert_eq!(
        essays[0].1,
        "On Lists\n\nNora Pell\n\nA list is a promise that things can be counted. Most lists \
         break it.\n\n• milk\n\n• patience\n\n• more patience"
    );
    assert_eq!(
        essays[1].1,
        "On Doors\n\nNora Pell\n\nDoors\n\nEvery door is a small argument between inside and \
         outside.\n\nShut it, the wind said."
    );
    assert_eq!(
        essays[2].1,
        "On Weather\n\nNora Pell\n\nTalk of the weather is how strangers agree on \
         something.[1]\n\nrain\n  then sun\n\n[1] Except in April."
    );
}

#[test]
fn blocks_keep_their_kinds_in_a_chapter() {
    let essays = epub_essays(&book_without(""), Path::new("book.epub")).expect("reads");
    let kinds = |i: usize| -> Vec<BlockKind> { essays[i].blocks.iter().map(|b| b.kind).collect() };
    assert_eq!(
        kinds(1)[2..],
        [
            BlockKind::Heading(1),
            BlockKind::Paragraph,
            BlockKind::Quote
        ]
    );
    assert_eq!(
        kinds(2)[2..],
        [
            BlockKind::Paragraph,
            BlockKind::Code,
            BlockKind::Code,
            BlockKind::Footnote
        ]
    );
    assert_eq!(essays[0].blocks[5].depth, 1, "a nested item is one deeper");
    assert_eq!(essays[0].byline.as_deref(), Some("Nora Pell"));
}

#[test]
fn an_epub2_book_takes_its_titles_from_the_ncx() {
    let opf = OPF
        .replace(r#" properties="nav""#, "")
        .replace(
            "<item id=\"cover\"",
            "<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/><item id=\"cover\"",
        )
        .replace("<spine>", "<spine toc=\"ncx\">")
        .replace("<itemref idref=\"nav\"/>", "");
    let ncx = r#"<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>
<navPoint id="a"><navLabel><text>First: Lists</text></navLabel><content src="Text/one.xhtml"/></navPoint>
<navPoint id="b"><navLabel><text>Second: Doors</text></navLabel><content src="Text/two%20b.xhtml"/></navPoint>
</navMap></ncx>"#;
    let one = chapter("On Lists", "<p>Lists, again, in the second edition.</p>");
    let two = chapter("Doors", "<p>Doors, again, in the second edition.</p>");
    let three = chapter("Weather", "<p>Weather, again.</p>");
    let bytes = zip_of(&[
        ("mimetype", "application/epub+zip"),
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", &opf),
        ("OEBPS/toc.ncx", ncx),
        ("OEBPS/cover.xhtml", &chapter("", "")),
        ("OEBPS/Text/one.xhtml", &one),
        ("OEBPS/Text/two b.xhtml", &two),
        ("OEBPS/Text/three.xhtml", &three),
    ]);
    let titles: Vec<String> = read(&bytes)
        .expect("reads")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(titles, ["First: Lists", "Second: Doors", "Weather"]);
}

#[test]
fn a_broken_book_names_the_missing_part() {
    assert_eq!(
        read(&book_without("META-INF/container.xml")),
        Err("book.epub: no META-INF/container.xml".to_owned())
    );
    assert_eq!(
        read(&book_without("OEBPS/Text/two b.xhtml")),
        Err("book.epub: spine item ch2 points to missing OEBPS/Text/two b.xhtml".to_owned())
    );
    assert_eq!(
        read(&book_without("OEBPS/content.opf")),
        Err("book.epub: META-INF/container.xml points to missing OEBPS/content.opf".to_owned())
    );
    let bad = read(b"PK\x03\x04 not really a zip").expect_err("not a zip");
    assert!(
        bad.starts_with("book.epub: not a readable zip archive ("),
        "{bad}"
    );
    assert!(!bad.contains('\n'));
    let orphan = zip_of(&[
        ("mimetype", "application/epub+zip"),
        ("META-INF/container.xml", CONTAINER),
        (
            "OEBPS/content.opf",
            &OPF.replace("idref=\"ch3\"", "idref=\"ch9\""),
        ),
    ]);
    assert_eq!(
        read(&orphan),
        Err("book.epub: spine item ch9 is not in the manifest of OEBPS/content.opf".to_owned())
    );
}

#[test]
fn a_highlight_in_a_chapter_survives_an_edit_of_the_book() {
    use crate::anchor::{anchor_for, resolve_all};
    use crate::range::TextRange;
    let book = |doors: &str| {
        let one = chapter("On Lists", "<p>A list is a promise.</p>");
        let two = chapter("Doors", doors);
        let three = chapter("On Weather", "<p>Talk of the weather.</p>");
        let cover = chapter("", r#"<img src="cover.jpg" alt="Cover"/>"#);
        zip_of(&[
            ("mimetype", "application/epub+zip"),
            ("META-INF/container.xml", CONTAINER),
            ("OEBPS/content.opf", OPF),
            ("OEBPS/nav.xhtml", NAV),
            ("OEBPS/cover.xhtml", cover.as_str()),
            ("OEBPS/Text/one.xhtml", one.as_str()),
            ("OEBPS/Text/two b.xhtml", two.as_str()),
            ("OEBPS/Text/three.xhtml", three.as_str()),
        ])
    };
    let passage = "small argument";
    let before = epub_essays(
        &book("<p>Every door is a small argument between inside and outside.</p><p>Shut it.</p>"),
        Path::new("book.epub"),
    )
    .expect("reads");
    let text = before[1].text();
    let start = text[..text.find(passage).expect("the passage")]
        .chars()
        .count();
    let range = TextRange::new(start, start + passage.chars().count()).expect("a range");
    let anchor = anchor_for(&before[1], range);
    // A paragraph added before it, and words added around it.
    let after = epub_essays(
        &book(
            "<p>A first line, added in the second edition.</p>\
             <p>Every door is, they say, a small argument between inside and outside.</p>\
             <p>Shut it.</p>",
        ),
        Path::new("book.epub"),
    )
    .expect("reads");
    let placed = resolve_all(&after[1], &[&anchor]);
    let found = placed[0].range().expect("the highlight is found");
    assert_eq!(after[1].slice(found.start(), found.end()), passage);
    assert!(found.start() > start, "it moved with the text");
}
