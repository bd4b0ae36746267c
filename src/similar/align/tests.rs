use super::*;
use crate::essay::{BlockKind, Essay};

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

const HARBOUR: &str = "The old harbour silted up after the river changed its course. \
    Merchants moved their warehouses inland, and the quays fell quiet within a generation.";
const HARBOUR_AGAIN: &str = "When the river changed its course, the harbour silted up. \
    Within a generation the quays fell quiet and the merchants took their warehouses inland.";
const BELLS: &str = "Every parish rang its bells at a different hour. \
    Travellers learned to tell the villages apart by the sound of their bells at dusk.";
const BELLS_AGAIN: &str = "A traveller could tell the villages apart at dusk by their bells, \
    for every parish rang them at its own hour.";
const ORCHARD: &str = "The orchards on the southern slope gave apples until the frost of 1740. \
    After that winter the growers planted pears, which stood the cold better.";
const ORCHARD_AGAIN: &str = "Pears replaced the apples of the southern slope after the frost \
    of 1740, because the growers found that pears stood the cold better.";
const LONE_LEFT: &str = "Nobody can say now what the lighthouse keeper wrote in his logbook.";
const LONE_RIGHT: &str = "Tax rolls from the period survive only in fragments, mostly burnt.";

/// Rows as (left block, right block, moved), blocks counted from the first paragraph (1).
fn rows(
    a: &Essay,
    b: &Essay,
    links: &[(usize, usize)],
) -> Vec<(Option<usize>, Option<usize>, bool)> {
    let scores = ParagraphScores::new(&SentenceIndex::new(a), &SentenceIndex::new(b));
    align(&scores, &paragraphs(a), &paragraphs(b), links)
        .rows
        .iter()
        .map(|r| (r.left, r.right, r.moved))
        .collect()
}

#[test]
fn a_point_moved_from_start_to_end_aligns_with_its_counterpart() {
    let a = essay("a", &[HARBOUR, BELLS, ORCHARD]);
    let b = essay("b", &[BELLS_AGAIN, ORCHARD_AGAIN, HARBOUR_AGAIN]);
    assert_eq!(
        rows(&a, &b, &[]),
        [
            (Some(1), Some(3), true),
            (Some(2), Some(1), false),
            (Some(3), Some(2), false),
        ]
    );
}

#[test]
fn a_link_forces_a_pair() {
    let a = essay("a", &[HARBOUR, BELLS, ORCHARD]);
    let b = essay("b", &[HARBOUR_AGAIN, BELLS_AGAIN, ORCHARD_AGAIN]);
    // The reader linked the harbour paragraph with the orchard one.
    let aligned = {
        let scores = ParagraphScores::new(&SentenceIndex::new(&a), &SentenceIndex::new(&b));
        align(&scores, &paragraphs(&a), &paragraphs(&b), &[(1, 3)])
    };
    let got: Vec<_> = aligned
        .rows
        .iter()
        .map(|r| (r.left, r.right, r.linked, r.again))
        .collect();
    assert_eq!(
        got,
        [
            // The harbour paragraph of the second essay is nobody's partner now: alone.
            (None, Some(1), false, false),
            (Some(1), Some(3), true, false),
            (Some(2), Some(2), false, false),
            // The orchard paragraph still has its own partner, shown again.
            (Some(3), Some(3), false, true),
        ]
    );
    assert_eq!(aligned.partner_of_right(3), Some(1), "a link comes first");
}

#[test]
fn unmatched_paragraphs_stand_alone_where_they_fit() {
    let a = essay("a", &[HARBOUR, LONE_LEFT, BELLS]);
    let b = essay("b", &[LONE_RIGHT, HARBOUR_AGAIN, BELLS_AGAIN, LONE_RIGHT]);
    assert_eq!(
        rows(&a, &b, &[]),
        [
            (None, Some(1), false),
            (Some(1), Some(2), false),
            (Some(2), None, false),
            (Some(3), Some(3), false),
            (None, Some(4), false),
        ]
    );
}

#[test]
fn lone_paragraphs_follow_a_moved_neighbour() {
    // Right: B' A' X (X matches nothing); A' is moved, X follows it wherever it is.
    let scores = ParagraphScores::from_pairs(vec![(1, 2, 1.0), (2, 1, 1.0)]);
    let aligned = align(&scores, &[1, 2], &[1, 2, 3], &[]);
    let got: Vec<_> = aligned.rows.iter().map(|r| (r.left, r.right)).collect();
    assert_eq!(
        got,
        [(Some(1), Some(2)), (None, Some(3)), (Some(2), Some(1))]
    );
    assert_eq!(aligned.pair_count(), 2);
}

#[test]
fn weak_pairs_do_not_align() {
    let scores = ParagraphScores::from_pairs(vec![(1, 1, MIN_STRENGTH / 2.0)]);
    let aligned = align(&scores, &[1], &[1], &[]);
    assert_eq!(aligned.rows.len(), 2);
    assert_eq!(aligned.pair_count(), 0);
}

#[test]
fn longest_run_keeps_order() {
    assert_eq!(increasing_run(&[2, 0, 1]), [false, true, true]);
    assert_eq!(increasing_run(&[]), Vec::<bool>::new());
}
