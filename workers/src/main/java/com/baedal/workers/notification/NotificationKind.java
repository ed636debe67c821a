package com.baedal.workers.notification;

/** The notifications of the order flow; each is sent at most once per order. */
public enum NotificationKind {
    /** To the store's owners: a paid order waits for their answer. */
    STORE_NEW_ORDER,
    /** To the riders of the order's region: food is ready for pick-up. */
    RIDERS_NEW_DELIVERY,
    /** To the customer: the order was delivered. */
    CUSTOMER_DELIVERED,
    /** To operators and riders of neighbouring regions: nobody took a ready order in time. */
    RIDER_SEARCH_ESCALATED
}
