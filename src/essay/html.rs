//! Saved web pages: the article found as a browser's reader mode finds it (with
//! `dom_smoothie`, a port of Mozilla's Readability), walked into the block model; its title,
//! author, site and date from the page's metadata (meta tags, JSON-LD).
//!
//! The header is a `Title` block, a `Byline` block "Author · Site" (either alone when the
//! other is missing) and a `Date` block ("March 5, 2024" when the page gives an ISO date).

mod charset;
mod line;
mod notes;
mod walk;

use std::path::Path;

use dom_query::Document;
use dom_smoothie::{Article, Readability, ReadabilityError};

use super::{BlockKind, Essay, EssayError, IdSet, Inline, Part, stem_of};
pub use charset::decode_page;
pub(crate) use walk::parts_of;

/// Fewer words than this in what the reader mode found is not an article.
const MIN_WORDS: usize = 25;

/// The essays (the article) of a saved web page's bytes.
///
/// Errors: [`EssayError::NoArticle`] when the page holds nothing that reads as an article
/// (no text, a few words, or mostly links).
pub fn html_essays(bytes: &[u8], path: &Path) -> Result<Vec<Essay>, EssayError> {
    let page = decode_page(bytes);
    let no_article = |why: &str| EssayError::NoArticle {
        path: path.to_path_buf(),
        why: why.to_owned(),
    };
    let mut reader =
        Readability::new(page.as_str(), None, None).map_err(|e| no_article(&e.to_string()))?;
    let article = match reader.parse() {
        Ok(article) => article,
        Err(ReadabilityError::GrabFailed) => return Err(no_article("nothing reads as one")),
        Err(e) => return Err(no_article(&e.to_string())),
    };
    let content = Document::from(article.content.as_ref());
    let body = parts_of(&content.root());
    check_article(&body).map_err(|why| no_article(&why))?;
    let title = clean(&article.title);
    let title = if title.is_empty() {
        stem_of(path)
    } else {
        title
    };
    let mut parts = header(&article, &title);
    let body = drop_title_heading(body, &title);
    parts.extend(drop_byline(
        body,
        article.byline.as_deref().unwrap_or_default(),
    ));
    let id = IdSet::default().unique(&title);
    Ok(vec![Essay::from_parts(id, Some(&title), parts)])
}

/// Whether walked blocks read as an article: enough words, not mostly the text of links.
fn check_article(parts: &[Part]) -> Result<(), String> {
    let (mut words, mut link_chars, mut chars) = (0, 0, 0);
    for part in parts {
        words += part.text.split_whitespace().count();
        chars += part.text.chars().count();
        link_chars += part
            .spans
            .iter()
            .filter(|s| matches!(s.style, Inline::Link(_)))
            .map(|s| s.end - s.start)
            .sum::<usize>();
    }
    if words < MIN_WORDS {
        let s = if words == 1 { "" } else { "s" };
        return Err(format!("only {words} word{s} of text outside navigation"));
    }
    if link_chars * 2 > chars {
        return Err("its text is mostly links".to_owned());
    }
    Ok(())
}

/// The header blocks: title, "author · site", date.
fn header(article: &Article, title: &str) -> Vec<Part> {
    let author = article.byline.as_deref().map(clean).unwrap_or_default();
    let site = article.site_name.as_deref().map(clean).unwrap_or_default();
    let byline = match (author.is_empty(), site.is_empty()) {
        (false, false) if !author.contains(&site) && site != title => {
            format!("{author} · {site}")
        }
        (false, _) => author,
        (true, false) if site != title => site,
        _ => String::new(),
    };
    let date = article
        .published_time
        .as_deref()
        .map(human_date)
        .unwrap_or_default();
    [
        (BlockKind::Title, title.to_owned()),
        (BlockKind::Byline, byline),
        (BlockKind::Date, date),
    ]
    .into_iter()
    .filter(|(_, text)| !text.is_empty())
    .map(|(kind, text)| Part {
        kind,
        text,
        ..Part::default()
    })
    .collect()
}

/// The body without a first heading that repeats the title.
fn drop_title_heading(mut body: Vec<Part>, title: &str) -> Vec<Part> {
    let first = body
        .iter()
        .position(|p| matches!(p.kind, BlockKind::Heading(_)));
    if let Some(i) = first
        && i < 3
        && same_words(&body[i].text, title)
    {
        body.remove(i);
    }
    body
}

/// The body without an early paragraph that only repeats the author ("By Ann Smith"): it
/// is in the header already.
fn drop_byline(mut body: Vec<Part>, author: &str) -> Vec<Part> {
    let repeats = |p: &Part| {
        let text = p.text.trim();
        let text = ["By ", "by ", "BY "]
            .iter()
            .find_map(|by| text.strip_prefix(by))
            .unwrap_or(text);
        p.kind == BlockKind::Paragraph && !author.trim().is_empty() && same_words(text, author)
    };
    if let Some(i) = body.iter().take(3).position(repeats) {
        body.remove(i);
    }
    body
}

/// Whether two texts are the same words, case and punctuation aside.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    words(a) == words(b)
}

/// Metadata text on one line, its white space collapsed.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A date as people write it ("March 5, 2024") when it is an ISO date or time; else as given.
fn human_date(text: &str) -> String {
    let text = clean(text);
    let day = text.get(..10).unwrap_or_default();
    match chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(date) => date.format("%B %-d, %Y").to_string(),
        Err(_) => text,
    }
}
