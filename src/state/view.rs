//! What the view of an essay pane shows, and the moves that go by it: the scroll margin,
//! scrolling with the caret staying (`zz` `zt` `zb`, `Ctrl-e` `Ctrl-y`), the screen line
//! (`0` `^` `$`) and the view's top, middle and bottom lines (`H` `M` `L`).
//!
//! In wrapped prose a "line" is a screen line: `0` goes to the start of the row the caret
//! is drawn on, not of its paragraph.

use unicode_segmentation::UnicodeSegmentation;

use super::pane::{PaneState, Viewport, first_text, top_offset, top_pos};
use crate::action::{Motion, ScrollTo};
use crate::layout::{Flow, LineKind};

/// The lines kept between the caret and the top or the bottom of the view while the
/// essay goes on past it (vim's `scrolloff`): two, fewer in panes of six rows or less.
pub fn margin(view: Viewport) -> usize {
    ((usize::from(view.height.max(1)) - 1) / 3).min(2)
}

/// The caret after `0`, `^` or `$` on the screen line of `caret`.
pub(super) fn in_line(flow: &Flow, caret: usize, motion: Motion) -> usize {
    let pos = flow.pos_of(caret);
    let LineKind::Text { start, end } = flow.line(pos) else {
        return caret;
    };
    let block = &flow.essay.blocks[pos.block];
    let mut first = None;
    let mut last = start;
    let mut last_seen = start;
    let mut cp = start;
    for g in flow
        .text_from(pos.block, start - block.start)
        .graphemes(true)
    {
        if cp >= end {
            break;
        }
        last_seen = cp;
        if !g.chars().all(char::is_whitespace) {
            first.get_or_insert(cp);
            last = cp;
        }
        cp += g.chars().count();
    }
    match motion {
        Motion::FirstNonBlank => first.unwrap_or(start),
        // The last character drawn: a space the line breaks at hangs past its end.
        Motion::LineEnd => first.map_or(last_seen, |_| last),
        _ => start,
    }
}

/// The caret after `H`, `M` or `L`: the first character that is not blank on the top,
/// middle or bottom line of the view (gaps between paragraphs give the nearest text line
/// in the view), kept off the edge by the scroll margin where the essay goes on.
pub(super) fn screen_line(flow: &Flow, view: Viewport, top: usize, motion: Motion) -> usize {
    let height = view.height.max(1) as isize;
    let margin = margin(view) as isize;
    let top = top_pos(flow, top);
    let mut shown = 1;
    let mut bottom = top;
    while shown < height {
        match flow.next(bottom) {
            Some(next) => bottom = next,
            None => break,
        }
        shown += 1;
    }
    let (target, down) = match motion {
        Motion::ScreenTop => match flow.prev(top) {
            Some(_) => (flow.advance(top, margin), true),
            None => (top, true),
        },
        Motion::ScreenBottom => match flow.next(bottom) {
            Some(_) => (flow.advance(bottom, -margin), false),
            None => (bottom, false),
        },
        _ => (flow.advance(top, (shown - 1) / 2), true),
    };
    let pos = first_text(flow, target, down);
    in_line(flow, flow.line_start(pos), Motion::FirstNonBlank)
}

impl PaneState {
    /// `zz` `zt` `zb` `Ctrl-e` `Ctrl-y`: scrolls the view, the caret staying where it is
    /// unless it would leave the view or come inside the scroll margin.
    pub fn scroll_to(&mut self, to: ScrollTo, flow: &Flow, view: Viewport) {
        if flow.essay.blocks.is_empty() {
            return;
        }
        let height = view.height.max(1) as isize;
        let margin = margin(view) as isize;
        let caret = flow.pos_of(self.caret);
        let top = match to {
            ScrollTo::Middle => flow.advance(caret, -(height - 1) / 2),
            ScrollTo::Top => flow.advance(caret, -margin),
            ScrollTo::Bottom => flow.advance(flow.advance(caret, margin), 1 - height),
            ScrollTo::LineDown | ScrollTo::LineUp => {
                let n = if to == ScrollTo::LineDown { 1 } else { -1 };
                self.scroll(flow, view, n);
                self.follow_caret(flow, view);
                return;
            }
        };
        self.top = top_offset(flow, top);
        self.follow_caret(flow, view);
    }
}
