package com.baedal.workers.notification;

import static com.baedal.process.OrderProcess.*;

import com.baedal.workers.support.TaskVariables;
import com.baedal.workers.support.WorkerLifecycle;
import com.baedal.workers.support.WorkerMetrics;
import java.util.List;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/** Topic {@value com.baedal.process.OrderProcess#TOPIC_NOTIFY_RIDERS}: tells the region's riders food is ready. */
@Component
@ExternalTaskSubscription(topicName = TOPIC_NOTIFY_RIDERS, processDefinitionKey = PROCESS_KEY,
        variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_ORDER_NUMBER, VAR_STORE_NAME, VAR_REGION, VAR_DELIVERY_ADDRESS})
public class NotifyRidersHandler extends NotifyHandler {

    public NotifyRidersHandler(NotificationService notifications, NotificationProperties properties,
                               WorkerMetrics metrics, WorkerLifecycle lifecycle) {
        super(notifications, properties, metrics, lifecycle);
    }

    @Override
    Notification notification(ExternalTask task) {
        String text = "Order " + TaskVariables.string(task, VAR_ORDER_NUMBER) + " from "
                + TaskVariables.string(task, VAR_STORE_NAME) + " is ready for pick-up, to "
                + TaskVariables.string(task, VAR_DELIVERY_ADDRESS) + ".";
        return new Notification(TaskVariables.string(task, VAR_ORDER_ID), NotificationKind.RIDERS_NEW_DELIVERY,
                Notification.CHANNEL_PUSH, List.of(ridersGroup(TaskVariables.string(task, VAR_REGION))), text);
    }
}
