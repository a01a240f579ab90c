//! "Did you mean": the closest known name to a misspelt one, by edit distance.

/// The candidate closest to `input`, if it is close enough to be a plausible misspelling
/// (at most a third of the input's length in edits, and at least one edit allowed).
pub(crate) fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Comparing against a huge input is pointless and would cost quadratic time.
    if input.len() > 256 {
        return None;
    }
    let budget = (input.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate.len() > 256 {
            continue;
        }
        let d = edit_distance(input, candidate);
        if d <= budget && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `help` text for an unknown name: "did you mean `x`?" when one is close.
pub(crate) fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(input, candidates).map(|c| format!("did you mean `{c}`?"))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_name_and_nothing_for_a_far_one() {
        let names = ["studio-admin", "studio-viewer", "owner"];
        assert_eq!(closest("studio-admn", names), Some("studio-admin"));
        assert_eq!(closest("ownr", names), Some("owner"));
        assert_eq!(closest("billing", names), None);
    }
}
