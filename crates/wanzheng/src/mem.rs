//! Memory habits for the per-project lists (RULES.md has no say here: this is about holding
//! many projects at once).
//!
//! A project's ledger lists (contracts, tenders, payment requests, funding sources,
//! obligations, plan years) usually hold one to a few items, but `Vec` grows from nothing to
//! room for four. [`push_small`] grows them one item at a time while they are that short and as
//! usual (doubling) afterwards: a few more reallocations early on, no slack in the common case.

/// Lists up to this length grow one item at a time.
const SMALL: usize = 4;

/// Makes room for one more item: exactly one while the list is short, else as `Vec` does.
pub(crate) fn reserve_small<T>(v: &mut Vec<T>) {
    if v.len() == v.capacity() && v.len() < SMALL {
        v.reserve_exact(1);
    }
}

/// Pushes `x`, growing exactly while the list is short (see the module docs).
pub(crate) fn push_small<T>(v: &mut Vec<T>, x: T) {
    reserve_small(v);
    v.push(x);
}

/// Lists up to this length are compared pairwise (no sorting, no temporary list).
const PAIRWISE: usize = 16;

/// Whether two lists hold the same items as sets (order and repeats ignored).
pub(crate) fn same_set<T: Ord>(a: &[T], b: &[T]) -> bool {
    if a.len() <= PAIRWISE && b.len() <= PAIRWISE {
        return a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x));
    }
    let (mut x, mut y): (Vec<&T>, Vec<&T>) = (a.iter().collect(), b.iter().collect());
    x.sort_unstable();
    x.dedup();
    y.sort_unstable();
    y.dedup();
    x == y
}

/// Whether an item occurs twice.
pub(crate) fn has_duplicates<'a>(items: impl Iterator<Item = &'a str> + Clone) -> bool {
    let n = items.clone().count();
    if n <= PAIRWISE {
        return items.clone().enumerate().any(|(i, x)| items.clone().take(i).any(|y| y == x));
    }
    let mut v: Vec<&str> = items.collect();
    v.sort_unstable();
    v.windows(2).any(|w| w[0] == w[1])
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Invariant: the pairwise comparisons agree with sorting, for short and long lists.
        #[test]
        fn set_checks_agree_with_sorting(a in proptest::collection::vec(0u8..24, 0..40), b in proptest::collection::vec(0u8..24, 0..40)) {
            let sorted = |v: &[u8]| { let mut v = v.to_vec(); v.sort_unstable(); v.dedup(); v };
            prop_assert_eq!(same_set(&a, &b), sorted(&a) == sorted(&b));
            let text: Vec<String> = a.iter().map(u8::to_string).collect();
            prop_assert_eq!(has_duplicates(text.iter().map(String::as_str)), sorted(&a).len() != a.len());
        }
    }

    /// Short lists hold no slack; longer ones grow as usual and keep every item in order.
    #[test]
    fn short_lists_are_exact() {
        let mut v = Vec::new();
        for i in 0..SMALL {
            push_small(&mut v, i);
            assert_eq!(v.capacity(), v.len());
        }
        for i in SMALL..100 {
            push_small(&mut v, i);
        }
        assert_eq!(v, (0..100).collect::<Vec<_>>());
    }
}
