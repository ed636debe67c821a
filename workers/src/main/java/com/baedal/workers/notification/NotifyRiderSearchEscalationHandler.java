package com.baedal.workers.notification;

import static com.baedal.process.OrderProcess.*;

import com.baedal.workers.support.TaskVariables;
import com.baedal.workers.support.WorkerLifecycle;
import com.baedal.workers.support.WorkerMetrics;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * Topic {@value com.baedal.process.OrderProcess#TOPIC_NOTIFY_RIDER_SEARCH_ESCALATION}: nobody took a ready order
 * in time; tells the operators and the riders of the neighbouring regions.
 */
@Component
@ExternalTaskSubscription(topicName = TOPIC_NOTIFY_RIDER_SEARCH_ESCALATION, processDefinitionKey = PROCESS_KEY,
        variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_ORDER_NUMBER, VAR_STORE_NAME, VAR_REGION, VAR_DELIVERY_ADDRESS,
                VAR_NEIGHBOUR_REGIONS})
public class NotifyRiderSearchEscalationHandler extends NotifyHandler {

    public NotifyRiderSearchEscalationHandler(NotificationService notifications, NotificationProperties properties,
                                              WorkerMetrics metrics, WorkerLifecycle lifecycle) {
        super(notifications, properties, metrics, lifecycle);
    }

    @Override
    Notification notification(ExternalTask task) {
        String region = TaskVariables.string(task, VAR_REGION);
        String text = "No rider has taken order " + TaskVariables.string(task, VAR_ORDER_NUMBER) + " from "
                + TaskVariables.string(task, VAR_STORE_NAME) + " (" + region + ") yet. Deliver to "
                + TaskVariables.string(task, VAR_DELIVERY_ADDRESS) + ".";
        return new Notification(TaskVariables.string(task, VAR_ORDER_ID), NotificationKind.RIDER_SEARCH_ESCALATED,
                Notification.CHANNEL_PUSH, notifications().escalationRecipients(neighbours(task)), text);
    }

    /** The engine's list; an escalation of an order started before it sent one reaches the operators alone. */
    static List<String> neighbours(ExternalTask task) {
        Object value = task.getVariable(VAR_NEIGHBOUR_REGIONS);
        return value == null ? List.of() : Arrays.stream(value.toString().split(","))
                .map(String::trim).filter(region -> !region.isEmpty()).toList();
    }
}
