//! marginalia: a terminal app for close reading.

pub mod annotation;
pub mod range;
pub mod essay;
pub mod layout;
pub mod selection;
pub mod action;
pub mod keymap;
pub mod editor;
pub mod anchor;
pub mod state;
pub mod ui;
