//! Export: Markdown golden files, W3C output checked against the W3C's own test assertions,
//! and the `export` subcommand end to end.

mod w3c_suite;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use marginalia::anchor::{Placement, anchor_for, resolve};
use marginalia::annotation::{Anchor, Annotation, Colour};
use marginalia::essay::{self, BlockKind, Essay};
use marginalia::export::{self, ExportEssay, Format};
use marginalia::range::TextRange;
use marginalia::session;
use marginalia::state::Placed;
use marginalia::store::{self, AnnotationFile};

// ---------------------------------------------------------------- fixture

fn at(minute: u32) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2024-05-24T10:{minute:02}:00Z"))
        .unwrap()
        .to_utc()
}

/// The code-point range of the first occurrence of `quote` in `essay`.
fn find(essay: &Essay, quote: &str) -> TextRange {
    let text = essay.text();
    let byte = text
        .find(quote)
        .unwrap_or_else(|| panic!("{quote:?} not in essay"));
    let start = text[..byte].chars().count();
    TextRange::new(start, start + quote.chars().count()).unwrap()
}

struct Mark<'a> {
    id: &'a str,
    quote: &'a str,
    colour: Colour,
    note: Option<&'a str>,
    tags: &'a [&'a str],
    minute: u32,
}

/// An annotation of `quote` in `essay`, placed as the reader would place it.
fn mark(essay: &Essay, m: Mark) -> Placed {
    let anchor = anchor_for(essay, find(essay, m.quote));
    annotation(essay, m, anchor)
}

/// An annotation whose stored quote is no longer in `essay`.
fn orphan(essay: &Essay, m: Mark) -> Placed {
    let anchor = Anchor {
        quote: m.quote.to_string(),
        prefix: "context before ".into(),
        suffix: " context after".into(),
        start: 40,
        end: 40 + m.quote.chars().count(),
        fingerprint: "old-fingerprint".into(),
        extra: Default::default(),
    };
    let placed = annotation(essay, m, anchor);
    assert_eq!(placed.placement, Placement::Orphaned);
    placed
}

fn annotation(essay: &Essay, m: Mark, anchor: Anchor) -> Placed {
    let placement = resolve(essay, &anchor);
    Placed {
        annotation: std::sync::Arc::new(Annotation {
            id: m.id.into(),
            essay: essay.id.clone(),
            anchor,
            colour: m.colour,
            note: m.note.map(str::to_string),
            tags: m.tags.iter().map(|t| t.to_string()).collect(),
            created: at(m.minute),
            modified: at(m.minute + 5),
            extra: Default::default(),
        }),
        placement,
    }
}

fn essay_a() -> Essay {
    let mut e = Essay::from_blocks(
        "harbour-talks".into(),
        vec![
            (
                BlockKind::Title,
                "‘Inside Story’ of the Harbour Talks".into(),
            ),
            (BlockKind::Byline, "A.N. Writer".into()),
            (
                BlockKind::Paragraph,
                "The wide view is that the harbour is not ready for a long winter.".into(),
            ),
            (
                BlockKind::Paragraph,
                "He called it \"a *real* alliance\" — twice.".into(),
            ),
            (
                BlockKind::Paragraph,
                "Beijing listened. Moscow spoke.".into(),
            ),
        ],
    );
    e.byline = Some("A.N. Writer".into());
    e.date = Some("Friday, May 2, 2025".into());
    e.fingerprint = "fp-a".into();
    e
}

fn essay_b() -> Essay {
    let mut e = Essay::from_blocks(
        "river-entente".into(),
        vec![
            (BlockKind::Title, "River Entente Shifts Gears".into()),
            (
                BlockKind::Paragraph,
                "The Entente lets both towns on the river act alone.".into(),
            ),
            (
                BlockKind::Paragraph,
                "The state visit was a milestone, not a turning point.".into(),
            ),
        ],
    );
    e.byline = Some("A.N. Writer".into());
    e.fingerprint = "fp-b".into();
    e
}

/// Two essays; highlights with and without notes, tags, an orphan, and a quote with quotes,
/// asterisks and a paragraph break.
struct Fixture {
    a: Essay,
    b: Essay,
    a_items: Vec<Placed>,
    b_items: Vec<Placed>,
}

fn fixture() -> Fixture {
    let a = essay_a();
    let b = essay_b();
    let a_items = vec![
        mark(
            &a,
            Mark {
                id: "a-0001",
                quote: "The wide view",
                colour: Colour::Yellow,
                note: None,
                tags: &[],
                minute: 3,
            },
        ),
        mark(
            &a,
            Mark {
                id: "a-0002",
                quote: "\"a *real* alliance\" — twice.\n\nBeijing listened.",
                colour: Colour::Green,
                note: Some("A shift from the joint statement?\n\nCompare the second essay."),
                tags: &["alliance", "#china"],
                minute: 1,
            },
        ),
        orphan(
            &a,
            Mark {
                id: "a-0003",
                quote: "a sentence that was\nedited away",
                colour: Colour::Blue,
                note: Some("Where did this go?"),
                tags: &[],
                minute: 0,
            },
        ),
    ];
    let b_items = vec![
        mark(
            &b,
            Mark {
                id: "a-0004",
                quote: "a milestone, not a turning point",
                colour: Colour::Pink,
                note: None,
                tags: &["entente"],
                minute: 7,
            },
        ),
        mark(
            &b,
            Mark {
                id: "a-0005",
                quote: "act alone",
                colour: Colour::Orange,
                note: Some("Really?"),
                tags: &[],
                minute: 8,
            },
        ),
    ];
    Fixture {
        a,
        b,
        a_items,
        b_items,
    }
}

impl Fixture {
    /// The export input, in reading order (the orphan last), as `from_state` builds it.
    fn input(&self) -> Vec<ExportEssay<'_>> {
        let a = &self.a_items;
        let b = &self.b_items;
        vec![
            ExportEssay {
                essay: &self.a,
                source: "essays.txt",
                items: vec![&a[0], &a[1], &a[2]],
            },
            ExportEssay {
                essay: &self.b,
                source: "more essays.txt",
                items: vec![&b[1], &b[0]],
            },
        ]
    }
}

// ---------------------------------------------------------------- Markdown

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert_eq!(
        actual,
        expected,
        "{} differs (UPDATE_GOLDEN=1 rewrites it)",
        path.display()
    );
}

#[test]
fn markdown_matches_the_golden_file() {
    let f = fixture();
    let md = export::markdown(&f.input());
    golden("two-essays.md", &md);
    assert_eq!(md, export::markdown(&f.input()), "deterministic");
}

#[test]
fn markdown_lists_essays_without_annotations() {
    let a = essay_a();
    let b = essay_b();
    let input = [
        ExportEssay {
            essay: &a,
            source: "essays.txt",
            items: vec![],
        },
        ExportEssay {
            essay: &b,
            source: "essays.txt",
            items: vec![],
        },
    ];
    golden("no-annotations.md", &export::markdown(&input));
    assert_eq!(
        export::markdown(&[]),
        format!("{}\n# Annotations\n", export::MARKDOWN_MARKER)
    );
}

// ---------------------------------------------------------------- W3C

fn annotations_of(collection: &Value) -> &Vec<Value> {
    collection["first"]["items"].as_array().expect("items")
}

#[test]
fn every_annotation_passes_every_w3c_must() {
    let musts = w3c_suite::test_file("annotations/annotationMusts.test");
    assert_eq!(musts.len(), 54, "annotationMusts.test lists 54 assertions");
    let f = fixture();
    let collection = export::w3c(&f.input());
    let items = annotations_of(&collection);
    assert_eq!(items.len(), 5);
    let mut checked = 0;
    for item in items {
        let report = musts.check(item);
        assert!(
            report.passed(),
            "{} fails:\n{}",
            item["id"],
            report.failures.join("\n")
        );
        checked += report.checked;
    }
    assert_eq!(checked, 5 * 54);
}

#[test]
fn the_collection_passes_the_collection_and_page_musts() {
    let f = fixture();
    let collection = export::w3c(&f.input());
    for test in [
        "collections/collectionMusts.test",
        "collections/pages/pageMusts.test",
    ] {
        let musts = w3c_suite::test_file(test);
        let report = musts.check(&collection);
        assert!(report.passed(), "{test}:\n{}", report.failures.join("\n"));
        assert_eq!(report.checked, musts.len());
        // The embedded page also stands on its own (given the context it inherits).
        if test.contains("page") {
            let mut page = collection["first"].clone();
            page["@context"] = collection["@context"].clone();
            let report = musts.check(&page);
            assert!(
                report.passed(),
                "{test} (page):\n{}",
                report.failures.join("\n")
            );
        }
        // An empty export is a valid collection too.
        let report = musts.check(&export::w3c(&[]));
        assert!(
            report.passed(),
            "{test} (empty):\n{}",
            report.failures.join("\n")
        );
    }
}

#[test]
fn broken_annotations_fail_the_musts() {
    let musts = w3c_suite::test_file("annotations/annotationMusts.test");
    let f = fixture();
    let collection = export::w3c(&f.input());
    let good = &annotations_of(&collection)[1];
    assert!(musts.check(good).passed());

    let mut no_target = good.clone();
    no_target.as_object_mut().unwrap().remove("target");
    let report = musts.check(&no_target);
    assert!(!report.passed(), "an annotation without target must fail");
    assert!(
        report
            .failures
            .iter()
            .any(|f| f.contains("3.1-targetKeyFound.json")),
        "{:?}",
        report.failures
    );

    // (An unknown motivation is not among the musts: the suite checks it as a "should".)
    let breakages: [(&str, Value); 6] = [
        ("type", json!("Note")),
        ("@context", json!("http://example.org/other")),
        ("id", json!("not a uri")),
        ("created", json!("yesterday")),
        ("modified", json!(20240524)),
        ("target", json!(42)),
    ];
    for (key, value) in breakages {
        let mut broken = good.clone();
        broken[key] = value;
        assert!(!musts.check(&broken).passed(), "bad {key} passed");
    }
    let mut both = good.clone();
    both["bodyValue"] = json!("a note");
    assert!(!musts.check(&both).passed(), "body and bodyValue passed");
    let mut bad_selector = good.clone();
    bad_selector["target"]["selector"][1]["start"] = json!("six");
    assert!(!musts.check(&bad_selector).passed(), "bad selector passed");
}

/// The README's sanity check of a checker: correct samples pass, incorrect ones fail.
#[test]
fn the_checker_agrees_with_the_w3c_samples() {
    let musts = w3c_suite::test_file("annotations/annotationMusts.test");
    let collection_musts = w3c_suite::test_file("collections/collectionMusts.test");
    let page_musts = w3c_suite::test_file("collections/pages/pageMusts.test");
    let mut correct_failing = Vec::new();
    for path in w3c_suite::samples("correct") {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let tests = match value["type"].as_str() {
            // The page musts apply to a collection only when it embeds its first page.
            Some("AnnotationCollection") if value["first"].is_object() => {
                vec![&collection_musts, &page_musts]
            }
            Some("AnnotationCollection") => vec![&collection_musts],
            Some("AnnotationPage") => vec![&page_musts],
            _ => vec![&musts],
        };
        let failures: Vec<String> = tests
            .iter()
            .flat_map(|t| t.check(&value).failures)
            .collect();
        if !failures.is_empty() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            correct_failing.push((name, failures));
        }
    }
    // Known limits of the suite itself: it does not recognise Composite / List / Independents
    // targets, and its page assertions expect `partOf` to be an embedded collection, not a URI.
    for (name, failures) in &correct_failing {
        let text = std::fs::read_to_string(
            Path::new(w3c_suite::ROOT)
                .join("tools/samples/correct")
                .join(name),
        )
        .unwrap();
        let unrecognised_target = ["\"Composite\"", "\"List\"", "\"Independents\""]
            .iter()
            .any(|t| text.contains(t));
        let part_of_uri = failures.iter().all(|f| f.contains("at /partOf]"));
        assert!(
            unrecognised_target || part_of_uri,
            "correct sample {name} fails the musts: {failures:#?}"
        );
    }
    let names: Vec<&str> = correct_failing.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "anno11.json",
            "anno12.json",
            "anno13.json",
            "example42.json",
            "example43.json"
        ]
    );

    let mut incorrect = 0;
    for path in w3c_suite::samples("incorrect") {
        let Ok(value) = serde_json::from_str::<Value>(&std::fs::read_to_string(&path).unwrap())
        else {
            continue;
        };
        incorrect += 1;
        assert!(
            !musts.check(&value).passed(),
            "incorrect sample {} passes",
            path.display()
        );
    }
    assert!(
        incorrect >= 20,
        "only {incorrect} parseable incorrect samples"
    );
}

#[test]
fn w3c_annotations_say_what_the_reader_made() {
    let f = fixture();
    let collection = export::w3c(&f.input());
    assert_eq!(collection["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(collection["type"], "AnnotationCollection");
    assert_eq!(collection["total"], 5);
    assert_eq!(
        collection["id"],
        "urn:marginalia:collection:essays.txt+more%20essays.txt"
    );
    let items = annotations_of(&collection);
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "urn:marginalia:a-0001",
            "urn:marginalia:a-0002",
            "urn:marginalia:a-0003",
            "urn:marginalia:a-0005",
            "urn:marginalia:a-0004"
        ]
    );

    // A bare highlight: no body.
    let bare = &items[0];
    assert_eq!(bare["motivation"], "highlighting");
    assert!(bare.get("body").is_none());
    assert_eq!(bare["created"], "2024-05-24T10:03:00Z");
    assert_eq!(bare["modified"], "2024-05-24T10:08:00Z");
    assert_eq!(bare["target"]["styleClass"], "yellow");
    assert!(
        bare["stylesheet"]["value"]
            .as_str()
            .unwrap()
            .starts_with(".yellow {")
    );

    // A note and tags: a commenting body, then one tagging body per tag.
    let noted = &items[1];
    assert_eq!(noted["motivation"], "commenting");
    assert_eq!(
        noted["body"],
        json!([
            {"type": "TextualBody", "value": "A shift from the joint statement?\n\nCompare the second essay.",
             "format": "text/plain", "purpose": "commenting"},
            {"type": "TextualBody", "value": "alliance", "purpose": "tagging"},
            {"type": "TextualBody", "value": "#china", "purpose": "tagging"},
        ])
    );
    let target = &noted["target"];
    assert_eq!(
        target["source"],
        json!({"id": "urn:marginalia:essay:essays.txt#harbour-talks", "type": "Text",
               "format": "text/plain"})
    );
    let quote = &target["selector"][0];
    assert_eq!(quote["type"], "TextQuoteSelector");
    assert_eq!(
        quote["exact"],
        "\"a *real* alliance\" — twice.\n\nBeijing listened."
    );
    let position = &target["selector"][1];
    assert_eq!(position["type"], "TextPositionSelector");
    let (start, end) = (
        position["start"].as_u64().unwrap() as usize,
        position["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(f.a.slice(start, end), quote["exact"].as_str().unwrap());
    let prefix = quote["prefix"].as_str().unwrap();
    assert!(f.a.slice(0, start).ends_with(prefix));

    // An orphan: only the quote, as stored.
    let lost = &items[2];
    assert_eq!(lost["target"]["selector"].as_array().unwrap().len(), 1);
    assert_eq!(
        lost["target"]["selector"][0]["exact"],
        "a sentence that was\nedited away"
    );

    // Tags only.
    let tagged = &items[4];
    assert_eq!(tagged["motivation"], "tagging");
    assert_eq!(
        tagged["body"],
        json!({"type": "TextualBody", "value": "entente", "purpose": "tagging"})
    );
    assert_eq!(
        tagged["target"]["source"]["id"],
        "urn:marginalia:essay:more%20essays.txt#river-entente"
    );

    assert_eq!(collection, export::w3c(&f.input()), "deterministic");
}

// ---------------------------------------------------------------- the subcommand

/// An essay file in `dir` with two highlights saved in its default annotations file
/// (one with a note, one whose quote is gone from the text).
fn essay_on_disk(dir: &Path) -> PathBuf {
    let path = dir.join("essay one.txt");
    std::fs::write(
        &path,
        "A Title\n\nFirst paragraph with a phrase worth keeping.\n\nSecond paragraph.\n",
    )
    .unwrap();
    let essays = essay::load_file(&path).unwrap();
    let e = &essays[0];
    let keep = anchor_for(e, find(e, "a phrase worth keeping"));
    let mut gone = anchor_for(e, find(e, "Second paragraph"));
    gone.quote = "a paragraph that was deleted".into();
    gone.fingerprint = "old".into();
    let mut file = AnnotationFile::new("essay one.txt".into());
    for (id, anchor, note) in [("a-1", keep, Some("Keep.")), ("a-2", gone, None)] {
        file.annotations.push(Annotation {
            id: id.into(),
            essay: e.id.clone(),
            anchor,
            colour: Colour::Yellow,
            note: note.map(str::to_string),
            tags: vec![],
            created: at(1),
            modified: at(2),
            extra: Default::default(),
        });
    }
    store::save(&store::default_path(dir, &path), &file).unwrap();
    path
}

#[test]
fn run_export_writes_the_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let essay = essay_on_disk(dir.path());
    let out_dir = dir.path().join("out");
    // The folder must exist: an export makes no folder (a_missing_folder_is_not_made…).
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("notes.md");
    session::run_export(
        std::slice::from_ref(&essay),
        Format::Markdown,
        Some(&out),
        None,
        dir.path(),
    )
    .unwrap();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.starts_with(&format!(
            "{}\n# Annotations\n\n## ",
            export::MARKDOWN_MARKER
        )),
        "{md}"
    );
    assert!(
        md.contains("> a phrase worth keeping\n\nKeep.\n\n*yellow*\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "> a paragraph that was deleted\n\n*yellow* (passage not found in the current text)\n"
        ),
        "{md}"
    );
    let placed_at = md.find("worth keeping").unwrap();
    assert!(
        placed_at < md.find("was deleted").unwrap(),
        "orphans come last"
    );
    let names: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.md"], "no temporary file left");

    let json_out = dir.path().join("notes.jsonld");
    session::run_export(&[essay], Format::W3c, Some(&json_out), None, dir.path()).unwrap();
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&json_out).unwrap()).unwrap();
    assert_eq!(value["total"], 2);
    let musts = w3c_suite::test_file("annotations/annotationMusts.test");
    for item in annotations_of(&value) {
        let report = musts.check(item);
        assert!(report.passed(), "{}", report.failures.join("\n"));
    }
}

#[test]
fn run_export_names_a_missing_essay_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-essay.txt");
    let err =
        session::run_export(&[missing], Format::Markdown, None, None, dir.path()).unwrap_err();
    assert!(
        matches!(err, session::ExportCommandError::Open(_)),
        "{err:?}"
    );
    let err = err.to_string();
    assert!(err.contains("no-such-essay.txt"), "{err}");
    assert!(!err.contains('\n'), "one line: {err}");
    assert!(!dir.path().join("annotations").exists(), "nothing written");
}

#[test]
fn the_binary_exports_w3c_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let essay = essay_on_disk(dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .current_dir(dir.path())
        .arg("export")
        .arg(&essay)
        .args(["--format", "w3c"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(value["type"], "AnnotationCollection");
    assert_eq!(value["total"], 2);
    let collection_musts = w3c_suite::test_file("collections/collectionMusts.test");
    assert!(collection_musts.check(&value).passed());
}

#[test]
fn the_binary_reports_a_missing_file_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .current_dir(dir.path())
        .args(["export", "missing.txt", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("marginalia: "), "{stderr}");
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn links_export_as_linking_annotations_that_pass_every_w3c_must() {
    use marginalia::annotation::{Link, Relation};
    use std::borrow::Cow;
    let f = fixture();
    let link = Link {
        id: "l-0001".into(),
        from: "a-0001".into(),
        to: "a-0004".into(),
        relation: Relation::Contradicts,
        note: Some("They disagree on the scale.".into()),
        other: None,
        created: at(9),
        modified: at(10),
        extra: Default::default(),
    };
    let links = vec![export::ExportLink {
        link: &link,
        source: "essays.txt",
        from: (Cow::Borrowed(&f.a), Cow::Borrowed(&f.a_items[0])),
        to: (Cow::Borrowed(&f.b), Cow::Borrowed(&f.b_items[0])),
        to_source: "essays.txt",
    }];
    let collection = export::w3c_with_links(&f.input(), &links);
    let items = annotations_of(&collection);
    assert_eq!(items.len(), 6);
    assert_eq!(collection["total"], 6);
    let linking = items.last().expect("the link");
    assert_eq!(linking["motivation"], "linking");
    assert_eq!(
        linking["body"][0]["selector"][0]["exact"],
        "a milestone, not a turning point"
    );
    assert_eq!(linking["body"][1]["value"], "contradicts");
    assert_eq!(linking["target"]["selector"][0]["exact"], "The wide view");
    let musts = w3c_suite::test_file("annotations/annotationMusts.test");
    let report = musts.check(linking);
    assert!(
        report.passed(),
        "link fails:\n{}",
        report.failures.join("\n")
    );

    let text = export::markdown_with_links(&f.input(), &links);
    assert!(text.contains("## Links between the essays"));
    assert!(text.contains("*contradicts*"));
    assert!(text.contains("> The wide view\n\n> a milestone, not a turning point"));
    assert!(text.contains("They disagree on the scale."));
}
