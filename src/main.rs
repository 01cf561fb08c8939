//! The `locdoc` command line: a thin layer over the library.

mod cli;

/// Model building allocates many small strings on every thread; mimalloc's
/// thread-local heaps make that markedly cheaper than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
