//! An essay pane: the essay's lines from the view's top, with highlights, selection,
//! caret and note marks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};
use unicode_segmentation::UnicodeSegmentation;

use crate::anchor::Placement;
use crate::annotation::Colour;
use crate::layout::{LineKind, grapheme_width};
use crate::range::TextRange;
use crate::state::{AppState, Focus, top_pos};

/// Draws essay pane `pane` of `state`.
pub struct EssayPane<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
    /// Which pane.
    pub pane: usize,
}

/// A highlight visible in the pane.
struct Shown {
    range: TextRange,
    colour: Colour,
    noted: bool,
    moved: bool,
    linked: Option<crate::annotation::Relation>,
}

impl Widget for EssayPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let state = self.state;
        let pane = &state.panes[self.pane];
        let doc = &state.docs[pane.essay];
        let essay = &doc.essay;
        let focused = state.focus == Focus::Pane(self.pane);
        let percent = pane.percent(essay);
        let block = Block::bordered()
            .border_type(if focused {
                BorderType::Thick
            } else {
                BorderType::Rounded
            })
            .border_style(state.theme.border(focused))
            .title(Line::from(Span::styled(
                format!(" {} ", essay.title),
                state.theme.title(focused),
            )))
            .title_bottom(Line::from(format!(" {percent}% ")).right_aligned());
        block.render(area, buf);

        let text_area = state.screen.text_area(self.pane).intersection(area);
        if text_area.width == 0 || text_area.height == 0 || essay.blocks.is_empty() {
            return;
        }
        let flow = state.flow(self.pane);
        let selection = pane.selection(essay);
        // The lines on screen, and the span of text they show.
        let mut lines = Vec::with_capacity(usize::from(text_area.height));
        let mut pos = Some(top_pos(&flow, pane.top));
        for y in text_area.top()..text_area.bottom() {
            let Some(p) = pos else { break };
            lines.push((y, p));
            pos = flow.next(p);
        }
        let visible = |kind| match kind {
            LineKind::Text { start, end } => Some((start, end)),
            LineKind::Gap => None,
        };
        let first = lines.iter().find_map(|(_, p)| visible(flow.line(*p)));
        let last = lines.iter().rev().find_map(|(_, p)| visible(flow.line(*p)));
        let span = match (first, last) {
            (Some((s, _)), Some((_, e))) => TextRange::new(s, e.max(s + 1)),
            _ => None,
        };
        // Only highlights that touch the visible span are looked at per character.
        let src = &state.sources[doc.source];
        // Each highlight's first link, kept by the state until the annotations change.
        let linked = state.first_links(doc.source);
        let mut over = span.map_or_else(Vec::new, |s| state.placed_over(pane.essay, s));
        // In creation order, as ties between overlapping highlights were always decided.
        over.sort_unstable();
        let shown: Vec<Shown> = over
            .iter()
            .map(|&i| &src.items[i])
            .filter_map(|it| {
                let range = it.placement.range()?;
                Some(Shown {
                    range,
                    colour: it.annotation.colour,
                    noted: it.annotation.note_text().is_some(),
                    moved: matches!(it.placement, Placement::Moved(_)),
                    linked: linked.get(&it.annotation.id).copied(),
                })
            })
            .collect();

        // Search matches on screen, and the current one.
        let search = state.search.as_ref().filter(|s| s.pane == self.pane);
        let search_hits: Vec<TextRange> = search
            .map(|s| {
                s.matches
                    .iter()
                    .copied()
                    .filter(|m| span.is_some_and(|sp| sp.overlaps(*m)))
                    .collect()
            })
            .unwrap_or_default();
        let current_hit = search.and_then(|s| s.current.map(|k| s.matches[k]));

        for &(y, pos) in &lines {
            if let LineKind::Text { start, end } = flow.line(pos) {
                let line = TextRange::new(start, end);
                // Gutter: a mark in the colour of a highlight on this line; a pen where
                // a passage with a note begins.
                let on_line = shown
                    .iter()
                    .filter(|s| line.is_some_and(|l| s.range.overlaps(l)))
                    .min_by_key(|s| s.range.start());
                if let Some(s) = on_line {
                    let starts_here =
                        s.range.start() >= start && s.range.start() < end.max(start + 1);
                    let noted_start = shown
                        .iter()
                        .any(|s| s.noted && s.range.start() >= start && s.range.start() < end);
                    let linked_start = shown
                        .iter()
                        .filter(|s| s.range.start() >= start && s.range.start() < end)
                        .find_map(|s| s.linked);
                    let (symbol, style) = if let Some(relation) = linked_start {
                        ("⇄", state.theme.link(relation))
                    } else if noted_start {
                        ("✎", state.theme.mark(s.colour))
                    } else if starts_here || s.range.start() < start {
                        ("▐", state.theme.mark(s.colour))
                    } else {
                        (" ", Style::new())
                    };
                    super::put(buf, area.x + 1, y, symbol, style);
                }
                let b = &essay.blocks[pos.block];
                let base = state.theme.block(b.kind);
                let mut x = text_area.x;
                let mut cp = start;
                for g in flow.text_from(pos.block, start - b.start).graphemes(true) {
                    if cp >= end {
                        break;
                    }
                    let w = grapheme_width(g);
                    let mut style = base;
                    if let Some(s) = shown
                        .iter()
                        .filter(|s| s.range.contains(cp))
                        .min_by_key(|s| s.range.len())
                    {
                        style = style.patch(state.theme.highlight(s.colour));
                        if s.moved {
                            style = style.patch(state.theme.moved());
                        }
                    }
                    if let Some(k) = search_hits.iter().position(|r| r.contains(cp)) {
                        style = style.patch(if Some(search_hits[k]) == current_hit {
                            state.theme.search_current()
                        } else {
                            state.theme.search_match()
                        });
                    }
                    if selection.is_some_and(|r| r.contains(cp)) {
                        style = style.patch(state.theme.selection());
                    }
                    if cp == pane.caret {
                        style = style.patch(if focused {
                            state.theme.caret()
                        } else {
                            state.theme.caret_unfocused()
                        });
                    }
                    let room = usize::from(text_area.right().saturating_sub(x));
                    if room == 0 {
                        // Hanging spaces past the edge: show the caret on the last column.
                        if cp == pane.caret {
                            let last = text_area.right() - 1;
                            buf[(last, y)].set_style(style);
                        }
                        cp += g.chars().count();
                        continue;
                    }
                    if g == "\t" {
                        let n = w.min(room);
                        buf.set_stringn(x, y, " ".repeat(n), n, style);
                    } else if w <= room {
                        buf.set_stringn(x, y, g, room, style);
                    }
                    x = x.saturating_add(w.min(room) as u16);
                    cp += g.chars().count();
                }
            }
        }
    }
}
