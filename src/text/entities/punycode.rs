//! Punycode (RFC 3492) as `punycode.toASCII` of punycode.js 1.4.1 applies it to one DNS label,
//! which twitter-text 3.1.0 uses to check that no host label of a URL is longer than 63
//! characters once encoded.

const BASE: u64 = 36;
const T_MIN: u64 = 1;
const T_MAX: u64 = 26;
const SKEW: u64 = 38;
const DAMP: u64 = 700;

fn adapt(mut delta: u64, points: u64, first: bool) -> u64 {
    delta /= if first { DAMP } else { 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

/// Length in ASCII characters of `label` after `toASCII`: unchanged when it is printable
/// ASCII, else `xn--` + the RFC 3492 encoding. Stops counting past `cap`.
pub(crate) fn ascii_label_len(label: &str, cap: usize) -> usize {
    if label.chars().all(|c| (' '..='~').contains(&c)) {
        return label.len();
    }
    let input: Vec<u64> = label.chars().map(|c| c as u64).collect();
    let basic = input.iter().filter(|&&c| c < 0x80).count() as u64;
    let mut out = 4 + basic as usize + usize::from(basic > 0);
    let (mut n, mut delta, mut bias, mut h) = (0x80u64, 0u64, 72u64, basic);
    while (h as usize) < input.len() {
        if out > cap {
            return out;
        }
        let m = input.iter().copied().filter(|&c| c >= n).min().unwrap_or(n);
        delta += (m - n) * (h + 1);
        n = m;
        for &c in &input {
            if c < n {
                delta += 1;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out += 1;
                bias = adapt(delta, h + 1, h == basic);
                delta = 0;
                h += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_encodings() {
        // "bücher" → "xn--bcher-kva"; "☃" → "xn--n3h"; "日本" → "xn--wgv71a".
        assert_eq!(ascii_label_len("bücher", 100), "xn--bcher-kva".len());
        assert_eq!(ascii_label_len("☃", 100), "xn--n3h".len());
        assert_eq!(ascii_label_len("日本", 100), "xn--wgv71a".len());
        assert_eq!(ascii_label_len("example", 100), 7);
    }
}
