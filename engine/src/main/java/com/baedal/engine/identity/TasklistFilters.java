package com.baedal.engine.identity;

import static com.baedal.process.OrderProcess.PROCESS_KEY;
import static com.baedal.process.OrderProcess.TASK_ACCEPT_ORDER;
import static com.baedal.process.OrderProcess.TASK_CONFIRM_DELIVERY;
import static com.baedal.process.OrderProcess.TASK_FINISH_COOKING;
import static com.baedal.process.OrderProcess.TASK_PICK_UP;
import static com.baedal.process.OrderProcess.TASK_START_COOKING;
import static com.baedal.process.OrderProcess.VAR_ORDER_NUMBER;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filters that greet store owners and riders. Stored task queries use the engine's
 * {@code currentUser()} / {@code currentUserGroups()} expressions, so one filter serves every store / region.
 * <ul>
 *   <li>The stored queries set no order: the engine puts a filter's own sort before the one Tasklist's sort control
 *       sends, so the control would show one order and the list follow another. Oldest first is Tasklist's default
 *       sort on Baedal's Tasklist instead (its {@code baedal-tasklist.js}), and the control shows it.</li>
 *   <li>What a card shows comes from each task's name (the order number) and description (the card,
 *       {@code process.OrderTaskCreateListener}), not from variables. The one filter variable, the order number,
 *       names the column Tasklist's search offers; the order number is a process variable that owners and riders
 *       cannot read, so their cards do not repeat it ({@link TasklistSearch} makes searching it work).</li>
 * </ul>
 */
@Component
@RequiredArgsConstructor
public class TasklistFilters {

    public static final String ORDERS_FOR_MY_STORE = "Orders for my store";
    public static final String DELIVERIES_IN_MY_REGION = "Deliveries in my region";
    public static final String MY_DELIVERIES = "My deliveries";

    static final String CURRENT_USER = "${currentUser()}";
    static final String CURRENT_USER_GROUPS = "${currentUserGroups()}";

    private final FilterService filterService;
    private final TaskService taskService;

    /** Creates the three filters or brings existing ones up to date; returns their ids by name. */
    public Map<String, String> ensureFilters() {
        Map<String, String> ids = new LinkedHashMap<>();
        List<Map<String, Object>> searchable = List.of(variable(VAR_ORDER_NUMBER, "Order number"));
        ids.put(ORDERS_FOR_MY_STORE, save(ORDERS_FOR_MY_STORE, ordersForMyStore(),
                properties("New and running orders of your store, oldest first.", 10, "#2a9d8f", searchable)));
        ids.put(DELIVERIES_IN_MY_REGION, save(DELIVERIES_IN_MY_REGION, deliveriesInMyRegion(),
                properties("Orders ready for pick-up in your region, oldest first. Claim one to take it.", 20,
                        "#e9c46a", searchable)));
        ids.put(MY_DELIVERIES, save(MY_DELIVERIES, myDeliveries(),
                properties("Deliveries you have taken, oldest first.", 30, "#e76f51", searchable)));
        return ids;
    }

    public Optional<Filter> find(String name) {
        return filterService.createFilterQuery().filterResourceType(EntityTypes.TASK).filterName(name).list()
                .stream().findFirst();
    }

    TaskQuery ordersForMyStore() {
        return taskService.createTaskQuery()
                .processDefinitionKey(PROCESS_KEY)
                .taskDefinitionKeyIn(TASK_ACCEPT_ORDER, TASK_START_COOKING, TASK_FINISH_COOKING)
                .taskCandidateGroupInExpression(CURRENT_USER_GROUPS)
                .includeAssignedTasks();
    }

    TaskQuery deliveriesInMyRegion() {
        return taskService.createTaskQuery()
                .processDefinitionKey(PROCESS_KEY)
                .taskDefinitionKeyIn(TASK_PICK_UP)
                .taskCandidateGroupInExpression(CURRENT_USER_GROUPS);
    }

    TaskQuery myDeliveries() {
        return taskService.createTaskQuery()
                .processDefinitionKey(PROCESS_KEY)
                .taskDefinitionKeyIn(TASK_PICK_UP, TASK_CONFIRM_DELIVERY)
                .taskAssigneeExpression(CURRENT_USER);
    }

    private String save(String name, TaskQuery query, Map<String, Object> properties) {
        Filter filter = find(name).orElseGet(() -> filterService.newTaskFilter(name));
        filter.setQuery(query);
        filter.setProperties(properties);
        return filterService.saveFilter(filter).getId();
    }

    private static Map<String, Object> properties(String description, int priority, String color,
                                                  List<Map<String, Object>> variables) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("color", color);
        properties.put("refresh", true);
        properties.put("showUndefinedVariable", false);
        properties.put("variables", variables);
        return properties;
    }

    private static Map<String, Object> variable(String name, String label) {
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("name", name);
        variable.put("label", label);
        return variable;
    }
}
