//! What a plan says about who sells and to whom, for documents only: the vendor's name and
//! logo (`vendor "..." logo "file"`) and who an edition is for (`description "..."`).
//! Nothing here changes a price.

use super::Text;
use std::sync::Arc;

/// `vendor "Yunke Technology" logo "yunke.svg"`, checked: the logo already read.
#[derive(Debug, Clone)]
pub struct Vendor {
    /// Who sells, as written.
    pub name: Text,
    /// The logo image, when the plan names one that could be read.
    pub logo: Option<Logo>,
}

/// An image read from the plan's folder at check time, so that every document shows the
/// same logo and no front end reads a file while rendering.
#[derive(Debug, Clone)]
pub struct Logo {
    /// The path as written in the plan.
    pub path: Text,
    /// `image/png`, `image/jpeg`, `image/gif`, `image/webp` or `image/svg+xml`, by the
    /// file's content.
    pub mime: &'static str,
    /// The file's bytes.
    pub bytes: Arc<[u8]>,
}

impl Logo {
    /// The largest logo a plan may name: a logo, not a photograph.
    pub const MAX_BYTES: u64 = 512 * 1024;

    /// The image type of `bytes` by its first bytes, or `None` when it is not an image a
    /// browser shows in an `<img>`.
    pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some("image/png");
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some("image/jpeg");
        }
        if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            return Some("image/gif");
        }
        if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            return Some("image/webp");
        }
        // SVG is text: an XML declaration, comments or whitespace may come before `<svg`.
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
        if head.contains("<svg") {
            return Some("image/svg+xml");
        }
        None
    }
}

/// Who an item is for, in the plan's own language and in others (`description en "..."`).
#[derive(Debug, Clone, Default)]
pub struct Description {
    /// `description "..."`: in the plan's language.
    pub own: Option<Text>,
    /// `description en "..."`: (language, text).
    pub other: Vec<(Text, Text)>,
}

impl Description {
    /// The description in `lang` (`en`, `zh`): that language's own, else the plan's.
    pub fn in_lang(&self, lang: &str) -> Option<&Text> {
        self.other
            .iter()
            .find(|(l, _)| &**l == lang)
            .map(|(_, t)| t)
            .or(self.own.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_is_known_by_its_content_not_its_name() {
        assert_eq!(Logo::sniff(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(Logo::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(Logo::sniff(b"GIF89a...."), Some("image/gif"));
        assert_eq!(Logo::sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        let svg =
            b"<?xml version=\"1.0\"?>\n<!-- logo -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(Logo::sniff(svg), Some("image/svg+xml"));
        assert_eq!(Logo::sniff(b"plan \"x\" {}"), None);
        assert_eq!(Logo::sniff(b""), None);
    }

    #[test]
    fn a_description_falls_back_to_the_plans_own() {
        let d = Description {
            own: Some(Text::from("面向成长型团队")),
            other: vec![(Text::from("en"), Text::from("For growing teams"))],
        };
        assert_eq!(d.in_lang("en").map(|t| &**t), Some("For growing teams"));
        assert_eq!(d.in_lang("zh").map(|t| &**t), Some("面向成长型团队"));
        assert!(Description::default().in_lang("en").is_none());
    }
}
