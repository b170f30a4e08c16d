//! Pure rules and types of the district's childcare services: no I/O, no framework, builds for
//! the browser too so that offline pages apply the same rules.

pub mod account;
pub mod activity;
pub mod booking;
pub mod calendar;
pub mod complaint;
pub mod coded;
pub mod display;
pub mod district;
pub mod expert;
pub mod facility;
pub mod fees;
pub mod filing;
pub mod finder;
pub mod gallery;
pub mod geo;
pub mod guidance;
pub mod lesson;
pub mod map;
pub mod rating;
pub mod roster;
pub mod subsidy;
pub mod text;
pub mod operation;
pub mod policy;
pub mod vacancy;
pub mod workdays;
