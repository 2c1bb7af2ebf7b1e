//! What a connection to the group's server costs in round trips: a member across the
//! internet pays the link's latency for each, on every command. Watched through a relay on
//! loopback that passes the bytes on, keeps what the server sent and counts the turns.

use crate::common;

use common::relay::Relay;
use common::Db;

/// The random a TLS 1.3 server puts in a ServerHello that is really a HelloRetryRequest
/// (RFC 8446, 4.1.3): "send your ClientHello again, with a key share I accept".
const RETRY_RANDOM: [u8; 32] = [
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
];

#[test]
fn a_command_spends_no_round_trip_the_protocol_does_not_need() {
    let Some(mut db) = Db::postgres() else { return };
    db.ok(&["tags"]);
    let (relay, through) = Relay::in_front_of(db.url.as_deref().unwrap());
    db.url = Some(through);
    db.ok(&["tags"]);
    // Connecting: TLS asked for, the TLS hello, the start-up with the client's finish, the
    // two SCRAM steps; opening: the schema's presence and version; `tags`: its two statements.
    assert!(
        relay.round_trips() <= 9,
        "{} round trips for a command of two statements",
        relay.round_trips()
    );
    // A campaign's list: the campaign, then its requests with their events, answers and
    // chases, the questions it asks and the holidays with the group's convention, sent
    // together; after connecting and opening (7).
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RTK"]);
    let before = relay.round_trips();
    db.ok(&["list", "palantir-fdp"]);
    let list = relay.round_trips() - before;
    assert!(list <= 9, "{list} round trips for a campaign's list");
    // Its spreadsheet: the list's reads with the cells' (the codebook's names, the answers,
    // their findings and tags) in the same round trip, the answers counted from the cells.
    let before = relay.round_trips();
    db.ok(&["export", "palantir-fdp", "--format", "csv"]);
    let csv = relay.round_trips() - before;
    assert!(
        csv <= list,
        "{csv} round trips for a campaign's CSV export, {list} for its list"
    );
    // Its report: the same reading with the findings whole, then the group's headlines,
    // the codebook and the holidays' sources.
    let before = relay.round_trips();
    db.ok(&["report", "palantir-fdp"]);
    let report = relay.round_trips() - before;
    assert!(
        report <= list + 3,
        "{report} round trips for a campaign's report"
    );
    // The daily reminder: the requests that can still be due, then their summaries' reads
    // (their ids sent as a list) and how many questions their campaigns ask.
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-11-02"]);
    let before = relay.round_trips();
    db.ok(&["due"]);
    let due = relay.round_trips() - before;
    assert!(due <= 10, "{due} round trips for `due`");
    let seen = relay.server_sent();
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

#[test]
fn the_board_opens_on_a_server_in_as_few_round_trips_as_it_reads() {
    let Some(db) = Db::postgres() else { return };
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RTK"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    let (relay, through) = Relay::in_front_of(db.url.as_deref().unwrap());
    let (store, _) = foiboard::store::Store::connect(&through).unwrap();
    let app = foiboard::tui::app::App::new(store, crate::board_common::today()).unwrap();
    assert_eq!(app.sh.rows.len(), 2, "the campaign with requests is shown");
    drop(app);
    // Connecting and opening (7), the campaigns with the newest of them (1), listening for
    // colleagues' changes before the first read (1), and the campaign's requests with their
    // events, answers, findings and chases, the questions it asks and the holidays with the
    // group's convention, sent together (1).
    assert!(
        relay.round_trips() <= 10,
        "{} round trips to open the board",
        relay.round_trips()
    );
}
