//! TEMPORARY STUB — replaced by the essay branch.
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Date,
    Title,
    Byline,
    Standfirst,
    Paragraph,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub text: String,
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Essay {
    pub id: String,
    pub title: String,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub blocks: Vec<Block>,
    pub len: usize,
    pub fingerprint: String,
}

impl Essay {
    pub fn from_blocks(id: String, blocks: Vec<(BlockKind, String)>) -> Essay {
        let mut out = Vec::new();
        let mut start = 0;
        let mut title = id.clone();
        for (kind, text) in blocks {
            if kind == BlockKind::Title {
                title = text.clone();
            }
            let len = text.chars().count();
            if !out.is_empty() {
                start += 2;
            }
            out.push(Block {
                kind,
                start,
                text,
                len,
            });
            start += len;
        }
        Essay {
            id,
            title,
            byline: None,
            date: None,
            blocks: out,
            len: start,
            fingerprint: String::new(),
        }
    }
    pub fn text(&self) -> String {
        self.blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
    pub fn block_at(&self, offset: usize) -> usize {
        self.blocks
            .partition_point(|b| b.start <= offset)
            .saturating_sub(1)
    }
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.text()
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect()
    }
    pub fn char_at(&self, offset: usize) -> Option<char> {
        self.text().chars().nth(offset)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EssayError {
    #[error("{0}: cannot read")]
    Io(String),
}

pub fn load_file(path: &Path) -> Result<Vec<Essay>, EssayError> {
    let t =
        std::fs::read_to_string(path).map_err(|_| EssayError::Io(path.display().to_string()))?;
    Ok(split(&t, "x"))
}
pub fn split(text: &str, _fallback_title: &str) -> Vec<Essay> {
    let blocks: Vec<(BlockKind, String)> = text
        .split("\n\n")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .enumerate()
        .map(|(i, s)| {
            (
                if i == 0 {
                    BlockKind::Title
                } else {
                    BlockKind::Paragraph
                },
                s.replace('\n', " "),
            )
        })
        .collect();
    vec![Essay::from_blocks("essay".into(), blocks)]
}
pub fn visible(c: char) -> char {
    c
}
