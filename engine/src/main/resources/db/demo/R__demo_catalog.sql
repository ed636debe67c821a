-- Demo catalog for the local profile only (Flyway location classpath:db/demo). Idempotent: re-running it
-- restores the demo rows without touching anything else.
INSERT INTO baedal.store (store_id, name, region, open, lat, lon, street) VALUES
    ('chicken-gangnam',  'Gangnam Fried Chicken', 'gangnam', TRUE,  37.4979, 127.0276, 'Gangnam-daero 396'),
    ('bibimbap-gangnam', 'Jeonju Bibimbap House', 'gangnam', FALSE, 37.5008, 127.0363, 'Teheran-ro 129'),
    ('pizza-mapo',       'Mapo Pizza Lab',        'mapo',    TRUE,  37.5536, 126.9218, 'Yanghwa-ro 160'),
    ('tteokbokki-mapo',  'Hongdae Tteokbokki',    'mapo',    TRUE,  37.5563, 126.9236, 'Hongik-ro 20')
ON CONFLICT (store_id) DO UPDATE
    SET name = EXCLUDED.name, region = EXCLUDED.region, open = EXCLUDED.open,
        lat = EXCLUDED.lat, lon = EXCLUDED.lon, street = EXCLUDED.street;

INSERT INTO baedal.menu_item (menu_item_id, store_id, name, price, available) VALUES
    ('chicken-fried',        'chicken-gangnam',  'Fried chicken',             20000, TRUE),
    ('chicken-yangnyeom',    'chicken-gangnam',  'Yangnyeom chicken',         22000, TRUE),
    ('chicken-half-half',    'chicken-gangnam',  'Half-half chicken',         21000, TRUE),
    ('chicken-cola',         'chicken-gangnam',  'Cola 1.25 L',                3000, TRUE),
    ('chicken-pickled-radish','chicken-gangnam', 'Pickled radish',              500, TRUE),
    ('bibimbap-dolsot',      'bibimbap-gangnam', 'Dolsot bibimbap',           11000, TRUE),
    ('bibimbap-yukhoe',      'bibimbap-gangnam', 'Yukhoe bibimbap',           14000, TRUE),
    ('bibimbap-doenjang',    'bibimbap-gangnam', 'Doenjang jjigae',            9000, TRUE),
    ('pizza-bulgogi',        'pizza-mapo',       'Bulgogi pizza (L)',         25900, TRUE),
    ('pizza-potato',         'pizza-mapo',       'Potato pizza (L)',          24900, TRUE),
    ('pizza-pepperoni',      'pizza-mapo',       'Pepperoni pizza (L)',       21900, TRUE),
    ('pizza-cider',          'pizza-mapo',       'Cider 1.25 L',               3000, TRUE),
    ('tteokbokki-classic',   'tteokbokki-mapo',  'Tteokbokki',                 5000, TRUE),
    ('tteokbokki-rose',      'tteokbokki-mapo',  'Rose tteokbokki',            7000, TRUE),
    ('tteokbokki-sundae',    'tteokbokki-mapo',  'Sundae',                     6000, TRUE),
    ('tteokbokki-twigim',    'tteokbokki-mapo',  'Assorted twigim',            5500, TRUE),
    ('tteokbokki-gimbap',    'tteokbokki-mapo',  'Gimbap',                     4000, FALSE)
ON CONFLICT (menu_item_id) DO UPDATE
    SET store_id = EXCLUDED.store_id, name = EXCLUDED.name, price = EXCLUDED.price,
        available = EXCLUDED.available;
