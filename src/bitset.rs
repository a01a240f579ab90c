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

    pub fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| {
            (0..64).filter(move |b| w & (1 << b) != 0).map(move |b| (i * 64 + b) as u32)
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
