package com.baedal.workers.payment;

import static com.baedal.process.OrderProcess.*;

import com.baedal.workers.support.FetchLoop;
import com.baedal.workers.support.TaskHandling;
import com.baedal.workers.support.TaskTracing;
import com.baedal.workers.support.WorkerProperties;
import java.time.Clock;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.spring.boot.starter.ClientProperties;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The card provider, the payment topics and their fetch loop, the clock of the payment rules, and the scheduled reconciliation. */
@Configuration
public class PaymentConfiguration {

    /**
     * The simulated provider (SPEC §5) on a connection pool of its own to the payments database, where it keeps its
     * ledger in schema {@code card_simulator}: its own transactions, as at a remote provider.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "baedal.payment.provider", havingValue = "simulated", matchIfMissing = true)
    SimulatedCardProvider simulatedCardProvider(DataSourceProperties dataSource, PaymentProperties properties) {
        return SimulatedCardProvider.connect(dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword(), properties.simulator().poolSize());
    }

    @Bean
    @ExternalTaskSubscription(topicName = TOPIC_PAYMENT_CHARGE, processDefinitionKey = PROCESS_KEY,
            variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_CUSTOMER_ID, VAR_TOTAL, VAR_PAYMENT_CREDENTIAL})
    ExternalTaskHandler chargePayment(ChargePaymentHandler charge, PaymentProperties properties,
                                      TaskHandling handling) {
        return handling.decorate(charge, properties.retryPolicy());
    }

    /** A refund waiting for a charge in flight is offered again every {@code baedal.payment.recheck}. */
    @Bean
    @ExternalTaskSubscription(topicName = TOPIC_PAYMENT_REFUND, processDefinitionKey = PROCESS_KEY,
            variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_CUSTOMER_ID, VAR_TOTAL})
    ExternalTaskHandler refundPayment(RefundPaymentHandler refund, PaymentProperties properties,
                                      TaskHandling handling) {
        return handling.decorate(refund, properties.retryPolicy(), properties.recheck());
    }

    /**
     * Charges and refunds in a fetch loop of their own: they never queue behind notifications, whatever the load
     * (their topics say {@code auto-open: false} for the shared client in application.yaml).
     */
    @Bean(destroyMethod = "close")
    FetchLoop paymentFetchLoop(ClientProperties engine, WorkerProperties worker, PaymentProperties properties,
                               ListableBeanFactory beans, TaskTracing tracing) {
        return new FetchLoop("payments", engine, properties.concurrency(), worker.newFetchBackoff(),
                List.of(FetchLoop.Topic.bean(beans, "chargePayment"), FetchLoop.Topic.bean(beans, "refundPayment")),
                List.of(tracing));
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** {@code baedal.payment.reconciliation.enabled}: runs the reconciliation on every instance, one at a time. */
    @Configuration
    @EnableScheduling
    @ConditionalOnProperty(name = "baedal.payment.reconciliation.enabled", havingValue = "true",
            matchIfMissing = true)
    @RequiredArgsConstructor
    static class ScheduledReconciliation {

        private static final Logger log = LoggerFactory.getLogger(ScheduledReconciliation.class);

        private final PaymentReconciliation reconciliation;

        @Scheduled(initialDelayString = "${baedal.payment.reconciliation.interval:PT1M}",
                fixedDelayString = "${baedal.payment.reconciliation.interval:PT1M}")
        void reconcile() {
            try {
                reconciliation.run(false);
            } catch (RuntimeException failed) {
                // the next run tries again; a failure must not end the schedule
                log.warn("Scheduled payment reconciliation failed", failed);
            }
        }
    }
}
