package com.baedal.engine.order;

import static com.baedal.process.OrderProcess.*;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.Role;
import com.baedal.contract.api.StepResult;
import com.baedal.support.security.Caller;
import com.baedal.support.web.ApiProblem;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The commands that move a placed order on: the customer's cancel, the store owner's answer and cooking steps,
 * the rider's pick-up and delivery. Each completes the matching user task (or correlates the cancel message) and
 * answers 409 when the order is not at that step. A command returns once the engine committed the step. The commands
 * act without a Camunda user but under the same engine rules as Tasklist: a task completes with the fields of its
 * form (the answer, the confirmations), never with order facts.
 */
@Service
@RequiredArgsConstructor
public class OrderSteps {

    private final OrderRepository orders;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final TransactionTemplate tx;
    /** Retries a step that lost an optimistic-locking race with a worker or a timer on the same order. */
    private final RetryTemplate onConcurrentUpdate = RetryTemplate.builder()
            .maxAttempts(3)
            .fixedBackoff(50)
            .retryOn(OptimisticLockingException.class)
            .build();

    public StepResult cancel(Caller caller, String orderId) {
        OrderRecord order = orders.find(orderId).orElseThrow(() -> ApiProblem.orderNotFound(orderId));
        if (!caller.is(Role.CUSTOMER) || !order.customerId().equals(caller.subject())) {
            throw ApiProblem.forbidden("Only the customer who placed order " + orderId + " can cancel it.");
        }
        try {
            inOrder(order, () -> runtime.createMessageCorrelation(MESSAGE_CANCEL_REQUESTED)
                    .processInstanceId(order.processInstanceId())
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException tooLate) {
            throw ApiProblem.conflict("cancel-refused", "Order can no longer be cancelled",
                    "Order " + orderId + " has started cooking or has ended; it cannot be cancelled.");
        }
        return new StepResult(orderId, StepResult.CANCEL_REQUESTED);
    }

    public StepResult accept(Caller caller, String storeId, String orderId) {
        OrderRecord order = storeOrder(caller, storeId, orderId);
        completeStoreTask(order, TASK_ACCEPT_ORDER, Map.of(VAR_ACCEPTED, true));
        return new StepResult(orderId, OrderStatus.ACCEPTED);
    }

    public StepResult reject(Caller caller, String storeId, String orderId, String reason) {
        OrderRecord order = storeOrder(caller, storeId, orderId);
        completeStoreTask(order, TASK_ACCEPT_ORDER, Map.of(VAR_ACCEPTED, false, VAR_REJECTION_REASON, reason));
        return new StepResult(orderId, OrderStatus.REJECTED);
    }

    public StepResult cookingStarted(Caller caller, String storeId, String orderId) {
        completeStoreTask(storeOrder(caller, storeId, orderId), TASK_START_COOKING,
                Map.of(VAR_COOKING_STARTED_CONFIRMED, true));
        return new StepResult(orderId, OrderStatus.COOKING);
    }

    public StepResult cookingFinished(Caller caller, String storeId, String orderId) {
        completeStoreTask(storeOrder(caller, storeId, orderId), TASK_FINISH_COOKING,
                Map.of(VAR_COOKING_FINISHED_CONFIRMED, true));
        return new StepResult(orderId, OrderStatus.READY_FOR_PICKUP);
    }

    /**
     * Exactly one rider gets an order: picks of one order run one after the other (the order lock), so the second
     * finds the task gone and answers 409; a pick-up another rider claimed in Tasklist is 409 too. The claim makes
     * the rider the task's assignee, and completing it makes the assignee the order's rider (RiderAssignment: the
     * process's riderId), exactly as a completion in Tasklist does.
     */
    public StepResult pick(Caller caller, String orderId) {
        OrderRecord order = orders.find(orderId).orElseThrow(() -> ApiProblem.orderNotFound(orderId));
        if (!caller.is(Role.RIDER) || !order.region().equals(caller.region())) {
            throw ApiProblem.forbidden("Only riders of region " + order.region() + " can pick order "
                    + orderId + ".");
        }
        try {
            inOrder(order, () -> {
                Task task = tasks.createTaskQuery().processInstanceId(order.processInstanceId())
                        .taskDefinitionKey(TASK_PICK_UP).singleResult();
                if (task == null) {
                    throw riderOf(order).isPresent() ? alreadyTaken(orderId) : notAtStep(orderId, TASK_PICK_UP);
                }
                tasks.claim(task.getId(), caller.subject());
                tasks.complete(task.getId(), Map.of(VAR_PICKED_UP_CONFIRMED, true));
                return null;
            });
        } catch (TaskAlreadyClaimedException claimedInTasklist) {
            throw alreadyTaken(orderId);
        }
        return new StepResult(orderId, OrderStatus.PICKED_UP);
    }

    public StepResult complete(Caller caller, String orderId) {
        OrderRecord order = orders.find(orderId).orElseThrow(() -> ApiProblem.orderNotFound(orderId));
        if (!caller.is(Role.RIDER)) {
            throw notTheRider(orderId);
        }
        inOrder(order, () -> {
            Task task = tasks.createTaskQuery().processInstanceId(order.processInstanceId())
                    .taskDefinitionKey(TASK_CONFIRM_DELIVERY).singleResult();
            if (task == null) {
                // not (or no longer) at that step: someone else's order is still none of this caller's business
                throw riderOf(order).filter(rider -> !rider.equals(caller.subject())).isPresent()
                        ? notTheRider(orderId) : notAtStep(orderId, TASK_CONFIRM_DELIVERY);
            }
            if (!Objects.equals(task.getAssignee(), caller.subject())) {
                throw notTheRider(orderId);
            }
            tasks.complete(task.getId(), Map.of(VAR_DELIVERED, true));
            return null;
        });
        return new StepResult(orderId, OrderStatus.DELIVERED);
    }

    private OrderRecord storeOrder(Caller caller, String storeId, String orderId) {
        if (!caller.is(Role.STORE_OWNER) || !storeId.equals(caller.storeId())) {
            throw ApiProblem.forbidden("Only the owner of store " + storeId + " can act on its orders.");
        }
        return orders.find(orderId)
                .filter(order -> order.storeId().equals(storeId))
                .orElseThrow(() -> ApiProblem.orderNotFound(orderId));
    }

    private void completeStoreTask(OrderRecord order, String taskKey, Map<String, Object> variables) {
        inOrder(order, () -> {
            tasks.complete(openTask(order, taskKey).getId(), variables);
            return null;
        });
    }

    /**
     * Runs a step of one order in a transaction that first takes the order's row lock: steps of one order (API
     * commands, worker completions, timers) then run one after the other instead of racing on the process
     * instance's rows, which on PostgreSQL ends in deadlocks. Because the lock comes before the engine reads
     * anything, the step sees the state its predecessor committed; an optimistic-locking loss against a step that
     * read before it waited (a worker's completion, a timer) is retried.
     */
    private <T> T inOrder(OrderRecord order, Supplier<T> step) {
        return onConcurrentUpdate.execute(attempt -> tx.execute(status -> {
            orders.lock(order.orderId());
            return step.get();
        }));
    }

    /**
     * The order's rider: the process's {@code riderId} ({@link RiderAssignment}), read from the engine's history so
     * that it is there after the process has ended too. Only asked on the way to a refusal.
     */
    private Optional<String> riderOf(OrderRecord order) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(order.processInstanceId())
                .variableName(VAR_RIDER_ID).list().stream()
                .map(HistoricVariableInstance::getValue).filter(String.class::isInstance).map(String.class::cast)
                .findFirst();
    }

    private static ApiProblem notTheRider(String orderId) {
        return ApiProblem.forbidden("Only the rider who picked order " + orderId + " can complete it.");
    }

    private static ApiProblem alreadyTaken(String orderId) {
        return ApiProblem.conflict("already-picked", "Order already taken",
                "Another rider has taken order " + orderId + ".");
    }

    private Task openTask(OrderRecord order, String taskKey) {
        Task task = tasks.createTaskQuery()
                .processInstanceId(order.processInstanceId())
                .taskDefinitionKey(taskKey)
                .singleResult();
        if (task == null) {
            throw notAtStep(order.orderId(), taskKey);
        }
        return task;
    }

    private static ApiProblem notAtStep(String orderId, String step) {
        return ApiProblem.conflict("order-not-at-step", "Order is not at that step",
                "Order " + orderId + " is not waiting for '" + step + "'.");
    }
}
