//! A Dovecot IMAP server of a test's own (Debian's `dovecot-imapd`): its configuration, users,
//! Maildir and TLS certificate (signed by an authority made here) in a temporary folder, on
//! free loopback ports, in the foreground in a process group of its own so a test can stop it
//! dead and start it again on the same mail. When the suite runs as root, mail is kept as the
//! `dovecot` user (Dovecot refuses to keep it as root); otherwise every process of the server
//! runs as the user running the tests.
//!
//! Without the package the tests that need it are skipped with one line, unless
//! `FOIBOARD_REQUIRE_IMAP` is set (CI sets it), when they fail instead.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// Every user's password (the XOAUTH2 tests' token is the password too: Dovecot checks an
/// OAuth token against the password database when no token service is configured).
pub const PASSWORD: &str = "mailbox-horse-staple";

const DOVECOT: &str = "/usr/sbin/dovecot";

pub struct Dovecot {
    pub dir: tempfile::TempDir,
    /// Plain IMAP with STARTTLS offered (imap://, imap+plain://).
    pub port: u16,
    /// IMAP over TLS (imaps://).
    pub tls_port: u16,
    /// The certificate authority that signed the server's certificate (imap-ca-file).
    pub ca: PathBuf,
    child: Option<Child>,
}

/// Whether Dovecot is here; said once when it is not (and fatal when CI asks for it).
pub fn available() -> bool {
    static SAID: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SAID.get_or_init(|| {
        let here = Path::new(DOVECOT).exists();
        if !here {
            assert!(
                std::env::var_os("FOIBOARD_REQUIRE_IMAP").is_none(),
                "FOIBOARD_REQUIRE_IMAP is set but Dovecot is not installed (apt-get install dovecot-imapd)"
            );
            eprintln!("Dovecot is not installed (apt-get install dovecot-imapd): the IMAP tests are skipped");
        }
        here
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The uid and gid mail is kept as.
fn mail_owner() -> (u32, u32) {
    // SAFETY: getuid/getgid have no preconditions.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    if uid != 0 {
        return (uid, gid);
    }
    let id = |flag: &str| -> u32 {
        let out = Command::new("id").args([flag, "dovecot"]).output().unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    (id("-u"), id("-g"))
}

impl Dovecot {
    /// A new server with the users `ann` and `bob`; `None` when Dovecot is not installed.
    pub fn start() -> Option<Dovecot> {
        if !available() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let ca = super::certs::make(root);
        std::fs::write(
            root.join("passwd"),
            format!("ann:{{PLAIN}}{PASSWORD}::::::\nbob:{{PLAIN}}{PASSWORD}::::::\n"),
        )
        .unwrap();
        let mail = root.join("mail");
        std::fs::create_dir_all(&mail).unwrap();
        let (uid, gid) = mail_owner();
        std::os::unix::fs::chown(&mail, Some(uid), Some(gid)).unwrap();
        for d in ["run", "state"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        // Not as root, Dovecot runs every process as the user running the tests.
        // SAFETY: getuid has no preconditions.
        let own_users = if unsafe { libc::getuid() } == 0 {
            String::new()
        } else {
            let id = |flag: &str| {
                let out = Command::new("id").arg(flag).output().unwrap();
                String::from_utf8(out.stdout).unwrap().trim().to_string()
            };
            let (user, group) = (id("-un"), id("-gn"));
            format!(
                "default_login_user = {user}\ndefault_internal_user = {user}\ndefault_internal_group = {group}\n"
            )
        };
        let (port, tls_port) = (free_port(), free_port());
        let r = root.display();
        let name = root.file_name().unwrap().to_string_lossy().to_string();
        std::fs::write(
            root.join("dovecot.conf"),
            format!(
                "base_dir = {r}/run
state_dir = {r}/state
log_path = {r}/log
instance_name = foiboard-{name}
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{r}/server.crt
ssl_key = <{r}/server.key
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
first_valid_uid = 1
{own_users}mail_location = maildir:{r}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {r}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={r}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
"
            ),
        )
        .unwrap();
        let mut d = Dovecot {
            dir,
            port,
            tls_port,
            ca,
            child: None,
        };
        d.run();
        Some(d)
    }

    fn conf(&self) -> PathBuf {
        self.dir.path().join("dovecot.conf")
    }

    /// Starts the server (again) on the same configuration and mail, and waits for it.
    pub fn run(&mut self) {
        use std::os::unix::process::CommandExt;
        let child = Command::new(DOVECOT)
            .args(["-F", "-c"])
            .arg(self.conf())
            .process_group(0)
            .spawn()
            .unwrap();
        self.child = Some(child);
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.tls_port)).is_err()
            || TcpStream::connect(("127.0.0.1", self.port)).is_err()
        {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "Dovecot did not start: {}",
                std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Signals every process of the server (the master and each connection's).
    pub fn signal(&self, sig: i32) {
        if let Some(c) = &self.child {
            // SAFETY: kill with a negative pid signals the process group the server leads.
            unsafe { libc::kill(-(c.id() as i32), sig) };
        }
    }

    /// Stops the server dead, as a crash or a pulled cable would: connections drop mid-reply.
    pub fn kill(&mut self) {
        self.signal(libc::SIGKILL);
        if let Some(mut c) = self.child.take() {
            let _ = c.wait();
        }
        // Its pid file and sockets stay; the next start replaces them.
        let _ = std::fs::remove_file(self.dir.path().join("run/master.pid"));
    }

    /// A session as `user`, over plain IMAP on loopback: how the tests put mail in place and
    /// look at what foiboard left.
    pub fn session(&self, user: &str) -> imap::Session<TcpStream> {
        let tcp = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut client = imap::Client::new(tcp);
        client.read_greeting().unwrap();
        client.login(user, PASSWORD).map_err(|(e, _)| e).unwrap()
    }

    /// Puts `raw` in `folder` of `user`'s mailbox, unread, as a delivery would.
    pub fn deliver(&self, user: &str, folder: &str, raw: &[u8]) {
        let mut s = self.session(user);
        // The crate writes APPEND's mailbox between quotes as given.
        let quoted = folder.replace('\\', "\\\\").replace('"', "\\\"");
        s.append(&quoted, raw).finish().unwrap();
        let _ = s.logout();
    }

    /// Makes a folder.
    pub fn create(&self, user: &str, folder: &str) {
        let mut s = self.session(user);
        s.create(folder).unwrap();
        let _ = s.logout();
    }

    /// Gives the folder a new UIDVALIDITY, as a server restored from backup or migrated does.
    pub fn renumber(&self, user: &str, folder: &str, validity: u32) {
        let out = Command::new("doveadm")
            .arg("-c")
            .arg(self.conf())
            .args([
                "mailbox",
                "update",
                "--uid-validity",
                &validity.to_string(),
                "-u",
                user,
                folder,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "doveadm: {out:?}");
    }

    /// The `imap` setting for `user`: `plain` (this machine), `starttls` or `tls`.
    pub fn url(&self, user: &str, how: &str) -> String {
        match how {
            "plain" => format!("imap+plain://{user}@127.0.0.1:{}", self.port),
            "starttls" => format!("imap://{user}@localhost:{}", self.port),
            _ => format!("imaps://{user}@localhost:{}", self.tls_port),
        }
    }

    /// What the server logged, for a failing test's message.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.kill();
    }
}
