//! The annotations file on disk: round trips, stability, errors that leave the file alone,
//! atomic and symlink-aware saving, permissions, stale temporary files.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use marginalia::annotation::{Anchor, Annotation, Colour};
use marginalia::session::{self, OpenError, Origin};
use marginalia::store::{
    self, AnnotationFile, EssayRecord, FORMAT_VERSION, SourceId, StoreError, clean_stale_temps,
    load, save,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// A small but complete file: two essays, two annotations.
const SAMPLE: &str = r#"{
  "version": 1,
  "source": "essays.txt",
  "essays": [
    {
      "id": "on-walking",
      "title": "On Walking",
      "fingerprint": "sha256:aa"
    }
  ],
  "annotations": [
    {
      "id": "a-0000000000000001",
      "essay": "on-walking",
      "anchor": {
        "quote": "fine",
        "prefix": "a ",
        "suffix": " day",
        "start": 2,
        "end": 6,
        "fingerprint": "sha256:aa"
      },
      "colour": "yellow",
      "note": "Why \"fine\"?",
      "tags": [
        "tone"
      ],
      "created": "2026-11-27T19:40:00Z",
      "modified": "2026-11-27T19:41:00Z"
    }
  ]
}
"#;

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn at(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).unwrap()
}

fn annotation(id: &str) -> Annotation {
    Annotation {
        id: id.into(),
        essay: "on-walking".into(),
        anchor: Anchor {
            quote: "fine".into(),
            prefix: "a ".into(),
            suffix: " day".into(),
            start: 2,
            end: 6,
            fingerprint: "sha256:aa".into(),
            extra: Map::new(),
        },
        colour: Colour::Yellow,
        note: None,
        tags: vec![],
        created: at(1_800_000_000),
        modified: at(1_800_000_060),
        extra: Map::new(),
    }
}

/// Writes `text` to a file, loads it expecting an error, and checks the bytes are unchanged.
fn load_error(text: &str) -> (tempfile::TempDir, PathBuf, StoreError) {
    let d = dir();
    let path = d.path().join("essays.json");
    fs::write(&path, text).unwrap();
    let e = load(&path).expect_err("should not load");
    assert_eq!(fs::read(&path).unwrap(), text.as_bytes(), "file changed");
    assert_eq!(names(d.path()), ["essays.json"]);
    (d, path, e)
}

fn shape(e: &StoreError) -> (usize, usize, &str, &str) {
    match e {
        StoreError::Shape {
            line,
            column,
            field,
            message,
            ..
        } => (*line, *column, field.as_str(), message.as_str()),
        other => panic!("expected a shape error, got {other:?}"),
    }
}

// ---- loading -------------------------------------------------------------------------------

#[test]
fn missing_file_is_none() {
    let d = dir();
    assert!(load(&d.path().join("nope.json")).unwrap().is_none());
    assert!(names(d.path()).is_empty());
}

#[test]
fn sample_loads_and_saves_to_the_same_bytes() {
    let d = dir();
    let path = d.path().join("essays.json");
    fs::write(&path, SAMPLE).unwrap();
    let file = load(&path).unwrap().unwrap();
    assert_eq!(file.version, FORMAT_VERSION);
    assert!(!file.is_newer());
    assert_eq!(file.annotations[0].anchor.start, 2);
    assert_eq!(file.annotations[0].note.as_deref(), Some("Why \"fine\"?"));
    save(&path, &file).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), SAMPLE);
}

#[test]
fn unknown_fields_at_every_level_survive() {
    let mut v: Value = serde_json::from_str(SAMPLE).unwrap();
    v["zz_top"] = json!({"nested": [1, "two", null]});
    v["essays"][0]["language"] = json!("en");
    v["annotations"][0]["links"] = json!([{"to": "a-2", "kind": "supports"}]);
    v["annotations"][0]["anchor"]["selector"] = json!({"type": "TextQuote"});
    let text = serde_json::to_string_pretty(&v).unwrap() + "\n";

    let d = dir();
    let path = d.path().join("essays.json");
    fs::write(&path, &text).unwrap();
    let file = load(&path).unwrap().unwrap();
    assert_eq!(file.extra["zz_top"], json!({"nested": [1, "two", null]}));
    assert_eq!(file.essays[0].extra["language"], json!("en"));
    assert!(file.annotations[0].extra.contains_key("links"));
    assert!(file.annotations[0].anchor.extra.contains_key("selector"));
    save(&path, &file).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn newer_version_loads_and_says_so() {
    let text = SAMPLE.replace("\"version\": 1", "\"version\": 7");
    let d = dir();
    let path = d.path().join("essays.json");
    fs::write(&path, &text).unwrap();
    let file = load(&path).unwrap().unwrap();
    assert!(file.is_newer());
    assert_eq!(file.version, 7);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn truncated_file_is_a_syntax_error_at_the_end() {
    // Cut inside the anchor object, after line 20 `        "end": 6,`.
    let cut: String = SAMPLE.lines().take(20).collect::<Vec<_>>().join("\n");
    let (_d, path, e) = load_error(&cut);
    match &e {
        StoreError::Syntax { line, column, .. } => {
            assert_eq!(*line, 20);
            assert_eq!(*column, "        \"end\": 6,".len());
        }
        other => panic!("expected syntax error, got {other:?}"),
    }
    let msg = e.to_string();
    assert!(msg.starts_with(&format!("{}:20:", path.display())), "{msg}");
    assert!(!msg.contains('\n'));
}

#[test]
fn missing_comma_points_at_the_next_key() {
    let text = SAMPLE.replace("\"yellow\",", "\"yellow\"");
    let (_d, _, e) = load_error(&text);
    match e {
        StoreError::Syntax { line, column, .. } => assert_eq!((line, column), (24, 7)),
        other => panic!("expected syntax error, got {other:?}"),
    }
}

#[test]
fn not_utf8_is_a_syntax_error() {
    let d = dir();
    let path = d.path().join("essays.json");
    let bytes = SAMPLE.replace("fine\",", "f\u{e9}ne\",");
    let mut bytes = bytes.into_bytes();
    let i = bytes.windows(2).position(|w| w == [0xc3, 0xa9]).unwrap();
    bytes[i] = 0xff;
    fs::write(&path, &bytes).unwrap();
    let e = load(&path).unwrap_err();
    assert!(matches!(e, StoreError::Syntax { line: 16, .. }), "{e:?}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn unknown_colour_names_field_line_and_column() {
    let text = SAMPLE.replace("\"yellow\"", "\"teal\"");
    let (_d, path, e) = load_error(&text);
    let (line, column, field, message) = shape(&e);
    assert_eq!(field, "annotations[0].colour");
    assert_eq!(line, 23);
    assert_eq!(column, "      \"colour\": \"teal\"".len());
    assert!(
        message.starts_with("unknown variant `teal`, expected one of"),
        "{message}"
    );
    let msg = e.to_string();
    assert!(
        msg.starts_with(&format!(
            "{}:23:{column}: field `annotations[0].colour`: unknown variant `teal`",
            path.display()
        )),
        "{msg}"
    );
}

#[test]
fn string_where_number_names_the_offset() {
    let text = SAMPLE.replace("\"start\": 2", "\"start\": \"2\"");
    let (_d, _, e) = load_error(&text);
    let (line, column, field, message) = shape(&e);
    assert_eq!(field, "annotations[0].anchor.start");
    assert_eq!(line, 19);
    assert_eq!(column, "        \"start\": \"2\"".len());
    assert!(message.contains("invalid type: string"), "{message}");
}

#[test]
fn negative_offset_is_a_shape_error() {
    let text = SAMPLE.replace("\"end\": 6", "\"end\": -6");
    let (_d, _, e) = load_error(&text);
    let (line, _, field, _) = shape(&e);
    assert_eq!((line, field), (20, "annotations[0].anchor.end"));
}

#[test]
fn missing_anchor_names_the_field() {
    let mut v: Value = serde_json::from_str(SAMPLE).unwrap();
    v["annotations"][0]
        .as_object_mut()
        .unwrap()
        .remove("anchor");
    let text = serde_json::to_string_pretty(&v).unwrap();
    let (_d, _, e) = load_error(&text);
    let (line, column, field, message) = shape(&e);
    assert_eq!(field, "annotations[0].anchor");
    assert_eq!(message, "missing field `anchor`");
    // Reported where the annotation object ends.
    let end_line = text
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| *l == "    }")
        .unwrap()
        + 1;
    assert_eq!((line, column), (end_line, 5));
}

#[test]
fn bad_time_and_bad_essay_record_are_named() {
    let text = SAMPLE.replace("2026-11-27T19:41:00Z", "yesterday");
    let (_d, _, e) = load_error(&text);
    assert_eq!(shape(&e).2, "annotations[0].modified");

    let text = SAMPLE.replace("\"title\": \"On Walking\"", "\"title\": null");
    let (_d, _, e) = load_error(&text);
    let (line, _, field, _) = shape(&e);
    assert_eq!((line, field), (7, "essays[0].title"));
}

#[test]
fn wrong_version_type_in_newer_file_is_a_shape_error() {
    let text = SAMPLE.replace("\"version\": 1", "\"version\": \"2.0\"");
    let (_d, _, e) = load_error(&text);
    let (line, _, field, _) = shape(&e);
    assert_eq!((line, field), (2, "version"));
}

// ---- saving --------------------------------------------------------------------------------

#[test]
fn saving_twice_gives_identical_bytes_in_key_order() {
    let d = dir();
    let path = d.path().join("essays.json");
    let mut file = AnnotationFile::new("essays.txt".into());
    file.essays.push(EssayRecord {
        id: "on-walking".into(),
        title: "On Walking".into(),
        fingerprint: "sha256:aa".into(),
        extra: Map::new(),
    });
    let mut a = annotation("a-0000000000000001");
    a.note = Some("Why \"fine\"?".into());
    a.tags = vec!["tone".into()];
    a.modified = DateTime::parse_from_rfc3339("2026-11-27T19:41:00Z")
        .unwrap()
        .with_timezone(&Utc);
    a.created = DateTime::parse_from_rfc3339("2026-11-27T19:40:00+00:00")
        .unwrap()
        .with_timezone(&Utc);
    file.annotations.push(a);
    save(&path, &file).unwrap();
    let first = fs::read(&path).unwrap();
    save(&path, &file).unwrap();
    assert_eq!(fs::read(&path).unwrap(), first);
    assert_eq!(String::from_utf8(first).unwrap(), SAMPLE);
    assert_eq!(names(d.path()), ["essays.json"]);
}

#[test]
fn save_creates_the_folder_and_leaves_no_temp() {
    let d = dir();
    let path = store::default_path(d.path(), Path::new("texts/essays.txt"));
    save(&path, &AnnotationFile::new("essays.txt".into())).unwrap();
    assert_eq!(names(&d.path().join("annotations")), ["essays.json"]);
    assert!(load(&path).unwrap().is_some());
}

#[cfg(unix)]
#[test]
fn save_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir();
    let path = d.path().join("essays.json");
    fs::write(&path, SAMPLE).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let mut file = load(&path).unwrap().unwrap();
    file.annotations.push(annotation("a-2"));
    save(&path, &file).unwrap();
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(load(&path).unwrap().unwrap(), file);
}

#[cfg(unix)]
#[test]
fn save_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let d = dir();
    fs::create_dir(d.path().join("real")).unwrap();
    let target = d.path().join("real/essays.json");
    fs::write(&target, SAMPLE).unwrap();
    let link = d.path().join("essays.json");
    std::os::unix::fs::symlink("real/essays.json", &link).unwrap();

    let mut file = load(&link).unwrap().unwrap();
    file.annotations.push(annotation("a-2"));
    save(&link, &file).unwrap();

    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_link(&link).unwrap(),
        PathBuf::from("real/essays.json")
    );
    assert_eq!(load(&target).unwrap().unwrap().annotations.len(), 2);
    assert_eq!(names(&d.path().join("real")), ["essays.json"]);
    assert_eq!(names(d.path()), ["essays.json", "real"]);
}

#[test]
fn failed_save_when_parent_is_a_file_names_the_path() {
    // Fails even as root: a regular file cannot hold a folder.
    let d = dir();
    let blocker = d.path().join("annotations");
    fs::write(&blocker, b"not a folder").unwrap();
    let path = blocker.join("essays.json");
    let e = save(&path, &AnnotationFile::new("e.txt".into())).unwrap_err();
    assert!(matches!(e, StoreError::Io { .. }), "{e:?}");
    assert!(e.to_string().contains(&*blocker.to_string_lossy()), "{e}");
    assert_eq!(fs::read(&blocker).unwrap(), b"not a folder");
}

#[test]
fn failed_save_under_proc_names_the_path() {
    // /proc refuses new files even for root.
    let path = Path::new("/proc/marginalia-test/essays.json");
    if !Path::new("/proc/self").exists() {
        return;
    }
    let e = save(path, &AnnotationFile::new("e.txt".into())).unwrap_err();
    assert!(e.to_string().starts_with("/proc/marginalia-test"), "{e}");
}

#[cfg(unix)]
#[test]
fn failed_save_in_read_only_folder_keeps_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir();
    let sub = d.path().join("ro");
    fs::create_dir(&sub).unwrap();
    let path = sub.join("essays.json");
    fs::write(&path, SAMPLE).unwrap();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o555)).unwrap();
    let result = save(&path, &AnnotationFile::new("other.txt".into()));
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
    match result {
        // As root, permissions do not stop the write; nothing to check then.
        Ok(()) => {}
        Err(e) => {
            assert!(e.to_string().starts_with(&*path.to_string_lossy()), "{e}");
            assert_eq!(fs::read_to_string(&path).unwrap(), SAMPLE);
            assert_eq!(names(&sub), ["essays.json"]);
        }
    }
}

#[test]
fn failed_save_onto_a_folder_leaves_no_temp() {
    let d = dir();
    let path = d.path().join("essays.json");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep"), b"x").unwrap();
    let e = save(&path, &AnnotationFile::new("e.txt".into())).unwrap_err();
    assert!(e.to_string().starts_with(&*path.to_string_lossy()), "{e}");
    assert_eq!(names(d.path()), ["essays.json"]);
    assert_eq!(fs::read(path.join("keep")).unwrap(), b"x");
}

// ---- stale temporary files -----------------------------------------------------------------

#[test]
fn stale_temps_are_removed_and_nothing_else() {
    let d = dir();
    let path = d.path().join("essays.json");
    fs::write(&path, SAMPLE).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    let make = |name: &str, aged: bool| {
        let p = d.path().join(name);
        let f = fs::File::create(&p).unwrap();
        if aged {
            f.set_modified(old).unwrap();
        }
    };
    make(".essays.json.tmp-abc123", true); // stale: removed
    make(".essays.json.tmp-def456", true); // stale: removed
    make(".essays.json.tmp-fresh1", false); // a save in progress: kept
    make(".other.json.tmp-abc123", true); // another file's: kept
    make("essays.json.tmp-abc123", true); // not hidden, not ours: kept
    make(".essays.state.json", true); // the state file: kept
    assert_eq!(clean_stale_temps(&path), 2);
    assert_eq!(
        names(d.path()),
        [
            ".essays.json.tmp-fresh1",
            ".essays.state.json",
            ".other.json.tmp-abc123",
            "essays.json",
            "essays.json.tmp-abc123",
        ]
    );
    assert_eq!(clean_stale_temps(&path), 0);
    assert_eq!(clean_stale_temps(&d.path().join("missing/x.json")), 0);
}

// ---- reading state -------------------------------------------------------------------------

#[test]
fn state_round_trip_and_broken_state() {
    let d = dir();
    let path = store::state_path(&d.path().join("essays.json"));
    assert_eq!(path, d.path().join(".essays.json.state"));
    let mut state = store::ReadingState::default();
    state.positions.insert("on-walking".into(), 120);
    state.shown = vec!["on-walking".into(), "on-running".into()];
    store::save_state(&path, &state).unwrap();
    assert_eq!(store::load_state(&path), state);
    fs::write(&path, b"{ not json").unwrap();
    assert_eq!(store::load_state(&path), store::ReadingState::default());
    fs::write(&path, b"[]").unwrap();
    assert_eq!(store::load_state(&path), store::ReadingState::default());
}

// ---- duplicate ids -------------------------------------------------------------------------

/// SAMPLE with a second annotation whose id is `id`, and a link with id `link_id`.
fn with_twin(id: &str, link_id: &str) -> String {
    let mut file: Value = serde_json::from_str(SAMPLE).unwrap();
    let mut twin = file["annotations"][0].clone();
    twin["id"] = json!(id);
    twin["note"] = json!("the twin");
    file["annotations"].as_array_mut().unwrap().push(twin);
    file["links"] = json!([{
        "id": link_id,
        "from": "a-0000000000000001",
        "to": id,
        "relation": "supports",
        "created": "2026-11-27T19:40:00Z",
        "modified": "2026-11-27T19:40:00Z"
    }]);
    serde_json::to_string_pretty(&file).unwrap() + "\n"
}

#[test]
fn duplicate_annotation_ids_are_refused_naming_both_entries() {
    let d = dir();
    let path = d.path().join("essays.json");
    let text = with_twin("a-0000000000000001", "l-1");
    fs::write(&path, &text).unwrap();
    for e in [
        load(&path).unwrap_err(),
        store::load_disk(&path).unwrap_err(),
    ] {
        let message = e.to_string();
        // The second entry starts on line 31 of the pretty file; the first on line 12.
        assert_eq!(
            message,
            format!(
                "{}:31:5: annotations[0] (line 12) and annotations[1] (line 31) have the same \
                 id \"a-0000000000000001\"; give one of them a new id",
                path.display()
            )
        );
        assert!(matches!(e, StoreError::DuplicateId { .. }));
    }
    assert_eq!(text.lines().nth(11).unwrap(), "    {");
    assert_eq!(text.lines().nth(30).unwrap(), "    {");
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "left unchanged");
    // Opening refuses it too, before anything could be merged or deleted.
    let source = d.path().join("essays.txt");
    fs::write(&source, "On Walking\n\nWhat a fine day.\n").unwrap();
    let e = session::open(&[Origin::File(source)], Some(&path), d.path()).unwrap_err();
    assert!(e.to_string().contains("have the same id"), "{e}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn duplicate_link_ids_and_ids_shared_by_a_link_and_an_annotation_are_refused() {
    let d = dir();
    let path = d.path().join("essays.json");
    let mut file: Value = serde_json::from_str(&with_twin("a-2", "l-1")).unwrap();
    let link = file["links"][0].clone();
    file["links"].as_array_mut().unwrap().push(link);
    fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let message = load(&path).unwrap_err().to_string();
    assert!(
        message.contains("links[0] (line ") && message.contains("and links[1] (line "),
        "{message}"
    );
    fs::write(&path, with_twin("a-2", "a-2")).unwrap();
    let message = load(&path).unwrap_err().to_string();
    assert!(
        message.contains("annotations[1] (line 31) and links[0] (line "),
        "{message}"
    );
    // Distinct ids load.
    fs::write(&path, with_twin("a-2", "l-1")).unwrap();
    assert_eq!(load(&path).unwrap().unwrap().annotations.len(), 2);
}

// ---- opening a session: lock, read-only, names ---------------------------------------------

const PROSE: &str =
    "On Slow Rivers\n\nBy Nobody\n\nA river that takes its time carves the widest valley.\n";

/// A folder with the source file `name`.
fn source_in(name: &str) -> (tempfile::TempDir, PathBuf) {
    let d = dir();
    let source = d.path().join(name);
    if let Some(parent) = source.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&source, PROSE).unwrap();
    (d, source)
}

#[test]
fn opening_removes_stale_temporary_files_and_keeps_fresh_ones() {
    let (d, source) = source_in("rivers.txt");
    let folder = d.path().join("annotations");
    fs::create_dir(&folder).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    let make = |name: &str, aged: bool| {
        let f = fs::File::create(folder.join(name)).unwrap();
        if aged {
            f.set_modified(old).unwrap();
        }
    };
    make(".rivers.json.tmp-Ab12cD", true);
    make(".rivers.json.tmp-fresh9", false);
    make("..rivers.json.state.tmp-Xy34zW", true);
    let state = session::open(&[Origin::File(source)], None, d.path()).unwrap();
    assert!(state.sources()[0].read_only.is_none());
    assert_eq!(
        names(&folder),
        [".rivers.json.lock", ".rivers.json.tmp-fresh9"]
    );
}

#[test]
fn two_sources_with_the_same_stem_get_a_clear_error_naming_both() {
    let (d, first) = source_in("rivers.txt");
    let second = d.path().join("sub/rivers.txt");
    fs::create_dir(d.path().join("sub")).unwrap();
    fs::write(&second, PROSE).unwrap();
    let e = session::prepare(
        &[Origin::File(first.clone()), Origin::File(second.clone())],
        None,
        d.path(),
    )
    .unwrap_err();
    assert!(matches!(e, OpenError::SharedAnnotations { .. }), "{e:?}");
    let message = e.to_string();
    assert!(
        message.contains(&first.display().to_string())
            && message.contains(&second.display().to_string())
            && message.contains("annotations/rivers.json")
            && !message.contains("another marginalia"),
        "{message}"
    );
    assert!(!d.path().join("annotations").exists(), "nothing is created");
    // Given through --annotations as a folder, the same.
    fs::create_dir(d.path().join("notes")).unwrap();
    let e = session::prepare(
        &[Origin::File(first), Origin::File(second)],
        Some(&d.path().join("notes")),
        d.path(),
    )
    .unwrap_err();
    assert!(matches!(e, OpenError::SharedAnnotations { .. }), "{e:?}");
    assert!(e.to_string().contains("notes/rivers.json"), "{e}");
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_as_lock_file_opens_read_only_and_creates_nothing() {
    let (d, source) = source_in("rivers.txt");
    let folder = d.path().join("annotations");
    fs::create_dir(&folder).unwrap();
    std::os::unix::fs::symlink("../made-through-the-link", folder.join(".rivers.json.lock"))
        .unwrap();
    let state = session::open(&[Origin::File(source)], None, d.path()).unwrap();
    let why = state.sources()[0].read_only.clone().expect("read-only");
    assert!(
        why.contains("symbolic link") && why.contains(".rivers.json.lock"),
        "{why}"
    );
    assert!(!d.path().join("made-through-the-link").exists());
    session::save_positions(&state);
    assert!(!d.path().join("made-through-the-link").exists());
}

#[cfg(unix)]
#[test]
fn an_annotations_file_marked_read_only_opens_read_only_and_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let (d, source) = source_in("rivers.txt");
    let folder = d.path().join("annotations");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("rivers.json");
    let mut file = AnnotationFile::new("rivers.txt".into());
    file.annotations.push(annotation("a-0000000000000001"));
    save(&path, &file).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    let mut state = session::open(&[Origin::File(source)], None, d.path()).unwrap();
    let why = state.sources()[0].read_only.clone().expect("read-only");
    assert!(why.contains("marked read-only (mode 444)"), "{why}");
    // Even a save asked for directly is refused.
    let e = session::save(&mut state, SourceId(0)).unwrap_err();
    assert!(matches!(e, session::SaveError::ReadOnlyNow { .. }), "{e:?}");
    assert!(e.to_string().contains("marked read-only"), "{e}");
    assert!(state.sources()[0].read_only.is_some());
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn a_second_instance_after_the_folder_was_deleted_and_saved_again_is_read_only() {
    let (d, source) = source_in("rivers.txt");
    let origins = [Origin::File(source)];
    let mut first = session::open(&origins, None, d.path()).unwrap();
    let folder = d.path().join("annotations");
    fs::remove_dir_all(&folder).unwrap();
    // The first saves: the lock is taken anew before the file is written.
    session::save(&mut first, SourceId(0)).unwrap();
    assert!(folder.join("rivers.json").is_file());
    let second = session::open(&origins, None, d.path()).unwrap();
    assert_eq!(second.sources()[0].read_only.as_deref(), Some(store::HELD));
}

#[test]
fn an_instance_whose_folder_was_taken_over_meanwhile_turns_read_only() {
    let (d, source) = source_in("rivers.txt");
    let origins = [Origin::File(source)];
    let mut first = session::open(&origins, None, d.path()).unwrap();
    let folder = d.path().join("annotations");
    fs::remove_dir_all(&folder).unwrap();
    let second = session::open(&origins, None, d.path()).unwrap();
    assert!(second.sources()[0].read_only.is_none(), "no one holds it");
    let e = session::save(&mut first, SourceId(0)).unwrap_err();
    assert!(matches!(e, session::SaveError::ReadOnlyNow { .. }), "{e:?}");
    assert!(e.to_string().contains(store::HELD), "{e}");
    assert_eq!(first.sources()[0].read_only.as_deref(), Some(store::HELD));
    assert!(!folder.join("rivers.json").exists(), "nothing written");
}

#[test]
fn a_source_with_the_longest_name_opens_saves_and_keeps_its_place() {
    // 255 bytes: the longest file name; its stem with `.json` would be 258.
    let name = format!("{}.md", "r".repeat(252));
    let (d, source) = source_in(&name);
    // Plain text under a Markdown name: read as the text it is.
    let origins = [Origin::file(source, Some(marginalia::essay::Format::Text))];
    let mut state = session::open(&origins, None, d.path()).unwrap();
    assert!(
        state.sources()[0].read_only.is_none(),
        "{:?}",
        state.sources()[0].read_only
    );
    session::save(&mut state, SourceId(0)).unwrap();
    session::save(&mut state, SourceId(0)).unwrap();
    session::save_positions(&state);
    let folder = d.path().join("annotations");
    let files = names(&folder);
    assert_eq!(files.len(), 3, "annotations, lock, state: {files:?}");
    assert!(files.iter().all(|n| n.len() <= 255));
    assert!(files.iter().any(|n| n.ends_with(".state")), "{files:?}");
    assert!(store::load(&state.sources()[0].path).unwrap().is_some());
}

#[cfg(unix)]
#[test]
fn the_reading_positions_never_go_through_a_symlink_nor_onto_another_sources_file() {
    let (d, source) = source_in("rivers.txt");
    let folder = d.path().join("annotations");
    fs::create_dir(&folder).unwrap();
    let home = d.path().join("home");
    fs::create_dir(&home).unwrap();
    fs::write(home.join(".bashrc"), b"alias l=ls\n").unwrap();
    std::os::unix::fs::symlink("../home/.bashrc", folder.join(".rivers.json.state")).unwrap();
    let state = session::open(&[Origin::File(source.clone())], None, d.path()).unwrap();
    session::save_positions(&state);
    assert_eq!(fs::read(home.join(".bashrc")).unwrap(), b"alias l=ls\n");
    assert!(
        fs::symlink_metadata(folder.join(".rivers.json.state"))
            .unwrap()
            .is_symlink()
    );
    drop(state);

    // A source whose annotations file has the old state file's name: two sources, one
    // folder, neither file touched by the other's positions.
    fs::remove_file(folder.join(".rivers.json.state")).unwrap();
    let other = d.path().join(".rivers.state.txt");
    fs::write(&other, PROSE).unwrap();
    let origins = [Origin::File(source), Origin::File(other)];
    let mut state = session::open(&origins, None, d.path()).unwrap();
    session::save(&mut state, SourceId(1)).unwrap();
    let notes = folder.join(".rivers.state.json");
    let before = fs::read(&notes).unwrap();
    session::save_positions(&state);
    assert_eq!(fs::read(&notes).unwrap(), before);
    assert!(store::load(&notes).unwrap().is_some());
    assert!(folder.join(".rivers.json.state").is_file());
}

// ---- property: save -> load is identity ----------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z \"\\\\\n\t\u{0}\u{1b}é漢字😀\u{301}]{0,24}",
    ]
}

fn extra() -> impl Strategy<Value = Map<String, Value>> {
    let value = prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        text().prop_map(Value::from),
        Just(Value::Null),
        prop::collection::vec(any::<u32>(), 0..3).prop_map(Value::from),
    ];
    prop::collection::vec(("x_[a-z]{1,6}", value), 0..3)
        .prop_map(|pairs| pairs.into_iter().collect())
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..7_258_118_400, 0u32..1_000_000_000, any::<bool>()).prop_map(|(secs, nanos, whole)| {
        Utc.timestamp_opt(secs, if whole { 0 } else { nanos })
            .unwrap()
    })
}

fn arb_annotation() -> impl Strategy<Value = Annotation> {
    let anchor = (
        text(),
        text(),
        text(),
        any::<usize>(),
        any::<usize>(),
        text(),
        extra(),
    )
        .prop_map(
            |(quote, prefix, suffix, start, end, fingerprint, extra)| Anchor {
                quote,
                prefix,
                suffix,
                start,
                end,
                fingerprint,
                extra,
            },
        );
    (
        (
            text(),
            text(),
            anchor,
            prop::sample::select(Colour::ALL.to_vec()),
        ),
        (
            prop::option::of(text()),
            prop::collection::vec(text(), 0..4),
            time(),
            time(),
            extra(),
        ),
    )
        .prop_map(
            |((id, essay, anchor, colour), (note, tags, created, modified, extra))| Annotation {
                id: id.into(),
                essay,
                anchor,
                colour,
                note,
                tags,
                created,
                modified,
                extra,
            },
        )
}

fn arb_file() -> impl Strategy<Value = AnnotationFile> {
    let essay =
        (text(), text(), text(), extra()).prop_map(|(id, title, fingerprint, extra)| EssayRecord {
            id,
            title,
            fingerprint,
            extra,
        });
    (
        any::<u32>(),
        text(),
        prop::collection::vec(essay, 0..3),
        prop::collection::vec(arb_annotation(), 0..6),
        extra(),
    )
        .prop_map(|(version, source, essays, mut annotations, extra)| {
            // Ids are unique in a file (a file with twins is refused).
            for (i, a) in annotations.iter_mut().enumerate() {
                a.id = format!("{}#{i}", a.id).into();
            }
            AnnotationFile {
                version,
                source,
                essays,
                annotations,
                links: Vec::new(),
                extra,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn save_then_load_is_identity(file in arb_file()) {
        let d = dir();
        let path = d.path().join("essays.json");
        save(&path, &file).unwrap();
        let first = fs::read(&path).unwrap();
        let ends_well = first.ends_with(b"}\n");
        prop_assert!(ends_well);
        let loaded = load(&path).unwrap().unwrap();
        prop_assert_eq!(&loaded, &file);
        save(&path, &loaded).unwrap();
        prop_assert_eq!(fs::read(&path).unwrap(), first);
        prop_assert_eq!(names(d.path()), ["essays.json"]);
    }
}

/// Runs `f` on a thread and fails the test if it has not returned within five seconds:
/// an `open` waiting on a FIFO with no writer never returns.
fn within_5s<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(5))
        .unwrap_or_else(|_| panic!("{what} hangs on a FIFO"))
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(made.success());
}

#[test]
fn a_fifo_in_place_of_the_annotations_state_or_lock_file_is_refused_at_once() {
    let d = dir();
    let ann = d.path().join("essays.json");
    let state = store::state_path(&ann);
    let lock = store::lock_path(&ann);
    for path in [&ann, &state, &lock] {
        mkfifo(path);
    }
    let a = ann.clone();
    let loaded = within_5s("loading the annotations", move || load(&a).is_err());
    assert!(loaded, "a FIFO is not an annotations file");
    let a = ann.clone();
    let disk = within_5s("reading the file before a save", move || {
        store::load_disk(&a).is_err()
    });
    assert!(disk);
    let a = ann.clone();
    within_5s("loading the reading state", move || {
        store::load_state_of(&a)
    });
    let s = state.clone();
    let saved = within_5s("saving the reading state", move || {
        store::save_state(&s, &store::ReadingState::default()).is_err()
    });
    assert!(saved, "a FIFO in place of the state file is not replaced");
    let a = ann.clone();
    let locked = within_5s("taking the lock", move || store::acquire(&a).is_err());
    assert!(locked, "no lock on a FIFO");
    for path in [&ann, &state, &lock] {
        use std::os::unix::fs::FileTypeExt;
        let kind = fs::symlink_metadata(path).unwrap().file_type();
        assert!(kind.is_fifo(), "{} is still the FIFO", path.display());
    }
}
