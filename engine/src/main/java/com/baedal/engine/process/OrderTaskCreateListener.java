package com.baedal.engine.process;

import static com.baedal.process.OrderProcess.TASK_FINISH_COOKING;
import static com.baedal.process.OrderProcess.TASK_START_COOKING;
import static com.baedal.process.OrderProcess.VAR_DELIVERY_ADDRESS;
import static com.baedal.process.OrderProcess.VAR_ITEMS_SUMMARY;
import static com.baedal.process.OrderProcess.VAR_ORDER_NUMBER;
import static com.baedal.process.OrderProcess.VAR_STORE_ADDRESS;
import static com.baedal.process.OrderProcess.VAR_STORE_NAME;
import static com.baedal.process.OrderProcess.VAR_TOTAL;

import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * On creation of a user task of the order process, what Tasklist shows of it and who holds it, without writing a
 * single variable (each task-local variable costs an insert, its history, a delete and a history update):
 * <ul>
 *   <li>the name ends with {@code " · <order number>"}: Tasklist's list, its task header and its free-text search
 *       (task name, case-insensitive) all say which order a task is about;</li>
 *   <li>the description is the task's card ({@link #card}): what the owner or rider acts on, shown on the list cards
 *       by Baedal's Tasklist script and under "Description" of the task;</li>
 *   <li>the later store steps (start and finish cooking) go to whoever completed the step before them as a Camunda
 *       user: the owner who took an order in Tasklist keeps it without claiming it again. Steps completed through
 *       the order API (no Camunda user) stay open to the whole store, and any owner of the store can take a step
 *       over (see {@link UserTaskGuard#mayReassignWithoutTaskAssign}). The rider's confirm-delivery is assigned by
 *       the process itself ({@code ${riderId}}).</li>
 * </ul>
 * The order facts stay where they are, on the process instance: the forms read them from there.
 */
public class OrderTaskCreateListener implements TaskListener {

    static final String SEPARATOR = " \u00B7 ";
    /** The longest description the engine stores (ACT_RU_TASK.DESCRIPTION_). */
    static final int DESCRIPTION_LIMIT = 4000;

    /** The store steps that stay with the owner who did the step before. */
    private static final Set<String> HANDED_ON_STORE_STEPS = Set.of(TASK_START_COOKING, TASK_FINISH_COOKING);

    @Override
    public void notify(DelegateTask task) {
        Object orderNumber = task.getVariable(VAR_ORDER_NUMBER);
        task.setName(nameWithOrderNumber(task.getName(), orderNumber == null ? null : orderNumber.toString()));
        task.setDescription(card(task.getTaskDefinitionKey(), task::getVariable));
        if (HANDED_ON_STORE_STEPS.contains(task.getTaskDefinitionKey()) && task.getAssignee() == null) {
            Authentication completer = task.getProcessEngineServices().getIdentityService()
                    .getCurrentAuthentication();
            if (completer != null && completer.getUserId() != null) {
                task.setAssignee(completer.getUserId());
            }
        }
    }

    static String nameWithOrderNumber(String name, String orderNumber) {
        if (orderNumber == null || orderNumber.isBlank()) {
            return name;
        }
        String suffix = SEPARATOR + orderNumber;
        if (name == null || name.isBlank()) {
            return orderNumber;
        }
        return name.endsWith(suffix) ? name : name + suffix;
    }

    /** Reads one order variable by name. */
    @FunctionalInterface
    interface Variables {
        Object get(String name);
    }

    /**
     * The card of a task, one fact per line: for the store's steps what to cook and what it costs, for the rider's
     * where to pick up, where to deliver and what it costs. Missing facts are left out.
     */
    static String card(String taskDefinitionKey, Variables order) {
        StringBuilder card = new StringBuilder();
        if (UserTaskGuard.RIDER_TASKS.contains(taskDefinitionKey)) {
            line(card, "Pick up", join(order.get(VAR_STORE_NAME), order.get(VAR_STORE_ADDRESS)));
            line(card, "Deliver to", order.get(VAR_DELIVERY_ADDRESS));
        } else {
            line(card, "Items", order.get(VAR_ITEMS_SUMMARY));
        }
        Object total = order.get(VAR_TOTAL);
        line(card, "Total", total instanceof Number amount ? won(amount.longValue()) : total);
        if (card.isEmpty()) {
            return null;
        }
        return card.length() <= DESCRIPTION_LIMIT ? card.toString()
                : card.substring(0, DESCRIPTION_LIMIT - 1) + "\u2026";
    }

    /** {@code 43,000 KRW}. */
    static String won(long amount) {
        return String.format(Locale.ROOT, "%,d KRW", amount);
    }

    private static String join(Object first, Object second) {
        if (first == null || second == null) {
            return first != null ? first.toString() : second != null ? second.toString() : null;
        }
        return first + ", " + second;
    }

    private static void line(StringBuilder card, String label, Object value) {
        if (value == null || value.toString().isBlank()) {
            return;
        }
        if (!card.isEmpty()) {
            card.append('\n');
        }
        card.append(label).append(": ").append(value);
    }
}
