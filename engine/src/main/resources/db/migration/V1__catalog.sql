-- The catalog: stores and their menus. Prices are whole KRW.
CREATE TABLE baedal.store (
    store_id  VARCHAR(64)  PRIMARY KEY,
    name      VARCHAR(200) NOT NULL,
    region    VARCHAR(64)  NOT NULL,
    open      BOOLEAN      NOT NULL DEFAULT TRUE,
    lat       DOUBLE PRECISION,
    lon       DOUBLE PRECISION
);

CREATE INDEX store_region_idx ON baedal.store (region);

CREATE TABLE baedal.menu_item (
    menu_item_id VARCHAR(64)  PRIMARY KEY,
    store_id     VARCHAR(64)  NOT NULL REFERENCES baedal.store (store_id),
    name         VARCHAR(200) NOT NULL,
    price        BIGINT       NOT NULL CHECK (price >= 0),
    available    BOOLEAN      NOT NULL DEFAULT TRUE
);

CREATE INDEX menu_item_store_idx ON baedal.menu_item (store_id);
