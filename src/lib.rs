//! marginalia: a terminal app for close reading.

pub mod annotation;
pub mod range;
pub mod store;
