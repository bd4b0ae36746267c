//! Another program editing the annotations files between steps (see the parent module).

use marginalia::anchor::anchor_for;
use marginalia::annotation::{Annotation, Colour, Link, Relation};
use marginalia::range::TextRange;
use marginalia::store::{self, AnnotationFile};

use super::{Machine, Outside};

/// A change another program made that the state has not read yet.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    pub(super) source: usize,
    pub(super) id: marginalia::annotation::AnnotationId,
    pub(super) what: Outside,
    /// The annotation as the other program left it (when removed: as it was, stamped
    /// with the time of removal).
    pub(super) written: Annotation,
    /// Whether it was removed.
    pub(super) removed: bool,
}

impl Machine {
    /// Another program edits the annotations file of `source` (written atomically, as a
    /// careful program would).
    pub(super) fn outside(&mut self, source: usize, edit: &Outside) {
        let path = self.state_or_path(source);
        let mut file = match self.load(source) {
            Some(file) => file,
            None => {
                let name = self.state().sources()[source].name.clone();
                AnnotationFile::new(name)
            }
        };
        let now = store::now();
        // Stamped a day ahead (a clock that runs fast): on a change made on both sides, the
        // later one wins, so the other program's must arrive whatever the reader did, short
        // of deleting the annotation.
        let later = now + std::time::Duration::from_secs(86_400);
        let pick = |n: usize, len: usize| (len > 0).then(|| n % len);
        let (id, written, removed) = match *edit {
            Outside::Add(essay, start, len, _) => {
                let docs: Vec<_> = self
                    .state()
                    .docs()
                    .iter()
                    .filter(|d| d.source == store::SourceId(source))
                    .map(|d| d.essay.clone())
                    .collect();
                let Some(d) = pick(essay, docs.len()) else {
                    return;
                };
                let e = &docs[d];
                let start = start * 7 % e.len.max(1);
                let end = (start + 1 + len % 60).min(e.len);
                let Some(range) = TextRange::new(start, end) else {
                    return;
                };
                self.outside_count += 1;
                let a = Annotation {
                    id: format!("outside-{}", self.outside_count).into(),
                    essay: e.id.clone(),
                    anchor: anchor_for(e, range),
                    colour: Colour::ALL[len % Colour::ALL.len()],
                    note: Some(format!("written elsewhere {}", self.outside_count)),
                    tags: Vec::new(),
                    created: now,
                    modified: later,
                    extra: Default::default(),
                };
                file.annotations.push(a.clone());
                (a.id.clone(), a, false)
            }
            Outside::Note(n) | Outside::Colour(n) => {
                let Some(i) = pick(n, file.annotations.len()) else {
                    return;
                };
                let a = &mut file.annotations[i];
                if matches!(edit, Outside::Note(_)) {
                    a.note = Some(format!("changed elsewhere at {now}"));
                } else {
                    a.colour = a.colour.next();
                }
                a.modified = later;
                (a.id.clone(), a.clone(), false)
            }
            Outside::Remove(n) => {
                let Some(i) = pick(n, file.annotations.len()) else {
                    return;
                };
                let mut a = file.annotations.remove(i);
                a.modified = now;
                // As precise as the file keeps it, to compare with what the app read.
                let json = serde_json::to_value(&a).expect("an annotation serialises");
                let a: Annotation = serde_json::from_value(json).expect("and comes back");
                // A careful program removes the links with it; a careless one (dangling
                // links on disk) is the subject of item 6 of the issue.
                file.links.retain(|l| l.from != a.id && l.to != a.id);
                (a.id.clone(), a, true)
            }
            Outside::Link(from, to, relation) => {
                let len = file.annotations.len();
                let (Some(f), Some(t)) = (pick(from, len), pick(to, len)) else {
                    return;
                };
                if f == t {
                    return;
                }
                self.outside_count += 1;
                file.links.push(Link {
                    id: format!("outside-link-{}", self.outside_count).into(),
                    from: file.annotations[f].id.clone(),
                    to: file.annotations[t].id.clone(),
                    relation: Relation::ALL[relation % Relation::ALL.len()],
                    note: None,
                    other: None,
                    created: now,
                    modified: now,
                    extra: Default::default(),
                });
                return;
            }
        };
        store::save(&path, &file)
            .unwrap_or_else(|e| self.fail(&format!("the other program cannot write: {e}")));
        self.pending.retain(|p| !(p.source == source && p.id == id));
        self.pending.push(Pending {
            source,
            id,
            what: edit.clone(),
            written,
            removed,
        });
    }
}
