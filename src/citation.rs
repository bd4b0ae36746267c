//! Quotations with their source, as `y` copies them: the passage in quotation marks, then a
//! line naming the essay's title, its author and the paragraph (see
//! [`Essay::paragraphs_of`] for how paragraphs are counted):
//!
//! ```text
//! “The river keeps its own counsel.”
//! — On Rivers, A. Writer, ¶12
//! ```
//!
//! A passage over several paragraphs names them as `¶3–5`; one in the header (title, byline,
//! standfirst), or one no longer found in the essay, names none; an essay without a byline
//! names no author. A note follows after a blank line. What comes out is clean text: no
//! control characters but line breaks (see [`clean`]).

use crate::essay::Essay;
use crate::range::TextRange;

/// A passage of an essay and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// The passage, without the blanks around it.
    pub passage: String,
    /// The essay's title.
    pub title: String,
    /// The essay's author: its byline without a leading "By ".
    pub author: Option<String>,
    /// The first and last body paragraph of the passage (none: not in the body, or not
    /// found).
    pub paragraphs: Option<(usize, usize)>,
}

impl Quotation {
    /// The text of `range` of `essay` (paragraphs inside it stay apart by a blank line).
    pub fn of(essay: &Essay, range: TextRange) -> Quotation {
        Quotation {
            passage: essay.slice(range.start(), range.end()).trim().to_string(),
            paragraphs: essay.paragraphs_of(range),
            ..Quotation::unplaced(essay, "")
        }
    }

    /// `quote` from `essay`, as stored for a highlight no longer found in it: no
    /// paragraph is named.
    pub fn unplaced(essay: &Essay, quote: &str) -> Quotation {
        Quotation {
            passage: quote.trim().to_string(),
            title: essay.title.clone(),
            author: essay.byline.as_deref().map(author),
            paragraphs: None,
        }
    }

    /// `quote` from the essay titled `title`, as a link recorded it for a file not open.
    pub fn recorded(title: &str, quote: &str) -> Quotation {
        Quotation {
            passage: quote.trim().to_string(),
            title: title.to_string(),
            author: None,
            paragraphs: None,
        }
    }

    /// Whether there is nothing to quote (the passage is blank).
    pub fn is_blank(&self) -> bool {
        self.passage.is_empty()
    }

    /// `“passage”`, a line break, and `— Title, Author, ¶n`; clean of control characters.
    pub fn text(&self) -> String {
        let mut source = self.title.clone();
        if let Some(author) = &self.author {
            source.push_str(", ");
            source.push_str(author);
        }
        match self.paragraphs {
            Some((a, b)) if a == b => source.push_str(&format!(", ¶{a}")),
            Some((a, b)) => source.push_str(&format!(", ¶{a}–{b}")),
            None => {}
        }
        clean(&format!("“{}”\n— {source}", self.passage))
    }
}

/// The author named by a byline: without a leading "By " ("By Ann Smith" -> "Ann Smith").
fn author(byline: &str) -> String {
    let trimmed = byline.trim();
    match trimmed.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => trimmed[3..].trim_start().to_string(),
        _ => trimmed.to_string(),
    }
}

/// `text`, then a blank line and `note` when it is not blank; clean of control characters.
pub fn with_note(text: &str, note: Option<&str>) -> String {
    match note.map(str::trim).filter(|n| !n.is_empty()) {
        Some(note) => clean(&format!("{text}\n\n{note}")),
        None => clean(text),
    }
}

/// Two linked passages: the first, the relation between them, the second.
pub fn linked(from: &Quotation, relation: &str, to: &Quotation) -> String {
    format!("{}\n\n⇄ {relation}\n\n{}", from.text(), to.text())
}

/// `text` without control characters: C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F) go,
/// but a line break stays and a tab becomes a space. Essays are already free of them (their
/// controls are shown as stand-ins such as `␛`); notes and stored quotes may not be.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests;
