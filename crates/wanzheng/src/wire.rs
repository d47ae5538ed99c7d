//! The vocabulary layer: the one enum↔string mechanism of the wire names.
//!
//! Every closed set of wire identifiers — actors and document kinds (RULES.md §2), each
//! machine's states (§3.1.6, §3.2.4), the enum values of event facts — is declared with
//! [`wire_enum!`](crate::wire::wire_enum): variants with their wire names, giving serde and
//! JSON Schema under those names, `ALL`, `NAMES`, `as_str`, `parse` and `Display`. (Events are
//! declared with `event_enum!`, which carries their payloads; dates are read by [`crate::date`].)

/// Declares an enum of wire identifiers: `Variant = "wire_name",` rows.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )* }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, schemars::JsonSchema,
        )]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire names of [`Self::ALL`], in the same order.
            pub const NAMES: &'static [&'static str] = &[$($text),*];

            /// The wire name.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// Parses a wire name.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use wire_enum;
