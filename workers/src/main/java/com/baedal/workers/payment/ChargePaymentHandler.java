package com.baedal.workers.payment;

import static com.baedal.process.OrderProcess.*;

import com.baedal.contract.PaymentStatus;
import com.baedal.workers.support.TaskOutcome;
import com.baedal.workers.support.TaskVariables;
import com.baedal.workers.support.WorkerLifecycle;
import com.baedal.workers.support.WorkerMetrics;
import com.baedal.workers.support.WorkerTaskHandler;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.stereotype.Component;

/**
 * Topic {@value com.baedal.process.OrderProcess#TOPIC_PAYMENT_CHARGE}: charges the order's total. Approved ->
 * completes with {@code paymentStatus = APPROVED}; declined -> BPMN error {@code PAYMENT_DECLINED} (no retry);
 * provider unavailable -> failure with decreasing retries and back-off, then an incident. Runs in the payments' own
 * fetch loop ({@link PaymentConfiguration#paymentFetchLoop}).
 */
@Component
@ExternalTaskSubscription(topicName = TOPIC_PAYMENT_CHARGE, processDefinitionKey = PROCESS_KEY,
        variableNames = {VAR_TRACEPARENT, VAR_ORDER_ID, VAR_CUSTOMER_ID, VAR_TOTAL, VAR_PAYMENT_CREDENTIAL})
public class ChargePaymentHandler extends WorkerTaskHandler {

    private final PaymentService payments;
    private final PaymentCredentials credentials;

    public ChargePaymentHandler(PaymentService payments, PaymentProperties properties, WorkerMetrics metrics,
                                WorkerLifecycle lifecycle, PaymentCredentials credentials) {
        super(metrics, lifecycle, properties.retryPolicy());
        this.payments = payments;
        this.credentials = credentials;
    }

    @Override
    protected TaskOutcome handle(ExternalTask task, ExternalTaskService service) {
        PaymentService.ChargeRequest request = new PaymentService.ChargeRequest(
                TaskVariables.string(task, VAR_ORDER_ID),
                TaskVariables.string(task, VAR_CUSTOMER_ID),
                TaskVariables.number(task, VAR_TOTAL),
                credentials.cardToken(task));
        PaymentService.ChargeResult result = payments.charge(request);
        return switch (result.outcome()) {
            case APPROVED -> {
                service.complete(task, Map.of(VAR_PAYMENT_STATUS, PaymentStatus.APPROVED.name()));
                yield TaskOutcome.COMPLETED;
            }
            case DECLINED -> {
                service.handleBpmnError(task, ERROR_PAYMENT_DECLINED, result.detail(),
                        Map.of(VAR_PAYMENT_STATUS, PaymentStatus.DECLINED.name()));
                yield TaskOutcome.BPMN_ERROR;
            }
            case PROVIDER_UNAVAILABLE -> fail(task, service, "Card provider unavailable", result.detail());
            case CANCELLED -> {
                // The order was cancelled while this task was on its way: nothing was charged. The task is
                // normally gone already; should it still exist, it completes without claiming a charge.
                service.complete(task, Map.of(VAR_PAYMENT_STATUS, result.status().name()));
                yield TaskOutcome.COMPLETED;
            }
        };
    }
}
