//! The district's price caps for 普惠 facilities' care fees (plan item 19), per class level and
//! kind of care. The district sets them; until it does, the product ships demo values and says so
//! wherever they show.

use serde::{Deserialize, Serialize};

use crate::domain::facility::{ClassLevel, ServiceType};
use crate::domain::policy::money::Fen;

/// One cap: the most a 普惠 facility may charge for this care, per the care's unit (month for
/// full and half days, hour for 计时托, day for 临时托).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceCap {
    pub level: ClassLevel,
    pub service: ServiceType,
    pub cap: Fen,
}

impl PriceCap {
    /// The period the cap is per: the same as the capped care fee's.
    pub fn unit(&self) -> super::FeeUnit {
        super::FeeItem::Care { level: self.level, service: self.service }.unit()
    }
}

/// The caps in force, and whether they are demo values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceCaps {
    pub caps: Vec<PriceCap>,
    /// Invented values (演示数据) until the district's are entered.
    pub is_demo: bool,
}

impl PriceCaps {
    /// The cap for a class and kind of care; `None` when the district caps neither.
    pub fn cap(&self, level: ClassLevel, service: ServiceType) -> Option<Fen> {
        self.caps.iter().find(|c| c.level == level && c.service == service).map(|c| c.cap)
    }
}
