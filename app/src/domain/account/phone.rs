//! Mainland mobile numbers: how parents sign in, and how they are shown masked.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A mainland China mobile number, 11 digits starting with 13–19.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PhoneNumber(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a mainland mobile number")]
pub struct BadPhoneNumber;

impl PhoneNumber {
    /// Accepts spaces and dashes, and an optional +86 / 86 prefix.
    pub fn parse(input: &str) -> Result<Self, BadPhoneNumber> {
        let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{3000}')).collect();
        let digits = digits.strip_prefix("+86").or_else(|| digits.strip_prefix("0086")).unwrap_or(&digits);
        let digits = if digits.len() == 13 { digits.strip_prefix("86").unwrap_or(digits) } else { digits };
        let bytes = digits.as_bytes();
        let valid = bytes.len() == 11
            && bytes.iter().all(u8::is_ascii_digit)
            && bytes[0] == b'1'
            && (b'3'..=b'9').contains(&bytes[1]);
        if valid {
            Ok(PhoneNumber(digits.to_string()))
        } else {
            Err(BadPhoneNumber)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 138****1234: what any screen shows.
    pub fn masked(&self) -> String {
        mask_phone(&self.0)
    }
}

/// Masks the middle four digits of an 11-digit number; anything else becomes stars but the
/// last two characters.
pub fn mask_phone(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() == 11 {
        format!("{}****{}", chars[..3].iter().collect::<String>(), chars[7..].iter().collect::<String>())
    } else {
        let keep = chars.len().saturating_sub(2);
        "*".repeat(keep) + &chars[keep..].iter().collect::<String>()
    }
}

impl fmt::Display for PhoneNumber {
    /// Displays masked: the full number is never formatted by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_ways_of_writing_a_number_are_accepted() {
        for input in ["13812341234", "138 1234 1234", "138-1234-1234", "+86 138 1234 1234", "8613812341234"] {
            assert_eq!(PhoneNumber::parse(input).map(|p| p.as_str().to_string()), Ok("13812341234".into()), "{input}");
        }
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for input in ["", "1381234123", "138123412345", "12812341234", "23812341234", "1381234123a", "+1 555 1234", "１３８１２３４１２３４"] {
            assert!(PhoneNumber::parse(input).is_err(), "{input}");
        }
    }

    #[test]
    fn numbers_are_shown_masked() {
        let phone = PhoneNumber::parse("13812341234").expect("valid");
        assert_eq!(phone.masked(), "138****1234");
        assert_eq!(phone.to_string(), "138****1234");
        assert_eq!(mask_phone("12345"), "***45");
    }
}
