//! The reader's key file, `keys.toml` beside `settings.json`: one table per context, each
//! mapping an action's name to the keys that do it, which replace its default keys there.
//!
//! ```toml
//! [essay]
//! highlight = ["Enter", "H"]
//! screen-top = "gh"
//! ```
//!
//! Anything the file says that does not make sense is an error naming its line: the app
//! does not start on a key file it would have to half ignore.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::keys::{self, Key};
use super::{CONTEXTS, Context, Keymap, Row, Unbound, action_name, help_lines};

/// Where the key file lives: beside the settings (`…/marginalia/keys.toml`).
pub fn path() -> Option<PathBuf> {
    crate::settings::path().map(|p| p.with_file_name("keys.toml"))
}

/// Why the key file cannot be used: one line, naming the file and (if known) the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct KeyFileError {
    /// The key file.
    pub path: PathBuf,
    /// The line (1-based) the fault is on.
    pub line: Option<usize>,
    /// What is wrong, in one line.
    pub message: String,
}

/// The bindings the key file at `path` makes: the defaults when there is no file.
pub fn load(path: &Path) -> Result<Keymap, KeyFileError> {
    let fail = |message: String| KeyFileError {
        path: path.to_path_buf(),
        line: None,
        message,
    };
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Keymap::default()),
        _ => {}
    }
    let bytes = crate::store::read_regular(path).map_err(|e| fail(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| fail("not UTF-8 text".into()))?;
    parse(&text, path)
}

/// An entry's keys: one spec or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Specs {
    One(String),
    Many(Vec<String>),
    Other(serde::de::IgnoredAny),
}

type Table = BTreeMap<Spanned<String>, Spanned<Specs>>;

/// The bindings a key file's text makes (`path` names it in errors).
pub fn parse(text: &str, path: &Path) -> Result<Keymap, KeyFileError> {
    let at = |span: std::ops::Range<usize>, message: String| KeyFileError {
        path: path.to_path_buf(),
        line: Some(line_of(text, span.start)),
        message,
    };
    let toml_error = |e: toml::de::Error| KeyFileError {
        path: path.to_path_buf(),
        line: e.span().map(|s| line_of(text, s.start)),
        message: format!("not valid TOML: {}", one_line(e.message())),
    };
    // First the tables' names and kinds, then their entries.
    let top: BTreeMap<Spanned<String>, Spanned<toml::Value>> =
        toml::from_str(text).map_err(toml_error)?;
    for (name, value) in &top {
        if Context::named(name.get_ref()).is_none() {
            return Err(at(
                name.span(),
                format!(
                    "`{}` is not a context (one of: {})",
                    clean(name.get_ref()),
                    CONTEXTS
                        .iter()
                        .map(|c| c.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        if !value.get_ref().is_table() {
            return Err(at(
                name.span(),
                format!("`{}` must be a table: [{}]", name.get_ref(), name.get_ref()),
            ));
        }
    }
    let tables: BTreeMap<Spanned<String>, Table> = toml::from_str(text).map_err(toml_error)?;
    let mut rows: Vec<(Row, Option<usize>)> = Keymap::default()
        .rows()
        .iter()
        .map(|r| (r.clone(), None))
        .collect();
    // In the file's order, so that the first fault in it is the one named.
    let mut entries: Vec<(Context, &Spanned<String>, &Spanned<Specs>)> = Vec::new();
    for (name, table) in &tables {
        let context = Context::named(name.get_ref()).unwrap_or(Context::Anywhere);
        entries.extend(table.iter().map(|(k, v)| (context, k, v)));
    }
    entries.sort_by_key(|(_, k, _)| k.span().start);
    for (context, name, specs) in entries {
        let line = line_of(text, name.span().start);
        let here = |r: &Row| r.context == context && action_name(&r.action) == Some(name.get_ref());
        let Some(first) = rows.iter().position(|(r, _)| here(r)) else {
            return Err(at(
                name.span(),
                format!(
                    "`{}` is not an action in [{}] ({})",
                    clean(name.get_ref()),
                    context.name(),
                    near_names(&action_names(context), name.get_ref())
                ),
            ));
        };
        let list = match specs.get_ref() {
            Specs::One(s) => vec![s.clone()],
            Specs::Many(v) => v.clone(),
            Specs::Other(_) => {
                return Err(at(
                    specs.span(),
                    format!(
                        "`{}`: give a key as a string, or a list of them",
                        name.get_ref()
                    ),
                ));
            }
        };
        let mut parsed: Vec<Vec<Key>> = Vec::new();
        for spec in &list {
            let keys = keys::parse(spec).map_err(|e| {
                at(
                    specs.span(),
                    format!("`{}`: {}", name.get_ref(), clean(&e.to_string())),
                )
            })?;
            if parsed.contains(&keys) {
                return Err(at(
                    specs.span(),
                    format!("`{}`: `{}` is given twice", name.get_ref(), clean(spec)),
                ));
            }
            parsed.push(keys);
        }
        // Each new key takes the hint of the default it stands in for.
        let old: Vec<Row> = rows
            .iter()
            .filter(|(r, _)| here(r))
            .map(|(r, _)| r.clone())
            .collect();
        rows.retain(|(r, _)| !here(r));
        let new = parsed.into_iter().enumerate().map(|(i, keys)| {
            (
                Row {
                    keys,
                    ..old.get(i).unwrap_or(&old[0]).clone()
                },
                Some(line),
            )
        });
        let at_index = first.min(rows.len());
        rows.splice(at_index..at_index, new);
    }
    check_clashes(&rows).map_err(|(line, message)| KeyFileError {
        path: path.to_path_buf(),
        line,
        message,
    })?;
    Ok(Keymap::from_rows(
        rows.into_iter().map(|(r, _)| r).collect(),
    ))
}

/// The action names of `context`, in the table's order.
fn action_names(context: Context) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for row in Keymap::default().rows() {
        if row.context == context
            && let Some(name) = action_name(&row.action)
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    names
}

/// The contexts whose rows a key typed in `context` reaches.
fn reach(context: Context) -> Vec<Context> {
    match context.unbound() {
        Unbound::Anywhere if context != Context::Anywhere => vec![context, Context::Anywhere],
        _ => vec![context],
    }
}

/// Two rows that a key could not tell apart: the same keys for two actions, or the keys of
/// one beginning the other's (the reader waits for no timeout). Named on the line of the
/// reader's entry that made it.
fn check_clashes(rows: &[(Row, Option<usize>)]) -> Result<(), (Option<usize>, String)> {
    for (i, (a, line_a)) in rows.iter().enumerate() {
        for (b, line_b) in &rows[i + 1..] {
            if line_a.is_none() && line_b.is_none() {
                continue;
            }
            let together =
                reach(a.context).contains(&b.context) || reach(b.context).contains(&a.context);
            if !together {
                continue;
            }
            let (short, long) = if a.keys.len() <= b.keys.len() {
                (a, b)
            } else {
                (b, a)
            };
            let same = a.keys == b.keys && a.letter.is_none() == b.letter.is_none();
            let begins = long.keys.starts_with(&short.keys)
                && (long.keys.len() > short.keys.len()
                    || long.letter.is_some() != short.letter.is_some());
            if !(same || begins) || (same && a.action == b.action && a.context == b.context) {
                continue;
            }
            let line = line_a.max(line_b);
            let (mine, other) = if line_b >= line_a { (b, a) } else { (a, b) };
            let name = |r: &Row| action_name(&r.action).unwrap_or("?");
            let message = if same {
                format!(
                    "`{}` in [{}] is also `{}` in [{}]: give one of them other keys",
                    mine.label(),
                    mine.context.name(),
                    name(other),
                    other.context.name()
                )
            } else {
                format!(
                    "`{}` ({} in [{}]) begins `{}` ({} in [{}]): one would never be reached",
                    short.label(),
                    name(short),
                    short.context.name(),
                    long.label(),
                    name(long),
                    long.context.name()
                )
            };
            return Err((*line, message));
        }
    }
    Ok(())
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// A message on one line, with nothing a terminal would obey.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text from the file, shown with nothing a terminal would obey.
fn clean(text: &str) -> String {
    text.chars().map(crate::essay::visible).collect()
}

/// The key file that gives exactly `map`'s bindings (the defaults for
/// `marginalia keys --defaults`), with each action's help as a comment.
pub fn to_toml(map: &Keymap) -> String {
    let mut out = String::from(
        "# marginalia's keys. Save as keys.toml beside settings.json and change what you like:\n\
         # an entry gives an action all its keys in that table (a key, or a list of keys), in\n\
         # place of these; an action left out keeps them. `[]` unbinds it.\n\
         # Keys: a character (`j`, `G`, `?`), a name (Enter, Esc, Tab, Space, Backspace, Del,\n\
         # Up, Down, Left, Right, PgUp, PgDn, Home, End, F1-F24), Ctrl- or Alt- before one\n\
         # (`Ctrl-d`), Shift-Tab, and several in a row (`]]`, `g Home`).\n",
    );
    for context in CONTEXTS {
        let mut done: Vec<&str> = Vec::new();
        let mut lines = String::new();
        for row in map.rows().iter().filter(|r| r.context == *context) {
            let Some(name) = action_name(&row.action) else {
                continue;
            };
            if done.contains(&name) {
                continue;
            }
            done.push(name);
            let specs: Vec<String> = map
                .rows()
                .iter()
                .filter(|r| r.context == *context && action_name(&r.action) == Some(name))
                .map(|r| toml_string(&spec(&r.keys)))
                .collect();
            let value = match specs.as_slice() {
                [one] => one.clone(),
                many => format!("[{}]", many.join(", ")),
            };
            let _ = writeln!(lines, "{name} = {value}  # {}", row.hint);
        }
        if !lines.is_empty() {
            let _ = write!(
                out,
                "\n# {}\n[{}]\n{lines}",
                context.title(),
                context.name()
            );
        }
    }
    out
}

/// A spec for `keys` in plain ASCII names where the label has arrows (`Down`, not `↓`).
fn spec(keys: &[Key]) -> String {
    keys::label(keys)
        .replace('↑', "Up")
        .replace('↓', "Down")
        .replace('←', "Left")
        .replace('→', "Right")
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The key table for the README (`marginalia keys --markdown`): every line of the help.
pub fn to_markdown(map: &Keymap) -> String {
    let mut out = String::from("| keys | where | does |\n|---|---|---|\n");
    for line in help_lines(map) {
        let keys: Vec<String> = line
            .keys
            .split(' ')
            .map(|k| format!("`{}`", k.replace('|', "\\|")))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            keys.join(" "),
            line.context.title().to_lowercase(),
            line.hint.replace('|', "\\|")
        );
    }
    out
}

/// The names like `word` (most of its letters in the same order, the same first letter
/// first), to suggest, and where to find them all: a one-line hint, not the whole list.
fn near_names(names: &[&str], word: &str) -> String {
    let word = word.to_lowercase();
    let wanted = (word.chars().count() * 2).div_ceil(3);
    let first = word.chars().next();
    let mut near: Vec<(bool, usize, &str)> = names
        .iter()
        .map(|n| (n.chars().next() != first, common(n, &word), *n))
        .filter(|(_, shared, _)| *shared >= wanted)
        .collect();
    let length = |n: &str| n.chars().count().abs_diff(word.chars().count());
    near.sort_by_key(|(other_start, shared, n)| (*other_start, usize::MAX - shared, length(n)));
    let near: Vec<&str> = near.iter().take(3).map(|(_, _, n)| *n).collect();
    let all = "`marginalia keys --defaults` lists them all";
    if near.is_empty() {
        all.to_string()
    } else {
        format!("did you mean {}? {all}", near.join(", "))
    }
}

/// How many letters `a` and `b` share in the same order (the longest common subsequence).
fn common(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row = vec![0; b.len() + 1];
    for ca in a.chars() {
        let mut diagonal = 0;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests;
