//! Name lookups: names sorted once, for prefix queries (grant patterns such as `studio.*` cover
//! a run of sorted names) and listing, plus a small open-addressing hash table for exact lookups,
//! which load and decision paths make by the hundred thousand. The table gives up (and lookups
//! fall back to bisection) if any name needs a long probe, so a policy crafted to collide costs
//! no more than a sorted search. Names only ever looked up exactly (roles, pages, scope kinds) are
//! not sorted at all unless the table gives up: sorting a large policy's 5,000 role ids was a
//! twelfth of its load.

/// A read-only map from names to values.
#[derive(Clone, Debug)]
pub(crate) struct SortedMap<V> {
    /// The names, each with the position of its value: sorted, unless the map is an index for
    /// exact lookups whose table held ([`index_names`]).
    names: Vec<(Box<str>, u32)>,
    sorted: bool,
    values: Vec<V>,
    /// Slots of `names` positions plus one (0: empty), at `hash(name)` or just after; empty when
    /// the names collide too much.
    table: Box<[u32]>,
}

/// The longest probe the table accepts while it is built (at most a quarter full, a probe of
/// more than a few slots is rare).
const MAX_PROBE: usize = 32;

/// FNV-1a: a few instructions a byte, and no table of constants in the wasm build.
fn hash(name: &str) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in name.as_bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    // FNV's low bits, which pick the slot, are weak for names that differ only at the end.
    h ^= h >> 16;
    h = h.wrapping_mul(0x7feb_352d);
    (h ^ (h >> 15)) as usize
}

impl<V> SortedMap<V> {
    /// Builds the map from `(name, value)` pairs. Where a name repeats, `merge` folds the later
    /// value into the first.
    pub fn build(pairs: impl IntoIterator<Item = (Box<str>, V)>, mut merge: impl FnMut(&mut V, V)) -> Self {
        // Sized once: grown by doubling, a large policy's indexes would be copied as they grow, into
        // memory that the first load touches for the first time.
        let pairs = pairs.into_iter();
        let mut given: Vec<Option<V>> = Vec::with_capacity(pairs.size_hint().0);
        let mut names: Vec<(Box<str>, u32)> = Vec::with_capacity(pairs.size_hint().0);
        for (name, value) in pairs {
            names.push((name, given.len() as u32));
            given.push(Some(value));
        }
        // Ties are broken by position, so the order is that of a stable sort.
        names.sort_unstable();
        let mut map = SortedMap {
            names: Vec::with_capacity(names.len()),
            sorted: true,
            values: Vec::with_capacity(names.len()),
            table: Box::default(),
        };
        for (name, position) in names {
            let Some(value) = given[position as usize].take() else {
                continue;
            };
            match (map.names.last(), map.values.last_mut()) {
                (Some((last, _)), Some(first)) if *last == name => merge(first, value),
                _ => {
                    map.names.push((name, map.values.len() as u32));
                    map.values.push(value);
                }
            }
        }
        map.table = hash_table(&map.names);
        map
    }

    /// The position in `names` of `name`.
    #[inline]
    fn find(&self, name: &str) -> Option<usize> {
        if self.table.is_empty() {
            return self.names.binary_search_by(|(k, _)| (**k).cmp(name)).ok();
        }
        let mask = self.table.len() - 1;
        let mut slot = hash(name) & mask;
        loop {
            let entry = *self.table.get(slot)? as usize;
            let (key, _) = self.names.get(entry.checked_sub(1)?)?;
            if **key == *name {
                return Some(entry - 1);
            }
            slot = (slot + 1) & mask;
        }
    }

    #[inline]
    pub fn get(&self, name: &str) -> Option<&V> {
        let (_, value) = self.names.get(self.find(name)?)?;
        self.values.get(*value as usize)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// The names, sorted (of a map built sorted).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        debug_assert!(self.sorted, "keys of an index for exact lookups");
        self.names.iter().map(|(k, _)| &**k)
    }

    /// The values of every name that starts with `prefix`: one contiguous run of the sorted names.
    pub fn with_prefix<'a>(&'a self, prefix: &str) -> impl Iterator<Item = &'a V> + 'a {
        debug_assert!(self.sorted, "a prefix query on an index for exact lookups");
        let start = self.names.partition_point(|(k, _)| &**k < prefix);
        let len = self.names[start..].partition_point(|(k, _)| k.starts_with(prefix));
        self.names[start..start + len].iter().filter_map(|(_, i)| self.values.get(*i as usize))
    }
}

/// The hash table over sorted, unique `names`, at most a quarter full; empty if a name would need a
/// probe longer than [`MAX_PROBE`].
fn hash_table(names: &[(Box<str>, u32)]) -> Box<[u32]> {
    if names.is_empty() {
        return Box::default();
    }
    let size = (names.len() * 4).next_power_of_two();
    let mask = size - 1;
    let mut table = vec![0u32; size];
    for (i, (name, _)) in names.iter().enumerate() {
        let mut slot = hash(name) & mask;
        let mut probe = 0;
        while table[slot] != 0 {
            probe += 1;
            if probe > MAX_PROBE {
                return Box::default();
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = i as u32 + 1;
    }
    table.into_boxed_slice()
}

/// Names to their dense indices (declaration order), and the places where a name was declared
/// again. `sorted`: for prefix queries and listing too; otherwise for exact lookups only, and then
/// the names are only hashed, in declaration order, unless the hash table gives up.
pub(crate) fn index_names(names: &[&str], sorted: bool) -> (SortedMap<u32>, Vec<u32>) {
    if let Some(hashed) = (!sorted).then(|| hashed_index(names)).flatten() {
        return hashed;
    }
    let mut again: Vec<bool> = Vec::new();
    let map = SortedMap::build(names.iter().enumerate().map(|(i, &n)| (Box::from(n), i as u32)), |_, later| {
        let later = later as usize;
        if again.len() <= later {
            again.resize(later + 1, false);
        }
        again[later] = true;
    });
    // In declaration order, without a sort of their own.
    let repeated = again.iter().enumerate().filter(|(_, &a)| a).map(|(i, _)| i as u32).collect();
    (map, repeated)
}

/// [`index_names`] for exact lookups: each name placed in the hash table as it comes (a repeat is
/// found there), nothing sorted. `None` if a name would need a probe longer than [`MAX_PROBE`].
fn hashed_index(ids: &[&str]) -> Option<(SortedMap<u32>, Vec<u32>)> {
    let size = (ids.len().max(1) * 4).next_power_of_two();
    let mask = size - 1;
    let mut table = vec![0u32; size];
    let mut names: Vec<(Box<str>, u32)> = Vec::with_capacity(ids.len());
    let mut values = Vec::with_capacity(ids.len());
    let mut repeated = Vec::new();
    for (i, &id) in ids.iter().enumerate() {
        let mut slot = hash(id) & mask;
        let mut probe = 0;
        loop {
            match table[slot].checked_sub(1) {
                None => {
                    table[slot] = names.len() as u32 + 1;
                    names.push((Box::from(id), names.len() as u32));
                    values.push(i as u32);
                    break;
                }
                Some(known) if *names[known as usize].0 == *id => {
                    repeated.push(i as u32);
                    break;
                }
                Some(_) if probe == MAX_PROBE => return None,
                Some(_) => {
                    probe += 1;
                    slot = (slot + 1) & mask;
                }
            }
        }
    }
    Some((SortedMap { names, sorted: false, values, table: table.into_boxed_slice() }, repeated))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_and_reports_repeats_at_their_later_place() {
        for sorted in [true, false] {
            let (map, repeated) = index_names(&["b", "a", "c", "a", "b"], sorted);
            assert_eq!((map.get("a"), map.get("b"), map.get("c"), map.get("d")), (Some(&1), Some(&0), Some(&2), None));
            assert_eq!(repeated, [3, 4]);
            assert_eq!(map.sorted, sorted);
        }
        let (map, _) = index_names(&["b", "a", "c", "a", "b"], true);
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn an_index_for_exact_lookups_keeps_declaration_order_and_answers_as_a_sorted_one() {
        let names: Vec<String> = (0..3000).map(|i| format!("role-{}", (i * 7919) % 3000)).collect();
        let ids: Vec<&str> = names.iter().chain(&names[..10]).map(String::as_str).collect();
        let (hashed, hashed_repeats) = index_names(&ids, false);
        let (sorted, sorted_repeats) = index_names(&ids, true);
        assert!(!hashed.sorted && !hashed.table.is_empty());
        assert_eq!(hashed.names.iter().map(|(n, _)| &**n).collect::<Vec<_>>(), ids[..3000]);
        assert_eq!(hashed_repeats, (3000..3010).collect::<Vec<u32>>());
        assert_eq!(hashed_repeats, sorted_repeats);
        for id in ids.iter().copied().chain(["role-3000", "", "role-"]) {
            assert_eq!(hashed.get(id), sorted.get(id), "{id}");
        }
    }

    #[test]
    fn finds_every_name_whether_hashed_or_bisected() {
        let names: Vec<String> = (0..2000).map(|i| format!("p{}.r{}.read", i % 97, i)).collect();
        let ids: Vec<&str> = names.iter().map(String::as_str).collect();
        let (mut map, _) = index_names(&ids, true);
        assert!(!map.table.is_empty(), "well-spread names are hashed");
        for _ in 0..2 {
            for (i, n) in names.iter().enumerate() {
                assert_eq!(map.get(n), Some(&(i as u32)), "{n}");
            }
            assert_eq!(map.get("p1.r1.write"), None);
            assert_eq!(map.get(""), None);
            // Without the table (as after too many collisions), bisection gives the same answers.
            map.table = Box::default();
        }
    }

    #[test]
    fn finds_the_run_of_names_with_a_prefix() {
        let (map, _) = index_names(&["studio.flow.read", "sms.x.y", "studio.flow.update", "studiox.a.b"], true);
        assert_eq!(map.with_prefix("studio.").copied().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(map.with_prefix("").count(), 4);
        assert_eq!(map.with_prefix("video.").count(), 0);
    }
}
