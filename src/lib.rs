//! marginalia: a terminal app for close reading.

pub mod action;
pub mod anchor;
pub mod annotation;
pub mod editor;
pub mod essay;
pub mod keymap;
pub mod layout;
pub mod range;
pub mod selection;
pub mod state;
pub mod store;
pub mod ui;
