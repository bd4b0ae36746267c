//! EPUB books: each document of the spine an essay, in reading order, titled from the table
//! of contents (the navigation document or the NCX), else by its first heading; its XHTML
//! walked into the block model as web pages are (without looking for an article in it).
//! The book's author is each essay's byline. Parts left out: the navigation document when it
//! is in the spine, and documents without words (a cover image alone).

mod book;
#[cfg(test)]
mod tests;
mod toc;
mod xhtml;

use std::io::Cursor;
use std::path::Path;

use dom_query::Document;
use zip::ZipArchive;

use super::html::{decode_page, parts_of, same_words};
use super::{BlockKind, Essay, EssayError, IdSet, Part, stem_of};

/// The essays (chapters, in spine order) of an EPUB file's bytes.
///
/// Errors: [`EssayError::BrokenEpub`] naming the part that is missing or broken
/// ("no META-INF/container.xml", "spine item ch2 points to missing OEBPS/ch2.xhtml").
pub fn epub_essays(bytes: &[u8], path: &Path) -> Result<Vec<Essay>, EssayError> {
    let broken = |problem: String| EssayError::BrokenEpub {
        path: path.to_path_buf(),
        problem,
    };
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| broken(format!("not a readable zip archive ({e})")))?;
    let book = book::open(&mut zip).map_err(broken)?;
    let titles = toc::titles(&mut zip, &book);
    let fallback = book.title.clone().unwrap_or_else(|| stem_of(path));
    let mut ids = IdSet::default();
    let mut essays = Vec::new();
    for item in &book.spine {
        if book.nav.as_ref() == Some(&item.path) {
            continue;
        }
        let bytes = book::read_part(&mut zip, &item.path)
            .map_err(&broken)?
            .ok_or_else(|| {
                broken(format!(
                    "spine item {} points to missing {}",
                    item.id, item.path
                ))
            })?;
        let doc = Document::from(xhtml::expand_self_closing(&decode_page(&bytes)));
        let mut body = parts_of(&doc.root());
        if !has_words(&body) {
            continue;
        }
        let heading = body
            .iter()
            .take(3)
            .position(|p| matches!(p.kind, BlockKind::Heading(_)));
        let title = match (titles.get(&item.path), heading) {
            (Some(title), Some(i)) => {
                if same_words(&body[i].text, title) {
                    body.remove(i);
                }
                title.clone()
            }
            (Some(title), None) => title.clone(),
            (None, Some(i)) => body.remove(i).text,
            (None, None) => {
                page_title(&doc).unwrap_or_else(|| format!("{fallback} ({})", essays.len() + 1))
            }
        };
        let mut parts = vec![header(BlockKind::Title, &title)];
        if let Some(creator) = &book.creator {
            parts.push(header(BlockKind::Byline, creator));
        }
        parts.extend(body);
        let id = ids.unique(&title);
        essays.push(Essay::from_parts(id, Some(&title), parts));
    }
    if essays.is_empty() {
        return Err(broken("no chapter of the spine has any text".to_owned()));
    }
    Ok(essays)
}

/// Whether blocks hold any words besides images' alt texts.
fn has_words(parts: &[Part]) -> bool {
    parts.iter().any(|p| {
        let text = p.text.trim();
        let image = text.starts_with("[image: ") && text.ends_with(']');
        !text.is_empty() && !image
    })
}

/// The `<title>` of a chapter document, if it has a non-empty one.
fn page_title(doc: &Document) -> Option<String> {
    let title = doc.select("title").text();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

/// A header block.
fn header(kind: BlockKind, text: &str) -> Part {
    Part {
        kind,
        text: text.to_owned(),
        ..Part::default()
    }
}
