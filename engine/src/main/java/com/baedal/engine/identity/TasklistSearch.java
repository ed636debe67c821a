package com.baedal.engine.identity;

import static com.baedal.process.OrderProcess.VAR_ORDER_NUMBER;

import java.util.List;
import java.util.ListIterator;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryVariableValue;
import org.camunda.bpm.engine.query.Query;

/**
 * How Tasklist's search reads an order number, applied to the query that extends a filter (Tasklist sends its search
 * that way) before it runs. Searched as a task or a process variable, {@code orderNumber} matches
 * <ul>
 *   <li>whatever its case ({@code bd-7af22352} finds {@code BD-7AF22352}), without ticking Tasklist's "ignore case"
 *       box, and</li>
 *   <li>on the order's process instance, where it lives: the user tasks carry no copy of it (a copy per task costs a
 *       variable row and its history for each of the five tasks of every order).</li>
 * </ul>
 * Free text is Tasklist's task-name search, already case-insensitive, and every task name ends with the order number.
 */
public final class TasklistSearch {

    private TasklistSearch() {
    }

    /** Rewrites the order-number conditions of a task query in place; other queries and conditions stay as they are. */
    public static void applyTo(Query<?, ?> query) {
        if (!(query instanceof TaskQueryImpl taskQuery)) {
            return;
        }
        for (TaskQueryImpl part : taskQuery.getQueries()) { // the query itself and its "or" parts
            rewrite(part.getVariables());
        }
    }

    private static void rewrite(List<TaskQueryVariableValue> conditions) {
        for (ListIterator<TaskQueryVariableValue> each = conditions.listIterator(); each.hasNext(); ) {
            TaskQueryVariableValue condition = each.next();
            if (isOrderNumber(condition) && condition.getValue() instanceof String) {
                each.set(new TaskQueryVariableValue(VAR_ORDER_NUMBER, condition.getValue(), condition.getOperator(),
                        false, true, false, true));
            }
        }
    }

    private static boolean isOrderNumber(TaskQueryVariableValue condition) {
        String name = condition.getName();
        boolean taskOrProcessVariable = condition.isLocal() || condition.isProcessInstanceVariable();
        return taskOrProcessVariable && (VAR_ORDER_NUMBER.equals(name)
                || condition.isVariableNameIgnoreCase() && VAR_ORDER_NUMBER.equalsIgnoreCase(name));
    }
}
