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
 * Topic {@value com.baedal.process.OrderProcess#TOPIC_PAYMENT_REFUND}: the compensation of the charge (rejection,
 * store timeout, cancellation) and the refund of a charge that was in flight when the order was cancelled. Gives
 * back what was taken, records "cancelled" when nothing was, and completes; provider outages are retried. While a
 * charge request of the order may still reach the provider, the task waits (offered again every
 * {@code baedal.payment.recheck}) rather than complete with money possibly on its way. Runs in the payments' own
 * fetch loop; subscribed in {@link PaymentConfiguration#refundPayment}.
 */
@Component
@RequiredArgsConstructor
public class RefundPaymentHandler implements TopicHandler {

    private final PaymentService payments;

    @Override
    public TaskOutcome handle(ExternalTask task, ExternalTaskService service) {
        PaymentService.RefundResult result = payments.refund(new PaymentService.RefundRequest(
                TaskVariables.string(task, VAR_ORDER_ID),
                TaskVariables.string(task, VAR_CUSTOMER_ID),
                TaskVariables.number(task, VAR_TOTAL)));
        switch (result.outcome()) {
            case PROVIDER_UNAVAILABLE -> throw new TaskFailure("Card provider unavailable", result.detail());
            case CHARGE_IN_FLIGHT -> {
                return TaskOutcome.DEFERRED;
            }
            case NOTHING_TO_REFUND -> service.complete(task);
            // money went back (now or earlier): the engine turns this into PaymentRefunded
            case REFUNDED, ALREADY_REFUNDED ->
                    service.complete(task, Map.of(VAR_PAYMENT_STATUS, PaymentStatus.REFUNDED.name()));
        }
        return TaskOutcome.COMPLETED;
    }
}
