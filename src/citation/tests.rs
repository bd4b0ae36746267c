use super::*;
use crate::essay::split;

/// Two essays in one file: a header (date, title, byline, standfirst) and numbered paragraphs.
const FILE: &str = "Monday, June 1, 2026\n\nOn Ferries\n\nBy Ida Marsh\n\n\
Crossings teach a slow kind of attention.\n\n\
The first ferry left at dawn.\n\n\
The second crossed at noon, with the gulls.\n\n\
The third waited for the tide.\n\n\n\
Against Bridges\n\nTomás Ñúñez\n\n\
A bridge forgets the water under it. It keeps only the banks.\n\n\
漢字 and emoji 🌊 cross here: e\u{301}cole.\n";

fn essays() -> Vec<Essay> {
    split(FILE, "ferries")
}

fn range_of(essay: &Essay, needle: &str) -> TextRange {
    let text = essay.text();
    let byte = text.find(needle).expect("needle in the essay");
    let start = text[..byte].chars().count();
    TextRange::new(start, start + needle.chars().count()).expect("a non-empty needle")
}

#[test]
fn a_selection_is_quoted_with_title_author_and_paragraph() {
    let essays = essays();
    assert_eq!(essays.len(), 2);
    let first = &essays[0];
    let q = Quotation::of(first, range_of(first, "The second crossed at noon"));
    assert_eq!(
        q.text(),
        "“The second crossed at noon”\n— On Ferries, Ida Marsh, ¶2"
    );
}

#[test]
fn paragraphs_count_again_in_each_essay_of_the_file() {
    let essays = essays();
    let second = &essays[1];
    let q = Quotation::of(second, range_of(second, "A bridge forgets"));
    assert_eq!(
        q.text(),
        "“A bridge forgets”\n— Against Bridges, Tomás Ñúñez, ¶1"
    );
    // The last paragraph of the first essay is its third.
    let first = &essays[0];
    let q = Quotation::of(first, range_of(first, "waited for the tide."));
    assert_eq!(q.paragraphs, Some((3, 3)));
}

#[test]
fn unicode_passes_whole_and_a_passage_over_paragraphs_names_them_all() {
    let essays = essays();
    let second = &essays[1];
    let q = Quotation::of(
        second,
        range_of(second, "漢字 and emoji 🌊 cross here: e\u{301}cole."),
    );
    assert_eq!(
        q.text(),
        "“漢字 and emoji 🌊 cross here: e\u{301}cole.”\n— Against Bridges, Tomás Ñúñez, ¶2"
    );
    let first = &essays[0];
    let across = range_of(first, "at dawn.\n\nThe second");
    assert_eq!(
        Quotation::of(first, across).text(),
        "“at dawn.\n\nThe second”\n— On Ferries, Ida Marsh, ¶1–2"
    );
}

#[test]
fn the_header_has_no_paragraph_and_blanks_around_a_passage_go() {
    let essays = essays();
    let first = &essays[0];
    // The standfirst is not a body paragraph.
    let q = Quotation::of(first, range_of(first, "Crossings teach"));
    assert_eq!(q.text(), "“Crossings teach”\n— On Ferries, Ida Marsh");
    let q = Quotation::of(first, range_of(first, " left at dawn."));
    assert_eq!(q.passage, "left at dawn.");
}

#[test]
fn a_highlight_not_found_quotes_its_stored_text_without_a_paragraph() {
    let essays = essays();
    let q = Quotation::unplaced(&essays[1], "  words that went away ");
    assert_eq!(
        q.text(),
        "“words that went away”\n— Against Bridges, Tomás Ñúñez"
    );
}

#[test]
fn a_note_follows_the_quotation_with_its_line_breaks() {
    let essays = essays();
    let first = &essays[0];
    let q = Quotation::of(first, range_of(first, "The first ferry left at dawn."));
    assert_eq!(
        with_note(&q.text(), Some("  Dawn again.\nCompare #tides  ")),
        "“The first ferry left at dawn.”\n— On Ferries, Ida Marsh, ¶1\n\nDawn again.\nCompare #tides"
    );
    assert_eq!(with_note(&q.text(), Some(" \n ")), q.text());
    assert_eq!(with_note(&q.text(), None), q.text());
}

#[test]
fn controls_are_stripped_but_line_breaks_stay() {
    let essays = essays();
    let q = Quotation::unplaced(&essays[0], "bell\u{7} esc\u{1b}[31m c1\u{9b}2J del\u{7f}");
    let text = with_note(&q.text(), Some("line\r\nnext\ttab\u{0}\u{85}"));
    assert_eq!(
        text,
        "“bell esc[31m c12J del”\n— On Ferries, Ida Marsh\n\nline\nnext tab"
    );
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn a_link_quotes_both_passages_with_the_relation_between() {
    let essays = essays();
    let (a, b) = (&essays[0], &essays[1]);
    let from = Quotation::of(a, range_of(a, "The third waited for the tide."));
    let to = Quotation::of(b, range_of(b, "A bridge forgets the water under it."));
    assert_eq!(
        linked(&from, "contradicts", &to),
        "“The third waited for the tide.”\n— On Ferries, Ida Marsh, ¶3\n\n⇄ contradicts\n\n\
         “A bridge forgets the water under it.”\n— Against Bridges, Tomás Ñúñez, ¶1"
    );
}
