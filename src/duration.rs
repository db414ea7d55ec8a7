//! Lifetimes given as seconds or as short strings like `"15m"`.

use crate::error::{Error, Result};

/// The longest lifetime accepted: ten years. Beyond that, a mistake is more likely than intent.
pub const MAX_LIFETIME_SECS: u64 = 10 * 366 * 24 * 3600;

/// Parses `"90"`, `"90s"`, `"15m"`, `"12h"`, `"7d"` or `"2w"` into seconds.
///
/// # Errors
/// [`Error::InvalidRequest`] for anything else, for zero and for more than ten years.
pub fn parse_duration(text: &str) -> Result<u64> {
    checked_lifetime(seconds_of(text)?)
}

/// Like [`parse_duration`], but zero is allowed: for periods that can be switched off (the
/// grace period), whose upper bounds their owner checks.
pub(crate) fn parse_period(text: &str) -> Result<u64> {
    seconds_of(text)
}

fn seconds_of(text: &str) -> Result<u64> {
    let bad = || {
        Error::InvalidRequest(format!(
            "invalid duration {text:?}; use seconds or a number with s, m, h, d or w"
        ))
    };
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    if digits.is_empty() || digits.len() > 12 {
        return Err(bad());
    }
    let value: u64 = digits.parse().map_err(|_| bad())?;
    let scale = match unit.trim() {
        "" | "s" | "sec" | "secs" | "second" | "seconds" => 1,
        "m" | "min" | "mins" | "minute" | "minutes" => 60,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
        "d" | "day" | "days" => 86_400,
        "w" | "week" | "weeks" => 604_800,
        _ => return Err(bad()),
    };
    value.checked_mul(scale).ok_or_else(bad)
}

/// Checks that a lifetime in seconds is positive and at most [`MAX_LIFETIME_SECS`].
///
/// # Errors
/// [`Error::InvalidRequest`] otherwise.
pub fn checked_lifetime(secs: u64) -> Result<u64> {
    if secs == 0 || secs > MAX_LIFETIME_SECS {
        return Err(Error::InvalidRequest(format!(
            "lifetime must be between 1 second and 10 years, got {secs} s"
        )));
    }
    Ok(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(parse_duration("90s").unwrap(), 90);
        assert_eq!(parse_duration("90").unwrap(), 90);
        assert_eq!(parse_duration("15m").unwrap(), 900);
        assert_eq!(parse_duration("12h").unwrap(), 43_200);
        assert_eq!(parse_duration("7d").unwrap(), 604_800);
        assert_eq!(parse_duration(" 2 w ").unwrap(), 1_209_600);
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "m",
            "-5m",
            "1.5h",
            "5y",
            "0",
            "0s",
            "99999999999999d",
            "1e3",
        ] {
            assert_eq!(
                parse_duration(bad).unwrap_err().code(),
                "ERR_INVALID_REQUEST",
                "{bad}"
            );
        }
    }
}
