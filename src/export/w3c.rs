//! W3C Web Annotation export (<https://www.w3.org/TR/annotation-model/>), for tools.
//!
//! One `AnnotationCollection` whose `first` is an embedded `AnnotationPage` holding every
//! annotation. The page has no `partOf`: it sits inside its collection, and the W3C page
//! assertions reject a `partOf` given as a bare URI. Each annotation is complete on its own (it carries its own `@context`), so a
//! tool may take items out of the page one by one.
//!
//! The target's `source` names the essay (`urn:marginalia:essay:<source file>#<essay id>`)
//! and the media type of the file it was read from (`text/plain`, `text/markdown`,
//! `text/html`, `application/epub+zip`), and its selectors say where: a `TextQuoteSelector` always, and a `TextPositionSelector`
//! (Unicode code points into the essay text, paragraphs separated by a blank line) unless the
//! passage is orphaned. The highlight colour is the target's `styleClass`, defined by an
//! embedded CSS stylesheet on the annotation (model §4.4).

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

use super::{ExportEssay, ExportLink, Passage};
use crate::annotation::Colour;
use crate::essay::visible;
use crate::state::Placed;

/// The Web Annotation JSON-LD context.
const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The collection of every annotation of `essays`.
pub(super) fn collection(essays: &[ExportEssay]) -> Value {
    collection_with_links(essays, &[])
}

/// The collection of every annotation of `essays`, and every link.
pub(super) fn collection_with_links(essays: &[ExportEssay], links: &[ExportLink]) -> Value {
    let mut sources: Vec<&str> = Vec::new();
    for export in essays {
        if !sources.contains(&export.source) {
            sources.push(export.source);
        }
    }
    let names: Vec<String> = sources.iter().map(|s| urn_part(s)).collect();
    let id = format!("urn:marginalia:collection:{}", names.join("+"));
    let page_id = format!("{id}#page-1");
    let items: Vec<Value> = essays
        .iter()
        .flat_map(|export| export.items.iter().map(move |p| annotation(export, p)))
        .chain(links.iter().map(link))
        .collect();
    let label = if sources.is_empty() {
        "marginalia annotations".to_string()
    } else {
        format!("marginalia annotations of {}", sources.join(", "))
    };
    json!({
        "@context": CONTEXT,
        "id": id,
        "type": "AnnotationCollection",
        "label": label,
        "generator": {
            "type": "Software",
            "name": super::GENERATOR,
        },
        "total": items.len(),
        "first": {
            "id": page_id,
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
        "last": page_id,
    })
}

/// One annotation as a W3C `Annotation`.
fn annotation(export: &ExportEssay, placed: &Placed) -> Value {
    let ann = &placed.annotation;
    let note = ann.note_text();
    let tags: Vec<&str> = ann
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let motivation = match (note, tags.is_empty()) {
        (Some(_), _) => "commenting",
        (None, false) => "tagging",
        (None, true) => "highlighting",
    };

    let mut bodies: Vec<Value> = Vec::new();
    if let Some(note) = note {
        bodies.push(json!({
            "type": "TextualBody",
            "value": note,
            "format": "text/plain",
            "purpose": "commenting",
        }));
    }
    bodies.extend(tags.iter().map(|tag| {
        json!({
            "type": "TextualBody",
            "value": tag,
            "purpose": "tagging",
        })
    }));

    let mut out = Map::new();
    out.insert("@context".into(), CONTEXT.into());
    out.insert(
        "id".into(),
        format!("urn:marginalia:{}", urn_part(&ann.id)).into(),
    );
    out.insert("type".into(), "Annotation".into());
    out.insert("motivation".into(), motivation.into());
    out.insert("created".into(), time(ann.created).into());
    out.insert("modified".into(), time(ann.modified).into());
    out.insert("stylesheet".into(), stylesheet(ann.colour));
    match bodies.len() {
        0 => {}
        1 => {
            out.insert("body".into(), bodies.remove(0));
        }
        _ => {
            out.insert("body".into(), Value::Array(bodies));
        }
    }
    let mut target = resource(export.source, export.essay, placed);
    target.insert("styleClass".into(), ann.colour.name().into());
    out.insert("target".into(), Value::Object(target));
    Value::Object(out)
}

/// A passage as a W3C `SpecificResource`: the essay, a `TextQuoteSelector`, and a
/// `TextPositionSelector` unless the passage is orphaned.
fn resource(source: &str, essay: &crate::essay::Essay, placed: &Placed) -> Map<String, Value> {
    let passage = Passage::of(essay, placed);
    let mut quote = Map::new();
    quote.insert("type".into(), "TextQuoteSelector".into());
    quote.insert("exact".into(), passage.anchor.quote.clone().into());
    if !passage.anchor.prefix.is_empty() {
        quote.insert("prefix".into(), passage.anchor.prefix.clone().into());
    }
    if !passage.anchor.suffix.is_empty() {
        quote.insert("suffix".into(), passage.anchor.suffix.clone().into());
    }
    let mut selectors = vec![Value::Object(quote)];
    if let Some((start, end)) = passage.range {
        selectors.push(json!({
            "type": "TextPositionSelector",
            "start": start,
            "end": end,
        }));
    }
    let mut out = Map::new();
    out.insert(
        "source".into(),
        json!({
            "id": essay_urn(source, &essay.id),
            "type": "Text",
            "format": essay.format.media_type(),
        }),
    );
    out.insert("selector".into(), Value::Array(selectors));
    out
}

/// A link as a W3C `Annotation` with motivation `linking`: its target is the first
/// passage, its body the partner passage, the relation (purpose `classifying`) and the
/// note (purpose `commenting`).
pub(super) fn link(link: &ExportLink) -> Value {
    let mut partner = resource(link.to_source, &link.to.0, &link.to.1);
    partner.insert("type".into(), "SpecificResource".into());
    partner.insert("purpose".into(), "linking".into());
    let mut bodies = vec![
        Value::Object(partner),
        json!({
            "type": "TextualBody",
            "value": link.link.relation.name(),
            "purpose": "classifying",
        }),
    ];
    if let Some(note) = link.link.note.as_deref().filter(|n| !n.trim().is_empty()) {
        bodies.push(json!({
            "type": "TextualBody",
            "value": note,
            "format": "text/plain",
            "purpose": "commenting",
        }));
    }
    let mut target = resource(link.source, &link.from.0, &link.from.1);
    target.insert("type".into(), "SpecificResource".into());
    json!({
        "@context": CONTEXT,
        "id": format!("urn:marginalia:{}", urn_part(&link.link.id)),
        "type": "Annotation",
        "motivation": "linking",
        "created": time(link.link.created),
        "modified": time(link.link.modified),
        "body": bodies,
        "target": Value::Object(target),
    })
}

/// The URN of an essay: `urn:marginalia:essay:<source file>#<essay id>`.
pub(super) fn essay_urn(source: &str, essay: &str) -> String {
    format!(
        "urn:marginalia:essay:{}#{}",
        urn_part(source),
        urn_part(essay)
    )
}

/// An embedded stylesheet defining the class named after `colour`.
fn stylesheet(colour: Colour) -> Value {
    json!({
        "type": "CssStylesheet",
        "value": format!(".{} {{ background-color: {}; }}", colour.name(), css(colour)),
    })
}

/// The CSS background colour of a highlight.
fn css(colour: Colour) -> &'static str {
    match colour {
        Colour::Yellow => "#fff3a0",
        Colour::Green => "#c8f0c0",
        Colour::Blue => "#c0dcff",
        Colour::Pink => "#ffc8dc",
        Colour::Purple => "#e0c8ff",
        Colour::Orange => "#ffd8a8",
    }
}

/// `json` with every character that [`visible`] would replace (controls, DEL, C1, bidi,
/// zero-width and other format characters) written as a `\uXXXX` escape (a surrogate pair
/// above U+FFFF). Such characters can only stand inside strings of valid JSON, so the
/// document means exactly the same; but shown on a terminal, it is harmless. The newlines and
/// tabs of the layout are kept; serde_json has already escaped those inside strings.
pub(super) fn escape_unsafe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c == '\n' || c == '\t' || visible(c) == c {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// RFC 3339 in UTC with a `Z`, seconds, and fractions only when there are any.
fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// `text` percent-encoded (UTF-8) except for RFC 3986 unreserved characters, so that any file
/// name or id makes a valid URI.
fn urn_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urn_parts_are_percent_encoded() {
        assert_eq!(urn_part("essays.txt"), "essays.txt");
        assert_eq!(urn_part("my essays#1.txt"), "my%20essays%231.txt");
        assert_eq!(urn_part("é"), "%C3%A9");
        assert_eq!(
            essay_urn("a b.txt", "inside-track"),
            "urn:marginalia:essay:a%20b.txt#inside-track"
        );
    }

    #[test]
    fn times_are_utc_rfc3339() {
        let t = DateTime::parse_from_rfc3339("2024-05-24T10:00:00+02:00")
            .unwrap()
            .to_utc();
        assert_eq!(time(t), "2024-05-24T08:00:00Z");
    }

    #[test]
    fn unsafe_characters_are_escaped_and_round_trip() {
        let note = "osc \x1b]52;c;eA==\x07 c1 \u{9b}2J \u{202e}rev zwj a\u{200d}b tag \u{e0041} del \x7f é 漢";
        let json = serde_json::to_string_pretty(&json!({ "note": note })).unwrap();
        let escaped = escape_unsafe(&json);
        assert!(
            escaped.chars().all(|c| c == '\n' || visible(c) == c),
            "{escaped:?}"
        );
        assert!(escaped.contains("\\u202e") && escaped.contains("\\udb40\\udc41"));
        assert!(escaped.contains("é 漢"), "printable text stays as it is");
        let back: Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["note"], note);
    }

    #[test]
    fn an_empty_export_is_an_empty_collection() {
        let c = collection(&[]);
        assert_eq!(c["total"], 0);
        assert_eq!(c["first"]["items"], json!([]));
        assert_eq!(c["type"], "AnnotationCollection");
    }
}
