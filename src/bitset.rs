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
}
