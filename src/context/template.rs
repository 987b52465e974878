//! Unrendered templates (`${VAR}`, `{{ .Values.x }}`): a value that still holds one was never
//! expanded by the deploy step, so no kind can judge it.

/// The first `${…}` or `{{…}}` in a text.
pub(crate) fn find_template(text: &str) -> Option<&str> {
    // Every value of every field comes here; most hold no brace at all.
    if !text.as_bytes().contains(&b'{') {
        return None;
    }
    for (open, close) in [("${", "}"), ("{{", "}}")] {
        if let Some(start) = text.find(open) {
            if let Some(len) = text[start + open.len()..].find(close) {
                let end = start + open.len() + len + close.len();
                return text.get(start..end);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_templates() {
        assert_eq!(find_template("${PUBLIC_URL}/api"), Some("${PUBLIC_URL}"));
        assert_eq!(
            find_template("x {{ .Values.a }} y"),
            Some("{{ .Values.a }}")
        );
        assert_eq!(find_template("$ not {a} a template"), None);
        assert_eq!(find_template("${unclosed"), None);
    }
}
