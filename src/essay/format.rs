//! Which reader a file needs (plain text, Markdown, HTML or EPUB), found from its content
//! with its extension as a hint, and the one road from a file's bytes to its essays.
//!
//! Detection, in order: a ZIP archive (`PK\x03\x04`) is EPUB; a start that is markup
//! (`<!DOCTYPE html`, `<html`, an XML declaration before `<html`, or `<head>`/`<body>`) is
//! HTML, and so is any start with `<` in a file named `.html`/`.htm`/`.xhtml`; a file named
//! `.md`/`.markdown` is Markdown, and so is one with strong signs of it (YAML front matter,
//! or an ATX heading with a code fence or a link); everything else is plain text.

use std::io::Read;
use std::path::Path;

use super::load::{check_is_file, decode_owned, essays_of, io_error};
use super::{Essay, EssayError, epub, html, markdown};

/// Bytes of a file's start looked at to find its format.
const SNIFF_BYTES: u64 = 64 * 1024;

/// The formats marginalia reads (the command line's `--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Format {
    /// Plain text: date, title, byline, paragraphs, and the shapes of lines.
    #[default]
    Text,
    /// Markdown (CommonMark with tables, footnotes, strikethrough).
    Markdown,
    /// A saved web page: its article.
    Html,
    /// An EPUB book: each chapter an essay.
    Epub,
}

impl Format {
    /// The media type of a source in this format (for exports naming the source).
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain",
            Format::Markdown => "text/markdown",
            Format::Html => "text/html",
            Format::Epub => "application/epub+zip",
        }
    }

    /// The format's name for people ("Markdown").
    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "plain text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Epub => "EPUB",
        }
    }
}

/// The format of a file from the first bytes of its content and its name.
pub fn detect(head: &[u8], path: &Path) -> Format {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if head.starts_with(b"PK\x03\x04") {
        return Format::Epub;
    }
    let text = String::from_utf8_lossy(head);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if is_markup(start)
        || (matches!(ext.as_str(), "html" | "htm" | "xhtml") && start.starts_with('<'))
    {
        return Format::Html;
    }
    if matches!(ext.as_str(), "md" | "markdown" | "mdown" | "mkd" | "mkdn") || is_markdown(start) {
        return Format::Markdown;
    }
    Format::Text
}

/// Whether text starts as an HTML document does (comments before it skipped).
fn is_markup(start: &str) -> bool {
    let lower = start
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.starts_with("<?xml") {
        return lower.contains("<html") || lower.contains("<!doctype html");
    }
    let mut rest = lower.as_str();
    while let Some(after) = rest.strip_prefix("<!--") {
        rest = after
            .find("-->")
            .map_or("", |i| after[i + 3..].trim_start());
    }
    let open = |tag: &str| {
        rest.strip_prefix(tag)
            .is_some_and(|r| r.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()))
    };
    rest.starts_with("<!doctype html") || open("<html") || open("<head") || open("<body")
}

/// Whether text shows strong signs of Markdown: YAML front matter, or an ATX heading
/// (`# Title`) with a code fence or an inline link.
fn is_markdown(start: &str) -> bool {
    let mut lines = start.lines();
    if lines.next() == Some("---") {
        let front: Vec<&str> = lines
            .by_ref()
            .take(50)
            .take_while(|l| *l != "---")
            .collect();
        let keyed = front.iter().filter(|l| is_yaml_key(l)).count();
        if keyed > 0 && keyed * 2 >= front.len() && start.lines().skip(1).any(|l| l == "---") {
            return true;
        }
    }
    let (mut headings, mut fences, mut links) = (0, 0, 0);
    for line in start.lines() {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') && line.len() > hashes + 1 {
            headings += 1;
        }
        if line.starts_with("```") || line.starts_with("~~~") {
            fences += 1;
        }
        if line.contains("](") && line.contains('[') {
            links += 1;
        }
    }
    headings > 0 && (fences >= 2 || links > 0)
}

/// A YAML `key: value` line (or `key:` opening a list).
fn is_yaml_key(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, _)| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
    }) || line.starts_with("  ")
        || line.starts_with("- ")
}

/// The format of the file at `path`: its first bytes and its name (errors as
/// [`super::read_text`]: missing, a directory, unreadable).
pub fn sniff_file(path: &Path) -> Result<Format, EssayError> {
    check_is_file(path)?;
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut head = Vec::new();
    file.take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| io_error(path, e))?;
    Ok(detect(&head, path))
}

/// Reads a file in `format` (found from the file when `None`) and gives its essays.
pub fn load_as(path: &Path, format: Option<Format>) -> Result<Vec<Essay>, EssayError> {
    check_is_file(path)?;
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    let format =
        format.unwrap_or_else(|| detect(&bytes[..bytes.len().min(SNIFF_BYTES as usize)], path));
    essays_from(bytes, path, format)
}

/// The essays of a file's bytes, read as `format`: each essay knows its format.
///
/// Errors name the file: empty, binary or not UTF-8 (plain text and Markdown), and
/// whatever the format's reader finds wrong.
pub fn essays_from(bytes: Vec<u8>, path: &Path, format: Format) -> Result<Vec<Essay>, EssayError> {
    let essays = match format {
        Format::Text => essays_of(&decode_owned(bytes, path)?, path)?,
        Format::Markdown => markdown::markdown_essays(&decode_owned(bytes, path)?, path)?,
        Format::Html | Format::Epub if bytes.iter().all(u8::is_ascii_whitespace) => {
            return Err(EssayError::Empty {
                path: path.to_path_buf(),
            });
        }
        Format::Html => html::html_essays(&bytes, path)?,
        Format::Epub => epub::epub_essays(&bytes, path)?,
    };
    if essays.is_empty() {
        return Err(EssayError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(essays
        .into_iter()
        .map(|mut essay| {
            essay.format = format;
            essay
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, name: &str) -> Format {
        detect(text.as_bytes(), Path::new(name))
    }

    #[test]
    fn zip_is_epub_whatever_its_name() {
        let zip = b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/epub+zip";
        assert_eq!(detect(zip, Path::new("book.epub")), Format::Epub);
        assert_eq!(detect(zip, Path::new("book.txt")), Format::Epub);
    }

    #[test]
    fn html_from_its_start() {
        for start in [
            "<!DOCTYPE html>\n<html><body>x</body></html>",
            "  \n<!doctype HTML PUBLIC>",
            "\u{feff}<html lang=\"en\">",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html xmlns=\"x\">",
            "<!-- saved from url=(0042)https://example.org -->\n<html>",
            "<head><title>x</title></head>",
            "<body>",
        ] {
            assert_eq!(found(start, "page.txt"), Format::Html, "{start}");
        }
        // A fragment is HTML when the name says so, not otherwise.
        assert_eq!(found("<p>Hello</p>", "page.htm"), Format::Html);
        assert_eq!(found("<p>Hello</p>", "page"), Format::Text);
        // Prose that mentions a tag is prose.
        assert_eq!(
            found("The <html> element opens a page.", "notes.txt"),
            Format::Text
        );
        assert_eq!(found("<?xml version=\"1.0\"?><feed/>", "x"), Format::Text);
    }

    #[test]
    fn markdown_by_name_or_strong_signs() {
        assert_eq!(found("Just prose.", "notes.md"), Format::Markdown);
        assert_eq!(found("Just prose.", "NOTES.Markdown"), Format::Markdown);
        let front = "---\ntitle: On Ferries\nauthor: A. Writer\ntags:\n  - boats\n---\n\nText.";
        assert_eq!(found(front, "essay.txt"), Format::Markdown);
        let linked = "# Ferries\n\nSee [the timetable](https://example.org).";
        assert_eq!(found(linked, "essay"), Format::Markdown);
        let fenced = "## Setup\n\n```shell\ncargo install x\n```\n";
        assert_eq!(found(fenced, "essay"), Format::Markdown);
    }

    #[test]
    fn plain_text_stays_plain() {
        let seed = "Friday, May 24, 2024\n\nA Title Here\n\nBy Ann Smith\n\nA paragraph.";
        assert_eq!(found(seed, "essays.txt"), Format::Text);
        // A heading alone, a rule alone, a bracket alone: not enough.
        assert_eq!(
            found("# Not a heading really\n\nProse.", "x.txt"),
            Format::Text
        );
        assert_eq!(
            found("---\n\nProse after a rule.\n---", "x.txt"),
            Format::Text
        );
        assert_eq!(found("See [1] and (2).", "x.txt"), Format::Text);
        assert_eq!(found("", "x.txt"), Format::Text);
        // A `.epub` that is not a ZIP is read for what it is.
        assert_eq!(found("Plain words.", "x.epub"), Format::Text);
    }

    #[test]
    fn media_types() {
        let types: Vec<_> = [Format::Text, Format::Markdown, Format::Html, Format::Epub]
            .map(Format::media_type)
            .to_vec();
        assert_eq!(
            types,
            [
                "text/plain",
                "text/markdown",
                "text/html",
                "application/epub+zip"
            ]
        );
    }

    #[test]
    fn a_reader_not_yet_built_says_so_in_one_line() {
        let e = essays_from(
            b"<html><body><p>x</p></body></html>".to_vec(),
            Path::new("p.html"),
            Format::Html,
        );
        if let Err(e @ EssayError::Unsupported { .. }) = e {
            let message = e.to_string();
            assert!(message.starts_with("p.html: HTML "), "{message}");
            assert!(!message.contains('\n'));
        }
        let empty = essays_from(b" \n ".to_vec(), Path::new("b.epub"), Format::Epub);
        assert!(matches!(empty, Err(EssayError::Empty { .. })), "{empty:?}");
        let text = essays_from(
            b"Title Line\n\nProse here.".to_vec(),
            Path::new("t.txt"),
            Format::Text,
        );
        let text = text.expect("plain text reads");
        assert_eq!(text[0].format, Format::Text);
    }
}
