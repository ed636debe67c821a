package com.baedal.readmodel.order;

import static com.baedal.support.security.TokenRules.MAX_SUBJECT_LENGTH;

import com.baedal.contract.OrderStatus;
import com.baedal.readmodel.ReadModelProperties;
import com.baedal.support.security.Caller;
import com.baedal.support.validation.SafeText;
import com.baedal.support.validation.Uuid;
import com.baedal.support.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The read side of SPEC §5: one order, lists, a store's board, the riders' deliveries, the live stream. Error
 * answers are documented by status and description; the shared OpenAPI setup (service-support) gives them the
 * problem+json schema.
 */
@RestController
@Tag(name = "Order queries", description = "Where is my order: views, lists, a store's board, the riders' "
        + "deliveries and a live status stream, from the Kafka-fed projection (it may lag a command by moments).")
public class OrderController {

    static final String ORDER_VIEW_EXAMPLE = """
            {"orderId": "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11", "customerId": "kim", "storeId": "chicken-gangnam",
             "status": "ACCEPTED", "total": 41000,
             "items": [{"menuItemId": "fried-chicken", "name": "Fried chicken", "price": 19000, "quantity": 2,
                        "lineTotal": 38000},
                       {"menuItemId": "cola", "name": "Cola", "price": 3000, "quantity": 1, "lineTotal": 3000}],
             "deliveryAddress": {"region": "gangnam", "street": "Teheran-ro 123, 4F", "lat": 37.5006,
                                 "lon": 127.0364},
             "payment": {"status": "APPROVED", "amount": 41000, "cancelled": false},
             "riderId": null,
             "history": [{"status": "PLACED", "at": "2026-11-24T10:15:30.123Z"},
                         {"status": "PAID", "at": "2026-11-24T10:15:30.871Z"},
                         {"status": "ACCEPTED", "at": "2026-11-24T10:16:02.410Z"}],
             "updatedAt": "2026-11-24T10:16:02.410Z"}""";
    static final String NOT_FOUND_EXAMPLE = """
            {"type": "https://baedal.example/problems/order-not-found", "title": "Order not found", "status": 404,
             "detail": "No order 0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11.",
             "instance": "/api/orders/0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11"}""";

    static final int DEFAULT_SIZE = 20;
    /** Store ids and regions of the catalog. */
    static final int MAX_ID_LENGTH = 64;
    static final int MAX_SIZE = 100;
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final Pattern EVENT_ID = Pattern.compile("\\d{1,18}");

    private final OrderQueries queries;
    private final OrderStreamHub streams;
    private final Duration awaitUnknownOrder;

    public OrderController(OrderQueries queries, OrderStreamHub streams, ReadModelProperties properties) {
        this.queries = queries;
        this.streams = streams;
        this.awaitUnknownOrder = properties.stream().awaitUnknownOrder();
    }

    @Operation(summary = "One order with its history", description = """
            Visible to the order's customer, the store's owner, riders of the region while it is \
            READY_FOR_PICKUP and afterwards only the rider who picked it, and operators. Everyone else gets 404, \
            as for an unknown order.""")
    @ApiResponse(responseCode = "200", description = "The order view",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class),
                    examples = @ExampleObject(name = "accepted order", value = ORDER_VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "The order id is not a UUID")
    @ApiResponse(responseCode = "404", description = "Unknown order, or not visible to the caller",
            content = @Content(examples = @ExampleObject(name = "not found", value = NOT_FOUND_EXAMPLE)))
    @GetMapping("/api/orders/{orderId}")
    public OrderView order(@AuthenticationPrincipal Jwt jwt, @PathVariable @Uuid String orderId) {
        return visibleOrder(Caller.from(jwt), orderId);
    }

    @Operation(summary = "A customer's orders, newest first (the CUSTOMER, OPERATOR)", description = """
            A customer lists their own orders (`customerId` may be left out); an operator any customer's. \
            Paged: `page` from 0, `size` 1-100 (default 20).""")
    @ApiResponse(responseCode = "200", description = "A page of order views")
    @ApiResponse(responseCode = "400", description = "Bad paging parameters, or a customer id no token can carry")
    @ApiResponse(responseCode = "403", description = "Another customer's orders, or a role that has no orders")
    @GetMapping("/api/orders")
    public OrderPage orders(@AuthenticationPrincipal Jwt jwt,
                            @Parameter(description = "whose orders; a customer may leave it out")
                            @RequestParam(required = false) @Size(max = MAX_SUBJECT_LENGTH) @SafeText
                            String customerId,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
        String customer = OrderAccess.customerFilter(Caller.from(jwt), customerId);
        checkPaging(page, size);
        return queries.byCustomer(customer, page, size);
    }

    @Operation(summary = "The store's board (STORE_OWNER of the store)",
            description = "The store's orders, of one status when `status` is given, oldest first; paged "
                    + "(`size` 1-100, default 100).")
    @ApiResponse(responseCode = "200", description = "A page of order views")
    @ApiResponse(responseCode = "400", description = "Unknown status, bad paging parameters or a malformed store id")
    @ApiResponse(responseCode = "403", description = "Not the owner of this store")
    @GetMapping("/api/stores/{storeId}/orders")
    public OrderPage storeOrders(@AuthenticationPrincipal Jwt jwt,
                                 @PathVariable @Size(max = MAX_ID_LENGTH) @SafeText String storeId,
                                 @RequestParam(required = false) OrderStatus status,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "" + MAX_SIZE) int size) {
        OrderAccess.checkStoreOwner(Caller.from(jwt), storeId);
        checkPaging(page, size);
        return queries.byStore(storeId, status, page, size);
    }

    @Operation(summary = "Deliveries waiting for a rider (RIDER of the region)", description = """
            Orders READY_FOR_PICKUP in the region (default: the token's `region`), oldest first; nearest store \
            first when the rider's `lat` and `lon` are given.""")
    @ApiResponse(responseCode = "200", description = "The deliveries")
    @ApiResponse(responseCode = "400", description = "No region, `lat` without `lon` or out of range")
    @ApiResponse(responseCode = "403", description = "Not a rider of this region")
    @GetMapping("/api/deliveries")
    public java.util.List<Delivery> deliveries(@AuthenticationPrincipal Jwt jwt,
                                               @RequestParam(required = false) @Size(max = MAX_ID_LENGTH)
                                               @SafeText String region,
                                               @RequestParam(required = false) Double lat,
                                               @RequestParam(required = false) Double lon) {
        Caller caller = Caller.from(jwt);
        String wanted = region != null ? region : caller.region();
        if (wanted == null) {
            throw ApiProblem.invalid("region", "is required (or a rider token with a region).");
        }
        OrderAccess.checkRiderOf(caller, wanted);
        if ((lat == null) != (lon == null)) {
            throw ApiProblem.invalid(lat == null ? "lat" : "lon", "lat and lon go together.");
        }
        if (lat != null && !(lat >= -90 && lat <= 90)) { // NaN fails too
            throw ApiProblem.invalid("lat", "must be within [-90, 90]");
        }
        if (lon != null && !(lon >= -180 && lon <= 180)) {
            throw ApiProblem.invalid("lon", "must be within [-180, 180]");
        }
        return queries.deliveries(wanted, lat, lon);
    }

    /**
     * Server-Sent Events: first the current status, then one {@code status} event per change; the stream ends after
     * a final status. Each event's id is its history sequence, so a client that reconnects with {@code Last-Event-ID}
     * (as EventSource does by itself) gets every change it missed, in order, instead of only the current status.
     */
    @Operation(summary = "Live status of an order (Server-Sent Events)", description = """
            Visible as `GET /api/orders/{orderId}`. First the current status, then one event per change, named \
            `status`, data `{"orderId","status","at"}`, id = the change's sequence; the stream ends after a final \
            status (DELIVERED, REJECTED, CANCELLED, PAYMENT_FAILED). Reconnecting with `Last-Event-ID` resumes \
            after that event: every later change in order (nothing, and the stream ends, if it was the final one). \
            An order the read-model has not seen yet (placed a moment ago) is waited for (3 s by default) before 404.""")
    @ApiResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = StatusEvent.class),
            examples = @ExampleObject(name = "status event", value = """
                    event:status
                    data:{"orderId":"0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11","status":"COOKING",\
                    "at":"2026-11-24T10:18:40.002Z"}
                    """)))
    @ApiResponse(responseCode = "400", description = "The order id is not a UUID, or `Last-Event-ID` is not an event id of this API")
    @ApiResponse(responseCode = "404", description = "Unknown order, or not visible to the caller")
    @GetMapping(path = "/api/orders/{orderId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public DeferredResult<SseEmitter> stream(@AuthenticationPrincipal Jwt jwt, @PathVariable @Uuid String orderId,
                                             @Parameter(description = "Id of the last event received, to resume "
                                                     + "after it")
                                             @RequestHeader(name = LAST_EVENT_ID, required = false)
                                             String lastEventId) {
        Caller caller = Caller.from(jwt);
        OptionalLong resumeAfter = resumeAfter(lastEventId);
        DeferredResult<SseEmitter> result = new DeferredResult<>(awaitUnknownOrder.toMillis());
        Optional<OrderView> view = queries.find(orderId);
        if (view.isPresent()) {
            if (!OrderAccess.canView(caller, view.get())) {
                throw ApiProblem.orderNotFound(orderId);
            }
            result.setResult(streams.subscribe(caller, orderId, resumeAfter));
            return result;
        }
        // Placed a moment ago, OrderPlaced not projected yet: wait for the order's first change (holding no thread)
        // and answer then, or 404 when the wait is over.
        AtomicBoolean answered = new AtomicBoolean();
        Runnable answer = () -> {
            if (answered.compareAndSet(false, true)) {
                try {
                    visibleOrder(caller, orderId);
                    result.setResult(streams.subscribe(caller, orderId, resumeAfter));
                } catch (RuntimeException e) {
                    result.setErrorResult(e);
                }
            }
        };
        Runnable cancel = streams.awaitChange(orderId, answer);
        result.onTimeout(() -> {
            cancel.run();
            if (answered.compareAndSet(false, true)) {
                result.setErrorResult(ApiProblem.orderNotFound(orderId));
            }
        });
        if (queries.find(orderId).isPresent()) { // projected between the first look and the registration
            cancel.run();
            answer.run();
        }
        return result;
    }

    private static OptionalLong resumeAfter(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return OptionalLong.empty();
        }
        if (!EVENT_ID.matcher(lastEventId.strip()).matches()) {
            throw ApiProblem.invalid(LAST_EVENT_ID, "must be the id of an event of this stream (a number)");
        }
        return OptionalLong.of(Long.parseLong(lastEventId.strip()));
    }

    private OrderView visibleOrder(Caller caller, String orderId) {
        return queries.find(orderId).filter(view -> OrderAccess.canView(caller, view))
                .orElseThrow(() -> ApiProblem.orderNotFound(orderId));
    }

    private static void checkPaging(int page, int size) {
        if (page < 0) {
            throw ApiProblem.invalid("page", "must be >= 0");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiProblem.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
    }
}
