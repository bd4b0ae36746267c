//! The ranking of parallel passages (`p`) measured on pairs of essays written for these tests,
//! against the pairs a careful reader matched (tests/fixtures/parallel/gold.tsv).

use marginalia::similar::eval::{self, GoldPair, Metrics};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/parallel");

fn gold() -> Vec<GoldPair> {
    let text = std::fs::read_to_string(format!("{DIR}/gold.tsv")).expect("gold.tsv");
    eval::parse_gold(&text).expect("well-formed gold.tsv")
}

fn measure(held_out: bool) -> Metrics {
    eval::metrics(&gold(), held_out, |name| {
        std::fs::read_to_string(format!("{DIR}/{name}")).map_err(|e| format!("{name}: {e}"))
    })
    .expect("every phrase found")
}

#[test]
fn gold_set_is_large_enough() {
    let gold = gold();
    assert!(gold.len() >= 40, "{}", gold.len());
    assert!(gold.iter().filter(|p| p.held_out).count() >= 20);
}

#[test]
fn held_out_ranking_meets_targets() {
    let tune = measure(false);
    let held = measure(true);
    println!("tune:     {tune:?}\nheld-out: {held:?}");
    assert!(held.recall_1 > 0.5, "{held:?}");
    assert!(held.recall_3 >= 0.7, "{held:?}");
    assert!(held.mrr >= 0.6, "{held:?}");
}

/// The essays of one set of the fixture.
fn essays(set: &str) -> (marginalia::essay::Essay, marginalia::essay::Essay) {
    let read = |side: &str| {
        let text = std::fs::read_to_string(format!("{DIR}/{set}-{side}.txt")).expect("fixture");
        marginalia::essay::split(&text, side).remove(0)
    };
    (read("a"), read("b"))
}

/// The code-point offset of `phrase` in `text`.
fn offset(text: &str, phrase: &str) -> usize {
    let byte = text.find(phrase).expect("phrase in the essay");
    text[..byte].chars().count()
}

/// Locked scrolling follows the strong pairs of `best_pairs` (`similar::STRONG`, the lock
/// threshold): on both sets most of them must be pairs a reader matched, and there must be
/// enough of them to guide the scrolling.
#[test]
fn the_lock_threshold_admits_pairs_a_reader_accepts() {
    use marginalia::similar::{STRONG, SentenceIndex, best_pairs};
    let gold = gold();
    for set in ["commons", "rivers"] {
        let (a, b) = essays(set);
        let (ta, tb) = (a.text(), b.text());
        let matched: Vec<(usize, usize)> = gold
            .iter()
            .filter(|g| g.set == set)
            .map(|g| (offset(&ta, &g.a), offset(&tb, &g.b)))
            .collect();
        let pairs = best_pairs(&SentenceIndex::new(&a), &SentenceIndex::new(&b), 200);
        let admitted: Vec<_> = pairs.iter().filter(|p| p.2 >= STRONG).collect();
        let right = admitted
            .iter()
            .filter(|(x, y, _)| {
                matched.iter().any(|&(ga, gb)| {
                    x.range.start() <= ga
                        && ga < x.range.end()
                        && y.range.start() <= gb
                        && gb < y.range.end()
                })
            })
            .count();
        println!(
            "{set}: {right} of {} admitted pairs matched",
            admitted.len()
        );
        assert!(admitted.len() >= 6, "{set}: {}", admitted.len());
        assert!(
            right * 10 >= admitted.len() * 8,
            "{set}: {right} of {}",
            admitted.len()
        );
    }
}
