//! A facility's figures from its ratings: the one definition of each.
//!
//! - **Weight.** A rating older than 24 months counts half (facilities change: staff, rooms).
//! - **Score shown to people.** The weighted mean of the overall scores, from 3 ratings on;
//!   below that the page says there are too few.
//! - **Sort key.** A Bayesian average against the district mean with a prior weight of 5, so a
//!   single 5-star rating does not put a facility above one with forty 4.8s. People see the
//!   plain (weighted) mean; the help text says how sorting works.
//!
//! Hidden and withdrawn ratings are not passed in: they count nowhere.

use super::{Aspect, AspectStars};
use crate::domain::calendar::CivilDate;

/// A score is shown from this many (visible) ratings on.
pub const MIN_RATINGS_FOR_SCORE: usize = 3;
/// How many ratings' worth of the district mean every facility starts with when sorting.
pub const PRIOR_WEIGHT: f64 = 5.0;
/// Ratings at least this many whole months old count `OLD_RATING_WEIGHT`.
pub const AGEING_MONTHS: i32 = 24;
pub const OLD_RATING_WEIGHT: f64 = 0.5;
/// The finder's "评分 ≥ 4" filter: facilities whose shown score is at least this.
pub const GOOD_SCORE: f64 = 4.0;
/// The sort prior when the district has no rating at all (the middle of the scale).
pub const NEUTRAL_MEAN: f64 = 3.0;

/// How much a rating made on `rated_on` counts on `today`.
pub fn weight(rated_on: CivilDate, today: CivilDate) -> f64 {
    if rated_on.whole_months_until(today) >= AGEING_MONTHS {
        OLD_RATING_WEIGHT
    } else {
        1.0
    }
}

/// Whether a rating made on `rated_on` shows greyed (it counts half).
pub fn is_aged(rated_on: CivilDate, today: CivilDate) -> bool {
    weight(rated_on, today) < 1.0
}

/// One visible rating, as the figures need it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counted {
    pub stars: AspectStars,
    pub rated_on: CivilDate,
}

/// A facility's rating figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Visible ratings.
    pub count: usize,
    /// The weighted mean of the overall scores, when there are enough ratings to show it.
    pub score: Option<f64>,
    /// Weighted mean stars per aspect, in `Aspect::ALL` order (shown with the score).
    pub per_aspect: Vec<(Aspect, f64)>,
    /// How many ratings have an overall score that rounds to 1, 2, 3, 4 and 5 stars.
    pub per_star: [usize; 5],
    /// Σ weight × overall and Σ weight: what the sort key needs.
    pub weighted_sum: f64,
    pub weight_total: f64,
}

/// The figures of one facility's visible ratings on `today`.
pub fn summarise(ratings: &[Counted], today: CivilDate) -> Summary {
    let mut weighted_sum = 0.0;
    let mut weight_total = 0.0;
    let mut aspect_sums = [0.0; 6];
    let mut per_star = [0usize; 5];
    for rating in ratings {
        let w = weight(rating.rated_on, today);
        let overall = rating.stars.overall();
        weighted_sum += w * overall;
        weight_total += w;
        for (sum, (_, stars)) in aspect_sums.iter_mut().zip(rating.stars.iter()) {
            *sum += w * f64::from(stars.get());
        }
        per_star[star_level(overall) - 1] += 1;
    }
    let enough = ratings.len() >= MIN_RATINGS_FOR_SCORE;
    Summary {
        count: ratings.len(),
        score: enough.then(|| weighted_sum / weight_total),
        per_aspect: if enough {
            Aspect::ALL.iter().copied().zip(aspect_sums.iter().map(|sum| sum / weight_total)).collect()
        } else {
            Vec::new()
        },
        per_star,
        weighted_sum,
        weight_total,
    }
}

/// The star level (1–5) an overall score counts under: rounded half up (4.5 → 5).
pub fn star_level(overall: f64) -> usize {
    ((overall + 0.5).floor() as usize).clamp(1, 5)
}

/// The district mean the sort key pulls towards: the weighted mean of every visible rating.
pub fn district_mean(weighted_sum: f64, weight_total: f64) -> f64 {
    if weight_total > 0.0 {
        weighted_sum / weight_total
    } else {
        NEUTRAL_MEAN
    }
}

/// The finder's "by rating" sort key (higher first).
pub fn sort_key(weighted_sum: f64, weight_total: f64, district_mean: f64) -> f64 {
    (PRIOR_WEIGHT * district_mean + weighted_sum) / (PRIOR_WEIGHT + weight_total)
}

/// A score as people read it: one decimal ("4.3").
pub fn one_decimal(score: f64) -> String {
    format!("{:.1}", (score * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::super::RatingInput;
    use super::*;

    fn date(s: &str) -> CivilDate {
        CivilDate::parse(s).expect("test date")
    }

    fn rating(all: i64, rated_on: &str) -> Counted {
        let input = RatingInput {
            safety: Some(all),
            hygiene_meals: Some(all),
            care: Some(all),
            communication: Some(all),
            environment: Some(all),
            fees: Some(all),
            text: String::new(),
        };
        Counted { stars: input.validate().expect("valid").stars, rated_on: date(rated_on) }
    }

    #[test]
    fn ratings_older_than_24_months_count_half() {
        let today = date("2026-12-01");
        assert_eq!(weight(date("2024-12-02"), today), 1.0);
        assert_eq!(weight(date("2024-12-01"), today), OLD_RATING_WEIGHT);
        assert!(is_aged(date("2020-01-01"), today));
        assert!(!is_aged(date("2026-11-30"), today));
    }

    #[test]
    fn no_score_is_shown_below_three_ratings() {
        let today = date("2026-12-01");
        let two = summarise(&[rating(5, "2026-10-01"), rating(4, "2026-10-02")], today);
        assert_eq!((two.count, two.score), (2, None));
        assert!(two.per_aspect.is_empty());
        assert_eq!(two.per_star, [0, 0, 0, 1, 1]);
        let three = summarise(&[rating(5, "2026-10-01"), rating(4, "2026-10-02"), rating(3, "2026-10-03")], today);
        assert_eq!(three.score, Some(4.0));
        assert_eq!(three.per_aspect.len(), 6);
        assert_eq!(three.per_aspect[0], (Aspect::Safety, 4.0));
    }

    #[test]
    fn an_old_rating_counts_half_in_the_score() {
        let today = date("2026-12-01");
        // Two recent 5s and one old 2: (5 + 5 + 0.5 × 2) / 2.5 = 4.4, not the plain 4.0.
        let summary = summarise(&[rating(5, "2026-10-01"), rating(5, "2026-10-02"), rating(2, "2023-01-01")], today);
        let score = summary.score.expect("shown");
        assert!((score - 4.4).abs() < 1e-9);
        assert_eq!(one_decimal(score), "4.4");
    }

    #[test]
    fn one_five_star_rating_does_not_top_many_good_ones() {
        let mean = 4.0;
        let single_five = sort_key(5.0, 1.0, mean);
        let forty_good = sort_key(40.0 * 4.8, 40.0, mean);
        assert!(forty_good > single_five, "{forty_good} vs {single_five}");
        // With no ratings a facility sorts at the district mean.
        assert_eq!(sort_key(0.0, 0.0, mean), mean);
        assert_eq!(district_mean(0.0, 0.0), NEUTRAL_MEAN);
        assert_eq!(district_mean(90.0, 20.0), 4.5);
    }

    #[test]
    fn star_levels_round_half_up() {
        assert_eq!(star_level(1.0), 1);
        assert_eq!(star_level(4.49), 4);
        assert_eq!(star_level(4.5), 5);
        assert_eq!(star_level(5.0), 5);
    }
}
