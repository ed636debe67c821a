package com.baedal.engine.process;

import com.baedal.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * On creation of a user task of the order process: appends {@code " · <orderNumber>"} to its name and copies the
 * order's display variables onto the task, where the task's candidate group or assignee may read them (Tasklist's
 * filter list shows them; process-instance variables stay unreadable for owners and riders).
 */
public class OrderNumberTaskNameListener implements TaskListener {

    static final String SEPARATOR = " \u00B7 ";

    @Override
    public void notify(DelegateTask task) {
        Object orderNumber = task.getVariable(OrderProcess.VAR_ORDER_NUMBER);
        task.setName(nameWithOrderNumber(task.getName(), orderNumber == null ? null : orderNumber.toString()));
        for (String name : OrderProcess.TASK_DISPLAY_VARIABLES) {
            Object value = task.getVariable(name);
            if (value != null) {
                task.setVariableLocal(name, value);
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
}
