//! What a connection to the group's server costs in round trips: a member across the
//! internet pays the link's latency for each, on every command. Watched through a relay on
//! loopback that passes the bytes on and keeps what the server sent.

use crate::common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use assert_cmd::Command;
use common::{pg, Db};

/// The random a TLS 1.3 server puts in a ServerHello that is really a HelloRetryRequest
/// (RFC 8446, 4.1.3): "send your ClientHello again, with a key share I accept".
const RETRY_RANDOM: [u8; 32] = [
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
];

/// Relays one connection from a port of its own to `to`; returns the port and what the
/// server sent, filled in as it arrives.
fn relay(to: u16) -> (u16, Arc<Mutex<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = seen.clone();
    std::thread::spawn(move || {
        let (mut client, _) = listener.accept().unwrap();
        let mut server = TcpStream::connect(("127.0.0.1", to)).unwrap();
        let (mut client_in, mut server_out) =
            (client.try_clone().unwrap(), server.try_clone().unwrap());
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut client_in, &mut server_out);
            let _ = server_out.shutdown(std::net::Shutdown::Write);
        });
        let mut buf = [0u8; 16 * 1024];
        while let Ok(n) = server.read(&mut buf) {
            if n == 0 || client.write_all(&buf[..n]).is_err() {
                break;
            }
            kept.lock().unwrap().extend_from_slice(&buf[..n]);
        }
        let _ = client.shutdown(std::net::Shutdown::Write);
    });
    (port, seen)
}

#[test]
fn the_server_takes_the_first_tls_hello_without_asking_again() {
    let Some(db) = Db::postgres() else { return };
    db.ok(&["tags"]);
    let url = db.url.clone().unwrap();
    let port: u16 = url
        .split("@127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("the test server's port");
    let (relayed, seen) = relay(port);
    let through = url.replacen(&format!(":{port}/"), &format!(":{relayed}/"), 1);
    let out = Command::cargo_bin("foiboard")
        .unwrap()
        .env("FOIBOARD_DB", &through)
        .env("PGPASSWORD", pg::PASSWORD)
        .env("XDG_DATA_HOME", db.dir.path())
        .env("FOIBOARD_CONFIG", db.dir.path().join("config.toml"))
        .args(["tags"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen = seen.lock().unwrap().clone();
    // The server's "S" (it will speak TLS), then its first TLS record: a handshake record
    // (22) holding a ServerHello (2), whose random follows the version.
    assert_eq!(seen.first(), Some(&b'S'), "the server agreed to TLS");
    let record = &seen[1..];
    assert!(record.len() > 43, "a ServerHello arrived: {record:?}");
    assert_eq!((record[0], record[5]), (22, 2), "a ServerHello comes first");
    let random = &record[11..43];
    assert_ne!(
        random, RETRY_RANDOM,
        "the server had to ask for the key exchange again: a round trip of every connection spent"
    );
}
