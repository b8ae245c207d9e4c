//! Tables narrowed to a terminal's width without cutting words: each column gets at least
//! its longest word, the widest columns give up space first, and cells are wrapped at
//! spaces. tabled's own wrapping splits a word longer than its column (`recurrin` / `g`)
//! and starts wrapped lines with a space, so it is only the last resort.

use super::wrap::{columns, wrap_line};
use tabled::grid::records::vec_records::{Cell, Text};

/// Narrows `t` to `width` columns when given; a table that fits is left as it is.
pub fn fit_width(t: &mut tabled::Table, width: Option<usize>) {
    let Some(w) = width else {
        return;
    };
    let total = t.total_width();
    if total <= w {
        return;
    }
    let count = t.count_columns();
    // Each column's widest line and longest word.
    let (mut natural, mut least) = (vec![0; count], vec![1; count]);
    for row in t.get_records().iter() {
        for (c, cell) in row.iter().enumerate().take(count) {
            for line in cell.text().lines() {
                natural[c] = natural[c].max(columns(line));
                let word = line.split(' ').map(columns).max().unwrap_or(0);
                least[c] = least[c].max(word);
            }
        }
    }
    let chrome = total.saturating_sub(natural.iter().sum::<usize>());
    let mut widths = natural.clone();
    while chrome + widths.iter().sum::<usize>() > w {
        // The widest column that can still narrow; the leftmost of equals.
        let narrowest_first = (0..count).filter(|&c| widths[c] > least[c]);
        let Some(c) = narrowest_first.max_by_key(|&c| (widths[c], std::cmp::Reverse(c))) else {
            break;
        };
        widths[c] -= 1;
    }
    for row in t.get_records_mut().iter_mut() {
        for (c, cell) in row.iter_mut().enumerate().take(count) {
            if widths[c] < natural[c] {
                let lines: Vec<String> = (cell.text().lines())
                    .flat_map(|l| wrap_line(l, widths[c], ""))
                    .collect();
                *cell = Text::new(lines.join("\n"));
            }
        }
    }
    if t.total_width() > w {
        // Words longer than the room left: cut them rather than break every row.
        t.with(
            tabled::settings::Width::wrap(w)
                .priority(tabled::settings::peaker::PriorityMax::new(true))
                .keep_words(true),
        );
    }
}
