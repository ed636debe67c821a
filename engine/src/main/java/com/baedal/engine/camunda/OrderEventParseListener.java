package com.baedal.engine.camunda;

import static com.baedal.process.OrderProcess.*;

import com.baedal.engine.events.OrderEventWriter;
import com.baedal.engine.events.RegionProperties;
import com.baedal.engine.order.OrderInHand;
import com.baedal.contract.PaymentStatus;
import com.baedal.contract.event.OrderEventData;
import com.baedal.contract.event.OrderEventType;
import java.util.List;
import java.util.function.Function;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * THE place where steps of {@code order-delivery} become order events (SPEC §4). When the process is parsed, it
 * attaches built-in listeners (they run even when an operator skips custom listeners) to the elements the contract
 * names, and fails the deployment if one of them is missing from the diagram:
 * <ul>
 *   <li>execution listeners on sequence flows ("take") and task-complete listeners fire only when a step really
 *       happened;</li>
 *   <li>"end" listeners also fire when an activity is cancelled by an interruption, so they skip cancelled
 *       executions: an interrupted step never emits an event.</li>
 * </ul>
 * Each listener writes the event through {@link OrderEventWriter} in the step's own transaction.
 */
@Component
@RequiredArgsConstructor
public class OrderEventParseListener extends AbstractBpmnParseListener {

    private final OrderEventWriter writer;
    private final RegionProperties regions;

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
        if (!PROCESS_KEY.equals(process.getKey())) {
            return;
        }
        onEnd(process, START_ORDER_PLACED, OrderEventType.OrderPlaced,
                execution -> placed(orderId(execution)));
        onTake(process, FLOW_PAYMENT_TAKEN, OrderEventType.PaymentApproved,
                execution -> new OrderEventData.PaymentApproved(total(execution)));
        onEnd(process, EVENT_PAYMENT_DECLINED, OrderEventType.PaymentDeclined,
                execution -> new OrderEventData.PaymentDeclined(total(execution)));
        onTake(process, FLOW_ORDER_ACCEPTED, OrderEventType.OrderAccepted,
                execution -> new OrderEventData.OrderAccepted());
        onEnd(process, EVENT_REJECTION_STARTED, OrderEventType.OrderRejected,
                execution -> new OrderEventData.OrderRejected(string(execution.getVariable(VAR_REJECTION_REASON))));
        onComplete(process, TASK_START_COOKING, OrderEventType.CookingStarted,
                task -> new OrderEventData.CookingStarted());
        onComplete(process, TASK_FINISH_COOKING, OrderEventType.CookingFinished,
                task -> new OrderEventData.CookingFinished());
        onComplete(process, TASK_PICK_UP, OrderEventType.OrderPickedUp,
                task -> new OrderEventData.OrderPickedUp(rider(task)));
        onComplete(process, TASK_CONFIRM_DELIVERY, OrderEventType.OrderDelivered,
                task -> new OrderEventData.OrderDelivered(rider(task)));
        onStart(process, END_ORDER_CANCELLED, OrderEventType.OrderCancelled,
                execution -> new OrderEventData.OrderCancelled());
        onRefund(process, TASK_REFUND_PAYMENT);
        onRefund(process, TASK_REFUND_CHARGE_IN_FLIGHT);
        onEnd(process, EVENT_RIDER_SEARCH_TIMEOUT, OrderEventType.RiderSearchEscalated, execution -> {
            String region = string(execution.getVariable(VAR_REGION));
            List<String> neighbours = regions.neighboursOf(region);
            // the escalation's notification task reads them: the workers keep no region map of their own
            execution.setVariable(VAR_NEIGHBOUR_REGIONS, String.join(",", neighbours));
            return new OrderEventData.RiderSearchEscalated(region, neighbours);
        });
    }

    /**
     * PaymentRefunded only when the refund handler reported money returned ({@code paymentStatus = REFUNDED}, see
     * {@link com.baedal.process.OrderProcess#VAR_PAYMENT_STATUS}).
     */
    private void onRefund(ProcessDefinitionEntity process, String activityId) {
        activity(process, activityId).addBuiltInListener(ExecutionListener.EVENTNAME_END,
                (ExecutionListener) execution -> {
                    if (!execution.isCanceled() && PaymentStatus.REFUNDED.name()
                            .equals(string(execution.getVariable(VAR_PAYMENT_STATUS)))) {
                        writer.append(orderId(execution), OrderEventType.PaymentRefunded,
                                new OrderEventData.PaymentRefunded(total(execution)));
                    }
                });
    }

    private void onEnd(ProcessDefinitionEntity process, String activityId, OrderEventType type,
                       Function<DelegateExecution, Object> data) {
        activity(process, activityId).addBuiltInListener(ExecutionListener.EVENTNAME_END,
                (ExecutionListener) execution -> {
                    if (!execution.isCanceled()) {
                        writer.append(orderId(execution), type, data.apply(execution));
                    }
                });
    }

    private void onStart(ProcessDefinitionEntity process, String activityId, OrderEventType type,
                         Function<DelegateExecution, Object> data) {
        activity(process, activityId).addBuiltInListener(ExecutionListener.EVENTNAME_START,
                (ExecutionListener) execution -> writer.append(orderId(execution), type, data.apply(execution)));
    }

    private void onTake(ProcessDefinitionEntity process, String flowId, OrderEventType type,
                        Function<DelegateExecution, Object> data) {
        transition(process, flowId).addBuiltInListener(ExecutionListener.EVENTNAME_TAKE,
                (ExecutionListener) execution -> writer.append(orderId(execution), type, data.apply(execution)));
    }

    private void onComplete(ProcessDefinitionEntity process, String taskId, OrderEventType type,
                            Function<DelegateTask, Object> data) {
        if (!(activity(process, taskId).getActivityBehavior() instanceof UserTaskActivityBehavior userTask)) {
            throw new ProcessEngineException("'" + taskId + "' of " + PROCESS_KEY + " is not a user task");
        }
        userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
                task -> writer.append(orderId(task), type, data.apply(task)));
    }

    private static ActivityImpl activity(ProcessDefinitionEntity process, String id) {
        ActivityImpl activity = process.findActivity(id);
        if (activity == null) {
            throw new ProcessEngineException("Order events: element '" + id + "' is missing from " + PROCESS_KEY);
        }
        return activity;
    }

    private static TransitionImpl transition(ProcessDefinitionEntity process, String id) {
        TransitionImpl found = findTransition(process, id);
        if (found == null) {
            throw new ProcessEngineException("Order events: sequence flow '" + id + "' is missing from "
                    + PROCESS_KEY);
        }
        return found;
    }

    private static TransitionImpl findTransition(ScopeImpl scope, String id) {
        for (ActivityImpl activity : scope.getActivities()) {
            for (PvmTransition transition : activity.getOutgoingTransitions()) {
                if (id.equals(transition.getId())) {
                    return (TransitionImpl) transition;
                }
            }
            TransitionImpl nested = findTransition(activity, id);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    /** The order its placement has in hand while the process starts: never read back from the row just written. */
    private static OrderEventData.OrderPlaced placed(String orderId) {
        return OrderInHand.placed(orderId).orElseThrow(() -> new ProcessEngineException("Order " + orderId
                + " is not being placed: cannot record OrderPlaced. Orders are placed through POST /api/orders."));
    }

    private static String orderId(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        return businessKey != null ? businessKey : string(execution.getVariable(VAR_ORDER_ID));
    }

    private static String orderId(DelegateTask task) {
        return task.getExecution() != null ? orderId(task.getExecution()) : string(task.getVariable(VAR_ORDER_ID));
    }

    private static long total(DelegateExecution execution) {
        return execution.getVariable(VAR_TOTAL) instanceof Number total ? total.longValue() : 0L;
    }

    private static String rider(DelegateTask task) {
        String rider = string(task.getVariable(VAR_RIDER_ID));
        return rider != null ? rider : task.getAssignee();
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
