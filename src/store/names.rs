//! Names of the files marginalia keeps next to an annotations file (the lock, the reading
//! positions, temporary files during a save), and of the annotations file itself.
//!
//! Two rules:
//!
//! - No name made here ends in `.json` unless it is an annotations file, so none can be
//!   the annotations file of another source (those are always `<stem>.json`).
//! - Every name fits in [`NAME_MAX`] bytes, however long the name it is made from: a name
//!   that would not fit keeps its head and gets a hash of the whole instead of the rest.

use std::ffi::{OsStr, OsString};

use sha2::{Digest, Sha256};

/// The longest file name (in bytes) common file systems accept.
pub(crate) const NAME_MAX: usize = 255;

/// Hex digits of the hash that stands for the cut part of a long name.
const HASH_DIGITS: usize = 16;

/// `prefix + name + suffix`, leaving `spare` bytes of [`NAME_MAX`] free (for characters
/// appended later, e.g. a temporary file's random part).
///
/// When that would be too long: `prefix + head of name + "~" + hash + suffix`, where the
/// hash (16 hex digits of SHA-256) is of the whole `name`, so two long names that share
/// their head still get different names.
pub(crate) fn fitted(prefix: &str, name: &OsStr, suffix: &str, spare: usize) -> OsString {
    let room = NAME_MAX.saturating_sub(spare + prefix.len() + suffix.len());
    let bytes = name.as_encoded_bytes();
    let mut out = OsString::from(prefix);
    if bytes.len() <= room {
        out.push(name);
    } else {
        let digest = format!("{:x}", Sha256::digest(bytes));
        let keep = room.saturating_sub(1 + HASH_DIGITS);
        out.push(head(name, keep));
        out.push("~");
        out.push(&digest[..HASH_DIGITS]);
    }
    out.push(suffix);
    out
}

/// At most `max` bytes of the start of `name`, cut at a character boundary when the name
/// is text.
fn head(name: &OsStr, max: usize) -> OsString {
    if let Some(text) = name.to_str() {
        return OsString::from(&text[..text.floor_char_boundary(max)]);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = name.as_bytes();
        OsStr::from_bytes(&bytes[..max.min(bytes.len())]).to_os_string()
    }
    #[cfg(not(unix))]
    {
        let text = name.to_string_lossy();
        OsString::from(&text[..text.floor_char_boundary(max)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_kept_whole() {
        assert_eq!(
            fitted(".", OsStr::new("essays.json"), ".lock", 0),
            OsString::from(".essays.json.lock")
        );
    }

    #[test]
    fn long_names_fit_and_stay_distinct() {
        let a = "é".repeat(120) + "a.json"; // 246 bytes
        let b = "é".repeat(120) + "b.json";
        for spare in [0, 6] {
            let fa = fitted(".", OsStr::new(&a), ".tmp-", spare);
            let fb = fitted(".", OsStr::new(&b), ".tmp-", spare);
            assert!(fa.len() + spare <= NAME_MAX, "{} bytes", fa.len());
            assert!(
                fa.len() + spare > NAME_MAX - 4,
                "uses the room: {}",
                fa.len()
            );
            assert_ne!(fa, fb);
            let text = fa.to_str().expect("still text");
            assert!(text.starts_with(".éé") && text.ends_with(".tmp-"), "{text}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_text_are_cut_too() {
        use std::os::unix::ffi::OsStrExt;
        let name = OsStr::from_bytes(&[0xff; 254]);
        let fitted = fitted(".", name, ".lock", 0);
        assert!(fitted.len() <= NAME_MAX);
    }
}
