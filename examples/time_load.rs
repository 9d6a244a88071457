fn main() {
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let n = 20;
        for _ in 0..n {
            std::hint::black_box(tact::rules::load_engine(&Default::default()).unwrap());
        }
        println!("{:?}", t.elapsed() / n);
    }
}
