//! One module per page (or per capability with several pages).

pub mod directory;
pub mod home;
