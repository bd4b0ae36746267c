use std::path::Path;

use proptest::prelude::*;

use super::*;

/// One annotation of essay `essay`, as JSON.
fn note(id: &str, essay: &str, extra: &str) -> String {
    format!(
        r#"{{
      "id": "{id}",
      "essay": "{essay}",
      "anchor": {{ "quote": "a \"quoted\" word", "prefix": "[{{", "suffix": "}}]", "start": 3,
        "end": 18, "fingerprint": "sha256:00" }},
      "colour": "yellow",{extra}
      "created": "2026-11-30T12:00:00Z",
      "modified": "2026-11-30T12:00:00Z"
    }}"#
    )
}

/// A file of the annotations given, with an essay record and a link.
fn file_of(version: u32, notes: &[String]) -> Vec<u8> {
    format!(
        r#"{{
  "version": {version},
  "source": "book.txt",
  "essays": [ {{ "id": "one", "title": "One", "fingerprint": "sha256:00" }} ],
  "annotations": [
    {}
  ],
  "later": {{ "kept": [1, 2, {{ "x": "]" }}] }}
}}
"#,
        notes.join(",\n    ")
    )
    .into_bytes()
}

fn three() -> Vec<u8> {
    file_of(
        1,
        &[
            note("a-1", "one", ""),
            note(
                "a-2",
                "two",
                r#" "note": "with \\ and \u00e9", "tags": ["x", "y"],"#,
            ),
            note("a-3", "one", ""),
        ],
    )
}

fn path() -> &'static Path {
    Path::new("annotations/book.json")
}

/// What a full load gives for `bytes`, as [`Scanned::load`] gives it.
fn full(bytes: &[u8]) -> Result<DiskState, String> {
    super::super::parse_checked(path(), bytes)
        .map(|file| DiskState {
            hash: Some(super::super::merge::hash(bytes)),
            file,
        })
        .map_err(|e| e.to_string())
}

#[test]
fn each_annotation_is_found_with_its_essay() {
    let scanned = scan(path(), three()).unwrap();
    assert_eq!(scanned.len(), 3);
    assert_eq!(scanned.essay_ids(), [Some("one"), Some("two"), Some("one")]);
    assert!(!scanned.is_newer());
}

#[test]
fn only_the_annotations_asked_for_are_parsed_and_they_equal_a_full_load() {
    let bytes = three();
    let scanned = scan(path(), bytes.clone()).unwrap();
    let ones = scanned.annotations_of(path(), |e| e == "one").unwrap();
    let whole = full(&bytes).unwrap().file;
    let expected: Vec<_> = whole
        .annotations
        .iter()
        .filter(|a| a.essay == "one")
        .cloned()
        .collect();
    assert_eq!(ones, expected);
    assert_eq!(ones.len(), 2);
    let twos = scanned.annotations_of(path(), |e| e == "two").unwrap();
    assert_eq!(twos[0].tags, ["x", "y"]);
    assert_eq!(scanned.load(path()).unwrap(), full(&bytes).unwrap());
}

#[test]
fn a_broken_file_is_refused_with_its_place_before_anything_is_parsed() {
    let mut bytes = three();
    bytes.truncate(bytes.len() / 2);
    let error = scan(path(), bytes.clone()).unwrap_err().to_string();
    assert_eq!(error, full(&bytes).unwrap_err());
    // File, line and column.
    assert!(error.starts_with("annotations/book.json:"), "{error}");
    // A missing comma between two annotations, which each parse alone.
    let joined = String::from_utf8(three())
        .unwrap()
        .replacen("},\n", "}\n", 1);
    let error = scan(path(), joined.clone().into_bytes()).unwrap_err();
    assert_eq!(error.to_string(), full(joined.as_bytes()).unwrap_err());
}

#[test]
fn a_fault_in_an_annotation_not_asked_for_is_found_by_the_whole_load() {
    let bad = file_of(
        1,
        &[note("a-1", "one", ""), note("a-2", "two", r#" "tags": 5,"#)],
    );
    let scanned = scan(path(), bad.clone()).unwrap();
    assert_eq!(
        scanned
            .annotations_of(path(), |e| e == "one")
            .unwrap()
            .len(),
        1
    );
    // Asked for, or loaded whole: named as a full load names it, field and place.
    let asked = scanned.annotations_of(path(), |e| e == "two").unwrap_err();
    let error = scanned.load(path()).unwrap_err().to_string();
    assert_eq!(error, full(&bad).unwrap_err());
    assert_eq!(asked.to_string(), error);
    assert!(error.contains("annotations[1].tags"), "{error}");
}

#[test]
fn a_newer_version_is_seen_and_twins_are_refused_by_the_whole_load() {
    let newer = scan(path(), file_of(7, &[note("a-1", "one", "")])).unwrap();
    assert!(newer.is_newer());
    let twins = file_of(1, &[note("a-1", "one", ""), note("a-1", "two", "")]);
    let scanned = scan(path(), twins.clone()).unwrap();
    assert_eq!(
        scanned.load(path()).unwrap_err().to_string(),
        full(&twins).unwrap_err()
    );
}

#[test]
fn a_byte_order_mark_and_an_empty_list_are_read() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(file_of(1, &[]).iter().filter(|&&b| b != b'\n'));
    let scanned = scan(path(), bytes.clone()).unwrap();
    assert!(scanned.is_empty());
    assert_eq!(scanned.load(path()).unwrap(), full(&bytes).unwrap());
}

#[test]
fn a_file_the_look_cannot_follow_but_the_parser_can_is_still_read() {
    // No annotations list (the parser refuses it too), and an escaped key the parser reads.
    let odd =
        String::from_utf8(three())
            .unwrap()
            .replacen("\"annotations\"", "\"annot\\u0061tions\"", 1);
    let scanned = scan(path(), odd.clone().into_bytes()).unwrap();
    assert_eq!(scanned.essay_ids(), [Some("one"), Some("two"), Some("one")]);
    assert_eq!(scanned.load(path()).unwrap(), full(odd.as_bytes()).unwrap());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any change of a byte or two, or a cut: the look and the whole load agree with a full
    /// load, refusing what it refuses (in the same words) and reading what it reads.
    #[test]
    fn the_look_then_the_load_agree_with_a_full_load(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = three();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b"{}[]\",: \\a1"[usize::from(byte) % 11];
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        let expected = full(&bytes);
        let got = match scan(path(), bytes.clone()) {
            Err(e) => Err(e.to_string()),
            Ok(scanned) => {
                let first = scanned.annotations_of(path(), |_| true);
                let loaded = scanned.load(path()).map_err(|e| e.to_string());
                // What the first screen asks for is read as the full load reads it.
                if let Ok(loaded) = &loaded {
                    prop_assert_eq!(first.ok(), Some(loaded.file.annotations.clone()));
                }
                loaded
            }
        };
        prop_assert_eq!(got, expected);
    }
}
