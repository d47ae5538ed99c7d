//! Money: exact yuan amounts (RULES.md §1.3).
//!
//! [`Yuan`] is a non-negative amount of at most two fraction digits (fen) and
//! at most 10,000,000,000,000.00 (10^13), held in a `rust_decimal::Decimal`.
//! On the wire it is a string matching `^[0-9]+(\.[0-9]{1,2})?$` and is always
//! written with two decimals. Nothing is ever rounded on input: a sign, an
//! exponent, a third decimal, `NaN`, an empty string, a JSON number or a float
//! is a [`MoneyError`]. Ratios are compared by cross-multiplication, never by
//! division.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a string is not a [`Yuan`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The string is empty.
    #[error("amount is empty (RULES.md §1.3: a decimal string such as \"10000000.00\")")]
    Empty,
    /// A leading `-` (or `+`): amounts are never negative.
    #[error("amount {0:?} is signed; amounts are non-negative decimal strings")]
    Signed(String),
    /// More than two fraction digits: fen is the smallest unit and nothing is rounded.
    #[error("amount {0:?} has more than two fraction digits; amounts are exact to the fen")]
    TooPrecise(String),
    /// Exponent, NaN, infinity, spaces, commas or other characters.
    #[error("amount {0:?} is not a decimal string matching ^[0-9]+(\\.[0-9]{{1,2}})?$")]
    Malformed(String),
    /// Above 10,000,000,000,000.00.
    #[error("amount {0:?} exceeds the maximum 10000000000000.00")]
    TooLarge(String),
    /// A JSON number (or another non-string) where a decimal string was expected.
    #[error("amount must be a decimal string such as \"10000000.00\", not a number (floats are never accepted)")]
    NotAString,
    /// A subtraction would go below zero.
    #[error("amount would be negative")]
    Negative,
}

impl MoneyError {
    /// A snake_case reason code for the wire (`amount_signed`, `amount_too_precise`, …).
    pub fn code(&self) -> &'static str {
        match self {
            MoneyError::Empty => "amount_empty",
            MoneyError::Signed(_) => "amount_signed",
            MoneyError::TooPrecise(_) => "amount_too_precise",
            MoneyError::Malformed(_) => "amount_malformed",
            MoneyError::TooLarge(_) => "amount_too_large",
            MoneyError::NotAString => "amount_not_a_string",
            MoneyError::Negative => "amount_negative",
        }
    }
}

/// The maximum amount: 10,000,000,000,000.00 yuan (10^13).
pub const MAX_YUAN: Decimal = Decimal::from_parts(1_316_134_912, 2_328, 0, false, 0);

/// An exact non-negative amount of yuan with at most two fraction digits.
///
/// A newtype over `rust_decimal::Decimal` (RULES.md §1.3), always held at scale 2, so the
/// decimal's mantissa is the amount in fen (at most 10^15): equality, order, sums and
/// differences read that mantissa as an integer; [`Yuan::decimal`] gives the `Decimal`.
///
/// # Example
/// ```
/// use wanzheng::Yuan;
/// let a: Yuan = "10000000".parse().unwrap();
/// assert_eq!(a.to_string(), "10000000.00");
/// assert!("-1.00".parse::<Yuan>().is_err());
/// assert!("1.005".parse::<Yuan>().is_err());
/// assert!("1e3".parse::<Yuan>().is_err());
/// assert_eq!(serde_json::to_string(&a).unwrap(), "\"10000000.00\"");
/// assert!(serde_json::from_str::<Yuan>("10000000.0").is_err()); // a JSON number
/// ```
#[derive(Clone, Copy)]
pub struct Yuan(Decimal);

/// 10^13 yuan in fen.
const MAX_FEN: u64 = 1_000_000_000_000_000;

impl Yuan {
    /// Zero yuan.
    pub const ZERO: Yuan = Yuan::of_fen(0);

    /// The maximum amount, 10,000,000,000,000.00 ([`MAX_YUAN`]).
    pub const MAX: Yuan = Yuan::of_fen(MAX_FEN);

    /// The amount of `fen` (≤ [`MAX_FEN`], checked by every caller) as a scale-2 decimal.
    pub(crate) const fn of_fen(fen: u64) -> Yuan {
        // The 96-bit mantissa's low and middle words; 10^15 < 2^64 leaves the high word 0.
        #[allow(clippy::cast_possible_truncation)]
        Yuan(Decimal::from_parts(fen as u32, (fen >> 32) as u32, 0, false, 2))
    }

    /// Parses the wire form (RULES.md §1.3).
    ///
    /// The digits are read straight into fen (no decimal parsing, no allocation unless the
    /// input is refused).
    ///
    /// # Errors
    /// [`MoneyError`] for anything but `^[0-9]+(\.[0-9]{1,2})?$` up to 10^13.
    pub fn parse(s: &str) -> Result<Yuan, MoneyError> {
        let b = s.as_bytes();
        let Some(&first) = b.first() else {
            return Err(MoneyError::Empty);
        };
        if first == b'-' || first == b'+' {
            return Err(MoneyError::Signed(crate::error::clip(s)));
        }
        let (int, frac) = match b.iter().position(|&c| c == b'.') {
            Some(i) => (&b[..i], Some(&b[i + 1..])),
            None => (b, None),
        };
        let digits = |p: &[u8]| !p.is_empty() && p.iter().all(u8::is_ascii_digit);
        if !digits(int) {
            return Err(MoneyError::Malformed(crate::error::clip(s)));
        }
        let mut fen: u64 = 0;
        if let Some(f) = frac {
            if !digits(f) {
                return Err(MoneyError::Malformed(crate::error::clip(s)));
            }
            if f.len() > 2 {
                return Err(MoneyError::TooPrecise(crate::error::clip(s)));
            }
            fen = u64::from(f[0] - b'0') * 10 + f.get(1).map_or(0, |&c| u64::from(c - b'0'));
        }
        // Leading zeros are harmless; at most 14 significant integer digits fit below 10^14.
        let significant = &int[int.iter().position(|&c| c != b'0').unwrap_or(int.len())..];
        if significant.len() > 14 {
            return Err(MoneyError::TooLarge(crate::error::clip(s)));
        }
        let whole = significant.iter().fold(0u64, |acc, &c| acc * 10 + u64::from(c - b'0'));
        fen += whole * 100;
        if fen > MAX_FEN {
            return Err(MoneyError::TooLarge(crate::error::clip(s)));
        }
        Ok(Yuan::of_fen(fen))
    }

    /// Wraps a decimal, checking sign, precision and maximum.
    ///
    /// # Errors
    /// [`MoneyError::Negative`], [`MoneyError::TooPrecise`] or [`MoneyError::TooLarge`].
    pub fn from_decimal(d: Decimal) -> Result<Yuan, MoneyError> {
        if d.is_sign_negative() && !d.is_zero() {
            return Err(MoneyError::Negative);
        }
        let n = d.normalize();
        if n.scale() > 2 {
            return Err(MoneyError::TooPrecise(d.to_string()));
        }
        if n > MAX_YUAN {
            return Err(MoneyError::TooLarge(d.to_string()));
        }
        let mut v = n.abs();
        v.rescale(2);
        // 0 ≤ v ≤ 10^13 at scale 2: the mantissa is the fen and fits.
        Ok(Yuan::of_fen(u64::try_from(v.mantissa()).map_err(|_| MoneyError::TooLarge(d.to_string()))?))
    }

    /// An amount of whole yuan.
    ///
    /// # Errors
    /// [`MoneyError::TooLarge`] above 10^13.
    pub fn from_yuan(whole: u64) -> Result<Yuan, MoneyError> {
        match whole.checked_mul(100) {
            Some(fen) if fen <= MAX_FEN => Ok(Yuan::of_fen(fen)),
            _ => Err(MoneyError::TooLarge(whole.to_string())),
        }
    }

    /// An amount in fen (1/100 yuan).
    ///
    /// # Errors
    /// [`MoneyError::TooLarge`] above 10^13 yuan.
    pub fn from_fen(fen: u64) -> Result<Yuan, MoneyError> {
        if fen > MAX_FEN {
            return Err(MoneyError::TooLarge(Decimal::from_i128_with_scale(i128::from(fen), 2).to_string()));
        }
        Ok(Yuan::of_fen(fen))
    }

    /// The amount in fen.
    pub const fn fen(self) -> i128 {
        self.0.mantissa()
    }

    /// The amount in fen, unsigned.
    pub const fn fen_u64(self) -> u64 {
        // 0 ≤ mantissa ≤ 10^15 by construction.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let fen = self.0.mantissa() as u64;
        fen
    }

    /// The underlying decimal (scale 2).
    pub const fn decimal(self) -> Decimal {
        self.0
    }

    /// Whether the amount is zero.
    pub const fn is_zero(self) -> bool {
        self.fen_u64() == 0
    }

    /// `self + other`, or `None` above the maximum.
    pub fn checked_add(self, other: Yuan) -> Option<Yuan> {
        let sum = self.fen_u64() + other.fen_u64(); // both ≤ 10^15: no overflow
        (sum <= MAX_FEN).then_some(Yuan::of_fen(sum))
    }

    /// `self + other`, saturating at the maximum (sums of valid amounts in one ledger).
    pub fn saturating_add(self, other: Yuan) -> Yuan {
        self.checked_add(other).unwrap_or(Yuan::MAX)
    }

    /// `self - other`, or `None` when negative.
    pub fn checked_sub(self, other: Yuan) -> Option<Yuan> {
        self.fen_u64().checked_sub(other.fen_u64()).map(Yuan::of_fen)
    }

    /// `max(self - other, 0)`.
    pub fn saturating_sub(self, other: Yuan) -> Yuan {
        Yuan::of_fen(self.fen_u64().saturating_sub(other.fen_u64()))
    }

    /// The signed difference `self - other`.
    pub fn delta(self, other: Yuan) -> YuanDelta {
        YuanDelta::of_fen(self.fen() - other.fen())
    }

    /// Exact product with an integer (for cross-multiplied ratio tests).
    pub fn times(self, k: u32) -> Decimal {
        Decimal::from_i128_with_scale(self.fen() * i128::from(k), 2)
    }

    /// Exact product with an integer, in fen (cross-multiplied ratio tests without decimals).
    pub fn times_fen(self, k: u32) -> u128 {
        u128::from(self.fen_u64()) * u128::from(k)
    }

    /// Sum of amounts, or `None` above the maximum.
    pub fn sum<I: IntoIterator<Item = Yuan>>(it: I) -> Option<Yuan> {
        it.into_iter().try_fold(Yuan::ZERO, Yuan::checked_add)
    }

    /// Truncates a non-negative decimal to the fen (the only rounding of RULES.md, INV-50.2, AMB-18).
    ///
    /// # Errors
    /// [`MoneyError::Negative`] or [`MoneyError::TooLarge`].
    pub fn truncate(d: Decimal) -> Result<Yuan, MoneyError> {
        Yuan::from_decimal(d.round_dp_with_strategy(2, RoundingStrategy::ToZero))
    }

    /// The wire form (`"1234.50"`) written at the end of `buf`; returns it.
    pub(crate) fn format(self, buf: &mut [u8; 24]) -> &str {
        // Up to sixteen characters (below 10^13 yuan) are built in a register, first character
        // in the lowest byte, and stored whole (readers then load whole words without a
        // store-forwarding stall); the maximum itself takes the byte-wise path.
        let (mut m, mut w, mut n) = (self.fen_u64(), 0u128, 0usize);
        let push = |w: &mut u128, n: &mut usize, c: u8| {
            *w = (*w << 8) | u128::from(c);
            *n += 1;
        };
        push(&mut w, &mut n, b'0' + (m % 10) as u8);
        m /= 10;
        push(&mut w, &mut n, b'0' + (m % 10) as u8);
        m /= 10;
        push(&mut w, &mut n, b'.');
        loop {
            push(&mut w, &mut n, b'0' + (m % 10) as u8);
            m /= 10;
            if m == 0 || n == 16 {
                break;
            }
        }
        if m == 0 {
            buf[..16].copy_from_slice(&w.to_le_bytes());
            return std::str::from_utf8(&buf[..n]).unwrap_or("0.00");
        }
        let start = format_fen(self.fen_u64(), buf);
        std::str::from_utf8(&buf[start..]).unwrap_or("0.00")
    }
}

impl Default for Yuan {
    fn default() -> Yuan {
        Yuan::ZERO
    }
}

// Equality, order and hash compare the fen (every Yuan is at scale 2, so this is the
// decimal's own order, without its rescaling).
impl PartialEq for Yuan {
    fn eq(&self, other: &Yuan) -> bool {
        self.fen_u64() == other.fen_u64()
    }
}

impl Eq for Yuan {}

impl PartialOrd for Yuan {
    fn partial_cmp(&self, other: &Yuan) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Yuan {
    fn cmp(&self, other: &Yuan) -> std::cmp::Ordering {
        self.fen_u64().cmp(&other.fen_u64())
    }
}

impl std::hash::Hash for Yuan {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.fen_u64().hash(h);
    }
}

impl fmt::Display for Yuan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 24];
        f.pad(self.format(&mut buf))
    }
}

impl fmt::Debug for Yuan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Yuan({self})")
    }
}

impl FromStr for Yuan {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Yuan::parse(s)
    }
}

impl TryFrom<Decimal> for Yuan {
    type Error = MoneyError;
    fn try_from(d: Decimal) -> Result<Self, Self::Error> {
        Yuan::from_decimal(d)
    }
}

impl From<Yuan> for Decimal {
    fn from(y: Yuan) -> Decimal {
        y.decimal()
    }
}

impl Serialize for Yuan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Stack-formatted: no allocation on the hashing path.
        let mut buf = [0u8; 24];
        s.serialize_str(self.format(&mut buf))
    }
}

/// Writes an amount in fen as ASCII `<yuan>.<two digits>` at the end of `buf`; returns where
/// it starts.
fn format_fen(mut m: u64, buf: &mut [u8; 24]) -> usize {
    // Right to left into the end of the buffer.
    let mut i = buf.len();
    let mut put = |c: u8| {
        i -= 1;
        buf[i] = c;
    };
    put(b'0' + (m % 10) as u8);
    m /= 10;
    put(b'0' + (m % 10) as u8);
    m /= 10;
    put(b'.');
    loop {
        put(b'0' + (m % 10) as u8);
        m /= 10;
        if m == 0 {
            break;
        }
    }
    i
}

impl<'de> Deserialize<'de> for Yuan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Yuan;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal string such as \"10000000.00\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Yuan, E> {
                Yuan::parse(v).map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Yuan, E> {
                Err(E::custom(MoneyError::NotAString))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Yuan, E> {
                Err(E::custom(MoneyError::NotAString))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Yuan, E> {
                Err(E::custom(MoneyError::NotAString))
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Yuan {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Yuan".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]+(\\.[0-9]{1,2})?$",
            "description": "Exact non-negative yuan amount, at most two fraction digits, at most 10000000000000.00 (RULES.md §1.3)"
        })
    }
}

/// A signed difference of two amounts (internal; on the wire always a `{before, after}` pair).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Debug)]
pub struct YuanDelta(Decimal);

impl YuanDelta {
    /// Zero.
    pub const ZERO: YuanDelta = YuanDelta(Decimal::ZERO);

    fn of_fen(fen: i128) -> YuanDelta {
        YuanDelta(Decimal::from_i128_with_scale(fen, 2))
    }

    /// The difference `after - before`.
    pub fn between(before: Yuan, after: Yuan) -> YuanDelta {
        after.delta(before)
    }

    /// The decimal value.
    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// Whether the delta is strictly positive.
    pub fn is_positive(self) -> bool {
        self.0 > Decimal::ZERO
    }

    /// `base + self`, or `None` when the result would be negative or above the maximum.
    pub fn apply_to(self, base: Yuan) -> Option<Yuan> {
        Yuan::from_decimal(base.decimal().checked_add(self.0)?).ok()
    }
}

impl Serialize for YuanDelta {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YuanDelta {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let (neg, body) = match s.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, &*s),
        };
        let y = Yuan::parse(body).map_err(serde::de::Error::custom)?;
        Ok(YuanDelta::of_fen(if neg { -y.fen() } else { y.fen() }))
    }
}

impl std::ops::Add for YuanDelta {
    type Output = YuanDelta;
    fn add(self, o: YuanDelta) -> YuanDelta {
        YuanDelta(self.0 + o.0)
    }
}

impl std::ops::AddAssign for YuanDelta {
    fn add_assign(&mut self, o: YuanDelta) {
        self.0 += o.0;
    }
}

impl fmt::Display for YuanDelta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = self.0;
        d.rescale(2);
        fmt::Display::fmt(&d, f)
    }
}

/// Parses a literal amount in code and tests; panics on a malformed literal.
///
/// Use only with constant strings; input paths use [`Yuan::parse`].
#[macro_export]
macro_rules! yuan {
    ($s:expr) => {
        match $crate::Yuan::parse($s) {
            Ok(v) => v,
            Err(e) => panic!("bad yuan literal {}: {}", $s, e),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn grammar() {
        for ok in [
            "0",
            "0.0",
            "0.00",
            "1",
            "10000000",
            "10000000.00",
            "10000000.01",
            "007.5",
            "10000000000000",
            "10000000000000.00",
        ] {
            assert!(Yuan::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(Yuan::parse(""), Err(MoneyError::Empty));
        assert!(matches!(Yuan::parse("-1"), Err(MoneyError::Signed(_))));
        assert!(matches!(Yuan::parse("+1"), Err(MoneyError::Signed(_))));
        assert!(matches!(Yuan::parse("1.001"), Err(MoneyError::TooPrecise(_))));
        assert!(matches!(Yuan::parse("1.000"), Err(MoneyError::TooPrecise(_))));
        for bad in ["1e3", "NaN", "inf", "1,000", " 1", "1 ", "1.", ".5", "0x10", "１", "1.2.3", "abc"] {
            assert!(matches!(Yuan::parse(bad), Err(MoneyError::Malformed(_))), "{bad}");
        }
        assert!(matches!(Yuan::parse("10000000000000.01"), Err(MoneyError::TooLarge(_))));
        assert!(matches!(Yuan::parse("99999999999999999999999999999999"), Err(MoneyError::TooLarge(_))));
    }

    #[test]
    fn display_two_decimals() {
        assert_eq!(yuan!("5").to_string(), "5.00");
        assert_eq!(yuan!("5.1").to_string(), "5.10");
        assert_eq!(yuan!("0").to_string(), "0.00");
        assert_eq!(serde_json::to_string(&yuan!("10000000.01")).unwrap(), "\"10000000.01\"");
        assert_eq!(serde_json::to_string(&yuan!("0.05")).unwrap(), "\"0.05\"");
        // Sixteen characters (built in a register) and the seventeen of the maximum (byte-wise).
        assert_eq!(yuan!("9999999999999.99").to_string(), "9999999999999.99");
        assert_eq!(Yuan::MAX.to_string(), "10000000000000.00");
        assert_eq!(serde_json::to_string(&Yuan::MAX).unwrap(), "\"10000000000000.00\"");
        assert_eq!(format!("{:>8}", yuan!("1")), "    1.00");
    }

    #[test]
    fn json_numbers_are_refused() {
        assert!(serde_json::from_str::<Yuan>("1").is_err());
        assert!(serde_json::from_str::<Yuan>("1.5").is_err());
        assert!(serde_json::from_str::<Yuan>("-1").is_err());
        assert!(serde_json::from_str::<Yuan>("null").is_err());
        assert_eq!(serde_json::from_str::<Yuan>("\"1.5\"").unwrap(), yuan!("1.50"));
    }

    #[test]
    fn truncation_to_fen() {
        let d = Decimal::from_str_exact("77777.777").unwrap();
        assert_eq!(Yuan::truncate(d).unwrap(), yuan!("77777.77"));
    }

    #[test]
    fn arithmetic() {
        assert_eq!(yuan!("1.00").checked_sub(yuan!("1.01")), None);
        assert_eq!(yuan!("1.00").saturating_sub(yuan!("1.01")), Yuan::ZERO);
        assert_eq!(yuan!("10000000000000").checked_add(yuan!("0.01")), None);
        assert_eq!(YuanDelta::between(yuan!("5"), yuan!("3")).apply_to(yuan!("1")), None);
        assert_eq!(yuan!("1.05").fen(), 105);
    }

    proptest! {
        /// Invariant: every fen amount in range round-trips through its wire form, and the wire form matches the grammar.
        #[test]
        fn wire_round_trip(fen in 0u64..=1_000_000_000_000_000u64) {
            let y = Yuan::from_fen(fen).unwrap();
            let s = y.to_string();
            prop_assert!(s.contains('.') && s.split('.').nth(1).map(str::len) == Some(2));
            prop_assert_eq!(Yuan::parse(&s).unwrap(), y);
            prop_assert_eq!(y.fen(), fen as i128);
            let j = serde_json::to_string(&y).unwrap();
            prop_assert_eq!(serde_json::from_str::<Yuan>(&j).unwrap(), y);
        }

        /// Invariant: a Yuan is its decimal — every way of making one (wire string, decimal of
        /// any scale, fen, sums) holds a scale-2 `Decimal` equal to the value it was made from,
        /// and the fen order is the decimal order.
        #[test]
        fn decimal_newtype(a in 0u64..=1_000_000_000_000_000u64, b in 0u64..1_000_000_000u64, extra in 0u32..6) {
            let x = Yuan::from_fen(a).unwrap();
            let want = Decimal::from_i128_with_scale(i128::from(a), 2);
            prop_assert_eq!(x.decimal(), want);
            prop_assert_eq!(x.decimal().scale(), 2);
            let mut wide = want;
            wide.rescale(2 + extra);
            let w = Yuan::from_decimal(wide).unwrap();
            prop_assert_eq!(w, x);
            prop_assert_eq!(w.decimal().scale(), 2);
            prop_assert_eq!(Yuan::parse(&x.to_string()).unwrap().decimal().scale(), 2);
            let y = Yuan::from_fen(b).unwrap();
            prop_assert_eq!(x.cmp(&y), x.decimal().cmp(&y.decimal()));
            if let Some(s) = x.checked_add(y) {
                prop_assert_eq!(s.decimal(), x.decimal() + y.decimal());
                prop_assert_eq!(s.decimal().scale(), 2);
            }
        }

        /// Invariant: no arithmetic on amounts yields a negative amount.
        #[test]
        fn never_negative(a in 0u64..1_000_000_000u64, b in 0u64..1_000_000_000u64) {
            let (x, y) = (Yuan::from_fen(a).unwrap(), Yuan::from_fen(b).unwrap());
            prop_assert!(x.saturating_sub(y) >= Yuan::ZERO);
            if let Some(d) = x.checked_sub(y) { prop_assert!(d >= Yuan::ZERO); }
            prop_assert!(!x.saturating_add(y).decimal().is_sign_negative());
        }

        /// Invariant: three or more fraction digits are always refused, never rounded.
        #[test]
        fn over_precise_refused(int in 0u64..1_000_000u64, frac in 0u32..1000u32) {
            let s = format!("{int}.{frac:03}");
            prop_assert!(matches!(Yuan::parse(&s), Err(MoneyError::TooPrecise(_))));
        }
    }
}
