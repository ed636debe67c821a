package com.baedal.simulator.chaos;

import com.baedal.contract.OrderStatus;
import com.baedal.simulator.BaedalClient;
import com.baedal.simulator.bench.Metrics;
import com.baedal.simulator.bench.PlatformDriver;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Orders flowing through the gateway while a fault hits: the bench's bots ({@link PlatformDriver}, closed loop),
 * with every status sighting kept so that recovery can be timed.
 */
final class Load implements AutoCloseable {

    /** Time from the fault's end to every affected order moving again; {@code moved} false when one never did. */
    record Recovery(Duration time, boolean moved, int affected) {
    }

    private final PlatformDriver driver;
    /** Per order: nanoTime of every status sighting, in order. */
    private final Map<String, ConcurrentSkipListSet<Long>> sightings = new ConcurrentHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();

    Load(BaedalClient client, int concurrency, PlatformDriver.Mix mix, Duration orderTimeout) {
        this.driver = new PlatformDriver(client, new Metrics(System.nanoTime()), mix, orderTimeout,
                System.nanoTime());
        driver.observe(this::seen);
        try {
            driver.prepare();
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
        driver.setConcurrency(concurrency);
    }

    private void seen(String orderId, OrderStatus status, long nanoTime) {
        sightings.computeIfAbsent(orderId, id -> new ConcurrentSkipListSet<>()).add(nanoTime);
        if (status.isFinal()) {
            finished.add(orderId);
        }
    }

    /** Waits until this many orders were placed (the load is under way). */
    void awaitPlaced(long orders, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (driver.placedTotal() < orders && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    Set<String> inFlight() {
        return driver.inFlightOrders();
    }

    /**
     * Waits until each affected order was seen in a new status after {@code since} (or had already ended), at most
     * {@code bound}; the recovery is the latest of those first sightings after {@code since}.
     */
    Recovery recovery(Set<String> affected, long since, Duration bound) throws InterruptedException {
        long deadline = since + bound.toNanos();
        long latest = since;
        for (String orderId : affected) {
            while (true) {
                Long moved = movedAfter(orderId, since);
                if (moved != null) {
                    latest = Math.max(latest, moved);
                    break;
                }
                if (endedBefore(orderId, since)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    return new Recovery(bound, false, affected.size());
                }
                Thread.sleep(50);
            }
        }
        return new Recovery(Duration.ofNanos(latest - since), true, affected.size());
    }

    private Long movedAfter(String orderId, long since) {
        ConcurrentSkipListSet<Long> seen = sightings.get(orderId);
        return seen == null ? null : seen.ceiling(since);
    }

    private boolean endedBefore(String orderId, long since) {
        return finished.contains(orderId) && movedAfter(orderId, since) == null;
    }

    /** Stops placing orders and waits for those under way to end. */
    boolean drain(Duration timeout) throws InterruptedException {
        driver.stopArrivals();
        return driver.awaitDrained(timeout);
    }

    long placed() {
        return driver.placedTotal();
    }

    @Override
    public void close() {
        driver.close();
    }
}
