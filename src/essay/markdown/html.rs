//! Raw HTML inside Markdown (`<details>`, `<div>`, `<p>` …) reduced to its text.

/// Tags after which the text starts a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Tags whose content is never text to read.
const HIDDEN_TAGS: &[&str] = &["script", "style", "template"];

/// The paragraphs of text in a piece of HTML: tags and comments removed, scripts and styles
/// left out, entities decoded, white space collapsed; block-level tags end a paragraph.
pub(super) fn paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut para = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            para.push_str(rest);
            break;
        };
        para.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // A lone '<' is text.
            para.push_str(rest);
            break;
        };
        let name = tag_name(&rest[1..gt]);
        rest = &rest[gt + 1..];
        if HIDDEN_TAGS.contains(&name.as_str()) && !rest.is_empty() {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower
                .find(&close)
                .and_then(|e| rest[e..].find('>').map(|g| &rest[e + g + 1..]))
                .unwrap_or("");
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            end_paragraph(&mut out, &mut para);
        }
    }
    end_paragraph(&mut out, &mut para);
    out
}

/// Whether a piece of inline HTML is the tag `name` (opening, closing or self-closing).
pub(super) fn tag_is(raw: &str, name: &str) -> bool {
    raw.trim()
        .strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .is_some_and(|inner| tag_name(inner) == name)
}

/// A tag's name, lowercase, without its '/' or attributes.
fn tag_name(inner: &str) -> String {
    inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Ends the paragraph being read: decoded and collapsed, kept when not empty.
fn end_paragraph(out: &mut Vec<String>, para: &mut String) {
    let text = decode_entities(para);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        out.push(text);
    }
    para.clear();
}

/// Decodes the common named entities and numeric ones; anything else is kept as written.
pub(super) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&e| e <= 10).and_then(|e| {
            let name = &rest[1..e];
            entity(name).map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &rest[n..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity name (between '&' and ';') stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        _ => return None,
    })
}
