//! Booking for families: applying for a place and booking visit or care slots from a facility's
//! page, and "我的预约" with every booking, its state and the notices about it.

mod apply;
mod my_bookings;
mod slots;

pub use apply::{BookingData, FacilityBooking};
pub use my_bookings::MyBookingsPage;
