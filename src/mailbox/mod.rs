//! The group's mailbox over IMAP: replies fetched into the inbox (each message once, only new
//! mail read, nothing in the mailbox marked or moved) and the letters foiboard sends filed in
//! the mailbox's Sent folder, so the group's mail client shows them.
//!
//! Every setting comes from the member's own config file (`crate::config`), never the shared
//! database: the address names a server that receives a password, and the password and token
//! commands are programs run on this laptop. The `imap` crate speaks the protocol; the stream
//! under it is rustls 0.23 (the same TLS as the server connection), not OpenSSL.

pub mod connect;
pub mod fetch;
pub mod sent;
pub mod settings;
pub mod utf7;

pub use fetch::{fetch, FetchOptions, FetchReport, FolderReport, Progress};
pub use settings::{Auth, Security, Settings};

/// What went wrong reaching or reading the mailbox, said so the member knows what to do.
#[derive(Debug, thiserror::Error)]
pub enum MailboxError {
    /// The member's settings need changing.
    #[error("{0}")]
    Setup(String),
    /// The server could not be reached, or went away.
    #[error("{0}")]
    Connect(String),
    /// The server refused the sign-in.
    #[error("{0}")]
    SignIn(String),
    /// The server answered something it should not have.
    #[error("{0}")]
    Server(String),
    /// Storing what was fetched failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The member stopped the fetch (Esc, Ctrl-C); what was stored before stays.
    #[error("the fetch was stopped; what it had imported is kept, and the next fetch goes on from there")]
    Stopped,
}

pub type Result<T> = std::result::Result<T, MailboxError>;
