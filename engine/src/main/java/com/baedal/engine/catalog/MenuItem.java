package com.baedal.engine.catalog;

/** An orderable menu item; {@code price} in whole KRW. */
public record MenuItem(String menuItemId, String name, long price) {
}
