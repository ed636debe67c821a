package com.baedal.engine.camunda;

import com.baedal.process.OrderProcess;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The order's row lock, held until the end of the current transaction. Steps of an order take it before the engine
 * reads the process instance: the order commands ({@link OrderSteps}) and the workers' completions, BPMN errors and
 * failures ({@link OrderLockingExternalTaskService}). Concurrent steps of one order (a worker completing a
 * notification while the store accepts, two riders picking) then queue on this row and each reads what the one
 * before it committed, instead of deadlocking or losing on the engine's optimistic locking.
 */
@Component
public class OrderLock {

    private final JdbcClient jdbc;

    OrderLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void lock(String orderId) {
        jdbc.sql("select order_id from baedal.customer_order where order_id = :id for update")
                .param("id", UUID.fromString(orderId))
                .query(String.class)
                .optional();
    }

    /**
     * Locks the order of an external task (its process instance's business key), found with plain SQL so that the
     * engine caches nothing of the task before the lock is held. Tasks of other processes lock nothing.
     */
    public void lockOrderOfExternalTask(String externalTaskId) {
        // primary keys all the way: the task, its process instance, the order (business key = order id)
        jdbc.sql("""
                        select o.order_id from act_ru_ext_task t
                            join act_ru_execution e on e.id_ = t.proc_inst_id_
                            join baedal.customer_order o on o.order_id = cast(e.business_key_ as uuid)
                        where t.id_ = :id and t.proc_def_key_ = :processKey
                        for update of o
                        """)
                .param("id", externalTaskId)
                .param("processKey", OrderProcess.PROCESS_KEY)
                .query(String.class)
                .optional();
    }
}
