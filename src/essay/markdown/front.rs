//! YAML front matter: finding the blocks that start essays, and reading the few keys used.
//!
//! A front matter block is a `---` line, then lines that look like YAML (`key: value`,
//! `- item`, indented continuations, `#` comments), then a `---` or `...` line. One at the
//! very start of the file is always front matter; a later one starts a new essay only when it
//! has a `title:` key, so that a thematic break followed by a `Note: …` line stays text.
//! Only `title`, `author` (or `authors`, `by`), `date` and `subtitle` are read; values may be
//! quoted, and an author may be a list.

/// The metadata of one essay, from its front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Front {
    /// `title:`
    pub(super) title: Option<String>,
    /// `author:`, `authors:` or `by:`, a list joined by ", ".
    pub(super) author: Option<String>,
    /// `date:`
    pub(super) date: Option<String>,
    /// `subtitle:` (or `description:`), shown as the standfirst.
    pub(super) subtitle: Option<String>,
}

/// One essay's share of a file: its front matter (if any) and its Markdown body.
#[derive(Debug)]
pub(super) struct Chunk<'a> {
    /// The front matter that starts it.
    pub(super) front: Option<Front>,
    /// The Markdown after the front matter, up to the next front matter block.
    pub(super) body: &'a str,
}

/// Splits a file at its front matter blocks. A file without any gives one chunk with none.
pub(super) fn chunks(text: &str) -> Vec<Chunk<'_>> {
    let lines: Vec<(usize, &str)> = line_starts(text);
    let mut found: Vec<(usize, usize, Front)> = Vec::new(); // (block start, body start, front)
    let mut fence: Option<(char, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let (at, line) = lines[i];
        if let Some(f) = fence_of(line) {
            fence = match fence {
                None => Some(f),
                Some(open) if f.0 == open.0 && f.1 >= open.1 && is_bare_fence(line) => None,
                Some(open) => Some(open),
            };
            i += 1;
            continue;
        }
        if fence.is_none()
            && line.trim_end() == "---"
            && let Some((end, front)) = block_at(&lines, i)
            && (at == 0 || front.title.is_some())
        {
            let body = lines.get(end + 1).map_or(text.len(), |l| l.0);
            found.push((at, body, front));
            i = end + 1;
            continue;
        }
        i += 1;
    }
    if found.is_empty() {
        return vec![Chunk {
            front: None,
            body: text,
        }];
    }
    let mut out = Vec::with_capacity(found.len() + 1);
    if found[0].0 > 0 {
        out.push(Chunk {
            front: None,
            body: &text[..found[0].0],
        });
    }
    let ends: Vec<usize> = found
        .iter()
        .skip(1)
        .map(|f| f.0)
        .chain([text.len()])
        .collect();
    for ((_, body, front), end) in found.into_iter().zip(ends) {
        out.push(Chunk {
            front: Some(front),
            body: &text[body..end],
        });
    }
    out
}

/// The lines of a text with the byte offset each starts at (without their '\n').
fn line_starts(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    text.split('\n')
        .map(|l| {
            let start = at;
            at += l.len() + 1;
            (start, l)
        })
        .collect()
}

/// The fence character and length if the line opens or closes a code fence.
fn fence_of(line: &str) -> Option<(char, usize)> {
    let lead = line.len() - line.trim_start_matches(' ').len();
    if lead > 3 {
        return None;
    }
    let rest = &line[lead..];
    let c = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = rest.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// Whether a fence line has nothing after its fence (only such a line closes a fence).
fn is_bare_fence(line: &str) -> bool {
    line.trim().chars().all(|c| c == '`' || c == '~')
}

/// The front matter block opened by the `---` at line `i`: the index of its closing line and
/// what it says; None when the lines do not look like YAML or the block is never closed.
fn block_at(lines: &[(usize, &str)], i: usize) -> Option<(usize, Front)> {
    let mut j = i + 1;
    let mut keys = 0;
    while j < lines.len() {
        let line = lines[j].1.trim_end();
        if j > i + 1 && (line == "---" || line == "...") {
            return (keys > 0).then(|| (j, read(lines[i + 1..j].iter().map(|l| l.1))));
        }
        if j == i + 1 && line.is_empty() {
            return None;
        }
        if key_of(line).is_some() {
            keys += 1;
        } else if !(line.is_empty()
            || line.starts_with([' ', '\t', '#'])
            || line.starts_with("- ")
            || line == "-")
        {
            return None;
        }
        j += 1;
    }
    None
}

/// The key and value of a top-level `key: value` line.
fn key_of(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let ok = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '));
    (ok && (value.is_empty() || value.starts_with([' ', '\t'])))
        .then_some((key.trim(), value.trim()))
}

/// A scalar value without its quotes.
fn unquote(value: &str) -> String {
    let v = value.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_owned();
        }
    }
    v.to_owned()
}

/// Reads the keys marginalia uses from the lines of a front matter block.
fn read<'a>(lines: impl Iterator<Item = &'a str>) -> Front {
    let mut front = Front::default();
    let mut key = String::new();
    let mut list: Vec<String> = Vec::new();
    let finish = |front: &mut Front, key: &str, list: &mut Vec<String>| {
        if !list.is_empty() {
            set(front, key, list.join(", "));
            list.clear();
        }
    };
    for line in lines {
        let line = line.trim_end();
        if let Some((k, v)) = key_of(line) {
            finish(&mut front, &key, &mut list);
            key = k.to_ascii_lowercase();
            if let Some(flow) = v.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                let items: Vec<String> = flow.split(',').map(unquote).collect();
                set(&mut front, &key, items.join(", "));
            } else {
                set(&mut front, &key, unquote(v));
            }
        } else if let Some(item) = line.trim_start().strip_prefix("- ") {
            list.push(unquote(item));
        } else if let Some((k, v)) = key_of(line.trim_start())
            && k.eq_ignore_ascii_case("name")
            && !v.is_empty()
        {
            // author:\n  name: Ann Smith
            list.push(unquote(v));
        }
    }
    finish(&mut front, &key, &mut list);
    front
}

/// Sets the field a key names; unknown keys are ignored, empty values too.
fn set(front: &mut Front, key: &str, value: String) {
    if value.trim().is_empty() {
        return;
    }
    let slot = match key {
        "title" => &mut front.title,
        "author" | "authors" | "by" => &mut front.author,
        "date" => &mut front.date,
        "subtitle" | "description" => &mut front.subtitle,
        _ => return,
    };
    *slot = Some(value.trim().to_owned());
}
