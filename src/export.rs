//! Taking annotations out: Markdown for people, W3C Web Annotation JSON-LD for tools.
//!
//! Both formats are pure functions of [`ExportEssay`]s, so they are deterministic and need no
//! disk. Opening the essays for the command line's export is the session's work
//! (`session::run_export`); this module renders, checks the destination and writes.

mod markdown;
mod output;
mod w3c;
mod write;

use std::path::PathBuf;

use crate::anchor::{Placement, anchor_for};
use std::borrow::Cow;

use crate::annotation::{Anchor, Annotation, Link, OtherEnd};
use thiserror::Error;

use crate::essay::{BlockKind, Essay};
use crate::settings::colours::ColourNames;
use crate::state::{AppState, Placed};
use crate::store::SourceId;

pub use output::{
    Destination, GENERATOR, Guarded, MARKDOWN_MARKER, OutputError, app_export_path, destination,
    guarded, is_export, same_file,
};
pub use write::write;

/// One essay with its placed annotations, in reading order, as export input.
#[derive(Debug, Clone)]
pub struct ExportEssay<'a> {
    /// The essay as it is now.
    pub essay: &'a Essay,
    /// The name of the source file the essay came from (`essays.txt`).
    pub source: &'a str,
    /// Its annotations: placed ones by position, then orphans by creation.
    pub items: Vec<&'a Placed>,
}

/// A link to export: the link, and its two ends with their essays.
#[derive(Debug, Clone)]
pub struct ExportLink<'a> {
    /// The link.
    pub link: &'a Link,
    /// The source file its start comes from.
    pub source: &'a str,
    /// Where it starts.
    pub from: (Cow<'a, Essay>, Cow<'a, Placed>),
    /// Its partner.
    pub to: (Cow<'a, Essay>, Cow<'a, Placed>),
    /// The source file its partner comes from (another than `source` for a link between
    /// two files).
    pub to_source: &'a str,
}

/// Every link of every source whose two ends are in essays that are open, or (a link to
/// another file) whose end in its source is: the other end as the link recorded it, when
/// that file is not open. A link kept by two open files is given once.
pub fn links_of(state: &AppState) -> Vec<ExportLink<'_>> {
    let mut out: Vec<ExportLink> = Vec::new();
    for (s, source) in SourceId::all(state.sources().len()).zip(state.sources()) {
        for link in &source.links {
            if link.other.is_some() && out.iter().any(|l| l.link.id == link.id) {
                continue;
            }
            if let (Some(from), Some(to)) = (
                export_end(state, s, link, &link.from),
                export_end(state, s, link, &link.to),
            ) {
                out.push(ExportLink {
                    link,
                    source: from.2,
                    from: (from.0, from.1),
                    to: (to.0, to.1),
                    to_source: to.2,
                });
            }
        }
    }
    out
}

/// End `id` of `link`, kept by source `s`: its essay, highlight and source file name.
type End<'a> = (Cow<'a, Essay>, Cow<'a, Placed>, &'a str);

/// End `id` of `link` (kept by source `s`), in the open essays or as recorded.
fn export_end<'a>(state: &'a AppState, s: SourceId, link: &'a Link, id: &str) -> Option<End<'a>> {
    let Some((at, i)) = state.link_end(s, link, id) else {
        let other = link.other.as_ref().filter(|o| o.highlight == id)?;
        let (essay, placed) = recorded(link, other);
        return Some((Cow::Owned(essay), Cow::Owned(placed), other.source.as_str()));
    };
    let placed = &state.sources()[at].items[i];
    let doc = state
        .docs()
        .iter()
        .find(|d| d.source == at && d.essay.id == placed.annotation.essay)?;
    Some((
        Cow::Borrowed(&doc.essay),
        Cow::Borrowed(placed),
        state.sources()[at].name.as_str(),
    ))
}

/// The end of a link in a file not open, as the link recorded it: an essay with only its
/// id, title and fingerprint, and the highlight, not placed (its stored quote and context).
fn recorded(link: &Link, other: &OtherEnd) -> (Essay, Placed) {
    let mut essay = Essay::from_blocks(
        other.essay.id.clone(),
        vec![(BlockKind::Title, other.essay.title.clone())],
    );
    essay.id = other.essay.id.clone();
    essay.fingerprint = other.essay.fingerprint.clone();
    let placed = Placed {
        annotation: Annotation {
            id: other.highlight.clone(),
            essay: other.essay.id.clone(),
            anchor: other.anchor.clone(),
            colour: Default::default(),
            note: None,
            tags: Vec::new(),
            created: link.created,
            modified: link.modified,
            extra: Default::default(),
        }
        .into(),
        placement: Placement::Orphaned,
    };
    (essay, placed)
}

/// Markdown of `essays` followed by a section of the links between them.
pub fn markdown_with_links(essays: &[ExportEssay], links: &[ExportLink]) -> String {
    markdown_named(essays, links, &ColourNames::default())
}

/// The Markdown export with its links, each highlight labelled by the reader's name for
/// its colour (`names`), when it has one.
pub fn markdown_named(essays: &[ExportEssay], links: &[ExportLink], names: &ColourNames) -> String {
    markdown::render(essays, names) + &markdown::links(links)
}

/// The W3C collection of `essays` with each link as a `linking` annotation.
pub fn w3c_with_links(essays: &[ExportEssay], links: &[ExportLink]) -> serde_json::Value {
    w3c::collection_with_links(essays, links)
}

/// The passage an exported annotation points at, in the essay as it is now.
///
/// A placed annotation is quoted from the current text, with fresh context, so quote, context
/// and offsets always agree; an orphan keeps its stored quote and context and has no offsets.
pub(crate) struct Passage {
    /// Quote and context.
    anchor: Anchor,
    /// Code-point offsets `start..end` into [`Essay::text`], unless orphaned.
    range: Option<(usize, usize)>,
}

impl Passage {
    /// The passage of `placed` in `essay`.
    fn of(essay: &Essay, placed: &Placed) -> Passage {
        match placed.placement.range() {
            Some(range) => Passage {
                anchor: anchor_for(essay, range),
                range: Some((range.start(), range.end())),
            },
            None => Passage {
                anchor: placed.annotation.anchor.clone(),
                range: None,
            },
        }
    }
}

/// Renders `essays` as Markdown: a `# Annotations` heading, a section per essay, each
/// annotation as a blockquote, its note, and a line with its colour and tags.
pub fn markdown(essays: &[ExportEssay]) -> String {
    markdown::render(essays, &ColourNames::default())
}

/// Renders `essays` as a W3C Web Annotation `AnnotationCollection` (JSON-LD) with one
/// embedded `AnnotationPage` holding every annotation.
pub fn w3c(essays: &[ExportEssay]) -> serde_json::Value {
    w3c::collection(essays)
}

/// Sort key for reading order: placed annotations by position, then orphans by creation.
fn reading_order(p: &Placed) -> (bool, usize, usize, chrono::DateTime<chrono::Utc>, &str) {
    let (start, end) = p.placement.range().map_or((0, 0), |r| (r.start(), r.end()));
    let orphan = matches!(p.placement, Placement::Orphaned);
    (
        orphan,
        if orphan { 0 } else { start },
        if orphan { 0 } else { end },
        p.annotation.created,
        p.annotation.id.as_str(),
    )
}

/// Builds the export input from loaded state: every source's essays, each essay's annotations
/// sorted by position (orphans last, by creation).
///
/// Essays come in the order they were opened. An annotation whose essay no longer exists in
/// its source has no essay to be listed under, so it is not exported.
pub fn from_state(state: &AppState) -> Vec<ExportEssay<'_>> {
    state
        .docs()
        .iter()
        .filter_map(|doc| {
            let source = state.sources().get(doc.source.0)?;
            let mut items: Vec<&Placed> = source
                .items
                .iter()
                .filter(|p| p.annotation.essay == doc.essay.id)
                .collect();
            items.sort_by(|a, b| reading_order(a).cmp(&reading_order(b)));
            Some(ExportEssay {
                essay: &doc.essay,
                source: &source.name,
                items,
            })
        })
        .collect()
}

/// Export formats (the command line's `--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for people.
    Markdown,
    /// W3C Web Annotation JSON-LD, for tools.
    W3c,
}

/// Why an export was not made; one line naming the file at fault.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Where it was to go is refused, or writing it failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The folder of a new file is missing: an export makes no folder (a typo in `-o`).
    #[error("{}: the folder {} does not exist; nothing written", path.display(), folder.display())]
    NoFolder {
        /// The file to write.
        path: PathBuf,
        /// Its missing folder.
        folder: PathBuf,
    },
    /// The W3C export could not be turned into JSON.
    #[error("cannot serialise the export: {0}")]
    Serialise(#[source] serde_json::Error),
}

/// Refuses a new file whose folder is missing, so that a typo in `-o` makes no folders.
pub fn check_folder(dest: &Destination) -> Result<(), ExportError> {
    if let Destination::File { path, .. } = dest
        && let Some(folder) = path.parent()
        && !folder.as_os_str().is_empty()
        && !folder.is_dir()
    {
        return Err(ExportError::NoFolder {
            path: path.clone(),
            folder: folder.to_path_buf(),
        });
    }
    Ok(())
}

/// Every open essay of `state` with its annotations and links, in `format`.
pub fn render(state: &AppState, format: Format) -> Result<String, ExportError> {
    let essays = from_state(state);
    let links = links_of(state);
    match format {
        Format::Markdown => Ok(markdown_named(&essays, &links, &state.settings().colours)),
        Format::W3c => w3c_text(&w3c_with_links(&essays, &links)),
    }
}

/// The W3C export as text: pretty JSON and a newline, with every character that a terminal
/// could obey or that is invisible (see [`crate::essay::visible`]) written as a `\uXXXX`
/// escape, so the text round-trips exactly and nothing raw reaches a terminal.
pub fn w3c_text(value: &serde_json::Value) -> Result<String, ExportError> {
    let json = serde_json::to_string_pretty(value).map_err(ExportError::Serialise)?;
    Ok(w3c::escape_unsafe(&json) + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Annotation, Colour};
    use crate::essay::BlockKind;
    use crate::range::TextRange;

    fn placed(id: &str, placement: Placement, minute: u32) -> Placed {
        let time = chrono::DateTime::parse_from_rfc3339(&format!("2024-05-24T10:{minute:02}:00Z"))
            .unwrap()
            .to_utc();
        Placed {
            annotation: std::sync::Arc::new(Annotation {
                id: id.into(),
                essay: "e".into(),
                anchor: Anchor {
                    quote: "gone".into(),
                    prefix: String::new(),
                    suffix: String::new(),
                    start: 0,
                    end: 4,
                    fingerprint: String::new(),
                    extra: Default::default(),
                },
                colour: Colour::Yellow,
                note: None,
                tags: vec![],
                created: time,
                modified: time,
                extra: Default::default(),
            }),
            placement,
        }
    }

    #[test]
    fn reading_order_is_position_then_orphans_by_creation() {
        let at = |s, e| Placement::Exact(TextRange::new(s, e).unwrap());
        let mut items = [
            placed("late-orphan", Placement::Orphaned, 9),
            placed("second", at(10, 12), 1),
            placed("early-orphan", Placement::Orphaned, 2),
            placed("first", Placement::Moved(TextRange::new(3, 5).unwrap()), 8),
        ];
        items.sort_by(|a, b| reading_order(a).cmp(&reading_order(b)));
        let ids: Vec<&str> = items.iter().map(|p| p.annotation.id.as_str()).collect();
        assert_eq!(ids, ["first", "second", "early-orphan", "late-orphan"]);
    }

    #[test]
    fn placed_passages_quote_the_current_text() {
        let essay = Essay::from_blocks(
            "e".into(),
            vec![(BlockKind::Paragraph, "Alpha beta gamma.".into())],
        );
        let p = placed("a", Placement::Exact(TextRange::new(6, 10).unwrap()), 0);
        let passage = Passage::of(&essay, &p);
        assert_eq!(passage.anchor.quote, "beta");
        assert_eq!(passage.range, Some((6, 10)));
        let orphan = Passage::of(&essay, &placed("b", Placement::Orphaned, 0));
        assert_eq!(orphan.anchor.quote, "gone");
        assert_eq!(orphan.range, None);
    }

    #[test]
    fn the_markdown_labels_a_colour_by_the_readers_name_for_it() {
        let essay = Essay::from_blocks(
            "e".into(),
            vec![(BlockKind::Paragraph, "Alpha beta gamma.".into())],
        );
        let at = |s, e| Placement::Exact(TextRange::new(s, e).unwrap());
        let mut named = placed("a", at(0, 5), 0);
        std::sync::Arc::make_mut(&mut named.annotation).tags = vec!["x".into()];
        let mut plain = placed("b", at(6, 10), 1);
        std::sync::Arc::make_mut(&mut plain.annotation).colour = Colour::Green;
        let essays = [ExportEssay {
            essay: &essay,
            source: "s.txt",
            items: vec![&named, &plain],
        }];
        let names = ColourNames::new([(Colour::Yellow, "claim")]).unwrap();
        let md = markdown_named(&essays, &[], &names);
        assert!(md.contains("\n*claim* · tags: #x\n"), "{md}");
        assert!(md.contains("\n*green*\n"), "{md}");
        // Without names, as documented before.
        assert!(markdown(&essays).contains("\n*yellow* · tags: #x\n"));
    }
}
