//! The built-in guide: two short texts, written for marginalia, that teach its keys.

/// The name the guide's annotations are kept under.
pub const NAME: &str = "marginalia-guide";

/// The guide, in the same plain-text layout as any essay file.
pub const TEXT: &str = "\
How to Read Slowly

By the marginalia team

Part one of the guide: moving through a text.

Reading closely begins with moving slowly. This pane holds the first of two short texts; the other stands to its right, and the notes pane lists what you mark.

Move the caret with j and k, or with the arrow keys. Space and PgDn turn a page; Ctrl-b and PgUp turn it back. Ctrl-d and Ctrl-u move half a page. The keys g and G go to the top and the bottom.

Smaller steps help too. The key w jumps to the next word, b to the previous one, and e to the end of a word. The keys ( and ) move by sentence. The keys { and } move by paragraph. Try them here: this paragraph has three sentences.

Press Tab to move to the next pane and Shift-Tab to come back. The focused pane has a bright, thick border. The mouse works as well: the wheel scrolls, a click places the caret, and a drag selects.

Nothing you do needs saving. Every highlight and note is written to a file in the annotations folder the moment you make it, so q quits at any time. The key ? shows every key there is.


On Marking What Matters

By the marginalia team

Part two of the guide: marking what you read.

A mark is a conversation with the text. This second part shows how to make one, change it, and take it back.

Press s to select the sentence under the caret, and s again to take in the next one. For any other span, press v, move the caret, and watch the selection grow. Esc clears it.

Press Enter to highlight the selection, or the sentence at the caret when nothing is selected. Press c on a highlight to change its colour; there are six. Press x to delete it.

Press a to write a note on a selection or a highlight. The editor takes several lines. Esc or Ctrl-s closes it and keeps what you wrote. A pen mark in the margin shows where a note begins.

Changed your mind? The key u undoes the last change to your annotations, and Ctrl-r redoes it. In the notes pane, j and k move through the list, Enter jumps to the passage, and a, c and x act on the chosen item.

Two texts side by side invite comparison. Press l on a passage, then l again on its partner in the other pane, and pick how they relate. Press p to find the passage of the other text that says the most similar thing, and S to scroll both texts together. The key / searches.

To read your own essays, quit and run marginalia with a text file, or several. Each file keeps its own annotations, and each essay remembers where you stopped.
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::split;

    #[test]
    fn the_guide_splits_into_two_texts() {
        let essays = split(TEXT, NAME);
        assert_eq!(essays.len(), 2);
        assert_eq!(essays[0].title, "How to Read Slowly");
        assert_eq!(essays[1].title, "On Marking What Matters");
    }
}
