//! Randomness, hashes and keyed hashes used by sign-in and sessions.

use data_encoding::{BASE64URL_NOPAD, HEXLOWER};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// `n` bytes from the operating system's generator.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; n];
    // The OS generator does not fail on supported platforms; if it ever did, an all-zero
    // token must not be used, so stop the process rather than continue insecurely.
    if let Err(error) = getrandom::fill(&mut bytes) {
        panic!("operating system random generator failed: {error}");
    }
    bytes
}

/// A 256-bit random token for cookies and one-time links, URL-safe.
pub fn random_token() -> String {
    BASE64URL_NOPAD.encode(&random_bytes(32))
}

/// A uniformly random number below `bound` (rejection sampling, no modulo bias).
pub fn random_below(bound: u32) -> u32 {
    let zone = u32::MAX - (u32::MAX % bound);
    loop {
        let bytes = random_bytes(4);
        let value = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        if value < zone {
            return value % bound;
        }
    }
}

/// SHA-256 of a high-entropy secret (session tokens): no key needed, nothing to brute-force.
pub fn sha256_hex(value: &str) -> String {
    HEXLOWER.encode(&Sha256::digest(value.as_bytes()))
}

/// HMAC-SHA-256 with the server's secret: for low-entropy values such as 6-digit codes, which
/// a plain hash would not protect if the database leaked.
pub fn keyed_hash(key: &[u8], value: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable_key());
    mac.update(value.as_bytes());
    HEXLOWER.encode(&mac.finalize().into_bytes())
}

fn unreachable_key() -> Hmac<Sha256> {
    // HMAC accepts keys of any length; this is never reached.
    <Hmac<Sha256> as Mac>::new_from_slice(b"k").unwrap_or_else(|_| unreachable!())
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_different() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
    }

    #[test]
    fn keyed_hashes_depend_on_the_key() {
        assert_ne!(keyed_hash(b"one", "123456"), keyed_hash(b"two", "123456"));
        assert_eq!(keyed_hash(b"one", "123456"), keyed_hash(b"one", "123456"));
    }

    #[test]
    fn random_numbers_stay_below_the_bound() {
        assert!((0..1000).all(|_| random_below(10) < 10));
    }

    #[test]
    fn equal_strings_compare_equal() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
