#[test]
#[ignore]
fn scratch() {
    let layout = locdoc::oracle::Layout::sample(std::path::Path::new("../shared/corpus/sample"));
    for (loc, r) in locdoc::oracle::check(&layout) {
        println!(
            "{loc}: target {}/{} source {}/{} model_t {}/{} model_s {}/{}",
            r.target.exact,
            r.target.compared,
            r.source.exact,
            r.source.compared,
            r.model_target.exact,
            r.model_target.compared,
            r.model_source.exact,
            r.model_source.compared
        );
        for m in r.target.mismatches.iter().chain(&r.source.mismatches) {
            println!(
                "  {:?} {}\n    {}",
                m.cause,
                m.path,
                m.detail
                    .replace('\n', "\n    ")
                    .chars()
                    .take(600)
                    .collect::<String>()
            );
        }
    }
}
