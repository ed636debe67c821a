/**
 * Baedal's integration into Camunda 7: everything the engine does to {@code order-delivery} beyond running the
 * BPMN, in one place. {@link com.baedal.engine.camunda.OrderProcessPlugin} (a {@code ProcessEnginePlugin} the
 * starter applies) wires the rest into the engine's configuration before it starts.
 *
 * <h2>How the steps of one order are serialised</h2>
 * An order moves through steps that come from four directions: the API's commands (a store accepts, a rider picks,
 * a customer cancels), Tasklist completions, the workers' external-task completions, failures and BPMN errors, and
 * the engine's own timers. Two of them may arrive at the same moment for one order (a worker completing "notify
 * store" while the store accepts; two riders picking). Camunda alone would let both read the process instance,
 * and one would lose at commit with an optimistic-locking failure, or on PostgreSQL the two would deadlock on the
 * instance's rows.
 * <ol>
 *   <li><b>One lock per order.</b> {@code order.OrderRepository#lock} (the one door to {@code customer_order})
 *       takes the order's row lock ({@code select ... for update}) at the start of the step's transaction, before the
 *       engine reads anything of the process instance. The row lock is held to commit, so the next step of the
 *       same order waits and then reads what the one before it committed. Steps of different orders never wait
 *       for each other.</li>
 *   <li><b>Commands</b> ({@code order.OrderSteps}) take the lock themselves, then correlate or complete in the same
 *       transaction; an optimistic-locking loss against a timer (which does not take the lock) is retried.</li>
 *   <li><b>Workers</b> reach the engine through {@code /engine-rest/external-task}, i.e. the engine's
 *       {@code ExternalTaskService}. The plugin replaces it with
 *       {@link com.baedal.engine.camunda.OrderLockingExternalTaskService}: complete, BPMN error and failure lock
 *       the order of the task (found by plain SQL from the task id, so that the engine caches nothing first) and
 *       then run Camunda's own command unchanged.</li>
 *   <li><b>What a step writes happens in that step's transaction.</b>
 *       {@link com.baedal.engine.camunda.OrderEventParseListener} attaches built-in listeners to the elements
 *       the contract names; each writes its order event into the outbox ({@code events.OrderEventWriter}) in the
 *       step's transaction, so an event exists exactly when its step committed, and in the order the lock
 *       imposed. {@link com.baedal.engine.camunda.OrderTaskParseListener} gives every user task its order number,
 *       card and owner hand-over ({@code process.OrderTaskCreateListener}) and makes the pick-up's assignee the
 *       order's rider ({@code order.RiderAssignment}), again inside the completing step.</li>
 *   <li><b>Tasklist</b> goes through the task and form services the plugin replaces with guarded ones
 *       ({@code process.GuardedTaskService}, {@code process.GuardedFormService}): who may claim and complete which
 *       task of an order.</li>
 * </ol>
 * The outbox relay then publishes the events with the order id as Kafka key, so consumers see one order's events
 * in the order its steps committed.
 */
package com.baedal.engine.camunda;
