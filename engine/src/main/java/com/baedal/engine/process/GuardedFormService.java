package com.baedal.engine.process;

import java.util.HashMap;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Camunda's form service with the {@link UserTaskGuard} in front of task form submissions: Tasklist completes
 * Camunda Forms through {@code submit-form}, so this is the same rule as {@link GuardedTaskService#complete}.
 */
@RequiredArgsConstructor
public class GuardedFormService extends FormServiceImpl {

    private final UserTaskGuard guard;

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
        submit(taskId, properties, false, false);
    }

    @Override
    public void submitTaskFormData(String taskId, Map<String, String> properties) {
        submitTaskForm(taskId, properties == null ? null : new HashMap<>(properties));
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties,
                                                           boolean deserializeValues) {
        return submit(taskId, properties, true, deserializeValues);
    }

    private VariableMap submit(String taskId, Map<String, Object> properties, boolean returnVariables,
                               boolean deserializeValues) {
        return commandExecutor.execute(context -> new SubmitTaskFormCmd(taskId,
                guard.beforeCompletion(context, taskId, properties), returnVariables, deserializeValues)
                .execute(context));
    }
}
