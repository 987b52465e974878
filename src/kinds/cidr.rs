//! `kind: cidr` — an IPv4/IPv6 prefix (`10.0.0.0/8`) or a bare address, for trusted proxies and
//! allow-lists (RULES.md §3).
//!
//! - P1 syntax: netmask form (`/255.0.0.0`), ranges (`a-b`) and host names are not CIDR.
//! - P2 host bits set (`10.0.0.1/8`): an error; the help gives the network (`10.0.0.0/8`).
//! - P3 leading zeros (`010.0.0.0/8` — inet_aton reads octal 8; ipnet silently reads 10).
//! - Prefix lengths above 32 / 128 and zone IDs (`fe80::1%eth0`) are errors.
//! - P5 trust-all (`0.0.0.0/0`, `::/0`, `::ffff:0:0/96`): error in production.
//! - P6 a bare unspecified address (`0.0.0.0`, `::`) matches nothing real: an error.
//! - P7 IPv4-mapped prefixes (`::ffff:10.0.0.0/104`) never match in Go's netip: a warning with
//!   the IPv4 form.
//! - P8 documentation ranges (RFC 5737, RFC 3849): a warning in production.
//! - With `purpose: trusted_proxies`, a public range is a warning in production (RULES.md P9:
//!   trusting a CDN's ranges is legitimate, but worth a second look).
//!
//! In a `list`, a repeated entry and an entry inside another one are warnings.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::scalar;
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{self, Keys, ReadError};
use crate::document::Node;
use crate::first_seen::FirstSeen;
use crate::shown::shown;

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct CidrKind {
    /// What the ranges are for; `trusted_proxies` warns about public ranges.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub purpose: Option<CidrPurpose>,
}

impl CidrKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(CidrKind {
            purpose: keys.get("purpose")?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(rename_all = "snake_case"))]
pub enum CidrPurpose {
    TrustedProxies,
    AllowList,
}

read::from_names!(CidrPurpose {
    "trusted_proxies" => CidrPurpose::TrustedProxies,
    "allow_list" => CidrPurpose::AllowList,
});

/// A parsed prefix: the address as written and the prefix length (bare addresses get /32, /128).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Prefix {
    pub addr: IpAddr,
    pub len: u8,
    pub bare: bool,
}

impl Prefix {
    fn bits(&self) -> u8 {
        match self.addr {
            IpAddr::V4(_) => 32,
            IpAddr::V6(_) => 128,
        }
    }

    fn as_u128(addr: IpAddr) -> u128 {
        match addr {
            IpAddr::V4(v4) => u128::from(u32::from(v4)),
            IpAddr::V6(v6) => u128::from(v6),
        }
    }

    /// Every bit of the address family set.
    fn all_ones(&self) -> u128 {
        if self.bits() == 32 {
            u128::from(u32::MAX)
        } else {
            u128::MAX
        }
    }

    fn mask(&self) -> u128 {
        let host_bits = u32::from(self.bits() - self.len);
        self.all_ones()
            .checked_shl(host_bits)
            .map(|m| m & self.all_ones())
            .unwrap_or(0)
    }

    /// The first and last address of the range, as integers.
    fn range(&self) -> (u128, u128) {
        let first = Self::as_u128(self.addr) & self.mask();
        (first, first | (!self.mask() & self.all_ones()))
    }

    fn network(&self) -> Prefix {
        let (first, _) = self.range();
        let addr = match self.addr {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::from(first as u32)),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::from(first)),
        };
        Prefix {
            addr,
            len: self.len,
            bare: false,
        }
    }

    fn has_host_bits(&self) -> bool {
        Self::as_u128(self.addr) & !self.mask() & self.all_ones() != 0
    }

    /// `10.0.0.0/8`; bare addresses print without a length.
    fn canonical(&self) -> String {
        if self.bare {
            self.addr.to_string()
        } else {
            format!("{}/{}", self.network().addr, self.len)
        }
    }

    /// What names the network, written into `key`: the family (32 or 128 bits), the prefix
    /// length and the first address.
    fn network_key<'k>(&self, key: &'k mut String) -> &'k str {
        key.clear();
        key.push(char::from(self.bits()));
        key.push(char::from(self.len));
        key.extend(self.range().0.to_be_bytes().map(char::from));
        key
    }

    fn contains(&self, other: &Prefix) -> bool {
        self.bits() == other.bits() && self.len <= other.len && {
            let (a, b) = self.range();
            let (c, d) = other.range();
            a <= c && d <= b
        }
    }
}

/// Why a text is not a prefix.
enum Malformed {
    Invalid(String, Option<String>),
    LeadingZero(String),
    ZoneId,
    PrefixTooLong(u32, u8),
}

fn parse(text: &str) -> Result<Prefix, Malformed> {
    let (addr_text, len_text) = match text.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (text, None),
    };
    if addr_text.contains('%') {
        return Err(Malformed::ZoneId);
    }
    if let Some((a, b)) = text.split_once('-') {
        if a.parse::<IpAddr>().is_ok() || b.parse::<IpAddr>().is_ok() {
            return Err(Malformed::Invalid(
                format!("`{text}` is a range of addresses, not a CIDR prefix"),
                Some("write the range as one or more prefixes, e.g. `10.0.0.0/24`".into()),
            ));
        }
    }
    let addr = parse_address(addr_text)?;
    let bits = if addr.is_ipv4() { 32 } else { 128 };
    let Some(len_text) = len_text else {
        return Ok(Prefix {
            addr,
            len: bits,
            bare: true,
        });
    };
    if len_text.contains('.') {
        let help = len_text
            .parse::<Ipv4Addr>()
            .ok()
            .and_then(|mask| {
                let m = u32::from(mask);
                (m.leading_ones() + m.trailing_zeros() == 32)
                    .then(|| format!("write `{addr_text}/{}`", m.leading_ones()))
            })
            .unwrap_or_else(|| "write the prefix length, e.g. `/24`".into());
        return Err(Malformed::Invalid(
            format!("`{text}` uses a netmask; CIDR takes a prefix length"),
            Some(help),
        ));
    }
    if len_text.is_empty() || !len_text.bytes().all(|b| b.is_ascii_digit()) || len_text.len() > 3 {
        return Err(Malformed::Invalid(
            format!("`/{len_text}` is not a prefix length"),
            None,
        ));
    }
    let len: u32 = len_text.parse().unwrap_or(u32::MAX);
    if len > u32::from(bits) {
        return Err(Malformed::PrefixTooLong(len, bits));
    }
    Ok(Prefix {
        addr,
        len: len as u8,
        bare: false,
    })
}

fn parse_address(text: &str) -> Result<IpAddr, Malformed> {
    if text.contains(':') {
        return text.parse::<Ipv6Addr>().map(IpAddr::V6).map_err(|_| {
            Malformed::Invalid(format!("`{}` is not an IPv6 address", shown(text)), None)
        });
    }
    let parts: Vec<&str> = text.split('.').collect();
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if parts.len() != 4 || !all_digits {
        let looks_like_name = text.bytes().any(|b| b.is_ascii_alphabetic());
        let message = if looks_like_name {
            format!("`{}` is a host name, not an address or prefix", shown(text))
        } else {
            format!(
                "`{}` is not an IPv4 address (four numbers from 0 to 255)",
                shown(text)
            )
        };
        return Err(Malformed::Invalid(
            message,
            looks_like_name.then(|| "resolve the name and list its addresses".into()),
        ));
    }
    if parts.iter().any(|p| p.len() > 1 && p.starts_with('0')) {
        let fixed: Vec<String> = parts
            .iter()
            .map(|p| p.trim_start_matches('0'))
            .map(|p| {
                if p.is_empty() {
                    "0".into()
                } else {
                    p.to_string()
                }
            })
            .collect();
        return Err(Malformed::LeadingZero(fixed.join(".")));
    }
    text.parse::<Ipv4Addr>().map(IpAddr::V4).map_err(|_| {
        Malformed::Invalid(
            format!("`{text}` is not an IPv4 address: each number runs from 0 to 255"),
            None,
        )
    })
}

/// Special-purpose ranges; a prefix inside none of them is public.
const SPECIAL_V4: &[(u32, u8)] = &[
    (0x0A00_0000, 8),  // 10/8, RFC 1918
    (0xAC10_0000, 12), // 172.16/12
    (0xC0A8_0000, 16), // 192.168/16
    (0x7F00_0000, 8),  // loopback
    (0xA9FE_0000, 16), // link-local
    (0x6440_0000, 10), // CGNAT, RFC 6598
    (0xC000_0200, 24), // documentation, RFC 5737
    (0xC633_6400, 24),
    (0xCB00_7100, 24),
];
const DOCUMENTATION_V4: &[(u32, u8)] = &[(0xC000_0200, 24), (0xC633_6400, 24), (0xCB00_7100, 24)];

fn within(p: &Prefix, ranges_v4: &[(u32, u8)], ranges_v6: &[(u128, u8)]) -> bool {
    let candidates: Vec<Prefix> = match p.addr {
        IpAddr::V4(_) => ranges_v4
            .iter()
            .map(|&(a, l)| Prefix {
                addr: IpAddr::V4(Ipv4Addr::from(a)),
                len: l,
                bare: false,
            })
            .collect(),
        IpAddr::V6(_) => ranges_v6
            .iter()
            .map(|&(a, l)| Prefix {
                addr: IpAddr::V6(Ipv6Addr::from(a)),
                len: l,
                bare: false,
            })
            .collect(),
    };
    candidates.iter().any(|range| range.contains(p))
}

const SPECIAL_V6: &[(u128, u8)] = &[
    (0xfc00_u128 << 112, 7),      // unique local, RFC 4193
    (0xfe80_u128 << 112, 10),     // link-local
    (1, 128),                     // ::1
    (0x2001_0db8_u128 << 96, 32), // documentation, RFC 3849
];
const DOCUMENTATION_V6: &[(u128, u8)] = &[(0x2001_0db8_u128 << 96, 32)];

impl CidrKind {
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "an address or CIDR prefix") else {
            return;
        };
        let text = text.trim();
        let prefix = match parse(text) {
            Ok(p) => p,
            Err(Malformed::Invalid(message, help)) => {
                return cx.report(&codes::CIDR_INVALID, node.span, message, help)
            }
            Err(Malformed::LeadingZero(address)) => {
                let fixed = match text.split_once('/') {
                    Some((_, len)) => format!("{address}/{len}"),
                    None => address,
                };
                // The whole canonical form, so the fix needs no second one (host bits).
                let fixed = parse(&fixed).map_or(fixed, |p| p.canonical().to_string());
                return cx.report(
                    &codes::CIDR_LEADING_ZERO,
                    node.span,
                    format!("`{text}` has an octet with a leading zero, which some readers take as octal"),
                    Some(format!("write `{fixed}` (drop the leading zeros), or the octal value if that was meant")),
                );
            }
            Err(Malformed::ZoneId) => {
                return cx.report(
                    &codes::CIDR_INVALID,
                    node.span,
                    format!("`{text}` carries a zone ID (`%…`), which prefixes cannot have"),
                    Some("remove the `%` and the interface name".into()),
                )
            }
            Err(Malformed::PrefixTooLong(len, bits)) => {
                return cx.report(
                    &codes::CIDR_INVALID,
                    node.span,
                    format!(
                        "/{len} is longer than an IPv{} address ({bits} bits)",
                        if bits == 32 { 4 } else { 6 }
                    ),
                    None,
                )
            }
        };
        self.check_prefix(&prefix, text, node, cx);
    }

    fn check_prefix(&self, p: &Prefix, text: &str, node: &Node, cx: &mut Cx<'_>) {
        if p.has_host_bits() {
            cx.report_fix(
                &codes::CIDR_HOST_BITS_SET,
                node.span,
                format!(
                    "`{text}` has host bits set: the network of /{} is `{}`",
                    p.len,
                    p.network().addr
                ),
                Some(format!(
                    "write `{}`, or `{}` for the single address",
                    p.canonical(),
                    p.addr
                )),
                p.canonical(),
            );
            return;
        }
        let mapped = match p.addr {
            IpAddr::V6(v6) if p.len >= 96 => v6.to_ipv4_mapped().map(|v4| (v4, p.len - 96)),
            _ => None,
        };
        let trust_all = p.len == 0 || mapped.is_some_and(|(_, len)| len == 0);
        if trust_all {
            cx.report(
                &codes::CIDR_TRUST_ALL,
                node.span,
                format!(
                    "`{text}` matches every {} address",
                    if mapped.is_some() { "IPv4-mapped" } else { "" }
                )
                .replace("every  address", "every address"),
                Some("list the addresses of your proxies or load balancers instead".into()),
            );
            return;
        }
        if p.bare && p.addr.is_unspecified() {
            cx.report(
                &codes::CIDR_UNSPECIFIED,
                node.span,
                format!("`{text}` is the unspecified address; no peer ever has it"),
                Some("write the address of the proxy".into()),
            );
            return;
        }
        if let Some((v4, len)) = mapped {
            let form = if p.bare {
                v4.to_string()
            } else {
                format!("{v4}/{len}")
            };
            cx.report(
                &codes::CIDR_IPV4_MAPPED,
                node.span,
                format!("`{text}` is an IPv4-mapped IPv6 prefix; Go and many proxies never match IPv4 peers against it"),
                Some(format!("write `{form}`")),
            );
            return;
        }
        if within(p, DOCUMENTATION_V4, DOCUMENTATION_V6) {
            cx.report(
                &codes::CIDR_DOCUMENTATION_RANGE,
                node.span,
                format!("`{text}` is in a range reserved for documentation (RFC 5737 / RFC 3849)"),
                Some("replace the example with the real range".into()),
            );
            return;
        }
        if self.purpose == Some(CidrPurpose::TrustedProxies) && !within(p, SPECIAL_V4, SPECIAL_V6) {
            cx.report(
                &codes::CIDR_PUBLIC_RANGE,
                node.span,
                format!("`{text}` is a public range: every host in it may set X-Forwarded-For"),
                Some(
                    "keep it only if these are your CDN's or load balancer's published ranges"
                        .into(),
                ),
            );
        }
    }

    /// Checks across the items of a list: repeats and ranges inside other ranges.
    pub(crate) fn check_items(&self, items: &[Node], cx: &mut Cx<'_>) {
        let parsed: Vec<Option<(Prefix, String)>> = items
            .iter()
            .map(|n| {
                let text = n.scalar_text()?.trim().to_string();
                parse(&text)
                    .ok()
                    .filter(|p| !p.has_host_bits())
                    .map(|p| (p, text))
            })
            .collect();
        // The first entry of each network, and which prefix lengths the list holds per
        // family: an entry's wider networks are then a lookup per length, not a search of
        // the list.
        let mut first_of = FirstSeen::with_capacity(parsed.len());
        let mut lengths = [[false; 129]; 2];
        let mut key = String::new();
        for (i, (p, _)) in parsed
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, e.as_ref()?)))
        {
            first_of.earlier(p.network_key(&mut key), i);
            lengths[usize::from(p.bits() == 128)][usize::from(p.len)] = true;
        }
        let text_of = |j: usize| parsed[j].as_ref().map_or("", |(_, text)| text.as_str());
        for (i, entry) in parsed.iter().enumerate() {
            let Some((p, text)) = entry else { continue };
            let earlier_same = first_of.first(p.network_key(&mut key)).filter(|&j| j < i);
            if let Some(first) = earlier_same {
                cx.item(i, |cx| {
                    cx.report(
                        &codes::CIDR_DUPLICATE,
                        items[i].span,
                        format!("`{text}` repeats `{}`", text_of(first)),
                        Some("remove the repeat".into()),
                    )
                });
                continue;
            }
            // The first entry in the list that covers this one. A trust-all entry is reported
            // on its own; "covered by 0.0.0.0/0" would add noise.
            let family = &lengths[usize::from(p.bits() == 128)];
            let wider = (1..p.len)
                .filter(|&len| family[usize::from(len)])
                .filter_map(|len| first_of.first(Prefix { len, ..*p }.network_key(&mut key)))
                .min();
            if let Some(outer) = wider {
                cx.item(i, |cx| {
                    cx.report(
                        &codes::CIDR_CONTAINED,
                        items[i].span,
                        format!("`{text}` is already covered by `{}`", text_of(outer)),
                        Some("remove the narrower entry".into()),
                    )
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Profile;
    use crate::document::{Format, Value};
    use crate::kinds::testing::{codes, codes_in, findings, first_help, list_findings};

    fn proxies() -> CidrKind {
        CidrKind {
            purpose: Some(CidrPurpose::TrustedProxies),
        }
    }

    #[test]
    fn rules_p1_to_p9_in_production() {
        for (text, want) in [
            ("10.0.0.0/8", vec![]),
            ("172.16.0.0/12", vec![]),
            ("192.168.1.10", vec![]),
            ("fd00::/8", vec![]),
            ("::1", vec![]),
            ("127.0.0.1/32", vec![]),
            ("100.64.0.0/10", vec![]),
            // P1
            ("10.0.0.0/255.0.0.0", vec!["cidr/invalid"]),
            ("10.0.0.1-10.0.0.9", vec!["cidr/invalid"]),
            ("proxy.example.com", vec!["cidr/invalid"]),
            ("10.0.0.256/24", vec!["cidr/invalid"]),
            ("10.0.0/24", vec!["cidr/invalid"]),
            ("10.0.0.0/", vec!["cidr/invalid"]),
            // P2
            ("10.0.0.1/8", vec!["cidr/host-bits-set"]),
            ("2001:db8::cd30/60", vec!["cidr/host-bits-set"]),
            // P3
            ("010.0.0.0/8", vec!["cidr/leading-zero"]),
            // prefix length and zone ID
            ("10.0.0.0/33", vec!["cidr/invalid"]),
            ("::/129", vec!["cidr/invalid"]),
            ("fe80::1%eth0", vec!["cidr/invalid"]),
            // P5
            ("0.0.0.0/0", vec!["cidr/trust-all"]),
            ("::/0", vec!["cidr/trust-all"]),
            ("::ffff:0:0/96", vec!["cidr/trust-all"]),
            // P6
            ("0.0.0.0", vec!["cidr/unspecified"]),
            ("::", vec!["cidr/unspecified"]),
            // P7
            ("::ffff:10.0.0.0/104", vec!["cidr/ipv4-mapped"]),
            // P8
            ("192.0.2.0/24", vec!["cidr/documentation-range"]),
            ("203.0.113.7", vec!["cidr/documentation-range"]),
            ("2001:db8::/48", vec!["cidr/documentation-range"]),
            // P9, trusted proxies only
            ("8.8.8.0/24", vec!["cidr/public-range"]),
            ("2606:4700::/32", vec!["cidr/public-range"]),
            ("10.0.0.0/7", vec!["cidr/public-range"]),
        ] {
            assert_eq!(codes(&proxies(), text), want, "{text}");
        }
        assert!(codes(&CidrKind::default(), "8.8.8.0/24").is_empty());
    }

    #[test]
    fn development_relaxes_trust_all_and_documentation_ranges() {
        let dev = |t| codes_in(&proxies(), t, Profile::Development);
        let f = findings(
            &proxies(),
            Value::String("0.0.0.0/0".into()),
            Profile::Development,
            Format::Env,
        );
        assert_eq!(f[0].code.level(Profile::Development), crate::Level::Warning);
        assert_eq!(dev("192.0.2.0/24"), Vec::<&str>::new());
        assert_eq!(dev("8.8.8.0/24"), Vec::<&str>::new());
        assert_eq!(dev("10.0.0.1/8"), vec!["cidr/host-bits-set"]);
    }

    #[test]
    fn helps_show_the_canonical_form() {
        let help = |t: &str| first_help(&proxies(), t);
        assert_eq!(
            help("10.0.0.1/8"),
            "write `10.0.0.0/8`, or `10.0.0.1` for the single address"
        );
        assert_eq!(
            help("2001:db8::cd30/60"),
            "write `2001:db8::/60`, or `2001:db8::cd30` for the single address"
        );
        assert_eq!(help("10.0.0.0/255.255.0.0"), "write `10.0.0.0/16`");
        assert_eq!(
            help("010.000.0.0/8"),
            "write `10.0.0.0/8` (drop the leading zeros), or the octal value if that was meant"
        );
        assert_eq!(help("::ffff:10.0.0.0/104"), "write `10.0.0.0/8`");
    }

    #[test]
    fn canonical_forms_check_clean() {
        for text in [
            "10.0.0.1/8",
            "2001:db8:0:0:0:0:0:cd30/60",
            "::ffff:10.0.0.0/104",
            "10.0.0.0/255.255.0.0",
        ] {
            let f = findings(
                &CidrKind::default(),
                Value::String(text.into()),
                Profile::Development,
                Format::Env,
            );
            let help = f[0].help.clone().unwrap();
            let fixed = help.split('`').nth(1).unwrap();
            let again = codes_in(&CidrKind::default(), fixed, Profile::Development);
            assert!(again.is_empty(), "{text} → {fixed}: {again:?}");
        }
    }

    #[test]
    fn lists_report_repeats_and_contained_ranges_at_their_items() {
        let out = list_findings(
            crate::kinds::Kind::Cidr(proxies()),
            "10.1.0.0/16, 10.0.0.0/8, 10.0.0.0/8,192.168.0.0/16",
            "/TRUSTED_PROXIES",
        );
        let found: Vec<(&str, &str)> = out
            .iter()
            .map(|f| (f.code.code, f.pointer.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("cidr/contained", "/TRUSTED_PROXIES/0"),
                ("cidr/duplicate", "/TRUSTED_PROXIES/2")
            ]
        );
        assert_eq!(
            out[0].message,
            "`10.1.0.0/16` is already covered by `10.0.0.0/8`"
        );
    }

    #[test]
    fn a_contained_range_names_the_first_entry_that_covers_it_in_either_family() {
        let out = list_findings(
            crate::kinds::Kind::Cidr(proxies()),
            "10.1.2.0/24, fd00::/8, 10.0.0.0/8, fd00:1::/32, 10.1.0.0/16, 10.1.2.3, ::ffff:10.1.2.3, 10.1.2.0/24",
            "/TRUSTED_PROXIES",
        );
        let found: Vec<(&str, &str, &str)> = out
            .iter()
            .map(|f| (f.code.code, f.pointer.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                // Each item's own findings come first, then the list's.
                ("cidr/ipv4-mapped", "/TRUSTED_PROXIES/6", "`::ffff:10.1.2.3` is an IPv4-mapped IPv6 prefix; Go and many proxies never match IPv4 peers against it"),
                ("cidr/contained", "/TRUSTED_PROXIES/0", "`10.1.2.0/24` is already covered by `10.0.0.0/8`"),
                ("cidr/contained", "/TRUSTED_PROXIES/3", "`fd00:1::/32` is already covered by `fd00::/8`"),
                ("cidr/contained", "/TRUSTED_PROXIES/4", "`10.1.0.0/16` is already covered by `10.0.0.0/8`"),
                ("cidr/contained", "/TRUSTED_PROXIES/5", "`10.1.2.3` is already covered by `10.1.2.0/24`"),
                ("cidr/duplicate", "/TRUSTED_PROXIES/7", "`10.1.2.0/24` repeats `10.1.2.0/24`"),
            ]
        );
    }
}
