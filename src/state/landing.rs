//! The annotations placed after the first screen: until they land, a source shows only the
//! annotations of the essays first on screen, and refuses changes (no save could write the
//! file without the rest); then they take their place, as a full open would have made them.

use std::sync::Arc;

use super::{AppState, Offer, Placed};
use crate::anchor::Placement;
use crate::store::{Landing, SourceId};

/// Why a source refuses changes while the rest of its annotations are placed.
pub fn placing_reason(count: usize) -> String {
    format!("still placing {count} annotations; try again in a moment")
}

/// Whether `why` a source refuses changes is that its annotations are still being placed.
fn is_placing(why: Option<&String>) -> bool {
    why.is_some_and(|why| why.starts_with("still placing "))
}

impl AppState {
    /// The rest of a source's annotations landed: they replace the first ones (which no
    /// change touched meanwhile), and changes are taken again.
    pub(super) fn land(&mut self, landing: Landing) {
        let landed = Arc::try_unwrap(landing.0).unwrap_or_else(|shared| (*shared).clone());
        let Some(src) = self.sources.get_mut(landed.source.0) else {
            return;
        };
        if !is_placing(src.read_only.as_ref()) {
            return;
        }
        src.links = landed.disk.file.links.clone();
        src.disk = landed.disk;
        src.items = landed
            .items
            .into_iter()
            .map(|(annotation, placement)| Placed {
                annotation,
                placement,
            })
            .collect();
        src.read_only = landed.read_only;
        // Lists made from the first annotations are made again.
        src.version += 1;
        let source = landed.source;
        let still = self
            .sources
            .iter()
            .any(|s| is_placing(s.read_only.as_ref()));
        let count = self.sources[source].items.len();
        self.placing = self
            .placing
            .filter(|_| still)
            .map(|n| n.saturating_sub(count));
        let review = self
            .sources
            .iter()
            .flat_map(|s| s.items.iter())
            .filter(|it| !matches!(it.placement, Placement::Exact(_)))
            .count();
        if review > 0 {
            self.message = Some(format!(
                "{review} annotation(s) moved or not found since last time: R to review"
            ));
        }
        let offers = landed
            .offers
            .into_iter()
            .map(|(path, kind, file)| Offer {
                source,
                path,
                kind,
                file,
            })
            .collect();
        self.offer_kept(offers, &landed.unreadable);
    }

    /// The state of a first screen: sources whose annotations are not all placed yet
    /// (`waiting`, with how many they hold) refuse changes until they land.
    pub fn placing_rest(mut self, waiting: &[(SourceId, usize)]) -> AppState {
        for &(source, count) in waiting {
            if let Some(src) = self.sources.get_mut(source.0) {
                src.read_only = Some(placing_reason(count));
            }
        }
        let total = waiting.iter().map(|w| w.1).sum();
        if !waiting.is_empty() {
            self.placing = Some(total);
        }
        self
    }
}
