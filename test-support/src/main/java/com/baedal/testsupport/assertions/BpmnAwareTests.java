package com.baedal.testsupport.assertions;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The part of Camunda's assert library ({@code org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests}) the
 * process and engine tests use, for the engine whose own library is not on the package registry this build uses:
 * on Operaton (the default build) the tests' imports of Camunda's package are mapped to this one (root pom, profile
 * {@code operaton}); on Camunda the tests run on Camunda's library itself. Same names, same meaning: where an
 * instance waits, whether it ended, which activities it passed, its variables.
 */
public final class BpmnAwareTests {

    private static volatile ProcessEngine engine;

    private BpmnAwareTests() {
    }

    /** The engine to ask; without it, the one engine registered in the JVM (a Spring Boot engine registers). */
    public static void init(ProcessEngine processEngine) {
        engine = processEngine;
    }

    public static ProcessInstanceAssert assertThat(ProcessInstance instance) {
        return new ProcessInstanceAssert(instance, engine != null ? engine : ProcessEngines.getDefaultProcessEngine());
    }
}
