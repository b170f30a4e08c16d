//! Demo fee schedules (收费公示, 演示数据): for each facility, the care fee per class and kind of
//! care it offers and a meal fee, each with the price of the year before, and for one facility
//! in four a meal fee change coming next month. Today's full-day fee is the class's monthly fee,
//! so the finder and the facility page agree; 普惠 facilities stay within the caps.

use crate::domain::calendar::{CivilDate, Timestamp, YearMonth};
use crate::domain::facility::ServiceType;
use crate::domain::fees::{FeeDraft, FeeItem, PriceCaps};
use crate::domain::policy::money::Fen;
use crate::store::directory::NewFacility;
use crate::store::fees::NewDemoFee;

/// Fee schedules are made for this many facilities at most: a district's worth. Benchmarks
/// that load 100,000 facilities do not need 800,000 fee rows.
pub const MAX_FACILITIES_WITH_FEES: usize = 2_000;

/// Rounds yuan down to a multiple of 50, as prices are set.
fn round_50(yuan: i64) -> i64 {
    yuan / 50 * 50
}

pub fn generate(facilities: &[NewFacility], caps: &PriceCaps, now: Timestamp) -> Vec<NewDemoFee> {
    let today = CivilDate::in_china_at(now);
    let this_season = CivilDate::new(today.year() - 1, 9, 1).expect("1 September exists");
    let last_season = CivilDate::new(today.year() - 2, 9, 1).expect("1 September exists");
    let next_month = YearMonth::of(today).plus_months(1).first_day();
    let mut fees = Vec::new();
    for new in facilities.iter().take(MAX_FACILITIES_WITH_FEES) {
        let f = &new.facility;
        let mut push = |item: FeeItem, yuan: i64, applies_from: CivilDate| {
            let capped = match (&item, f.inclusive) {
                (FeeItem::Care { level, service }, true) => caps.cap(*level, *service).map_or(Fen::yuan(yuan), |cap| cap.min(Fen::yuan(yuan))),
                _ => Fen::yuan(yuan),
            };
            fees.push(NewDemoFee { facility_id: f.id, draft: FeeDraft { item, amount: capped, applies_from } });
        };
        let variation = f.id % 9;
        for class in &new.classes {
            for service in &f.service_types {
                let level = class.level;
                let monthly = i64::from(class.monthly_fee);
                let yuan = match service {
                    ServiceType::FullDay => monthly,
                    ServiceType::HalfDay => round_50(monthly * 6 / 10),
                    ServiceType::Hourly => 25 + variation * 2,
                    ServiceType::Temporary => 120 + variation * 8,
                };
                let item = FeeItem::Care { level, service: *service };
                push(item.clone(), yuan - yuan / 20, last_season);
                push(item, yuan, this_season);
            }
        }
        push(FeeItem::Meals, 10 + variation, this_season);
        if f.id % 4 == 0 {
            push(FeeItem::Meals, 12 + variation, next_month);
        }
    }
    fees
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::facility::ClassLevel;
    use crate::domain::fees::caps::PriceCap;
    use crate::domain::fees::{FeeSchedule, PublishedFee};

    #[test]
    fn demo_fees_agree_with_the_class_fee_and_stay_within_the_caps() {
        let now = Timestamp(1_764_000_000);
        let caps = PriceCaps {
            caps: ClassLevel::ALL.iter().map(|level| PriceCap { level: *level, service: ServiceType::FullDay, cap: Fen::yuan(2_200) }).collect(),
            is_demo: true,
        };
        let facilities = crate::demo::generate(crate::demo::DEFAULT_SEED, 120, now);
        let fees = generate(&facilities, &caps, now);
        let today = CivilDate::in_china_at(now);
        for new in &facilities {
            let published = fees.iter().filter(|f| f.facility_id == new.facility.id).enumerate();
            let published = published.map(|(i, f)| PublishedFee { id: i as i64, item: f.draft.item.clone(), amount: f.draft.amount, applies_from: f.draft.applies_from, is_demo: true });
            let schedule = FeeSchedule::on(published.collect(), today);
            assert!(!schedule.history.is_empty(), "every facility has a history");
            for class in &new.classes {
                assert_eq!(schedule.full_day_fee_yuan(class.level), Some(class.monthly_fee), "facility {}", new.facility.id);
                if new.facility.inclusive {
                    assert!(schedule.current.iter().all(|f| match f.item {
                        FeeItem::Care { level, service } => caps.cap(level, service).is_none_or(|cap| f.amount <= cap),
                        _ => true,
                    }));
                }
            }
        }
        assert!(fees.iter().any(|f| f.draft.applies_from > today), "some changes are coming");
    }
}
