//! Files on the user's disk: reading them with a bound on size, writing private ones (0600)
//! and output that never clobbers by accident, and the drafts kept beside a database.

pub mod authority;
pub mod bounded;
pub mod drafts;
pub mod outfile;
pub mod private;
