package com.baedal.readmodel.order;

import static com.baedal.support.security.TokenRules.MAX_SUBJECT_LENGTH;

import com.baedal.contract.OrderStatus;
import com.baedal.support.validation.SafeText;
import com.baedal.support.validation.Uuid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The read side of SPEC §5 as the API documents it: one order, lists, a store's board, the riders' deliveries, the
 * live stream. {@link OrderController} implements it. Error answers are documented by status and description; the
 * shared OpenAPI setup (service-support) gives them the problem+json schema and the 401.
 */
@Tag(name = "Order queries", description = "Where is my order: views, lists, a store's board, the riders' "
        + "deliveries and a live status stream, from the Kafka-fed projection (it may lag a command by moments).")
public interface OrderQueriesApi {

    String ORDER_VIEW_EXAMPLE = """
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
    String NOT_FOUND_EXAMPLE = """
            {"type": "https://baedal.example/problems/order-not-found", "title": "Order not found", "status": 404,
             "detail": "No order 0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11.",
             "instance": "/api/orders/0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11"}""";

    int DEFAULT_SIZE = 20;
    /** Store ids and regions of the catalog. */
    int MAX_ID_LENGTH = 64;
    int MAX_SIZE = 100;
    String LAST_EVENT_ID = "Last-Event-ID";

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
    OrderView order(@AuthenticationPrincipal Jwt jwt, @PathVariable @Uuid String orderId);

    @Operation(summary = "A customer's orders, newest first (the CUSTOMER, OPERATOR)", description = """
            A customer lists their own orders (`customerId` may be left out); an operator any customer's. \
            Paged: `page` from 0, `size` 1-100 (default 20).""")
    @ApiResponse(responseCode = "200", description = "A page of order views")
    @ApiResponse(responseCode = "400", description = "Bad paging parameters, or a customer id no token can carry")
    @ApiResponse(responseCode = "403", description = "Another customer's orders, or a role that has no orders")
    @GetMapping("/api/orders")
    OrderPage orders(@AuthenticationPrincipal Jwt jwt,
                     @Parameter(description = "whose orders; a customer may leave it out")
                     @RequestParam(required = false) @Size(max = MAX_SUBJECT_LENGTH) @SafeText
                     String customerId,
                     @RequestParam(defaultValue = "0") int page,
                     @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size);

    @Operation(summary = "The store's board (STORE_OWNER of the store)",
            description = "The store's orders, of one status when `status` is given, oldest first; paged "
                    + "(`size` 1-100, default 100).")
    @ApiResponse(responseCode = "200", description = "A page of order views")
    @ApiResponse(responseCode = "400", description = "Unknown status, bad paging parameters or a malformed store id")
    @ApiResponse(responseCode = "403", description = "Not the owner of this store")
    @GetMapping("/api/stores/{storeId}/orders")
    OrderPage storeOrders(@AuthenticationPrincipal Jwt jwt,
                          @PathVariable @Size(max = MAX_ID_LENGTH) @SafeText String storeId,
                          @RequestParam(required = false) OrderStatus status,
                          @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "" + MAX_SIZE) int size);

    @Operation(summary = "Deliveries waiting for a rider (RIDER of the region)", description = """
            Orders READY_FOR_PICKUP in the region (default: the token's `region`), oldest first; nearest store \
            first when the rider's `lat` and `lon` are given.""")
    @ApiResponse(responseCode = "200", description = "The deliveries")
    @ApiResponse(responseCode = "400", description = "No region, `lat` without `lon` or out of range")
    @ApiResponse(responseCode = "403", description = "Not a rider of this region")
    @GetMapping("/api/deliveries")
    List<Delivery> deliveries(@AuthenticationPrincipal Jwt jwt,
                              @RequestParam(required = false) @Size(max = MAX_ID_LENGTH)
                              @SafeText String region,
                              @RequestParam(required = false) Double lat,
                              @RequestParam(required = false) Double lon);

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
    DeferredResult<SseEmitter> stream(@AuthenticationPrincipal Jwt jwt, @PathVariable @Uuid String orderId,
                                      @Parameter(description = "Id of the last event received, to resume "
                                              + "after it")
                                      @RequestHeader(name = LAST_EVENT_ID, required = false)
                                      String lastEventId);
}
