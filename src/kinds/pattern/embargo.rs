//! Embargo lines that know the time: a `pattern` rule with `embargo = true` marks where an
//! embargo line starts; this module reads the date, time and zone written after the match and
//! compares them with the time of clearing.
//!
//! **What it does.** For each finding of such a rule:
//! - not yet lifted → the rule's severity (block in the bundled pack), and the message gives
//!   the embargo time and the time left ("2 h 59 min left");
//! - lifted → at most `warn`: "embargo lifted at …: remove the line";
//! - no date or time that can be read → the rule's severity, and the message says so.
//!
//! **Forms read** (any order, in English, French, German, Spanish, Russian and Uzbek):
//! a day and a month name with an optional year (`3 December 2026`, `December 3, 2026`,
//! `3. Dezember`, `3 de diciembre de 2026`, `3 декабря 2026 года`, `2026-yil 3-dekabr`), a
//! numeric day.month.year (`3.12.2026`), an ISO date (`2026-12-03`), a date written with
//! slashes when day and month cannot be confused (`25/12/2026`), a weekday (`Thursday` — the
//! occurrence nearest the time of clearing), a time (`00:01`, `10.00`, `10h00`, `0001 hrs`,
//! `10am`, `10 Uhr`, `midnight`) and a zone: an abbreviation (`GMT`, `UTC`, `BST`, `CET`,
//! `CEST`, `MEZ`, `MESZ`, `EST`, `MSK`/`МСК`, `UZT`, …), an offset (`UTC+5`, `+05:00`) or a
//! city ("heure de Paris", "по московскому времени", "Toshkent vaqti"). Without a zone, the
//! local zone of the machine (`TZ`) is used and the message says so. Ambiguous forms (`CST`,
//! `IST`, `3/12/2026`) are not guessed: the line is reported as unreadable.
//!
//! **Why.** DESIGN §7 and domain.md §B.4: "compare any embargo time with now". Publishing
//! early breaks the embargo; leaving the line in after it lifted publishes an internal note.
//!
//! **Fix safety.** Advice only: the writer removes the line when the embargo has lifted.

use std::sync::OnceLock;

use jiff::civil::{Date, Weekday};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ToSpan, ZonedDateTime};
use regex::Regex;

use crate::kinds::{CheckOptions, CompiledRule, Matcher};
use crate::model::{Finding, Severity};

/// The time of clearing: `now` if given, else `TACT_NOW` (RFC 3339) if set and valid, else
/// the system clock.
pub fn clearing_time(now: Option<Timestamp>) -> Timestamp {
    now.or_else(|| std::env::var("TACT_NOW").ok()?.parse().ok())
        .unwrap_or_else(Timestamp::now)
}

/// The embargo time read from a line, in the zone it was written in.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbargoTime {
    /// The moment the embargo lifts.
    pub at: ZonedDateTime,
    /// How the zone was found (`GMT`, `local time`, …), for the message.
    pub zone: String,
    /// Notes on what was assumed (a missing year or time), for the message.
    pub notes: Vec<String>,
}

/// Rewrites a finding of an embargo rule: severity and message from the embargo time written
/// after the match (see the module documentation). `now` is the time of clearing; `local` is
/// the zone for times written without one.
pub fn refine(f: &mut Finding, text: &str, now: Timestamp, local: &TimeZone) {
    let rest = line_after(text, f.end);
    match read(rest, now, local) {
        Ok(t) => {
            let when = describe(&t);
            let left = t.at.timestamp().as_second() - now.as_second();
            if left > 0 {
                f.message = format!(
                    "embargoed until {when}: {} left — do not publish before then, and remove the line when you do",
                    duration(left)
                );
            } else {
                f.severity = f.severity.min(Severity::Warn);
                f.message = format!("embargo lifted at {when}: remove the line");
            }
        }
        Err(why) => {
            f.message = format!(
                "embargo line, but its time cannot be read ({why}): check the embargo by hand, and write it as e.g. `EMBARGOED UNTIL 00:01 GMT 3 December 2026`"
            );
        }
    }
}

/// Gives each finding of an `embargo = true` pattern rule its severity and message from the
/// embargo time ([`refine`]), at the time of clearing of `opts` ([`clearing_time`]) and in the
/// system's zone for times written without one.
pub(crate) fn refine_all(
    rules: &[CompiledRule],
    text: &str,
    opts: &CheckOptions,
    out: &mut [Finding],
) {
    let embargo = embargo_ids(rules);
    let is_embargo = |f: &Finding| embargo.contains(&f.rule.as_str());
    if !out.iter().any(is_embargo) {
        return;
    }
    let now = clearing_time(opts.now);
    let local = TimeZone::system();
    for f in out.iter_mut().filter(|f| is_embargo(f)) {
        refine(f, text, now, &local);
    }
}

/// How long until the findings of an `embargo = true` rule in `findings` (of `text`) change
/// at the time of clearing `now`: the time to the earliest embargo that has not lifted, at
/// most one minute (the time left in each message is written in minutes). `None` when no
/// embargo is pending. For the editor's re-check timer.
pub(crate) fn recheck_in(
    rules: &[CompiledRule],
    text: &str,
    findings: &[Finding],
    now: Timestamp,
) -> Option<std::time::Duration> {
    let ids = embargo_ids(rules);
    let mut pending = findings
        .iter()
        .filter(|f| ids.contains(&f.rule.as_str()))
        .peekable();
    // Most checks have no embargo line: no zone look-up, nothing read.
    pending.peek()?;
    let local = TimeZone::system();
    let next = pending
        .filter_map(|f| lifts_at(f, text, now, &local))
        .filter(|t| *t > now)
        .min()?;
    let left = (next.as_millisecond() - now.as_millisecond()).clamp(1, 60_000);
    Some(std::time::Duration::from_millis(left as u64))
}

/// The ids of the `embargo = true` pattern rules.
fn embargo_ids(rules: &[CompiledRule]) -> Vec<&str> {
    rules
        .iter()
        .filter(|r| matches!(&r.matcher, Matcher::Pattern(p) if p.embargo))
        .map(|r| r.id.as_str())
        .collect()
}

/// The moment `f`'s embargo lifts, if it can be read; for the editor's re-check timer.
pub fn lifts_at(f: &Finding, text: &str, now: Timestamp, local: &TimeZone) -> Option<Timestamp> {
    read(line_after(text, f.end), now, local)
        .ok()
        .map(|t| t.at.timestamp())
}

/// The rest of the line after byte `end`; when it holds no digit and no word that could name
/// a day, the next non-empty line too (a label on a line of its own).
fn line_after(text: &str, end: usize) -> &str {
    let end = end.min(text.len());
    let rest = &text[end..];
    let first = rest.find('\n').map_or(rest.len(), |i| i);
    if rest[..first].chars().any(|c| c.is_ascii_digit()) {
        return &rest[..first];
    }
    let after = &rest[first..];
    let skip = after.len() - after.trim_start().len();
    let next = &after[skip..];
    let stop = next.find('\n').map_or(next.len(), |i| i);
    &rest[..first + skip + stop]
}

fn describe(t: &EmbargoTime) -> String {
    let mut s = format!(
        "{} {}, {} ({} UTC)",
        t.at.strftime("%H:%M"),
        t.zone,
        t.at.strftime("%A %-d %B %Y"),
        t.at.timestamp().strftime("%Y-%m-%d %H:%M")
    );
    for n in &t.notes {
        s.push_str("; ");
        s.push_str(n);
    }
    s
}

/// A number of seconds as days, hours and minutes ("1 day 2 h 5 min", "less than a minute").
pub fn duration(secs: i64) -> String {
    let mins = (secs + 59) / 60;
    let (d, h, m) = (mins / 1440, mins % 1440 / 60, mins % 60);
    let mut parts = Vec::new();
    match d {
        0 => {}
        1 => parts.push("1 day".to_string()),
        _ => parts.push(format!("{d} days")),
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 && d == 0 {
        parts.push(format!("{m} min"));
    }
    if parts.is_empty() {
        "less than a minute".into()
    } else {
        parts.join(" ")
    }
}

/// Reads the embargo time from `line`.
///
/// # Errors
/// A short reason when no date or time can be read, or a form is ambiguous.
pub fn read(line: &str, now: Timestamp, local: &TimeZone) -> Result<EmbargoTime, String> {
    let mut s = normalise(line);
    let (zone_tz, zone_name) = match take_zone(&mut s)? {
        Some(z) => z,
        None => (local.clone(), "local time".to_string()),
    };
    let today = now.to_zoned_datetime(zone_tz.clone()).date();
    let mut notes = Vec::new();
    let date = take_date(&mut s, today, &mut notes)?;
    let time = take_time(&mut s)?;
    let (date, (h, m)) = match (date, time) {
        (Some(d), Some(t)) => (d, t),
        (Some(d), None) => {
            notes.push("no time given: read as 00:00".into());
            (d, (0, 0))
        }
        (None, Some(t)) => match take_weekday(&s) {
            Some(w) => (nearest_weekday(today, w), t),
            None => {
                notes.push("no date given: read as today".into());
                (today, t)
            }
        },
        (None, None) => match take_weekday(&s) {
            Some(w) => {
                notes.push("no time given: read as 00:00".into());
                (nearest_weekday(today, w), (0, 0))
            }
            None => return Err("no date or time found".into()),
        },
    };
    let at = date
        .at(h, m, 0, 0)
        .to_zoned_datetime(zone_tz)
        .map_err(|e| format!("no such time: {e}"))?;
    Ok(EmbargoTime {
        at,
        zone: zone_name,
        notes,
    })
}

/// Lower case, `ʻ`/`’` as `'`, and every run of spaces, commas and dashes as one space.
fn normalise(line: &str) -> String {
    let lower = line.to_lowercase().replace(['ʻ', '’', '‘', 'ʼ', '`'], "'");
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        let c = if matches!(c, ',' | ';' | '–' | '—' | '(' | ')' | '[' | ']' | '\u{a0}') {
            ' '
        } else {
            c
        };
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    format!(" {} ", out.trim())
}

fn re(cell: &'static OnceLock<Regex>, src: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(src).expect("embargo patterns are valid"))
}

/// Replaces the span of `m` in `s` with a space, so later readers do not see it again.
fn blank(s: &mut String, start: usize, end: usize) {
    s.replace_range(start..end, &" ".repeat(end - start));
}

const ZONES: &[(&str, i32)] = &[
    ("gmt", 0),
    ("utc", 0),
    ("z", 0),
    ("wet", 0),
    ("bst", 60),
    ("west", 60),
    ("cet", 60),
    ("mez", 60),
    ("hec", 60),
    ("cest", 120),
    ("mesz", 120),
    ("haec", 120),
    ("eet", 120),
    ("eest", 180),
    ("msk", 180),
    ("мск", 180),
    ("uzt", 300),
    ("est", -300),
    ("edt", -240),
    ("pst", -480),
    ("pdt", -420),
    ("mst", -420),
    ("mdt", -360),
    ("jst", 540),
    ("kst", 540),
    ("aest", 600),
    ("aedt", 660),
];

const CITIES: &[(&str, &str)] = &[
    ("london", "Europe/London"),
    ("londres", "Europe/London"),
    ("paris", "Europe/Paris"),
    ("berlin", "Europe/Berlin"),
    ("brussels", "Europe/Brussels"),
    ("bruxelles", "Europe/Brussels"),
    ("brüssel", "Europe/Brussels"),
    ("madrid", "Europe/Madrid"),
    ("moscow", "Europe/Moscow"),
    ("moscou", "Europe/Moscow"),
    ("moskau", "Europe/Moscow"),
    ("moscú", "Europe/Moscow"),
    ("москов", "Europe/Moscow"),
    ("москв", "Europe/Moscow"),
    ("tashkent", "Asia/Tashkent"),
    ("toshkent", "Asia/Tashkent"),
    ("ташкент", "Asia/Tashkent"),
    ("тошкент", "Asia/Tashkent"),
    ("new york", "America/New_York"),
    ("washington", "America/New_York"),
    ("kyiv", "Europe/Kyiv"),
    ("geneva", "Europe/Zurich"),
    ("genève", "Europe/Zurich"),
];

/// Finds and removes a zone: an offset, an abbreviation or a city.
fn take_zone(s: &mut String) -> Result<Option<(TimeZone, String)>, String> {
    static OFFSET: OnceLock<Regex> = OnceLock::new();
    let off = re(
        &OFFSET,
        r"(?:\b(utc|gmt)[ ]?|[0-9 ])([+-])[ ]?(\d{1,2})(?::?(\d{2}))?\b",
    );
    if let Some(c) = off
        .captures_iter(s)
        .find(|c| c.get(1).is_some() || c.get(4).is_some())
    {
        let sign = if &c[2] == "-" { -1 } else { 1 };
        let h: i32 = c[3].parse().unwrap_or(99);
        let m: i32 = c.get(4).map_or(0, |m| m.as_str().parse().unwrap_or(99));
        let secs = sign * (h * 3600 + m * 60);
        let offset = Offset::from_seconds(secs).map_err(|_| "offset out of range")?;
        let whole = c.get(0).expect("match");
        let start = if c.get(1).is_some() {
            whole.start()
        } else {
            whole.start() + 1
        };
        let name = s[start..whole.end()].trim().to_uppercase();
        blank(s, start, whole.end());
        return Ok(Some((TimeZone::fixed(offset), name)));
    }
    static ABBR: OnceLock<Regex> = OnceLock::new();
    let abbr = re(&ABBR, r"(?:^|[^\p{L}])(\p{L}{1,4})(?:[^\p{L}]|$)");
    let mut at = 0;
    while let Some(c) = abbr.captures_at(s, at) {
        let m = c.get(1).expect("group");
        let word = m.as_str();
        if matches!(word, "cst" | "ist" | "ast") {
            return Err(format!(
                "`{}` names more than one zone: write the UTC offset, e.g. UTC+5",
                word.to_uppercase()
            ));
        }
        if let Some(&(_, mins)) = ZONES.iter().find(|(n, _)| *n == word) {
            let name = word.to_uppercase();
            let (a, b) = (m.start(), m.end());
            blank(s, a, b);
            let offset = Offset::from_seconds(mins * 60).map_err(|_| "bad zone")?;
            return Ok(Some((TimeZone::fixed(offset), name)));
        }
        at = m.end();
    }
    for (city, iana) in CITIES {
        if let Some(i) = s.find(city) {
            let tz = TimeZone::get(iana)
                .map_err(|e| format!("the time-zone database has no {iana}: {e}"))?;
            blank(s, i, i + city.len());
            return Ok(Some((tz, format!("{iana} time"))));
        }
    }
    Ok(None)
}

const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "jan",
        "janvier",
        "januar",
        "jänner",
        "enero",
        "январь",
        "января",
        "yanvar",
    ],
    &[
        "february",
        "feb",
        "février",
        "fevrier",
        "februar",
        "febrero",
        "февраль",
        "февраля",
        "fevral",
        "феврал",
    ],
    &[
        "march",
        "mar",
        "mars",
        "märz",
        "marz",
        "marzo",
        "март",
        "марта",
        "mart",
    ],
    &[
        "april",
        "apr",
        "avril",
        "abril",
        "апрель",
        "апреля",
        "aprel",
        "апрел",
    ],
    &["may", "mai", "mayo", "май", "мая"],
    &[
        "june", "jun", "juin", "juni", "junio", "июнь", "июня", "iyun", "июн",
    ],
    &[
        "july", "jul", "juillet", "juli", "julio", "июль", "июля", "iyul", "июл",
    ],
    &[
        "august",
        "aug",
        "août",
        "aout",
        "agosto",
        "август",
        "августа",
        "avgust",
    ],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "сентябрь",
        "сентября",
        "sentabr",
        "sentyabr",
        "сентябр",
    ],
    &[
        "october",
        "oct",
        "octobre",
        "oktober",
        "octubre",
        "октябрь",
        "октября",
        "oktabr",
        "oktyabr",
        "октябр",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "ноябрь",
        "ноября",
        "noyabr",
        "ноябр",
    ],
    &[
        "december",
        "dec",
        "décembre",
        "decembre",
        "dezember",
        "diciembre",
        "декабрь",
        "декабря",
        "dekabr",
        "декабр",
    ],
];

/// The month (1–12) a word names; Uzbek suffixes (`dekabrgacha`) are allowed after a full
/// month name of five letters or more.
fn month_of(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    for (i, names) in MONTHS.iter().enumerate() {
        let hit = names
            .iter()
            .any(|n| *n == w || (n.chars().count() >= 5 && w.starts_with(n)));
        if hit {
            return Some(i as i8 + 1);
        }
    }
    None
}

fn take_date(s: &mut String, today: Date, notes: &mut Vec<String>) -> Result<Option<Date>, String> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    let iso = re(&ISO, r"\b(\d{4})-(\d{2})-(\d{2})(?:t|\b)");
    if let Some(c) = iso.captures(s) {
        let d = make(&c[1], &c[2], &c[3])?;
        let m = c.get(0).expect("match");
        let end = if m.as_str().ends_with('t') {
            m.end() - 1
        } else {
            m.end()
        };
        blank(s, m.start(), end);
        if s[end..].starts_with('t') {
            s.replace_range(end..end + 1, " ");
        }
        return Ok(Some(d));
    }
    static DOTS: OnceLock<Regex> = OnceLock::new();
    let dots = re(&DOTS, r"\b(\d{1,2})([./])(\d{1,2})[./](\d{4})\b");
    if let Some(c) = dots.captures(s) {
        let (a, b): (i8, i8) = (c[1].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        if &c[2] == "/" && a <= 12 && b <= 12 && a != b {
            return Err(format!(
                "`{}` could be day/month or month/day: write the month as a word",
                &c[0]
            ));
        }
        let (day, month) = if &c[2] == "/" && b > 12 {
            (b, a)
        } else {
            (a, b)
        };
        let d = make(&c[4], &month.to_string(), &day.to_string())?;
        let m = c.get(0).expect("match");
        blank(s, m.start(), m.end());
        return Ok(Some(d));
    }
    // A month name, with the day next to it and a year anywhere on the line.
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = re(&WORD, r"\p{L}+\.?");
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    static AFTER: OnceLock<Regex> = OnceLock::new();
    let before = re(
        &BEFORE,
        r"\b(\d{1,2})(?:st|nd|rd|th|er|\.|-|-?e)?[ ]?(?:de[ ]|of[ ])?$",
    );
    let after = re(&AFTER, r"^[ ]?(\d{1,2})(?:st|nd|rd|th)?\b");
    // The first month name with a day next to it ("may" alone is a verb, not a date).
    let found = word.find_iter(s).find_map(|m| {
        let month = month_of(m.as_str())?;
        let (ms, me) = (m.start(), m.end());
        if let Some(c) = before.captures(&s[..ms]) {
            let g = c.get(0).expect("match");
            Some((month, c[1].to_string(), (g.start(), me)))
        } else {
            let c = after.captures(&s[me..])?;
            let g = c.get(0).expect("match");
            Some((month, c[1].to_string(), (ms, me + g.end())))
        }
    });
    let Some((month, day, span)) = found else {
        return Ok(None);
    };
    blank(s, span.0, span.1);
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let year = re(
        &YEAR,
        r"\b(20\d\d)(?:[ ]?(?:года?|г\.|-?yil\w*|йил\w*|año))?\b",
    );
    let d = if let Some(c) = year.captures(s) {
        let g = c.get(0).expect("match");
        let d = make(&c[1], &month.to_string(), &day)?;
        blank(s, g.start(), g.end());
        d
    } else {
        let day: i8 = day.parse().map_err(|_| "bad day")?;
        let candidates = [today.year() - 1, today.year(), today.year() + 1];
        let best = candidates
            .iter()
            .filter_map(|&y| Date::new(y, month, day).ok())
            .min_by_key(|d| (ordinal(*d) - ordinal(today)).abs())
            .ok_or("no such date")?;
        notes.push(format!("no year given: read as {}", best.year()));
        best
    };
    Ok(Some(d))
}

/// A day number that grows with the date (for comparing distances of a few months).
fn ordinal(d: Date) -> i32 {
    i32::from(d.year()) * 372 + i32::from(d.month()) * 31 + i32::from(d.day())
}

fn make(y: &str, m: &str, d: &str) -> Result<Date, String> {
    let (y, m, d) = (
        y.parse::<i16>().map_err(|_| "bad year")?,
        m.parse::<i8>().map_err(|_| "bad month")?,
        d.parse::<i8>().map_err(|_| "bad day")?,
    );
    Date::new(y, m, d).map_err(|_| format!("there is no {y:04}-{m:02}-{d:02}"))
}

fn take_time(s: &mut String) -> Result<Option<(i8, i8)>, String> {
    static WORDS: OnceLock<Regex> = OnceLock::new();
    let words = re(
        &WORDS,
        r"\b(midnight|minuit|mitternacht|medianoche|полночь|полночи|yarim tun|ярим тун|noon|midday|midi|mittag|mediodía|полдень|tush)\b",
    );
    if let Some(m) = words.find(s) {
        let noon = matches!(
            m.as_str(),
            "noon" | "midday" | "midi" | "mittag" | "mediodía" | "полдень" | "tush"
        );
        blank(s, m.start(), m.end());
        return Ok(Some(if noon { (12, 0) } else { (0, 0) }));
    }
    static CLOCK: OnceLock<Regex> = OnceLock::new();
    let clock = re(
        &CLOCK,
        r"\b(\d{1,2})[:.h](\d{2})(?:[:.]\d{2})?(?:[ ]?(a\.?m\.?|p\.?m\.?)(?:[ ]|$))?",
    );
    static HOUR: OnceLock<Regex> = OnceLock::new();
    let hour = re(
        &HOUR,
        r"\b(\d{1,2})[ ]?(a\.?m\.?|p\.?m\.?|uhr|h|ч\.?|часов|soat)(?:[ ]|$)",
    );
    static MIL: OnceLock<Regex> = OnceLock::new();
    let mil = re(&MIL, r"\b([01]\d|2[0-3])([0-5]\d)[ ]?(?:hrs|hours|h)\b");
    let (h, m, ampm, span) = if let Some(c) = clock.captures(s) {
        let g = c.get(0).expect("match");
        (
            c[1].to_string(),
            c[2].to_string(),
            c.get(3).map(|x| x.as_str().to_string()),
            (g.start(), g.end()),
        )
    } else if let Some(c) = mil.captures(s) {
        let g = c.get(0).expect("match");
        (
            c[1].to_string(),
            c[2].to_string(),
            None,
            (g.start(), g.end()),
        )
    } else if let Some(c) = hour.captures(s) {
        let g = c.get(0).expect("match");
        let suffix = c[2].to_string();
        let ampm = suffix.starts_with(['a', 'p']).then_some(suffix);
        (
            c[1].to_string(),
            "0".to_string(),
            ampm,
            (g.start(), g.end()),
        )
    } else {
        return Ok(None);
    };
    blank(s, span.0, span.1);
    let mut h: i8 = h.parse().map_err(|_| "bad hour")?;
    let m: i8 = m.parse().map_err(|_| "bad minute")?;
    if let Some(p) = ampm {
        if h > 12 || h == 0 {
            return Err(format!("`{h}` with am/pm is not a time"));
        }
        h = h % 12 + if p.starts_with('p') { 12 } else { 0 };
    }
    if h > 23 || m > 59 {
        return Err(format!("{h}:{m:02} is not a time"));
    }
    Ok(Some((h, m)))
}

const WEEKDAYS: [&[&str]; 7] = [
    &[
        "monday",
        "mon",
        "lundi",
        "montag",
        "lunes",
        "понедельник",
        "dushanba",
        "душанба",
    ],
    &[
        "tuesday",
        "tue",
        "tues",
        "mardi",
        "dienstag",
        "martes",
        "вторник",
        "seshanba",
        "сешанба",
    ],
    &[
        "wednesday",
        "wed",
        "mercredi",
        "mittwoch",
        "miércoles",
        "miercoles",
        "среда",
        "среду",
        "chorshanba",
        "чоршанба",
    ],
    &[
        "thursday",
        "thu",
        "thurs",
        "jeudi",
        "donnerstag",
        "jueves",
        "четверг",
        "payshanba",
        "пайшанба",
    ],
    &[
        "friday",
        "fri",
        "vendredi",
        "freitag",
        "viernes",
        "пятница",
        "пятницу",
        "juma",
        "жума",
    ],
    &[
        "saturday",
        "sat",
        "samedi",
        "samstag",
        "sonnabend",
        "sábado",
        "sabado",
        "суббота",
        "субботу",
        "shanba",
        "шанба",
    ],
    &[
        "sunday",
        "sun",
        "dimanche",
        "sonntag",
        "domingo",
        "воскресенье",
        "yakshanba",
        "якшанба",
    ],
];

fn take_weekday(s: &str) -> Option<Weekday> {
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = re(&WORD, r"\p{L}+");
    word.find_iter(s).find_map(|m| {
        WEEKDAYS
            .iter()
            .position(|names| names.contains(&m.as_str()))
            .and_then(|i| Weekday::from_monday_zero_offset(i as i8).ok())
    })
}

/// The date with weekday `w` nearest `today` (from 3 days before to 3 days after).
fn nearest_weekday(today: Date, w: Weekday) -> Date {
    let diff = (w.to_monday_zero_offset() - today.weekday().to_monday_zero_offset()).rem_euclid(7);
    let shift = if diff > 3 { diff - 7 } else { diff };
    today.checked_add(i64::from(shift).days()).unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: &str, now: &str) -> Result<String, String> {
        let now: Timestamp = now.parse().unwrap();
        read(line, now, &TimeZone::UTC)
            .map(|t| t.at.timestamp().strftime("%Y-%m-%dT%H:%M").to_string())
    }

    const NOW: &str = "2026-12-02T12:00:00Z";

    #[test]
    fn the_common_forms_are_read() {
        let cases = [
            (" 00:01 GMT 3 December 2026", "2026-12-03T00:01"),
            (": 3.12.2026, 10:00 CET", "2026-12-03T09:00"),
            (" until Thursday 09:00", "2026-12-03T09:00"),
            (" 10.00am BST on Friday 4 December 2026", "2026-12-04T09:00"),
            (": 3. Dezember 2026, 10:00 Uhr MEZ", "2026-12-03T09:00"),
            (
                " JUSQU'AU 3 décembre 2026 à 10h00 (heure de Paris)",
                "2026-12-03T09:00",
            ),
            (
                " el 3 de diciembre de 2026 a las 10:00 CET",
                "2026-12-03T09:00",
            ),
            (" 10:00 МСК 3 декабря 2026 года", "2026-12-03T07:00"),
            (
                ": 2026-yil 3-dekabr, soat 10:00 gacha (Toshkent vaqti)",
                "2026-12-03T05:00",
            ),
            (" 2026-12-03T10:00:00Z", "2026-12-03T10:00"),
            (" 0001 hrs GMT 3 Dec", "2026-12-03T00:01"),
            (" December 3, 2026 at 9 a.m. EST", "2026-12-03T14:00"),
            (" midnight UTC+5 on 25/12/2026", "2026-12-24T19:00"),
            (" 12:00", "2026-12-02T12:00"),
        ];
        for (line, want) in cases {
            assert_eq!(at(line, NOW).as_deref(), Ok(want), "{line}");
        }
    }

    #[test]
    fn unreadable_or_ambiguous_forms_are_errors() {
        for line in [
            " after the minister speaks",
            " 10:00 CST 3 Dec 2026",
            " 3/12/2026 10:00",
            " 31 June 2026",
        ] {
            assert!(at(line, NOW).is_err(), "{line}");
        }
    }

    #[test]
    fn durations_read_as_days_hours_minutes() {
        assert_eq!(duration(12 * 3600 + 60), "12 h 1 min");
        assert_eq!(duration(30), "1 min");
        assert_eq!(duration(0), "less than a minute");
        assert_eq!(duration(2 * 86400 + 3600), "2 days 1 h");
    }

    #[test]
    fn a_label_alone_on_its_line_reads_the_next_line() {
        assert_eq!(
            line_after("EMBARGOED UNTIL\n00:01 GMT 3 Dec\nText", 15),
            "\n00:01 GMT 3 Dec"
        );
        assert_eq!(line_after("EMBARGO: 10:00\nText", 7), ": 10:00");
    }
}
