package com.baedal.workers.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.backoff.ErrorAwareBackoffStrategy;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.spring.boot.starter.ClientProperties;
import org.camunda.bpm.client.spring.impl.subscription.SubscriptionConfiguration;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;

/**
 * A fetch loop takes its topics from the handlers' annotations, and only topics the shared client leaves alone; a
 * failed fetch backs off at most {@code baedal.worker.max-error-backoff-ms} (what an engine outage costs afterwards).
 */
class FetchLoopTest {

    @ExternalTaskSubscription(topicName = "money", variableNames = {"orderId", "total"})
    static class MoneyHandler implements ExternalTaskHandler {
        @Override
        public void execute(ExternalTask task, ExternalTaskService service) {
            service.complete(task);
        }
    }

    private static ClientProperties engine(Boolean moneyAutoOpen) {
        ClientProperties engine = new ClientProperties();
        engine.setBaseUrl("http://localhost:1/engine-rest");
        engine.setWorkerId("workers-1");
        engine.setLockDuration(10_000L);
        engine.setAsyncResponseTimeout(20_000L);
        if (moneyAutoOpen != null) {
            SubscriptionConfiguration money = new SubscriptionConfiguration();
            money.setAutoOpen(moneyAutoOpen);
            engine.setSubscriptions(Map.of("money", money));
        }
        return engine;
    }

    /** The test's handler with the subscription its class carries. */
    private static FetchLoop.Topic moneyTopic() {
        return new FetchLoop.Topic(MoneyHandler.class.getAnnotation(ExternalTaskSubscription.class),
                new MoneyHandler());
    }

    @Test
    void subscribesTheHandlersTopicsInALoopOfItsOwn() {
        FetchLoop loop = new FetchLoop("payments", engine(false), 2, new WorkerProperties(500, 2000)
                .newFetchBackoff(), List.of(moneyTopic()));

        assertThat(loop.topics()).containsExactly("money");
        assertThat(loop.name()).isEqualTo("payments");
        assertThat(loop.isActive()).isFalse();
        assertThat(loop.inHand()).isZero();
        loop.close();
    }

    @Test
    void refusesATopicTheSharedClientWouldFetchToo() {
        for (Boolean autoOpen : new Boolean[] {null, true}) {
            assertThatThrownBy(() -> new FetchLoop("payments", engine(autoOpen), 2,
                    new WorkerProperties(500, 2000).newFetchBackoff(), List.of(moneyTopic())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("camunda.bpm.client.subscriptions.money.auto-open");
        }
    }

    @Test
    void aFailedFetchBacksOffAtMostTheConfiguredCap() {
        ErrorAwareBackoffStrategy backoff = (ErrorAwareBackoffStrategy) new WorkerProperties(500, 2000)
                .newFetchBackoff();
        ExternalTaskClientException down = new ExternalTaskClientException("engine down", null);
        List<Long> waits = new ArrayList<>();
        for (int failure = 0; failure < 6; failure++) {
            backoff.reconfigure(List.of(), down);
            waits.add(backoff.calculateBackoffTime());
        }
        assertThat(waits).containsExactly(500L, 1000L, 2000L, 2000L, 2000L, 2000L);

        backoff.reconfigure(List.of(), null); // the engine answers again
        assertThat(backoff.calculateBackoffTime()).isZero();
    }
}
