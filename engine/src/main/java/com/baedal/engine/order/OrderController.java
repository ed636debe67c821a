package com.baedal.engine.order;

import com.baedal.engine.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Order commands of customers, store owners and riders (SPEC §5). Queries are the read-model's. */
@RestController
@RequestMapping("/api")
@Validated
class OrderController {

    private final OrderPlacement placement;
    private final OrderSteps steps;

    OrderController(OrderPlacement placement, OrderSteps steps) {
        this.placement = placement;
        this.steps = steps;
    }

    record RejectRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/orders")
    ResponseEntity<OrderPlacement.Placed> place(@AuthenticationPrincipal Jwt jwt,
                                                @Valid @RequestBody PlaceOrderRequest request,
                                                @RequestHeader(name = "Idempotency-Key", required = false)
                                                @Size(min = 1, max = 200) String idempotencyKey) {
        OrderPlacement.Placed placed = placement.place(Caller.from(jwt), request, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/orders/" + placed.orderId())).body(placed);
    }

    @PostMapping("/orders/{orderId}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    OrderSteps.StepResult cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        return steps.cancel(Caller.from(jwt), orderId);
    }

    @PostMapping("/stores/{storeId}/orders/{orderId}/accept")
    OrderSteps.StepResult accept(@AuthenticationPrincipal Jwt jwt, @PathVariable String storeId,
                                 @PathVariable String orderId) {
        return steps.accept(Caller.from(jwt), storeId, orderId);
    }

    @PostMapping("/stores/{storeId}/orders/{orderId}/reject")
    OrderSteps.StepResult reject(@AuthenticationPrincipal Jwt jwt, @PathVariable String storeId,
                                 @PathVariable String orderId, @Valid @RequestBody RejectRequest request) {
        return steps.reject(Caller.from(jwt), storeId, orderId, request.reason());
    }

    @PostMapping("/stores/{storeId}/orders/{orderId}/cooking-started")
    OrderSteps.StepResult cookingStarted(@AuthenticationPrincipal Jwt jwt, @PathVariable String storeId,
                                         @PathVariable String orderId) {
        return steps.cookingStarted(Caller.from(jwt), storeId, orderId);
    }

    @PostMapping("/stores/{storeId}/orders/{orderId}/cooking-finished")
    OrderSteps.StepResult cookingFinished(@AuthenticationPrincipal Jwt jwt, @PathVariable String storeId,
                                          @PathVariable String orderId) {
        return steps.cookingFinished(Caller.from(jwt), storeId, orderId);
    }

    @PostMapping("/deliveries/{orderId}/pick")
    OrderSteps.StepResult pick(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        return steps.pick(Caller.from(jwt), orderId);
    }

    @PostMapping("/deliveries/{orderId}/complete")
    OrderSteps.StepResult complete(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        return steps.complete(Caller.from(jwt), orderId);
    }
}
