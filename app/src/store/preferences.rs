//! A person's display choice (standard or 长辈版), kept with the account.

use super::{Store, StoreError};
use crate::args;
use crate::domain::display::DisplayMode;

#[derive(sqlx::FromRow)]
struct ModeRow {
    display_mode: Option<String>,
}

impl Store {
    /// The display mode the account last chose, if it ever chose one.
    pub async fn display_mode_of(&self, account_id: i64) -> Result<Option<DisplayMode>, StoreError> {
        let row: Option<ModeRow> = self
            .db()
            .fetch_optional("read display mode", "SELECT display_mode FROM accounts WHERE id = $1 AND deleted_at IS NULL", args![account_id])
            .await?;
        Ok(row.and_then(|r| r.display_mode).and_then(|code| DisplayMode::from_code(&code)))
    }

    /// Keeps `mode` with the account (setting a value: applying it twice changes nothing).
    /// Returns whether the account exists.
    pub async fn save_display_mode(&self, account_id: i64, mode: DisplayMode) -> Result<bool, StoreError> {
        let changed = self
            .db()
            .execute(
                "save display mode",
                "UPDATE accounts SET display_mode = $1 WHERE id = $2 AND deleted_at IS NULL",
                args![mode.code(), account_id],
            )
            .await?;
        Ok(changed == 1)
    }
}
