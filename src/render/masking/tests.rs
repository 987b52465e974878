use super::*;

fn masked(source: &str, format: Format) -> String {
    let ranges = secret_ranges(
        source,
        &line_table(source),
        Some(format),
        &["signing".to_string()],
        &["url".to_string()],
    );
    source
        .char_indices()
        .map(|(i, c)| {
            if ranges.iter().any(|r| r.contains(&i)) && !matches!(c, '\n' | '\r') {
                '*'
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn broken_env_lines_are_masked() {
    assert_eq!(
        masked("JWT_SECRET=\"Zk4pQ\nPORT=1\n", Format::Env),
        "JWT_SECRET=******\n******\n"
    );
    assert_eq!(
        masked("JWT_SECRET=\"Zk4p\"x\nPORT=1\n", Format::Env),
        "JWT_SECRET=*******\nPORT=1\n"
    );
    assert_eq!(
        masked("JWT_SECRET Zk4p\n", Format::Env),
        "JWT_SECRET ****\n"
    );
    assert_eq!(
        masked("export DB_PASSWORD=abc # c\nA=b\n", Format::Env),
        "export DB_PASSWORD=*******\nA=b\n"
    );
    assert_eq!(
        masked("signing=abc\nsigning_mode=x\n", Format::Env),
        "signing=***\nsigning_mode=x\n"
    );
}

#[test]
fn the_data_of_a_kubernetes_secret_is_masked_whatever_its_keys() {
    let manifest = "kind: Secret\nstringData:\n  SESSION: \"abc\n  ID: x\ndata:\n  k: YWJj\n  YWJj\nmetadata:\n  name: app\n";
    assert_eq!(
        masked(manifest, Format::Yaml),
        "kind: Secret\nstringData:\n  SESSION: ****\n  ID: *\ndata:\n  k: ****\n  ****\nmetadata:\n  name: app\n"
    );
    let config_map = "kind: ConfigMap\ndata:\n  LEVEL: info\n";
    assert_eq!(masked(config_map, Format::Yaml), config_map);
}

#[test]
fn a_json_secret_broken_by_a_quote_and_a_line_break_is_masked() {
    assert_eq!(
        masked(
            "{\n  \"jwt_secret\": \"ab\"\ncd/\"\n  },\n  \"port\": 1\n}",
            Format::Json
        ),
        "{\n  \"jwt_secret\": ****\n****\n  },\n  \"port\": 1\n}"
    );
}

#[test]
fn a_secret_key_whose_colon_was_left_out_is_masked() {
    assert_eq!(
        masked("auth:\n  password \"s3\"\n  port: 1\n", Format::Yaml),
        "auth:\n  password ****\n  port: 1\n"
    );
    assert_eq!(
        masked("{\"jwt_secret\" \"s3\", \"port\": 1}", Format::Json),
        "{\"jwt_secret\" ****, \"port\": 1}"
    );
    assert_eq!(
        masked("{\"password\", \"s3\"}", Format::Json),
        "{\"password\"******}"
    );
    assert_eq!(
        masked("{\"jwt_secret\\\": \"s3\"}", Format::Json),
        "{\"jwt_secret********}"
    );
    // Broken by a tab inside the key as well: `signin` (near `signing`) and the whole
    // key are both read as keys, and both values masked.
    assert_eq!(
        masked("{\"signin\tg\", \"s3\", \"port\": 1}", Format::Json),
        "{\"signin\t********, \"port\": 1}"
    );
    assert_eq!(
        masked("{signin\tg, s3, port: 1}", Format::Yaml),
        "{signin\t*****, port: 1}"
    );
    assert_eq!(
        masked("{\"password\": }\"s3\", \"port\": 1}", Format::Json),
        "{\"password\": }****, \"port\": 1}"
    );
    assert_eq!(
        masked(
            "- password s3\nnote: the password is long\n# password s3\n",
            Format::Yaml
        ),
        "- password **\nnote: the password is long\n# password s3\n"
    );
}

#[test]
fn a_secret_glued_to_its_key_is_masked() {
    // The `: "` between them lost: the word after the key's quote may be the rest of a
    // key a quote broke, or the value; it is masked, and read as a key too.
    // Read as a key too, `s3cr3t` joins `password` and hides the next key: more than the
    // value, but nothing of it.
    assert_eq!(
        masked("{\"password\"s3cr3t\", \"port\": 1}", Format::Json),
        "{\"password\"***************: 1}"
    );
    assert_eq!(
        masked("{\"pass\"word\": \"s3\", \"port\": 1}", Format::Json),
        "{\"pass\"word\": ****, \"port\": 1}"
    );
    // Blanks inside the key's quotes; its opening brace and quote lost after a `:`.
    assert_eq!(
        masked("{\"  password\"s3cr3t\"}, \"port\": 1}", Format::Json),
        "{\"  password\"****************: 1}"
    );
    assert_eq!(
        masked("{\"smtp\":password\" \"s3\"}, \"port\": 1}", Format::Json),
        "{\"smtp\":password\" ****}, \"port\": 1}"
    );
    // The key's closing quote lost as well: what follows a declared name in the word,
    // wherever it stands; in an env file, a line with no `=`.
    assert_eq!(
        masked("{!\"signings3cr3t\"}", Format::Json),
        "{!\"signing******\"}"
    );
    assert_eq!(masked("SIGNINGs3cr3t\n", Format::Env), "SIGNINGs3cr3t\n");
    assert_eq!(masked("signings3cr3t\n", Format::Env), "signing******\n");
    assert_eq!(
        masked("# rotate signing_key yearly\n", Format::Yaml),
        "# rotate signing_key yearly\n"
    );
    assert_eq!(
        masked("{\"signings3cr3t\", \"port\": 1}", Format::Json),
        "{\"signing******\", \"port\": 1}"
    );
    assert_eq!(
        masked("{\"signing- \"s3\", \"port\": 1}", Format::Json),
        "{\"signing* ****, \"port\": 1}"
    );
    assert_eq!(
        masked("{\"signing_key\": 1, \"port\": 1}", Format::Json),
        "{\"signing_key\": *, \"port\": 1}"
    );
}

#[test]
fn a_secret_key_followed_by_stray_text_is_masked() {
    // A character that is no part of JSON or YAML between the key and its `:`.
    assert_eq!(
        masked("{\"password\"\u{feff}: \"s3\", \"port\": 1}", Format::Json),
        "{\"password\"\u{feff}: ****, \"port\": 1}"
    );
    assert_eq!(
        masked("{\"pass\u{feff}word\": \"s3\"}", Format::Json),
        "{\"pass\u{feff}word\": ****}"
    );
    // A stray `}` in place of the value's opening quote.
    assert_eq!(
        masked("{\"password\":}s3cr3t\"}, \"port\": 1}", Format::Json),
        "{\"password\":}*******}, \"port\": 1}"
    );
    // A file cut short after a key: nothing below it.
    assert_eq!(
        masked("{\"a\": 1, password", Format::Json),
        "{\"a\": 1, password"
    );
    // JSON allows the value on the next line, and a break in place of the `:` puts it
    // there too.
    assert_eq!(
        masked("{\"password\"\ns3cr3t\"}, \"port\": 1}", Format::Json),
        "{\"password\"\n*******}, \"port\": 1}"
    );
    assert_eq!(
        masked("{\"password\":\n  \"s3\",\n \"port\": 1}", Format::Json),
        "{\"password\":\n  ****,\n \"port\": 1}"
    );
    assert_eq!(
        masked("{\"password\": \ns3cr3t\"},\n \"port\": 1}", Format::Json),
        "{\"password\": \n*******},\n \"port\": 1}"
    );
}

#[test]
fn a_url_password_broken_onto_the_next_line_is_masked() {
    // Its `:` mistyped: the user name with it. A user name alone is shown.
    assert_eq!(
        masked("url: postgres://app#s3cr3t@db/app\n", Format::Yaml),
        "url: postgres://**********@db/app\n"
    );
    assert_eq!(
        masked("url: postgres://app@db/app\n", Format::Yaml),
        "url: postgres://app@db/app\n"
    );
    assert_eq!(masked("url: a@b//c\n", Format::Yaml), "url: a@b//c\n");
    // Its scheme and user name lost: all before the `@`.
    assert_eq!(
        masked("url: post!s3cr3t@db/app\n", Format::Yaml),
        "url: ***********@db/app\n"
    );
    assert_eq!(
        masked(
            "{\"url\": \"postgres://app:\ns3cr3t@db/app\"}",
            Format::Json
        ),
        "{\"url\": \"postgres://app:\n******@db/app\"}"
    );
    assert_eq!(
        masked(
            "url: postgres://app:s3cr3t@db/app\nnext: a@b\n",
            Format::Yaml
        ),
        "url: postgres://app:******@db/app\nnext: a@b\n"
    );
}

#[test]
fn a_secret_pasted_over_lines_is_masked_to_the_next_setting() {
    assert_eq!(
        masked(
            "JWT_SECRET=-----BEGIN\nMIIE+ab\nHb6J==\n-----END\nPORT=1\nX\n",
            Format::Env
        ),
        "JWT_SECRET=**********\n*******\n******\n********\nPORT=1\nX\n"
    );
    assert_eq!(
        masked("JWT_SECRET=\nMIIE\n\nX\n", Format::Env),
        "JWT_SECRET=\n****\n\nX\n"
    );
    assert_eq!(
        masked("PUBLIC=-----BEGIN\nMIIE\n", Format::Env),
        "PUBLIC=-----BEGIN\nMIIE\n"
    );
    assert_eq!(
        masked(
            "auth:\n  jwt_secret: -----BEGIN\nMIIE+ab\n    Hb6J==\n-----END\nserver:\n  port: 1\n",
            Format::Yaml
        ),
        "auth:\n  jwt_secret: **********\n*******\n    ******\n********\nserver:\n  port: 1\n"
    );
    assert_eq!(
        masked(
            "auth:\n  jwt_secret: x\n  # MIIE\n  - MIIE\n  name: MIIE\n---\nMIIE\n",
            Format::Yaml
        ),
        "auth:\n  jwt_secret: *\n  # MIIE\n  - MIIE\n  name: MIIE\n---\nMIIE\n"
    );
    assert_eq!(
        masked("auth:\n  jwt_secret: \"x\"\nMIIE\n", Format::Yaml),
        "auth:\n  jwt_secret: ***\nMIIE\n"
    );
}

#[test]
fn yaml_keys_in_block_and_flow_text_are_masked() {
    assert_eq!(
        masked("auth:\n  jwt_secret: \"Zk4p\n  port: 1\n", Format::Yaml),
        "auth:\n  jwt_secret: *****\n*********\n"
    );
    assert_eq!(
        masked(
            "auth: {jwt_secret: AAAA, jwt_secret: BBBB, port: 1}\n",
            Format::Yaml
        ),
        "auth: {jwt_secret: ****, jwt_secret: ****, port: 1}\n"
    );
    assert_eq!(
        masked("\tjwt_secret: Zk4p\n", Format::Yaml),
        "\tjwt_secret: ****\n"
    );
    assert_eq!(
        masked("key: |\n  line1\n  line2\nport: 1\n", Format::Yaml),
        "key: *\n  *****\n  *****\nport: 1\n"
    );
    assert_eq!(
        masked("base: &k Zk4p\njwt_secret: *k\n", Format::Yaml),
        "base: &k ****\njwt_secret: **\n"
    );
    assert_eq!(
        masked("- password: x y\n- name: z\n", Format::Yaml),
        "- password: ***\n- name: z\n"
    );
}

#[test]
fn json_values_end_at_their_quote() {
    assert_eq!(
        masked(
            "{\"auth\":{\"jwt_secret\":\"A,}B\",\"port\":80},\"token\":\"x\"}",
            Format::Json
        ),
        "{\"auth\":{\"jwt_secret\":******,\"port\":80},\"token\":***}"
    );
    assert_eq!(
        masked("{\"jwt_secret\": \"Zk\t4p\",}\n", Format::Json),
        "{\"jwt_secret\": *******,}\n"
    );
}

#[test]
fn passwords_of_credential_urls_are_masked_even_when_the_url_is_broken() {
    assert_eq!(
        masked("url: postgres://app:\tpw@db/app\n", Format::Yaml),
        "url: postgres://app:***@db/app\n"
    );
    assert_eq!(
        masked("url: \"postgres:\"//app:p@w@db\n", Format::Yaml),
        "url: \"postgres:\"//app:***@db\n"
    );
    assert_eq!(
        masked("url=redis://:pw@cache\n", Format::Env),
        "url=redis://:**@cache\n"
    );
    assert_eq!(
        masked("url: https://app.acme.io/x\n", Format::Yaml),
        "url: https://app.acme.io/x\n"
    );
}

#[test]
fn lone_carriage_returns_break_lines() {
    assert_eq!(
        masked("A=1\rJWT_SECRET=Zk4p\rB=2", Format::Env),
        "A=1\rJWT_SECRET=****\rB=2"
    );
}

#[test]
fn the_anchor_behind_a_secret_alias_is_masked() {
    // An alias followed by a comment (its name ends at the blank: the scan once looked for
    // `&db # the database's`), an anchor in a flow list, and an anchor only a non-secret key
    // uses (left as it is).
    let text = "base: &db s3cretvalue\nother: &x plain\nauth:\n  password: *db # the database's\n  list: [&y v1, *x]\n  token: *y\n  name: *x\n";
    assert_eq!(
        masked(text, Format::Yaml),
        "base: &db ***********\nother: &x plain\nauth:\n  password: ********************\n  list: [&y **, *x]\n  token: **\n  name: *x\n"
    );
}
