//! Java's `String.format` / Groovy's `sprintf` and `printf` (java.util.Formatter).

use crate::eval::error::{Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::Value;

/// Formats `args` with the Java format string `fmt`.
pub fn sprintf<'a>(
    i: &Interp<'a>,
    fmt: &Value<'a>,
    args: &[Value<'a>],
) -> Result<String, Signal<'a>> {
    let fmt = i.to_s(fmt)?;
    // A single array or list argument spreads (Groovy's sprintf(String, Object[])).
    let spread;
    let args = match args {
        [Value::List(l)] if matches!(l.kind, crate::eval::value::ListKind::Array(_)) => {
            spread = l.snapshot();
            &spread[..]
        }
        _ => args,
    };
    format(i, &fmt, args)
}

/// Groovy's `sprintf(fmt, arg)`: a single list argument is spread like an array.
pub fn groovy_sprintf<'a>(
    i: &Interp<'a>,
    fmt: &Value<'a>,
    args: &[Value<'a>],
) -> Result<String, Signal<'a>> {
    match args {
        [Value::List(l)] => sprintf(i, fmt, &l.snapshot()),
        _ => sprintf(i, fmt, args),
    }
}

/// What Java's `toString` gives (the formatter's `%s`): maps as `{k=v}`, collections
/// element by element, everything else as Groovy prints it.
fn java_string<'a>(i: &Interp<'a>, v: &Value<'a>) -> Result<String, Signal<'a>> {
    Ok(match v {
        Value::Map(m) => {
            let mut parts = Vec::new();
            for (k, v) in m.snapshot() {
                parts.push(format!("{}={}", java_string(i, &k)?, java_string(i, &v)?));
            }
            format!("{{{}}}", parts.join(", "))
        }
        Value::List(l) if !matches!(l.kind, crate::eval::value::ListKind::Array(_)) => {
            let mut parts = Vec::new();
            for x in l.snapshot() {
                parts.push(java_string(i, &x)?);
            }
            format!("[{}]", parts.join(", "))
        }
        _ => i.to_s(v)?,
    })
}

/// `String.format(fmt, args...)`.
pub fn format<'a>(i: &Interp<'a>, fmt: &str, args: &[Value<'a>]) -> Result<String, Signal<'a>> {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut k = 0;
    let mut next_arg = 0;
    while k < chars.len() {
        let c = chars[k];
        if c != '%' {
            out.push(c);
            k += 1;
            continue;
        }
        k += 1;
        // %[index$][flags][width][.precision]conversion
        let start = k;
        let mut index: Option<usize> = None;
        let mut j = k;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        if j < chars.len() && chars[j] == '$' && j > k {
            index = chars[k..j].iter().collect::<String>().parse().ok();
            k = j + 1;
        }
        let mut flags = String::new();
        while k < chars.len() && "-#+ 0,(".contains(chars[k]) {
            flags.push(chars[k]);
            k += 1;
        }
        let mut width = String::new();
        while k < chars.len() && chars[k].is_ascii_digit() {
            width.push(chars[k]);
            k += 1;
        }
        let mut precision: Option<usize> = None;
        if k < chars.len() && chars[k] == '.' {
            k += 1;
            let mut p = String::new();
            while k < chars.len() && chars[k].is_ascii_digit() {
                p.push(chars[k]);
                k += 1;
            }
            precision = p.parse().ok();
        }
        let Some(&conv) = chars.get(k) else {
            let spec: String = chars[start - 1..].iter().collect();
            return throw(
                "java.util.UnknownFormatConversionException",
                format!("Conversion = '{spec}'"),
            );
        };
        k += 1;
        if conv == 'n' {
            out.push('\n');
            continue;
        }
        if conv == '%' {
            out.push('%');
            continue;
        }
        let arg = if let Some(n) = index {
            args.get(n.saturating_sub(1)).cloned()
        } else {
            let a = args.get(next_arg).cloned();
            next_arg += 1;
            a
        };
        let Some(arg) = arg else {
            return throw(
                "java.util.MissingFormatArgumentException",
                format!("Format specifier '%{conv}'"),
            );
        };
        let width: usize = width.parse().unwrap_or(0);
        let left = flags.contains('-');
        let zero = flags.contains('0');
        let comma = flags.contains(',');
        let plus = flags.contains('+');
        let body = match conv.to_ascii_lowercase() {
            's' => {
                let s = java_string(i, &arg)?;
                match precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                }
            }
            'd' => {
                if !number::is_number(&arg)
                    || matches!(arg, Value::Double(_) | Value::Float(_) | Value::Decimal(_))
                {
                    return throw(
                        "java.util.IllegalFormatConversionException",
                        format!("d != {}", crate::eval::types::type_of(&arg).name()),
                    );
                }
                let n = number::to_bigint(&arg).unwrap_or_default();
                let mut digits = n.magnitude().to_string();
                if comma {
                    digits = group(&digits);
                }
                let sign = if n.sign() == num_bigint::Sign::Minus {
                    "-"
                } else if plus {
                    "+"
                } else {
                    ""
                };
                pad_number(sign, &digits, width, zero && !left)
            }
            'x' | 'o' => {
                let n = number::to_i64(&arg).unwrap_or(0);
                let s = match (conv, &arg) {
                    ('x', Value::Int(v)) => format!("{:x}", *v as u32),
                    ('X', Value::Int(v)) => format!("{:X}", *v as u32),
                    ('x', _) => format!("{n:x}"),
                    ('X', _) => format!("{n:X}"),
                    (_, Value::Int(v)) => format!("{:o}", *v as u32),
                    _ => format!("{n:o}"),
                };
                pad_number("", &s, width, zero && !left)
            }
            'f' | 'e' | 'g' => {
                if !number::is_number(&arg) || matches!(arg, Value::Int(_) | Value::Long(_)) {
                    return throw(
                        "java.util.IllegalFormatConversionException",
                        format!("{conv} != {}", crate::eval::types::type_of(&arg).name()),
                    );
                }
                let p = precision.unwrap_or(6);
                let text = if conv == 'f' {
                    let d = number::to_decimal(&arg)
                        .unwrap_or_else(|| crate::eval::decimal::Decimal::from_int(0));

                    d.set_scale(p as i64, crate::eval::decimal::Rounding::HalfUp)
                        .map(|x| x.to_plain_string())
                        .unwrap_or_default()
                } else {
                    let v = number::to_f64(&arg).unwrap_or(0.0);
                    let s = format!("{v:.p$e}");
                    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                    let e: i32 = e.parse().unwrap_or(0);
                    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
                };
                let (sign, digits) = match text.strip_prefix('-') {
                    Some(d) => ("-", d.to_owned()),
                    None => (if plus { "+" } else { "" }, text),
                };
                let digits = if comma {
                    match digits.split_once('.') {
                        Some((a, b)) => format!("{}.{b}", group(a)),
                        None => group(&digits),
                    }
                } else {
                    digits
                };
                pad_number(sign, &digits, width, zero && !left)
            }
            'c' => match &arg {
                Value::Char(c) => c.to_string(),
                Value::Str(s) if s.chars().count() == 1 => s.to_string(),
                _ if number::is_number(&arg) => {
                    char::from_u32(number::to_i64(&arg).unwrap_or(0) as u32)
                        .map(String::from)
                        .unwrap_or_default()
                }
                _ => {
                    return throw(
                        "java.util.IllegalFormatConversionException",
                        format!("c != {}", crate::eval::types::type_of(&arg).name()),
                    );
                }
            },
            'b' => match &arg {
                Value::Null => "false".to_owned(),
                Value::Bool(b) => b.to_string(),
                _ => "true".to_owned(),
            },
            _ => {
                return throw(
                    "java.util.UnknownFormatConversionException",
                    format!("Conversion = '{conv}'"),
                );
            }
        };
        let body = if conv.is_ascii_uppercase() {
            body.to_uppercase()
        } else {
            body
        };
        let len = body.chars().count();
        if len < width {
            if left {
                out.push_str(&body);
                out.push_str(&" ".repeat(width - len));
            } else {
                out.push_str(&" ".repeat(width - len));
                out.push_str(&body);
            }
        } else {
            out.push_str(&body);
        }
    }
    Ok(out)
}

fn group(digits: &str) -> String {
    let mut out = String::new();
    for (n, c) in digits.chars().enumerate() {
        if n > 0 && (digits.len() - n).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn pad_number(sign: &str, digits: &str, width: usize, zero: bool) -> String {
    let len = sign.len() + digits.chars().count();
    if zero && len < width {
        format!("{sign}{}{digits}", "0".repeat(width - len))
    } else {
        format!("{sign}{digits}")
    }
}
