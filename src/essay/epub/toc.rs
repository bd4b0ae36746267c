//! Chapter titles from a book's table of contents: the EPUB 3 navigation document, or else
//! the EPUB 2 NCX. The first entry that points into a file names it.

use std::collections::HashMap;
use std::io::{Read, Seek};

use dom_query::Document;
use zip::ZipArchive;

use super::book::{Book, dir_of, read_part, resolve};
use super::xhtml::expand_self_closing;
use crate::essay::html::decode_page;

/// The title of each chapter file the table of contents names (file path → title). A table
/// of contents that is missing or unreadable gives none: chapters then take their headings.
pub(super) fn titles<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    book: &Book,
) -> HashMap<String, String> {
    let mut titles = HashMap::new();
    if let Some(nav) = &book.nav
        && let Ok(Some(bytes)) = read_part(zip, nav)
    {
        from_nav(&decode_page(&bytes), &dir_of(nav), &mut titles);
    }
    if titles.is_empty()
        && let Some(ncx) = &book.ncx
        && let Ok(Some(bytes)) = read_part(zip, ncx)
    {
        from_ncx(&String::from_utf8_lossy(&bytes), &dir_of(ncx), &mut titles);
    }
    titles
}

/// The entries of the `<nav epub:type="toc">` (or the first `<nav>`) of a navigation document.
fn from_nav(xhtml: &str, base: &str, titles: &mut HashMap<String, String>) {
    let doc = Document::from(expand_self_closing(xhtml));
    let navs = doc.select("nav");
    let nodes = navs.nodes();
    let toc = nodes
        .iter()
        .find(|n| n.attr("epub:type").is_some_and(|t| t.contains("toc")))
        .or_else(|| nodes.first());
    let Some(toc) = toc else { return };
    for a in toc.descendants_it().filter(|n| n.has_name("a")) {
        if let Some(href) = a.attr("href") {
            add(titles, resolve(base, &href), &a.text());
        }
    }
}

/// The `navPoint`s of an NCX, in document order.
fn from_ncx(xml: &str, base: &str, titles: &mut HashMap<String, String>) {
    let Ok(doc) = roxmltree::Document::parse(xml.trim_start_matches('\u{feff}')) else {
        return;
    };
    for point in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "navPoint")
    {
        let label = point
            .children()
            .find(|n| n.tag_name().name() == "navLabel")
            .and_then(|l| l.descendants().find(|n| n.tag_name().name() == "text"))
            .and_then(|t| t.text())
            .unwrap_or_default();
        let src = point
            .children()
            .find(|n| n.tag_name().name() == "content")
            .and_then(|c| c.attribute("src"));
        if let Some(src) = src {
            add(titles, resolve(base, src), label);
        }
    }
}

/// Records a title for a file unless one is known, its white space collapsed.
fn add(titles: &mut HashMap<String, String>, path: String, label: &str) {
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if !label.is_empty() {
        titles.entry(path).or_insert(label);
    }
}
