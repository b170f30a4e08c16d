//! Deterministic demo data: the same seed gives the same facilities, so screenshots, tests and
//! benchmarks agree. Every name, address and phone number is invented; phone numbers start with
//! 0 after the area code (`023-0…`), which no real Chongqing number does. Everything generated
//! is flagged `is_demo` and shown as 演示数据.

pub mod complaints;
mod fees;
mod filings;
pub use filings::load_demo_filings;
mod roster;
mod subsidies;
mod learning;
mod ratings;

use crate::domain::calendar::Timestamp;
use crate::domain::district::{self, UnitKind, UNITS};
use crate::domain::facility::{Class, ClassLevel, Facility, FacilityKind, FilingStatus, Grade, Ownership, ServiceType};
use crate::domain::geo::GeoPoint;
use crate::store::directory::NewFacility;
use crate::store::{Store, StoreError};

/// The seed `make run` uses.
pub const DEFAULT_SEED: u64 = 20_241_216;
/// About as many facilities as the district has.
pub const DEFAULT_FACILITIES: usize = 120;

/// SplitMix64: tiny, fast and fixed forever (a library generator may change its stream).
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    fn range(&mut self, low: u32, high_inclusive: u32) -> u32 {
        low + self.below((high_inclusive - low + 1) as u64) as u32
    }
    fn unit_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const BRANDS: &[&str] = &[
    "小橡树", "星芽", "禾苗", "暖阳", "彩虹桥", "蒲公英", "小鲸鱼", "萤火虫", "向日葵", "童心", "乐贝", "知了", "青苗", "花蕾",
    "小蜗牛", "云朵", "满天星", "麦穗", "小脚丫", "春芽", "贝贝熊", "果果", "豆豆", "启明星",
];
const ROAD_WORDS: &[&str] = &["桂香", "银杏", "紫荆", "香樟", "翠柏", "丹枫", "海棠", "芙蓉", "兰溪", "松林", "梧桐", "玉兰"];
const ROAD_SUFFIXES: &[&str] = &["路", "街", "大道", "巷"];
const NEIGHBOURHOODS: &[&str] = &["和苑", "锦园", "悦府", "新村", "花园", "家园"];
const EMPLOYERS: &[&str] = &["星河科技", "嘉禾物流", "云帆软件", "晨光制造", "蓝湾医药", "长风电子"];

/// Generates `count` facilities from `seed`. Ids run from 1; class ids from 1.
/// `now` anchors the "last updated" times; about one facility in eight has figures older
/// than 30 days so that pages show 未更新 honestly.
pub fn generate(seed: u64, count: usize, now: Timestamp) -> Vec<NewFacility> {
    let mut rng = Rng(seed);
    let mut used_names = std::collections::HashSet::new();
    let mut next_class_id = 1i64;
    (0..count)
        .map(|i| {
            let id = i as i64 + 1;
            // The first 30 facilities cover every street and town once; the rest lean to the
            // populous streets (weight 3) over the towns (weight 1).
            let unit = if i < UNITS.len() { &UNITS[i] } else { weighted_unit(&mut rng) };
            let kind = pick_kind(&mut rng);
            let name = unique_name(&mut rng, &mut used_names, unit.short_name, kind);
            let facility = make_facility(&mut rng, id, name, kind, unit);
            let classes = make_classes(&mut rng, id, kind, facility.inclusive, facility.capped_monthly_fee, now, &mut next_class_id);
            NewFacility { facility, classes }
        })
        .collect()
}

fn weighted_unit(rng: &mut Rng) -> &'static district::DistrictUnit {
    let weight = |u: &district::DistrictUnit| if u.kind == UnitKind::Street { 3 } else { 1 };
    let total: u64 = UNITS.iter().map(weight).sum();
    let mut pick = rng.below(total);
    for unit in UNITS.iter() {
        if pick < weight(unit) {
            return unit;
        }
        pick -= weight(unit);
    }
    &UNITS[0]
}

fn pick_kind(rng: &mut Rng) -> FacilityKind {
    match rng.below(100) {
        0..=54 => FacilityKind::Nursery,
        55..=74 => FacilityKind::KindergartenClass,
        75..=89 => FacilityKind::Community,
        90..=94 => FacilityKind::Employer,
        _ => FacilityKind::MedicalCare,
    }
}

fn unique_name(rng: &mut Rng, used: &mut std::collections::HashSet<String>, place: &str, kind: FacilityKind) -> String {
    let base = match kind {
        FacilityKind::Nursery => format!("{place}{}托育园", rng.pick(BRANDS)),
        FacilityKind::KindergartenClass => format!("{place}{}幼儿园托班", rng.pick(BRANDS)),
        FacilityKind::Community => format!("{place}{}家门口托育点", rng.pick(NEIGHBOURHOODS)),
        FacilityKind::Employer => format!("{}职工托育室", rng.pick(EMPLOYERS)),
        FacilityKind::MedicalCare => format!("{place}{}医育结合托育中心", rng.pick(BRANDS)),
    };
    let mut name = base.clone();
    let mut branch = 2;
    while !used.insert(name.clone()) {
        name = format!("{base}（{branch}园）");
        branch += 1;
    }
    name
}

/// A point near the unit's anchor that lies inside the district outline.
fn location_near(rng: &mut Rng, unit: &district::DistrictUnit) -> GeoPoint {
    // Streets are compact urban areas; towns spread over hills and villages.
    let radius_deg = if unit.kind == UnitKind::Street { 0.012 } else { 0.03 };
    for _ in 0..50 {
        let angle = rng.unit_f64() * std::f64::consts::TAU;
        let r = radius_deg * rng.unit_f64().sqrt();
        // Six decimals are about 0.1 m: as precise as any address needs.
        let round = |degrees: f64| (degrees * 1e6).round() / 1e6;
        let point = GeoPoint { lon: round(unit.anchor.lon + r * angle.cos()), lat: round(unit.anchor.lat + r * angle.sin() * 0.9) };
        if district::contains(point) {
            return point;
        }
    }
    unit.anchor
}

fn make_facility(rng: &mut Rng, id: i64, name: String, kind: FacilityKind, unit: &district::DistrictUnit) -> Facility {
    let ownership = match kind {
        FacilityKind::KindergartenClass if rng.chance(60) => Ownership::Public,
        FacilityKind::Community => *rng.pick(&[Ownership::PublicBuiltPrivateRun, Ownership::PrivateWithPublicAid, Ownership::Public]),
        FacilityKind::MedicalCare => Ownership::PublicBuiltPrivateRun,
        _ => *rng.pick(&[Ownership::Private, Ownership::Private, Ownership::PrivateWithPublicAid]),
    };
    let inclusive = ownership == Ownership::Public || rng.chance(70);
    let capped_monthly_fee = inclusive.then(|| rng.range(24, 44) * 50);
    let filing_status = match rng.below(100) {
        0..=84 => FilingStatus::Filed,
        85..=92 => FilingStatus::UnderReview,
        93..=97 => FilingStatus::NotFiled,
        _ => FilingStatus::Revoked,
    };
    let filing_number = matches!(filing_status, FilingStatus::Filed | FilingStatus::Revoked)
        .then(|| format!("渝北托备{}第{:04}号", 2022 + rng.below(4), id));
    let grade = match rng.below(100) {
        0..=4 => Grade::One,
        5..=21 => Grade::Two,
        22..=66 => Grade::Three,
        _ => Grade::Ungraded,
    };
    let grade = if filing_status == FilingStatus::Filed { grade } else { Grade::Ungraded };
    let address = format!(
        "{}{}{}{}号",
        unit.full_name(),
        rng.pick(ROAD_WORDS),
        rng.pick(ROAD_SUFFIXES),
        rng.range(1, 388)
    );
    let phone = format!("023-0{:03}-{:04}", rng.below(1000), rng.below(10_000));
    let mut service_types = vec![ServiceType::FullDay];
    if rng.chance(40) {
        service_types.push(ServiceType::HalfDay);
    }
    if kind != FacilityKind::KindergartenClass && rng.chance(30) {
        service_types.push(ServiceType::Hourly);
    }
    if kind != FacilityKind::KindergartenClass && rng.chance(20) {
        service_types.push(ServiceType::Temporary);
    }
    let opening_hours = rng.pick(&["周一至周五 07:30–17:30", "周一至周五 08:00–18:00", "周一至周六 07:30–18:30"]).to_string();
    Facility {
        id,
        name,
        kind,
        ownership,
        inclusive,
        capped_monthly_fee,
        filing_status,
        filing_number,
        grade,
        unit_code: unit.code,
        address,
        location: location_near(rng, unit),
        phone,
        opening_hours,
        service_types,
        is_demo: true,
    }
}

fn make_classes(
    rng: &mut Rng,
    facility_id: i64,
    kind: FacilityKind,
    inclusive: bool,
    capped_fee: Option<u32>,
    now: Timestamp,
    next_class_id: &mut i64,
) -> Vec<Class> {
    // Kindergartens take 2–3 year olds only (plan item 2).
    let levels: Vec<ClassLevel> = if kind == FacilityKind::KindergartenClass {
        vec![ClassLevel::Older]
    } else {
        ClassLevel::ALL.iter().copied().filter(|level| *level != ClassLevel::Infant || rng.chance(55)).collect()
    };
    let stale = rng.chance(12);
    levels
        .into_iter()
        .map(|level| {
            // Within the national class sizes (10 / 15 / 20); the draws stay as they were so the
            // rest of the demo data does not move.
            let filed_capacity = match level {
                ClassLevel::Infant => rng.range(5, 12),
                ClassLevel::Toddler => rng.range(10, 20),
                ClassLevel::Older => rng.range(15, 25),
            }
            .min(level.max_class_size());
            let staffed_capacity = filed_capacity.saturating_sub(rng.range(0, 5)).max(1);
            let enrolled = if rng.chance(25) { staffed_capacity } else { rng.range(0, staffed_capacity) };
            let monthly_fee = match capped_fee {
                Some(cap) if inclusive => cap,
                _ => rng.range(50, 100) * 50,
            };
            let days_ago = if stale { rng.range(31, 120) } else { rng.range(0, 20) } as i64;
            let id = *next_class_id;
            *next_class_id += 1;
            Class {
                id,
                facility_id,
                level,
                filed_capacity,
                staffed_capacity,
                enrolled,
                held: 0,
                monthly_fee,
                updated_at: Timestamp(now.0 - days_ago * Timestamp::SECONDS_PER_DAY - rng.below(86_400) as i64),
            }
        })
        .collect()
}

/// Loads demo facilities into an empty database. Returns how many facilities were loaded (0 when
/// the database already has facilities: real data is never mixed with invented data).
pub async fn load_if_empty(store: &Store, seed: u64, count: usize, now: Timestamp) -> Result<usize, StoreError> {
    if store.count_facilities().await? > 0 {
        return Ok(0);
    }
    let facilities = generate(seed, count, now);
    store.insert_facilities(&facilities, now).await?;
    Ok(facilities.len())
}

/// Adds the demo families' ratings of the facilities `load_if_empty` loaded with the same seed,
/// count and time (call it right after, and only when that loaded something). Returns how many.
pub async fn load_ratings(store: &Store, seed: u64, count: usize, now: Timestamp) -> Result<usize, StoreError> {
    let ratings = ratings::generate_ratings(seed, &generate(seed, count, now), now);
    store.insert_demo_ratings(&ratings, now).await?;
    Ok(ratings.len())
}

/// Publishes the demo fee schedules of the facilities `load_if_empty` loaded with the same seed,
/// count and time (after it, and only when that loaded something). Returns how many entries.
pub async fn load_demo_fees(store: &Store, seed: u64, count: usize, now: Timestamp) -> Result<usize, StoreError> {
    let caps = store.price_caps().await?;
    let fees = fees::generate(&generate(seed, count.min(fees::MAX_FACILITIES_WITH_FEES), now), &caps, now);
    store.insert_demo_fees(&fees, now).await?;
    Ok(fees.len())
}

/// Lists the demo staff rosters of the facilities `load_if_empty` loaded with the same seed,
/// count and time (after it, and only when that loaded something). Returns how many people.
pub async fn load_demo_rosters(store: &Store, seed: u64, count: usize, now: Timestamp) -> Result<usize, StoreError> {
    let staff = roster::generate(&generate(seed, count.min(roster::MAX_FACILITIES_WITH_ROSTERS), now), now);
    store.insert_demo_staff(&staff, now).await?;
    Ok(staff.len())
}

/// Records the enrolment of past months for the facilities `load_if_empty` loaded with the same
/// seed, count and time (after it, and only when that loaded something), then this month's from
/// the classes as they are. Returns how many past records.
pub async fn load_demo_snapshots(store: &Store, seed: u64, count: usize, now: Timestamp) -> Result<usize, StoreError> {
    let rows = subsidies::generate(&generate(seed, count.min(subsidies::MAX_FACILITIES_WITH_SNAPSHOTS), now), now);
    store.insert_demo_snapshots(&rows, now).await?;
    store.record_enrolment_snapshots(now).await?;
    Ok(rows.len())
}

/// Files and handles the demo complaints (after `seed_demo_accounts`: its supervisors act on
/// them). Returns how many were made.
pub async fn load_demo_complaints(store: &Store, seed: u64, count: usize, now: Timestamp) -> Result<usize, StoreError> {
    let mut supervisors = Vec::new();
    for (role, username, _) in demo_staff().into_iter().filter(|(_, username, _)| *username != DEMO_EXPERT) {
        if let crate::domain::account::roles::Role::Supervisor { department } = role {
            if let Some(account) = store.staff_by_username(username).await? {
                supervisors.push((department, account.id));
            }
        }
    }
    complaints::load_complaints(store, seed, (count as i64).min(200), &supervisors, now).await
}

/// Lesson progress for the demo families (after `load_ratings`, which makes the families).
/// Returns how many progress rows were made.
pub async fn load_demo_lesson_progress(store: &Store, now: Timestamp) -> Result<u64, StoreError> {
    let cards = crate::content::lessons::Catalogue::embedded().cards();
    match cards.as_slice() {
        [a, b, c, ..] => store.insert_demo_lesson_progress([&a.id, &b.id, &c.id], now).await,
        _ => Ok(0),
    }
}

/// The demo activities, the expert's title and a few answered, published questions (after
/// `seed_demo_accounts`). Returns how many activities were published.
pub async fn load_demo_activities_and_questions(store: &Store, now: Timestamp) -> Result<usize, StoreError> {
    learning::load(store, now).await
}

/// Gives demo facility `facility_id` `n` more ratings (the ratings benchmark's busy facility).
pub async fn load_busy_ratings(store: &Store, seed: u64, count: usize, facility_id: i64, n: usize, now: Timestamp) -> Result<(), StoreError> {
    let facilities = generate(seed, count, now);
    let Some(facility) = facilities.iter().find(|f| f.facility.id == facility_id) else { return Err(StoreError::NotFound) };
    // Phone numbers far above the ones `load_ratings` used.
    store.insert_demo_ratings(&ratings::ratings_of(seed, facility, n, 90_000_000, now), now).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vacancy::free_places;

    const NOW: Timestamp = Timestamp(1_764_000_000);

    #[test]
    fn the_same_seed_gives_the_same_facilities() {
        let a = generate(7, 50, NOW);
        let b = generate(7, 50, NOW);
        assert_eq!(a.iter().map(|f| &f.facility).collect::<Vec<_>>(), b.iter().map(|f| &f.facility).collect::<Vec<_>>());
        assert_ne!(generate(8, 50, NOW)[40].facility, a[40].facility);
    }

    #[test]
    fn every_street_and_town_gets_a_facility() {
        let facilities = generate(DEFAULT_SEED, DEFAULT_FACILITIES, NOW);
        for unit in UNITS {
            assert!(facilities.iter().any(|f| f.facility.unit_code == unit.code), "{}", unit.short_name);
        }
    }

    #[test]
    fn every_facility_lies_inside_the_district() {
        for f in generate(DEFAULT_SEED, 500, NOW) {
            assert!(district::contains(f.facility.location), "{} {:?}", f.facility.name, f.facility.location);
        }
    }

    #[test]
    fn names_are_unique_even_for_large_sets() {
        let facilities = generate(1, 5_000, NOW);
        let names: std::collections::HashSet<_> = facilities.iter().map(|f| f.facility.name.clone()).collect();
        assert_eq!(names.len(), 5_000);
    }

    #[test]
    fn classes_respect_capacity_and_kindergartens_only_take_two_year_olds() {
        for f in generate(DEFAULT_SEED, 300, NOW) {
            for c in &f.classes {
                assert!(c.enrolled + c.held <= c.filed_capacity.min(c.staffed_capacity));
                assert!(c.filed_capacity <= c.level.max_class_size(), "within the national class size");
                assert!(free_places(c.filed_capacity, c.staffed_capacity, c.enrolled, c.held) <= c.filed_capacity);
            }
            if f.facility.kind == FacilityKind::KindergartenClass {
                assert!(f.classes.iter().all(|c| c.level == ClassLevel::Older));
            }
            assert!(!f.classes.is_empty());
        }
    }

    #[test]
    fn phones_are_invented_and_every_record_is_flagged_demo() {
        for f in generate(DEFAULT_SEED, 200, NOW) {
            assert!(f.facility.phone.starts_with("023-0"), "{}", f.facility.phone);
            assert!(f.facility.is_demo);
        }
    }

    #[test]
    fn inclusive_facilities_charge_their_capped_fee() {
        for f in generate(DEFAULT_SEED, 200, NOW) {
            if let Some(cap) = f.facility.capped_monthly_fee {
                assert!(f.classes.iter().all(|c| c.monthly_fee <= cap));
            }
        }
    }
}

/// The demo staff accounts' password (demo only: a production start refuses demo accounts).
pub const DEMO_STAFF_PASSWORD: &str = "yubei-demo-2026";
/// The demo staff accounts' second-factor secret, already enrolled: any authenticator app with
/// this key, or `/dev/totp?username=…` in development, gives the current code.
pub const DEMO_TOTP_SECRET: &str = "KRUW6WKVMRSW233UOVXXSVKEIVGU6VCV";

/// The demo expert's username: a health-commission account that answers families' questions.
pub const DEMO_EXPERT: &str = "demo-expert";

/// Demo staff: an administrator, operators of facilities 1 and 2, supervisors of the health
/// commission, of fire and rescue and of market regulation, and an expert of the health
/// commission. Created once, when demo data is loaded.
pub fn demo_staff() -> Vec<(crate::domain::account::roles::Role, &'static str, &'static str)> {
    use crate::domain::account::roles::{Department, Role};
    vec![
        (Role::Admin, "demo-admin", "演示管理员"),
        (Role::Operator { facility_id: 1 }, "demo-operator-1", "演示机构一管理员"),
        (Role::Operator { facility_id: 2 }, "demo-operator-2", "演示机构二管理员"),
        (Role::Supervisor { department: Department::Health }, "demo-health", "演示卫健委监管员"),
        (Role::Supervisor { department: Department::Fire }, "demo-fire", "演示消防监管员"),
        (Role::Supervisor { department: Department::Market }, "demo-market", "演示市场监管员"),
        (Role::Supervisor { department: Department::Health }, DEMO_EXPERT, "演示儿保专家"),
    ]
}

/// Creates the demo staff accounts that do not exist yet.
pub async fn seed_demo_accounts(store: &Store, now: Timestamp) -> Result<usize, StoreError> {
    let password_hash = crate::auth::password::hash(DEMO_STAFF_PASSWORD).map_err(StoreError::Encode)?;
    let mut created = 0;
    for (role, username, display_name) in demo_staff() {
        let staff = crate::store::accounts::NewStaff {
            role,
            username: username.into(),
            password_hash: password_hash.clone(),
            display_name: display_name.into(),
            totp_secret: Some(DEMO_TOTP_SECRET.into()),
            is_demo: true,
        };
        if let Some(id) = store.create_staff(&staff, now).await? {
            // Enrolled: the first code step counts as used.
            store.use_totp_step(id, 1).await?;
            created += 1;
        }
    }
    Ok(created)
}
