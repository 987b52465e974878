//! Text conversions that every JavaScript host has built in, for preflight's core: float
//! literals and doubles ([`float`]), and lower case ([`case`]).
//!
//! Natively each is core's own code. In WebAssembly run by JavaScript (`wasm32-unknown-unknown`:
//! browsers, workers, Node) the host does the part that needs large tables or algorithms
//! (`Number`, `toExponential`, `toLowerCase`), so the modules carry neither core's float parser
//! and printer nor its case tables (README.md). What stays in Rust (the layout of a number's
//! digits, ASCII text) is the same code on every target.

pub mod case;
pub mod float;

/// What the JavaScript host converts.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod host {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    #[wasm_bindgen]
    extern "C" {
        /// The global `Number`: a decimal literal to the nearest double.
        #[wasm_bindgen(js_name = Number)]
        pub fn number(text: &str) -> f64;

        /// A double as JavaScript holds it.
        type Double;

        /// `Number.prototype.toExponential()`: the shortest digits that read back to the
        /// same double, as `d.ddde±N`.
        #[wasm_bindgen(method, js_name = toExponential)]
        fn to_exponential_of(this: &Double) -> String;

        /// A JavaScript string.
        type Text;

        /// `String.prototype.toLowerCase()`: Unicode's default full lower-case mapping.
        #[wasm_bindgen(method, js_name = toLowerCase)]
        fn to_lower_case_of(this: &Text) -> String;
    }

    pub fn to_exponential(x: f64) -> String {
        JsValue::from_f64(x)
            .unchecked_into::<Double>()
            .to_exponential_of()
    }

    pub fn to_lower_case(text: &str) -> String {
        JsValue::from_str(text)
            .unchecked_into::<Text>()
            .to_lower_case_of()
    }
}
