package com.baedal.engine.process;

import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Camunda's task service with the {@link UserTaskGuard} in front of every way to claim, complete or end a task. The
 * engine REST API, the webapps and our own code all use the engine's task service, so this is the one place for
 * these rules; each check runs in the same command as its effect. Variable writes that name the order's facts are
 * refused to authenticated users by a command interceptor ({@code security.OrderFacts}). Variable writes and
 * reassignment need permissions task users do not have ({@code UPDATE}/{@code UPDATE_VARIABLE},
 * {@code TASK_ASSIGN}), except the hand-overs {@link UserTaskGuard#mayReassignWithoutTaskAssign} allows.
 */
@RequiredArgsConstructor
public class GuardedTaskService extends TaskServiceImpl {

    private final UserTaskGuard guard;

    // ---- the user task rules

    @Override
    public void claim(String taskId, String userId) {
        commandExecutor.execute(context -> {
            guard.beforeClaim(context, taskId, userId);
            return new ClaimTaskCmd(taskId, userId).execute(context);
        });
    }

    @Override
    public void setAssignee(String taskId, String userId) {
        commandExecutor.execute(context -> {
            AssignTaskCmd assign = new AssignTaskCmd(taskId, userId);
            if (!guard.mayReassignWithoutTaskAssign(context, taskId, userId)) {
                return assign.execute(context);
            }
            // the guard's rule stands in for TASK_ASSIGN here, for this one command only
            boolean checking = context.isAuthorizationCheckEnabled();
            context.disableAuthorizationCheck();
            try {
                return assign.execute(context);
            } finally {
                context.setAuthorizationCheckEnabled(checking);
            }
        });
    }

    @Override
    public void complete(String taskId) {
        complete(taskId, null);
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        commandExecutor.execute(context ->
                new CompleteTaskCmd(taskId, guard.beforeCompletion(context, taskId, variables)).execute(context));
    }

    @Override
    public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables,
                                                     boolean deserializeValues) {
        return commandExecutor.execute(context -> new CompleteTaskCmd(taskId,
                guard.beforeCompletion(context, taskId, variables), true, deserializeValues).execute(context));
    }

    @Override
    public void delegateTask(String taskId, String userId) {
        commandExecutor.execute(context -> {
            guard.beforeDelegation(context, taskId);
            return new DelegateTaskCmd(taskId, userId).execute(context);
        });
    }

    @Override
    public void resolveTask(String taskId) {
        resolveTask(taskId, null);
    }

    @Override
    public void resolveTask(String taskId, Map<String, Object> variables) {
        commandExecutor.execute(context -> {
            guard.beforeDelegation(context, taskId);
            return new ResolveTaskCmd(taskId, variables).execute(context);
        });
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode) {
        handleBpmnError(taskId, errorCode, null, null);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage) {
        handleBpmnError(taskId, errorCode, errorMessage, null);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage,
                                Map<String, Object> variables) {
        commandExecutor.execute(context -> {
            guard.beforeErrorOrEscalation(context, taskId);
            return new HandleTaskBpmnErrorCmd(taskId, errorCode, errorMessage, variables).execute(context);
        });
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode) {
        handleEscalation(taskId, escalationCode, null);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
        commandExecutor.execute(context -> {
            guard.beforeErrorOrEscalation(context, taskId);
            return new HandleTaskEscalationCmd(taskId, escalationCode, variables).execute(context);
        });
    }
}
