//! End-to-end tests: the real binary in a pseudo-terminal, typed at like a person would,
//! then the JSON on disk and the terminal state checked.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{PtyTester, TIMEOUT, assert_terminal_restored};
use serde_json::Value;
use tempfile::TempDir;

/// Our own two-essay fixture, in the reference layout.
const ESSAYS: &str = include_str!("fixtures/e2e-essays.txt");
/// The file name the fixture is written under in each test's folder.
const FILE: &str = "ledgers.txt";
/// Its annotations file, relative to the folder marginalia runs in.
const ANNOTATIONS: &str = "annotations/ledgers.json";

const COLS: u16 = 120;
const ROWS: u16 = 40;

/// A fresh folder holding the fixture essay file.
fn workspace() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join(FILE), ESSAYS).expect("write fixture");
    dir
}

/// Every sentence of the fixture's paragraphs (each paragraph is one line in the file).
fn fixture_sentences() -> Vec<String> {
    let mut out = Vec::new();
    for line in ESSAYS.lines() {
        let mut rest = line.trim();
        while let Some(i) = rest.find(". ") {
            out.push(rest[..=i].to_string());
            rest = rest[i + 2..].trim_start();
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}

/// Opens the fixture at 120×40 and waits for its first title.
fn open(dir: &Path) -> PtyTester {
    let app = PtyTester::spawn(dir, &[FILE], COLS, ROWS);
    app.wait_for("The Orchard Ledger", TIMEOUT);
    app
}

/// Goes to the end of the left essay, selects the sentence there and highlights it.
fn highlight_a_sentence(app: &PtyTester) {
    app.send("G");
    app.send("s");
    app.send("\r");
    app.wait_for("Notes (1)", TIMEOUT);
    app.wait_for_status("saved", TIMEOUT);
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}\n{text}", path.display()))
}

fn annotations_of(file: &Value) -> &Vec<Value> {
    file["annotations"]
        .as_array()
        .unwrap_or_else(|| panic!("no annotations array in {file:#}"))
}

/// Asserts the process ended as a normal exit with `code`.
fn assert_exit_code(status: &portable_pty::ExitStatus, code: u32) {
    assert!(
        status.signal().is_none() && status.exit_code() == code,
        "expected exit code {code}, got {status:?}"
    );
}

#[test]
fn highlight_and_note_are_saved_and_shown_again() {
    let dir = workspace();
    let mut app = open(dir.path());
    highlight_a_sentence(&app);

    app.send("a");
    app.send("my e2e note");
    app.wait_for("my e2e note", TIMEOUT);
    app.send("\x1b");
    // Wait for the editor to close before typing on: Esc followed at once by another key
    // would reach the app as one Alt-key sequence.
    app.wait_until(
        TIMEOUT,
        "the editor to close, the note in the notes pane",
        |screen| !screen.contains("keep the note") && screen.contains("my e2e note"),
    );
    app.wait_for_status("saved", TIMEOUT);
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert_exit_code(&status, 0);
    assert_terminal_restored(&app.raw());

    let file = read_json(&dir.path().join(ANNOTATIONS));
    assert_eq!(file["version"], 1, "{file:#}");
    let items = annotations_of(&file);
    assert_eq!(items.len(), 1, "{file:#}");
    let item = &items[0];
    assert_eq!(item["note"], "my e2e note", "{item:#}");
    assert_eq!(item["colour"], "yellow", "{item:#}");
    let quote = item["anchor"]["quote"].as_str().expect("a quote");
    assert!(
        fixture_sentences().iter().any(|s| s == quote),
        "quote {quote:?} is not a sentence of the fixture"
    );
    for key in ["created", "modified"] {
        let time = item[key].as_str().unwrap_or_else(|| panic!("no {key}"));
        chrono::DateTime::parse_from_rfc3339(time)
            .unwrap_or_else(|e| panic!("{key} {time:?} is not RFC 3339: {e}"));
    }

    let again = open(dir.path());
    again.wait_for("Notes (1)", TIMEOUT);
    again.wait_for("my e2e note", TIMEOUT);
}

/// The caret percentage of the left (or only) essay in the status line, e.g. 37 for "left 37%".
fn left_percent(status: &str) -> Option<u32> {
    ["left ", "essay "].iter().find_map(|label| {
        let at = status.find(label)? + label.len();
        let digits: String = status[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        status[at + digits.len()..]
            .starts_with('%')
            .then(|| digits.parse().ok())
            .flatten()
    })
}

#[test]
fn reading_position_is_restored() {
    let dir = workspace();
    let mut app = open(dir.path());
    app.wait_until(TIMEOUT, "a position in the status line", |_| {
        left_percent(&app.status_line()) == Some(0)
    });
    // One key at a time, each seen to move the caret, so no key is lost before quitting.
    let mut last = 0;
    // `}` (next paragraph) always moves the caret forward, unlike `j` over a blank line.
    for _ in 0..3 {
        app.send("}");
        app.wait_until(TIMEOUT, &format!("the caret to move past {last}%"), |_| {
            left_percent(&app.status_line()).is_some_and(|p| p > last)
        });
        last = left_percent(&app.status_line()).unwrap_or(0);
    }
    let before = last;
    assert!(before > 0, "status line: {}", app.status_line());
    app.send("q");
    assert_exit_code(&app.wait_exit(TIMEOUT), 0);

    let again = open(dir.path());
    again.wait_until(
        TIMEOUT,
        &format!("left {before}% in the status line"),
        |_| left_percent(&again.status_line()) == Some(before),
    );
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_annotation() {
    let dir = workspace();
    let mut app = open(dir.path());
    highlight_a_sentence(&app);
    let kill = Command::new("kill")
        .args(["-TERM", &app.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(kill.success());
    let status = app.wait_exit(TIMEOUT);
    assert!(
        status.signal().is_some() || status.exit_code() == 143,
        "expected exit 143 or death by signal, got {status:?}"
    );
    assert_terminal_restored(&app.raw());
    let file = read_json(&dir.path().join(ANNOTATIONS));
    assert_eq!(annotations_of(&file).len(), 1, "{file:#}");
}

#[test]
fn the_guide_opens_without_a_file() {
    let dir = TempDir::new().expect("temp dir");
    // The guide's annotations folder is per user: a temporary one, not the real one.
    let data = TempDir::new().expect("temp dir");
    let data_home = data.path().to_string_lossy().into_owned();
    let mut app = PtyTester::spawn_with_env(
        dir.path(),
        &[],
        &[("XDG_DATA_HOME", data_home.as_str())],
        COLS,
        ROWS,
    );
    app.wait_until(TIMEOUT, "both guide titles side by side", |screen| {
        screen.lines().any(|line| {
            matches!(
                (line.find("How to Read Slowly"), line.find("On Marking What Matters")),
                (Some(a), Some(b)) if a < b
            )
        })
    });
    app.send("?");
    app.wait_for("Keys", TIMEOUT);
    app.send("\x1b");
    app.wait_until(TIMEOUT, "the help to close", |s| !s.contains(" Keys "));
    app.send("q");
    assert_exit_code(&app.wait_exit(TIMEOUT), 0);
    assert_terminal_restored(&app.raw());
}

/// Runs the binary without a terminal (stdin null), killing it if it runs past the deadline.
fn run_plain(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(common::binary())
        .args(args)
        .current_dir(dir)
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn marginalia");
    let deadline = Instant::now() + TIMEOUT;
    while child.try_wait().expect("poll").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("collect output");
            panic!(
                "marginalia {args:?} did not exit within {TIMEOUT:?}; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("collect output")
}

/// Asserts a refusal: non-zero exit, nothing on stdout, one stderr line
/// `marginalia: …` that names `path`. Returns that line.
fn assert_refused(dir: &Path, args: &[&str], path: &str) -> String {
    let out = run_plain(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !out.status.success(),
        "{args:?} should fail; stderr: {stderr:?}"
    );
    assert!(
        out.stdout.is_empty(),
        "{args:?} wrote to stdout: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{args:?}: stderr should be one line: {stderr:?}"
    );
    assert!(
        lines[0].starts_with("marginalia: ") && lines[0].contains(path),
        "{args:?}: stderr should name {path:?}: {stderr:?}"
    );
    lines[0].to_string()
}

#[test]
fn a_missing_file_is_refused() {
    let dir = TempDir::new().expect("temp dir");
    assert_refused(dir.path(), &["no-such-essay.txt"], "no-such-essay.txt");
    assert!(!dir.path().join("annotations").exists());
}

#[test]
fn a_directory_is_refused() {
    let dir = TempDir::new().expect("temp dir");
    fs::create_dir(dir.path().join("shelf")).unwrap();
    assert_refused(dir.path(), &["shelf"], "shelf");
}

#[test]
fn a_binary_file_is_refused() {
    let dir = TempDir::new().expect("temp dir");
    let mut bytes = b"Title\n\nSome text\0\0\x01\x02 and more\n".to_vec();
    bytes.extend_from_slice(&[0u8; 64]);
    fs::write(dir.path().join("blob.bin"), bytes).unwrap();
    assert_refused(dir.path(), &["blob.bin"], "blob.bin");
}

#[test]
fn invalid_utf8_is_refused() {
    let dir = TempDir::new().expect("temp dir");
    fs::write(
        dir.path().join("latin1.txt"),
        b"Caf\xe9 Society\n\nA title in Latin-1, not UTF-8.\n",
    )
    .unwrap();
    assert_refused(dir.path(), &["latin1.txt"], "latin1.txt");
}

#[test]
fn an_empty_file_is_refused() {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join("empty.txt"), b"").unwrap();
    assert_refused(dir.path(), &["empty.txt"], "empty.txt");
}

#[test]
fn a_broken_annotations_file_is_refused_and_left_alone() {
    let dir = workspace();
    let path: PathBuf = dir.path().join(ANNOTATIONS);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let broken = b"{\n  \"version\": 1,\n  \"annotations\": [ oops ]\n}\n";
    fs::write(&path, broken).unwrap();

    let line = assert_refused(dir.path(), &[FILE], "ledgers.json");
    // The file name is followed by a line and a column, e.g. `ledgers.json:3:20`.
    let after = &line[line.find("ledgers.json").unwrap() + "ledgers.json".len()..];
    let mut parts = after.split(':');
    assert_eq!(
        parts.next(),
        Some(""),
        "no line:column after the file: {line:?}"
    );
    let numbers: Vec<_> = parts.take(2).map(|p| p.trim().parse::<u32>()).collect();
    assert!(
        numbers.len() == 2 && numbers.iter().all(Result::is_ok),
        "no line:column after the file: {line:?}"
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        broken,
        "the annotations file was changed"
    );
}

/// A link made in the real app survives quitting, and is followed after reopening.
#[test]
fn a_link_is_made_kept_and_followed_after_reopening() {
    let dir = workspace();
    let mut app = open(dir.path());
    // The left essay's first paragraph sentence, linked to the right essay's.
    app.send("}}}");
    app.send("l");
    app.wait_for_status("LINK", TIMEOUT);
    app.send("}}}");
    app.send("l");
    app.wait_for("The second passage", TIMEOUT);
    app.send("1");
    app.wait_for_status("NOTE", TIMEOUT);
    app.send("e2e link note");
    app.send("\x13"); // Ctrl-s keeps the note.
    app.wait_for_status("READ", TIMEOUT);
    app.wait_for_status("saved", TIMEOUT);
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert_exit_code(&status, 0);

    let file = read_json(&dir.path().join(ANNOTATIONS));
    let links = file["links"].as_array().expect("a links array");
    assert_eq!(links.len(), 1);
    assert_eq!(links[0]["relation"], "supports");
    assert_eq!(links[0]["note"], "e2e link note");
    assert_eq!(annotations_of(&file).len(), 2, "both ends are highlights");

    let app = open(dir.path());
    app.wait_for("⇄ supports", TIMEOUT);
    // From the notes pane, follow the first highlight's link: the partner is marked.
    app.send("\t\t");
    app.send("f");
    app.wait_for_status("followed the link", TIMEOUT);
}

/// A long file is drawn from its head while the rest is read. A fault found in the rest
/// gives the terminal back first, then says which file and where, and nothing is saved.
#[test]
fn a_fault_late_in_a_long_file_gives_the_terminal_back_then_says_where() {
    let mut text = String::new();
    for n in 0..600 {
        text.push_str(&format!(
            "Essay {n} on Rivers\n\nBy A. Writer\n\n{}\n\n\n",
            "Water keeps its own counsel and moves on. ".repeat(25)
        ));
    }
    let lines = text.matches('\n').count();
    for (fault, says) in [
        (
            &b"\xc3("[..],
            format!(
                "at byte offset {} (line {}, column 1)",
                text.len(),
                lines + 1
            ),
        ),
        (
            &b"\0"[..],
            format!("first NUL or control byte at byte offset {}", text.len()),
        ),
    ] {
        let dir = TempDir::new().expect("temp dir");
        let mut bytes = text.clone().into_bytes();
        bytes.extend_from_slice(fault);
        bytes.extend_from_slice(b" the end\n");
        fs::write(dir.path().join("long.txt"), &bytes).expect("write");
        let mut app = PtyTester::spawn(dir.path(), &["long.txt"], COLS, ROWS);
        assert_exit_code(&app.wait_exit(TIMEOUT), 1);
        let raw = app.raw();
        assert_terminal_restored(&raw);
        let leave = common::rfind(&raw, b"\x1b[?1049l").expect("left the alternate screen");
        let after = String::from_utf8_lossy(&raw[leave..]);
        assert!(
            after.contains("marginalia: long.txt") && after.contains(&says),
            "the error follows the restore and says where: {after:?}"
        );
        assert!(
            !dir.path().join("annotations/long.json").exists(),
            "nothing is saved for a file that cannot be read"
        );
    }
}

/// Item 10: keys still queued when the window shrinks (`j j j j a`, a paste of 3,000
/// characters, then 60x12 at once) must not make a draw index outside the smaller screen.
/// Whether a draw falls between the shrink and its resize event is a race, so the shrink is
/// repeated, each time with a paste queued.
#[test]
fn shrinking_the_window_with_keys_and_a_paste_queued_does_not_panic() {
    let dir = workspace();
    let mut app = open(dir.path());
    let paste: String = "a long pasted line of prose, ".repeat(110)[..3000].to_string();
    let mut note = String::new();
    // The exact sequence: keys, the paste and the shrink at once, nothing waited for.
    app.send("jjjja");
    for round in 0..4 {
        let more = if round == 0 {
            paste.clone()
        } else {
            format!(" more{round}")
        };
        note.push_str(&more);
        app.paste(&more);
        app.resize(60, 12);
        app.wait_until(TIMEOUT, "the note editor redrawn at 60x12", |screen| {
            screen.contains("Note on") && !screen.contains("Notes (") && screen.contains("prose")
        });
        assert!(
            app.exited().is_none(),
            "marginalia exited:\n{}",
            app.screen()
        );
        app.resize(COLS, ROWS);
        app.wait_until(TIMEOUT, "the note editor redrawn at 120x40", |screen| {
            screen.contains("Note on") && screen.contains("Notes (")
        });
    }
    app.send("\x13");
    app.wait_until(TIMEOUT, "the editor to close", |s| !s.contains("Note on"));
    app.wait_for_status("saved", TIMEOUT);
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert_exit_code(&status, 0);
    assert_terminal_restored(&app.raw());
    let file = read_json(&dir.path().join(ANNOTATIONS));
    let notes = annotations_of(&file);
    assert_eq!(notes.len(), 1, "{file:#}");
    assert_eq!(notes[0]["note"], note.as_str());
}

/// Every path under `dir`, relative, sorted (hidden files included).
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            out.push(path.strip_prefix(dir).unwrap().display().to_string());
            if path.is_dir() {
                todo.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Item 12: without a terminal (standard output a pipe, standard input /dev/null) the app
/// says so in one line, exits 2 and creates nothing: no annotations folder, lock or state.
#[test]
fn without_a_terminal_it_says_so_and_creates_nothing() {
    for args in [&[FILE][..], &[][..]] {
        let dir = workspace();
        let before = tree(dir.path());
        let out = run_plain(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{args:?}: stderr {stderr:?}");
        assert!(out.stdout.is_empty(), "{args:?} wrote to stdout");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{args:?}: one line: {stderr:?}");
        assert!(
            lines[0]
                .starts_with("marginalia: needs a terminal (standard output is not a terminal)")
                && lines[0].contains("marginalia export"),
            "{args:?}: {stderr:?}"
        );
        assert_eq!(tree(dir.path()), before, "{args:?} created files");
    }
}

/// Item 12: a file that cannot be read is still named first without a terminal, and
/// nothing is created then either.
#[test]
fn without_a_terminal_a_missing_file_is_named_and_nothing_created() {
    let dir = TempDir::new().expect("temp dir");
    let line = assert_refused(dir.path(), &["missing.txt"], "missing.txt");
    assert!(!line.contains("needs a terminal"), "{line}");
    assert!(tree(dir.path()).is_empty(), "{:?}", tree(dir.path()));
}

/// Item 12: `export` reads the annotations and creates no folder, lock or state file, with
/// or without an annotations file there.
#[test]
fn export_creates_nothing() {
    let dir = workspace();
    let out = run_plain(dir.path(), &["export", FILE, "--format", "markdown"]);
    assert!(
        out.status.success(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("The Orchard Ledger"));
    assert_eq!(tree(dir.path()), [FILE]);

    // With annotations made by the app: the export holds them and adds nothing beside them.
    let mut app = open(dir.path());
    highlight_a_sentence(&app);
    app.send("q");
    assert_exit_code(&app.wait_exit(TIMEOUT), 0);
    let state = "annotations/.ledgers.json.state";
    fs::remove_file(dir.path().join(state)).expect("the app kept its reading state");
    let before = tree(dir.path());
    let out = run_plain(dir.path(), &["export", FILE, "--format", "w3c"]);
    assert!(
        out.status.success(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("W3C JSON");
    assert!(json.to_string().contains("TextQuoteSelector"), "{json:#}");
    assert_eq!(tree(dir.path()), before);
    assert!(
        !dir.path().join(state).exists(),
        "export wrote a state file"
    );
}

/// Item 12: the built-in guide keeps its annotations under `$XDG_DATA_HOME/marginalia`, not
/// in the folder it was started from.
#[test]
fn the_guide_creates_nothing_in_the_current_folder() {
    let cwd = TempDir::new().expect("temp dir");
    let data = TempDir::new().expect("temp dir");
    let data_home = data.path().to_string_lossy().into_owned();
    let mut app = PtyTester::spawn_with_env(
        cwd.path(),
        &[],
        &[("XDG_DATA_HOME", data_home.as_str())],
        COLS,
        ROWS,
    );
    app.wait_for("How to Read Slowly", TIMEOUT);
    highlight_a_sentence(&app);
    app.send("q");
    assert_exit_code(&app.wait_exit(TIMEOUT), 0);
    assert!(tree(cwd.path()).is_empty(), "{:?}", tree(cwd.path()));
    let file = read_json(
        &data
            .path()
            .join("marginalia/annotations/marginalia-guide.json"),
    );
    assert_eq!(annotations_of(&file).len(), 1, "{file:#}");
}

/// A paste that arrives in the same burst as the key opening the editor is applied at once,
/// not held back until the next key (crossterm's default reader left the end of a long
/// paste unread when a key came first in the same read).
#[test]
fn a_paste_arriving_with_the_key_that_opens_the_editor_is_not_held_back() {
    let dir = workspace();
    let mut app = open(dir.path());
    let paste: String = "held back prose, ".repeat(200)[..3000].to_string();
    app.send("a");
    app.paste(&paste);
    app.wait_until(TIMEOUT, "the paste in the editor", |s| {
        s.contains("keep the note") && s.contains("held back prose")
    });
    app.send("\x13");
    app.wait_until(TIMEOUT, "the editor to close", |s| {
        !s.contains("keep the note")
    });
    app.wait_for_status("saved", TIMEOUT);
    app.send("q");
    assert_exit_code(&app.wait_exit(TIMEOUT), 0);
    let file = read_json(&dir.path().join(ANNOTATIONS));
    let notes = annotations_of(&file);
    assert_eq!(notes.len(), 1, "{file:#}");
    assert_eq!(notes[0]["note"], paste.as_str());
}

/// Item 12: with no per-user folder known (no `XDG_DATA_HOME`, no `HOME`), the guide says
/// its changes are not kept, and still creates nothing in the current folder.
#[test]
fn the_guide_without_a_data_folder_keeps_nothing_and_creates_nothing() {
    let cwd = TempDir::new().expect("temp dir");
    let mut app = PtyTester::spawn_with_env(
        cwd.path(),
        &[],
        &[("XDG_DATA_HOME", ""), ("HOME", "")],
        COLS,
        ROWS,
    );
    app.wait_for("How to Read Slowly", TIMEOUT);
    app.wait_for_status("read-only (guide: changes are not kept)", TIMEOUT);
    app.send("G");
    app.send("s");
    app.send("\r");
    app.send("q");
    assert_exit_code(&app.wait_exit(TIMEOUT), 0);
    assert!(tree(cwd.path()).is_empty(), "{:?}", tree(cwd.path()));
}

/// Issue 10, item 5: Backspace takes a whole grapheme: an emoji with its skin tone, a
/// letter with its combining accent. Typed in a real terminal, saved, read back.
#[test]
fn backspace_in_a_note_takes_a_whole_emoji_or_accented_letter() {
    let dir = workspace();
    let mut app = open(dir.path());
    highlight_a_sentence(&app);

    app.send("a");
    app.wait_for("keep the note", TIMEOUT);
    app.send("ok cafe\u{301}👍🏽");
    app.send("\x7f");
    app.send("\x7f");
    app.send("!");
    app.wait_for("ok caf!", TIMEOUT);
    app.send("\x1b");
    app.wait_until(TIMEOUT, "the editor to close", |screen| {
        !screen.contains("keep the note") && screen.contains("ok caf!")
    });
    app.wait_for_status("saved", TIMEOUT);
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert_exit_code(&status, 0);

    let file = read_json(&dir.path().join(ANNOTATIONS));
    let items = annotations_of(&file);
    assert_eq!(items.len(), 1, "{file:#}");
    assert_eq!(items[0]["note"], "ok caf!", "{file:#}");
}
