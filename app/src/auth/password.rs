//! Staff passwords: Argon2id hashes, a length rule and a check against common and guessable
//! passwords (zxcvbn's dictionaries include the most common leaked passwords).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// Common, or easy to guess (zxcvbn score below 3).
    TooCommon,
}

/// Checks a new password; `context` holds words an attacker would try (username, names).
pub fn check_policy(password: &str, context: &[&str]) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let score = zxcvbn::zxcvbn(password, context).score();
    if (score as u8) < 3 {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

/// An Argon2id hash in PHC format (salt and parameters included).
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
}

/// Whether `password` matches a stored hash; a malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()).unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that a wrong username takes
/// as long as a wrong password and does not reveal which accounts exist.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("no such account: dummy password").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_long_and_common_passwords_are_refused() {
        assert_eq!(check_policy("Ab1!", &[]), Err(PasswordProblem::TooShort));
        assert_eq!(check_policy(&"x".repeat(129), &[]), Err(PasswordProblem::TooLong));
        assert_eq!(check_policy("password123", &[]), Err(PasswordProblem::TooCommon));
        assert_eq!(check_policy("12345678", &[]), Err(PasswordProblem::TooCommon));
        assert_eq!(check_policy("yubei-operator-1", &["yubei-operator-1"]), Err(PasswordProblem::TooCommon));
    }

    #[test]
    fn a_long_uncommon_password_passes_up_to_128_characters() {
        assert_eq!(check_policy("青苗-river-Lantern-42", &[]), Ok(()));
        assert_eq!(check_policy(&"correct horse battery staple ".repeat(4)[..100], &[]), Ok(()));
    }

    #[test]
    fn hashes_verify_only_the_right_password() {
        let stored = hash("river-Lantern-42").expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("river-Lantern-42", &stored));
        assert!(!verify("river-lantern-42", &stored));
        assert!(!verify("anything", "not a hash"));
    }
}

/// Hashing takes tens of milliseconds of CPU on purpose: run it off the async workers so other
/// requests keep flowing.
pub async fn verify_blocking(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&password, &stored)).await.unwrap_or(false)
}

/// `hash` off the async workers.
pub async fn hash_blocking(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash(&password)).await.map_err(|e| e.to_string())?
}
