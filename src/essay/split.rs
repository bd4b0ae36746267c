//! Splitting decoded text into essays: blocks, headers, and where one essay ends.
//!
//! The text is cut into blocks at blank lines (a line of only whitespace, NBSP included, is
//! blank), remembering how many blank lines came before each block. Then:
//!
//! - The file starts with a header: an optional date line, a title (a short single line that
//!   does not end like a sentence), an optional byline, an optional date line after the title,
//!   and an optional standfirst (a short one-sentence first paragraph). If the first block is
//!   not title-like, the essay takes the fallback title and every block is a paragraph.
//! - A new essay begins only at a block after two or more blank lines that is a date line
//!   followed by a title, or a title followed by a byline or a date line. A title-like line
//!   alone (a section heading) stays a paragraph, however many blank lines precede it.
//! - Trailing blog boilerplate after two or more blank lines ("No comments:") is dropped.

use super::cut::{Raw, blocks};
use super::{BlockKind, Essay, IdSet, Part};

/// Longest title, in code points.
const TITLE_MAX: usize = 150;
/// Longest byline, in code points.
const BYLINE_MAX: usize = 80;
/// Longest date line, in code points.
const DATE_MAX: usize = 40;
/// Longest standfirst, in code points.
const STANDFIRST_MAX: usize = 300;
/// Blank lines before a block that may open a new essay.
const ESSAY_GAP: u32 = 2;

impl Raw {
    /// The block's text if it is a single line of at most `max` code points.
    fn short_line(&self, max: usize) -> Option<&str> {
        // A code point takes at most 4 bytes: skip counting long paragraphs.
        (self.lines == 1 && self.text.len() <= max * 4 && self.text.chars().count() <= max)
            .then_some(self.text.as_str())
    }
}

/// Splits decoded text into essays. `fallback_title` is used when a file has no recognisable title (e.g. file stem).
///
/// Text with no non-blank line gives no essays.
///
/// See also [`split_head`], for a quick first look at a long file.
pub fn split(text: &str, fallback_title: &str) -> Vec<Essay> {
    split_blocks(blocks(text), fallback_title)
}

/// [`split`], from the text already cut into blocks.
pub(super) fn split_blocks(mut raws: Vec<Raw>, fallback_title: &str) -> Vec<Essay> {
    // A footer is dropped only below some text: a file that is all "footer" is text.
    while raws.len() > 1
        && raws
            .last()
            .is_some_and(|b| b.blanks_before >= ESSAY_GAP && is_footer(b))
    {
        raws.pop();
    }
    let mut kinds = vec![BlockKind::Paragraph; raws.len()];
    // (end index, has a title) of each essay, in order.
    let mut essays: Vec<(usize, bool)> = Vec::new();
    let mut i = 0;
    while i < raws.len() {
        let (next, has_title) = header(&raws, i, i == 0, &mut kinds);
        let mut end = next.max(i + 1);
        while end < raws.len() && !(raws[end].blanks_before >= ESSAY_GAP && opens_essay(&raws, end))
        {
            end += 1;
        }
        // A block with a shape (a list, a quote, verse, …) is no standfirst.
        if has_title && next + 1 < end && is_standfirst(&raws[next]) && raws[next].shaped.is_none()
        {
            kinds[next] = BlockKind::Standfirst;
        }
        essays.push((end, has_title));
        i = end;
    }

    let mut ids = IdSet::default();
    let mut start = 0;
    let mut ids: Vec<String> = essays
        .iter()
        .map(|&(end, _)| {
            let title = (start..end)
                .find(|&j| kinds[j] == BlockKind::Title)
                .map_or(fallback_title, |j| raws[j].text.as_str());
            start = end;
            ids.unique(title)
        })
        .collect();
    // Each block's text moves into its essay: nothing is copied on the way. The essays are
    // made from the last one back, their blocks drained off the end of the cut list, which
    // gives back its room as it shrinks: the list and the essays' block records are never
    // both held whole.
    let mut made = Vec::with_capacity(essays.len());
    for k in (0..essays.len()).rev() {
        let start = k.checked_sub(1).map_or(0, |j| essays[j].0);
        let has_title = essays[k].1;
        let id = ids.pop().unwrap_or_default();
        let count = raws[start..]
            .iter()
            .zip(&kinds[start..])
            .map(|(raw, &kind)| match &raw.shaped {
                Some(shaped) if kind == BlockKind::Paragraph => shaped.len(),
                _ => 1,
            })
            .sum();
        let parts = raws
            .drain(start..)
            .zip(kinds.drain(start..))
            .flat_map(|(raw, kind)| {
                let (one, shaped) = match raw.shaped {
                    Some(shaped) if kind == BlockKind::Paragraph => (None, Some(shaped)),
                    _ => {
                        let text = raw.text;
                        (
                            Some(Part {
                                kind,
                                text,
                                ..Part::default()
                            }),
                            None,
                        )
                    }
                };
                one.into_iter()
                    .chain(shaped.into_iter().flat_map(Vec::from))
            });
        let fallback = (!has_title).then_some(fallback_title);
        made.push(Essay::assemble_parts(id, fallback, Counted(parts, count)));
        if raws.len() < raws.capacity() / 2 {
            raws.shrink_to_fit();
        }
    }
    made.reverse();
    made
}

/// An iterator that says how many items it yields (the essay's blocks, sized once).
struct Counted<I>(I, usize);

impl<I: Iterator> Iterator for Counted<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let item = self.0.next()?;
        self.1 = self.1.saturating_sub(1);
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.1, None)
    }
}

/// Marks the header of the essay starting at block `i` in `kinds`.
///
/// Returns the index of the first block after the header and whether a title was found. At the
/// start of the file a title needs nothing after it; elsewhere `opens_essay` has vouched for it.
fn header(raws: &[Raw], i: usize, at_start: bool, kinds: &mut [BlockKind]) -> (usize, bool) {
    let is = |j: usize, f: fn(&str) -> bool, max: usize| {
        raws.get(j).and_then(|b| b.short_line(max)).is_some_and(f)
    };
    let date = |j| is(j, is_date, DATE_MAX);
    let title = |j| is(j, is_title, TITLE_MAX);
    let byline = |j| is(j, is_byline, BYLINE_MAX);

    let mut j = i;
    let mut has_date = false;
    if date(j) && (at_start || title(j + 1)) {
        kinds[j] = BlockKind::Date;
        has_date = true;
        j += 1;
    }
    if !(title(j) && (at_start || has_date || byline(j + 1) || date(j + 1))) {
        return (j, false);
    }
    kinds[j] = BlockKind::Title;
    j += 1;
    let mut has_byline = false;
    if byline(j) {
        kinds[j] = BlockKind::Byline;
        has_byline = true;
        j += 1;
    }
    if !has_date && date(j) {
        kinds[j] = BlockKind::Date;
        j += 1;
    }
    if !has_byline && byline(j) {
        kinds[j] = BlockKind::Byline;
        j += 1;
    }
    (j, true)
}

/// Whether block `i` opens a new essay: a date line then a title, or a title then a byline
/// or a date line.
fn opens_essay(raws: &[Raw], i: usize) -> bool {
    let line = |j: usize, max: usize| raws.get(j).and_then(|b| b.short_line(max));
    let date = |j| line(j, DATE_MAX).is_some_and(is_date);
    let title = |j| line(j, TITLE_MAX).is_some_and(is_title);
    let byline = |j| line(j, BYLINE_MAX).is_some_and(is_byline);
    (date(i) && title(i + 1)) || (title(i) && (byline(i + 1) || date(i + 1)))
}

/// A title: a short line with a letter that does not end like a clause or sentence ('?' and
/// '!' are fine) and is not a date.
fn is_title(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
        && !s.ends_with(['.', ',', ';', ':'])
        && s.split_whitespace().count() <= 25
        && !is_date(s)
}

/// Lowercase words that may sit between the capitalised words of a name.
const NAME_PARTICLES: &[&str] = &[
    "and", "&", "de", "del", "der", "den", "da", "di", "du", "van", "von", "la", "le", "bin",
    "ibn", "al", "y",
];

/// A byline: "By …", or two to six name-like words (capitalised words, initials such as
/// "M.K." or "Jr.", particles such as "van"), with no digits and no sentence punctuation.
fn is_byline(s: &str) -> bool {
    if s.chars().any(|c| c.is_ascii_digit()) || s.contains(['?', '!', ';']) {
        return false;
    }
    let lower = s.to_lowercase();
    if let Some(rest) = lower
        .strip_prefix("by ")
        .or_else(|| lower.strip_prefix("by:"))
    {
        let words = rest.split_whitespace().count();
        return (1..=10).contains(&words) && (!s.ends_with(['.', ',', ':']) || is_initial_end(s));
    }
    if s.contains(':') || s.ends_with(',') {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=6).contains(&words.len()) {
        return false;
    }
    words.iter().all(|w| {
        let w = w.trim_start_matches(['(', '"', '“', '‘', '\'']);
        let w = w.trim_end_matches([',', ')', '"', '”', '’', '\'']);
        if NAME_PARTICLES.contains(&w) {
            return true;
        }
        let starts_upper = w
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        starts_upper && (!w.ends_with('.') || letters <= 3)
    }) && words.iter().any(|w| {
        !NAME_PARTICLES.contains(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
    })
}

/// Whether a line ends with an initial or short abbreviation such as "J." or "Jr.".
fn is_initial_end(s: &str) -> bool {
    s.split_whitespace()
        .last()
        .is_some_and(|w| w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() <= 3)
}

/// Month and weekday names as they may appear in a date line (full or abbreviated).
const DATE_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Other words a date line may hold.
const DATE_FILLERS: &[&str] = &[
    "st",
    "nd",
    "rd",
    "th",
    "of",
    "the",
    "on",
    "at",
    "am",
    "pm",
    "posted",
    "published",
    "updated",
];

/// A date line: a short line with a digit, made only of numbers and date words, with a month
/// or weekday name ("Friday, May 24, 2024", "24th of May 2024") or three number groups
/// ("2024-05-24", "24/05/2024").
fn is_date(s: &str) -> bool {
    if !s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut named = false;
    let mut numbers = 0;
    for token in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        let digits = token.chars().take_while(char::is_ascii_digit).count();
        let word = &token[digits..];
        if digits > 0 {
            if digits > 4 {
                return false;
            }
            numbers += 1;
        }
        if word.is_empty() {
            continue;
        }
        let word = word.to_lowercase();
        if DATE_NAMES.contains(&word.as_str()) {
            named = true;
        } else if !DATE_FILLERS.contains(&word.as_str()) {
            return false;
        }
    }
    named || numbers == 3
}

/// A standfirst: a short paragraph of one sentence (no sentence break inside it).
fn is_standfirst(raw: &Raw) -> bool {
    let s = raw.text.as_str();
    if s.len() > STANDFIRST_MAX * 4 || s.chars().count() > STANDFIRST_MAX {
        return false;
    }
    let body = s.trim_end_matches(['.', '!', '?', '"', '”', '’', '\'', ')']);
    !body.contains(". ")
        && !body.contains("? ")
        && !body.contains("! ")
        && s.split_whitespace().count() >= 3
}

/// Boilerplate a blog export leaves after the last essay ("No comments:", "Post a Comment").
fn is_footer(raw: &Raw) -> bool {
    let Some(s) = raw.short_line(60) else {
        return false;
    };
    let lower = s.to_lowercase();
    let words = lower.split_whitespace().count();
    (lower.ends_with(':') && words <= 3)
        || lower.contains("comment")
        || lower.starts_with("labels:")
        || lower.starts_with("subscribe to")
        || matches!(
            lower.as_str(),
            "home" | "newer post" | "older post" | "share" | "share this"
        )
}

/// The first essays of `text`, split from only its first `bytes` (or so) bytes: a quick
/// look at a long file while the whole of it is split. The last essay of that part, which
/// the cut may have shortened, is left out unless it is the only one. For text no longer
/// than `bytes`, this is [`split`].
pub fn split_head(text: &str, fallback_title: &str, bytes: usize) -> Vec<Essay> {
    if text.len() <= bytes {
        return split(text, fallback_title);
    }
    let from = text.floor_char_boundary(bytes);
    let cut = text[from..].find('\n').map_or(text.len(), |i| from + i);
    let mut essays = split(&text[..cut], fallback_title);
    if essays.len() > 1 {
        essays.pop();
    }
    essays
}
