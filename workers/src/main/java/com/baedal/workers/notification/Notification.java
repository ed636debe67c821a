package com.baedal.workers.notification;

import java.util.List;

/**
 * One message to send.
 *
 * @param recipients Camunda group ids ({@code store-<storeId>}, {@code riders-<region>}, {@code operators}) or a
 *                   customer id
 */
public record Notification(String orderId, NotificationKind kind, String channel, List<String> recipients,
                           String text) {

    /** Push message to the apps (store app, rider app, customer app, operator console). */
    public static final String CHANNEL_PUSH = "push";

    public Notification {
        recipients = List.copyOf(recipients);
    }
}
