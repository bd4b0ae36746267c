//! The shapes of blocks that are more than a run of text: preformatted lines and tables.

use dom_query::NodeRef;

use super::Walker;
use crate::essay::{BlockKind, Part};

impl Walker {
    /// Preformatted text: each line a line of code, verbatim.
    pub(super) fn pre(&mut self, node: &NodeRef) {
        self.flush();
        let mut text = String::new();
        verbatim(node, &mut text);
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = text.trim_start_matches('\n').trim_end();
        for (i, line) in text.split('\n').enumerate() {
            self.parts.push(Part {
                kind: BlockKind::Code,
                joined: i > 0,
                text: line.to_owned(),
                ..Part::default()
            });
        }
    }

    /// A table: a data table's rows are rows of cells; a layout table is only blocks.
    pub(super) fn table(&mut self, node: &NodeRef) {
        if !is_data_table(node) {
            return self.block(node);
        }
        self.flush();
        for caption in node
            .element_children()
            .iter()
            .filter(|c| c.has_name("caption"))
        {
            self.block(caption);
        }
        let rows: Vec<NodeRef> = node.descendants_it().filter(|n| n.has_name("tr")).collect();
        for (i, row) in rows.iter().enumerate() {
            self.flat += 1;
            for (j, cell) in row
                .element_children()
                .iter()
                .filter(|c| c.has_name("td") || c.has_name("th"))
                .enumerate()
            {
                if j > 0 {
                    self.line.raw(" │ ");
                }
                self.children(cell);
            }
            self.flat -= 1;
            self.row = true;
            self.verses = usize::from(i > 0);
            self.flush();
        }
    }
}

/// The text under a `<pre>` as it is, a `<br>` as a line break.
fn verbatim(node: &NodeRef, out: &mut String) {
    for child in node.children_it(false) {
        if child.is_text() {
            out.push_str(&child.text());
        } else if child.has_name("br") {
            out.push('\n');
        } else if child.is_element() {
            verbatim(&child, out);
        }
    }
}

/// Whether a table holds data (rows and columns to read as such) rather than laying out a
/// page: not marked as presentation, no table inside it, no paragraphs, lists or headings in
/// its cells, and more than one column.
fn is_data_table(node: &NodeRef) -> bool {
    if node
        .attr("role")
        .is_some_and(|r| matches!(r.trim(), "presentation" | "none"))
    {
        return false;
    }
    let layout = [
        "table",
        "p",
        "div",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
    ];
    let mut columns = 0;
    for n in node.descendants_it() {
        if layout.iter().any(|l| n.has_name(l)) {
            return false;
        }
        if n.has_name("tr") {
            let cells = n
                .element_children()
                .iter()
                .filter(|c| c.has_name("td") || c.has_name("th"))
                .count();
            columns = columns.max(cells);
        }
    }
    columns > 1
}
