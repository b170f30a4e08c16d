//! Rate limits kept in the database, so that every server instance counts the same events.

#[cfg(feature = "ssr")]
pub mod server {
    use crate::error::AppError;
    use crate::state::AppState;

    /// A limit: at most `max` events per `window_s` seconds under one key.
    #[derive(Clone, Copy, Debug)]
    pub struct Limit {
        pub max: u64,
        pub window_s: i64,
    }

    /// Sending a sign-in code: once a minute per phone…
    pub const CODE_PER_PHONE_MINUTE: Limit = Limit { max: 1, window_s: 60 };
    /// …five an hour per phone…
    pub const CODE_PER_PHONE_HOUR: Limit = Limit { max: 5, window_s: 3600 };
    /// …and twenty an hour per client address.
    pub const CODE_PER_IP_HOUR: Limit = Limit { max: 20, window_s: 3600 };
    /// Checking codes: thirty tries per ten minutes per client address.
    pub const VERIFY_PER_IP: Limit = Limit { max: 30, window_s: 600 };
    /// Staff password tries per client address, over all accounts.
    pub const STAFF_PER_IP: Limit = Limit { max: 50, window_s: 900 };
    /// Failed staff sign-ins per account *and* address: slows a guesser down without letting
    /// someone elsewhere lock the real person out.
    pub const STAFF_FAILURES_PER_ACCOUNT_AND_IP: Limit = Limit { max: 5, window_s: 900 };

    /// Refuses when the limit is reached; otherwise counts this event. One conditional
    /// statement in the store: parallel requests can never count past `max`.
    pub async fn take(state: &AppState, key: &str, limit: Limit) -> Result<(), AppError> {
        match state.store.take_rate(key, state.clock.now(), limit.max, limit.window_s).await? {
            None => Ok(()),
            Some(wait_s) => Err(AppError::RateLimited { retry_after_s: wait_s.clamp(1, u32::MAX as i64) as u32 }),
        }
    }

    /// Gives back an event counted by `take` (a success that was no failure after all).
    pub async fn refund(state: &AppState, key: &str) -> Result<(), AppError> {
        state.store.refund_rate(key).await?;
        Ok(())
    }
}
