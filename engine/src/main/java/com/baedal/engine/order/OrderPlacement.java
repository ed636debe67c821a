package com.baedal.engine.order;

import static com.baedal.process.OrderProcess.*;

import com.baedal.contract.OrderNumber;
import com.baedal.contract.OrderStatus;
import com.baedal.contract.Role;
import com.baedal.contract.api.PlacedOrder;
import com.baedal.contract.event.OrderEventData;
import com.baedal.engine.catalog.CatalogService;
import com.baedal.engine.catalog.MenuItem;
import com.baedal.engine.catalog.Store;
import com.baedal.support.OrderLogContext;
import com.baedal.support.security.Caller;
import com.baedal.support.web.ApiProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places an order: prices it from the menu, then records it and starts its {@code order-delivery} process in one
 * transaction (the row is written before the process starts, whose OrderPlaced event is built from the priced order
 * in hand, {@link OrderInHand}). With an
 * Idempotency-Key the same request gives the same answer and never a second order. The order id is random; only with
 * {@code baedal.dev.chosen-order-ids} (local profile) may the caller choose it, so that a test can place an order
 * whose number it knows in advance.
 */
@Service
public class OrderPlacement {

    private final CatalogService catalog;
    private final OrderRepository orders;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final OrderProperties properties;
    private final PaymentCredentialSealer credentials;
    private final boolean chosenOrderIds;

    OrderPlacement(CatalogService catalog, OrderRepository orders, RuntimeService runtime, TransactionTemplate tx,
                   ObjectMapper json, OrderProperties properties, PaymentCredentialSealer credentials,
                   @Value("${baedal.dev.chosen-order-ids:false}") boolean chosenOrderIds) {
        this.catalog = catalog;
        this.orders = orders;
        this.runtime = runtime;
        this.tx = tx;
        this.json = json;
        this.properties = properties;
        this.credentials = credentials;
        this.chosenOrderIds = chosenOrderIds;
    }

    /**
     * Places the order; {@code chosenOrderId} (may be null) is its id when {@code baedal.dev.chosen-order-ids} is on
     * (local profile only) and ignored everywhere else.
     */
    public PlacedOrder place(Caller caller, PlaceOrderRequest request, String idempotencyKey, String chosenOrderId) {
        if (!caller.is(Role.CUSTOMER)) {
            throw ApiProblem.forbidden("Only customers place orders.");
        }
        String requestHash = hash(request);
        if (idempotencyKey != null) {
            Optional<PlacedOrder> earlier = replay(caller, idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        String orderId = chosenOrderIds && chosenOrderId != null
                ? chosenOrderId.toLowerCase(Locale.ROOT)
                : UUID.randomUUID().toString();
        NewOrder order = price(orderId, caller, request, idempotencyKey, requestHash);
        // the new order's id in every log line from here on (the request path names no order)
        try (OrderLogContext.Scope ignored = OrderLogContext.open(order.orderId())) {
            return start(caller, order, idempotencyKey, requestHash);
        }
    }

    private PlacedOrder start(Caller caller, NewOrder order, String idempotencyKey, String requestHash) {
        try {
            tx.executeWithoutResult(status -> {
                // The row first: the process's events count on it. OrderPlaced is the order in hand.
                orders.insert(order);
                String processInstanceId = OrderInHand.whileStarting(order.orderId(), order.placed(),
                        () -> runtime.createProcessInstanceByKey(PROCESS_KEY)
                                .businessKey(order.orderId())
                                .setVariables(variables(order))
                                .execute()
                                .getId());
                orders.attachProcessInstance(order.orderId(), processInstanceId);
            });
        } catch (DuplicateKeyException duplicate) {
            // The same Idempotency-Key was placed by a concurrent call that committed first, or a chosen order id
            // (local profile) is taken.
            Optional<PlacedOrder> twin = idempotencyKey == null ? Optional.empty()
                    : replay(caller, idempotencyKey, requestHash);
            return twin.orElseThrow(() -> ApiProblem.conflict("order-id-taken", "Order id taken",
                    "There is an order " + order.orderId() + " already."));
        }
        return new PlacedOrder(order.orderId(), OrderStatus.PLACED, order.total());
    }

    private Optional<PlacedOrder> replay(Caller caller, String idempotencyKey, String requestHash) {
        return orders.findByIdempotencyKey(caller.subject(), idempotencyKey).map(earlier -> {
            if (!earlier.requestHash().equals(requestHash)) {
                throw ApiProblem.unprocessable("idempotency-key-reused", "Idempotency-Key reused",
                        "This Idempotency-Key was used for a different order request.");
            }
            return new PlacedOrder(earlier.orderId(), OrderStatus.PLACED, earlier.total());
        });
    }

    private NewOrder price(String orderId, Caller caller, PlaceOrderRequest request, String idempotencyKey,
                           String requestHash) {
        Store store = catalog.findStore(request.storeId()).orElseThrow(() -> ApiProblem.unprocessable(
                "unknown-store", "Unknown store", "There is no store " + request.storeId() + "."));
        Map<String, MenuItem> menu = catalog.menu(store.storeId()).stream()
                .collect(Collectors.toMap(MenuItem::menuItemId, Function.identity()));
        List<OrderEventData.Item> lines = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        long total = 0;
        for (PlaceOrderRequest.Item item : request.items()) {
            MenuItem menuItem = menu.get(item.menuItemId());
            if (menuItem == null) {
                throw ApiProblem.unprocessable("unknown-menu-item", "Unknown menu item",
                        "Store " + store.storeId() + " has no menu item " + item.menuItemId() + ".");
            }
            long lineTotal = Math.multiplyExact(menuItem.price(), item.quantity());
            total = Math.addExact(total, lineTotal);
            lines.add(new OrderEventData.Item(menuItem.menuItemId(), menuItem.name(), menuItem.price(),
                    item.quantity(), lineTotal));
            summary.add(item.quantity() + " x " + menuItem.name());
        }
        PlaceOrderRequest.DeliveryAddress address = request.deliveryAddress();
        if (!store.region().equals(address.region())) {
            throw ApiProblem.unprocessable("region-not-served", "Region not served",
                    "Store " + store.storeId() + " delivers in " + store.region() + " only, not in "
                            + address.region() + ".");
        }
        if (!store.open()) {
            throw ApiProblem.conflict("store-closed", "Store closed",
                    "Store " + store.storeId() + " is closed and takes no orders now.");
        }
        return new NewOrder(orderId, OrderNumber.of(orderId), caller.subject(), store.storeId(), store.name(),
                store.pickUpAddress(), store.lat(), store.lon(), store.region(), List.copyOf(lines),
                String.join(", ", summary), total,
                new OrderEventData.DeliveryAddress(address.region(), address.street(), address.lat(), address.lon()),
                address.street() + " (" + address.region() + ")", request.payment().method(),
                request.payment().cardToken(), idempotencyKey, requestHash);
    }

    private VariableMap variables(NewOrder order) {
        return Variables.createVariables()
                .putValue(VAR_ORDER_ID, order.orderId())
                .putValue(VAR_ORDER_NUMBER, order.orderNumber())
                .putValue(VAR_CUSTOMER_ID, order.customerId())
                .putValue(VAR_STORE_ID, order.storeId())
                .putValue(VAR_STORE_NAME, order.storeName())
                .putValue(VAR_STORE_ADDRESS, order.storeAddress())
                .putValue(VAR_REGION, order.region())
                .putValue(VAR_ITEMS_SUMMARY, order.itemsSummary())
                .putValue(VAR_TOTAL, order.total())
                .putValue(VAR_DELIVERY_ADDRESS, order.deliveryAddressText())
                .putValue(VAR_PAYMENT_METHOD, order.paymentMethod())
                // the card token enters the process sealed for the payment service, never in plain
                .putValue(VAR_PAYMENT_CREDENTIAL, credentials.seal(order.orderId(), order.cardToken()))
                .putValue(VAR_STORE_ANSWER_TIMEOUT, properties.storeAnswerTimeout().toString())
                .putValue(VAR_RIDER_SEARCH_TIMEOUT, properties.riderSearchTimeout().toString());
    }

    private String hash(PlaceOrderRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint the order request", e);
        }
    }

}
