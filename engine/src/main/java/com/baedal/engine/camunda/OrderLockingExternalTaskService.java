package com.baedal.engine.camunda;

import com.baedal.engine.order.OrderRepository;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.impl.ExternalTaskServiceImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskFailureCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * The engine's external-task service (what {@code /engine-rest/external-task} calls) with one change: a worker's
 * complete, BPMN error or failure takes the order's row lock ({@link OrderRepository#lockOrderOfExternalTask}) first, in the same transaction, before the
 * engine reads the task or the process instance. It then waits behind a store's or rider's command on the same order
 * and reads what that command committed, instead of reading the process instance before it and losing with an
 * optimistic-locking failure (a wasted transaction, a retry and a stack trace in the log). The commands stay the
 * engine's own classes (extended, not wrapped), so that command interceptors still see what they are.
 */
@RequiredArgsConstructor
public class OrderLockingExternalTaskService extends ExternalTaskServiceImpl {

    private final OrderRepository orders;

    @Override
    public void complete(String externalTaskId, String workerId, Map<String, Object> variables,
                         Map<String, Object> localVariables) {
        commandExecutor.execute(new CompleteExternalTaskCmd(externalTaskId, workerId, variables, localVariables) {
            @Override
            public Void execute(CommandContext commandContext) {
                orders.lockOrderOfExternalTask(externalTaskId);
                return super.execute(commandContext);
            }
        });
    }

    @Override
    public void handleBpmnError(String externalTaskId, String workerId, String errorCode, String errorMessage,
                                Map<String, Object> variables) {
        commandExecutor.execute(new HandleExternalTaskBpmnErrorCmd(externalTaskId, workerId, errorCode, errorMessage,
                variables) {
            @Override
            public Void execute(CommandContext commandContext) {
                orders.lockOrderOfExternalTask(externalTaskId);
                return super.execute(commandContext);
            }
        });
    }

    @Override
    public void handleFailure(String externalTaskId, String workerId, String errorMessage, String errorDetails,
                              int retries, long retryDuration, Map<String, Object> variables,
                              Map<String, Object> localVariables) {
        commandExecutor.execute(new HandleExternalTaskFailureCmd(externalTaskId, workerId, errorMessage, errorDetails,
                retries, retryDuration, variables, localVariables) {
            @Override
            public Void execute(CommandContext commandContext) {
                orders.lockOrderOfExternalTask(externalTaskId);
                return super.execute(commandContext);
            }
        });
    }
}
