//! What a view shows, derived from the state as plain data (no words, no drawing): the story
//! the takeaway tells and the summary of where the data came from. [`crate::text`] puts them
//! into words; the components only render them.

pub mod data_line;
pub mod disruptions;
pub mod story;
