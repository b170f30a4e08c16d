-- Parenting lessons (家长课堂): what each family read to the end and answered. The lessons
-- themselves are files (content/lessons) carried by the server. A lesson is learned when both
-- moments are set (app::domain::lesson::reach::learned_at); the reach figure counts families
-- with 3 learned in the last 12 months. Times are Unix seconds UTC.

CREATE TABLE lesson_progress (
    account_id   BIGINT NOT NULL REFERENCES accounts (id),
    lesson_id    TEXT   NOT NULL,
    -- The child the parent read for, when one was chosen.
    child_id     BIGINT REFERENCES children (id) ON DELETE SET NULL,
    -- First time read to the end.
    read_at      BIGINT,
    -- Latest time the check was answered, with how many answers were right.
    answered_at  BIGINT,
    correct      BIGINT CHECK (correct >= 0),
    questions    BIGINT CHECK (questions > 0 AND correct <= questions),
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, lesson_id),
    CHECK ((answered_at IS NULL) = (correct IS NULL) AND (correct IS NULL) = (questions IS NULL))
);

-- Reminders sent before a child's health check (app::domain::guidance::schedule): one per child
-- and check, claimed here so several servers never send it twice.
CREATE TABLE check_reminders (
    child_id  BIGINT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    check_id  TEXT   NOT NULL,
    sent_at   BIGINT NOT NULL,
    PRIMARY KEY (child_id, check_id)
);
