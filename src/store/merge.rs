//! Saving over a file that changed on disk: detect the change by content, merge by id.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::{AnnotationFile, StoreError, atomic, to_pretty_json};
use crate::annotation::{Annotation, Link};

/// What marginalia last knew of the annotations file on disk: the base of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskState {
    /// SHA-256 of the file's bytes, or `None` when there was no file.
    pub hash: Option<String>,
    /// The file as it was then.
    pub file: AnnotationFile,
}

/// The result of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// What is on disk now, and the base for the next save.
    pub disk: DiskState,
    /// Whether changes made on disk by someone else were merged in.
    pub merged: bool,
}

pub(super) fn hash(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Reads the file with its content hash; `Ok(None)` when there is none. Never writes.
pub fn load_disk(path: &Path) -> Result<Option<DiskState>, StoreError> {
    let bytes = match super::regular::read_regular(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, "read", e)),
    };
    let file = super::parse_checked(path, &bytes)?;
    Ok(Some(DiskState {
        hash: Some(hash(&bytes)),
        file,
    }))
}

/// Saves `ours`, first merging whatever was changed on disk since `known` was read.
///
/// The change is detected by content (a hash of the bytes), not by time stamps. A file on
/// disk that cannot be read, that a newer version wrote, or that is marked read-only
/// (see [`super::marked_read_only`]) is never overwritten: the save fails and says why. Ids in `deleted` (removed in this session) are never brought
/// back by a merge.
pub fn save_merging(
    path: &Path,
    known: &DiskState,
    ours: &AnnotationFile,
    deleted: &BTreeSet<String>,
) -> Result<Saved, StoreError> {
    save_merging_owned(path, known, ours.clone(), deleted)
}

/// [`save_merging`] of a file made for the save: kept as the new base without a copy.
pub fn save_merging_owned(
    path: &Path,
    known: &DiskState,
    ours: AnnotationFile,
    deleted: &BTreeSet<String>,
) -> Result<Saved, StoreError> {
    if let Some(why) = super::marked_read_only(path) {
        return Err(StoreError::io(
            path,
            "overwrite",
            std::io::Error::other(format!("{why}; not overwritten")),
        ));
    }
    // The file is parsed only when it changed since it was read or written: a save of
    // many annotations then costs one serialisation, not a parse of the old file too.
    let current = match super::regular::read_regular(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(StoreError::io(path, "read", e)),
    };
    let changed = current.filter(|bytes| known.hash.as_deref() != Some(hash(bytes).as_str()));
    let (file, merged) = match changed {
        Some(bytes) => {
            let theirs = super::parse_checked(path, &bytes)?;
            if theirs.is_newer() {
                return Err(StoreError::io(
                    path,
                    "overwrite",
                    std::io::Error::other(format!(
                        "a newer version of marginalia wrote it (version {}); not overwritten",
                        theirs.version
                    )),
                ));
            }
            (merge(&known.file, &ours, &theirs, deleted), true)
        }
        None => (ours, false),
    };
    let bytes = to_pretty_json(path, &file)?;
    atomic::write_atomic(path, &bytes, atomic::Onto::LinkedFile)?;
    Ok(Saved {
        disk: DiskState {
            hash: Some(hash(&bytes)),
            file,
        },
        merged,
    })
}

/// Something merged by id, the later change winning.
trait Item: Clone + PartialEq {
    fn id(&self) -> &str;
    fn modified(&self) -> chrono::DateTime<chrono::Utc>;
    fn created(&self) -> chrono::DateTime<chrono::Utc>;
}

impl Item for Annotation {
    fn id(&self) -> &str {
        &self.id
    }
    fn modified(&self) -> chrono::DateTime<chrono::Utc> {
        self.modified
    }
    fn created(&self) -> chrono::DateTime<chrono::Utc> {
        self.created
    }
}

impl Item for Link {
    fn id(&self) -> &str {
        &self.id
    }
    fn modified(&self) -> chrono::DateTime<chrono::Utc> {
        self.modified
    }
    fn created(&self) -> chrono::DateTime<chrono::Utc> {
        self.created
    }
}

/// Three-way merge of one list by id (see [`merge`]).
fn merge_items<T: Item>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    deleted: &BTreeSet<String>,
) -> Vec<T> {
    let by_id = |items: &[T]| -> HashMap<String, T> {
        items
            .iter()
            .map(|a| (a.id().to_string(), a.clone()))
            .collect()
    };
    let (b, o, t) = (by_id(base), by_id(ours), by_id(theirs));
    // Every id once, ours first, in order: a set to look them up, not a scan per item.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut ids: Vec<String> = Vec::new();
    for items in [ours, theirs] {
        for a in items {
            if seen.insert(a.id()) {
                ids.push(a.id().to_string());
            }
        }
    }
    let mut out: Vec<T> = Vec::new();
    for id in ids {
        if deleted.contains(&id) {
            continue;
        }
        let chosen = match (b.get(&id), o.get(&id), t.get(&id)) {
            (Some(base), Some(o), None) => {
                // They deleted it: keep it only if we changed it since.
                (o != base).then(|| o.clone())
            }
            (Some(base), None, Some(t)) => {
                // We deleted it: keep it only if they changed it since.
                (t != base).then(|| t.clone())
            }
            (base, Some(o), Some(t)) => Some(if Some(o) == base {
                t.clone()
            } else if Some(t) == base || o.modified() >= t.modified() {
                o.clone()
            } else {
                t.clone()
            }),
            (_, Some(x), None) | (_, None, Some(x)) => Some(x.clone()),
            (_, None, None) => None,
        };
        out.extend(chosen);
    }
    out.sort_by_key(Item::created);
    out
}

/// Three-way merge of annotations and links by id.
///
/// An item changed on one side only takes that side's version; changed on both, the
/// later `modified` wins (ours on a tie). Deleted on one side and untouched on the
/// other, it stays deleted; deleted by us in this session (`deleted`), it never comes
/// back. New on either side, it is kept. The result is in creation order; a link whose
/// highlight is gone is dropped with it (of a link to another file, only the highlight
/// kept in this file counts).
pub fn merge(
    base: &AnnotationFile,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
    deleted: &BTreeSet<String>,
) -> AnnotationFile {
    let mut file = ours.clone();
    file.annotations = merge_items(
        &base.annotations,
        &ours.annotations,
        &theirs.annotations,
        deleted,
    );
    let links = merge_items(&base.links, &ours.links, &theirs.links, deleted);
    let kept: std::collections::HashSet<&str> =
        file.annotations.iter().map(|a| a.id.as_str()).collect();
    let has = |id: &str| kept.contains(id);
    // A link to another file keeps only its end in this file here.
    file.links = links
        .into_iter()
        .filter(|l| l.local_ends().all(|id| has(id)))
        .collect();
    for (key, value) in &theirs.extra {
        file.extra
            .entry(key.clone())
            .or_insert_with(|| value.clone());
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Anchor, Colour};
    use chrono::{TimeZone, Utc};

    fn ann(id: &str, note: &str, minute: u32) -> Annotation {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, minute, 0).unwrap();
        Annotation {
            id: id.into(),
            essay: "e".into(),
            anchor: Anchor {
                quote: "q".into(),
                prefix: String::new(),
                suffix: String::new(),
                start: 0,
                end: 1,
                fingerprint: String::new(),
                extra: Default::default(),
            },
            colour: Colour::Yellow,
            note: Some(note.into()),
            tags: vec![],
            created: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, minute).unwrap(),
            modified: t,
            extra: Default::default(),
        }
    }

    fn file(items: &[Annotation]) -> AnnotationFile {
        let mut f = AnnotationFile::new("s.txt".into());
        f.annotations = items.to_vec();
        f
    }

    fn notes(f: &AnnotationFile) -> Vec<(String, String)> {
        f.annotations
            .iter()
            .map(|a| (a.id.to_string(), a.note.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn both_sides_add_and_edit() {
        let base = file(&[ann("a", "base", 0), ann("b", "base", 0)]);
        let ours = file(&[
            ann("a", "ours", 5),
            ann("b", "base", 0),
            ann("c", "new ours", 6),
        ]);
        let theirs = file(&[
            ann("a", "base", 0),
            ann("b", "theirs", 7),
            ann("d", "new theirs", 3),
        ]);
        let merged = merge(&base, &ours, &theirs, &BTreeSet::new());
        let mut got = notes(&merged);
        got.sort();
        assert_eq!(
            got,
            [
                ("a", "ours"),
                ("b", "theirs"),
                ("c", "new ours"),
                ("d", "new theirs")
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn both_edit_the_same_later_wins() {
        let base = file(&[ann("a", "base", 0)]);
        let ours = file(&[ann("a", "ours", 5)]);
        let theirs = file(&[ann("a", "theirs", 9)]);
        assert_eq!(
            notes(&merge(&base, &ours, &theirs, &BTreeSet::new()))[0].1,
            "theirs"
        );
        let theirs = file(&[ann("a", "theirs", 2)]);
        assert_eq!(
            notes(&merge(&base, &ours, &theirs, &BTreeSet::new()))[0].1,
            "ours"
        );
    }

    #[test]
    fn deletions_are_not_brought_back() {
        let base = file(&[ann("a", "base", 0), ann("b", "base", 0)]);
        // We deleted a; they deleted b.
        let ours = file(&[ann("b", "base", 0)]);
        let theirs = file(&[ann("a", "base", 0)]);
        assert!(
            merge(&base, &ours, &theirs, &BTreeSet::new())
                .annotations
                .is_empty()
        );
        // A file restored from before our deletion does not resurrect it.
        let restored = file(&[ann("a", "base", 0), ann("b", "base", 0), ann("x", "old", 0)]);
        let deleted: BTreeSet<String> = ["x".to_string()].into();
        let merged = merge(&file(&[]), &file(&[]), &restored, &deleted);
        assert_eq!(notes(&merged).len(), 2);
    }

    #[test]
    fn save_merging_detects_a_hand_edit_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        let base = file(&[ann("a", "base", 0)]);
        super::super::save(&path, &base).unwrap();
        let known = load_disk(&path).unwrap().unwrap();
        // Someone adds an annotation by hand.
        super::super::save(&path, &file(&[ann("a", "base", 0), ann("h", "by hand", 1)])).unwrap();
        let ours = file(&[ann("a", "ours", 5)]);
        let saved = save_merging(&path, &known, &ours, &BTreeSet::new()).unwrap();
        assert!(saved.merged);
        let on_disk = super::super::load(&path).unwrap().unwrap();
        assert_eq!(notes(&on_disk).len(), 2);
        assert_eq!(on_disk, saved.disk.file);
        // Saving again with nothing changed on disk is a plain save.
        let again = save_merging(&path, &saved.disk, &saved.disk.file, &BTreeSet::new()).unwrap();
        assert!(!again.merged);
    }

    #[test]
    fn an_unreadable_file_on_disk_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"{ broken").unwrap();
        let known = DiskState {
            hash: None,
            file: file(&[]),
        };
        let err = save_merging(&path, &known, &file(&[ann("a", "x", 0)]), &BTreeSet::new());
        assert!(err.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"{ broken");
    }

    #[test]
    fn both_edit_at_the_same_second_ours_wins() {
        // The documented rule: changed on both sides with equal `modified`, ours is kept.
        let base = file(&[ann("a", "base", 0)]);
        let ours = file(&[ann("a", "ours", 5)]);
        let theirs = file(&[ann("a", "theirs", 5)]);
        let merged = merge(&base, &ours, &theirs, &BTreeSet::new());
        assert_eq!(notes(&merged), [("a".to_string(), "ours".to_string())]);
        // The same for links.
        let link = |note: &str| Link {
            id: "l".into(),
            from: "a".into(),
            to: "a".into(),
            relation: crate::annotation::Relation::Supports,
            note: Some(note.into()),
            other: None,
            created: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            modified: Utc.with_ymd_and_hms(2026, 1, 1, 0, 5, 0).unwrap(),
            extra: Default::default(),
        };
        let with = |f: &AnnotationFile, l: Link| AnnotationFile {
            links: vec![l],
            ..f.clone()
        };
        let mut base_link = link("base");
        base_link.modified = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let merged = merge(
            &with(&base, base_link),
            &with(&ours, link("ours")),
            &with(&theirs, link("theirs")),
            &BTreeSet::new(),
        );
        assert_eq!(merged.links[0].note.as_deref(), Some("ours"));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_marked_read_only_is_not_overwritten() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        super::super::save(&path, &file(&[ann("a", "base", 0)])).unwrap();
        let known = load_disk(&path).unwrap().unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let err =
            save_merging(&path, &known, &file(&[ann("a", "x", 1)]), &BTreeSet::new()).unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with(&path.display().to_string())
                && message.contains("marked read-only (mode 444)"),
            "{message}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    fn cross(id: &str, local: &str, away: &str, note: &str, minute: u32) -> Link {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, minute, 0).unwrap();
        let other = crate::annotation::OtherEnd {
            source: "b.txt".into(),
            path: "/texts/b.txt".into(),
            essay: crate::annotation::OtherEssay {
                id: "b".into(),
                title: "B".into(),
                fingerprint: "sha256:b".into(),
                extra: Default::default(),
            },
            highlight: away.into(),
            anchor: ann(away, "", 0).anchor,
            extra: Default::default(),
        };
        Link {
            id: id.into(),
            from: local.into(),
            to: away.into(),
            relation: crate::annotation::Relation::Contradicts,
            note: Some(note.into()),
            other: Some(other),
            created: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 1).unwrap(),
            modified: t,
            extra: Default::default(),
        }
    }

    #[test]
    fn a_link_to_another_file_merges_by_id_and_keeps_its_other_end() {
        let with = |items: &[Annotation], links: Vec<Link>| AnnotationFile {
            links,
            ..file(items)
        };
        // Its other end ("z") is in another file: the link is not dropped for lack of it.
        let base = with(&[ann("a", "base", 0)], vec![]);
        let ours = with(
            &[ann("a", "base", 0)],
            vec![cross("k", "a", "z", "ours", 5)],
        );
        let theirs = with(&[ann("a", "theirs", 3), ann("h", "new", 4)], vec![]);
        let merged = merge(&base, &ours, &theirs, &BTreeSet::new());
        assert_eq!(merged.links, vec![cross("k", "a", "z", "ours", 5)]);
        assert_eq!(merged.annotations.len(), 2);
        // Its note changed on both sides: the later wins, the other end as it was.
        let theirs = with(
            &[ann("a", "base", 0)],
            vec![cross("k", "a", "z", "theirs", 9)],
        );
        let base = with(
            &[ann("a", "base", 0)],
            vec![cross("k", "a", "z", "base", 1)],
        );
        let merged = merge(&base, &ours, &theirs, &BTreeSet::new());
        assert_eq!(merged.links[0].note.as_deref(), Some("theirs"));
        assert_eq!(merged.links[0].other, cross("k", "a", "z", "", 0).other);
        // Removed here (a tombstone): a merge does not bring it back.
        let deleted: BTreeSet<String> = ["k".to_string()].into();
        let merged = merge(
            &base,
            &with(&[ann("a", "base", 0)], vec![]),
            &theirs,
            &deleted,
        );
        assert!(merged.links.is_empty());
        // Its highlight here deleted by them: it goes with it.
        let theirs = with(&[], vec![cross("k", "a", "z", "base", 1)]);
        let merged = merge(&base, &base, &theirs, &BTreeSet::new());
        assert!(merged.links.is_empty() && merged.annotations.is_empty());
    }
}
