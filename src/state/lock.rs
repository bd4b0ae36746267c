//! Locked scrolling: keeping the other essay aligned with the focused one.
//!
//! Alignment goes through fixed points, pairs of offsets known to say the same thing
//! (the two ends of links, parallel passages), and is proportional between them.

/// A pair of offsets, one in each essay, that belong side by side.
pub type FixedPoint = (usize, usize);

/// Keeps the points that increase in both essays (a longest chain, greedily by the
/// first essay's order), so the mapping never runs backwards.
pub fn monotone(mut points: Vec<FixedPoint>) -> Vec<FixedPoint> {
    points.sort_unstable();
    points.dedup();
    // Longest increasing subsequence on the second coordinate (n log n).
    let mut tails: Vec<usize> = Vec::new(); // index into points of the tail of each length
    let mut parent: Vec<Option<usize>> = vec![None; points.len()];
    for i in 0..points.len() {
        let b = points[i].1;
        let at = tails.partition_point(|&t| points[t].1 < b);
        if at > 0 {
            parent[i] = Some(tails[at - 1]);
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut chain = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        chain.push(points[i]);
        cur = parent[i];
    }
    chain.reverse();
    chain
}

/// Where `offset` of the first essay (of length `len_a`) falls in the second (of
/// length `len_b`), interpolating between the fixed points around it.
pub fn map_offset(points: &[FixedPoint], offset: usize, len_a: usize, len_b: usize) -> usize {
    let mut lo = (0usize, 0usize);
    let mut hi = (len_a, len_b);
    for &(a, b) in points {
        if a <= offset && a >= lo.0 {
            lo = (a, b);
        }
        if a > offset && a < hi.0 {
            hi = (a, b);
        }
    }
    if hi.0 <= lo.0 {
        return lo.1.min(len_b);
    }
    let t = (offset - lo.0) as f64 / (hi.0 - lo.0) as f64;
    let b = lo.1 as f64 + t * (hi.1 as f64 - lo.1 as f64);
    (b.round() as usize).min(len_b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proportional_without_points() {
        assert_eq!(map_offset(&[], 50, 100, 300), 150);
        assert_eq!(map_offset(&[], 0, 100, 300), 0);
        assert_eq!(map_offset(&[], 100, 100, 300), 300);
    }

    #[test]
    fn fixed_points_pin_the_mapping() {
        let points = [(10, 200), (60, 210)];
        assert_eq!(map_offset(&points, 10, 100, 300), 200);
        assert_eq!(map_offset(&points, 35, 100, 300), 205);
        assert_eq!(map_offset(&points, 5, 100, 300), 100);
        assert_eq!(map_offset(&points, 80, 100, 300), 255);
    }

    #[test]
    fn crossing_points_are_dropped() {
        let kept = monotone(vec![(30, 60), (10, 50), (25, 10), (20, 55)]);
        assert_eq!(kept, [(10, 50), (20, 55), (30, 60)]);
    }
}
