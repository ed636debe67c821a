package com.baedal.engine.catalog;

import com.baedal.support.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** 404 for a store id the catalog does not know. */
public class StoreNotFoundException extends ApiProblem {

    public StoreNotFoundException(String storeId) {
        super(HttpStatus.NOT_FOUND, "store-not-found", "Store not found", "Unknown store: " + storeId);
    }
}
