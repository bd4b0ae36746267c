use super::*;
use crate::essay::{BlockKind, Essay, split};

/// An essay with a title and one paragraph per string.
fn essay(id: &str, paragraphs: &[&str]) -> Essay {
    let mut blocks = vec![(BlockKind::Title, format!("On {id}"))];
    blocks.extend(
        paragraphs
            .iter()
            .map(|p| (BlockKind::Paragraph, p.to_string())),
    );
    Essay::from_blocks(id.to_owned(), blocks)
}

/// The range of the sentence of `essay` holding `needle`.
fn sentence_with(essay: &Essay, needle: &str) -> TextRange {
    let text = essay.text();
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {}", essay.id));
    let offset = text[..byte].chars().count();
    crate::selection::sentence_at(essay, offset).expect("a sentence")
}

/// The text of a passage.
fn text_of(essay: &Essay, p: Passage) -> String {
    essay.slice(p.range.start(), p.range.end())
}

/// The best match's text for the sentence holding `needle`.
fn top_texts(a: &Essay, b: &Essay, needle: &str, n: usize) -> Vec<(String, f32)> {
    let (ia, ib) = (SentenceIndex::new(a), SentenceIndex::new(b));
    most_similar(&ia, sentence_with(a, needle), &ib, n)
        .into_iter()
        .map(|m| (text_of(b, m.passage), m.score))
        .collect()
}

#[test]
fn passages_skip_headers_and_join_fragments() {
    let e = essay(
        "x",
        &["The army crossed the river at dawn. And always. Then the army rested."],
    );
    let idx = SentenceIndex::new(&e);
    let texts: Vec<String> = idx.passages().iter().map(|&p| text_of(&e, p)).collect();
    assert_eq!(
        texts,
        [
            "The army crossed the river at dawn. And always.",
            "Then the army rested."
        ]
    );
    assert!(idx.passages().iter().all(|p| p.block == 1));
}

#[test]
fn exact_repeat_ranks_first() {
    let a = essay(
        "a",
        &["The alliance between the two states grew stronger over the winter months."],
    );
    let b = essay(
        "b",
        &[
            "Over the winter months the two states saw their alliance grow much stronger.",
            "The alliance between the two states grew stronger over the winter months.",
            "Trade between the states grew in winter.",
        ],
    );
    let top = top_texts(&a, &b, "alliance between", 3);
    assert_eq!(top[0].1, 1.0);
    assert!(top[0].0.starts_with("The alliance between"));
    assert!(top[1].1 < 1.0);
}

#[test]
fn shared_content_beats_shared_stop_words() {
    let a = essay(
        "a",
        &["Farmers protested against the new grain tariffs in the capital."],
    );
    let b = essay(
        "b",
        &[
            "It was the one that they had in the end, and it was against all of them.",
            "In the capital, angry farmers protest grain tariffs.",
        ],
    );
    let top = top_texts(&a, &b, "Farmers", 5);
    // Every passage is offered (rank, don't cut), the one sharing nothing scores 0.
    assert_eq!(top.len(), 2, "{top:?}");
    assert!(top[0].0.contains("angry farmers"));
    assert_eq!(strength(top[0].1), Strength::Strong, "{top:?}");
    assert_eq!(top[1].1, 0.0, "{top:?}");
}

#[test]
fn stemming_matches_inflections() {
    let a = essay("a", &["Both governments supported the military alliances."]);
    let b = essay(
        "b",
        &[
            "The government will support a military alliance.",
            "Weather was mild and sunny.",
        ],
    );
    let top = top_texts(&a, &b, "Both", 5);
    assert!(top[0].0.contains("military alliance"), "{top:?}");
    assert!(top[0].1 > 0.3, "{top:?}");
    assert_eq!(top[1].1, 0.0, "{top:?}");
}

#[test]
fn a_shared_name_alone_scores_low() {
    let a = essay(
        "a",
        &["Farmers in Kharkov harvested wheat early this year."],
    );
    let b = essay(
        "b",
        &[
            "Shelling near Kharkov continued overnight.",
            "Farmers harvested wheat early.",
        ],
    );
    let top = top_texts(&a, &b, "Farmers", 5);
    assert!(top[0].0.starts_with("Farmers harvested"), "{top:?}");
    assert!(
        top.iter()
            .all(|(t, s)| !t.contains("Shelling") || *s < 0.15),
        "{top:?}"
    );
}

#[test]
fn no_content_words_still_offers_candidates_by_place() {
    let a = essay(
        "a",
        &[
            "It was all of that and more than this.",
            "Grain prices rose in the spring.",
        ],
    );
    let b = essay(
        "b",
        &[
            "Grain prices rose.",
            "It was more than that, and all of this was not.",
            "Ships waited in the harbour.",
        ],
    );
    let top = top_texts(&a, &b, "It was", 5);
    // Nothing is shared: every passage is offered at 0, the one at the same place first.
    assert_eq!(top.len(), 3, "{top:?}");
    assert!(top.iter().all(|(_, s)| *s == 0.0), "{top:?}");
    assert!(top[0].0.starts_with("Grain"), "{top:?}");
    // Only an essay without passages gives nothing.
    let empty = Essay::from_blocks("e".into(), vec![(BlockKind::Title, "Only a title".into())]);
    let (ia, ie) = (SentenceIndex::new(&a), SentenceIndex::new(&empty));
    assert!(most_similar(&ia, sentence_with(&a, "It was"), &ie, 5).is_empty());
}

#[test]
fn deterministic_and_consistent() {
    let a = essay(
        "a",
        &[
            "Grain prices rose in spring. Farmers sold early. Traders bought grain in bulk.",
            "The harbour froze; ships waited for grain.",
        ],
    );
    let b = essay(
        "b",
        &["Traders bought grain in spring. Prices of grain rose. The ships waited in the harbour."],
    );
    let (ia, ib) = (SentenceIndex::new(&a), SentenceIndex::new(&b));
    let first = best_pairs(&ia, &ib, 10);
    assert_eq!(
        first,
        best_pairs(&SentenceIndex::new(&a), &SentenceIndex::new(&b), 10)
    );
    assert!(!first.is_empty());
    // One passage per side at most.
    for (i, x) in first.iter().enumerate() {
        for y in &first[i + 1..] {
            assert!(x.0 != y.0 && x.1 != y.1);
        }
    }
    // best_pairs and most_similar agree on the score of a pair.
    for (pa, pb, score) in first {
        let m = most_similar(&ia, pa.range, &ib, 100);
        let found = m.iter().find(|m| m.passage == pb).expect("pair found");
        assert!((found.score - score).abs() < 1e-5);
    }
}

#[test]
fn same_essay_does_not_match_itself() {
    let a = essay(
        "a",
        &[
            "Grain prices rose in spring.",
            "Grain prices rose in spring.",
            "Ships waited.",
        ],
    );
    let ia = SentenceIndex::new(&a);
    let q = ia.passages()[0].range;
    let m = most_similar(&ia, q, &ia, 5);
    assert_eq!(m[0].passage, ia.passages()[1]);
    assert_eq!(m[0].score, 1.0);
}

/// The two reference essays.
fn reference() -> Option<(Essay, Essay)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/essays/essays.txt");
    let text = std::fs::read_to_string(path).ok()?;
    let mut essays = split(&text, "x").into_iter();
    Some((essays.next()?, essays.next()?))
}

/// Asserts that a passage of `b` holding `expected` is among the top 3 for `needle` of `a`.
fn assert_top3(a: &Essay, b: &Essay, needle: &str, expected: &str) {
    let top = top_texts(a, b, needle, 3);
    assert!(
        top.iter().any(|(t, _)| t.contains(expected)),
        "for {needle:?} expected {expected:?} in {top:#?}"
    );
}

#[test]
fn reference_parallels() {
    let Some((one, two)) = reference() else {
        eprintln!("reference essays not found; skipped");
        return;
    };
    // The same event: the Kharkov offensive, six days before the visit.
    let top = top_texts(&one, &two, "Kharkov Region", 1);
    assert!(top[0].0.contains("Kharkov began"), "{top:?}");
    // The same phrase about the partnership, in a quote of each side.
    assert_top3(&one, &two, "our comprehensive partnership", "main pillar");
    // Coordination between Moscow and Beijing.
    assert_top3(
        &one,
        &two,
        "aired such views",
        "intensifying foreign policy",
    );
    // The first foreign visit after re-election, the first trip after the inauguration.
    assert_top3(&one, &two, "first foreign visit", "symbolic component");
    // A sentence repeated verbatim within essay one ranks first with score 1.
    let i1 = SentenceIndex::new(&one);
    let standfirst = sentence_with(&one, "The big picture");
    let m = most_similar(&i1, standfirst, &i1, 1);
    assert_eq!(m[0].score, 1.0);
    assert!(m[0].passage.range.start() > standfirst.end());
}

#[test]
fn reference_best_pairs() {
    let Some((one, two)) = reference() else {
        eprintln!("reference essays not found; skipped");
        return;
    };
    let pairs = best_pairs(&SentenceIndex::new(&one), &SentenceIndex::new(&two), 10);
    assert_eq!(pairs.len(), 10);
    let short = |s: String| s.chars().take(80).collect::<String>();
    for (a, b, score) in &pairs {
        println!(
            "{score:.3}\n  1: {}\n  2: {}",
            short(text_of(&one, *a)),
            short(text_of(&two, *b))
        );
    }
    assert!(pairs.windows(2).all(|w| w[0].2 >= w[1].2));
    assert!(text_of(&two, pairs[0].1).contains("Kharkov"));
}

#[test]
fn prefixes_join_forms_the_stemmer_misses() {
    // "bloc" and "blocks": one word to a reader, two stems to the suffix stripper.
    let a = essay("a", &["The western bloc held together through the winter."]);
    let b = essay(
        "b",
        &[
            "Farmers sold their grain before the winter came.",
            "Trading blocks held together against the pressure.",
        ],
    );
    let top = top_texts(&a, &b, "western bloc", 2);
    assert!(top[0].0.starts_with("Trading blocks"), "{top:?}");
    assert_eq!(
        super::stem::stem("understands"),
        super::stem::stem("understanding")
    );
}

#[test]
fn a_shared_multi_word_name_counts_like_words() {
    // Both essays name the Red Army; a single shared name ("Kharkov") is discounted.
    let a = essay(
        "a",
        &[
            "The Red Army marched west.",
            "Kharkov lay quiet under snow.",
        ],
    );
    let b = essay(
        "b",
        &[
            "Nobody expected the Red Army so soon.",
            "Nobody expected Kharkov so soon.",
        ],
    );
    let army = top_texts(&a, &b, "Red Army", 2);
    assert!(army[0].0.contains("Red Army"), "{army:?}");
    let city = top_texts(&a, &b, "Kharkov", 2);
    assert!(city[0].0.contains("Kharkov"), "{city:?}");
    assert!(army[0].1 > city[0].1, "{army:?} {city:?}");
    assert_eq!(strength(army[0].1), Strength::Strong, "{army:?}");
}

#[test]
fn neighbours_lift_a_paraphrase_that_shares_nothing() {
    // The middle sentences share no word; their neighbours are parallel.
    let a = essay(
        "a",
        &[
            "Grain prices rose sharply in spring. Nobody could afford bread. Bakers closed their shops in the capital.",
        ],
    );
    let b = essay(
        "b",
        &[
            "A loaf became a luxury for the poor. In spring grain prices rose sharply. The capital's bakeries shut their doors. Ships waited in the harbour.",
        ],
    );
    let top = top_texts(&a, &b, "Nobody could", 4);
    assert!(
        top[0].0.starts_with("The capital") || top[0].0.starts_with("A loaf"),
        "{top:?}"
    );
    // Ranked by its neighbours, but still weak: it shares no word.
    assert!(
        top.iter().all(|(_, s)| strength(*s) == Strength::Weak),
        "{top:?}"
    );
}

proptest::proptest! {
    /// On any two essays: scores within 0..=1, the same from either side, every passage offered.
    #[test]
    fn scores_are_bounded_symmetric_and_complete(
        xs in proptest::collection::vec("[A-Za-z]{1,7}( [a-z]{1,7}){3,9}\\.", 1..6),
        ys in proptest::collection::vec("[A-Za-z]{1,7}( [a-z]{1,7}){3,9}\\.", 1..6),
    ) {
        let a = essay("a", &xs.iter().map(String::as_str).collect::<Vec<_>>());
        let b = essay("b", &ys.iter().map(String::as_str).collect::<Vec<_>>());
        let (ia, ib) = (SentenceIndex::new(&a), SentenceIndex::new(&b));
        let ab = best_pairs(&ia, &ib, 100);
        let ba = best_pairs(&ib, &ia, 100);
        for &(x, y, s) in &ab {
            proptest::prop_assert!((0.0..=1.0).contains(&s));
            if let Some(&(_, _, t)) = ba.iter().find(|&&(p, q, _)| p == y && q == x) {
                proptest::prop_assert!((s - t).abs() < 1e-4, "{} {}", s, t);
            }
        }
        for &p in ia.passages() {
            let m = most_similar(&ia, p.range, &ib, usize::MAX);
            proptest::prop_assert_eq!(m.len(), ib.passages().len());
            proptest::prop_assert!(m.iter().all(|m| (0.0..=1.0).contains(&m.score)));
            proptest::prop_assert!(m.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }
}
