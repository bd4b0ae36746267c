//! Putting text on the system clipboard through the terminal: the OSC 52 escape sequence,
//! `ESC ] 52 ; c ; <base64 of the text> BEL`, which xterm, kitty, WezTerm, foot, iTerm2,
//! Alacritty, Windows Terminal and others carry out (some only once allowed in their
//! settings). Over ssh it reaches the terminal on the reader's own machine.
//!
//! Inside tmux the sequence is written as it is, never wrapped in tmux's DCS passthrough
//! (`ESC P tmux; … ESC \`): tmux with `set -g set-clipboard on` takes a plain OSC 52 from
//! the program in a pane, keeps the text as a tmux buffer and passes it on to the outer
//! terminal. With tmux's default (`external`) it ignores the sequence, and the passthrough
//! would reach the outer terminal only with `allow-passthrough on` (also off by default),
//! so wrapping gains nothing that the one setting does not, and would bypass tmux's own
//! buffers. The README says to set `set-clipboard on`.

use std::io::{self, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The OSC 52 sequence that puts `text` on the clipboard (`c`), ended by BEL.
///
/// Example: `"hi"` gives `"\x1b]52;c;aGk=\x07"`. The base64 alphabet holds no control
/// character, so whatever `text` holds, nothing in it reaches the terminal as a command.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text))
}

/// Writes [`osc52`] of `text` to the terminal, if marginalia has it (in tests, and after
/// the terminal was given back, nothing is written).
pub fn copy(text: &str) -> io::Result<()> {
    if !crate::terminal::is_ours() {
        return Ok(());
    }
    let mut out = io::stdout().lock();
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_text_in_base64_ended_by_bel() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
        // UTF-8 bytes, padded to a multiple of four.
        assert_eq!(osc52("“é”"), "\x1b]52;c;4oCcw6nigJ0=\x07");
    }

    #[test]
    fn nothing_of_the_text_reaches_the_terminal_as_a_control() {
        let seq = osc52("\x1b]0;evil\x07\u{9b}2J\n");
        let body = &seq["\x1b]52;c;".len()..seq.len() - 1];
        assert!(
            body.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
    }
}
