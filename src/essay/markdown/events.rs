//! Turning pulldown-cmark's events into the parts of an essay.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::builder::Builder;
use super::html;
use super::table::Table;
use crate::essay::{BlockKind, Inline, Part};

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
}
