//! Quitting never loses anything, with the real binary in a pty: quitting while a change is
//! not saved asks (retry, write a recovery copy and quit, stay), and the next start offers
//! the copy back; a note being written survives signals, a closed terminal and a panic.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use common::mounts::{Mount, mount, permissions_are_ignored};
use common::{PtyTester, TIMEOUT, assert_terminal_restored};
use serde_json::Value;
use tempfile::TempDir;

const ESSAYS: &str = include_str!("fixtures/e2e-essays.txt");
const FILE: &str = "ledgers.txt";
const ANNOTATIONS: &str = "annotations/ledgers.json";

/// Wide enough for a save error with its absolute path.
const COLS: u16 = 220;
const ROWS: u16 = 40;

/// The title of the quit prompt.
const PROMPT: &str = "Quit? Not everything is saved";
/// The title of the offer of a kept file.
const OFFER: &str = "Kept from last time";

/// A folder with the fixture, and a state folder of its own for fallback copies.
struct Workspace {
    dir: TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = TempDir::new().expect("temp dir");
        fs::write(dir.path().join(FILE), ESSAYS).expect("write fixture");
        Workspace { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn state_home(&self) -> PathBuf {
        self.path().join("state")
    }

    fn annotations(&self) -> PathBuf {
        self.path().join(ANNOTATIONS)
    }

    /// Starts marginalia on the fixture, with `extra` environment variables.
    fn open_with(&self, extra: &[(&str, &Path)]) -> PtyTester {
        let state = self.state_home();
        let mut env: Vec<(&str, &Path)> = vec![("XDG_STATE_HOME", &state)];
        env.extend_from_slice(extra);
        let env: Vec<(&str, &str)> = env
            .iter()
            .map(|(k, v)| (*k, v.to_str().expect("a UTF-8 temp path")))
            .collect();
        let app = PtyTester::spawn_with_env(self.path(), &[FILE], &env, COLS, ROWS);
        app.wait_for("The Orchard Ledger", TIMEOUT);
        app
    }

    fn open(&self) -> PtyTester {
        self.open_with(&[])
    }

    /// The annotations folder replaced by a file: every save fails, and nothing can be
    /// written beside the annotations file. Returns where the folder went.
    fn block_folder(&self) -> PathBuf {
        let folder = self.path().join("annotations");
        let aside = self.path().join("annotations.aside");
        fs::rename(&folder, &aside).unwrap();
        fs::write(&folder, b"a file where the folder was\n").unwrap();
        aside
    }

    fn unblock_folder(&self) {
        let folder = self.path().join("annotations");
        fs::remove_file(&folder).unwrap();
        fs::rename(self.path().join("annotations.aside"), &folder).unwrap();
    }
}

/// Files in `dir` whose names start with `start`.
fn files_starting(dir: &Path, start: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(start))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}\n{text}", path.display()))
}

fn notes_in(path: &Path) -> Vec<Option<String>> {
    read_json(path)["annotations"]
        .as_array()
        .unwrap_or_else(|| panic!("no annotations in {}", path.display()))
        .iter()
        .map(|a| a["note"].as_str().map(str::to_string))
        .collect()
}

fn highlight(app: &PtyTester, motion: &str, count: usize) {
    app.type_slowly(motion);
    app.send("\r");
    app.wait_for(&format!("Notes ({count})"), TIMEOUT);
}

fn wait_saved(app: &PtyTester) {
    app.wait_until(TIMEOUT, "\"· saved\" in the status line", |_| {
        let line = app.status_line();
        line.contains("· saved") && !line.contains("NOT SAVED")
    });
}

fn still_runs(app: &mut PtyTester) {
    assert!(app.exited().is_none(), "marginalia quit:\n{}", app.screen());
}

fn raw_text(app: &PtyTester) -> String {
    String::from_utf8_lossy(&app.raw()).into_owned()
}

#[test]
fn quitting_while_not_saved_asks_and_the_recovery_copy_comes_back_next_time() {
    let ws = Workspace::new();
    let mut app = ws.open();
    highlight(&app, "G", 1);
    wait_saved(&app);
    // Bad JSON written on disk meanwhile: the save refuses to overwrite it.
    let broken = b"{ this is not JSON\n";
    fs::write(ws.annotations(), broken).unwrap();
    highlight(&app, "g", 2);
    app.wait_for_status("NOT SAVED", TIMEOUT);

    app.send("q");
    app.wait_for(PROMPT, TIMEOUT);
    app.wait_for("write a recovery copy and quit", TIMEOUT);
    app.send("\x1b");
    app.wait_until(TIMEOUT, "the prompt to close", |s| !s.contains(PROMPT));
    still_runs(&mut app);
    // Ctrl-c takes the road q takes.
    app.send("\x03");
    app.wait_for(PROMPT, TIMEOUT);
    still_runs(&mut app);
    app.send("w");
    let status = app.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 0, "{status:?}");
    assert_terminal_restored(&app.raw());
    assert!(
        raw_text(&app).contains("offered back on the next start"),
        "no word of the recovery copy on standard error"
    );

    // The broken file is as it was; the copy sits beside it with both highlights.
    assert_eq!(fs::read(ws.annotations()).unwrap(), broken);
    let copies = files_starting(&ws.path().join("annotations"), "ledgers.json.recovery-");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(notes_in(&copies[0]).len(), 2);
    assert!(raw_text(&app).contains(&copies[0].display().to_string()));

    // The reader removes the broken file; the next start offers the copy, m merges it in.
    fs::remove_file(ws.annotations()).unwrap();
    let mut app = ws.open();
    app.wait_for(OFFER, TIMEOUT);
    app.wait_for("2 of them new or different", TIMEOUT);
    app.send("m");
    app.wait_for("Notes (2)", TIMEOUT);
    app.wait_until(TIMEOUT, "the offer to close", |s| !s.contains(OFFER));
    wait_saved(&app);
    assert_eq!(notes_in(&ws.annotations()).len(), 2);
    assert!(!copies[0].exists(), "a copy merged in and saved is removed");
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 0);

    // Nothing is offered any more.
    let mut app = ws.open();
    app.wait_for("Notes (2)", TIMEOUT);
    assert!(!app.screen().contains(OFFER));
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 0);
}

#[test]
fn a_copy_that_cannot_go_beside_goes_to_the_state_folder_and_can_be_set_aside() {
    let ws = Workspace::new();
    let mut app = ws.open();
    highlight(&app, "G", 1);
    wait_saved(&app);
    ws.block_folder();
    highlight(&app, "g", 2);
    app.wait_for_status("NOT SAVED", TIMEOUT);
    app.send("q");
    app.wait_for(PROMPT, TIMEOUT);
    app.wait_for("Not a directory", TIMEOUT);
    app.send("w");
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 0);
    let fallback = ws.state_home().join("marginalia").join("recovery");
    let copies = files_starting(&fallback, "ledgers.json.");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(notes_in(&copies[0]).len(), 2);

    ws.unblock_folder();
    let mut app = ws.open();
    app.wait_for(OFFER, TIMEOUT);
    app.wait_for("Notes (1)", TIMEOUT);
    app.send("s");
    app.wait_for("set aside", TIMEOUT);
    assert!(!copies[0].exists());
    let aside = files_starting(&fallback, "ledgers.json.");
    assert_eq!(aside.len(), 1);
    assert!(
        aside[0].to_string_lossy().ends_with(".set-aside"),
        "{aside:?}"
    );
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 0);
    let app = ws.open();
    app.wait_for("Notes (1)", TIMEOUT);
    assert!(
        !app.screen().contains(OFFER),
        "a copy set aside is offered again"
    );
}

#[test]
fn retry_quits_once_the_save_works() {
    let ws = Workspace::new();
    let mut app = ws.open();
    highlight(&app, "G", 1);
    wait_saved(&app);
    ws.block_folder();
    highlight(&app, "g", 2);
    app.wait_for_status("NOT SAVED", TIMEOUT);
    app.send("q");
    app.wait_for(PROMPT, TIMEOUT);
    // Still failing: the prompt stays.
    let before = app.raw().len();
    app.send("r");
    app.wait_until(TIMEOUT, "a redraw", |_| app.raw().len() > before);
    app.wait_for(PROMPT, TIMEOUT);
    still_runs(&mut app);
    ws.unblock_folder();
    app.send("r");
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 0);
    assert_eq!(notes_in(&ws.annotations()).len(), 2);
}

/// Opens the note editor on a new passage (`existing`: on a saved highlight), types a note,
/// and leaves the editor open.
fn write_without_closing(app: &PtyTester, existing: bool, note: &str) {
    if existing {
        highlight(app, "G", 1);
        wait_saved(app);
    } else {
        app.type_slowly("G");
    }
    app.send("a");
    app.wait_for("keep the note", TIMEOUT);
    app.send(note);
    app.wait_for(note, TIMEOUT);
}

/// Sends `signal` while a note is being written: the exit code is 128 + signal, the
/// terminal is restored, and the note is on disk.
fn signal_keeps_the_note(signal: &str, number: u32, existing: bool) {
    let ws = Workspace::new();
    let mut app = ws.open();
    let note = format!("written before SIG{signal}");
    write_without_closing(&app, existing, &note);
    let kill = Command::new("kill")
        .args([&format!("-{signal}"), &app.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(kill.success());
    let status = app.wait_exit(TIMEOUT);
    assert!(
        status.signal().is_none() && status.exit_code() == 128 + number,
        "SIG{signal}: expected exit code {}, got {status:?}",
        128 + number
    );
    assert_terminal_restored(&app.raw());
    assert_eq!(notes_in(&ws.annotations()), vec![Some(note)]);
}

#[test]
fn sigterm_keeps_the_note_being_written() {
    signal_keeps_the_note("TERM", 15, false);
}

#[test]
fn sighup_keeps_the_note_being_written() {
    signal_keeps_the_note("HUP", 1, true);
}

#[test]
fn sigint_keeps_the_note_being_written() {
    signal_keeps_the_note("INT", 2, false);
}

#[test]
fn sigquit_keeps_the_note_being_written() {
    signal_keeps_the_note("QUIT", 3, true);
}

#[test]
fn a_signal_while_saves_fail_writes_a_recovery_copy_with_the_note() {
    let ws = Workspace::new();
    let mut app = ws.open();
    highlight(&app, "G", 1);
    wait_saved(&app);
    ws.block_folder();
    app.send("a");
    app.wait_for("keep the note", TIMEOUT);
    app.send("nowhere to save this");
    app.wait_for("nowhere to save this", TIMEOUT);
    let kill = Command::new("kill")
        .args(["-TERM", &app.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(kill.success());
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 128 + 15);
    assert_terminal_restored(&app.raw());
    let fallback = ws.state_home().join("marginalia").join("recovery");
    let copies = files_starting(&fallback, "ledgers.json.");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(
        notes_in(&copies[0]),
        vec![Some("nowhere to save this".to_string())]
    );

    ws.unblock_folder();
    let app = ws.open();
    app.wait_for(OFFER, TIMEOUT);
    app.send("m");
    app.wait_until(TIMEOUT, "the offer to close", |s| !s.contains(OFFER));
    wait_saved(&app);
    assert_eq!(
        notes_in(&ws.annotations()),
        vec![Some("nowhere to save this".to_string())]
    );
}

#[test]
fn a_closed_terminal_keeps_the_note_being_written() {
    let ws = Workspace::new();
    let mut app = ws.open();
    write_without_closing(&app, false, "written before the hang-up");
    // The key makes the app draw, so the reader lets go of the pty.
    app.hang_up("!");
    let deadline = Instant::now() + Duration::from_secs(2);
    while app.exited().is_none() {
        assert!(
            Instant::now() < deadline,
            "marginalia still runs 2 s after its terminal went away"
        );
        thread::sleep(Duration::from_millis(20));
    }
    let notes = notes_in(&ws.annotations());
    assert_eq!(notes.len(), 1, "{notes:?}");
    let note = notes[0].clone().unwrap_or_default();
    assert!(note.starts_with("written before the hang-up"), "{note:?}");
}

#[test]
fn a_panic_keeps_the_note_being_written_as_a_draft_offered_next_time() {
    let ws = Workspace::new();
    let armed = Path::new("1");
    let mut app = ws.open_with(&[("MARGINALIA_TEST_PANIC_ON_F12", armed)]);
    write_without_closing(&app, false, "a thought cut short");
    app.send("\x1b[24~"); // F12
    let status = app.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 101, "{status:?}");
    assert_terminal_restored(&app.raw());
    assert!(
        raw_text(&app).contains("the note being written: kept in"),
        "no word of the draft on standard error"
    );
    assert!(
        !ws.annotations().exists(),
        "nothing was saved before the panic"
    );
    let drafts = files_starting(&ws.path().join("annotations"), "ledgers.json.draft-");
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert_eq!(
        notes_in(&drafts[0]),
        vec![Some("a thought cut short".to_string())]
    );

    let app = ws.open();
    app.wait_for(OFFER, TIMEOUT);
    app.wait_for("A note you were writing", TIMEOUT);
    app.send("m");
    app.wait_for("Notes (1)", TIMEOUT);
    wait_saved(&app);
    assert_eq!(
        notes_in(&ws.annotations()),
        vec![Some("a thought cut short".to_string())]
    );
    assert!(!drafts[0].exists());
}

#[test]
fn a_panic_while_a_save_has_failed_keeps_a_recovery_copy() {
    let ws = Workspace::new();
    let armed = Path::new("1");
    let mut app = ws.open_with(&[("MARGINALIA_TEST_PANIC_ON_F12", armed)]);
    highlight(&app, "G", 1);
    wait_saved(&app);
    ws.block_folder();
    highlight(&app, "g", 2);
    app.wait_for_status("NOT SAVED", TIMEOUT);
    app.send("\x1b[24~"); // F12
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 101);
    assert_terminal_restored(&app.raw());
    assert!(raw_text(&app).contains("changes not saved: kept in"));
    let fallback = ws.state_home().join("marginalia").join("recovery");
    let copies = files_starting(&fallback, "ledgers.json.");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(notes_in(&copies[0]).len(), 2);

    ws.unblock_folder();
    let app = ws.open();
    app.wait_for(OFFER, TIMEOUT);
    app.send("m");
    app.wait_for("Notes (2)", TIMEOUT);
    wait_saved(&app);
    assert_eq!(notes_in(&ws.annotations()).len(), 2);
}

#[test]
fn a_recovery_copy_that_cannot_be_written_anywhere_is_said_and_the_app_stays() {
    let ws = Workspace::new();
    // Every place a copy could go is blocked: beside (the folder is a file), the state
    // folder and the temporary folder (files where folders should be).
    let blocked = ws.path().join("blocked");
    fs::write(&blocked, b"a file, not a folder").unwrap();
    let state = blocked.join("state");
    let tmp = blocked.join("tmp");
    let env: [(&str, &Path); 2] = [("XDG_STATE_HOME", &state), ("TMPDIR", &tmp)];
    let mut app = ws.open_with(&env);
    highlight(&app, "G", 1);
    wait_saved(&app);
    ws.block_folder();
    highlight(&app, "g", 2);
    app.wait_for_status("NOT SAVED", TIMEOUT);
    app.send("q");
    app.wait_for(PROMPT, TIMEOUT);
    app.send("w");
    app.wait_for("recovery copy not written", TIMEOUT);
    app.wait_for(PROMPT, TIMEOUT);
    still_runs(&mut app);
    // Once the folder is back, a retry saves everything and quits.
    ws.unblock_folder();
    app.send("r");
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 0);
    assert_eq!(notes_in(&ws.annotations()).len(), 2);
}

/// The annotations folder turns read-only (its mode, or for root a read-only bind mount):
/// `q` asks, and `w` writes the copy to the state folder.
#[cfg(unix)]
#[test]
fn in_a_read_only_folder_quitting_writes_the_copy_to_the_state_folder() {
    use std::os::unix::fs::PermissionsExt;

    let ws = Workspace::new();
    let folder = ws.path().join("annotations");
    let mut app = ws.open();
    highlight(&app, "G", 1);
    wait_saved(&app);
    let root = permissions_are_ignored(ws.path());
    let unmount = if root {
        let at = folder.to_str().expect("a UTF-8 temp path").to_owned();
        let bound = mount(&["--bind", &at], &folder)
            .and_then(|()| mount(&["-o", "remount,bind,ro"], &folder));
        if let Err(why) = bound {
            println!("SKIPPED: cannot bind-mount here ({why}); no read-only case");
            let _ = Command::new("umount").arg(&folder).status();
            return;
        }
        Some(Mount(folder.clone()))
    } else {
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
        None
    };
    highlight(&app, "g", 2);
    app.wait_for_status("NOT SAVED", TIMEOUT);
    app.send("q");
    app.wait_for(PROMPT, TIMEOUT);
    app.send("w");
    assert_eq!(app.wait_exit(TIMEOUT).exit_code(), 0);
    assert_terminal_restored(&app.raw());
    let fallback = ws.state_home().join("marginalia").join("recovery");
    let copies = files_starting(&fallback, "ledgers.json.");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(notes_in(&copies[0]).len(), 2);
    assert_eq!(
        notes_in(&ws.annotations()).len(),
        1,
        "the old file is intact"
    );
    drop(unmount);
    if !root {
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    }

    let app = ws.open();
    app.wait_for(OFFER, TIMEOUT);
    app.send("m");
    app.wait_for("Notes (2)", TIMEOUT);
    wait_saved(&app);
    assert_eq!(notes_in(&ws.annotations()).len(), 2);
}

/// A broken annotations file with a recovery copy beside it: the refusal names the copy,
/// so the changes kept last time do not seem lost.
#[test]
fn a_broken_file_refused_at_start_names_the_recovery_copy_beside_it() {
    let ws = Workspace::new();
    fs::create_dir_all(ws.path().join("annotations")).unwrap();
    fs::write(ws.annotations(), b"{ broken").unwrap();
    let kept = "annotations/ledgers.json.recovery-20261130T063333.435Z";
    fs::write(ws.path().join(kept), b"{}").unwrap();
    let out = Command::new(common::binary())
        .arg(FILE)
        .current_dir(ws.path())
        .env("XDG_STATE_HOME", ws.state_home())
        .output()
        .expect("run marginalia");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ledgers.json:1:3"), "{err}");
    assert!(err.contains(kept), "the copy is named: {err}");
    assert_eq!(fs::read(ws.annotations()).unwrap(), b"{ broken");
}
