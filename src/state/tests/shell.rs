//! What the shell does and reports back: saving, exporting, quitting (and its prompt),
//! recovery copies, the kept files offered on start, suspending.

use std::path::PathBuf;

use crate::action::Action::*;
use crate::action::{OfferChoice, QuitChoice};
use crate::keymap::Context;
use crate::state::testkit::*;
use crate::state::{AppState, Effect, Mode, Offer, SaveState, SourceId};
use crate::store::recovery::Kept;
use crate::store::{AnnotationFile, DiskState, Saved as SavedFile};

const TEXT: &str = "One |here. Two there.";

/// The state after a highlight whose save is still under way.
fn saving() -> AppState {
    let mut s = state(TEXT);
    assert_eq!(apply(&mut s, Highlight), Effect::Save(SourceId(0)));
    s
}

fn saved_ok() -> SavedFile {
    SavedFile {
        disk: DiskState {
            hash: Some("abc".into()),
            file: AnnotationFile::new("fixture0.txt".into()),
        },
        merged: false,
    }
}

#[test]
fn a_save_reported_marks_the_source_saved_or_failed() {
    let mut s = saving();
    assert_eq!(s.sources[0].save, SaveState::Saving);
    assert_eq!(
        apply(&mut s, Saved(SourceId(0), Ok(saved_ok()))),
        Effect::None
    );
    assert_eq!(s.sources[0].save, SaveState::Saved);
    assert_eq!(s.sources[0].disk.hash.as_deref(), Some("abc"));
    let mut s = saving();
    apply(&mut s, Saved(SourceId(0), Err("disk full".into())));
    assert_eq!(message(&s), Some("not saved: disk full"));
    assert_eq!(s.sources[0].save, SaveState::Failed("disk full".into()));
    // A report for a source that does not exist changes nothing.
    table(vec![row(
        TEXT,
        [Saved(SourceId(7), Err("gone".into()))],
        TEXT,
        Effect::None,
        None,
    )]);
}

#[test]
fn the_shells_reports_of_a_waiting_quit_settings_and_a_file_taken_over_are_shown() {
    let mut s = saving();
    s.message = Some("an older message".into());
    assert_eq!(apply(&mut s, QuitPending), Effect::None);
    assert_eq!(s.message.as_deref(), Some("saving… quitting once saved"));
    // Settings saved: nothing to say, and the message before stays (a report).
    assert_eq!(apply(&mut s, SettingsSaved(Ok(()))), Effect::None);
    assert_eq!(s.message.as_deref(), Some("saving… quitting once saved"));
    apply(
        &mut s,
        SettingsSaved(Err("settings.json: disk full".into())),
    );
    assert_eq!(
        s.message.as_deref(),
        Some("settings not saved: settings.json: disk full")
    );
    assert_eq!(s.sources[0].read_only, None);
    apply(
        &mut s,
        TurnedReadOnly(
            crate::store::SourceId(0),
            "another marginalia holds it".into(),
        ),
    );
    assert_eq!(
        s.sources[0].read_only.as_deref(),
        Some("another marginalia holds it")
    );
    // A source that is not there is no panic.
    assert_eq!(
        apply(
            &mut s,
            TurnedReadOnly(crate::store::SourceId(9), "x".into())
        ),
        Effect::None
    );
}

#[test]
fn export_asks_the_shell_and_its_report_is_shown() {
    table(vec![
        row(TEXT, [Export], TEXT, Effect::Export(SourceId(0)), None),
        row(
            TEXT,
            [Exported(Ok(PathBuf::from("notes/fixture0.md")))],
            TEXT,
            Effect::None,
            Some("exported to notes/fixture0.md"),
        ),
        row(
            TEXT,
            [Exported(Err("no room".into()))],
            TEXT,
            Effect::None,
            Some("export failed: no room"),
        ),
    ]);
}

#[test]
fn export_from_the_notes_writes_the_file_of_the_selected_note() {
    let mut s = crate::state::testkit::state_of(&["|One here.", "{Two there.}"]);
    apply(&mut s, FocusPrev);
    assert_eq!(s.focus, crate::state::Focus::Notes);
    assert_eq!(notes(&s), ["> Two there."]);
    assert_eq!(apply(&mut s, Export), Effect::Export(SourceId(1)));
}

#[test]
fn quit_quits_when_saved_and_else_asks() {
    table(vec![
        row(TEXT, [Quit], TEXT, Effect::Quit, None),
        row(TEXT, [Suspend], TEXT, Effect::Suspend, None),
    ]);
    let mut s = saving();
    assert_eq!(apply(&mut s, Quit), Effect::None);
    assert_eq!(s.quit_prompt(), Some("fixture0.txt: a save is under way"));
    assert_eq!((s.context(), s.mode()), (Context::QuitPrompt, "QUIT?"));
    assert_eq!(
        apply(&mut s, QuitAnswer(QuitChoice::Retry)),
        Effect::RetrySaves
    );
    assert_eq!(
        apply(&mut s, QuitAnswer(QuitChoice::WriteRecovery)),
        Effect::WriteRecovery
    );
    assert_eq!(apply(&mut s, QuitAnswer(QuitChoice::Stay)), Effect::None);
    assert_eq!(
        message(&s),
        Some("not quit: the unsaved changes are kept in memory")
    );
    assert!(modes(&s).is_empty());
    // Esc never closes the prompt: it has keys of its own.
    let mut s = saving();
    apply_all(&mut s, [Quit, Back]);
    assert_eq!(modes(&s), [Mode::Quit]);
    // An answer with no prompt does nothing.
    table(vec![row(
        TEXT,
        [QuitAnswer(QuitChoice::Retry)],
        TEXT,
        Effect::None,
        None,
    )]);
}

#[test]
fn recovery_copies_written_quit_and_a_failure_stays() {
    let mut s = saving();
    apply(&mut s, Quit);
    let effect = apply(&mut s, RecoveryWritten(vec![Ok(PathBuf::from("r.json"))]));
    assert_eq!(effect, Effect::Quit);
    assert_eq!(s.rescue.written, [PathBuf::from("r.json")]);
    let mut s = saving();
    apply(&mut s, Quit);
    let effect = apply(
        &mut s,
        RecoveryWritten(vec![Err("read-only folder".into())]),
    );
    assert_eq!(effect, Effect::None);
    assert_eq!(
        message(&s),
        Some("recovery copy not written: read-only folder")
    );
    assert_eq!(
        s.quit_prompt(),
        Some("recovery copy not written: read-only folder")
    );
    assert_eq!(modes(&s), [Mode::Quit]);
}

fn offered(n: usize) -> AppState {
    let mut s = state(TEXT);
    let offers = (0..n)
        .map(|i| Offer {
            source: SourceId(0),
            path: PathBuf::from(format!("kept{i}.json")),
            kind: Kept::Recovery,
            file: AnnotationFile::new("fixture0.txt".into()),
        })
        .collect();
    s.offer_kept(offers, &[]);
    s
}

#[test]
fn kept_files_are_offered_one_by_one() {
    let mut s = offered(2);
    assert_eq!((s.context(), s.mode()), (Context::Offer, "KEPT"));
    assert_eq!(
        s.offer().map(|(o, n)| (o.path.clone(), n)),
        Some((PathBuf::from("kept0.json"), 2))
    );
    assert_eq!(apply(&mut s, OfferAnswer(OfferChoice::Later)), Effect::None);
    assert_eq!(message(&s), Some("offered again next time: kept0.json"));
    assert_eq!(
        s.offer().map(|(o, n)| (o.path.clone(), n)),
        Some((PathBuf::from("kept1.json"), 1))
    );
    assert_eq!(
        apply(&mut s, OfferAnswer(OfferChoice::SetAside)),
        Effect::SetAside(PathBuf::from("kept1.json"))
    );
    assert!(s.offer().is_none());
    let mut s = offered(1);
    assert_eq!(
        apply(&mut s, OfferAnswer(OfferChoice::Take)),
        Effect::TakeKept(SourceId(0), PathBuf::from("kept0.json"))
    );
    assert_eq!(s.sources[0].save, SaveState::Saving);
    // Esc does not dismiss an offer.
    let mut s = offered(1);
    apply(&mut s, Back);
    assert_eq!(modes(&s), [Mode::Offer]);
    // No offer: an answer does nothing.
    table(vec![row(
        TEXT,
        [OfferAnswer(OfferChoice::Take)],
        TEXT,
        Effect::None,
        None,
    )]);
}

#[test]
fn the_shell_reports_what_it_did_with_a_kept_file() {
    table(vec![
        row(
            TEXT,
            [KeptDone(Ok("taken in: kept0.json".into()))],
            TEXT,
            Effect::None,
            Some("taken in: kept0.json"),
        ),
        row(
            TEXT,
            [KeptDone(Err("kept0.json: cannot rename".into()))],
            TEXT,
            Effect::None,
            Some("kept0.json: cannot rename"),
        ),
    ]);
}

#[test]
fn a_message_goes_when_its_time_is_up_on_the_shells_tick() {
    use crate::store::Stamp;
    let at = |seconds| Stamp::new(now() + chrono::TimeDelta::seconds(seconds), 1);
    let mut s = state("{One |here.} Two there.");
    s.apply(CycleColour, at(0));
    assert_eq!(message(&s), Some("colour: green"));
    // Resizing, or a tick before its time, leaves it.
    s.apply(Resize(100, 30), at(1));
    s.apply(Tick, at(4));
    assert_eq!(message(&s), Some("colour: green"));
    s.apply(Tick, at(5));
    assert_eq!(message(&s), None);
    assert_eq!(s.message_until(), None);
    // Said again, the same message has its time again.
    s.apply(Undo, at(10));
    assert_eq!(message(&s), Some("undone"));
    s.apply(Redo, at(11));
    s.apply(Undo, at(12));
    s.apply(Tick, at(16));
    assert_eq!(message(&s), Some("undone"));
    s.apply(Tick, at(17));
    assert_eq!(message(&s), None);
    // A report that leaves a message standing does not renew it; a report's own message
    // stays longer.
    s.apply(CycleColour, at(20));
    s.apply(Saved(SourceId(0), Ok(saved_ok())), at(24));
    s.apply(Tick, at(25));
    assert_eq!(message(&s), None);
    s.apply(Exported(Err("disk full".into())), at(30));
    s.apply(Tick, at(40));
    assert_eq!(message(&s), Some("export failed: disk full"));
    s.apply(Tick, at(42));
    assert_eq!(message(&s), None);
    // The tick does nothing else.
    table(vec![row(TEXT, [Tick], TEXT, Effect::None, None)]);
}

#[test]
fn the_message_on_opening_waits_for_the_readers_first_action() {
    let mut s = state(TEXT);
    s.message = Some("2 annotation(s) moved or not found since last time: R to review".into());
    apply(&mut s, Tick);
    assert!(message(&s).is_some());
    assert_eq!(s.message_until(), None);
}
