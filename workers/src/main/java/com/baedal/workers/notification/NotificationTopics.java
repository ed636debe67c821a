package com.baedal.workers.notification;

import static com.baedal.process.OrderProcess.*;

import com.baedal.workers.support.TaskHandling;
import com.baedal.workers.support.TaskOutcome;
import com.baedal.workers.support.TaskVariables;
import com.baedal.workers.support.TopicHandler;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notification topics: each builds its message from the task's variables, sends it once and completes. One
 * subscription per topic, each the same {@link TopicHandler} ({@link #sending}) around its message, decorated by
 * {@link TaskHandling} with the notifications' retry policy.
 */
@Configuration
@RequiredArgsConstructor
public class NotificationTopics {

    private final NotificationService notifications;
    private final NotificationProperties properties;
    private final TaskHandling handling;

    /**
     * Topic {@value com.baedal.process.OrderProcess#TOPIC_NOTIFY_STORE}: tells the store's owners about a paid order.
     */
    @Bean
    @ExternalTaskSubscription(topicName = TOPIC_NOTIFY_STORE, processDefinitionKey = PROCESS_KEY,
            variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_ORDER_NUMBER, VAR_STORE_ID, VAR_ITEMS_SUMMARY,
                    VAR_TOTAL, VAR_DELIVERY_ADDRESS})
    ExternalTaskHandler notifyStore() {
        return sending(task -> {
            String text = "New order " + TaskVariables.string(task, VAR_ORDER_NUMBER) + ": "
                    + TaskVariables.string(task, VAR_ITEMS_SUMMARY) + ", " + won(TaskVariables.number(task, VAR_TOTAL))
                    + ", to " + TaskVariables.string(task, VAR_DELIVERY_ADDRESS) + ". Please accept or reject it.";
            return new Notification(TaskVariables.string(task, VAR_ORDER_ID), NotificationKind.STORE_NEW_ORDER,
                    Notification.CHANNEL_PUSH, List.of(storeGroup(TaskVariables.string(task, VAR_STORE_ID))), text);
        });
    }

    /** Topic {@value com.baedal.process.OrderProcess#TOPIC_NOTIFY_RIDERS}: tells the region's riders food is ready. */
    @Bean
    @ExternalTaskSubscription(topicName = TOPIC_NOTIFY_RIDERS, processDefinitionKey = PROCESS_KEY,
            variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_ORDER_NUMBER, VAR_STORE_NAME, VAR_REGION,
                    VAR_DELIVERY_ADDRESS})
    ExternalTaskHandler notifyRiders() {
        return sending(task -> {
            String text = "Order " + TaskVariables.string(task, VAR_ORDER_NUMBER) + " from "
                    + TaskVariables.string(task, VAR_STORE_NAME) + " is ready for pick-up, to "
                    + TaskVariables.string(task, VAR_DELIVERY_ADDRESS) + ".";
            return new Notification(TaskVariables.string(task, VAR_ORDER_ID), NotificationKind.RIDERS_NEW_DELIVERY,
                    Notification.CHANNEL_PUSH, List.of(ridersGroup(TaskVariables.string(task, VAR_REGION))), text);
        });
    }

    /**
     * Topic {@value com.baedal.process.OrderProcess#TOPIC_NOTIFY_RIDER_SEARCH_ESCALATION}: nobody took a ready order
     * in time; tells the operators and the riders of the neighbouring regions.
     */
    @Bean
    @ExternalTaskSubscription(topicName = TOPIC_NOTIFY_RIDER_SEARCH_ESCALATION, processDefinitionKey = PROCESS_KEY,
            variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_ORDER_NUMBER, VAR_STORE_NAME, VAR_REGION,
                    VAR_DELIVERY_ADDRESS, VAR_NEIGHBOUR_REGIONS})
    ExternalTaskHandler notifyRiderSearchEscalation() {
        return sending(task -> {
            String region = TaskVariables.string(task, VAR_REGION);
            String text = "No rider has taken order " + TaskVariables.string(task, VAR_ORDER_NUMBER) + " from "
                    + TaskVariables.string(task, VAR_STORE_NAME) + " (" + region + ") yet. Deliver to "
                    + TaskVariables.string(task, VAR_DELIVERY_ADDRESS) + ".";
            return new Notification(TaskVariables.string(task, VAR_ORDER_ID), NotificationKind.RIDER_SEARCH_ESCALATED,
                    Notification.CHANNEL_PUSH, notifications.escalationRecipients(neighbours(task)), text);
        });
    }

    /** Topic {@value com.baedal.process.OrderProcess#TOPIC_NOTIFY_CUSTOMER}: tells the customer the food arrived. */
    @Bean
    @ExternalTaskSubscription(topicName = TOPIC_NOTIFY_CUSTOMER, processDefinitionKey = PROCESS_KEY,
            variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_ORDER_NUMBER, VAR_CUSTOMER_ID, VAR_STORE_NAME})
    ExternalTaskHandler notifyCustomer() {
        return sending(task -> {
            String text = "Your order " + TaskVariables.string(task, VAR_ORDER_NUMBER) + " from "
                    + TaskVariables.string(task, VAR_STORE_NAME) + " was delivered. Enjoy your meal!";
            return new Notification(TaskVariables.string(task, VAR_ORDER_ID), NotificationKind.CUSTOMER_DELIVERED,
                    Notification.CHANNEL_PUSH, List.of(TaskVariables.string(task, VAR_CUSTOMER_ID)), text);
        });
    }

    /** The one handler of every notification topic: send the task's message once, complete. */
    private ExternalTaskHandler sending(Function<ExternalTask, Notification> message) {
        TopicHandler send = (task, service) -> {
            notifications.send(message.apply(task));
            service.complete(task);
            return TaskOutcome.COMPLETED;
        };
        return handling.decorate(send, properties.retryPolicy());
    }

    /** The engine's list; an escalation of an order started before it sent one reaches the operators alone. */
    static List<String> neighbours(ExternalTask task) {
        Object value = task.getVariable(VAR_NEIGHBOUR_REGIONS);
        return value == null ? List.of() : Arrays.stream(value.toString().split(","))
                .map(String::trim).filter(region -> !region.isEmpty()).toList();
    }

    static String won(long amount) {
        return NumberFormat.getIntegerInstance(Locale.US).format(amount) + " KRW";
    }
}
