//! Sorting for every list the widget orders, through one sort of `(key, position)` pairs: the
//! WebAssembly then carries one copy of the sort code, not one per item type and comparison.
//! Equal keys keep their order (the sorts are stable).

/// Sorts `items` by an integer key, ascending.
pub fn sort_by_i64<T>(items: &mut Vec<T>, key: impl Fn(&T) -> i64) {
    let mut order: Vec<(i64, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item), i))
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .iter()
            .filter_map(|&(_, i)| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `items` by a float key, largest first (in `f64::total_cmp`'s order).
pub fn sort_by_f64_descending<T>(items: &mut Vec<T>, key: impl Fn(&T) -> f64) {
    sort_by_i64(items, |item| !total_order_key(key(item)));
}

/// Sorts `items` by a float key, smallest first (in `f64::total_cmp`'s order), those without
/// one last.
pub fn sort_by_f64_ascending<T>(items: &mut Vec<T>, key: impl Fn(&T) -> Option<f64>) {
    sort_by_i64(items, |item| key(item).map_or(i64::MAX, total_order_key));
}

/// An integer whose order is `f64::total_cmp`'s.
fn total_order_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_are_stable_and_follow_total_cmp() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (-2, 'd'), (1, 'e')];
        sort_by_i64(&mut items, |(k, _)| *k);
        assert_eq!(items, [(-2, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);

        let mut floats = vec![
            0.5,
            -1.0,
            f64::INFINITY,
            0.5,
            -0.0,
            0.0,
            2.0,
            f64::NEG_INFINITY,
        ];
        let mut expected = floats.clone();
        expected.sort_by(|a: &f64, b| b.total_cmp(a));
        sort_by_f64_descending(&mut floats, |x| *x);
        assert_eq!(
            floats.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            expected.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );

        let mut maybe = vec![Some(2.0), None, Some(-1.0), None, Some(0.5)];
        sort_by_f64_ascending(&mut maybe, |x| *x);
        assert_eq!(maybe, [Some(-1.0), Some(0.5), Some(2.0), None, None]);
    }
}
