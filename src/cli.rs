//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::essay::Format as EssayFormat;
use crate::export::Format;

/// marginalia: read essays side by side, highlight, and write notes.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Essay files to open (plain text, one or more essays each). None: the built-in guide.
    pub files: Vec<PathBuf>,

    /// The annotations file to use (default: annotations/<file stem>.json under the
    /// current directory). With several files, a directory to keep their files in.
    #[arg(long, value_name = "PATH")]
    pub annotations: Option<PathBuf>,

    /// Read every file as this format instead of the one found from its content and name.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<EssayFormat>,

    /// A subcommand instead of the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the annotations of essay files to Markdown or W3C Web Annotation JSON-LD.
    Export {
        /// Essay files whose annotations to export.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// Where to write: a new file, a previous export (replaced), a FIFO or a device
        /// (written as a stream), or `-` for standard output (the default). Never an essay,
        /// an annotations file, a symlink or a file marginalia did not write.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// The annotations file (as for the reader).
        #[arg(long, value_name = "PATH")]
        annotations: Option<PathBuf>,
        /// Read the essay files as this format (as the reader's `--format`).
        #[arg(long, value_enum, value_name = "FORMAT")]
        from: Option<EssayFormat>,
    },
    /// Print the keys in force (your keys.toml over the defaults) as a key file.
    Keys {
        /// Print the default keys instead (save as keys.toml to start your own).
        #[arg(long, conflicts_with = "markdown")]
        defaults: bool,
        /// Print the default keys as the README's Markdown table.
        #[arg(long)]
        markdown: bool,
    },
    /// Print each essay as marginalia reads it: title, byline, date, then its blocks as
    /// plain text, a blank line between blocks.
    Text {
        /// Essay files to print.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Read every file as this format instead of the one found from it.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<EssayFormat>,
    },
}
