//! A certificate authority read from a PEM file a member names (the group's server's
//! `sslrootcert`, a group mail server's `imap-ca-file`): every certificate in it, or one
//! sentence saying what is wrong with the file.

use std::path::Path;

/// The certificates in the PEM file at `path`; `setting` names where the member gave it, for
/// the message.
pub fn read(path: &Path, setting: &str) -> Result<rustls::RootCertStore, String> {
    let shown = crate::text::line(&path.display().to_string());
    let pem = std::fs::read(path)
        .map_err(|e| format!("cannot read the certificate authority {shown} ({setting}): {e}"))?;
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_pemfile::certs(&mut pem.as_slice()) {
        let cert =
            cert.map_err(|e| format!("{shown} is not a PEM certificate file ({setting}): {e}"))?;
        roots
            .add(cert)
            .map_err(|e| format!("{shown} holds an unusable certificate ({setting}): {e}"))?;
    }
    if roots.is_empty() {
        return Err(format!(
            "{shown} holds no certificate ({setting}): give the server's certificate authority in PEM"
        ));
    }
    Ok(roots)
}
