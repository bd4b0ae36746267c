//! Walking an HTML tree (an article, a chapter) into the blocks of the essay model: headings,
//! paragraphs, quotes, list items, lines of code and verse, table rows and footnotes, with
//! emphasis, strong, struck, code, link and note spans.

use dom_query::NodeRef;

mod shapes;

use super::line::Line;
use super::notes::Notes;
use crate::essay::{BlockKind, Inline, Part};

/// Elements whose content is never read: code, styles, forms, media, navigation.
const SKIPPED: [&str; 17] = [
    "script", "style", "noscript", "template", "head", "title", "button", "input", "select",
    "textarea", "form", "iframe", "svg", "object", "video", "audio", "nav",
];

/// Elements that start and end a block of their own.
const BLOCKS: [&str; 26] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "address",
    "center",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "hgroup",
    "body",
    "html",
    "fieldset",
    "legend",
    "caption",
    "tbody",
    "thead",
    "tfoot",
];

/// The blocks under `root`, in document order.
pub(crate) fn parts_of(root: &NodeRef) -> Vec<Part> {
    let mut walker = Walker {
        notes: Notes::find(root),
        ..Walker::default()
    };
    walker.node(root);
    walker.flush();
    walker.parts
}

/// The state of a walk: the blocks found, the one being written and where it is.
#[derive(Debug, Default)]
struct Walker {
    /// Blocks found so far.
    parts: Vec<Part>,
    /// The block being written.
    line: Line,
    /// The footnotes of the page.
    notes: Notes,
    /// The level of the heading being written.
    heading: Option<u8>,
    /// Open block quotes.
    quotes: u8,
    /// Open lists: the next number of each ordered one (None for bullets).
    lists: Vec<Option<u32>>,
    /// Open list items.
    items: usize,
    /// The marker of the item (or the label of the footnote) whose text has not been
    /// written yet.
    marker: Option<String>,
    /// The label of the footnote being written, while in one.
    note: Option<String>,
    /// How deep inside something written on one line (a heading, a table cell): there, a
    /// block or a line break is only a space.
    flat: usize,
    /// Lines of the block already written as verse (its line breaks).
    verses: usize,
    /// Whether the block being written is a table row.
    row: bool,
}

impl Walker {
    /// Reads one node and everything under it.
    fn node(&mut self, node: &NodeRef) {
        if node.is_text() {
            self.line.text(&node.text());
            return;
        }
        if !node.is_element() {
            if node.is_document() || node.is_fragment() {
                self.children(node);
            }
            return;
        }
        let name = node.node_name().map(|n| n.to_string()).unwrap_or_default();
        if self.note.is_none()
            && let Some(label) = self.notes.note_label(node)
        {
            return self.footnote(node, label);
        }
        match name.as_str() {
            n if SKIPPED.contains(&n) => {}
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse().unwrap_or(1);
                self.heading_block(node, level);
            }
            "blockquote" => {
                self.flush();
                self.quotes = self.quotes.saturating_add(1);
                self.children(node);
                self.flush();
                self.quotes -= 1;
            }
            "ul" | "ol" | "menu" => self.list(node, name == "ol"),
            "li" => self.item(node),
            "pre" => self.pre(node),
            "table" => self.table(node),
            "tr" | "td" | "th" => self.block(node),
            "br" => self.line_break(),
            "hr" => self.flush(),
            "img" => self.image(node),
            "a" => self.link(node),
            "em" | "i" | "cite" | "dfn" | "var" => self.styled(node, Inline::Emphasis),
            "strong" | "b" => self.styled(node, Inline::Strong),
            "s" | "strike" | "del" => self.styled(node, Inline::Strike),
            "code" | "kbd" | "samp" | "tt" => self.styled(node, Inline::Code),
            n if BLOCKS.contains(&n) => self.block(node),
            _ => self.children(node),
        }
    }

    /// Reads the children of a node.
    fn children(&mut self, node: &NodeRef) {
        for child in node.children_it(false) {
            self.node(&child);
        }
    }

    /// A block container: what was before it and what it holds are blocks of their own.
    fn block(&mut self, node: &NodeRef) {
        if self.flat > 0 {
            self.line.soft_break();
            self.children(node);
            self.line.soft_break();
            return;
        }
        self.flush();
        self.children(node);
        self.flush();
    }

    /// A heading, on one line.
    fn heading_block(&mut self, node: &NodeRef, level: u8) {
        if self.flat > 0 {
            return self.block(node);
        }
        self.flush();
        self.heading = Some(level);
        self.flat += 1;
        self.children(node);
        self.flush();
        self.flat -= 1;
        self.heading = None;
    }

    /// A list: its items, numbered from `start` when ordered.
    fn list(&mut self, node: &NodeRef, ordered: bool) {
        if self.flat > 0 {
            return self.block(node);
        }
        self.flush();
        self.marker = None;
        let start = node.attr("start").and_then(|s| s.trim().parse().ok());
        self.lists.push(ordered.then(|| start.unwrap_or(1)));
        self.children(node);
        self.flush();
        self.lists.pop();
    }

    /// A list item: its text begins with its marker.
    fn item(&mut self, node: &NodeRef) {
        if self.flat > 0 {
            return self.block(node);
        }
        self.flush();
        let marker = match self.lists.last_mut() {
            Some(Some(n)) => {
                if let Some(v) = node.attr("value").and_then(|v| v.trim().parse().ok()) {
                    *n = v;
                }
                let m = format!("{n}. ");
                *n = n.saturating_add(1);
                m
            }
            _ => "• ".to_owned(),
        };
        self.marker = Some(marker);
        self.items += 1;
        self.children(node);
        self.flush();
        self.items -= 1;
        self.marker = None;
    }

    /// A footnote: one block (or more) beginning with its label, its back links left out.
    fn footnote(&mut self, node: &NodeRef, label: String) {
        self.flush();
        self.marker = Some(format!("[{label}] "));
        self.note = Some(label);
        let flat = std::mem::take(&mut self.flat);
        self.children(node);
        self.flush();
        self.flat = flat;
        self.note = None;
        self.marker = None;
    }

    /// A line break: in a paragraph or quote, the lines become lines of verse; elsewhere a space.
    fn line_break(&mut self) {
        let kind = self.kind();
        if self.flat > 0 || !matches!(kind, BlockKind::Paragraph | BlockKind::Quote) {
            self.line.soft_break();
            return;
        }
        if self.line.is_empty() {
            return;
        }
        let (text, spans) = self.line.take();
        self.parts.push(Part {
            kind: BlockKind::Verse,
            depth: 0,
            joined: self.verses > 0,
            text,
            spans,
        });
        self.verses += 1;
    }

    /// An image: its alt text, if it has one.
    fn image(&mut self, node: &NodeRef) {
        if let Some(alt) = node.attr("alt").filter(|a| !a.trim().is_empty()) {
            self.line.text(" ");
            self.line.raw(&format!("[image: {}]", alt.trim()));
            self.line.text(" ");
        }
    }

    /// A link: its text, with its target; a note reference as "[label]"; a back link dropped.
    fn link(&mut self, node: &NodeRef) {
        if let Some(label) = self.notes.reference_label(node) {
            self.line.open(Inline::Note(label.clone()));
            self.line.raw(&format!("[{label}]"));
            self.line.close();
            return;
        }
        if self.note.is_some() && self.notes.is_back_link(node) {
            return;
        }
        let href = node.attr("href").map(|h| h.trim().to_owned());
        match href {
            Some(h) if !h.is_empty() && !h.starts_with('#') && !h.starts_with("javascript:") => {
                self.styled(node, Inline::Link(h));
            }
            _ => self.children(node),
        }
    }

    /// Inline content under a style.
    fn styled(&mut self, node: &NodeRef, style: Inline) {
        self.line.open(style);
        self.children(node);
        self.line.close();
    }

    /// The kind (and depth) a paragraph gets where the walk is.
    fn kind(&self) -> BlockKind {
        if let Some(level) = self.heading {
            BlockKind::Heading(level)
        } else if self.row {
            BlockKind::Table
        } else if self.note.is_some() {
            BlockKind::Footnote
        } else if self.items > 0 {
            BlockKind::Item
        } else if self.quotes > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    /// Ends the block being written, if it has any text.
    fn flush(&mut self) {
        let kind = self.kind();
        let verses = std::mem::take(&mut self.verses);
        self.row = false;
        if self.line.is_empty() {
            return;
        }
        let (mut text, mut spans) = self.line.take();
        let depth = match kind {
            BlockKind::Item => self.lists.len().saturating_sub(1),
            BlockKind::Quote => usize::from(self.quotes.saturating_sub(1)),
            _ => 0,
        };
        if matches!(kind, BlockKind::Item | BlockKind::Footnote)
            && let Some(marker) = self.marker.take()
        {
            let shift = marker.chars().count();
            text.insert_str(0, &marker);
            for span in &mut spans {
                span.start += shift;
                span.end += shift;
            }
        }
        let verse = verses > 0 && matches!(kind, BlockKind::Paragraph | BlockKind::Quote);
        self.parts.push(Part {
            kind: if verse { BlockKind::Verse } else { kind },
            depth: u8::try_from(depth).unwrap_or(u8::MAX),
            joined: verses > 0,
            text,
            spans,
        });
    }
}
