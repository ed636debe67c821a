package com.baedal.engine.catalog;

import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads stores and menus from schema {@code baedal}. */
@Service
@RequiredArgsConstructor
public class CatalogService {

    private final JdbcClient jdbc;

    /** All stores, open or closed, ordered by region then name. */
    public List<Store> stores() {
        return jdbc.sql("""
                        SELECT store_id, name, region, open, lat, lon, street FROM baedal.store
                        ORDER BY region, name""")
                .query(Store.class)
                .list();
    }

    public Optional<Store> findStore(String storeId) {
        return jdbc.sql("""
                        SELECT store_id, name, region, open, lat, lon, street FROM baedal.store
                        WHERE store_id = :id""")
                .param("id", storeId)
                .query(Store.class)
                .optional();
    }

    /** The orderable (available) items of a store, empty for unknown stores. */
    public List<MenuItem> menu(String storeId) {
        return jdbc.sql("""
                        SELECT menu_item_id, name, price FROM baedal.menu_item
                        WHERE store_id = :id AND available
                        ORDER BY menu_item_id""")
                .param("id", storeId)
                .query(MenuItem.class)
                .list();
    }
}
