package com.baedal.engine.order;

import com.baedal.contract.api.PlacedOrder;
import com.baedal.contract.api.StepResult;
import com.baedal.support.validation.SafeText;
import com.baedal.support.validation.Uuid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Order commands of customers, store owners and riders (SPEC §5), as the API documents them: paths, parameters,
 * validation and answers. {@link OrderController} implements it. Queries are the read-model's. Error answers are
 * documented by status and description only; the shared OpenAPI setup (service-support) gives them the
 * problem+json schema and the 401 of every operation that needs a token.
 */
@RequestMapping("/api")
@Tag(name = "Order commands", description = "Place and cancel orders; the store's and the rider's steps. Each "
        + "command returns once the engine committed the step; the read-model shows it moments later.")
interface OrderCommandsApi {

    String PLACE_REQUEST_EXAMPLE = """
            {"storeId": "chicken-gangnam",
             "items": [{"menuItemId": "fried-chicken", "quantity": 2}, {"menuItemId": "cola", "quantity": 1}],
             "deliveryAddress": {"region": "gangnam", "street": "Teheran-ro 123, 4F", "lat": 37.5006, "lon": 127.0364},
             "payment": {"method": "CARD", "cardToken": "tok_visa"}}""";
    String PLACED_EXAMPLE = """
            {"orderId": "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11", "status": "PLACED", "total": 41000}""";
    String BAD_BODY_EXAMPLE = """
            {"type": "https://baedal.example/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The request has invalid fields.", "instance": "/api/orders",
             "errors": [{"field": "items", "message": "must not be empty"},
                        {"field": "payment.cardToken", "message": "must not be blank"}]}""";
    String UNKNOWN_ITEM_EXAMPLE = """
            {"type": "https://baedal.example/problems/unknown-menu-item", "title": "Unknown menu item",
             "status": 422, "detail": "Store chicken-gangnam has no menu item pizza.", "instance": "/api/orders"}""";
    String STORE_CLOSED_EXAMPLE = """
            {"type": "https://baedal.example/problems/store-closed", "title": "Store closed", "status": 409,
             "detail": "Store noodles-mapo is closed and takes no orders now.", "instance": "/api/orders"}""";
    String CANCEL_REFUSED_EXAMPLE = """
            {"type": "https://baedal.example/problems/cancel-refused", "title": "Order can no longer be cancelled",
             "status": 409, "detail": "Order 0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11 has started cooking or has ended; \
            it cannot be cancelled.", "instance": "/api/orders/0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11/cancel"}""";

    /** SPEC §7. */
    int IDEMPOTENCY_KEY_MAX_LENGTH = 200;
    int REASON_MAX_LENGTH = 500;
    /**
     * The order id a test chooses for the order it places; honoured only with {@code baedal.dev.chosen-order-ids}
     * (the local profile), ignored everywhere else.
     */
    String DEV_ORDER_ID_HEADER = "Baedal-Dev-Order-Id";

    /** Where a store owner's steps on one order of the store are posted: {@code STORE_ORDER + "/accept"} and so on. */
    String STORE_ORDER = "/stores/{storeId}/orders/{orderId}";

    /**
     * A store owner's step on one order of the store: POST to its path, and the answers every such step shares (the
     * caller must own the store, the order be one of it).
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @RequestMapping(method = RequestMethod.POST)
    @ApiResponse(responseCode = "403", description = "Not the owner of this store")
    @ApiResponse(responseCode = "404", description = "No such order at this store")
    @interface StoreStep {

        @AliasFor(annotation = RequestMapping.class, attribute = "path")
        String[] value();
    }

    /** The 400 of a step whose path holds nothing but ids. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "400", description = "A malformed order id (not a UUID) or store id")
    @interface MalformedIdAnswer {
    }

    /** A store owner's reason may run over several lines; other control characters are refused. */
    record RejectRequest(@NotBlank @Size(max = REASON_MAX_LENGTH) @SafeText(multiline = true) String reason) {
    }

    @Operation(summary = "Place an order (CUSTOMER)", description = """
            Prices come from the store's menu, never from the client. The order is charged automatically right \
            after placement. With an `Idempotency-Key` the same request answers the same order again (no second \
            order); the same key with a different body is 422.""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = PlaceOrderRequest.class),
            examples = @ExampleObject(name = "two fried chickens and a cola", value = PLACE_REQUEST_EXAMPLE)))
    @ApiResponse(responseCode = "201", description = "Placed; `Location` is the order's view in the read-model",
            headers = @Header(name = "Location", description = "/api/orders/{orderId}",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = PlacedOrder.class),
                    examples = @ExampleObject(name = "placed", value = PLACED_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "Bad body: the offending fields are listed in `errors`",
            content = @Content(examples = @ExampleObject(name = "field errors", value = BAD_BODY_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only customers place orders")
    @ApiResponse(responseCode = "409", description = "The store is closed",
            content = @Content(examples = @ExampleObject(name = "store closed", value = STORE_CLOSED_EXAMPLE)))
    @ApiResponse(responseCode = "422", description = "Unknown store or menu item, delivery region not served by "
            + "the store, or the Idempotency-Key was used for a different request",
            content = @Content(examples = @ExampleObject(name = "unknown menu item", value = UNKNOWN_ITEM_EXAMPLE)))
    @PostMapping("/orders")
    ResponseEntity<PlacedOrder> place(@AuthenticationPrincipal Jwt jwt,
                                                @Valid @RequestBody PlaceOrderRequest request,
                                                @Parameter(description = "Makes a retried placement safe: "
                                                        + "the same key and body answer the first order again")
                                                @RequestHeader(name = "Idempotency-Key", required = false)
                                                @Size(min = 1, max = IDEMPOTENCY_KEY_MAX_LENGTH) @SafeText
                                                String idempotencyKey,
                                                @Parameter(hidden = true) // local profile only, for tests
                                                @RequestHeader(name = DEV_ORDER_ID_HEADER, required = false)
                                                @Uuid String chosenOrderId);

    @Operation(summary = "Cancel an order (the CUSTOMER who placed it)", description = """
            Accepted while cooking has not started; the order keeps its status until it becomes CANCELLED and \
            whatever was charged is refunded. `CANCEL_REQUESTED` is the answer, not an order status.""")
    @ApiResponse(responseCode = "202", description = "Cancellation requested")
    @ApiResponse(responseCode = "400", description = "The order id is not a UUID")
    @ApiResponse(responseCode = "403", description = "Not the customer of this order")
    @ApiResponse(responseCode = "404", description = "Unknown order")
    @ApiResponse(responseCode = "409", description = "Cooking has started or the order has ended",
            content = @Content(examples = @ExampleObject(name = "too late", value = CANCEL_REFUSED_EXAMPLE)))
    @PostMapping("/orders/{orderId}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    StepResult cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable @Uuid String orderId);

    @Operation(summary = "Accept a paid order (STORE_OWNER of the store)")
    @ApiResponse(responseCode = "200", description = "Accepted: status ACCEPTED")
    @MalformedIdAnswer
    @ApiResponse(responseCode = "409", description = "The order is not waiting for the store's answer")
    @StoreStep(STORE_ORDER + "/accept")
    StepResult accept(@AuthenticationPrincipal Jwt jwt,
                                 @PathVariable @SafeText @Size(max = 64) String storeId,
                                 @PathVariable @Uuid String orderId);

    @Operation(summary = "Reject a paid order with a reason (STORE_OWNER of the store)",
            description = "The payment is refunded.")
    @ApiResponse(responseCode = "200", description = "Rejected: status REJECTED")
    @ApiResponse(responseCode = "400", description = "`reason` missing, blank or longer than 500 characters")
    @ApiResponse(responseCode = "409", description = "The order is not waiting for the store's answer")
    @StoreStep(STORE_ORDER + "/reject")
    StepResult reject(@AuthenticationPrincipal Jwt jwt,
                                 @PathVariable @SafeText @Size(max = 64) String storeId,
                                 @PathVariable @Uuid String orderId, @Valid @RequestBody RejectRequest request);

    @Operation(summary = "Record that cooking started (STORE_OWNER of the store)",
            description = "From now on the customer can no longer cancel.")
    @ApiResponse(responseCode = "200", description = "Status COOKING")
    @MalformedIdAnswer
    @ApiResponse(responseCode = "409", description = "The order is not accepted / not waiting for cooking")
    @StoreStep(STORE_ORDER + "/cooking-started")
    StepResult cookingStarted(@AuthenticationPrincipal Jwt jwt,
                                         @PathVariable @SafeText @Size(max = 64) String storeId,
                                         @PathVariable @Uuid String orderId);

    @Operation(summary = "Record that cooking finished (STORE_OWNER of the store)",
            description = "Riders of the order's region now see the delivery.")
    @ApiResponse(responseCode = "200", description = "Status READY_FOR_PICKUP")
    @MalformedIdAnswer
    @ApiResponse(responseCode = "409", description = "The order is not cooking")
    @StoreStep(STORE_ORDER + "/cooking-finished")
    StepResult cookingFinished(@AuthenticationPrincipal Jwt jwt,
                                          @PathVariable @SafeText @Size(max = 64) String storeId,
                                          @PathVariable @Uuid String orderId);

    @Operation(summary = "Take a delivery and report the pick-up (RIDER of the order's region)",
            description = "Exactly one rider gets an order: of two concurrent picks one answers 409.")
    @ApiResponse(responseCode = "200", description = "Status PICKED_UP; the caller is the order's rider")
    @MalformedIdAnswer
    @ApiResponse(responseCode = "403", description = "Not a rider of the order's region")
    @ApiResponse(responseCode = "404", description = "Unknown order")
    @ApiResponse(responseCode = "409", description = "Another rider has it, or it is not ready for pick-up")
    @PostMapping("/deliveries/{orderId}/pick")
    StepResult pick(@AuthenticationPrincipal Jwt jwt, @PathVariable @Uuid String orderId);

    @Operation(summary = "Confirm the delivery (the RIDER who picked the order)")
    @ApiResponse(responseCode = "200", description = "Status DELIVERED")
    @MalformedIdAnswer
    @ApiResponse(responseCode = "403", description = "Not the rider who picked this order")
    @ApiResponse(responseCode = "404", description = "Unknown order")
    @ApiResponse(responseCode = "409", description = "The order has not been picked up")
    @PostMapping("/deliveries/{orderId}/complete")
    StepResult complete(@AuthenticationPrincipal Jwt jwt, @PathVariable @Uuid String orderId);
}
