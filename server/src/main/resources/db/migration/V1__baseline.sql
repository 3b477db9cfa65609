-- Gatehouse schema baseline. Later migrations add one aggregate each.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
