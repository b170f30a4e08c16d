//! Fees a facility charges and publishes (收费公示, plan item 19): what each item costs, from
//! which day, and — for 普惠 facilities — whether it stays within the district's price caps.
//!
//! A fee is published ahead of the day it applies from and is never rewritten: a new price for
//! the same item is a new entry from a later day, so families can see the history. An entry
//! that has not started yet may be withdrawn.

pub mod caps;

use serde::{Deserialize, Serialize};

use super::calendar::CivilDate;
use super::facility::{ClassLevel, ServiceType};
use super::policy::money::Fen;
pub use caps::PriceCaps;

/// The highest fee accepted for one item (yuan): far above any real childcare price, so a
/// typo with extra zeros is caught.
pub const MAX_FEE_YUAN: i64 = 100_000;
/// How far ahead a fee may be published.
pub const MAX_DAYS_AHEAD: u32 = 365;
/// Names of other fee items (e.g. 材料费) have this many characters…
pub const MIN_NAME_CHARS: usize = 2;
/// …up to this many.
pub const MAX_NAME_CHARS: usize = 20;

crate::coded_enum! {
    /// What a fee pays for.
    pub enum FeeKind {
        /// Care (保育费), per class and kind of care.
        Care = "care",
        /// Meals (伙食费), per day.
        Meals = "meals",
        /// Anything else the facility charges, named by it.
        Other = "other",
    }
}

crate::coded_enum! {
    /// The period a fee is charged for.
    pub enum FeeUnit {
        Month = "month",
        Day = "day",
        Hour = "hour",
        Once = "once",
    }
}

crate::coded_enum! {
    /// Why a fee cannot be published or withdrawn.
    pub enum FeeRefusal {
        /// Not care, meals or another item.
        FeeKindUnknown = "fee_kind",
        /// A care fee names a class the facility does not run.
        FeeClass = "fee_class",
        /// A care fee names a kind of care the facility does not offer.
        FeeService = "fee_service",
        /// Another item needs a name of 2–20 characters.
        FeeName = "fee_name",
        /// Another item needs its period.
        FeeUnitUnknown = "fee_unit",
        /// Not an amount in yuan (at most two decimals), or above 100,000 yuan.
        FeeAmount = "fee_amount",
        /// Not a date, before today, or more than a year ahead.
        FeeDate = "fee_date",
        /// A 普惠 facility's care fee above the district's cap.
        FeeAboveCap = "fee_above_cap",
        /// The same item already has a fee from that day.
        FeeDuplicate = "fee_duplicate",
        /// The fee already applies (or is unknown): only coming fees can be withdrawn.
        FeeInEffect = "fee_in_effect",
    }
}

/// What a fee is for. Later fees of the same item replace earlier ones from their day on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FeeItem {
    Care { level: ClassLevel, service: ServiceType },
    Meals,
    Other { name: String, unit: FeeUnit },
}

impl FeeItem {
    pub fn kind(&self) -> FeeKind {
        match self {
            FeeItem::Care { .. } => FeeKind::Care,
            FeeItem::Meals => FeeKind::Meals,
            FeeItem::Other { .. } => FeeKind::Other,
        }
    }

    /// Care by the month for full and half days, by the hour for 计时托, by the day for 临时托;
    /// meals by the day; other items as the facility says.
    pub fn unit(&self) -> FeeUnit {
        match self {
            FeeItem::Care { service: ServiceType::FullDay | ServiceType::HalfDay, .. } => FeeUnit::Month,
            FeeItem::Care { service: ServiceType::Hourly, .. } => FeeUnit::Hour,
            FeeItem::Care { service: ServiceType::Temporary, .. } => FeeUnit::Day,
            FeeItem::Meals => FeeUnit::Day,
            FeeItem::Other { unit, .. } => *unit,
        }
    }

    /// The stored key that tells which entries are the same item: `care:infant:full_day`,
    /// `meals`, `other:材料费:once`.
    pub fn key(&self) -> String {
        match self {
            FeeItem::Care { level, service } => format!("care:{}:{}", level.code(), service.code()),
            FeeItem::Meals => "meals".to_string(),
            FeeItem::Other { name, unit } => format!("other:{name}:{}", unit.code()),
        }
    }

    /// Rebuilds an item from its stored columns; `None` for a row this binary cannot read.
    pub fn from_parts(kind: &str, level: Option<&str>, service: Option<&str>, name: Option<&str>, unit: &str) -> Option<FeeItem> {
        match FeeKind::from_code(kind)? {
            FeeKind::Care => Some(FeeItem::Care { level: ClassLevel::from_code(level?)?, service: ServiceType::from_code(service?)? }),
            FeeKind::Meals => Some(FeeItem::Meals),
            FeeKind::Other => Some(FeeItem::Other { name: name?.to_string(), unit: FeeUnit::from_code(unit)? }),
        }
    }
}

/// A fee as the operator's form sends it (text, checked by `validate`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeInput {
    pub kind: String,
    /// Class level code, for care fees.
    pub level: String,
    /// Service type code, for care fees.
    pub service: String,
    /// Name, for other items.
    pub name: String,
    /// Unit code, for other items.
    pub unit: String,
    /// Yuan, as typed: "2000", "12.5".
    pub amount: String,
    /// `YYYY-MM-DD`.
    pub applies_from: String,
}

/// What the facility is, for checking a fee against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeContext<'a> {
    pub today: CivilDate,
    /// The class levels the facility runs.
    pub levels: &'a [ClassLevel],
    pub services: &'a [ServiceType],
    /// 普惠: care fees must stay within the caps.
    pub inclusive: bool,
    pub caps: &'a PriceCaps,
}

/// A checked fee, ready to publish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeDraft {
    pub item: FeeItem,
    pub amount: Fen,
    pub applies_from: CivilDate,
}

impl FeeInput {
    pub fn validate(&self, context: &FeeContext) -> Result<FeeDraft, FeeRefusal> {
        let item = match FeeKind::from_code(self.kind.trim()).ok_or(FeeRefusal::FeeKindUnknown)? {
            FeeKind::Care => {
                let level = ClassLevel::from_code(self.level.trim()).filter(|l| context.levels.contains(l)).ok_or(FeeRefusal::FeeClass)?;
                let service = ServiceType::from_code(self.service.trim()).filter(|s| context.services.contains(s)).ok_or(FeeRefusal::FeeService)?;
                FeeItem::Care { level, service }
            }
            FeeKind::Meals => FeeItem::Meals,
            FeeKind::Other => {
                let name = self.name.trim();
                let length = name.chars().count();
                // A colon would make the stored key ambiguous; control characters are never a name.
                if !(MIN_NAME_CHARS..=MAX_NAME_CHARS).contains(&length) || name.chars().any(|c| c.is_control() || c == ':') {
                    return Err(FeeRefusal::FeeName);
                }
                let unit = FeeUnit::from_code(self.unit.trim()).ok_or(FeeRefusal::FeeUnitUnknown)?;
                FeeItem::Other { name: name.to_string(), unit }
            }
        };
        let amount = Fen::parse_yuan(&self.amount).filter(|fen| *fen <= Fen::yuan(MAX_FEE_YUAN)).ok_or(FeeRefusal::FeeAmount)?;
        let applies_from = CivilDate::parse(self.applies_from.trim()).map_err(|_| FeeRefusal::FeeDate)?;
        if applies_from < context.today || applies_from > context.today.plus_days(MAX_DAYS_AHEAD) {
            return Err(FeeRefusal::FeeDate);
        }
        if context.inclusive {
            if let FeeItem::Care { level, service } = &item {
                if context.caps.cap(*level, *service).is_some_and(|cap| amount > cap) {
                    return Err(FeeRefusal::FeeAboveCap);
                }
            }
        }
        Ok(FeeDraft { item, amount, applies_from })
    }
}

/// A fee as published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedFee {
    pub id: i64,
    pub item: FeeItem,
    pub amount: Fen,
    pub applies_from: CivilDate,
    pub is_demo: bool,
}

/// A facility's fees on one day: what applies now, what is coming, and what applied before.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeSchedule {
    /// The entry in force for each item, care first (by class and service), then meals, then others.
    pub current: Vec<PublishedFee>,
    /// Entries from a later day, soonest first.
    pub coming: Vec<PublishedFee>,
    /// Entries replaced by a later one, newest first.
    pub history: Vec<PublishedFee>,
}

impl FeeSchedule {
    /// Sorts `fees` into current, coming and history as of `today`. This is the definition of
    /// "the fee that applies"; the store's class-fee update follows it (a test ties the two).
    pub fn on(mut fees: Vec<PublishedFee>, today: CivilDate) -> FeeSchedule {
        fees.sort_by(|a, b| (order(&a.item), a.item.key(), a.applies_from).cmp(&(order(&b.item), b.item.key(), b.applies_from)));
        let mut schedule = FeeSchedule::default();
        for fee in fees {
            if fee.applies_from > today {
                schedule.coming.push(fee);
                continue;
            }
            // Entries of one item come in date order: a later one that applies replaces the one before.
            match schedule.current.last() {
                Some(last) if last.item == fee.item => {
                    let replaced = std::mem::replace(schedule.current.last_mut().expect("just matched"), fee);
                    schedule.history.push(replaced);
                }
                _ => schedule.current.push(fee),
            }
        }
        schedule.coming.sort_by_key(|f| f.applies_from);
        schedule.history.sort_by(|a, b| b.applies_from.cmp(&a.applies_from));
        schedule
    }

    /// The monthly full-day care fee of a class level in whole yuan (rounded up), as the finder
    /// shows and filters it; `None` when no such fee applies yet.
    pub fn full_day_fee_yuan(&self, level: ClassLevel) -> Option<u32> {
        self.current
            .iter()
            .find(|f| f.item == FeeItem::Care { level, service: ServiceType::FullDay })
            .map(|f| whole_yuan_rounded_up(f.amount))
    }
}

/// Fen to whole yuan, rounding up (a family is never shown less than it pays).
pub fn whole_yuan_rounded_up(amount: Fen) -> u32 {
    u32::try_from((amount.0.max(0) + 99) / 100).unwrap_or(u32::MAX)
}

/// A fee that has not started yet may be withdrawn.
pub fn may_withdraw(fee_applies_from: CivilDate, today: CivilDate) -> Result<(), FeeRefusal> {
    if fee_applies_from > today {
        Ok(())
    } else {
        Err(FeeRefusal::FeeInEffect)
    }
}

fn order(item: &FeeItem) -> (u8, u8, u8) {
    let level_rank = |level: &ClassLevel| ClassLevel::ALL.iter().position(|l| l == level).unwrap_or(0) as u8;
    let service_rank = |service: &ServiceType| ServiceType::ALL.iter().position(|s| s == service).unwrap_or(0) as u8;
    match item {
        FeeItem::Care { level, service } => (0, level_rank(level), service_rank(service)),
        FeeItem::Meals => (1, 0, 0),
        FeeItem::Other { .. } => (2, 0, 0),
    }
}

#[cfg(test)]
mod tests;
