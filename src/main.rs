//! The `kam` binary: hands the arguments to the library and exits with its code.

fn main() {
    std::process::exit(kam::run(std::env::args_os()));
}

// Parsing thousands of files on every core allocates many small strings; the system allocator's
// locking made `kam check` a third slower than with mimalloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
