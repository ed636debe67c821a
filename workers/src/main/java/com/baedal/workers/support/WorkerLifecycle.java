package com.baedal.workers.support;

import org.camunda.bpm.client.ExternalTaskClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts fetching once the application is ready (database migrated, subscriptions open: auto-fetching is off in
 * application.yaml) and stops it first on shutdown, before the web server drains. Stopping waits for the running
 * fetch (at most the long-polling timeout) and the task in hand; tasks fetched in the same batch but not started
 * yet are unlocked at once ({@link WorkerTaskHandler}), so another instance picks them up without waiting for the
 * lock to expire. Several instances share the load through fetch-and-lock: a task is locked by one worker only.
 */
@Component
public class WorkerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerLifecycle.class);

    private final ExternalTaskClient client;
    private final boolean autoStart;
    private volatile boolean running;
    private volatile boolean stopping;

    public WorkerLifecycle(ExternalTaskClient client,
                           @Value("${baedal.worker.auto-start:true}") boolean autoStart) {
        this.client = client;
        this.autoStart = autoStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startFetching() {
        if (autoStart && running && !stopping) {
            client.start();
            log.info("External-task client started fetching");
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stopping = true;
        log.info("Stopping the external-task client: no new fetches, unstarted tasks are unlocked");
        client.stop();
        running = false;
        log.info("External-task client stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first on shutdown: before the web server's graceful shutdown and the data source. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** True once shutdown began: handlers hand back the tasks they have not started. */
    public boolean isStopping() {
        return stopping;
    }
}
