//! The facility directory: list and detail pages.

mod detail;
mod list;

pub use detail::FacilityDetailPage;
pub use list::FacilityListPage;
