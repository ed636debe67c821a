package com.baedal.engine.events;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Registers {@link OrderEventsParseListener} with the engine (the starter applies every plugin bean). */
@Component
public class OrderEventsPlugin extends AbstractProcessEnginePlugin {

    private final OrderEventWriter writer;
    private final PlacedOrders placedOrders;
    private final RegionProperties regions;

    public OrderEventsPlugin(OrderEventWriter writer, PlacedOrders placedOrders, RegionProperties regions) {
        this.writer = writer;
        this.placedOrders = placedOrders;
        this.regions = regions;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.add(new OrderEventsParseListener(writer, placedOrders, regions));
    }
}
