package com.baedal.workers.notification;

import com.baedal.workers.support.TaskOutcome;
import com.baedal.workers.support.WorkerLifecycle;
import com.baedal.workers.support.WorkerMetrics;
import com.baedal.workers.support.WorkerTaskHandler;
import java.text.NumberFormat;
import java.util.Locale;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;

/** A notification topic: build the message from the task's variables, send it once, complete. */
abstract class NotifyHandler extends WorkerTaskHandler {

    private final NotificationService notifications;

    NotifyHandler(NotificationService notifications, NotificationProperties properties, WorkerMetrics metrics,
                  WorkerLifecycle lifecycle) {
        super(metrics, lifecycle, properties.retryPolicy());
        this.notifications = notifications;
    }

    /** The message this topic sends for the task's order. */
    abstract Notification notification(ExternalTask task);

    @Override
    protected TaskOutcome handle(ExternalTask task, ExternalTaskService service) {
        notifications.send(notification(task));
        service.complete(task);
        return TaskOutcome.COMPLETED;
    }

    NotificationService notifications() {
        return notifications;
    }

    static String won(long amount) {
        return NumberFormat.getIntegerInstance(Locale.US).format(amount) + " KRW";
    }
}
