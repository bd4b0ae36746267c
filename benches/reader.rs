//! Reader benchmarks: splitting a book-length file, drawing a frame, jumping, re-wrapping,
//! and saving / loading annotations.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::action::{Action, Motion};
use marginalia::anchor::{Placement, anchor_for};
use marginalia::annotation::{Annotation, Colour};
use marginalia::essay::{Essay, split};
use marginalia::range::TextRange;
use marginalia::state::{AppState, EssayDoc, Placed, Source};
use marginalia::store::{self, AnnotationFile, DiskState};
use marginalia::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WORDS: &[&str] = &[
    "reading", "slowly", "the", "margin", "holds", "a", "note", "of", "what", "matters", "and",
    "essays", "compare", "two", "voices", "on", "one", "subject", "with", "patience",
];

/// A generated file of many essays, about `bytes` long, in the reference layout.
pub fn book(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 1024);
    let mut n = 0usize;
    let mut essay = 0;
    while out.len() < bytes {
        essay += 1;
        out.push_str(&format!(
            "Essay Number {essay} on Slow Reading\n\nA. N. Author\n\n"
        ));
        for _ in 0..40 {
            for s in 0..6 {
                for w in 0..14 {
                    let word = WORDS[(n * 7 + w * 3 + s) % WORDS.len()];
                    if w == 0 {
                        let mut c = word.chars();
                        if let Some(f) = c.next() {
                            out.extend(f.to_uppercase());
                            out.push_str(c.as_str());
                        }
                    } else {
                        out.push(' ');
                        out.push_str(word);
                    }
                    n += 1;
                }
                out.push_str(". ");
            }
            out.push_str("\n\n");
        }
        out.push_str("\n\n");
    }
    out
}

fn annotations(essay: &Essay, count: usize) -> Vec<Placed> {
    let now = store::now();
    let step = (essay.len / (count + 1)).max(1);
    (0..count)
        .filter_map(|i| {
            let start = (i + 1) * step;
            let range = TextRange::new(start, (start + 40).min(essay.len))?;
            Some(Placed {
                annotation: Annotation {
                    id: format!("a-{i}"),
                    essay: essay.id.clone(),
                    anchor: anchor_for(essay, range),
                    colour: Colour::ALL[i % Colour::ALL.len()],
                    note: (i % 3 == 0).then(|| format!("note {i}")),
                    tags: Vec::new(),
                    created: now,
                    modified: now,
                    extra: Default::default(),
                },
                placement: Placement::Exact(range),
            })
        })
        .collect()
}

fn state_for(essays: Vec<Essay>, items: Vec<Placed>) -> AppState {
    let docs = essays
        .into_iter()
        .map(|essay| EssayDoc::new(essay, 0))
        .collect();
    let disk = DiskState {
        hash: None,
        file: AnnotationFile::new("book.txt".into()),
    };
    let path = std::env::temp_dir().join("marginalia-bench.json");
    let source = Source::new("book.txt".into(), path, disk, items, None, None);
    AppState::new(docs, vec![source], &[])
}

fn bench(c: &mut Criterion) {
    let text = book(10 * 1024 * 1024);
    c.bench_function("split 10 MB file", |b| {
        b.iter(|| split(black_box(&text), "book"))
    });

    // One long essay: every essay of the file joined, for the drawing benchmarks.
    let essays = split(&text, "book");
    let big: Vec<(marginalia::essay::BlockKind, String)> = essays
        .iter()
        .flat_map(|e| e.blocks.iter().map(|b| (b.kind, b.text.clone())))
        .collect();
    let long = Essay::from_blocks("book".into(), big);
    let items = annotations(&long, 1000);
    let mut state = state_for(vec![long.clone(), essays[1].clone()], items);
    state.apply(Action::Resize(200, 50), store::now());
    for _ in 0..2000 {
        state.apply(Action::Move(Motion::ParagraphNext), store::now());
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    c.bench_function("draw 200x50 frame, 1000 highlights", |b| {
        b.iter(|| {
            terminal.draw(|f| ui::draw(f, &state)).expect("draw");
        })
    });
    c.bench_function("jump to end of 10 MB essay", |b| {
        b.iter(|| {
            state.apply(Action::Move(Motion::Bottom), store::now());
            state.apply(Action::Move(Motion::Top), store::now());
        })
    });
    let mut wide = true;
    c.bench_function("resize and re-wrap, then draw", |b| {
        b.iter(|| {
            wide = !wide;
            let (w, h) = if wide { (200, 50) } else { (120, 40) };
            state.apply(Action::Resize(w, h), store::now());
            terminal.backend_mut().resize(w, h);
            terminal.draw(|f| ui::draw(f, &state)).expect("draw");
        })
    });

    let essay = &essays[0];
    let many = annotations(&long, 10_000);
    let mut file = AnnotationFile::new("book.txt".into());
    file.annotations = many.iter().map(|p| p.annotation.clone()).collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.json");
    // Each benchmark may run alone (nextest, filters): the load needs a file of its own.
    store::save(&path, &file).expect("save");
    c.bench_function("save 10,000 annotations", |b| {
        b.iter(|| store::save(&path, &file).expect("save"))
    });
    c.bench_function("load and place 10,000 annotations", |b| {
        b.iter(|| {
            let loaded = store::load(&path).expect("load").expect("exists");
            marginalia::state::place(&loaded, std::slice::from_ref(&long))
        })
    });
    let _ = essay;
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
