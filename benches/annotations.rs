//! Many annotations: the cost of each kind of key (motion, paragraph, search step, mark,
//! note, undo, resize) as the loop takes it (applied, save handed on, panic mirror kept,
//! frame drawn) with 100,000 annotations; the save itself; and the first screen of a file
//! of essays with 1,000, 10,000 and 100,000 annotations, from the files on disk.
//!
//! Only the key path is timed: the saver here writes nothing (the real save is its own
//! case). `ANNOTATIONS_ONCE=1` runs each case a few times and prints the slowest.

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::action::{Action, EditorInput, Motion};
use marginalia::app::{self, saver::Saver};
use marginalia::essay::{self, BlockKind, Essay};
use marginalia::session::{self, Origin};
use marginalia::state::{AppState, EssayDoc, Placed, Source};
use marginalia::store::{self, AnnotationFile, SourceId, Stamp};
use marginalia::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One essay of 400 paragraphs of about 5 KB: 2 MB, room for 100,000 highlights.
fn long_essay() -> Essay {
    let mut blocks = vec![
        (BlockKind::Title, "A Long Essay on Slow Reading".to_string()),
        (BlockKind::Byline, "A. N. Author".to_string()),
    ];
    blocks.extend((0..400).map(|i| (BlockKind::Paragraph, common::prose(5000, i))));
    Essay::from_blocks("long-essay".into(), blocks)
}

/// A state on `essay` holding `items`, its annotations file at `path`.
fn state_for(essay: Essay, items: Vec<Placed>, path: &Path) -> AppState {
    let mut file = AnnotationFile::new("book.txt".into());
    file.annotations = items.iter().map(|p| (*p.annotation).clone()).collect();
    store::save(path, &file).expect("save");
    let disk = store::load_disk(path).expect("load").expect("exists");
    let source = Source::new("book.txt".into(), path.into(), disk, items, None, None);
    let mut state = AppState::new(vec![EssayDoc::new(essay, SourceId(0))], vec![source], &[]);
    state.apply(Action::Resize(200, 50), Stamp::fresh());
    state
}

/// The saves' results, as the loop receives them.
type Landings = mpsc::Receiver<(SourceId, Result<store::Saved, String>)>;

/// A saver that writes nothing and reports every save as done at once: the key path alone.
fn idle_saver() -> (Saver, Landings) {
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let write: Arc<app::saver::Write> = Arc::new(|_, known, _, _| {
        Ok(store::Saved {
            disk: known.clone(),
            merged: false,
        })
    });
    let report: Arc<app::saver::Report> = Arc::new(move |s, r| {
        if let Ok(tx) = tx.lock() {
            let _ = tx.send((s, r));
        }
    });
    (Saver::new(write, report), rx)
}

/// The loop around the state: keys taken in as the event loop takes them, timed.
struct Loop {
    state: AppState,
    saver: Saver,
    landed: Landings,
    terminal: Terminal<TestBackend>,
    quit_after: bool,
}

impl Loop {
    /// Takes in `action` and draws the frame; returns how long that took.
    fn key(&mut self, action: Action) -> Duration {
        let cpu_start = thread_cpu();
        let start = Instant::now();
        app::step_in_loop(
            &mut self.state,
            &mut self.saver,
            &mut self.quit_after,
            action,
        );
        let stepped = start.elapsed();
        if std::env::var_os("ANNOTATIONS_SPLIT").is_some() {
            let t = Instant::now();
            self.state.note_items();
            let notes = t.elapsed();
            self.state.first_links(SourceId(0));
            println!("  (notes list {notes:?}, index {:?})", t.elapsed() - notes);
        }
        self.terminal
            .draw(|f| ui::draw(f, &self.state))
            .expect("draw");
        let took = start.elapsed();
        let cpu = thread_cpu() - cpu_start;
        KEY_CPU.fetch_max(
            u64::try_from(cpu.as_nanos()).unwrap_or(u64::MAX),
            std::sync::atomic::Ordering::Relaxed,
        );
        // Saves that ended come back between keys: each is a step of the loop of its own.
        let mut landing = Duration::ZERO;
        while self.saver.busy() {
            let Ok((s, r)) = self.landed.recv() else {
                break;
            };
            let start = Instant::now();
            self.saver.landed(&mut self.state, s, r);
            landing += start.elapsed();
        }
        if std::env::var_os("ANNOTATIONS_SPLIT").is_some() {
            println!(
                "  step {stepped:?}, with the frame {took:?} (thread CPU {cpu:?}); save landed {landing:?}"
            );
        }
        took.max(landing)
    }
}

/// CPU time the slowest key took on the loop's thread, in nanoseconds, since last reset:
/// on a busy machine, what a key costs apart from the time it waits for a core.
static KEY_CPU: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// CPU time of the calling thread: what a key costs the loop, apart from the time the
/// thread waits for a core on a busy machine.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for clock_gettime to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(
        u64::try_from(ts.tv_sec).unwrap_or(0),
        u32::try_from(ts.tv_nsec).unwrap_or(0),
    )
}

/// Times `round` (which returns its timed part), with criterion or, with
/// `ANNOTATIONS_ONCE`, five times printing the slowest.
fn case(c: &mut Criterion, name: &str, mut round: impl FnMut() -> Duration) {
    let only = std::env::var("ANNOTATIONS_CASE").unwrap_or_default();
    if !name.starts_with(&only) {
        return;
    }
    if std::env::var_os("ANNOTATIONS_ONCE").is_some() {
        let mut cpu = Duration::ZERO;
        let worst = (0..3)
            .map(|_| {
                KEY_CPU.store(0, std::sync::atomic::Ordering::Relaxed);
                let took = round();
                let spent = KEY_CPU.load(std::sync::atomic::Ordering::Relaxed);
                cpu = cpu.max(Duration::from_nanos(spent));
                took
            })
            .max()
            .unwrap_or_default();
        println!("{name}: {worst:?} (slowest key's CPU on the loop's thread: {cpu:?})");
    } else {
        c.bench_function(name, |b| {
            b.iter_custom(|iters| (0..iters).map(|_| round()).sum())
        });
    }
}

fn keys(c: &mut Criterion, dir: &Path) {
    let count = 100_000;
    let essay = long_essay();
    let items = common::highlights(&essay, count, 30, 0);
    let path = dir.join("keys.json");
    let mut state = state_for(essay, items, &path);
    state.apply(Action::Move(Motion::PageDown), Stamp::fresh());
    let (saver, landed) = idle_saver();
    let mut lp = Loop {
        state,
        saver,
        landed,
        terminal: Terminal::new(TestBackend::new(200, 50)).expect("terminal"),
        quit_after: false,
    };
    lp.key(Action::Resize(200, 50));
    // As the loop does once the first frame is up.
    lp.saver.prime(&lp.state);
    let k = "100000 annotations";
    case(c, &format!("j, {k}"), || {
        lp.key(Action::Move(Motion::LineDown)) + lp.key(Action::Move(Motion::LineUp))
    });
    case(c, &format!("}}, {k}"), || {
        lp.key(Action::Move(Motion::ParagraphNext)) + lp.key(Action::Move(Motion::ParagraphPrev))
    });
    lp.key(Action::SearchStart);
    for ch in "lantern".chars() {
        lp.key(Action::Search(EditorInput::Char(ch)));
    }
    lp.key(Action::SearchDone);
    case(c, &format!("n, {k}"), || {
        lp.key(Action::SearchNext) + lp.key(Action::SearchPrev)
    });
    case(c, &format!("mark, {k}"), || lp.key(Action::SetMark('a')));
    case(c, &format!("note add, {k}"), || {
        lp.key(Action::Move(Motion::SentenceNext));
        let mut took = lp.key(Action::EditNote);
        took += lp.key(Action::Editor(EditorInput::Char('w')));
        took += lp.key(Action::EditorClose);
        took
    });
    if let Ok(n) = std::env::var("ANNOTATIONS_PARTS") {
        for _ in 0..n.parse().unwrap_or(4) {
            lp.key(Action::Move(Motion::SentenceNext));
            let t = Instant::now();
            let c = thread_cpu();
            lp.state.apply(Action::Highlight, Stamp::fresh());
            let applied = (t.elapsed(), thread_cpu() - c);
            let t = Instant::now();
            let c = thread_cpu();
            lp.saver.snapshots.of(&lp.state, SourceId(0));
            let snap = (t.elapsed(), thread_cpu() - c);
            let t = Instant::now();
            let c = thread_cpu();
            lp.terminal.draw(|f| ui::draw(f, &lp.state)).expect("draw");
            let frame = (t.elapsed(), thread_cpu() - c);
            println!("  apply {applied:?} snapshot {snap:?} frame {frame:?}");
        }
    }
    if std::env::var_os("ANNOTATIONS_SPLIT").is_some() {
        for _ in 0..3 {
            lp.key(Action::Move(Motion::SentenceNext));
            app::step_in_loop(
                &mut lp.state,
                &mut lp.saver,
                &mut lp.quit_after,
                Action::Highlight,
            );
            let t = Instant::now();
            let span = marginalia::range::TextRange::new(0, 1000).expect("range");
            lp.state.placed_over(marginalia::store::DocId(0), span);
            let placed = t.elapsed();
            lp.state.note_items();
            let notes = t.elapsed();
            lp.state.first_links(SourceId(0));
            let links = t.elapsed();
            lp.key(Action::Tick);
            println!("  placed_over {placed:?}, note_items {notes:?}, first_links {links:?}");
        }
    }
    case(c, &format!("highlight, {k}"), || {
        lp.key(Action::Move(Motion::SentenceNext));
        lp.key(Action::Highlight)
    });
    case(c, &format!("undo, {k}"), || {
        lp.key(Action::Move(Motion::SentenceNext));
        lp.key(Action::Highlight);
        lp.key(Action::Undo)
    });
    case(c, &format!("resize, {k}"), || {
        lp.key(Action::Resize(160, 45)) + lp.key(Action::Resize(200, 50))
    });
    // The save itself, on the saver's thread: the whole file copied, merged, written.
    let snapshot = lp.saver.snapshots.of(&lp.state, SourceId(0));
    let src = &lp.state.sources()[SourceId(0)];
    let (mut known, deleted) = ((*src.disk).clone(), src.deleted.clone());
    case(c, &format!("save (saver thread), {k}"), || {
        let start = Instant::now();
        let saved = store::save_merging_owned(&path, &known, snapshot.to_file(), &deleted);
        known = saved.expect("save").disk;
        start.elapsed()
    });
    // Someone else changed the file: the save merges by id.
    let theirs = known.file.clone();
    case(c, &format!("merge, {k}"), || {
        let start = Instant::now();
        let ours = snapshot.to_file();
        black_box(store::merge(&known.file, &ours, &theirs, &deleted));
        start.elapsed()
    });
}

/// `essays` essays of about `bytes` each, as a text file splits them.
fn essays_text(essays: usize, bytes: usize) -> String {
    let mut out = String::new();
    for i in 0..essays {
        out.push_str(&format!("Essay Number {i} on Reading\n\nA. N. Author\n\n"));
        let body = common::prose(bytes, i as u64);
        for para in body.as_bytes().chunks(1200) {
            out.push_str(std::str::from_utf8(para).unwrap_or_default().trim());
            out.push_str("\n\n");
        }
        out.push_str("\n\n");
    }
    out
}

/// A text file of essays and its annotations file holding `count` highlights spread over
/// its essays; returns the text file's path.
fn files_with(dir: &Path, name: &str, text: &str, count: usize) -> PathBuf {
    let path = dir.join(format!("{name}.txt"));
    std::fs::write(&path, text).expect("write");
    let essays = essay::split(text, name);
    let per = count / essays.len();
    let mut file = AnnotationFile::new(format!("{name}.txt"));
    for (i, e) in essays.iter().enumerate() {
        let n = per + usize::from(i < count % essays.len());
        let placed = common::highlights(e, n, 30, file.annotations.len());
        file.annotations
            .extend(placed.into_iter().map(|p| (*p.annotation).clone()));
    }
    let notes = session::annotations_path(&Origin::File(path.clone()), None, 1, dir)
        .expect("annotations path");
    store::save(&notes, &file).expect("save");
    path
}

/// From the files on disk to the first frame, as `main` does it.
fn first_screen(path: &Path, dir: &Path) -> Duration {
    let start = Instant::now();
    let origins = [Origin::File(path.to_path_buf())];
    let mut prepared = session::prepare_first(&origins, None, dir).expect("prepare");
    let mut state = match session::preview(&prepared) {
        Some(preview) => preview,
        None => {
            // The rest (the other essays' annotations) is placed after the first frame.
            let split = session::split_first(&mut prepared).expect("split");
            session::assemble_first(prepared, split).0
        }
    };
    state.apply(Action::Resize(200, 50), Stamp::fresh());
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    terminal.draw(|f| ui::draw(f, &state)).expect("draw");
    let took = start.elapsed();
    drop(state);
    took
}

fn first_screens(c: &mut Criterion, dir: &Path) {
    // The reference essays are 17.5 KB in a handful of essays.
    let small = essays_text(6, 3000);
    let big = essays_text(2000, 5000);
    for (name, text, count) in [
        ("essays", &small, 1_000),
        ("essays", &small, 10_000),
        ("10 MB", &big, 10_000),
        ("10 MB", &big, 100_000),
    ] {
        let sub = dir.join(format!("{}-{count}", name.replace(' ', "")));
        std::fs::create_dir_all(&sub).expect("dir");
        let path = files_with(&sub, "book", text, count);
        case(
            c,
            &format!("first screen, {name}, {count} annotations"),
            || first_screen(&path, &sub),
        );
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    // `ANNOTATIONS_KEEP=folder`: the generated files are left there, to try by hand.
    let kept = std::env::var_os("ANNOTATIONS_KEEP").map(PathBuf::from);
    let dir = kept.as_deref().unwrap_or(dir.path());
    let only = std::env::var("ANNOTATIONS_ONLY").unwrap_or_default();
    if only.is_empty() || only == "keys" {
        keys(c, dir);
    }
    if only.is_empty() || only == "first" {
        first_screens(c, dir);
    }
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
