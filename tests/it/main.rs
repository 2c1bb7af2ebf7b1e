//! The integration tests, as one test program: each file a module, so a clean build links
//! the program once for all of them rather than once per file. Shared helpers live in
//! `common/` (a PostgreSQL server, an SMTP server, a terminal) and `board_common/` (a board
//! on a test backend).

mod board_common;
mod common;

mod attachments;
mod cli_bad_input;
mod cli_campaign;
mod cli_deadline;
mod cli_export;
mod cli_law;
mod cli_mail;
mod cli_report;
mod cli_search;
mod cli_sheet;
mod cli_sheet_real;
mod cli_wdtk;
mod cli_wdtk_real;
mod concurrency;
mod crash;
mod dead_terminal;
mod due;
mod e2e_pty;
mod hostile_input;
mod huge_input;
mod imap_fetch;
mod imap_letters;
mod law_after;
mod law_properties;
mod law_rules;
mod layers;
mod letter_texts;
mod letters;
mod mail_nhs;
mod postgres_cli;
mod postgres_group;
mod postgres_handshake;
mod postgres_live;
mod privacy;
mod query_plans;
mod report_screenshot;
mod schema;
mod schema_backends;
mod suggest;
mod synthetic;
mod terminal_restore;
mod trust;
mod tui_answers;
mod tui_board;
mod tui_clocks;
mod tui_commands;
mod tui_inbox;
mod tui_letters;
mod tui_mailbox;
mod tui_rooms;
mod tui_stats;
mod undo_dependents;
