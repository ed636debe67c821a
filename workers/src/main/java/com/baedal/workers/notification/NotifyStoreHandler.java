package com.baedal.workers.notification;

import static com.baedal.process.OrderProcess.*;

import com.baedal.workers.support.TaskVariables;
import com.baedal.workers.support.WorkerLifecycle;
import com.baedal.workers.support.WorkerMetrics;
import java.util.List;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/** Topic {@value com.baedal.process.OrderProcess#TOPIC_NOTIFY_STORE}: tells the store's owners about a paid order. */
@Component
@ExternalTaskSubscription(topicName = TOPIC_NOTIFY_STORE, processDefinitionKey = PROCESS_KEY,
        variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_ORDER_NUMBER, VAR_STORE_ID, VAR_ITEMS_SUMMARY, VAR_TOTAL,
                VAR_DELIVERY_ADDRESS})
public class NotifyStoreHandler extends NotifyHandler {

    public NotifyStoreHandler(NotificationService notifications, NotificationProperties properties,
                              WorkerMetrics metrics, WorkerLifecycle lifecycle) {
        super(notifications, properties, metrics, lifecycle);
    }

    @Override
    Notification notification(ExternalTask task) {
        String text = "New order " + TaskVariables.string(task, VAR_ORDER_NUMBER) + ": "
                + TaskVariables.string(task, VAR_ITEMS_SUMMARY) + ", " + won(TaskVariables.number(task, VAR_TOTAL))
                + ", to " + TaskVariables.string(task, VAR_DELIVERY_ADDRESS) + ". Please accept or reject it.";
        return new Notification(TaskVariables.string(task, VAR_ORDER_ID), NotificationKind.STORE_NEW_ORDER,
                Notification.CHANNEL_PUSH, List.of(storeGroup(TaskVariables.string(task, VAR_STORE_ID))), text);
    }
}
