-- The operator console's sessions (docs/console.md): in the database so they survive a restart and work on every
-- instance. Only a SHA-256 hash of the session id is stored; the id itself exists only in the browser's cookie.
CREATE TABLE console_session (
    id_hash      VARCHAR(64)  NOT NULL PRIMARY KEY,  -- hex SHA-256 of the session id
    username     VARCHAR(128) NOT NULL,
    created_at   BIGINT       NOT NULL,
    last_seen_at BIGINT       NOT NULL               -- idle timeout: console.session-idle-minutes after this
);
CREATE INDEX console_session_seen ON console_session (last_seen_at);

-- Failed admin logins (console form and HTTP Basic on /admin) per client address, shared by all instances: after
-- admin.login-failures-before-delay failures, tries from the address are refused until wait_until.
CREATE TABLE admin_login_failure (
    address         VARCHAR(64) NOT NULL PRIMARY KEY,
    failures        INT         NOT NULL,
    last_failure_at BIGINT      NOT NULL,
    wait_until      BIGINT      NOT NULL
);
