//! Markdown export, for people.
//!
//! ```text
//! <!-- marginalia export: written by marginalia; the next export replaces this file -->
//! # Annotations
//!
//! ## Title
//!
//! *Byline · Date*
//!
//! > The quoted passage,
//! >
//! > over two paragraphs.
//!
//! The note.
//!
//! *yellow* · tags: #a #b
//! ```
//!
//! The colour is labelled by the reader's name for it when there is one (`*claim*`), as
//! `settings.json` names it; else by its own name.
//!
//! Quotes are written as they are: only line starts get `> ` (a blank line gets `>`), so a
//! quote spanning paragraphs stays one blockquote. Notes are the reader's own Markdown.
//!
//! The first line, a comment, marks the file as an export that a later export may replace.
//! Every character of the document passes through [`visible_lines`]: notes, tags and quotes
//! come from a file anyone may have edited, and the export may be printed on a terminal.

use super::{ExportEssay, ExportLink, Passage};
use crate::essay::visible_lines;
use crate::settings::colours::ColourNames;
use crate::state::Placed;

/// Shown for an orphan, whose passage the current text no longer holds.
const ORPHANED: &str = "(passage not found in the current text)";

/// The whole document, colours labelled by `names`; ends with one newline.
pub(super) fn render(essays: &[ExportEssay], names: &ColourNames) -> String {
    let mut blocks = vec![format!("{}\n# Annotations", super::MARKDOWN_MARKER)];
    for export in essays {
        blocks.push(format!("## {}", one_line(&export.essay.title)));
        let credits: Vec<&str> = [&export.essay.byline, &export.essay.date]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if !credits.is_empty() {
            blocks.push(format!("*{}*", one_line(&credits.join(" · "))));
        }
        if export.items.is_empty() {
            blocks.push("_No annotations._".to_string());
        }
        for placed in &export.items {
            annotation(&mut blocks, export, placed, names);
        }
    }
    visible_lines(&(blocks.join("\n\n") + "\n"))
}

/// The blocks of one annotation: quote, note, colour and tags line.
fn annotation(
    blocks: &mut Vec<String>,
    export: &ExportEssay,
    placed: &Placed,
    names: &ColourNames,
) {
    let passage = Passage::of(export.essay, placed);
    blocks.push(blockquote(&passage.anchor.quote));
    let ann = &placed.annotation;
    if let Some(note) = ann.note_text() {
        blocks.push(note.trim().to_string());
    }
    let mut meta = format!("*{}*", names.name(ann.colour));
    let tags: Vec<String> = ann
        .tags
        .iter()
        .map(|t| t.trim().trim_start_matches('#'))
        .filter(|t| !t.is_empty())
        .map(|t| format!("#{t}"))
        .collect();
    if !tags.is_empty() {
        meta.push_str(" · tags: ");
        meta.push_str(&tags.join(" "));
    }
    if passage.range.is_none() {
        meta.push(' ');
        meta.push_str(ORPHANED);
    }
    blocks.push(meta);
}

/// `text` as a blockquote: every line prefixed `> `, blank lines as a bare `>`.
fn blockquote(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|line| {
            let line = line.trim_end();
            if line.is_empty() {
                ">".to_string()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` on one line, for headings and the credits line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The section of links between the essays (empty when there are none): each link with
/// its relation, both quotes and its note.
pub(super) fn links(links: &[ExportLink]) -> String {
    if links.is_empty() {
        return String::new();
    }
    let mut blocks = vec![String::new(), "## Links between the essays".to_string()];
    for link in links {
        // A link between two files names each essay's file.
        let title = |essay: &crate::essay::Essay, source: &str| match link.link.other {
            Some(_) => format!("{} ({})", one_line(&essay.title), one_line(source)),
            None => one_line(&essay.title),
        };
        blocks.push(format!(
            "**{}** → *{}* → **{}**",
            title(&link.from.0, link.source),
            link.link.relation.name(),
            title(&link.to.0, link.to_source),
        ));
        blocks.push(blockquote(
            &Passage::of(&link.from.0, &link.from.1).anchor.quote,
        ));
        blocks.push(blockquote(
            &Passage::of(&link.to.0, &link.to.1).anchor.quote,
        ));
        if let Some(note) = link.link.note.as_deref().filter(|n| !n.trim().is_empty()) {
            blocks.push(note.trim().to_string());
        }
    }
    visible_lines(&(blocks.join("\n\n") + "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blockquote_keeps_paragraphs_and_escapes_nothing() {
        assert_eq!(
            blockquote("He said \"*no*\".\n\nThen # left"),
            "> He said \"*no*\".\n>\n> Then # left"
        );
        assert_eq!(blockquote("one\ntwo\n"), "> one\n> two");
    }

    #[test]
    fn one_line_joins_lines() {
        assert_eq!(one_line(" A\ntitle  here "), "A title here");
    }
}
