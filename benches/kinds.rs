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
        ("postgres_url", r#"{"kind":"postgres_url"}"#, |r, i| {
            format!(
                "postgres://app:pw{i}@{}:5432/app{}",
                r.pick(&["db1.acme.io", "localhost", "db1.acme.io,db2.acme.io"]),
                r.pick(&[
                    "?sslmode=verify-full",
                    "",
                    "?sslmode=disable",
                    "?sslmode=Require"
                ])
            )
        }),
        ("redis_url", r#"{"kind":"redis_url"}"#, |r, i| {
            format!(
                "{}://:pw{i}@{}/{}",
                r.pick(&["rediss", "redis", "REDIS"]),
                r.pick(&["cache.acme.io:6380", "redis", ""]),
                r.pick(&["0", "x", ""])
            )
        }),
        (
            "record_list (2 records)",
            r#"{"kind":"record_list","parts":[{"name":"id","kind":"string"},{"name":"region","kind":"string"},{"name":"url","kind":"url"}],"unique":["id"]}"#,
            |r, i| {
                format!(
                    "e{i}=us-east=https://e{i}.acme.io,e{}=eu-west={}://e2.acme.io",
                    r.next() % 3,
                    r.pick(&["https", "http"])
                )
            },
        ),
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

/// The typed blocks called directly, 10,000 times each, and the first parse of the Public
/// Suffix List (what the first WebAuthn check in a process or wasm instance pays).
fn blocks(c: &mut Criterion) {
    use preflight::{S3Settings, SmtpSettings, SmtpTls, WebAuthnSettings};
    let mut group = c.benchmark_group("blocks");
    group.throughput(Throughput::Elements(VALUES as u64));
    let mut rng = Lcg(0x5eed);
    let rps: Vec<WebAuthnSettings> = (0..VALUES)
        .map(|i| WebAuthnSettings {
            rp_id: rng
                .pick(&["acme.io", "github.io", "widgets.io", "Acme.io"])
                .into(),
            rp_origin: format!(
                "https://app{i}.{}",
                rng.pick(&["acme.io", "acme-widgets.io"])
            ),
            allowed_origins: vec![format!("https://admin.{}", rng.pick(&["acme.io", "co.uk"]))],
        })
        .collect();
    group.bench_function("webauthn", |b| {
        b.iter(|| {
            rps.iter()
                .map(|rp| rp.check(Profile::Production).len())
                .sum::<usize>()
        })
    });
    let smtps: Vec<SmtpSettings> = (0..VALUES)
        .map(|i| SmtpSettings {
            host: Some(format!("smtp{i}.acme.io")),
            port: Some(*[25u16, 465, 587, 2525].get(i % 4).unwrap_or(&587)),
            tls: [SmtpTls::Implicit, SmtpTls::StartTls, SmtpTls::Off]
                .get(i % 3)
                .copied(),
            username: Some("mailer".into()),
            password: Some(rng.base64(24)),
            from: Some("noreply@acme.io".into()),
            from_name: Some("Acme".into()),
        })
        .collect();
    group.bench_function("smtp", |b| {
        b.iter(|| {
            smtps
                .iter()
                .map(|s| s.check(Profile::Production).len())
                .sum::<usize>()
        })
    });
    let s3s: Vec<S3Settings> = (0..VALUES)
        .map(|i| S3Settings {
            endpoint: Some(format!(
                "https://s3.{}.amazonaws.com",
                rng.pick(&["eu-west-1", "us-east-1"])
            )),
            bucket: format!("{}-{i}", rng.pick(&["media", "Media", "a.b"])),
            region: Some(rng.pick(&["eu-west-1", "us-east-1a"]).into()),
            access_key_id: Some(
                rng.pick(&["AKIA2E7A5F3B244C4D7Q", "AIDAJQABLZS4A3QDU576"])
                    .into(),
            ),
            secret_access_key: Some(rng.base64(30)),
            session_token: None,
            path_style: None,
        })
        .collect();
    group.bench_function("s3", |b| {
        b.iter(|| {
            s3s.iter()
                .map(|s| s.check(Profile::Production).len())
                .sum::<usize>()
        })
    });
    group.finish();
    #[cfg(feature = "bundled-psl")]
    c.bench_function("psl/first parse", |b| {
        b.iter(|| black_box(preflight::relations::parse_list_uncached()))
    });
}

criterion_group!(benches, kinds, blocks);
criterion_main!(benches);
