//! Writes the synthetic proposal to a file, to look at the layout: `cargo run -p avain-documents --example
//! sample_pdf -- OUT.pdf [CHARTS] [LINES]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = args.get(1).map(String::as_str).unwrap_or("sample.pdf");
    let charts = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(2);
    let lines = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(30);
    let start = std::time::Instant::now();
    let (pdf, pages) = avain_documents::proposal_pdf(&avain_documents::sample::document(charts, lines), None)
        .unwrap_or_else(|e| panic!("{e}"));
    println!("{pages} pages in {:?}", start.elapsed());
    std::fs::write(out, pdf).expect("write the PDF");
}
