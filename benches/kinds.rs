//! Speed of every kind over 10,000 values, a mix of good and bad as configs hold them.
//!
//! Run: `cargo bench --bench kinds` (figures in BENCHMARKS.md). Each benchmark checks all
//! 10,000 values of one kind once through `Kind::check_text`, in production.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use preflight::kinds::Kind;
use preflight::Profile;

const VALUES: usize = 10_000;

/// A small deterministic generator, so every run checks the same values.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[(self.next() as usize) % options.len()]
    }
    fn base64(&mut self, bytes: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let chars = bytes.div_ceil(3) * 4;
        (0..chars)
            .map(|_| ALPHABET[(self.next() % 64) as usize] as char)
            .collect()
    }
}

/// Makes value number `i` of a kind.
type Generator = fn(&mut Lcg, usize) -> String;

/// (name, kind as JSON, a generator of one value).
fn cases() -> Vec<(&'static str, &'static str, Generator)> {
    vec![
        ("string", r#"{"kind":"string","min_len":3}"#, |r, i| {
            format!("{}-{i}", r.pick(&["app", "x", "ledger"]))
        }),
        ("bool", r#"{"kind":"bool"}"#, |r, _| {
            r.pick(&["true", "false", "yes", "1", "TRUE"]).into()
        }),
        ("int", r#"{"kind":"int","min":1,"max":200}"#, |r, _| {
            (r.next() % 300).to_string()
        }),
        ("port", r#"{"kind":"port"}"#, |r, _| {
            (r.next() % 70_000).to_string()
        }),
        (
            "enum",
            r#"{"kind":"enum","values":["debug","info","warn","error"]}"#,
            |r, _| {
                r.pick(&["info", "warn", "warning", "Error", "trace"])
                    .into()
            },
        ),
        ("duration", r#"{"kind":"duration","max":"10m"}"#, |r, i| {
            format!("{}{}", i % 900, r.pick(&["s", "ms", "m", "h", ""]))
        }),
        ("byte_size", r#"{"kind":"byte_size"}"#, |r, i| {
            format!(
                "{}{}",
                i % 512,
                r.pick(&["MiB", "MB", "mb", "Mb", "KiB", ""])
            )
        }),
        ("path", r#"{"kind":"path","absolute":true}"#, |r, i| {
            format!("{}/data/{i}", r.pick(&["", "/var", "./srv", "/etc/../x"]))
        }),
        ("hostname", r#"{"kind":"hostname"}"#, |r, i| {
            format!(
                "{}{i}.{}",
                r.pick(&["db", "cache-", "-bad", "a_b"]),
                r.pick(&["acme.io", "internal", "localhost"])
            )
        }),
        ("bind_address", r#"{"kind":"bind_address"}"#, |r, i| {
            format!(
                "{}:{}",
                r.pick(&["0.0.0.0", "127.0.0.1", "[::]", "localhost"]),
                1000 + i % 65_000
            )
        }),
        (
            "url",
            r#"{"kind":"url","schemes":["https","http"]}"#,
            |r, i| {
                format!(
                    "{}://{}/api/{i}",
                    r.pick(&["https", "http", "ftp"]),
                    r.pick(&["api.acme.io", "localhost:8080", "Example.COM"])
                )
            },
        ),
        (
            "cidr",
            r#"{"kind":"cidr","purpose":"trusted_proxies"}"#,
            |r, _| {
                format!(
                    "{}.{}.{}.0/{}",
                    r.next() % 256,
                    r.next() % 256,
                    r.next() % 256,
                    8 + r.next() % 25
                )
            },
        ),
        ("email", r#"{"kind":"email"}"#, |r, i| {
            format!(
                "{}{i}@{}",
                r.pick(&["noreply", "ops.team", "a..b"]),
                r.pick(&["acme.io", "example.com", "localhost"])
            )
        }),
        ("origin", r#"{"kind":"origin"}"#, |r, i| {
            format!(
                "{}://{}{i}.acme.io{}",
                r.pick(&["https", "http", "HTTPS"]),
                r.pick(&["app", "admin", "*."]),
                r.pick(&["", "/", ":443", "/path"])
            )
        }),
        (
            "secret",
            r#"{"kind":"secret","jwt":"hs256"}"#,
            |r, i| match i % 4 {
                0 => r.base64(32),
                1 => r.base64(16),
                2 => format!("change-me-{i}"),
                _ => format!("{:064x}", r.next() as u128 * r.next() as u128),
            },
        ),
        ("password", r#"{"kind":"password"}"#, |r, i| {
            format!(
                "{}-{}-{i}",
                r.pick(&["orange", "Password1!", "aaaa"]),
                r.pick(&["kettle", "x", "harbour-lantern"])
            )
        }),
        (
            "list_of_origins",
            r#"{"kind":"list","item":{"kind":"origin"}}"#,
            |r, i| {
                format!(
                    "https://a{i}.acme.io,{}://b{i}.acme.io",
                    r.pick(&["https", "http"])
                )
            },
        ),
    ]
}

fn kinds(c: &mut Criterion) {
    let mut group = c.benchmark_group("kinds");
    group.throughput(Throughput::Elements(VALUES as u64));
    for (name, json, make) in cases() {
        let kind: Kind = serde_json::from_str(json).expect("a valid kind");
        let mut rng = Lcg(0x5eed);
        let values: Vec<String> = (0..VALUES).map(|i| make(&mut rng, i)).collect();
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut found = 0;
                for value in &values {
                    found += kind.check_text(black_box(value), Profile::Production).len();
                }
                black_box(found)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, kinds);
criterion_main!(benches);
