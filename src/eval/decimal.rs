//! `java.math.BigDecimal`: an unscaled integer and a scale, with Java's arithmetic, rounding and
//! printing, and Groovy's rule for `/`.

use std::cmp::Ordering;

use num_bigint::{BigInt, Sign};
use num_integer::Integer as _;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A decimal number `unscaled × 10^-scale`.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Decimal {
    /// The digits as an integer.
    pub unscaled: BigInt,
    /// How many of them are after the point (negative: zeros before it).
    pub scale: i64,
}

/// Java's rounding modes.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Rounding {
    /// Away from zero.
    Up,
    /// Towards zero.
    Down,
    /// Towards positive infinity.
    Ceiling,
    /// Towards negative infinity.
    Floor,
    /// Nearest, ties away from zero.
    HalfUp,
    /// Nearest, ties towards zero.
    HalfDown,
    /// Nearest, ties to even.
    HalfEven,
    /// Fails when rounding is needed.
    Unnecessary,
}

impl Rounding {
    /// The mode by Java's name (`HALF_UP`) or old int constant.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Rounding> {
        Some(match name {
            "UP" | "ROUND_UP" | "0" => Rounding::Up,
            "DOWN" | "ROUND_DOWN" | "1" => Rounding::Down,
            "CEILING" | "ROUND_CEILING" | "2" => Rounding::Ceiling,
            "FLOOR" | "ROUND_FLOOR" | "3" => Rounding::Floor,
            "HALF_UP" | "ROUND_HALF_UP" | "4" => Rounding::HalfUp,
            "HALF_DOWN" | "ROUND_HALF_DOWN" | "5" => Rounding::HalfDown,
            "HALF_EVEN" | "ROUND_HALF_EVEN" | "6" => Rounding::HalfEven,
            "UNNECESSARY" | "ROUND_UNNECESSARY" | "7" => Rounding::Unnecessary,
            _ => return None,
        })
    }
}

/// Why an operation has no result.
#[derive(Debug)]
pub enum DecimalError {
    /// Division by zero.
    DivisionByZero,
    /// An exact quotient does not terminate.
    NonTerminating,
    /// Rounding was needed under `UNNECESSARY`.
    RoundingNecessary,
}

fn pow10(n: u64) -> BigInt {
    num_traits::pow(BigInt::from(10u8), n as usize)
}

fn digits(n: &BigInt) -> i64 {
    if n.is_zero() {
        1
    } else {
        n.abs().to_string().len() as i64
    }
}

/// Rounds `num / den` (den > 0) to an integer with `mode`.
fn round_div(num: &BigInt, den: &BigInt, mode: Rounding) -> Result<BigInt, DecimalError> {
    let (q, r) = num.div_rem(den);
    if r.is_zero() {
        return Ok(q);
    }
    let negative = num.sign() == Sign::Minus;
    let twice = (r.abs() * 2u8).cmp(den);
    let away = match mode {
        Rounding::Up => true,
        Rounding::Down => false,
        Rounding::Ceiling => !negative,
        Rounding::Floor => negative,
        Rounding::HalfUp => twice != Ordering::Less,
        Rounding::HalfDown => twice == Ordering::Greater,
        Rounding::HalfEven => {
            twice == Ordering::Greater || (twice == Ordering::Equal && q.is_odd())
        }
        Rounding::Unnecessary => return Err(DecimalError::RoundingNecessary),
    };
    Ok(if away {
        if negative { q - 1 } else { q + 1 }
    } else {
        q
    })
}

impl Decimal {
    /// `unscaled × 10^-scale`.
    #[must_use]
    pub fn new(unscaled: BigInt, scale: i64) -> Self {
        Decimal { unscaled, scale }
    }

    /// An integer as a decimal of scale 0.
    #[must_use]
    pub fn from_int(i: impl Into<BigInt>) -> Self {
        Decimal::new(i.into(), 0)
    }

    /// Reads Java's `new BigDecimal(String)` syntax (`1.50`, `-2e3`, `.5`).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim_end_matches(['g', 'G']);
        let (mantissa, exp) = match text.find(['e', 'E']) {
            Some(i) => (
                &text[..i],
                text[i + 1..].trim_start_matches('+').parse::<i64>().ok()?,
            ),
            None => (text, 0),
        };
        let (int_part, frac) = match mantissa.find('.') {
            Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
            None => (mantissa, ""),
        };
        let (negative, int_part) = match int_part.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, int_part.strip_prefix('+').unwrap_or(int_part)),
        };
        if int_part.is_empty() && frac.is_empty() {
            return None;
        }
        let all = format!("{int_part}{frac}");
        if !all.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut unscaled: BigInt = all.parse().ok()?;
        if negative {
            unscaled = -unscaled;
        }
        Some(Decimal::new(unscaled, frac.len() as i64 - exp))
    }

    /// Java's `BigDecimal.valueOf(double)`: the double's shortest decimal text.
    #[must_use]
    pub fn from_f64(d: f64) -> Option<Self> {
        if !d.is_finite() {
            return None;
        }
        Decimal::parse(&super::text::java_double(d))
    }

    /// The number of significant digits.
    #[must_use]
    pub fn precision(&self) -> i64 {
        digits(&self.unscaled)
    }

    /// -1, 0 or 1.
    #[must_use]
    pub fn signum(&self) -> i32 {
        match self.unscaled.sign() {
            Sign::Minus => -1,
            Sign::NoSign => 0,
            Sign::Plus => 1,
        }
    }

    fn rescaled(&self, scale: i64) -> BigInt {
        debug_assert!(scale >= self.scale);
        &self.unscaled * pow10((scale - self.scale) as u64)
    }

    /// `this + other`.
    #[must_use]
    pub fn add(&self, other: &Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        Decimal::new(self.rescaled(scale) + other.rescaled(scale), scale)
    }

    /// `this - other`.
    #[must_use]
    pub fn sub(&self, other: &Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        Decimal::new(self.rescaled(scale) - other.rescaled(scale), scale)
    }

    /// `this * other`.
    #[must_use]
    pub fn mul(&self, other: &Decimal) -> Decimal {
        Decimal::new(&self.unscaled * &other.unscaled, self.scale + other.scale)
    }

    /// `-this`.
    #[must_use]
    pub fn neg(&self) -> Decimal {
        Decimal::new(-&self.unscaled, self.scale)
    }

    /// `|this|`.
    #[must_use]
    pub fn abs(&self) -> Decimal {
        Decimal::new(self.unscaled.abs(), self.scale)
    }

    /// Numeric comparison (`1.0 == 1.00`).
    #[must_use]
    pub fn compare(&self, other: &Decimal) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.rescaled(scale).cmp(&other.rescaled(scale))
    }

    /// Java's exact `divide(BigDecimal)`.
    pub fn divide_exact(&self, other: &Decimal) -> Result<Decimal, DecimalError> {
        if other.unscaled.is_zero() {
            return Err(DecimalError::DivisionByZero);
        }
        let preferred = self.scale - other.scale;
        if self.unscaled.is_zero() {
            return Ok(Decimal::new(
                BigInt::zero(),
                preferred.max(0).min(preferred),
            ));
        }
        let g = self.unscaled.gcd(&other.unscaled);
        let mut den = (&other.unscaled / &g).abs();
        let mut k = 0i64;
        let (mut twos, mut fives) = (0i64, 0i64);
        while (&den % 2u8).is_zero() {
            den /= 2u8;
            twos += 1;
        }
        while (&den % 5u8).is_zero() {
            den /= 5u8;
            fives += 1;
        }
        if !den.is_one() {
            return Err(DecimalError::NonTerminating);
        }
        k = k.max(twos.max(fives));
        let num = &self.unscaled * pow10(k as u64);
        let q = num / &other.unscaled;
        let mut d = Decimal::new(q, preferred + k);
        d.strip_to(preferred);
        Ok(d)
    }

    /// Removes trailing zeros while the scale stays at least `scale`.
    pub fn strip_to(&mut self, scale: i64) {
        while self.scale > scale && !self.unscaled.is_zero() {
            let (q, r) = self.unscaled.div_rem(&BigInt::from(10u8));
            if !r.is_zero() {
                break;
            }
            self.unscaled = q;
            self.scale -= 1;
        }
    }

    /// Java's `divide(BigDecimal, new MathContext(precision))` (HALF_UP).
    pub fn divide_precision(
        &self,
        other: &Decimal,
        precision: i64,
    ) -> Result<Decimal, DecimalError> {
        if other.unscaled.is_zero() {
            return Err(DecimalError::DivisionByZero);
        }
        let preferred = self.scale - other.scale;
        if self.unscaled.is_zero() {
            return Ok(Decimal::new(BigInt::zero(), preferred));
        }
        let negative = (self.signum() < 0) != (other.signum() < 0);
        let a = self.unscaled.abs();
        let b = other.unscaled.abs();
        // value = a / b × 10^-preferred; compute q = a × 10^k / b with at least precision digits.
        let mut k = precision - (digits(&a) - digits(&b)) + 1;
        let (num, den) = if k >= 0 {
            (a * pow10(k as u64), b)
        } else {
            (a, b * pow10((-k) as u64))
        };
        let q = &num / &den;
        let m = digits(&q);
        let drop = (m - precision).max(0);
        let scaled_den = den * pow10(drop as u64);
        let mut r = round_div(&num, &scaled_den, Rounding::HalfUp)?;
        k -= drop;
        if digits(&r) > precision {
            r /= 10u8;
            k -= 1;
        }
        if negative {
            r = -r;
        }
        let mut d = Decimal::new(r, preferred + k);
        d.strip_to(preferred);
        Ok(d)
    }

    /// Groovy's `/` on BigDecimals (and on integers): exact when the quotient terminates,
    /// otherwise `max(precisions) + 10` digits at a scale of at most `max(scales, 10)`.
    pub fn groovy_divide(&self, other: &Decimal) -> Result<Decimal, DecimalError> {
        match self.divide_exact(other) {
            Err(DecimalError::NonTerminating) => {
                let precision = self.precision().max(other.precision()) + 10;
                let result = self.divide_precision(other, precision)?;
                let scale = self.scale.max(other.scale).max(10);
                if result.scale > scale {
                    result.set_scale(scale, Rounding::HalfUp)
                } else {
                    Ok(result)
                }
            }
            other => other,
        }
    }

    /// `setScale(scale, mode)`.
    pub fn set_scale(&self, scale: i64, mode: Rounding) -> Result<Decimal, DecimalError> {
        if scale >= self.scale {
            return Ok(Decimal::new(self.rescaled(scale), scale));
        }
        let den = pow10((self.scale - scale) as u64);
        Ok(Decimal::new(round_div(&self.unscaled, &den, mode)?, scale))
    }

    /// `round(new MathContext(precision, mode))`.
    pub fn round_precision(&self, precision: i64, mode: Rounding) -> Result<Decimal, DecimalError> {
        let p = self.precision();
        if precision <= 0 || p <= precision {
            return Ok(self.clone());
        }
        let mut d = self.set_scale(self.scale - (p - precision), mode)?;
        if d.precision() > precision {
            d = d.set_scale(d.scale - 1, mode)?;
        }
        Ok(d)
    }

    /// `stripTrailingZeros()`.
    #[must_use]
    pub fn strip_trailing_zeros(&self) -> Decimal {
        if self.unscaled.is_zero() {
            return Decimal::new(BigInt::zero(), 0);
        }
        let mut d = self.clone();
        d.strip_to(i64::MIN);
        d
    }

    /// Java's `remainder`: the sign follows the dividend.
    pub fn remainder(&self, other: &Decimal) -> Result<Decimal, DecimalError> {
        if other.unscaled.is_zero() {
            return Err(DecimalError::DivisionByZero);
        }
        let scale = self.scale.max(other.scale);
        let (a, b) = (self.rescaled(scale), other.rescaled(scale));
        Ok(Decimal::new(a % b, scale))
    }

    /// The integer part (towards zero).
    #[must_use]
    pub fn to_bigint(&self) -> BigInt {
        if self.scale <= 0 {
            &self.unscaled * pow10((-self.scale) as u64)
        } else {
            &self.unscaled / pow10(self.scale as u64)
        }
    }

    /// The nearest double.
    #[must_use]
    pub fn to_f64(&self) -> f64 {
        self.to_plain_string().parse().unwrap_or(f64::NAN)
    }

    /// `pow(n)` for n ≥ 0.
    #[must_use]
    pub fn pow(&self, n: u32) -> Decimal {
        Decimal::new(
            num_traits::pow(self.unscaled.clone(), n as usize),
            self.scale * i64::from(n),
        )
    }

    /// Whether the value is a whole number.
    #[must_use]
    pub fn is_integral(&self) -> bool {
        self.scale <= 0 || (&self.unscaled % pow10(self.scale as u64)).is_zero()
    }

    /// `toPlainString()`.
    #[must_use]
    pub fn to_plain_string(&self) -> String {
        let negative = self.signum() < 0;
        let coeff = self.unscaled.abs().to_string();
        let body = if self.scale <= 0 {
            if self.unscaled.is_zero() {
                "0".to_owned()
            } else {
                format!("{coeff}{}", "0".repeat((-self.scale) as usize))
            }
        } else {
            let scale = self.scale as usize;
            if coeff.len() > scale {
                format!(
                    "{}.{}",
                    &coeff[..coeff.len() - scale],
                    &coeff[coeff.len() - scale..]
                )
            } else {
                format!("0.{}{coeff}", "0".repeat(scale - coeff.len()))
            }
        };
        if negative { format!("-{body}") } else { body }
    }

    /// Fits in an i64?
    #[must_use]
    pub fn to_i64(&self) -> Option<i64> {
        self.to_bigint().to_i64()
    }
}

impl std::fmt::Display for Decimal {
    /// Java's `BigDecimal.toString()`: plain unless the exponent is large or very negative.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let coeff = self.unscaled.abs().to_string();
        let adjusted = -self.scale + (coeff.len() as i64 - 1);
        if self.scale >= 0 && adjusted >= -6 {
            return f.write_str(&self.to_plain_string());
        }
        let sign = if self.signum() < 0 { "-" } else { "" };
        let mantissa = if coeff.len() > 1 {
            format!("{}.{}", &coeff[..1], &coeff[1..])
        } else {
            coeff
        };
        let exp_sign = if adjusted >= 0 { "+" } else { "-" };
        write!(f, "{sign}{mantissa}E{exp_sign}{}", adjusted.abs())
    }
}
