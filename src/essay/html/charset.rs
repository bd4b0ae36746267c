//! The characters of a web page's bytes: the charset its byte-order mark, its `<meta charset>`,
//! its `<meta http-equiv="Content-Type">` or its XML declaration names, as a browser finds it.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How many leading bytes are searched for a declared charset (browsers look at 1024; pages
/// saved by some tools put a long comment first, so a little more is read).
const PRESCAN: usize = 4096;

/// The page's text, decoded with the charset it declares.
///
/// Order: a byte-order mark; a charset declared in a `<meta>` tag or an XML declaration near
/// the start (a declared UTF-16 means UTF-8, as in browsers, since the bytes were read as
/// ASCII to find it); else UTF-8 when the bytes are valid UTF-8, else windows-1252 (what
/// browsers assume for an undeclared legacy page). Malformed bytes become U+FFFD.
pub fn decode_page(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return text.into_owned();
    }
    let encoding = declared(&bytes[..bytes.len().min(PRESCAN)])
        .map(|e| {
            if e.is_single_byte() || e == UTF_8 {
                e
            } else {
                e.output_encoding()
            }
        })
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        });
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// The encoding named by the first charset declaration in `head`: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">` or `<?xml … encoding="…"?>`.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml")
        && let Some(end) = find(&lower, b"?>", 0)
        && let Some(label) = value_after(&lower[..end], b"encoding")
    {
        return Encoding::for_label(label);
    }
    let mut at = 0;
    while let Some(start) = find(&lower, b"<meta", at) {
        let end = find(&lower, b">", start).unwrap_or(lower.len());
        let tag = &lower[start..end];
        if let Some(label) = value_after(tag, b"charset")
            && let Some(encoding) = Encoding::for_label(label)
        {
            return Some(encoding);
        }
        at = end;
    }
    None
}

/// The value after `name` and an `=` in `tag` (quotes and spaces skipped): a charset label.
fn value_after<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut at = 0;
    while let Some(found) = find(tag, name, at) {
        let rest = &tag[found + name.len()..];
        let rest = skip_blank(rest);
        if let Some(rest) = rest.strip_prefix(b"=") {
            let rest = skip_blank(rest);
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let len = rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
                .unwrap_or(rest.len());
            if len > 0 {
                return Some(&rest[..len]);
            }
        }
        at = found + name.len();
    }
    None
}

/// `bytes` without leading ASCII whitespace.
fn skip_blank(bytes: &[u8]) -> &[u8] {
    let n = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[n..]
}

/// The first index at or after `from` where `needle` occurs in `hay`.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meta_charset_decodes_legacy_bytes() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><body>\x93caf\xe9\x94</body>";
        assert!(decode_page(page).contains("\u{201c}café\u{201d}"));
    }

    #[test]
    fn an_http_equiv_declaration_is_read() {
        let page =
            b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>\xe9t\xe9";
        assert!(decode_page(page).ends_with("été"));
    }

    #[test]
    fn an_xml_declaration_is_read() {
        let page = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><html>\xfc</html>";
        assert!(decode_page(page).contains('ü'));
    }

    #[test]
    fn undeclared_pages_are_utf8_or_else_windows_1252() {
        assert_eq!(decode_page("<p>naïve</p>".as_bytes()), "<p>naïve</p>");
        assert_eq!(decode_page(b"<p>na\xefve</p>"), "<p>naïve</p>");
    }

    #[test]
    fn a_bom_wins_over_a_declaration() {
        let mut page = vec![0xef, 0xbb, 0xbf];
        page.extend_from_slice("<meta charset=windows-1252>é".as_bytes());
        assert!(decode_page(&page).ends_with('é'));
    }
}
