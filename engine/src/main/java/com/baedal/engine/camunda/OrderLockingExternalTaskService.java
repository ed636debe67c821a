package com.baedal.engine.camunda;

import com.baedal.engine.order.OrderRepository;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.impl.ExternalTaskServiceImpl;

/**
 * The engine's external-task service (what {@code /engine-rest/external-task} calls) with one change: a worker's
 * complete, BPMN error or failure takes the order's row lock ({@link OrderRepository#lockOrderOfExternalTask}) first,
 * in the same transaction, before the engine reads the task or the process instance. It then waits behind a store's
 * or rider's command on the same order and reads what that command committed, instead of reading the process
 * instance before it and losing with an optimistic-locking failure (a wasted transaction, a retry and a stack trace
 * in the log). The engine's own method then runs its own command unchanged, nested in the command that took the lock
 * (same command context, same transaction), so that command interceptors still see that command as it is.
 */
@RequiredArgsConstructor
public class OrderLockingExternalTaskService extends ExternalTaskServiceImpl {

    private final OrderRepository orders;

    @Override
    public void complete(String externalTaskId, String workerId, Map<String, Object> variables,
                         Map<String, Object> localVariables) {
        lockingTheOrderOf(externalTaskId, () -> super.complete(externalTaskId, workerId, variables, localVariables));
    }

    @Override
    public void handleBpmnError(String externalTaskId, String workerId, String errorCode, String errorMessage,
                                Map<String, Object> variables) {
        lockingTheOrderOf(externalTaskId,
                () -> super.handleBpmnError(externalTaskId, workerId, errorCode, errorMessage, variables));
    }

    @Override
    public void handleFailure(String externalTaskId, String workerId, String errorMessage, String errorDetails,
                              int retries, long retryDuration, Map<String, Object> variables,
                              Map<String, Object> localVariables) {
        lockingTheOrderOf(externalTaskId, () -> super.handleFailure(externalTaskId, workerId, errorMessage,
                errorDetails, retries, retryDuration, variables, localVariables));
    }

    /**
     * The lock, then the engine's method, as one command. The interceptors check the engine's command when it runs
     * nested: a person's call is still refused there ({@code security.ExternalTaskWorkInterceptor}), and the lock it
     * took meanwhile goes with the rollback.
     */
    private void lockingTheOrderOf(String externalTaskId, Runnable engineMethod) {
        commandExecutor.execute(commandContext -> {
            orders.lockOrderOfExternalTask(externalTaskId);
            engineMethod.run();
            return null;
        });
    }
}
