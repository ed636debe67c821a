package com.baedal.workers.notification;

/**
 * Sends a notification over some channel. {@link LoggingNotifier} is the built-in adapter; an SMS / push provider
 * implements this and replaces it ({@code baedal.notification.notifier}).
 */
public interface Notifier {

    /** Sends the message; throws when it could not be handed over (the task is then retried). */
    void send(Notification notification);
}
