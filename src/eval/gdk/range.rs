//! Ranges: `1..5`, `5..1`, `0..<n`, `'a'..'e'`, and their methods.

use std::sync::Arc;

use super::Found;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::{ListObj, RangeObj, Value};

impl<'a> RangeObj<'a> {
    /// The bound written first (`5` in `5..1`).
    #[must_use]
    pub fn from_written(&self) -> Value<'a> {
        if self.reverse {
            self.to.clone()
        } else {
            self.from.clone()
        }
    }

    /// The bound written last.
    #[must_use]
    pub fn to_written(&self) -> Value<'a> {
        if self.reverse {
            self.from.clone()
        } else {
            self.to.clone()
        }
    }
}

/// An inclusive range of integers.
#[must_use]
pub fn int_range<'a>(from: i64, to: i64) -> Value<'a> {
    let (f, t) = match (i32::try_from(from), i32::try_from(to)) {
        (Ok(a), Ok(b)) => (Value::Int(a), Value::Int(b)),
        _ => (Value::Long(from), Value::Long(to)),
    };
    if to < from {
        // An empty range `0..<0` is written as from=0, to=-1 for lists.
        return Value::Range(Arc::new(RangeObj {
            from: f.clone(),
            to: t,
            reverse: false,
        }));
    }
    Value::Range(Arc::new(RangeObj {
        from: f,
        to: t,
        reverse: false,
    }))
}

/// `from..to` (`exclusive`: `from..<to`).
pub fn make<'a>(i: &Interp<'a>, from: &Value<'a>, to: &Value<'a>, exclusive: bool) -> Eval<'a> {
    if from.is_null() || to.is_null() {
        return throw(
            "java.lang.IllegalArgumentException",
            "Must specify a non-null value for the 'from' index in a Range",
        );
    }
    if matches!(from, Value::Int(_) | Value::Short(_) | Value::Byte(_))
        && matches!(to, Value::Int(_) | Value::Short(_) | Value::Byte(_))
    {
        let (a, b) = (
            number::to_i64(from).unwrap_or(0),
            number::to_i64(to).unwrap_or(0),
        );
        let reverse = a > b;
        let (lo, hi) = if reverse { (b, a) } else { (a, b) };
        let (lo, hi) = if exclusive {
            if reverse { (lo + 1, hi) } else { (lo, hi - 1) }
        } else {
            (lo, hi)
        };
        if exclusive && a == b {
            return Ok(Value::Range(Arc::new(RangeObj {
                from: Value::Int(a as i32),
                to: Value::Int(a as i32 - 1),
                reverse: false,
            })));
        }
        return Ok(Value::Range(Arc::new(RangeObj {
            from: Value::Int(lo as i32),
            to: Value::Int(hi as i32),
            reverse,
        })));
    }
    let reverse = i.compare(from, to)? == std::cmp::Ordering::Greater;
    let (lo, hi) = if reverse {
        (to.clone(), from.clone())
    } else {
        (from.clone(), to.clone())
    };
    let (lo, hi) = if exclusive {
        if reverse {
            (step(i, &lo, true)?, hi)
        } else {
            (lo, step(i, &hi, false)?)
        }
    } else {
        (lo, hi)
    };
    Ok(Value::Range(Arc::new(RangeObj {
        from: lo,
        to: hi,
        reverse,
    })))
}

fn step<'a>(i: &Interp<'a>, v: &Value<'a>, up: bool) -> Eval<'a> {
    match v {
        Value::Str(s) if s.chars().count() == 1 => {
            let c = s.chars().next().unwrap_or('\0') as u32;
            let n = if up { c + 1 } else { c.saturating_sub(1) };
            Ok(Value::str(char::from_u32(n).unwrap_or('\0').to_string()))
        }
        _ => {
            let op = if up { number::Op::Add } else { number::Op::Sub };
            if number::is_number(v) {
                number::arith(op, v, &Value::Int(1)).or_else(|(c, m)| throw(c, m))
            } else {
                i.invoke_method(
                    v,
                    if up { "next" } else { "previous" },
                    Vec::new(),
                    crate::source::Span::default(),
                )
            }
        }
    }
}

/// The elements of a range in iteration order.
pub fn elements<'a>(r: &RangeObj<'a>) -> Result<Vec<Value<'a>>, String> {
    let mut out = Vec::new();
    match (&r.from, &r.to) {
        (Value::Int(a), Value::Int(b)) => {
            for k in *a..=*b {
                out.push(Value::Int(k));
            }
        }
        (Value::Str(a), Value::Str(b)) if a.chars().count() != 1 || b.chars().count() != 1 => {
            // String.next() increments the last character.
            let mut cur: String = a.to_string();
            while !cur.is_empty() && *cur <= **b && out.len() < 100_000_000 {
                out.push(Value::str(cur.as_str()));
                let last = cur.pop().unwrap_or('\0');
                cur.push(char::from_u32(last as u32 + 1).unwrap_or('\0'));
            }
        }
        (Value::Str(a), Value::Str(b)) => {
            let (a, b) = (
                a.chars().next().unwrap_or('\0') as u32,
                b.chars().next().unwrap_or('\0') as u32,
            );
            for k in a..=b {
                out.push(Value::str(char::from_u32(k).unwrap_or('\0').to_string()));
            }
        }
        (a, b) if number::is_number(a) && number::is_number(b) => {
            let mut cur = a.clone();
            let mut guard = 0;
            while number::compare(&cur, b) != Some(std::cmp::Ordering::Greater) {
                out.push(cur.clone());
                cur = number::arith(number::Op::Add, &cur, &Value::Int(1)).map_err(|e| e.1)?;
                guard += 1;
                if guard > 100_000_000 {
                    return Err("range too large".into());
                }
            }
        }
        _ => {}
    }
    if r.reverse {
        out.reverse();
    }
    Ok(out)
}

/// Whether the range has no element.
#[must_use]
pub fn is_empty(r: &RangeObj<'_>) -> bool {
    number::compare(&r.from, &r.to) == Some(std::cmp::Ordering::Greater)
}

/// `range.contains(v)` / `v in range`.
pub fn contains<'a>(i: &Interp<'a>, r: &RangeObj<'a>, v: &Value<'a>) -> Result<bool, Signal<'a>> {
    if v.is_null() {
        return Ok(false);
    }
    if matches!(r.from, Value::Int(_)) && !matches!(v, Value::Int(_) | Value::BigInt(_)) {
        // IntRange.contains accepts only Integer and BigInteger.
        return Ok(false);
    }
    if number::is_number(&r.from) && number::is_number(v) {
        return Ok(
            number::compare(v, &r.from) != Some(std::cmp::Ordering::Less)
                && number::compare(v, &r.to) != Some(std::cmp::Ordering::Greater),
        );
    }
    if matches!(v, Value::Str(_) | Value::GString(_)) && matches!(r.from, Value::Str(_)) {
        return Ok(i.compare(v, &r.from)? != std::cmp::Ordering::Less
            && i.compare(v, &r.to)? != std::cmp::Ordering::Greater);
    }
    Ok(false)
}

/// The slice a range selects from a sequence of `n`: `(from, to_exclusive, reversed)`.
pub fn bounds<'a>(
    _i: &Interp<'a>,
    r: &RangeObj<'a>,
    n: i64,
) -> Result<(usize, usize, bool), Signal<'a>> {
    let norm = |v: &Value<'a>| -> i64 {
        let k = number::to_i64(v).unwrap_or(0);
        if k < 0 { k + n } else { k }
    };
    let (a, b) = (norm(&r.from_written()), norm(&r.to_written()));
    let empty = number::compare(&r.from, &r.to) == Some(std::cmp::Ordering::Greater);
    if empty {
        let at = a.clamp(0, n) as usize;
        return Ok((at, at, false));
    }
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    if lo < 0 || hi >= n {
        let bad = if lo < 0 { lo } else { hi };
        return throw(
            "java.lang.IndexOutOfBoundsException",
            format!("Index: {bad}, Size: {n}"),
        );
    }
    Ok((lo as usize, hi as usize + 1, a > b))
}

/// Range methods (everything else as a list).
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let Value::Range(r) = recv else {
        return Ok(None);
    };
    Ok(Some(match (name, args) {
        ("getFrom", []) => r.from.clone(),
        ("getTo", []) => r.to.clone(),
        ("isReverse", []) => Value::Bool(r.reverse),
        ("size", []) => Value::Int(elements(r).map_or(0, |e| e.len() as i32)),
        ("contains", [v]) => Value::Bool(contains(i, r, v)?),
        ("containsWithinBounds", [v]) => Value::Bool(contains(i, r, v)?),
        ("toString", []) => Value::str(format!(
            "{}..{}",
            i.to_s(&r.from_written())?,
            i.to_s(&r.to_written())?
        )),
        ("inspect", []) => Value::str(i.inspect(recv)?),
        ("step", [n]) | ("step", [n, _]) => {
            let k = number::to_i64(n).unwrap_or(1);
            let xs = elements(r).unwrap_or_default();
            let picked: Vec<Value<'a>> = if k > 0 {
                xs.into_iter().step_by(k as usize).collect()
            } else {
                let mut v: Vec<Value<'a>> =
                    xs.into_iter().rev().step_by((-k).max(1) as usize).collect();
                if v.is_empty() {
                    v = Vec::new();
                }
                v
            };
            if let Some(c) = args.get(1) {
                for x in picked {
                    i.call_value(c, vec![x], crate::source::Span::default())?;
                }
                Value::Null
            } else {
                ListObj::array_list(picked)
            }
        }
        ("reverse", []) => Value::Range(Arc::new(RangeObj {
            from: r.from.clone(),
            to: r.to.clone(),
            reverse: !r.reverse,
        })),
        _ => {
            let list = ListObj::array_list(
                elements(r).or_else(|m| throw("java.lang.IllegalArgumentException", m))?,
            );
            return super::collection::call(i, &list, name, args);
        }
    }))
}
