//! One module per page (or per capability with several pages).

pub mod account;
pub mod booking;
pub mod complaints;
pub mod directory;
pub mod fees;
pub mod filing;
pub mod gallery;
pub mod home;
pub mod lessons;
pub mod policies;
pub mod ratings;
pub mod roster;
pub mod staff;
pub mod subsidies;
