//! Indexing the app's sources and essays by their ids ([`SourceId`], [`DocId`]), so that
//! `sources[id]` and `docs[id]` read as plain indexing does, and neither id can be taken
//! for the other or for a pane.

use std::ops::{Index, IndexMut};

use super::{EssayDoc, Source};
pub use crate::store::{DocId, SourceId};

impl Index<SourceId> for [Source] {
    type Output = Source;
    fn index(&self, id: SourceId) -> &Source {
        &self[id.0]
    }
}

impl IndexMut<SourceId> for [Source] {
    fn index_mut(&mut self, id: SourceId) -> &mut Source {
        &mut self[id.0]
    }
}

impl Index<SourceId> for Vec<Source> {
    type Output = Source;
    fn index(&self, id: SourceId) -> &Source {
        &self[id.0]
    }
}

impl IndexMut<SourceId> for Vec<Source> {
    fn index_mut(&mut self, id: SourceId) -> &mut Source {
        &mut self[id.0]
    }
}

impl Index<DocId> for [EssayDoc] {
    type Output = EssayDoc;
    fn index(&self, id: DocId) -> &EssayDoc {
        &self[id.0]
    }
}

impl IndexMut<DocId> for [EssayDoc] {
    fn index_mut(&mut self, id: DocId) -> &mut EssayDoc {
        &mut self[id.0]
    }
}

impl Index<DocId> for Vec<EssayDoc> {
    type Output = EssayDoc;
    fn index(&self, id: DocId) -> &EssayDoc {
        &self[id.0]
    }
}

impl IndexMut<DocId> for Vec<EssayDoc> {
    fn index_mut(&mut self, id: DocId) -> &mut EssayDoc {
        &mut self[id.0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::{BlockKind, Essay};
    use crate::store::{AnnotationFile, DiskState};

    #[test]
    fn ids_index_the_lists_they_name() {
        let doc = |id: &str| {
            let essay = Essay::from_blocks(id.into(), vec![(BlockKind::Paragraph, "A.".into())]);
            EssayDoc::new(essay, SourceId(1))
        };
        let source = |name: &str| {
            let disk = DiskState {
                hash: None,
                file: AnnotationFile::new("s.txt".into()),
            };
            Source::new(name.into(), "s.json".into(), disk, vec![], None, None)
        };
        let mut docs = vec![doc("a"), doc("b")];
        let mut sources = vec![source("one"), source("two")];
        assert_eq!(docs[DocId(1)].essay.id, "b");
        assert_eq!(docs[DocId(1)].source, SourceId(1));
        assert_eq!(sources[docs[DocId(0)].source].name, "two");
        sources[SourceId(0)].name = "first".into();
        docs[DocId(0)].source = SourceId(0);
        assert_eq!(
            sources.as_slice()[docs.as_slice()[DocId(0)].source].name,
            "first"
        );
        assert_eq!(
            SourceId::all(2).collect::<Vec<_>>(),
            [SourceId(0), SourceId(1)]
        );
        assert_eq!(
            DocId::all(2)
                .map(|d| docs[d].essay.id.clone())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
    }
}
