//! `ratecard batch` and `ratecard gen-book` through the real binary: exact totals, bad rows,
//! empty books, output order across threads, formats and exit codes.

mod common;

use common::Test;

const HEADER: &str =
    "customer,monthly_recurring,one_time,first_invoice_total,term_total_with_tax,annual_recurring,term_total,term_tax,status,message\n";

/// The example book priced by the example plan, every amount checked by hand once.
const BOOK_PRICED: &str = "\
customer,monthly_recurring,one_time,first_invoice_total,term_total_with_tax,annual_recurring,term_total,term_tax,status,message
Lotus Trading Ltd,600.00,0.00,636.00,7632.00,7200.00,7200.00,432.00,ok,
Pine Valley Clinics,11853.42,42000.00,195295.50,195295.50,142241.04,184241.04,11054.46,ok,
Harbor Freight Partners,1000.00,0.00,1060.00,12720.00,12000.00,12000.00,720.00,ok,
Nine Oaks Studio,1080.00,0.00,1144.80,13737.60,12960.00,12960.00,777.60,ok,
Great Wall Logistics,30862.65,5000.00,397872.91,1183018.73,370351.80,1116055.40,66963.33,ok,
Jade Garden Restaurants,360.00,0.00,381.60,2289.60,4320.00,2160.00,129.60,ok,
Summit Realty,,,,,,,,rejected,module `marketing_automation` requires `sales_automation`; add it to the request
Blue Harbor Insurance,30624.00,14400.00,112648.32,794338.56,367488.00,749376.00,44962.56,ok,
Redwood Analytics,3901.50,0.00,49627.08,99254.16,46818.00,93636.00,5618.16,ok,
Golden Gate Dental,240.00,0.00,254.40,3052.80,2880.00,2880.00,172.80,ok,
Pearl River Textiles,15682.50,6000.00,205841.40,205841.40,188190.00,194190.00,11651.40,ok,
Kunlun Energy,91938.72,98000.00,1273340.52,3612261.56,1103264.64,3407793.92,204467.64,ok,
\"Smith, Jones & Partners\",2256.61,0.00,7176.02,28704.08,27079.32,27079.32,1624.76,ok,
Northwind Foods,5525.00,0.00,5856.50,70278.00,66300.00,66300.00,3978.00,ok,
Vandelay Imports,1927.41,125.00,6261.66,24649.14,23128.92,23253.92,1395.22,ok,
Silver Lake Schools,11772.50,9000.00,159286.20,159286.20,141270.00,150270.00,9016.20,ok,
";

#[test]
fn example_book_exact_totals() {
    // Rows 1 and 2 are the worked examples 1 and 3 of the pricing semantics.
    Test::new()
        .args(&["batch", "examples/acme.rate", "examples/book.csv"])
        .run()
        .status(3)
        .stdout(BOOK_PRICED)
        .stderr("ratecard: 16 rows: 15 priced, 1 rejected\n");
}

#[test]
fn jsonl_has_null_amounts_for_a_rejected_row() {
    let out = Test::new()
        .args(&["batch", "examples/acme.rate", "examples/book.csv"])
        .args(&["--format", "jsonl"])
        .run()
        .status(3);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 16);
    assert_eq!(
        lines[0],
        r#"{"customer":"Lotus Trading Ltd","monthly_recurring":"600.00","one_time":"0.00","first_invoice_total":"636.00","term_total_with_tax":"7632.00","annual_recurring":"7200.00","term_total":"7200.00","term_tax":"432.00","status":"ok","message":""}"#
    );
    assert_eq!(
        lines[6],
        r#"{"customer":"Summit Realty","monthly_recurring":null,"one_time":null,"first_invoice_total":null,"term_total_with_tax":null,"annual_recurring":null,"term_total":null,"term_tax":null,"status":"rejected","message":"module `marketing_automation` requires `sales_automation`; add it to the request"}"#
    );
}

#[test]
fn output_file_gets_the_results_and_stdout_stays_empty() {
    // Test::run removes its own directory, so the output goes to one this test keeps.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("priced.csv");
    let out_arg = out.display().to_string();
    Test::new()
        .args(&[
            "batch",
            "examples/acme.rate",
            "examples/book.csv",
            "-o",
            &out_arg,
        ])
        .run()
        .status(3)
        .stdout("");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), BOOK_PRICED);
}

#[test]
fn a_rejected_row_does_not_stop_the_run() {
    let t = Test::new();
    let book = t.file(
        "book.csv",
        "customer,edition,seats,modules\n\
         First Rejected,basic,12,marketing_automation\n\
         Unknown Edition,platinum,3,\n\
         Then Priced,basic,5,\n",
    );
    t.args(&["batch", "examples/acme.rate", book.to_str().unwrap()])
        .run()
        .status(3)
        .stdout(&format!(
            "{HEADER}\
             First Rejected,,,,,,,,rejected,module `marketing_automation` requires `sales_automation`; add it to the request\n\
             Unknown Edition,,,,,,,,rejected,\"unknown edition `platinum`; expected one of: basic, advanced\"\n\
             Then Priced,600.00,0.00,636.00,7632.00,7200.00,7200.00,432.00,ok,\n"
        ))
        .stderr("ratecard: 3 rows: 1 priced, 2 rejected\n");
}

#[test]
fn malformed_lines_are_rejected_rows_with_a_clear_message() {
    Test::new()
        .args(&["batch", "examples/acme.rate", "tests/fixtures/batch/malformed.csv"])
        .run()
        .status(3)
        .stdout(&format!(
            "{HEADER}\
             Good Before,600.00,0.00,636.00,7632.00,7200.00,7200.00,432.00,ok,\n\
             Too Few,,,,,,,,rejected,line 3: the row has 5 fields but the header has 10\n\
             Too Many,,,,,,,,rejected,line 4: the row has 11 fields but the header has 10\n\
             Bad Seats,,,,,,,,rejected,line 5: seats `ten` is not a number\n\
             Bad Storage,,,,,,,,rejected,line 6: storage_gb `12.5.1` is not a number\n\
             Huge Seats,,,,,,,,rejected,line 7: seats `99999999999999999999999999999999` has more digits than ratecard keeps exactly (28 significant digits)\n\
             Huge Storage,,,,,,,,rejected,\"storage_gb 7922816251426433759354395033 is not accepted: it must be at most 1,000,000,000,000 (ratecard's limit, see docs/limits.md)\"\n\
             Bad Service,,,,,,,,rejected,\"line 9: `::` is not a service: write KIND:TARGET:COMPLEXITY (integration:erp:high), KIND:TARGET:COMPLEXITY:QUANTITY (integration:erp:high:10) or KIND:QUANTITY (training:4)\"\n\
             Good After,1000.00,0.00,1060.00,12720.00,12000.00,12000.00,720.00,ok,\n"
        ))
        .stderr("ratecard: 9 rows: 2 priced, 7 rejected\n");
}

#[test]
fn text_that_is_not_utf8_is_a_rejected_row() {
    let t = Test::new();
    let path = t.dir().join("latin1.csv");
    std::fs::write(
        &path,
        b"customer,edition,seats\nOk,basic,1\nBad,basic,\xff\xfe\n".as_slice(),
    )
    .unwrap();
    t.args(&["batch", "examples/acme.rate", path.to_str().unwrap()])
        .run()
        .status(3)
        .stdout(&format!(
            "{HEADER}Ok,120.00,0.00,127.20,1526.40,1440.00,1440.00,86.40,ok,\n\
             Bad,,,,,,,,rejected,line 3: the seats column is not UTF-8 text\n"
        ));
}

#[test]
fn a_header_only_book_prices_nothing() {
    let t = Test::new();
    let book = t.file(
        "empty.csv",
        "customer,edition,seats,modules,storage_gb,backup,support,billing,term_months,services\n",
    );
    t.args(&["batch", "examples/acme.rate", book.to_str().unwrap()])
        .run()
        .status(0)
        .stdout(HEADER)
        .stderr("ratecard: 0 rows: 0 priced, 0 rejected\n");
}

#[test]
fn a_zero_byte_book_prices_nothing() {
    let t = Test::new();
    let book = t.file("zero.csv", "");
    t.args(&["batch", "examples/acme.rate", book.to_str().unwrap()])
        .run()
        .status(0)
        .stdout(HEADER)
        .stderr("ratecard: 0 rows: 0 priced, 0 rejected\n");
    let t = Test::new();
    let book = t.file("zero.csv", "");
    t.args(&["batch", "examples/acme.rate", book.to_str().unwrap()])
        .args(&["--format", "jsonl"])
        .run()
        .status(0)
        .stdout("");
}

#[test]
fn attribute_and_coupon_columns_reach_the_quote() {
    Test::new()
        .args(&["batch", "tests/fixtures/batch/segments.rate"])
        .args(&["tests/fixtures/batch/segments.csv"])
        .run()
        .status(0)
        .stdout(&format!(
            "{HEADER}\
             Helping Hands,15.00,0.00,16.50,198.00,180.00,180.00,18.00,ok,\n\
             Brightside Ltd,25.00,0.00,27.50,330.00,300.00,300.00,30.00,ok,\n\
             Plain Co,30.00,0.00,33.00,396.00,360.00,360.00,36.00,ok,\n"
        ));
}

#[test]
fn an_unusable_header_stops_before_any_row() {
    let t = Test::new();
    let book = t.file(
        "typo.csv",
        "customer,edition,seats,suport\nA,basic,1,basic\n",
    );
    t.args(&["batch", "examples/acme.rate", book.to_str().unwrap()])
        .run()
        .status(4)
        .stdout("");
    let t = Test::new();
    let book = t.file(
        "typo.csv",
        "customer,edition,seats,suport\nA,basic,1,basic\n",
    );
    let out = t
        .args(&["batch", "examples/acme.rate", book.to_str().unwrap()])
        .run();
    assert!(
        out.stderr.ends_with(
            ": the book's header is not usable: unknown column `suport`; expected customer, \
             edition, seats, modules, storage_gb, backup, support, support_units, currency, country, vat_id, billing, term_months, \
             services, coupons, qty.NAME, volume.NAME, seats.NAME or attr.NAME\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_book_is_an_io_error() {
    Test::new()
        .args(&["batch", "examples/acme.rate", "no/such/book.csv"])
        .run()
        .status(4)
        .stderr(
            "ratecard: cannot read book no/such/book.csv: No such file or directory (os error 2)\n",
        );
}

/// Generates a book of `rows` rows with `seed` and returns its text.
fn generated(rows: &str, seed: &str) -> String {
    Test::new()
        .args(&["gen-book", "--rows", rows, "--seed", seed])
        .args(&["--plan", "examples/acme.rate"])
        .run()
        .status(0)
        .stdout
}

#[test]
fn output_order_is_input_order_with_several_threads() {
    // Three chunks and a bit: chunk boundaries and parallel slices both get crossed.
    let t = Test::new();
    let book = t.file("big.csv", &generated("50000", "11"));
    let book = book.to_str().unwrap();
    let priced = |threads: &str| {
        Test::new()
            .env("RAYON_NUM_THREADS", threads)
            .args(&["batch", "examples/acme.rate", book])
            .run()
            .status(0)
            .stdout
    };
    let one = priced("1");
    let four = priced("4");
    assert_eq!(one.lines().count(), 50_001);
    assert!(one == four, "4 threads gave a different output from 1");
    // And the order is the book's: the customer names carry the row number.
    let mut reader = csv::Reader::from_reader(one.as_bytes());
    for (i, row) in reader.records().enumerate() {
        let row = row.unwrap();
        assert!(
            row[0].ends_with(&format!(" {}", i + 1)),
            "row {i}: {}",
            &row[0]
        );
    }
}

#[test]
fn gen_book_is_deterministic_per_seed_and_prices_cleanly() {
    let a = generated("300", "7");
    assert_eq!(a, generated("300", "7"));
    assert_ne!(a, generated("300", "8"));
    assert!(a.starts_with(
        "customer,edition,seats,modules,storage_gb,backup,support,billing,term_months,services\n"
    ));
    assert_eq!(a.lines().count(), 301);
    let t = Test::new();
    let book = t.file("gen.csv", &a);
    t.args(&["batch", "examples/acme.rate", book.to_str().unwrap()])
        .run()
        .status(0)
        .stderr("ratecard: 300 rows: 300 priced, 0 rejected\n");
}

#[test]
fn gen_book_fills_attribute_columns_the_plan_reads() {
    let out = Test::new()
        .args(&["gen-book", "--rows", "50", "--seed", "3"])
        .args(&["--plan", "tests/fixtures/batch/segments.rate"])
        .run()
        .status(0);
    let header = out.stdout.lines().next().unwrap();
    assert!(header.ends_with(",attr.segment"), "{header}");
    assert!(out.stdout.contains(",nonprofit\n"), "{}", out.stdout);
}

#[test]
fn hooks_flag_approval_in_the_message_and_can_reject_a_row() {
    // The same requests as examples/requests/hooks-{approval,oversized,integration-fee}.toml.
    Test::new()
        .args(&["batch", "examples/acme-hooks.rate", "tests/fixtures/batch/hooks.csv"])
        .run()
        .status(3)
        .stdout(&format!(
            "{HEADER}\
             Northbridge University,6259.50,6000.00,85980.84,85980.84,75114.00,81114.00,4866.84,ok,\"approval required: discounts are 33.27% of the list price (40446.00 of 121560.00), above 25%: a sales director must approve (hook rules/discount-approval.rhai)\"\n\
             Globex,,,,,,,,rejected,hook rules/oversized-deal.rhai:8:15 rejected the quote: 1200 seats on the basic edition: deals over 1000 seats need the advanced or enterprise edition\n\
             Harbour Logistics,3780.00,60912.00,68573.52,112648.32,45360.00,106272.00,6376.32,ok,\n"
        ));
}

#[test]
fn a_book_may_name_the_currency_and_the_support_units_of_each_row() {
    let t = Test::new();
    let book = t.file(
        "book.csv",
        "customer,edition,seats,modules,billing,currency\n\
         Acme US,professional,10,canvas,annual,USD\n\
         Acme DE,professional,10,canvas,annual,EUR\n\
         Acme IN,professional,10,canvas,annual,INR\n\
         Acme UK,professional,10,canvas,annual,GBP\n",
    );
    t.args(&["batch", "examples/global.rate", book.to_str().unwrap()])
        .run()
        .status(3)
        .stdout(&format!(
            "{HEADER}\
             Acme US,380.00,0.00,4560.00,4560.00,4560.00,4560.00,0.00,ok,\n\
             Acme DE,370.00,0.00,4440.00,4440.00,4440.00,4440.00,0.00,ok,\n\
             Acme IN,20000.00,0.00,240000.00,240000.00,240000.00,240000.00,0.00,ok,\n\
             Acme UK,,,,,,,,rejected,\"currency GBP is not accepted: this plan prices in USD, EUR, INR\"\n"
        ));
}

/// The example book rewritten as Parquet (every column text), in `t`'s directory.
fn parquet_book(t: &Test, csv_path: &str, name: &str) -> std::path::PathBuf {
    let path = t.dir().join(name);
    let csv = std::fs::File::open(common::root().join(csv_path)).unwrap();
    let out = std::fs::File::create(&path).unwrap();
    ratecard::batch::parquet_io::csv_to_parquet(csv, out).unwrap();
    path
}

#[test]
fn a_parquet_book_prices_exactly_as_its_csv() {
    // CSV -> Parquet -> CSV: the same 16 rows give the same bytes, exact amounts and all.
    let t = Test::new();
    let book = parquet_book(&t, "examples/book.csv", "book.parquet");
    t.args(&["batch", "examples/acme.rate", book.to_str().unwrap()])
        .run()
        .status(3)
        .stdout(BOOK_PRICED)
        .stderr("ratecard: 16 rows: 15 priced, 1 rejected\n");
}

#[test]
fn a_parquet_book_on_standard_input_needs_its_format_named() {
    let t = Test::new();
    let book = parquet_book(&t, "examples/book.csv", "book.parquet");
    let data = std::fs::read(&book).unwrap();
    Test::new()
        .args(&[
            "batch",
            "examples/acme.rate",
            "-",
            "--input-format",
            "parquet",
        ])
        .stdin_bytes(&data)
        .run()
        .status(3)
        .stdout(BOOK_PRICED);
}

/// Every cell of a Parquet result file as the CSV writes it (amounts in their digits, an
/// empty cell for null), row by row.
fn parquet_cells(path: &std::path::Path) -> Vec<Vec<String>> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Decimal128Type;
    use arrow_array::Array;
    use arrow_schema::DataType;
    let file = std::fs::File::open(path).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        for i in 0..batch.num_rows() {
            let row = batch
                .columns()
                .iter()
                .map(|col| match col.data_type() {
                    _ if col.is_null(i) => String::new(),
                    DataType::Decimal128(_, scale) => {
                        let v = col.as_primitive::<Decimal128Type>().value(i);
                        rust_decimal::Decimal::from_i128_with_scale(v, *scale as u32).to_string()
                    }
                    _ => col.as_string::<i32>().value(i).to_string(),
                })
                .collect();
            rows.push(row);
        }
    }
    rows
}

#[test]
fn parquet_results_hold_the_csv_columns_and_exact_amounts() {
    let t = Test::new();
    let out = t.dir().join("priced.parquet");
    Test::new()
        .args(&["batch", "examples/acme.rate", "examples/book.csv"])
        .args(&["-o", out.to_str().unwrap()])
        .run()
        .status(3)
        .stdout("");
    let mut expected = csv::Reader::from_reader(BOOK_PRICED.as_bytes());
    let expected: Vec<Vec<String>> = expected
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let got = parquet_cells(&out);
    assert_eq!(got.len(), 16);
    assert_eq!(got, expected);
    assert_eq!(
        got[1][..4],
        ["Pine Valley Clinics", "11853.42", "42000.00", "195295.50"]
    );
}

#[test]
fn gen_book_writes_parquet_that_prices_as_the_csv_book() {
    let t = Test::new();
    let (csv, pq) = (t.dir().join("g.csv"), t.dir().join("g.parquet"));
    for path in [&csv, &pq] {
        Test::new()
            .args(&["gen-book", "--rows", "3000", "--seed", "5"])
            .args(&["--plan", "examples/zoho.rate", "-o", path.to_str().unwrap()])
            .run()
            .status(0);
    }
    let priced = |book: &std::path::Path| {
        Test::new()
            .args(&["batch", "examples/zoho.rate", book.to_str().unwrap()])
            .run()
            .status(0)
            .stderr("ratecard: 3000 rows: 3000 priced, 0 rejected\n")
            .stdout
    };
    let (a, b) = (priced(&csv), priced(&pq));
    assert_eq!(a.lines().count(), 3001);
    assert!(
        a == b,
        "the Parquet book priced differently from the CSV book"
    );
}

#[test]
fn a_damaged_parquet_book_is_an_error_not_a_crash() {
    let t = Test::new();
    let bad = t.file("bad.parquet", "customer,edition,seats\nA,basic,3\n");
    Test::new()
        .args(&["batch", "examples/acme.rate", bad.to_str().unwrap()])
        .run()
        .status(4)
        .stdout("")
        .stderr(&format!(
            "ratecard: {}: cannot read the book: this is not a readable Parquet file: Parquet error: Invalid Parquet file. Corrupt footer\n",
            bad.display()
        ));
}

#[test]
fn a_floating_point_column_is_refused_by_name() {
    use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray};
    use std::sync::Arc;
    let t = Test::new();
    let path = t.dir().join("floats.parquet");
    let batch = RecordBatch::try_from_iter([
        (
            "customer",
            Arc::new(StringArray::from(vec!["A"])) as ArrayRef,
        ),
        (
            "edition",
            Arc::new(StringArray::from(vec!["basic"])) as ArrayRef,
        ),
        (
            "seats",
            Arc::new(Float64Array::from(vec![12.0])) as ArrayRef,
        ),
    ])
    .unwrap();
    let file = std::fs::File::create(&path).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    Test::new()
        .args(&["batch", "examples/acme.rate", path.to_str().unwrap()])
        .run()
        .status(4)
        .stderr(&format!(
            "ratecard: {}: the book's header is not usable: column `seats` holds floating-point numbers (Float64), which cannot hold amounts and quantities exactly; export it as DECIMAL, an integer or text\n",
            path.display()
        ));
}
