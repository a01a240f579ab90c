//! "Did you mean": the closest known name to a misspelt one, by edit distance. Bounded: a
//! candidate whose length alone rules it out costs nothing, a distance stops as soon as it exceeds
//! the budget, and only so many candidates are examined, so an error stays cheap however many
//! names a policy has and however many of its references are wrong.

/// Names longer than this are not compared (nobody misspells a 300-character id).
const MAX_LEN: usize = 128;
/// Candidates examined for one suggestion at most.
const MAX_CANDIDATES: usize = 20_000;

/// The candidate closest to `input`, if it is close enough to be a plausible misspelling
/// (at most a third of the input's length in edits, and at least one edit allowed).
pub(crate) fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_of(input, &mut candidates.into_iter())
}

/// [`closest`] behind one iterator type, so that it is compiled once, not once per caller.
fn closest_of<'a>(input: &str, candidates: &mut dyn Iterator<Item = &'a str>) -> Option<&'a str> {
    if input.len() > MAX_LEN {
        return None;
    }
    let input: Vec<char> = input.chars().collect();
    let budget = (input.len() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    let (mut prev, mut cur, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for candidate in candidates.take(MAX_CANDIDATES) {
        // The best so far sets a tighter limit than the budget.
        let limit = best.map_or(budget, |(d, _)| d - 1);
        if candidate.len() > MAX_LEN || candidate.len().abs_diff(input.len()) > limit * 4 {
            continue;
        }
        other.clear();
        other.extend(candidate.chars());
        if other.len().abs_diff(input.len()) > limit {
            continue;
        }
        if let Some(d) = bounded_distance(&input, &other, limit, &mut prev, &mut cur) {
            best = Some((d, candidate));
            if d == 0 {
                break;
            }
        }
    }
    best.map(|(_, c)| c)
}

/// `help` text for an unknown name: "did you mean `x`?" when one is close.
pub(crate) fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(input, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The edit distance of `a` and `b` if it is at most `limit`; `None` as soon as every path is
/// over it. The two row buffers are reused from call to call.
fn bounded_distance(
    a: &[char],
    b: &[char],
    limit: usize,
    prev: &mut Vec<usize>,
    cur: &mut Vec<usize>,
) -> Option<usize> {
    prev.clear();
    prev.extend(0..=b.len());
    cur.clear();
    cur.resize(b.len() + 1, 0);
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_name_and_nothing_for_a_far_one() {
        let names = ["studio-admin", "studio-viewer", "owner"];
        assert_eq!(closest("studio-admn", names), Some("studio-admin"));
        assert_eq!(closest("ownr", names), Some("owner"));
        assert_eq!(closest("studio-veiwer", names), Some("studio-viewer"));
        assert_eq!(closest("billing", names), None);
        assert_eq!(closest("owner", names), Some("owner"));
    }

    #[test]
    fn prefers_the_closest_of_several() {
        assert_eq!(closest("abcdefgh", ["abcdefxx", "abcdefgx"]), Some("abcdefgx"));
    }
}
