package com.baedal.engine.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Hands every {@link BpmnParseListener} bean of the engine (task naming, order events) to Camunda; the starter applies
 * every {@code ProcessEnginePlugin} bean.
 */
@Component
public class OrderProcessPlugin extends AbstractProcessEnginePlugin {

    private final List<BpmnParseListener> parseListeners;

    public OrderProcessPlugin(List<BpmnParseListener> parseListeners) {
        this.parseListeners = parseListeners;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.addAll(parseListeners);
    }
}
