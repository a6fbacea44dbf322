-- agmon schema, version 4: API tokens expire. `agmon token add` sets expires_at (ISO-8601 UTC,
-- 365 days ahead unless --expires-days says otherwise; NULL = never, only when asked with
-- --expires-days 0). Tokens made before this version never expire until revoked.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
