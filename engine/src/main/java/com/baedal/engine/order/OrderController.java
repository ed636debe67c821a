package com.baedal.engine.order;

import com.baedal.contract.api.PlacedOrder;
import com.baedal.contract.api.StepResult;
import com.baedal.support.security.Caller;
import java.net.URI;
import lombok.RequiredArgsConstructor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.RestController;

/** Order commands (SPEC §5): hands each to {@link OrderPlacement} or {@link OrderSteps}; see {@link OrderCommandsApi}. */
@RestController
@RequiredArgsConstructor
class OrderController implements OrderCommandsApi {

    private final OrderPlacement placement;
    private final OrderSteps steps;

    @Override
    public ResponseEntity<PlacedOrder> place(Jwt jwt, PlaceOrderRequest request, String idempotencyKey,
                                                      String chosenOrderId) {
        PlacedOrder placed = placement.place(Caller.from(jwt), request, idempotencyKey, chosenOrderId);
        return ResponseEntity.created(URI.create("/api/orders/" + placed.orderId())).body(placed);
    }

    @Override
    public StepResult cancel(Jwt jwt, String orderId) {
        return steps.cancel(Caller.from(jwt), orderId);
    }

    @Override
    public StepResult accept(Jwt jwt, String storeId, String orderId) {
        return steps.accept(Caller.from(jwt), storeId, orderId);
    }

    @Override
    public StepResult reject(Jwt jwt, String storeId, String orderId, RejectRequest request) {
        return steps.reject(Caller.from(jwt), storeId, orderId, request.reason());
    }

    @Override
    public StepResult cookingStarted(Jwt jwt, String storeId, String orderId) {
        return steps.cookingStarted(Caller.from(jwt), storeId, orderId);
    }

    @Override
    public StepResult cookingFinished(Jwt jwt, String storeId, String orderId) {
        return steps.cookingFinished(Caller.from(jwt), storeId, orderId);
    }

    @Override
    public StepResult pick(Jwt jwt, String orderId) {
        return steps.pick(Caller.from(jwt), orderId);
    }

    @Override
    public StepResult complete(Jwt jwt, String orderId) {
        return steps.complete(Caller.from(jwt), orderId);
    }
}
