//! Paragraph numbers: how a citation names a place in an essay, and what the margin shows.
//!
//! The essay's *body paragraphs* are numbered from 1 in reading order: every block of the
//! body (a paragraph, a quote, a list item, a footnote; plain text's section headings too,
//! as the splitter takes them for paragraphs) that is not joined to the one before it: a
//! poem, a block of code or a table is one paragraph, numbered at its first line. The
//! header (date, title, byline, standfirst) and headings of Markdown or HTML have no
//! number. Each essay of a file counts from 1 again. Example: the blocks `Title, Byline,
//! Standfirst, Paragraph, Verse, Verse (joined), Paragraph` are numbered `-, -, -, 1, 2, -, 3`.

use super::{Block, BlockKind, Essay};

impl Block {
    /// Whether the block is a body paragraph (see the module's documentation).
    pub fn starts_paragraph(&self) -> bool {
        !self.joined
            && !matches!(
                self.kind,
                BlockKind::Date
                    | BlockKind::Title
                    | BlockKind::Byline
                    | BlockKind::Standfirst
                    | BlockKind::Heading(_)
            )
    }
}
use crate::range::TextRange;

impl Essay {
    /// The number of block `block` among the body paragraphs, if it is one.
    ///
    /// Counts the paragraphs before it: linear in `block`, so a caller numbering many
    /// blocks in a row counts on from the first.
    pub fn paragraph_number(&self, block: usize) -> Option<usize> {
        let b = self.blocks.get(block)?;
        b.starts_paragraph().then(|| {
            1 + self.blocks[..block]
                .iter()
                .filter(|b| b.starts_paragraph())
                .count()
        })
    }

    /// How many body paragraphs the essay has.
    pub fn paragraph_count(&self) -> usize {
        self.blocks.iter().filter(|b| b.starts_paragraph()).count()
    }

    /// The first and last body paragraph that `range` touches (the same number twice
    /// for a passage inside one paragraph); none when it lies in the header only.
    pub fn paragraphs_of(&self, range: TextRange) -> Option<(usize, usize)> {
        if self.blocks.is_empty() {
            return None;
        }
        let mut first = self.block_at(range.start());
        let last = self.block_at(range.end() - 1).max(first);
        // A passage in a later line of a poem or of code is in the paragraph of its first.
        while first > 0 && self.blocks[first].joined {
            first -= 1;
        }
        let first_number = (first..=last).find_map(|b| self.paragraph_number(b))?;
        let inside = self.blocks[first..=last]
            .iter()
            .filter(|b| b.starts_paragraph())
            .count();
        Some((first_number, first_number + inside - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn essay() -> Essay {
        Essay::from_blocks(
            "e".into(),
            vec![
                (BlockKind::Date, "Monday".into()),
                (BlockKind::Title, "On Rivers".into()),
                (BlockKind::Byline, "A. Writer".into()),
                (BlockKind::Standfirst, "A lead.".into()),
                (BlockKind::Paragraph, "First.".into()),
                (BlockKind::Paragraph, "Second.".into()),
                (BlockKind::Paragraph, "Third.".into()),
            ],
        )
    }

    #[test]
    fn only_body_paragraphs_are_numbered_from_one() {
        let e = essay();
        let numbers: Vec<_> = (0..e.blocks.len() + 1)
            .map(|b| e.paragraph_number(b))
            .collect();
        assert_eq!(
            numbers,
            [None, None, None, None, Some(1), Some(2), Some(3), None]
        );
        assert_eq!(e.paragraph_count(), 3);
    }

    #[test]
    fn a_range_names_the_paragraphs_it_touches() {
        let e = essay();
        let second = &e.blocks[5];
        let in_second = TextRange::new(second.start + 1, second.end()).unwrap();
        assert_eq!(e.paragraphs_of(in_second), Some((2, 2)));
        // From the first paragraph into the third.
        let across = TextRange::new(e.blocks[4].start, e.blocks[6].start + 2).unwrap();
        assert_eq!(e.paragraphs_of(across), Some((1, 3)));
        // Ending in the gap after the second: still the second.
        let to_gap = TextRange::new(second.start, second.end() + 1).unwrap();
        assert_eq!(e.paragraphs_of(to_gap), Some((2, 2)));
        // The title alone has no number; title into the first paragraph names the first.
        let title = &e.blocks[1];
        assert_eq!(
            e.paragraphs_of(TextRange::new(title.start, title.end()).unwrap()),
            None
        );
        let into = TextRange::new(title.start, e.blocks[4].start + 1).unwrap();
        assert_eq!(e.paragraphs_of(into), Some((1, 1)));
    }
}
