//! Fixed-size bit sets over dense action indices: a role's grants and denies, resolved once.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct BitSet {
    words: Box<[u64]>,
}

impl BitSet {
    pub fn new(bits: usize) -> Self {
        BitSet { words: vec![0; bits.div_ceil(64)].into_boxed_slice() }
    }

    #[inline]
    pub fn get(&self, bit: u32) -> bool {
        let bit = bit as usize;
        self.words.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    pub fn set(&mut self, bit: u32) {
        let bit = bit as usize;
        self.words[bit / 64] |= 1 << (bit % 64);
    }

    pub fn union_with(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(other.words.iter()) {
            *a |= b;
        }
    }

    /// The lowest bit set here and not in `other` (a set over as many bits).
    pub fn first_not_in(&self, other: &BitSet) -> Option<u32> {
        self.words.iter().zip(other.words.iter()).enumerate().find_map(|(i, (&a, &b))| {
            let outside = a & !b;
            (outside != 0).then(|| (i * 64) as u32 + outside.trailing_zeros())
        })
    }

    /// The set bits, in order; a word with none costs one comparison.
    pub fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| {
            let mut rest = w;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    (i * 64) as u32 + bit
                })
            })
        })
    }
}

/// A set of few bits, sorted: what a role denies. Few roles deny anything, and those a few
/// actions each, but inheritance passes denies down to many roles; a dense set each would cost
/// every one of them a bit per action in the policy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SparseSet {
    bits: Box<[u32]>,
}

impl SparseSet {
    /// The set bits of a dense set.
    pub fn of(dense: &BitSet) -> Self {
        SparseSet { bits: dense.ones().collect() }
    }

    #[inline]
    pub fn get(&self, bit: u32) -> bool {
        self.bits.binary_search(&bit).is_ok()
    }

    /// Adds `other`'s bits (a merge of the two sorted lists).
    pub fn union_with(&mut self, other: &SparseSet) {
        if other.bits.is_empty() {
            return;
        }
        let (mut a, mut b) = (self.bits.iter().copied().peekable(), other.bits.iter().copied().peekable());
        let mut merged = Vec::with_capacity(self.bits.len() + other.bits.len());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&x), Some(&y)) if x == y => {
                    b.next();
                    a.next()
                }
                (Some(&x), Some(&y)) if y < x => b.next(),
                (Some(_), _) => a.next(),
                (None, _) => b.next(),
            };
            match next {
                Some(bit) => merged.push(bit),
                None => break,
            }
        }
        self.bits = merged.into_boxed_slice();
    }

    pub fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.bits.iter().copied()
    }
}

impl BitSet {
    /// Sets every bit of `sparse` (each below this set's size).
    pub fn set_all(&mut self, sparse: &SparseSet) {
        for bit in sparse.ones() {
            self.set(bit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_tests_and_unions_bits() {
        let mut a = BitSet::new(130);
        let mut b = BitSet::new(130);
        a.set(0);
        b.set(129);
        assert!(a.get(0) && !a.get(129) && !a.get(10_000));
        a.union_with(&b);
        assert_eq!(a.ones().collect::<Vec<_>>(), [0, 129]);
    }

    #[test]
    fn a_sparse_set_unites_sorted_without_repeats_and_fills_a_dense_one() {
        let mut dense = BitSet::new(300);
        for bit in [5, 70, 299] {
            dense.set(bit);
        }
        let mut a = SparseSet::of(&dense);
        let mut other = BitSet::new(300);
        for bit in [0, 70, 100, 299] {
            other.set(bit);
        }
        a.union_with(&SparseSet::of(&other));
        assert_eq!(a.ones().collect::<Vec<_>>(), [0, 5, 70, 100, 299]);
        assert!(a.get(100) && !a.get(6) && !a.get(10_000));
        a.union_with(&SparseSet::default());
        let mut filled = BitSet::new(300);
        filled.set_all(&a);
        assert_eq!(filled.ones().collect::<Vec<_>>(), [0, 5, 70, 100, 299]);
        let mut empty = SparseSet::default();
        empty.union_with(&a);
        assert_eq!(empty, a);
    }
}
