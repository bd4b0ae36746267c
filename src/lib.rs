//! marginalia: a terminal app for close reading.

pub mod annotation;
pub mod essay;
pub mod range;
