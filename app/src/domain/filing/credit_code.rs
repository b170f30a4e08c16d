//! The unified social credit code (统一社会信用代码, GB 32100-2015) every organisation in China is
//! registered under: 18 characters from a 31-character alphabet (digits and capitals without
//! I, O, Z, S and V), the last one a check character computed from the first 17.

use serde::{Deserialize, Serialize};

/// The code's alphabet in value order: '0' is 0 … 'Y' is 30.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weight of each of the first 17 positions: 3^i mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A credit code whose characters and check character are right.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditCode(String);

/// Why a typed code is not a credit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadCreditCode {
    /// Not 18 characters of the code's alphabet.
    Malformed,
    /// Well formed, but the last character does not match the first 17 (a typo).
    BadCheckCharacter,
}

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|a| *a == c).map(|p| p as u32)
}

/// The check character of a code's first 17 characters, or `None` if they are not of the alphabet.
pub fn check_character(first_17: &str) -> Option<char> {
    let bytes = first_17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (byte, weight) in bytes.iter().zip(WEIGHTS) {
        sum += value_of(*byte)? * weight;
    }
    let check = (31 - sum % 31) % 31;
    Some(ALPHABET[check as usize] as char)
}

impl CreditCode {
    /// Reads a code as typed: spaces are dropped and lower case is read as upper case.
    pub fn parse(input: &str) -> Result<Self, BadCreditCode> {
        let code: String = input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        if code.len() != 18 || !code.bytes().all(|b| value_of(b).is_some()) {
            return Err(BadCreditCode::Malformed);
        }
        let expected = check_character(&code[..17]).ok_or(BadCreditCode::Malformed)?;
        if code.as_bytes()[17] as char != expected {
            return Err(BadCreditCode::BadCheckCharacter);
        }
        Ok(CreditCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
