//! The synthetic plan the check and language-server benches measure: one generator, so
//! both measure the same text.

/// A plan of about `lines` lines: many editions with banded seats, modules and discounts.
pub fn synthetic_plan(lines: usize) -> String {
    let mut s =
        String::from("plan \"synthetic\" {\n  version \"1\"\n  currency USD\n  tax 8.25%\n");
    s.push_str(
        "  storage {\n    included 100 GB\n    overage 0.25 per GB in blocks of 5 GB\n  }\n",
    );
    let mut i = 0;
    while s.lines().count() < lines {
        s.push_str(&format!(
            "  module m{i} \"Module {i}\" {{\n    {}.50 per seat\n  }}\n  edition e{i} \"Edition {i}\" {{\n    includes m{i}\n    storage 2 GB per seat\n    seats graduated {{\n      small 1..9 at 20.00\n      medium 10..100 at 18.00\n      large 101.. at 15.00\n    }}\n  }}\n  discount d{i} {{ 5% off recurring when seats >= {} }}\n",
            i % 90 + 1,
            i + 100
        ));
        i += 1;
    }
    s.push_str("}\n");
    s
}
