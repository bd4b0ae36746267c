//! Nothing lost on the way out: the quit prompt shown while a change is not saved, the
//! recovery copies and note drafts found on start and offered back, and the draft of the
//! note being written (what the shell keeps should marginalia be stopped).

use std::path::PathBuf;

use super::*;
use crate::action::{OfferChoice, QuitChoice};
use crate::store::{SourceId, recovery::Kept};

/// A kept file found on start: a recovery copy or a note draft of one source.
#[derive(Debug, Clone)]
pub struct Offer {
    /// The source it belongs to.
    pub source: SourceId,
    /// Where it is.
    pub path: PathBuf,
    /// A recovery copy or a draft.
    pub kind: Kept,
    /// What it holds.
    pub file: AnnotationFile,
}

/// What the quit prompt and the offers of kept files need.
#[derive(Debug, Default)]
pub struct Rescue {
    /// Recovery copies written on the way out, to be named on standard error.
    pub written: Vec<PathBuf>,
}

/// The note of the open editor, as a draft file for its source.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteDraft {
    /// The source whose annotations file it belongs to.
    pub source: SourceId,
    /// What the editor writes on.
    pub target: NoteTarget,
    /// The one annotation or link the note is on, with the note as written.
    pub file: AnnotationFile,
}

impl AppState {
    /// The sources whose annotations are not all on disk.
    pub fn unsaved(&self) -> Vec<SourceId> {
        SourceId::all(self.sources.len())
            .filter(|&i| self.sources[i].save != SaveState::Saved)
            .collect()
    }

    /// Carries out a leaving action: quitting, the quit prompt's and the offers' answers,
    /// and suspending.
    pub(super) fn leave(&mut self, action: Action) -> Effect {
        match action {
            Action::Quit => self.quit(),
            Action::QuitPending => {
                self.message = Some("saving… quitting once saved".into());
                Effect::None
            }
            Action::QuitAnswer(choice) => self.answer_quit(choice),
            Action::OfferAnswer(choice) => self.answer_offer(choice),
            Action::RecoveryWritten(results) => self.recovery_written(results),
            Action::KeptDone(result) => {
                self.kept_done(result);
                Effect::None
            }
            Action::Suspend => Effect::Suspend,
            _ => Effect::None,
        }
    }

    /// Quit when everything is saved; else ask (the quit prompt) and stay.
    pub(super) fn quit(&mut self) -> Effect {
        let unsaved = self.unsaved();
        let Some(&first) = unsaved.first() else {
            self.modes.remove(|o| matches!(o, Overlay::Quit(_)));
            return Effect::Quit;
        };
        let reason = unsaved
            .iter()
            .find_map(|&i| match &self.sources[i].save {
                SaveState::Failed(why) => Some(why.clone()),
                _ => None,
            })
            .unwrap_or_else(|| format!("{}: a save is under way", self.sources[first].name));
        self.modes.push(Overlay::Quit(reason));
        Effect::None
    }

    /// The answer to the quit prompt.
    pub(super) fn answer_quit(&mut self, choice: QuitChoice) -> Effect {
        if self.quit_prompt().is_none() {
            return Effect::None;
        }
        match choice {
            QuitChoice::Retry => {
                for source in self.unsaved() {
                    self.sources[source].save = SaveState::Saving;
                }
                Effect::RetrySaves
            }
            QuitChoice::WriteRecovery => Effect::WriteRecovery,
            QuitChoice::Stay => {
                self.modes.remove(|o| matches!(o, Overlay::Quit(_)));
                self.message = Some("not quit: the unsaved changes are kept in memory".into());
                Effect::None
            }
        }
    }

    /// The shell wrote recovery copies (one result per unsaved source): quit when every
    /// one was written, else say why and stay at the prompt.
    pub(super) fn recovery_written(&mut self, results: Vec<Result<PathBuf, String>>) -> Effect {
        let mut failed = Vec::new();
        for result in results {
            match result {
                Ok(path) => self.rescue.written.push(path),
                Err(e) => failed.push(e),
            }
        }
        if failed.is_empty() {
            return Effect::Quit;
        }
        let why = format!("recovery copy not written: {}", failed.join("; "));
        self.message = Some(why.clone());
        self.modes.push(Overlay::Quit(why));
        Effect::None
    }

    /// The answer to the first offer of a kept file.
    pub(super) fn answer_offer(&mut self, choice: OfferChoice) -> Effect {
        let Some(Overlay::Offer(offer)) = self.modes.remove(|o| matches!(o, Overlay::Offer(_)))
        else {
            return Effect::None;
        };
        match choice {
            OfferChoice::Take => {
                if !self.writable(offer.source) {
                    self.modes.push_offer(offer);
                    return Effect::None;
                }
                self.take(&offer);
                self.change(offer.source);
                Effect::TakeKept(offer.source, offer.path)
            }
            OfferChoice::SetAside => Effect::SetAside(offer.path),
            OfferChoice::Later => {
                self.message = Some(format!("offered again next time: {}", offer.path.display()));
                Effect::None
            }
        }
    }

    /// Merges a kept file into its source by id, as a merge with the file on disk does:
    /// what only one side has is kept; what both have, the later change wins (the kept
    /// copy's on a tie). Undo takes it back out.
    fn take(&mut self, offer: &Offer) {
        let source = offer.source;
        let ours = self.file_for_save(source);
        let base = AnnotationFile::new(ours.source.clone());
        // The kept copy goes first: changed on both sides within the same second (times
        // are kept to the second), its version wins.
        let merged = crate::store::merge(&base, &offer.file, &ours, &self.sources[source].deleted);
        let essays: Vec<std::sync::Arc<crate::essay::Essay>> = self
            .docs
            .iter()
            .filter(|d| d.source == source)
            .map(|d| std::sync::Arc::clone(&d.essay))
            .collect();
        // One undo step, made of the same changes any edit makes: undo takes it back out.
        self.remember(source);
        for placed in place(&merged, &essays) {
            match self.sources[source].index_of(&placed.annotation.id) {
                Some(i) if self.sources[source].items[i].annotation == placed.annotation => {}
                Some(i) => self.edit_item(source, i, |old| *old = placed),
                None => self.push_item(source, placed),
            }
        }
        for link in merged.links {
            let links = &self.sources[source].links;
            match links.iter().position(|l| l.id == link.id) {
                Some(i) if links[i] == link => {}
                Some(i) => self.edit_link(source, i, |old| *old = link),
                None => self.push_link(source, link),
            }
        }
    }

    /// The shell finished with a kept file: `Ok` or `Err` holds the words for the status line.
    pub(super) fn kept_done(&mut self, result: Result<String, String>) {
        self.message = Some(match result {
            Ok(done) | Err(done) => done,
        });
    }

    /// The note in the open editor, when it differs from what is saved, as a draft file for
    /// its source: the annotation (or link) it is on, carrying the note as written.
    pub fn note_draft(&self, stamp: Stamp) -> Option<NoteDraft> {
        let (now, mut stamp) = (stamp.now, stamp);
        let open = self.editor()?;
        let text = open.editor.text().trim_end().to_string();
        let note = (!text.trim().is_empty()).then_some(text);
        let tags = note.as_deref().map(hashtags).unwrap_or_default();
        let (source, annotations, links) = match &open.target {
            NoteTarget::Existing { source, id } => {
                let mut ann = (*self.sources[*source].placed(id)?.annotation).clone();
                if ann.note == note {
                    return None;
                }
                (ann.note, ann.tags, ann.modified) = (note, tags, now);
                (*source, vec![ann], Vec::new())
            }
            NoteTarget::Link { source, id } => {
                let mut link = self.sources[*source]
                    .links
                    .iter()
                    .find(|l| l.id == *id)?
                    .clone();
                if link.note == note {
                    return None;
                }
                (link.note, link.modified) = (note, now);
                (*source, Vec::new(), vec![link])
            }
            NoteTarget::New { doc, range } => {
                note.as_ref()?;
                let mut placed = self.new_annotation(*doc, *range, note, &mut stamp);
                std::sync::Arc::make_mut(&mut placed.annotation).tags = tags;
                let annotation = std::sync::Arc::unwrap_or_clone(placed.annotation);
                (self.docs[*doc].source, vec![annotation], Vec::new())
            }
        };
        let mut file = AnnotationFile::new(self.sources[source].disk.file.source.clone());
        file.annotations = annotations;
        file.links = links;
        Some(NoteDraft {
            source,
            target: open.target.clone(),
            file,
        })
    }

    /// [`AppState::note_draft`], reusing `last` (the draft of the step before) when it was
    /// on the same new passage: its anchor stays right, and is not worked out again at
    /// every key.
    pub fn refresh_draft(&self, last: Option<NoteDraft>, stamp: Stamp) -> Option<NoteDraft> {
        let now = stamp.now;
        let open = self.editor()?;
        match last {
            Some(mut draft)
                if draft.target == open.target
                    && matches!(draft.target, NoteTarget::New { .. }) =>
            {
                let text = open.editor.text().trim_end().to_string();
                if text.trim().is_empty() {
                    return None;
                }
                let ann = draft.file.annotations.first_mut()?;
                ann.tags = hashtags(&text);
                ann.note = Some(text);
                ann.modified = now;
                Some(draft)
            }
            _ => self.note_draft(stamp),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::EditorInput;
    use crate::anchor::Placement;
    use crate::essay::split;
    use crate::store::DiskState;

    const TEXT: &str =
        "Ledgers\n\nBy A Writer\n\nThe first sentence is here. The second one follows it.\n";

    fn state() -> AppState {
        let essays = split(TEXT, "ledgers");
        let docs = essays
            .into_iter()
            .map(|e| EssayDoc::new(e, SourceId(0)))
            .collect();
        let disk = DiskState {
            hash: None,
            file: AnnotationFile::new("ledgers.txt".into()),
        };
        let source = Source::new(
            "ledgers.txt".into(),
            "annotations/ledgers.json".into(),
            disk,
            Vec::new(),
            None,
            None,
        );
        let mut state = AppState::new(docs, vec![source], &[]);
        state.apply(Action::Resize(120, 40), crate::store::Stamp::fresh());
        state
    }

    fn fail(state: &mut AppState) {
        state.apply(
            Action::Saved(
                SourceId(0),
                Err("annotations/ledgers.json: disk full".into()),
            ),
            crate::store::Stamp::fresh(),
        );
    }

    #[test]
    fn quitting_with_everything_saved_quits() {
        let mut s = state();
        assert_eq!(
            s.apply(Action::Quit, crate::store::Stamp::fresh()),
            Effect::Quit
        );
        assert!(s.quit_prompt().is_none());
    }

    #[test]
    fn quitting_after_a_failed_save_asks_and_esc_stays() {
        let mut s = state();
        fail(&mut s);
        assert_eq!(
            s.apply(Action::Quit, crate::store::Stamp::fresh()),
            Effect::None
        );
        let prompt = s
            .quit_prompt()
            .map(str::to_string)
            .expect("the quit prompt");
        assert!(prompt.contains("disk full"), "{prompt}");
        assert_eq!(
            s.apply(
                Action::QuitAnswer(QuitChoice::Stay),
                crate::store::Stamp::fresh()
            ),
            Effect::None
        );
        assert!(s.quit_prompt().is_none());
        // Still not saved: asked again.
        s.apply(Action::Quit, crate::store::Stamp::fresh());
        assert!(s.quit_prompt().is_some());
    }

    #[test]
    fn the_prompt_asks_the_shell_to_retry_or_write_a_copy() {
        let mut s = state();
        fail(&mut s);
        s.apply(Action::Quit, crate::store::Stamp::fresh());
        assert_eq!(
            s.apply(
                Action::QuitAnswer(QuitChoice::Retry),
                crate::store::Stamp::fresh()
            ),
            Effect::RetrySaves
        );
        // A save that now works marks the source saved, and quitting then quits.
        assert_eq!(s.sources[0].save, SaveState::Saving);
        let saved = crate::store::Saved {
            disk: (*s.sources[0].disk).clone(),
            merged: false,
        };
        s.apply(
            Action::Saved(SourceId(0), Ok(saved)),
            crate::store::Stamp::fresh(),
        );
        assert_eq!(
            s.apply(Action::Quit, crate::store::Stamp::fresh()),
            Effect::Quit
        );
        fail(&mut s);
        s.apply(Action::Quit, crate::store::Stamp::fresh());
        assert_eq!(
            s.apply(
                Action::QuitAnswer(QuitChoice::WriteRecovery),
                crate::store::Stamp::fresh()
            ),
            Effect::WriteRecovery
        );
        // A copy that could not be written: said, and the prompt stays.
        let effect = s.apply(
            Action::RecoveryWritten(vec![Err("read-only file system".into())]),
            crate::store::Stamp::fresh(),
        );
        assert_eq!(effect, Effect::None);
        assert!(s.quit_prompt().unwrap().contains("read-only"));
        let effect = s.apply(
            Action::RecoveryWritten(vec![Ok("x.recovery-1".into())]),
            crate::store::Stamp::fresh(),
        );
        assert_eq!(effect, Effect::Quit);
        assert_eq!(s.rescue.written, vec![PathBuf::from("x.recovery-1")]);
    }

    #[test]
    fn a_saving_source_also_asks() {
        let mut s = state();
        s.sources[0].save = SaveState::Saving;
        assert_eq!(
            s.apply(Action::Quit, crate::store::Stamp::fresh()),
            Effect::None
        );
        assert!(s.quit_prompt().unwrap().contains("under way"));
    }

    fn write_note(s: &mut AppState, text: &str) {
        s.apply(Action::EditNote, crate::store::Stamp::fresh());
        assert!(s.editor().is_some(), "the editor opens");
        for c in text.chars() {
            s.apply(
                Action::Editor(EditorInput::Char(c)),
                crate::store::Stamp::fresh(),
            );
        }
    }

    #[test]
    fn a_draft_holds_the_new_note_and_a_kept_draft_brings_it_back() {
        let mut s = state();
        assert!(s.note_draft(crate::store::Stamp::fresh()).is_none());
        write_note(&mut s, "kept #draft");
        let draft = s.note_draft(crate::store::Stamp::fresh()).expect("a draft");
        assert_eq!(draft.source, SourceId(0));
        // Refreshed after another key, the draft keeps its id and anchor.
        s.apply(
            Action::Editor(EditorInput::Char('!')),
            crate::store::Stamp::fresh(),
        );
        let draft = s
            .refresh_draft(Some(draft.clone()), crate::store::Stamp::fresh())
            .map_or_else(
                || panic!("no draft"),
                |d| {
                    assert_eq!(d.file.annotations[0].id, draft.file.annotations[0].id);
                    d
                },
            );
        let ann = &draft.file.annotations[0];
        assert_eq!(ann.note.as_deref(), Some("kept #draft!"));
        assert_eq!(ann.tags, vec!["draft".to_string()]);
        assert_eq!(
            s.note_draft(crate::store::Stamp::fresh())
                .unwrap()
                .file
                .annotations[0]
                .note,
            ann.note
        );

        // A new session is offered the draft, and taking it makes the highlight.
        let mut fresh = state();
        fresh.offer_kept(
            vec![Offer {
                source: SourceId(0),
                path: "annotations/ledgers.json.draft-1".into(),
                kind: Kept::Draft,
                file: draft.file.clone(),
            }],
            &[],
        );
        let effect = fresh.apply(
            Action::OfferAnswer(OfferChoice::Take),
            crate::store::Stamp::fresh(),
        );
        assert_eq!(
            effect,
            Effect::TakeKept(SourceId(0), "annotations/ledgers.json.draft-1".into())
        );
        assert!(fresh.offer().is_none());
        assert_eq!(fresh.sources[0].items.len(), 1);
        assert_eq!(*fresh.sources[0].items[0].annotation, *ann);
        assert!(matches!(
            fresh.sources[0].items[0].placement,
            Placement::Exact(_)
        ));
        assert_eq!(fresh.sources[0].save, SaveState::Saving);
        // Undo takes it back out.
        fresh.apply(Action::Undo, crate::store::Stamp::fresh());
        assert!(fresh.sources[0].items.is_empty());
    }

    #[test]
    fn an_unchanged_note_is_no_draft_and_an_edited_one_is() {
        let mut s = state();
        write_note(&mut s, "first");
        s.apply(Action::EditorClose, crate::store::Stamp::fresh());
        s.apply(
            Action::Saved(SourceId(0), Err("x".into())),
            crate::store::Stamp::fresh(),
        );
        s.apply(Action::EditNote, crate::store::Stamp::fresh());
        assert!(s.editor().is_some());
        assert!(
            s.note_draft(crate::store::Stamp::fresh()).is_none(),
            "nothing changed yet"
        );
        s.apply(
            Action::Editor(EditorInput::Char('!')),
            crate::store::Stamp::fresh(),
        );
        let draft = s.note_draft(crate::store::Stamp::fresh()).expect("a draft");
        assert_eq!(draft.file.annotations[0].note.as_deref(), Some("first!"));
        assert_eq!(
            draft.file.annotations[0].id,
            s.sources[0].items[0].annotation.id
        );
    }

    #[test]
    fn a_kept_copy_wins_a_tie_with_what_is_shown() {
        let mut s = state();
        write_note(&mut s, "shown");
        s.apply(Action::EditorClose, crate::store::Stamp::fresh());
        let mut kept = s.file_for_save(SourceId(0));
        kept.annotations[0].note = Some("kept".into());
        s.offer_kept(
            vec![Offer {
                source: SourceId(0),
                path: "k".into(),
                kind: Kept::Recovery,
                file: kept,
            }],
            &[],
        );
        s.apply(
            Action::OfferAnswer(OfferChoice::Take),
            crate::store::Stamp::fresh(),
        );
        assert_eq!(s.sources[0].items.len(), 1);
        assert_eq!(
            s.sources[0].items[0].annotation.note.as_deref(),
            Some("kept")
        );
    }

    #[test]
    fn an_offer_set_aside_or_left_for_later_changes_nothing() {
        let mut s = state();
        let offer = Offer {
            source: SourceId(0),
            path: "k".into(),
            kind: Kept::Recovery,
            file: AnnotationFile::new("ledgers.txt".into()),
        };
        s.offer_kept(vec![offer.clone(), offer], &[]);
        assert_eq!(
            s.apply(
                Action::OfferAnswer(OfferChoice::SetAside),
                crate::store::Stamp::fresh()
            ),
            Effect::SetAside("k".into())
        );
        assert_eq!(
            s.apply(
                Action::OfferAnswer(OfferChoice::Later),
                crate::store::Stamp::fresh()
            ),
            Effect::None
        );
        assert!(s.offer().is_none());
        assert!(s.message.as_deref().unwrap().contains("next time"));
        assert_eq!(s.sources[0].save, SaveState::Saved);
    }
}
