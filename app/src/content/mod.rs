//! Content reviewed like code and carried in the server binary: parenting lessons, and the
//! health-check, immunisation and milestone guidance. Read and
//! checked once, at start; a file that breaks a rule stops the server with its name and what
//! is wrong (the content test in `make test` finds it first).

pub mod guidance;
pub mod lessons;
pub mod policies;
pub mod search;
