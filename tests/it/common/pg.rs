//! A PostgreSQL server of the test suite's own: `initdb` and `pg_ctl` from the Debian
//! `postgresql` package into a temporary folder, on a free loopback port, with TLS (a
//! certificate authority made here) and SCRAM passwords, run as the `postgres` user when the
//! suite runs as root. One server per test binary, stopped when the binary exits.
//!
//! Without the package the tests that need it are skipped with one line, unless
//! `FOIBOARD_REQUIRE_POSTGRES` is set (CI sets it), when they fail instead.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The password of the roles tests make.
pub const PASSWORD: &str = "correct-horse-battery";

pub struct Server {
    pub port: u16,
    /// The folder holding the server's Unix socket: the superuser connects through it.
    pub socket_dir: PathBuf,
    /// The certificate authority that signed the server's certificate (sslrootcert).
    pub ca: PathBuf,
    /// Everything the server keeps, removed when the test binary exits.
    pub dir: PathBuf,
    bin: PathBuf,
    run_as: Option<String>,
    databases: AtomicUsize,
}

/// The server, started on first use; `None` (said once) when PostgreSQL is not installed.
pub fn server() -> Option<&'static Server> {
    static SERVER: OnceLock<Option<Server>> = OnceLock::new();
    started(&SERVER)
}

/// A second server, for the test that stops and starts its server: every other test shares
/// [`server`], which must never go away under them (all tests run in one process).
pub fn server_to_restart() -> Option<&'static Server> {
    static SERVER: OnceLock<Option<Server>> = OnceLock::new();
    started(&SERVER)
}

fn started(cell: &'static OnceLock<Option<Server>>) -> Option<&'static Server> {
    cell.get_or_init(|| match find_bin() {
            Some(bin) => Some(start(bin)),
            None => {
                assert!(
                    std::env::var_os("FOIBOARD_REQUIRE_POSTGRES").is_none(),
                    "FOIBOARD_REQUIRE_POSTGRES is set but PostgreSQL is not installed (apt-get install postgresql)"
                );
                eprintln!("PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL tests are skipped");
                None
            }
        })
        .as_ref()
}

/// The newest PostgreSQL's programs folder.
fn find_bin() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, b)| b)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl Server {
    fn command(&self, program: &str) -> Command {
        command(&self.bin, self.run_as.as_deref(), program)
    }

    /// The superuser's address of database `db`, through the Unix socket.
    pub fn superuser_url(&self, db: &str) -> String {
        format!(
            "postgres://postgres@localhost/{db}?host={}&port={}",
            self.socket_dir.display(),
            self.port
        )
    }

    /// A member's address over TLS on loopback, the certificate checked.
    pub fn tls_url(&self, user: &str, password: &str, db: &str) -> String {
        format!(
            "postgres://{user}:{password}@127.0.0.1:{}/{db}?sslmode=verify-full&sslrootcert={}",
            self.port,
            self.ca.display()
        )
    }

    /// The superuser's own connection to database `db`, through the socket.
    pub fn client(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(
            &format!(
                "host={} port={} user=postgres dbname={db}",
                self.socket_dir.display(),
                self.port
            ),
            postgres::NoTls,
        )
        .unwrap()
    }

    /// Runs SQL as the superuser in database `db`.
    pub fn sql(&self, db: &str, sql: &str) {
        self.client(db).batch_execute(sql).unwrap();
    }

    /// A new, empty database owned by `owner` (a login role with the password `PASSWORD`,
    /// made on first use); returns its name.
    pub fn fresh_database(&self, owner: &str) -> String {
        let n = self.databases.fetch_add(1, Ordering::SeqCst);
        let name = format!("t{}_{n}", std::process::id());
        self.role(owner);
        self.sql(
            "postgres",
            &format!("CREATE DATABASE {name} OWNER {owner} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"),
        );
        name
    }

    /// A login role, made once (tests of one binary run at once: one makes it, the others
    /// wait and find it).
    pub fn role(&self, name: &str) {
        static MAKING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one_at_a_time = MAKING.lock().unwrap_or_else(|e| e.into_inner());
        self.sql(
            "postgres",
            &format!(
                "DO $$ BEGIN
                   IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN
                     CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}';
                   END IF;
                 END $$"
            ),
        );
    }

    /// `owner`'s address (over TLS, the certificate checked) of a new, empty database.
    pub fn fresh_url(&self, owner: &str) -> String {
        let db = self.fresh_database(owner);
        self.tls_url(owner, PASSWORD, &db)
    }

    /// Stops the server at once (a crash, or the host going away) and starts it again.
    pub fn restart(&self) {
        let data = self.dir.join("data");
        let ok = self
            .command("pg_ctl")
            .args(["-D"])
            .arg(&data)
            .args(["-m", "immediate", "-w", "stop"])
            .output()
            .unwrap();
        assert!(ok.status.success(), "pg_ctl stop: {ok:?}");
        self.start_again();
    }

    fn start_again(&self) {
        let data = self.dir.join("data");
        let ok = self
            .command("pg_ctl")
            .args(["-D"])
            .arg(&data)
            .args(["-w", "-l"])
            .arg(self.dir.join("server.log"))
            .arg("start")
            .status()
            .unwrap();
        assert!(
            ok.success(),
            "pg_ctl start: see {}",
            self.dir.join("server.log").display()
        );
    }
}

fn command(bin: &Path, run_as: Option<&str>, program: &str) -> Command {
    match run_as {
        Some(user) => {
            let mut c = Command::new("runuser");
            c.args(["-u", user, "--"]).arg(bin.join(program));
            c
        }
        None => Command::new(bin.join(program)),
    }
}

fn start(bin: PathBuf) -> Server {
    let dir = tempfile::Builder::new()
        .prefix("foiboard-pg-")
        .tempdir()
        .unwrap()
        .keep();
    let run_as = is_root().then(|| "postgres".to_string());
    let data = dir.join("data");
    let socket_dir = dir.join("socket");
    std::fs::create_dir_all(&socket_dir).unwrap();
    let ca = super::certs::make(&dir);
    let pwfile = dir.join("pw");
    std::fs::write(&pwfile, "superuser-secret\n").unwrap();
    if run_as.is_some() {
        let status = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&dir)
            .status()
            .unwrap();
        assert!(status.success(), "chown to postgres");
    }
    let out = command(&bin, run_as.as_deref(), "initdb")
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--lc-collate=C",
        ])
        .arg(format!("--pwfile={}", pwfile.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "initdb: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let port = free_port();
    let conf = format!(
        "\nport = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{}'\n\
         ssl = on\nssl_cert_file = '{}'\nssl_key_file = '{}'\nfsync = off\n\
         max_connections = 200\npassword_encryption = 'scram-sha-256'\n",
        socket_dir.display(),
        dir.join("server.crt").display(),
        dir.join("server.key").display()
    );
    // fsync is off for speed: a test stops the server process, never the machine, and the
    // operating system keeps what was written. A commit is still a commit when it returns
    // (synchronous_commit stays on): a test that crashes the server must find its data.
    let mut config = std::fs::read_to_string(data.join("postgresql.conf")).unwrap();
    config.push_str(&conf);
    std::fs::write(data.join("postgresql.conf"), config).unwrap();
    // Members reach the server over TLS only; the superuser through the socket.
    std::fs::write(
        data.join("pg_hba.conf"),
        "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n",
    )
    .unwrap();
    let server = Server {
        port,
        socket_dir,
        ca,
        dir: dir.clone(),
        bin,
        run_as,
        databases: AtomicUsize::new(0),
    };
    server.start_again();
    // Stopped and removed when this test binary exits, however it exits.
    let stop = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {runas}{bin}/pg_ctl -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        runas = if server.run_as.is_some() { "runuser -u postgres -- " } else { "" },
        bin = server.bin.display(),
        data = data.display(),
        dir = dir.display(),
    );
    // In a subshell left running in the background: the shell started here returns at once.
    let status = Command::new("sh")
        .args(["-c", &format!("( {stop} ) </dev/null >/dev/null 2>&1 &")])
        .status()
        .unwrap();
    assert!(status.success(), "the server's watchdog");
    server
}
