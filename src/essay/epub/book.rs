//! The parts of an EPUB book: its container, its package (OPF) with the manifest and the
//! spine, and the archive's files, read with the errors that name what is missing.

use std::collections::HashMap;
use std::io::{Read, Seek};

use zip::ZipArchive;

/// The largest part of a book that is read (a guard against archives that unpack huge).
const MAX_PART: u64 = 64 * 1024 * 1024;

/// What the package says about the book.
#[derive(Debug, Default)]
pub(super) struct Book {
    /// The book's title (`dc:title`).
    pub title: Option<String>,
    /// Its author (`dc:creator`).
    pub creator: Option<String>,
    /// The chapters in reading order.
    pub spine: Vec<Item>,
    /// Path of the EPUB 3 navigation document, if any.
    pub nav: Option<String>,
    /// Path of the EPUB 2 NCX table of contents, if any.
    pub ncx: Option<String>,
}

/// One document of the spine.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// Its id in the manifest.
    pub id: String,
    /// Its path in the archive.
    pub path: String,
}

/// A manifest entry: path, media type and properties.
struct Entry {
    path: String,
    media: String,
    properties: String,
}

/// Reads the container and the package of a book. The error says which part is missing or
/// broken, for people.
pub(super) fn open<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<Book, String> {
    let container = read_text(zip, "META-INF/container.xml")?
        .ok_or_else(|| "no META-INF/container.xml".to_owned())?;
    let doc = roxmltree::Document::parse(&container)
        .map_err(|e| format!("META-INF/container.xml is not well-formed XML ({e})"))?;
    let opf_path = doc
        .descendants()
        .filter(|n| n.has_tag_name("rootfile"))
        .filter_map(|n| n.attribute("full-path"))
        .next()
        .ok_or_else(|| "META-INF/container.xml names no package file (rootfile)".to_owned())?
        .to_owned();
    let opf = read_text(zip, &opf_path)?
        .ok_or_else(|| format!("META-INF/container.xml points to missing {opf_path}"))?;
    let doc = roxmltree::Document::parse(&opf)
        .map_err(|e| format!("{opf_path} is not well-formed XML ({e})"))?;
    let base = dir_of(&opf_path);
    let text_of = |name: &str| {
        doc.descendants()
            .find(|n| {
                n.tag_name().name() == name
                    && n.parent()
                        .is_some_and(|p| p.tag_name().name() == "metadata")
            })
            .and_then(|n| n.text())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    let mut manifest: HashMap<String, Entry> = HashMap::new();
    for item in doc.descendants().filter(|n| n.tag_name().name() == "item") {
        if let (Some(id), Some(href)) = (item.attribute("id"), item.attribute("href")) {
            manifest.insert(
                id.to_owned(),
                Entry {
                    path: resolve(&base, href),
                    media: item.attribute("media-type").unwrap_or_default().to_owned(),
                    properties: item.attribute("properties").unwrap_or_default().to_owned(),
                },
            );
        }
    }
    let spine_node = doc
        .descendants()
        .find(|n| n.tag_name().name() == "spine")
        .ok_or_else(|| format!("{opf_path} has no spine"))?;
    let mut spine = Vec::new();
    for itemref in spine_node
        .children()
        .filter(|n| n.tag_name().name() == "itemref")
    {
        let id = itemref.attribute("idref").unwrap_or_default();
        let entry = manifest
            .get(id)
            .ok_or_else(|| format!("spine item {id} is not in the manifest of {opf_path}"))?;
        spine.push(Item {
            id: id.to_owned(),
            path: entry.path.clone(),
        });
    }
    if spine.is_empty() {
        return Err(format!("{opf_path} has an empty spine"));
    }
    let nav = manifest
        .values()
        .find(|e| e.properties.split_whitespace().any(|p| p == "nav"))
        .map(|e| e.path.clone());
    let ncx = spine_node
        .attribute("toc")
        .and_then(|id| manifest.get(id))
        .or_else(|| {
            manifest
                .values()
                .find(|e| e.media == "application/x-dtbncx+xml")
        })
        .map(|e| e.path.clone());
    Ok(Book {
        title: text_of("title"),
        creator: text_of("creator"),
        spine,
        nav,
        ncx,
    })
}

/// The bytes of the file at `name` in the archive; None when there is none. A part that
/// cannot be unpacked, or is too large, is an error naming it.
pub(super) fn read_part<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let mut file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name} cannot be unpacked ({e})")),
    };
    if file.size() > MAX_PART {
        return Err(format!("{name} is too large ({} bytes)", file.size()));
    }
    let mut bytes = Vec::new();
    file.by_ref()
        .take(MAX_PART)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name} cannot be unpacked ({e})"))?;
    Ok(Some(bytes))
}

/// [`read_part`] decoded as UTF-8 (XML parts: container, package, NCX).
fn read_text<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, String> {
    let Some(bytes) = read_part(zip, name)? else {
        return Ok(None);
    };
    let text = String::from_utf8(bytes).map_err(|_| format!("{name} is not UTF-8"))?;
    Ok(Some(text.trim_start_matches('\u{feff}').to_owned()))
}

/// The folder of a path in the archive ("OEBPS/" for "OEBPS/content.opf", "" at the top).
pub(super) fn dir_of(path: &str) -> String {
    path.rfind('/')
        .map_or_else(String::new, |i| path[..=i].to_owned())
}

/// The archive path of `href` (relative, percent-encoded, maybe with a fragment) read in
/// folder `base`: "." and ".." resolved.
pub(super) fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or_default();
    let href = percent_decode(href);
    let joined = if let Some(abs) = href.strip_prefix('/') {
        abs.to_owned()
    } else {
        format!("{base}{href}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// `%XX` escapes decoded (invalid ones kept as they are).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_against_the_package_folder() {
        assert_eq!(
            resolve("OEBPS/", "Text/ch%201.xhtml#p3"),
            "OEBPS/Text/ch 1.xhtml"
        );
        assert_eq!(
            resolve("OEBPS/Text/", "../Styles/../ch2.xhtml"),
            "OEBPS/ch2.xhtml"
        );
        assert_eq!(resolve("", "./ch3.xhtml"), "ch3.xhtml");
        assert_eq!(dir_of("OEBPS/content.opf"), "OEBPS/");
        assert_eq!(dir_of("content.opf"), "");
    }
}
