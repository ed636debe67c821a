package com.baedal.workers.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.ExternalTaskClientBuilder;
import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.spring.boot.starter.ClientProperties;
import org.camunda.bpm.client.spring.impl.subscription.SubscriptionConfiguration;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.topic.TopicSubscriptionBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * A fetch loop of its own (an external-task client with its own thread, worker id and HTTP connections) for a few
 * topics that must never wait behind the others: the payment topics get one, so a burst of notifications cannot
 * starve charges and refunds (the BPMN stays as it is: no task priorities needed). It takes the engine settings of
 * {@code camunda.bpm.client.*} and the subscriptions from each handler's {@link ExternalTaskSubscription}; the
 * topic's {@code camunda.bpm.client.subscriptions.<topic>.auto-open: false} keeps the starter's shared client off it.
 * <p>
 * It handles up to {@code concurrency} tasks at the same time (the external-task client itself handles one after the
 * other): one slow provider call does not hold up the other orders' payments. When every handler thread is busy
 * the fetch thread waits for one before it fetches again, so it never locks more than one batch beyond what it works
 * on.
 * <p>
 * Unlike the starter's client it bounds every HTTP call: a long poll against an engine that vanished without closing
 * the connection (a lost node) ends after the long-polling timeout plus a margin instead of hanging.
 */
public class FetchLoop {

    /** Added to the long-polling timeout: how long an answer may take beyond it before the call is given up. */
    static final long RESPONSE_MARGIN_MS = 5_000;
    static final long CONNECT_TIMEOUT_MS = 3_000;
    /** How long stopping waits for the tasks in hand: within the shutdown phase timeout (45 s). */
    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(FetchLoop.class);

    private final String name;
    private final ExternalTaskClient client;
    private final ThreadPoolExecutor handlers;
    private final List<String> topics;
    private final Object idle = new Object();
    /** tasks handed to a handler thread and not finished yet (guarded by {@link #idle}) */
    private int inHand;

    /**
     * @param name        appended to the worker id: the engine tells the loops apart by it
     * @param concurrency tasks handled at the same time, and fetched per round trip
     */
    public FetchLoop(String name, ClientProperties engine, int concurrency, BackoffStrategy backoff,
                     List<Topic> topicHandlers) {
        this(name, engine, concurrency, backoff, topicHandlers, List.of());
    }

    /** @param interceptors added to every call to the engine (e.g. {@link TaskTracing}) */
    public FetchLoop(String name, ClientProperties engine, int concurrency, BackoffStrategy backoff,
                     List<Topic> topicHandlers, List<ClientRequestInterceptor> interceptors) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.name = name;
        AtomicInteger threads = new AtomicInteger();
        // no queue: a task is handed to an idle thread or the fetch thread waits for one
        this.handlers = new ThreadPoolExecutor(concurrency, concurrency, 1, TimeUnit.MINUTES,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, name + "-task-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, FetchLoop::waitForAThread);
        long longPoll = engine.getAsyncResponseTimeout() == null ? 0 : engine.getAsyncResponseTimeout();
        ExternalTaskClientBuilder builder = ExternalTaskClient.create()
                .baseUrl(engine.getBaseUrl())
                .workerId(engine.getWorkerId() + "-" + name)
                // as many per round trip as there are handler threads: under load a fetch costs the engine about
                // as much for several tasks as for one. Tasks of a batch that find every thread busy wait (locked)
                // for one: milliseconds, unless the provider is slow.
                .maxTasks(concurrency)
                .disableAutoFetching()
                .backoffStrategy(backoff)
                .customizeHttpClient(http -> http
                        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                // the long poll, the tasks in hand and their lock extensions, all to the engine
                                .setMaxConnPerRoute(2 * concurrency + 2)
                                .setMaxConnTotal(2 * concurrency + 2)
                                .setDefaultConnectionConfig(ConnectionConfig.custom()
                                        .setConnectTimeout(Timeout.ofMilliseconds(CONNECT_TIMEOUT_MS))
                                        .build())
                                .build())
                        .setDefaultRequestConfig(RequestConfig.custom()
                                .setResponseTimeout(Timeout.ofMilliseconds(longPoll + RESPONSE_MARGIN_MS))
                                .build()));
        if (longPoll > 0) {
            builder.asyncResponseTimeout(longPoll);
        }
        if (engine.getLockDuration() != null) {
            builder.lockDuration(engine.getLockDuration());
        }
        if (engine.getBasicAuth() != null && engine.getBasicAuth().getUsername() != null) {
            builder.addInterceptor(new BasicAuthProvider(engine.getBasicAuth().getUsername(),
                    engine.getBasicAuth().getPassword()));
        }
        interceptors.forEach(builder::addInterceptor);
        this.client = builder.build();
        this.topics = topicHandlers.stream().map(handler -> subscribe(handler, engine)).toList();
    }

    /**
     * A handler and its {@link ExternalTaskSubscription}, the one the starter's shared client would read: on the
     * handler's class or on the {@code @Bean} method that made it.
     */
    public record Topic(ExternalTaskSubscription subscription, ExternalTaskHandler handler) {

        /** The subscribed handler bean {@code beanName}. */
        public static Topic bean(ListableBeanFactory beans, String beanName) {
            ExternalTaskHandler handler = beans.getBean(beanName, ExternalTaskHandler.class);
            return new Topic(required(beans.findAnnotationOnBean(beanName, ExternalTaskSubscription.class),
                    beanName), handler);
        }

        private static ExternalTaskSubscription required(ExternalTaskSubscription subscription, String handler) {
            if (subscription == null) {
                throw new IllegalStateException(handler + " has no @ExternalTaskSubscription");
            }
            return subscription;
        }
    }

    private String subscribe(Topic subscribed, ClientProperties engine) {
        ExternalTaskSubscription subscription = subscribed.subscription();
        ExternalTaskHandler handler = subscribed.handler();
        String topic = given(subscription.topicName()) ? subscription.topicName() : subscription.value();
        SubscriptionConfiguration shared = engine.findSubscriptionPropsByTopicName(topic);
        if (shared == null || !Boolean.FALSE.equals(shared.getAutoOpen())) {
            throw new IllegalStateException("Topic " + topic + " runs in the fetch loop '" + name + "': set "
                    + "camunda.bpm.client.subscriptions." + topic + ".auto-open to false so that the shared "
                    + "client does not fetch it too");
        }
        TopicSubscriptionBuilder topicSubscription = client.subscribe(topic)
                .handler((task, service) -> dispatch(() -> handler.execute(task, service)));
        if (given(subscription.processDefinitionKey())) {
            topicSubscription.processDefinitionKey(subscription.processDefinitionKey());
        }
        if (!(subscription.variableNames().length == 1
                && ExternalTaskSubscription.STRING_NULL_VALUE.equals(subscription.variableNames()[0]))) {
            topicSubscription.variables(subscription.variableNames());
        }
        if (subscription.lockDuration() != ExternalTaskSubscription.LONG_NULL_VALUE) {
            topicSubscription.lockDuration(subscription.lockDuration());
        }
        topicSubscription.open();
        return topic;
    }

    private static boolean given(String value) {
        return value != null && !value.isEmpty() && !ExternalTaskSubscription.STRING_NULL_VALUE.equals(value);
    }

    /** Runs on the fetch thread: hands the task to a handler thread, waiting for one if all are busy. */
    private void dispatch(Runnable work) {
        synchronized (idle) {
            inHand++;
        }
        try {
            handlers.execute(() -> {
                try {
                    work.run();
                } finally {
                    finished();
                }
            });
        } catch (RejectedExecutionException stopped) {
            finished();
            throw stopped;
        }
    }

    private void finished() {
        synchronized (idle) {
            inHand--;
            idle.notifyAll();
        }
    }

    private static void waitForAThread(Runnable task, ThreadPoolExecutor pool) {
        if (pool.isShutdown()) {
            throw new RejectedExecutionException("The fetch loop is stopped");
        }
        try {
            pool.getQueue().put(task);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("Interrupted while waiting for a handler thread", interrupted);
        }
    }

    public void start() {
        client.start();
    }

    /**
     * Stops fetching and waits (at most {@code wait}) for the tasks in hand to finish; the loop can start again.
     * Tasks of the last fetch that did not start are released by their handler ({@link WorkerLifecycle#isStopping}).
     */
    public void stop(Duration wait) {
        client.stop();
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (idle) {
            try {
                for (long left = wait.toMillis(); inHand > 0 && left > 0;
                     left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                    idle.wait(left);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            if (inHand > 0) {
                log.warn("Fetch loop {}: {} tasks still in hand after {}; their locks expire", name, inHand, wait);
            }
        }
    }

    public void stop() {
        stop(STOP_WAIT);
    }

    /** For good, when the application ends: stops and ends the handler threads. */
    public void close() {
        stop();
        handlers.shutdownNow();
    }

    /** Tasks being handled right now. */
    public int inHand() {
        synchronized (idle) {
            return inHand;
        }
    }

    public boolean isActive() {
        return client.isActive();
    }

    public String name() {
        return name;
    }

    public List<String> topics() {
        return topics;
    }

    @Override
    public String toString() {
        return "FetchLoop " + name + " " + Arrays.toString(topics.toArray());
    }
}
