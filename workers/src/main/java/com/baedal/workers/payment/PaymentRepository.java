package com.baedal.workers.payment;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PaymentRepository extends JpaRepository<Payment, String> {

    /** Creates the record unless it exists; concurrent callers for one order wait for each other here. */
    @Modifying
    @Query(value = """
            insert into payment (order_id, customer_id, amount, status, cancelled, attempts, created_at, updated_at,
                                 version)
            values (:orderId, :customerId, :amount, :status, false, 0, now(), now(), 0)
            on conflict (order_id) do nothing
            """, nativeQuery = true)
    int insertIfAbsent(@Param("orderId") String orderId, @Param("customerId") String customerId,
                       @Param("amount") long amount, @Param("status") String status);

    /** The record, locked until the end of the transaction (SELECT ... FOR UPDATE). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Payment p where p.orderId = :orderId")
    Optional<Payment> lockByOrderId(@Param("orderId") String orderId);
}
