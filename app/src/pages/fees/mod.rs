//! Fees (收费公示): the schedule on a facility's page and the operator's fee section.

mod operator;
mod public;

pub use operator::OperatorFeesPage;
pub use public::{FeeList, FeeScheduleSection};
