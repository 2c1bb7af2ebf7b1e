//! The `foiboard` binary: parse the command line, run, and turn errors into one clear sentence
//! and an exit code (2 for a user's mistake, 1 for a failure).

use clap::Parser;
use foiboard::cli::{self, Cli};

fn main() {
    // foiboard reading one attachment for itself, in a child process with limits of its own
    // (see `import::attachment`): not a command for people, so not in the help.
    let mut argv = std::env::args();
    if argv.nth(1).as_deref() == Some(foiboard::import::attachment::CHILD_ARG) {
        // A parser's panic ends the child with its exit code; its message is not the note.
        std::panic::set_hook(Box::new(|_| {}));
        let kind = argv.next().unwrap_or_default();
        std::process::exit(foiboard::import::attachment::child_main(&kind));
    }
    restore_sigpipe();
    quiet_on_full_output();
    let args = Cli::parse();
    if let Err(e) = cli::run(args) {
        let msg = e
            .chain()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(": ");
        eprintln!("foiboard: {}", foiboard::text::line(&msg));
        std::process::exit(if cli::is_user_error(&e) { 2 } else { 1 });
    }
}

/// Lets `foiboard list | head` end quietly when the reader closes the pipe, as other command
/// line tools do, instead of failing on the next write.
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: resetting a signal to its default disposition at start-up, before any thread.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}

/// A full disk or a broken standard output makes `println!` panic: end with one sentence and
/// exit code 1 instead of a panic message and a backtrace. Every other panic goes on to the
/// default hook.
fn quiet_on_full_output() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if let Some(why) = msg.strip_prefix("failed printing to stdout") {
            eprintln!(
                "foiboard: cannot write the output{}",
                foiboard::text::line(why)
            );
            std::process::exit(1);
        }
        default(info);
    }));
}
