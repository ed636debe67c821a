package com.baedal.engine.process;

import com.baedal.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Appends {@code " · <orderNumber>"} to the name of a new task of the order process. */
public class OrderNumberTaskNameListener implements TaskListener {

    static final String SEPARATOR = " \u00B7 ";

    @Override
    public void notify(DelegateTask task) {
        Object orderNumber = task.getVariable(OrderProcess.VAR_ORDER_NUMBER);
        task.setName(nameWithOrderNumber(task.getName(), orderNumber == null ? null : orderNumber.toString()));
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
