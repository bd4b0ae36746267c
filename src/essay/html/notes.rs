//! Footnotes in HTML: which links are references to a note, which elements are the notes,
//! and which links inside a note lead back to its reference.

use std::collections::{HashMap, HashSet};

use dom_query::NodeRef;

/// Tags that can hold a footnote's text.
const NOTE_TAGS: [&str; 7] = ["li", "p", "div", "aside", "section", "dd", "span"];

/// The footnotes of a page, found before it is walked.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// Label of the note each note element's id names ("fn1" → "1").
    labels: HashMap<String, String>,
    /// Ids of the references (and of the `<sup>` around them): where a back link leads.
    refs: HashSet<String>,
}

impl Notes {
    /// Finds the footnote references under `root`: links to `#id` that sit in a `<sup>`, or
    /// say they are note references (`role="doc-noteref"`, `epub:type="noteref"`, a class
    /// naming a footnote), whose label is short, and whose target is an element of the page.
    pub(super) fn find(root: &NodeRef) -> Notes {
        let mut ids: HashMap<String, String> = HashMap::new();
        for node in root.descendants_it() {
            if let Some(id) = node.attr("id") {
                let name = node.node_name().map(|n| n.to_string()).unwrap_or_default();
                ids.entry(id.to_string()).or_insert(name);
            }
        }
        let mut notes = Notes::default();
        for a in root.descendants_it().filter(|n| n.has_name("a")) {
            let Some(target) = a
                .attr("href")
                .and_then(|h| h.strip_prefix('#').map(str::to_owned))
            else {
                continue;
            };
            let Some(tag) = ids.get(&target) else {
                continue;
            };
            if !NOTE_TAGS.contains(&tag.as_str()) || !is_reference(&a) {
                continue;
            }
            let text = a.text();
            let label = text
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim();
            if label.is_empty() || label.chars().count() > 8 {
                continue;
            }
            notes
                .labels
                .entry(target)
                .or_insert_with(|| label.to_owned());
            for id in [a.attr("id"), a.parent().and_then(|p| p.attr("id"))]
                .into_iter()
                .flatten()
            {
                notes.refs.insert(id.to_string());
            }
        }
        notes
    }

    /// The label of the footnote `node` holds, if it is one.
    pub(super) fn note_label(&self, node: &NodeRef) -> Option<String> {
        let id = node.attr("id")?;
        self.labels.get(id.as_ref()).cloned()
    }

    /// The label of the note a link refers to, if it is a reference.
    pub(super) fn reference_label(&self, a: &NodeRef) -> Option<String> {
        let href = a.attr("href")?;
        let target = href.strip_prefix('#')?;
        if !is_reference(a) {
            return None;
        }
        self.labels.get(target).cloned()
    }

    /// Whether a link inside a note only leads back to its reference ("↩", "^").
    pub(super) fn is_back_link(&self, a: &NodeRef) -> bool {
        let leads_back = a
            .attr("href")
            .and_then(|h| h.strip_prefix('#').map(|t| self.refs.contains(t)))
            .unwrap_or(false);
        let role = a.attr("role").is_some_and(|r| r.contains("backlink"));
        let text = a.text();
        let arrow = matches!(text.trim(), "↩" | "↩\u{fe0e}" | "↩\u{fe0f}" | "^" | "↑");
        leads_back || role || arrow
    }
}

/// Whether a link says, or looks, like a note reference.
fn is_reference(a: &NodeRef) -> bool {
    let says = |name: &str, words: &[&str]| {
        a.attr(name)
            .is_some_and(|v| words.iter().any(|w| v.to_ascii_lowercase().contains(w)))
    };
    let in_sup = a.parent().is_some_and(|p| p.has_name("sup"))
        || a.first_element_child().is_some_and(|c| c.has_name("sup"));
    in_sup
        || says("role", &["noteref"])
        || says("epub:type", &["noteref"])
        || says("class", &["footnote", "fnref", "noteref"])
}
