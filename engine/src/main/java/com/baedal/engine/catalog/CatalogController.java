package com.baedal.engine.catalog;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public catalog: stores and their menus (no login needed). */
@RestController
@RequestMapping("/api/stores")
public class CatalogController {

    private final CatalogService catalog;

    public CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    public List<Store> stores() {
        return catalog.stores();
    }

    @GetMapping("/{storeId}/menu")
    public List<MenuItem> menu(@PathVariable String storeId) {
        catalog.findStore(storeId).orElseThrow(() -> new StoreNotFoundException(storeId));
        return catalog.menu(storeId);
    }
}
