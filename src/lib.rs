//! marginalia: a terminal app for close reading.

pub mod action;
pub mod anchor;
pub mod annotation;
pub mod app;
pub mod citation;
pub mod cli;
pub mod clipboard;
pub mod essay;
pub mod export;
pub mod guide;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod range;
pub mod screen;
pub mod selection;
pub mod session;
pub mod settings;
pub mod similar;
pub mod state;
pub mod store;
pub mod terminal;
pub mod ui;
