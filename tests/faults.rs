//! Faults while the real binary runs in a pty: saves that fail and recover (a folder that
//! turns into a file, a full disk, a read-only folder), an annotations file that is a symlink, the terminal
//! going away, signals, and an idle app that must not busy-loop. Files that must not be
//! written: an annotations file marked read-only, a folder where no lock can be taken, a
//! state file that is a symlink, a lock lost when the folder was deleted.

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

/// The e2e fixture: two essays in the reference layout.
const ESSAYS: &str = include_str!("fixtures/e2e-essays.txt");
const FILE: &str = "ledgers.txt";
const ANNOTATIONS: &str = "annotations/ledgers.json";
const STATE: &str = "annotations/.ledgers.json.state";

/// Wide enough that a save error, with its absolute path, fits in the status line.
const COLS: u16 = 220;
const ROWS: u16 = 40;

fn workspace() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join(FILE), ESSAYS).expect("write fixture");
    dir
}

fn open(dir: &Path) -> PtyTester {
    let app = PtyTester::spawn(dir, &[FILE], COLS, ROWS);
    app.wait_for("The Orchard Ledger", TIMEOUT);
    app
}

/// Moves with `motion`, then highlights the sentence at the caret and waits for the count of
/// highlights in the notes pane to become `count`.
fn highlight(app: &PtyTester, motion: &str, count: usize) {
    app.type_slowly(motion);
    app.send("\r");
    app.wait_for(&format!("Notes ({count})"), TIMEOUT);
}

/// Waits until the status line says everything is saved (and not "NOT SAVED").
fn wait_saved(app: &PtyTester) {
    app.wait_until(TIMEOUT, "\"· saved\" in the status line", |_| {
        let line = app.status_line();
        line.contains("· saved") && !line.contains("NOT SAVED")
    });
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}\n{text}", path.display()))
}

fn count_annotations(path: &Path) -> usize {
    let file = read_json(path);
    file["annotations"]
        .as_array()
        .unwrap_or_else(|| panic!("no annotations array in {file:#}"))
        .len()
}

/// Highlights once (saved), breaks saving with `break_it`, highlights again (NOT SAVED, with
/// a message naming the file; the highlight kept in memory, the old file intact), mends it
/// with `mend`, highlights a third time (saved), and checks all three are on disk.
fn fail_and_recover(
    dir: &Path,
    annotations: &Path,
    break_it: impl FnOnce() -> PathBuf,
    mend: impl FnOnce(),
    reason: &str,
) {
    let mut app = open(dir);
    highlight(&app, "G", 1);
    wait_saved(&app);
    assert_eq!(count_annotations(annotations), 1);

    let old_file = break_it();
    let before = fs::read(&old_file).expect("the old file");
    highlight(&app, "g", 2);
    app.wait_for_status("NOT SAVED", TIMEOUT);
    app.wait_until(TIMEOUT, "a message naming the file", |_| {
        let line = app.status_line();
        line.contains("not saved: ") && line.contains("ledgers.json") && line.contains(reason)
    });
    // Nothing lost in memory: both highlights are listed; the old file is as it was.
    let screen = app.screen();
    assert!(screen.contains("Notes (2)"), "{screen}");
    assert_eq!(
        fs::read(&old_file).expect("the old file"),
        before,
        "the old file changed"
    );
    assert_eq!(count_annotations(&old_file), 1);

    mend();
    highlight(&app, "}", 3);
    wait_saved(&app);
    assert_eq!(
        count_annotations(annotations),
        3,
        "every highlight, the unsaved one included, is on disk after the next save"
    );
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 0, "{status:?}");
    assert_terminal_restored(&app.raw());
}

#[test]
fn a_save_that_fails_is_reported_and_the_next_one_saves_everything() {
    let dir = workspace();
    let folder = dir.path().join("annotations");
    let aside = dir.path().join("annotations.aside");
    let annotations = dir.path().join(ANNOTATIONS);
    // As root a read-only folder does not stop a write; a file where the folder was does.
    fail_and_recover(
        dir.path(),
        &annotations,
        || {
            fs::rename(&folder, &aside).unwrap();
            fs::write(&folder, b"a file where the folder was\n").unwrap();
            aside.join("ledgers.json")
        },
        || {
            fs::remove_file(&folder).unwrap();
            fs::rename(&aside, &folder).unwrap();
        },
        "Not a directory",
    );
}

/// Writes to `path` until the file system is full.
fn fill(path: &Path) {
    use std::io::Write;
    let mut file = fs::File::create(path).expect("create the filler");
    let block = [0u8; 4096];
    loop {
        match file.write_all(&block).and_then(|()| file.sync_all()) {
            Ok(()) => {}
            Err(e) if e.raw_os_error() == Some(28) => return,
            Err(e) => panic!("filling {}: {e}", path.display()),
        }
    }
}

#[test]
fn a_full_disk_is_reported_and_the_next_save_after_space_is_freed_saves_everything() {
    let dir = workspace();
    let folder = dir.path().join("annotations");
    let _mount = match Mount::tmpfs(&folder, "64k") {
        Ok(mount) => mount,
        Err(why) => {
            println!("SKIPPED: cannot mount a tmpfs here ({why}); no full-disk case");
            return;
        }
    };
    let filler = folder.join("filler");
    let annotations = dir.path().join(ANNOTATIONS);
    fail_and_recover(
        dir.path(),
        &annotations,
        || {
            fill(&filler);
            annotations.clone()
        },
        || fs::remove_file(&filler).unwrap(),
        "No space left",
    );
}

/// The annotations folder turns read-only while the app runs: without write permission,
/// or, where permissions do not stop a write (root), as a read-only mount over it.
#[cfg(unix)]
#[test]
fn a_read_only_folder_is_reported_and_the_next_save_after_it_is_writable_saves_everything() {
    use std::os::unix::fs::PermissionsExt;

    let dir = workspace();
    let folder = dir.path().join("annotations");
    let annotations = dir.path().join(ANNOTATIONS);
    if !permissions_are_ignored(dir.path()) {
        let mode = |m| fs::set_permissions(&folder, fs::Permissions::from_mode(m)).unwrap();
        fail_and_recover(
            dir.path(),
            &annotations,
            || {
                mode(0o555);
                annotations.clone()
            },
            || mode(0o755),
            "Permission denied",
        );
        return;
    }
    fs::create_dir(&folder).unwrap();
    let folder_arg = folder.to_str().expect("a UTF-8 temp path").to_owned();
    let read_only = || {
        mount(&["--bind", &folder_arg], &folder)
            .and_then(|()| mount(&["-o", "remount,bind,ro"], &folder))
    };
    let unmount = || {
        let out = Command::new("umount")
            .arg(&folder)
            .output()
            .expect("umount");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    if let Err(why) = read_only() {
        println!("SKIPPED: cannot bind-mount here ({why}); no read-only case");
        return;
    }
    unmount();
    // Unmounts the read-only bind should the test fail while it is there.
    let _mount = Mount(folder.clone());
    fail_and_recover(
        dir.path(),
        &annotations,
        || {
            read_only().expect("a read-only bind mount");
            annotations.clone()
        },
        unmount,
        "Read-only file system",
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_annotations_file_stays_a_link_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;

    let dir = workspace();
    let mut app = open(dir.path());
    highlight(&app, "G", 1);
    wait_saved(&app);
    app.send("q");
    app.wait_exit(TIMEOUT);

    // Move the file elsewhere, private, and leave a relative link in its place.
    let link = dir.path().join(ANNOTATIONS);
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    let target = elsewhere.join("kept.json");
    fs::rename(&link, &target).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
    let relative = Path::new("../elsewhere/kept.json");
    std::os::unix::fs::symlink(relative, &link).unwrap();

    let mut app = open(dir.path());
    app.wait_for("Notes (1)", TIMEOUT);
    highlight(&app, "g", 2);
    wait_saved(&app);
    app.send("q");
    app.wait_exit(TIMEOUT);

    let meta = fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(fs::read_link(&link).unwrap(), relative);
    assert_eq!(count_annotations(&target), 2, "the target was not updated");
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the target's mode changed to {mode:o}");
    let strays: Vec<_> = fs::read_dir(&elsewhere)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        // The lock sits next to the file itself: one lock per file, whatever path leads to it.
        .filter(|n| n != "kept.json" && n != ".kept.json.lock")
        .collect();
    assert!(
        strays.is_empty(),
        "left behind next to the target: {strays:?}"
    );
}

#[test]
fn when_the_terminal_goes_away_the_app_exits_at_once_and_keeps_its_annotations() {
    let dir = workspace();
    let mut app = open(dir.path());
    highlight(&app, "G", 1);
    wait_saved(&app);
    // Tab moves the focus, so the app draws and the reader lets go of the pty.
    app.hang_up("\t");
    let deadline = Instant::now() + Duration::from_secs(2);
    let status = loop {
        if let Some(status) = app.exited() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "marginalia still runs 2 s after its terminal went away (a busy loop on a dead terminal?)"
        );
        thread::sleep(Duration::from_millis(20));
    };
    assert_ne!(status.exit_code(), 0, "{status:?}");
    assert_eq!(count_annotations(&dir.path().join(ANNOTATIONS)), 1);
}

/// Sends `signal` (a name for `kill -<name>`, number `number`) to a running app with one
/// highlight and a moved caret; checks the exit code, the terminal, the annotations and the
/// saved reading position.
fn signal_ends_cleanly(signal: &str, number: u32) {
    let dir = workspace();
    let mut app = open(dir.path());
    highlight(&app, "G", 1);
    wait_saved(&app);
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
    assert_eq!(count_annotations(&dir.path().join(ANNOTATIONS)), 1);
    let state = dir.path().join(STATE);
    assert!(
        state.is_file(),
        "SIG{signal}: no reading positions at {}",
        state.display()
    );
    read_json(&state);
}

#[test]
fn sigterm_ends_cleanly() {
    signal_ends_cleanly("TERM", 15);
}

#[test]
fn sighup_ends_cleanly() {
    signal_ends_cleanly("HUP", 1);
}

#[test]
fn sigint_ends_cleanly() {
    signal_ends_cleanly("INT", 2);
}

#[test]
fn sigquit_ends_cleanly() {
    signal_ends_cleanly("QUIT", 3);
}

/// User plus system CPU time of process `pid`, in clock ticks (all its threads).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).expect("read /proc/<pid>/stat");
    // The command name may hold spaces; the fields after its closing parenthesis are fixed.
    let after = &stat[stat.rfind(')').expect("a command name") + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn an_idle_app_does_not_busy_loop() {
    let dir = workspace();
    let app = open(dir.path());
    wait_saved(&app);
    let pid = app.pid();
    let before = cpu_ticks(pid);
    thread::sleep(Duration::from_secs(3));
    let used = cpu_ticks(pid) - before;
    assert!(
        used < 5,
        "marginalia used {used} ticks of CPU in 3 s with nothing happening"
    );
}

/// Highlights at the caret of a read-only app holding `count` highlights and checks the
/// refusal names `why` and nothing was added.
fn refused(app: &PtyTester, count: usize, why: &str) {
    app.send("\r");
    app.wait_until(TIMEOUT, "the refusal in the status line", |_| {
        let line = app.status_line();
        line.contains("read-only") && line.contains(why)
    });
    let notes = format!("Notes ({count})");
    assert!(app.screen().contains(&notes), "{}", app.screen());
}

#[cfg(unix)]
#[test]
fn an_annotations_file_marked_read_only_is_respected() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace();
    let mut app = open(dir.path());
    highlight(&app, "G", 1);
    wait_saved(&app);
    app.send("q");
    app.wait_exit(TIMEOUT);
    let path = dir.path().join(ANNOTATIONS);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();

    let mut app = open(dir.path());
    app.wait_for("Notes (1)", TIMEOUT);
    app.wait_for("marked read-only (mode 444)", TIMEOUT);
    app.send("g");
    refused(&app, 1, "marked read-only");
    app.send("q");
    app.wait_exit(TIMEOUT);
    assert_eq!(fs::read(&path).unwrap(), before, "the file was replaced");
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

/// A folder where nothing can be created: no write permission, or (for root) a read-only
/// bind mount over it. `None` (and a note) when neither can be had here.
#[cfg(unix)]
fn read_only_folder(folder: &Path) -> Option<Option<Mount>> {
    use std::os::unix::fs::PermissionsExt;
    fs::create_dir_all(folder).unwrap();
    if !permissions_are_ignored(folder.parent().unwrap()) {
        fs::set_permissions(folder, fs::Permissions::from_mode(0o555)).unwrap();
        return Some(None);
    }
    let arg = folder.to_str().expect("a UTF-8 temp path").to_owned();
    match mount(&["--bind", &arg], folder) {
        Ok(()) => {}
        Err(why) => {
            println!("SKIPPED: cannot bind-mount here ({why}); no read-only case");
            return None;
        }
    }
    let guard = Mount(folder.to_path_buf());
    if let Err(why) = mount(&["-o", "remount,bind,ro"], folder) {
        println!("SKIPPED: cannot remount read-only here ({why}); no read-only case");
        return None;
    }
    Some(Some(guard))
}

#[cfg(unix)]
#[test]
fn a_folder_where_no_lock_can_be_taken_opens_read_only_and_says_why() {
    let dir = workspace();
    let folder = dir.path().join("annotations");
    let Some(_mount) = read_only_folder(&folder) else {
        return;
    };
    let mut app = open(dir.path());
    app.wait_for(".ledgers.json.lock", TIMEOUT);
    let line = app.status_line();
    assert!(
        line.contains("read-only (cannot make the lock file"),
        "{line}"
    );
    refused(&app, 0, "read-only");
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 0, "{status:?}");
    assert!(
        fs::read_dir(&folder).unwrap().next().is_none(),
        "wrote into it"
    );
}

#[test]
fn a_lock_lost_with_its_folder_is_taken_again_before_the_next_save() {
    let dir = workspace();
    let first = open(dir.path());
    highlight(&first, "G", 1);
    wait_saved(&first);
    fs::remove_dir_all(dir.path().join("annotations")).unwrap();
    highlight(&first, "g", 2);
    wait_saved(&first);
    assert_eq!(count_annotations(&dir.path().join(ANNOTATIONS)), 2);

    // A second instance finds the file locked again.
    let second = open(dir.path());
    second.wait_for("another marginalia has it open", TIMEOUT);
    refused(&second, 2, "another marginalia has it open");
    assert_eq!(count_annotations(&dir.path().join(ANNOTATIONS)), 2);
}

#[test]
fn an_instance_whose_lock_was_taken_while_its_folder_was_gone_saves_nothing() {
    let dir = workspace();
    let first = open(dir.path());
    highlight(&first, "G", 1);
    wait_saved(&first);
    fs::remove_dir_all(dir.path().join("annotations")).unwrap();
    let second = open(dir.path());
    highlight(&second, "}", 1);
    wait_saved(&second);
    let before = fs::read(dir.path().join(ANNOTATIONS)).unwrap();

    highlight(&first, "g", 2);
    first.wait_for_status("not saved: ", TIMEOUT);
    first.wait_for_status("another marginalia has it open; read-only now", TIMEOUT);
    assert_eq!(
        fs::read(dir.path().join(ANNOTATIONS)).unwrap(),
        before,
        "the first wrote over the second's file"
    );
}

#[test]
fn a_long_file_name_saves_annotations_and_positions() {
    let dir = TempDir::new().expect("temp dir");
    // Its annotations file's name, 255 bytes, is the longest a file system takes: the
    // temporary file's name would have been 267 bytes, the lock's 261.
    let name = format!("{}.txt", "l".repeat(250));
    fs::write(dir.path().join(&name), ESSAYS).expect("write fixture");
    let mut app = PtyTester::spawn(dir.path(), &[&name], COLS, ROWS);
    app.wait_for("The Orchard Ledger", TIMEOUT);
    let folder = dir.path().join("annotations");
    let annotations = folder.join(format!("{}.json", "l".repeat(250)));
    highlight(&app, "G", 1);
    // The name fills the status line: look at the disk instead.
    app.wait_until(TIMEOUT, "the highlight on disk", |_| {
        fs::read(&annotations).is_ok_and(|b| b.windows(7).any(|w| w == b"\"quote\""))
    });
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 0, "{status:?}");
    assert_eq!(count_annotations(&annotations), 1);
    let state = folder.join(format!(".{}.json.state", "l".repeat(250)));
    let names: Vec<_> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !state.exists() && names.iter().any(|n| n.ends_with(".state")),
        "no positions saved: {names:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_state_file_that_is_a_symlink_is_not_written_through() {
    let dir = workspace();
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    let bashrc = home.join(".bashrc");
    fs::write(&bashrc, b"alias ll='ls -l'\n").unwrap();
    fs::create_dir(dir.path().join("annotations")).unwrap();
    let state = dir.path().join(STATE);
    std::os::unix::fs::symlink("../home/.bashrc", &state).unwrap();
    let mut app = open(dir.path());
    app.type_slowly("G");
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 0, "{status:?}");
    assert_eq!(fs::read(&bashrc).unwrap(), b"alias ll='ls -l'\n");
    assert!(fs::symlink_metadata(&state).unwrap().is_symlink());
}

#[test]
fn two_files_with_the_same_stem_are_refused_naming_both() {
    let dir = workspace();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub").join(FILE), ESSAYS).unwrap();
    let out = Command::new(common::binary())
        .args([FILE, "sub/ledgers.txt"])
        .current_dir(dir.path())
        .output()
        .expect("run marginalia");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ledgers.txt and sub/ledgers.txt")
            && err.contains("annotations/ledgers.json")
            && !err.contains("another marginalia"),
        "{err}"
    );
    assert!(!dir.path().join("annotations").exists());
}

/// The state letter of process `pid` (`S` sleeping, `T` stopped, …) from /proc.
fn process_state(pid: u32) -> char {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).expect("read /proc/<pid>/stat");
    let after = &stat[stat.rfind(')').expect("a command name") + 2..];
    after.chars().next().expect("a state")
}

/// Suspends a running app with `stop` (Ctrl-z typed, or a signal sent), checks it gave the
/// terminal back and is stopped, continues it with SIGCONT and checks it takes the terminal
/// again, redraws the whole screen and acts on a key at once, without Enter.
#[cfg(target_os = "linux")]
fn suspend_and_continue(stop: impl Fn(&PtyTester)) {
    let dir = workspace();
    let mut app = open(dir.path());
    wait_saved(&app);
    let pid = app.pid();
    let mark = app.raw().len();
    stop(&app);
    let deadline = Instant::now() + TIMEOUT;
    while process_state(pid) != 'T' {
        assert!(
            Instant::now() < deadline,
            "not stopped: state {}",
            process_state(pid)
        );
        thread::sleep(Duration::from_millis(20));
    }
    // Everything written before it stopped has been read once it is stopped and the pty
    // is drained; poll for the restore rather than assume it.
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let raw = app.raw();
        let since = &raw[mark..];
        if common::rfind(since, b"\x1b[?1049l").is_some() {
            assert_terminal_restored(&raw);
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the alternate screen was not left on suspend; since: {:?}",
            String::from_utf8_lossy(since)
        );
        thread::sleep(Duration::from_millis(20));
    }
    // While stopped, the normal screen shows; the app's title is not drawn on it.
    app.wait_until(TIMEOUT, "the normal screen while stopped", |s| {
        !s.contains("The Orchard Ledger")
    });
    let resumed = app.raw().len();
    let cont = Command::new("kill")
        .args(["-CONT", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(cont.success());
    app.wait_for("The Orchard Ledger", TIMEOUT);
    let raw = app.raw();
    assert!(
        common::rfind(&raw[resumed..], b"\x1b[?1049h").is_some(),
        "the alternate screen was not entered again"
    );
    assert!(
        common::rfind(&raw[resumed..], b"\x1b[?1000h").is_some(),
        "mouse capture was not turned on again"
    );
    app.send("?");
    app.wait_for(" Keys ", TIMEOUT);
    app.send("\x1b");
    app.wait_until(TIMEOUT, "the help to close", |s| !s.contains(" Keys "));
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert!(
        status.signal().is_none() && status.exit_code() == 0,
        "expected exit code 0, got {status:?}"
    );
    assert_terminal_restored(&app.raw());
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_suspends_and_fg_redraws_and_takes_keys_at_once() {
    suspend_and_continue(|app| app.send("\x1a"));
}

#[cfg(target_os = "linux")]
#[test]
fn an_outside_sigtstp_suspends_the_same_way() {
    suspend_and_continue(|app| {
        let kill = Command::new("kill")
            .args(["-TSTP", &app.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(kill.success());
    });
}

/// Stopped by SIGSTOP (which cannot be caught, so nothing is given back), while a shell puts
/// the terminal back to cooked mode as job control does; on SIGCONT the app takes the
/// terminal again and a key acts without Enter.
#[cfg(target_os = "linux")]
#[test]
fn after_sigstop_and_a_shell_resetting_the_terminal_sigcont_takes_keys_at_once() {
    let dir = workspace();
    let mut app = open(dir.path());
    wait_saved(&app);
    let pid = app.pid().to_string();
    let signal = |name: &str| {
        let status = Command::new("kill")
            .args([name, &pid])
            .status()
            .expect("run kill");
        assert!(status.success());
    };
    signal("-STOP");
    let deadline = Instant::now() + TIMEOUT;
    while process_state(app.pid()) != 'T' {
        assert!(Instant::now() < deadline, "not stopped");
        thread::sleep(Duration::from_millis(20));
    }
    let tty = fs::read_link(format!("/proc/{pid}/fd/0")).expect("the app's terminal");
    let stty = Command::new("stty")
        .args(["-F", &tty.to_string_lossy(), "sane"])
        .status()
        .expect("run stty");
    assert!(stty.success(), "stty sane on {}", tty.display());
    signal("-CONT");
    app.send("?");
    app.wait_for(" Keys ", TIMEOUT);
    app.send("\x1b");
    app.wait_until(TIMEOUT, "the help to close", |s| !s.contains(" Keys "));
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert!(
        status.signal().is_none() && status.exit_code() == 0,
        "expected exit code 0, got {status:?}"
    );
    assert_terminal_restored(&app.raw());
}
