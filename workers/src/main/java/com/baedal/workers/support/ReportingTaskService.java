package com.baedal.workers.support;

import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;

/**
 * The task service a handler reports through: the first report (complete, failure, BPMN error, unlock) ends the
 * task's lock extensions before it goes to the engine. An extension and a report of one task at the same moment
 * would update the same row in the engine, and one of them would lose with an optimistic-locking failure; the
 * report must not be the one.
 */
@RequiredArgsConstructor
final class ReportingTaskService implements ExternalTaskService {

    private final ExternalTaskService engine;
    private final WorkerLifecycle.LockHeartbeat lockExtensions;

    private void reporting() {
        lockExtensions.close();
    }

    @Override
    public void lock(String externalTaskId, long lockDuration) {
        engine.lock(externalTaskId, lockDuration);
    }

    @Override
    public void lock(ExternalTask externalTask, long lockDuration) {
        engine.lock(externalTask, lockDuration);
    }

    @Override
    public void unlock(ExternalTask externalTask) {
        reporting();
        engine.unlock(externalTask);
    }

    @Override
    public void complete(ExternalTask externalTask) {
        reporting();
        engine.complete(externalTask);
    }

    @Override
    public void setVariables(String processInstanceId, Map<String, Object> variables) {
        engine.setVariables(processInstanceId, variables);
    }

    @Override
    public void setVariables(ExternalTask externalTask, Map<String, Object> variables) {
        engine.setVariables(externalTask, variables);
    }

    @Override
    public void complete(ExternalTask externalTask, Map<String, Object> variables) {
        reporting();
        engine.complete(externalTask, variables);
    }

    @Override
    public void complete(ExternalTask externalTask, Map<String, Object> variables,
                         Map<String, Object> localVariables) {
        reporting();
        engine.complete(externalTask, variables, localVariables);
    }

    @Override
    public void complete(String externalTaskId, Map<String, Object> variables, Map<String, Object> localVariables) {
        reporting();
        engine.complete(externalTaskId, variables, localVariables);
    }

    @Override
    public void handleFailure(ExternalTask externalTask, String errorMessage, String errorDetails, int retries,
                              long retryTimeout) {
        reporting();
        engine.handleFailure(externalTask, errorMessage, errorDetails, retries, retryTimeout);
    }

    @Override
    public void handleFailure(String externalTaskId, String errorMessage, String errorDetails, int retries,
                              long retryTimeout) {
        reporting();
        engine.handleFailure(externalTaskId, errorMessage, errorDetails, retries, retryTimeout);
    }

    @Override
    public void handleFailure(String externalTaskId, String errorMessage, String errorDetails, int retries,
                              long retryTimeout, Map<String, Object> variables, Map<String, Object> localVariables) {
        reporting();
        engine.handleFailure(externalTaskId, errorMessage, errorDetails, retries, retryTimeout, variables,
                localVariables);
    }

    @Override
    public void handleBpmnError(ExternalTask externalTask, String errorCode) {
        reporting();
        engine.handleBpmnError(externalTask, errorCode);
    }

    @Override
    public void handleBpmnError(ExternalTask externalTask, String errorCode, String errorMessage) {
        reporting();
        engine.handleBpmnError(externalTask, errorCode, errorMessage);
    }

    @Override
    public void handleBpmnError(ExternalTask externalTask, String errorCode, String errorMessage,
                                Map<String, Object> variables) {
        reporting();
        engine.handleBpmnError(externalTask, errorCode, errorMessage, variables);
    }

    @Override
    public void handleBpmnError(String externalTaskId, String errorCode, String errorMessage,
                                Map<String, Object> variables) {
        reporting();
        engine.handleBpmnError(externalTaskId, errorCode, errorMessage, variables);
    }

    @Override
    public void extendLock(ExternalTask externalTask, long newDuration) {
        engine.extendLock(externalTask, newDuration);
    }

    @Override
    public void extendLock(String externalTaskId, long newDuration) {
        engine.extendLock(externalTaskId, newDuration);
    }
}
