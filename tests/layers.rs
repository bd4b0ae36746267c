//! The dependency direction between top-level modules: no module uses one above it.
//!
//! Reads the `src/` tree and checks every `crate::x` path (and `use crate::{x, …}`) in
//! non-test code against the layer table below. A module may use modules of its own layer
//! or of a lower one.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom first. Every top-level module of `src/` must be in one.
const LAYERS: &[&[&str]] = &[
    // The domain, geometry and the tables: plain data, no app state.
    &[
        "range",
        "annotation",
        "anchor",
        "essay",
        "citation",
        "selection",
        "similar",
        "store",
        "layout",
        "screen",
        "settings",
        "input",
        "action",
        "keymap",
    ],
    // The app's state and `apply`.
    &["state"],
    // Drawing: reads the state.
    &["ui"],
    // The shell and everything that runs it.
    &[
        "export",
        "session",
        "app",
        "terminal",
        "clipboard",
        "cli",
        "guide",
        "main",
        "lib",
    ],
];

/// The layer of top-level module `name`.
fn layer(name: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&name))
}

/// The top-level module a file of `src/` belongs to (`src/state/pane.rs` -> `state`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("file under src");
    let first = rel.components().next().expect("non-empty path");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read src dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of `text` that is built outside tests: comments dropped, and everything from a
/// `#[cfg(test)] mod …` on (test modules close their file) cut off.
fn non_test_code(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let code = match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every top-level module that `code` names through `crate::`.
fn used_modules(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut used = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            // `crate::{a, b::c, d::{e, f}}`: the names at the group's top level.
            let mut depth = 0usize;
            let mut start = true;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        let name = ident(&group[k..]);
                        if !name.is_empty() {
                            used.insert(name);
                        }
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(after);
            if !name.is_empty() {
                used.insert(name);
            }
        }
        rest = after;
    }
    used
}

/// Every use of a module above the user's layer, as "file: user -> used".
fn upward_uses(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut bad = Vec::new();
    for file in files {
        if file.file_stem().is_some_and(|s| s == "tests") {
            continue;
        }
        let user = module_of(src, &file);
        let user_layer =
            layer(&user).unwrap_or_else(|| panic!("module `{user}` is not in the layer table"));
        let text = fs::read_to_string(&file).expect("read source file");
        for used in used_modules(&non_test_code(&text)) {
            let Some(used_layer) = layer(&used) else {
                continue; // `crate::SomeItem` of lib.rs, or a macro path.
            };
            if used_layer > user_layer {
                bad.push(format!(
                    "{}: {user} (layer {user_layer}) uses {used} (layer {used_layer})",
                    file.display()
                ));
            }
        }
    }
    bad
}

#[test]
fn no_module_uses_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = upward_uses(&src);
    assert!(bad.is_empty(), "upward imports:\n{}", bad.join("\n"));
}

#[test]
fn every_top_level_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in files {
        let name = module_of(&src, &file);
        assert!(layer(&name).is_some(), "`{name}` has no layer");
    }
}

#[test]
fn the_scanner_sees_paths_groups_and_skips_comments_and_tests() {
    let code = non_test_code(
        "use crate::{state::AppState, ui};\n\
         /// [`crate::app`]\n\
         let x = crate::session::f(); // crate::export\n\
         #[cfg(test)]\n\
         mod tests {\n    use crate::cli;\n}\n",
    );
    let used: Vec<String> = used_modules(&code).into_iter().collect();
    assert_eq!(used, ["session", "state", "ui"]);
}
