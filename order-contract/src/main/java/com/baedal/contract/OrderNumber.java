package com.baedal.contract;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The order's number as customers, owners and riders see it (notifications, task names, Tasklist, the apps):
 * {@value #PREFIX} and the first eight hex digits of the order id, upper case, e.g. {@code BD-7AF22352}. Short
 * enough to read out on the phone; the order id stays the unique key (any two orders share a number with a chance
 * of one in about four billion). The one rule for it: nothing else derives an order number.
 */
public final class OrderNumber {

    /**
     * Every order number starts with these letters. A search box (Camunda Tasklist's included) reads {@code 12345678}
     * or {@code 1E345678} as a number and {@code 2026-11-24} as a date; a value that starts with letters and a hyphen
     * is text to every one of them.
     */
    public static final String PREFIX = "BD-";
    private static final Pattern ORDER_ID_START = Pattern.compile("[0-9a-fA-F]{8}");

    private OrderNumber() {
    }

    /** The number of order {@code orderId}; IllegalArgumentException when it does not start like an order id. */
    public static String of(String orderId) {
        if (orderId == null || orderId.length() < 8 || !ORDER_ID_START.matcher(orderId.substring(0, 8)).matches()) {
            throw new IllegalArgumentException("Not an order id: " + orderId);
        }
        return PREFIX + orderId.substring(0, 8).toUpperCase(Locale.ROOT);
    }
}
