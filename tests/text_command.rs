//! `marginalia text FILE...`: each essay printed as marginalia reads it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use marginalia::essay::Format;
use marginalia::session::{self, Origin};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn text(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .arg("text")
        .args(args)
        .output()
        .expect("marginalia runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn prints_quotes_with_bars_and_a_blank_line_between_blocks() {
    let out = text(&[fixture("shape/quotes.txt").to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        stdout(&out),
        "On Borrowed Words\n\
         By Ivo Marsh\n\
         \n\
         Every essay leans on someone. The harbour notice puts it plainly, and it is worth quoting whole.\n\
         \n\
         │ Passengers will remain seated until the vessel is secured. Crew will signal when the ramp is ready.\n\
         \n\
         │ │ No exceptions are made for the impatient.\n\
         \n\
         A second voice, indented rather than marked:\n\
         \n\
         │ The sea does not care for timetables, and the timetable knows it; that is why it is printed in pencil on the board by the gangway.\n\
         \n\
         And that is all.\n"
    );
}

#[test]
fn prints_joined_lines_under_each_other_and_code_indented() {
    let out = text(&[
        fixture("shape/verse.txt").to_str().unwrap(),
        fixture("shape/preformatted.txt").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let expected = "Harbour Songs\nBy Ada Fenn\n\n\
        The ferrymen sing at the turn of the tide, and one of their songs runs like this, each line on its own as they sing it:\n\n\
        Slack water, slack water,\nthe rope lies still,\nthe gulls go quiet\non Carrow Hill.\n\n\
        Write to the office at:\nPier Office\n14 Quay Lane\nHarwick\n\n\
        That is the whole of it.\n\n\n\
        Tide Tables as Data\nBy Pim Rook\n\n\
        The tables come as text with columns, and the parser is short. Both are kept here exactly as they are.\n\n\
        \x20   Port        High    Low\n\
        \x20   Harwick     06:12   12:30\n\
        \x20   Carrow      06:40   12:58\n\n\
        \x20   fn next_high(table: &[Tide], now: Time) -> Option<&Tide> {\n\
        \x20       table.iter().find(|t| t.high > now)\n\
        \x20   }\n\n\
        \x20   if (tide > 3) {\n\
        \x20           sail();\n\
        \x20   }\n\n\
        Nothing else is needed.\n";
    assert_eq!(stdout(&out), expected);
}

#[test]
fn prints_lists_and_centred_lines() {
    let out = text(&[fixture("shape/licence.txt").to_str().unwrap()]);
    let printed = stdout(&out);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines[0], "licence");
    assert_eq!(
        lines[2],
        format!("{}HARBOUR FREE READING LICENCE", " ".repeat(22))
    );
    assert_eq!(
        lines[3],
        format!("{}Version 2, 3 March 2019", " ".repeat(24))
    );
    let out = text(&[fixture("shape/lists.txt").to_str().unwrap()]);
    assert!(stdout(&out).contains(
        "\n- a thermos of tea, or of soup when the wind is from the north\n\n  - a spare lid\n"
    ));
}

#[test]
fn a_file_that_cannot_be_read_is_one_line_on_stderr_and_exit_2() {
    let missing = fixture("shape/missing.txt");
    let out = text(&[
        fixture("shape/verse.txt").to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing printed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        format!("marginalia: {}: no such file\n", missing.display())
    );
    let binary = std::env::temp_dir().join(format!("marginalia-text-{}.txt", std::process::id()));
    std::fs::write(&binary, b"abc\0def").unwrap();
    let out = text(&[binary.to_str().unwrap()]);
    let _ = std::fs::remove_file(&binary);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with("binary file, not text (first NUL or control byte at byte offset 3)\n"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn format_overrides_what_the_content_says() {
    let page = fixture("format/page.html");
    let out = text(&["--format", "text", page.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("<body><p>Hello from a page.</p></body></html>"));
    // Without it the page is read as HTML: never as its raw tags.
    let out = text(&[page.to_str().unwrap()]);
    assert!(!stdout(&out).contains("<p>"), "{out:?}");
    // A name that is no format is refused by the command line.
    let out = text(&["--format", "pdf", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_reader_reads_each_file_in_the_format_given() {
    let dir = tempfile::tempdir().unwrap();
    let page = fixture("format/page.html");
    let origin = Origin::file(page.clone(), Some(Format::Text));
    let state = session::open(&[origin], None, dir.path()).expect("opens as text");
    let essay = &state.docs()[0].essay;
    assert_eq!(essay.format, Format::Text);
    assert!(essay.text().contains("<p>Hello from a page.</p>"));
    assert!(matches!(Origin::file(page, None), Origin::File(_)));
}
