//! Markdown essays: CommonMark with tables, footnotes and strikethrough, read with
//! pulldown-cmark into the block model.
//!
//! The title, author and date come from YAML front matter (`title:`, `author:`, `date:`), or
//! else the title is the first heading. A file holds several essays when it says so: each
//! front matter block with a `title:` starts a new essay (see [`front`]); a file without front
//! matter that has more than one top-level `# ` heading is split before each of them (text
//! before the first belongs to the first essay). Footnotes are set at the end of the essay
//! that first refers to them.

mod builder;
mod events;
mod front;
mod html;
mod table;
#[cfg(test)]
mod tests;

use std::path::Path;

use super::{BlockKind, Essay, EssayError, IdSet, Inline, Part, stem_of};
use events::Body;
use front::Front;

/// The essays of a Markdown file (front matter, headings, lists, code, tables, footnotes…).
///
/// Errors: [`EssayError::Empty`] when no essay has any text.
pub fn markdown_essays(text: &str, path: &Path) -> Result<Vec<Essay>, EssayError> {
    let chunks = front::chunks(text);
    let has_front = chunks.iter().any(|c| c.front.is_some());
    let stem = stem_of(path);
    let mut ids = IdSet::default();
    let mut out = Vec::new();
    for chunk in chunks {
        let body = events::read(chunk.body);
        let split = !has_front && body.h1.len() > 1;
        for parts in essays_in(body, split) {
            if let Some(essay) = essay_of(parts, chunk.front.as_ref(), &stem, &mut ids) {
                out.push(essay);
            }
        }
    }
    if out.is_empty() {
        return Err(EssayError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(out)
}

/// The parts of each essay in a body: one, or (`split`) one per top-level heading; each
/// footnote goes to the end of the first essay that refers to it (else of the last one).
fn essays_in(body: Body, split: bool) -> Vec<Vec<Part>> {
    let Body { parts, h1, notes } = body;
    let mut essays: Vec<Vec<Part>> = Vec::new();
    if split {
        let mut rest = parts;
        for &at in h1.iter().skip(1).rev() {
            let tail = rest.split_off(at.min(rest.len()));
            essays.push(tail);
        }
        essays.push(rest);
        essays.reverse();
    } else {
        essays.push(parts);
    }
    let mut extra: Vec<Vec<Part>> = vec![Vec::new(); essays.len()];
    for (label, note) in notes {
        let home = match essays.len() {
            1 => 0,
            n => essays
                .iter()
                .position(|e| refers_to(e, &label))
                .unwrap_or(n - 1),
        };
        extra[home].extend(note);
    }
    for (essay, notes) in essays.iter_mut().zip(extra) {
        essay.extend(notes);
    }
    essays
}

/// Whether any part holds a reference to footnote `label`.
fn refers_to(parts: &[Part], label: &str) -> bool {
    parts
        .iter()
        .flat_map(|p| &p.spans)
        .any(|s| matches!(&s.style, Inline::Note(l) if l == label))
}

/// One essay from its parts and front matter; None when it has no text.
fn essay_of(
    mut parts: Vec<Part>,
    front: Option<&Front>,
    stem: &str,
    ids: &mut IdSet,
) -> Option<Essay> {
    if parts.iter().all(|p| p.text.trim().is_empty()) {
        return None;
    }
    let front = front.cloned().unwrap_or_default();
    let heading = parts
        .iter()
        .position(|p| matches!(p.kind, BlockKind::Heading(_)) && !p.text.trim().is_empty());
    let (title, at) = match (front.title, heading) {
        (Some(t), Some(0)) if same(&parts[0].text, &t) => (t, 0),
        (Some(t), _) => {
            parts.insert(0, header(BlockKind::Title, t.clone()));
            (t, 0)
        }
        (None, Some(i)) => (parts[i].text.trim().to_owned(), i),
        (None, None) => (stem.to_owned(), usize::MAX),
    };
    if let Some(p) = parts.get_mut(at) {
        p.kind = BlockKind::Title;
        p.depth = 0;
    }
    let head: Vec<Part> = [
        front.author.map(|a| header(BlockKind::Byline, a)),
        front.date.map(|d| header(BlockKind::Date, d)),
        front.subtitle.map(|s| header(BlockKind::Standfirst, s)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let after = if at == usize::MAX { 0 } else { at + 1 };
    parts.splice(after..after, head);
    let id = ids.unique(&title);
    Some(Essay::from_parts(id, Some(&title), parts))
}

/// Whether a heading says the same as the front matter's title.
fn same(heading: &str, title: &str) -> bool {
    heading.trim().to_lowercase() == title.trim().to_lowercase()
}

/// A header block (title, byline, date, standfirst).
fn header(kind: BlockKind, text: String) -> Part {
    Part {
        kind,
        text,
        ..Part::default()
    }
}
