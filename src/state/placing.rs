//! Placing stored annotations in the essays as they are now.

use std::borrow::Borrow;
use std::collections::HashMap;

use super::Placed;
use crate::anchor::{EssayIndex, Placement};
use crate::essay::Essay;
use crate::store::AnnotationFile;

/// Which current essay each essay id of the file refers to.
///
/// By id first; else by the recorded fingerprint (a renamed title, the same text); else
/// by content: the essay in which most of that id's quotes occur.
fn essay_for_ids<E: Borrow<Essay>>(file: &AnnotationFile, essays: &[E]) -> HashMap<String, usize> {
    let essays: Vec<&Essay> = essays.iter().map(Borrow::borrow).collect();
    let mut map = HashMap::new();
    for ann in &file.annotations {
        if map.contains_key(&ann.essay) {
            continue;
        }
        if let Some(i) = essays.iter().position(|e| e.id == ann.essay) {
            map.insert(ann.essay.clone(), i);
            continue;
        }
        let record = file.essays.iter().find(|r| r.id == ann.essay);
        if let Some(i) =
            record.and_then(|r| essays.iter().position(|e| e.fingerprint == r.fingerprint))
        {
            map.insert(ann.essay.clone(), i);
            continue;
        }
        let texts: Vec<String> = essays.iter().map(|e| e.text()).collect();
        let quotes: Vec<&str> = file
            .annotations
            .iter()
            .filter(|a| a.essay == ann.essay && !a.anchor.quote.is_empty())
            .map(|a| a.anchor.quote.as_str())
            .collect();
        let best = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (quotes.iter().filter(|q| t.contains(**q)).count(), i))
            .filter(|&(n, _)| n > 0)
            .max_by_key(|&(n, i)| (n, std::cmp::Reverse(i)));
        if let Some((_, i)) = best {
            map.insert(ann.essay.clone(), i);
        }
    }
    map
}

/// Places every annotation of `file` in `essays`.
///
/// An annotation whose essay was renamed is moved to the essay's new id. One found at
/// other offsets than stored gets its anchor rewritten, since it really moved; all
/// others keep their stored anchor byte for byte. None is dropped: one that cannot be
/// found is `Orphaned`.
pub fn place<E: Borrow<Essay>>(file: &AnnotationFile, essays: &[E]) -> Vec<Placed> {
    let essay_of = essay_for_ids(file, essays);
    // Annotations grouped by essay, each essay indexed once for finding and re-anchoring.
    let mut by_essay: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, ann) in file.annotations.iter().enumerate() {
        if let Some(&e) = essay_of.get(&ann.essay) {
            by_essay.entry(e).or_default().push(i);
        }
    }
    let mut placed: Vec<Placed> = file
        .annotations
        .iter()
        .map(|ann| Placed {
            annotation: std::sync::Arc::new(ann.clone()),
            placement: Placement::Orphaned,
        })
        .collect();
    let mut groups: Vec<(usize, Vec<usize>)> = by_essay.into_iter().collect();
    groups.sort_unstable();
    for (e, mut mine) in groups {
        let essay: &Essay = essays[e].borrow();
        let index = EssayIndex::new(essay);
        // In reading order, so that one edit's shift carries to the annotations after it.
        mine.sort_by_key(|&i| file.annotations[i].anchor.start);
        let mut shift = 0isize;
        for i in mine {
            let p = &mut placed[i];
            p.placement = index.resolve_shifted(&p.annotation.anchor, shift);
            if let Placement::Exact(r) = p.placement {
                shift = r.start() as isize - p.annotation.anchor.start as isize;
            }
            let ann = std::sync::Arc::make_mut(&mut p.annotation);
            ann.essay = essay.id.clone();
            // An annotation that really moved gets its anchor made afresh there.
            if let Placement::Exact(r) = p.placement
                && (r.start(), r.end()) != (ann.anchor.start, ann.anchor.end)
            {
                ann.anchor = index.moved(&ann.anchor, r);
            }
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::anchor_for;
    use crate::essay::split;
    use crate::range::TextRange;
    use crate::store::EssayRecord;

    const TEXT: &str = "First Title\n\nBy Some One\n\nA sentence of the first essay is here.\n\n\nSecond Title\n\nBy Some One\n\nThe second essay has its own sentence.\n";

    fn annotate(essays: &[Essay], which: usize, quote: &str) -> crate::annotation::Annotation {
        let e = &essays[which];
        let at = e.text().find(quote).expect("quote in essay");
        let start = e.text()[..at].chars().count();
        let range = TextRange::new(start, start + quote.chars().count()).unwrap();
        crate::annotation::Annotation {
            id: format!("a-{which}").into(),
            essay: e.id.clone(),
            anchor: anchor_for(e, range),
            colour: Default::default(),
            note: None,
            tags: vec![],
            created: crate::store::now(),
            modified: crate::store::now(),
            extra: Default::default(),
        }
    }

    #[test]
    fn essays_are_found_again_after_a_title_change() {
        let essays = split(TEXT, "t");
        let mut file = AnnotationFile::new("t.txt".into());
        file.essays = essays.iter().map(EssayRecord::of).collect();
        file.annotations = vec![annotate(&essays, 1, "its own sentence")];
        let renamed = split(&TEXT.replace("Second Title", "A Better Second Title"), "t");
        assert_ne!(renamed[1].id, essays[1].id);
        let placed = place(&file, &renamed);
        assert_eq!(placed[0].annotation.essay, renamed[1].id);
        assert!(matches!(placed[0].placement, Placement::Exact(_)));
        let r = placed[0].placement.range().unwrap();
        assert_eq!(renamed[1].slice(r.start(), r.end()), "its own sentence");
    }

    #[test]
    fn annotations_moved_by_an_edit_get_fresh_anchors_and_keep_their_extra_fields() {
        let essays = split(TEXT, "t");
        let mut file = AnnotationFile::new("t.txt".into());
        let mut first = annotate(&essays, 0, "first essay");
        first
            .anchor
            .extra
            .insert("kept".into(), serde_json::json!(1));
        let mut second = annotate(&essays, 0, "A sentence");
        second.id = "a-second".into();
        file.annotations = vec![first, second];
        let edited = split(
            &TEXT.replace(
                "By Some One\n\nA sentence",
                "By Some One\n\nNew words.\n\nA sentence",
            ),
            "t",
        );
        assert_eq!(edited[0].id, essays[0].id);
        let placed = place(&file, &edited);
        for (p, quote) in placed.iter().zip(["first essay", "A sentence"]) {
            let Placement::Exact(r) = p.placement else {
                panic!("{quote} not found exactly: {:?}", p.placement);
            };
            assert_eq!(edited[0].slice(r.start(), r.end()), quote);
            let mut expected = anchor_for(&edited[0], r);
            expected.extra = p.annotation.anchor.extra.clone();
            assert_eq!(p.annotation.anchor, expected);
        }
        assert_eq!(placed[0].annotation.anchor.extra["kept"], 1);
    }

    #[test]
    fn a_shared_shift_never_moves_an_annotation_to_the_wrong_copy() {
        // The same sentence twice; each highlighted copy must stay itself after an edit
        // above both, and after an edit between them (two different shifts).
        let text = "Title Here\n\nBy Some One\n\nFirst part. The same words again. End one.\n\nSecond part. The same words again. End two.\n";
        let essays = split(text, "t");
        let e = &essays[0];
        let full = e.text();
        let first = full.find("The same").unwrap();
        let second = full.rfind("The same").unwrap();
        let range_at = |b: usize| {
            let start = full[..b].chars().count();
            TextRange::new(start, start + "The same words again.".len()).unwrap()
        };
        let mut file = AnnotationFile::new("t.txt".into());
        for (n, b) in [first, second].into_iter().enumerate() {
            let mut ann = annotate(&essays, 0, "First part.");
            ann.id = format!("a-{n}").into();
            ann.anchor = anchor_for(e, range_at(b));
            file.annotations.push(ann);
        }
        for edited in [
            text.replace(
                "By Some One\n\n",
                "By Some One\n\nA new opening paragraph.\n\n",
            ),
            text.replace("End one.", "End one, now longer than it was."),
        ] {
            let now = split(&edited, "t");
            let placed = place(&file, &now);
            let t = now[0].text();
            let copies: Vec<usize> = t
                .match_indices("The same")
                .map(|(b, _)| t[..b].chars().count())
                .collect();
            let starts: Vec<usize> = placed
                .iter()
                .map(|p| p.placement.range().unwrap().start())
                .collect();
            assert_eq!(
                starts, copies,
                "each annotation on its own copy in {edited:?}"
            );
        }
    }

    #[test]
    fn an_unknown_essay_leaves_the_annotation_orphaned_not_dropped() {
        let essays = split(TEXT, "t");
        let mut file = AnnotationFile::new("t.txt".into());
        let mut ann = annotate(&essays, 0, "first essay");
        ann.essay = "gone".into();
        ann.anchor.quote = "text that is nowhere".into();
        file.annotations = vec![ann];
        let placed = place(&file, &essays);
        assert_eq!(placed.len(), 1);
        assert_eq!(placed[0].placement, Placement::Orphaned);
    }
}
