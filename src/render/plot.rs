//! Charts as SVG (plotters), in the document's language with amounts written as money:
//! price curves (monthly cost against seats, one line per edition and billing cycle, band
//! boundaries dashed, volume cliffs circled) and a quote's invoices (a bar per invoice,
//! coloured by the contract's segment and labelled with its amount as money).

use super::locale::Words;
use super::words::group_digits;
use crate::quote::Quote;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

// What to draw: made by `app::curves` (which prices every point), drawn here.
/// One edition on one billing cycle.
#[derive(Debug, Clone)]
pub struct Curve {
    /// `Professional` or `Professional (billed annually)`, in the chart's language.
    pub label: String,
    /// (seats, monthly recurring) for every seat count the plan sells; a gap where it
    /// refuses the seats (a minimum purchase, a closed last band).
    pub points: Vec<(u64, Option<Decimal>)>,
    /// Seat counts where a band starts (after the first).
    pub bands: Vec<u64>,
    /// Seat counts that cost less in total than one seat fewer (a volume cliff).
    pub cliffs: Vec<u64>,
}

/// The plot's size in pixels.
pub const SIZE: (u32, u32) = (960, 600);

/// The invoice chart's size in pixels.
pub const BARS_SIZE: (u32, u32) = (960, 360);

const COLORS: [RGBColor; 8] = [
    RGBColor(31, 78, 140),
    RGBColor(214, 110, 18),
    RGBColor(44, 140, 70),
    RGBColor(128, 83, 170),
    RGBColor(140, 86, 75),
    RGBColor(200, 80, 150),
    RGBColor(100, 100, 100),
    RGBColor(20, 150, 170),
];

/// The font every label is drawn in: one that carries CJK as well as Latin, so a Chinese
/// chart's labels and figures share a baseline.
const FONT: &str = "Noto Sans CJK SC, Noto Sans, sans-serif";

/// A tick on an axis of money: `80,000`, `1,250.5`; never `80000.0`.
///
/// Ticks are positions on an axis, already floats; they are written as money, never used
/// as one.
pub fn money_tick(v: f64) -> String {
    let text = if (v - v.round()).abs() < 1e-6 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let text = if text == "-0" { "0".to_string() } else { text };
    group_digits(&text)
}

/// The curves as an SVG document; `title` heads it, amounts are in `currency`.
///
/// Amounts become floats here and only here: a plot has pixels, not cents, and every
/// amount plotted was computed exactly by the evaluator first.
pub fn svg(curves: &[Curve], title: &str, currency: &str, w: &Words) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let max_seats = curves
            .iter()
            .flat_map(|c| c.points.last().map(|p| p.0))
            .max()
            .unwrap_or(1);
        let top = curves
            .iter()
            .flat_map(|c| c.points.iter().filter_map(|p| p.1))
            .filter_map(|a| a.to_f64())
            .fold(0.0f64, f64::max)
            .max(1.0)
            * 1.05;
        // Labels and the title come from the plan: shown escaped as on a terminal, so a
        // bidi override (U+202E) cannot make a label read reversed.
        let mut chart = ChartBuilder::on(&root)
            .caption(crate::text::shown(title), (FONT, 22))
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(96)
            .build_cartesian_2d(0u64..max_seats + 1, 0f64..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc(w.get("chart-seats"))
            .y_desc(w.with("chart-per-month", &[("currency", currency.to_string())]))
            .y_label_formatter(&|v| money_tick(*v))
            .x_label_formatter(&|v| group_digits(&v.to_string()))
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 15))
            .light_line_style(RGBColor(235, 238, 243))
            .draw()
            .map_err(|e| e.to_string())?;
        for (i, c) in curves.iter().enumerate() {
            let color = COLORS[i % COLORS.len()];
            // Runs of priced seat counts; a refused count breaks the line.
            let mut runs: Vec<Vec<(u64, f64)>> = vec![Vec::new()];
            for (s, a) in &c.points {
                match a.and_then(|a| a.to_f64()) {
                    Some(y) => runs.last_mut().into_iter().for_each(|r| r.push((*s, y))),
                    None if runs.last().is_some_and(|r| !r.is_empty()) => runs.push(Vec::new()),
                    None => {}
                }
            }
            for (j, run) in runs.into_iter().filter(|r| !r.is_empty()).enumerate() {
                let series = chart
                    .draw_series(LineSeries::new(run, color.stroke_width(2)))
                    .map_err(|e| e.to_string())?;
                if j == 0 {
                    series
                        .label(crate::text::shown(&c.label))
                        .legend(move |(x, y)| {
                            PathElement::new([(x, y), (x + 18, y)], color.stroke_width(2))
                        });
                }
            }
            for b in &c.bands {
                let dashed = DashedLineSeries::new(
                    [(*b, 0.0), (*b, top)],
                    4,
                    4,
                    color.mix(0.5).stroke_width(1),
                );
                chart.draw_series(dashed).map_err(|e| e.to_string())?;
            }
            let cliffs = c.cliffs.iter().filter_map(|s| {
                let y = c.points.iter().find(|p| p.0 == *s)?.1?.to_f64()?;
                Some(Circle::new((*s, y), 6, RED.stroke_width(2)))
            });
            chart.draw_series(cliffs).map_err(|e| e.to_string())?;
        }
        chart
            .configure_series_labels()
            .label_font((FONT, 14))
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(200, 205, 215))
            .position(SeriesLabelPosition::UpperLeft)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// One bar of the invoice chart.
#[derive(Debug, Clone)]
struct Bar {
    /// The invoice's number, or the first and last of a run drawn as one bar.
    label: String,
    /// Its amount with tax, as a position on the axis.
    amount: f64,
    /// Its amount with tax as money, written from the exact amount.
    text: String,
    /// The segment it belongs to.
    segment: usize,
}

/// Past this many invoices, a run of identical invoices is drawn as one bar.
const MAX_BARS: u64 = 60;

/// Past this many bars, only the first bar of each run of identical invoices is labelled
/// with its amount: more labels would overlap.
const MAX_LABELS: usize = 16;

/// The quote's invoices as bars (with tax), coloured by segment and named in the legend by
/// `titles` (one per segment; none for a plain quote), each labelled with its amount as
/// money; `caption` heads the chart when given.
pub fn invoices_svg(
    q: &Quote,
    titles: &[String],
    caption: Option<&str>,
    w: &Words,
) -> Result<String, String> {
    let say = super::words::Say {
        w,
        currency: &q.plan.currency,
        d: q.plan.minor_digits,
    };
    let expand = q.totals.invoices <= MAX_BARS;
    let mut bars = Vec::new();
    // Whether bar i starts a run: with many bars only those carry their amount.
    let mut starts = Vec::new();
    for r in &q.schedule.runs {
        let amount = r.amounts.with_tax.to_f64().unwrap_or(0.0);
        let text = say.amount(r.amounts.with_tax);
        if expand {
            for n in r.first..=r.last() {
                starts.push(n == r.first);
                bars.push(Bar {
                    label: n.to_string(),
                    amount,
                    text: text.clone(),
                    segment: r.segment,
                });
            }
        } else {
            let label = if r.count == 1 {
                r.first.to_string()
            } else {
                format!("{}–{}", r.first, r.last())
            };
            starts.push(true);
            bars.push(Bar {
                label,
                amount,
                text,
                segment: r.segment,
            });
        }
    }
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, BARS_SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        // Headroom above the tallest bar for its amount and the legend's rows, so the
        // legend never covers a bar.
        let rows = titles.iter().filter(|t| !t.is_empty()).count() as f64;
        let top = bars
            .iter()
            .map(|b| b.amount)
            .fold(0.0f64, f64::max)
            .max(1.0)
            * (1.12 + 0.11 * rows);
        let low = bars
            .iter()
            .map(|b| b.amount)
            .fold(0.0f64, f64::min)
            .min(0.0);
        let n = bars.len().max(1);
        let mut builder = ChartBuilder::on(&root);
        if let Some(c) = caption {
            builder.caption(crate::text::shown(c), (FONT, 18));
        }
        let mut chart = builder
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(96)
            .build_cartesian_2d(0f64..n as f64, low..top)
            .map_err(|e| e.to_string())?;
        let label_of = |x: &f64| {
            let i = x.floor();
            // A label at each bar's middle only.
            if (x - i - 0.5).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            bars.get(i as usize)
                .map_or(String::new(), |b| b.label.clone())
        };
        let currency = q.plan.currency.to_string();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n.min(24) * 2 + 1)
            .x_label_formatter(&|x| {
                // Thin the labels of many bars to every few, always the first and the last.
                let i = x.floor() as usize;
                let step = n.div_ceil(24).max(1);
                if i.is_multiple_of(step) || i + 1 == n {
                    label_of(x)
                } else {
                    String::new()
                }
            })
            .x_desc(w.get("invoices"))
            .y_desc(w.with("chart-with-tax", &[("currency", currency)]))
            .y_label_formatter(&|v| money_tick(*v))
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 14))
            .light_line_style(RGBColor(235, 238, 243))
            .draw()
            .map_err(|e| e.to_string())?;
        for (seg, title) in q.schedule.segments.iter().enumerate().map(|(i, _)| {
            let t = titles.get(i).cloned().unwrap_or_default();
            (i, t)
        }) {
            let color = COLORS[seg % COLORS.len()];
            let rects: Vec<Rectangle<(f64, f64)>> = (bars.iter().enumerate())
                .filter(|(_, b)| b.segment == seg)
                .map(|(i, b)| {
                    let x = i as f64;
                    Rectangle::new([(x + 0.15, 0.0), (x + 0.85, b.amount)], color.filled())
                })
                .collect();
            if rects.is_empty() {
                continue;
            }
            let series = chart.draw_series(rects).map_err(|e| e.to_string())?;
            if !title.is_empty() {
                series
                    .label(crate::text::shown(&title))
                    .legend(move |(x, y)| {
                        Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled())
                    });
            }
        }
        let every = bars.len() <= MAX_LABELS;
        let labels = (bars.iter().enumerate())
            .filter(|(i, _)| every || starts.get(*i).copied().unwrap_or(false))
            .map(|(i, b)| {
                let style = TextStyle::from((FONT, 12).into_font())
                    .color(&RGBColor(29, 36, 48))
                    .pos(Pos::new(HPos::Center, VPos::Bottom));
                Text::new(b.text.clone(), (i as f64 + 0.5, b.amount.max(0.0)), style)
            });
        chart.draw_series(labels).map_err(|e| e.to_string())?;
        if titles.iter().any(|t| !t.is_empty()) {
            chart
                .configure_series_labels()
                .label_font((FONT, 13))
                .background_style(WHITE.mix(0.9))
                .border_style(RGBColor(200, 205, 215))
                .position(SeriesLabelPosition::UpperRight)
                .draw()
                .map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_read_as_money() {
        assert_eq!(money_tick(80000.0), "80,000");
        assert_eq!(money_tick(1250.5), "1,250.5");
        assert_eq!(money_tick(0.0), "0");
        assert_eq!(money_tick(-0.0), "0");
        assert_eq!(money_tick(1234567.25), "1,234,567.25");
    }
}
