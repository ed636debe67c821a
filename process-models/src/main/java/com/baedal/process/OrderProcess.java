package com.baedal.process;

import java.util.Set;

/**
 * The contract of the {@code order-delivery} process: the one place that spells its keys, element ids,
 * external-task topics, message names, variable names, BPMN error codes and the order statuses.
 * The BPMN file uses the same strings; {@code OrderProcessContractTest} keeps the two in step.
 */
public final class OrderProcess {

    private OrderProcess() {
    }

    public static final String PROCESS_KEY = "order-delivery";
    public static final String BPMN_RESOURCE = "bpmn/order-delivery.bpmn";

    // ---- user tasks (task definition keys) ----------------------------------------------------------
    public static final String TASK_ACCEPT_ORDER = "acceptOrder";
    public static final String TASK_START_COOKING = "startCooking";
    public static final String TASK_FINISH_COOKING = "finishCooking";
    public static final String TASK_PICK_UP = "pickUp";
    public static final String TASK_CONFIRM_DELIVERY = "confirmDelivery";

    // ---- external (service) tasks -------------------------------------------------------------------
    public static final String TASK_CHARGE_PAYMENT = "chargePayment";
    public static final String TASK_REFUND_PAYMENT = "refundPayment";
    public static final String TASK_REFUND_CHARGE_IN_FLIGHT = "refundChargeInFlight";
    public static final String TASK_NOTIFY_STORE = "notifyStore";
    public static final String TASK_NOTIFY_RIDERS = "notifyRiders";
    public static final String TASK_NOTIFY_RIDER_SEARCH_ESCALATION = "notifyRiderSearchEscalation";
    public static final String TASK_NOTIFY_CUSTOMER = "notifyCustomer";

    // ---- other elements ------------------------------------------------------------------------------
    public static final String START_ORDER_PLACED = "orderPlaced";
    public static final String SUBPROCESS_BEFORE_COOKING = "beforeCooking";
    public static final String EVENT_SUBPROCESS_CANCELLATION = "cancellation";
    /**
     * Interrupting event subprocess that refunds a rejected (or timed-out) order. Being interrupting, it removes
     * the cancel-message subscription, so a cancel can no longer interrupt the rejection's refund.
     */
    public static final String EVENT_SUBPROCESS_REJECTION = "rejection";
    public static final String EVENT_CANCEL_REQUESTED = "cancelRequested";
    public static final String EVENT_STORE_ANSWER_TIMEOUT = "storeAnswerTimeout";
    public static final String EVENT_RIDER_SEARCH_TIMEOUT = "riderSearchTimeout";
    public static final String EVENT_PAYMENT_DECLINED = "paymentDeclined";
    public static final String EVENT_ORDER_REJECTED = "orderRejectedBoundary";
    public static final String EVENT_ORDER_CANCELLED = "orderCancelledBoundary";
    public static final String END_PAYMENT_FAILED = "endPaymentFailed";
    public static final String END_ORDER_REJECTED = "endOrderRejected";
    public static final String END_ORDER_CANCELLED = "endOrderCancelled";
    public static final String END_ORDER_DELIVERED = "endOrderDelivered";
    /** Start event of the rejection event subprocess: the order is rejected from here on (store answer or timer). */
    public static final String EVENT_REJECTION_STARTED = "rejectionStarted";

    // ---- sequence flows the engine listens on (order events) -------------------------------------------
    /** Leaves chargePayment normally: the charge was approved. */
    public static final String FLOW_PAYMENT_TAKEN = "flowToPaymentTakenSplit";
    /** The "yes" flow out of the order-accepted gateway. */
    public static final String FLOW_ORDER_ACCEPTED = "flowOrderAccepted";

    // ---- external-task topics ------------------------------------------------------------------------
    public static final String TOPIC_PAYMENT_CHARGE = "payment-charge";
    public static final String TOPIC_PAYMENT_REFUND = "payment-refund";
    public static final String TOPIC_NOTIFY_STORE = "notify-store";
    public static final String TOPIC_NOTIFY_RIDERS = "notify-riders";
    public static final String TOPIC_NOTIFY_RIDER_SEARCH_ESCALATION = "notify-rider-search-escalation";
    public static final String TOPIC_NOTIFY_CUSTOMER = "notify-customer";

    public static final Set<String> TOPICS = Set.of(TOPIC_PAYMENT_CHARGE, TOPIC_PAYMENT_REFUND, TOPIC_NOTIFY_STORE,
            TOPIC_NOTIFY_RIDERS, TOPIC_NOTIFY_RIDER_SEARCH_ESCALATION, TOPIC_NOTIFY_CUSTOMER);

    // ---- messages ------------------------------------------------------------------------------------
    public static final String MESSAGE_CANCEL_REQUESTED = "order-cancel-requested";

    // ---- BPMN error codes ----------------------------------------------------------------------------
    /** Thrown by the payment worker when the card provider declines; caught on the subprocess boundary. */
    public static final String ERROR_PAYMENT_DECLINED = "PAYMENT_DECLINED";
    /** Thrown inside the process when the store rejected the order or did not answer in time. */
    public static final String ERROR_ORDER_REJECTED = "ORDER_REJECTED";
    /** Thrown inside the process when the customer's cancellation has been handled. */
    public static final String ERROR_ORDER_CANCELLED = "ORDER_CANCELLED";

    // ---- BPMN escalation codes -----------------------------------------------------------------------
    /** Thrown inside "Until cooking starts" when the store rejected or did not answer; starts the rejection. */
    public static final String ESCALATION_REJECT_ORDER = "REJECT_ORDER";

    // ---- process variables (primitives and strings only: nothing Java-serialized) ------------------------------------
    public static final String VAR_ORDER_ID = "orderId";
    public static final String VAR_ORDER_NUMBER = "orderNumber";
    public static final String VAR_CUSTOMER_ID = "customerId";
    public static final String VAR_STORE_ID = "storeId";
    public static final String VAR_STORE_NAME = "storeName";
    /** Where the rider picks the food up: the store's street and region, as text. */
    public static final String VAR_STORE_ADDRESS = "storeAddress";
    public static final String VAR_REGION = "region";
    /**
     * Set by the engine when the rider search times out: the regions next to the order's, comma-separated, whose
     * riders are asked too. The engine owns the region map ({@code baedal.regions}); the workers take it as data.
     */
    public static final String VAR_NEIGHBOUR_REGIONS = "neighbourRegions";
    public static final String VAR_ITEMS_SUMMARY = "itemsSummary";
    public static final String VAR_TOTAL = "total";
    public static final String VAR_DELIVERY_ADDRESS = "deliveryAddress";
    public static final String VAR_PAYMENT_METHOD = "paymentMethod";
    /**
     * The customer's card token, sealed at placement for the payment service alone: a compact JWE encrypted to the
     * payment service's public key (the format, shared by the engine that seals and the worker that opens, is
     * {@code com.baedal.support.payment.PaymentCredential} in service-support). Only the payment worker holds the
     * private key: the card token itself never enters the process, its history, a task or a log, and a credential
     * sealed for another order is refused.
     */
    public static final String VAR_PAYMENT_CREDENTIAL = "paymentCredential";
    /**
     * Set by the payment worker when it completes the charge: a payment status name. Contract for the refund
     * handlers ({@link #TASK_REFUND_PAYMENT}, {@link #TASK_REFUND_CHARGE_IN_FLIGHT}): the refund worker completes
     * with {@code paymentStatus = "REFUNDED"} (PaymentStatus.REFUNDED) exactly when it returned money; completing
     * without it means nothing was returned. The engine emits PaymentRefunded on that value and on nothing else.
     */
    public static final String VAR_PAYMENT_STATUS = "paymentStatus";
    /** Set when the store answers: true = accepted, false = rejected. */
    public static final String VAR_ACCEPTED = "accepted";
    public static final String VAR_REJECTION_REASON = "rejectionReason";
    /**
     * Confirmations asked by the forms of start cooking, finish cooking, pick up and confirm delivery: checkboxes
     * that must be ticked to complete the task. A user task completes with exactly the fields of its form (the engine
     * checks them against the deployed form), so the order commands of the API send these too.
     */
    public static final String VAR_COOKING_STARTED_CONFIRMED = "cookingStartedConfirmed";
    public static final String VAR_COOKING_FINISHED_CONFIRMED = "cookingFinishedConfirmed";
    public static final String VAR_PICKED_UP_CONFIRMED = "pickedUpConfirmed";
    public static final String VAR_DELIVERED = "delivered";
    /** The rider who picked the order up; the confirm-delivery task is assigned to them. */
    public static final String VAR_RIDER_ID = "riderId";
    /**
     * The W3C traceparent of what started the order's current external task (the placement, a command, a worker's
     * completion): the engine sets it when the task starts, the worker fetches it and continues that trace.
     */
    public static final String VAR_TRACEPARENT = "traceparent";
    /** ISO-8601 durations of the two timers, set at start from configuration. */
    public static final String VAR_STORE_ANSWER_TIMEOUT = "storeAnswerTimeout";
    public static final String VAR_RIDER_SEARCH_TIMEOUT = "riderSearchTimeout";

    /**
     * The order's routing and money facts: written by placement, the workers and the process itself, never by a task
     * user. No form has an editable field of one of these names (the engine refuses such a form).
     */
    public static final Set<String> ORDER_FACTS = Set.of(VAR_ORDER_ID, VAR_CUSTOMER_ID, VAR_STORE_ID, VAR_REGION,
            VAR_TOTAL, VAR_PAYMENT_METHOD, VAR_PAYMENT_CREDENTIAL, VAR_PAYMENT_STATUS, VAR_RIDER_ID);

    // ---- the order number ------------------------------------------------------------------------------------
    public static final String DEFAULT_STORE_ANSWER_TIMEOUT = "PT5M";
    public static final String DEFAULT_RIDER_SEARCH_TIMEOUT = "PT10M";

    /** Rejection reason recorded when the store did not answer in time. */
    public static final String REASON_STORE_TIMEOUT = "STORE_TIMEOUT";

    // ---- forms ---------------------------------------------------------------------------------------
    public static final String FORM_ACCEPT_ORDER = "accept-order";
    public static final String FORM_START_COOKING = "start-cooking";
    public static final String FORM_FINISH_COOKING = "finish-cooking";
    public static final String FORM_PICK_UP = "pick-up";
    public static final String FORM_CONFIRM_DELIVERY = "confirm-delivery";

    // ---- groups ----------------------------------------------------------------------------------------
    public static final String GROUP_STORE_PREFIX = "store-";
    public static final String GROUP_RIDERS_PREFIX = "riders-";
    public static final String GROUP_OPERATORS = "operators";

    public static String storeGroup(String storeId) {
        return GROUP_STORE_PREFIX + storeId;
    }

    public static String ridersGroup(String region) {
        return GROUP_RIDERS_PREFIX + region;
    }
}
