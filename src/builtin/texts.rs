//! The texts of the built-in schemas and the fragments they share. Nothing here is compiled:
//! the schema layer reads `extends:` bases from here, and [`super`] compiles on request.

/// The built-in schemas: name and YAML text.
#[cfg(feature = "builtin-schemas")]
pub(super) const SCHEMAS: &[(&str, &str)] = &[
    ("synctv", include_str!("synctv.yaml")),
    ("synctv-helm", include_str!("synctv-helm.yaml")),
    ("horizon", include_str!("horizon.yaml")),
    ("synapse", include_str!("synapse.yaml")),
    ("stellar-paystack", include_str!("stellar-paystack.yaml")),
    ("pgstack", include_str!("pgstack.yaml")),
    ("rend-api", include_str!("rend-api.yaml")),
    ("rend-media-worker", include_str!("rend-media-worker.yaml")),
    ("rend-edge", include_str!("rend-edge.yaml")),
    ("demo", include_str!("demo.yaml")),
];

/// Parts that built-in schemas share through `extends`; never listed, not checkable alone.
#[cfg(feature = "builtin-schemas")]
const FRAGMENTS: &[(&str, &str)] = &[("rend-common", include_str!("rend-common.yaml"))];

/// Without the feature `builtin-schemas` there are none (the browsers' wasm module).
#[cfg(not(feature = "builtin-schemas"))]
pub(super) const SCHEMAS: &[(&str, &str)] = &[];
#[cfg(not(feature = "builtin-schemas"))]
const FRAGMENTS: &[(&str, &str)] = &[];

/// The text a schema's `extends: NAME` reads: a built-in schema or a shared fragment.
pub(crate) fn base_source(name: &str) -> Option<&'static str> {
    SCHEMAS
        .iter()
        .chain(FRAGMENTS)
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
}

/// Every built-in schema and fragment: name and text.
#[cfg(all(test, feature = "schema-serde"))]
pub(crate) fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    SCHEMAS.iter().chain(FRAGMENTS).copied()
}

/// The YAML text of a built-in schema, for users who want to copy and extend it.
pub fn source(name: &str) -> Option<&'static str> {
    SCHEMAS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}
