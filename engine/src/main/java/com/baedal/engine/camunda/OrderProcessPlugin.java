package com.baedal.engine.camunda;

import com.baedal.engine.order.OrderRepository;
import com.baedal.engine.process.GuardedFormService;
import com.baedal.engine.process.GuardedTaskService;
import com.baedal.engine.process.UserTaskGuard;
import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Hands every {@link BpmnParseListener} bean of the engine (task naming, order events) to Camunda, replaces its
 * external-task service with {@link OrderLockingExternalTaskService} and its task and form services with ones that
 * apply the {@link UserTaskGuard}; the starter applies every {@code ProcessEnginePlugin} bean.
 */
@Component
@RequiredArgsConstructor
public class OrderProcessPlugin extends AbstractProcessEnginePlugin {

    private final List<BpmnParseListener> parseListeners;
    private final OrderRepository orders;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.addAll(parseListeners);
        configuration.setExternalTaskService(new OrderLockingExternalTaskService(orders));
        UserTaskGuard userTasks = new UserTaskGuard();
        configuration.setTaskService(new GuardedTaskService(userTasks));
        configuration.setFormService(new GuardedFormService(userTasks));
    }
}
