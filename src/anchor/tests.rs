//! Re-anchoring on small texts, one test per path.

use super::*;
use crate::essay::BlockKind;

/// An essay of paragraphs, with a fingerprint that changes with its text.
fn essay(paragraphs: &[&str]) -> Essay {
    let mut e = Essay::from_blocks(
        "t".into(),
        paragraphs
            .iter()
            .map(|p| (BlockKind::Paragraph, p.to_string()))
            .collect(),
    );
    e.fingerprint = format!("{:x}", {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        e.text().hash(&mut h);
        h.finish()
    });
    e
}

/// The range of the `n`-th (from 0) occurrence of `needle` in the essay's text.
fn find(e: &Essay, needle: &str, n: usize) -> TextRange {
    let text = e.text();
    let (b, _) = text.match_indices(needle).nth(n).unwrap();
    let start = text[..b].chars().count();
    TextRange::new(start, start + needle.chars().count()).unwrap()
}

fn quoted(e: &Essay, p: Placement) -> String {
    let r = p.range().unwrap();
    e.slice(r.start(), r.end())
}

const ONE: &str = "Reading slowly is a discipline. It asks for patience with the page.";
const TWO: &str = "The margin holds what matters. A note is a small argument with the author.";
const THREE: &str = "Two voices on one subject rarely agree. Comparing them is the point.";

#[test]
fn anchors_grow_context_until_unique() {
    let e = essay(&["The same words. One side.", "The same words. Other side."]);
    let r = find(&e, "The same words", 1);
    let a = anchor_for(&e, r);
    assert_eq!(a.quote, "The same words");
    let needle = format!("{}{}{}", a.prefix, a.quote, a.suffix);
    assert_eq!(e.text().matches(&needle).count(), 1);
    assert_eq!(resolve(&e, &a), Placement::Exact(r));
}

#[test]
fn unchanged_essay_uses_the_offsets() {
    let e = essay(&[ONE, TWO, THREE]);
    let r = find(&e, "A note is", 0);
    let mut a = anchor_for(&e, r);
    a.prefix.clear(); // offsets alone are enough while the fingerprint holds
    a.suffix.clear();
    assert_eq!(resolve(&e, &a), Placement::Exact(r));
}

#[test]
fn a_paragraph_added_at_the_top_shifts_it() {
    let e = essay(&[ONE, TWO, THREE]);
    let a = anchor_for(&e, find(&e, "small argument", 0));
    let edited = essay(&["A new opening paragraph.", ONE, TWO, THREE]);
    assert_eq!(
        resolve(&edited, &a),
        Placement::Exact(find(&edited, "small argument", 0))
    );
}

#[test]
fn swapped_paragraphs_keep_it_exact() {
    let e = essay(&[ONE, TWO, THREE]);
    let a = anchor_for(&e, find(&e, "Comparing them", 0));
    let edited = essay(&[THREE, TWO, ONE]);
    assert_eq!(
        resolve(&edited, &a),
        Placement::Exact(find(&edited, "Comparing them", 0))
    );
}

#[test]
fn finds_the_right_copy_of_a_repeated_sentence() {
    let s = "It is worth saying twice.";
    let e = essay(&[&format!("{ONE} {s}"), &format!("{TWO} {s}"), THREE]);
    let a = anchor_for(&e, find(&e, s, 1));
    let edited = essay(&[
        THREE,
        &format!("{TWO} {s}"),
        "Inserted.",
        &format!("{ONE} {s}"),
    ]);
    assert_eq!(resolve(&edited, &a), Placement::Exact(find(&edited, s, 0)));
}

#[test]
fn the_old_position_breaks_a_tie_between_equal_copies() {
    let e = essay(&["Same words here.", "Same words here.", "Same words here."]);
    let second = find(&e, "Same", 1);
    // An anchor whose context could not tell the copies apart.
    let a = Anchor {
        quote: "Same".into(),
        prefix: String::new(),
        suffix: " words".into(),
        start: second.start() - 3,
        end: second.end() - 3,
        fingerprint: "older".into(),
        extra: Default::default(),
    };
    assert_eq!(resolve(&e, &a), Placement::Exact(second));
}

#[test]
fn a_fixed_word_gives_moved_over_the_whole_sentence() {
    let e = essay(&[ONE, TWO, THREE]);
    let a = anchor_for(
        &e,
        find(&e, "A note is a small argument with the author.", 0),
    );
    let edited = essay(&[
        ONE,
        "The margin holds what matters. A note is a brief argument with the author.",
        THREE,
    ]);
    let p = resolve(&edited, &a);
    assert!(matches!(p, Placement::Moved(_)), "{p:?}");
    assert_eq!(
        quoted(&edited, p),
        "A note is a brief argument with the author."
    );
}

#[test]
fn an_edit_at_the_edge_of_the_quote_snaps_to_words() {
    let e = essay(&[ONE, TWO, THREE]);
    let a = anchor_for(&e, find(&e, "A note is a small argument", 0));
    let edited = essay(&[
        ONE,
        "The margin holds what matters. A note is a small arguments with the author.",
        THREE,
    ]);
    let p = resolve(&edited, &a);
    assert!(matches!(p, Placement::Moved(_)), "{p:?}");
    assert_eq!(quoted(&edited, p), "A note is a small arguments");
}

#[test]
fn a_quarter_of_a_short_quote_changed_is_too_much() {
    let e = essay(&[ONE, TWO, THREE]);
    let a = anchor_for(&e, find(&e, "what matters", 0));
    let edited = essay(&[
        ONE,
        "The margin holds whatever matters. A note is a small argument with the author.",
        THREE,
    ]);
    assert_eq!(resolve(&edited, &a), Placement::Orphaned);
}

#[test]
fn a_deleted_paragraph_is_orphaned() {
    let e = essay(&[ONE, TWO, THREE]);
    let a = anchor_for(&e, find(&e, "A note is a small argument", 0));
    assert_eq!(resolve(&essay(&[ONE, THREE]), &a), Placement::Orphaned);
}

#[test]
fn a_short_quote_is_not_attached_to_a_look_alike() {
    let e = essay(&[ONE, TWO, THREE]);
    let a = anchor_for(&e, find(&e, "note", 0));
    let edited = essay(&[
        ONE,
        "Nothing here is the same.",
        "Take note of it, said the other.",
    ]);
    assert_eq!(resolve(&edited, &a), Placement::Orphaned);
}

#[test]
fn a_long_unique_quote_is_found_without_its_context() {
    let e = essay(&[ONE, TWO, THREE]);
    let q = "Two voices on one subject rarely agree.";
    let a = anchor_for(&e, find(&e, q, 0));
    let edited = essay(&[&format!("Altogether new words around it: {q} And more.")]);
    assert_eq!(resolve(&edited, &a), Placement::Exact(find(&edited, q, 0)));
}

#[test]
fn a_quote_that_is_gone_is_orphaned() {
    let e = essay(&["Alpha beta gamma."]);
    let a = anchor_for(&e, find(&e, "beta", 0));
    assert_eq!(
        resolve(&essay(&["Nothing like it."]), &a),
        Placement::Orphaned
    );
}

#[test]
fn unicode_offsets_are_code_points() {
    let e = essay(&["Café naïve — déjà vu.", "Ünïcödé everywhere, naïve again."]);
    let r = find(&e, "naïve again", 0);
    let a = anchor_for(&e, r);
    let edited = essay(&[
        "Ça commence ici.",
        "Café naïve — déjà vu.",
        "Ünïcödé everywhere, naïve again.",
    ]);
    assert_eq!(
        resolve(&edited, &a),
        Placement::Exact(find(&edited, "naïve again", 0))
    );
}

#[test]
fn resolve_all_gives_one_placement_per_anchor() {
    let e = essay(&[ONE, TWO, THREE]);
    let anchors: Vec<Anchor> = ["slowly", "margin", "voices"]
        .iter()
        .map(|w| anchor_for(&e, find(&e, w, 0)))
        .collect();
    let refs: Vec<&Anchor> = anchors.iter().collect();
    let edited = essay(&[THREE, ONE]);
    let got = resolve_all(&edited, &refs);
    assert_eq!(
        got,
        vec![
            Placement::Exact(find(&edited, "slowly", 0)),
            Placement::Orphaned,
            Placement::Exact(find(&edited, "voices", 0)),
        ]
    );
}

use proptest::strategy::Strategy;

proptest::proptest! {
    /// Made from the blocks, an anchor is the one made from the whole text.
    #[test]
    fn an_anchor_made_block_by_block_is_the_one_made_from_the_text(
        paragraphs in proptest::collection::vec(
            ("[ab é.\n]{1,5}", 1..60usize).prop_map(|(unit, times)| unit.repeat(times)),
            1..5,
        ),
        from in 0usize..600,
        len in 1usize..12,
    ) {
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let e = essay(&refs);
        let start = from % e.len.max(1);
        let Some(range) = TextRange::new(start, (start + len).min(e.len)) else {
            return Ok(());
        };
        let text = IndexedText::new(e.text());
        let whole = anchor_in(
            |a, b| Cow::Borrowed(text.slice(a, b)),
            &e.fingerprint,
            range,
            |n| text.is_repeated(n),
        );
        proptest::prop_assert_eq!(anchor_for(&e, range), whole);
    }
}
