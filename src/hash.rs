//! Hash maps of the hot paths: short strings and paths hashed many times
//! per page (the run's vocabulary, interned segment texts, file system
//! answers, drift's token interner). foldhash is several times cheaper
//! than std's SipHash on such keys and, like std's, seeded at random for
//! each map: nothing may depend on their iteration order.

/// The hasher of [`Map`] and [`Set`].
pub type State = foldhash::fast::RandomState;
/// A `HashMap` with the fast hasher.
pub type Map<K, V> = std::collections::HashMap<K, V, State>;
/// A `HashSet` with the fast hasher.
pub type Set<T> = std::collections::HashSet<T, State>;

/// Answers remembered by key, shared by the threads of a run (the run
/// caches of lint and drift). The lock is not held while an answer is
/// computed: threads that compute the same key at once compute the same
/// answer, since an answer is a function of its key alone.
#[derive(Debug)]
pub struct Memo<K, V>(std::sync::Mutex<Map<K, V>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Self(std::sync::Mutex::new(Map::default()))
    }
}

impl<K: Eq + std::hash::Hash, V: Clone> Memo<K, V> {
    /// The answer for `key`: remembered, or `compute()` remembered under
    /// `owned(key)` the first time.
    pub fn get_or_insert_with<Q>(
        &self,
        key: &Q,
        owned: impl FnOnce(&Q) -> K,
        compute: impl FnOnce() -> V,
    ) -> V
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + std::hash::Hash + ?Sized,
    {
        if let Some(known) = self.0.lock().ok().and_then(|m| m.get(key).cloned()) {
            return known;
        }
        let answer = compute();
        if let Ok(mut m) = self.0.lock() {
            m.insert(owned(key), answer.clone());
        }
        answer
    }

    /// How many answers are remembered.
    pub fn len(&self) -> usize {
        self.0.lock().map_or(0, |m| m.len())
    }

    /// Whether no answer is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
