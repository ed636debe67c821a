package com.baedal.readmodel.projection;

import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Business metrics of the projection. Consumer lag comes from the Kafka client metrics that Spring Boot binds
 * ({@code kafka_consumer_fetch_manager_records_lag_max} and friends).
 */
@Component
public class ProjectionMetrics {

    private final Map<OrderEventType, Counter> applied = new EnumMap<>(OrderEventType.class);
    private final Counter duplicates;
    private final Counter parked;
    private final Counter deadLettered;
    private final Timer eventAge;
    private final Clock clock;

    public ProjectionMetrics(MeterRegistry registry) {
        for (OrderEventType type : OrderEventType.values()) {
            applied.put(type, Counter.builder("baedal.readmodel.events.applied")
                    .description("Order events applied to the projection").tag("type", type.name())
                    .register(registry));
        }
        duplicates = Counter.builder("baedal.readmodel.events.duplicates")
                .description("Order events skipped because they were already applied or parked").register(registry);
        parked = Counter.builder("baedal.readmodel.events.parked")
                .description("Order events parked until their predecessor arrives").register(registry);
        deadLettered = Counter.builder("baedal.readmodel.events.dead.lettered")
                .description("Records sent to the dead-letter topic").register(registry);
        eventAge = Timer.builder("baedal.readmodel.event.age")
                .description("From the event's occurredAt (engine commit) to its being visible in the read-model")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(5)).register(registry);
        clock = Clock.systemUTC();
    }

    void record(ApplyOutcome outcome) {
        switch (outcome.kind()) {
            case DUPLICATE -> duplicates.increment();
            case PARKED -> parked.increment();
            case APPLIED -> {
                for (OrderEvent event : outcome.applied()) {
                    applied.get(event.type()).increment();
                    Duration age = Duration.between(event.occurredAt(), clock.instant());
                    eventAge.record(age.isNegative() ? Duration.ZERO : age);
                }
            }
        }
    }

    void deadLettered() {
        deadLettered.increment();
    }
}
