package com.baedal.engine.camunda;

import com.baedal.engine.order.RiderAssignment;
import com.baedal.engine.process.OrderTaskCreateListener;
import com.baedal.process.OrderProcess;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Parse-time additions to the order process:
 * <ul>
 *   <li>every user task of {@code order-delivery} gets a create listener ({@link OrderTaskCreateListener}) that
 *       appends the order number to the task name (the BPMN keeps plain names), writes the task's card into its
 *       description and hands the later store steps to the owner who did the step before;</li>
 *   <li>the pick-up gets a built-in complete listener ({@link RiderAssignment}) that makes its assignee the order's
 *       rider (the process's {@code riderId}, the rider's one owner);</li>
 *   <li>script tasks are refused in any process (platform rule: no scripts on the engine).</li>
 * </ul>
 */
@Component
@RequiredArgsConstructor
public class OrderTaskParseListener extends AbstractBpmnParseListener {

    private final TaskListener onCreate = new OrderTaskCreateListener();
    private final RiderAssignment riderAssignment;

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (!OrderProcess.PROCESS_KEY.equals(processKey(activity))) {
            return;
        }
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
            behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, onCreate);
            if (OrderProcess.TASK_PICK_UP.equals(activity.getId())) {
                // built-in: runs even when an operator skips custom listeners
                behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, riderAssignment);
            }
        }
    }

    @Override
    public void parseScriptTask(Element scriptTaskElement, ScopeImpl scope, ActivityImpl activity) {
        throw new ProcessEngineException("Script tasks are not allowed on this engine: '" + activity.getId()
                + "' in process '" + processKey(activity) + "'");
    }

    private static String processKey(ActivityImpl activity) {
        return activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                ? definition.getKey()
                : activity.getProcessDefinition().getId();
    }
}
