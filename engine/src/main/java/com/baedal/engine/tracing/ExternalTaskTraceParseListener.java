package com.baedal.engine.tracing;

import com.baedal.process.OrderProcess;
import com.baedal.support.tracing.TraceContexts;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Carries the order's trace into its external tasks: when an external service task starts, the W3C traceparent of
 * the current span (the placement or command request, or the worker's completion that moved the order on) is stored
 * in the task's execution as {@link OrderProcess#VAR_TRACEPARENT}; the worker fetches it with the task and its span
 * joins that trace ({@code TaskTracing} of the workers). A task started by the job executor (a timer, a retry)
 * has no current span and keeps the traceparent the order had. Any process version gets it: it is added at parse
 * time, not in the BPMN.
 */
@Component
public class ExternalTaskTraceParseListener extends AbstractBpmnParseListener {

    private final ExecutionListener rememberTrace;

    public ExternalTaskTraceParseListener(TraceContexts traces) {
        this.rememberTrace = execution -> traces.current()
                .ifPresent(traceparent -> execution.setVariableLocal(OrderProcess.VAR_TRACEPARENT, traceparent));
    }

    @Override
    public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
            activity.addListener(ExecutionListener.EVENTNAME_START, rememberTrace);
        }
    }
}
