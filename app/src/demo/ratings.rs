//! Demo ratings: invented families whose child was enrolled at a demo facility (an application
//! that reached 已入托 and ended with the child leaving, so today's vacancies are untouched),
//! each rating the facility once. Deterministic like the facilities; every family is flagged
//! `is_demo`, its phone number starts with `100` (no real mobile number does) and its ratings
//! show as 演示数据.

use super::Rng;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::rating::{AspectStars, RatingDraft};
use crate::store::directory::NewFacility;
use crate::store::ratings::NewDemoRating as DemoRating;

/// Demo ratings go to the first this-many facilities only: enough for every page and for the
/// rating sort at benchmark sizes, without loading hundreds of thousands of families.
pub const RATED_FACILITIES: i64 = 2_000;

const FAMILY_NAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "罗", "郑", "梁"];
const GIVEN_NAMES: &[&str] = &["小满", "安安", "乐乐", "一诺", "子涵", "沐晨", "若溪", "嘉佑", "欣怡", "浩宇", "星辰", "可可", "朵朵", "航航"];
/// Texts written for the demo (our own words); some ratings have none.
const TEXTS: &[&str] = &[
    "老师很有耐心，孩子每天都愿意去。",
    "每周公示食谱，孩子回家说饭菜好吃。",
    "户外场地小了一点，希望多带孩子出去活动。",
    "每天在家长群里发吃饭和午睡的情况，很放心。",
    "收费和公示的一样，没有额外收费。",
    "接送要核对身份，门禁很严格。",
    "刚入托时孩子哭得厉害，老师陪了很久，慢慢适应了。",
    "教室干净，玩具定期消毒。",
    "希望延时服务能再晚一点，方便上班的家长。",
    "午睡环境安静，孩子作息规律了很多。",
];

/// Ratings for `facilities` (as `generate` made them): about two facilities in three (of the
/// first `RATED_FACILITIES`) get 1–14 ratings over the last 30 months, so some show a score,
/// some "too few", some greyed old ratings, and the rating sort has something to sort.
pub fn generate_ratings(seed: u64, facilities: &[NewFacility], now: Timestamp) -> Vec<DemoRating> {
    let mut rng = Rng(seed ^ 0x5241_5449_4E47);
    let mut ratings = Vec::new();
    for new in facilities {
        if new.facility.id > RATED_FACILITIES {
            break;
        }
        if new.classes.is_empty() || rng.chance(35) {
            continue;
        }
        // Each facility has its own level; aspects scatter around it.
        let quality = 2.8 + rng.unit_f64() * 2.1;
        for _ in 0..rng.range(1, 14) {
            let phone_number = ratings.len() + 1;
            ratings.extend(one_rating(&mut rng, new, quality, phone_number, now));
        }
    }
    ratings
}

/// `count` ratings of one facility (the ratings benchmark's busy facility), their families'
/// phone numbers counted from `first_phone`.
pub fn ratings_of(seed: u64, facility: &NewFacility, count: usize, first_phone: usize, now: Timestamp) -> Vec<DemoRating> {
    let mut rng = Rng(seed ^ facility.facility.id as u64);
    (0..count).filter_map(|n| one_rating(&mut rng, facility, 4.0, first_phone + n, now)).collect()
}

fn one_rating(rng: &mut Rng, facility: &NewFacility, quality: f64, phone_number: usize, now: Timestamp) -> Option<DemoRating> {
    let class = facility.classes.first()?;
    let values = [0; 6].map(|_| (quality + rng.unit_f64() * 2.0 - 1.0).round().clamp(1.0, 5.0) as i64);
    let stars = AspectStars::from_values(values).ok()?;
    let text = rng.chance(70).then(|| rng.pick(TEXTS).to_string());
    let days_ago = rng.range(3, 900) as i64;
    let rated_at = Timestamp(now.0 - days_ago * Timestamp::SECONDS_PER_DAY);
    let age_days = rng.range(420, 1000) as i64;
    Some(DemoRating {
        facility_id: facility.facility.id,
        class_id: class.id,
        phone: format!("100{phone_number:08}"),
        child_name: format!("{}{}", rng.pick(FAMILY_NAMES), rng.pick(GIVEN_NAMES)),
        birth_date: CivilDate::in_china_at(Timestamp(rated_at.0 - age_days * Timestamp::SECONDS_PER_DAY)),
        draft: RatingDraft { stars, text, text_held: false },
        rated_at,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{generate, DEFAULT_FACILITIES, DEFAULT_SEED};
    use super::*;
    use crate::domain::rating::text::needs_review;

    const NOW: Timestamp = Timestamp(1_764_000_000);

    #[test]
    fn demo_ratings_are_deterministic_varied_and_point_at_real_classes() {
        let facilities = generate(DEFAULT_SEED, DEFAULT_FACILITIES, NOW);
        let ratings = generate_ratings(DEFAULT_SEED, &facilities, NOW);
        assert_eq!(ratings, generate_ratings(DEFAULT_SEED, &facilities, NOW));
        assert!(ratings.len() > 200, "{} ratings", ratings.len());
        for f in &facilities {
            for r in ratings.iter().filter(|r| r.facility_id == f.facility.id) {
                assert!(f.classes.iter().any(|c| c.id == r.class_id && c.facility_id == f.facility.id), "a class of the facility");
                assert!(r.birth_date < CivilDate::in_china_at(r.rated_at));
            }
        }
        let per_facility = |id: i64| ratings.iter().filter(|r| r.facility_id == id).count();
        assert!(facilities.iter().any(|f| (1..3).contains(&per_facility(f.facility.id))), "some facilities have too few for a score");
        assert!(facilities.iter().any(|f| per_facility(f.facility.id) >= 3));
        assert!(ratings.iter().any(|r| r.rated_at.days_until(NOW) > 730), "some ratings are older than 24 months");
        // Phones cannot be anyone's: mobile numbers never start with 100.
        assert!(ratings.iter().all(|r| r.phone.len() == 11 && r.phone.starts_with("100")));
        assert!(TEXTS.iter().all(|t| !needs_review(t)), "demo texts are published, not held");
    }
}
