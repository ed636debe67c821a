package com.baedal.engine.order;

import static com.baedal.process.OrderProcess.VAR_RIDER_ID;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of the pick-up, however it happens (the rider's API command, Tasklist, engine REST): its assignee
 * becomes the order's rider. The rider has one owner, the process variable {@code riderId}, written here in the
 * step's own transaction (as a built-in listener, so also when custom listeners are skipped; the BPMN's own listener
 * writes the same value). Everything else derives from it: the confirm-delivery task's assignee ({@code ${riderId}}
 * in the BPMN), the OrderPickedUp/OrderDelivered events, and the rider commands' checks ({@code OrderSteps}, from
 * the engine's history once the process has ended). The engine guarantees the assignee: completing an unclaimed
 * pick-up claims it for the completing user ({@link com.baedal.engine.process.UserTaskGuard}).
 */
@Component
public class RiderAssignment implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String rider = task.getAssignee();
        if (rider == null) {
            throw new ProcessEngineException("The pick-up of order " + task.getExecution().getProcessBusinessKey()
                    + " was completed without a rider");
        }
        task.getExecution().setVariable(VAR_RIDER_ID, rider);
    }
}
