//! An essay's text prepared for many look-ups: code-point ↔ byte offsets without
//! counting from the start, and an index of short byte grams for finding passages.

use std::cell::OnceCell;

/// Bytes in one indexed gram.
pub(super) const GRAM: usize = 8;
/// Code points between two checkpoints of the offset mapping.
const STEP: usize = 64;
/// Grams of a needle sampled to find its rarest ones (each costs two binary searches).
const SAMPLES: usize = 12;

/// The text of an essay, with its offset mapping and (built on first use) its gram index.
///
/// Offsets called `char` are code points, the unit of [`crate::range::TextRange`];
/// offsets called `byte` index `text` and are always char boundaries when returned.
pub(super) struct IndexedText {
    /// The essay's text.
    pub text: String,
    /// Number of code points in `text`.
    pub chars: usize,
    /// Byte offset of every `STEP`-th code point; empty when the text is ASCII.
    checkpoints: Vec<usize>,
    /// `(gram, byte offset)` for every char boundary with `GRAM` bytes after it, sorted.
    grams: OnceCell<Vec<(u64, usize)>>,
}

/// The gram key of the first `GRAM` bytes of `bytes` (which must have that many).
pub(super) fn gram_key(bytes: &[u8]) -> u64 {
    let mut key = [0u8; GRAM];
    key.copy_from_slice(&bytes[..GRAM]);
    u64::from_be_bytes(key)
}

impl IndexedText {
    /// Prepares `text`: one pass to count code points and place checkpoints.
    pub fn new(text: String) -> IndexedText {
        let mut checkpoints = Vec::new();
        let chars = if text.is_ascii() {
            text.len()
        } else {
            let mut n = 0;
            for (byte, _) in text.char_indices() {
                if n % STEP == 0 {
                    checkpoints.push(byte);
                }
                n += 1;
            }
            n
        };
        IndexedText {
            text,
            chars,
            checkpoints,
            grams: OnceCell::new(),
        }
    }

    /// Byte offset of code point `c` (the text's length past the end).
    pub fn byte_of(&self, c: usize) -> usize {
        if c >= self.chars {
            return self.text.len();
        }
        if self.checkpoints.is_empty() {
            return c;
        }
        let from = self.checkpoints[c / STEP];
        self.text[from..]
            .char_indices()
            .nth(c % STEP)
            .map_or(self.text.len(), |(b, _)| from + b)
    }

    /// Code-point offset of the char containing byte `b` (or the end).
    pub fn char_of(&self, b: usize) -> usize {
        if b >= self.text.len() {
            return self.chars;
        }
        if self.checkpoints.is_empty() {
            return b;
        }
        let mut b = b;
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        let k = self
            .checkpoints
            .partition_point(|&x| x <= b)
            .saturating_sub(1);
        let from = self.checkpoints[k];
        k * STEP + self.text[from..b].chars().count()
    }

    /// The text between two code-point offsets (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let (a, b) = (self.byte_of(start), self.byte_of(end.max(start)));
        &self.text[a..b]
    }

    /// Every `(gram, byte)` pair, sorted; built once, on first use.
    fn grams(&self) -> &[(u64, usize)] {
        self.grams.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut grams: Vec<(u64, usize)> = self
                .text
                .char_indices()
                .filter(|&(b, _)| b + GRAM <= bytes.len())
                .map(|(b, _)| (gram_key(&bytes[b..]), b))
                .collect();
            grams.sort_unstable();
            grams
        })
    }

    /// Byte offsets where the gram `key` starts, in text order.
    pub fn postings(&self, key: u64) -> impl ExactSizeIterator<Item = usize> + '_ {
        let grams = self.grams();
        let lo = grams.partition_point(|&(k, _)| k < key);
        let hi = grams.partition_point(|&(k, _)| k <= key);
        grams[lo..hi].iter().map(|&(_, b)| b)
    }

    /// Byte offsets of every occurrence of `needle`, in text order.
    ///
    /// A needle of at least `GRAM` bytes is looked up by its rarest grams (of up to `SAMPLES`
    /// sampled): the starts their postings agree on are verified. A shorter needle is
    /// searched for directly.
    pub fn find_all(&self, needle: &str) -> Vec<usize> {
        let bytes = needle.as_bytes();
        if needle.is_empty() {
            return Vec::new();
        }
        if bytes.len() < GRAM {
            return self.text.match_indices(needle).map(|(b, _)| b).collect();
        }
        let offsets: Vec<usize> = needle
            .char_indices()
            .map(|(b, _)| b)
            .filter(|&b| b + GRAM <= bytes.len())
            .collect();
        let stride = offsets.len().div_ceil(SAMPLES).max(1);
        let mut sampled: Vec<(usize, usize)> = offsets
            .iter()
            .step_by(stride)
            .map(|&o| (self.postings(gram_key(&bytes[o..])).len(), o))
            .collect();
        sampled.sort_unstable();
        let Some(&(_, first)) = sampled.first() else {
            return Vec::new();
        };
        let mut starts: Vec<usize> = self
            .postings(gram_key(&bytes[first..]))
            .filter_map(|p| p.checked_sub(first))
            .collect();
        // Narrow by two more grams that do not overlap the first: a merge of sorted lists.
        for &(_, o) in sampled
            .iter()
            .filter(|(_, o)| o.abs_diff(first) >= GRAM)
            .take(2)
        {
            let mut other = self
                .postings(gram_key(&bytes[o..]))
                .filter_map(|p| p.checked_sub(o))
                .peekable();
            starts.retain(|&s| {
                while other.next_if(|&p| p < s).is_some() {}
                other.peek() == Some(&s)
            });
        }
        let hay = self.text.as_bytes();
        starts.retain(|&s| hay[s..].starts_with(bytes));
        starts
    }

    /// Whether `needle` occurs more than once, searching without the index.
    pub fn is_repeated(&self, needle: &str) -> bool {
        // memmem's search is many times faster than `str::match_indices` on a long text,
        // with the same answer (non-overlapping occurrences).
        !needle.is_empty()
            && memchr::memmem::find_iter(self.text.as_bytes(), needle.as_bytes())
                .nth(1)
                .is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_trip_in_mixed_text() {
        let text: String = "é a ".repeat(100) + "naïve end";
        let t = IndexedText::new(text.clone());
        assert_eq!(t.chars, text.chars().count());
        for (c, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(t.byte_of(c), b);
            assert_eq!(t.char_of(b), c);
        }
        assert_eq!(t.byte_of(t.chars), text.len());
        assert_eq!(t.char_of(1), 0); // inside 'é'
        assert_eq!(t.slice(400, 405), "naïve");
    }

    #[test]
    fn finds_every_occurrence() {
        let t = IndexedText::new("one two three, one two three, one two".into());
        assert_eq!(t.find_all("one two three"), vec![0, 15]);
        assert_eq!(t.find_all("two"), vec![4, 19, 34]);
        assert!(t.find_all("four five six").is_empty());
        assert!(t.is_repeated("one two") && !t.is_repeated("three, one two three, one"));
    }

    proptest::proptest! {
        #[test]
        fn repeated_is_what_a_plain_search_says(
            text in "[aé b\n]{0,60}",
            needle in "[aé b\n]{0,4}",
        ) {
            let t = IndexedText::new(text.clone());
            let plain = !needle.is_empty() && text.match_indices(needle.as_str()).count() > 1;
            proptest::prop_assert_eq!(t.is_repeated(&needle), plain);
        }
    }
}
