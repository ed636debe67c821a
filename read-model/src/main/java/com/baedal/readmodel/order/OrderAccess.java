package com.baedal.readmodel.order;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.Role;
import com.baedal.support.security.Caller;
import com.baedal.support.web.ApiProblem;
import java.util.Objects;

/** The access rules of SPEC §5 for the read side. */
public final class OrderAccess {

    private OrderAccess() {
    }

    /**
     * Who may see one order (view and stream): its customer, the owner of its store, the riders of its region while
     * it waits for pick-up and afterwards only the rider who picked it, and operators.
     */
    public static boolean canView(Caller caller, OrderView order) {
        return switch (caller.role()) {
            case OPERATOR -> true;
            case CUSTOMER -> Objects.equals(caller.subject(), order.customerId());
            case STORE_OWNER -> caller.storeId() != null && caller.storeId().equals(order.storeId());
            case RIDER -> (order.riderId() != null && order.riderId().equals(caller.subject()))
                    || (order.status() == OrderStatus.READY_FOR_PICKUP && order.riderId() == null
                    && caller.region() != null && caller.region().equals(order.region()));
        };
    }

    /**
     * Whose orders {@code GET /api/orders} lists: a customer only their own (another customerId is 403), an operator
     * anyone's ({@code null}: all customers).
     */
    public static String customerFilter(Caller caller, String requestedCustomerId) {
        if (caller.is(Role.OPERATOR)) {
            return requestedCustomerId;
        }
        if (caller.is(Role.CUSTOMER)) {
            if (requestedCustomerId != null && !requestedCustomerId.equals(caller.subject())) {
                throw ApiProblem.forbidden("A customer can only list their own orders.");
            }
            return caller.subject();
        }
        throw ApiProblem.forbidden("Only customers and operators list orders.");
    }

    public static void checkStoreOwner(Caller caller, String storeId) {
        if (!caller.is(Role.STORE_OWNER) || !storeId.equals(caller.storeId())) {
            throw ApiProblem.forbidden("Only the owner of store " + storeId + " sees its orders.");
        }
    }

    public static void checkRiderOf(Caller caller, String region) {
        if (!caller.is(Role.RIDER) || !region.equals(caller.region())) {
            throw ApiProblem.forbidden("Only riders of region " + region + " see its deliveries.");
        }
    }
}
