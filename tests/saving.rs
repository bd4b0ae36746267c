//! Saves off the key path, with the real binary in a pty and every save slowed down
//! (`MARGINALIA_TEST_SAVE_DELAY_MS`): keys are applied while a save is in flight, the status
//! line says `saved` only once the file is written, and quitting or a signal waits for the
//! save instead of asking or writing a recovery copy.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{PtyTester, TIMEOUT, assert_terminal_restored};
use serde_json::Value;
use tempfile::TempDir;

const ESSAYS: &str = include_str!("fixtures/e2e-essays.txt");
const FILE: &str = "ledgers.txt";
const ANNOTATIONS: &str = "annotations/ledgers.json";
/// Long enough that the keys below surely come while the save is in flight.
const DELAY_MS: &str = "3000";
/// The delay and room to spare.
const SLOW: Duration = Duration::from_secs(20);

fn open(dir: &Path) -> PtyTester {
    open_with(dir, &[])
}

fn open_with(dir: &Path, extra: &[(&str, &str)]) -> PtyTester {
    let state = dir.join("state");
    let mut env = vec![
        ("XDG_STATE_HOME", state.to_str().expect("UTF-8 temp path")),
        ("MARGINALIA_TEST_SAVE_DELAY_MS", DELAY_MS),
    ];
    env.extend_from_slice(extra);
    let app = PtyTester::spawn_with_env(dir, &[FILE], &env, 160, 40);
    app.wait_for("The Orchard Ledger", TIMEOUT);
    app
}

fn workspace() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join(FILE), ESSAYS).expect("write fixture");
    dir
}

fn annotations_on_disk(dir: &Path) -> usize {
    let path = dir.join(ANNOTATIONS);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text).expect("JSON");
    json["annotations"].as_array().map_or(0, Vec::len)
}

fn recovery_copies(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir.join("annotations"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().contains(".recovery-"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn keys_go_through_during_a_slow_save_and_quit_waits_for_it() {
    let ws = workspace();
    let mut app = open(ws.path());
    app.send("\r");
    app.wait_for("Notes (1)", TIMEOUT);
    app.wait_for_status("saving…", TIMEOUT);
    // The save is in flight: another highlight is applied and drawn all the same.
    app.type_slowly("G");
    app.send("\r");
    app.wait_for("Notes (2)", TIMEOUT);
    assert!(
        app.status_line().contains("saving…"),
        "the second key waited for the save: {}",
        app.status_line()
    );
    assert!(!ws.path().join(ANNOTATIONS).exists(), "saved too soon");
    // q waits for the save (no prompt), then quits.
    app.send("q");
    app.wait_for("quitting once saved", TIMEOUT);
    let status = app.wait_exit(SLOW);
    assert_eq!(status.exit_code(), 0, "{status:?}");
    assert_terminal_restored(&app.raw());
    assert!(!String::from_utf8_lossy(&app.raw()).contains("Quit? Not everything is saved"));
    assert_eq!(annotations_on_disk(ws.path()), 2);
    assert!(recovery_copies(ws.path()).is_empty());
}

#[test]
fn saved_shows_only_once_the_file_is_written() {
    let ws = workspace();
    let mut app = open(ws.path());
    app.send("\r");
    app.wait_for_status("saving…", TIMEOUT);
    app.wait_until(SLOW, "\"saved\" in the status line", |_| {
        let line = app.status_line();
        line.contains("saved") && !line.contains("saving")
    });
    // Said saved: it is on disk.
    assert_eq!(annotations_on_disk(ws.path()), 1);
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 0);
}

#[test]
fn sigterm_during_a_slow_save_finishes_the_save() {
    let ws = workspace();
    let mut app = open(ws.path());
    app.send("\r");
    app.wait_for_status("saving…", TIMEOUT);
    let kill = Command::new("kill")
        .args(["-TERM", &app.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(kill.success());
    let status = app.wait_exit(SLOW);
    assert_eq!(status.exit_code(), 128 + 15, "{status:?}");
    assert_terminal_restored(&app.raw());
    assert_eq!(annotations_on_disk(ws.path()), 1);
    assert!(
        recovery_copies(ws.path()).is_empty(),
        "the save was finished, not copied"
    );
}

#[test]
fn a_panic_during_a_slow_save_keeps_a_recovery_copy_of_the_newest_state() {
    let ws = workspace();
    let mut app = open_with(ws.path(), &[("MARGINALIA_TEST_PANIC_ON_F12", "1")]);
    app.send("\r");
    app.wait_for_status("saving…", TIMEOUT);
    // A change after the save's snapshot: the copy must hold it too.
    app.type_slowly("G");
    app.send("\r");
    app.wait_for("Notes (2)", TIMEOUT);
    app.send("\x1b[24~"); // F12
    assert_eq!(app.wait_exit(SLOW).exit_code(), 101);
    assert_terminal_restored(&app.raw());
    let copies = recovery_copies(ws.path());
    assert_eq!(copies.len(), 1, "{copies:?}");
    let json: Value =
        serde_json::from_str(&fs::read_to_string(&copies[0]).expect("read copy")).expect("JSON");
    assert_eq!(json["annotations"].as_array().map_or(0, Vec::len), 2);
}
