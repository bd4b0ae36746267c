//! Turning pulldown-cmark's events into the parts of an essay.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::html;
use super::table::Table;
use crate::essay::{BlockKind, Inline, Part, Span};

/// The parts a Markdown body gives.
#[derive(Debug, Default)]
pub(super) struct Body {
    /// The blocks in order, footnotes left out.
    pub(super) parts: Vec<Part>,
    /// Indices into `parts` where a top-level `#` heading starts.
    pub(super) h1: Vec<usize>,
    /// Footnote definitions, in the order written: label and blocks.
    pub(super) notes: Vec<(String, Vec<Part>)>,
}

/// A block being read.
#[derive(Debug)]
struct Cur {
    /// Its kind.
    kind: BlockKind,
    /// Its depth.
    depth: u8,
    /// Whether it is the next line of the block before.
    joined: bool,
    /// Its text so far.
    text: String,
    /// Length of `text` in code points.
    len: usize,
    /// Spans closed so far.
    spans: Vec<Span>,
}

/// An inline style opened and not yet closed, from code point `start` of the current block.
#[derive(Debug)]
struct Open {
    /// The style.
    style: Inline,
    /// Where it starts in the current block.
    start: usize,
}

/// The reader's state between events.
#[derive(Debug, Default)]
struct Builder {
    /// What has been read.
    body: Body,
    /// The block being read.
    cur: Option<Cur>,
    /// Inline styles open.
    open: Vec<Open>,
    /// Block quotes open.
    quote: u8,
    /// Lists open: the number of the next item of each (None for bullets).
    lists: Vec<Option<u64>>,
    /// The marker of a list item whose text has not started yet.
    marker: Option<String>,
    /// The level of the heading being read.
    heading: Option<u8>,
    /// The footnote definition being read: its label and blocks.
    note: Option<(String, Vec<Part>)>,
    /// Whether the footnote's label is still to be written before its text.
    note_label: bool,
    /// The text of the code block being read.
    code: Option<String>,
    /// The raw HTML block being read.
    html: Option<String>,
    /// Where an image's alt text starts in the current block.
    image: Option<usize>,
    /// The table being read.
    table: Option<Table>,
    /// Whether the next block continues the one before after a hard line break.
    joined_next: bool,
    /// How many tags are open (0 at the top level).
    nesting: usize,
}

/// Reads a Markdown body (front matter already removed).
pub(super) fn read(markdown: &str) -> Body {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut b = Builder::default();
    for event in Parser::new_ext(markdown, options) {
        b.event(event);
    }
    b.flush();
    b.body
}

impl Builder {
    /// Takes one event.
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => {
                self.start(tag);
                self.nesting += 1;
            }
            Event::End(tag) => {
                self.nesting = self.nesting.saturating_sub(1);
                self.end(tag);
            }
            Event::Text(s) => {
                if let Some(code) = &mut self.code {
                    code.push_str(&s);
                } else {
                    self.push(&s);
                }
            }
            Event::Code(s) => self.styled(Inline::Code, &s),
            Event::Html(s) => match &mut self.html {
                Some(h) => h.push_str(&s),
                None => self.html_text(&s),
            },
            Event::InlineHtml(s) => {
                if html::tag_is(&s, "br") {
                    self.hard_break();
                }
            }
            Event::FootnoteReference(label) => {
                let marker = format!("[{label}]");
                self.styled(Inline::Note(label.into_string()), &marker);
            }
            Event::SoftBreak => self.push(" "),
            Event::HardBreak => self.hard_break(),
            Event::Rule => {
                self.flush();
                self.emit(Part {
                    kind: BlockKind::Centred,
                    text: "* * *".to_owned(),
                    ..Part::default()
                });
            }
            Event::InlineMath(s) | Event::DisplayMath(s) => self.push(&s),
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }),
        }
    }

    /// A tag opens.
    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.end_block(),
            Tag::Heading { level, .. } => {
                self.end_block();
                if level == HeadingLevel::H1 && self.nesting == 0 && self.note.is_none() {
                    self.body.h1.push(self.body.parts.len());
                }
                self.heading = Some(level as u8);
            }
            Tag::BlockQuote(_) => {
                self.end_block();
                self.quote = self.quote.saturating_add(1);
            }
            Tag::CodeBlock(_) => {
                self.end_block();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.end_block();
                self.html = Some(String::new());
            }
            Tag::List(first) => {
                self.end_block();
                self.lists.push(first);
            }
            Tag::Item => {
                self.end_block();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n = n.saturating_add(1);
                        m
                    }
                    _ => "• ".to_owned(),
                };
                self.marker = Some(marker);
            }
            Tag::FootnoteDefinition(label) => {
                self.end_block();
                self.note = Some((label.into_string(), Vec::new()));
                self.note_label = true;
            }
            Tag::Table(aligns) => {
                self.end_block();
                self.table = Some(Table {
                    aligns,
                    ..Table::default()
                });
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.head = true;
                }
            }
            Tag::TableCell => {
                let cell = self.new_block(BlockKind::Table, 0, String::new());
                self.cur = Some(cell);
            }
            Tag::Emphasis => self.open(Inline::Emphasis),
            Tag::Strong => self.open(Inline::Strong),
            Tag::Strikethrough => self.open(Inline::Strike),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let url = if link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.into_string()
                };
                self.open(Inline::Link(url));
            }
            Tag::Image { .. } => {
                self.push("[image: ");
                self.image = self.cur.as_ref().map(|c| c.len);
            }
            _ => {}
        }
    }

    /// A tag closes.
    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.end_block(),
            TagEnd::Heading(_) => {
                self.end_block();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) => {
                self.end_block();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.code_lines(&code);
            }
            TagEnd::HtmlBlock => {
                let h = self.html.take().unwrap_or_default();
                self.html_text(&h);
            }
            TagEnd::List(_) => {
                self.end_block();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.end_block();
                self.marker = None;
            }
            TagEnd::FootnoteDefinition => {
                self.end_block();
                if let Some(note) = self.note.take() {
                    self.body.notes.push(note);
                }
            }
            TagEnd::TableCell => {
                self.close_all();
                if let (Some(c), Some(t)) = (self.cur.take(), &mut self.table) {
                    t.row.push((c.text, c.spans));
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let depth = self.depth();
                    for part in t.parts(depth) {
                        self.emit(part);
                    }
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.close(None),
            TagEnd::Link => self.close(Some(())),
            TagEnd::Image => {
                if let (Some(c), Some(at)) = (&mut self.cur, self.image.take())
                    && c.len == at
                {
                    // No alt text: "[image]".
                    c.text.truncate(c.text.len() - 2);
                    c.len -= 2;
                }
                self.push("]");
            }
            _ => {}
        }
    }

    /// The nesting depth of a block opened now.
    fn depth(&self) -> u8 {
        match self.lists.len() {
            0 => self.quote.saturating_sub(1),
            n => u8::try_from(n - 1).unwrap_or(u8::MAX),
        }
    }

    /// A fresh block of a kind, at a depth, starting with a prefix.
    fn new_block(&mut self, kind: BlockKind, depth: u8, prefix: String) -> Cur {
        let joined = std::mem::take(&mut self.joined_next);
        let len = prefix.chars().count();
        Cur {
            kind,
            depth,
            joined,
            text: prefix,
            len,
            spans: Vec::new(),
        }
    }

    /// The block being read, opened as the context says if none is.
    fn cur(&mut self) -> &mut Cur {
        let c = match self.cur.take() {
            Some(c) => c,
            None => self.context_block(),
        };
        self.cur.insert(c)
    }

    /// A new block of the kind the open containers ask for; open styles restart in it.
    fn context_block(&mut self) -> Cur {
        let mut prefix = String::new();
        let (kind, depth) = if let Some(level) = self.heading {
            (BlockKind::Heading(level), 0)
        } else if let Some((label, _)) = &self.note {
            if std::mem::take(&mut self.note_label) {
                prefix = format!("[{label}] ");
            }
            (BlockKind::Footnote, 0)
        } else if !self.lists.is_empty() {
            prefix = self.marker.take().unwrap_or_default();
            (BlockKind::Item, self.depth())
        } else if self.quote > 0 {
            (BlockKind::Quote, self.depth())
        } else if self.joined_next {
            (BlockKind::Verse, 0)
        } else {
            (BlockKind::Paragraph, 0)
        };
        let c = self.new_block(kind, depth, prefix);
        for o in &mut self.open {
            o.start = c.len;
        }
        c
    }

    /// Adds text to the current block (line breaks inside become spaces).
    fn push(&mut self, s: &str) {
        let c = self.cur();
        for ch in s.chars() {
            c.text.push(if ch == '\n' { ' ' } else { ch });
            c.len += 1;
        }
    }

    /// Adds text in a style.
    fn styled(&mut self, style: Inline, s: &str) {
        let start = self.cur().len;
        self.push(s);
        let c = self.cur();
        if c.len > start {
            let end = c.len;
            c.spans.push(Span { start, end, style });
        }
    }

    /// Opens an inline style.
    fn open(&mut self, style: Inline) {
        let start = self.cur().len;
        self.open.push(Open { style, start });
    }

    /// Closes the innermost inline style; a link with no text shows its URL.
    fn close(&mut self, link: Option<()>) {
        let Some(o) = self.open.pop() else { return };
        let empty = self.cur.as_ref().is_none_or(|c| c.len == o.start);
        if link.is_some()
            && empty
            && let Inline::Link(url) = &o.style
        {
            let url = url.clone();
            self.push(&url);
        }
        if let Some(c) = &mut self.cur
            && c.len > o.start
        {
            c.spans.push(Span {
                start: o.start,
                end: c.len,
                style: o.style,
            });
        }
    }

    /// Closes every open style at the end of the current block (they reopen in the next).
    fn close_all(&mut self) {
        if let Some(c) = &mut self.cur {
            for o in &self.open {
                if c.len > o.start {
                    c.spans.push(Span {
                        start: o.start,
                        end: c.len,
                        style: o.style.clone(),
                    });
                }
            }
        }
    }

    /// A hard line break: the block ends, and the next line is joined to it as verse.
    fn hard_break(&mut self) {
        if self.heading.is_some() || self.table.is_some() {
            self.push(" ");
            return;
        }
        if let Some(c) = &mut self.cur
            && c.kind == BlockKind::Paragraph
        {
            c.kind = BlockKind::Verse;
        }
        let had = self.cur.is_some();
        self.flush();
        self.joined_next = had;
    }

    /// Ends the current block, if any, and the run of joined lines.
    fn end_block(&mut self) {
        self.flush();
        self.joined_next = false;
    }

    /// Hands the current block on.
    fn flush(&mut self) {
        self.close_all();
        if let Some(c) = self.cur.take() {
            let part = Part {
                kind: c.kind,
                depth: c.depth,
                joined: c.joined,
                text: c.text,
                spans: c.spans,
            };
            self.emit(part);
        }
    }

    /// Adds a finished part to the essay or to the footnote being read.
    fn emit(&mut self, part: Part) {
        match &mut self.note {
            Some((_, parts)) => parts.push(part),
            None => self.body.parts.push(part),
        }
    }

    /// A code block's lines, verbatim, as joined [`BlockKind::Code`] parts.
    fn code_lines(&mut self, code: &str) {
        self.end_block();
        let depth = self.depth();
        let lines: Vec<&str> = code.trim_end_matches('\n').split('\n').collect();
        let first = lines
            .iter()
            .position(|l| !l.trim().is_empty())
            .unwrap_or(lines.len());
        for (i, line) in lines[first..].iter().enumerate() {
            self.emit(Part {
                kind: BlockKind::Code,
                depth,
                joined: i > 0,
                text: (*line).to_owned(),
                spans: Vec::new(),
            });
        }
    }

    /// Raw HTML as paragraphs of its text, in the current context.
    fn html_text(&mut self, raw: &str) {
        self.end_block();
        for para in html::paragraphs(raw) {
            self.push(&para);
            self.end_block();
        }
    }
}
