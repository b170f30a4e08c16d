//! Looking a complaint up ("马上查"): a short tracking code anyone can read out over the phone,
//! and for anonymous complaints a 6-digit password shown once. The code leaves out characters
//! people confuse (0 and O, 1, I and L; U, read as V); input is forgiving about case,
//! spaces and dashes. Wrong passwords are limited per code; an unknown code and a wrong password
//! get the same answer, so codes cannot be discovered by guessing.

use serde::{Deserialize, Serialize};

/// The characters of a code: digits 2–9 and capitals without I, L, O and U.
const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Random characters after `TS-YY-`: 30⁶ ≈ 729 million codes a year.
const RANDOM_CHARS: usize = 6;
/// Wrong passwords allowed per code in `TRY_WINDOW_SECS`.
pub const MAX_TRIES: i64 = 5;
pub const TRY_WINDOW_SECS: i64 = 600;

/// A complaint's public tracking code, e.g. `TS-26-7KQ4M2`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TrackingCode(String);

impl TrackingCode {
    /// The code for a complaint filed in `year`, from a random number (the caller's generator).
    pub fn new(year: i32, mut random: u64) -> Self {
        let mut chars = String::with_capacity(RANDOM_CHARS);
        for _ in 0..RANDOM_CHARS {
            chars.push(ALPHABET[(random % ALPHABET.len() as u64) as usize] as char);
            random /= ALPHABET.len() as u64;
        }
        TrackingCode(format!("TS-{:02}-{chars}", year.rem_euclid(100)))
    }

    /// A code as people type it: `ts 26 7kq4m2`, `TS267KQ4M2` and `TS-26-7KQ4M2` are the same.
    pub fn parse(input: &str) -> Option<Self> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase();
        let rest = compact.strip_prefix("TS")?;
        if rest.len() != 2 + RANDOM_CHARS || !rest.is_ascii() {
            return None;
        }
        let (year, chars) = rest.split_at(2);
        if !year.bytes().all(|b| b.is_ascii_digit()) || !chars.bytes().all(|b| ALPHABET.contains(&b)) {
            return None;
        }
        Some(TrackingCode(format!("TS-{year}-{chars}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The 6-digit password of an anonymous complaint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryPassword(String);

impl QueryPassword {
    pub fn new(random: u32) -> Self {
        QueryPassword(format!("{:06}", random % 1_000_000))
    }

    /// Six digits, spaces around them ignored.
    pub fn parse(input: &str) -> Option<Self> {
        let digits = input.trim();
        (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| QueryPassword(digits.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_short_unambiguous_and_read_back_however_typed() {
        for random in [0u64, 1, 29, 30, 123_456_789, u64::MAX] {
            let code = TrackingCode::new(2026, random);
            assert!(code.as_str().starts_with("TS-26-") && code.as_str().len() == 12, "{}", code.as_str());
            assert!(!code.as_str()[6..].contains(['0', '1', 'I', 'L', 'O', 'U']));
            assert_eq!(TrackingCode::parse(code.as_str()), Some(code.clone()));
            assert_eq!(TrackingCode::parse(&code.as_str().to_lowercase().replace('-', " ")), Some(code.clone()));
        }
        assert_ne!(TrackingCode::new(2026, 1), TrackingCode::new(2026, 2));
        assert_eq!(TrackingCode::new(2027, 0).as_str(), "TS-27-222222");
    }

    #[test]
    fn anything_else_is_not_a_code() {
        for bad in ["", "TS-26-", "TS-26-7KQ4M", "TS-26-7KQ4M22", "TS-26-7KQ4MO", "XX-26-7KQ4M2", "TS-2A-7KQ4M2", "TS-26-7KQ4Mé"] {
            assert_eq!(TrackingCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn passwords_are_six_digits() {
        assert_eq!(QueryPassword::new(42).as_str(), "000042");
        assert_eq!(QueryPassword::new(1_234_567).as_str(), "234567");
        assert_eq!(QueryPassword::parse(" 012345 ").map(|p| p.0), Some("012345".into()));
        for bad in ["", "12345", "1234567", "12345a", "１２３４５６"] {
            assert_eq!(QueryPassword::parse(bad), None, "{bad}");
        }
    }
}
