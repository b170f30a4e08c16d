//! One-time sign-in codes for parents: random, six digits, single use, ten minutes, five tries,
//! stored as keyed hashes. Sending goes through `CodeSender`: production plugs in an SMS gateway;
//! development and tests use `LogSender`, which writes to the log and the development inbox.

use std::future::Future;
use std::pin::Pin;

use crate::domain::account::phone::PhoneNumber;

/// How long a code can be used.
pub const CODE_TTL_SECONDS: i64 = 10 * 60;
/// Wrong tries before a code is spent.
pub const MAX_ATTEMPTS: i64 = 5;

/// A fresh six-digit code, uniformly random.
pub fn generate() -> String {
    format!("{:06}", super::secrets::random_below(1_000_000))
}

/// The stored form of a code: bound to the phone number and keyed with the server secret.
pub fn hash(secret: &[u8], phone: &PhoneNumber, code: &str) -> String {
    super::secrets::keyed_hash(secret, &format!("login-code:{}:{}", phone.as_str(), code.trim()))
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// Delivers a sign-in code to a phone.
pub trait CodeSender: Send + Sync + std::fmt::Debug {
    fn send<'a>(&'a self, phone: &'a PhoneNumber, code: &'a str) -> SendFuture<'a>;
}

/// Development and tests: the code goes to the log (masked number) and, through the store, to
/// the development inbox. Refused in production (see the server's start-up checks).
#[derive(Debug, Default)]
pub struct LogSender;

impl CodeSender for LogSender {
    fn send<'a>(&'a self, phone: &'a PhoneNumber, code: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            tracing::info!(phone = %phone.masked(), code, "development sign-in code (not sent: no SMS gateway configured)");
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let code = generate();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn a_code_hash_is_bound_to_the_phone_and_the_key() {
        let a = PhoneNumber::parse("13800000001").expect("phone");
        let b = PhoneNumber::parse("13800000002").expect("phone");
        assert_ne!(hash(b"k", &a, "123456"), hash(b"k", &b, "123456"));
        assert_ne!(hash(b"k", &a, "123456"), hash(b"other", &a, "123456"));
        assert_eq!(hash(b"k", &a, " 123456 "), hash(b"k", &a, "123456"));
    }
}
