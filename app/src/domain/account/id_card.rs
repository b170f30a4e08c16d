//! Resident identity card numbers (GB 11643-1999): optional on a child's profile, checked by
//! their check digit and against the birth date, and shown masked.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::CivilDate;

/// An 18-character resident ID number with a valid check digit and birth date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentId(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadResidentId {
    #[error("an ID number has 17 digits and a final digit or X")]
    Format,
    #[error("the check digit does not match")]
    Checksum,
    #[error("the birth date in the number is not a date")]
    BirthDate,
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Sex as recorded in the ID number (17th digit: odd male, even female).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdSex {
    Male,
    Female,
}

/// The check character of the first 17 digits (GB 11643); `None` when they are not 17 digits.
pub fn check_char(first_17: &str) -> Option<char> {
    let digits: Vec<u32> = first_17.chars().map(|c| c.to_digit(10)).collect::<Option<Vec<_>>>()?;
    if digits.len() != 17 {
        return None;
    }
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    Some(CHECK_CHARS[(sum % 11) as usize])
}

impl ResidentId {
    pub fn parse(input: &str) -> Result<Self, BadResidentId> {
        let value: String = input.trim().chars().filter(|c| *c != ' ').collect::<String>().to_ascii_uppercase();
        let chars: Vec<char> = value.chars().collect();
        if chars.len() != 18 || !chars[..17].iter().all(|c| c.is_ascii_digit()) || !(chars[17].is_ascii_digit() || chars[17] == 'X') {
            return Err(BadResidentId::Format);
        }
        if check_char(&value[..17]) != Some(chars[17]) {
            return Err(BadResidentId::Checksum);
        }
        let id = ResidentId(value);
        id.birth_date().ok_or(BadResidentId::BirthDate)?;
        Ok(id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date written in digits 7–14.
    pub fn birth_date(&self) -> Option<CivilDate> {
        let digits = &self.0[6..14];
        CivilDate::parse(&format!("{}-{}-{}", &digits[0..4], &digits[4..6], &digits[6..8])).ok()
    }

    pub fn sex(&self) -> IdSex {
        let digit = self.0.as_bytes()[16] - b'0';
        if digit % 2 == 1 {
            IdSex::Male
        } else {
            IdSex::Female
        }
    }

    /// 500***********123X: the first three and last four characters.
    pub fn masked(&self) -> String {
        mask_id(&self.0)
    }
}

/// Masks all but the first three and the last four characters.
pub fn mask_id(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up number with a correct check digit (birth 2024-03-15, female).
    const VALID: &str = "500112202403150025";

    #[test]
    fn a_number_with_a_correct_check_digit_is_accepted() {
        let id = ResidentId::parse(VALID).expect("valid");
        assert_eq!(id.birth_date().map(|d| d.to_string()), Some("2024-03-15".into()));
        assert_eq!(id.sex(), IdSex::Female);
    }

    #[test]
    fn the_published_example_number_checks_out() {
        // GB 11643 example: 11010519491231002X.
        assert!(ResidentId::parse("11010519491231002x").is_ok());
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        assert_eq!(ResidentId::parse("500112202403150026"), Err(BadResidentId::Checksum));
    }

    #[test]
    fn wrong_length_letters_and_impossible_dates_are_refused() {
        assert_eq!(ResidentId::parse("50011220240315002"), Err(BadResidentId::Format));
        assert_eq!(ResidentId::parse("5001122024031500A6"), Err(BadResidentId::Format));
        // 2023-02-30 with a correct check digit is still not a date.
        assert_eq!(ResidentId::parse("500112202302300012"), Err(BadResidentId::BirthDate));
    }

    #[test]
    fn numbers_are_shown_masked() {
        assert_eq!(mask_id(VALID), "500***********0025");
    }
}
