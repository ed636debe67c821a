package com.baedal.readmodel.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.PaymentStatus;
import com.baedal.contract.Role;
import com.baedal.support.security.Caller;
import com.baedal.support.web.ApiProblem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderAccessTest {

    private static OrderView order(OrderStatus status, String riderId) {
        return new OrderView("o-1", "cust-1", "store-1", status, 1000, null, null,
                new OrderView.Payment(PaymentStatus.APPROVED, 1000L, false), riderId, List.of(), Instant.now(),
                "gangnam");
    }

    private static Caller caller(String sub, Role role, String storeId, String region) {
        return new Caller(sub, role, storeId, region);
    }

    @Test
    void customerOwnerOperatorAndRidersOfTheRegion() {
        OrderView ready = order(OrderStatus.READY_FOR_PICKUP, null);
        assertThat(OrderAccess.canView(caller("cust-1", Role.CUSTOMER, null, null), ready)).isTrue();
        assertThat(OrderAccess.canView(caller("cust-2", Role.CUSTOMER, null, null), ready)).isFalse();
        assertThat(OrderAccess.canView(caller("o", Role.STORE_OWNER, "store-1", null), ready)).isTrue();
        assertThat(OrderAccess.canView(caller("o", Role.STORE_OWNER, "store-2", null), ready)).isFalse();
        assertThat(OrderAccess.canView(caller("o", Role.STORE_OWNER, null, null), ready)).isFalse();
        assertThat(OrderAccess.canView(caller("admin", Role.OPERATOR, null, null), ready)).isTrue();
        assertThat(OrderAccess.canView(caller("r1", Role.RIDER, null, "gangnam"), ready)).isTrue();
        assertThat(OrderAccess.canView(caller("r1", Role.RIDER, null, "mapo"), ready)).isFalse();
    }

    @Test
    void ridersSeeAnOrderOnlyWhileReadyAndThenOnlyTheOneWhoPickedIt() {
        assertThat(OrderAccess.canView(caller("r1", Role.RIDER, null, "gangnam"), order(OrderStatus.COOKING, null)))
                .isFalse();
        OrderView picked = order(OrderStatus.PICKED_UP, "r1");
        assertThat(OrderAccess.canView(caller("r1", Role.RIDER, null, "gangnam"), picked)).isTrue();
        assertThat(OrderAccess.canView(caller("r2", Role.RIDER, null, "gangnam"), picked)).isFalse();
        assertThat(OrderAccess.canView(caller("r1", Role.RIDER, null, "gangnam"), order(OrderStatus.DELIVERED, "r1")))
                .isTrue();
    }

    @Test
    void listFilters() {
        assertThat(OrderAccess.customerFilter(caller("c1", Role.CUSTOMER, null, null), null)).isEqualTo("c1");
        assertThat(OrderAccess.customerFilter(caller("c1", Role.CUSTOMER, null, null), "c1")).isEqualTo("c1");
        assertThatThrownBy(() -> OrderAccess.customerFilter(caller("c1", Role.CUSTOMER, null, null), "c2"))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("403");
        assertThat(OrderAccess.customerFilter(caller("a", Role.OPERATOR, null, null), null)).isNull();
        assertThat(OrderAccess.customerFilter(caller("a", Role.OPERATOR, null, null), "c2")).isEqualTo("c2");
        assertThatThrownBy(() -> OrderAccess.customerFilter(caller("r", Role.RIDER, null, "gangnam"), null))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("403");
        assertThatThrownBy(() -> OrderAccess.checkStoreOwner(caller("o", Role.STORE_OWNER, "s2", null), "s1"))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("403");
        OrderAccess.checkStoreOwner(caller("o", Role.STORE_OWNER, "s1", null), "s1");
        assertThatThrownBy(() -> OrderAccess.checkRiderOf(caller("r", Role.RIDER, null, "mapo"), "gangnam"))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("403");
        assertThatThrownBy(() -> OrderAccess.checkRiderOf(caller("o", Role.OPERATOR, null, "gangnam"), "gangnam"))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("403");
        OrderAccess.checkRiderOf(caller("r", Role.RIDER, null, "gangnam"), "gangnam");
    }
}
