//! Reader benchmarks against the budgets in README `## Performance`: splitting a 10 MB
//! file, opening it to the first frame, drawing, jumping, re-wrapping, and saving / loading
//! annotations.
//!
//! Everything is generated deterministically by [`book`] (`scripts/compare-less.py` has
//! the same generator, byte for byte). Files go under Cargo's target temp dir, on a real
//! disk, so that the fsync of a save is a real one.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::action::{Action, Motion, Mouse};
use marginalia::anchor::Placement;
use marginalia::annotation::{Link, Relation};
use marginalia::essay::{BlockKind, Essay, split};
use marginalia::session::{self, Origin};
use marginalia::state::{AppState, EssayDoc, Placed, Source};
use marginalia::store::{self, AnnotationFile, DiskState, EssayRecord, SourceId, Stamp};
use marginalia::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const MB: usize = 1024 * 1024;

const WORDS: &[&str] = &[
    "reading",
    "slowly",
    "the",
    "margin",
    "holds",
    "a",
    "note",
    "of",
    "what",
    "matters",
    "and",
    "essays",
    "compare",
    "two",
    "voices",
    "on",
    "one",
    "subject",
    "with",
    "patience",
    "every",
    "sentence",
    "asks",
    "for",
    "its",
    "own",
    "time",
    "river",
    "garden",
    "tide",
    "memory",
    "argument",
    "is",
    "not",
    "yet",
    "finished",
    "when",
    "reader",
    "returns",
    "page",
    "light",
    "winter",
    "harbour",
    "letter",
    "question",
    "answer",
    "between",
    "lines",
    "quiet",
    "careful",
    "attention",
    "history",
    "city",
    "morning",
    "evening",
    "distance",
    "voice",
    "silence",
    "world",
    "small",
    "large",
    "old",
    "new",
    "first",
    "last",
    "because",
    "although",
    "perhaps",
    "always",
    "never",
    "often",
    "rarely",
    "thought",
    "word",
    "meaning",
    "doubt",
    "certain",
    "style",
    "clause",
    "paragraph",
    "chapter",
    "author",
    "friend",
    "stranger",
    "north",
    "south",
    "sea",
    "stone",
    "bread",
    "salt",
    "window",
    "door",
    "road",
    "bridge",
    "clock",
    "season",
    "promise",
    "habit",
    "method",
    "mood",
];

/// xorshift64: small, fast and easy to reproduce in another language.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x % n as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// A generated file of many essays, at least `bytes` long, in the reference layout: a title
/// and a byline, then 30 to 50 paragraphs of 3 to 8 sentences, hard-wrapped at 72 columns.
pub fn book(bytes: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(bytes + 8192);
    let mut essay = 0;
    while out.len() < bytes {
        essay += 1;
        let (a, b) = (capitalised(rng.word()), capitalised(rng.word()));
        out.push_str(&format!("Essay {essay} on {a} and {b}\n\nA. N. Author\n\n"));
        for _ in 0..30 + rng.below(21) {
            let mut words: Vec<String> = Vec::new();
            for _ in 0..3 + rng.below(6) {
                let n = 6 + rng.below(17);
                for w in 0..n {
                    let mut word = rng.word().to_owned();
                    if w == 0 {
                        word = capitalised(&word);
                    }
                    if w + 1 == n {
                        word.push('.');
                    } else if rng.below(12) == 0 {
                        word.push(',');
                    }
                    words.push(word);
                }
            }
            let mut line = 0;
            for (i, word) in words.iter().enumerate() {
                if i > 0 {
                    if line + 1 + word.len() > 72 {
                        out.push('\n');
                        line = 0;
                    } else {
                        out.push(' ');
                        line += 1;
                    }
                }
                out.push_str(word);
                line += word.len();
            }
            out.push_str("\n\n");
        }
        out.push_str("\n\n");
    }
    out
}

/// The annotations file for `essays` holding `items`.
fn file_for(source: &str, essays: &[Essay], items: &[Placed]) -> AnnotationFile {
    let mut file = AnnotationFile::new(source.into());
    file.essays = essays.iter().map(EssayRecord::of).collect();
    file.annotations = items.iter().map(|p| (*p.annotation).clone()).collect();
    file
}

fn state_for(essays: Vec<Essay>, items: Vec<Placed>, dir: &Path) -> AppState {
    state_with_links(essays, items, Vec::new(), dir)
}

fn state_with_links(
    essays: Vec<Essay>,
    items: Vec<Placed>,
    links: Vec<Link>,
    dir: &Path,
) -> AppState {
    let docs = essays
        .into_iter()
        .map(|essay| EssayDoc::new(essay, SourceId(0)))
        .collect();
    let mut file = AnnotationFile::new("book.txt".into());
    file.links = links;
    let disk = DiskState { hash: None, file };
    let path = dir.join("state-bench.json");
    let source = Source::new("book.txt".into(), path, disk, items, None, None);
    AppState::new(docs, vec![source], &[])
}

/// One essay made of the blocks of `essays`, until it is at least `bytes` long.
fn joined(essays: &[Essay], bytes: usize) -> Vec<(BlockKind, String)> {
    let mut size = 0;
    essays
        .iter()
        .flat_map(|e| e.blocks.iter())
        .take_while(|b| {
            let more = size < bytes;
            size += b.text.len() + 2;
            more
        })
        .map(|b| (b.kind, b.text.clone()))
        .collect()
}

fn forget_wrapping(state: &mut AppState) {
    for doc in state.docs() {
        doc.wrap.clear();
    }
}

/// Puts the first pane's caret on `offset`, as a click there does, and brings its line into
/// view near the top (a page down and back up: the view follows the caret), as the bench
/// did when it set the view's top itself.
fn show_at(state: &mut AppState, offset: usize, now: chrono::DateTime<chrono::Utc>) {
    let press = Mouse::PressPane {
        pane: 0,
        at: Some(offset),
    };
    for action in [
        Action::Mouse(press),
        Action::Mouse(Mouse::PressElsewhere),
        Action::Move(Motion::PageDown),
        Action::Move(Motion::PageUp),
    ] {
        state.apply(action, Stamp::at(now));
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &AppState) {
    terminal.draw(|f| ui::draw(f, state)).expect("draw");
}

fn bench(c: &mut Criterion) {
    let now = store::now();
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let text = book(10 * MB);
    c.bench_function("split 10 MB file", |b| {
        b.iter(|| split(black_box(&text), "book"))
    });
    let essays = split(&text, "book");

    // The whole open path, as `marginalia book.txt` runs it, to the first frame.
    let book_path = dir.path().join("book.txt");
    std::fs::write(&book_path, &text).expect("write book");
    let per_essay = 1000usize.div_ceil(essays.len());
    let mut items = Vec::new();
    for e in &essays {
        let n = per_essay.min(1000 - items.len());
        items.extend(common::highlights(e, n, 40, items.len()));
    }
    assert_eq!(items.len(), 1000);
    let ann_path = store::default_path(dir.path(), &book_path);
    store::save(&ann_path, &file_for("book.txt", &essays, &items)).expect("save");
    let origins = [Origin::File(book_path.clone())];
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    c.bench_function(
        "open 10 MB file with 1,000 highlights, first frame 200x50",
        |b| {
            b.iter(|| {
                let mut state = session::open(&origins, None, dir.path()).expect("open");
                assert!(state.sources()[0].read_only.is_none());
                state.apply(Action::Resize(200, 50), store::Stamp::fresh());
                draw(&mut terminal, &state);
            })
        },
    );

    // What `marginalia book.txt` does before its first frame: read and check the head,
    // split a first look at it, draw. The rest is read and split after that frame.
    c.bench_function(
        "first look at 10 MB file (head read, checked, split), first frame 200x50",
        |b| {
            b.iter(|| {
                let prepared = session::prepare(&origins, None, dir.path()).expect("prepare");
                let mut state = session::preview(&prepared).expect("a first look");
                state.apply(Action::Resize(200, 50), store::Stamp::fresh());
                draw(&mut terminal, &state);
            })
        },
    );

    // The worst case for one pane: the whole 10 MB as a single essay, 1,000 highlights.
    let long = Essay::from_blocks("book".into(), joined(&essays, usize::MAX));
    let items = common::highlights(&long, 1000, 40, 0);
    let mut state = state_for(vec![long.clone(), essays[1].clone()], items, dir.path());
    state.apply(Action::Resize(200, 50), Stamp::at(now));
    let mut group = c.benchmark_group("draw 200x50 frame, 1,000 highlights, 10 MB essay");
    for percent in [0, 25, 50, 75, 100] {
        let at = long.len / 100 * percent;
        show_at(&mut state, at.min(long.len - 1), now);
        draw(&mut terminal, &state);
        group.bench_function(format!("at {percent}%"), |b| {
            b.iter(|| draw(&mut terminal, &state))
        });
    }
    group.finish();

    // Links: each highlight's first link is shown in the gutter of the essay pane.
    let items = common::highlights(&long, 10_000, 40, 0);
    let links: Vec<Link> = items
        .chunks(2)
        .enumerate()
        .map(|(k, pair)| Link {
            id: format!("link-{k}").into(),
            from: pair[0].annotation.id.clone(),
            to: pair[1].annotation.id.clone(),
            relation: Relation::ALL[k % Relation::ALL.len()],
            note: None,
            other: None,
            created: now,
            modified: now,
            extra: Default::default(),
        })
        .collect();
    let mut state = state_with_links(vec![long.clone()], items, links, dir.path());
    state.apply(Action::Resize(200, 50), Stamp::at(now));
    show_at(&mut state, long.len / 2, now);
    draw(&mut terminal, &state);
    c.bench_function(
        "draw 200x50 frame, 10,000 highlights, 5,000 links, 10 MB essay",
        |b| b.iter(|| draw(&mut terminal, &state)),
    );

    // From the top, nothing wrapped yet: jump to the end and draw the frame.
    c.bench_function("jump to end of 10 MB essay and draw (cold)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                state.apply(Action::Move(Motion::Top), Stamp::at(now));
                forget_wrapping(&mut state);
                let t = Instant::now();
                state.apply(Action::Move(Motion::Bottom), Stamp::at(now));
                draw(&mut terminal, &state);
                total += t.elapsed();
            }
            total
        })
    });

    // Half way through, nothing wrapped at the new width: resize, re-wrap, draw.
    show_at(&mut state, long.len / 2, now);
    let mut wide = true;
    c.bench_function("resize 200x50 <-> 120x40, re-wrap and draw (cold)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                wide = !wide;
                let (w, h) = if wide { (200, 50) } else { (120, 40) };
                forget_wrapping(&mut state);
                let t = Instant::now();
                state.apply(Action::Resize(w, h), Stamp::at(now));
                terminal.backend_mut().resize(w, h);
                draw(&mut terminal, &state);
                total += t.elapsed();
            }
            total
        })
    });
    drop(state);

    // 10,000 annotations on a 1 MB essay.
    let blocks = joined(&essays, MB);
    let essay = Essay::from_blocks("book-1mb".into(), blocks.clone());
    let many = common::highlights(&essay, 10_000, 40, 0);
    let file = file_for("book.txt", std::slice::from_ref(&essay), &many);
    let path = dir.path().join("annotations").join("many.json");
    store::save(&path, &file).expect("save");
    c.bench_function("save 10,000 annotations (durably)", |b| {
        b.iter(|| store::save(&path, &file).expect("save"))
    });

    let mut edited = blocks;
    edited.insert(
        2,
        (
            BlockKind::Paragraph,
            "A paragraph written later, at the top, moves every annotation after it.".into(),
        ),
    );
    let changed = Essay::from_blocks("book-1mb".into(), edited);
    let placed = marginalia::state::place(&file, std::slice::from_ref(&changed));
    let exact = placed
        .iter()
        .filter(|p| matches!(p.placement, Placement::Exact(_)))
        .count();
    assert_eq!(
        exact, 10_000,
        "every annotation is found again after the edit"
    );
    let mut group = c.benchmark_group("load and anchor 10,000 annotations, 1 MB essay");
    for (name, essay) in [
        ("text unchanged", &essay),
        ("paragraph inserted at top", &changed),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let loaded = store::load(&path).expect("load").expect("exists");
                marginalia::state::place(&loaded, std::slice::from_ref(essay))
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
