//! Demo staff rosters (演示数据): for each facility, enough carers for its classes' filed places at the national
//! ratios (1:3, 1:5, 1:7), a head, a health worker and a cook. Most carers hold a certificate;
//! about one health certificate in twelve is due within 30 days; a few background checks are
//! not done yet. ID numbers are well formed but start with region 000000, which does not exist.

use crate::domain::account::id_card::{check_char, ResidentId};
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::facility::ClassLevel;
use crate::domain::roster::{Qualification, StaffDraft, StaffRole};
use crate::store::directory::NewFacility;
use crate::store::roster::NewDemoStaff;

/// Rosters are made for this many facilities at most (as fee schedules are).
pub const MAX_FACILITIES_WITH_ROSTERS: usize = 2_000;

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
const GIVEN: &[&str] = &["晓燕", "丽", "静", "敏", "婷", "芳", "娟", "霞", "红梅", "玲", "雪", "佳", "琳", "倩", "慧", "志强"];

/// The `n`-th invented person's ID number: unique for every `n` below 360,000.
fn demo_id(n: u32) -> ResidentId {
    let block = n / 1000;
    let (year, month, day) = (1970 + block % 30, 1 + (block / 30) % 12, 1 + (n % 28));
    let first = format!("000000{year:04}{month:02}{day:02}{:03}", n % 1000);
    let id = format!("{first}{}", check_char(&first).unwrap_or('0'));
    ResidentId::parse(&id).expect("a well-formed demo ID number")
}

pub fn generate(facilities: &[NewFacility], now: Timestamp) -> Vec<NewDemoStaff> {
    let today = CivilDate::in_china_at(now);
    let days_before = |days: u32| CivilDate::from_days_since_epoch(today.days_since_epoch() - i64::from(days));
    let mut staff = Vec::new();
    let mut n = 0u32;
    for new in facilities.iter().take(MAX_FACILITIES_WITH_ROSTERS) {
        let mut roles: Vec<(StaffRole, Option<ClassLevel>)> = vec![(StaffRole::Lead, None), (StaffRole::Health, None), (StaffRole::Cook, None)];
        for class in &new.classes {
            // Enough carers for every filed place, so the staffed figure may go up to the filing.
            let carers = class.filed_capacity.div_ceil(class.level.children_per_carer()).max(1);
            roles.extend((0..carers).map(|_| (StaffRole::Carer, Some(class.level))));
        }
        for (role, class_level) in roles {
            n += 1;
            let qualification = match (role, n % 9, n % 3) {
                (StaffRole::Carer, 0, _) => Qualification::None,
                (StaffRole::Carer, _, 0) => Qualification::CarerCertificate,
                (StaffRole::Carer, _, 1) => Qualification::NannyCertificate,
                (StaffRole::Carer | StaffRole::Lead, _, _) => Qualification::TeacherLicence,
                _ => Qualification::None,
            };
            let employed_from = days_before(100 + n % 900);
            let health_issued = days_before(n % 360);
            let name = format!("{}{}", SURNAMES[(n as usize * 7) % SURNAMES.len()], GIVEN[(n as usize * 5) % GIVEN.len()]);
            let draft = StaffDraft {
                name,
                id_number: demo_id(n),
                role,
                class_level,
                qualification,
                employed_from,
                health_issued,
                health_expires: health_issued.plus_days(365),
                background_checked_on: (n % 13 != 0).then(|| days_before(110 + n % 900)),
            };
            staff.push(NewDemoStaff { facility_id: new.facility.id, draft });
        }
    }
    staff
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roster::{certification_rate, health_certificate_due, RosterEntry};

    #[test]
    fn demo_rosters_meet_the_ratios_and_look_like_a_district() {
        let now = Timestamp(1_764_000_000);
        let facilities = crate::demo::generate(crate::demo::DEFAULT_SEED, 120, now);
        let staff = generate(&facilities, now);
        let today = CivilDate::in_china_at(now);
        for new in &facilities {
            for class in &new.classes {
                let carers = staff.iter().filter(|s| s.facility_id == new.facility.id && s.draft.class_level == Some(class.level)).count() as u32;
                assert!(carers * class.level.children_per_carer() >= class.staffed_capacity, "facility {} {:?}", new.facility.id, class.level);
            }
        }
        let mut ids: Vec<&str> = staff.iter().map(|s| s.draft.id_number.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), staff.len(), "every demo person is one person");
        let entries: Vec<RosterEntry> = staff
            .iter()
            .map(|s| RosterEntry { person: s.draft.id_number.as_str().into(), role: s.draft.role, qualification: s.draft.qualification, health_expires: s.draft.health_expires })
            .collect();
        let rate = certification_rate(&entries).expect("carers");
        assert!((80..95).contains(&rate.percent()), "{rate:?}: below the plan's 95 % target, as a district still on its way");
        assert!(entries.iter().any(|e| health_certificate_due(e.health_expires, today)));
        assert!(staff.iter().all(|s| s.draft.health_expires > s.draft.health_issued && s.draft.employed_from <= today));
    }
}
