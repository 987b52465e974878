//! The worked example in docs/schema-language.md is checked here, from the document itself:
//! its schema compiles, and checking its config gives exactly the table of diagnostics.

use preflight::{check, Options, Schema, Source};

fn worked_example() -> (String, String, Vec<(String, usize, usize)>) {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/schema-language.md"
    ))
    .unwrap();
    let section = doc
        .split("## A complete worked example")
        .nth(1)
        .expect("the section exists");
    let blocks: Vec<&str> = section
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let rows = section
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let (place, code) = (cells.get(1)?, cells.get(2)?);
            let (l, c) = place.split_once(':')?;
            let code = code.split('`').nth(1)?;
            Some((code.to_string(), l.parse().ok()?, c.parse().ok()?))
        })
        .collect();
    (blocks[0].to_string(), blocks[1].to_string(), rows)
}

#[test]
fn the_worked_example_reports_what_the_doc_says() {
    let (schema, config, rows) = worked_example();
    assert_eq!(rows.len(), 8, "{rows:?}");
    let schema = Schema::from_yaml(&schema).expect("the documented schema compiles");
    let report = check(&schema, Source::yaml(&config), &Options::production());
    let got: Vec<(String, usize, usize)> = report
        .iter()
        .map(|d| {
            let s = d.span.expect("every row has a place");
            (d.code.to_string(), s.start.line, s.start.column)
        })
        .collect();
    assert_eq!(got, rows);
}
