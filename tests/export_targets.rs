//! Where an export may be written: never over an annotations file, an essay, a symlink or a
//! file marginalia did not write; a FIFO or a device as a stream; `-o -` to standard output.
//! The `export` subcommand is run as the real binary; `E` in the app through `app::step`.

use std::fs;
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use marginalia::action::Action;
use marginalia::anchor::anchor_for;
use marginalia::annotation::{Annotation, Colour};
use marginalia::app;
use marginalia::essay;
use marginalia::export;
use marginalia::range::TextRange;
use marginalia::session::{self, Origin};
use marginalia::state::AppState;
use marginalia::store::{self, AnnotationFile};

const ESSAY: &str = "A Title\n\nFirst paragraph with a phrase worth keeping.\n\nSecond one.\n";

/// Writes `name` in `dir` with one highlight and note saved in `annotations` (default path
/// when `None`); returns the essay's path and the annotations file's path.
fn essay_with_note(dir: &Path, name: &str, annotations: Option<&Path>) -> (PathBuf, PathBuf) {
    let path = dir.join(name);
    fs::write(&path, ESSAY).unwrap();
    let essays = essay::load_file(&path).unwrap();
    let e = &essays[0];
    let start = e.text().find("a phrase").unwrap();
    let range = TextRange::new(start, start + "a phrase worth keeping".len()).unwrap();
    let mut file = AnnotationFile::new(name.into());
    let now = store::now();
    file.annotations.push(Annotation {
        id: "a-0000000000000001".into(),
        essay: e.id.clone(),
        anchor: anchor_for(e, range),
        colour: Colour::Green,
        note: Some("Worth it.".into()),
        tags: vec![],
        created: now,
        modified: now,
        extra: Default::default(),
    });
    let ann = annotations.map_or_else(|| store::default_path(dir, &path), Path::to_path_buf);
    store::save(&ann, &file).unwrap();
    (path, ann)
}

/// Runs `marginalia export <essay> args…` in `dir`.
fn export(dir: &Path, essay: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .current_dir(dir)
        .arg("export")
        .arg(essay)
        .args(args)
        .output()
        .expect("run marginalia export")
}

/// Asserts the export failed with one line on stderr naming `named` and saying `why`.
fn assert_refused(out: &Output, named: &str, why: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("marginalia: "), "{stderr}");
    assert!(stderr.contains(named), "names {named}: {stderr}");
    assert!(stderr.contains(why), "says {why}: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout");
}

#[test]
fn the_annotations_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, ann) = essay_with_note(dir.path(), "essays.txt", None);
    let before = fs::read(&ann).unwrap();
    for format in ["markdown", "w3c"] {
        let out = export(
            dir.path(),
            &essay,
            &["--format", format, "-o", "annotations/essays.json"],
        );
        assert_refused(&out, "annotations/essays.json", "the annotations file");
        assert_eq!(fs::read(&ann).unwrap(), before, "byte for byte");
    }
    // The same file by another name, and its lock and state files.
    let out = export(
        dir.path(),
        &essay,
        &["-o", "annotations/../annotations/essays.json"],
    );
    assert_refused(&out, "essays.json", "the annotations file");
    let out = export(dir.path(), &essay, &["-o", "annotations/.essays.json.lock"]);
    assert_refused(&out, ".essays.json.lock", "lock file");
    assert_eq!(fs::read(&ann).unwrap(), before);

    // `--annotations notes.md`: the export cannot be written over it either.
    let (essay2, notes) =
        essay_with_note(dir.path(), "other.txt", Some(&dir.path().join("notes.md")));
    let before = fs::read(&notes).unwrap();
    let out = export(
        dir.path(),
        &essay2,
        &["--annotations", "notes.md", "-o", "notes.md"],
    );
    assert_refused(&out, "notes.md", "the annotations file");
    assert_eq!(fs::read(&notes).unwrap(), before);
}

#[test]
fn an_annotations_file_not_written_yet_is_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    let essay = dir.path().join("fresh.txt");
    fs::write(&essay, ESSAY).unwrap();
    let out = export(
        dir.path(),
        &essay,
        &["--annotations", "new.json", "-o", "./new.json"],
    );
    assert_refused(&out, "new.json", "the annotations file");
    assert!(!dir.path().join("new.json").exists(), "nothing created");
}

#[test]
fn a_missing_folder_is_not_made_for_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    let out = export(dir.path(), &essay, &["-o", "nodir/notes.md"]);
    assert_refused(&out, "nodir/notes.md", "does not exist");
    assert!(!dir.path().join("nodir").exists(), "a folder was made");
}

#[test]
fn the_essay_being_read_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    let out = export(dir.path(), &essay, &["-o", "essays.txt"]);
    assert_refused(&out, "essays.txt", "an essay file");
    assert_eq!(fs::read_to_string(&essay).unwrap(), ESSAY);
    // A hard link to it is the same file.
    fs::hard_link(&essay, dir.path().join("alias.txt")).unwrap();
    let out = export(dir.path(), &essay, &["--format", "w3c", "-o", "alias.txt"]);
    assert_refused(&out, "alias.txt", "an essay file");
    assert_eq!(fs::read_to_string(&essay).unwrap(), ESSAY);
}

#[test]
fn a_symlink_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    let outside = dir.path().join("outside.txt");
    fs::write(&outside, "someone else's file\n").unwrap();
    let link = dir.path().join("link.md");
    symlink(&outside, &link).unwrap();
    let out = export(dir.path(), &essay, &["-o", "link.md"]);
    assert_refused(&out, "link.md", "symbolic link");
    assert_eq!(
        fs::read_to_string(&outside).unwrap(),
        "someone else's file\n"
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // A dangling link: nothing is created where it points.
    let dangling = dir.path().join("dangling.md");
    symlink(dir.path().join("nowhere.md"), &dangling).unwrap();
    let out = export(dir.path(), &essay, &["-o", "dangling.md"]);
    assert_refused(&out, "dangling.md", "symbolic link");
    assert!(!dir.path().join("nowhere.md").exists());
}

#[test]
fn a_file_marginalia_did_not_write_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    let mine = dir.path().join("my notes.md");
    fs::write(&mine, "# My own notes\n").unwrap();
    for format in ["markdown", "w3c"] {
        let out = export(
            dir.path(),
            &essay,
            &["--format", format, "-o", "my notes.md"],
        );
        assert_refused(&out, "my notes.md", "not a marginalia export");
        assert_eq!(fs::read_to_string(&mine).unwrap(), "# My own notes\n");
    }
    fs::create_dir(dir.path().join("folder")).unwrap();
    let out = export(dir.path(), &essay, &["-o", "folder"]);
    assert_refused(&out, "folder", "a folder");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(names.is_empty(), "no temporary file left: {names:?}");
}

#[test]
fn a_previous_export_is_replaced_atomically_in_either_format() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    let out_path = dir.path().join("out.txt");
    let out = export(dir.path(), &essay, &["-o", "out.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = fs::read_to_string(&out_path).unwrap();
    assert!(md.starts_with(export::MARKDOWN_MARKER), "{md}");
    assert!(md.contains("Worth it."), "{md}");
    // Markdown replaced by W3C, W3C by W3C, and back to Markdown.
    for format in ["w3c", "w3c", "markdown"] {
        let out = export(dir.path(), &essay, &["--format", format, "-o", "out.txt"]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = fs::read_to_string(&out_path).unwrap();
        if format == "w3c" {
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(json["generator"]["name"], "marginalia");
            assert_eq!(json["total"], 1);
        } else {
            assert_eq!(text, md);
        }
    }
}

#[test]
fn a_fifo_is_written_as_a_stream_and_stays_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || tx.send(fs::read_to_string(fifo)));
    }
    let out = export(dir.path(), &essay, &["-o", "pipe"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Checked first: had the FIFO been replaced, its reader would wait forever.
    assert!(
        fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO was replaced"
    );
    let got = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the reader got the export")
        .unwrap();
    assert!(got.starts_with(export::MARKDOWN_MARKER), "{got}");
    assert!(
        got.contains("> a phrase worth keeping\n\nWorth it."),
        "{got}"
    );
}

#[test]
fn a_character_device_is_written_as_a_stream() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    // As root, a null device of the test's own (a regression would replace /dev/null for the
    // whole machine); otherwise /dev/null itself, whose folder an ordinary user cannot change.
    let private = dir.path().join("null");
    let made = Command::new("mknod")
        .arg(&private)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let device = if made {
        private
    } else {
        PathBuf::from("/dev/null")
    };
    let out = export(dir.path(), &essay, &["-o", device.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = fs::symlink_metadata(&device).unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "{} is still a device",
        device.display()
    );
}

#[test]
fn dash_means_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    let out = export(dir.path(), &essay, &["-o", "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with(export::MARKDOWN_MARKER), "{md}");
    assert!(md.contains("Worth it."), "{md}");
    assert!(!dir.path().join("-").exists(), "no file named -");
}

// ---------------------------------------------------------------- `E` in the app

/// The app's state for `essay` (with `annotations` if given), as the binary builds it.
fn app_state(dir: &Path, essay: &Path, annotations: Option<&Path>) -> AppState {
    let mut state =
        session::open(&[Origin::File(essay.to_path_buf())], annotations, dir).expect("open");
    state.set_up(marginalia::state::SetUp {
        essay_files: vec![essay.to_path_buf()],
        ..Default::default()
    });
    state.apply(Action::Resize(120, 40), store::Stamp::fresh());
    state
}

/// Presses `E` and returns the status-line message.
fn press_export(state: &mut AppState) -> String {
    assert!(app::step(state, Action::Export), "the app keeps running");
    state.message().expect("a message").to_string()
}

#[test]
fn e_refuses_a_symlink_in_the_annotations_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    let outside = dir.path().join("outside.txt");
    fs::write(&outside, "keep me\n").unwrap();
    let link = dir.path().join("annotations/essays.md");
    symlink(&outside, &link).unwrap();
    let mut state = app_state(dir.path(), &essay, None);
    let message = press_export(&mut state);
    assert!(message.contains("essays.md"), "{message}");
    assert!(message.contains("symbolic link"), "{message}");
    assert_eq!(fs::read_to_string(&outside).unwrap(), "keep me\n");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn e_never_writes_over_an_annotations_file_named_md() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", Some(&notes));
    let before = fs::read(&notes).unwrap();
    let mut state = app_state(dir.path(), &essay, Some(&notes));
    let message = press_export(&mut state);
    assert!(message.contains("exported to"), "{message}");
    assert!(message.contains("notes.export.md"), "{message}");
    assert_eq!(
        fs::read(&notes).unwrap(),
        before,
        "annotations byte for byte"
    );
    let md = fs::read_to_string(dir.path().join("notes.export.md")).unwrap();
    assert!(md.contains("Worth it."), "{md}");
    // Pressed again, the previous export is replaced.
    let message = press_export(&mut state);
    assert!(message.contains("exported to"), "{message}");
}

#[test]
fn e_never_writes_over_the_essay_or_a_foreign_file() {
    let dir = tempfile::tempdir().unwrap();
    // The essay is `essays.md` and the annotations `essays.json` beside it: the export
    // path `essays.md` is the essay itself.
    let ann = dir.path().join("essays.json");
    let (essay, _) = essay_with_note(dir.path(), "essays.md", Some(&ann));
    let mut state = app_state(dir.path(), &essay, Some(&ann));
    let message = press_export(&mut state);
    assert!(message.contains("an essay file"), "{message}");
    assert_eq!(fs::read_to_string(&essay).unwrap(), ESSAY);

    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    let foreign = dir.path().join("annotations/essays.md");
    fs::write(&foreign, "hand-written\n").unwrap();
    let mut state = app_state(dir.path(), &essay, None);
    let message = press_export(&mut state);
    assert!(message.contains("not a marginalia export"), "{message}");
    assert_eq!(fs::read_to_string(&foreign).unwrap(), "hand-written\n");
}

#[test]
fn e_to_a_fifo_without_a_reader_says_so_and_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let (essay, _) = essay_with_note(dir.path(), "essays.txt", None);
    let fifo = dir.path().join("annotations/essays.md");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut state = app_state(dir.path(), &essay, None);
    let message = press_export(&mut state);
    assert!(message.contains("no program is reading"), "{message}");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn standard_output_redirected_onto_a_file_in_play_is_refused() {
    // `marginalia export essays.txt >> annotations/essays.json`: the shell opens the file,
    // the export must not append to it.
    let dir = tempfile::tempdir().unwrap();
    let (essay, ann) = essay_with_note(dir.path(), "essays.txt", None);
    for (target, what) in [(&ann, "the annotations file"), (&essay, "an essay file")] {
        let before = fs::read(target).unwrap();
        for args in [&["-o", "-"][..], &[]] {
            let out = Command::new(env!("CARGO_BIN_EXE_marginalia"))
                .current_dir(dir.path())
                .arg("export")
                .arg(&essay)
                .args(args)
                .stdout(fs::OpenOptions::new().append(true).open(target).unwrap())
                .output()
                .expect("run marginalia export");
            assert_refused(&out, "standard output", what);
            assert_eq!(fs::read(target).unwrap(), before, "{}", target.display());
        }
    }
}

#[test]
fn an_export_with_a_long_name_is_written_by_the_cli_and_by_e() {
    // 250 bytes of name, as the file system allows: the export's temporary file must not
    // pass 255 bytes (`.<name>.tmp-XXXXXX`).
    let dir = tempfile::tempdir().unwrap();
    let stem = format!("{}a", "é".repeat(122));
    let name = format!("{stem}.txt");
    assert!(name.len() <= 255);
    let (essay, ann) = essay_with_note(dir.path(), &name, None);
    let target = format!("{stem}.md");
    assert!(target.len() > 255 - ".".len() - ".tmp-XXXXXX".len());
    let out = export(dir.path(), &essay, &["-o", &target]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fs::read_to_string(dir.path().join(&target))
            .unwrap()
            .contains("Worth it.")
    );
    let mut state = app_state(dir.path(), &essay, None);
    let message = press_export(&mut state);
    assert!(message.starts_with("exported to"), "{message}");
    let md = export::app_export_path(&ann);
    assert!(
        fs::read_to_string(&md).unwrap().contains("Worth it."),
        "{}",
        md.display()
    );
}

#[test]
fn dev_stdout_is_standard_output_even_when_redirected_to_a_file() {
    // `marginalia export essays.txt -o /dev/stdout > out.md`: the shell made out.md; the
    // export goes there, as with `-o -`, and is still refused onto a file in play.
    let dir = tempfile::tempdir().unwrap();
    let (essay, ann) = essay_with_note(dir.path(), "essays.txt", None);
    let out_md = dir.path().join("out.md");
    let run = |stdout: fs::File| {
        Command::new(env!("CARGO_BIN_EXE_marginalia"))
            .current_dir(dir.path())
            .arg("export")
            .arg(&essay)
            .args(["-o", "/dev/stdout"])
            .stdout(stdout)
            .output()
            .expect("run marginalia export")
    };
    let out = run(fs::File::create(&out_md).unwrap());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = fs::read_to_string(&out_md).unwrap();
    assert!(md.starts_with(export::MARKDOWN_MARKER), "{md}");
    assert!(md.contains("Worth it."), "{md}");
    let before = fs::read(&ann).unwrap();
    let out = run(fs::OpenOptions::new().append(true).open(&ann).unwrap());
    assert_refused(&out, "standard output", "the annotations file");
    assert_eq!(fs::read(&ann).unwrap(), before);
}
