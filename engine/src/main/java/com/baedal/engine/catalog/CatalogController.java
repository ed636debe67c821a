package com.baedal.engine.catalog;

import com.baedal.support.validation.SafeText;
import com.baedal.support.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public catalog: stores and their menus (no login needed). */
@RestController
@RequestMapping("/api/stores")
@Tag(name = "Catalog", description = "Stores and their menus; public, no login")
@SecurityRequirements // public: no bearer token needed
@RequiredArgsConstructor
public class CatalogController {

    private final CatalogService catalog;

    @Operation(summary = "All stores", description = "A store delivers only in its own `region`; a closed store "
            + "takes no orders.")
    @ApiResponse(responseCode = "200", description = "The stores")
    @GetMapping
    public List<Store> stores() {
        return catalog.stores();
    }

    @Operation(summary = "The menu of a store", description = "Prices in whole KRW.")
    @ApiResponse(responseCode = "200", description = "The store's menu items")
    @ApiResponse(responseCode = "400", description = "A store id that cannot be one (too long, control characters)")
    @ApiResponse(responseCode = "404", description = "Unknown store")
    @GetMapping("/{storeId}/menu")
    public List<MenuItem> menu(@PathVariable @SafeText @Size(max = 64) String storeId) {
        catalog.findStore(storeId).orElseThrow(() -> ApiProblem.notFound("store-not-found", "Store not found",
                "Unknown store: " + storeId));
        return catalog.menu(storeId);
    }
}
