//! The facility directory: the finder (list and map) and the facility page.

mod detail;
mod filters;
mod finder;
mod location;
mod results;

pub use detail::FacilityDetailPage;
pub use finder::FinderPage;
