//! Money in whole fen (分, 1/100 yuan): integers only, so every figure is exactly the rule's.

use serde::{Deserialize, Serialize};

/// An amount in fen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fen(pub i64);

impl Fen {
    pub const ZERO: Fen = Fen(0);

    pub const fn yuan(yuan: i64) -> Fen {
        Fen(yuan * 100)
    }

    /// `self × n`.
    pub const fn times(self, n: i64) -> Fen {
        Fen(self.0 * n)
    }

    pub fn min(self, other: Fen) -> Fen {
        Fen(self.0.min(other.0))
    }

    /// Reads yuan as people type them: "8", "8.5", "8.50" (at most two decimals, no sign).
    pub fn parse_yuan(text: &str) -> Option<Fen> {
        let text = text.trim();
        let (whole, cents) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || whole.len() > 12 || !whole.bytes().all(|b| b.is_ascii_digit()) || cents.len() > 2 || !cents.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let cents: i64 = if cents.is_empty() { 0 } else { format!("{cents:0<2}").parse().ok()? };
        Some(Fen(whole * 100 + cents))
    }

    /// Yuan with two decimals and thousands separators: "3,600.00".
    pub fn to_yuan_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let fen = self.0.unsigned_abs();
        let (yuan, cents) = (fen / 100, fen % 100);
        let digits = yuan.to_string();
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        format!("{sign}{grouped}.{cents:02}")
    }
}

impl std::ops::Add for Fen {
    type Output = Fen;
    fn add(self, other: Fen) -> Fen {
        Fen(self.0 + other.0)
    }
}

impl std::ops::Sub for Fen {
    type Output = Fen;
    fn sub(self, other: Fen) -> Fen {
        Fen(self.0 - other.0)
    }
}

impl std::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        Fen(iter.map(|f| f.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::Fen;

    #[test]
    fn amounts_print_as_yuan_with_separators() {
        assert_eq!(Fen::yuan(3600).to_yuan_string(), "3,600.00");
        assert_eq!(Fen::yuan(450_000).to_yuan_string(), "450,000.00");
        assert_eq!(Fen(12_345).to_yuan_string(), "123.45");
        assert_eq!(Fen(5).to_yuan_string(), "0.05");
        assert_eq!(Fen(-150).to_yuan_string(), "-1.50");
    }

    #[test]
    fn yuan_are_read_exactly_to_the_fen() {
        assert_eq!(Fen::parse_yuan("8"), Some(Fen(800)));
        assert_eq!(Fen::parse_yuan(" 8.5 "), Some(Fen(850)));
        assert_eq!(Fen::parse_yuan("8.05"), Some(Fen(805)));
        for bad in ["", "-1", "8.123", "八", "1e3", ".5", "8,000"] {
            assert_eq!(Fen::parse_yuan(bad), None, "{bad:?}");
        }
    }
}
