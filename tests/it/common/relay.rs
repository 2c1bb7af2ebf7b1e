//! A relay on loopback in front of a server: passes every byte on (after a delay, to stand
//! for a link across the internet), keeps what the server sent and counts the round trips,
//! the times the client waited for the server. A member across the internet pays the link's
//! latency once for each.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Tally {
    seen: Mutex<Vec<u8>>,
    trips: AtomicUsize,
    accepted: AtomicUsize,
    finished: AtomicUsize,
}

pub struct Relay {
    /// The port to dial instead of the server's.
    pub port: u16,
    tally: Arc<Tally>,
}

impl Relay {
    /// A relay to `127.0.0.1:to`, serving connections one after another.
    pub fn to(to: u16) -> Relay {
        Relay::across(to, Duration::ZERO)
    }

    /// As [`Relay::to`], each byte held for `one_way` in each direction: a server across a
    /// link whose round trip is twice that.
    pub fn across(to: u16, one_way: Duration) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let tally = Arc::new(Tally::default());
        let counted = tally.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                counted.accepted.fetch_add(1, Ordering::SeqCst);
                if let Ok(server) = TcpStream::connect(("127.0.0.1", to)) {
                    pass(client, server, &counted, one_way);
                }
                counted.finished.fetch_add(1, Ordering::SeqCst);
            }
        });
        Relay { port, tally }
    }

    /// A relay in front of the server a test address names (on 127.0.0.1), and the
    /// address that reaches the server through it.
    pub fn in_front_of(url: &str) -> (Relay, String) {
        Relay::in_front_of_across(url, Duration::ZERO)
    }

    /// As [`Relay::in_front_of`], across a link of `one_way` each way.
    pub fn in_front_of_across(url: &str, one_way: Duration) -> (Relay, String) {
        let port: u16 = url
            .split("@127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .expect("a server on 127.0.0.1 with its port");
        let relay = Relay::across(port, one_way);
        let through = url.replacen(&format!(":{port}/"), &format!(":{}/", relay.port), 1);
        (relay, through)
    }

    /// Everything the server sent so far.
    pub fn server_sent(&self) -> Vec<u8> {
        self.settle();
        self.tally.seen.lock().unwrap().clone()
    }

    /// Round trips of the connections so far, once each has closed.
    pub fn round_trips(&self) -> usize {
        self.settle();
        self.tally.trips.load(Ordering::SeqCst)
    }

    /// Waits (a few seconds at most) for the connections accepted so far to end: a
    /// command's process has exited before the relay has read its last bytes.
    fn settle(&self) {
        let until = Instant::now() + Duration::from_secs(5);
        while self.tally.finished.load(Ordering::SeqCst)
            < self.tally.accepted.load(Ordering::SeqCst)
            && Instant::now() < until
        {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// Who sent a run of bytes with nothing from the other side between, and how many.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Client,
    Server,
}

/// A TLS 1.3 record holding one alert and nothing else, as `close_notify` is: the goodbye.
const ALERT_RECORD: usize = 5 + 2 + 1 + 16;

/// The runs of bytes of one connection, in the order they came, each side's merged.
type Flights = Mutex<Vec<(Side, usize)>>;

fn note(flights: &Flights, side: Side, n: usize) {
    let mut f = flights.lock().unwrap();
    match f.last_mut() {
        Some((last, bytes)) if *last == side => *bytes += n,
        _ => f.push((side, n)),
    }
}

/// Relays one connection until both sides have closed, each byte held for `delay` on the
/// way, then counts its round trips: each answer of the server to something the client
/// sent. The server's goodbye answers the client's and nobody waits for it; it can even
/// arrive between the client's last two writes, so it is known by its size rather than by
/// where it falls.
fn pass(client: TcpStream, server: TcpStream, tally: &Arc<Tally>, delay: Duration) {
    // As both ends do: a small message goes when written, not when the last is acknowledged.
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let flights = Arc::new(Flights::default());
    let up = {
        let (from, to) = (client.try_clone().unwrap(), server.try_clone().unwrap());
        let flights = flights.clone();
        std::thread::spawn(move || carry(from, to, Side::Client, delay, &flights, None))
    };
    carry(server, client, Side::Server, delay, &flights, Some(tally));
    let _ = up.join();
    let answers = flights
        .lock()
        .unwrap()
        .windows(2)
        .filter(|w| w[0].0 == Side::Client && w[1].0 == Side::Server && w[1].1 != ALERT_RECORD)
        .count();
    tally.trips.fetch_add(answers, Ordering::SeqCst);
}

/// Carries what `side` sends from `from` to `to` until it closes, noting each run of bytes
/// as it arrives (before it goes on, so an answer cannot be seen first) and keeping what the
/// server sends in `kept`. With a delay, a second thread writes each run when it is due.
fn carry(
    mut from: TcpStream,
    mut to: TcpStream,
    side: Side,
    delay: Duration,
    flights: &Flights,
    kept: Option<&Arc<Tally>>,
) {
    let (send, due) = std::sync::mpsc::channel::<(Instant, Vec<u8>)>();
    let writer = std::thread::spawn(move || {
        for (at, bytes) in due {
            std::thread::sleep(at.saturating_duration_since(Instant::now()));
            if to.write_all(&bytes).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Write);
    });
    let mut buf = [0u8; 16 * 1024];
    while let Ok(n) = from.read(&mut buf) {
        if n == 0 {
            break;
        }
        note(flights, side, n);
        if let Some(tally) = kept {
            tally.seen.lock().unwrap().extend_from_slice(&buf[..n]);
        }
        if send
            .send((Instant::now() + delay, buf[..n].to_vec()))
            .is_err()
        {
            break;
        }
    }
    drop(send);
    let _ = writer.join();
}
