//! The first screen of a file with many annotations, in the real binary (issue 14): it comes
//! with the highlights of the essays shown, the rest land after it (changes wait for them),
//! and once they are in, a change saves a file that holds every annotation.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{PtyTester, TIMEOUT};
use marginalia::anchor::anchor_for;
use marginalia::annotation::Annotation;
use marginalia::range::TextRange;
use marginalia::store::{self, AnnotationFile};

/// Essays of our own prose.
fn text(essays: usize) -> String {
    let mut out = String::new();
    for i in 0..essays {
        out.push_str(&format!("Harbour letter {i}\n\nBy Ann Smith\n\n"));
        for p in 0..20 {
            out.push_str(&format!(
                "Paragraph {p}: the boats of letter {i} wait for the tide, the gulls argue \
                 over the nets, and the clock on the quay is late again.\n\n"
            ));
        }
        out.push('\n');
    }
    out
}

/// An annotations file of `per` highlights on each essay of `text`, with notes naming them.
fn annotations(dir: &Path, text: &str, per: usize) -> usize {
    let essays = marginalia::essay::split(text, "harbour");
    let when = chrono::DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z")
        .expect("time")
        .with_timezone(&chrono::Utc);
    let mut file = AnnotationFile::new("harbour.txt".into());
    for (e, essay) in essays.iter().enumerate() {
        for j in 0..per {
            let start = 40 + (j * 13) % (essay.len - 60);
            let range = TextRange::new(start, start + 8).expect("range");
            file.annotations.push(Annotation {
                id: format!("a-{e}-{j}").into(),
                essay: essay.id.clone(),
                anchor: anchor_for(essay, range),
                colour: Default::default(),
                note: Some(format!("margin {e}-{j}")),
                tags: Vec::new(),
                created: when,
                modified: when,
                extra: Default::default(),
            });
        }
    }
    store::save(&dir.join("annotations/harbour.json"), &file).expect("save");
    file.annotations.len()
}

#[test]
fn the_first_screen_has_its_highlights_and_the_rest_fill_in_after() {
    let dir = tempfile::tempdir().expect("dir");
    let text = text(12);
    std::fs::write(dir.path().join("harbour.txt"), &text).expect("write");
    let count = annotations(dir.path(), &text, 2500);
    let mut app = PtyTester::spawn(dir.path(), &["harbour.txt"], 160, 40);
    // The first frame: the rest is still being placed, and changes wait for it...
    app.wait_for_status("still placing 30000 annotations", TIMEOUT);
    // ...but the essays shown have their highlights, every note of theirs in the notes
    // pane (2 essays of 2,500).
    let screen = app.screen();
    assert!(screen.contains("margin 0-0"), "{screen}");
    assert!(screen.contains("Notes (5000)"), "{screen}");
    assert!(
        screen.contains("✎ Paragraph 0: the boats of letter 0"),
        "{screen}"
    );
    // Then every annotation is in, and changes are taken.
    app.wait_for_status("saved", Duration::from_secs(60));
    app.send("s");
    app.send("\r");
    app.wait_for("Notes (5001)", TIMEOUT);
    app.wait_for_status("saved", TIMEOUT);
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
    let on_disk = store::load(&dir.path().join("annotations/harbour.json"))
        .expect("load")
        .expect("file");
    assert_eq!(on_disk.annotations.len(), count + 1);
}
