//! The markup itself: a state from marked text, and marked text from a state (see the
//! parent module for the marks).

use std::path::PathBuf;

use super::now;
use crate::action::Action;
use crate::anchor::{Placement, anchor_for};
use crate::annotation::{Annotation, Colour};
use crate::essay::{Essay, split};
use crate::range::TextRange;
use crate::selection;
use crate::state::{AppState, EssayDoc, Focus, Placed, Source, hashtags};
use crate::store::{AnnotationFile, DiskState, DocId, SourceId};

/// The columns and rows of the terminal every fixture is laid out for.
pub(crate) const SIZE: (u16, u16) = (120, 40);

/// A highlight of a fixture.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    start: usize,
    end: usize,
    colour: Colour,
    moved: bool,
    note: Option<String>,
}

/// A fixture file with its marks taken out; offsets in code points of `text`.
#[derive(Debug, Default)]
struct Parsed {
    text: String,
    caret: Option<usize>,
    other_caret: Option<usize>,
    selections: Vec<(usize, usize)>,
    marks: Vec<Mark>,
}

fn parse(markup: &str) -> Parsed {
    let mut p = Parsed::default();
    let mut pos = 0;
    let mut open: Vec<usize> = Vec::new();
    let mut select: Option<usize> = None;
    let mut chars = markup.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let c = chars.next().expect("`\\` takes the next character");
                p.text.push(c);
                pos += 1;
            }
            '|' => {
                assert!(p.caret.is_none(), "two `|` in {markup:?}");
                p.caret = Some(pos);
            }
            '¦' => {
                assert!(p.other_caret.is_none(), "two `¦` in {markup:?}");
                p.other_caret = Some(pos);
            }
            '[' => {
                assert!(select.is_none(), "`[` inside a selection in {markup:?}");
                select = Some(pos);
            }
            ']' => {
                let start = select.take().expect("`]` without `[`");
                p.selections.push((start, pos));
            }
            '{' => open.push(pos),
            '}' => {
                let start = open.pop().expect("`}` without `{`");
                let mut mark = Mark {
                    start,
                    end: pos,
                    colour: Colour::default(),
                    moved: false,
                    note: None,
                };
                if chars.peek() == Some(&'<') {
                    chars.next();
                    let mut attrs = String::new();
                    loop {
                        match chars.next().expect("`<` without `>`") {
                            '>' => break,
                            '\\' => attrs.push(chars.next().expect("`\\` at the end")),
                            c => attrs.push(c),
                        }
                    }
                    attributes(&mut mark, &attrs);
                }
                p.marks.push(mark);
            }
            c => {
                p.text.push(c);
                pos += 1;
            }
        }
    }
    assert!(open.is_empty(), "`{{` without `}}` in {markup:?}");
    assert!(select.is_none(), "`[` without `]` in {markup:?}");
    p
}

fn attributes(mark: &mut Mark, attrs: &str) {
    let mut rest = attrs.trim();
    while !rest.is_empty() {
        if let Some(note) = rest.strip_prefix("note:") {
            mark.note = Some(note.trim().to_string());
            return;
        }
        let (word, tail) = rest.split_once(',').unwrap_or((rest, ""));
        let word = word.trim();
        if word == "moved" {
            mark.moved = true;
        } else {
            mark.colour = *Colour::ALL
                .iter()
                .find(|c| c.name() == word)
                .unwrap_or_else(|| panic!("unknown highlight attribute {word:?}"));
        }
        rest = tail.trim();
    }
}

/// Where each essay's canonical text starts in the fixture's text.
fn essay_starts(text: &str, essays: &[Essay]) -> Vec<usize> {
    let mut from = 0;
    essays
        .iter()
        .map(|e| {
            let canonical = e.text();
            let byte = text[from..]
                .find(&canonical)
                .map(|b| b + from)
                .unwrap_or_else(|| {
                    panic!("write fixtures one line per block: {canonical:?} is not in {text:?}")
                });
            from = byte + canonical.len();
            text[..byte].chars().count()
        })
        .collect()
}

/// The state the markup of one essay file shows.
pub(crate) fn state(markup: &str) -> AppState {
    state_of(&[markup])
}

/// The state the markups of several essay files show (source `i` from `markups[i]`).
pub(crate) fn state_of(markups: &[&str]) -> AppState {
    let mut docs: Vec<EssayDoc> = Vec::new();
    let mut sources = Vec::new();
    // (doc, offset) of each mark, and the highlights of each doc.
    let mut caret = None;
    let mut other_caret = None;
    let mut selections: Vec<(usize, usize, usize)> = Vec::new();
    for (s, markup) in markups.iter().enumerate() {
        let parsed = parse(markup);
        let essays = split(&parsed.text, "fixture");
        let starts = essay_starts(&parsed.text, &essays);
        let first = docs.len();
        let locate = |at: usize| {
            let i = starts.iter().rposition(|&st| st <= at).unwrap_or(0);
            (first + i, at - starts[i])
        };
        caret = caret.or(parsed.caret.map(locate));
        other_caret = other_caret.or(parsed.other_caret.map(locate));
        for &(a, b) in &parsed.selections {
            let (doc, lo) = locate(a);
            selections.push((doc, lo, lo + (b - a)));
        }
        let mut items = Vec::new();
        let mut placed: Vec<(usize, Mark)> = parsed
            .marks
            .iter()
            .map(|m| {
                let (doc, lo) = locate(m.start);
                let mark = Mark {
                    start: lo,
                    end: lo + (m.end - m.start),
                    ..m.clone()
                };
                (doc, mark)
            })
            .collect();
        placed.sort_by_key(|(doc, m)| (*doc, m.start, std::cmp::Reverse(m.end)));
        for essay in essays {
            docs.push(EssayDoc::new(essay, SourceId(s)));
        }
        for (n, (doc, mark)) in placed.into_iter().enumerate() {
            let essay = &docs[doc].essay;
            let range = TextRange::new(mark.start, mark.end).expect("a highlight is not empty");
            let tags = mark.note.as_deref().map(hashtags).unwrap_or_default();
            items.push(Placed {
                annotation: std::sync::Arc::new(Annotation {
                    id: format!("a{s}-{n}").into(),
                    essay: essay.id.clone(),
                    anchor: anchor_for(essay, range),
                    colour: mark.colour,
                    note: mark.note,
                    tags,
                    created: now(),
                    modified: now(),
                    extra: Default::default(),
                }),
                placement: if mark.moved {
                    Placement::Moved(range)
                } else {
                    Placement::Exact(range)
                },
            });
        }
        let name = format!("fixture{s}.txt");
        let disk = DiskState {
            hash: None,
            file: AnnotationFile::new(name.clone()),
        };
        let path = PathBuf::from(format!("annotations/fixture{s}.json"));
        sources.push(Source::new(name, path, disk, items, None, None));
    }
    let mut state = AppState::new(docs, sources, &[]);
    state.apply(Action::Resize(SIZE.0, SIZE.1), super::stamp());
    let shown: Vec<usize> = state.panes.iter().map(|p| p.essay.0).collect();
    let pane_of = |doc: usize| shown.iter().position(|&d| d == doc);
    let caret = caret.map(|(doc, at)| (pane_of(doc).expect("`|` in an essay shown"), at));
    let other = other_caret.map(|(doc, at)| (pane_of(doc).expect("`¦` in an essay shown"), at));
    for (p, at) in caret.into_iter().chain(other) {
        state.panes[p].caret = at;
    }
    if let Some((p, _)) = caret {
        state.focus = Focus::Pane(p);
    }
    for (doc, lo, hi) in selections {
        let p = pane_of(doc).expect("a selection in an essay shown");
        let last = selection::clamp(&state.docs[doc].essay, hi.saturating_sub(1));
        let pane = &mut state.panes[p];
        pane.anchor = Some(if pane.caret == lo { last } else { lo });
        assert!(
            pane.caret == lo || pane.caret == last,
            "the caret stands at either end of a selection"
        );
    }
    state.message = None;
    state
}

/// The markup of the essay file shown in the focused pane (else the first pane).
pub(crate) fn render(state: &AppState) -> String {
    let p = state.focused_pane().unwrap_or(0);
    render_source(state, state.docs[state.panes[p].essay].source)
}

/// The markup of essay file `source`.
pub(crate) fn render_source(state: &AppState, source: SourceId) -> String {
    let essays: Vec<String> = DocId::all(state.docs.len())
        .filter(|&d| state.docs[d].source == source)
        .map(|d| render_doc(state, d))
        .collect();
    essays.join("\n\n\n")
}

fn render_doc(state: &AppState, doc: DocId) -> String {
    let essay = &state.docs[doc].essay;
    let source = &state.sources[essay_source(state, doc)];
    let mut marks: Vec<(TextRange, &Placed)> = source
        .items
        .iter()
        .filter(|it| it.annotation.essay == essay.id)
        .filter_map(|it| it.placement.range().map(|r| (r, it)))
        .collect();
    marks.sort_by_key(|(r, _)| (r.start(), std::cmp::Reverse(r.end())));
    let pane = state.panes.iter().position(|p| p.essay == doc);
    let focused = pane.is_some() && pane == state.focused_pane();
    let caret = pane.map(|p| state.panes[p].caret);
    let selection = pane.and_then(|p| state.panes[p].selection(essay));
    let text: Vec<char> = essay.text().chars().collect();
    let mut out = String::new();
    for at in 0..=text.len() {
        let mut closing: Vec<&(TextRange, &Placed)> =
            marks.iter().filter(|(r, _)| r.end() == at).collect();
        closing.reverse();
        if selection.is_some_and(|s| s.end() == at) {
            out.push(']');
        }
        for (_, it) in closing {
            out.push('}');
            out.push_str(&attrs_of(it));
        }
        for _ in marks.iter().filter(|(r, _)| r.start() == at) {
            out.push('{');
        }
        if selection.is_some_and(|s| s.start() == at) {
            out.push('[');
        }
        if caret == Some(at) {
            out.push(if focused { '|' } else { '¦' });
        }
        if let Some(&c) = text.get(at) {
            if "|¦[]{}<>\\".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn essay_source(state: &AppState, doc: DocId) -> SourceId {
    state.docs[doc].source
}

fn attrs_of(it: &Placed) -> String {
    let mut attrs: Vec<String> = Vec::new();
    if it.annotation.colour != Colour::default() {
        attrs.push(it.annotation.colour.name().to_string());
    }
    if matches!(it.placement, Placement::Moved(_)) {
        attrs.push("moved".into());
    }
    if let Some(note) = &it.annotation.note {
        let escaped: String = note
            .chars()
            .flat_map(|c| {
                (c == '>' || c == '\\')
                    .then_some('\\')
                    .into_iter()
                    .chain([c])
            })
            .collect();
        attrs.push(format!("note: {escaped}"));
    }
    if attrs.is_empty() {
        String::new()
    } else {
        format!("<{}>", attrs.join(", "))
    }
}
