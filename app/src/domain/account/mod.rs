//! People and their records: phone numbers, resident ID numbers, children's profiles, roles
//! and who may do what. Pure rules; the server applies them.

pub mod access;
pub mod child;
pub mod id_card;
pub mod phone;
pub mod roles;
