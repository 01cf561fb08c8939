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
