//! Individual income tax on annual comprehensive income (综合所得), the table of the Individual
//! Income Tax Law: what the under-3 care deduction saves a parent at a given income.

use super::money::Fen;

/// Upper bound of each bracket of annual taxable income (yuan), its rate in per cent and its
/// quick deduction (速算扣除数, yuan).
pub const BRACKETS: &[(Option<i64>, i64, i64)] = &[
    (Some(36_000), 3, 0),
    (Some(144_000), 10, 2_520),
    (Some(300_000), 20, 16_920),
    (Some(420_000), 25, 31_920),
    (Some(660_000), 30, 52_920),
    (Some(960_000), 35, 85_920),
    (None, 45, 181_920),
];

/// The rate (per cent) of the bracket `annual` taxable income falls in.
pub fn marginal_rate(annual: Fen) -> i64 {
    bracket(annual).1
}

fn bracket(annual: Fen) -> (Option<i64>, i64, i64) {
    BRACKETS.iter().copied().find(|(upper, _, _)| upper.is_none_or(|upper| annual.0 <= upper * 100)).unwrap_or((None, 45, 181_920))
}

/// Tax on `annual` taxable income, to the fen (half a fen rounds up).
pub fn annual_tax(annual: Fen) -> Fen {
    if annual.0 <= 0 {
        return Fen::ZERO;
    }
    let (_, rate, quick) = bracket(annual);
    // fen × rate% = fen × rate / 100, rounded half up.
    let tax = (annual.0 * rate + 50) / 100 - quick * 100;
    Fen(tax.max(0))
}

/// What a deduction of `deduction` saves on `annual` taxable income (before the deduction):
/// the tax without it less the tax with it, across brackets where it spans two.
pub fn saving(annual: Fen, deduction: Fen) -> Fen {
    annual_tax(annual) - annual_tax(Fen((annual.0 - deduction.0).max(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_and_its_quick_deductions_agree_at_every_bracket_edge() {
        // At each upper edge the two formulas (this bracket, the next) give the same tax.
        for pair in BRACKETS.windows(2) {
            let (Some(upper), rate, quick) = pair[0] else { continue };
            let (_, next_rate, next_quick) = pair[1];
            assert_eq!(upper * rate - quick * 100, upper * next_rate - next_quick * 100, "edge {upper}");
        }
        assert_eq!(annual_tax(Fen::yuan(36_000)), Fen::yuan(1_080));
        assert_eq!(annual_tax(Fen::yuan(100_000)), Fen::yuan(7_480));
        assert_eq!(marginal_rate(Fen::yuan(36_000)), 3);
        assert_eq!(marginal_rate(Fen(3_600_001)), 10);
    }

    #[test]
    fn the_deduction_saves_at_the_marginal_rate_and_across_brackets() {
        // 24,000 a year deducted at 100,000 taxable: 10 % of it.
        assert_eq!(saving(Fen::yuan(100_000), Fen::yuan(24_000)), Fen::yuan(2_400));
        // At 40,000: 4,000 at 10 % and 20,000 at 3 %.
        assert_eq!(saving(Fen::yuan(40_000), Fen::yuan(24_000)), Fen::yuan(1_000));
        // Below the deduction: only what tax there was.
        assert_eq!(saving(Fen::yuan(10_000), Fen::yuan(24_000)), Fen::yuan(300));
        assert_eq!(saving(Fen::ZERO, Fen::yuan(24_000)), Fen::ZERO);
    }
}
