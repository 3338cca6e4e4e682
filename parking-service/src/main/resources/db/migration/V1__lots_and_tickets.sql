-- Portable SQL: the same migration runs on the embedded H2 store and on PostgreSQL.

CREATE TABLE lots (
    id                VARCHAR(63)  PRIMARY KEY,
    name              VARCHAR(200) NOT NULL,
    capacity          INTEGER      NOT NULL,
    hourly_rate_cents BIGINT       NOT NULL,
    daily_max_cents   BIGINT,
    grace_minutes     INTEGER      NOT NULL DEFAULT 0,
    -- Kept beside capacity so one conditional UPDATE can take a space atomically.
    occupied          INTEGER      NOT NULL DEFAULT 0,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT lots_capacity_range CHECK (capacity BETWEEN 1 AND 100000),
    CONSTRAINT lots_rates_not_negative CHECK (hourly_rate_cents >= 0 AND (daily_max_cents IS NULL OR daily_max_cents >= 0)),
    CONSTRAINT lots_grace_not_negative CHECK (grace_minutes >= 0),
    CONSTRAINT lots_occupancy_within_capacity CHECK (occupied >= 0 AND occupied <= capacity)
);

CREATE TABLE tickets (
    ticket_id    UUID        PRIMARY KEY,
    lot_id       VARCHAR(63) NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
    plate        VARCHAR(16) NOT NULL,
    -- The plate while parked, NULL after exit: unique per lot, so a plate is parked at most once
    -- per lot (NULLs never collide, and neither database needs a partial index for it).
    parked_plate VARCHAR(16),
    entered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    exited_at    TIMESTAMP WITH TIME ZONE,
    fee_cents    BIGINT,
    CONSTRAINT tickets_one_parked_per_plate_and_lot UNIQUE (lot_id, parked_plate),
    CONSTRAINT tickets_parked_or_exited CHECK (
        (exited_at IS NULL AND parked_plate = plate AND fee_cents IS NULL)
        OR (exited_at IS NOT NULL AND parked_plate IS NULL AND fee_cents >= 0))
);
