//! `java.security.MessageDigest` (MD5, SHA-1 and the SHA-2 family, as the JDK's SUN provider
//! names them), and the `java.math.BigInteger` constructors scripts turn digests into hex with
//! (`new BigInteger(1, digest).toString(16)`).

use md5::Digest as _;
use num_bigint::{BigInt, Sign};

use super::Found;
use super::encoding::{byte_array, bytes_of_array};
use crate::eval::error::{Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::types::known;
use crate::eval::value::{Native, Object, Value};

/// The class `MessageDigest.getInstance` answers with on current JDKs.
const DIGEST_CLASS: &str = "java.security.MessageDigest$Delegate$CloneableDelegate";

/// A digest algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// MD5
    Md5,
    /// SHA-1
    Sha1,
    /// SHA-224
    Sha224,
    /// SHA-256
    Sha256,
    /// SHA-384
    Sha384,
    /// SHA-512
    Sha512,
}

impl Algorithm {
    /// The algorithm for a name or alias the SUN provider accepts (case-insensitive).
    fn by_name(name: &str) -> Option<Algorithm> {
        Some(match name.to_ascii_uppercase().as_str() {
            "MD5" => Algorithm::Md5,
            "SHA-1" | "SHA1" | "SHA" => Algorithm::Sha1,
            "SHA-224" | "SHA224" => Algorithm::Sha224,
            "SHA-256" | "SHA256" => Algorithm::Sha256,
            "SHA-384" | "SHA384" => Algorithm::Sha384,
            "SHA-512" | "SHA512" => Algorithm::Sha512,
            _ => return None,
        })
    }

    fn length(self) -> usize {
        match self {
            Algorithm::Md5 => 16,
            Algorithm::Sha1 => 20,
            Algorithm::Sha224 => 28,
            Algorithm::Sha256 => 32,
            Algorithm::Sha384 => 48,
            Algorithm::Sha512 => 64,
        }
    }

    fn hash(self, data: &[u8]) -> Vec<u8> {
        match self {
            Algorithm::Md5 => md5::Md5::digest(data).to_vec(),
            Algorithm::Sha1 => sha1::Sha1::digest(data).to_vec(),
            Algorithm::Sha224 => sha2::Sha224::digest(data).to_vec(),
            Algorithm::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Algorithm::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Algorithm::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }
}

/// A MessageDigest's state: the name it was asked for, and the input since the last reset.
pub struct DigestState {
    /// The name given to `getInstance` (`getAlgorithm()` answers it as written).
    pub name: String,
    /// The algorithm.
    pub algorithm: Algorithm,
    /// Bytes given to `update` since the last `digest` or `reset`.
    pub data: Vec<u8>,
    /// Whether `update` was called since.
    pub in_progress: bool,
}

impl DigestState {
    /// `toString()` as the JDK gives it.
    #[must_use]
    pub fn text(&self) -> String {
        let state = if self.in_progress {
            "<in progress>"
        } else {
            "<initialized>"
        };
        format!("{} Message Digest from SUN, {state}\n", self.name)
    }

    fn finish(&mut self) -> Vec<u8> {
        let out = self.algorithm.hash(&self.data);
        self.data.clear();
        self.in_progress = false;
        out
    }
}

/// Static methods of `MessageDigest`: `getInstance(name)`, `isEqual(a, b)`.
pub fn static_call<'a>(i: &Interp<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    Ok(Some(match (name, args) {
        ("getInstance", [algo]) => {
            let algo_name = i.to_s(algo)?;
            let Some(algorithm) = Algorithm::by_name(&algo_name) else {
                return throw(
                    "java.security.NoSuchAlgorithmException",
                    format!("{algo_name} MessageDigest not available"),
                );
            };
            Object::native(
                known(DIGEST_CLASS),
                Native::Digest(DigestState {
                    name: algo_name,
                    algorithm,
                    data: Vec::new(),
                    in_progress: false,
                }),
            )
        }
        ("isEqual", [a, b]) => Value::Bool(bytes_of_array(a) == bytes_of_array(b)),
        _ => return Ok(None),
    }))
}

/// Methods of a MessageDigest.
pub fn call<'a>(state: &mut DigestState, name: &str, args: &[Value<'a>]) -> Found<'a> {
    Ok(Some(match (name, args) {
        ("update", [b]) => {
            match bytes_of_array(b) {
                Some(bytes) => state.data.extend_from_slice(&bytes),
                None => match b {
                    Value::Byte(v) => state.data.push(*v as u8),
                    _ => return Ok(None),
                },
            }
            state.in_progress = true;
            Value::Null
        }
        ("update", [b, off, len]) => {
            let Some(bytes) = bytes_of_array(b) else {
                return Ok(None);
            };
            let off = number::to_i64(off).unwrap_or(0);
            let len = number::to_i64(len).unwrap_or(0);
            if off < 0 || len < 0 || off + len > bytes.len() as i64 {
                return throw("java.lang.IllegalArgumentException", "Bad arguments");
            }
            state
                .data
                .extend_from_slice(&bytes[off as usize..(off + len) as usize]);
            state.in_progress = true;
            Value::Null
        }
        ("digest", []) => byte_array(&state.finish()),
        ("digest", [b]) => {
            let Some(bytes) = bytes_of_array(b) else {
                return Ok(None);
            };
            state.data.extend_from_slice(&bytes);
            byte_array(&state.finish())
        }
        ("reset", []) => {
            state.data.clear();
            state.in_progress = false;
            Value::Null
        }
        ("getAlgorithm", []) => Value::str(state.name.as_str()),
        ("getDigestLength", []) => Value::Int(state.algorithm.length() as i32),
        ("toString", []) => Value::str(state.text()),
        _ => return Ok(None),
    }))
}

/// `new BigInteger(signum, magnitude)`, `new BigInteger(bytes)` (two's complement) and
/// `new BigInteger(text, radix)`; `None` for other arguments.
pub fn new_big_integer<'a>(i: &Interp<'a>, args: &[Value<'a>]) -> Found<'a> {
    const NFE: &str = "java.lang.NumberFormatException";
    Ok(Some(match args {
        [bytes] => {
            let Some(b) = bytes_of_array(bytes) else {
                return Ok(None);
            };
            if b.is_empty() {
                return throw(NFE, "Zero length BigInteger");
            }
            number::big(BigInt::from_signed_bytes_be(&b))
        }
        [signum, bytes] if bytes_of_array(bytes).is_some() => {
            let b = bytes_of_array(bytes).unwrap_or_default();
            let magnitude = BigInt::from_bytes_be(Sign::Plus, &b);
            let v = match number::to_i64(signum) {
                Some(1) => magnitude,
                Some(-1) => -magnitude,
                Some(0) if magnitude == BigInt::from(0) => magnitude,
                Some(0) => return throw(NFE, "signum-magnitude mismatch"),
                _ => return throw(NFE, "Invalid signum value"),
            };
            number::big(v)
        }
        [text @ (Value::Str(_) | Value::GString(_)), radix] => {
            let text = i.to_s(text)?;
            let radix = number::to_i64(radix).unwrap_or(10);
            return parse_radix(&text, radix).map(Some);
        }
        _ => return Ok(None),
    }))
}

fn parse_radix<'a>(text: &str, radix: i64) -> Result<Value<'a>, Signal<'a>> {
    const NFE: &str = "java.lang.NumberFormatException";
    if !(2..=36).contains(&radix) {
        return throw(NFE, "Radix out of range");
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let parsed = if digits.is_empty() || digits.starts_with(['-', '+']) {
        None
    } else {
        BigInt::parse_bytes(text.trim_start_matches('+').as_bytes(), radix as u32)
    };
    match parsed {
        Some(v) => Ok(number::big(v)),
        None if text.is_empty() => throw(NFE, "Zero length BigInteger"),
        None => throw(NFE, format!("For input string: \"{text}\"")),
    }
}

/// `BigInteger.toString(radix)`: lowercase digits, a `-` for negatives; radix 10 outside
/// 2..=36, as Java does.
#[must_use]
pub fn big_to_string_radix(v: &BigInt, radix: i64) -> String {
    let radix = if (2..=36).contains(&radix) { radix } else { 10 };
    v.to_str_radix(radix as u32)
}
