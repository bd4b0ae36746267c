//! A checker for the W3C Web Annotation test assertions in `../shared/w3c-annotation-tests`.
//!
//! A `.test` file (JSONtest) lists assertion files; each is a JSON Schema (draft 4) with
//! `assertionType` (`must` / `should` / `may`), `expectedResult` (`valid` / `invalid`) and
//! `onUnexpectedResult` (`failAndContinue` / `failAndSkip` / `passAndContinue`); the test may
//! name `skipFailures` (assertion types whose failures do not count). An entry of the list may
//! also be an object grouping nested assertions with `compareWith: "and" | "or"`.
//!
//! Every schema's `$ref`s name the files in `definitions/` by their `id` (`id.json#/...`).
//! The suite is given one base URI, [`BASE`]; each definition file is registered at its `id`
//! resolved against that base, and a retriever serves them from disk, so nothing is fetched
//! from the network (any other URI is an error).

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jsonschema::{Draft, Retrieve, Uri, Validator};
use serde_json::Value;

/// Where the suite lives, beside the clone.
pub const ROOT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/w3c-annotation-tests"
);

/// The base URI every assertion and definition is resolved against. Draft 4 ignores an `id`
/// beside a root `$ref`, so the checker supplies the base itself.
const BASE: &str = "https://w3c-annotation-tests.invalid/";

/// Serves the definition files by URI.
struct Definitions(HashMap<String, Value>);

impl Retrieve for Definitions {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let key = uri.as_str().split('#').next().unwrap_or_default();
        self.0
            .get(key)
            .cloned()
            .ok_or_else(|| format!("no local schema for {uri} (the network is not used)").into())
    }
}

/// `id` made absolute against [`BASE`].
fn absolute(id: &str) -> String {
    if id.contains("://") || id.starts_with("urn:") {
        id.to_string()
    } else {
        format!("{BASE}{id}")
    }
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every definition file, keyed by its absolute id (read once).
fn definitions() -> HashMap<String, Value> {
    static DEFINITIONS: OnceLock<HashMap<String, Value>> = OnceLock::new();
    DEFINITIONS.get_or_init(read_definitions).clone()
}

fn read_definitions() -> HashMap<String, Value> {
    let dir = Path::new(ROOT).join("definitions");
    let mut map = HashMap::new();
    for entry in std::fs::read_dir(&dir).expect("definitions/ exists") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let schema = read_json(&path);
            let id = schema["id"]
                .as_str()
                .unwrap_or_else(|| panic!("{} has no id", path.display()))
                .to_string();
            map.insert(absolute(&id), schema);
        }
    }
    assert!(
        map.len() >= 6,
        "expected the definition files, found {map:?}"
    );
    map
}

/// One assertion: a compiled schema and how to read its result.
pub struct Assertion {
    /// The file, relative to [`ROOT`].
    pub file: String,
    /// `must`, `should` or `may`.
    pub kind: String,
    /// Whether the instance is expected to be valid.
    pub expect_valid: bool,
    /// `failAndContinue`, `failAndSkip` or `passAndContinue`.
    pub on_unexpected: String,
    /// The assertion's own error message.
    pub message: String,
    validator: Validator,
}

/// A `.test` entry: one assertion, or a group of them.
pub enum Entry {
    /// One assertion file.
    One(Assertion),
    /// Nested entries, all of which (`and`) or one of which (`or`) must pass.
    Group { any: bool, entries: Vec<Entry> },
}

/// A JSONtest file, compiled.
pub struct TestFile {
    /// Its path relative to [`ROOT`].
    pub name: String,
    /// Assertion types whose failures do not count.
    pub skip_failures: Vec<String>,
    /// The entries, in order.
    pub entries: Vec<Entry>,
}

/// Compiles one assertion file.
pub fn assertion(file: &str) -> Assertion {
    let path = Path::new(ROOT).join(file);
    let schema = read_json(&path);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let validator = jsonschema::options()
        .with_draft(Draft::Draft4)
        .with_base_uri(absolute(&name))
        .with_retriever(Definitions(definitions()))
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{file}: cannot compile: {e}"));
    let text = |key: &str, default: &str| schema[key].as_str().unwrap_or(default).to_string();
    Assertion {
        file: file.to_string(),
        kind: text("assertionType", "must"),
        expect_valid: text("expectedResult", "valid") == "valid",
        on_unexpected: text("onUnexpectedResult", "failAndContinue"),
        message: text("errorMessage", ""),
        validator,
    }
}

fn entry(value: &Value) -> Entry {
    match value {
        Value::String(file) => Entry::One(assertion(file)),
        Value::Object(group) => Entry::Group {
            any: group.get("compareWith").and_then(Value::as_str) == Some("or"),
            entries: group["assertions"]
                .as_array()
                .expect("a group has assertions")
                .iter()
                .map(entry)
                .collect(),
        },
        other => panic!("unexpected assertion entry {other}"),
    }
}

/// Reads and compiles a `.test` file (path relative to [`ROOT`]).
pub fn test_file(name: &str) -> TestFile {
    let test = read_json(&Path::new(ROOT).join(name));
    let list = test["assertions"]
        .as_array()
        .unwrap_or_else(|| panic!("{name} has no assertions"));
    assert!(!list.is_empty(), "{name} lists no assertions");
    TestFile {
        name: name.to_string(),
        skip_failures: test["skipFailures"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        entries: list.iter().map(entry).collect(),
    }
}

/// The result of checking one instance against a test file.
#[derive(Debug, Default)]
pub struct Report {
    /// How many assertion files were applied.
    pub checked: usize,
    /// Failures that count: `file: message (schema errors)`.
    pub failures: Vec<String>,
}

impl Report {
    /// Whether every counted assertion passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

enum Outcome {
    Pass,
    Fail(String),
    /// A failure that stops the remaining assertions (`failAndSkip`).
    FailAndSkip(String),
}

impl Assertion {
    /// Applies the assertion to `instance` as the JSONtest harness does.
    fn apply(&self, instance: &Value, skip_failures: &[String]) -> Outcome {
        let valid = self.validator.is_valid(instance);
        if valid == self.expect_valid || skip_failures.contains(&self.kind) {
            return Outcome::Pass;
        }
        let errors: Vec<String> = self
            .validator
            .iter_errors(instance)
            .take(3)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        let why = format!("{}: {} [{}]", self.file, self.message, errors.join("; "));
        match self.on_unexpected.as_str() {
            "passAndContinue" => Outcome::Pass,
            "failAndSkip" => Outcome::FailAndSkip(why),
            _ => Outcome::Fail(why),
        }
    }
}

impl Entry {
    fn apply(&self, instance: &Value, skip: &[String], report: &mut Report) -> Outcome {
        match self {
            Entry::One(a) => {
                report.checked += 1;
                a.apply(instance, skip)
            }
            Entry::Group { any, entries } => {
                let mut why = Vec::new();
                for e in entries {
                    match e.apply(instance, skip, report) {
                        Outcome::Pass if *any => return Outcome::Pass,
                        Outcome::Pass => {}
                        Outcome::Fail(w) | Outcome::FailAndSkip(w) => why.push(w),
                    }
                }
                if why.is_empty() {
                    Outcome::Pass
                } else {
                    Outcome::Fail(why.join(" | "))
                }
            }
        }
    }
}

impl TestFile {
    /// Checks `instance` against every assertion of the file.
    pub fn check(&self, instance: &Value) -> Report {
        let mut report = Report::default();
        for e in &self.entries {
            match e.apply(instance, &self.skip_failures, &mut report) {
                Outcome::Pass => {}
                Outcome::Fail(w) => report.failures.push(w),
                Outcome::FailAndSkip(w) => {
                    report.failures.push(w);
                    break;
                }
            }
        }
        report
    }

    /// How many assertion files the test applies (groups counted by their members).
    pub fn len(&self) -> usize {
        fn count(e: &Entry) -> usize {
            match e {
                Entry::One(_) => 1,
                Entry::Group { entries, .. } => entries.iter().map(count).sum(),
            }
        }
        self.entries.iter().map(count).sum()
    }
}

/// The sample files in `tools/samples/<which>/`, sorted.
pub fn samples(which: &str) -> Vec<PathBuf> {
    let dir = Path::new(ROOT).join("tools/samples").join(which);
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("samples exist")
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}
