package com.baedal.testsupport.assertions;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.MapAssert;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Assertions on one process instance, asked of the engine's runtime and history. */
public final class ProcessInstanceAssert extends AbstractAssert<ProcessInstanceAssert, ProcessInstance> {

    private final ProcessEngine processEngine;

    ProcessInstanceAssert(ProcessInstance actual, ProcessEngine processEngine) {
        super(actual, ProcessInstanceAssert.class);
        this.processEngine = processEngine;
    }

    public ProcessInstanceAssert isEnded() {
        isNotNull();
        if (running()) {
            failWithMessage("Expected process instance %s to be ended, but it is waiting at %s", actual.getId(),
                    activeActivityIds());
        }
        return this;
    }

    public ProcessInstanceAssert isNotEnded() {
        isNotNull();
        if (!running()) {
            failWithMessage("Expected process instance %s not to be ended, but it is", actual.getId());
        }
        return this;
    }

    /** Waits at least at all these activities (it may wait at others too). */
    public ProcessInstanceAssert isWaitingAt(String... activityIds) {
        isNotEnded();
        Assertions.assertThat(activeActivityIds())
                .as("activities process instance %s waits at", actual.getId())
                .contains(activityIds);
        return this;
    }

    /** Has completed each of these activities at least once. */
    public ProcessInstanceAssert hasPassed(String... activityIds) {
        passedActivities().contains(activityIds);
        return this;
    }

    public ProcessInstanceAssert hasNotPassed(String... activityIds) {
        passedActivities().doesNotContain(activityIds);
        return this;
    }

    private ListAssert<String> passedActivities() {
        isNotNull();
        return Assertions.assertThat(passedActivityIds())
                .as("activities process instance %s passed", actual.getId());
    }

    /** The variables of the running instance. */
    public MapAssert<String, Object> variables() {
        isNotEnded();
        Map<String, Object> variables = processEngine.getRuntimeService().getVariables(actual.getId());
        return Assertions.assertThat(variables);
    }

    private boolean running() {
        return processEngine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(actual.getId()).count() > 0;
    }

    private List<String> activeActivityIds() {
        return processEngine.getRuntimeService().getActiveActivityIds(actual.getId());
    }

    private List<String> passedActivityIds() {
        return processEngine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(actual.getId()).finished().list().stream()
                .map(HistoricActivityInstance::getActivityId).toList();
    }
}
