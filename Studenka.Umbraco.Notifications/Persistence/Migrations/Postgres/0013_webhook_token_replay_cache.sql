-- The jti of each accepted MessageBird webhook token until the token expires (minutes),
-- so a replayed call is refused on every node. Expired rows are deleted as new ones come.
CREATE TABLE webhook_token_ids (
    jti TEXT PRIMARY KEY,
    expires_at_ms BIGINT NOT NULL
);
CREATE INDEX ix_webhook_token_ids_expires ON webhook_token_ids(expires_at_ms);
