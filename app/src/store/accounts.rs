//! Accounts, sign-in codes, pending staff logins, recovery codes, sessions and rate-limit events.

use super::db::Tx;
use super::{Store, StoreError};
use crate::args;
use crate::domain::account::roles::{Department, Role, Viewer};
use crate::domain::account::phone::mask_phone;
use crate::domain::calendar::Timestamp;

/// A session's idle timer is refreshed at most this often: its idle timeout is then exact to
/// within a minute.
pub const SESSION_TOUCH_SECONDS: i64 = 60;

/// An account as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub kind: String,
    pub phone: Option<String>,
    pub username: Option<String>,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
    pub totp_last_step: i64,
    pub facility_id: Option<i64>,
    pub department: Option<String>,
    pub display_name: String,
    pub is_demo: bool,
    pub created_at: i64,
    pub deleted_at: Option<i64>,
}

const ACCOUNT_COLUMNS: &str = "id, kind, phone, username, password_hash, totp_secret, totp_last_step, facility_id, department, \
     display_name, is_demo, created_at, deleted_at";

impl AccountRow {
    pub fn role(&self) -> Result<Role, StoreError> {
        match (self.kind.as_str(), self.facility_id, self.department.as_deref()) {
            ("parent", _, _) => Ok(Role::Parent),
            ("operator", Some(facility_id), _) => Ok(Role::Operator { facility_id }),
            ("supervisor", _, Some(code)) => Department::from_code(code)
                .map(|department| Role::Supervisor { department })
                .ok_or_else(|| StoreError::Corrupt(format!("unknown department {code:?}"))),
            ("admin", _, _) => Ok(Role::Admin),
            ("applicant", _, _) => Ok(Role::Applicant),
            (kind, _, _) => Err(StoreError::Corrupt(format!("account {} of kind {kind:?} is incomplete", self.id))),
        }
    }

    pub fn viewer(&self) -> Result<Viewer, StoreError> {
        let role = self.role()?;
        let display_name = match (&self.phone, role) {
            (Some(phone), Role::Parent) => mask_phone(phone),
            _ => self.display_name.clone(),
        };
        Ok(Viewer { account_id: self.id, role, display_name })
    }
}

/// A new staff account.
#[derive(Clone, Debug)]
pub struct NewStaff {
    pub role: Role,
    pub username: String,
    pub password_hash: String,
    pub display_name: String,
    pub totp_secret: Option<String>,
    pub is_demo: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LoginCodeRow {
    pub id: i64,
    pub code_hash: String,
    pub attempts: i64,
}

/// Counts one event under key $1 at $2 unless $4 are already counted in the window ($3
/// seconds) its first event opened. One conditional upsert: atomic on both databases however
/// many requests race (PostgreSQL evaluates the WHERE on the row it locked).
const TAKE_RATE_SQL: &str = "INSERT INTO rate_limits (key, window_start, events) VALUES ($1, $2, 1) \
     ON CONFLICT (key) DO UPDATE SET \
       events = CASE WHEN rate_limits.window_start + $3 <= $2 THEN 1 ELSE rate_limits.events + 1 END, \
       window_start = CASE WHEN rate_limits.window_start + $3 <= $2 THEN $2 ELSE rate_limits.window_start END \
     WHERE rate_limits.window_start + $3 <= $2 OR rate_limits.events < $4";

/// Counts one event under `key` in the caller's transaction unless `max` are already counted
/// in its window (as `Store::take_rate` does, for limits checked inside a write). Returns whether it counted.
pub(crate) async fn take_rate_in(tx: &mut Tx, key: &str, now: Timestamp, max: i64, window_s: i64) -> Result<bool, StoreError> {
    let counted = tx.execute("count rate event", TAKE_RATE_SQL, args![key, now.0, window_s, max]).await?;
    Ok(counted == 1)
}

impl Store {
    pub async fn account(&self, id: i64) -> Result<Option<AccountRow>, StoreError> {
        self.db()
            .fetch_optional("read account", &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1 AND deleted_at IS NULL"), args![id])
            .await
    }

    pub async fn staff_by_username(&self, username: &str) -> Result<Option<AccountRow>, StoreError> {
        self.db()
            .fetch_optional(
                "find staff account",
                &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE username = $1 AND kind <> 'parent' AND deleted_at IS NULL"),
                args![username],
            )
            .await
    }

    /// The parent account of a phone number, created on first sign-in.
    pub async fn parent_for_phone(&self, phone: &str, now: Timestamp) -> Result<AccountRow, StoreError> {
        self.db()
            .execute(
                "create parent account",
                "INSERT INTO accounts (kind, phone, display_name, created_at) VALUES ('parent', $1, '', $2) ON CONFLICT (phone) DO NOTHING",
                args![phone, now.0],
            )
            .await?;
        self.db()
            .fetch_one(
                "read parent account",
                &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE phone = $1 AND deleted_at IS NULL"),
                args![phone],
            )
            .await
    }

    /// Creates a staff account; `None` when the username is taken.
    pub async fn create_staff(&self, staff: &NewStaff, now: Timestamp) -> Result<Option<i64>, StoreError> {
        let (facility_id, department) = match staff.role {
            Role::Operator { facility_id } => (Some(facility_id), None),
            Role::Supervisor { department } => (None, Some(department.code().to_string())),
            Role::Admin | Role::Parent | Role::Applicant => (None, None),
        };
        let row: Option<super::db::IdRow> = self
            .db()
            .fetch_optional(
                "create staff account",
                "INSERT INTO accounts (kind, username, password_hash, totp_secret, facility_id, department, display_name, is_demo, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username) DO NOTHING RETURNING id",
                args![
                    staff.role.kind_code(),
                    &staff.username,
                    &staff.password_hash,
                    staff.totp_secret.clone(),
                    facility_id,
                    department,
                    &staff.display_name,
                    staff.is_demo,
                    now.0
                ],
            )
            .await?;
        Ok(row.map(|r| r.id))
    }

    pub async fn staff_accounts(&self) -> Result<Vec<AccountRow>, StoreError> {
        self.db()
            .fetch_all(
                "list staff accounts",
                &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE kind <> 'parent' AND deleted_at IS NULL ORDER BY id"),
                vec![],
            )
            .await
    }

    /// Demo facilities and demo accounts in the database: (facilities, accounts).
    pub async fn count_demo_records(&self) -> Result<(u64, u64), StoreError> {
        #[derive(sqlx::FromRow)]
        struct Counts {
            facilities: i64,
            accounts: i64,
        }
        let counts: Counts = self
            .db()
            .fetch_one(
                "count demo records",
                "SELECT (SELECT COUNT(*) FROM facilities WHERE is_demo) AS facilities, (SELECT COUNT(*) FROM accounts WHERE is_demo) AS accounts",
                vec![],
            )
            .await?;
        Ok((counts.facilities as u64, counts.accounts as u64))
    }

    pub async fn set_totp_secret(&self, account_id: i64, secret: &str) -> Result<(), StoreError> {
        self.db()
            .execute("enrol second factor", "UPDATE accounts SET totp_secret = $1, totp_last_step = 0 WHERE id = $2", args![secret, account_id])
            .await?;
        Ok(())
    }

    /// Records the step of a used TOTP code; false when that step (or a later one) was used
    /// already, so the same code cannot sign in twice, even on two servers at once.
    pub async fn use_totp_step(&self, account_id: i64, step: i64) -> Result<bool, StoreError> {
        let changed = self
            .db()
            .execute(
                "use second-factor step",
                "UPDATE accounts SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $3",
                args![step, account_id, step],
            )
            .await?;
        Ok(changed == 1)
    }

    pub async fn replace_recovery_codes(&self, account_id: i64, hashes: &[String]) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        tx.execute("drop old recovery codes", "DELETE FROM recovery_codes WHERE account_id = $1", args![account_id]).await?;
        for hash in hashes {
            tx.execute("store recovery code", "INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)", args![account_id, hash])
                .await?;
        }
        tx.commit().await
    }

    /// Spends a recovery code; false when it does not exist or was used.
    pub async fn use_recovery_code(&self, account_id: i64, hash: &str, now: Timestamp) -> Result<bool, StoreError> {
        let changed = self
            .db()
            .execute(
                "use recovery code",
                "UPDATE recovery_codes SET used_at = $1 WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL",
                args![now.0, account_id, hash],
            )
            .await?;
        Ok(changed == 1)
    }

    // ---- sign-in codes ------------------------------------------------------------------

    /// Stores a new code for a phone; earlier open codes of that phone stop working.
    pub async fn store_login_code(&self, phone: &str, code_hash: &str, now: Timestamp, expires_at: Timestamp) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        tx.execute("retire older codes", "UPDATE login_codes SET used_at = $1 WHERE phone = $2 AND used_at IS NULL", args![now.0, phone])
            .await?;
        tx.execute(
            "store sign-in code",
            "INSERT INTO login_codes (phone, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            args![phone, code_hash, now.0, expires_at.0],
        )
        .await?;
        tx.commit().await
    }

    /// The phone's current code, if one is unused and unexpired.
    /// Claims one try of the newest open code of `phone`: counts it and returns the code,
    /// or `None` when there is no open code or its tries are used up. The try is counted before
    /// the code is compared, in one conditional statement, so parallel guesses can never get
    /// more than `max_attempts` comparisons. The last try spends the code unless it is right
    /// (then `spend_login_code` spends it).
    pub async fn claim_code_attempt(&self, phone: &str, now: Timestamp, max_attempts: i64) -> Result<Option<LoginCodeRow>, StoreError> {
        self.db()
            .fetch_optional(
                "claim a sign-in code try",
                "UPDATE login_codes SET attempts = attempts + 1 \
                 WHERE id = (SELECT id FROM login_codes WHERE phone = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY id DESC LIMIT 1) \
                   AND used_at IS NULL AND attempts < $3 \
                 RETURNING id, code_hash, attempts",
                args![phone, now.0, max_attempts],
            )
            .await
    }

    /// After a wrong try: a code whose tries are used up is spent.
    pub async fn close_exhausted_code(&self, id: i64, now: Timestamp, max_attempts: i64) -> Result<(), StoreError> {
        self.db()
            .execute(
                "spend exhausted code",
                "UPDATE login_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND attempts >= $3",
                args![now.0, id, max_attempts],
            )
            .await?;
        Ok(())
    }

    /// Spends a code; false when another request spent it first.
    pub async fn spend_login_code(&self, id: i64, now: Timestamp) -> Result<bool, StoreError> {
        let changed =
            self.db().execute("spend sign-in code", "UPDATE login_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL", args![now.0, id]).await?;
        Ok(changed == 1)
    }

    // ---- pending staff logins -----------------------------------------------------------

    pub async fn create_pending_login(&self, token_hash: &str, account_id: i64, now: Timestamp, expires_at: Timestamp) -> Result<(), StoreError> {
        self.db()
            .execute(
                "start staff sign-in",
                "INSERT INTO pending_logins (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                args![token_hash, account_id, now.0, expires_at.0],
            )
            .await?;
        Ok(())
    }

    /// The account waiting for its second factor, counting this try; `None` when expired,
    /// unknown or out of tries (five).
    pub async fn take_pending_login_try(&self, token_hash: &str, now: Timestamp) -> Result<Option<i64>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Pending {
            account_id: i64,
        }
        let changed = self
            .db()
            .execute(
                "count second-factor try",
                "UPDATE pending_logins SET attempts = attempts + 1 WHERE token_hash = $1 AND expires_at > $2 AND attempts < 5",
                args![token_hash, now.0],
            )
            .await?;
        if changed == 0 {
            return Ok(None);
        }
        let row: Option<Pending> =
            self.db().fetch_optional("read pending sign-in", "SELECT account_id FROM pending_logins WHERE token_hash = $1", args![token_hash]).await?;
        Ok(row.map(|r| r.account_id))
    }

    pub async fn finish_pending_login(&self, token_hash: &str) -> Result<(), StoreError> {
        self.db().execute("finish staff sign-in", "DELETE FROM pending_logins WHERE token_hash = $1", args![token_hash]).await?;
        Ok(())
    }

    // ---- sessions -----------------------------------------------------------------------

    pub async fn create_session(&self, token_hash: &str, account_id: i64, now: Timestamp, idle: i64, absolute: i64) -> Result<(), StoreError> {
        self.db()
            .execute(
                "create session",
                "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, idle_timeout, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                args![token_hash, account_id, now.0, now.0, idle, now.0 + absolute],
            )
            .await?;
        Ok(())
    }

    /// The account of a live session; expired sessions are removed. The idle timer is
    /// refreshed at most once a minute ([`SESSION_TOUCH_SECONDS`]): a page view is a read, not
    /// a synchronous write on every request (on SQLite, a disk sync each).
    pub async fn session_account(&self, token_hash: &str, now: Timestamp) -> Result<Option<AccountRow>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Live {
            last_seen_at: i64,
            idle_timeout: i64,
            expires_at: i64,
            #[sqlx(flatten)]
            account: AccountRow,
        }
        let live: Option<Live> = self
            .db()
            .fetch_optional(
                "read session account",
                &format!(
                    "SELECT s.last_seen_at, s.idle_timeout, s.expires_at, {} FROM sessions s JOIN accounts a ON a.id = s.account_id \
                     WHERE s.token_hash = $1 AND a.deleted_at IS NULL",
                    ACCOUNT_COLUMNS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ")
                ),
                args![token_hash],
            )
            .await?;
        let Some(live) = live else { return Ok(None) };
        if live.expires_at <= now.0 || live.last_seen_at + live.idle_timeout <= now.0 {
            self.db().execute("drop expired session", "DELETE FROM sessions WHERE token_hash = $1", args![token_hash]).await?;
            return Ok(None);
        }
        if now.0 - live.last_seen_at >= SESSION_TOUCH_SECONDS {
            self.db()
                .execute(
                    "refresh session",
                    "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $3",
                    args![now.0, token_hash, now.0],
                )
                .await?;
        }
        Ok(Some(live.account))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.db().execute("end session", "DELETE FROM sessions WHERE token_hash = $1", args![token_hash]).await?;
        Ok(())
    }

    // ---- rate limits --------------------------------------------------------------------

    /// Events under `key` since `since`.
    /// Counts one event under `key` if fewer than `max` were counted in the window that the
    /// key's first event opened; a window `window_s` long after that start, a new one opens.
    /// One conditional upsert: atomic on both databases however many requests race (PostgreSQL
    /// evaluates the WHERE on the row it locked). Returns the seconds until the window ends
    /// when the limit is reached, `None` when the event was counted.
    pub async fn take_rate(&self, key: &str, now: Timestamp, max: u64, window_s: i64) -> Result<Option<i64>, StoreError> {
        let counted = self.db().execute("count rate event", TAKE_RATE_SQL, args![key, now.0, window_s, max as i64]).await?;
        if counted == 1 {
            return Ok(None);
        }
        #[derive(sqlx::FromRow)]
        struct Window {
            window_start: i64,
        }
        let window: Option<Window> =
            self.db().fetch_optional("read rate window", "SELECT window_start FROM rate_limits WHERE key = $1", args![key]).await?;
        Ok(Some(window.map(|w| (w.window_start + window_s - now.0).max(1)).unwrap_or(window_s)))
    }

    /// Gives back one counted event (a staff sign-in that succeeded was no failure).
    pub async fn refund_rate(&self, key: &str) -> Result<(), StoreError> {
        self.db().execute("refund rate event", "UPDATE rate_limits SET events = events - 1 WHERE key = $1 AND events > 0", args![key]).await?;
        Ok(())
    }

    /// Removes limits whose window ended more than a day ago (longer than any window).
    pub async fn prune_events(&self, now: Timestamp) -> Result<(), StoreError> {
        self.db().execute("prune rate limits", "DELETE FROM rate_limits WHERE window_start < $1", args![now.0 - 2 * 86_400]).await?;
        Ok(())
    }

    // ---- development inbox --------------------------------------------------------------

    pub async fn dev_inbox_add(&self, phone: &str, message: &str, now: Timestamp) -> Result<(), StoreError> {
        self.db()
            .execute("write development inbox", "INSERT INTO dev_inbox (phone, message, created_at) VALUES ($1, $2, $3)", args![phone, message, now.0])
            .await?;
        Ok(())
    }

    /// The newest message to a phone in the development inbox.
    pub async fn dev_inbox_latest(&self, phone: &str) -> Result<Option<String>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Message {
            message: String,
        }
        let row: Option<Message> = self
            .db()
            .fetch_optional("read development inbox", "SELECT message FROM dev_inbox WHERE phone = $1 ORDER BY id DESC LIMIT 1", args![phone])
            .await?;
        Ok(row.map(|m| m.message))
    }
}
