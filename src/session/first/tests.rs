use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;
use crate::action::Action;
use crate::anchor::anchor_for;
use crate::essay::split;
use crate::range::TextRange;
use crate::session::{Origin, open};
use crate::store::Stamp;

fn when() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc)
}

/// Applies `actions` in turn, giving the effect of the last.
fn apply_all(
    state: &mut AppState,
    actions: impl IntoIterator<Item = Action>,
) -> crate::state::Effect {
    let mut last = crate::state::Effect::None;
    for action in actions {
        last = state.apply(action, Stamp::fresh());
    }
    last
}

/// Essays of our own prose, `n` of them.
fn text(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        out.push_str(&format!("Essay number {i}\n\nBy A Writer\n\n"));
        for p in 0..6 {
            out.push_str(&format!(
                "Paragraph {p} of essay {i} walks by the river, counts the stones and \
                 names the birds in the hedge before the rain.\n\n"
            ));
        }
        out.push('\n');
    }
    out
}

/// Writes the essays of `text` as `book.txt` in `dir`, and an annotations file of
/// `per_essay` highlights on each (with long notes, so that the file is read after the
/// first screen). Returns the text file's path and the number of annotations per essay.
fn files(dir: &Path, text: &str, per_essay: &[usize]) -> PathBuf {
    let path = dir.join("book.txt");
    std::fs::write(&path, text).unwrap();
    let essays = split(text, "book");
    let mut file = AnnotationFile::new("book.txt".into());
    let mut k = 0;
    for (e, &n) in essays.iter().zip(per_essay.iter().cycle()) {
        for j in 0..n {
            let start = (j * 7) % (e.len - 12);
            let range = TextRange::new(start, start + 10).unwrap();
            file.annotations.push(crate::annotation::Annotation {
                id: format!("a-{k}").into(),
                essay: e.id.clone(),
                anchor: anchor_for(e, range),
                colour: Default::default(),
                note: Some(format!("note {k} {}", "long ".repeat(600))),
                tags: Vec::new(),
                created: when(),
                modified: when(),
                extra: Default::default(),
            });
            k += 1;
        }
    }
    let notes =
        crate::session::annotations_path(&Origin::File(path.clone()), None, 1, dir).unwrap();
    crate::store::save(&notes, &file).unwrap();
    path
}

/// The first state and its rests, as `main` makes them.
fn first(path: &Path, dir: &Path) -> (AppState, Vec<Rest>) {
    let mut prepared = prepare_first(&[Origin::File(path.to_path_buf())], None, dir).unwrap();
    let split = split_first(&mut prepared).unwrap();
    assemble_first(prepared, split)
}

/// The state once every rest has landed.
fn landed(mut state: AppState, rests: Vec<Rest>) -> AppState {
    for rest in rests {
        let action = rest.land().unwrap();
        assert!(matches!(action, Action::Placed(_)));
        state.apply(action, Stamp::fresh());
    }
    state
}

/// What of a state a full open must equal: every source's file, items, links and why it
/// refuses changes, and whether anything is still placing.
fn sources_of(state: &AppState) -> Vec<String> {
    let mut out: Vec<String> = state
        .sources()
        .iter()
        .map(|s| format!("{:?} {:?} {:?} {:?}", s.disk, s.items, s.links, s.read_only))
        .collect();
    out.push(format!("{:?}", state.placing()));
    out
}

#[test]
fn the_first_state_holds_the_shown_essays_annotations_and_the_rest_makes_a_full_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = files(dir.path(), &text(5), &[60, 30, 45]);
    let (state, rests) = first(&path, dir.path());
    assert_eq!(rests.len(), 1);
    let shown: Vec<&str> = state
        .panes()
        .iter()
        .map(|p| state.docs()[p.essay].essay.id.as_str())
        .collect();
    assert_eq!(shown.len(), 2);
    let items = &state.sources()[0].items;
    // Exactly the annotations of the two essays shown, 60 and 30, none of the others.
    assert_eq!(items.len(), 90);
    assert!(
        items
            .iter()
            .all(|it| shown.contains(&it.annotation.essay.as_str()))
    );
    assert_eq!(state.placing(), Some(60 + 30 + 45 + 60 + 30));
    // The first state let go (its lock with it) before the full open.
    let got = sources_of(&landed(state, rests));
    let whole = open(&[Origin::File(path.clone())], None, dir.path()).unwrap();
    assert_eq!(got, sources_of(&whole));
}

#[test]
fn a_change_before_the_rest_lands_is_refused_and_none_saves_a_file_short_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = files(dir.path(), &text(4), &[50]);
    let (mut state, rests) = first(&path, dir.path());
    let before = state.sources()[0].items.clone();
    let effect = apply_all(&mut state, [Action::SelectSentence, Action::Highlight]);
    assert_eq!(effect, crate::state::Effect::None);
    assert_eq!(state.sources()[0].items, before);
    let message = state.message().unwrap_or_default().to_string();
    assert!(
        message.contains("still placing 200 annotations"),
        "{message}"
    );
    // Once in, a change is taken, and the file it saves holds every annotation.
    let mut state = landed(state, rests);
    let effect = apply_all(
        &mut state,
        [
            Action::Move(crate::action::Motion::Bottom),
            Action::SelectSentence,
            Action::Highlight,
        ],
    );
    assert_eq!(effect, crate::state::Effect::Save(SourceId(0)));
    assert_eq!(state.file_for_save(SourceId(0)).annotations.len(), 201);
}

#[test]
fn a_fault_in_an_annotation_off_the_first_screen_is_named_by_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = files(dir.path(), &text(4), &[50]);
    let notes = dir.path().join("annotations/book.json");
    let json = std::fs::read_to_string(&notes).unwrap();
    // The last annotation (of the last essay, not on the first screen) has no colour known.
    let at = json.rfind("\"colour\": \"yellow\"").unwrap();
    let broken = format!("{}\"colour\": \"mauve\"{}", &json[..at], &json[at + 18..]);
    std::fs::write(&notes, &broken).unwrap();
    let (state, rests) = first(&path, dir.path());
    assert_eq!(state.sources()[0].items.len(), 100);
    let error = rests
        .into_iter()
        .next()
        .unwrap()
        .run()
        .unwrap_err()
        .to_string();
    let full = open(&[Origin::File(path)], None, dir.path())
        .unwrap_err()
        .to_string();
    assert_eq!(error, full);
    assert!(error.contains("annotations[199].colour"), "{error}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), broken);
}

#[test]
fn a_broken_file_is_refused_first_and_a_newer_one_stays_read_only_once_landed() {
    let dir = tempfile::tempdir().unwrap();
    let path = files(dir.path(), &text(3), &[40]);
    let notes = dir.path().join("annotations/book.json");
    let json = std::fs::read_to_string(&notes).unwrap();
    std::fs::write(&notes, &json[..json.len() - 100]).unwrap();
    let origins = [Origin::File(path.clone())];
    let error = prepare_first(&origins, None, dir.path())
        .unwrap_err()
        .to_string();
    assert!(error.contains("annotations/book.json:"), "{error}");
    std::fs::write(&notes, json.replacen("\"version\": 1", "\"version\": 9", 1)).unwrap();
    let (state, rests) = first(&path, dir.path());
    let state = landed(state, rests);
    let why = state.sources()[0].read_only.clone().unwrap_or_default();
    assert!(why.contains("newer version"), "{why}");
    assert_eq!(state.sources()[0].items.len(), 120);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// Whatever the essays, their annotations and the essays shown last time, the first
    /// state and its rest make what a full open makes.
    #[test]
    fn first_then_rest_equals_a_full_open(
        essays in 1usize..6,
        per in proptest::collection::vec(0usize..40, 1..4),
        shown in proptest::collection::vec(0usize..6, 0..3),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let text = text(essays);
        let path = files(dir.path(), &text, &per);
        let ids: Vec<String> = split(&text, "book").into_iter().map(|e| e.id).collect();
        let reading = crate::store::ReadingState {
            shown: shown.iter().filter_map(|&i| ids.get(i).cloned()).collect(),
            ..Default::default()
        };
        let notes = dir.path().join("annotations/book.json");
        crate::store::save_state_of(&notes, &reading).unwrap();
        let (state, rests) = first(&path, dir.path());
        let got = sources_of(&landed(state, rests));
        let whole = open(&[Origin::File(path.clone())], None, dir.path()).unwrap();
        prop_assert_eq!(got, sources_of(&whole));
    }
}
