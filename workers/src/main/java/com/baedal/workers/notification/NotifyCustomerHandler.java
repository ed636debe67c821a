package com.baedal.workers.notification;

import static com.baedal.process.OrderProcess.*;

import com.baedal.workers.support.TaskVariables;
import com.baedal.workers.support.WorkerLifecycle;
import com.baedal.workers.support.WorkerMetrics;
import java.util.List;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/** Topic {@value com.baedal.process.OrderProcess#TOPIC_NOTIFY_CUSTOMER}: tells the customer the food arrived. */
@Component
@ExternalTaskSubscription(topicName = TOPIC_NOTIFY_CUSTOMER, processDefinitionKey = PROCESS_KEY,
        variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_ORDER_NUMBER, VAR_CUSTOMER_ID, VAR_STORE_NAME})
public class NotifyCustomerHandler extends NotifyHandler {

    public NotifyCustomerHandler(NotificationService notifications, NotificationProperties properties,
                                 WorkerMetrics metrics, WorkerLifecycle lifecycle) {
        super(notifications, properties, metrics, lifecycle);
    }

    @Override
    Notification notification(ExternalTask task) {
        String text = "Your order " + TaskVariables.string(task, VAR_ORDER_NUMBER) + " from "
                + TaskVariables.string(task, VAR_STORE_NAME) + " was delivered. Enjoy your meal!";
        return new Notification(TaskVariables.string(task, VAR_ORDER_ID), NotificationKind.CUSTOMER_DELIVERED,
                Notification.CHANNEL_PUSH, List.of(TaskVariables.string(task, VAR_CUSTOMER_ID)), text);
    }
}
