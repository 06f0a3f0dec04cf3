-- The orders table the API reads and writes. Applied by the deployment's migration
-- step (and by the tests), never by the handler at runtime.
CREATE TABLE IF NOT EXISTS orders (
    order_id    uuid PRIMARY KEY,
    customer_id text NOT NULL CHECK (length(customer_id) BETWEEN 1 AND 64),
    amount      numeric(12, 2) NOT NULL CHECK (amount >= 0),
    currency    char(3) NOT NULL,
    status      text NOT NULL DEFAULT 'NEW',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS orders_customer ON orders (customer_id, created_at DESC);
