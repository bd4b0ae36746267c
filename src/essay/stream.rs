//! Splitting a long file as it is read: the text is never held whole, only its blocks.

use std::io::Read;

use super::cut::Cutter;
use super::load::io_error;
use super::split::split_blocks;
use super::{Essay, EssayError, Head, essays_of, read_text, shape};

/// Bytes read at a time from a long file as it is split.
const CHUNK: usize = 256 * 1024;

impl Head {
    /// Reads the rest of the file and splits the whole into essays as it goes, as
    /// `essays_of(&head.finish()?, path)` would, with the same errors, but holding only a
    /// chunk of the file at a time besides the blocks cut from it.
    pub fn split(self, fallback_title: &str) -> Result<Vec<Essay>, EssayError> {
        self.split_in(fallback_title, CHUNK)
    }

    /// [`Head::split`], reading `chunk` bytes at a time.
    pub(super) fn split_in(
        self,
        fallback_title: &str,
        chunk: usize,
    ) -> Result<Vec<Essay>, EssayError> {
        let Head {
            path,
            mut file,
            mut bytes,
            ..
        } = self;
        let mut cutter = Cutter::default();
        let mut at_start = true;
        loop {
            let before = bytes.len();
            // Room made first: reading to the end of a `Vec` would double it.
            bytes.reserve_exact(chunk.max(1));
            (&mut file)
                .take(chunk.max(1) as u64)
                .read_to_end(&mut bytes)
                .map_err(|e| io_error(&path, e))?;
            let end = bytes.len() == before;
            // Binary data or a bad byte: the whole file is read again, for the error that
            // names the first fault exactly as reading it whole would.
            if bytes.contains(&0) {
                return read_text(&path).and_then(|text| essays_of(&text, &path));
            }
            // The measure comes from the head of the text (see `shape::head_measure`): read
            // on until there is enough of it, so a file read a piece at a time is measured as
            // when read whole.
            if at_start && !end && bytes.len() <= 2 * shape::MEASURED {
                continue;
            }
            // Up to the last line end (a char never spans one), or everything at the end.
            let cut = if end {
                bytes.len()
            } else {
                match bytes.iter().rposition(|&b| b == b'\n') {
                    Some(i) => i + 1,
                    None => continue,
                }
            };
            let Ok(text) = std::str::from_utf8(&bytes[..cut]) else {
                return read_text(&path).and_then(|text| essays_of(&text, &path));
            };
            let text = if at_start {
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                // Measured on the head as a whole text is, CRLF read as LF.
                cutter.measure = if text.contains("\r\n") {
                    shape::head_measure(&text.replace("\r\n", "\n"))
                } else {
                    shape::head_measure(text)
                };
                text
            } else {
                text
            };
            at_start = false;
            // A line end that closes the chunk leaves no empty line after it: the next
            // chunk goes on from there.
            let text = if end {
                text
            } else {
                text.strip_suffix('\n').unwrap_or(text)
            };
            // A CR before a line end is trimmed with the line, as if CRLF were LF.
            for line in text.split('\n') {
                cutter.line(line);
            }
            if end {
                break;
            }
            bytes.drain(..cut);
        }
        let essays = split_blocks(cutter.finish(), fallback_title);
        if essays.is_empty() {
            return Err(EssayError::Empty { path });
        }
        Ok(essays)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::{Opened, load_file, open_text};
    use proptest::prelude::*;

    /// Pieces of text that put every rule of splitting and decoding at a chunk's edge.
    const PIECES: &[&str] = &[
        "word ",
        "Slow Reading\n",
        "By Ann Smith\n",
        "May 5, 2024\n",
        "\n",
        "\n\n",
        "\n\n\n",
        "\r\n",
        "\r",
        " ",
        "\t",
        "\u{a0}\n",
        "é",
        "漢字",
        "😀",
        "e\u{301}",
        "\u{feff}",
        "\u{1b}[31m",
        "It ends.",
        "No comments:\n",
        "\u{200b}",
    ];

    /// Opens `bytes` as a file with a head of `head` bytes and splits it `chunk` bytes at a
    /// time; and loads it whole. Both answers as text (an error as its message).
    fn both(bytes: &[u8], head: usize, chunk: usize) -> Option<(String, String)> {
        let dir = tempfile::tempdir().ok()?;
        let path = dir.path().join("book.txt");
        std::fs::write(&path, bytes).ok()?;
        let show = |r: Result<Vec<Essay>, EssayError>| match r {
            Ok(essays) => format!("{essays:?}"),
            Err(e) => e.to_string(),
        };
        let whole = show(load_file(&path));
        match open_text(&path, head) {
            Ok(Opened::Head(h)) => Some((show(h.split_in("book", chunk)), whole)),
            _ => None,
        }
    }

    proptest! {
        #[test]
        fn splitting_as_read_equals_splitting_the_whole(
            pieces in prop::collection::vec(0..PIECES.len(), 0..80),
            bom in any::<bool>(),
            fault in prop::option::of((0usize..200, prop::sample::select(vec![0u8, 0xff]))),
            head in 1usize..40,
            chunk in 1usize..50,
        ) {
            let mut bytes = if bom { "\u{feff}".as_bytes().to_vec() } else { Vec::new() };
            for &i in &pieces {
                bytes.extend_from_slice(PIECES[i].as_bytes());
            }
            if let Some((at, byte)) = fault {
                let at = at.min(bytes.len());
                bytes.insert(at, byte);
            }
            if let Some((split, whole)) = both(&bytes, head, chunk) {
                prop_assert_eq!(split, whole);
            }
        }
    }

    #[test]
    fn a_long_file_splits_as_read_as_it_does_whole() {
        let essay = "Slow Reading\n\nBy Ann Smith\n\nThe river é 漢字 runs\r\non and on.\n\n";
        let text: String = (0..2000)
            .map(|i| essay.replace("Slow", &format!("Slow {i}")) + "\n\n")
            .collect();
        let (split, whole) = both(text.as_bytes(), 1000, 4096).expect("a head");
        assert_eq!(split, whole);
        assert!(whole.contains("Slow 1999 Reading"));
    }

    #[test]
    fn a_long_file_with_shapes_is_measured_and_shaped_as_when_read_whole() {
        // Lines of every width up to 90 columns, so the measure depends on which lines count.
        let prose: String = (0..40)
            .map(|i| format!("{}\r\n", "word ".repeat(i % 18 + 1).trim_end()))
            .collect();
        let shapes = "Roses are red,\nviolets blue,\nthe tide comes in.\n\n- one\n- two\n  - deeper\n\n> quoted\n> on\n\n";
        let text: String = (0..600).map(|_| format!("{prose}\n{shapes}")).collect();
        assert!(text.len() > 4 * shape::MEASURED);
        let (split, whole) = both(text.as_bytes(), 700, 3000).expect("a head");
        assert_eq!(split, whole);
        assert!(
            whole.contains("kind: Verse") && whole.contains("kind: Item"),
            "shaped"
        );
        assert!(whole.contains("kind: Quote"));
    }

    #[test]
    fn a_file_of_blank_lines_is_empty_and_named() {
        let (split, whole) = both(" \n\u{a0}\n\r\n".repeat(100).as_bytes(), 10, 7).expect("a head");
        assert_eq!(split, whole);
        assert!(split.contains("book.txt: empty"), "{split}");
    }
}
