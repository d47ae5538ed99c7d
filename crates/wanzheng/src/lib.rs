//! wanzheng: Nanyang project rules.
