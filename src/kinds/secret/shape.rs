//! Shapes a secret's text can have that say it is not a secret: a template left unrendered,
//! too little variety, a UUID, and (the inverse rule) the look of a live production key.

use preflight_host_text::case;

/// The unresolved template a secret contains (RULES.md §1.2, S2): `${NAME}`, `$NAME`,
/// `{{ … }}`, `%NAME%`, or a whole value in angle brackets (`<your key>`). `$4…` is not a
/// variable. Docker compose interpolates `$NAME` in env files, so it is a template there too.
pub(crate) fn template(text: &str) -> Option<Template> {
    if let Some(t) = crate::context::find_template(text) {
        return Some(if t == text {
            Template::Whole
        } else {
            Template::Inside
        });
    }
    let identifier_at = |rest: &str| {
        let mut chars = rest.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            .then(|| {
                1 + chars
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .count()
            })
    };
    let dollar = text
        .match_indices('$')
        .any(|(i, _)| identifier_at(&text[i + 1..]).is_some());
    let percent = text.match_indices('%').any(|(i, _)| {
        let rest = &text[i + 1..];
        identifier_at(rest).is_some_and(|n| rest[n..].starts_with('%'))
    });
    let angle = text.len() > 2 && text.starts_with('<') && text.ends_with('>');
    (dollar || percent || angle).then_some(if angle {
        Template::Whole
    } else {
        Template::Inside
    })
}

/// Whether the template is the whole value (a reference, safe to quote) or inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Template {
    Whole,
    Inside,
}

/// Why a value has too little variety to be a secret (S5), if it has.
pub(crate) fn low_diversity(text: &str) -> Option<&'static str> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() <= 4 {
        return Some("it uses 4 or fewer distinct characters");
    }
    if (1..=n / 2).any(|d| n % d == 0 && chars.chunks(d).all(|c| c == &chars[..d])) {
        return Some("it is one short block repeated");
    }
    let runs = sequential_runs(&chars);
    let longest = runs.iter().copied().max().unwrap_or(0);
    let covered: usize = runs.iter().filter(|r| **r >= 4).sum();
    if (longest >= 6 && 2 * longest > n) || covered == n {
        return Some("it is mostly a sequence of consecutive characters");
    }
    None
}

/// Lengths of the maximal runs where each character is one above (or below) the last.
fn sequential_runs(chars: &[char]) -> Vec<usize> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut len = 1;
        let step = chars
            .get(i + 1)
            .map(|c| i64::from(u32::from(*c)) - i64::from(u32::from(chars[i])));
        if let Some(step @ (1 | -1)) = step {
            while chars.get(i + len).is_some_and(|c| {
                i64::from(u32::from(*c)) - i64::from(u32::from(chars[i + len - 1])) == step
            }) {
                len += 1;
            }
        }
        runs.push(len);
        i += len;
    }
    runs
}

/// `8-4-4-4-12` hex digits (S8): UUIDs are identifiers, a v4 has only 122 random bits.
pub(crate) fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Why a value looks like a live production credential, for the development profile's inverse
/// rule (Rend's `validate_required_secret`): known live prefixes, an AWS access key, a JWT, a
/// PEM block, or 40+ characters of base64 alphabet with high entropy. A value that says
/// `local`, `dev` or `test` is taken at its word.
pub(crate) fn looks_live(text: &str) -> Option<&'static str> {
    let lower = case::lower(text);
    if ["local", "dev", "test"].iter().any(|w| lower.contains(w)) {
        return None;
    }
    const PREFIXES: &[(&str, &str)] = &[
        ("sk_live_", "a live Stripe/Paystack secret key prefix"),
        ("rk_live_", "a live Stripe restricted key prefix"),
        ("pk_live_", "a live publishable key prefix"),
        ("whsec_", "a webhook signing secret prefix"),
        ("ghp_", "a GitHub personal access token prefix"),
        ("github_pat_", "a GitHub personal access token prefix"),
        ("xoxb-", "a Slack bot token prefix"),
        ("-----begin ", "a PEM private key header"),
    ];
    if let Some((_, why)) = PREFIXES.iter().find(|(p, _)| lower.starts_with(p)) {
        return Some(why);
    }
    let aws = text.len() == 20
        && (text.starts_with("AKIA") || text.starts_with("ASIA"))
        && text[4..]
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if aws {
        return Some("the form of an AWS access key ID");
    }
    if text.starts_with("eyJ") && text.matches('.').count() == 2 {
        return Some("the form of a signed JWT");
    }
    let base64ish = text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'-'));
    if text.len() >= 40
        && base64ish
        && low_diversity(text).is_none()
        && super::material::shannon(text) >= 3.5
    {
        return Some("40 or more random-looking characters");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_of_every_form() {
        for (text, want) in [
            ("${JWT_SECRET}", Some(Template::Whole)),
            ("{{ jwt_secret }}", Some(Template::Whole)),
            ("<your key>", Some(Template::Whole)),
            ("$JWT_SECRET", Some(Template::Inside)),
            ("prefix-$HOME", Some(Template::Inside)),
            ("%APP_KEY%", Some(Template::Inside)),
            ("a${X}b", Some(Template::Inside)),
            ("$4abc", None),
            ("100%", None),
            ("50%-off%", None),
            ("a<b>", None),
            ("k3Jx9Qw2Lm8Zp4Rt", None),
        ] {
            assert_eq!(template(text), want, "{text}");
        }
    }

    #[test]
    fn low_diversity_cases() {
        for text in [
            "aaaaaaaaaaaaaaaa",
            "abababababababab",
            "abcabcabcabcabc",
            "0123456789abcdef0123456789abcdef",
            "abcdefghijk",
            "1234abcd",
            "zyxwvutsrq12",
        ] {
            assert!(low_diversity(text).is_some(), "{text}");
        }
        for text in [
            "k3Jx9Qw2Lm8Zp4Rt",
            "abcdef-k3Jx9Qw2Lm8Zp",
            "Correct-Horse-7",
        ] {
            assert_eq!(low_diversity(text), None, "{text}");
        }
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("3F2504E0-4F89-41D3-9A0C-0305E82C3301"));
        assert!(!is_uuid("3F2504E0-4F89-41D3-9A0C-0305E82C330"));
        assert!(!is_uuid("3F2504E04F8941D39A0C0305E82C3301"));
    }

    #[test]
    fn live_looking_values() {
        assert!(looks_live("sk_live_51HqLyjWDarjtT1zdp7dc").is_some());
        assert!(looks_live("AKIAQWERTYUIOPASDFGH").is_some());
        assert!(looks_live("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig").is_some());
        assert!(looks_live("-----BEGIN PRIVATE KEY-----").is_some());
        assert!(
            looks_live("QjVkEzLP36yE3a1BCyzJyv/SZ+Tb9Mi4p9K4ahn+Gr2tMo12+HAHVDDJLeSQuj2e")
                .is_some()
        );
        assert_eq!(looks_live("sk_test_51HqLyjWDarjtT1zdp7dc"), None);
        assert_eq!(looks_live("local-dev-playback-signing-secret"), None);
        assert_eq!(looks_live(&"ab".repeat(30)), None);
    }
}
