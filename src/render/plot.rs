//! `ratecard plot`: price curves (monthly cost against seats, one line per edition and
//! billing cycle) as SVG, with band boundaries dashed and volume cliffs circled.

use plotters::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

// What to draw: made by `app::curves` (which prices every point), drawn here.
/// One edition on one billing cycle.
#[derive(Debug, Clone)]
pub struct Curve {
    /// `Professional` or `Professional (billed annually)`.
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

const COLORS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(23, 190, 207),
];

/// The curves as an SVG document; `title` heads it, amounts are in `currency`.
///
/// Amounts become floats here and only here: a plot has pixels, not cents, and every
/// amount plotted was computed exactly by the evaluator first.
pub fn svg(curves: &[Curve], title: &str, currency: &str) -> Result<String, String> {
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
            .caption(crate::text::shown(title), ("sans-serif", 22))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(80)
            .build_cartesian_2d(0u64..max_seats + 1, 0f64..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc("seats")
            .y_desc(format!("{currency} per month"))
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
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(200, 205, 215))
            .position(SeriesLabelPosition::UpperLeft)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}
