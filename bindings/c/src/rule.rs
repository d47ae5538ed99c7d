//! `wz_explain`: the catalogue entry of a rule ID.

use std::ffi::c_char;

use wanzheng::{InputError, InputReason};

use crate::boundary::{self, FfiError, Out, arg_str};
use crate::status::wz_status;

/// Explains a rule ID (`"INV-48.3"`, `"DIG-14.4"`): writes a JSON object with `rule_id`,
/// `regulation`, `title`, `article` (`第四十八条`), `article_number`, `kind`, `phrase`, `summary`,
/// `citation_zh`, `citation_en` and `article_text` (the whole article in the regulation's own
/// words) into `*out_json` (free it with `wz_string_free`).
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, or `WZ_MALFORMED_INPUT` (reason `unknown_value`) for an ID
/// RULES.md does not have.
#[unsafe(no_mangle)]
pub extern "C" fn wz_explain(rule_id: *const c_char, out_json: *mut *mut c_char) -> wz_status {
    boundary::guard("wz_explain", || {
        let id = arg_str(rule_id, "rule_id")?;
        let out = Out::new(out_json, "out_json")?;
        let e = wanzheng::explain(id)
            .map_err(|e| FfiError::from(InputError::new("rule_id", InputReason::UnknownValue, e.to_string())))?;
        let json = serde_json::to_string(&e).map_err(|e| FfiError::Internal { message: e.to_string() })?;
        out.write_string(json)
    })
}
