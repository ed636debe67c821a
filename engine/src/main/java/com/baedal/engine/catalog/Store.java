package com.baedal.engine.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A store of the catalog. A store delivers only in its own {@code region}. Its {@code street} (may be missing for
 * stores created before it was recorded) is the rider's pick-up address; the public store list does not carry it
 * (SPEC §5 lists that answer's fields).
 */
public record Store(String storeId, String name, String region, boolean open, Double lat, Double lon,
                    @JsonIgnore String street) {

    /** Where a rider picks an order up, as text: the street and the region, or the region alone. */
    public String pickUpAddress() {
        return street == null || street.isBlank() ? region : street + " (" + region + ")";
    }
}
