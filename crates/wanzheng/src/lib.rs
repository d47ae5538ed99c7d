//! wanzheng: Nanyang project rules.
pub mod calendar;
