//! The server's test suite, one binary: the store suite and the HTTP tests, each run against
//! SQLite and PostgreSQL (see `support::both_backends!`).

mod support;

mod accounts;
mod accounts_limits;
mod booking;
mod booking_model;
mod booking_race;
mod booking_figures;
mod complaints;
mod complaints_http;
mod display_http;
mod fees_http;
mod filing_http;
mod gallery_http;
mod roster_http;
mod subsidy_http;
mod backup;
mod production;
mod learning;
mod learning_http;
mod lessons;
mod lessons_http;
mod policies_http;
mod ratings;
mod ratings_http;
mod ratings_staff;
mod sync;
mod http;
mod migrations;
mod operations;
mod search;
mod store;
