package com.baedal.workers.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Worker meters: {@code baedal.worker.tasks} (counter, tags topic and outcome) and
 * {@code baedal.worker.task.duration} (timer, tag topic).
 */
@Component
@RequiredArgsConstructor
public class WorkerMetrics {

    public static final String TASKS = "baedal.worker.tasks";
    public static final String TASK_DURATION = "baedal.worker.task.duration";

    private final MeterRegistry registry;

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void handled(String topic, TaskOutcome outcome, Timer.Sample sample) {
        Counter.builder(TASKS)
                .description("External tasks handled, by topic and outcome")
                .tag("topic", topic)
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
        sample.stop(Timer.builder(TASK_DURATION)
                .description("Time to handle one external task")
                .tag("topic", topic)
                .register(registry));
    }
}
