package com.baedal.workers.payment;

import static com.baedal.process.OrderProcess.*;

import com.baedal.contract.PaymentStatus;
import com.baedal.workers.support.TaskFailure;
import com.baedal.workers.support.TaskOutcome;
import com.baedal.workers.support.TaskVariables;
import com.baedal.workers.support.TopicHandler;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.stereotype.Component;

/**
 * Topic {@value com.baedal.process.OrderProcess#TOPIC_PAYMENT_CHARGE}: charges the order's total. Approved ->
 * completes with {@code paymentStatus = APPROVED}; declined -> BPMN error {@code PAYMENT_DECLINED} (no retry);
 * provider unavailable -> failure with decreasing retries and back-off, then an incident. Runs in the payments' own
 * fetch loop; subscribed in {@link PaymentConfiguration#chargePayment}.
 */
@Component
@RequiredArgsConstructor
public class ChargePaymentHandler implements TopicHandler {

    private final PaymentService payments;
    private final PaymentCredentials credentials;

    @Override
    public TaskOutcome handle(ExternalTask task, ExternalTaskService service) {
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
            case PROVIDER_UNAVAILABLE -> throw new TaskFailure("Card provider unavailable", result.detail());
            case CANCELLED -> {
                // The order was cancelled while this task was on its way: nothing was charged. The task is
                // normally gone already; should it still exist, it completes without claiming a charge.
                service.complete(task, Map.of(VAR_PAYMENT_STATUS, result.status().name()));
                yield TaskOutcome.COMPLETED;
            }
        };
    }
}
