//! Checks what a plan says for its documents only: the vendor and its logo (read here, once,
//! like a hook script) and each edition's description.

use super::{text, Analyzer};
use crate::diagnostic::Kind;
use crate::model::{Description, Logo, Vendor};
use crate::span::Spanned;
use crate::syntax::ast::{Name, VendorAst};
use std::path::{Component, Path};

impl Analyzer<'_> {
    /// The vendor, its logo read from the plan's folder; a logo that cannot be used is a
    /// warning, and the documents go without it.
    pub(super) fn vendor(&mut self, v: &VendorAst, base_dir: Option<&Path>) -> Vendor {
        let logo = v
            .logo
            .as_ref()
            .and_then(|path| match read_logo(base_dir, path) {
                Ok(logo) => Some(logo),
                Err(reason) => {
                    let kind = Kind::LogoUnreadable {
                        path: path.value.clone(),
                        reason,
                    };
                    self.error(kind, path.span);
                    None
                }
            });
        Vendor {
            name: text(&v.name.value),
            logo,
        }
    }

    /// An edition's `description` lines: one in the plan's language and one per other
    /// language at most, each language one ratecard writes documents in.
    pub(super) fn description(&mut self, lines: &[(Option<Name>, Spanned<String>)]) -> Description {
        let mut out = Description::default();
        for (lang, words) in lines {
            match lang {
                None if out.own.is_some() => {
                    let what = "the edition's description";
                    self.error(Kind::Repeated { what }, words.span);
                }
                None => out.own = Some(text(&words.value)),
                Some(lang) => {
                    let code = lang.value.split(['-', '_']).next().unwrap_or("");
                    if code != "en" && code != "zh" {
                        let known = vec!["en".to_string(), "zh".to_string()];
                        let (what, name) = ("document language", lang.value.clone());
                        self.error(Kind::Unknown { what, name, known }, lang.span);
                    } else if out.other.iter().any(|(l, _)| &**l == code) {
                        let what = "a description in one language";
                        self.error(Kind::Repeated { what }, words.span);
                    } else {
                        out.other.push((text(code), text(&words.value)));
                    }
                }
            }
        }
        out
    }
}

/// Reads the logo at `written`, relative to `base_dir` and confined to it as a hook script
/// is, capped at [`Logo::MAX_BYTES`], and only when its content is an image.
fn read_logo(base_dir: Option<&Path>, written: &Spanned<String>) -> Result<Logo, String> {
    let Some(base) = base_dir else {
        return Err("this plan has no folder to read a logo from".into());
    };
    let relative = Path::new(&written.value);
    if relative.has_root()
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err("a logo's path must be inside the plan's folder".into());
    }
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let bytes = crate::files::read_confined(
        &base.join(relative),
        base,
        "the plan's folder",
        Logo::MAX_BYTES,
    )
    .map_err(|e| e.to_string())?;
    let mime = Logo::sniff(&bytes).ok_or("it is not a PNG, JPEG, GIF, WebP or SVG image")?;
    Ok(Logo {
        path: text(&written.value),
        mime,
        bytes: bytes.into(),
    })
}
