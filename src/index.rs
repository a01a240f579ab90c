//! Name lookups: names sorted once, searched by bisection. For the few hundred to few thousand
//! names a policy has this is as fast as a hash table, far smaller in the wasm build (one sort,
//! no hashing code), and it answers prefix queries, which grant patterns such as `studio.*` are.

/// A read-only map from names to values.
#[derive(Clone, Debug)]
pub(crate) struct SortedMap<V> {
    /// Sorted names, each with the position of its value.
    names: Vec<(Box<str>, u32)>,
    values: Vec<V>,
}

impl<V> SortedMap<V> {
    /// Builds the map from `(name, value)` pairs. Where a name repeats, `merge` folds the later
    /// value into the first.
    pub fn build(pairs: impl IntoIterator<Item = (Box<str>, V)>, mut merge: impl FnMut(&mut V, V)) -> Self {
        let mut given: Vec<Option<V>> = Vec::new();
        let mut names: Vec<(Box<str>, u32)> = Vec::new();
        for (name, value) in pairs {
            names.push((name, given.len() as u32));
            given.push(Some(value));
        }
        // Ties are broken by position, so the order is that of a stable sort.
        names.sort_unstable();
        let mut map = SortedMap { names: Vec::with_capacity(names.len()), values: Vec::with_capacity(names.len()) };
        for (name, position) in names {
            let Some(value) = given[position as usize].take() else { continue };
            match (map.names.last(), map.values.last_mut()) {
                (Some((last, _)), Some(first)) if *last == name => merge(first, value),
                _ => {
                    map.names.push((name, map.values.len() as u32));
                    map.values.push(value);
                }
            }
        }
        map
    }

    #[inline]
    pub fn get(&self, name: &str) -> Option<&V> {
        let i = self.names.binary_search_by(|(k, _)| (**k).cmp(name)).ok()?;
        self.values.get(self.names[i].1 as usize)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The names, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|(k, _)| &**k)
    }

    /// The values of every name that starts with `prefix`: one contiguous run of the sorted names.
    pub fn with_prefix<'a>(&'a self, prefix: &str) -> impl Iterator<Item = &'a V> + 'a {
        let start = self.names.partition_point(|(k, _)| &**k < prefix);
        let len = self.names[start..].partition_point(|(k, _)| k.starts_with(prefix));
        self.names[start..start + len].iter().filter_map(|(_, i)| self.values.get(*i as usize))
    }
}

/// Names to their dense indices (declaration order), and the places where a name was declared
/// again.
pub(crate) fn index_names<'a>(names: impl Iterator<Item = &'a str>) -> (SortedMap<u32>, Vec<u32>) {
    let mut repeated = Vec::new();
    let map = SortedMap::build(names.enumerate().map(|(i, n)| (Box::from(n), i as u32)), |_, again| repeated.push(again));
    repeated.sort_unstable();
    (map, repeated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_and_reports_repeats_at_their_later_place() {
        let (map, repeated) = index_names(["b", "a", "c", "a", "b"].into_iter());
        assert_eq!((map.get("a"), map.get("b"), map.get("c"), map.get("d")), (Some(&1), Some(&0), Some(&2), None));
        assert_eq!(repeated, [3, 4]);
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn finds_the_run_of_names_with_a_prefix() {
        let (map, _) = index_names(["studio.flow.read", "sms.x.y", "studio.flow.update", "studiox.a.b"].into_iter());
        assert_eq!(map.with_prefix("studio.").copied().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(map.with_prefix("").count(), 4);
        assert_eq!(map.with_prefix("video.").count(), 0);
    }
}
