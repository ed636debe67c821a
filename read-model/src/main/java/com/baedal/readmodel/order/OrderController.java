package com.baedal.readmodel.order;

import com.baedal.process.OrderStatus;
import com.baedal.readmodel.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The read side of SPEC §5: one order, lists, a store's board, the riders' deliveries, the live stream. */
@RestController
public class OrderController {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    private final OrderQueries queries;
    private final OrderStreamHub streams;

    public OrderController(OrderQueries queries, OrderStreamHub streams) {
        this.queries = queries;
        this.streams = streams;
    }

    @GetMapping("/api/orders/{orderId}")
    public OrderView order(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        return visibleOrder(Caller.from(jwt), orderId);
    }

    @GetMapping("/api/orders")
    public OrderPage orders(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String customerId,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
        String customer = OrderAccess.customerFilter(Caller.from(jwt), customerId);
        checkPaging(page, size);
        return queries.byCustomer(customer, page, size);
    }

    @GetMapping("/api/stores/{storeId}/orders")
    public OrderPage storeOrders(@AuthenticationPrincipal Jwt jwt, @PathVariable String storeId,
                                 @RequestParam(required = false) OrderStatus status,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "" + MAX_SIZE) int size) {
        OrderAccess.checkStoreOwner(Caller.from(jwt), storeId);
        checkPaging(page, size);
        return queries.byStore(storeId, status, page, size);
    }

    @GetMapping("/api/deliveries")
    public java.util.List<Delivery> deliveries(@AuthenticationPrincipal Jwt jwt,
                                               @RequestParam(required = false) String region,
                                               @RequestParam(required = false) Double lat,
                                               @RequestParam(required = false) Double lon) {
        Caller caller = Caller.from(jwt);
        String wanted = region != null ? region : caller.region();
        if (wanted == null) {
            throw new BadQueryException("region is required.");
        }
        OrderAccess.checkRiderOf(caller, wanted);
        if ((lat == null) != (lon == null)) {
            throw new BadQueryException("lat and lon go together.");
        }
        if (lat != null && (lat < -90 || lat > 90 || lon < -180 || lon > 180)) {
            throw new BadQueryException("lat must be within [-90, 90] and lon within [-180, 180].");
        }
        return queries.deliveries(wanted, lat, lon);
    }

    /**
     * Server-Sent Events: first the current status, then one {@code status} event per change; the stream ends after
     * a final status.
     */
    @GetMapping(path = "/api/orders/{orderId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        Caller caller = Caller.from(jwt);
        visibleOrder(caller, orderId);
        return streams.subscribe(caller, orderId);
    }

    private OrderView visibleOrder(Caller caller, String orderId) {
        return queries.find(orderId).filter(view -> OrderAccess.canView(caller, view))
                .orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    private static void checkPaging(int page, int size) {
        if (page < 0) {
            throw new BadQueryException("page must be >= 0.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new BadQueryException("size must be between 1 and " + MAX_SIZE + ".");
        }
    }
}
