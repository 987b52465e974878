//! Lower case: [`lower`] is `str::to_lowercase`. ASCII text is lowered in Rust on every target;
//! other text natively by core, and in WebAssembly run by JavaScript by the host's
//! `String.prototype.toLowerCase()`, which applies the same Unicode mapping (final sigma
//! included). Results can differ only for letters one Unicode version has and the other lacks.

/// `text` in lower case, as `str::to_lowercase` writes it.
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    return text.to_lowercase();
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    return crate::host::to_lower_case(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_as_core_lowers() {
        for text in [
            "",
            "CHANGE-ME",
            "Already lower",
            "ÄNDERN-SIE-MICH",
            "ΟΔΥΣΣΕΥΣ",
            "İSTANBUL",
            "ǅ",
            "Ⅻ",
            "ＦＵＬＬ",
            "𐐀",
        ] {
            assert_eq!(lower(text), text.to_lowercase(), "{text}");
        }
        // Final sigma: the last Σ of a word is ς.
        assert_eq!(lower("ΟΔΥΣΣΕΥΣ"), "οδυσσευς");
    }
}
