package com.baedal.workers.support;

import org.camunda.bpm.client.task.ExternalTask;

/** Reads the process variables a handler needs; a missing one is a bug in the process data, not a retry case. */
public final class TaskVariables {

    private TaskVariables() {
    }

    public static String string(ExternalTask task, String name) {
        Object value = task.getVariable(name);
        if (value == null) {
            throw new MissingVariableException(task, name);
        }
        return value.toString();
    }

    public static long number(ExternalTask task, String name) {
        Object value = task.getVariable(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException notANumber) {
                // fall through
            }
        }
        throw new MissingVariableException(task, name);
    }

    /** A variable the task cannot do without is missing or has the wrong type. */
    public static class MissingVariableException extends RuntimeException {

        MissingVariableException(ExternalTask task, String name) {
            super("Task " + task.getId() + " of topic " + task.getTopicName() + " has no usable variable '"
                    + name + "'");
        }
    }
}
