//! Amounts in capital Chinese numerals (大写金额), as Chinese contracts and invoices state
//! the total: 12,345.60 is 壹万贰仟叁佰肆拾伍元陆角整.

use rust_decimal::{Decimal, RoundingStrategy};

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES: [&str; 4] = ["", "拾", "佰", "仟"];
const SECTIONS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];

/// `amount` in yuan, jiao and fen, written in capital numerals; `None` past 10^20 yuan,
/// where the numerals have no standard unit.
pub fn capital_yuan(amount: Decimal) -> Option<String> {
    let cents = amount
        .abs()
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let yuan = u128::try_from(cents.trunc()).ok()?;
    if yuan >= 10u128.pow(20) {
        return None;
    }
    let fraction = ((cents - cents.trunc()) * Decimal::ONE_HUNDRED).trunc();
    let fraction = u32::try_from(fraction).ok()?;
    let (jiao, fen) = ((fraction / 10) as usize, (fraction % 10) as usize);
    let mut out = String::new();
    if amount.is_sign_negative() && !cents.is_zero() {
        out.push('负');
    }
    if yuan > 0 {
        out.push_str(&integer(yuan));
        out.push('元');
    }
    match (jiao, fen) {
        (0, 0) if yuan == 0 => out.push_str("零元整"),
        (0, 0) => out.push('整'),
        (0, f) => {
            if yuan > 0 {
                out.push('零');
            }
            out.push(DIGITS[f]);
            out.push('分');
        }
        (j, 0) => {
            out.push(DIGITS[j]);
            out.push_str("角整");
        }
        (j, f) => {
            out.push(DIGITS[j]);
            out.push('角');
            out.push(DIGITS[f]);
            out.push('分');
        }
    }
    Some(out)
}

/// A whole number of yuan: 壹万零伍, 壹拾万, 壹亿零壹仟.
fn integer(n: u128) -> String {
    let digits: Vec<usize> = n.to_string().bytes().map(|b| (b - b'0') as usize).collect();
    let mut out = String::new();
    let (mut zero, mut section_has) = (false, false);
    for (i, &d) in digits.iter().enumerate() {
        let p = digits.len() - 1 - i;
        if d == 0 {
            zero = !out.is_empty();
        } else {
            if zero {
                out.push('零');
                zero = false;
            }
            out.push(DIGITS[d]);
            out.push_str(PLACES[p % 4]);
            section_has = true;
        }
        if p.is_multiple_of(4) {
            if section_has {
                out.push_str(SECTIONS[p / 4]);
            }
            section_has = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn c(d: Decimal) -> String {
        capital_yuan(d).unwrap_or_default()
    }

    #[test]
    fn the_issues_example() {
        assert_eq!(c(dec!(12345.60)), "壹万贰仟叁佰肆拾伍元陆角整");
    }

    #[test]
    fn zeros_inside_and_between_sections() {
        assert_eq!(c(dec!(10005)), "壹万零伍元整");
        assert_eq!(c(dec!(100000)), "壹拾万元整");
        assert_eq!(c(dec!(1010)), "壹仟零壹拾元整");
        assert_eq!(c(dec!(100001)), "壹拾万零壹元整");
        assert_eq!(c(dec!(100000000)), "壹亿元整");
        assert_eq!(c(dec!(100001000)), "壹亿零壹仟元整");
        assert_eq!(c(dec!(100010000)), "壹亿零壹万元整");
        assert_eq!(c(dec!(6841.24)), "陆仟捌佰肆拾壹元贰角肆分");
        assert_eq!(c(dec!(82094.88)), "捌万贰仟零玖拾肆元捌角捌分");
    }

    #[test]
    fn jiao_and_fen() {
        assert_eq!(c(dec!(0)), "零元整");
        assert_eq!(c(dec!(0.50)), "伍角整");
        assert_eq!(c(dec!(0.05)), "伍分");
        assert_eq!(c(dec!(1.05)), "壹元零伍分");
        assert_eq!(c(dec!(1.50)), "壹元伍角整");
        assert_eq!(c(dec!(-3.005)), "负叁元零壹分");
        assert_eq!(capital_yuan(dec!(100000000000000000000)), None);
    }
}
