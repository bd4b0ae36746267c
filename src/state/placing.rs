//! Placing stored annotations in the essays as they are now.

use std::collections::HashMap;

use super::Placed;
use crate::anchor::{Placement, anchor_all, resolve_all};
use crate::essay::Essay;
use crate::range::TextRange;
use crate::store::AnnotationFile;

/// Which current essay each essay id of the file refers to.
///
/// By id first; else by the recorded fingerprint (a renamed title, the same text); else
/// by content: the essay in which most of that id's quotes occur.
fn essay_for_ids(file: &AnnotationFile, essays: &[Essay]) -> HashMap<String, usize> {
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
        let texts: Vec<String> = essays.iter().map(Essay::text).collect();
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
pub fn place(file: &AnnotationFile, essays: &[Essay]) -> Vec<Placed> {
    let essay_of = essay_for_ids(file, essays);
    // Resolve each essay's anchors together: the text and its index are built once.
    let mut placements = vec![Placement::Orphaned; file.annotations.len()];
    for (e, essay) in essays.iter().enumerate() {
        let mine: Vec<usize> = (0..file.annotations.len())
            .filter(|&i| essay_of.get(&file.annotations[i].essay) == Some(&e))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let anchors: Vec<&crate::annotation::Anchor> =
            mine.iter().map(|&i| &file.annotations[i].anchor).collect();
        for (&i, placement) in mine.iter().zip(resolve_all(essay, &anchors)) {
            placements[i] = placement;
        }
    }
    let mut placed: Vec<Placed> = file
        .annotations
        .iter()
        .zip(placements)
        .map(|(ann, placement)| {
            let mut annotation = ann.clone();
            if let Some(&e) = essay_of.get(&ann.essay) {
                annotation.essay = essays[e].id.clone();
            }
            Placed {
                annotation,
                placement,
            }
        })
        .collect();
    // Anchors of annotations that really moved are made afresh, per essay in one batch:
    // one index of the text serves them all (after an edit near the top, that is most).
    for (e, essay) in essays.iter().enumerate() {
        let moved: Vec<(usize, TextRange)> = placed
            .iter()
            .enumerate()
            .filter(|(i, _)| essay_of.get(&file.annotations[*i].essay) == Some(&e))
            .filter_map(|(i, p)| match p.placement {
                Placement::Exact(r)
                    if (r.start(), r.end())
                        != (p.annotation.anchor.start, p.annotation.anchor.end) =>
                {
                    Some((i, r))
                }
                _ => None,
            })
            .collect();
        if moved.is_empty() {
            continue;
        }
        let ranges: Vec<TextRange> = moved.iter().map(|&(_, r)| r).collect();
        for ((i, _), anchor) in moved.into_iter().zip(anchor_all(essay, &ranges)) {
            let old = &mut placed[i].annotation.anchor;
            let extra = std::mem::take(&mut old.extra);
            *old = anchor;
            old.extra = extra;
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
            id: format!("a-{which}"),
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
        file.essays = essays
            .iter()
            .map(|e| EssayRecord {
                id: e.id.clone(),
                title: e.title.clone(),
                fingerprint: e.fingerprint.clone(),
                extra: Default::default(),
            })
            .collect();
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
