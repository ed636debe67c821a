package com.baedal.workers.support;

import java.util.Locale;

/** What became of one external task in this worker. */
public enum TaskOutcome {
    /** Completed. */
    COMPLETED,
    /** Reported a BPMN error (business failure the process models, e.g. payment declined). */
    BPMN_ERROR,
    /** Failed; the engine offers it again after the back-off. */
    RETRY,
    /** Failed with no retry left: the engine raised an incident. */
    INCIDENT,
    /** Waits for another step (a refund for the charge in flight): offered again shortly, no retry used up. */
    DEFERRED,
    /** Handed back unstarted because the worker is shutting down. */
    RELEASED,
    /** The task no longer exists: the process moved on (e.g. a cancel interrupted the charge). */
    GONE,
    /** The engine could not be told the result (connection lost, lock lost); the task is offered again. */
    UNREPORTED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the outcomes that count as a failed task. */
    public boolean failed() {
        return this == RETRY || this == INCIDENT;
    }
}
