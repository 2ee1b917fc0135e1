//! A practice list of `n` struggles about the 50 topics of
//! `tests/fixtures/practice-topics/topics.txt` (written apart from the
//! grouping): each item one wording of its topic with zero to two asides
//! from the file's 80, before or after it, deterministic from `seed`.
//! Shared by the grouping's test (tests/report.rs) and its bench.

/// The items, each with the index of its topic, and the topics' wordings.
pub fn generate(n: usize, seed: u64) -> (Vec<(String, usize)>, Vec<Vec<String>>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/practice-topics/topics.txt"
    );
    let text = std::fs::read_to_string(path).expect("the topics file");
    let mut topics: Vec<Vec<String>> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("# ") {
            topics.push(Vec::new());
        } else {
            topics
                .last_mut()
                .expect("a topic heading first")
                .push(line.to_string());
        }
    }
    let filler = topics.pop().expect("the asides come last");
    // SplitMix64: the same list on every platform.
    let mut state = seed;
    let mut next = move |n: usize| {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n as u64) as usize
    };
    let mut items = Vec::with_capacity(n);
    while items.len() < n {
        let t = next(topics.len());
        let mut item = topics[t][next(topics[t].len())].clone();
        for _ in 0..next(3) {
            let aside = &filler[next(filler.len())];
            item = if next(4) == 0 {
                format!("{aside} {item}")
            } else {
                format!("{item}. {aside}")
            };
        }
        items.push((item, t));
    }
    (items, topics)
}
