//! XHTML read by an HTML parser: a self-closed element that HTML does not know as empty
//! (`<a id="p5"/>`, `<title/>`, `<div/>`) is written out as an open and a close tag, or the
//! parser would take everything after it as its content.

/// Elements HTML knows to be empty: `<br/>` stays as it is.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `xhtml` with each self-closed non-empty element written as `<name …></name>`.
pub(super) fn expand_self_closing(xhtml: &str) -> String {
    let mut out = String::with_capacity(xhtml.len() + 64);
    let mut rest = xhtml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let name_len = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_')))
            .unwrap_or(rest.len() - 1);
        let name = &rest[1..1 + name_len];
        let Some(end) = (!name.is_empty() && name.starts_with(|c: char| c.is_ascii_alphabetic()))
            .then(|| tag_end(rest))
            .flatten()
        else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[..=end];
        let lower = name.to_ascii_lowercase();
        if let Some(open) = tag.strip_suffix("/>")
            && !VOID.contains(&lower.as_str())
        {
            out.push_str(open.trim_end());
            out.push_str("></");
            out.push_str(name);
            out.push('>');
        } else {
            out.push_str(tag);
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The index of the `>` that ends the tag `tag` starts with, quotes respected.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') if i > 0 => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_closed_elements_are_opened_and_closed() {
        let x = r#"<title/><p>a<a id="p5"/>b<br/>c <img src="x" alt="a/>b"/></p>"#;
        assert_eq!(
            expand_self_closing(x),
            r#"<title></title><p>a<a id="p5"></a>b<br/>c <img src="x" alt="a/>b"/></p>"#
        );
    }

    #[test]
    fn text_with_angle_brackets_is_left_alone() {
        let x = "<p>1 < 2 and 3 > 2 <- arrows</p>";
        assert_eq!(expand_self_closing(x), x);
    }
}
