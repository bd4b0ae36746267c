//! An essay pane: the essay's lines from the view's top, with highlights, selection,
//! caret and note marks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};
use unicode_segmentation::UnicodeSegmentation;

use crate::anchor::Placement;
use crate::annotation::Colour;
use crate::essay::Essay;
use crate::layout::{Lead, LineKind, grapheme_width};
use crate::range::TextRange;
use crate::settings::theme::Theme;
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

/// The marks of one screen line: its highlights (with their place among all shown, which
/// decides ties) and search hits.
struct OnLine<'a> {
    shown: Vec<(usize, &'a Shown)>,
    hits: Vec<TextRange>,
}

/// What a pane shows beyond the text: highlights, search hits, selection and caret.
struct Marks<'a> {
    shown: Vec<Shown>,
    search_hits: Vec<TextRange>,
    current_hit: Option<TextRange>,
    selection: Option<TextRange>,
    caret: usize,
    focused: bool,
    theme: &'a Theme,
    /// The passage of the notes item selected, while the notes pane has the keys.
    preview: Option<TextRange>,
}

impl Widget for EssayPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let state = self.state;
        let pane = &state.panes()[self.pane];
        let essay = &state.docs()[pane.essay].essay;
        let focused = state.focus() == Focus::Pane(self.pane);
        self.border(focused).render(area, buf);

        let text_area = state.screen().text_area(self.pane).intersection(area);
        if text_area.width == 0 || text_area.height == 0 || essay.blocks.is_empty() {
            return;
        }
        let flow = state.flow(self.pane);
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
        let marks = self.marks(span, focused);
        let numbers = state.screen().number_columns(self.pane);
        let mut numbering = Numbering::default();
        for &(y, pos) in &lines {
            if let LineKind::Text { start, end } = flow.line(pos) {
                if let Some((symbol, style)) = marks.gutter(start, end) {
                    // Beside the text (and its numbers), wherever the measure sets it.
                    let x = text_area.x.saturating_sub(numbers + crate::screen::GUTTER);
                    super::put(buf, x, y, symbol, style);
                }
                if numbers > 0
                    && pos.row == 0
                    && let Some(n) = numbering.number(essay, pos.block)
                {
                    let label = format!("{n:>width$}", width = usize::from(numbers - 1));
                    let x = text_area.x.saturating_sub(numbers);
                    super::put(buf, x, y, &label, state.theme().dim());
                }
                let block = &essay.blocks[pos.block];
                let text = flow.text_from(pos.block, start - block.start);
                let base = state.theme().block(block.kind);
                let indent = u16::try_from(flow.indent(pos))
                    .unwrap_or(u16::MAX)
                    .min(text_area.width);
                draw_lead(buf, text_area, y, &flow.lead(pos), state.theme());
                let line_area = Rect {
                    x: text_area.x + indent,
                    width: text_area.width - indent,
                    ..text_area
                };
                let spans = Spans::of(block);
                marks.draw_line(buf, line_area, y, (start, end), text, (base, &spans));
            }
        }
    }
}

/// Draws what sits in the indent of a line: a quote's bars, a mark on a continued row of
/// code.
fn draw_lead(buf: &mut Buffer, area: Rect, y: u16, lead: &Lead, theme: &Theme) {
    match lead {
        Lead::Blank => {}
        Lead::Bars(n) => {
            let bars = "│ ".repeat(*n);
            buf.set_stringn(area.x, y, bars, usize::from(area.width), theme.dim());
        }
        Lead::Continued => {
            buf.set_stringn(area.x, y, "↪", usize::from(area.width), theme.dim());
        }
    }
}

/// A block's inline spans (emphasis, links, …), in essay offsets.
struct Spans<'a> {
    /// The block's first offset.
    start: usize,
    /// Its spans, relative to the block.
    spans: &'a [crate::essay::Span],
}

impl<'a> Spans<'a> {
    fn of(block: &'a crate::essay::Block) -> Spans<'a> {
        Spans {
            start: block.start,
            spans: &block.spans,
        }
    }

    /// `base` with the style of every span over essay offset `cp`.
    fn style_at(&self, cp: usize, base: Style, theme: &Theme) -> Style {
        let rel = cp.saturating_sub(self.start);
        self.spans
            .iter()
            .filter(|s| s.start <= rel && rel < s.end)
            .fold(base, |style, s| style.patch(theme.inline(&s.style)))
    }
}

/// The paragraph numbers of the blocks on screen: the first is counted from the top of
/// the essay, the next ones on from it, so a frame deep in a long essay counts once.
#[derive(Default)]
struct Numbering {
    /// The last block numbered, and how many body paragraphs end with it.
    last: Option<(usize, usize)>,
}

impl Numbering {
    /// The number of `block` of `essay` (see [`Essay::paragraph_number`]), for blocks
    /// asked for in reading order.
    fn number(&mut self, essay: &Essay, block: usize) -> Option<usize> {
        // Body paragraphs among blocks `from..=block`.
        let counted = |from: usize| {
            essay.blocks.get(from..=block).map_or(0, |blocks| {
                blocks.iter().filter(|b| b.starts_paragraph()).count()
            })
        };
        let through = match self.last {
            Some((b, n)) if b < block => n + counted(b + 1),
            _ => counted(0),
        };
        self.last = Some((block, through));
        essay
            .blocks
            .get(block)?
            .starts_paragraph()
            .then_some(through)
    }
}

impl EssayPane<'_> {
    /// The pane's border, with the essay's title and how far into it the view is.
    fn border(&self, focused: bool) -> Block<'_> {
        let state = self.state;
        let pane = &state.panes()[self.pane];
        let essay = &state.docs()[pane.essay].essay;
        let percent = pane.percent(essay);
        let title = super::fit_title(&essay.title, self.area_width());
        super::pane_block(state.theme(), focused, title)
            .title_bottom(Line::from(format!(" {percent}% ")).right_aligned())
    }

    /// The width of the pane, borders included.
    fn area_width(&self) -> u16 {
        self.state.screen().pane_area(self.pane).width
    }

    /// The highlights and search hits touching `span` (the text on screen), the
    /// selection and the caret.
    fn marks(&self, span: Option<TextRange>, focused: bool) -> Marks<'_> {
        let state = self.state;
        let pane = &state.panes()[self.pane];
        let doc = &state.docs()[pane.essay];
        // Only highlights that touch the visible span are looked at per character.
        let src = &state.sources()[doc.source];
        // Each highlight's first link, kept by the state until the annotations change.
        let linked = state.first_links(doc.source);
        let mut over = span.map_or_else(Vec::new, |s| state.placed_over(pane.essay, s));
        // In creation order, as ties between overlapping highlights were always decided.
        over.sort_unstable();
        let shown = over
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
        let search = state.search().filter(|s| s.pane == self.pane);
        // Matches are in text order and do not overlap: those on screen are found by
        // halving, however many the essay holds.
        let search_hits = search
            .zip(span)
            .map(|(s, sp)| {
                let first = s.matches.partition_point(|m| m.end() <= sp.start());
                s.matches[first..]
                    .iter()
                    .copied()
                    .take_while(|m| m.start() < sp.end())
                    .filter(|m| sp.overlaps(*m))
                    .collect()
            })
            .unwrap_or_default();
        Marks {
            shown,
            search_hits,
            current_hit: search.and_then(|s| s.current.map(|k| s.matches[k])),
            selection: pane.selection(&doc.essay),
            caret: pane.caret,
            focused,
            theme: state.theme(),
            preview: state
                .notes_preview()
                .filter(|(doc, _)| *doc == pane.essay)
                .map(|(_, range)| range),
        }
    }
}

impl Marks<'_> {
    /// The gutter mark of the line showing `start..end`: a mark in the colour of a
    /// highlight on it; a pen where a passage with a note begins; an arrow where a linked
    /// one does.
    fn gutter(&self, start: usize, end: usize) -> Option<(&'static str, Style)> {
        let line = TextRange::new(start, end);
        let s = self
            .shown
            .iter()
            .filter(|s| line.is_some_and(|l| s.range.overlaps(l)))
            .min_by_key(|s| s.range.start())?;
        let begins = |s: &&Shown| s.range.start() >= start && s.range.start() < end;
        let starts_here = s.range.start() >= start && s.range.start() < end.max(start + 1);
        let noted_start = self.shown.iter().filter(begins).any(|s| s.noted);
        let linked_start = self.shown.iter().filter(begins).find_map(|s| s.linked);
        Some(if let Some(relation) = linked_start {
            ("⇄", self.theme.link(relation))
        } else if noted_start {
            ("✎", self.theme.mark(s.colour))
        } else if starts_here || s.range.start() < start {
            ("▐", self.theme.mark(s.colour))
        } else {
            (" ", Style::new())
        })
    }

    /// The highlights and search hits touching the screen line `start..end`: all a
    /// character of the line is looked up in, however many the screen holds.
    fn on_line(&self, start: usize, end: usize) -> OnLine<'_> {
        let touches = |r: &TextRange| r.start() < end && r.end() > start;
        OnLine {
            shown: self
                .shown
                .iter()
                .enumerate()
                .filter(|(_, s)| touches(&s.range))
                .collect(),
            hits: self
                .search_hits
                .iter()
                .copied()
                .filter(|r| touches(r))
                .collect(),
        }
    }

    /// The style of the character at text offset `cp` of a line with `line`'s marks, on
    /// `base`.
    fn style_at(&self, cp: usize, base: Style, line: &OnLine) -> Style {
        let mut style = base;
        // The innermost highlight paints the cell; the next one out, where two overlap,
        // underlines it in its colour.
        let here = || {
            line.shown
                .iter()
                .copied()
                .filter(|(_, s)| s.range.contains(cp))
        };
        if let Some((i, s)) = here().min_by_key(|(i, s)| (s.range.len(), *i)) {
            style = style.patch(self.theme.highlight(s.colour));
            if s.moved {
                style = style.patch(self.theme.moved());
            }
            if let Some((_, outer)) = here()
                .filter(|&(j, _)| j != i)
                .min_by_key(|(j, s)| (s.range.len(), *j))
            {
                style = style.patch(self.theme.overlap(outer.colour));
            }
        }
        if self.preview.is_some_and(|r| r.contains(cp)) {
            style = style.patch(self.theme.preview());
        }
        if let Some(hit) = line.hits.iter().find(|r| r.contains(cp)) {
            style = style.patch(if Some(*hit) == self.current_hit {
                self.theme.search_current()
            } else {
                self.theme.search_match()
            });
        }
        if self.selection.is_some_and(|r| r.contains(cp)) {
            style = style.patch(self.theme.selection());
        }
        if cp == self.caret {
            let selected = self.selection.is_some_and(|r| r.contains(cp));
            style = style.patch(match (self.focused, selected) {
                (true, true) => self.theme.caret_in_selection(),
                (true, false) => self.theme.caret(),
                (false, _) => self.theme.caret_unfocused(),
            });
        }
        style
    }

    /// Draws the text of one screen line (offsets `start..end`, `text` from `start` on)
    /// at row `y` of `area`.
    fn draw_line(
        &self,
        buf: &mut Buffer,
        area: Rect,
        y: u16,
        (start, end): (usize, usize),
        text: &str,
        (base, spans): (Style, &Spans),
    ) {
        let mut x = area.x;
        let mut cp = start;
        let line = self.on_line(start, end);
        for g in text.graphemes(true) {
            if cp >= end {
                break;
            }
            let w = grapheme_width(g);
            let style = self.style_at(cp, spans.style_at(cp, base, self.theme), &line);
            let room = usize::from(area.right().saturating_sub(x));
            if room == 0 {
                // Hanging spaces past the edge: show the caret on the last column.
                if cp == self.caret {
                    buf[(area.right() - 1, y)].set_style(style);
                }
            } else {
                if g == "\t" {
                    let n = w.min(room);
                    buf.set_stringn(x, y, " ".repeat(n), n, style);
                } else if w <= room {
                    buf.set_stringn(x, y, g, room, style);
                }
                x = x.saturating_add(w.min(room) as u16);
            }
            cp += g.chars().count();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::BlockKind;

    #[test]
    fn numbering_on_from_any_block_agrees_with_the_essays_numbers() {
        let mut blocks = vec![
            (BlockKind::Date, "Monday".to_string()),
            (BlockKind::Title, "Title".to_string()),
            (BlockKind::Byline, "By Someone".to_string()),
            (BlockKind::Standfirst, "A lead.".to_string()),
        ];
        for i in 0..30 {
            blocks.push((BlockKind::Paragraph, format!("Paragraph {i}.")));
        }
        let essay = Essay::from_blocks("e".into(), blocks);
        for first in 0..essay.blocks.len() {
            let mut numbering = Numbering::default();
            for block in first..essay.blocks.len() {
                assert_eq!(
                    numbering.number(&essay, block),
                    essay.paragraph_number(block),
                    "from {first}, block {block}"
                );
            }
        }
    }
}
