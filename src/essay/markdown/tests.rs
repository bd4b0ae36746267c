//! Tests of the Markdown reader.

use std::path::Path;

use super::markdown_essays;

#[test]
fn smoke() {
    let e = markdown_essays("# Hi\n\nSome *text*.\n", Path::new("x.md")).unwrap();
    assert_eq!(e[0].text(), "Hi\n\nSome text.");
}

#[test]
fn dump() {
    let t = std::fs::read_to_string("tests/fixtures/markdown/constructs.md").unwrap();
    for e in markdown_essays(&t, Path::new("constructs.md")).unwrap() {
        eprintln!("== {} | {} | {:?} | {:?}", e.id, e.title, e.byline, e.date);
        for b in &e.blocks {
            eprintln!(
                "{:?} d{} j{} {:?} {:?}",
                b.kind, b.depth, b.joined, b.text, b.spans
            );
        }
    }
}
