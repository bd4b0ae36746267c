//! Where an export may go: the checks that keep it from destroying anything (writing is in
//! [`write`](super::write)).
//!
//! An export may go to standard output (`-o -`), to a FIFO or a character device (opened and
//! written as a stream), or to a regular file (written atomically: temporary file, sync,
//! rename). It never replaces:
//!
//! - a file marginalia is working with: an essay file given, an annotations file in play, its
//!   lock file or its reading-state file (compared by file identity, device and inode, or by
//!   canonical path when the file does not exist yet);
//! - a symbolic link, or anything it points to (a link to a FIFO or a character device, such
//!   as `/dev/stdout`, is written to as a stream: nothing is replaced);
//! - an existing regular file that is not a previous marginalia export (see [`is_export`]);
//! - a folder, a block device or a socket.
//!
//! Every refusal is an [`OutputError`] naming the file, one line, for the command line or the
//! status line.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The first line of every Markdown export: how a later export knows it may replace the file.
pub const MARKDOWN_MARKER: &str =
    "<!-- marginalia export: written by marginalia; the next export replaces this file -->";

/// The start of [`MARKDOWN_MARKER`] that recognises a Markdown export.
const MARKDOWN_MARKER_START: &str = "<!-- marginalia export";

/// The `generator` name of a W3C export.
pub const GENERATOR: &str = "marginalia";

/// Names of standard output, written to as `-` is.
const STDOUT_NAMES: [&str; 3] = ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"];

/// A file larger than this is not read to see whether it is a W3C export.
const LARGEST_EXPORT: u64 = 256 * 1024 * 1024;

/// Why an export was not written.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The target is a file marginalia is working with.
    #[error("{path}: is {what}; an export never replaces it (give another output name)")]
    InPlay {
        /// The target as given.
        path: String,
        /// What it is: "the annotations file", "an essay file being exported", ….
        what: &'static str,
    },
    /// The target is a symbolic link (to a file, a folder, or nothing).
    #[error(
        "{path}: is a symbolic link; an export is never written through a link (give the file it points to, or another name)"
    )]
    Symlink {
        /// The link as given.
        path: String,
    },
    /// The target is an existing regular file without the export marker.
    #[error(
        "{path}: exists and is not a marginalia export; not overwritten (give another name, or remove the file first)"
    )]
    NotAnExport {
        /// The target as given.
        path: String,
    },
    /// The target is a folder, a block device or a socket.
    #[error("{path}: is {kind}, not a file; nothing written")]
    NotAFile {
        /// The target as given.
        path: String,
        /// "a folder", "a block device", ….
        kind: &'static str,
    },
    /// A FIFO with no program reading it (only when not waiting for one, as in the app).
    #[error("{path}: is a FIFO that no program is reading; nothing written")]
    NoReader {
        /// The FIFO as given.
        path: String,
    },
    /// Writing the file failed at one step (see [`crate::store::write_atomic`]); the
    /// message names the file and the step.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// An I/O step failed.
    #[error("{path}: cannot {step}: {source}")]
    Io {
        /// The file at fault.
        path: String,
        /// What was being done.
        step: &'static str,
        /// Why it failed.
        source: io::Error,
    },
}

impl OutputError {
    pub(super) fn io(path: &Path, step: &'static str, source: io::Error) -> OutputError {
        OutputError::Io {
            path: shown(path),
            step,
            source,
        }
    }
}

/// A path as named in messages.
pub(super) fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// A file that an export must never replace, and what it is, for the message.
#[derive(Debug, Clone)]
pub struct Guarded {
    /// The file (it may not exist yet).
    pub path: PathBuf,
    /// What it is, as the message says it: "the annotations file".
    pub what: &'static str,
}

/// The files in play for a session: every essay file, and for every annotations file the
/// file itself, its lock file and its reading-state file.
pub fn guarded<'a>(
    essays: impl IntoIterator<Item = &'a Path>,
    annotations: impl IntoIterator<Item = &'a Path>,
) -> Vec<Guarded> {
    let mut out: Vec<Guarded> = essays
        .into_iter()
        .map(|p| Guarded {
            path: p.to_path_buf(),
            what: "an essay file being read",
        })
        .collect();
    for path in annotations {
        out.push(Guarded {
            path: path.to_path_buf(),
            what: "the annotations file",
        });
        out.push(Guarded {
            path: crate::store::lock_path(path),
            what: "the lock file of the annotations",
        });
        out.push(Guarded {
            path: crate::store::state_path(path),
            what: "the reading-state file of the annotations",
        });
    }
    out
}

/// Where an export will be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output (`-o -`).
    Stdout,
    /// A FIFO or a character device, written as a stream.
    Stream(PathBuf),
    /// A regular file, written atomically.
    File {
        /// The file.
        path: PathBuf,
        /// Whether it exists (a previous export) and is replaced.
        replaces: bool,
    },
}

/// Decides where an export to `output` goes, or why it must not be written there.
///
/// `-` is standard output. Nothing is written or created here.
pub fn destination(output: &Path, guarded: &[Guarded]) -> Result<Destination, OutputError> {
    // `/dev/stdout` is standard output too, whatever it is open on: a link to a regular
    // file (`-o /dev/stdout > out.md`) is not refused as a link would be.
    if output.as_os_str() == "-" || STDOUT_NAMES.iter().any(|n| output == Path::new(n)) {
        // `>> annotations/essays.json` would append the export to a file in play.
        return match guarded.iter().find(|g| stdout_is(&g.path)) {
            Some(g) => Err(OutputError::InPlay {
                path: "standard output".into(),
                what: g.what,
            }),
            None => Ok(Destination::Stdout),
        };
    }
    if let Some(g) = guarded.iter().find(|g| same_file(output, &g.path)) {
        return Err(OutputError::InPlay {
            path: shown(output),
            what: g.what,
        });
    }
    let meta = match fs::symlink_metadata(output) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Destination::File {
                path: output.to_path_buf(),
                replaces: false,
            });
        }
        Err(e) => return Err(OutputError::io(output, "look at", e)),
    };
    if meta.file_type().is_symlink() {
        return match fs::metadata(output) {
            Ok(target) if is_stream(&target.file_type()) => {
                Ok(Destination::Stream(output.to_path_buf()))
            }
            _ => Err(OutputError::Symlink {
                path: shown(output),
            }),
        };
    }
    let kind = meta.file_type();
    if is_stream(&kind) {
        return Ok(Destination::Stream(output.to_path_buf()));
    }
    if kind.is_file() {
        return if is_export(output, &meta) {
            Ok(Destination::File {
                path: output.to_path_buf(),
                replaces: true,
            })
        } else {
            Err(OutputError::NotAnExport {
                path: shown(output),
            })
        };
    }
    Err(OutputError::NotAFile {
        path: shown(output),
        kind: kind_name(&kind),
    })
}

/// Whether a file of this type is written as a stream.
#[cfg(unix)]
pub(super) fn is_stream(kind: &fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo() || kind.is_char_device()
}

#[cfg(not(unix))]
pub(super) fn is_stream(_kind: &fs::FileType) -> bool {
    false
}

/// What a file that is neither a regular file nor a stream is, for the message.
#[cfg(unix)]
fn kind_name(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "a folder"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn kind_name(kind: &fs::FileType) -> &'static str {
    if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Whether `a` and `b` name the same file: the same device and inode when both exist,
/// else the same canonical folder and name.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => same_inode(&ma, &mb),
        (Ok(_), Err(_)) | (Err(_), Ok(_)) => false,
        (Err(_), Err(_)) => match (place(a), place(b)) {
            (Some(pa), Some(pb)) => pa == pb,
            _ => a == b,
        },
    }
}

#[cfg(unix)]
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_a: &fs::Metadata, _b: &fs::Metadata) -> bool {
    false
}

/// Whether standard output is open on the file at `path` (a redirect to it).
#[cfg(unix)]
fn stdout_is(path: &Path) -> bool {
    use std::os::fd::AsFd;
    let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    match (File::from(fd).metadata(), fs::metadata(path)) {
        (Ok(out), Ok(file)) => out.is_file() && same_inode(&out, &file),
        _ => false,
    }
}

#[cfg(not(unix))]
fn stdout_is(_path: &Path) -> bool {
    false
}

/// A file that does not exist yet, as its canonical folder and its name.
fn place(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(dir).ok()?.join(name))
}

/// Whether the regular file at `path` is a previous marginalia export: a Markdown export
/// (its first line starts with the marker comment) or a W3C export (JSON whose `generator`
/// is marginalia).
pub fn is_export(path: &Path, meta: &fs::Metadata) -> bool {
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    let mut head = [0u8; MARKDOWN_MARKER_START.len()];
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    if head[..filled] == *MARKDOWN_MARKER_START.as_bytes() {
        return true;
    }
    if meta.len() > LARGEST_EXPORT || !head[..filled].trim_ascii_start().starts_with(b"{") {
        return false;
    }
    let Ok(bytes) = fs::read(path) else {
        return false;
    };
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .is_ok_and(|v| v["generator"]["name"] == GENERATOR)
}

/// Where `E` in the app writes the Markdown export of the annotations file `annotations`:
/// `<stem>.md` beside it, or `<stem>.export.md` when the annotations file itself ends in
/// `.md`, so the export can never be the annotations file.
pub fn app_export_path(annotations: &Path) -> PathBuf {
    let md = annotations.with_extension("md");
    if md != annotations {
        return md;
    }
    let mut name = annotations
        .file_stem()
        .map(|s| s.to_os_string())
        .unwrap_or_else(|| "annotations".into());
    name.push(".export.md");
    annotations.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_export_is_never_the_annotations_file() {
        for (annotations, export) in [
            ("annotations/essays.json", "annotations/essays.md"),
            ("notes.md", "notes.export.md"),
            ("x.export.md", "x.export.export.md"),
            ("dir/notes", "dir/notes.md"),
            (".md", ".md.md"),
        ] {
            let got = app_export_path(Path::new(annotations));
            assert_eq!(got, Path::new(export), "{annotations}");
            assert_ne!(got, Path::new(annotations));
        }
    }

    #[test]
    fn files_are_compared_by_identity_or_by_canonical_place() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        fs::write(&file, "{}").unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        assert!(same_file(&file, &sub.join("../a.json")));
        let hard = dir.path().join("hard.json");
        fs::hard_link(&file, &hard).unwrap();
        assert!(same_file(&file, &hard), "a hard link is the same file");
        let missing = dir.path().join("new.json");
        assert!(same_file(&missing, &sub.join("../new.json")));
        assert!(!same_file(&missing, &file));
    }

    #[test]
    fn only_marked_files_are_exports() {
        let dir = tempfile::tempdir().unwrap();
        let check = |name: &str, text: &str| {
            let path = dir.path().join(name);
            fs::write(&path, text).unwrap();
            is_export(&path, &fs::metadata(&path).unwrap())
        };
        assert!(check(
            "a.md",
            &format!("{MARKDOWN_MARKER}\n# Annotations\n")
        ));
        assert!(!check("b.md", "# Annotations\n"));
        assert!(!check("c.md", ""));
        assert!(check(
            "d.jsonld",
            r#"{"generator": {"name": "marginalia"}}"#
        ));
        assert!(!check("e.json", r#"{"version": 1, "annotations": []}"#));
        assert!(!check("f.json", "{ not json"));
    }
}
