package com.baedal.engine.catalog;

/** A store of the catalog. A store delivers only in its own {@code region}. */
public record Store(String storeId, String name, String region, boolean open, Double lat, Double lon) {
}
