package com.baedal.engine.order;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of the pick-up, however it happens (the rider's API command, Tasklist, engine REST): its assignee
 * becomes the order's rider on the order row, in the step's own transaction. The process records the same rider
 * ({@code riderId}, the confirm-delivery assignee) and the OrderPickedUp event names the assignee, so the four never
 * disagree. The engine guarantees the assignee: completing an unclaimed pick-up claims it for the completing user
 * ({@link com.baedal.engine.process.UserTaskGuard}).
 */
@Component
public class RiderAssignment implements TaskListener {

    private final OrderRepository orders;

    RiderAssignment(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public void notify(DelegateTask task) {
        String rider = task.getAssignee();
        String orderId = task.getExecution().getProcessBusinessKey();
        if (rider == null) {
            throw new ProcessEngineException("The pick-up of order " + orderId + " was completed without a rider");
        }
        orders.assignRider(orderId, rider);
    }
}
