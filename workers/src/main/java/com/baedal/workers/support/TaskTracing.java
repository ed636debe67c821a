package com.baedal.workers.support;

import com.baedal.process.OrderProcess;
import com.baedal.support.tracing.TraceContexts;
import java.util.function.Supplier;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.client.interceptor.ClientRequestContext;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.camunda.bpm.client.task.ExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The worker's part of an order's trace, in one place for every topic handler: {@link #handle} runs the handling of
 * a task in a span that continues the trace the engine stored with the task ({@link OrderProcess#VAR_TRACEPARENT},
 * fetched with the task's variables), so its log lines carry that trace id; as the external-task client's
 * {@link ClientRequestInterceptor} it sends the current span's traceparent with the calls made while handling
 * (complete, failure, BPMN error, lock extension), so the engine's step that follows joins the trace too.
 */
@Component
@RequiredArgsConstructor
public class TaskTracing implements ClientRequestInterceptor {

    /** No tracing (handlers built outside Spring, tests). */
    public static final TaskTracing OFF = new TaskTracing(TraceContexts.off());

    private static final Logger log = LoggerFactory.getLogger(TaskTracing.class);

    private final TraceContexts traces;

    /** Runs {@code work} (the handling of {@code task}) in a span of the task's trace. */
    public <T> T handle(ExternalTask task, Supplier<T> work) {
        String traceparent = task.getVariable(OrderProcess.VAR_TRACEPARENT);
        return traces.inSpan("external-task " + task.getTopicName(), traceparent, () -> {
            log.debug("Task {} of topic {} for order {}", task.getId(), task.getTopicName(), task.getBusinessKey());
            return work.get();
        });
    }

    @Override
    public void intercept(ClientRequestContext request) {
        traces.current().ifPresent(traceparent -> request.addHeader(TraceContexts.TRACEPARENT, traceparent));
    }
}
