//! The seed layout (date, title, byline, paragraphs) reads exactly as it did before plain
//! text kept its shape: the same blocks, the same canonical text, the same fingerprints, so
//! annotations made before still anchor. The values were computed on main before the change.

use std::path::Path;

use marginalia::essay::{Essay, load_file, split};

/// (file, essay id, fingerprint, blocks, kinds: one letter each).
const SEED: &[(&str, &str, &str, usize, &str)] = &[
    (
        "../shared/essays/essays.txt",
        "inside-track-of-putin-xi-jinping-talks",
        "sha256:a0f48f541d99852d572aec77870395e164024914cdc04d61cc36aabcd453d2aa",
        27,
        "DTBSPPPPPPPPPPPPPPPPPPPPPPP",
    ),
    (
        "../shared/essays/essays.txt",
        "sino-russian-entente-shifts-tectonic-plates-of-world-politics",
        "sha256:b45e62874200301fe155f1f7363daeaf4ea52fd697463ec491ed8cf74f5d30d9",
        29,
        "TBSPPPPPPPPPPPPPPPPPPPPPPPPPP",
    ),
    (
        "tests/fixtures/e2e-essays.txt",
        "the-orchard-ledger",
        "sha256:fe40f9ed851d35bedc7a06172cc40ac723c981ff6b1bca9462ecb9ef75da3eae",
        6,
        "DTBPPP",
    ),
    (
        "tests/fixtures/e2e-essays.txt",
        "the-second-ledger",
        "sha256:fd81bff1ea66697535564279a38c3fb01cffa7eaf2b5414533a6dff231fc7113",
        5,
        "TBPPP",
    ),
    (
        "tests/fixtures/no-title.txt",
        "no-title",
        "sha256:034bc6ce3e6fddfdcc6769d7a51dba782b223fc969c5780b21f85d8e72abec62",
        3,
        "PPP",
    ),
    (
        "tests/fixtures/screen-two.txt",
        "on-tidal-gardens",
        "sha256:54c389ec32bce55b906c257eea0c525e2b6aeeaede8ff12255490105b20ca5d9",
        7,
        "DTBSPPP",
    ),
    (
        "tests/fixtures/screen-two.txt",
        "against-the-quick-harvest",
        "sha256:a4d29a30be072c2405f00bbe97f8e6b510048498ba6afe4bb313d691d2109ec4",
        6,
        "TBSPPP",
    ),
    (
        "tests/fixtures/single-no-byline.txt",
        "notes-on-walking-slowly",
        "sha256:1a6474f68414126de67b0b5ed8a6973c6f60d7ae0991e29ff526574ac46162b4",
        8,
        "TPPPPPPP",
    ),
    (
        "tests/fixtures/three-essays.txt",
        "the-quiet-economy-of-lighthouses",
        "sha256:f1c4996e279268b8303476e01df2b0193eaa099208eb78175cfacbc80d7e16ff",
        10,
        "DTBSPPPPPP",
    ),
    (
        "tests/fixtures/three-essays.txt",
        "why-rivers-forget-their-names",
        "sha256:99726cf30fc28d0f0a4ef8c2c5b3bf398c0c1f41880de07c1d0c58ab95282fdb",
        6,
        "TBSPPP",
    ),
    (
        "tests/fixtures/three-essays.txt",
        "the-quiet-economy-of-lighthouses-2",
        "sha256:f20567a7e333ce2dabd87d0d45bfa47d6899e89b6c71f6ddfb6cffec1c8d33c4",
        6,
        "DTBSPP",
    ),
    (
        "tests/fixtures/two-essays.txt",
        "a-tale-of-two-kettles",
        "sha256:d3c4ed788caa791bd57a02d366e9b2f59c493827f6c12b8ab1da2f0322fec6e3",
        4,
        "TBPP",
    ),
    (
        "tests/fixtures/two-essays.txt",
        "a-tale-of-two-kettles-2",
        "sha256:bcec463f1b0c4aaa5bf6f2d852788b86c325b2fc6a8caa8f1d766b1f224a518d",
        4,
        "TBSP",
    ),
];

/// The built-in guide's essays: (id, fingerprint, blocks).
const GUIDE: &[(&str, &str, usize)] = &[
    (
        "how-to-read-slowly",
        "sha256:73cd4cca6fb62c617d40c235e41a6cb54600d7c88ada8e89b5531cbb58b387d6",
        8,
    ),
    (
        "on-marking-what-matters",
        "sha256:a06b36ec17aa15bd2ab95f47e22f0678cda5d23ce8894110d3e1ca5e4de78834",
        10,
    ),
];

/// One letter per block kind, as in [`SEED`].
fn kinds(e: &Essay) -> String {
    e.blocks
        .iter()
        .map(|b| format!("{:?}", b.kind).chars().next().unwrap_or('?'))
        .collect()
}

#[test]
fn seed_files_read_exactly_as_before() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<&str> = SEED.iter().map(|row| row.0).collect();
    files.dedup();
    for file in files {
        let essays = load_file(&root.join(file)).expect("seed file loads");
        let expected: Vec<_> = SEED.iter().filter(|row| row.0 == file).collect();
        assert_eq!(essays.len(), expected.len(), "{file}: essays");
        for (e, (_, id, fingerprint, blocks, letters)) in essays.iter().zip(expected) {
            assert_eq!(e.id, *id, "{file}");
            assert_eq!(e.blocks.len(), *blocks, "{file}: {id}: blocks");
            assert_eq!(kinds(e), *letters, "{file}: {id}: kinds");
            assert_eq!(e.fingerprint, *fingerprint, "{file}: {id}: fingerprint");
            assert!(e.blocks.iter().all(|b| !b.joined && b.depth == 0), "{id}");
        }
    }
}

#[test]
fn the_guide_reads_exactly_as_before() {
    let essays = split(marginalia::guide::TEXT, marginalia::guide::NAME);
    let got: Vec<_> = essays
        .iter()
        .map(|e| (e.id.as_str(), e.fingerprint.as_str(), e.blocks.len()))
        .collect();
    assert_eq!(got, GUIDE);
}
