package com.baedal.workers.support;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;

/**
 * The work of one topic, as a plain bean: read the task's variables, call a domain service, tell the engine the result
 * (complete, BPMN error) and say what happened. A failure to retry with the topic's policy is thrown as a
 * {@link TaskFailure}; a task that waits for another step returns {@link TaskOutcome#DEFERRED}. Logging context, the
 * order's trace, shutdown release, retries and metrics come from {@link TaskHandling#decorate}.
 */
@FunctionalInterface
public interface TopicHandler {

    TaskOutcome handle(ExternalTask task, ExternalTaskService service);
}
