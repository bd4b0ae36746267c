//! A tiny suffix stripper, so that "alliances" meets "alliance" and "supported" meets "support".

/// A light stem of a lowercased word: inflections and a few derivations stripped.
///
/// Not Porter's algorithm, but in its spirit: "alliances" and "alliance" → "allianc",
/// "supported" and "support" → "support", "discussions" and "discussed" → "discuss",
/// "coordination" and "coordinate" → "coordinat". Words of four letters or fewer are kept.
pub(super) fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    if w.len() <= 4 || !w.iter().all(|c| c.is_alphabetic()) {
        return word.to_owned();
    }
    let ends = |w: &[char], s: &str| {
        let n = s.chars().count();
        w.len() > n + 2 && w[w.len() - n..].iter().copied().eq(s.chars())
    };
    let has_vowel = |w: &[char]| w.iter().any(|c| "aeiouy".contains(*c));
    let cut = |w: &mut Vec<char>, n: usize| w.truncate(w.len() - n);

    // Plurals and third person: -ies, -sses, -s (but not -ss, -us, -is).
    if ends(&w, "ies") {
        cut(&mut w, 3);
        w.push('y');
    } else if ends(&w, "sses") {
        cut(&mut w, 2);
    } else if ends(&w, "s") && !ends(&w, "ss") && !ends(&w, "us") && !ends(&w, "is") {
        cut(&mut w, 1);
    }
    // Past tense and participles: -ied, -ed, -ing, when a vowel is left.
    let mut undoubled = false;
    if ends(&w, "ied") {
        cut(&mut w, 3);
        w.push('y');
    } else if ends(&w, "eed") {
        cut(&mut w, 1);
    } else if ends(&w, "ed") && has_vowel(&w[..w.len() - 2]) {
        cut(&mut w, 2);
        undoubled = true;
    } else if ends(&w, "ing") && has_vowel(&w[..w.len() - 3]) {
        cut(&mut w, 3);
        undoubled = true;
    }
    if undoubled {
        // "stopped" → "stopp" → "stop"; but "called" keeps its "ll".
        let n = w.len();
        if n >= 2 && w[n - 1] == w[n - 2] && !"aeioulsz".contains(w[n - 1]) {
            w.pop();
        }
    }
    // A few derivations.
    for (suffix, keep) in [
        ("ization", "is"),
        ("isation", "is"),
        ("ation", "at"),
        ("ition", "it"),
        ("ssion", "ss"),
        ("tion", "t"),
        ("ness", ""),
        ("ment", ""),
        ("ize", "is"),
        ("ise", "is"),
        ("ly", ""),
    ] {
        if ends(&w, suffix) {
            cut(&mut w, suffix.chars().count());
            w.extend(keep.chars());
            break;
        }
    }
    // "base" and "based" both end up "bas".
    if w.len() > 4 && w.last() == Some(&'e') {
        w.pop();
    }
    w.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_join_inflections() {
        for (a, b) in [
            ("alliances", "alliance"),
            ("supported", "support"),
            ("supporting", "supports"),
            ("discussions", "discussed"),
            ("coordination", "coordinate"),
            ("countries", "country"),
            ("stopped", "stop"),
            ("openly", "open"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("alliance"), stem("allied"));
        assert_eq!(stem("news"), "news");
        assert_eq!(stem("crisis"), "crisis");
    }
}
