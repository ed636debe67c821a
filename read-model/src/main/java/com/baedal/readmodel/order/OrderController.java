package com.baedal.readmodel.order;

import com.baedal.contract.OrderStatus;
import com.baedal.readmodel.ReadModelProperties;
import com.baedal.support.security.Caller;
import com.baedal.support.web.ApiProblem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The order queries ({@link OrderQueriesApi}): who may see what is decided per order ({@link OrderAccess}), the
 * answers come from the projection ({@link OrderQueries}) and the live streams ({@link OrderStreamHub}).
 */
@RestController
public class OrderController implements OrderQueriesApi {

    private static final Pattern EVENT_ID = Pattern.compile("\\d{1,18}");

    private final OrderQueries queries;
    private final OrderStreamHub streams;
    private final Duration awaitUnknownOrder;

    public OrderController(OrderQueries queries, OrderStreamHub streams, ReadModelProperties properties) {
        this.queries = queries;
        this.streams = streams;
        this.awaitUnknownOrder = properties.stream().awaitUnknownOrder();
    }

    @Override
    public OrderView order(Jwt jwt, String orderId) {
        return visibleOrder(Caller.from(jwt), orderId);
    }

    @Override
    public OrderPage orders(Jwt jwt, String customerId, int page, int size) {
        String customer = OrderAccess.customerFilter(Caller.from(jwt), customerId);
        checkPaging(page, size);
        return queries.byCustomer(customer, page, size);
    }

    @Override
    public OrderPage storeOrders(Jwt jwt, String storeId, OrderStatus status, int page, int size) {
        OrderAccess.checkStoreOwner(Caller.from(jwt), storeId);
        checkPaging(page, size);
        return queries.byStore(storeId, status, page, size);
    }

    @Override
    public List<Delivery> deliveries(Jwt jwt, String region, Double lat, Double lon) {
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

    @Override
    public DeferredResult<SseEmitter> stream(Jwt jwt, String orderId, String lastEventId) {
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
