//! Half-open ranges of code points in an essay's text.

use serde::{Deserialize, Serialize};

/// A non-empty, half-open range `start..end` of Unicode code-point offsets.
///
/// In `"a fine day"`, the word `fine` is `TextRange { start: 2, end: 6 }`.
/// Constructors normalise reversed ends and refuse empty ranges, so a `TextRange`
/// always covers at least one code point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TextRange {
    start: usize,
    end: usize,
}

impl TextRange {
    /// The range between two offsets, in either order; `None` if they are equal.
    pub fn new(a: usize, b: usize) -> Option<TextRange> {
        let (start, end) = if a <= b { (a, b) } else { (b, a) };
        (start < end).then_some(TextRange { start, end })
    }

    /// First code point covered.
    pub fn start(self) -> usize {
        self.start
    }

    /// One past the last code point covered.
    pub fn end(self) -> usize {
        self.end
    }

    /// Number of code points covered (at least one).
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Always false: a `TextRange` is never empty. Present for clippy's sake.
    pub fn is_empty(self) -> bool {
        false
    }

    /// Whether `offset` lies inside the range.
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether the two ranges share at least one code point.
    pub fn overlaps(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest range covering both.
    pub fn union(self, other: TextRange) -> TextRange {
        TextRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_refuses_empty() {
        assert_eq!(TextRange::new(6, 2), TextRange::new(2, 6));
        assert_eq!(TextRange::new(3, 3), None);
        let r = TextRange::new(2, 6).unwrap();
        assert_eq!((r.start(), r.end(), r.len()), (2, 6, 4));
        assert!(r.contains(2) && r.contains(5) && !r.contains(6));
    }

    #[test]
    fn overlap_and_union() {
        let a = TextRange::new(0, 4).unwrap();
        let b = TextRange::new(4, 8).unwrap();
        let c = TextRange::new(3, 5).unwrap();
        assert!(!a.overlaps(b));
        assert!(a.overlaps(c) && b.overlaps(c));
        assert_eq!(a.union(b), TextRange::new(0, 8).unwrap());
    }
}
