//! The documents' stylesheet, shared by proposals and price pages.

/// The documents' stylesheet: screen and A4 print.
///
/// One font for Latin digits and CJK text in a Chinese document (Noto Sans CJK carries
/// both), so every cell of a row shares one baseline; figures are tabular so columns of
/// amounts line up; Chinese labels break only between words a reader would break.
pub(crate) const STYLE: &str = "body { font-family: 'Noto Sans', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', sans-serif; color: #1d2430; margin: 2rem auto; max-width: 52rem; line-height: 1.45; font-variant-numeric: tabular-nums lining-nums; }
:lang(zh) body, body:lang(zh) { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; line-break: strict; }
:lang(zh) th, :lang(zh) td, :lang(zh) h1, :lang(zh) h2, :lang(zh) dt { word-break: keep-all; overflow-wrap: anywhere; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; letter-spacing: .02em; } h2 { font-size: 1.05rem; margin: 1.6rem 0 .4rem; }
header.doc { display: flex; justify-content: space-between; align-items: flex-start; gap: 2rem; border-bottom: 3px solid #1f4e8c; padding-bottom: 1rem; }
.brand .logo { max-height: 3.2rem; max-width: 14rem; display: block; margin-bottom: .4rem; }
.brand .vendor { font-size: 1.15rem; font-weight: 700; margin: 0; } .brand .plan { color: #4a5570; margin: .15rem 0 0; }
.title { text-align: right; } .title dl { grid-template-columns: max-content max-content; justify-content: end; }
.parties { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; break-inside: avoid; }
.parties h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: #4a5570; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dt { color: #4a5570; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
table.lines { table-layout: fixed; }
col.c-item { width: 38%; } col.c-qty { width: 8%; } col.c-unit { width: 24%; } col.c-period { width: 12%; } col.c-amount { width: 18%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #dfe4ec; vertical-align: baseline; }
thead th { font-size: .85em; color: #33405a; border-bottom: 2px solid #b9c2d3; }
.num { text-align: right; white-space: nowrap; }
td.unit { white-space: normal; }
.totals tbody th { font-weight: normal; text-align: left; } .totals tr.grand th, .totals tr.grand td { font-weight: 700; border-top: 2px solid #1d2430; }
.totals tr.words th { font-weight: 700; } .totals tr.words td { text-align: right; font-weight: 700; letter-spacing: .05em; white-space: nowrap; } .totals tr.words th, .totals tr.words td { border-top: 0; padding-top: 0; }
.how { color: #5b6478; font-size: .82em; }
.desc { color: #4a5570; font-size: .85em; }
.period, .each, .nw { white-space: nowrap; }
.views { margin-top: 1rem; }
.segment { margin-top: 1.4rem; break-after: avoid; page-break-after: avoid; }
thead { display: table-header-group; } tr { break-inside: avoid; page-break-inside: avoid; }
tbody.tail, .sums, table.schedule, table.totals, .parties, .terms { break-inside: avoid; page-break-inside: avoid; }
tbody.tail { break-after: avoid; page-break-after: avoid; } .sums { break-before: avoid; page-break-before: avoid; }
.internal { border: 1px dashed #b36b00; padding: .5rem 1rem; margin-top: 2rem; }
.chart svg { width: 100%; height: auto; } figure.chart { margin: .5rem 0; } figcaption { color: #4a5570; font-size: .85em; }
@page { size: A4; margin: 16mm 16mm 18mm; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; } a { color: inherit; } .internal { break-before: auto; } }
";
