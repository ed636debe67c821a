package com.baedal.engine.events;

import com.baedal.engine.order.OrderLock;
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
    private final OrderLock lock;

    public OrderEventsPlugin(OrderEventWriter writer, PlacedOrders placedOrders, RegionProperties regions,
                             OrderLock lock) {
        this.writer = writer;
        this.placedOrders = placedOrders;
        this.regions = regions;
        this.lock = lock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.add(new OrderEventsParseListener(writer, placedOrders, regions, lock));
    }
}
