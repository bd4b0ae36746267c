//! One essay pane: which essay it shows, its caret, its view and its selection.

use crate::action::Motion;
use crate::essay::Essay;
use crate::layout::{Flow, LineKind, LinePos};
use crate::range::TextRange;
use crate::selection;
use crate::store::DocId;

/// The state of one essay pane.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaneState {
    /// Index of the essay shown.
    pub essay: DocId,
    /// The caret: a code-point offset on a grapheme start inside a block.
    pub caret: usize,
    /// Offset of the first character of the top line shown; the end of a block stands
    /// for the blank gap line after it.
    pub top: usize,
    /// Where the selection started, while one is being made.
    pub anchor: Option<usize>,
    /// The column vertical motions try to keep.
    pub goal_column: Option<usize>,
}

/// The size of the text area of a pane, in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    /// Columns for text.
    pub width: u16,
    /// Rows of text.
    pub height: u16,
}

/// The top line of a view, from its stored offset.
pub fn top_pos(flow: &Flow, top: usize) -> LinePos {
    let essay = flow.essay;
    if essay.blocks.is_empty() {
        return flow.first();
    }
    let b = essay.block_at(top);
    let block = &essay.blocks[b];
    if top >= block.start + block.len && flow.gap_after(b) && block.len > 0 {
        return LinePos {
            block: b,
            row: flow.rows(b).len(),
        };
    }
    flow.pos_of(top)
}

/// The stored offset for a top line.
pub fn top_offset(flow: &Flow, pos: LinePos) -> usize {
    match flow.line(pos) {
        LineKind::Text { start, .. } => start,
        LineKind::Gap => {
            let block = &flow.essay.blocks[pos.block];
            block.start + block.len
        }
    }
}

impl PaneState {
    /// The selection, from its anchor to the caret's grapheme, both included.
    pub fn selection(&self, essay: &Essay) -> Option<TextRange> {
        let anchor = self.anchor?;
        let (lo, hi) = if anchor <= self.caret {
            (anchor, self.caret)
        } else {
            (self.caret, anchor)
        };
        TextRange::new(lo, selection::grapheme_end(essay, hi))
    }

    /// How far into the essay the caret is, in percent.
    pub fn percent(&self, essay: &Essay) -> usize {
        (self.caret * 100).checked_div(essay.len).unwrap_or(0)
    }

    /// Moves the caret; the view follows.
    pub fn apply_motion(&mut self, motion: Motion, flow: &Flow, view: Viewport) {
        let essay = flow.essay;
        if essay.blocks.is_empty() {
            return;
        }
        let page = (view.height.max(3) as isize) - 2;
        let half = (view.height.max(2) as isize) / 2;
        let vertical = matches!(
            motion,
            Motion::LineDown
                | Motion::LineUp
                | Motion::PageDown
                | Motion::PageUp
                | Motion::HalfPageDown
                | Motion::HalfPageUp
        );
        match motion {
            Motion::LineDown => self.move_lines(flow, 1),
            Motion::LineUp => self.move_lines(flow, -1),
            Motion::PageDown => self.scroll_and_move(flow, page),
            Motion::PageUp => self.scroll_and_move(flow, -page),
            Motion::HalfPageDown => self.scroll_and_move(flow, half),
            Motion::HalfPageUp => self.scroll_and_move(flow, -half),
            Motion::Top => self.caret = selection::clamp(essay, 0),
            Motion::Bottom => {
                let last = flow.last();
                self.caret = flow.clamp(flow.line_start(last));
            }
            Motion::Left => {
                let prev = if self.caret == 0 {
                    0
                } else {
                    selection::clamp(essay, self.caret - 1)
                };
                // Step over the gap between paragraphs.
                self.caret = if prev + 1 < self.caret && self.caret > 0 {
                    let b = essay.block_at(self.caret - 1);
                    let block = &essay.blocks[b];
                    selection::clamp(essay, block.start + block.len.saturating_sub(1))
                } else {
                    prev
                };
            }
            Motion::Right => {
                let next = selection::grapheme_end(essay, self.caret);
                let b = essay.block_at(self.caret);
                let block = &essay.blocks[b];
                self.caret = if next >= block.start + block.len {
                    essay.blocks.get(b + 1).map_or(self.caret, |n| n.start)
                } else {
                    next
                };
            }
            Motion::WordNext => self.caret = selection::word_next(essay, self.caret),
            Motion::WordPrev => self.caret = selection::word_prev(essay, self.caret),
            Motion::WordEnd => self.caret = selection::word_end(essay, self.caret),
            Motion::SentenceNext => self.caret = selection::sentence_next(essay, self.caret),
            Motion::SentencePrev => self.caret = selection::sentence_prev(essay, self.caret),
            Motion::ParagraphNext => self.caret = selection::paragraph_next(essay, self.caret),
            Motion::ParagraphPrev => self.caret = selection::paragraph_prev(essay, self.caret),
            Motion::LineStart | Motion::FirstNonBlank | Motion::LineEnd => {
                self.caret = super::view::in_line(flow, self.caret, motion);
            }
            Motion::ScreenTop | Motion::ScreenMiddle | Motion::ScreenBottom => {
                self.caret = super::view::screen_line(flow, view, self.top, motion);
            }
        }
        if motion == Motion::LineEnd {
            // As vim's `$`: up and down then keep to the ends of lines.
            self.goal_column = Some(usize::MAX);
        } else if !vertical {
            self.goal_column = None;
        }
        self.follow_caret(flow, view);
    }

    /// Moves the caret `n` text lines (skipping gaps), keeping its column.
    fn move_lines(&mut self, flow: &Flow, n: isize) {
        let col = *self
            .goal_column
            .get_or_insert_with(|| flow.column_of(self.caret));
        let mut pos = flow.pos_of(self.caret);
        let mut left = n.unsigned_abs();
        while left > 0 {
            let step = if n > 0 {
                flow.next(pos)
            } else {
                flow.prev(pos)
            };
            let Some(p) = step else { break };
            pos = p;
            if matches!(flow.line(pos), LineKind::Text { .. }) {
                left -= 1;
            }
        }
        if matches!(flow.line(pos), LineKind::Gap) {
            pos = flow.pos_of(self.caret);
        }
        self.caret = flow.clamp(flow.offset_at(pos, col));
    }

    /// Scrolls the view `n` lines and moves the caret as far, as pagers do.
    fn scroll_and_move(&mut self, flow: &Flow, n: isize) {
        let top = flow.advance(top_pos(flow, self.top), n);
        self.top = top_offset(flow, top);
        self.move_lines(flow, n);
    }

    /// Scrolls the view `n` lines without moving the caret, unless it would leave the view
    /// or come inside the scroll margin.
    pub fn scroll(&mut self, flow: &Flow, view: Viewport, n: isize) {
        let top = flow.advance(top_pos(flow, self.top), n);
        self.top = top_offset(flow, top);
        let margin = super::view::margin(view) as isize;
        let caret_pos = flow.pos_of(self.caret);
        let bottom = flow.advance(top, (view.height.max(1) as isize) - 1);
        // The margin holds only where the essay goes on past the view's edge.
        let lowest = match flow.prev(top) {
            Some(_) => flow.advance(top, margin),
            None => top,
        };
        let highest = match flow.next(bottom) {
            Some(_) => flow.advance(bottom, -margin),
            None => bottom,
        };
        let col = flow.column_of(self.caret);
        if caret_pos < lowest {
            let pos = first_text(flow, lowest, true);
            self.caret = flow.clamp(flow.offset_at(pos, col));
        } else if caret_pos > highest {
            let pos = first_text(flow, highest, false);
            self.caret = flow.clamp(flow.offset_at(pos, col));
        }
    }

    /// Scrolls just enough that the caret's line is in view, with the scroll margin
    /// ([`super::view::margin`]) above and below it where the essay goes on.
    pub fn follow_caret(&mut self, flow: &Flow, view: Viewport) {
        let height = usize::from(view.height.max(1));
        let margin = super::view::margin(view) as isize;
        let caret = flow.pos_of(self.caret);
        let above = flow.advance(caret, -margin);
        let below = flow.advance(caret, margin);
        let top = top_pos(flow, self.top);
        if above < top {
            self.top = top_offset(flow, above);
            return;
        }
        let mut pos = top;
        for _ in 1..height {
            if pos == below {
                return;
            }
            match flow.next(pos) {
                Some(p) => pos = p,
                None => return,
            }
        }
        if pos != below {
            let new_top = flow.advance(below, 1 - height as isize);
            self.top = top_offset(flow, new_top);
        }
    }

    /// Re-snaps the view to a line start after the width changed, keeping the place.
    pub fn reflow(&mut self, flow: &Flow, view: Viewport) {
        let top = top_pos(flow, self.top);
        self.top = top_offset(flow, top);
        self.caret = flow.clamp(self.caret);
        self.follow_caret(flow, view);
    }

    /// The text offset drawn at a cell of the view (row and column inside the text area).
    pub fn offset_at(&self, flow: &Flow, row: u16, column: u16) -> usize {
        let pos = flow.advance(top_pos(flow, self.top), row as isize);
        let pos = first_text(flow, pos, false);
        flow.clamp(flow.offset_at(pos, usize::from(column)))
    }
}

/// The nearest text line to `pos` (itself if it is text), searching down or up first.
pub(super) fn first_text(flow: &Flow, pos: LinePos, down_first: bool) -> LinePos {
    if matches!(flow.line(pos), LineKind::Text { .. }) {
        return pos;
    }
    let (a, b) = if down_first {
        (flow.next(pos), flow.prev(pos))
    } else {
        (flow.prev(pos), flow.next(pos))
    };
    a.or(b).unwrap_or(pos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::BlockKind;
    use crate::layout::WrapCache;

    fn essay() -> Essay {
        // Three paragraphs; at width 10 the first wraps to three rows.
        Essay::from_blocks(
            "t".into(),
            vec![
                (BlockKind::Paragraph, "aaaa bbbb cccc dddd eeee".into()),
                (BlockKind::Paragraph, "ffff".into()),
                (BlockKind::Paragraph, "gggg hhhh".into()),
            ],
        )
    }

    #[test]
    fn lines_skip_gaps_and_keep_the_column() {
        let e = essay();
        let cache = WrapCache::default();
        let flow = Flow::new(&e, 10, &cache);
        let view = Viewport {
            width: 10,
            height: 3,
        };
        let mut p = PaneState {
            caret: 7,
            ..Default::default()
        }; // "bb|bb"
        p.apply_motion(Motion::LineDown, &flow, view);
        assert_eq!(p.caret, 17); // "dd|dd": column 7 of the second row
        p.apply_motion(Motion::LineDown, &flow, view);
        p.apply_motion(Motion::LineDown, &flow, view);
        assert_eq!(p.caret, 29); // "ffff" is shorter: its last character
        // The view followed: the caret's line is the last of three.
        assert_eq!(top_pos(&flow, p.top), LinePos { block: 0, row: 2 });
    }

    #[test]
    fn bottom_and_top() {
        let e = essay();
        let cache = WrapCache::default();
        let flow = Flow::new(&e, 10, &cache);
        let view = Viewport {
            width: 10,
            height: 2,
        };
        let mut p = PaneState::default();
        p.apply_motion(Motion::Bottom, &flow, view);
        assert_eq!(p.caret, 32);
        assert_eq!(flow.pos_of(p.caret), LinePos { block: 2, row: 0 });
        p.apply_motion(Motion::Top, &flow, view);
        assert_eq!((p.caret, p.top), (0, 0));
    }

    #[test]
    fn selection_includes_the_caret_character() {
        let e = essay();
        let p = PaneState {
            caret: 3,
            anchor: Some(0),
            ..Default::default()
        };
        assert_eq!(p.selection(&e), TextRange::new(0, 4));
    }
}
